"""Red team, redirects and style sheets: a redirect_maps entry in mkdocs.yml cannot write outside the site, over a
page or over another stub, nor send readers anywhere but straight to a page of this site (checks/redirect_maps.py);
a style sheet in docs/ cannot load anything from elsewhere, run anything, or hide or cover the notices, on screen
or in print (checks/stylesheets.py).

Every row but the last two is refused by the source check alone (build=False, about half a second each). The
whole-build rows prove the refusal is clean there too, before the engine runs: nothing is written anywhere.
"""

from __future__ import annotations

import lxml.html
import pytest

from guard_helpers import line_of
from project_copy import ROOT, Project
from red_team import Row, assert_refused
from site_tools.checks.stylesheets import is_notice_class

CONFIG = ROOT / "mkdocs.yml"
R = line_of(CONFIG, "redirect_maps: {}")  # a planted entry n is on line R + n
EXTRA = "docs/stylesheets/extra.css"
PRINT = "docs/stylesheets/print.css"
E = len((ROOT / EXTRA).read_text(encoding="utf-8").splitlines())  # a planted rule n is on line E + n
SOURCES_FAILED = "❌ build failed at 'site_tools.checks.run --sources-only'"

OUTSIDE = "is not a relative path to a .md page inside docs/: mkdocs-redirects would write its stub outside the site folder"
NOT_RELATIVE = "is not a relative path to a .md page inside docs/: mkdocs-redirects would write its stub at"
IN_ITS_PLACE = "in its place — remove that entry: a page that is still there needs no redirect"
LEAVES = "leads outside this site"
NOT_A_PAGE = "which is not a page in docs/"
NOT_OURS = "is not a file of this site: the site loads nothing from another host"
REACHES = "can reach a required notice or the page around it, and"
COVERS = "can place a box over the notices"


def redirects(*entries: str):
    """Plant entries under redirect_maps: (entry n on line R + n)."""
    lines = "".join(f"        {entry}\n" for entry in entries)
    return lambda project: project.edit("mkdocs.yml", "redirect_maps: {}", "redirect_maps:\n" + lines.rstrip("\n"))


def css(*rules: str, rel: str = EXTRA):
    """Append rules to a style sheet (rule n on line E + n of extra.css)."""
    def plant(project: Project) -> None:
        path = project.root / rel
        path.write_text(path.read_text(encoding="utf-8") + "".join(f"{rule}\n" for rule in rules), encoding="utf-8")
    return plant


def key(n: int, old: str, problem: str) -> str:
    return f"mkdocs.yml:{R + n}: the redirect from {old!r} {problem}"


def rule(n: int, text: str) -> str:
    return f"{EXTRA}:{E + n}: {text}"


def print_css_hides_the_disclaimer(project: Project) -> None:
    project.edit(PRINT, ".md-typeset .headerlink { display: none !important; }",
                 ".md-typeset .headerlink, .notice--disclaimer { display: none !important; }")


