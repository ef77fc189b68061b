"""Through nginx, in Chromium, the strict CSP blocks nothing the site needs and blocks what it should."""

from __future__ import annotations

import shutil

import pytest

from site_tools.serving.nginx import serve
from test_nginx_headers import page_urls

pytestmark = [pytest.mark.server, pytest.mark.browser]

# Injected by Playwright before any page script; the page's CSP does not apply to it.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  {directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile}));
"""


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.errors = []  # console errors and uncaught exceptions, as text
    page.on("console", lambda m: m.type == "error" and page.errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.errors.append(f"exception: {e}"))
    yield page
    context.close()


def load(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_timeout(150)  # let deferred work (the search worker's start) report anything it hits


def test_every_page_loads_with_no_violation_and_no_console_error(page, nginx_url, headed_site):
    seen = {}
    for url in [*page_urls(headed_site), "no-such-page/"]:
        page.errors.clear()
        load(page, nginx_url + url)
        violations = page.evaluate("window.__violations")
        if url == "no-such-page/":  # Chromium logs the page's own 404 status as a console error
            page.errors.remove("console: Failed to load resource: the server responded with a status of 404 (Not Found)")
        if violations or page.errors:
            seen[url] = {"violations": violations, "errors": list(page.errors)}
    assert seen == {}


def test_search_still_works(page, nginx_url):
    load(page, nginx_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("journaling", delay=30)  # as a reader types: Material searches on key events
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10_000)
    assert results.count() >= 1
    assert page.evaluate("window.__violations") == [] and page.errors == []


def test_palette_switching_still_works(page, nginx_url, headed_site):
    load(page, nginx_url)
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    # The choice survives a new page: the inline palette script reads it back under the CSP.
    load(page, nginx_url + page_urls(headed_site)[-1])
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == after
    assert page.evaluate("window.__violations") == [] and page.errors == []


def test_a_planted_inline_script_is_blocked_and_reported(page, headed_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(headed_site, site)
    target = site / "index.html"
    html = target.read_text(encoding="utf-8")
    target.write_text(html.replace("</body>", "<script>window.__planted = 'ran'</script></body>"), encoding="utf-8")
    target.with_name("index.html.gz").unlink()  # else nginx's gzip_static sends the build's unplanted copy
    with serve(site) as url:
        load(page, url)
        assert page.evaluate("window.__planted") is None, "the planted inline script ran"
        violations = page.evaluate("window.__violations")
    assert [v["directive"] for v in violations] == ["script-src-elem"]
    assert "window.__planted" in violations[0]["sample"] or violations[0]["blocked"] == "inline"
    assert any("Content Security Policy" in e for e in page.errors), page.errors
