"""Page content runs no code, embeds nothing, loads nothing from another host, and cannot hide or cover the notices.

The rules are allow-lists, in content_markup.py. They are checked twice, with the same messages:
  - on the Markdown sources, before the engine, with exact lines: raw HTML (read with Python's html.parser, as
    Python-Markdown reads it, so tags over several lines, entities, upper case and odd whitespace read as the engine
    reads them; in raw HTML blocks and markdown="1" blocks alike), attribute lists ({: .class key=value }, read with
    the attr_list extension's own parser; also on a code fence's opening line), admonition and details types (each
    becomes a class), Markdown images (inline and reference-style: each loads its address) and every link address;
  - on the article content of the built pages (the element with data-page-body), which also sees what Markdown
    produced. The blocks the theme and the templates put inside it (is_theme_part) are theirs, not content.
page_scripts.py checks the scripts of the whole page, theme markup included.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from lxml import etree
from markdown.extensions.attr_list import get_attrs_and_remainder

from site_tools.checks.content_markup import (ADMONITION_TYPES, Problem, element_problems, attribute_problems,
                                              load_problem, url_problem)
from site_tools.findings import Finding
from site_tools.sources import FENCE, Source

CHECK = "content-safety"

# Markdown constructs, matched on the prose (fenced code left out, inline code blanked).
MD_LINK = re.compile(r"\]\(\s*<?([^\s)>]+)")
MD_REF_DEF = re.compile(r"^[ ]{0,3}\[([^\[\]]+)\]:[ \t]*\n?[ \t]*<?([^\s>]+)", re.M)
AUTOLINK = re.compile(r"<((?:[a-z][a-z0-9+.-]*):[^\s<>]*)>", re.I)
BRACKETS = r"((?:[^\[\]]|\[[^\[\]]*\])*)"  # link text, which may hold one level of [brackets]
MD_IMAGE = re.compile(r"!\[" + BRACKETS + r"\]\(\s*<?([^\s)>]*)")
MD_IMAGE_REF = re.compile(r"!\[" + BRACKETS + r"\](?![(:])(?:[ ]?\n?[ ]*\[([^\[\]]*)\])?")
ATTRIBUTE_NAME = re.compile(r"[A-Za-z_][\w.-]*(?::[\w.-]+)?")  # such as hidden, data-x, xlink:href
FENCE_OPTIONS = {"linenums", "hl_lines", "title"}  # pymdownx.superfences and pymdownx.highlight
ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*([^\"\n]*)", re.M)


class RawHtml(HTMLParser):
    """Every start tag in the prose, with its line. Script and style content is read as markup too, so nothing
    hides inside an unclosed <style>."""

    CDATA_CONTENT_ELEMENTS = ()
    RCDATA_CONTENT_ELEMENTS = ()  # newer Pythons: textarea and title

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if ":" in tag or "@" in tag:
            return  # <https://example.org> or <name@example.org>: a Markdown autolink, not an element
        self.tags.append((self.getpos()[0], tag, attrs))


def prose_text(source: Source) -> str:
    """The source's prose with its line numbers kept: every other line (front matter, fenced code) left blank."""
    lines = [""] * len(source.lines)
    for number, text in source.prose:
        lines[number - 1] = text
    return "\n".join(lines)


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def attribute_list(text: str) -> list[tuple[str, str | None]] | None:
    """The attributes an attribute list starting at text (just after its '{') sets; None when it is not one.
    Words that cannot be an attribute's name (CSS such as 'display: none;') are left out: no attribute that
    matters has such a name."""
    attrs, rest = get_attrs_and_remainder(text[1:] if text.startswith(":") else text)
    if not rest.startswith("}"):
        return None
    return [("class", value) if key == "." else (key, value) for key, value in attrs
            if key in (".", "id") or ATTRIBUTE_NAME.fullmatch(key)]


def attribute_lists(text: str) -> list[tuple[int, list[tuple[str, str | None]]]]:
    """(line, attributes) for every attribute list in text."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        for start in (i for i, char in enumerate(line) if char == "{"):
            attrs = attribute_list(line[start + 1:])
            if attrs:
                found.append((number, attrs))
    return found


def fence_attributes(attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """A code fence's attribute list ``` { .python .extra linenums="1" }: the first class is the language (it
    becomes language-python) and superfences' options are read by the highlighter; the rest become attributes."""
    language = next((i for i, (key, _) in enumerate(attrs) if key == "class"), None)
    return [(key, value) for i, (key, value) in enumerate(attrs) if i != language and key not in FENCE_OPTIONS]


