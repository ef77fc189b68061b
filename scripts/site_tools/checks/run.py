"""Check the Markdown sources and the built site, and report every problem at once.

Usage: python scripts/site_tools/checks/run.py [SITE_DIR] [--json] [--sources-only] [--strict-review] [--today DATE]
                                   [--workers N]
SITE_DIR defaults to site. Exit 0 when everything passes, 1 when any problem is found,
2 when the check cannot run (no site, no pages, unreadable config, bad arguments).
A site of 1,000 pages or more is checked by several processes (worker_count); --workers N sets how many.

This file only orchestrates. Each check lives in its own module and returns Findings (findings.py):
  sources:     check_front_matter, check_content_safety (source), check_links.check_nav
  built pages: check_notices, check_review_dates, check_content_safety (built), check_affiliate_links,
               check_links.LinkIndex; redirect stubs (redirect_stubs.py) are exempt from notices and reviews.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml
from lxml import etree

from site_tools.built_pages import BuiltPage, Context, load_page, site_files
from site_tools.checks.affiliate_links import check_affiliate_links
from site_tools.checks.content_safety import check_built_safety, check_source_safety
from site_tools.checks.front_matter import check_front_matter
from site_tools.checks.links import LinkIndex, check_nav
from site_tools.checks.notices import NoticeCheck
from site_tools.checks.review_dates import build_day, check_review_dates
from site_tools.findings import WARNING, Finding, errors, from_line, print_json, print_text, unique_sorted
from site_tools.sources import load_sources
from site_tools.readable_text import parse
from site_tools.redirect_stubs import redirect_target
from site_tools.project import MKDOCS_YML, load_config, notices_from


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


def review_findings(page: BuiltPage, today: dt.date, strict: bool) -> list[Finding]:
    report = check_review_dates(page.root, page.rel, today, strict, page.source)
    return [from_line(m, "review-dates") for m in report.errors] + \
        [from_line(m, "review-dates", WARNING) for m in report.warnings]


def source_findings(ctx: Context) -> list[Finding]:
    found = check_front_matter(ctx.sources)
    for source in ctx.sources:
        found += check_source_safety(source)
    return found + check_nav(ctx)


# Pages are read in small batches, and each check runs over a whole batch while its code is still in the
# CPU's caches: about 10% faster than every check on one page at a time (scripts/site_tools/bench/check_cost.py).
BATCH = 16
# A big site is shared out between processes, one per CPU, each checking a run of pages in order. Below this
# many pages for each process, starting one costs more than it saves, so the real site is checked in one.
PAGES_PER_WORKER = 500


@dataclass
class PageCheck:
    """The checks on built pages, for one run. Called with a run of pages; returns its findings and, for the
    link check at the end, the anchors and links it collected (LinkIndex.merge)."""

    ctx: Context
    files: list[str]
    today: dt.date
    strict_review: bool
    skip_review: set[str]

    def __call__(self, pages: list[str]) -> tuple[list[Finding], dict, list]:
        ctx = self.ctx
        notices = NoticeCheck(notices_from(ctx.config, ctx.root / ctx.config_rel))
        links = LinkIndex(ctx, self.files)
        found: list[Finding] = []
        for start in range(0, len(pages), BATCH):
            batch = [read_page(ctx, rel) for rel in pages[start:start + BATCH]]
            for page in batch:
                links.add_page(page)
            # A redirect stub is the only page exempt from the notices (redirect_stubs.py).
            batch = [page for page in batch if not is_redirect_stub(page, ctx)]
            for page in batch:
                found += notices.findings(page)
            for page in batch:
                if page.root is not None and not (page.source and page.source.rel in self.skip_review):
                    found += review_findings(page, self.today, self.strict_review)
            for page in batch:
                if page.body is not None:
                    found += check_built_safety(page.body, page.rel, page.source)
            for page in batch:
                found += check_affiliate_links(page, ctx)
        return found, links.ids, links.links


def worker_count(pages: int, requested: int | None = None) -> int:
    """How many processes check the pages: as asked, else one per CPU this process may use, with at least
    PAGES_PER_WORKER pages each. Always one when the process has threads, as forking it could deadlock."""
    if requested is None:
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        requested = min(cpus, pages // PAGES_PER_WORKER)
    if threading.active_count() > 1 or not hasattr(os, "fork"):
        return 1
    return max(1, min(requested, pages))


_SHARE: PageCheck | None = None  # set in each forked process by _start_worker


def _start_worker(task: PageCheck) -> None:
    global _SHARE
    _SHARE = task


def _check_share(pages: list[str]) -> tuple[list[Finding], dict, list]:
    return _SHARE(pages)


def page_findings(ctx: Context, today: dt.date, strict_review: bool, skip_review: set[str],
                  workers: int | None = None) -> tuple[list[Finding], int, int]:
    """Findings on every built page, how many pages there are, and how many processes checked them."""
    files = site_files(ctx.site)
    pages = [f for f in files if f.endswith(".html")]
    if not pages:
        raise CannotRun(f"{ctx.site}: no .html pages found — run 'make build' first")
    task = PageCheck(ctx, files, today, strict_review, skip_review)
    count = worker_count(len(pages), workers)
    if count == 1:
        results = [task(pages)]
    else:
        # Only for big sites: not worth importing for this one.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        # Forked processes start with everything this one holds (the sources, the config), so only each run
        # of page names and its results are sent between processes. Runs are joined back in page order, so
        # the report is exactly what one process would print. A process that dies fails the check at once
        # (multiprocessing.Pool would wait for it forever).
        shares = [pages[len(pages) * n // count:len(pages) * (n + 1) // count] for n in range(count)]
        try:
            with ProcessPoolExecutor(count, multiprocessing.get_context("fork"), _start_worker, (task,)) as pool:
                results = list(pool.map(_check_share, shares))
        except BrokenProcessPool as err:
            raise CannotRun(f"a process checking the pages stopped unexpectedly ({err}) — "
                            "run again with --workers 1 to see the error") from err
    links = LinkIndex(ctx, files)
    found: list[Finding] = []
    for share_found, ids, share_links in results:
        found += share_found
        links.merge(ids, share_links)
    return found + links.resolve(), len(pages), count


def read_page(ctx: Context, rel: str) -> BuiltPage:
    try:
        return load_page(ctx.site, rel, ctx)
    except OSError as err:
        raise CannotRun(f"{rel}: cannot read ({err.strerror})") from err


def make_context(site: Path | None, config_path: Path) -> Context:
    try:
        config = load_config(config_path)
        text = config_path.read_text(encoding="utf-8")
    except (OSError, yaml.YAMLError) as err:
        raise CannotRun(f"{config_path}: cannot read the config ({err}) — fix mkdocs.yml first") from err
    root = config_path.parent
    docs = root / (config.get("docs_dir") or "docs")
    if not docs.is_dir():
        raise CannotRun(f"{docs}: no docs folder — set docs_dir in {config_path.name}")
    return Context(root, site, config, config_path.name, text.splitlines(), load_sources(docs, root))


@contextlib.contextmanager
def no_cycle_collection():
    """Pause Python's cycle collector. The check keeps many objects (sources, anchors, links) and makes no
    reference cycles worth collecting while it runs; the collector would only scan them again and again
    (about 4% of the time on 5,000 pages). Reference counting still frees each page as soon as it is checked."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class CheckRun(NamedTuple):
    findings: list[Finding]
    pages: int  # built pages checked
    sources: int  # Markdown sources checked
    workers: int  # processes that checked the pages (0 when only the sources were checked)


