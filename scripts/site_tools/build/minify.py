"""Minify every built HTML page with minify-html, a post-build step of scripts/site_tools/build/run.py.

Safe settings only: closing tags and the <html>/<head> opening tags stay (the checks parse the
pages with lxml), and inline scripts are left as they are (build/security_headers.py hashes them later).
Usage: python -m site_tools.build.minify SITE_DIR [--json]
"""

from __future__ import annotations

import sys
from pathlib import Path

import minify_html

from site_tools.findings import CannotRun, StepResult, built_site, step_main

SETTINGS = {
    "keep_closing_tags": True,
    "keep_html_and_head_opening_tags": True,
    "minify_css": True,
    "minify_js": False,
}


def minify_page(html: str) -> str:
    return minify_html.minify(html, **SETTINGS)


def minify_site(site: Path) -> tuple[int, int, int]:
    """Minify site's .html files in place; returns (pages, bytes before, bytes after)."""
    pages = before = after = 0
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        small = minify_page(text)
        pages += 1
        before += len(text.encode("utf-8"))
        after += len(small.encode("utf-8"))
        path.write_text(small, encoding="utf-8")
    return pages, before, after


def run(site: Path) -> StepResult:
    pages, before, after = minify_site(built_site(site))
    if not pages:
        raise CannotRun(f"{site}: no .html pages to minify — build the site first")
    return StepResult([], f"minified {pages} page(s): {before / 1000:.0f} KB → {after / 1000:.0f} KB of HTML")


def main(argv: list[str] | None = None) -> int:
    return step_main(__doc__, run, argv)


if __name__ == "__main__":
    sys.exit(main())
