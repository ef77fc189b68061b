"""Red team, the whole page: content cannot load from another host, restyle or hide the notices, and no script
reaches a page, or the Content-Security-Policy, without being on the reviewed list (scripts/data/known-scripts.yml).

Content rows are refused by the source check alone, at their Markdown line (build=False, about a second each).
Script rows plant into the theme's template, outside the article content, and need a build: one build carries
them all, and the step that hashes scripts (build/security_headers.py) must name each one and write no header.
"""

from __future__ import annotations

import re
import shutil

import pytest

from project_copy import ROOT, Project, copy_project
from red_team import Row, assert_refused
from site_tools.build.security_headers import read_headers_file
from site_tools.checks.page_scripts import KnownScripts, script_hash

PAGE = "docs/about.md"
# Each row appends its text after a blank line: its first line is this one.
LINE = len((ROOT / PAGE).read_text(encoding="utf-8").splitlines()) + 2
OTHER_HOST = "loads a file from another site, which can track readers"
MD_CLASS = "md- classes belong to the theme"


def appended(text: str):
    def plant(project: Project) -> None:
        path = project.root / PAGE
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    return plant


def content(name: str, text: str, what: str, offset: int = 0) -> Row:
    """A row that appends text to docs/about.md; what must be printed at the text's line (plus offset)."""
    return Row(name, appended(text), f"{PAGE}:{LINE + offset}: {what}", build=False)


CONTENT_ROWS = [
    content("meta refresh", '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
            "<meta> is not allowed in page content"),
    content("meta refresh in upper case", '<META HTTP-EQUIV="REFRESH" CONTENT="0;URL=https://evil.example/">',
            "<meta> is not allowed in page content"),
    content("meta refresh with an entity-encoded attribute",
            '<meta http-equiv="&#114;efresh" content="0;url=https://evil.example/">', "<meta> is not allowed"),
    content("base element", '<base href="https://evil.example/">', "<base> is not allowed in page content"),
    content("stylesheet link to the site's own CSS", '<link rel="stylesheet" href="../stylesheets/extra.css">',
            "<link> is not allowed in page content"),
    content("prefetch link", '<link rel="prefetch" href="https://evil.example/ping">', "<link> is not allowed"),
    content("style element", "<style>.notice { display: none }</style>", "<style> is not allowed in page content"),
    content("object element", '<object data="files/a.pdf"></object>', "<object> is not allowed in page content"),
    content("style attribute in HTML", '<p style="position: fixed; inset: 0">Cover</p>',
            "the style attribute is not allowed in page content"),
    content("style attribute in an attribute list", 'A paragraph.\n{: style="position: fixed; inset: 0" }',
            "the style attribute is not allowed in page content", offset=1),
    content("style attribute on a link, in upper case", '[Home](index.md){ STYLE="position: fixed" }',
            "the style attribute is not allowed in page content"),
    content("theme header class as a fixed overlay", '<div class="md-header">Fake header</div>',
            f"the class 'md-header' is not allowed in page content — remove it: {MD_CLASS}"),
    content("theme banner class in a markdown block", '<div class="md-banner" markdown="1">\n**Fake**\n</div>',
            "the class 'md-banner' is not allowed in page content"),
    content("theme class in a heading's attribute list", "## Fake banner {: .md-banner }",
            "the class 'md-banner' is not allowed in page content"),
    content("theme class as an admonition type", '!!! md-banner "Fake"\n    Cover.',
            "the admonition type 'md-banner' is not allowed in page content"),
    content("class outside the allow-list", '<p class="notice">Looks like a notice</p>',
            "the class 'notice' is not allowed in page content"),
    content("hidden attribute", "<p hidden>Gone</p>", "the hidden attribute hides part of the page"),
    content("hidden in an attribute list", "Gone.\n{: hidden }", "the hidden attribute hides part of the page",
            offset=1),
    content("aria-hidden", '<span aria-hidden="true">Unheard</span>',
            "the aria-hidden attribute hides part of the page from screen readers"),
    content("a build-owned data- attribute", '<img src="../assets/favicon.svg" alt="x" data-qr="https://evil.example/">',
            "the 'data-qr' attribute is not allowed in page content"),
    content("SVG animate that rewrites a link",
            '<svg><a href="/"><animate attributeName="href" values="https://evil.example/"/>x</a></svg>',
            "<animate> is not allowed in page content — remove it: an animation can change a link's address"),
    content("SVG set that rewrites a link", '<svg><a><set attributeName="xlink:href" to="javascript:alert(1)"/></a></svg>',
            "<set> is not allowed in page content"),
    content("tracking image", '<img src="https://tracker.example/p.gif" alt="">',
            f"the src= address https://tracker.example/p.gif {OTHER_HOST}"),
    content("tracking image over two lines", '<img alt=""\n     src="https://tracker.example/p.gif">',
            f"the src= address https://tracker.example/p.gif {OTHER_HOST}"),
    content("tracking image behind an entity", '<img src="&#104;ttps://tracker.example/p.gif" alt="">',
            f"the src= address https://tracker.example/p.gif {OTHER_HOST}"),
    content("protocol-relative image", '<img src="//evil.example/x.png" alt="">',
            f"the src= address //evil.example/x.png {OTHER_HOST}"),
    content("backslash protocol-relative image", '<img src="/\\evil.example/x.png" alt="">',
            f"the src= address /\\evil.example/x.png {OTHER_HOST}"),
    content("Markdown image from another host", "![Chart](https://evil.example/chart.png)",
            f"the src= address https://evil.example/chart.png {OTHER_HOST}"),
    content("reference-style image", "![Chart][chart]\n\n[chart]: https://evil.example/chart.png",
            f"the src= address https://evil.example/chart.png {OTHER_HOST}", offset=2),
    content("srcset with one external candidate among local ones",
            '<img src="../assets/favicon.svg" alt="" srcset="../assets/a.png 1x, https://evil.example/b.png 2x, '
            '../assets/c.png 3x">', f"the srcset= address https://evil.example/b.png {OTHER_HOST}"),
    content("video poster from another host", '<video src="../assets/v.mp4" poster="https://evil.example/p.jpg"></video>',
            f"the poster= address https://evil.example/p.jpg {OTHER_HOST}"),
    content("audio from another host", '<audio src="https://evil.example/a.mp3"></audio>',
            f"the src= address https://evil.example/a.mp3 {OTHER_HOST}"),
    content("image source in an attribute list", '![Chart](../assets/favicon.svg){ src="https://evil.example/c.png" }',
            f"the src= address https://evil.example/c.png {OTHER_HOST}"),
]