REDIRECT_ROWS = [
    # Keys whose stub would be written outside the site folder.
    Row("key-absolute-path", redirects("/x.md: about.md"),
        key(1, "/x.md", f"{OUTSIDE}, at '/x/index.html'"), False),
    Row("key-parent-folders", redirects("../../escape.md: about.md", "old/../../x.md: about.md"),
        key(1, "../../escape.md", f"{OUTSIDE}, at '../../escape/index.html'"), False,
        also=(key(2, "old/../../x.md", f"{OUTSIDE}, at '../x/index.html'"),)),
    # Keys that are not a plain relative .md path, in disguise.
    Row("key-not-markdown", redirects("evil.html: about.md", "CNAME: about.md"),
        key(1, "evil.html", f"{NOT_RELATIVE} 'evil.html'"), False, also=(key(2, "CNAME", f"{NOT_RELATIVE} 'CNAME'"),)),
    Row("key-upper-case-md", redirects("old.MD: about.md"), key(1, "old.MD", f"{NOT_RELATIVE} 'old.MD'"), False),
    Row("key-backslash-percent-and-control", redirects("old\\x.md: about.md", "'%2e%2e/x.md': about.md",
                                                       '"old\\x1b[31m.md": about.md'),
        key(1, "old\\x.md", NOT_RELATIVE), False,
        also=(key(2, "%2e%2e/x.md", NOT_RELATIVE), key(3, "old\x1b[31m.md", NOT_RELATIVE))),
    Row("key-empty-dot-space-and-lookalike", redirects("old//x.md: about.md", "./old.md: about.md",
                                                       "'old page.md': about.md", "аbout.md: about.md"),
        key(1, "old//x.md", f"{NOT_RELATIVE} 'old/x/index.html'"), False,
        also=(key(2, "./old.md", NOT_RELATIVE), key(3, "old page.md", NOT_RELATIVE), key(4, "аbout.md", NOT_RELATIVE))),
    Row("key-that-is-not-text", redirects("1.5: about.md", "true: about.md"),
        f"mkdocs.yml:{R + 1}: a redirect's old page is 1.5, not a path", False,
        also=(f"mkdocs.yml:{R + 2}: a redirect's old page is true or false, not a path",)),
    # Keys whose stub would replace a page, however the page's address is written.
    Row("key-is-an-existing-page", redirects("about.md: for-clinics.md"),
        key(1, "about.md", f"would be written at /about/, the address of the page docs/about.md, {IN_ITS_PLACE}"), False),
    Row("key-is-an-existing-page-in-disguise", redirects("about/index.md: for-clinics.md", "README.md: about.md",
                                                         "strategies/README.md: about.md", "About.md: about.md"),
        key(1, "about/index.md", f"would be written at /about/, the address of the page docs/about.md, {IN_ITS_PLACE}"),
        False, also=(key(2, "README.md", "would be written at /, the address of the page docs/index.md"),
                     key(3, "strategies/README.md", "would be written at /strategies/, the address of the page "
                         "docs/strategies/index.md"),
                     key(4, "About.md", "would be written at /About/, the address of the page docs/about.md"))),
    Row("key-is-a-page-without-directory-urls", lambda p: (
            p.edit("mkdocs.yml", "use_directory_urls: true", "use_directory_urls: false"),
            redirects("about.md: for-clinics.md", "404.md: about.md")(p)),
        key(1, "about.md", f"would be written at /about.html, the address of the page docs/about.md, {IN_ITS_PLACE}"), False,
        also=(key(2, "404.md", "would be written at /404.html, the address of the not-found page the theme writes"),)),
    # Two keys, one stub.
    Row("keys-that-collide", redirects("old.md: about.md", "old/index.md: for-clinics.md", "OLD.md: about.md"),
        key(2, "old/index.md", f"would be written at /old/, where the redirect from 'old.md' (line {R + 1}) is written too"),
        False, also=(key(3, "OLD.md", f"would be written at /OLD/, where the redirect from 'old.md' (line {R + 1})"),)),
    # Targets: another site, in any form; something that is not a page; a chain.
    Row("target-another-site", redirects("old-a.md: https://evil.example/", "old-b.md: //evil.example/",
                                         "old-c.md: HTTP://evil.example/", "old-d.md: javascript:alert(1)"),
        key(1, "old-a.md", f"{LEAVES} ('https://evil.example/'): an old address, perhaps printed on a clinic's handout, "
            "must lead to a page of this site"), False,
        also=(key(2, "old-b.md", f"{LEAVES} ('//evil.example/')"), key(3, "old-c.md", f"{LEAVES} ('HTTP://evil.example/')"),
              key(4, "old-d.md", f"{LEAVES} ('javascript:alert(1)')"))),
    Row("target-not-a-page", redirects("old-a.md: no-such-page.md", "old-b.md: ./about.md", "old-c.md: about/",
                                       "old-d.md: /about.md", "old-e.md: About.md", "old-f.md:"),
        key(1, "old-a.md", f"leads to 'no-such-page.md', {NOT_A_PAGE}"), False,
        also=(key(2, "old-b.md", f"leads to './about.md', {NOT_A_PAGE}"), key(3, "old-c.md", f"leads to 'about/', {NOT_A_PAGE}"),
              key(4, "old-d.md", f"leads to '/about.md', {NOT_A_PAGE}"), key(5, "old-e.md", f"leads to 'About.md', {NOT_A_PAGE}"),
              key(6, "old-f.md", "leads to empty, not a page"))),
    Row("target-section-with-markup", redirects("old.md: 'about.md#\"><script>alert(1)</script>'"),
        key(1, "old.md", "leads to 'about.md#\"><script>alert(1)</script>', whose '#' part holds more than letters, "
            "digits, '-' and '_'"), False),
    Row("redirect-chain", redirects("old-a.md: old-b.md", "old-b.md: about.md"),
        key(1, "old-a.md", f"leads to 'old-b.md', which is itself redirected (line {R + 2}): readers would be sent on "
            "twice — point it straight at the page readers should reach"), False),
    Row("redirect-maps-not-a-mapping", lambda p: p.edit("mkdocs.yml", "redirect_maps: {}", "redirect_maps: [old.md]"),
        f"mkdocs.yml:{R}: redirect_maps is a list, not a set of redirects", False),
]