def image_problems(text: str, page: str) -> list[tuple[int, Problem]]:
    """Markdown images whose address leaves the site: inline ones, and the definitions reference-style ones use."""
    found = []
    for match in MD_IMAGE.finditer(text):
        problem = load_problem("src", match.group(2), page)
        if problem:
            found.append((line_at(text, match.start(2)), problem))
    labels = {" ".join((m.group(2) or m.group(1)).lower().split()) for m in MD_IMAGE_REF.finditer(text)}
    for match in MD_REF_DEF.finditer(text):
        if " ".join(match.group(1).lower().split()) in labels:
            problem = load_problem("src", match.group(2), page)
            if problem:
                found.append((line_at(text, match.start(2)), problem))
    return found


def check_source_safety(source: Source) -> list[Finding]:
    """Unsafe content in one Markdown source, with the exact line."""
    text = prose_text(source)
    page = source.page_path
    found: list[tuple[int, Problem]] = []
    parser = RawHtml()
    parser.feed(text)
    parser.close()
    for line, tag, attrs in parser.tags:
        found += [(line, problem) for problem in element_problems(tag, attrs, page, built=False)]
    fence_lines = "\n".join(line if FENCE.match(line) and n >= source.body_line else ""
                            for n, line in enumerate(source.lines, 1))
    lists = attribute_lists(text) + [(line, fence_attributes(attrs)) for line, attrs in attribute_lists(fence_lines)]
    for line, attrs in lists:
        found += [(line, problem) for problem in attribute_problems(None, attrs, page, built=False)]
    for match in ADMONITION.finditer(text):
        for word in match.group(1).split():
            if word.lower() not in ADMONITION_TYPES:
                found.append((line_at(text, match.start()), Problem(
                    word, f"the admonition type {word!r} is not allowed in page content",
                    "use one of Material's types: note, abstract, info, tip, success, question, warning, failure, "
                    "danger, bug, example, quote")))
    found += image_problems(text, page)
    for pattern, group in ((MD_LINK, 1), (MD_REF_DEF, 2), (AUTOLINK, 1)):
        for match in pattern.finditer(text):
            problem = url_problem(match.group(group))
            if problem:
                found.append((line_at(text, match.start(group)), problem))
    return [Finding(source.rel, line, problem.what, problem.fix, CHECK) for line, problem in found]


def is_theme_part(el: etree._Element) -> bool:
    """A block the theme or a template puts inside the article content: the edit button (Material), the review
    note, the table of pages, the review dates and the print link (overrides/partials/handout.html). Content cannot
    make one: the source check refuses data- attributes, md- classes and every class outside its list."""
    classes = (el.get("class") or "").split()
    return (any(el.get(name) is not None for name in ("data-review-due", "data-page-table", "data-review-dates"))
            or "print-link" in classes
            or (el.tag == "a" and el.get("rel") in ("edit", "view") and "md-content__button" in classes))


def content_elements(body: etree._Element):
    """Every element of the article content, in order, without the theme's and the templates' blocks."""
    for child in body.iterchildren(etree.Element):
        if not is_theme_part(child):
            yield from child.iter(etree.Element)  # elements only: no comments or processing instructions


def check_built_safety(body, page_rel: str, source: Source | None) -> list[Finding]:
    """Unsafe content in one built page's article content (the data-page-body element)."""
    problems: list[Finding] = []
    seen: dict[str, int] = {}
    for el in content_elements(body):
        in_code = any(a.tag == "code" for a in el.iterancestors())  # the highlighter's classes
        attrs = [(key, value) for key, value in el.items() if not (in_code and key == "class")]
        for problem in element_problems(el.tag, attrs, page_rel, built=True):
            needle = problem.needle
            line = source.best_line(needle, nth=seen.get(needle, 0)) if source is not None else None
            seen[needle] = seen.get(needle, 0) + 1
            if line:
                problems.append(Finding(source.rel, line, problem.what, problem.fix, CHECK))
            else:
                problems.append(Finding(page_rel, el.sourceline, problem.what, problem.fix, CHECK))
    return problems
