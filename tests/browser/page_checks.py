"""What a reader really gets in Chromium: each check takes a loaded page and returns a list of problems.

The real suite (test_every_page.py) and the planted-defect tests (test_checks_catch_planted_defects.py)
call these same functions, so a check that passes the site is a check proven to fail on the defect.
Every problem reads "what is wrong — how to fix it".
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from site_tools.project import NODE_MODULES

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
TEXT_VISIBILITY_JS = (Path(__file__).parent / "js" / "text_visibility.js").read_text(encoding="utf-8")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (1280, 375)
REFLOW_WIDTH = 320
# Our palette names and the data-md-color-scheme Material sets for each.
PALETTES = {"light": "default", "dark": "slate"}
NOTICES = [
    ("the urgent-help box", '[data-notice="urgent-help"]'),
    ("the affiliate notice", '[data-notice="affiliate"]'),
    ("the medical disclaimer", '[data-notice="disclaimer"]'),
]
# What must print, and the site chrome that must not.
PRINTED = [("the page title", ".md-content h1"), ("the page content", "[data-page-body]"), *NOTICES]
CHROME = [
    ("the header", ".md-header"),
    ("the navigation", ".md-sidebar--primary"),
    ("the table of contents", ".md-sidebar--secondary"),
    ("the search", ".md-search"),
    ("the footer navigation", ".md-footer"),
    ("the skip link", ".md-skip"),
    ("the back-to-top button", ".md-top"),
]
SKIP_TEXT = "Skip to content"
NOT_FOUND_PATH = "no-such-page/at/all/"


# ---------------------------------------------------------------------------------------------
# Pages and visits


def page_paths(site: Path) -> list[str]:
    """Every page in a built site as a URL path; the 404 page as a missing path that serves it."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if 'http-equiv="refresh"' in html.read_text(encoding="utf-8")[:2000]:
            continue  # a redirect stub (mkdocs-redirects), not a page
        if rel == "404.html":
            paths.append(NOT_FOUND_PATH)
        elif rel == "index.html" or rel.endswith("/index.html"):
            paths.append(rel[: -len("index.html")])
        else:
            paths.append(rel)
    return sorted(paths)


def docs_page_paths(docs: Path) -> list[str]:
    """The same list from the Markdown sources, for naming tests before anything is built."""
    paths = []
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).with_suffix("").as_posix()
        paths.append("" if rel == "index" else rel[: -len("index")] if rel.endswith("/index") else rel + "/")
    return sorted(paths + [NOT_FOUND_PATH])


def new_context(browser, base: str, width: int, palette: str = "light", height: int = 800):
    """A browser context at one width and palette. Requests to any other host are counted, then aborted."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme="dark" if palette == "dark" else "light"
    )
    local = urlsplit(base).netloc
    context.route(lambda url: urlsplit(url).netloc != local, lambda route: route.abort("blockedbyclient"))
    return context


@dataclass
class Visit:
    """One page loaded in Chromium, with everything it did on the way."""

    page: object
    base: str
    url: str
    status: int | None = None
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.page.close()


def visit(context, base: str, path: str) -> Visit:
    """Open base + path in a new tab, recording every request, console error and uncaught error."""
    page = context.new_page()
    record = Visit(page=page, base=base, url=base + path)
    page.on("request", lambda request: record.requests.append(request.url))
    page.on(
        "console",
        lambda msg: record.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")
        if msg.type == "error"
        else None,
    )
    page.on("pageerror", lambda error: record.page_errors.append(str(error)))
    response = page.goto(record.url, wait_until="load")
    record.status = response.status if response else None
    return record


def settle(visit_: Visit) -> None:
    """Wait until the page has made every request it is going to make."""
    visit_.page.wait_for_load_state("networkidle")


# ---------------------------------------------------------------------------------------------
# Checks on the screen


@functools.cache
def _axe_source() -> str:
    if not AXE_JS.exists():
        raise RuntimeError(f"axe-core is not installed at {AXE_JS} — run 'make node'")
    return AXE_JS.read_text(encoding="utf-8") + "\n;0"


def _run_axe(page, context, rules: list[str] | None, result_types: list[str]) -> dict:
    if not page.evaluate("typeof window.axe === 'object'"):
        # Runtime.evaluate is not bound by the page's Content-Security-Policy, unlike a <script> tag.
        page.evaluate(_axe_source())
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    return page.evaluate(
        "([context, options]) => axe.run(context || document, options)",
        [context, {"runOnly": run_only, "resultTypes": result_types}],
    )


def _axe_lines(items: list[dict], verdict: str, fix: str, limit: int = 5) -> list[str]:
    problems = []
    for item in items:
        for node in item["nodes"][:limit]:
            summary = " ".join(node.get("failureSummary", "").split())
            problems.append(f"axe {item['id']} {verdict} at {' '.join(map(str, node['target']))}: {summary} — {fix}")
        if len(item["nodes"]) > limit:
            problems.append(f"axe {item['id']}: {len(item['nodes']) - limit} more elements")
    return problems


def axe_problems(page) -> list[str]:
    """axe-core's violations of WCAG 2.0, 2.1 and 2.2 A and AA, on the whole page, nothing excluded."""
    results = _run_axe(page, None, None, ["violations"])
    return [
        line for v in results["violations"]
        for line in _axe_lines([v], "fails", f"fix the theme (docs/stylesheets/extra.css or overrides/), see {v['helpUrl']}")
    ]


