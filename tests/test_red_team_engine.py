"""Red team: the site engine, paid links and the required notice texts.

Every failure of the engine or a template is one line naming the file and line, then the build-failed line,
with no Python traceback (build/engine_errors.py), under MkDocs and Zensical alike. Amazon links are found as a
browser finds them, in any disguise, and their "(paid link)" label must be the plain label, visible and
single (checks/affiliate_links.py). The notice texts in mkdocs.yml are the required texts word for word
(checks/notice_texts.py). Each row plants one input in a fresh copy of a project built once per module;
inputs the source check refuses first are also put to the engine alone (python -m site_tools.build.engine).
"""

from __future__ import annotations

import shutil

import lxml.html
import pytest

from guard_helpers import line_of
from project_copy import ROOT, Project
from red_team import Row, assert_refused, good_site
from site_tools.markdown.affiliate_links import LABEL, is_amazon_url
from site_tools.project import ZENSICAL

PAGE = "docs/strategies/journaling.md"
PAGE_LINES = len((ROOT / PAGE).read_text(encoding="utf-8").splitlines())

# Markdown links in disguise, planted in the good site: the extension marks every one, so the build passes.
MARKDOWN_FORMS = {
    "percent-encoded host": "[one](https://www.%61mazon.com/dp/1)",
    "full-width letters": "[two](https://ｗｗｗ.ａｍａｚｏｎ.ｃｏｍ/dp/2)",
    "backslashes after the scheme": r"[three](https:\\\\www.amazon.com\dp\3)",
    "upper case": "[four](HTTPS://WWW.AMAZON.COM/dp/4)",
    "trailing dot": "[five](https://amazon.com./dp/5)",
    "user name": "[six](https://reader@amazon.com/dp/6)",
    "tab and newline inside": "[seven](https://ama&#9;zon.c&#10;om/dp/7)",
    "character reference": "[eight](https://&#97;mazon.com/dp/8)",
    "label typed after the link": "[nine](https://amzn.to/9) (paid link)",
    "label typed in the link text": "[ten (paid link)](https://amzn.to/10)",
}


def append(project: Project, rel: str, lines: list[str]) -> None:
    """Add lines at the end of a page, after a blank line: the first lands on line PAGE_LINES + 2."""
    path = project.root / rel
    path.write_text(path.read_text(encoding="utf-8") + "\n" + "\n\n".join(lines) + "\n", encoding="utf-8")


def planted_line(index: int) -> int:
    """The line of the index-th line append() planted in PAGE, counting every append (each is a paragraph)."""
    return PAGE_LINES + 2 + 2 * index


@pytest.fixture(scope="module")
def good(new_project):
    """The project with the disguised Markdown links, built and published once: (project, snapshot of site/)."""
    project = new_project("red-team-engine")
    append(project, PAGE, [f"Paid link, {name}: {link} for this." for name, link in MARKDOWN_FORMS.items()])
    return project, good_site(project)


@pytest.fixture
def fresh(good, tmp_path):
    """A copy of the good project, with its last good site/, for one row to plant in."""
    project, before = good
    shutil.copytree(project.root, tmp_path / "project")
    return Project(tmp_path / "project"), before


def refused(project: Project, row: Row, before: dict | None) -> str:
    out = assert_refused(project, row, before)
    assert '  File "' not in out, f"{row.name}: a traceback's frames were printed\n{out[-3000:]}"
    return out


def test_every_disguised_markdown_link_is_labelled_once_and_the_build_passes(good):
    project, _ = good
    page = lxml.html.parse(str(project.site / "strategies/journaling/index.html")).getroot()
    planted = [p for p in page.iter("p") if (p.text or "").startswith("Paid link, ")]
    assert len(planted) == len(MARKDOWN_FORMS)
    for paragraph, name in zip(planted, MARKDOWN_FORMS):
        [link] = [a for a in paragraph.iter("a") if is_amazon_url(a.get("href"))]
        label = link.getnext()
        assert link.get("rel") == "sponsored nofollow noopener", name
        assert (label.tag, dict(label.attrib), label.text) == ("span", {"class": "paid-link"}, LABEL), name
        assert paragraph.text_content().count(LABEL) == 1, name


# --- The engine and its templates --------------------------------------------------------------------------

MAIN = ROOT / "overrides" / "main.html"
UNREVIEWED_JSON_LD = '"dateModified"'


