"""Check the Markdown sources and the built site, and report every problem at once.

Usage: python -m site_tools.checks [SITE_DIR] [--json] [--sources-only] [--strict-review] [--today DATE]
SITE_DIR defaults to site. Exit 0 when everything passes, 1 when any problem is found,
2 when the check cannot run (no site, no pages, unreadable config, bad arguments).

This file only orchestrates, in one process, one page at a time. Each check lives in its own module and
returns Findings (findings.py):
  sources:     docs_files.check_docs_files, front_matter.check_front_matter, config_values.check_config_values
               (mkdocs.yml), content_safety.check_source_safety, nesting_depth.check_nesting_depth,
               protected_pages.check_protected_pages, redirect_maps.check_redirect_maps,
               stylesheets.check_stylesheets, links.check_nav, notice_texts.check_notice_texts
               (mkdocs.yml's notice texts)
  built pages: page_scripts.check_page_scripts (the whole page), notices.check_page_notices,
               review_dates.check_review_dates, content_safety.check_built_safety,
               affiliate_links.check_affiliate_links, links.LinkIndex (every page's links, resolved at the end).
Redirect stubs (redirect_stubs.py) are exempt from the notices and the review dates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import NamedTuple

import yaml

from site_tools.built_pages import BuiltPage, Context, load_page, site_files
from site_tools.checks.affiliate_links import check_affiliate_links
from site_tools.checks.config_values import check_config_values, page_statuses
from site_tools.checks.content_safety import check_built_safety, check_source_safety
from site_tools.checks.docs_files import check_docs_files
from site_tools.checks.front_matter import check_front_matter
from site_tools.checks.links import LinkIndex, check_nav
from site_tools.checks.nesting_depth import check_nesting_depth
from site_tools.checks.notice_texts import check_notice_texts
from site_tools.checks.notices import check_page_notices
from site_tools.checks.page_scripts import KnownScripts, check_page_scripts
from site_tools.checks.protected_pages import check_protected_pages
from site_tools.checks.redirect_maps import check_redirect_maps
from site_tools.checks.review_dates import build_day, check_review_dates
from site_tools.checks.stylesheets import check_stylesheets
from site_tools.findings import CannotRun as InputCannotRun
from site_tools.findings import Finding, errors, print_json, print_text, unique_sorted
from site_tools.project import MKDOCS_YML, load_config, notices_from
from site_tools.readable_text import parse
from site_tools.redirect_stubs import redirect_target
from site_tools.sources import load_sources


class CannotRun(Exception):
    """The check cannot run at all (exit 2)."""


def is_redirect_stub(page: BuiltPage, ctx: Context) -> bool:
    """A stub made by mkdocs-redirects (redirect_stubs.py). Only pages with a meta refresh are parsed again,
    with lxml.html, which redirect_stubs.py expects."""
    if page.root is None or page.article is not None:
        return False  # a stub has no article
    if not any((m.get("http-equiv") or "").lower() == "refresh" for m in page.root.iter("meta")):
        return False
    root = parse((ctx.site / page.rel).read_bytes())
    return bool(redirect_target(root, page.rel, ctx.site, ctx.config.get("site_url") or ""))


def source_findings(ctx: Context) -> list[Finding]:
    found = check_docs_files(ctx)
    found += check_front_matter(ctx.sources, page_statuses(ctx.config))
    found += check_config_values(ctx)
    for source in ctx.sources:
        found += check_source_safety(source)
        found += check_nesting_depth(source)
    found += check_protected_pages(ctx)
    found += check_redirect_maps(ctx)
    found += check_stylesheets(ctx)
    return found + check_nav(ctx) + check_notice_texts(ctx)


def page_findings(ctx: Context, today: dt.date, strict_review: bool, skip_review: set[str]) -> tuple[list[Finding], int]:
    """Findings on every built page, one page at a time, and how many pages there are. The links are
    resolved at the end, once every page's anchors are known."""
    files = site_files(ctx.site)
    pages = [f for f in files if f.endswith(".html")]
    if not pages:
        raise CannotRun(f"{ctx.site}: no .html pages found — run 'make build' first")
    notices = notices_from(ctx.config, ctx.root / ctx.config_rel)
    links = LinkIndex(ctx, files)
    known_scripts = KnownScripts.load()
    found: list[Finding] = []
    for rel in pages:
        page = read_page(ctx, rel)
        links.add_page(page)
        found += check_page_scripts(page, known_scripts, skip_content=True).findings
        if is_redirect_stub(page, ctx):
            continue  # the only page exempt from the notices and the review dates (redirect_stubs.py)
        found += check_page_notices(page, notices)
        if page.root is not None and not (page.source and page.source.rel in skip_review):
            found += check_review_dates(page.root, page.rel, today, strict_review, page.source)
        if page.body is not None:
            found += check_built_safety(page.body, page.rel, page.source)
        found += check_affiliate_links(page, ctx)
    return found + links.resolve(), len(pages)


