"""Red team, files: only Markdown pages and plain assets are published from docs/ (checks/docs_files.py and
svg_images.py), the urgent-help page is protected (protected_pages.py, notices.py, published_urls.py), and deep
nesting is refused before the engine (nesting_depth.py).

Most rows are refused by the source check alone (build=False, about a second each); a few run the whole build
to prove the refusal is clean there too (red_team.py). The good site is built once for the module.
"""

from __future__ import annotations

import os
import shutil
import time

import pytest

from project_copy import ROOT, Project
from red_team import Row, assert_refused

SYMLINK = "a symbolic link: the engine would publish whatever it points at"
WEB_PAGE = "file is published as a web page outside the site's template"
OTHER_MARKDOWN = "the engine may publish it, but the checks read only '.md' pages"
NOT_PUBLISHED = "are not published from docs/"
HIDDEN = "a hidden file or folder (its name starts with '.')"
NUMBERS_FIX = "scripts/data/crisis-numbers.txt lists the numbers this page must always carry"
DEEP = "nested more than 20 levels deep, which can crash the Markdown engine"
HELP = "docs/get-help-now.md"
RAW_PAGE = ('<!doctype html><html><head><script>document.title = "hi"</script>'
            '<meta http-equiv="refresh" content="0; url=https://example.com/"></head><body>Hello</body></html>\n')
PAGE = "---\ntitle: {title}\ndescription: A page planted by a test, long enough to pass the description check.\n" \
       "last_reviewed: 2026-11-25\nnext_review: 2029-11-25\n---\n\n# {title}\n\n{body}\n"
CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
REDIRECTS = CONFIG.index("      redirect_maps: {}") + 1  # the entries a row adds come on the next lines
BUILD = CONFIG.index("# Build") + 1  # a row adds exclude_docs on the next line
ABOUT_LINES = len((ROOT / "docs" / "about.md").read_bytes().splitlines())


def write(rel: str, text: str = "planted\n"):
    return lambda project: project.write(rel, text)


def svg(body: str, head: str = "") -> str:
    return f'{head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{body}\n</svg>\n'


def symlink(rel: str, target: str):
    def plant(project: Project) -> None:
        path = project.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
    return plant


def fake_git_config_and_link(project: Project) -> None:
    project.write(".git/config", '[remote "origin"]\n\turl = https://user:secret-token@github.com/example/site\n')
    symlink("docs/stylesheets/theme.css", "../../.git/config")(project)


def looping_pair(project: Project) -> None:
    symlink("docs/a.md", "b.md")(project)
    symlink("docs/b.md", "a.md")(project)


def fifo(project: Project) -> None:
    os.mkfifo(project.docs / "assets" / "pipe.png")


def docs_is_a_symlink(project: Project) -> None:
    (project.root / "docs").rename(project.root / "real-docs")
    os.symlink("real-docs", project.root / "docs")


def edit_config(old: str, new: str):
    return lambda project: project.edit("mkdocs.yml", old, new)


def redirect(entries: str):
    return edit_config("redirect_maps: {}", "redirect_maps:\n" + entries)


def empty_help_page(project: Project) -> None:
    (project.docs / "get-help-now.md").write_text("", encoding="utf-8")


def help_numbers_as_plain_text_and_comment(project: Project) -> None:
    project.edit(HELP, "[116 123](tel:116123)", "116 123")
    project.edit(HELP, "**US: call or text [988](tel:988).**", "**US: call or text 988.** <!-- [988](tel:988) -->")


def append_bytes(rel: str, data: bytes):
    return lambda project: (project.root / rel).write_bytes((project.root / rel).read_bytes() + data)


def page_with(rel: str, body: str):
    return write(rel, PAGE.format(title="Deep", body=body))


