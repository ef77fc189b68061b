"""The urgent-help page is always published: a real Markdown page with its crisis numbers, in the nav, never
left out or redirected away, and the page the urgent-help box on every page links to.

The page is docs/get-help-now.md (URGENT_HELP_PAGE). Its content, as far as a check can tell: every number in
scripts/data/crisis-numbers.txt is in its text (outside code and HTML comments) as a link such as
[116 123](tel:116123). In mkdocs.yml: it is in the nav; exclude_docs and draft_docs do not match it; no
redirect_maps entry writes a redirect at its address (the entry is matched as mkdocs-redirects reads it, so
'./get-help-now.md' or 'get-help-now/index.md' count too: redirect_entries.py; redirect_maps.py checks every
other entry); extra.urgent_help.page is its address. No other page is built at its address. A problem in
mkdocs.yml is named with its line. notices.py checks the built side: the box's link to this page is on every page.
"""

from __future__ import annotations

import re

import pathspec

from site_tools.built_pages import Context
from site_tools.checks.redirect_entries import directory_urls, redirect_entries, written_at
from site_tools.findings import Finding
from site_tools.nav import nav_files
from site_tools.pages import built_file, url_path
from site_tools.project import DATA
from site_tools.sources import Source
from site_tools.yaml_lines import key_line

CHECK = "protected-pages"
URGENT_HELP_PAGE = "get-help-now.md"
NUMBERS = DATA / "crisis-numbers.txt"
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
FIX_RESTORE = f"restore docs/{URGENT_HELP_PAGE} from git history: the urgent-help box on every page links to it"


def read_numbers() -> list[tuple[str, str]]:
    """(number as readers see it, whose number it is) for each line of crisis-numbers.txt."""
    rows = []
    for line in NUMBERS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            number, _, whose = line.partition(":")
            rows.append((number.strip(), whose.strip()))
    return rows


def check_protected_pages(ctx: Context) -> list[Finding]:
    docs = ctx.config.get("docs_dir") or "docs"
    page = next((s for s in ctx.sources if s.doc_rel == URGENT_HELP_PAGE), None)
    found: list[Finding] = []
    if page is None:
        found.append(Finding(f"{docs}/{URGENT_HELP_PAGE}", None, "the urgent-help page is missing (or is not a plain "
                             "Markdown file)", FIX_RESTORE, CHECK))
    else:
        found += content_problems(page)
    address = built_file(URGENT_HELP_PAGE)
    for other in ctx.sources:
        if other is not page and other.page_path == address:
            found.append(Finding(other.rel, 1, f"this page would be built at the urgent-help page's address "
                                 f"({url_path(address)}), in its place", "rename or move it", CHECK))
    return found + config_problems(ctx)


def content_problems(page: Source) -> list[Finding]:
    """A crisis number that is not in the page's text as a tel: link."""
    try:
        numbers = read_numbers()
    except OSError as err:
        return [Finding(f"scripts/data/{NUMBERS.name}", None, f"cannot be read ({err.strerror})",
                        "restore it from git history", CHECK)]
    text = COMMENT.sub(" ", "\n".join(line for _, line in page.prose))
    found = []
    for number, whose in numbers:
        shown = r"\s+".join(map(re.escape, number.split()))
        digits = "".join(number.split())
        if not re.search(rf"\[\s*{shown}\s*\]\(\s*<?tel:{re.escape(digits)}>?\s*\)", text):
            found.append(Finding(page.rel, None, f"the urgent-help page no longer gives {number} ({whose}) as a link",
                                 f"put back [{number}](tel:{digits}): scripts/data/{NUMBERS.name} lists the numbers "
                                 "this page must always carry", CHECK))
    return found


def config_problems(ctx: Context) -> list[Finding]:
    config = ctx.config
    found: list[Finding] = []

    def add(keys: tuple, what: str, fix: str) -> None:
        found.append(Finding(ctx.config_rel, key_line("\n".join(ctx.config_lines), *keys), what, fix, CHECK))

    nav = config.get("nav")
    if nav is not None and URGENT_HELP_PAGE not in nav_files(nav):
        add(("nav",), f"the urgent-help page {URGENT_HELP_PAGE} is not in the nav",
            f"add '  - Get help now: {URGENT_HELP_PAGE}' under nav:, near the top")
    for key in ("exclude_docs", "draft_docs"):
        patterns = config.get(key) or ""
        lines = patterns if isinstance(patterns, list) else str(patterns).splitlines()
        if pathspec.GitIgnoreSpec.from_lines(lines).match_file(URGENT_HELP_PAGE):
            add((key,), f"{key} leaves the urgent-help page out of the site", f"change {key} so it does not match "
                f"{URGENT_HELP_PAGE}")
    urls = directory_urls(config)
    address = written_at(URGENT_HELP_PAGE, urls).lower()
    for entry in redirect_entries(ctx.config_lines):
        if entry.old is not None and written_at(entry.old, urls).lower() == address:
            new = entry.new if entry.new is not None else entry.new_node.value
            found.append(Finding(ctx.config_rel, entry.line, f"redirect_maps writes a redirect ({entry.old} → {new}) "
                                 "over the urgent-help page", "remove that entry: the urgent-help page must stay "
                                 "where every page's urgent-help box links", CHECK))
    expected = url_path(built_file(URGENT_HELP_PAGE)).lstrip("/")
    page = mapping(mapping(config.get("extra")).get("urgent_help")).get("page")
    if page != expected:
        add(("extra", "urgent_help", "page"), f"extra.urgent_help.page is {page!r}, not the urgent-help page's "
            f"address '{expected}'", f"set it to 'page: {expected}': the urgent-help box on every page links there")
    return found


def mapping(value) -> dict:
    return value if isinstance(value, dict) else {}
