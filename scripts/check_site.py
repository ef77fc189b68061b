"""Check the built site: every page carries the required notices.

Usage: python scripts/check_site.py [SITE_DIR]     (default: site)
Exit 0 when every page passes, 1 when any fails, 2 when the site cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from check_notices import check_notices
from readable_text import parse, readable_text
from site_config import load_notices


def html_pages(site: Path) -> list[Path]:
    """Every .html file under the output folder, found by walking it."""
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site folder")
    args = parser.parse_args(argv)
    site: Path = args.site

    if not site.is_dir():
        print(f"❌ {site}: no built site here — run 'make build' first", file=sys.stderr)
        return 2
    pages = html_pages(site)
    if not pages:
        print(f"❌ {site}: no .html pages found — run 'make build' first", file=sys.stderr)
        return 2

    notices = load_notices()
    problems: list[str] = []
    for path in pages:
        rel = path.relative_to(site).as_posix()
        try:
            data = path.read_bytes()
        except OSError as err:
            print(f"❌ {rel}: cannot read ({err.strerror})", file=sys.stderr)
            return 2
        page = readable_text(parse(data))
        problems += [f"{rel}: {p}" for p in check_notices(page, notices)]

    for line in problems:
        print(line)
    if problems:
        print(f"❌ {len(problems)} problem(s) in {len(pages)} page(s)")
        return 1
    print(f"✅ {len(pages)} page(s) carry the disclaimer, the affiliate notice and the urgent-help box")
    return 0


if __name__ == "__main__":
    sys.exit(main())
