"""`make release` builds as `make build` does, then refuses to publish a placeholder address or an unnamed
publisher; with both set, every page names the publisher and every QR code leads to the real address."""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qs

import lxml.html
import pytest

from project_copy import ENV
from red_team import snapshot

CLINIC = "https://clinic.example.net/"
PUBLISHER = ('  publisher:\n    name: ""\n    website: ""\n    email: ""\n',
             '  publisher:\n    name: Example Health Trust\n    website: https://clinic.example.net/\n'
             '    email: pages@clinic.example.net\n')
FAILED = "❌ build failed at 'site_tools.build.release_ready': nothing was published"


def release(project, site_url: str | None):
    env = {k: v for k, v in ENV.items() if k != "SITE_URL"}
    if site_url:
        env["SITE_URL"] = site_url
    return project.run_module("site_tools.build", "--release", env=env)


def error_lines(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if re.match(r"[\w./-]+:\d*:? ", line)]


def test_release_with_the_real_address_fails_only_for_the_empty_publisher(project):
    assert project.run_module("site_tools.build").returncode == 0  # a preview build: the last good site
    before = snapshot(project.site)
    result = release(project, CLINIC)
    assert result.returncode == 1
    line = next(n for n, text in enumerate((project.root / "mkdocs.yml").read_text().splitlines(), 1)
                if text.strip() == "publisher:")
    assert error_lines(result) == [
        f"mkdocs.yml:{line}: the publisher block has no name, website, email, so the pages would name no one to "
        "contact — fill in extra.publisher (name, website, email) in mkdocs.yml, as README.md says under 'Publish'"]
    assert FAILED in result.stdout
    assert snapshot(project.site) == before


def test_release_with_the_placeholder_address_fails_with_one_sentence(project):
    project.edit("mkdocs.yml", *PUBLISHER)
    result = release(project, None)
    assert result.returncode == 1
    [only] = error_lines(result)
    assert "site_url is the placeholder https://ketamine-integration.example.org/, so every QR code and printed " \
        "address would lead nowhere — set SITE_URL to the site's real address" in only
    assert FAILED in result.stdout


@pytest.fixture(scope="module")
def released(new_project):
    project = new_project("release")
    project.edit("mkdocs.yml", *PUBLISHER)
    result = release(project, CLINIC)
    assert result.returncode == 0, result.stdout + result.stderr
    return project.site


def content_pages(site):
    for path in sorted(site.rglob("*.html")):
        doc = lxml.html.parse(str(path)).getroot()
        if doc.xpath('//link[@rel="canonical"]'):
            yield path.relative_to(site).as_posix(), doc


def test_a_release_names_the_publisher_and_links_each_page_to_a_report(released):
    pages = dict(content_pages(released))
    assert len(pages) >= 13
    for rel, doc in pages.items():
        address = CLINIC + rel.removesuffix("index.html")
        assert doc.xpath('//link[@rel="canonical"]/@href') == [address], rel
        publisher = " ".join(doc.xpath("string(//*[@data-publisher])").split())
        assert publisher.startswith("Published by Example Health Trust. Contact: pages@clinic.example.net"), rel
        [report] = doc.xpath("//a[@data-report-problem]/@href")
        to, _, query = report.partition("?")
        assert to == "mailto:pages@clinic.example.net" and parse_qs(query) == {"subject": [f"Problem with {address}"]}, rel


def test_every_qr_code_of_a_release_decodes_to_the_real_address(released, browser, tmp_path):
    from test_qr_codes import decoding

    codes = sorted(released.glob("assets/qr/**/*.svg"))
    assert len(codes) >= 13
    with decoding(browser, released, tmp_path) as decode:
        for svg in codes:
            path = svg.relative_to(released / "assets" / "qr").with_suffix("").as_posix()
            assert decode(svg) == CLINIC + ("" if path == "index" else path + "/"), path


def test_no_page_has_an_edit_link(released):
    for rel, doc in content_pages(released):
        assert not doc.xpath('//a[contains(@class, "md-content__button")]'), rel
        assert "edit" not in " ".join(doc.xpath("//a/@title")).lower(), rel


def test_make_release_runs_the_release_build():
    makefile = (os.path.dirname(__file__) + "/../Makefile")
    text = open(makefile, encoding="utf-8").read()
    assert re.search(r"^release: .*\n\t\$\(PY\) -m site_tools\.build --release$", text, re.M)
