"""Publish a checked staging folder: swap it into place, keeping the old site until the swap is done."""

from __future__ import annotations

import shutil
from pathlib import Path


def publish(staging: Path, site: Path) -> None:
    """Replace site with staging. The old site is renamed aside first and removed only after the swap."""
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
