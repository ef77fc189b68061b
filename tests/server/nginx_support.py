"""nginx for the server tests: under CI=true a missing nginx fails; elsewhere the tests skip loudly."""

from __future__ import annotations

import os

import pytest

from site_tools.serving.nginx import INSTALL_HINT, nginx_path


def require_nginx() -> None:
    """Under CI=true a missing nginx fails; elsewhere the tests skip loudly."""
    if nginx_path() is None:
        message = f"nginx is not installed — {INSTALL_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(f"SKIPPED NGINX TESTS: {message}")
