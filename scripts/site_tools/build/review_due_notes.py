"""Show the calm "This page is due for review" note on pages whose next review date has passed.

The template renders the note on every page, hidden, with its date in data-review-due
(overrides/partials/handout.html). This build step un-hides it when that date is before the
build day (SOURCE_DATE_EPOCH when set, else today), the same for MkDocs and Zensical.
lxml finds the notes; the edit itself is a text edit of the note's opening tag, because writing the
page back through lxml would change the rest of it (it lower-cases SVG's viewBox, for one). When the
tag is no longer written as MARK, the step fails with a finding rather than leave a due note hidden.
Usage: python -m site_tools.build.review_due_notes [SITE_DIR] [--today DAY] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from site_tools.checks.review_dates import build_day
from site_tools.findings import Finding, StepResult, report
from site_tools.readable_text import parse

CHECK = "review-due-notes"
# The hidden note's opening tag, exactly as review_due_note() in overrides/partials/handout.html writes it.
MARK = '<div class="review-due" data-review-due="{day}" hidden>'


def due_days(data: bytes, today: dt.date) -> list[str]:
    """The dates of the page's hidden due notes that are before today."""
    days = {el.get("data-review-due") for el in parse(data).iter("div")
            if el.get("data-review-due") and el.get("hidden") is not None}
    due = []
    for day in sorted(days):
        try:
            if dt.date.fromisoformat(day) < today:
                due.append(day)
        except ValueError:
            continue  # checks/review_dates.py reports malformed dates
    return due


def run(site: Path, today: dt.date | None = None) -> StepResult:
    """Un-hide the due note on every overdue page."""
    today = today or build_day()
    shown, findings = [], []
    for page in sorted(site.rglob("*.html")):
        data = page.read_bytes()
        html = original = data.decode("utf-8")
        rel = page.relative_to(site).as_posix()
        for day in due_days(data, today):
            tag = MARK.format(day=day)
            if tag not in html:
                findings.append(Finding(
                    rel, None, f"the due-for-review note of {day} is not written as {tag}, so it stays hidden",
                    "make MARK in scripts/site_tools/build/review_due_notes.py match review_due_note() "
                    "in overrides/partials/handout.html", CHECK))
            html = html.replace(tag, tag.replace(" hidden>", ">"))
        if html != original:
            page.write_text(html, encoding="utf-8")
            shown.append(rel)
    return StepResult(findings, f"review notes: {len(shown)} page(s) due for review on {today.isoformat()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site folder")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=build_day(), help="the build day")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"❌ {args.site}: no built site here — run 'make build' first", file=sys.stderr)
        return 2
    result = run(args.site, args.today)
    return report(result.findings, result.done, sys.stdout, as_json=args.json)


if __name__ == "__main__":
    sys.exit(main())
