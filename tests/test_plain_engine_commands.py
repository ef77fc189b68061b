"""The engines' own commands work from the venvs, with no PYTHONPATH: `mkdocs build`, `mkdocs serve`, `zensical build`.

make venv (and make zensical) install the site_tools package, so mkdocs.yml's `site_tools.markdown.affiliate_links`
loads like any installed extension. Each command runs in a copy of the project, outside scripts/, with PYTHONPATH
removed from the environment; a planted Amazon link proves the extension ran. Under CI=true a missing venv fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from project_copy import ENV, ROOT, copy_project

LINK = "\nA [sleep mask](https://amzn.to/abc123) may help.\n"
LABELLED = 'rel="sponsored nofollow noopener">sleep mask</a> <span class="paid-link">(paid link)</span>'
PAGE = "strategies/journaling"
CLEAN_ENV = {name: value for name, value in ENV.items() if name != "PYTHONPATH"}


def command(venv: str, name: str, make: str) -> Path:
    """ROOT/venv/bin/name; a missing one skips loudly, or fails under CI=true."""
    path = ROOT / venv / "bin" / name
    if not path.exists():
        message = f"{path.relative_to(ROOT)} is missing — run '{make}'"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(f"SKIPPED PLAIN ENGINE COMMAND: {message}")
    return path


@pytest.fixture
def copy(tmp_path: Path):
    """A copy of the project whose journaling page carries an Amazon link."""
    project = copy_project(tmp_path / "project")
    page = project.docs / f"{PAGE}.md"
    page.write_text(page.read_text(encoding="utf-8") + LINK, encoding="utf-8")
    return project


def test_plain_mkdocs_build(copy):
    mkdocs = command(".venv", "mkdocs", "make venv")
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=copy.root, env=CLEAN_ENV,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert LABELLED in (copy.site / PAGE / "index.html").read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, seconds: float, server: subprocess.Popen) -> str:
    """The page at url, waiting up to seconds for the server's first build."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_plain_mkdocs_serve(copy, tmp_path):
    mkdocs = command(".venv", "mkdocs", "make venv")
    address = f"127.0.0.1:{free_port()}"
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(mkdocs), "serve", "--strict", "--no-livereload", "-a", address],
                                  cwd=copy.root, env=CLEAN_ENV, stdout=out, stderr=subprocess.STDOUT)
        try:
            html = fetch(f"http://{address}/{PAGE}/", 120, server)
        except OSError as err:
            server.kill()
            server.wait()
            pytest.fail(f"mkdocs serve served no page ({err}):\n{log.read_text()}")
        server.terminate()
        assert server.wait(timeout=30) is not None
    assert LABELLED in html, log.read_text()


def test_plain_zensical_build(copy):
    zensical = command(".venv-zensical", "zensical", "make zensical")
    result = subprocess.run([str(zensical), "build", "--strict", "--clean"], cwd=copy.root, env=CLEAN_ENV,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert LABELLED in (copy.site / PAGE / "index.html").read_text(encoding="utf-8")
