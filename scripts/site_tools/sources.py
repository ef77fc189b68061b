"""The Markdown sources under docs/: their front matter, their lines, and the built page each one becomes."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from site_tools.folder_walk import files_under

# The same front-matter block MkDocs reads (mkdocs/utils/meta.py).
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.S)
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


@dataclass
class Source:
    """One Markdown page, as the contributor wrote it."""

    rel: str  # as the contributor sees it, such as "docs/strategies/journaling.md"
    doc_rel: str  # inside docs/, such as "strategies/journaling.md" (the form nav: uses)
    text: str
    lines: list[str] = field(repr=False)
    front_matter: str | None  # the YAML between the '---' lines; None when there is no block
    front_matter_closed: bool  # False when a block starts with '---' but never ends
    body_line: int  # the first line after the front matter

    @property
    def page_path(self) -> str:
        return built_page_path(self.doc_rel)

    @functools.cached_property
    def prose(self) -> list[tuple[int, str]]:
        """(line number, text) for the body lines outside fenced code, with inline code blanked out."""
        found: list[tuple[int, str]] = []
        fence = None
        for number in range(self.body_line, len(self.lines) + 1):
            text = self.lines[number - 1]
            match = FENCE.match(text) if ("```" in text or "~~~" in text) else None
            if fence:
                if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                    fence = None
            elif match:
                fence = match.group(1)
            elif "`" in text:
                found.append((number, CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)))
            else:
                found.append((number, text))
        return found

    @functools.cached_property
    def prose_lower(self) -> list[tuple[int, str]]:
        return [(number, text.lower()) for number, text in self.prose]

    def line_of(self, needle: str, nth: int = 0) -> int | None:
        """The line of the nth appearance of needle in the prose (or the first, if fewer), ignoring case."""
        if not needle:
            return None
        needle = needle.lower()
        first = None
        seen = 0
        for number, text in self.prose_lower:
            if needle in text:
                if seen == nth:
                    return number
                first = first or number
                seen += 1
        return first

    def best_line(self, *needles: str, nth: int = 0) -> int | None:
        """The line of the first needle found, else None."""
        for needle in needles:
            line = self.line_of(needle, nth)
            if line:
                return line
        return None


def built_page_path(doc_rel: str) -> str:
    """Where MkDocs writes a page with use_directory_urls: a.md -> a/index.html, a/index.md -> a/index.html.
    Plain string work (as PurePosixPath's stem and parent would give) because it runs once per page."""
    folder, _, name = doc_rel.rpartition("/")
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name
    prefix = folder + "/" if folder and folder != "." else ""
    return f"{prefix}index.html" if stem in ("index", "README") else f"{prefix}{stem}/index.html"


def read_source(path: str | Path, root: Path, docs: Path) -> Source:
    # Unbuffered bytes (one read of the whole file), then decoded as text mode would (BOM dropped, universal
    # newlines): faster than text mode.
    with open(path, "rb", buffering=0) as fh:
        text = fh.read().decode("utf-8-sig")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.splitlines()
    match = FRONT_MATTER.match(text)
    front_matter, closed, body_line = None, True, 1
    if match:
        front_matter = match.group(1) or ""
        body_line = text.count("\n", 0, match.end()) + 1
        if not match.group(0).endswith("\n"):
            body_line += 1
    elif lines and re.fullmatch(r"-{3}[ \t]*", lines[0]):
        closed = False
    name, root_, docs_ = os.fspath(path), os.fspath(root) + os.sep, os.fspath(docs) + os.sep
    return Source(
        rel=(name[len(root_):] if name.startswith(root_) else name).replace(os.sep, "/"),
        doc_rel=name[len(docs_):].replace(os.sep, "/"),
        text=text,
        lines=lines,
        front_matter=front_matter,
        front_matter_closed=closed,
        body_line=body_line,
    )


def load_sources(docs: Path, root: Path) -> list[Source]:
    """Every Markdown page under docs/, in a stable order (the order of sorted(docs.rglob("*.md")))."""
    found = [(parts, entry.path) for parts, entry in files_under(docs) if entry.name.endswith(".md") and entry.is_file()]
    found.sort(key=lambda item: item[0])  # the parts, as Path sorts
    return [read_source(path, root, docs) for _, path in found]
