"""scripts/site_tools/build/purge_unused_css.py: Material's stylesheets keep only what the pages and scripts use.

The small site in tests/fixtures/purge_unused_css/ has one fingerprinted stylesheet with a rule for a
class used nowhere, one used only in a page and one used only in the script. The real theme is tested
on the real build. These tests run the pinned purgecss (scripts/node): `make node` installs it.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from site_tools.build import purge_unused_css
from site_tools.build.purge_unused_css import PurgeError, find_purgecss, main, purge

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "purge_unused_css"
BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken_purgecss"
OLD = "main.0123abcd.min.css"


@pytest.fixture(scope="module", autouse=True)
def purgecss_installed():
    """Under CI=true a missing node or purgecss fails; elsewhere these tests skip loudly."""
    try:
        find_purgecss()
        if shutil.which("node") is None:
            raise PurgeError("node is not installed")
    except PurgeError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(str(error))
        pytest.skip(f"SKIPPED PURGECSS TESTS: {error}")


def fixture_site(tmp_path: Path, layout: str = "mkdocs") -> Path:
    """A copy of the fixture site; layout 'zensical' moves the stylesheet where Zensical puts it."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    if layout == "zensical":
        modern = site / "assets" / "stylesheets" / "modern"
        modern.mkdir()
        (site / "assets" / "stylesheets" / OLD).rename(modern / OLD)
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            text = text.replace('href="assets/stylesheets/', 'href="./assets/stylesheets/modern/')
            text = text.replace("../../assets/stylesheets/", "../../assets/stylesheets/modern/")
            text = text.replace('"/assets/stylesheets/', '"/assets/stylesheets/modern/')
            page.write_text(text, encoding="utf-8")
    return site


def purged_sheets(site: Path) -> list[Path]:
    return sorted(site.rglob("main.*.min.css"))


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def linked_stylesheets(site: Path, page: Path) -> list[Path]:
    hrefs = [link.get("href") for link in lxml_html.fromstring(page.read_bytes()).iter("link")]
    return [purge_unused_css.resolve(page, href, site.resolve()) for href in hrefs]


@pytest.mark.parametrize("layout", ["mkdocs", "zensical"])
def test_unused_rule_goes_and_rules_the_pages_or_scripts_use_stay(tmp_path, capsys, layout):
    site = fixture_site(tmp_path, layout)
    extra = (site / "stylesheets" / "extra.css").read_bytes()
    assert main([str(site), "--cache", str(tmp_path / "cache")]) == 0
    assert capsys.readouterr().out.startswith(f"✅ purged unused CSS: {OLD} → main.")
    [sheet] = purged_sheets(site)
    css = sheet.read_text(encoding="utf-8")
    assert ".planted-unused" not in css, "a class used nowhere must go"
    assert ".page-only{color:var(--md-kept-variable)}" in css, "a class used only in a page must stay"
    assert ".js-only{" in css, "a class only the script adds must stay"
    assert "--md-kept-variable:#123456" in css and "@keyframes md-kept-spin" in css
    assert "--md-named-elsewhere:#654321" in css, "a custom property another stylesheet uses must stay"
    assert "--md-planted-unused-variable" not in css, "a custom property nothing uses must go"
    assert "[data-md-toggle=search]:checked~p" in css, "Material's state attributes are set at run time"
    assert "[dir=rtl]" not in css, "no page is right-to-left"
    assert (site / "stylesheets" / "extra.css").read_bytes() == extra, "the site's own CSS is not purged"


def test_right_to_left_rules_stay_when_a_page_is_right_to_left(tmp_path):
    site = fixture_site(tmp_path)
    page = site / "strategies" / "journaling" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('<html lang="en">', '<html lang="ar" dir="rtl">'),
                    encoding="utf-8")
    purge(site, tmp_path / "cache")
    [sheet] = purged_sheets(site)
    assert "[dir=rtl] p{margin-right:1em}" in sheet.read_text(encoding="utf-8")


@pytest.mark.parametrize("layout", ["mkdocs", "zensical"])
def test_purged_file_gets_a_new_name_from_its_content_and_every_page_links_it(tmp_path, layout):
    site = fixture_site(tmp_path, layout)
    assert main([str(site), "--cache", str(tmp_path / "cache")]) == 0
    [sheet] = purged_sheets(site)
    assert sheet.name == f"main.{hashlib.sha256(sheet.read_bytes()).hexdigest()[:8]}.min.css" != OLD
    assert not list(site.rglob(OLD)), "the original is deleted: nothing links it any more"
    for page in sorted(site.rglob("*.html")):
        assert sheet.resolve() in linked_stylesheets(site, page), page
        assert OLD not in page.read_text(encoding="utf-8"), page

    # Other content, other CSS, other name: a browser that cached the first file never gets stale CSS.
    other = fixture_site(tmp_path / "other", layout)
    page = other / "strategies" / "journaling" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<p>", '<p class="planted-unused">'), encoding="utf-8")
    assert main([str(other), "--cache", str(tmp_path / "cache")]) == 0
    [other_sheet] = purged_sheets(other)
    assert ".planted-unused" in other_sheet.read_text(encoding="utf-8")
    assert other_sheet.name != sheet.name


