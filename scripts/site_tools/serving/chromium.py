"""Launch Debian's Chromium through Playwright, the one way every test and benchmark does it.

Playwright's own browser download cannot work here, so we always point it at /usr/bin/chromium.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))

# Without the background-networking flags Chromium calls Google's hosts at every start.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--metrics-recording-only",
]

INSTALL_HINT = "install it with 'make system-deps' (apt-get install chromium)"


def chromium_path() -> Path | None:
    """The system Chromium, or None when it is not installed."""
    if CHROMIUM.exists():
        return CHROMIUM
    found = shutil.which("chromium")
    return Path(found) if found else None


def launch(playwright, **kwargs):
    """A headless Chromium browser from Playwright's sync API."""
    path = chromium_path()
    if path is None:
        raise RuntimeError(f"Chromium not found at {CHROMIUM} — {INSTALL_HINT}")
    return playwright.chromium.launch(executable_path=str(path), args=FLAGS, headless=True, **kwargs)
