"""Unsafe content is caught in the Markdown source and in the built page's article content, never in theme markup."""

from __future__ import annotations

import pytest

from guard_helpers import GUARD, build_like_zensical, finding_lines, line_of, plant

UNSAFE = GUARD / "safety" / "unsafe.md"
FILE = "docs/guard/safety/unsafe.md"
EMBED_FIX = "embedded content loads another site, which can track readers"
SCHEME_FIX = "link to an https:// page or to a page or file in docs/ instead"


@pytest.fixture(scope="module")
def checked(new_project):
    project = new_project("safety")
    plant(project, "safety")
    # MkDocs --strict happens to refuse the entity-encoded link; Zensical would not, so build as it would.
    assert build_like_zensical(project).returncode == 0
    return project, project.check_site()


@pytest.mark.parametrize(
    ("needle", "what", "fix"),
    [
        pytest.param("<script>alert", "<script> is not allowed in page content", "the site's security policy blocks them", id="script"),
        pytest.param("<iframe", "<iframe> is not allowed in page content", EMBED_FIX, id="iframe"),
        pytest.param("<object", "<object> is not allowed in page content", EMBED_FIX, id="object"),
        pytest.param("<embed", "<embed> is not allowed in page content", EMBED_FIX, id="embed"),
        pytest.param("<form", "<form> is not allowed in page content", "the site collects no data from readers", id="form"),
        pytest.param("<input", "<input> is not allowed in page content", "one of the HTML elements listed in", id="input"),
        pytest.param("<style>", "<style> is not allowed in page content", "put styles in docs/stylesheets/extra.css", id="style"),
        pytest.param("onclick=", "the 'onclick' attribute runs a script", "page content must not run scripts", id="event-attribute"),
        pytest.param("{ onmouseover", "the 'onmouseover' attribute runs a script", "page content must not run scripts", id="attr-list-event"),
        pytest.param("(javascript:alert(1))", "uses a 'javascript:' address", SCHEME_FIX, id="markdown-javascript-link"),
        pytest.param("(data:image", "uses a 'data:' address", SCHEME_FIX, id="data-image"),
        pytest.param("[ref]: vbscript:", "uses a 'vbscript:' address", SCHEME_FIX, id="vbscript-reference"),
        pytest.param("&#106;avascript", "uses a 'javascript:' address", SCHEME_FIX, id="entity-encoded-javascript"),
        pytest.param("(http://example.org", "the link to http://example.org uses plain http", "change it to https://", id="plain-http"),
    ],
)
def test_unsafe_content_is_named_with_line_and_fix(checked, needle, what, fix):
    project, result = checked
    assert result.returncode == 1
    prefix = f"{FILE}:{line_of(UNSAFE, needle)}: "
    assert any(what in line and fix in line for line in finding_lines(result, prefix)), result.stdout


def test_code_examples_and_theme_markup_are_not_flagged(checked):
    project, result = checked
    flagged = {line.split(": ", 1)[0] for line in finding_lines(result)}
    code_lines = {f"{FILE}:{line_of(UNSAFE, 'In code it is fine')}", f"{FILE}:{line_of(UNSAFE, 'only an example')}"}
    assert not flagged & code_lines
    # The theme's own <script> tags and http:// SVG namespaces sit outside the article content.
    assert all(place.startswith(FILE) for place in flagged), result.stdout


def test_each_problem_is_reported_once(checked):
    _, result = checked
    lines = finding_lines(result)
    assert len(lines) == len(set(lines)) == 14


def test_built_only_defect_names_the_built_page_and_line(built_copy):
    """A defect that is not in any Markdown source (here, planted in the built HTML) is still caught."""
    page = built_copy.site / "strategies" / "journaling" / "index.html"
    html = page.read_text(encoding="utf-8")
    marker = "data-page-body>"
    assert marker in html, "the notices partial no longer marks the article content"
    html = html.replace(marker, marker + '\n<p><a href=" JaVaScRiPt:alert(1)">x</a></p>', 1)
    # Theme markup outside the article content is not content: content safety leaves it to page_scripts.py,
    # which checks the scripts of the whole page (one finding each, never a content-safety one).
    html = html.replace("</head>", '<script src="https://cdn.example.org/x.js" onload="x()"></script></head>', 1)
    page.write_text(html, encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 1
    lines = finding_lines(result)
    line = next(n for n, text in enumerate(html.splitlines(), 1) if "JaVaScRiPt" in text)
    head = next(n for n, text in enumerate(html.splitlines(), 1) if "cdn.example.org" in text)
    assert lines == [
        f"strategies/journaling/index.html:{head}: script file 'https://cdn.example.org/x.js' is not on the reviewed "
        "list of scripts — remove it; if the theme or a template writes it, review it and list it in "
        "scripts/data/known-scripts.yml (the top of that file says how)",
        f"strategies/journaling/index.html:{head}: inline event handler onload= on <script> is blocked by the CSP — "
        "remove it: pages run only the reviewed scripts in scripts/data/known-scripts.yml",
        f"strategies/journaling/index.html:{line}: a link or image uses a 'javascript:' address, which can run code "
        f"or hide content — {SCHEME_FIX}",
    ]