def visibility_problems(page, targets: list[tuple[str, str]]) -> list[str]:
    """Each target is rendered, inside the viewport's width, uncovered, opaque and not hidden."""
    return [
        f"{problem} — make it plainly visible (docs/stylesheets/extra.css)"
        for problem in page.evaluate(TEXT_VISIBILITY_JS, [list(t) for t in targets])
    ]


def notice_problems(page) -> list[str]:
    """The notices are really visible, and axe confirms their text passes colour contrast."""
    problems = visibility_problems(page, NOTICES)
    present = [[selector] for _, selector in NOTICES if page.query_selector(selector)]
    if present:
        results = _run_axe(page, {"include": present}, ["color-contrast"], ["violations", "incomplete"])
        problems += _axe_lines(results["violations"], "fails", "use darker or lighter colours in docs/stylesheets/extra.css")
        problems += _axe_lines(results["incomplete"], "could not be confirmed", "give the notice text a plain, solid background")
    return [problem if problem.startswith("the ") else f"notice text: {problem}" for problem in problems]


def palette_problems(page, palette: str) -> list[str]:
    """Material applied the palette the reader's system asks for."""
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if scheme != PALETTES[palette]:
        return [f"the {palette} palette was asked for but the page shows '{scheme}' — check theme.palette in mkdocs.yml"]
    return []


def privacy_problems(visit_: Visit) -> list[str]:
    """No request to any host but the local server, and no cookies."""
    local = urlsplit(visit_.base).netloc
    problems = [
        f"request to another host: {url} — serve it from the site itself or remove it"
        for url in dict.fromkeys(visit_.requests)
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != local
    ]
    problems += [
        f"cookie set: {cookie['name']} on {cookie['domain']} — the site must not set cookies"
        for cookie in visit_.page.context.cookies()
    ]
    return problems


def error_problems(visit_: Visit) -> list[str]:
    """The page answers 200 (the 404 page: 404), with no console errors and no uncaught exceptions.

    The one message allowed: on the 404 page, Chromium notes that the document answered 404,
    which is exactly what a missing page must answer.
    """
    expected = 404 if visit_.url.endswith(NOT_FOUND_PATH) else 200
    problems = [] if visit_.status == expected else [
        f"the page answered HTTP {visit_.status}, not {expected} — check the built file and the server"
    ]
    for message in visit_.console_errors:
        if visit_.url.endswith(NOT_FOUND_PATH) and visit_.status == 404 and message.endswith(f"({visit_.url})") \
                and "status of 404" in message:
            continue
        problems.append(f"console error: {message} — fix the script or the missing file")
    problems += [f"uncaught page error: {error} — fix the script" for error in visit_.page_errors]
    return problems


def skip_link_problems(page) -> list[str]:
    """The first Tab reaches a visible "Skip to content" link that leads into the content."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0) }")
    page.keyboard.press("Tab")
    found = page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el || el === document.body) return {tag: null};
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          const href = el.getAttribute('href') || '';
          const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
          return {tag: el.tagName.toLowerCase(), text: el.innerText.trim(), href,
                  shown: r.width > 0 && r.height > 0 && r.right <= innerWidth && !!hit && el.contains(hit),
                  target: !!target, inContent: !!target && !!target.closest('.md-content')};
        }"""
    )
    page.keyboard.press("Shift+Tab")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    fix = "— every page needs a skip link as its first focusable element (overrides/main.html)"
    if found["tag"] != "a" or found["text"] != SKIP_TEXT:
        return [f"the first Tab reaches {found['tag'] or 'nothing'} {found.get('text', '')!r}, not a '{SKIP_TEXT}' link {fix}"]
    problems = []
    if not found["shown"]:
        problems.append("the skip link is not visible when it has focus — style .md-skip:focus so it shows")
    if not found["inContent"]:
        problems.append(f"the skip link points to {found['href']!r}, which is not in the page content {fix}")
    return problems


