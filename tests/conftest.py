"""Shared fixtures: a throwaway copy of the project, its real build and its real check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from project_copy import ENV, ROOT, Project, copy_project

@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the project for one test to change."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def new_project(tmp_path_factory: pytest.TempPathFactory):
    """Makes fresh project copies for module-scoped fixtures: new_project("name") -> Project."""
    return lambda name: copy_project(tmp_path_factory.mktemp(name) / "project")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project as it is, built once for the whole session. Do not change it."""
    proj = copy_project(tmp_path_factory.mktemp("built") / "project")
    proj.build()
    return proj


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site exactly as `make build` ships it (build/run.py: engine, QR codes, review notes, headers,
    checks), built once per session. Do not change it."""
    proj = copy_project(tmp_path_factory.mktemp("shipped") / "project")
    result = subprocess.run([sys.executable, "-m", "site_tools.build", "--site-dir", "site"],
                            cwd=proj.root, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return proj.site


@pytest.fixture(scope="session")
def good(shipped_site: Path):
    """The untouched project as `make build` ships it (shipped_site's project) and the snapshot of its site/: the
    last good site every red-team row is checked against. Do not change it: good_copy gives a row its own copy."""
    from red_team import snapshot

    return Project(shipped_site.parent), snapshot(shipped_site)


@pytest.fixture
def good_copy(good, tmp_path: Path):
    """A fresh copy of the good built project for one row, and the last good site's snapshot."""
    project, before = good
    dest = tmp_path / "project"
    shutil.copytree(project.root, dest, symlinks=True)
    return Project(dest), before


@pytest.fixture
def built_copy(built_project: Project, tmp_path: Path) -> Project:
    """A copy of the built project whose HTML a test may change."""
    dest = tmp_path / "project"
    shutil.copytree(built_project.root, dest)
    return Project(dest)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. Under CI=true a missing browser fails; elsewhere it skips loudly."""
    from site_tools.serving.chromium import INSTALL_HINT, chromium_path

    if chromium_path() is None:
        message = f"Chromium is not installed — {INSTALL_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(f"SKIPPED BROWSER TESTS: {message}")
    from playwright.sync_api import sync_playwright

    from site_tools.serving.chromium import launch

    with sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()
