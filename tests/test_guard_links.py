"""Broken internal links and anchors, and pages missing from the nav, are caught by scripts/, not only by MkDocs."""

from __future__ import annotations

import pytest

from guard_helpers import GUARD, add_to_nav, build_like_zensical, finding_lines, line_of, plant

BROKEN = GUARD / "links" / "broken.md"
FILE = "docs/guard/links/broken.md"


@pytest.fixture(scope="module")
def checked(new_project):
    project = new_project("links")
    plant(project, "links")
    plant(project, "affiliate", ("marked",), in_nav=False)  # a page left out of the nav
    add_to_nav(project, "guard/no-such-file.md")  # a nav entry with no page
    strict = project.mkdocs_build()
    # Zensical honours only part of MkDocs' validation, so build as it would and let scripts/ catch the rest.
    assert build_like_zensical(project).returncode == 0
    return project, strict, project.check_site()


def test_mkdocs_strict_also_refuses_them(checked):
    _, strict, _ = checked
    assert strict.returncode == 1
    assert "no-such-page.md" in strict.stderr


def test_link_to_a_missing_page_fails(checked):
    _, _, result = checked
    assert result.returncode == 1
    assert f"{FILE}:{line_of(BROKEN, 'no-such-page.md')}: the link 'no-such-page.md' points to a page or file that " \
        "does not exist on the built site — fix the path: link to the Markdown file, relative to this one, " \
        "such as 'journaling.md' or '../about.md', and check the spelling" in finding_lines(result)


def test_link_to_a_missing_anchor_fails_with_a_suggestion(checked):
    _, _, result = checked
    line = line_of(BROKEN, "#no-such-heading")
    lines = finding_lines(result, f"{FILE}:{line}: ")
    assert len(lines) == 1, result.stdout
    assert "points to the anchor '#no-such-heading', which does not exist on docs/strategies/journaling.md" in lines[0]
    assert "Anchors come from the target page's headings" in lines[0]


def test_link_to_a_real_heading_passes(checked):
    _, _, result = checked
    assert not finding_lines(result, f"{FILE}:{line_of(BROKEN, '#broken-links')}:")


def test_page_left_out_of_the_nav_fails(checked):
    _, _, result = checked
    assert "docs/guard/affiliate/marked.md:1: the page is not in the nav, so readers cannot find it — add a line such " \
        "as '  - Page title: guard/affiliate/marked.md' under nav: in mkdocs.yml ('make page' does this for new pages)" \
        in finding_lines(result)


def test_nav_entry_without_a_page_fails(checked):
    project, _, result = checked
    line = line_of(project.root / "mkdocs.yml", "guard/no-such-file.md")
    assert f"mkdocs.yml:{line}: the nav lists 'guard/no-such-file.md', but there is no such page in docs/ — " \
        "fix the path, or remove the entry" in finding_lines(result)


def test_all_link_problems_in_one_run(checked):
    _, _, result = checked
    places = {line.split(": ", 1)[0] for line in finding_lines(result)}
    expected = {f"{FILE}:{line_of(BROKEN, 'no-such-page.md')}", f"{FILE}:{line_of(BROKEN, '#no-such-heading')}",
                "docs/guard/affiliate/marked.md:1"}
    assert expected <= places, result.stdout
    assert any(place.startswith("mkdocs.yml:") for place in places)


def test_relative_links_resolve_from_every_folder_as_path_arithmetic_does():
    # Every answer must match plain path arithmetic, including links that climb out of the site.
    import itertools
    import posixpath
    from types import SimpleNamespace

    from site_tools.checks.links import LinkIndex

    files = ["index.html", "a/index.html", "a/b/index.html", "a/b/c/index.html", "x/index.html", "x.html",
             "a/x/index.html", "assets/qr.svg"]
    index = LinkIndex(SimpleNamespace(config={"site_url": "https://example.org/"}), files)

    def expected(folder: str, path: str) -> str | None:
        clean = posixpath.normpath(posixpath.join(folder, path))
        if clean.startswith(".."):
            return None  # above the site
        return next((g for g in (clean, posixpath.join(clean, "index.html")) if g.removeprefix("./") in files), None)

    folders = ["", "a", "a/b", "a/b/c", "x"]
    rests = ["", "x/", "x.html", "a/b/", "./x/", "../x/", "a/../x/", "assets/qr.svg", "x", "b/", "a//b/"]
    for folder, ups, rest in itertools.product(folders, range(5), rests):
        path = "../" * ups + rest
        found, want = index.target(folder, path), expected(folder, path)
        want = want.removeprefix("./") if want else want
        assert found == want, f"from '{folder}/', '{path}' gave {found}, not {want}"
