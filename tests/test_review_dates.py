"""Every page shows its dates in words, says "reviewed" only for a recorded review, shows a calm note once a
review is due, and carries valid JSON-LD."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true")


TODAY = "2026-11-25"
PAGE = "docs/strategies/journaling.md"
BUILT = "strategies/journaling/index.html"
DATES = "last_reviewed: 2026-11-25\nnext_review: 2029-11-25\n"


def content_pages(site):
    for path in sorted(site.rglob("*.html")):
        doc = lxml.html.parse(str(path)).getroot()
        if doc.xpath('//link[@rel="canonical"]'):
            yield path.relative_to(site).as_posix(), doc


def visible_due_notes(site):
    return {rel for rel, doc in content_pages(site) if doc.xpath('//*[@data-review-due and not(@hidden)]')}


def test_unreviewed_pages_show_last_updated_and_never_say_reviewed(built_project):
    pages = dict(content_pages(built_project.site))
    assert len(pages) >= 13
    for rel, doc in pages.items():
        text = " ".join(doc.xpath('string(//*[@data-review-dates])').split())
        assert re.fullmatch(r"Last updated: \d{1,2} [A-Z][a-z]+ \d{4} Next review due: \d{1,2} [A-Z][a-z]+ \d{4}", text), rel
        assert not re.search(r"\breviewed\b", doc.text_content(), re.I), rel  # no review has happened
    journaling = " ".join(pages[BUILT].xpath('string(//*[@data-review-dates])').split())
    assert journaling == "Last updated: 25 November 2026 Next review due: 25 November 2029"


def test_the_check_lists_each_page_without_a_recorded_review_as_a_warning(project):
    result = project.check_site("--sources-only")
    assert result.returncode == 0, result.stdout
    warned = [line for line in result.stdout.splitlines() if "no review is recorded for this page" in line]
    assert len(warned) == len(list(project.docs.rglob("*.md"))) == 13
    assert f"{PAGE}:4: no review is recorded for this page" in result.stdout


REVIEW = "reviewed_by:\n  name: Dr Jane Smith\n  role: Consultant psychiatrist\n"


def test_a_recorded_review_shows_the_reviewer_and_its_json_ld(project):
    project.edit(PAGE, DATES, DATES + REVIEW)
    project.build()
    doc = lxml.html.parse(str(project.site / BUILT)).getroot()
    assert " ".join(doc.xpath('string(//*[@data-review-dates])').split()) == (
        "Page last reviewed: 25 November 2026 by Dr Jane Smith, Consultant psychiatrist "
        "Next review due: 25 November 2029")
    data = json.loads(doc.xpath('//script[@type="application/ld+json"]')[0].text)
    assert data["lastReviewed"] == "2026-11-25" and "dateModified" not in data
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr Jane Smith", "jobTitle": "Consultant psychiatrist"}
    result = project.check_site(str(project.site))
    assert result.returncode == 0, result.stdout
    assert f"{PAGE}:4: no review is recorded" not in result.stdout


@pytest.mark.parametrize("reviewed_by, message", [
    ("reviewed_by: Dr Jane Smith\n", "reviewed_by is 'Dr Jane Smith', not a name and a role"),
    ("reviewed_by:\n  name: TBD\n  role: Psychiatrist\n", "the reviewer's name 'TBD' is a placeholder"),
    ("reviewed_by:\n  name: Jane Smith\n  role: role\n", "the reviewer's role 'role' is a placeholder"),
    ("reviewed_by:\n  name: Example Reviewer\n  role: GP\n", "the reviewer's name 'Example Reviewer' is a placeholder"),
    ("reviewed_by:\n  name: <b>Jane</b>\n  role: GP\n", "the reviewer's name "),
])
def test_a_placeholder_or_malformed_reviewer_is_refused(project, reviewed_by, message):
    project.edit(PAGE, DATES, DATES + reviewed_by)
    result = project.check_site("--sources-only")
    assert result.returncode == 1
    assert f"{PAGE}:6: {message}" in result.stdout


def test_single_digit_day_and_month_name_come_from_front_matter(project):
    project.edit(PAGE, DATES, "last_reviewed: 2026-03-03\nnext_review: 2029-01-09\n")
    project.build()
    doc = lxml.html.parse(str(project.site / BUILT)).getroot()
    assert doc.xpath('string(//time[@data-review="last"])') == "3 March 2026"
    assert doc.xpath('string(//time[@data-review="next"])') == "9 January 2029"
    assert doc.xpath('//time[@data-review="next"]/@datetime') == ["2029-01-09"]


def test_no_due_note_shows_before_the_next_review(built_project):
    assert visible_due_notes(built_project.site) == set()
    assert built_project.check_site("--strict-review", "--today", TODAY, str(built_project.site)).returncode == 0


def test_overdue_page_shows_a_calm_note_and_the_check_warns(project):
    project.edit(PAGE, DATES, "last_reviewed: 2023-03-03\nnext_review: 2026-03-03\n")
    project.build()
    assert visible_due_notes(project.site) == set()  # the template alone never shows it
    result = project.run_module("site_tools.build.review_due_notes", str(project.site), "--today", TODAY)
    assert result.returncode == 0, result.stdout
    assert visible_due_notes(project.site) == {BUILT}
    doc = lxml.html.parse(str(project.site / BUILT)).getroot()
    note = doc.xpath('//*[@data-review-due and not(@hidden)]')[0]
    assert " ".join(note.text_content().split()) == (
        "This page is due for review Some information may be out of date."
    )

    warned = project.check_site(str(project.site), "--today", TODAY)
    assert warned.returncode == 0, warned.stdout
    line = "docs/strategies/journaling.md:5: this page was due for review on 3 March 2026 — review it"
    assert line in warned.stdout
    assert "⚠" in warned.stdout

    strict = project.check_site(str(project.site), "--today", TODAY, "--strict-review")
    assert strict.returncode == 1
    assert line in strict.stdout


def test_the_due_note_follows_the_build_day(project):
    """SOURCE_DATE_EPOCH sets the build day, as MkDocs itself uses it."""
    project.build()
    env_day = "1893456000"  # 2030-01-01: every page's 2029 review has passed
    result = subprocess.run([sys.executable, "-m", "site_tools.build.review_due_notes", str(project.site)],
                            cwd=project.root, env=dict(ENV, SOURCE_DATE_EPOCH=env_day), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "due for review on 2030-01-01" in result.stdout
    assert BUILT in visible_due_notes(project.site)


def test_every_page_carries_valid_medical_web_page_json_ld(built_project):
    for rel, doc in content_pages(built_project.site):
        blocks = doc.xpath('//script[@type="application/ld+json"]')
        assert len(blocks) == 1, rel
        data = json.loads(blocks[0].text)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "MedicalWebPage"
        assert data["dateModified"] == doc.xpath('//time[@data-review="last"]/@datetime')[0]
        assert data["description"] == doc.xpath('//meta[@name="description"]/@content')[0]
        assert data["name"] and data["url"].startswith("https://")
        assert "reviewedBy" not in data and "lastReviewed" not in data  # only for a real, named reviewer


def test_json_ld_stays_valid_json_with_quotes_and_a_script_end_tag(project):
    tricky = 'A "quoted" word, an ampersand & and </script><script>alert(1)</script> in the text.'
    project.edit(PAGE, "description: How writing", f"description: '{tricky} How writing'\nx_old: How writing")
    project.build()
    doc = lxml.html.parse(str(project.site / BUILT)).getroot()
    blocks = doc.xpath('//script[@type="application/ld+json"]')
    assert len(blocks) == 1
    assert json.loads(blocks[0].text)["description"].startswith(tricky)


def test_page_without_review_dates_fails_the_check(built_copy):
    page = built_copy.site / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<div class="review-dates" data-review-dates>.*?</div>', "", html, flags=re.S)
    page.write_text(html, encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 1
    assert "about/index.html: the page shows no review dates — add last_reviewed and next_review" in result.stdout


@pytest.mark.parametrize("broken, message", [
    ('{"@type": "MedicalWebPage",', "the JSON-LD block is not valid JSON"),
    ('{"@type": "WebPage", "name": "x", "description": "y", "lastReviewed": "2026-11-25"}', "the JSON-LD block is not a schema.org MedicalWebPage"),
    ('{"@type": "MedicalWebPage", "name": "x", "description": "y", "dateModified": "2020-01-01"}', "the JSON-LD dateModified (2020-01-01) differs"),
    ('{"@type": "MedicalWebPage", "name": "x", "description": "y", "dateModified": "2026-11-25", "lastReviewed": "2026-11-25"}',
     "the JSON-LD claims a review (lastReviewed or reviewedBy), but none is recorded"),
])
def test_broken_json_ld_fails_the_check(built_copy, broken, message):
    page = built_copy.site / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'(<script type="application/ld\+json">).*?(</script>)', lambda m: m[1] + broken + m[2], html, flags=re.S)
    page.write_text(html, encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 1
    assert f"docs/about.md:4: {message}" in result.stdout


def test_a_page_that_says_reviewed_without_a_recorded_review_fails_the_check(built_copy):
    page = built_copy.site / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<h1", "<p>Medically reviewed by our experts.</p><h1", 1), encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 1
    assert "docs/about.md:4: the page says 'reviewed', but no review is recorded in its front matter — say " \
        "'Last updated' instead" in result.stdout
