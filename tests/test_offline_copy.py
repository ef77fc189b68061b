"""`make offline` makes a zip that works from file:// in Chromium: navigation, search and notices on every page."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from site_tools.project import load_notices

ROOT = Path(__file__).resolve().parent.parent

NAME = "integration-after-oral-ketamine-therapy"
NOTICES = load_notices()


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory) -> Path:
    """The offline zip, made by the real script from the real sources into a temporary folder, unpacked."""
    root = tmp_path_factory.mktemp("offline")
    out = root / "copy.zip"
    site_before = (ROOT / "site" / "index.html").stat().st_mtime_ns if (ROOT / "site" / "index.html").exists() else None
    result = subprocess.run([sys.executable, "-m", "site_tools.build.offline_copy", "--out", str(out)], cwd=ROOT,
                            env=os.environ, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✅ offline copy written to" in result.stdout
    site_after = (ROOT / "site" / "index.html").stat().st_mtime_ns if (ROOT / "site" / "index.html").exists() else None
    assert site_before == site_after  # the offline build never touches site/
    with zipfile.ZipFile(out) as archive:
        assert all(name.startswith(f"{NAME}/") for name in archive.namelist())
        archive.extractall(root / "unpacked")
    return root / "unpacked" / NAME


def test_the_zip_holds_every_page_as_a_plain_html_file(offline_copy):
    pages = {p.relative_to(offline_copy).as_posix() for p in offline_copy.rglob("*.html")}
    assert {"index.html", "get-help-now.html", "strategies/journaling.html", "for-clinics.html"} <= pages
    assert (offline_copy / "search" / "search_index.js").is_file()


def test_every_page_opened_from_file_shows_the_notices_and_loads_nothing_from_elsewhere(browser, offline_copy):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    pages = sorted(offline_copy.rglob("*.html"))
    assert len(pages) >= 14
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")
        text = " ".join(page.inner_text("main").replace("\u2019", "'").split())
        rel = path.relative_to(offline_copy).as_posix()
        for notice in (NOTICES.disclaimer, NOTICES.affiliate, NOTICES.amazon, *NOTICES.urgent_help):
            assert notice in text, f"{rel}: {notice}"
    page.close()
    assert requests and all(url.startswith("file://") for url in requests), [u for u in requests if not u.startswith("file://")]


def test_navigation_works_from_file(browser, offline_copy):
    page = browser.new_page()
    page.goto((offline_copy / "index.html").as_uri())
    page.locator(".md-sidebar--primary .md-nav__link", has_text="Get help now").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/get-help-now.html")
    assert page.inner_text("h1").replace("\u00b6", "").strip() == "Get help now"
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Strategies").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/strategies/index.html")
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Journaling").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/strategies/journaling.html")
    page.locator("a", has_text="More about each service").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/get-help-now.html")
    page.close()


def test_search_works_from_file(browser, offline_copy):
    page = browser.new_page()
    page.goto((offline_copy / "strategies" / "index.html").as_uri())
    box = "input[data-md-component='search-query']"
    hrefs: list[str] = []
    for _ in range(5):  # the search index loads in the background: type again until it answers
        page.fill(box, "")
        page.click(box)
        page.keyboard.type("journal", delay=30)
        try:
            page.locator(".md-search-result__item a").first.wait_for(state="attached", timeout=3000)
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: not ready yet
            continue
        hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        break
    assert any(href.startswith("file://") and "journal" in href for href in hrefs), hrefs
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and "journal" in page.url
    page.close()
