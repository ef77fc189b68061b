"""Create a new page from a template, with valid front matter, and add it to the nav.

Usage: python scripts/site_tools/authoring/new_page.py "Page title" --description "One or two plain sentences." [--section strategies]
Or:    make page TITLE="Page title" DESCRIPTION="One or two plain sentences." [SECTION=strategies]
The page goes to docs/<section>/<slug>.md (docs/<slug>.md without a section), listed last in that part of the nav.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

from site_tools.checks.front_matter import MAX_REVIEW_YEARS, check_front_matter, years_later
from site_tools.findings import errors
from site_tools.nav import add_page, nav_files, yaml_text
from site_tools.pages import built_file, url_path
from site_tools.project import MKDOCS_YML, load_config
from site_tools.sources import load_sources, read_source

TEMPLATE = """---
title: {title}
description: {description}
last_reviewed: {today}
next_review: {next_review}
---

# {heading}

!!! abstract "In short"

    - Sum up the page in two to four short points.

Write the page here. Keep each sentence to 20 words or fewer, in plain English.
"""
PUBLISHED_URLS = "scripts/data/published-urls.txt"


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("title", help="the page title, such as 'Breathing exercises'")
    parser.add_argument("--description", required=True, help="50 to 160 characters: what the page is about")
    parser.add_argument("--section", help="the docs/ folder to put it in, such as strategies")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    title, section = " ".join(args.title.split()), (args.section or "").strip("/") or None
    slug = slugify(title)
    if not slug:
        print("❌ the title needs at least one letter or digit", file=sys.stderr)
        return 2
    config_path = MKDOCS_YML
    root = config_path.parent
    docs = root / (load_config(config_path).get("docs_dir") or "docs")
    doc_rel = f"{section}/{slug}.md" if section else f"{slug}.md"
    path = docs / doc_rel
    if path.exists():
        print(f"❌ {path.relative_to(root)} already exists — choose another title, or edit that page", file=sys.stderr)
        return 1

    text = TEMPLATE.format(
        title=yaml_text(title), heading=title, description=yaml_text(" ".join(args.description.split())),
        today=args.today, next_review=years_later(args.today, MAX_REVIEW_YEARS),
    )
    try:
        new_config = add_page(config_path.read_text(encoding="utf-8"), doc_rel, title, section)
    except ValueError as err:
        print(f"❌ {err}", file=sys.stderr)
        return 1

    # Check the new page as the build will, before writing anything.
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    source = read_source(path, root, docs)
    problems = [f for f in errors(check_front_matter(load_sources(docs, root))) if f.file == source.rel]
    if problems:
        path.unlink()
        for problem in problems:
            print(f"❌ {problem}", file=sys.stderr)
        return 1
    config_path.write_text(new_config, encoding="utf-8")
    if doc_rel not in nav_files(load_config(config_path).get("nav")):
        raise SystemExit(f"❌ could not add {doc_rel} to the nav — add it by hand under nav: in mkdocs.yml")
    listed = add_to_published_urls(root, built_file(doc_rel))
    also = f" and its address to {listed}" if listed else ""
    print(f"✅ created {source.rel} and added it to the nav in mkdocs.yml{also} — edit it, then preview with 'make serve'")
    return 0


def add_to_published_urls(root: Path, built: str) -> str | None:
    """Append the page's URL to the list of published URLs (scripts/site_tools/checks/published_urls.py), if there is one."""
    path = root / PUBLISHED_URLS
    if not path.is_file():
        return None
    url = url_path(built)
    text = path.read_text(encoding="utf-8")
    if url not in text.split():
        path.write_text(text + ("" if text.endswith("\n") else "\n") + url + "\n", encoding="utf-8")
    return PUBLISHED_URLS


if __name__ == "__main__":
    sys.exit(main())
