"""The site builds cleanly, and every page, old or new, carries the required blocks."""

from __future__ import annotations

import datetime as dt
import re

import lxml.html
import yaml

from project_copy import ROOT
from site_tools.checks.front_matter import MAX_REVIEW_YEARS, years_later

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def test_strict_build_prints_no_warnings(project):
    result = project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def test_every_page_has_complete_front_matter():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    for page in pages:
        match = FRONT_MATTER.match(page.read_text(encoding="utf-8"))
        assert match, f"{page}: no front matter"
        meta = yaml.safe_load(match.group(1))
        assert meta.get("title"), page
        assert 50 <= len(meta["description"]) <= 160, page
        last, nxt = meta["last_reviewed"], meta["next_review"]
        assert isinstance(last, dt.date) and isinstance(nxt, dt.date), page
        assert last < nxt <= years_later(last, MAX_REVIEW_YEARS), page


def test_new_page_anywhere_gets_all_notices_with_no_template_change(project):
    project.write(
        "docs/deep/folder/new-page.md",
        "---\ntitle: A new page\ndescription: A page a contributor adds later, with no change to any template.\n"
        "last_reviewed: 2026-11-25\nnext_review: 2027-11-25\n---\n\n# A new page\n\nSome text.\n",
    )
    project.edit("mkdocs.yml", "  - About this site: about.md\n", "  - About this site: about.md\n  - New: deep/folder/new-page.md\n")
    project.build()
    assert (project.site / "deep/folder/new-page/index.html").is_file()
    result = project.check_site()
    assert result.returncode == 0, result.stdout
    html = (project.site / "deep/folder/new-page/index.html").read_text(encoding="utf-8")
    for notice in ("urgent-help", "affiliate", "disclaimer"):
        assert f'data-notice="{notice}"' in html


def test_page_left_out_of_nav_fails_the_build_by_name(project):
    project.write(
        "docs/forgotten.md",
        "---\ntitle: Forgotten\ndescription: A page a contributor forgot to list in the nav of mkdocs.yml.\n"
        "last_reviewed: 2026-11-25\nnext_review: 2027-11-25\n---\n\n# Forgotten\n",
    )
    result = project.mkdocs_build()
    assert result.returncode == 1
    assert "forgotten.md" in result.stderr
    assert "not included in the \"nav\" configuration" in result.stderr


def test_404_page_carries_the_notices(built_project):
    html = (built_project.site / "404.html").read_text(encoding="utf-8")
    doc = lxml.html.document_fromstring(html)
    assert doc.xpath("//h1")[0].text_content() == "Page not found"
    for notice in ("urgent-help", "affiliate", "disclaimer"):
        assert doc.xpath(f'//main//*[@data-notice="{notice}"]'), notice


def test_urls_are_short_lowercase_and_hyphenated(built_project):
    for page in built_project.site.rglob("index.html"):
        rel = page.parent.relative_to(built_project.site).as_posix()
        if rel in (".", "search"):
            continue
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*(/[a-z]+(-[a-z]+)*)*", rel), rel


def test_meta_description_comes_from_front_matter(built_project):
    doc = lxml.html.parse(str(built_project.site / "get-help-now/index.html")).getroot()
    meta = doc.xpath('//meta[@name="description"]/@content')
    assert meta == ["When to contact your clinic, a helpline or emergency services, in the US, Canada, the UK, "
                    "Ireland, the EU and elsewhere."]


def test_no_built_page_loads_anything_from_another_host(built_project):
    offenders = []
    for page in built_project.site.rglob("*.html"):
        doc = lxml.html.parse(str(page)).getroot()
        for url in doc.xpath("//script/@src | //link[not(@rel='canonical') and not(@rel='alternate')]/@href | //img/@src | //iframe/@src | //source/@src"):
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{page.relative_to(built_project.site)}: {url}")
    assert offenders == []