def test_cache_hit_gives_exactly_what_a_fresh_run_gives(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    fresh = fixture_site(tmp_path / "fresh")
    purge(fresh, cache)
    assert len(list(cache.glob("*.css"))) == 1

    def no_node(*args, **kwargs):
        raise AssertionError("a cache hit must not start node")

    with monkeypatch.context() as patch:
        patch.setattr(purge_unused_css, "run_purgecss", no_node)
        cached = fixture_site(tmp_path / "cached")
        purge(cached, cache)
    assert snapshot(cached) == snapshot(fresh)

    # A cache miss (new content token) runs purgecss again, and gives what a run with no cache gives.
    for name in ("changed", "uncached"):
        site = fixture_site(tmp_path / name)
        (site / "index.html").write_text((site / "index.html").read_text(encoding="utf-8")
                                         .replace("<p ", '<p id="planted-unused" '), encoding="utf-8")
        purge(site, cache if name == "changed" else tmp_path / "empty-cache")
    assert len(list(cache.glob("*.css"))) == 2
    assert snapshot(tmp_path / "changed" / "site") == snapshot(tmp_path / "uncached" / "site")


def test_missing_purgecss_fails_with_the_fix_and_changes_nothing(tmp_path, monkeypatch, capsys):
    site = fixture_site(tmp_path)
    before = snapshot(site)
    monkeypatch.setattr(purge_unused_css, "NODE_MODULES", tmp_path / "no-node-modules")
    monkeypatch.setenv("NODE_PATH", "")
    assert main([str(site), "--cache", str(tmp_path / "cache")]) == 1
    assert capsys.readouterr().out == ("scripts/node: unused CSS not purged: purgecss is not installed — run `make node` "
                                       "(npm ci in scripts/node installs the pinned purgecss)\n❌ 1 problem(s)\n")
    assert snapshot(site) == before


def test_a_link_not_written_as_lxml_reads_it_fails_naming_the_page_and_changes_nothing(tmp_path, capsys):
    """The rewrite edits the href's text: an href with a character reference (&#46; is '.') cannot be found
    in the text, so the step fails rather than leave a page linking a stylesheet it deletes."""
    site = fixture_site(tmp_path)
    page = site / "strategies" / "journaling" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(OLD, OLD.replace(".min.css", ".min&#46;css")),
                    encoding="utf-8")
    before = snapshot(site)
    assert main([str(site), "--cache", str(tmp_path / "cache")]) == 1
    href = f"../../assets/stylesheets/{OLD}"
    assert capsys.readouterr().out.startswith(
        f"strategies/journaling/index.html: unused CSS not purged: the <link> to {href} is not written as "
        f'href="{href}", so it cannot be pointed at ../../assets/stylesheets/main.')
    assert snapshot(site) == before


def test_real_theme_keeps_search_dialogs_tooltips_palette_and_print(built_copy):
    site = built_copy.site
    main_before = gzip.compress(next(site.rglob("main.*.min.css")).read_bytes(), 9)
    result = built_copy.run_module("site_tools.build.purge_unused_css", str(site), "--cache", str(built_copy.root / "cache"))
    assert result.returncode == 0, result.stdout + result.stderr
    main_css = next(site.rglob("main.*.min.css")).read_text(encoding="utf-8")
    palette = next(site.rglob("palette.*.min.css")).read_text(encoding="utf-8")
    for kept in (".md-search-result__item", ".md-search-result__article", ".md-search-result__more",
                 ".md-search-result mark", ".md-dialog", ".md-tooltip", ".md-top", ".md-option", "@keyframes",
                 ":root{", "[data-md-color-scheme=slate]", "@media print"):
        assert kept in main_css + palette, kept
    assert "[data-md-color-primary=deep-purple]" not in palette, "colours the site does not use go"
    assert len(gzip.compress(main_css.encode(), 9)) < 0.8 * len(main_before)
    check = built_copy.check_site()
    assert check.returncode == 0, check.stdout


def test_a_purgecss_failure_fails_the_build_and_leaves_the_site_untouched(project):
    last_good = project.site / "index.html"
    project.write("site/index.html", "<!doctype html><title>The last good site</title>")
    before = snapshot(project.site)
    env = dict(os.environ, NODE_PATH=str(BROKEN),
               DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
    failed = subprocess.run([sys.executable, "-m", "site_tools.build"],
                            cwd=project.root, env=env, capture_output=True, text=True)
    assert failed.returncode == 1
    assert "scripts/node: unused CSS not purged: purgecss failed: Error: planted failure: purgecss crashed" in failed.stdout
    assert "❌ build failed at 'site_tools.build.purge_unused_css': nothing was published; " \
        "the last good site in site/ is untouched" in failed.stdout
    assert snapshot(project.site) == before and last_good.exists()
    assert not (project.root / "site.staging").exists()
