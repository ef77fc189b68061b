"""Our edits of the theme's HTML survive a Material or Zensical upgrade, or the build fails saying which.

overrides/main.html uses block overrides where the theme has a block (libs writes the polyfills itself; the
skip link's target is in our own partials/notices.html) and one guarded text edit where it has none: the
search dialog's accessible name. The upgrade tests plant the change in a copy of the project, as a custom_dir
partial standing in for the theme's new one. build/review_due_notes.py's text edit fails with a finding when
its target is gone (build/purge_unused_css.py's link rewrite: tests/test_purge_unused_css.py).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import lxml.html
import material
import pytest

from project_copy import ENV
from site_tools.project import ZENSICAL

MATERIAL = Path(material.__file__).resolve().parent / "templates"  # Material for MkDocs' own templates
DIALOG = 'data-md-component="search" role="dialog"'
SENTENCE = ("The search dialog gets no accessible name: the theme no longer renders data-md-component=search "
            "role=dialog — update the header block in overrides/main.html to the new markup.")


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def page(site: Path, rel: str):
    return lxml.html.parse(str(site / rel)).getroot()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_theme_whose_search_dialog_tag_changed_fails_the_build_with_one_sentence(project, engine):
    if engine == "zensical" and not ZENSICAL.exists():
        pytest.fail(f"Zensical not found at {ZENSICAL} — run 'make zensical'")
    # The upgrade: the theme's search partial writes the dialog's attributes in another order.
    search = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    assert DIALOG in search, "Material's search partial changed: update this test's plant"
    project.write("overrides/partials/search.html",
                  search.replace(DIALOG, 'role="dialog" data-md-component="search"'))
    site_dir = "site" if engine == "mkdocs" else "site.zensical"
    project.write(f"{site_dir}/index.html", "<!doctype html><title>The last good site</title>")
    before = snapshot(project.root / site_dir)
    result = project.run_module("site_tools.build", "--engine", engine, "--site-dir", site_dir)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert SENTENCE in output
    assert "nothing was published" in result.stdout
    assert snapshot(project.root / site_dir) == before
    assert not (project.root / f"{site_dir}.staging").exists()


def test_search_dialog_is_named_once_and_404_skip_link_lands_in_the_content(built_project):
    for rel in ("index.html", "404.html"):
        html = (built_project.site / rel).read_text(encoding="utf-8")
        assert html.count(f'{DIALOG} aria-label="Search">') == 1 and html.count("role=\"dialog\"") == 1, rel
    doc = page(built_project.site, "404.html")
    [skip] = doc.xpath('//a[@class="md-skip"]')
    assert skip.get("href") == "#content"
    [target] = doc.xpath('//*[@id="content"]')
    assert target.xpath('ancestor::*[contains(@class, "md-content")]'), "the skip link's target is in the content"


def test_offline_build_ships_the_iframe_worker_shim_and_keeps_other_polyfills(project):
    """The libs block writes Material's polyfills itself: the offline plugin's unpkg.com iframe-worker becomes
    our shim, and any other polyfill is written as Material writes it."""
    project.edit("mkdocs.yml", "\nextra:\n", "\nextra:\n  polyfills:\n    - javascripts/planted-polyfill.js\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project.site)],
                            cwd=project.root, env=dict(ENV, OFFLINE="true"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    sources = page(project.site, "strategies/journaling.html").xpath("//head/script/@src")
    assert "../assets/javascripts/iframe-worker-shim.js" in sources
    assert "../javascripts/planted-polyfill.js" in sources
    assert not [src for src in sources if "unpkg.com" in src]


def test_a_due_note_written_another_way_fails_the_step_naming_the_page(project):
    """The upgrade here is our own template's: the note's tag no longer reads as review_due_notes.MARK."""
    project.edit("overrides/partials/handout.html", 'data-review-due="{{ page.meta.next_review }}" hidden>',
                 'hidden data-review-due="{{ page.meta.next_review }}">')
    project.edit("docs/strategies/journaling.md", "last_reviewed: 2026-11-25\nnext_review: 2029-11-25\n",
                 "last_reviewed: 2023-03-03\nnext_review: 2026-03-03\n")
    project.build()
    before = snapshot(project.site)
    result = project.run_module("site_tools.build.review_due_notes", str(project.site), "--today", "2026-06-01")
    assert result.returncode == 1, result.stdout
    assert result.stdout.splitlines()[0] == (
        'strategies/journaling/index.html: the due-for-review note of 2026-03-03 is not written as '
        '<div class="review-due" data-review-due="2026-03-03" hidden>, so it stays hidden — make MARK in '
        "scripts/site_tools/build/review_due_notes.py match review_due_note() in overrides/partials/handout.html")
    assert snapshot(project.site) == before
