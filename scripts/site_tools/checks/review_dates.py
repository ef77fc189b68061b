"""Every content page shows when it was last reviewed and when its next review is due.

Reads the built HTML: the <time data-review> dates from overrides/partials/handout.html and the
page's schema.org JSON-LD. An overdue review is a warning, or an error with --strict-review.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from site_tools.sources import Source
from site_tools.project import ROOT

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
FIX_DATES = "add last_reviewed and next_review (like 2026-11-25) to the page's front matter"


@dataclass
class ReviewReport:
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def in_words(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def build_day() -> dt.date:
    """The day the site counts as 'today': SOURCE_DATE_EPOCH when set (as MkDocs uses), else today in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def source_for(rel: str, docs: Path = ROOT / "docs") -> str | None:
    """The Markdown file a built page came from: strategies/journaling/index.html -> strategies/journaling.md."""
    stem = rel[: -len("index.html")].rstrip("/") if rel.endswith("index.html") else rel[: -len(".html")]
    for candidate in (f"{stem}.md", f"{stem}/index.md" if stem else "index.md", f"{stem}/README.md"):
        if (docs / candidate).is_file():
            return candidate
    return None


def where(rel: str, key: str, source: Source | None) -> str:
    """docs/file.md:LINE of the front-matter key (the first line that starts with it, else 1) in the page's
    source, which the check's Context maps from the built page; the built page itself when it has no source."""
    if source is None:
        return rel
    prefix = f"{key}:"
    line = next((number for number, text in enumerate(source.lines, 1) if text.startswith(prefix)), 1)
    return f"{source.rel}:{line}"


def _date(el: etree._Element | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(el.get("datetime", "")) if el is not None else None
    except ValueError:
        return None


def _has_dates_block(root: etree._Element, time: etree._Element | None) -> bool:
    """True when the page has a <div data-review-dates>. It usually holds the dates, so look around them first."""
    for scope in ((time.iterancestors("div") if time is not None else ()), root.iter("div")):
        if any(el.get("data-review-dates") is not None for el in scope):
            return True
    return False


def is_content_page(root: etree._Element) -> bool:
    """A page with a canonical address: every page made from docs/ (not 404.html)."""
    return any(link.get("rel") == "canonical" for link in root.iter("link"))


def check_review_dates(root: etree._Element, rel: str, today: dt.date, strict: bool = False,
                       source: Source | None = None) -> ReviewReport:
    """The page's review dates and JSON-LD; messages name the front-matter line in `source`, its Markdown."""
    report = ReviewReport()
    if not is_content_page(root):
        return report
    times: dict[str, etree._Element] = {}  # the first <time> of each data-review kind
    blocks = []  # JSON-LD blocks: one walk finds both
    for el in root.iter("time", "script"):
        if el.tag == "time":
            times.setdefault(el.get("data-review"), el)
        elif (el.get("type") or "").lower() == "application/ld+json":
            blocks.append(el)
    last, nxt = _date(times.get("last")), _date(times.get("next"))
    if last is None or nxt is None or not _has_dates_block(root, times.get("last")):
        report.errors.append(f"{rel}: the page shows no review dates — {FIX_DATES}")
        return report
    if not last < nxt <= last.replace(year=last.year + 3, day=min(last.day, 28) if last.month == 2 else last.day):
        report.errors.append(
            f"{where(rel, 'next_review', source)}: next_review must come after last_reviewed and at most "
            "3 years later — set next_review to a date within 3 years of last_reviewed"
        )
    report.errors += _check_json_ld(blocks, last, lambda: where(rel, "last_reviewed", source))
    if nxt < today:
        message = (
            f"{where(rel, 'next_review', source)}: this page was due for review on {in_words(nxt)} — "
            "review it, then update last_reviewed and next_review in its front matter"
        )
        (report.errors if strict else report.warnings).append(message)
    return report


def _check_json_ld(blocks: list[etree._Element], last: dt.date, place) -> list[str]:
    """The page's JSON-LD <script> blocks; place() names where to report: worked out only when there is a problem."""
    fix = "keep the JSON-LD block in overrides/main.html, built with Jinja's tojson"
    if len(blocks) != 1:
        return [f"{place()}: the page needs exactly one schema.org JSON-LD block, found {len(blocks)} — {fix}"]
    try:
        data = json.loads(blocks[0].text or "")
    except json.JSONDecodeError as err:
        return [f"{place()}: the JSON-LD block is not valid JSON ({err.msg}) — {fix}"]
    problems = []
    if not isinstance(data, dict) or data.get("@type") != "MedicalWebPage":
        return [f"{place()}: the JSON-LD block is not a schema.org MedicalWebPage — {fix}"]
    if data.get("lastReviewed") != last.isoformat():
        problems.append(f"{place()}: the JSON-LD lastReviewed ({data.get('lastReviewed')}) differs from the page's last_reviewed — {fix}")
    if not data.get("name") or not data.get("description"):
        problems.append(f"{place()}: the JSON-LD block lacks name or description — give the page a title and description in its front matter")
    return problems
