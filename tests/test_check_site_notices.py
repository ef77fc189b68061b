"""scripts/site_tools/checks/run.py catches every way a required notice can go missing from a built page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_tools.project import load_notices

PARTIAL = "overrides/partials/notices.html"
DISCLAIMER_LINE = (
    '<p class="notice notice--disclaimer" data-notice="disclaimer">{{ config.extra.notices.disclaimer }}</p>'
)
PAID = "{%- set paid = 'class=\"paid-link\"' in body -%}"
PAID_LINK = "\nA [journal](https://www.amazon.com/dp/B000000000) for your notes.\n"


def problem_lines(result) -> list[str]:
    """The error lines of a check's output (warnings, such as pages without a recorded review, left out)."""
    return [line for line in result.stdout.splitlines() if ": " in line and not line.startswith(("⚠", "❌", "✅"))]


def failing_pages(result) -> set[str]:
    return {line.split(":", 1)[0] for line in problem_lines(result)}


def test_passes_on_the_real_built_site(built_project):
    result = built_project.check_site()
    assert result.returncode == 0, result.stdout
    assert "✅" in result.stdout


def test_emptied_partial_fails_every_page(project):
    project.write(PARTIAL, "{% macro notices() %}{{ caller() }}{% endmacro %}\n")
    project.build()
    result = project.check_site()
    assert result.returncode == 1
    assert "index.html: the medical disclaimer is missing" in result.stdout
    assert "get-help-now/index.html: the affiliate notice is missing" in result.stdout
    assert "404.html: the urgent-help line is missing" in result.stdout
    assert "404.html: the urgent-help card is missing" in result.stdout
    built = {p.relative_to(project.site).as_posix() for p in project.site.rglob("*.html")}
    assert failing_pages(result) == built
    last = result.stdout.rstrip().splitlines()[-1]
    assert last.startswith(f"❌ {len(problem_lines(result))} problem(s) in {len(built)} page(s)")


def test_partial_not_included_fails(project):
    project.write("overrides/main.html", '{% extends "base.html" %}\n')
    project.build()
    result = project.check_site()
    assert result.returncode == 1
    assert "role-of-integration/index.html: the medical disclaimer is missing" in result.stdout
    assert "role-of-integration/index.html: the urgent-help line is missing" in result.stdout
    assert "— restore extra.notices.disclaimer in mkdocs.yml and make sure the page's template extends main.html" in result.stdout


def test_removed_disclaimer_fails(project):
    project.edit(PARTIAL, DISCLAIMER_LINE, "")
    project.build()
    result = project.check_site()
    assert result.returncode == 1
    assert "strategies/journaling/index.html: the medical disclaimer is missing" in result.stdout
    assert "affiliate notice is missing" not in result.stdout


def test_altered_amazon_sentence_fails(project):
    project.edit(PARTIAL, "{{ config.extra.notices.amazon }}", "As an Amazon Associate we may earn from purchases.")
    project.build()
    result = project.check_site()
    assert result.returncode == 1
    assert "index.html: the affiliate notice is missing or altered" in result.stdout


def test_altered_urgent_help_card_fails(project):
    project.edit(PARTIAL, "<li>{{ line }}</li>", "<li>{{ line | replace('988', '999') }}</li>")
    project.build()
    result = project.check_site()
    assert result.returncode == 1
    assert 'get-help-now/index.html: the urgent-help card is missing or altered (no "US: call or text 988 for ' \
        'thoughts of suicide' in result.stdout
    assert "urgent-help line" not in result.stdout


def test_altered_urgent_help_line_fails(project):
    project.edit(PARTIAL, "{{ help.line }} <a", "{{ help.line | replace('988', '999') }} <a")
    project.build()
    result = project.check_site()
    assert result.returncode == 1
    assert 'about/index.html: the urgent-help line is missing or altered (no "Call or text 988 in the US, or")' \
        in result.stdout
    assert "urgent-help card" not in result.stdout


