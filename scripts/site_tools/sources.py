"""The Markdown sources under docs/: their front matter, their lines, and the built page each one becomes."""

from __future__ import annotations

import codecs
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from site_tools.pages import built_file, source_for

# The same front-matter block MkDocs reads (mkdocs/utils/meta.py).
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.S)
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
READ_FIX = ("save it as UTF-8 text (most editors offer 'Save with encoding' › 'UTF-8'); "
            "keep images and other files out of .md files")


class Unreadable(NamedTuple):
    """Why a source cannot be read as text: the line to name, what is wrong and how to fix it."""

    line: int
    what: str
    fix: str


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
    unreadable: Unreadable | None = None  # set when the file is not UTF-8 text: then it has no text at all

    @property
    def page_path(self) -> str:
        """The built file MkDocs writes for it, such as "strategies/journaling/index.html" (pages.py)."""
        return built_file(self.doc_rel)

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


def read_text(path: Path) -> str | Unreadable:
    """The file's text as text mode reads it (the BOM dropped, every line ending made "\n"), or why it is not
    UTF-8 text: it cannot be read, it is UTF-16, it holds bytes that are not UTF-8, or it is binary (a NUL byte)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return Unreadable(1, f"the file cannot be read ({err.strerror})", "check that it is a file you may read")

    def problem(offset: int, why: str) -> Unreadable:
        return Unreadable(data.count(b"\n", 0, offset) + 1, f"the file is not UTF-8 text: {why}", READ_FIX)

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # UTF-32 LE starts the same way
        return problem(0, "it starts with a UTF-16 byte order mark")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return problem(err.start, f"byte 0x{data[err.start]:02X} is not UTF-8")
    if "\x00" in text:
        return problem(data.index(b"\x00"), "it holds a NUL byte, so it is a binary file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path, root: Path, docs: Path) -> Source:
    rel, doc_rel = path.relative_to(root).as_posix(), path.relative_to(docs).as_posix()
    text = read_text(path)
    if isinstance(text, Unreadable):
        return Source(rel, doc_rel, "", [], None, True, 1, unreadable=text)
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
    return Source(
        rel=rel,
        doc_rel=doc_rel,
        text=text,
        lines=lines,
        front_matter=front_matter,
        front_matter_closed=closed,
        body_line=body_line,
    )


def load_sources(docs: Path, root: Path) -> list[Source]:
    """Every Markdown page under docs/, in a stable order (sorted paths). Symbolic links are neither read nor
    entered, whatever they point at (nothing, themselves, a file outside docs/), and unreadable files are left
    out: checks/docs_files.py refuses both."""
    paths = [Path(folder, name) for folder, _, names in os.walk(docs) for name in names if name.endswith(".md")]
    return [read_source(path, root, docs) for path in sorted(paths)
            if not path.is_symlink() and path.is_file() and os.access(path, os.R_OK)]


def source_for_page(built: str, docs: Path, root: Path) -> Source | None:
    """The Markdown source a built page (such as "about/index.html") came from, read; None when it has none."""
    doc = source_for(built, docs)
    return read_source(docs / doc, root, docs) if doc else None
