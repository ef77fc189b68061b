"""The text a reader can actually get from a built HTML page, parsed with lxml."""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from site_tools.project import normalize

# Subtrees whose text never reaches a reader.
SKIP_TAGS = {"template", "noscript", "script", "style", "head", "title"}
# Elements that sit inside a line of text: no word break around them.
INLINE_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "del", "ins",
}


def is_hidden(el: etree._Element) -> bool:
    """True for an element the page marks as hidden from everyone, or from screen readers."""
    return el.get("hidden") is not None or el.get("aria-hidden", "").lower() == "true"


@dataclass
class ReadableText:
    """The page's readable text in document order, and where notable elements start in it."""

    text: str = ""
    h1_at: int | None = None
    body_at: int | None = None
    marks: dict[str, int] = field(default_factory=dict)

    def find(self, needle: str) -> int:
        return self.text.find(needle)


def parse(data: bytes) -> etree._Element:
    return lxml.html.document_fromstring(data)


def readable_text(root: etree._Element) -> ReadableText:
    """Walk <main> (or <body>) once, keeping only text a reader can reach. Block elements, comments and
    processing instructions break words; inline elements do not."""
    scope = next(iter(root.iter("main")), None)
    if scope is None:
        scope = root.find("body")
    if scope is None:
        scope = root
    parts: list[str] = []
    h1_at = body_at = None  # where they start, as a count of parts
    walker = etree.iterwalk(scope, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        if event == "start":
            tag = el.tag
            if el is not scope and tag not in INLINE_TAGS:
                parts.append(" ")
            if tag in SKIP_TAGS or is_hidden(el):
                walker.skip_subtree()  # its "end" still comes, for the space after it and its tail
                continue
            if h1_at is None and tag == "h1":
                h1_at = len(parts)
            if body_at is None and el.get("data-page-body") is not None:
                body_at = len(parts)
            text = el.text
            if text:
                parts.append(text)
        elif event == "end":
            if el is scope:
                break  # the scope's own tail is outside it
            if el.tag not in INLINE_TAGS:
                parts.append(" ")
            tail = el.tail
            if tail:
                parts.append(tail)
        else:  # a comment or processing instruction: no text, but a word break and its tail
            parts.append("  ")
            tail = el.tail
            if tail:
                parts.append(tail)
    # Normalizing shortens the text, so re-find positions by normalizing what comes before them.
    out = ReadableText(normalize("".join(parts)))
    if h1_at is not None:
        out.h1_at = len(normalize("".join(parts[:h1_at]) + "x")) - 1
    if body_at is not None:
        out.body_at = len(normalize("".join(parts[:body_at]) + "x")) - 1
    return out
