"""Make a copy of the project with N generated pages, for the build-cost and check-cost benchmarks.

Each generated page is a real page of the site (front matter, headings, an admonition, a list and
paragraphs of the source article's text), listed under one "Generated" section of the nav, so the
copy builds with --strict like the real site.

With sections_of=K the generated pages sit in sections of K pages inside "Generated", and the copy
turns on Material's navigation.prune, as Material advises for big sites: each page then carries only
the nav around it. Without it, Material writes the whole nav into every page (about 320 KB a page at
1,000 pages), and a benchmark would measure the nav rather than the pages.

Usage: python -m site_tools.bench.generated_pages DEST N [K]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from site_tools.nav import add_section
from site_tools.project import ROOT, load_config

PARTS = ("mkdocs.yml", "docs", "overrides", "scripts/data")  # scripts/data: the inputs the checks read
SECTION = "generated"


def _article_paragraphs(docs: Path) -> list[str]:
    """Plain paragraphs from the site's own pages (no front matter, headings or markup lines)."""
    paragraphs = []
    for md in sorted(docs.rglob("*.md")):
        body = md.read_text(encoding="utf-8").split("---", 2)[-1]
        for block in body.split("\n\n"):
            block = block.strip()
            if block and block[0].isalpha() and "\n" not in block and "[" not in block:
                paragraphs.append(block)
    return paragraphs or ["Integration is the process of making sense of an experience."]


def page_text(index: int, paragraphs: list[str]) -> str:
    picked = [paragraphs[(index * 3 + k) % len(paragraphs)] for k in range(6)]
    return "\n".join([
        "---",
        f"title: Generated page {index}",
        f"description: Generated page {index} for the build benchmark, made from the article's own text.",
        "last_reviewed: 2026-11-25",
        "next_review: 2029-11-25",
        "---",
        "",
        f"# Generated page {index}",
        "",
        '!!! abstract "In short"',
        "",
        f"    - {picked[0]}",
        f"    - {picked[1]}",
        "",
        picked[2],
        "",
        "## What it means",
        "",
        picked[3],
        "",
        picked[4],
        "",
        "## Next steps",
        "",
        picked[5],
        "",
    ])


def make_project(dest: Path, pages: int, root: Path = ROOT, sections_of: int | None = None) -> Path:
    """Copy the project's site sources to dest and add `pages` generated pages to docs and nav
    (in sections of `sections_of` pages, with a pruned nav, when it is given)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for part in PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    paragraphs = _article_paragraphs(root / "docs")
    folder = dest / "docs" / SECTION
    folder.mkdir()
    nav = []
    for i in range(1, pages + 1):
        (folder / f"page-{i}.md").write_text(page_text(i, paragraphs), encoding="utf-8")
        nav.append({f"Generated page {i}": f"{SECTION}/page-{i}.md"})
    if sections_of:
        nav = [{f"Pages {i + 1} to {i + len(nav[i:i + sections_of])}": nav[i:i + sections_of]}
               for i in range(0, len(nav), sections_of)]
        _add_feature(dest / "mkdocs.yml", "navigation.prune")
    _add_nav_section(dest / "mkdocs.yml", nav)
    return dest


def _add_feature(mkdocs_yml: Path, feature: str) -> None:
    """Add a Material feature under theme: features:, as text (like the nav, to keep the file's tags)."""
    lines = mkdocs_yml.read_text(encoding="utf-8").splitlines()
    at = next((i for i, line in enumerate(lines) if line.strip() == "features:"), None)
    if at is None:
        raise RuntimeError(f"{mkdocs_yml}: no 'features:' list under theme — the benchmark cannot add {feature}")
    indent = len(lines[at]) - len(lines[at].lstrip()) + 2
    lines.insert(at + 1, " " * indent + f"- {feature}")
    mkdocs_yml.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _add_nav_section(mkdocs_yml: Path, entries: list[dict]) -> None:
    """Append a nav section (site_tools.nav), unless there is no nav: then MkDocs and Zensical list every page."""
    if "nav" in load_config(mkdocs_yml):
        pages = [(title, rel) for entry in entries for title, rel in entry.items()]
        mkdocs_yml.write_text(add_section(mkdocs_yml.read_text(encoding="utf-8"), "Generated", pages), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: python -m site_tools.bench.generated_pages DEST N [K]   (K: pages a nav section, pruned nav)")
    out = make_project(Path(sys.argv[1]).resolve(), int(sys.argv[2]),
                       sections_of=int(sys.argv[3]) if len(sys.argv) == 4 else None)
    print(f"✅ project with {sys.argv[2]} generated pages in {out}")