def test_urgent_help_line_below_the_title_fails(project):
    line = '<p class="help-line" id="content" data-help-line>'
    partial = (Path(project.root) / PARTIAL).read_text(encoding="utf-8")
    start = partial.index(line)
    end = partial.index("</p>", start) + len("</p>")
    moved = partial[start:end]
    partial = partial[:start] + partial[end:]
    project.write(PARTIAL, partial.replace("{{ body }}", "{{ body }}\n    " + moved.replace(' id="content"', "")))
    project.build()
    result = project.check_site()
    assert result.returncode == 1
    assert "about/index.html: the urgent-help line comes after the page title" in result.stdout


def test_page_with_template_that_skips_the_partial_fails(project):
    project.write("overrides/plain.html", '{% extends "base.html" %}\n')
    project.edit("docs/strategies/mindfulness.md", "title: Mindfulness practices\n", "title: Mindfulness practices\ntemplate: plain.html\n")
    project.build()
    result = project.check_site()
    assert result.returncode == 1
    # The source check refuses the key (checks/front_matter.py); the built page's notices are still checked.
    assert failing_pages(result) == {"strategies/mindfulness/index.html", "docs/strategies/mindfulness.md"}
    assert "docs/strategies/mindfulness.md:3: the 'template' key is not allowed" in result.stdout
    assert "strategies/mindfulness/index.html: the medical disclaimer is missing" in result.stdout
    assert "extends main.html" in result.stdout