def plant_toc_option(option: str):
    return lambda p: p.edit("mkdocs.yml", "      permalink: true\n", f"      permalink: true\n      {option}\n")


def plant_nested_divs(p: Project) -> None:
    append(p, "docs/about.md", ["<div markdown>" * 400 + "deep" + "</div>" * 400])


def plant_template_typo(p: Project) -> None:
    p.edit("docs/index.md", "---\ntitle: Home\n", "---\ntemplate: mian.html\ntitle: Home\n")


ENGINE_ROWS = [
    Row("a syntax error in overrides/main.html names its line",
        lambda p: p.edit("overrides/main.html", "{% endblock %}", "{% endblok %}"),
        f"overrides/main.html:{line_of(MAIN, '{% endblock %}')}: Encountered unknown tag 'endblok'."),
    Row("a filter the project lacks names its line",
        lambda p: p.edit("overrides/main.html", "| tojson }}", "| tojsonx }}"),
        # The line of the JSON-LD block a page without a recorded review renders (every page today).
        f"overrides/main.html:{line_of(MAIN, UNREVIEWED_JSON_LD)}: No filter named 'tojsonx' found."),
    Row("a macro a partial no longer exports names the line that uses it",
        lambda p: p.edit("overrides/partials/handout.html", "{% macro address(p) %}", "{% macro address_of(p) %}"),
        f"overrides/main.html:{line_of(MAIN, UNREVIEWED_JSON_LD)}: the template 'partials/handout.html' (imported on "
        "line 3 in 'main.html') does not export the requested name 'address'"),
    Row("an import of a partial that does not exist names its line",
        lambda p: p.edit("overrides/main.html", '"partials/handout.html"', '"partials/handouts.html"'),
        f"overrides/main.html:{line_of(MAIN, 'partials/handout.html')}: the template \"partials/handouts.html\" "
        "does not exist"),
    # The source check refuses a template: key before the engine (checks/front_matter.py); the engine's own
    # answer is proved below, with the engine alone.
    Row("a page's template: typo names the page and the line",
        plant_template_typo, "docs/index.md:2: "),
    Row("an extension option of the wrong type that crashes the engine is one line",
        plant_toc_option("slugify: 5"),
        "mkdocs.yml: the site engine stopped on docs/", also=("TypeError: 'int' object is not callable",)),
    Row("an extension option MkDocs refuses names the extension's line in mkdocs.yml",
        plant_toc_option("baselevel: x"),
        f"mkdocs.yml:{line_of(ROOT / 'mkdocs.yml', '  - toc:')}: markdown_extensions: Failed to load extension "
        "'toc'. ValueError: invalid literal for int() with base 10: 'x'"),
]


@pytest.mark.parametrize("row", ENGINE_ROWS, ids=[row.name for row in ENGINE_ROWS])
def test_engine_failure_is_one_clean_line(fresh, row):
    project, before = fresh
    refused(project, row, before)


# Inputs the source check refuses before the engine runs: the engine alone (python -m site_tools.build.engine)
# still answers each with one line, should one reach it another way.
ENGINE_ALONE = [
    Row("a page's template: typo", plant_template_typo,
        'docs/index.md:2: the page asks for the template "mian.html", which does not exist'),
    Row("a page nested too deeply for Markdown (RecursionError)", plant_nested_divs,
        "mkdocs.yml: the site engine stopped on docs/about.md: RecursionError: maximum recursion depth exceeded"),
]


@pytest.mark.parametrize("row", ENGINE_ALONE, ids=[row.name for row in ENGINE_ALONE])
def test_the_engine_alone_answers_in_one_line(project, row):
    row.plant(project)
    result = project.run_module("site_tools.build.engine", str(project.root / "out"))
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert row.expect in result.stdout, out
    assert "Traceback (most recent call last)" not in out and '  File "' not in out, out


class ZensicalProject(Project):
    """The same project, built with --engine zensical."""

    def run_module(self, module: str, *args: str, env: dict | None = None):
        if module == "site_tools.build":
            args = ("--engine", "zensical", *args)
        return super().run_module(module, *args, env=env)


ZENSICAL_ROWS = [
    Row("a syntax error in overrides/main.html names its line (Zensical)",
        lambda p: p.edit("overrides/main.html", "{% endblock %}", "{% endblok %}"),
        f"overrides/main.html:{line_of(MAIN, '{% endblock %}')}: syntax error: unknown statement endblok"),
    Row("an extension option of the wrong type is one line, without Zensical's traceback",
        plant_toc_option("slugify: 5"),
        "mkdocs.yml: the site engine stopped: Python error: TypeError: 'int' object is not callable"),
]