@pytest.mark.parametrize("row", CONTENT_ROWS, ids=[row.name for row in CONTENT_ROWS])
def test_content_that_loads_restyles_or_hides_is_refused_at_its_line(row, tmp_path):
    assert_refused(copy_project(tmp_path / "project"), row)


def test_links_to_other_sites_and_the_projects_own_markup_stay_allowed(tmp_path):
    """Following a link is the reader's choice, not a request the page makes; local images and the project's
    own class pass too."""
    project = copy_project(tmp_path / "project")
    appended('[A helpline](https://findahelpline.com/) and <a href="https://example.org/">another</a>.\n\n'
             '<div class="journal-prompts" markdown>\n![Logo](assets/favicon.svg)\n</div>\n\n'
             '<img src="assets/favicon.svg" alt="" srcset="assets/favicon.svg 1x, /assets/favicon.svg 2x">')(project)
    result = project.run_module("site_tools.checks", "--sources-only")
    assert result.returncode == 0, result.stdout


@pytest.fixture
def built(good):
    """The project built once for the session (every step, _headers included; conftest.good), and its site: the
    last good site. Tests copy it before they change anything."""
    return good


def test_the_real_builds_headers_hold_only_listed_hashes(built):
    project, _ = built
    every, _ = read_headers_file((project.site / "_headers").read_text(encoding="utf-8"))
    hashes = set(re.findall(r"'sha256-[^']+'", every["Content-Security-Policy"]))
    assert hashes and hashes <= KnownScripts.load().inline


TEMPLATE = "overrides/main.html"
PLANTED = ('{% block extrahead %}{{ super() }}\n'
           '  <script>alert(1)</script>\n'
           '  <script src="https://cdn.example.org/x.js"></script>\n'
           '  <script src="{{ \'assets/javascripts/extra.js\' | url }}"></script>\n'
           '  <script type="speculationrules">{"prefetch": [{"source": "list", "urls": ["https://evil.example/"]}]}</script>\n')


def plant_in_the_head(project: Project) -> None:
    project.edit(TEMPLATE, "{% block extrahead %}{{ super() }}\n", PLANTED)
    project.write("docs/assets/javascripts/extra.js", "alert(2)\n")


def test_an_aligned_table_builds_without_a_style_attribute(built, tmp_path):
    """Python-Markdown aligns table columns with style= by default, which the CSP blocks; mkdocs.yml asks for
    align= instead (tables: use_align_attribute), which content may carry."""
    project, _ = built
    copy = Project(tmp_path / "project")
    shutil.copytree(project.root, copy.root)
    appended("| Left | Right |\n|:-----|------:|\n| a | b |\n")(copy)
    result = copy.run_module("site_tools.build")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (copy.site / "about" / "index.html").read_text(encoding="utf-8")
    assert "align=right" in html.replace('"', "") and "text-align" not in html