@pytest.mark.parametrize(
    "wrap",
    [
        pytest.param(("<!-- ", " -->"), id="html-comment"),
        pytest.param(("<div hidden>", "</div>"), id="hidden-attribute"),
        pytest.param(('<div aria-hidden="true">', "</div>"), id="aria-hidden"),
        pytest.param(("<template>", "</template>"), id="template"),
        pytest.param(("<noscript>", "</noscript>"), id="noscript"),
    ],
)
def test_disclaimer_a_reader_cannot_reach_fails(built_copy, wrap):
    page = built_copy.site / "role-of-integration" / "index.html"
    html = page.read_text(encoding="utf-8")
    start = html.index('<p class="notice notice--disclaimer"')
    end = html.index("</p>", start) + len("</p>")
    page.write_text(html[:start] + wrap[0] + html[start:end] + wrap[1] + html[end:], encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 1
    assert failing_pages(result) == {"role-of-integration/index.html"}
    assert "role-of-integration/index.html: the medical disclaimer is missing or altered, or a reader cannot reach it" in result.stdout


def test_page_with_a_paid_link_has_the_affiliate_notice_before_its_body(project):
    about = project.docs / "why-counseling-matters.md"
    about.write_text(about.read_text(encoding="utf-8") + PAID_LINK, encoding="utf-8")
    project.build()
    html = (project.site / "why-counseling-matters" / "index.html").read_text(encoding="utf-8")
    assert html.index('data-notice="affiliate"') < html.index("data-page-body") < html.index("amazon.com")
    other = (project.site / "about" / "index.html").read_text(encoding="utf-8")
    assert other.index("data-page-body") < other.index('data-notice="affiliate"')  # no paid link: after the content
    assert project.check_site().returncode == 0


def test_affiliate_notice_after_the_body_of_a_page_with_a_paid_link_fails(project):
    about = project.docs / "why-counseling-matters.md"
    about.write_text(about.read_text(encoding="utf-8") + PAID_LINK, encoding="utf-8")
    project.edit(PARTIAL, PAID, "{%- set paid = false -%}")
    project.build()
    result = project.check_site()
    assert result.returncode == 1
    assert "why-counseling-matters/index.html: the affiliate notice comes after the start of the article body, and " \
        "the page has a paid link" in result.stdout
    assert failing_pages(result) == {"why-counseling-matters/index.html", "docs/why-counseling-matters.md"}
    assert "missing" not in result.stdout


def test_affiliate_notice_before_the_title_of_a_page_without_a_paid_link_fails(project):
    project.edit(PARTIAL, PAID, "{%- set paid = true -%}")
    project.build()
    result = project.check_site()
    assert result.returncode == 1
    assert "about/index.html: the affiliate notice comes before the page content, though the page has no paid link" \
        in result.stdout
    assert "missing" not in result.stdout


def test_missing_site_folder_exits_2(project):
    result = project.check_site(str(project.root / "no-such-site"))
    assert result.returncode == 2
    assert "no built site here" in result.stderr


def test_site_folder_without_pages_exits_2(project, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = project.check_site(str(empty))
    assert result.returncode == 2
    assert "no .html pages found" in result.stderr


def test_a_page_that_cannot_be_read_stops_the_check(built_copy):
    (built_copy.site / "zz-broken.html").symlink_to(built_copy.site / "no-such-file.html")
    result = built_copy.check_site(str(built_copy.site), "--json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"].startswith("zz-broken.html: cannot read")


def _article_parts(page: Path) -> tuple[str, str, str, str]:
    """(before the page body, the page body's start tag, the rest up to the disclaimer, the disclaimer and after)."""
    html = page.read_text(encoding="utf-8")
    body = html.index('<div class="page-body" data-page-body')
    disclaimer = html.index('<p class="notice notice--disclaimer"')
    return html[:body], html[body:disclaimer], html[disclaimer:], html


def test_disclaimer_split_around_the_article_content_fails(built_copy):
    # The two halves would meet only if the article's content were skipped: the whole text is read.
    page = built_copy.site / "role-of-integration" / "index.html"
    before, body, after, _ = _article_parts(page)
    text = load_notices(built_copy.root / "mkdocs.yml").disclaimer
    assert text in after
    half = text.index(" ", len(text) // 2)
    after = after.replace(text, text[half + 1:], 1)
    page.write_text(f"{before}<p>{text[:half]}</p>{body}{after}", encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 1
    assert failing_pages(result) == {"role-of-integration/index.html"}
    assert "role-of-integration/index.html: the medical disclaimer is missing or altered" in result.stdout


def test_affiliate_notice_moved_into_the_content_fails_even_with_a_heading_above_it(built_copy):
    # On a page without paid links the notice sits after the urgent-help card. Moved into the content, below an
    # early heading, it still comes before the card: the full text decides.
    page = built_copy.site / "role-of-integration" / "index.html"
    before, body, after, _ = _article_parts(page)  # body runs to the disclaimer: the card and notice are in it
    start = body.index('<p class="notice notice--affiliate"')
    notice = body[start:body.index("</p>", start) + len("</p>")]
    body = body.replace(notice, "", 1).replace("data-page-body>", f"data-page-body><h1>An early heading</h1>{notice}", 1)
    page.write_text(before + body + after, encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 1
    assert failing_pages(result) == {"role-of-integration/index.html"}
    assert "role-of-integration/index.html: the affiliate notice comes before the page content" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param('<article class="md-content__inner md-typeset">',
                     '<article class="md-content__inner md-typeset" hidden>',
                     "the medical disclaimer is missing or altered, or a reader cannot reach it", id="hidden-article"),
        pytest.param('<div class="page-body" data-page-body', '<div class="page-body" hidden data-page-body',
                     "the article body cannot be found (no <h1>)", id="hidden-page-body"),
    ],
)
def test_one_page_unlike_the_others_fails_alone(built_copy, old, new, message):
    # Every page is read for itself: one that differs from the others only in an attribute of the article or
    # of its content gets its own finding, and no other page does.
    page = built_copy.site / "role-of-integration" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count(old) == 1
    page.write_text(html.replace(old, new), encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 1
    assert failing_pages(result) == {"role-of-integration/index.html"}
    assert f"role-of-integration/index.html: {message}" in result.stdout
