"""The nav in mkdocs.yml: the Markdown files it lists, and adding a page or a section to it.

Entries are added as text, at the end of the nav (or of a section), so the file's comments and MkDocs tags
such as !ENV stay as they are. The one way to edit the nav: `make page` (authoring/new_page.py), the tests
(tests/guard_helpers.py) and the benchmarks (bench/generated_pages.py) all use it.
"""

from __future__ import annotations

import json
import re

from site_tools.pages import EXTERNAL

NAV_LINE = re.compile(r"nav:\s*(#.*)?$")
PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.'()?!-]*")


def nav_files(nav) -> list[str]:
    """Every Markdown file the nav (as loaded from mkdocs.yml) lists, in order; links and titles are skipped."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") and not EXTERNAL.match(nav) else []
    items = nav.values() if isinstance(nav, dict) else nav if isinstance(nav, list) else []
    return [file for item in items for file in nav_files(item)]


def yaml_text(text: str) -> str:
    """Text as a YAML scalar: plain when safe, else double-quoted (JSON strings are valid YAML)."""
    return text if PLAIN.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def nav_block(lines: list[str]) -> tuple[int, int]:
    """The index of the 'nav:' line and of the nav's last entry. ValueError when there is no nav."""
    start = next((i for i, line in enumerate(lines) if NAV_LINE.match(line)), None)
    if start is None:
        raise ValueError("mkdocs.yml has no nav: section — add one first")
    end = start
    for i in range(start + 1, len(lines)):
        if lines[i].strip() and not lines[i][0].isspace():
            break  # the next top-level key
        if lines[i].strip():
            end = i
    return start, end


def _entry(indent: str, doc_rel: str, title: str | None) -> str:
    return f"{indent}- {yaml_text(title)}: {doc_rel}\n" if title else f"{indent}- {doc_rel}\n"


def _insert(lines: list[str], after: int, new: list[str]) -> str:
    if not lines[after].endswith("\n"):
        lines[after] += "\n"
    return "".join(lines[:after + 1] + new + lines[after + 1:])


def add_page(config_text: str, doc_rel: str, title: str | None = None, section: str | None = None) -> str:
    """The config with one more nav entry: last in the nav, or right after the last entry for docs/<section>/.
    ValueError when there is no nav, or no entry for that section."""
    lines = config_text.splitlines(keepends=True)
    start, end = nav_block(lines)
    if start == end:
        raise ValueError("the nav in mkdocs.yml has no entries — add the first one by hand")
    after, indent_line = end, start + 1
    if section:
        matches = [i for i in range(start + 1, end + 1) if f"{section}/" in lines[i]]
        if not matches:
            raise ValueError(f"the nav has no section for docs/{section}/ — use an existing folder, or no --section")
        after = indent_line = matches[-1]
    indent = re.match(r"\s*", lines[indent_line]).group(0)
    return _insert(lines, after, [_entry(indent, doc_rel, title)])


def add_section(config_text: str, title: str, pages: list[tuple[str, str]]) -> str:
    """The config with a new section, titled title, at the end of the nav, listing (page title, doc_rel) pairs."""
    lines = config_text.splitlines(keepends=True)
    start, end = nav_block(lines)
    indent = re.match(r"\s*", lines[start + 1]).group(0) if end > start else "  "
    new = [f"{indent}- {yaml_text(title)}:\n"] + [_entry(indent + "    ", rel, name) for name, rel in pages]
    return _insert(lines, end, new)
