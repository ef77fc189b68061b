"""Show the calm "This page is due for review" note on pages whose next review date has passed.

The template renders the note on every page, hidden, with its date in data-review-due
(overrides/partials/handout.html). This build step un-hides it when that date is before the
build day (SOURCE_DATE_EPOCH when set, else today), the same for MkDocs and Zensical.
Usage: python scripts/site_tools/build/review_due_notes.py [SITE_DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from site_tools.checks.review_dates import build_day
from site_tools.readable_text import parse

MARK = '<div class="review-due" data-review-due="{day}" hidden>'


def show_due_notes(site: Path, today: dt.date) -> list[str]:
    """Un-hide the due note on every overdue page; return those pages."""
    shown = []
    for page in sorted(site.rglob("*.html")):
        data = page.read_bytes()
        days = {el.get("data-review-due") for el in parse(data).iter("div") if el.get("data-review-due")}
        html = original = data.decode("utf-8")
        for day in days:
            try:
                due = dt.date.fromisoformat(day) < today
            except ValueError:
                continue  # checks/review_dates.py reports malformed dates
            if due:
                tag = MARK.format(day=day)
                html = html.replace(tag, tag.replace(" hidden>", ">"))
        if html != original:
            page.write_text(html, encoding="utf-8")
            shown.append(page.relative_to(site).as_posix())
    return shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site folder")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=build_day(), help="the build day")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"❌ {args.site}: no built site here — run 'make build' first", file=sys.stderr)
        return 2
    shown = show_due_notes(args.site, args.today)
    print(f"✅ review notes: {len(shown)} page(s) due for review on {args.today.isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
