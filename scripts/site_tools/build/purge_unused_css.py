"""Publish only the theme CSS the site uses: purge Material's fingerprinted stylesheets with PurgeCSS.

A post-build step of scripts/site_tools/build/run.py, before build/minify.py and build/security_headers.py.
Usage: python -m site_tools.build.purge_unused_css SITE_DIR [--cache DIR] [--json]

1. Finds the fingerprinted stylesheets (NAME.HASH.min.css) that the built HTML links as stylesheets.
   Works for MkDocs (assets/stylesheets/) and Zensical (assets/stylesheets/modern/).
2. Keeps every rule whose classes, ids, tags and attributes appear in the site's content: every built
   HTML page, every script (Material's bundle and search worker build the search results, dialogs and
   tooltips at run time, and their class names are in the scripts) and the search index. PurgeCSS
   (pinned in scripts/node) does the work, with its default extractor and the safelist below.
3. Writes the result under a NEW name, NAME.NEWHASH.min.css: browsers cache fingerprinted files as
   immutable, so the content under one name never changes. Rewrites every page's <link> to it and
   deletes the original. lxml finds the links; the rewrite is a text edit of the href, because writing
   every page back through lxml would change the rest of it (it lower-cases SVG's viewBox, for one).
   When an href is not written as lxml reads it (a character reference in it, say), the step fails
   with a finding that names the page, before it changes any file.

Node and PurgeCSS cost about half a second, so results are cached in .cache/purge_unused_css/ (not
committed), keyed by a hash of exactly what PurgeCSS reads: the stylesheet, the PurgeCSS version, the
runner scripts/purge_css.cjs, the options (with the custom properties named elsewhere), and the set of tokens taken from the content the way
PurgeCSS's default extractor takes them. PurgeCSS is given that token set itself, so a cached result
is by construction the result a fresh run would give.
Exit 0 when done, 1 when PurgeCSS is missing or fails or a link cannot be rewritten (nothing is changed
then), 2 on bad usage. Problems are findings, printed by site_tools.findings.report().
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from site_tools.findings import Finding, StepResult, report
from site_tools.project import NODE_MODULES, ROOT

RUNNER = Path(__file__).resolve().with_name("purge_css.cjs")
CACHE = ROOT / ".cache" / "purge_unused_css"
CACHE_KEEP = 40  # cached results kept (newest first); each is one stylesheet

# Material's fingerprinted stylesheets: main.57a0d79d.min.css, palette.fb2fffe2.min.css.
THEME_CSS = re.compile(r"^(?P<stem>[\w-]+)\.(?P<hash>[0-9a-f]{8,})\.min\.css$")
# Files whose text may name a class, id, tag or attribute that the page uses.
CONTENT_SUFFIXES = (".html", ".js", ".json")
# PurgeCSS's default extractor (lib/purgecss.js: defaultExtractor), token for token.
TOKEN = re.compile(r"[A-Za-z0-9_-]+")
CUSTOM_PROPERTY = re.compile(r"--[A-Za-z0-9_-]+")
RTL_PAGE = etree.XPath("boolean(//*[@dir='rtl'])")
# Material's state attributes: its script sets them, with values it builds at run time, on elements
# the HTML never shows them on, so rules that test them are always kept. Not the palette's
# data-md-color-* attributes: the script copies those, names and values, from the palette toggle's
# inputs in the HTML, so PurgeCSS keeps the colours the site uses and drops the other 20 or so.
DYNAMIC_ATTRIBUTE = re.compile(r"\[\s*(data-md-(?!color-)[\w-]+)")

OPTIONS = {
    # Keep every @font-face and @keyframes (PurgeCSS's defaults); drop unused custom properties
    # (Material's :root defines icons as long data URLs for admonition types the site never uses).
    "fontFace": False,
    "keyframes": False,
    "variables": True,
    "safelist": {
        # Set by Material's script at run time without a literal class name in the scripts:
        # the search result list, highlight marks, tooltips, dialogs and state modifiers.
        # Today every one of them is also literal in the scripts; the safelist guards a theme update.
        "standard": [r"^md-search-result", r"^md-tooltip", r"^md-dialog", r"^focus-visible$", r"^mark$"],
        "greedy": [],
        "deep": [],
    },
}
INSTALL_HINT = "run `make node` (npm ci in scripts/node installs the pinned purgecss)"
CHECK = "purge-unused-css"


class PurgeError(Exception):
    """The stylesheets could not be purged: what went wrong, how to fix it, and where (a file or folder)."""

    def __init__(self, what: str, fix: str, file: str = "scripts/node"):
        super().__init__(f"{what} — {fix}")
        self.finding = Finding(file, None, f"unused CSS not purged: {what}", fix, CHECK)


def find_purgecss() -> Path:
    """The purgecss package folder: one on NODE_PATH when set (as Node looks there too; tests plant a broken
    one this way), else the pinned one in scripts/node."""
    folders = [*(Path(p) for p in os.environ.get("NODE_PATH", "").split(os.pathsep) if p), NODE_MODULES]
    for folder in folders:
        if (folder / "purgecss" / "package.json").is_file():
            return folder / "purgecss"
    raise PurgeError("purgecss is not installed", INSTALL_HINT)


def resolve(page: Path, href: str, site: Path) -> Path | None:
    """The file under site that a link on page points to, or None (other host, outside site)."""
    url = urlsplit(href)
    if url.scheme or url.netloc or not url.path:
        return None
    path = unquote(url.path)
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    return target if target.is_relative_to(site) else None


def stylesheet_links(site: Path, pages: list[Path]) -> tuple[dict[Path, dict[str, Path]], bool]:
    """Each page's rel=stylesheet links to a fingerprinted theme stylesheet (href -> file), and whether
    any page is right-to-left. Every page is parsed once, here."""
    links: dict[Path, dict[str, Path]] = {}
    rtl = False
    for page in pages:
        root = lxml_html.fromstring(page.read_bytes())
        rtl = rtl or RTL_PAGE(root)
        found = links[page] = {}
        for link in root.iter("link"):
            href = link.get("href")
            if not href or "stylesheet" not in (link.get("rel") or "").lower().split():
                continue
            target = resolve(page, href, site)
            if target and THEME_CSS.match(target.name) and target.is_file():
                found[href] = target
    return links, rtl


def content_tokens(site: Path, rtl: bool) -> list[str]:
    """Every token PurgeCSS's default extractor finds in the site's HTML, scripts and JSON, sorted.

    Less one: 'rtl' when no page is right-to-left. Material's script only reads dir ("...=== 'rtl'"),
    it never sets it, so the theme's many [dir=rtl] rules serve no page of a left-to-right site.
    """
    tokens: set[str] = set()
    for path in sorted(site.rglob("*")):
        if path.suffix in CONTENT_SUFFIXES and path.is_file():
            tokens.update(TOKEN.findall(path.read_text(encoding="utf-8", errors="replace")))
    if not rtl:
        tokens.discard("rtl")
    return sorted(tokens)


def purgecss_options(css: str, names_elsewhere: list[str]) -> dict:
    """PurgeCSS's options for one stylesheet. Custom properties go when nothing uses them: not in this
    stylesheet's kept rules, nor named in another of the site's stylesheets or in its content (the
    palette sets Material's colour variables, Material's script sets --md-tooltip-x and others)."""
    return dict(OPTIONS, dynamicAttributes=sorted(set(DYNAMIC_ATTRIBUTE.findall(css))),
                safelist=dict(OPTIONS["safelist"], variables=[f"^{re.escape(name)}$" for name in names_elsewhere]))


def custom_properties_elsewhere(site: Path, sheet: Path, tokens: list[str]) -> list[str]:
    """Custom property names (--md-hue) in the site's other stylesheets and in its content tokens."""
    names = {token for token in tokens if token.startswith("--")}
    for other in sorted(site.rglob("*.css")):
        if other != sheet:
            names.update(CUSTOM_PROPERTY.findall(other.read_text(encoding="utf-8", errors="replace")))
    return sorted(names)