STYLE_ROWS = [
    # What loads from elsewhere, however it is spelled.
    Row("css-import-another-host", css("@import url(https://evil.example/a.css);"),
        rule(1, "@import loads another style sheet"), False),
    Row("css-import-a-local-sheet", css('@import "print.css";'), rule(1, "@import loads another style sheet"), False),
    Row("css-url-protocol-relative", css(".md-header { background: url(//evil.example/x.png) }"),
        rule(1, f"url('//evil.example/x.png') {NOT_OURS}"), False),
    Row("css-url-upper-case-and-escaped", css(".md-header { background: URL(https://evil.example/a.png) }",
                                              ".md-footer { background: u\\72l('https://evil.example/b.png') }"),
        rule(1, f"url('https://evil.example/a.png') {NOT_OURS}"), False,
        also=(rule(2, f"url('https://evil.example/b.png') {NOT_OURS}"),)),
    Row("css-comment-splitting-the-token", css(".md-header { background: u/**/rl(https://evil.example/x.png) }",
                                               "@im/**/port url(https://evil.example/a.css);"),
        rule(1, "rl() is not a CSS function the site's style sheets use"), False,
        also=(rule(2, "@im is not an at-rule the site's style sheets use"),)),
    Row("css-data-and-javascript-urls", css('.md-header { background: url( "DATA:image/svg+xml,<svg/>" ) }',
                                            ".md-footer { background: url('javascript:alert(1)') }",
                                            ".md-top { background: url(javascript:alert(1)) }"),
        rule(1, "url(data:…) inlines a file no check reads, and would open the Content-Security-Policy to data: images"),
        False, also=(rule(2, f"url('javascript:alert(1)') {NOT_OURS}"), rule(3, "the CSS cannot be read here"))),
    Row("css-url-outside-docs-or-missing", css(".md-header { background: url(../../mkdocs.yml) }",
                                               ".md-footer { background: url(/assets/favicon.svg) }",
                                               ".md-top { background: url(../assets/missing.png) }"),
        rule(1, "url('../../mkdocs.yml') is not a relative path to a file in docs/"), False,
        also=(rule(2, "url('/assets/favicon.svg') is not a relative path"), rule(3, "url('../assets/missing.png') is not"))),
    Row("css-other-loading-functions", css(".md-header { background: image-set('https://evil.example/a.png' 1x) }"),
        rule(1, "image-set() is not a CSS function the site's style sheets use"), False),
    # What runs script in old browsers.
    Row("css-expression-behavior-binding", css(".md-header { width: expression(alert(1)); behavior: url(x.htc); "
                                               "-moz-binding: url(x.xml#y) }"),
        rule(1, "expression() runs a script in old browsers"), False,
        also=(rule(1, "'behavior: url(x.htc)' runs a script"), rule(1, "'-moz-binding: url(x.xml#y)' runs a script"))),
    # What hides a notice: named, matched by attribute or id, escaped, or reached without naming it.
    Row("css-notice-display-none", css(".notice { display: none }"),
        rule(1, f"the rule for '.notice' {REACHES} 'display: none' can hide them"), False),
    Row("css-data-notice-opacity", css("[data-notice] { opacity: 0 }"),
        rule(1, f"the rule for '[data-notice]' {REACHES} 'opacity: 0' can hide them"), False),
    Row("css-escaped-notice-class-and-tiny-type", css(".no\\74ice--disclaimer { font-size: 0 }",
                                                      ".md-typeset .notice { font-size: 1px; line-height: 0 }"),
        rule(1, f"the rule for '.notice--disclaimer' {REACHES} 'font-size: 0' is not a readable size"), False,
        also=(rule(2, f"the rule for '.md-typeset .notice' {REACHES} 'font-size: 1px' is not a readable size"),
              rule(2, f"the rule for '.md-typeset .notice' {REACHES} 'line-height: 0' is not 'normal'"))),
    Row("css-notice-reached-without-its-name", css(".md-typeset > * { visibility: hidden }",
                                                   ".md-content__inner p { color: transparent }",
                                                   "body::first-line { color: rgba(0, 0, 0, 0) }",
                                                   ".md-header:has(~ .md-container .notice) { display: none }",
                                                   ":is(.md-footer, .notice) { height: 0 }"),
        rule(1, f"the rule for '.md-typeset > *' {REACHES} 'visibility: hidden' can hide them"), False,
        also=(rule(2, f"the rule for '.md-content__inner p' {REACHES} 'color: transparent' is not an opaque colour"),
              rule(3, f"the rule for 'body::first-line' {REACHES} 'color: rgba(0, 0, 0, 0)' is not an opaque colour"),
              rule(4, f"the rule for '.md-header:has(~ .md-container .notice)' {REACHES} 'display: none' can hide them"),
              rule(5, f"the rule for ':is(.md-footer, .notice)' {REACHES} 'height: 0' can shrink them to nothing"))),
    Row("css-notice-text-colour-through-a-variable", css(":root { --md-default-fg-color: transparent }"),
        rule(1, f"the rule for ':root' {REACHES} '--md-default-fg-color: transparent' is not an opaque colour"), False),
    Row("css-notice-moved-off-screen", css("#content { margin-left: -9999px; text-indent: -9999px; overflow: hidden }"),
        rule(1, f"the rule for '#content' {REACHES} 'margin-left: -9999px' is not a plain size of zero or more"), False,
        also=(rule(1, f"the rule for '#content' {REACHES} 'text-indent: -9999px' can hide them"),
              rule(1, f"the rule for '#content' {REACHES} 'overflow: hidden' can hide them"))),
    Row("css-notice-inside-media", css("@media print { .md-typeset .notice--urgent-help { display: none } }"),
        rule(1, f"the rule for '.md-typeset .notice--urgent-help' {REACHES} 'display: none' can hide them"), False),
    Row("css-print-sheet-hides-a-notice", print_css_hides_the_disclaimer,
        f"{PRINT}:{line_of(ROOT / PRINT, '.md-typeset .headerlink')}: the rule for '.notice--disclaimer' {REACHES} "
        "'display: none' can hide them", False),
    # What covers a notice from anywhere, without naming it.
    Row("css-content-position-fixed", css("#content { position: fixed }"),
        rule(1, f"'position: fixed' {COVERS}"), False),
    Row("css-cover-from-another-element", css(".md-top { z-index: 9999; inset: 0; transform: scale(40) }",
                                              ".md-footer::after { position: absolute; top: 0 }"),
        rule(1, f"'z-index: 9999' {COVERS}"), False,
        also=(rule(1, f"'inset: 0' {COVERS}"), rule(1, f"'transform: scale(40)' {COVERS}"),
              rule(2, f"'position: absolute' {COVERS}"), rule(2, f"'top: 0' {COVERS}"))),
    # Ways of writing a rule the check does not follow.
    Row("css-nesting-keyframes-and-bad-syntax", css(".md-header { .notice { display: none } }",
                                                    "@keyframes fade { to { opacity: 0 } }", ".md-footer { color red }"),
        rule(1, "a rule nested inside another rule"), False,
        also=(rule(2, "@keyframes is not an at-rule"), rule(3, "the CSS cannot be read here"))),
    Row("css-font-of-its-own", css("@font-face { font-family: blank; src: url(../assets/favicon.svg) }",
                                   ".notice { font-family: blank }"),
        rule(1, "@font-face brings a font of the site's own, which could draw the notices' letters blank"), False),
]

