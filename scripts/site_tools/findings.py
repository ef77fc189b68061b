"""One problem, found by a check or a build step, printed as `docs/<file>.md:<line>: <what is wrong> — <how to fix it>`.

The one way to report a problem:
- every check and every build step returns a list of Finding (never prints a problem itself);
- a build step exposes `run(site: Path) -> StepResult` (its findings and one line saying what it did),
  and `main(argv)`, which prints that result with report() for a run of the step alone;
- report() is the one printer: text (warnings, then errors, then the summary) or, with --json, JSON for tools.
The build (build/run.py) and the check (checks/run.py) collect findings the same way and print them at once.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable, NamedTuple, TextIO

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


class StepResult(NamedTuple):
    """What one build step did: its findings, and one line for the log such as "wrote 13 QR code(s)"."""

    findings: list[Finding]
    done: str


def report(findings: list[Finding], done: str, out: TextIO, as_json: bool = False, **summary) -> int:
    """Print findings and the outcome with the one printer; return the exit code (1 when any error, else 0).
    done says what was done when nothing failed; summary holds extra JSON fields (such as pages=14)."""
    failed = errors(findings)
    if as_json:
        print_json(unique_sorted(findings), dict(summary, ok=not failed, errors=len(failed),
                                                 warnings=len(findings) - len(failed)), out)
    else:
        line = f"❌ {len(failed)} problem(s)" if failed else f"✅ {done}"
        print_text(unique_sorted(findings), line, out)
    return 1 if failed else 0