def cache_key(css: bytes, options: dict, tokens: list[str], version: str) -> str:
    """A hash of exactly what determines PurgeCSS's output for one stylesheet."""
    digest = hashlib.sha256()
    for part in (RUNNER.read_bytes(), version.encode(), json.dumps(options, sort_keys=True).encode(), css,
                 "\n".join(tokens).encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def run_purgecss(module: Path, jobs: list[tuple[str, dict]], tokens: list[str]) -> list[str]:
    """Purge the stylesheets in one node process; raises PurgeError with node's message on failure."""
    node = shutil.which("node")
    if node is None:
        raise PurgeError("node is not installed", INSTALL_HINT)
    request = {"module": str(module), "tokens": tokens,
               "jobs": [{"css": css, "options": options} for css, options in jobs]}
    done = subprocess.run([node, str(RUNNER)], input=json.dumps(request), capture_output=True, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["no message"]
        raise PurgeError(f"purgecss failed: {' | '.join(lines[:2])[:300]}", "run `make node`, then build again")
    return json.loads(done.stdout)


def purge(site: Path, cache: Path = CACHE) -> list[tuple[str, str, int, int]]:
    """Purge site's theme stylesheets in place; returns (old name, new name, bytes before, bytes after)."""
    site = site.resolve()
    links, rtl = stylesheet_links(site, sorted(site.rglob("*.html")))
    sheets = sorted({target for found in links.values() for target in found.values()})
    if not sheets:
        return []
    module = find_purgecss()
    version = json.loads((module / "package.json").read_text(encoding="utf-8")).get("version", "?")
    tokens = content_tokens(site, rtl)
    originals = [sheet.read_bytes() for sheet in sheets]
    options = [purgecss_options(css.decode("utf-8"), custom_properties_elsewhere(site, sheet, tokens))
               for sheet, css in zip(sheets, originals, strict=True)]
    keys = [cache_key(css, opts, tokens, version) for css, opts in zip(originals, options, strict=True)]
    purged: dict[int, bytes] = {}
    missing = []
    for index, key in enumerate(keys):
        hit = cache / f"{key}.css"
        if hit.is_file():
            purged[index] = hit.read_bytes()
            os.utime(hit)
        else:
            missing.append(index)
    if missing:
        fresh = run_purgecss(module, [(originals[i].decode("utf-8"), options[i]) for i in missing], tokens)
        cache.mkdir(parents=True, exist_ok=True)
        for index, css in zip(missing, fresh, strict=True):
            purged[index] = css.encode("utf-8")
            temp = cache / f"{keys[index]}.{os.getpid()}.tmp"
            temp.write_bytes(purged[index])
            os.replace(temp, cache / f"{keys[index]}.css")
        for old in sorted(cache.glob("*.css"), key=lambda p: p.stat().st_mtime, reverse=True)[CACHE_KEEP:]:
            old.unlink(missing_ok=True)

    renames: dict[str, str] = {}
    sizes = []
    for index, sheet in enumerate(sheets):
        data = purged[index]
        match = THEME_CSS.match(sheet.name)
        new_name = f"{match['stem']}.{hashlib.sha256(data).hexdigest()[:8]}.min.css"
        if data == originals[index]:
            new_name = sheet.name
        sizes.append((sheet.name, new_name, len(originals[index]), len(data)))
        if new_name != sheet.name:
            renames[sheet.name] = new_name
    pages = rewritten_links(site, links, renames)  # raises PurgeError before any file changes
    for index, sheet in enumerate(sheets):
        if sheet.name in renames:
            sheet.with_name(renames[sheet.name]).write_bytes(purged[index])
    for page, text in pages.items():
        page.write_text(text, encoding="utf-8")
    for sheet in sheets:
        if sheet.name in renames:
            sheet.unlink()
    return sizes


def rewritten_links(site: Path, links: dict[Path, dict[str, Path]], renames: dict[str, str]) -> dict[Path, str]:
    """Each page's new text, with every <link> to a renamed stylesheet pointed at its new name (only that
    href's text changes). Raises PurgeError when an href that lxml read is not in the page's text as written."""
    pages = {}
    for page, found in links.items():
        hrefs = [href for href, target in found.items() if target.name in renames]
        if not hrefs:
            continue
        text = new_text = page.read_text(encoding="utf-8")
        for href in sorted(hrefs, key=len, reverse=True):
            old_name = href.rsplit("/", 1)[-1].split("?")[0].split("#")[0]
            new_href = href.replace(old_name, renames[old_name])
            # 'href' first, then the look-behind for what \b would say: a pattern that starts with a literal
            # lets the regex engine jump between candidates, about 30x faster on a page than a leading \b.
            new_text, count = re.subn(r"""(href(?<!\whref)\s*=\s*["']?)""" + re.escape(href) + r"""(?=["'\s>])""",
                                      lambda m, new=new_href: m.group(1) + new, new_text)
            if count == 0:
                raise PurgeError(f"the <link> to {href} is not written as href=\"{href}\", so it cannot be "
                                 f"pointed at {new_href}", "write the href without character references",
                                 page.relative_to(site).as_posix())
        if new_text != text:
            pages[page] = new_text
    return pages


def run(site: Path, cache: Path = CACHE) -> StepResult:
    """Purge site's theme stylesheets; a PurgeError is the one finding, and then no file has changed."""
    try:
        done = purge(site, cache)
    except PurgeError as error:
        return StepResult([error.finding], "unused CSS not purged")
    if not done:
        return StepResult([], "no fingerprinted theme stylesheet is linked: nothing to purge")
    parts = ", ".join(f"{old} → {new} ({before / 1000:.1f} → {after / 1000:.1f} KB)"
                      for old, new, before, after in done)
    return StepResult([], f"purged unused CSS: {parts}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--cache", type=Path, default=CACHE, help="folder of cached results")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"❌ {args.site} is not a folder — build the site first", file=sys.stderr)
        return 2
    result = run(args.site, args.cache)
    return report(result.findings, result.done, sys.stdout, as_json=args.json)


if __name__ == "__main__":
    sys.exit(main())
