"""Check the built site: every page carries the required notices.

Usage: python scripts/check_site.py [SITE_DIR]     (default: site)
Exit 0 when every page passes, 1 when any fails, 2 when the site cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from check_notices import check_notices
from check_review_dates import build_day, check_review_dates
from redirect_stubs import redirect_target
from readable_text import parse, readable_text
from site_config import load_config, load_notices


def html_pages(site: Path) -> list[Path]:
    """Every .html file under the output folder, found by walking it."""
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site folder")
    parser.add_argument("--strict-review", action="store_true", help="overdue reviews are errors, not warnings")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=build_day(), help="the date for review checks")
    args = parser.parse_args(argv)
    site: Path = args.site

    if not site.is_dir():
        print(f"❌ {site}: no built site here — run 'make build' first", file=sys.stderr)
        return 2
    pages = html_pages(site)
    if not pages:
        print(f"❌ {site}: no .html pages found — run 'make build' first", file=sys.stderr)
        return 2

    notices = load_notices()
    problems: list[str] = []
    warnings: list[str] = []
    site_url = load_config().get("site_url") or ""
    for path in pages:
        rel = path.relative_to(site).as_posix()
        try:
            data = path.read_bytes()
        except OSError as err:
            print(f"❌ {rel}: cannot read ({err.strerror})", file=sys.stderr)
            return 2
        root = parse(data)
        if redirect_target(root, rel, site, site_url):
            continue  # a redirect stub: the only page exempt from the notices (redirect_stubs.py)
        page = readable_text(root)
        problems += [f"{rel}: {p}" for p in check_notices(page, notices)]
        review = check_review_dates(root, rel, args.today, args.strict_review)
        problems += review.errors
        warnings += review.warnings

    for line in warnings:
        print(f"⚠ {line}")
    if warnings:
        print(f"⚠ {len(warnings)} page(s) overdue for review (warnings; --strict-review makes them errors)")
    for line in problems:
        print(line)
    if problems:
        print(f"❌ {len(problems)} problem(s) in {len(pages)} page(s)")
        return 1
    print(f"✅ {len(pages)} page(s) carry the disclaimer, the affiliate notice and the urgent-help box")
    return 0


if __name__ == "__main__":
    sys.exit(main())
