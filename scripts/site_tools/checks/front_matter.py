"""Every Markdown page starts with valid front matter: title, description, last_reviewed and next_review.

The schema is closed: every key is listed here, and each has a type and the values it may take, because the
templates print the values into pages unescaped (checks/plain_text.py) or act on them (Material's hide,
search, icon and status; our page_table). A value of the wrong type is a finding, never a crash.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Callable, Iterable

import material
import yaml

from site_tools.checks.plain_text import text_problem
from site_tools.findings import WARNING, Finding
from site_tools.sources import Source

CHECK = "front-matter"
REQUIRED = ("title", "description", "last_reviewed", "next_review")
# Keys MkDocs, Material or our templates read (page_table: overrides/partials/handout.html).
# Add a key here when a template starts to read it.
# reviewed_by records a real review (overrides/partials/handout.html, the JSON-LD in main.html).
OPTIONAL = ("reviewed_by", "template", "hide", "icon", "status", "subtitle", "search", "page_table")
KNOWN = REQUIRED + OPTIONAL
# Keys whose values are prose that readers see, so the spelling check reads them (authoring/spelling.yml skips
# the values of every other key; tests/test_front_matter_keys.py keeps the two lists in step).
PROSE_KEYS = ("title", "description")
EXAMPLES = {
    "title": "A short page title",
    "description": "One or two plain sentences, 50 to 160 characters, that say what the page is about.",
    "last_reviewed": "2026-11-25",
    "next_review": "2029-11-25",
}
DESCRIPTION_RANGE = (50, 160)
# Every page is reviewed at least this often: the one definition, which checks/review_dates.py and
# authoring/new_page.py import.
MAX_REVIEW_YEARS = 3
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# What Material can hide on a page: the `"…" in page.meta.hide` tests in its templates (base.html, footer.html,
# path.html, tags.html, feedback.html), as its docs list them.
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
# Material's icons, as `icon: material/book-open-variant` names them: a file in the installed theme.
ICONS = Path(material.__file__).parent / "templates" / ".icons"
ICON_NAME = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)+")
KEY_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader (libyaml when present) that leaves dates as text, so a bad date is reported, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _key_lines(source: Source) -> dict[str, int]:
    """The file line of each top-level key in the front matter."""
    found: dict[str, int] = {}
    for offset, text in enumerate((source.front_matter or "").splitlines()):
        match = KEY_LINE.match(text)
        if match:
            found.setdefault(match.group(1), offset + 2)
    return found


def years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _parse_date(value) -> dt.date | None:
    text = str(value).strip()
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _shown(value) -> str:
    """A value as a message shows it: text in quotes, other scalars as YAML writes them, collections by kind."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return {type(None): "empty", list: "a list", dict: "a set of keys"}.get(type(value), "not text")


Problem = tuple[str, str] | None  # (what is wrong, how to fix it)


def _plain(key: str, value, fix_type: str) -> Problem:
    if not isinstance(value, str):
        return f"the {key} is not plain text", fix_type
    problem = text_problem(value)
    return (f"the {key} {problem[0]}", problem[1]) if problem else None


def _hide(value) -> Problem:
    fix = f"list only what to hide, such as 'hide: [toc]', from: {', '.join(HIDE_VALUES)}"
    if not isinstance(value, list):
        return f"hide is {_shown(value)}, not a list", fix
    for item in value:
        if item not in HIDE_VALUES:
            return f"hide lists {_shown(item)}, which is not a part of the page Material can hide", fix
    return None


def _icon(value) -> Problem:
    if isinstance(value, str) and ICON_NAME.fullmatch(value) and (ICONS / f"{value}.svg").is_file():
        return None
    return (f"the icon {_shown(value)} is not an icon of the installed theme",
            "name one as Material's icon search shows it, such as 'icon: material/book-open-variant', or remove the line")


def _search(value) -> Problem:
    fix = "write 'search:' and under it either '  exclude: true' (to leave the page out of search) or '  boost: 2'"
    if not isinstance(value, dict):
        return f"search is {_shown(value)}, not a search setting", fix
    for key, setting in value.items():
        number = isinstance(setting, (int, float)) and not isinstance(setting, bool)
        if not ((key == "exclude" and isinstance(setting, bool)) or (key == "boost" and number and setting > 0)):
            return (f"search has '{key}' set to {_shown(setting)}, which Material does not read: "
                    "it takes 'exclude: true' or 'boost:' with a number above 0", fix)
    return None


