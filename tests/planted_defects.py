"""One project copy with every planted defect of the check's tests at once: each fixture folder of
tests/fixtures/guard, edits to the sources and mkdocs.yml, and built pages altered after the build.

tests/test_check_findings_unchanged.py checks it and compares the findings with a stored list, so a change
to how the check works (not to what it finds) cannot lose or alter a finding.
"""

from __future__ import annotations

import re

from guard_helpers import GUARD, add_to_nav, build_like_zensical, plant
from project_copy import Project

TODAY = "2026-11-25"  # the day the check counts as today, so the overdue review is always overdue

# Edits to the built pages, after the build: (page, old, new). Each page gets one, so each is found alone.
DISCLAIMER = re.compile(r'<p class="notice notice--disclaimer".*?</p>', re.S)
REVIEW_DATES = re.compile(r'<div class="review-dates" data-review-dates>.*?</div>', re.S)
JSON_LD = re.compile(r'(<script type="application/ld\+json">).*?(</script>)', re.S)


def _edit_built(project: Project, page: str, change) -> None:
    path = project.site / page
    html = path.read_text(encoding="utf-8")
    new = change(html)
    assert new != html, f"{page}: the planted edit changed nothing; the page's markup has moved"
    path.write_text(new, encoding="utf-8")


def _wrap_disclaimer(before: str, after: str):
    return lambda html: DISCLAIMER.sub(lambda m: before + m.group(0) + after, html, count=1)


