"""Every file under a folder, found with os.scandir: several times faster than os.walk or Path.rglob when
every page has a folder of its own, as the built site and docs/ have."""

from __future__ import annotations

import os
from collections.abc import Iterator


def files_under(top: str | os.PathLike) -> Iterator[tuple[list[str], os.DirEntry]]:
    """(path parts relative to top, entry) for every entry that is not a folder, in no set order. Like os.walk
    and Path.rglob, it does not enter symlinked folders, and it skips folders it cannot read."""

    def walk(folder: str, parts: list[str]) -> Iterator[tuple[list[str], os.DirEntry]]:
        try:
            entries = os.scandir(folder)
        except OSError:
            return
        with entries:
            for entry in entries:
                if not entry.is_dir():
                    yield parts + [entry.name], entry
                elif not entry.is_symlink():
                    yield from walk(entry.path, parts + [entry.name])

    return walk(os.fspath(top), [])
