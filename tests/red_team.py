"""The red-team harness: plant one hostile or careless input in a copy of the project, build, and prove the
build refused it cleanly. Each area's table of rows lives in its own tests/test_red_team_<area>.py.

A refusal is clean when: the build exits non-zero; the expected `file[:line]: message` is printed; the
"build failed" line is printed; no Python traceback is printed; site.staging/ is gone; and the last good
site/ is byte for byte what it was. The good site is built once per session (tests/conftest.py: good, and
good_copy for each row's own copy).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

FAILED = "❌ build failed at '"


@dataclass(frozen=True)
class Row:
    """One planted input. plant(project) changes the copy; expect is text that must be printed (such as
    'docs/x.md:3: <meta> is not allowed'). build=False: the input is refused by the source check alone
    (`python -m site_tools.checks --sources-only`, about a second), so no build is needed to prove it."""

    name: str
    plant: Callable
    expect: str
    build: bool = True
    also: tuple[str, ...] = field(default_factory=tuple)  # more texts that must be printed


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def good_site(project) -> dict[str, str]:
    """Build the untouched copy once, and return a snapshot of its site/: the last good site."""
    result = project.run_module("site_tools.build")
    assert result.returncode == 0, result.stdout + result.stderr
    return snapshot(project.site)


def assert_refused(project, row: Row, before: dict[str, str] | None = None) -> str:
    """Plant row's input and assert a clean refusal: by the build, or (build=False) by the source check.
    before: good_site()'s snapshot, required for a build. Returns the output, for further asserts."""
    row.plant(project)
    if row.build:
        result = project.run_module("site_tools.build")
    else:
        result = project.run_module("site_tools.checks", "--sources-only")
    out = result.stdout + result.stderr
    assert result.returncode != 0, f"{row.name}: it passed\n{out[-3000:]}"
    for text in (row.expect, *row.also):
        assert text in out, f"{row.name}: {text!r} not printed\n{out[-3000:]}"
    assert "Traceback (most recent call last)" not in out, f"{row.name}: a traceback was printed\n{out[-3000:]}"
    if row.build:
        assert FAILED in result.stdout, f"{row.name}: no 'build failed' line\n{out[-3000:]}"
        assert not (project.root / "site.staging").exists(), f"{row.name}: site.staging/ was left behind"
        assert snapshot(project.site) == before, f"{row.name}: the last good site/ changed"
    return out