def read_page(ctx: Context, rel: str) -> BuiltPage:
    try:
        return load_page(ctx.site, rel, ctx)
    except OSError as err:
        raise CannotRun(f"{rel}: cannot read ({err.strerror})") from err


def make_context(site: Path | None, config_path: Path) -> Context:
    try:
        config = load_config(config_path)
        text = config_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:  # UnicodeDecodeError: not UTF-8 text
        raise CannotRun(f"{config_path}: cannot read the config ({err}) — fix mkdocs.yml first") from err
    root = config_path.parent
    docs = root / (config.get("docs_dir") or "docs")
    if not docs.is_dir():
        raise CannotRun(f"{docs}: no docs folder — set docs_dir in {config_path.name}")
    return Context(root, site, config, config_path.name, text.splitlines(), load_sources(docs, root))


class CheckRun(NamedTuple):
    findings: list[Finding]
    pages: int  # built pages checked
    sources: int  # Markdown sources checked


def run_checks(site: Path | None, config_path: Path = MKDOCS_YML, today: dt.date | None = None,
               strict_review: bool = False, sources: bool = True) -> CheckRun:
    """Check the sources (unless sources is False: the build checked them before the engine) and, unless
    site is None, the built pages."""
    if site is not None and not site.is_dir():
        raise CannotRun(f"{site}: no built site here — run 'make build' first")
    ctx = make_context(site, config_path)
    found = source_findings(ctx) if sources or site is None else []
    pages = 0
    if site is not None:
        # A page whose front matter is broken already has its finding; its review dates would only repeat it.
        broken = {f.file for f in errors(found) if f.check == "front-matter"}
        built, pages = page_findings(ctx, today or build_day(), strict_review, broken)
        found += built
    return CheckRun(unique_sorted(found), pages, len(ctx.sources))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site folder")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON, for tools")
    parser.add_argument("--sources-only", action="store_true", help="check only the Markdown sources and the nav")
    parser.add_argument("--config", default=MKDOCS_YML, type=Path, help="the MkDocs config (default: mkdocs.yml)")
    parser.add_argument("--strict-review", action="store_true", help="overdue reviews are errors, not warnings")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=build_day(), help="the date for review checks")
    args = parser.parse_args(argv)

    try:
        found, pages, sources = run_checks(
            None if args.sources_only else args.site, args.config.resolve(), args.today, args.strict_review,
        )
    except (CannotRun, InputCannotRun) as err:  # InputCannotRun: an input such as known-scripts.yml is unreadable
        print(f"❌ {err}", file=sys.stderr)
        if args.json:
            print_json([], {"ok": False, "error": str(err)}, sys.stdout)
        return 2

    failed = errors(found)
    warned = len(found) - len(failed)
    if args.json:
        summary = {"ok": not failed, "pages": pages, "sources": sources, "errors": len(failed), "warnings": warned}
        print_json(found, summary, sys.stdout)
        return 1 if failed else 0
    scope = f"{sources} source(s)" if args.sources_only else f"{pages} page(s)"
    also = f" and {warned} warning(s)" if warned else ""
    if failed:
        print_text(found, f"❌ {len(failed)} problem(s) in {scope}{also}", sys.stdout)
        return 1
    checks = ("files in docs/, front matter, mkdocs.yml values and redirects, content safety, nesting, the urgent-help "
              "page, style sheets, nav and notice texts") if args.sources_only else (
        "the disclaimer, the affiliate notice, the urgent-help line and card; the scripts on every page; "
        "front matter, mkdocs.yml values, review dates, content safety, affiliate links, links and nav"
    )
    print_text(found, f"✅ {scope} pass every check: {checks}{also}", sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