def test_scripts_planted_outside_the_body_fail_the_build_and_gain_no_hash(built, tmp_path):
    project, before = built
    copy = Project(tmp_path / "project")
    shutil.copytree(project.root, copy.root)
    # The theme's markup is on every page: each problem is named once, on the first page, with the count.
    more = "is not on the reviewed list of scripts (14 times, on 14 page(s))"
    row = Row("scripts in the head", plant_in_the_head, f"404.html:1: inline script 'alert(1)' {more}", also=(
        f"404.html:1: script file 'https://cdn.example.org/x.js' {more}",
        f"404.html:1: script file '/assets/javascripts/extra.js' {more}",
        "404.html:1: inline script of type 'speculationrules'",
        "❌ build failed at 'site_tools.build.security_headers'",
    ))
    out = assert_refused(copy, row, before)
    assert script_hash("alert(1)") not in (copy.site / "_headers").read_text(encoding="utf-8")
    assert script_hash("alert(1)") not in out


def test_the_built_page_check_catches_what_reaches_the_article_content(built, tmp_path):
    """A backstop for what the source check cannot see (here planted in the built HTML): the same rules run on
    the article content of every built page, and name the page when no Markdown line has it."""
    project, _ = built
    copy = Project(tmp_path / "project")
    shutil.copytree(project.root, copy.root)
    copy.edit("site/about/index.html", "data-page-body>", 'data-page-body><p class="md-banner">Cover</p>'
              '<img src="//evil.example/x.png" alt=""><p hidden>Gone</p><div style="position:fixed">Over</div>')
    result = copy.check_site()
    assert result.returncode == 1
    for what in ("the class 'md-banner' is not allowed in page content",
                 f"the src= address //evil.example/x.png {OTHER_HOST}",
                 "the hidden attribute hides part of the page",
                 "the style attribute is not allowed in page content"):
        assert f"about/index.html:1: {what}" in result.stdout, result.stdout


STUB = ('<!doctype html><html><head><link rel="canonical" href="{url}"><script>var anchor=window.location.hash'
        '.substr(1);location.href="{url}"+(anchor?"#"+anchor:"")</script><meta http-equiv="refresh" '
        'content="0; url={url}"></head><body><a href="{url}">new destination</a></body></html>')
CONFIG = ('<!doctype html><html><head></head><body><script id="__config" type="application/json">'
          '{{"base": "..", "search": "{search}"}}</script></body></html>')


def page_scripts(html: str):
    from lxml import etree

    from site_tools.built_pages import PARSER, BuiltPage
    from site_tools.checks.page_scripts import check_page_scripts

    return check_page_scripts(BuiltPage("old/index.html", etree.fromstring(html.encode(), PARSER), None),
                              KnownScripts.load())


@pytest.mark.parametrize(("html", "what"), [
    pytest.param(STUB.format(url="../new/"), None, id="a redirect stub to a page of this site"),
    pytest.param(STUB.format(url='../new/"+alert(1)+"'), "var anchor=window.location.hash.substr(1)", id="a stub that breaks out"),
    pytest.param(STUB.format(url="https://evil.example/"), "var anchor=window.location.hash.substr(1)", id="a stub to another host"),
    pytest.param(STUB.format(url="../new/").replace("location.href=", "fetch('//e.example');location.href="),
                 "var anchor=window.location.hash.substr(1)", id="a stub with more code"),
    pytest.param(CONFIG.format(search="../assets/javascripts/workers/search.a7633da7.min.js"), None,
                 id="the theme's config naming its search worker"),
    pytest.param(CONFIG.format(search="https://evil.example/w.js"),
                 "application/json block names a script, 'https://evil.example/w.js' under 'search'",
                 id="a config naming a worker on another host"),
    pytest.param('<html><head><script type="application/ld+json">{"name": "\\u003c/script\\u003e"}</script></head></html>',
                 None, id="JSON-LD with an escaped end tag"),
    pytest.param('<html><head><script type="application/ld+json">{"name": ["a"]}</script></head></html>',
                 "application/ld+json block has a value that is not text", id="JSON-LD with a list"),
    pytest.param('<html><head><script type=" Module ">alert(1)</script></head></html>',
                 "inline script 'alert(1)'", id="a module script, in odd case and spacing"),
    pytest.param('<html><head><base href="https://evil.example/"></head></html>', "a <base> element", id="base"),
    pytest.param('<html><body><a href="&#10;java&#9;script:go()">x</a></body></html>',
                 "javascript: URL in href= on <a>", id="a script address behind entities and whitespace"),
])
def test_page_scripts_pass_only_what_their_rule_allows(html, what):
    result = page_scripts(html)
    if what is None:
        assert not result.findings, result.findings
    else:
        assert any(what in str(finding) for finding in result.findings), result.findings
        assert not result.hashes