def _split_disclaimer(html: str) -> str:
    """Half the disclaimer before the article content, half after: only a gap-less reading would join them."""
    notice = DISCLAIMER.search(html).group(0)
    text = re.sub(r"<[^>]+>", "", notice)
    half = text.index(" ", len(text) // 2)
    body = html.index('<div class="page-body" data-page-body')
    html = html.replace(text, text[half + 1:], 1)
    return f"{html[:body]}<p>{text[:half]}</p>{html[body:]}"


def _affiliate_before_content(html: str) -> str:
    """The affiliate notice moved above the title of a page with no paid link (it belongs after the content)."""
    start = html.index('<p class="notice notice--affiliate"')
    notice = html[start:html.index("</p>", start) + len("</p>")]
    html = html.replace(notice, "", 1)
    return html.replace('<div class="page-body" data-page-body>', f'{notice}<div class="page-body" data-page-body>', 1)


def _after_h1(snippet: str):
    return lambda html: html.replace("</h1>", "</h1>" + snippet, 1)


BUILT_EDITS = {
    # The notices, hidden from readers in each way a reader cannot reach them.
    "role-of-integration/index.html": _wrap_disclaimer("<!-- ", " -->"),
    "understanding-ketamine/index.html": _wrap_disclaimer("<div hidden>", "</div>"),
    "integration-journal/index.html": _wrap_disclaimer('<div aria-hidden="true">', "</div>"),
    "for-clinics/index.html": _wrap_disclaimer("<template>", "</template>"),
    "why-counseling-matters/index.html": _split_disclaimer,
    "strategies/professional-guidance/index.html": _affiliate_before_content,
    "strategies/index.html": lambda html: html.replace(
        '<article class="md-content__inner md-typeset">', '<article class="md-content__inner md-typeset" hidden>', 1),
    "index.html": lambda html: html.replace(
        '<div class="page-body" data-page-body', '<div class="page-body" hidden data-page-body', 1),
    # Review dates and JSON-LD.
    "about/index.html": lambda html: REVIEW_DATES.sub("", html, count=1).replace(
        "data-page-body>", 'data-page-body>\n<p><a href=" JaVaScRiPt:alert(1)">x</a></p>', 1).replace(
        "<body", '<a href="https://www.amazon.de/shop">Shop</a><body', 1),
    "get-help-now/index.html": lambda html: JSON_LD.sub(
        lambda m: m[1] + '{"@type": "MedicalWebPage",' + m[2], html, count=1),
    "guard/affiliate/raw-html/index.html": lambda html: JSON_LD.sub(
        lambda m: m[1] + '{"@type": "WebPage", "name": "x", "description": "y"}' + m[2], html, count=1),
    "guard/affiliate/marked/index.html": lambda html: JSON_LD.sub(
        lambda m: m[1] + '{"@type": "MedicalWebPage", "lastReviewed": "2020-01-01"}' + m[2], html, count=1).replace(
        '<span class="paid-link">', '<span class="paid-link" hidden>', 1),
    "strategies/community-support/index.html": lambda html: _wrap_disclaimer("<noscript>", "</noscript>")(html.replace(
        '<script type="application/ld+json">', '<script type="application/ld+json">{}</script><script type="application/ld+json">', 1)),
    "guard/links/broken/index.html": lambda html: _after_h1(
        '<p><a href="../../../about/#no-such-anchor">a planted link</a></p>'
        '<p><a href="../../../about/#not-here-either">another</a></p><p><a href="/nowhere/">a third</a></p>')(re.sub(
        r'(<time datetime=")[^"]*(" data-review="next")', r"\g<1>2039-01-01\g<2>", html, count=1)),
    # Content safety in the built page only, and a script in the theme's head (page_scripts.py flags it).
    "guard/safety/unsafe/index.html": lambda html: html.replace(
        "data-page-body>", 'data-page-body>\n<p><a href=" JaVaScRiPt:alert(1)">x</a></p>', 1).replace(
        "</head>", '<script src="https://cdn.example.org/x.js" onload="x()"></script></head>', 1),
    # A redirect stub that is no longer only a redirect: it must carry the notices.
    "old-journal/index.html": lambda html: html.replace("</body>", "<p>Some text of its own.</p></body>", 1),
}


LEFT_OUT = """---
title: A page left out of the nav
description: A page that is built but that no reader can find, because the nav does not list it.
last_reviewed: 2026-11-25
next_review: 2029-11-25
---

# A page left out of the nav

Nothing here links anywhere.
"""


def plant_every_defect(project: Project) -> None:
    """Plant every defect in the project copy and build it as Zensical would (no strict link validation)."""
    for folder in sorted(p.name for p in GUARD.iterdir() if p.is_dir()):
        plant(project, folder)
    project.write("docs/guard/left-out.md", LEFT_OUT)  # not in the nav
    add_to_nav(project, "guard/no-such-file.md")
    # Amazon links where they must never be: the get-help-now page and the urgent-help card.
    help_page = project.docs / "get-help-now.md"
    help_page.write_text(help_page.read_text(encoding="utf-8") + "\nA [sleep mask](https://amzn.eu/d/abc123) may help.\n",
                         encoding="utf-8")
    box_line = "          - 'US and Canada: call <a href=\"tel:911\">911</a>.'\n"
    project.edit("mkdocs.yml", box_line, box_line + "          - 'Or buy <a href=\"https://smile.amazon.com/x\">this</a>.'\n")
    # A redirect stub, exempt from the notices, and a page whose template skips the notices partial.
    project.edit("mkdocs.yml", "redirect_maps: {}", "redirect_maps:\n        old-journal.md: integration-journal.md\n        old-about.md: about.md")
    project.write("overrides/plain.html", '{% extends "base.html" %}\n')
    project.edit("docs/strategies/mindfulness.md", "title: Mindfulness practices\n",
                 "title: Mindfulness practices\ntemplate: plain.html\n")
    # An overdue review (a warning).
    project.edit("docs/integration-journal.md", "last_reviewed: 2026-11-25\nnext_review: 2029-11-25\n",
                 "last_reviewed: 2023-03-03\nnext_review: 2026-03-03\n")
    result = build_like_zensical(project)
    assert result.returncode == 0, result.stderr
    for page, change in BUILT_EDITS.items():
        _edit_built(project, page, change)
    (project.site / "empty.html").write_text("", encoding="utf-8")  # an empty page