# A part of reviewed_by that is a placeholder, not a person: a placeholder is never published.
PLACEHOLDERS = {"name", "role", "your name", "your role", "someone", "somebody", "anonymous", "unknown", "none",
                "n/a", "reviewer", "a reviewer", "staff", "team"}
PLACEHOLDER_WORDS = re.compile(r"\b(?:todo|tbd|tbc|fixme|placeholder|example|lorem|ipsum|xxx+|dummy|test)\b", re.I)
REVIEWED_BY_FIX = "write it as 'reviewed_by:' and under it '  name: Dr Jane Smith' and '  role: Consultant psychiatrist'"


def _reviewed_by(value) -> Problem:
    """A recorded review names a real person and their role, as plain text."""
    if not isinstance(value, dict) or set(value) != {"name", "role"}:
        return f"reviewed_by is {_shown(value)}, not a name and a role", REVIEWED_BY_FIX
    for part in ("name", "role"):
        text = value[part]
        problem = _plain(f"reviewer's {part}", text, REVIEWED_BY_FIX)
        if problem:
            return problem
        if not text.strip() or text.strip().casefold() in PLACEHOLDERS or PLACEHOLDER_WORDS.search(text):
            return (f"the reviewer's {part} {_shown(text)} is a placeholder, not a real {part}",
                    "record a review only when a named person has reviewed the page; otherwise remove reviewed_by")
    return None


def _page_table(value) -> Problem:
    if isinstance(value, bool):
        return None
    return f"page_table is {_shown(value)}, not true or false", "write 'page_table: true' or remove the line"


def _status(statuses: tuple[str, ...]) -> Callable[[object], Problem]:
    def check(value) -> Problem:
        if not statuses:
            return ("the 'status' key needs page statuses set up under extra.status in mkdocs.yml, "
                    "and this site has none", "remove the line")
        if isinstance(value, str) and value in statuses:
            return None
        return (f"the status {_shown(value)} is not one of those under extra.status in mkdocs.yml: {', '.join(statuses)}",
                "use one of them, or remove the line")
    return check


def value_checks(statuses: tuple[str, ...]) -> dict[str, Callable[[object], Problem]]:
    """Each key's check of a value that is not empty (the dates and 'template' are checked in check_page)."""
    return {
        "title": lambda v: _plain("title", v, "write the title as text, in quotes if it starts with a number"),
        "description": lambda v: _plain("description", v, "write one or two plain sentences"),
        "subtitle": lambda v: _plain("subtitle", v, "write the subtitle as text"),
        "hide": _hide,
        "icon": _icon,
        "status": _status(statuses),
        "search": _search,
        "page_table": _page_table,
        "reviewed_by": _reviewed_by,
    }