def search_problems(page, query: str, expected_path: str) -> list[str]:
    """Search opens from the keyboard, shows results, and Enter on a result opens that page."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0) }")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-search__input')"):
            break
    else:
        return ["the search box cannot be reached with Tab — keep .md-search__input in the tab order"]
    try:  # Material slides the search box in when it gets focus
        page.wait_for_function(
            """() => { const el = document.activeElement, r = el.getBoundingClientRect();
                       const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                       return r.width > 0 && r.height > 0 && !!hit && (el === hit || el.contains(hit)); }""",
            timeout=2000,
        )
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError; the problem says what happened
        return ["the search box has focus but is not visible — it must open when focused"]
    page.keyboard.type(query)
    try:
        page.wait_for_selector(".md-search-result__item", timeout=5000)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError; the problem says what happened
        return [f"typing {query!r} in search shows no results — check that the search plugin is enabled"]
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href') || ''")
    if expected_path not in focused:
        return [f"ArrowDown in search results focuses {focused!r}, not a link to {expected_path!r}"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if urlsplit(page.url).path.rstrip("/").split("/")[-1] != expected_path.rstrip("/").split("/")[-1]:
        return [f"Enter on the search result opened {page.url}, not {expected_path}"]
    return []


def reflow_problems(page) -> list[str]:
    """No horizontal scrolling at the page's width (WCAG 1.4.10, checked at 320 px)."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.body.scrollWidth]"
    )
    scroll, client, body = widths
    if max(scroll, body) > client:
        culprits = page.evaluate(
            """(client) => [...document.querySelectorAll('body *')]
                 .filter(e => e.getBoundingClientRect().right > client + 1 && e.children.length === 0)
                 .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''))""",
            client,
        )
        return [f"the page scrolls sideways at {client} px ({max(scroll, body)} px wide, widest: {', '.join(culprits)})"
                " — let wide content wrap or scroll inside its own box"]
    return []


# ---------------------------------------------------------------------------------------------
# Checks on paper


def chrome_shown(page) -> list[str]:
    """The chrome elements that are rendered with a size (used in print)."""
    return page.evaluate(
        """(chrome) => chrome.filter(([name, sel]) => [...document.querySelectorAll(sel)].some(el => {
             const r = el.getBoundingClientRect(), s = getComputedStyle(el);
             return r.width > 0 && r.height > 0 && s.visibility === 'visible' && parseFloat(s.opacity) > 0;
           })).map(([name, sel]) => name)""",
        [list(c) for c in CHROME],
    )


def print_problems(page) -> list[str]:
    """With print media emulated: title, content and notices visible and readable; chrome hidden."""
    page.emulate_media(media="print")
    try:
        problems = [f"in print, {p}" for p in visibility_problems(page, PRINTED)]
        present = [[selector] for _, selector in PRINTED if page.query_selector(selector)]
        contrast = _run_axe(page, {"include": present}, ["color-contrast"], ["violations"])["violations"]
        problems += [f"in print, {p}" for p in _axe_lines(contrast, "fails", "set print colours in docs/stylesheets/print.css")]
        problems += [
            f"in print, {name} is shown — hide it in docs/stylesheets/print.css" for name in chrome_shown(page)
        ]
        return problems
    finally:
        page.emulate_media(media=None)


def _words(text: str) -> str:
    """Text as lower-case words separated by single spaces, for comparing PDF text with the page."""
    # NFKC turns every typographic ligature a font may print (ﬁ, ﬂ, ﬀ, ﬃ, ...) back into its letters.
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return " " + " ".join(re.findall(r"[\w']+", text.lower().replace("\u2019", "'"))) + " "


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def pdf_problems(page) -> list[str]:
    """A real PDF from Chromium holds the title, all content text and the notices, and none of the chrome."""
    page.emulate_media(media="print")
    expected = page.evaluate(
        """(printed) => printed.map(([name, sel]) => {
             const el = document.querySelector(sel);
             if (!el) return [name, []];
             const blocks = [...el.querySelectorAll('h1, h2, h3, p, li')].filter(b => !b.querySelector('p, li'));
             return [name, (blocks.length ? blocks : [el]).filter(b => b.checkVisibility()).map(b => b.innerText)];
           })""",
        [list(p) for p in PRINTED],
    )
    article = _words(page.evaluate("document.querySelector('.md-content').innerText"))
    page.emulate_media(media=None)  # page.pdf() prints with print media unless screen is forced
    chrome = page.evaluate(
        """(skip) => [
             ...[...document.querySelectorAll('.md-sidebar--primary a, .md-footer a, .md-header a')]
                 .map(a => a.innerText.trim()),
             skip, document.querySelector('.md-search__input')?.getAttribute('placeholder') || 'Search',
           ].filter(Boolean)""",
        SKIP_TEXT,
    )
    text = _words(pdf_text(page.pdf(format="A4")))
    problems = []
    for name, blocks in expected:
        missing = [b for b in blocks if _words(b).strip() and _words(b) not in text]
        if not blocks:
            problems.append(f"in the PDF, {name} is missing from the page — check overrides/partials/notices.html")
        elif missing:
            problems.append(
                f"in the PDF, {name} is missing {len(missing)} of {len(blocks)} parts, first: {missing[0][:60]!r}"
                " — check docs/stylesheets/print.css"
            )
    for phrase in dict.fromkeys(chrome):
        words = _words(phrase)
        if len(words.split()) >= 2 and words not in article and words in text:
            problems.append(f"in the PDF, site chrome is printed: {phrase!r} — hide it in docs/stylesheets/print.css")
    return problems
