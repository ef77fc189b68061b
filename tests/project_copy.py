"""A throwaway copy of the project, with its real build and its real check, for tests to plant defects in.

Test modules import from here, never from conftest (tests/server/conftest.py shares that module name).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The project's own code runs from the installed site_tools package (make venv); a copy needs only its content
# and the inputs the build owns (scripts/data). The package finds the project from the current folder.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts/data")
ENV = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")


@dataclass
class Project:
    """A copy of the project in a temporary folder, to plant defects in."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}: the test's fixture is out of date"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def mkdocs_build(self) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(self.site)],
            cwd=self.root, env=ENV, capture_output=True, text=True,
        )

    def run_module(self, module: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        """`python -m module args` in the copy, as make runs it in the project."""
        return subprocess.run([sys.executable, "-m", module, *args], cwd=self.root, env=env or ENV,
                              capture_output=True, text=True)

    def check_site(self, *args: str) -> subprocess.CompletedProcess:
        return self.run_module("site_tools.checks", *(args or (str(self.site),)))

    def build(self) -> Path:
        result = self.mkdocs_build()
        assert result.returncode == 0, result.stderr
        return self.site


def copy_project(dest: Path) -> Project:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        else:
            shutil.copy2(src, dest / part)
    return Project(dest)
