"""`make release` builds as `make build` does, then refuses to publish a placeholder address or an unnamed
publisher; with both set, every page names the publisher and every QR code leads to the real address."""

from __future__ import annotations

import os
import re
import shutil
from urllib.parse import parse_qs

import lxml.html
import pytest

from guard_helpers import line_of
from project_copy import ENV, Project
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


@pytest.fixture(scope="module")
def released(new_project):
    """A release with the real address and a publisher: it passes (the last good site for the tests below)."""
    project = new_project("release")
    project.edit("mkdocs.yml", *PUBLISHER)
    result = release(project, CLINIC)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_release_with_the_real_address_fails_only_for_the_empty_publisher(released, tmp_path):
    project = Project(tmp_path / "project")
    shutil.copytree(released.root, project.root)
    before = snapshot(project.site)
    project.edit("mkdocs.yml", PUBLISHER[1], PUBLISHER[0])  # the publisher block as the repository ships it
    result = release(project, CLINIC)
    assert result.returncode == 1
    line = next(n for n, text in enumerate((project.root / "mkdocs.yml").read_text().splitlines(), 1)
                if text.strip() == "publisher:")
    assert error_lines(result) == [
        f"mkdocs.yml:{line}: the publisher block has no name, website, email, so the pages would name no one to "
        "contact — fill in extra.publisher (name, website, email) in mkdocs.yml, as README.md says under 'Publish'"]
    assert FAILED in result.stdout and "Traceback" not in result.stdout + result.stderr
    assert snapshot(project.site) == before and not (project.root / "site.staging").exists()


def test_release_with_the_placeholder_address_fails_with_one_sentence(released, monkeypatch):
    """The release step on the project's own mkdocs.yml, with a publisher but no SITE_URL (the step runs last in
    `make release`, as the test above proves)."""
    from site_tools.build.release_ready import release_findings

    monkeypatch.delenv("SITE_URL", raising=False)
    [only] = release_findings(released.root / "mkdocs.yml")
    assert str(only).startswith(f"mkdocs.yml:{line_of(released.root / 'mkdocs.yml', 'site_url:')}: site_url is "
                                "the placeholder https://ketamine-integration.example.org/, so every QR code and "
                                "printed address would lead nowhere — set SITE_URL to the site's real address")
    monkeypatch.setenv("SITE_URL", CLINIC)
    assert release_findings(released.root / "mkdocs.yml") == []


def content_pages(site):
    for path in sorted(site.rglob("*.html")):
        doc = lxml.html.parse(str(path)).getroot()
        if doc.xpath('//link[@rel="canonical"]'):
            yield path.relative_to(site).as_posix(), doc


def test_a_release_names_the_publisher_and_links_each_page_to_a_report(released):
    pages = dict(content_pages(released.site))
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

    codes = sorted(released.site.glob("assets/qr/**/*.svg"))
    assert len(codes) >= 13
    with decoding(browser, released.site, tmp_path) as decode:
        for svg in codes:
            path = svg.relative_to(released.site / "assets" / "qr").with_suffix("").as_posix()
            assert decode(svg) == CLINIC + ("" if path == "index" else path + "/"), path


def test_no_page_has_an_edit_link(released):
    for rel, doc in content_pages(released.site):
        assert not doc.xpath('//a[contains(@class, "md-content__button")]'), rel
        assert "edit" not in " ".join(doc.xpath("//a/@title")).lower(), rel


def test_make_release_runs_the_release_build():
    makefile = (os.path.dirname(__file__) + "/../Makefile")
    text = open(makefile, encoding="utf-8").read()
    assert re.search(r"^release: .*\n\t\$\(PY\) -m site_tools\.build --release$", text, re.M)
