"""Amazon links are marked as paid by the build, and the check catches every way one can go wrong.

These cases need a built site. The extension's Markdown-to-HTML cases need none: test_markdown_affiliate_links.py.
"""

from __future__ import annotations

import pytest
from lxml import etree

from guard_helpers import GUARD, finding_lines, line_of, plant

RAW = GUARD / "affiliate" / "raw-html.md"
HELP_LINK = "\nA [sleep mask](https://amzn.eu/d/abc123) may help.\n"
BOX_LINE = "          - 'US and Canada: call <a href=\"tel:911\">911</a>.'\n"
BOX_LINK = "          - 'Or buy <a href=\"https://smile.amazon.com/x\">this</a>.'\n"


def test_a_normal_markdown_link_is_marked_and_passes(project):
    plant(project, "affiliate", ("marked",))
    project.build()
    html = (project.site / "guard/affiliate/marked/index.html").read_bytes()
    body = etree.fromstring(html, etree.HTMLParser()).xpath("//*[@data-page-body]")[0]
    links = body.xpath(".//a[contains(@href, 'amazon.com') or contains(@href, 'amzn.to')]")
    assert len(links) == 2
    for link in links:
        assert link.get("rel") == "sponsored nofollow noopener"
        label = link.getnext()
        assert label.text == "(paid link)" and label.get("class") == "paid-link"
    result = project.check_site()
    assert result.returncode == 0, result.stdout


@pytest.fixture(scope="module")
def checked(new_project):
    """Raw HTML, the get-help-now page, the urgent-help box and the nav: each with an Amazon link."""
    project = new_project("affiliate")
    plant(project, "affiliate", ("raw-html",))
    (project.docs / "get-help-now.md").write_text(
        (project.docs / "get-help-now.md").read_text(encoding="utf-8") + HELP_LINK, encoding="utf-8")
    project.edit("mkdocs.yml", BOX_LINE, BOX_LINE + BOX_LINK)
    project.edit("mkdocs.yml", "\nnav:\n", "\nnav:\n  - Shop: https://www.amazon.de/shop\n")
    project.build()
    return project, project.check_site()


def found(checked, prefix: str, what: str, fix: str) -> None:
    _, result = checked
    assert result.returncode == 1
    assert any(what in line and fix in line for line in finding_lines(result, prefix)), result.stdout


def test_raw_html_link_without_rel_fails(checked):
    found(checked, f"docs/guard/affiliate/raw-html.md:{line_of(RAW, 'amazon.co.uk')}: ",
          'the Amazon link lacks rel="sponsored nofollow noopener"', "write it as a normal Markdown link, [text](url)")


def test_raw_html_link_without_label_fails(checked):
    found(checked, f"docs/guard/affiliate/raw-html.md:{line_of(RAW, 'amazon.co.uk')}: ",
          'the Amazon link has no visible "(paid link)" label next to it', '<span class="paid-link">(paid link)</span>')


def test_link_on_the_get_help_now_page_fails(checked):
    project, _ = checked
    line = line_of(project.docs / "get-help-now.md", "amzn.eu")
    found(checked, f"docs/get-help-now.md:{line}: ", "an Amazon link is on the get-help-now page",
          "the page for urgent help never carries paid links")


def test_link_in_the_urgent_help_box_names_mkdocs_yml(checked):
    project, _ = checked
    line = line_of(project.root / "mkdocs.yml", "smile.amazon.com")
    found(checked, f"mkdocs.yml:{line}: ", "an Amazon link is inside the urgent-help box", "urgent help never carries paid links")
    found(checked, f"mkdocs.yml:{line}: ", "the Amazon link comes before the affiliate notice", "the FTC wants the disclosure first")


def test_link_before_the_affiliate_notice_fails(checked):
    _, result = checked
    nav_findings = [line for line in finding_lines(result, "strategies/journaling/index.html:")
                    if "the Amazon link comes before the affiliate notice" in line]
    assert nav_findings, result.stdout


def test_hidden_label_fails(project):
    plant(project, "affiliate", ("marked",))
    project.build()
    page = project.site / "guard/affiliate/marked/index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('<span class="paid-link">', '<span class="paid-link" hidden>', 1), encoding="utf-8")
    result = project.check_site()
    assert result.returncode == 1
    line = line_of(GUARD / "affiliate" / "marked.md", "amazon.com")
    hidden = next(n for n, text in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "paid-link\" hidden" in text)
    assert finding_lines(result) == [
        f"docs/guard/affiliate/marked.md:{line}: the Amazon link has no visible \"(paid link)\" label next to it: "
        "the label after it is <span> with hidden, which can hide it — "
        "write it as a normal Markdown link, [text](url), and the build adds the label "
        "(in raw HTML, add <span class=\"paid-link\">(paid link)</span> right after it)",
        # Content safety refuses the hidden attribute in page content as well (checks/content_markup.py).
        f"guard/affiliate/marked/index.html:{hidden}: the hidden attribute hides part of the page — "
        "remove it: everything in page content is for readers to see",
    ]

