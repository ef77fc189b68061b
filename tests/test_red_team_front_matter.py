"""Red team: every value that reaches a template is typed, plain text or refused, and an unreadable source is a
finding, not a crash. Front matter (checks/front_matter.py), the printed values of mkdocs.yml
(checks/config_values.py) and the bytes of a .md file (sources.py), each planted in a copy of the project.

Most rows are refused by the source check alone (build=False, well under a second each). The build rows prove
the whole build refuses cleanly: the 'build failed' line, no traceback, no staging folder, the last good site
byte for byte. The engine test at the end proves the JSON-LD block of overrides/main.html is safe on its own.
"""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from guard_helpers import line_of
from project_copy import ROOT
from red_team import FAILED, Row, assert_refused

PAGE = "docs/strategies/journaling.md"
CONFIG = ROOT / "mkdocs.yml"
LAST = "next_review: 2029-11-25\n"  # the front matter's last line (line 5); a planted key goes on line 6


def key(text: str):
    """Add one front-matter line to the page, after its last key (it becomes line 6)."""
    return lambda project: project.edit(PAGE, LAST, f"{LAST}{text}\n")


def swap(old: str, new: str, rel: str = PAGE):
    return lambda project: project.edit(rel, old, new)


def config(old: str, new: str):
    return swap(old, new, "mkdocs.yml")


def write_bytes(rel: str, data: bytes):
    return lambda project: (project.root / rel).write_bytes(data)


def at(line: int, message: str, rel: str = PAGE) -> str:
    return f"{rel}:{line}: {message}"


def cfg(needle: str, message: str) -> str:
    """mkdocs.yml:LINE: message, LINE being where needle is in the real mkdocs.yml (a swap keeps the lines)."""
    return f"mkdocs.yml:{line_of(CONFIG, needle)}: {message}"


TITLE = "title: Journaling\n"
DESCRIPTION = ("description: How writing about your ketamine experience, and what it means to you, "
               "can help you process it.\n")
FILLER = "and what it means to you, so the description is long enough"
HELP_988 = 'US and Canada: call <a href="tel:911">911</a>.'
A_LINE = "a line of extra.urgent_help.tiers[2].lines "
JOURNALING = (ROOT / PAGE).read_bytes()

