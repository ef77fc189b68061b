"""nginx fixtures: the built site, its _headers written as the build writes them, served by Debian's nginx."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nginx_server import INSTALL_HINT, nginx_path, serve

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def require_nginx() -> None:
    """Under CI=true a missing nginx fails; elsewhere the tests skip loudly."""
    if nginx_path() is None:
        message = f"nginx is not installed — {INSTALL_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(f"SKIPPED NGINX TESTS: {message}")


def with_headers(site: Path) -> Path:
    """Run the build's header step on a built folder, as scripts/build_site.py does."""
    result = subprocess.run([sys.executable, str(SCRIPTS / "security_headers.py"), str(site)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def headed_site(built_project, tmp_path_factory) -> Path:
    """A copy of the built site with its _headers file, shared by the session. Do not change it."""
    site = tmp_path_factory.mktemp("headed") / "site"
    shutil.copytree(built_project.site, site)
    return with_headers(site)


@pytest.fixture(scope="session")
def nginx_url(headed_site: Path):
    """The headed site served by nginx with deploy/nginx.conf; the base URL ends in '/'."""
    require_nginx()
    with serve(headed_site) as url:
        yield url