@pytest.mark.parametrize("row", ZENSICAL_ROWS, ids=[row.name for row in ZENSICAL_ROWS])
def test_zensical_failure_is_one_clean_line(fresh, row):
    if not ZENSICAL.exists():
        pytest.fail(f"Zensical not found at {ZENSICAL} — run 'make zensical'")
    project, before = fresh
    refused(ZensicalProject(project.root), row, before)


# --- Paid links in raw HTML, hidden labels, doubled labels -------------------------------------------------

NO_REL = 'the Amazon link lacks rel="sponsored nofollow noopener"'
NO_LABEL = 'the Amazon link has no visible "(paid link)" label next to it'
TWICE = 'the Amazon link has the "(paid link)" label twice'
RAW = '<a href="{}">item {}</a>'  # each link's own text: the check finds its line by it when the address is encoded
# (planted line, what must be said about it): raw HTML links, which the extension never sees and the source
# check lets through (an <a> with an href is allowed content); the built-page check refuses them.
RAW_FORMS = [
    (RAW.format("https://www.%61mazon.com/dp/r1", "a"), (NO_REL, NO_LABEL)),
    (RAW.format("https://ｗｗｗ.ａｍａｚｏｎ.ｃｏｍ/dp/r2", "b"), (NO_REL, NO_LABEL)),
    (RAW.format(r"https:\\www.amazon.com\dp\r3", "c"), (NO_REL, NO_LABEL)),
    (RAW.format("HTTPS://WWW.AMAZON.COM/dp/r4", "d"), (NO_REL, NO_LABEL)),
    (RAW.format("https://amazon.com./dp/r5", "e"), (NO_REL, NO_LABEL)),
    (RAW.format("https://reader@amazon.com/dp/r6", "f"), (NO_REL, NO_LABEL)),
    (RAW.format("https://ama&#9;zon.c&#10;om/dp/r7", "g"), (NO_REL, NO_LABEL)),
    (RAW.format("https://&#97;mazon.com/dp/r8", "h"), (NO_REL, NO_LABEL)),
    (RAW.format("https://[bad/r9", "i"), ('the link address "https://[bad/r9" is not a valid URL',)),
    ("[(paid link)](https://amzn.to/r10)", (TWICE,)),
]


def test_raw_html_paid_links_in_disguise_and_a_doubled_label_are_refused(fresh):
    project, before = fresh
    after = len(MARKDOWN_FORMS)  # the good project's own planted lines come first
    expected = [f"{PAGE}:{planted_line(after + i)}: {what}" for i, (_, whats) in enumerate(RAW_FORMS) for what in whats]
    row = Row("raw HTML paid links", lambda p: append(p, PAGE, [f"Raw: {html}." for html, _ in RAW_FORMS]),
              expected[0], also=tuple(expected[1:]))
    refused(project, row, before)


LABEL_HTML = "<span class=paid-link>(paid link)</span>"  # as the minifier writes it
# The source check refuses these in Markdown (hidden, aria-hidden, style, unlisted classes, <svg>, <map>); the
# built-page check refuses them on its own too, should any reach a page another way. Each edits the paragraph
# that carries one of MARKDOWN_FORMS on the built page: (form, old, new, what must be said).
BUILT_PAGE_EDITS = [
    ("percent-encoded host", LABEL_HTML, "<span class=paid-link hidden>(paid link)</span>",
     f"{NO_LABEL}: the label after it is <span> with hidden, which can hide it"),
    ("full-width letters", LABEL_HTML, '<span class=paid-link aria-hidden="true">(paid link)</span>',
     f"{NO_LABEL}: the label after it is <span> with aria-hidden, which can hide it"),
    ("backslashes after the scheme", LABEL_HTML, '<span class="paid-link visually-hidden">(paid link)</span>',
     f'{NO_LABEL}: the label after it is <span> with class="paid-link visually-hidden", which can hide it'),
    ("upper case", LABEL_HTML, '<span class=paid-link style="font-size:0">(paid link)</span>',
     f"{NO_LABEL}: the label after it is <span> with style, which can hide it"),
    ("trailing dot", "<p>", '<p style="opacity:0">',
     'the "(paid link)" label of the Amazon link is inside <p style="opacity:0">, which can hide it'),
    ("user name", "<p>", '<p class="sr-only">',
     'the "(paid link)" label of the Amazon link is inside <p class="sr-only">, which can hide it'),
    ("tab and newline inside", "<p>", '<p aria-hidden="true">',
     'the "(paid link)" label of the Amazon link is inside <p aria-hidden="true">, which can hide it'),
    ("character reference", LABEL_HTML, LABEL_HTML + " " + LABEL_HTML, TWICE),
]
# An SVG link and an image-map area, on lines of their own: each is named by its line on the built page.
SVG_AND_AREA = ('<p><svg><a xlink:href="https://amazon.com/dp/s1"><text>item s</text></a></svg>\n'
                '<map name="shop"><area href="https://amazon.com/dp/s2" alt="item t"></map></p>\n')


