"""A built page, parsed once with lxml, and the way back from its elements to the line a contributor wrote."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from site_tools.sources import Source

# One parser for every page: plain lxml elements, and libxml2's table of the page's id attributes (load_page).
PARSER = etree.HTMLParser(encoding="utf-8")


@dataclass
class Context:
    """What every check may need: the config, the sources, and where things live."""

    root: Path  # the project folder
    site: Path | None  # the built site folder; None when only the sources are checked
    config: dict
    config_rel: str  # such as "mkdocs.yml"
    config_lines: list[str]
    sources: list[Source]
    by_page: dict[str, Source] = field(default_factory=dict)  # built page path -> its source

    def __post_init__(self) -> None:
        self.by_page = {s.page_path: s for s in self.sources}

    def config_line(self, *needles: str) -> int | None:
        for needle in needles:
            if needle:
                for number, text in enumerate(self.config_lines, 1):
                    if needle in text:
                        return number
        return None


@dataclass
class BuiltPage:
    rel: str  # inside the site folder, such as "strategies/journaling/index.html"
    root: etree._Element | None  # None for an empty file
    source: Source | None  # the Markdown it was built from, when there is one
    ids: set[str] = field(default_factory=set)  # every non-empty id attribute on the page

    def __post_init__(self) -> None:
        self.article = self.body = None
        if self.root is not None:
            self.article = next(self.root.iter("article"), None)
            scope = self.root if self.article is None else self.article
            self.body = next((el for el in scope.iter() if el.get("data-page-body") is not None), None)

    def place(self, el: etree._Element) -> Place:
        """What locate() needs to know about an element, kept small so the page's tree can be freed."""
        in_body = in_notice = False
        for a in el.iterancestors():
            in_body = in_body or a is self.body
            in_notice = in_notice or a.get("data-notice") is not None
        return Place(self.rel, self.source, in_body or el is self.body, in_notice or el.get("data-notice") is not None,
                     el.sourceline)

    def locate(self, el: etree._Element, ctx: Context | None, *needles: str, nth: int = 0) -> tuple[str, int | None]:
        return self.place(el).locate(ctx, *needles, nth=nth)


@dataclass(frozen=True)
class Place:
    page: str
    source: Source | None
    in_body: bool  # inside the article content (data-page-body)
    in_notice: bool  # inside a notice, whose texts live in mkdocs.yml
    sourceline: int | None

    def locate(self, ctx: Context | None, *needles: str, nth: int = 0) -> tuple[str, int | None]:
        """The file and line to name: the line in the Markdown source for article content, mkdocs.yml for the
        notices (when ctx is given), else the built page itself (theme markup). Needles are texts to look for on
        the line."""
        if self.source is not None and self.in_body:
            line = self.source.best_line(*needles, nth=nth)
            if line:
                return self.source.rel, line
        if self.in_notice and ctx is not None:
            line = ctx.config_line(*needles)
            if line:
                return ctx.config_rel, line
        return self.page, self.sourceline


def site_files(site: Path) -> list[str]:
    """Every file under the site folder, as sorted posix paths relative to it (symlinked folders are not entered)."""
    found = []
    for folder, _, names in os.walk(site):
        found += [(Path(folder).relative_to(site) / name).as_posix() for name in names]
    return sorted(found)


def load_page(site: Path, rel: str, ctx: Context) -> BuiltPage:
    data = (site / rel).read_bytes()
    if not data.strip():
        return BuiltPage(rel, None, ctx.by_page.get(rel))
    # XMLDTDID parses with the parser given (HTML here) and also returns the document's id table.
    root, ids = etree.XMLDTDID(data, PARSER)
    return BuiltPage(rel, root, ctx.by_page.get(rel), set(ids))
