"""Every built page, in Chromium, at 1280 px and 375 px, in the light and dark palettes."""

from __future__ import annotations

import pytest

from . import page_checks as checks
from .conftest import assert_no_problems, page_label

pytestmark = pytest.mark.browser

PATHS = checks.docs_page_paths(checks.ROOT / "docs")
VIEWS = [
    pytest.param(path, width, palette, id=f"{page_label(path)}-{width}px-{palette}")
    for path in PATHS for width in checks.WIDTHS for palette in checks.PALETTES
]
PAGES = [pytest.param(path, id=page_label(path)) for path in PATHS]


def where(site_url: str, path: str, width: int | None = None, palette: str | None = None) -> str:
    view = f" at {width} px, {palette} palette" if width else ""
    return f"{site_url}{path}{view}"


def test_the_suite_visits_every_built_page(shipped_site):
    built = checks.page_paths(shipped_site)
    assert built == PATHS, (
        f"built but not visited: {sorted(set(built) - set(PATHS))}; visited but not built: {sorted(set(PATHS) - set(built))}"
        " — tests/browser names its tests after docs/**/*.md, so every Markdown file must build to one page"
    )


@pytest.mark.parametrize("path, width, palette", VIEWS)
def test_axe_finds_no_wcag_22_aa_violations(screen, site_url, path, width, palette):
    assert_no_problems(screen(path, width, palette)["axe"], where(site_url, path, width, palette))


@pytest.mark.parametrize("path, width, palette", VIEWS)
def test_notices_are_really_visible_with_readable_contrast(screen, site_url, path, width, palette):
    assert_no_problems(screen(path, width, palette)["notices"], where(site_url, path, width, palette))


@pytest.mark.parametrize("path, width, palette", VIEWS)
def test_the_readers_palette_is_applied(screen, site_url, path, width, palette):
    assert_no_problems(screen(path, width, palette)["palette"], where(site_url, path, width, palette))


@pytest.mark.parametrize("path, width, palette", VIEWS)
def test_no_request_leaves_the_local_server_and_no_cookies(screen, site_url, path, width, palette):
    assert_no_problems(screen(path, width, palette)["privacy"], where(site_url, path, width, palette))


@pytest.mark.parametrize("path, width, palette", VIEWS)
def test_no_console_errors_and_no_page_errors(screen, site_url, path, width, palette):
    assert_no_problems(screen(path, width, palette)["errors"], where(site_url, path, width, palette))


@pytest.mark.parametrize("path, width, palette", VIEWS)
def test_first_tab_reaches_the_skip_to_content_link(screen, site_url, path, width, palette):
    assert_no_problems(screen(path, width, palette)["skip link"], where(site_url, path, width, palette))


@pytest.mark.parametrize("path", PAGES)
def test_page_reflows_at_320px_without_horizontal_scrolling(screen, site_url, path):
    assert_no_problems(screen(path, min(checks.WIDTHS), "light")["reflow"], where(site_url, path, 320, "light"))


@pytest.mark.parametrize("palette", checks.PALETTES)
@pytest.mark.parametrize("path", PAGES)
def test_print_shows_title_content_and_notices_and_hides_chrome(screen, site_url, path, palette):
    width = max(checks.WIDTHS)
    assert_no_problems(screen(path, width, palette)["print"], where(site_url, path, width, palette) + " (print media)")


@pytest.mark.parametrize("path", PAGES)
def test_pdf_from_chromium_holds_title_content_and_notices_without_chrome(screen, site_url, path):
    assert_no_problems(screen(path, max(checks.WIDTHS), "light")["pdf"], where(site_url, path) + " (PDF)")


@pytest.mark.parametrize("width", checks.WIDTHS, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("path", ["", checks.NOT_FOUND_PATH], ids=page_label)
def test_search_opens_and_works_with_the_keyboard_alone(screen, site_url, path, width):
    visit = checks.visit(screen.context(width, "light"), site_url, path)
    try:
        problems = checks.search_problems(visit.page, "journaling", "strategies/journaling/")
    finally:
        visit.close()
    assert_no_problems(problems, where(site_url, path, width, "light"))