# Deep enough that Python-Markdown dies of RecursionError on the list, the HTML and the admonitions, and past the
# 255 levels lxml reads (the built-page checks would not see what the quote holds).
LEVELS = 400
DEEP_LIST = "".join("    " * i + "- step\n" for i in range(LEVELS))
DEEP_QUOTE = ">" * LEVELS + " a quote\n"
DEEP_LIST_ONE_LINE = "- " * LEVELS + "item\n"
DEEP_HTML = "<div markdown>\n" * LEVELS + "text\n" + "</div>\n" * LEVELS
DEEP_ADMONITION = "".join("    " * i + "!!! note\n\n" for i in range(LEVELS)) + "    " * LEVELS + "text\n"

ROWS = [
    # Pages a browser would render outside the template, whatever the case of the extension.
    Row("raw-html-with-script-and-refresh", write("docs/welcome.html", RAW_PAGE), f"docs/welcome.html: a '.html' {WEB_PAGE}", False),
    Row("htm", write("docs/assets/old.htm", RAW_PAGE), f"docs/assets/old.htm: a '.htm' {WEB_PAGE}", False),
    Row("xhtml", write("docs/page.xhtml", RAW_PAGE), f"docs/page.xhtml: a '.xhtml' {WEB_PAGE}", False),
    Row("upper-case-html", write("docs/strategies/SHOUT.HTML", RAW_PAGE), f"docs/strategies/SHOUT.HTML: a '.HTML' {WEB_PAGE}", False),
    Row("shtml", write("docs/x.shtml", RAW_PAGE), f"docs/x.shtml: a '.shtml' {WEB_PAGE}", False),
    Row("xml-with-xhtml-script", write("docs/feed.xml", '<html xmlns="http://www.w3.org/1999/xhtml"><script>x()</script></html>'),
        f"docs/feed.xml: a '.xml' {WEB_PAGE}", False),
    Row("html-inside-a-folder-named-like-a-page", write("docs/get-help-now/index.html", RAW_PAGE),
        f"docs/get-help-now/index.html: a '.html' {WEB_PAGE}", False),
    # Markdown under another extension: the engine would build it, but the checks would not read it.
    Row("markdown-extension", write("docs/hidden-page.markdown", "<script>alert(1)</script>\n"),
        f"docs/hidden-page.markdown: a Markdown page named '.markdown': {OTHER_MARKDOWN} — rename it to 'hidden-page.md'", False),
    Row("mdown-extension", write("docs/a.mdown"), f"docs/a.mdown: a Markdown page named '.mdown': {OTHER_MARKDOWN}", False),
    Row("mkd-extension", write("docs/a.mkd"), f"docs/a.mkd: a Markdown page named '.mkd': {OTHER_MARKDOWN}", False),
    Row("mkdn-extension", write("docs/a.mkdn"), f"docs/a.mkdn: a Markdown page named '.mkdn': {OTHER_MARKDOWN}", False),
    Row("page-that-is-not-utf8", append_bytes("docs/about.md", b"\n\xff\xfe Latin-1 text\n"),
        f"docs/about.md:{ABOUT_LINES + 2}: the file is not UTF-8 text", False),
    Row("upper-case-md", write("docs/README.MD"), f"docs/README.MD: a Markdown page named '.MD': {OTHER_MARKDOWN}", False),
    # SVG images that run code, embed HTML or load anything.
    Row("svg-script", write("docs/assets/logo.svg", svg("<circle r='4'/>\n<script>alert(1)</script>")),
        "docs/assets/logo.svg:3: the SVG holds a <script> element", False),
    Row("svg-onload", write("docs/assets/logo.svg", svg("<rect width='4' onload='alert(1)'/>")),
        "docs/assets/logo.svg:2: the SVG's 'onload' attribute runs a script", False),
    Row("svg-upper-case-event", write("docs/assets/logo.svg", svg("<rect ONMOUSEOVER='alert(1)'/>")),
        "docs/assets/logo.svg:2: the SVG's 'onmouseover' attribute runs a script", False),
    Row("svg-foreign-object", write("docs/assets/logo.svg", svg("<foreignObject><body xmlns='http://www.w3.org/1999/xhtml'>"
                                                                  "<iframe src='https://example.com/'/></body></foreignObject>")),
        "docs/assets/logo.svg:2: the SVG holds a <foreignObject> element", False,
        also=("docs/assets/logo.svg:2: the SVG holds an HTML <body> element", "the SVG holds an <iframe> element")),
    Row("svg-javascript-href", write("docs/assets/logo.svg", svg("<a xlink:href=' java\tscript:alert(1)'><rect/></a>")),
        "docs/assets/logo.svg:2: the SVG links to a 'javascript:' address, which can run code", False),
    Row("svg-external-image", write("docs/assets/logo.svg", svg("<image href='https://tracker.example/pixel.png'/>")),
        "docs/assets/logo.svg:2: the SVG refers to 'https://tracker.example/pixel.png' outside itself", False),
    Row("svg-style-url", write("docs/assets/logo.svg", svg("<style>@import 'https://x.example/a.css'; rect { fill: url(https://x.example/p#g) }</style>")),
        "docs/assets/logo.svg:2: the SVG's style imports another style sheet", False,
        also=("docs/assets/logo.svg:2: the SVG refers to 'https://x.example/p#g' outside itself",)),
    Row("svg-animated-href", write("docs/assets/logo.svg", svg("<a href='#top'><set attributeName='href' to='https://x.example/'/></a>")),
        "docs/assets/logo.svg:2: the SVG animates its 'href' attribute", False),
    Row("svg-entities-and-stylesheet", write("docs/assets/logo.svg", svg("<text>&big;</text>", head=(
        '<?xml-stylesheet type="text/xsl" href="https://x.example/run.xsl"?>\n<!DOCTYPE svg [<!ENTITY big "lol">]>\n'))),
        "docs/assets/logo.svg:1: the SVG holds a <?xml-stylesheet ...?> instruction", False,
        also=("docs/assets/logo.svg:1: the SVG declares its own entities", "the SVG uses the entity &big;")),
    Row("svg-unparseable", write("docs/assets/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)"),
        "docs/assets/logo.svg:1: the SVG cannot be read", False),
    Row("svg-that-is-html", write("docs/assets/logo.svg", "<html><body><script>alert(1)</script></body></html>"),
        "docs/assets/logo.svg:1: the file is not an SVG image (its root is <html>)", False),
    # Any other file type, and names that hide one.
    Row("exe", write("docs/assets/setup.exe"), f"docs/assets/setup.exe: '.exe' files {NOT_PUBLISHED}", False),
    Row("php", write("docs/contact.php", "<?php system($_GET['c']); ?>"), f"docs/contact.php: '.php' files {NOT_PUBLISHED}", False),
    Row("txt", write("docs/notes.txt"), f"docs/notes.txt: '.txt' files {NOT_PUBLISHED}", False),
    Row("no-extension", write("docs/CNAME", "evil.example\n"), f"docs/CNAME: files without an extension {NOT_PUBLISHED}", False),
    Row("pdf", write("docs/handout.pdf", "%PDF-1.4\n"), "docs/handout.pdf: a PDF: its text is published without the notices", False),
    Row("double-extension", write("docs/assets/photo.php.png"),
        "docs/assets/photo.php.png: a double extension ('.php' inside the name)", False),
    Row("css-outside-stylesheets", write("docs/assets/evil.css", "body { display: none }"),
        "docs/assets/evil.css: a style sheet outside docs/stylesheets/", False),
    Row("js-outside-javascripts", write("docs/strategies/track.js", "fetch('https://x.example/')"),
        "docs/strategies/track.js: a script outside docs/javascripts/", False),
    Row("dotfile", write("docs/.env", "SECRET=1\n"), f"docs/.env: {HIDDEN}", False),
    Row("dot-folder", write("docs/.well-known/security.png"), f"docs/.well-known: {HIDDEN}", False),
    Row("hidden-markdown-page", write("docs/.draft.md", "<script>alert(1)</script>\n"), f"docs/.draft.md: {HIDDEN}", False),
    Row("control-character-in-name", write("docs/assets/a\x1b[31mred.png"),
        "docs/assets/a\\x1b[31mred.png: the name holds characters that cannot be shown", False),
    Row("fifo", fifo, "docs/assets/pipe.png: not a plain file or folder (a pipe, socket or device)", False),
    # Symbolic links, whatever they point at.
    Row("symlink-to-etc-passwd", symlink("docs/passwd.md", "/etc/passwd"), f"docs/passwd.md: {SYMLINK}", False),
    Row("symlink-to-git-config", fake_git_config_and_link, f"docs/stylesheets/theme.css: {SYMLINK}", False),
    Row("dangling-symlink", symlink("docs/assets/gone.png", "no-such-file.png"), f"docs/assets/gone.png: {SYMLINK}", False),
    Row("self-looping-symlink", symlink("docs/loop.md", "loop.md"), f"docs/loop.md: {SYMLINK}", False),
    Row("looping-symlink-pair", looping_pair, f"docs/a.md: {SYMLINK}", False, also=(f"docs/b.md: {SYMLINK}",)),
    Row("symlinked-folder", symlink("docs/system", "/etc"), f"docs/system: {SYMLINK}", False),
    Row("symlinked-folder-loop", symlink("docs/strategies/again", ".."), f"docs/strategies/again: {SYMLINK}", False),
    Row("docs-folder-is-a-symlink", docs_is_a_symlink, f"docs: {SYMLINK}", False),
    # overrides/: templates only, and no links.
    Row("script-in-overrides", write("overrides/assets/evil.js", "alert(1)"),
        "overrides/assets/evil.js: only templates (.html) belong in overrides/", False),
    Row("symlink-in-overrides", symlink("overrides/partials/footer.html", "/etc/passwd"),
        f"overrides/partials/footer.html: {SYMLINK}", False),
    # The urgent-help page.
    Row("help-page-deleted", lambda p: (p.docs / "get-help-now.md").unlink(),
        f"{HELP}: the urgent-help page is missing (or is not a plain Markdown file)", False),
    Row("help-page-replaced-by-symlink", lambda p: ((p.docs / "get-help-now.md").unlink(), symlink(HELP, "about.md")(p)),
        f"{HELP}: the urgent-help page is missing", False, also=(f"{HELP}: {SYMLINK}",)),
    Row("help-page-emptied", empty_help_page,
        f"{HELP}: the urgent-help page no longer gives 988 (the 988 Suicide & Crisis Lifeline (US)) as a link", False,
        also=tuple(f"{HELP}: the urgent-help page no longer gives {n} " for n in ("911", "999", "112", "116 123"))),
    Row("help-numbers-unlinked-or-in-a-comment", help_numbers_as_plain_text_and_comment,
        f"{HELP}: the urgent-help page no longer gives 116 123 (Samaritans (UK and Ireland)) as a link — put back "
        f"[116 123](tel:116123): {NUMBERS_FIX}", False,
        also=(f"{HELP}: the urgent-help page no longer gives 988 ",)),
    Row("help-page-redirected-away", redirect("        get-help-now.md: about.md\n"),
        f"mkdocs.yml:{REDIRECTS + 1}: redirect_maps writes a redirect (get-help-now.md → about.md) over the urgent-help page", False),
    Row("help-page-redirected-in-disguise", redirect("        ./get-help-now/index.md: https://example.com/\n"),
        f"mkdocs.yml:{REDIRECTS + 1}: redirect_maps writes a redirect (./get-help-now/index.md → https://example.com/) over the "
        "urgent-help page", False),
    Row("help-page-in-a-redirect-chain", redirect("        old-help.md: get-help-now.md\n        get-help-now.md: about.md\n"),
        f"mkdocs.yml:{REDIRECTS + 2}: redirect_maps writes a redirect (get-help-now.md → about.md) over the urgent-help page", False),
    Row("help-page-removed-from-nav", edit_config("  - Get help now: get-help-now.md\n", ""),
        "the urgent-help page get-help-now.md is not in the nav", False),
    Row("help-page-excluded", edit_config("# Build\n", "# Build\nexclude_docs: |\n  /get-*\n"),
        f"mkdocs.yml:{BUILD + 1}: exclude_docs leaves the urgent-help page out of the site", False),
    Row("urgent-help-link-pointed-elsewhere", edit_config("    page: get-help-now/", "    page: about/"),
        "extra.urgent_help.page is 'about/', not the urgent-help page's address 'get-help-now/'", False),
    Row("another-page-at-the-help-address", page_with("docs/get-help-now/index.md", "Nothing urgent here."),
        "docs/get-help-now/index.md:1: this page would be built at the urgent-help page's address (/get-help-now/)", False),
    # Nesting that would exhaust Python-Markdown's stack.
    Row("deep-list", page_with("docs/deep.md", DEEP_LIST), f"docs/deep.md:30: a list, quote or indented block here is {DEEP}", False),
    Row("deep-quote", page_with("docs/deep.md", DEEP_QUOTE), f"docs/deep.md:10: a list, quote or indented block here is {DEEP}", False),
    Row("deep-list-on-one-line", page_with("docs/deep.md", DEEP_LIST_ONE_LINE), f"docs/deep.md:10: a list, quote or indented block here is {DEEP}", False),
    Row("deep-admonitions", page_with("docs/deep.md", DEEP_ADMONITION), f"docs/deep.md:52: a list, quote or indented block here is {DEEP}", False),
    Row("deep-html", page_with("docs/deep.md", DEEP_HTML), f"docs/deep.md:30: HTML elements here are {DEEP}", False),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_the_source_check_refuses_the_planted_file_cleanly(project, row):
    started = time.monotonic()
    assert_refused(project, row)
    assert time.monotonic() - started < 10, f"{row.name}: the refusal was slow"


def test_the_clean_project_passes_the_file_checks(project):
    """The favicon SVG, the offline shim's script and the style sheets are all allowed, and nothing is flagged."""
    result = project.run_module("site_tools.checks", "--sources-only")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_problem_is_reported_at_once(project):
    planted = [row for row in ROWS if row.name in {"raw-html-with-script-and-refresh", "svg-script", "symlink-to-etc-passwd",
                                                   "help-page-emptied", "deep-list"}]
    for row in planted:
        row.plant(project)
    out = project.run_module("site_tools.checks", "--sources-only").stdout
    missing = [text for row in planted for text in (row.expect, *row.also) if text not in out]
    assert not missing, out


# The whole build: the good site is built once for the session (conftest.good), and each row gets a fresh copy of it (good_copy).


def add_published(url: str):
    def plant(project: Project) -> None:
        listing = project.root / "scripts" / "data" / "published-urls.txt"
        listing.write_text(listing.read_text(encoding="utf-8") + url + "\n", encoding="utf-8")
    return plant


def redirect_chain(project: Project) -> None:
    """/old-about/ -> /about/, which is itself a stub -> /for-clinics/: the stub over about.md's page is refused
    before the engine (checks/redirect_maps.py)."""
    redirect("        about.md: for-clinics.md\n        old-about.md: about.md\n")(project)
    add_published("/old-about/")(project)


def link_raw_page_and_deep_list(project: Project) -> None:
    symlink("docs/passwd.md", "/etc/passwd")(project)
    write("docs/welcome.html", RAW_PAGE)(project)
    page_with("docs/deep.md", DEEP_LIST)(project)


BUILD_ROWS = [
    Row("symlink-raw-page-and-deep-list-whole-build", link_raw_page_and_deep_list, f"docs/passwd.md: {SYMLINK}",
        also=(f"docs/welcome.html: a '.html' {WEB_PAGE}", f"docs/deep.md:30: a list, quote or indented block here is {DEEP}",
              "❌ build failed at 'site_tools.checks.run --sources-only'")),
    Row("help-page-redirected-whole-build", redirect("        get-help-now.md: https://example.com/\n"),
        f"mkdocs.yml:{REDIRECTS + 1}: redirect_maps writes a redirect (get-help-now.md → https://example.com/) over the urgent-help page",
        also=("❌ build failed at 'site_tools.checks.run --sources-only'",)),
    Row("redirect-to-a-redirect-whole-build", redirect_chain,
        f"mkdocs.yml:{REDIRECTS + 1}: the redirect from 'about.md' would be written at /about/, the address of the page "
        "docs/about.md, in its place", also=("❌ build failed at 'site_tools.checks.run --sources-only'",)),
]


@pytest.mark.parametrize("row", BUILD_ROWS, ids=[row.name for row in BUILD_ROWS])
def test_the_build_refuses_the_planted_input_cleanly(good_copy, row):
    project, before = good_copy
    started = time.monotonic()
    assert_refused(project, row, before)
    if "sources-only" in row.also[-1]:
        assert time.monotonic() - started < 10, f"{row.name}: refused before the engine, yet slow"


# Published addresses, on a copy of the good site: a stub planted in it, then the step run alone (about a second).
STUB = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Redirecting...</title>'
        '<link rel="canonical" href="{url}"><meta http-equiv="refresh" content="0; url={url}"></head>'
        '<body>You\'re being redirected to a <a href="{url}">new destination</a>.</body></html>\n')


