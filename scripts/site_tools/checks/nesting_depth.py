"""Lists, quotes and HTML elements nested more than MAX_DEPTH levels deep are refused before the engine.

Python-Markdown reads nested blocks by recursion: a few hundred levels exhaust Python's stack (the engine
crashes with a traceback instead of a message), and long before that the build slows to a crawl. And lxml,
which the built-page checks read pages with, silently drops whatever is nested deeper than 255 elements, so
content there would escape every check. Real pages nest three or four levels. Depth is counted in the Markdown as written, outside fenced code:
- on each line: one level per 4 columns of indentation (Python-Markdown's tab length, which also nests
  admonitions and details), plus one per '>' or list marker ('-', '*', '+', '1.', '1)') at its start;
- across lines: the HTML elements still open, read with Python's HTML parser (void elements never open).
Each run of too-deep lines is reported once, at its first line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from site_tools.findings import Finding
from site_tools.sources import Source

CHECK = "nesting-depth"
MAX_DEPTH = 20
CONTAINER = re.compile(r" *(?:>|[-*+](?= |$)|\d{1,9}[.)](?= |$))")
THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")  # '- - -' is a rule, not three lists
TAG_NAME = re.compile(r"[a-z][a-z0-9-]*")  # not '<https://…>' or '<jo@example.org>' (autolinks)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
FIX = f"flatten it to a few levels (at most {MAX_DEPTH}): readers follow three or four"


def line_depth(text: str) -> int:
    """How many blocks deep a line is: its indentation in steps of 4 columns, plus its leading '>' and list markers."""
    text = text.expandtabs(4)
    if THEMATIC_BREAK.match(text):
        return 0
    depth = (len(text) - len(text.lstrip(" "))) // 4
    at = 0
    while match := CONTAINER.match(text, at):
        depth, at = depth + 1, match.end()
    return depth


class _OpenElements(HTMLParser):
    """Feeds the page's prose and notes the first line of each run where more than MAX_DEPTH elements are open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.too_deep_at: list[int] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in VOID or not TAG_NAME.fullmatch(tag):
            return
        self.open.append(tag)
        if len(self.open) == MAX_DEPTH + 1:
            self.too_deep_at.append(self.getpos()[0])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:  # as a browser does: close it and every element opened inside it
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]


def check_nesting_depth(source: Source) -> list[Finding]:
    found: list[Finding] = []
    deep = False
    for number, text in source.prose:
        if not text.strip():
            continue
        # The line as written: prose blanks inline code, which would read as indentation.
        was_deep, deep = deep, line_depth(source.lines[number - 1]) > MAX_DEPTH
        if deep and not was_deep:
            found.append(Finding(source.rel, number, f"a list, quote or indented block here is nested more than "
                                 f"{MAX_DEPTH} levels deep, which can crash the Markdown engine", FIX, CHECK))
    lines = [""] * len(source.lines)
    for number, text in source.prose:
        lines[number - 1] = text  # fenced code blanked, so the parser's line numbers are the file's
    parser = _OpenElements()
    parser.feed("\n".join(lines))
    parser.close()
    found += [Finding(source.rel, number, f"HTML elements here are nested more than {MAX_DEPTH} levels deep, "
                      "which can crash the Markdown engine", FIX, CHECK) for number in parser.too_deep_at]
    return found
