"""Write the site's security and caching headers, from one definition, into the built output.

Usage: python -m site_tools.build.security_headers [SITE_DIR] [--json]     (default: site)

Writes SITE_DIR/_headers, which Netlify and Cloudflare Pages read. scripts/site_tools/serving/nginx.py turns that same
file into nginx's form (deploy/nginx.conf), so both hosts send the same headers.

The Content-Security-Policy allows the site's own files plus the SHA-256 hashes of the reviewed inline scripts
(scripts/data/known-scripts.yml) that the final built HTML carries: never 'unsafe-inline', and never a hash for a
script nobody reviewed. checks/page_scripts.py decides which scripts are listed. Run it after every step that
changes the HTML. It fails, with every problem listed, when the built HTML holds a script that is not on the list,
or something the policy would block (inline event handlers, javascript: links, inline styles), or when the number
of distinct inline scripts grows with the page count (a per-page script such as Material's scope script without
extra.scope in mkdocs.yml). A problem in page content is named by its Markdown file and line when it is found there.
Exit 0 when written, 1 when the HTML needs fixing, 2 when the site cannot be read.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lxml import etree

from site_tools.built_pages import PARSER, BuiltPage
from site_tools.checks.page_scripts import KnownScripts, check_page_scripts
from site_tools.findings import CannotRun, Finding, StepResult, built_site, step_main
from site_tools.project import MKDOCS_YML, ROOT, load_config
from site_tools.sources import source_for_page

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

# Data URLs in the built CSS (Material's icons as mask images) are the only reason to allow data: images.
DATA_URL_IN_CSS = re.compile(r"""url\(\s*["']?data:""")


@dataclass
class SiteScan:
    """What the built site needs from the policy, and what the policy would block."""

    hashes: set[str] = field(default_factory=set)  # the listed inline scripts the pages carry: the CSP allows these
    inline: set[str] = field(default_factory=set)  # every inline script the pages carry, listed or not
    # hash -> (first page, line, start of the script) and the number of pages carrying it
    where: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    pages_with: dict[str, int] = field(default_factory=dict)
    most_on_one_page: int = 0
    data_images: bool = False
    manifest: bool = False
    problems: list[Finding] = field(default_factory=list)

    def problem(self, page: BuiltPage, el, needle: str, what: str, fix: str) -> None:
        """A finding at the Markdown line when the element is article content found in its source, else the page's."""
        file, line = page.locate(el, None, needle)
        self.problems.append(Finding(file, line, what if file == page.rel else f"{what} (on {page.rel})", fix, CHECK))


def scan_page(page: BuiltPage, found: SiteScan, known: KnownScripts) -> None:
    if page.root is None:
        return
    scripts = check_page_scripts(page, known)
    found.problems += scripts.findings
    found.hashes |= scripts.hashes
    found.inline |= set(scripts.inline)
    for digest, (line, start) in scripts.inline.items():
        found.where.setdefault(digest, (page.rel, line, start))
    if page.root.xpath("//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']"):
        return  # a redirect stub (mkdocs-redirects): its one script names its own target (known-scripts.yml)
    for digest in scripts.inline:
        found.pages_with[digest] = found.pages_with.get(digest, 0) + 1
    found.most_on_one_page = max(found.most_on_one_page, len(scripts.inline))
    for element in page.root.iter(etree.Element):
        if element.get("style") is not None:
            found.problem(page, element, "style=", f"style= attribute on <{element.tag}> is blocked by the CSP",
                          "use a class and put the rule in docs/stylesheets/extra.css")
        if element.tag == "style":
            found.problem(page, element, "<style", "inline <style> element is blocked by the CSP",
                          "put the rules in docs/stylesheets/extra.css")
        if element.tag == "link" and "manifest" in (element.get("rel") or "").lower().split():
            found.manifest = True
        if element.tag == "img" and (element.get("src") or "").startswith("data:"):
            found.data_images = True


def scan_site(site: Path, docs: Path | None = None) -> SiteScan:
    """Scan every page. docs: the Markdown sources, to name the line a problem in page content came from."""
    found = SiteScan()
    known = KnownScripts.load()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        root = etree.fromstring(data, PARSER) if data.strip() else None
        scan_page(BuiltPage(rel, root, source_for_page(rel, docs, ROOT) if docs else None), found, known)
    for path in sorted(site.rglob("*.css")):
        if DATA_URL_IN_CSS.search(path.read_text(encoding="utf-8", errors="replace")):
            found.data_images = True
    if len(found.pages_with) > found.most_on_one_page:
        # Some inline script differs between pages: every variant would need its own hash in the header.
        total = max(found.pages_with.values())
        for digest in sorted(found.pages_with, key=lambda d: found.where[d]):
            if found.pages_with[digest] < total:
                rel, line, start = found.where[digest]
                found.problems.append(Finding(
                    rel, line, f"inline script {start!r}... differs from page to page"
                    f" ({found.pages_with[digest]} of the pages carry this version)",
                    "make it the same on every page (Material's scope script: set extra.scope in "
                    "mkdocs.yml) or move it into a .js file under docs/javascripts/", CHECK))
    return found


def content_security_policy(found: SiteScan, scripts: set[str]) -> str:
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", *sorted(scripts)]),
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


def site_headers(found: SiteScan, scripts: set[str] | None = None) -> dict[str, str]:
    """The headers every response carries. The CSP allows the listed inline scripts found (found.hashes), or
    the scripts given: nginx_forms() gives a stock build, which is not this site, every inline script it has."""
    policy = content_security_policy(found, found.hashes if scripts is None else scripts)
    return {"Content-Security-Policy": policy, **STATIC_HEADERS}


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

    A site without _headers (a stock build, for comparison) gets headers computed from its HTML now. It is not
    this site, so its policy allows the inline scripts it has, reviewed or not: it is only ever served to compare.
    """
    headers_file = site / HEADERS_FILE
    if headers_file.exists():
        every, cache = read_headers_file(headers_file.read_text(encoding="utf-8"))
    else:
        found = scan_site(site)
        every = site_headers(found, found.inline)
        cache = {asset: CACHE_HASHED for asset in hashed_assets(site)}
    conf = ["# Generated from _headers by scripts/site_tools/serving/nginx.py. 'always' adds them to error responses too."]
    conf += [f"add_header {name} {nginx_quote(value)} always;" for name, value in every.items()]
    cache_map = [f"default {nginx_quote(CACHE_DEFAULT)};"]
    cache_map += [f"{nginx_quote(path)} {nginx_quote(value)};" for path, value in sorted(cache.items())]
    return "\n".join(conf) + "\n", "\n".join(cache_map) + "\n"


def once_per_site(problems: list[Finding]) -> list[Finding]:
    """A problem in theme markup is on every page: name the first place, and say how often the site has it."""
    alike: dict[tuple[str, str], list[Finding]] = {}
    for finding in problems:
        alike.setdefault((finding.what, finding.fix), []).append(finding)
    return [same[0] if len(same) == 1 else
            Finding(same[0].file, same[0].line,
                    f"{same[0].what} ({len(same)} times, on {len({f.file for f in same})} page(s))",
                    same[0].fix, same[0].check)
            for same in alike.values()]


def docs_folder() -> Path:
    """The Markdown sources, to name the line a problem in page content came from."""
    try:
        return ROOT / (load_config(MKDOCS_YML).get("docs_dir") or "docs")
    except (OSError, yaml.YAMLError):
        return ROOT / "docs"  # the check (checks/run.py) names the broken config


def run(site: Path) -> StepResult:
    """Write SITE/_headers; write nothing when the HTML holds what a strict policy would block."""
    if not any(built_site(site).rglob("*.html")):
        raise CannotRun(f"{site}: no built pages here — run 'make build' first")
    found = scan_site(site, docs_folder())
    if found.problems:
        return StepResult(once_per_site(found.problems), f"a strict Content-Security-Policy would block them: {HEADERS_FILE} not written")
    (site / HEADERS_FILE).write_text(headers_file_text(site_headers(found), hashed_assets(site)), encoding="utf-8")
    return StepResult([], f"wrote {site.name}/{HEADERS_FILE}: CSP with {len(found.hashes)} inline-script hash(es), "
                          f"{len(hashed_assets(site))} immutable asset(s)")


def main(argv: list[str] | None = None) -> int:
    return step_main(__doc__, run, argv)


if __name__ == "__main__":
    sys.exit(main())
