"""The real browser loads the built site and shows every notice."""

from __future__ import annotations

from static_server import serve


def test_home_page_shows_the_notices_in_chromium(browser, built_project):
    with serve(built_project.site) as base:
        page = browser.new_page()
        page.goto(base)
        for notice in ("urgent-help", "affiliate", "disclaimer"):
            assert page.locator(f'[data-notice="{notice}"]').is_visible()
        page.close()


def test_missing_path_gets_the_404_page(browser, built_project):
    with serve(built_project.site) as base:
        page = browser.new_page()
        response = page.goto(base + "no-such-page/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        page.close()
