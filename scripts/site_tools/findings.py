"""One problem, found by a check or a build step, printed as `docs/<file>.md:<line>: <what is wrong> — <how to fix it>`.

The one way to report a problem:
- every check and every build step returns a list of Finding (never prints a problem itself);
- a build step exposes `run(site: Path) -> StepResult` (its findings and one line saying what it did, true
  whether or not it failed), and `main(argv)`, which prints that result with report() for a run of the step alone;
- report() is the one printer: text (warnings, then errors, then the summary) or, with --json, JSON for tools;
- step_main() is the whole main(argv) of a step: SITE_DIR and --json, run(site), report();
- a step that cannot run at all (no site to work on) raises CannotRun: exit 2, never a half-done result.
The build (build/run.py) and the check (checks/run.py) collect findings the same way and print them at once.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, TextIO

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


def report(findings: list[Finding], done: str, out: TextIO, as_json: bool = False, failure: str = "",
           **summary) -> int:
    """Print findings and the outcome with the one printer; return the exit code (1 when any error, else 0).
    done says what was done when nothing failed; failure, when given, is the summary line of a failed run
    (default: "N problem(s)"); summary holds extra JSON fields (such as pages=14)."""
    failed = errors(findings)
    if as_json:
        print_json(unique_sorted(findings), dict(summary, ok=not failed, errors=len(failed),
                                                 warnings=len(findings) - len(failed)), out)
    else:
        line = f"❌ {failure or f'{len(failed)} problem(s)'}" if failed else f"✅ {done}"
        print_text(unique_sorted(findings), line, out)
    return 1 if failed else 0


class CannotRun(Exception):
    """A step cannot run at all, such as 'site: no built site here — run 'make build' first' (exit 2)."""


def built_site(site: Path) -> Path:
    """site, when it is a folder; else CannotRun."""
    if not site.is_dir():
        raise CannotRun(f"{site}: no built site here — run 'make build' first")
    return site


def step_main(doc: str, run: Callable[..., StepResult], argv: list[str] | None,
              add_options: Callable[[argparse.ArgumentParser], None] | None = None) -> int:
    """The main(argv) of a build step: `SITE_DIR [--json] [options]`, then run(site, **options) printed with
    report(). Exit 0 when done, 1 when any error, 2 when the step cannot run (message on stderr)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site folder")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON, for tools")
    if add_options:
        add_options(parser)
    options = vars(parser.parse_args(argv))
    site, as_json = options.pop("site"), options.pop("json")
    try:
        findings, done = run(site, **options)
    except CannotRun as err:
        print(f"❌ {err}", file=sys.stderr)
        if as_json:
            print_json([], {"ok": False, "error": str(err)}, sys.stdout)
        return 2
    return report(findings, done, sys.stdout, as_json, failure=f"{len(errors(findings))} problem(s): {done}")
