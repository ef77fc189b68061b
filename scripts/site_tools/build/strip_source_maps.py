"""Publish no source maps: delete *.map files and the sourceMappingURL comments that point at them.

A post-build step of scripts/site_tools/build/run.py. Readers never need the theme's source maps; without
them nobody can ask for a missing file. Usage: python -m site_tools.build.strip_source_maps SITE_DIR [--json]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from site_tools.findings import StepResult, built_site, step_main

# The last-line comment bundlers add: "//# sourceMappingURL=x.js.map" or "/*# sourceMappingURL=x.css.map */".
MAP_COMMENT = re.compile(rb"\n?(//[#@] sourceMappingURL=[^\s*]+\.map\s*|/\*[#@] sourceMappingURL=[^\s*]+\.map\s*\*/\s*)$")


def strip_source_maps(site: Path) -> tuple[int, int]:
    """Delete maps and their comments under site; returns (maps deleted, files edited)."""
    maps = sorted(site.rglob("*.map"))
    for path in maps:
        path.unlink()
    edited = 0
    for path in sorted([*site.rglob("*.js"), *site.rglob("*.css")]):
        data = path.read_bytes()
        # The comment ends the file: look only at its last few KB, not the whole bundle.
        match = MAP_COMMENT.search(data, max(0, len(data) - 4096))
        if match:
            path.write_bytes(data[: match.start()] + b"\n" + data[match.end():])
            edited += 1
    return len(maps), edited


def run(site: Path) -> StepResult:
    maps, edited = strip_source_maps(built_site(site))
    return StepResult([], f"no source maps published: deleted {maps} .map file(s), "
                          f"removed {edited} sourceMappingURL comment(s)")


def main(argv: list[str] | None = None) -> int:
    return step_main(__doc__, run, argv)


if __name__ == "__main__":
    sys.exit(main())