FRONT_MATTER_ROWS = [
    # Markup, and what turns into markup, in the plain-text keys.
    Row("script-in-subtitle", key("subtitle: <script>alert(1)</script>"),
        at(6, "the subtitle contains '<', which pages read as HTML — write plain text"), build=False),
    Row("description-closes-the-meta-attribute",
        swap(DESCRIPTION, f"description: 'Journaling\"><script>alert(1)</script> {FILLER}'\n"),
        at(3, 'the description contains a straight double quote ("), which ends the HTML attribute'), build=False),
    Row("description-adds-an-event-attribute-without-any-angle-bracket",
        swap(DESCRIPTION, f"description: 'Journaling\" autofocus onfocus=\"alert(1) {FILLER}'\n"),
        at(3, "the description contains a straight double quote"), build=False),
    Row("entity-encoded-script-in-description",
        swap(DESCRIPTION, f"description: Journaling &lt;script&gt;alert(1)&lt;/script&gt; {FILLER}\n"),
        at(3, "the description contains the HTML character reference '&lt;', which a browser decodes"
              " — write the character itself"), build=False),
    Row("numeric-entity-in-title", swap(TITLE, "title: Journaling &#x3C;b&#x3E;\n"),
        at(2, "the title contains the HTML character reference '&#x3C;'"), build=False),
    Row("markup-in-title", swap(TITLE, "title: Journaling <b>now</b>\n"),
        at(2, "the title contains '<', which pages read as HTML"), build=False),
    Row("inline-html-image-with-onerror-in-title", swap(TITLE, "title: Journaling <img src=x onerror=alert(1)>\n"),
        at(2, "the title contains '<'"), build=False),
    Row("right-to-left-override-in-title", swap(TITLE, 'title: "Journaling \\u202Egnp.exe"\n'),
        at(2, "the title contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"), build=False),
    Row("nul-escape-in-subtitle", key('subtitle: "Journ\\0aling"'),
        at(6, "the subtitle contains the invisible character U+0000"), build=False),
    Row("line-break-in-description", swap(DESCRIPTION, f"description: |\n  Journaling\n  {FILLER}.\n"),
        at(3, "the description contains a line break"), build=False),
    # template: refused outright, whatever it names.
    Row("template-typo", key("template: mian.html"),
        at(6, "the 'template' key is not allowed: every page is built with the site's page template, "
              "overrides/main.html, which adds the required notices — remove the line"), build=False),
    Row("template-names-a-material-partial", key("template: partials/content.html"),
        at(6, "the 'template' key is not allowed"), build=False),
    Row("template-names-our-notices-partial", key("template: partials/notices.html"),
        at(6, "the 'template' key is not allowed"), build=False),
    Row("template-left-empty", key("template:"), at(6, "the 'template' key is not allowed"), build=False),
    Row("template-hidden-in-a-yaml-merge-key", key("<<: {template: partials/notices.html}"),
        at(7, "the 'template' key is not allowed"), build=False),  # no line of its own: the closing '---'
    Row("second-title-with-markup-wins-in-yaml", key("title: Journaling <script>alert(1)</script>"),
        at(2, "the title contains '<'"), build=False),
    # search, icon, status, hide, page_table: only the values Material and our templates read.
    Row("search-true", key("search: true"),
        at(6, "search is true, not a search setting — write 'search:' and under it either '  exclude: true'"),
        build=False),
    Row("search-with-a-misspelled-setting", key("search:\n  excluded: true"),
        at(6, "search has 'excluded' set to true, which Material does not read"), build=False),
    Row("search-boost-that-is-text", key("search:\n  boost: high"),
        at(6, "search has 'boost' set to 'high'"), build=False),
    Row("unknown-icon", key("icon: material/no-such-icon"),
        at(6, "the icon 'material/no-such-icon' is not an icon of the installed theme"), build=False),
    Row("icon-climbing-out-of-the-icon-folder", key("icon: ../partials/notices"),
        at(6, "the icon '../partials/notices' is not an icon of the installed theme"), build=False),
    Row("status-when-the-site-has-none", key("status: new"),
        at(6, "the 'status' key needs page statuses set up under extra.status in mkdocs.yml, and this site has none"),
        build=False),
    Row("status-that-mkdocs-yml-does-not-set-up",
        lambda p: (key("status: deprecated")(p), config("\nextra:\n", "\nextra:\n  status:\n    new: Recently added\n")(p)),
        at(6, "the status 'deprecated' is not one of those under extra.status in mkdocs.yml: new"), build=False),
    Row("hide-with-a-value-material-does-not-know", key("hide:\n  - notices"),
        at(6, "hide lists 'notices', which is not a part of the page Material can hide — list only what to hide"),
        build=False),
    Row("hide-as-one-string", key("hide: toc"), at(6, "hide is 'toc', not a list"), build=False),
    # Values of the wrong YAML type: findings, not crashes.
    Row("title-as-a-list", swap(TITLE, "title: [Journaling, Writing]\n"),
        at(2, "the title is not plain text — write the title as text"), build=False),
    Row("description-as-a-number", swap(DESCRIPTION, "description: 1234567\n"),
        at(3, "the description is not plain text"), build=False),
    Row("subtitle-as-a-mapping", key("subtitle:\n  text: Writing"), at(6, "the subtitle is not plain text"),
        build=False),
    Row("page-table-as-text", key("page_table: 'yes'"), at(6, "page_table is 'yes', not true or false"),
        build=False),
    Row("review-date-as-a-list", swap("last_reviewed: 2026-11-25\n", "last_reviewed: [2026-11-25]\n"),
        at(4, "last_reviewed is a list, not a date — write it like 'last_reviewed: 2026-11-25'"), build=False),
    Row("title-left-empty", swap(TITLE, "title:\n"), at(6, "the front matter has no 'title'"), build=False),
    # Bytes that are not UTF-8 text.
    Row("invalid-utf8-byte", write_bytes(PAGE, JOURNALING.replace(b"# Journaling", b"# Journ\xe9ling")),
        at(line_of(ROOT / PAGE, "# Journaling"), "the file is not UTF-8 text: byte 0xE9 is not UTF-8 — save it as UTF-8"),
        build=False),
    Row("utf16-page", write_bytes(PAGE, JOURNALING.decode("utf-8").encode("utf-16")),
        at(1, "the file is not UTF-8 text: it starts with a UTF-16 byte order mark"), build=False),
    Row("nul-byte-in-the-body", write_bytes(PAGE, JOURNALING + b"\x00\n"),
        at(JOURNALING.count(b"\n") + 1, "the file is not UTF-8 text: it holds a NUL byte, so it is a binary file"),
        build=False),
    Row("mkdocs-yml-that-is-not-utf8",
        lambda p: (p.root / "mkdocs.yml").write_bytes(CONFIG.read_bytes().replace(b"# Project information", b"# Proj\xe9ct")),
        "mkdocs.yml: cannot read the config ('utf-8' codec can't decode byte 0xe9", build=False),
    Row("image-saved-as-md", write_bytes("docs/strategies/photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        at(1, "the file is not UTF-8 text: byte 0x89 is not UTF-8", "docs/strategies/photo.md"), build=False),
]

EXTRA_ROWS = [
    # Each string of extra: that the templates print.
    Row("markup-in-the-disclaimer", config("Disclaimer: This information", "Disclaimer: <script>alert(1)</script> This information"),
        cfg("    disclaimer:", "extra.notices.disclaimer contains '<', which pages read as HTML"), build=False),
    Row("markup-in-the-affiliate-notice", config("Content on our site", "Content on <b>our</b> site"),
        cfg("    affiliate:", "extra.notices.affiliate contains '<'"), build=False),
    Row("entity-in-the-amazon-sentence", config("As an Amazon Associate", "As an &lt;i&gt;Amazon Associate"),
        cfg("    amazon:", "extra.notices.amazon contains the HTML character reference '&lt;'"), build=False),
    Row("quote-in-the-urgent-help-title", config("title: Need help now?", "title: 'Need help now?\" hidden x=\"'"),
        cfg("    title: Need help now?", "extra.urgent_help.title contains a straight double quote"), build=False),
    Row("markup-in-the-help-line-link-text", config("more: find help in your country", "more: find <i>help</i>"),
        cfg("    more: find help", "extra.urgent_help.more contains '<'"), build=False),
    Row("script-in-the-help-line", config('line: Call or text', 'line: <script>alert(1)</script>Call or text'),
        cfg("    line: Call or text", "extra.urgent_help.line holds a <script> element"), build=False),
    Row("a-tier-without-its-when", config("        when: For urgent help that is not an emergency.\n", ""),
        cfg("      - name: Urgent", "extra.urgent_help.tiers[1] has no 'when'"), build=False),
    Row("markup-in-a-tier-name", config("- name: Emergency", "- name: <b>Emergency</b>"),
        cfg("      - name: Emergency", "extra.urgent_help.tiers[2].name contains '<'"), build=False),
    Row("publisher-website-not-https", config('    website: ""', '    website: "http://clinic.example/"'),
        cfg('    website: ""', "extra.publisher.website 'http://clinic.example/' is not an https:// address"),
        build=False),
    Row("publisher-email-with-a-mailto-header", config('    email: ""', '    email: "a@b.example?bcc=x@evil.example"'),
        cfg('    email: ""', "extra.publisher.email is 'a@b.example?bcc=x@evil.example', not an email address"),
        build=False),
    Row("markup-in-the-publisher-name", config('    name: ""', '    name: "<b>Clinic</b>"'),
        cfg('    name: ""', "extra.publisher.name contains '<'"), build=False),
    Row("help-page-that-leaves-the-site", config("page: get-help-now/", "page: 'javascript:alert(1)//'"),
        cfg("    page: get-help-now/", "extra.urgent_help.page is 'javascript:alert(1)//', not a page's address"),
        build=False),
    Row("scope-that-ends-the-script-string", config("scope: /", "scope: '/\");alert(1);(\"'"),
        cfg("  scope: /", "extra.scope is '/\");alert(1);(\"', not a path that starts and ends with '/'"), build=False),
    Row("generator-as-text", config("generator: false", "generator: 'no'"),
        cfg("  generator: false", "extra.generator is 'no', not true or false"), build=False),
    Row("polyfills-in-mkdocs-yml", config("\nextra:\n", "\nextra:\n  polyfills:\n    - https://evil.example/x.js\n"),
        f"mkdocs.yml:{line_of(CONFIG, 'extra:') + 1}: extra.polyfills is not a setting the site's templates read",
        build=False),
    Row("notice-key-misspelled", config("    amazon: As", "    amazonn: As"),
        cfg("    amazon:", "extra.notices.amazonn is not a setting the site's templates read"),
        also=(cfg("  notices:", "extra.notices has no 'amazon' — restore it from git history"),), build=False),
    # The urgent-help lines: plain text and links to tel: or https:// only, in one form.
    Row("script-in-an-urgent-help-line", config(HELP_988, HELP_988 + "<script>alert(1)</script>"),
        cfg(HELP_988, A_LINE + "holds a <script> element; the only markup allowed is a link"),
        build=False),
    Row("onclick-on-an-urgent-help-link", config('<a href="tel:911">', '<a href="tel:911" onclick="alert(1)">'),
        cfg(HELP_988, A_LINE + "has a link with the 'onclick' attribute; a link takes only href"), build=False),
    Row("javascript-link-in-an-urgent-help-line", config('<a href="tel:911">', '<a href="javascript:alert(1)">'),
        cfg(HELP_988, A_LINE + "has a link to 'javascript:alert(1)', which is neither a tel: number nor an https:// page"),
        build=False),
    Row("plain-http-link-in-an-urgent-help-line", config("https://findahelpline.com/", "http://findahelpline.com/"),
        # A folded line is named by its '>-' line, the one before its text.
        f"mkdocs.yml:{line_of(CONFIG, 'elsewhere: >-')}: "
        "extra.urgent_help.elsewhere has a link to 'http://findahelpline.com/', which is neither",
        build=False),
    Row("unclosed-image-tag-in-an-urgent-help-line", config(HELP_988, HELP_988 + "<img src=x onerror=alert(1)//"),
        cfg(HELP_988, A_LINE + "holds a <img> element"), build=False),
    Row("comment-in-an-urgent-help-line", config(HELP_988, HELP_988 + "<!-- hidden -->"),
        cfg(HELP_988, A_LINE + "holds an HTML comment or instruction"), build=False),
    Row("uppercase-link-in-an-urgent-help-line", config('<a href="tel:911">911</a>', '<A HREF="tel:911">911</A>'),
        cfg(HELP_988, A_LINE + "holds markup in another form than the one allowed"), build=False),
    # Top-level strings Material prints, the nav titles and the addresses.
    Row("markup-in-site-name", config("site_name: Integration", "site_name: <script>alert(1)</script> Integration"),
        cfg("site_name:", "site_name contains '<', which pages read as HTML"), build=False),
    Row("quote-in-copyright", config("Educational information only.", "Educational \"information\" only."),
        cfg("copyright:", "copyright contains a straight double quote"), build=False),
    Row("entity-in-site-description", config("Plain-English guidance", "Plain-English &#60;b&#62; guidance"),
        cfg("site_description:", "site_description contains the HTML character reference '&#60;'"), build=False),
    Row("markup-in-a-nav-title", config("  - Home: index.md", "  - <b>Home</b>: index.md"),
        cfg("  - Home: index.md", "the nav title '<b>Home</b>' contains '<'"), build=False),
    Row("markup-in-a-palette-toggle-name", config("name: Switch to dark mode", "name: Switch<svg onload=alert(1)>"),
        cfg("name: Switch to dark mode", "theme.palette's toggle name contains '<'"), build=False),
    Row("quote-in-site-url", config('"https://ketamine-integration.example.org/"]',
                                    "'https://ketamine-integration.example.org/\"><script>']"),
        cfg("site_url:", "site_url 'https://ketamine-integration.example.org/\"><script>' is not written as a "
                         "browser writes it"), build=False),
    Row("site-name-repeated-with-markup", config("site_name: Integration", "site_name: <b>x</b>\nsite_name: Integration"),
        cfg("site_name:", "site_name contains '<'"), build=False),
    # Style sheets and scripts that every page loads: the project's own files only.
    Row("extra-css-from-another-host", config("  - stylesheets/extra.css", "  - https://cdn.example.org/x.css"),
        cfg("  - stylesheets/extra.css", "extra_css lists 'https://cdn.example.org/x.css', not a file of this site "
                                         "under docs/stylesheets/"), build=False),
    Row("extra-css-protocol-relative", config("  - stylesheets/extra.css", "  - //cdn.example.org/x.css"),
        cfg("  - stylesheets/extra.css", "extra_css lists '//cdn.example.org/x.css', not a file of this site"),
        build=False),
    Row("extra-javascript-outside-its-folder", config("\nextra_css:", "\nextra_javascript:\n  - path: ../x.js\nextra_css:"),
        f"mkdocs.yml:{line_of(CONFIG, 'extra_css:') + 1}: extra_javascript lists a set of keys, not a file of this site",
        build=False),
]

BUILD_ROWS = [
    Row("missing-description-is-the-front-matter-check-s-message-not-a-crash", swap(DESCRIPTION, ""),
        at(5, "the front matter has no 'description' — add 'description: "),
        also=(f"{FAILED}site_tools.checks.run --sources-only'",)),
    Row("hostile-front-matter-and-config-are-all-reported-in-one-failed-build",
        lambda p: (key("subtitle: <script>alert(1)</script>")(p), key("search: true")(p),
                   config(HELP_988, HELP_988 + "<script>alert(1)</script>")(p),
                   config("site_name: Integration", "site_name: <b>Integration</b>")(p)),
        at(6, "search is true, not a search setting"),
        also=(at(7, "the subtitle contains '<'"), cfg(HELP_988, A_LINE + "holds a <script> element"),
              cfg("site_name:", "site_name contains '<'"))),
    Row("binary-page-fails-the-build-cleanly", write_bytes(PAGE, b"\x89PNG\r\n\x1a\n\x00\x00"),
        at(1, "the file is not UTF-8 text")),
]


@pytest.mark.parametrize("row", [pytest.param(r, id=r.name) for r in FRONT_MATTER_ROWS + EXTRA_ROWS])
def test_source_check_refuses_the_planted_value_with_file_and_line(project, row):
    assert_refused(project, row)


@pytest.mark.parametrize("row", [pytest.param(r, id=r.name) for r in BUILD_ROWS])
def test_build_refuses_cleanly_and_keeps_the_last_good_site(good_copy, row):
    project, before = good_copy  # the good site, built once for the session (conftest.good)
    assert_refused(project, row, before)


def test_the_values_the_schema_allows_pass(project):
    """The allow-lists let through what Material and our templates read, so the refusals above are not blanket."""
    key("subtitle: Writing it down, in your own words")(project)
    key("hide:\n  - toc\n  - feedback")(project)
    key("search:\n  exclude: true\n  boost: 0.5")(project)
    key("icon: material/book-open-variant")(project)
    key("status: new")(project)
    config("\nextra:\n", "\nextra:\n  status:\n    new: Recently added\n")(project)
    config("site_name: Integration after", "site_name: Integration – after")(project)
    result = project.run_module("site_tools.checks", "--sources-only")
    assert result.returncode == 0, result.stdout + result.stderr


def test_json_ld_is_built_without_a_description_and_no_title_can_end_its_script(project):
    """The engine alone (no source check): a page without a description builds, with an empty description in
    its JSON-LD, and a title that closes the script tag stays inside the JSON (tojson escapes '<'): had it ended
    the script, the block would hold only part of the JSON, which would not parse or not give the title back."""
    hostile = "</script><script>alert(1)</script>"
    swap(DESCRIPTION, "")(project)
    swap("title: Mindfulness practices\n", f"title: '{hostile}'\n", "docs/strategies/mindfulness.md")(project)
    result = project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    for rel, name, description in (("strategies/journaling/index.html", "Journaling", ""),
                                   ("strategies/mindfulness/index.html", hostile, None)):
        text = (project.site / rel).read_text(encoding="utf-8")
        [block] = lxml_html.fromstring(text).xpath('//script[@type="application/ld+json"]')
        data = json.loads(block.text)
        assert data["name"] == name, rel
        if description is not None:
            assert data["description"] == description, rel