ROWS = REDIRECT_ROWS + STYLE_ROWS


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_the_source_check_refuses_the_planted_redirect_or_style_cleanly(project, row):
    assert_refused(project, row)


def test_the_clean_project_and_good_redirects_pass(project):
    """The project's own extra.css and print.css pass as they are (print.css hides only the site's chrome), and so
    do redirects written as CONTRIBUTING.md says: old .md paths straight to pages, with or without a section."""
    redirects("old-about.md: about.md", "strategies/old-journal.md: strategies/journaling.md#what-to-write",
              "older/index.md: get-help-now.md")(project)
    css(".md-typeset .notice { color: #000; margin: 0 0 1em; font-size: 0.7rem }",
        ".md-header { display: none; background: url(../assets/favicon.svg) }")(project)
    result = project.run_module("site_tools.checks", "--sources-only")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "redirects" in result.stdout and "style sheets" in result.stdout, result.stdout


def test_a_redirect_over_the_urgent_help_page_is_reported_once(project):
    """protected_pages.py owns that finding; redirect_maps.py does not repeat it in other words."""
    redirects("get-help-now.md: about.md")(project)
    out = project.run_module("site_tools.checks", "--sources-only").stdout
    on_the_line = [line for line in out.splitlines() if line.startswith(f"mkdocs.yml:{R + 1}:")]
    assert len(on_the_line) == 1 and "over the urgent-help page" in on_the_line[0], out


