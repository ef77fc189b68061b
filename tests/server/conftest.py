"""nginx fixtures: the built site, its _headers written as the build writes them, served by Debian's nginx."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_tools.serving.nginx import serve
from nginx_support import require_nginx


@pytest.fixture(scope="session")
def headed_site(shipped_site) -> Path:
    """The site as scripts/site_tools/build/run.py makes it (every step, _headers included): the session's one
    shipped build. Do not change it."""
    assert (shipped_site / "_headers").exists()
    return shipped_site


@pytest.fixture(scope="session")
def nginx_url(headed_site: Path):
    """The headed site served by nginx with deploy/nginx.conf; the base URL ends in '/'."""
    require_nginx()
    with serve(headed_site) as url:
        yield url
