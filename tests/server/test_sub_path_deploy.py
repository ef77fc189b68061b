"""A site deployed under a sub-path (https://owner.github.io/repo/) works there, its strict CSP included:
served by nginx under /repo/, every page loads in Chromium with no CSP violation and no console error, and its
canonical and printed addresses carry the sub-path."""

from __future__ import annotations

import shutil

import lxml.html
import pytest

from project_copy import ENV
from site_tools.serving.nginx import serve
from test_csp_in_browser import RECORD_VIOLATIONS
from test_nginx_headers import page_urls

pytestmark = [pytest.mark.server, pytest.mark.browser]

SUB_PATH = "https://owner.github.io/repo/"


@pytest.fixture(scope="module")
def sub_path_site(new_project):
    project = new_project("sub-path")
    result = project.run_module("site_tools.build", env=dict(ENV, SITE_URL=SUB_PATH))
    assert result.returncode == 0, result.stdout + result.stderr
    return project.site


def test_addresses_carry_the_sub_path(sub_path_site):
    for url in page_urls(sub_path_site):
        doc = lxml.html.parse(str(sub_path_site / url / "index.html")).getroot()
        assert doc.xpath('//link[@rel="canonical"]/@href') == [SUB_PATH + url], url
        assert doc.xpath("//*[contains(@class, 'print-link')]//img/@data-qr") == [SUB_PATH + url], url


def test_every_page_works_under_the_sub_path_with_the_csp(browser, sub_path_site, tmp_path):
    www = tmp_path / "www"
    shutil.copytree(sub_path_site, www / "repo")
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    seen = {}
    try:
        with serve(www / "repo", root=www) as base:
            for url in page_urls(sub_path_site):
                errors.clear()
                response = page.goto(f"{base}repo/{url}", wait_until="load")
                page.wait_for_timeout(150)  # the search worker starts after load
                header = response.headers.get("content-security-policy", "")
                violations = page.evaluate("window.__violations")
                if not header.startswith("default-src 'none'") or violations or errors:
                    seen[url] = {"csp": header[:40], "violations": violations, "errors": list(errors)}
    finally:
        context.close()
    assert seen == {}
