"""Every content page shows its dates honestly: "Page last reviewed … by …" only when its front matter records
a review (reviewed_by), otherwise "Last updated"; and always when its next review is due.

Reads the built HTML: the <time data-review> dates from overrides/partials/handout.html and the
page's schema.org JSON-LD (lastReviewed and reviewedBy for a recorded review, else dateModified). A page
without a recorded review must not say "reviewed" anywhere. An overdue review is a warning, or an error with
--strict-review.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re

from lxml import etree

from site_tools.checks.front_matter import MAX_REVIEW_YEARS, read_front_matter, years_later
from site_tools.findings import ERROR, WARNING, Finding
from site_tools.readable_text import readable_text
from site_tools.sources import Source

CHECK = "review-dates"
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
FIX_DATES = "add last_reviewed and next_review (like 2026-11-25) to the page's front matter"
REVIEWED = re.compile(r"\breviewed\b", re.I)


def in_words(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def build_day() -> dt.date:
    """The day the site counts as 'today': SOURCE_DATE_EPOCH when set (as MkDocs uses), else today in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def where(rel: str, key: str, source: Source | None) -> tuple[str, int | None]:
    """The file and line of the front-matter key (the first line that starts with it, else 1) in the page's
    source, which the check's Context maps from the built page; the built page itself when it has no source."""
    if source is None:
        return rel, None
    prefix = f"{key}:"
    return source.rel, next((number for number, text in enumerate(source.lines, 1) if text.startswith(prefix)), 1)


def _date(el: etree._Element | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(el.get("datetime", "")) if el is not None else None
    except ValueError:
        return None


def reviewer(source: Source | None) -> dict | None:
    """The review recorded in the page's front matter (reviewed_by: name and role), else None."""
    meta = read_front_matter(source)[0] if source is not None else None
    value = (meta or {}).get("reviewed_by")
    return value if isinstance(value, dict) and value.get("name") and value.get("role") else None


def is_content_page(root: etree._Element) -> bool:
    """A page with a canonical address: every page made from docs/ (not 404.html)."""
    return any(link.get("rel") == "canonical" for link in root.iter("link"))


def check_review_dates(root: etree._Element, rel: str, today: dt.date, strict: bool = False,
                       source: Source | None = None) -> list[Finding]:
    """The page's review dates and JSON-LD; findings name the front-matter line in `source`, its Markdown."""
    if not is_content_page(root):
        return []
    times = {}  # the first <time> of each data-review kind
    for el in root.iter("time"):
        times.setdefault(el.get("data-review"), el)
    last, nxt = _date(times.get("last")), _date(times.get("next"))
    has_block = any(el.get("data-review-dates") is not None for el in root.iter("div"))
    if last is None or nxt is None or not has_block:
        return [Finding(rel, None, "the page shows no review dates", FIX_DATES, CHECK)]
    found = []
    if not last < nxt <= years_later(last, MAX_REVIEW_YEARS):
        found.append(Finding(
            *where(rel, "next_review", source),
            f"next_review must come after last_reviewed and at most {MAX_REVIEW_YEARS} years later",
            f"set next_review to a date within {MAX_REVIEW_YEARS} years of last_reviewed", CHECK,
        ))
    review = reviewer(source)
    blocks = [el for el in root.iter("script") if (el.get("type") or "").lower() == "application/ld+json"]
    found += [Finding(*where(rel, "last_reviewed", source), what, fix, CHECK)
              for what, fix in json_ld_problems(blocks, last, review)]
    if review is None:
        said = REVIEWED.search(readable_text(root).text)
        if said:
            found.append(Finding(
                *where(rel, "last_reviewed", source),
                f"the page says '{said.group(0)}', but no review is recorded in its front matter",
                "say 'Last updated' instead, or record the review with reviewed_by (a name and a role)", CHECK))
    if nxt < today:
        found.append(Finding(
            *where(rel, "next_review", source), f"this page was due for review on {in_words(nxt)}",
            "review it, then update last_reviewed and next_review in its front matter", CHECK,
            ERROR if strict else WARNING,
        ))
    return found


def json_ld_problems(blocks: list[etree._Element], last: dt.date, review: dict | None = None) -> list[tuple[str, str]]:
    """(what, fix) for each problem with the page's JSON-LD <script> blocks. review: the recorded review."""
    fix = "keep the JSON-LD block in overrides/main.html, built with Jinja's tojson"
    if len(blocks) != 1:
        return [(f"the page needs exactly one schema.org JSON-LD block, found {len(blocks)}", fix)]
    try:
        data = json.loads(blocks[0].text or "")
    except json.JSONDecodeError as err:
        return [(f"the JSON-LD block is not valid JSON ({err.msg})", fix)]
    if not isinstance(data, dict) or data.get("@type") != "MedicalWebPage":
        return [("the JSON-LD block is not a schema.org MedicalWebPage", fix)]
    problems = []
    if review is None:
        if "lastReviewed" in data or "reviewedBy" in data:
            problems.append(("the JSON-LD claims a review (lastReviewed or reviewedBy), but none is recorded", fix))
        if data.get("dateModified") != last.isoformat():
            problems.append((f"the JSON-LD dateModified ({data.get('dateModified')}) differs from the page's last_reviewed", fix))
    else:
        if data.get("lastReviewed") != last.isoformat():
            problems.append((f"the JSON-LD lastReviewed ({data.get('lastReviewed')}) differs from the page's last_reviewed", fix))
        by = data.get("reviewedBy")
        if not isinstance(by, dict) or (by.get("name"), by.get("jobTitle")) != (review["name"], review["role"]):
            problems.append(("the JSON-LD reviewedBy differs from the page's reviewed_by", fix))
    if not data.get("name") or not data.get("description"):
        problems.append(("the JSON-LD block lacks name or description",
                         "give the page a title and description in its front matter"))
    return problems
