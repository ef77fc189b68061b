"""Write the site's security and caching headers, from one definition, into the built output.

Usage: python -m site_tools.build.security_headers [SITE_DIR] [--json]     (default: site)

Writes SITE_DIR/_headers, which Netlify and Cloudflare Pages read. scripts/site_tools/serving/nginx.py turns that same
file into nginx's form (deploy/nginx.conf), so both hosts send the same headers.

The Content-Security-Policy allows the site's own files plus the SHA-256 hashes of the inline scripts
found in the final built HTML, so it follows Material upgrades without 'unsafe-inline'. Run it after
every step that changes the HTML. It fails, with every problem listed, when the built HTML holds
something the policy would block (inline event handlers, javascript: links, inline styles) or when the
number of distinct inline scripts grows with the page count (a per-page script such as Material's
scope script without extra.scope in mkdocs.yml).
Exit 0 when written, 1 when the HTML needs fixing, 2 when the site cannot be read.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

from site_tools.findings import CannotRun, Finding, StepResult, built_site, step_main

HEADERS_FILE = "_headers"
CHECK = "security-headers"

# ---- The one definition -------------------------------------------------------------------------
STATIC_HEADERS = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",  # two years
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# Fingerprinted files (Material's bundle, search worker and stylesheets) never change under one name.
HASHED_ASSET = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)$")
CACHE_HASHED = "public, max-age=31536000, immutable"
# HTML and every other file: the browser may keep it but must ask the server again before reuse.
# Netlify and Cloudflare Pages send this same value by default; nginx sends it from cache-control.map.
CACHE_DEFAULT = "public, max-age=0, must-revalidate"

# <script type> values a browser runs. Data blocks (application/json, application/ld+json) are not run.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Data URLs in the built CSS (Material's icons as mask images) are the only reason to allow data: images.
DATA_URL_IN_CSS = re.compile(r"""url\(\s*["']?data:""")


@dataclass
class SiteScan:
    """What the built site needs from the policy, and what the policy would block."""

    hashes: set[str] = field(default_factory=set)
    # hash -> (first page, line, start of the script) and the number of pages carrying it
    where: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    pages_with: dict[str, int] = field(default_factory=dict)
    most_on_one_page: int = 0
    data_images: bool = False
    manifest: bool = False
    problems: list[Finding] = field(default_factory=list)

    def problem(self, rel: str, line: int | None, what: str, fix: str) -> None:
        self.problems.append(Finding(rel, line, what, fix, CHECK))


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def scan_page(rel: str, data: bytes, found: SiteScan) -> None:
    root = lxml_html.fromstring(data)
    on_page: set[str] = set()
    for script in root.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if script.get("src") is not None or kind not in SCRIPT_TYPES:
            continue
        digest = script_hash(script.text or "")
        found.where.setdefault(digest, (rel, script.sourceline, (script.text or "").strip()[:60]))
        on_page.add(digest)
    found.hashes |= on_page
    if root.xpath("//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']"):
        return  # a redirect stub (mkdocs-redirects): its one script names its own target, hashed as it is
    for digest in on_page:
        found.pages_with[digest] = found.pages_with.get(digest, 0) + 1
    found.most_on_one_page = max(found.most_on_one_page, len(on_page))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        line = element.sourceline
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.problem(rel, line, f"inline event handler {name}= on <{element.tag}> is blocked by the CSP",
                              "move the code into a .js file under docs/javascripts/ and add it with extra_javascript")
            elif name == "style":
                found.problem(rel, line, f"style= attribute on <{element.tag}> is blocked by the CSP",
                              "use a class and put the rule in docs/stylesheets/extra.css")
            elif name in ("href", "src", "action") and value.strip().lower().startswith("javascript:"):
                found.problem(rel, line, f"javascript: URL in {name}= on <{element.tag}> is blocked by the CSP",
                              "use a real link, or a .js file under docs/javascripts/ added with extra_javascript")
        if element.tag == "style":
            found.problem(rel, line, "inline <style> element is blocked by the CSP",
                          "put the rules in docs/stylesheets/extra.css")
        if element.tag == "link" and "manifest" in (element.get("rel") or "").lower().split():
            found.manifest = True
        if element.tag == "img" and (element.get("src") or "").startswith("data:"):
            found.data_images = True


def scan_site(site: Path) -> SiteScan:
    found = SiteScan()
    for path in sorted(site.rglob("*.html")):
        scan_page(path.relative_to(site).as_posix(), path.read_bytes(), found)
    for path in sorted(site.rglob("*.css")):
        if DATA_URL_IN_CSS.search(path.read_text(encoding="utf-8", errors="replace")):
            found.data_images = True
    if len(found.pages_with) > found.most_on_one_page:
        # Some inline script differs between pages: every variant would need its own hash in the header.
        total = max(found.pages_with.values())
        for digest in sorted(found.pages_with, key=lambda d: found.where[d]):
            if found.pages_with[digest] < total:
                rel, line, start = found.where[digest]
                found.problem(rel, line, f"inline script {start!r}... differs from page to page"
                              f" ({found.pages_with[digest]} of the pages carry this version)",
                              "make it the same on every page (Material's scope script: set extra.scope in "
                              "mkdocs.yml) or move it into a .js file under docs/javascripts/")
    return found


def content_security_policy(found: SiteScan) -> str:
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", *sorted(found.hashes)]),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", *(["data:"] if found.data_images else [])]),
        ("connect-src", ["'self'"]),  # the search worker fetches search/search_index.json
        ("worker-src", ["'self'"]),  # the search worker itself
        ("manifest-src", ["'self'" if found.manifest else "'none'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'none'"]),
        ("frame-ancestors", ["'none'"]),
        ("object-src", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def site_headers(found: SiteScan) -> dict[str, str]:
    """The headers every response carries."""
    return {"Content-Security-Policy": content_security_policy(found), **STATIC_HEADERS}


def hashed_assets(site: Path) -> list[str]:
    """URL paths of the fingerprinted files."""
    return sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*") if HASHED_ASSET.search(p.name))


def headers_file_text(headers: dict[str, str], assets: list[str]) -> str:
    lines = ["# Generated by scripts/site_tools/build/security_headers.py at build time. Do not edit: change the script."]
    lines += ["/*", *(f"  {name}: {value}" for name, value in headers.items())]
    for asset in assets:
        lines += [asset, f"  Cache-Control: {CACHE_HASHED}"]
    return "\n".join(lines) + "\n"


def read_headers_file(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Parse a _headers file this script wrote: (headers for every path, Cache-Control by exact path)."""
    every: dict[str, str] = {}
    cache: dict[str, str] = {}
    path = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            path = line.strip()
            continue
        name, _, value = line.strip().partition(":")
        if path == "/*":
            every[name.strip()] = value.strip()
        elif name.strip().lower() == "cache-control":
            cache[path] = value.strip()
    return every, cache


def nginx_quote(value: str) -> str:
    if '"' in value or "\\" in value or "$" in value:
        raise ValueError(f"header value cannot be written for nginx: {value!r}")
    return f'"{value}"'


def nginx_forms(site: Path) -> tuple[str, str]:
    """nginx's form of SITE/_headers: (security-headers.conf, cache-control.map).

    A site without _headers (a stock build, for comparison) gets headers computed from its HTML now.
    """
    headers_file = site / HEADERS_FILE
    if headers_file.exists():
        every, cache = read_headers_file(headers_file.read_text(encoding="utf-8"))
    else:
        every = site_headers(scan_site(site))
        cache = {asset: CACHE_HASHED for asset in hashed_assets(site)}
    conf = ["# Generated from _headers by scripts/site_tools/serving/nginx.py. 'always' adds them to error responses too."]
    conf += [f"add_header {name} {nginx_quote(value)} always;" for name, value in every.items()]
    cache_map = [f"default {nginx_quote(CACHE_DEFAULT)};"]
    cache_map += [f"{nginx_quote(path)} {nginx_quote(value)};" for path, value in sorted(cache.items())]
    return "\n".join(conf) + "\n", "\n".join(cache_map) + "\n"


def run(site: Path) -> StepResult:
    """Write SITE/_headers; write nothing when the HTML holds what a strict policy would block."""
    if not any(built_site(site).rglob("*.html")):
        raise CannotRun(f"{site}: no built pages here — run 'make build' first")
    found = scan_site(site)
    if found.problems:
        return StepResult(found.problems, f"a strict Content-Security-Policy would block them: {HEADERS_FILE} not written")
    (site / HEADERS_FILE).write_text(headers_file_text(site_headers(found), hashed_assets(site)), encoding="utf-8")
    return StepResult([], f"wrote {site.name}/{HEADERS_FILE}: CSP with {len(found.hashes)} inline-script hash(es), "
                          f"{len(hashed_assets(site))} immutable asset(s)")


def main(argv: list[str] | None = None) -> int:
    return step_main(__doc__, run, argv)


if __name__ == "__main__":
    sys.exit(main())