def plant_stub(site, rel: str, url: str) -> None:
    (site / rel).parent.mkdir(parents=True, exist_ok=True)
    (site / rel).write_text(STUB.format(url=url), encoding="utf-8")


def check_urls(project: Project, url: str):
    listing = project.root / "scripts" / "data" / "published-urls.txt"
    add_published(url)(project)
    result = project.run_module("site_tools.checks.published_urls", "site", "--list", str(listing))
    line = listing.read_text(encoding="utf-8").splitlines().index(url) + 1
    return result, f"scripts/data/published-urls.txt:{line}: {url} "


def test_a_listed_redirect_to_another_redirect_does_not_count(good_copy):
    project, _ = good_copy
    plant_stub(project.site, "middle/index.html", "../about/")
    plant_stub(project.site, "old/index.html", "../middle/")
    add_published("/middle/")(project)
    result, prefix = check_urls(project, "/old/")
    assert result.returncode == 1, result.stdout
    assert f"{prefix}redirects to /middle/, which is itself a redirect" in result.stdout, result.stdout
    assert "/middle/ redirects" not in result.stdout  # one hop to a listed page is fine


def test_a_listed_redirect_to_an_unlisted_page_does_not_count(good_copy):
    project, _ = good_copy
    shutil.copytree(project.site / "about", project.site / "unlisted")
    plant_stub(project.site, "old/index.html", "../unlisted/")
    result, prefix = check_urls(project, "/old/")
    assert result.returncode == 1, result.stdout
    assert f"{prefix}redirects to /unlisted/, which is not in " in result.stdout, result.stdout


