"""Publish no source maps: delete *.map files and the sourceMappingURL comments that point at them.

A post-build step of scripts/site_tools/build/run.py. Readers never need the theme's source maps; without
them nobody can ask for a missing file. Usage: python scripts/site_tools/build/strip_source_maps.py SITE_DIR
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("❌ usage: python scripts/site_tools/build/strip_source_maps.py SITE_DIR (a built site folder)", file=sys.stderr)
        return 2
    maps, edited = strip_source_maps(Path(args[0]))
    print(f"✅ no source maps published: deleted {maps} .map file(s), removed {edited} sourceMappingURL comment(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
