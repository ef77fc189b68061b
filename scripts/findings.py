"""One problem found by a check, printed as `docs/<file>.md:<line>: <what is wrong> — <how to fix it>`.

Every check returns a list of Finding; scripts/check_site.py collects them all and prints them at once,
as text or, with --json, as JSON for tools.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable, TextIO

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    file: str  # a source such as "docs/index.md", "mkdocs.yml", or a built page such as "404.html"
    line: int | None  # 1-based; None when no line can be named
    what: str  # what is wrong
    fix: str  # how to fix it
    check: str  # which check found it, such as "front-matter"
    severity: str = ERROR  # ERROR fails the run; WARNING is reported only

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.what} — {self.fix}"

    def as_dict(self) -> dict:
        return dict(asdict(self), message=str(self))


def from_message(file: str, line: int | None, message: str, check: str, severity: str = ERROR) -> Finding:
    """A Finding from a 'what — fix' message."""
    what, _, fix = message.partition(" — ")
    return Finding(file, line, what, fix, check, severity)


def from_line(text: str, check: str, severity: str = ERROR) -> Finding:
    """A Finding from a whole 'file[:line]: what — fix' line."""
    where, _, message = text.partition(": ")
    file, _, line = where.partition(":")
    return from_message(file, int(line) if line.isdigit() else None, message, check, severity)


def unique_sorted(findings: Iterable[Finding]) -> list[Finding]:
    """Drop repeats (a source check and a built-page check may find the same thing), then sort by place."""
    return sorted(dict.fromkeys(findings), key=lambda f: (f.file, f.line or 0))


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]


def print_text(findings: list[Finding], summary: str, out: TextIO) -> None:
    """Warnings first (marked ⚠), then errors, then the one-line summary."""
    for finding in findings:
        if finding.severity == WARNING:
            print(f"⚠ {finding}", file=out)
    for finding in errors(findings):
        print(finding, file=out)
    print(summary, file=out)


def print_json(findings: list[Finding], summary: dict, out: TextIO) -> None:
    json.dump(dict(summary, findings=[f.as_dict() for f in findings]), out, ensure_ascii=False, indent=2)
    out.write("\n")
