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
sys.path.insert(0, str(ROOT / "scripts"))

PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts")
ENV = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
# scripts/ on the path: mkdocs.yml's markdown_extensions uses scripts/affiliate_links.py.
ENV["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT / "scripts"), os.environ.get("PYTHONPATH"))))
# Project copies have no tests/node: scripts/purge_unused_css.py finds the pinned purgecss through NODE_PATH.
ENV["NODE_PATH"] = os.pathsep.join(filter(None, (str(ROOT / "tests" / "node" / "node_modules"),
                                                 os.environ.get("NODE_PATH"))))


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
            cwd=self.root, env=dict(ENV, PYTHONPATH=str(self.root / "scripts")), capture_output=True, text=True,
        )

    def run_script(self, name: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(self.root / "scripts" / name), *args],
            cwd=self.root, env=ENV, capture_output=True, text=True,
        )

    def check_site(self, *args: str) -> subprocess.CompletedProcess:
        return self.run_script("check_site.py", *(args or (str(self.site),)))

    def build(self) -> Path:
        result = self.mkdocs_build()
        assert result.returncode == 0, result.stderr
        return self.site


def copy_project(dest: Path) -> Project:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return Project(dest)