def edit_paragraph(html: str, form: str, old: str, new: str) -> str:
    """Replace old with new once, inside the built paragraph that carries MARKDOWN_FORMS[form]."""
    start = html.index(f"<p>Paid link, {form}:")
    end = html.index("</p>", start)
    paragraph = html[start:end]
    assert old in paragraph, f"{old!r} not in the built paragraph: update this test"
    return html[:start] + paragraph.replace(old, new, 1) + html[end:]


def test_a_hidden_doubled_or_unlabelled_paid_link_on_a_built_page_is_refused(fresh):
    project, _ = fresh
    page = project.site / "strategies/journaling/index.html"
    html = page.read_text(encoding="utf-8")
    for form, old, new, _ in BUILT_PAGE_EDITS:
        html = edit_paragraph(html, form, old, new)
    html = html.replace("<p>Paid link, label typed after", SVG_AND_AREA + "<p>Paid link, label typed after", 1)
    page.write_text(html, encoding="utf-8")
    result = project.check_site()
    assert result.returncode == 1
    for form, _, _, what in BUILT_PAGE_EDITS:
        line = planted_line(list(MARKDOWN_FORMS).index(form))
        assert f"{PAGE}:{line}: {what}" in result.stdout, (form, result.stdout)
    for what in (NO_REL, NO_LABEL):  # not in the Markdown source: named on the built page
        assert len([line for line in result.stdout.splitlines()
                    if line.startswith("strategies/journaling/index.html:") and what in line]) == 2, result.stdout


# --- The required notice texts (source check, before the engine) -------------------------------------------

CONFIG = ROOT / "mkdocs.yml"


def notice_line(key: str) -> int:
    return line_of(CONFIG, f"    {key}:")


NOTICE_ROWS = [
    Row("a reworded disclaimer",
        lambda p: p.edit("mkdocs.yml", "only and should\n", "only and must\n"),
        f"mkdocs.yml:{notice_line('disclaimer')}: extra.notices.disclaimer is not the required text word for word",
        build=False),
    Row("a dropped affiliate sentence",
        lambda p: p.edit("mkdocs.yml", "      Content on our site may include product recommendations. We participate\n",
                         "      We participate\n"),
        f"mkdocs.yml:{notice_line('affiliate')}: extra.notices.affiliate is not the required text word for word",
        build=False),
    Row("an altered Amazon sentence",
        lambda p: p.edit("mkdocs.yml", "amazon: As an Amazon Associate I earn", "amazon: As an Amazon Associate, I earn"),
        f"mkdocs.yml:{notice_line('amazon')}: extra.notices.amazon is not the required text word for word",
        build=False, also=('set it to exactly "As an Amazon Associate I earn from qualifying purchases."',)),
    Row("a dropped Amazon sentence",
        lambda p: p.edit("mkdocs.yml", "    amazon: As an Amazon Associate I earn from qualifying purchases.\n", ""),
        f"mkdocs.yml:{line_of(CONFIG, '  notices:')}: extra.notices.amazon is missing", build=False),
    Row("a pinned text that no longer matches the article",
        lambda p: p.edit("scripts/data/source-article.txt", "tailored to your health condition", "tailored to you"),
        "scripts/data/required-notices.yml:", also=("the required disclaimer text is not in "
                                                    "scripts/data/source-article.txt word for word",), build=False),
]


@pytest.mark.parametrize("row", NOTICE_ROWS, ids=[row.name for row in NOTICE_ROWS])
def test_notice_text_change_is_refused_before_the_engine(project, row):
    refused(project, row, None)


def test_the_shipped_notice_texts_pass_the_source_check(project):
    result = project.run_module("site_tools.checks", "--sources-only")
    assert result.returncode == 0, result.stdout