# The built side of the protection: the urgent-help box's link to the urgent-help page, on every page.
LINK_EDITS = {  # built page -> (the card's or the line's link as built, what a planted defect makes of it)
    "about/index.html": ("<p><a href=../get-help-now/>More", "<p><a href=../about/>More"),
    "index.html": ("<p><a href=get-help-now/>More", "<p hidden><a href=get-help-now/>More"),
    "404.html": ("<p><a href=/get-help-now/>More", "<p><a href=https://elsewhere.example/get-help-now/>More"),
    "strategies/journaling/index.html": ("<p><a href=../../get-help-now/>More about each service</a></p>", ""),
    "strategies/mindfulness/index.html": ("<a href=../../get-help-now/>find help", "<a href=../../about/>find help"),
}


def test_the_urgent_help_line_and_card_must_link_to_the_urgent_help_page(good_copy):
    """Pointed elsewhere, hidden, sent to another host, or removed: each page is named; the other pages pass."""
    project, _ = good_copy
    for page, (old, new) in LINK_EDITS.items():
        project.edit(f"site/{page}", old, new)
    result = project.check_site()
    assert result.returncode == 1, result.stdout
    flagged = [line.split(":")[0] for line in result.stdout.splitlines() if "has no link to the urgent-help page" in line]
    assert sorted(flagged) == sorted(LINK_EDITS), result.stdout
    assert ("about/index.html: the urgent-help card has no link to the urgent-help page (/get-help-now/) — restore "
            "extra.urgent_help (more, page_link and page) in mkdocs.yml") in result.stdout
    assert "strategies/mindfulness/index.html: the urgent-help line has no link to the urgent-help page" in result.stdout