def run_checks(site: Path | None, config_path: Path = MKDOCS_YML, today: dt.date | None = None,
               strict_review: bool = False, workers: int | None = None) -> CheckRun:
    """Check the sources and, unless site is None, the built pages. workers: processes for the pages
    (default: worker_count's choice)."""
    with no_cycle_collection():
        return _run_checks(site, config_path, today, strict_review, workers)


def _run_checks(site: Path | None, config_path: Path, today: dt.date | None, strict_review: bool,
                workers: int | None) -> CheckRun:
    if site is not None and not site.is_dir():
        raise CannotRun(f"{site}: no built site here — run 'make build' first")
    ctx = make_context(site, config_path)
    found = source_findings(ctx)
    pages = used = 0
    if site is not None:
        # A page whose front matter is broken already has its finding; its review dates would only repeat it.
        broken = {f.file for f in found if f.check == "front-matter"}
        built, pages, used = page_findings(ctx, today or build_day(), strict_review, broken, workers)
        found += built
    return CheckRun(unique_sorted(found), pages, len(ctx.sources), used)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site folder")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON, for tools")
    parser.add_argument("--sources-only", action="store_true", help="check only the Markdown sources and the nav")
    parser.add_argument("--config", default=MKDOCS_YML, type=Path, help="the MkDocs config (default: mkdocs.yml)")
    parser.add_argument("--strict-review", action="store_true", help="overdue reviews are errors, not warnings")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=build_day(), help="the date for review checks")
    parser.add_argument("--workers", type=int, metavar="N",
                        help=f"processes that check the pages (default: one per CPU, {PAGES_PER_WORKER}+ pages each)")
    args = parser.parse_args(argv)
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be 1 or more")

    try:
        found, pages, sources, workers = run_checks(
            None if args.sources_only else args.site, args.config.resolve(), args.today, args.strict_review,
            args.workers,
        )
    except CannotRun as err:
        print(f"❌ {err}", file=sys.stderr)
        if args.json:
            print_json([], {"ok": False, "error": str(err)}, sys.stdout)
        return 2

    failed = errors(found)
    warned = len(found) - len(failed)
    if args.json:
        summary = {"ok": not failed, "pages": pages, "sources": sources, "errors": len(failed), "warnings": warned,
                   "workers": workers}
        print_json(found, summary, sys.stdout)
        return 1 if failed else 0
    scope = f"{sources} source(s)" if args.sources_only else f"{pages} page(s)"
    also = f" and {warned} warning(s) (--strict-review makes overdue reviews errors)" if warned else ""
    if failed:
        print_text(found, f"❌ {len(failed)} problem(s) in {scope}{also}", sys.stdout)
        return 1
    checks = "front matter, content safety and nav" if args.sources_only else (
        "the disclaimer, the affiliate notice and the urgent-help box; front matter, review dates, "
        "content safety, affiliate links, links and nav"
    )
    print_text(found, f"✅ {scope} pass every check: {checks}{also}", sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