# The whole build: the good site is built once for the session (conftest.good), and each row gets a fresh copy of it (good_copy).


def escape_and_replace_a_page(project: Project) -> None:
    redirects("../../escape.md: https://evil.example/", "about.md: for-clinics.md")(project)


def import_and_hide(project: Project) -> None:
    css("@import url(https://evil.example/a.css);", ".notice--disclaimer { display: none }")(project)


BUILD_ROWS = [
    Row("redirects-outside-the-site-and-over-a-page-whole-build", escape_and_replace_a_page,
        key(1, "../../escape.md", f"{OUTSIDE}, at '../../escape/index.html'"),
        also=(key(1, "../../escape.md", LEAVES), SOURCES_FAILED,
              key(2, "about.md", f"would be written at /about/, the address of the page docs/about.md, {IN_ITS_PLACE}"))),
    Row("style-sheet-import-and-hidden-notice-whole-build", import_and_hide,
        rule(1, "@import loads another style sheet"),
        also=(rule(2, f"the rule for '.notice--disclaimer' {REACHES} 'display: none' can hide them"), SOURCES_FAILED)),
]


@pytest.mark.parametrize("row", BUILD_ROWS, ids=[row.name for row in BUILD_ROWS])
def test_the_build_refuses_the_planted_redirect_or_style_before_the_engine(good_copy, row):
    project, before = good_copy
    assert_refused(project, row, before)
    assert not (project.root.parent / "escape").exists(), "a redirect stub was written outside the site"


def test_every_class_on_and_around_the_notices_is_known_to_the_style_check(good):
    """AROUND in checks/stylesheets.py lists the classes on the notices, inside them and on the elements around
    them. If the theme adds one (an upgrade), a rule for that class could hide the notices unseen: this fails."""
    project, _ = good
    unknown = set()
    for path in project.site.rglob("*.html"):
        root = lxml.html.parse(str(path)).getroot()
        for notice in root.xpath("//*[@data-notice] | //*[@data-page-body]"):
            inside = [*notice.iterdescendants()] if notice.get("data-notice") is not None else []  # not the page's own
            near = [*notice.iterancestors(), notice, *inside]
            unknown |= {name for el in near if isinstance(el.tag, str) for name in (el.get("class") or "").split()
                        if not is_notice_class(name)}
    assert not unknown, f"add these classes to AROUND in checks/stylesheets.py: {sorted(unknown)}"