def read_front_matter(source: Source) -> tuple[dict | None, list[Finding]]:
    """The page's front matter as a dict, or the findings that explain why it cannot be read."""
    def finding(line: int, what: str, fix: str) -> list[Finding]:
        return [Finding(source.rel, line, what, fix, CHECK)]

    if source.unreadable:
        return None, finding(*source.unreadable)
    if not source.front_matter_closed:
        return None, finding(1, "the front matter block that starts here is never closed",
                             "add a line with only '---' after the last key")
    if source.front_matter is None:
        return None, finding(
            1, "the page has no front matter block",
            "start the file with a '---' line, then the keys title, description, last_reviewed "
            "and next_review, then a '---' line (see CONTRIBUTING.md)",
        )
    try:
        meta = yaml.load(source.front_matter, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as err:
        # "while scanning a quoted scalar" points at where the quote opened: the line to fix.
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        reason = " ".join(filter(None, (getattr(err, "context", None), getattr(err, "problem", None)))) or str(err)
        return None, finding(
            line, f"the front matter is not valid YAML: {reason}",
            "write each key as 'key: value' on its own line; put text that contains ': ' or ' #' in quotes",
        )
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, finding(2, "the front matter is not a list of 'key: value' lines",
                             "write each key as 'key: value' on its own line")
    return meta, []


def check_page(source: Source, meta: dict, statuses: tuple[str, ...] = ()) -> list[Finding]:
    """Problems with one page's front-matter values. statuses: the page statuses mkdocs.yml sets up (extra.status)."""
    end = source.body_line - 1  # the closing '---' line
    problems: list[Finding] = []

    def add(key: str | None, what: str, fix: str) -> None:
        line = _key_lines(source).get(key, end) if key else end  # looked up only for a problem
        problems.append(Finding(source.rel, line, what, fix, CHECK))

    for key in REQUIRED:
        if key not in meta or meta[key] in (None, ""):
            add(None, f"the front matter has no '{key}'", f"add '{key}: {EXAMPLES[key]}' before this line")

    checks = value_checks(statuses)
    for key, value in meta.items():
        if key in checks and value not in (None, ""):
            problem = checks[key](value)
            if problem:
                add(key, *problem)
    if "template" in meta:  # a template of its own would drop the required notices (overrides/main.html adds them)
        add("template", "the 'template' key is not allowed: every page is built with the site's page template, "
            "overrides/main.html, which adds the required notices", "remove the line")

    description = meta.get("description")
    if isinstance(description, str) and description:
        low, high = DESCRIPTION_RANGE
        size = len(description.strip())
        if size < low:
            add("description", f"the description is {size} characters long; it must be {low} to {high}",
                f"add detail until it is at least {low} characters: search results and link previews show it")
        elif size > high:
            add("description", f"the description is {size} characters long; it must be {low} to {high}",
                f"shorten it to at most {high} characters: search results cut longer text")

    dates: dict[str, dt.date] = {}
    for key in ("last_reviewed", "next_review"):
        value = meta.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, (str, int, float)):
            add(key, f"{key} is {_shown(value)}, not a date", f"write it like '{key}: {EXAMPLES[key]}'")
            continue
        day = _parse_date(value)
        if day is None:
            add(key, f"{key} {_shown(value)} is not a real date in the form YYYY-MM-DD",
                f"write it like '{key}: {EXAMPLES[key]}'")
        else:
            dates[key] = day
    if len(dates) == 2:
        last, nxt = dates["last_reviewed"], dates["next_review"]
        latest = years_later(last, MAX_REVIEW_YEARS)
        if nxt <= last:
            add("next_review", f"next_review ({nxt}) is not after last_reviewed ({last})",
                f"set next_review to a later date, no later than {latest}")
        elif nxt > latest:
            add("next_review", f"next_review ({nxt}) is more than {MAX_REVIEW_YEARS} years after last_reviewed ({last})",
                f"set next_review to {latest} or earlier: every page is reviewed at least every {MAX_REVIEW_YEARS} years")

    if not meta.get("reviewed_by"):
        problems.append(Finding(
            source.rel, _key_lines(source).get("last_reviewed", end),
            "no review is recorded for this page, so it shows 'Last updated', not 'Page last reviewed'",
            "when a named person has reviewed it, add reviewed_by with their name and role (CONTRIBUTING.md)",
            CHECK, WARNING))

    for key in meta:
        if key in KNOWN:
            continue
        guess = difflib.get_close_matches(str(key), KNOWN, n=1, cutoff=0.5)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        add(str(key), f"unknown front-matter key '{key}', probably a typo",
            f"{hint}Use only the keys listed in CONTRIBUTING.md: {', '.join(KNOWN)}")
    return problems


def check_front_matter(sources: list[Source], statuses: Iterable[str] = ()) -> list[Finding]:
    """Front-matter problems in every source, including titles used twice. statuses: the page statuses
    mkdocs.yml sets up (config_values.page_statuses); none by default."""
    statuses = tuple(statuses)
    problems: list[Finding] = []
    titles: dict[str, list[tuple[Source, str]]] = {}
    for source in sources:
        meta, unreadable = read_front_matter(source)
        problems += unreadable
        if meta is None:
            continue
        problems += check_page(source, meta, statuses)
        title = meta.get("title")
        if isinstance(title, str) and title.strip():
            titles.setdefault(" ".join(title.split()).casefold(), []).append((source, title))
    for pages in titles.values():
        for source, title in pages if len(pages) > 1 else ():
            others = ", ".join(other.rel for other, _ in pages if other is not source)
            problems.append(Finding(
                source.rel, _key_lines(source).get("title", 2), f"the title '{title}' is also used by {others}",
                "give each page its own title, so readers and search results can tell the pages apart", CHECK,
            ))
    return problems
