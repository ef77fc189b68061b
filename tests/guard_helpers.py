"""Helpers for the contributor-guard tests: plant fixture pages in a project copy, build, check."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from project_copy import ENV, ROOT
from site_tools import nav

GUARD = ROOT / "tests" / "fixtures" / "guard"


def plant(project, folder: str, names: tuple[str, ...] = (), in_nav: bool = True) -> list[str]:
    """Copy fixture pages from tests/fixtures/guard/<folder>/ to docs/guard/<folder>/, listed in the nav."""
    sources = sorted((GUARD / folder).glob("*.md"))
    if names:
        sources = [GUARD / folder / f"{name}.md" for name in names]
    planted = []
    for src in sources:
        rel = f"guard/{folder}/{src.name}"
        (project.docs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, project.docs / rel)
        planted.append(rel)
    if in_nav:
        add_to_nav(project, *planted)
    return planted


def add_to_nav(project, *rels: str) -> None:
    """List pages (paths inside docs/) at the end of the nav, as `make page` does."""
    path = project.root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    for rel in rels:
        text = nav.add_page(text, rel)
    path.write_text(text, encoding="utf-8")


def build_like_zensical(project) -> subprocess.CompletedProcess:
    """A build with --no-strict: Zensical honours little of MkDocs' link validation, so scripts/ must catch it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--clean", "-d", str(project.site)],
        cwd=project.root, env=ENV, capture_output=True, text=True,
    )


def finding_lines(result: subprocess.CompletedProcess, prefix: str = "") -> list[str]:
    """The finding lines (not the summary) of a checks/run.py run, optionally only those for one file."""
    return [line for line in result.stdout.splitlines()
            if not line.startswith(("✅", "❌", "⚠")) and line.startswith(prefix)]


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of needle in a fixture file, so tests never hard-code line numbers."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in text:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def check_json(project, *args: str) -> tuple[int, dict]:
    result = project.check_site(str(project.site), "--json", *args)
    return result.returncode, json.loads(result.stdout)


FINDING = re.compile(r"^(?P<file>[^:]+?)(?::(?P<line>\d+))?: (?P<what>.+?) — (?P<fix>.+)$")
