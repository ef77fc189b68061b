"""The text a reader can actually get from a built HTML page, parsed with lxml."""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from site_config import normalize

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
    """Walk <main> (or <body>) once, keeping only text a reader can reach."""
    scope = next(iter(root.iter("main")), None)
    if scope is None:
        scope = root.find("body")
    if scope is None:
        scope = root
    parts: list[str] = []
    out = ReadableText()
    length = 0

    def add(chunk: str | None) -> None:
        nonlocal length
        if chunk:
            parts.append(chunk)
            length += len(chunk)

    def walk(el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS or is_hidden(el):
            return  # comments, processing instructions and hidden subtrees
        if tag == "h1" and out.h1_at is None:
            out.h1_at = length
        if out.body_at is None and el.get("data-page-body") is not None:
            out.body_at = length
        add(el.text)
        for child in el:
            block = child.tag not in INLINE_TAGS
            if block:
                add(" ")
            walk(child)
            if block:
                add(" ")
            add(child.tail)

    walk(scope)
    raw = "".join(parts)
    # Normalizing shortens the text, so re-find positions by marker text lengths.
    out.text = normalize(raw)
    if out.h1_at is not None:
        out.h1_at = len(normalize(raw[: out.h1_at] + "x")) - 1
    if out.body_at is not None:
        out.body_at = len(normalize(raw[: out.body_at] + "x")) - 1
    return out
