"""Each browser check fails on a real defect planted in a copy of the built site.

The plants go into the built HTML and CSS, and the tests call the same check functions as
test_every_page.py, so a passing suite means these exact checks found nothing.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from site_tools.serving.static_server import serve

from . import page_checks as checks

pytestmark = pytest.mark.browser


class PlantedSite:
    """A built site copy to plant defects in, and a way to open its pages in Chromium."""

    def __init__(self, site: Path, browser):
        self.site, self.browser = site, browser

    def append(self, rel: str, text: str) -> None:
        path = self.site / rel
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")

    def css(self, rule: str) -> None:
        self.append("stylesheets/extra.css", rule)

    def print_css(self, rule: str) -> None:
        self.append("stylesheets/print.css", rule)

    def html(self, old: str, new: str, page: str = "index.html") -> None:
        path = self.site / page
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {page}: the planted-defect test is out of date"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def into_content(self, snippet: str, page: str = "index.html") -> None:
        self.html("data-page-body>", "data-page-body>" + snippet, page)

    def script(self, body: str, page: str = "index.html") -> None:
        (self.site / "planted.js").write_text(body, encoding="utf-8")
        self.html("</body>", '<script src="/planted.js"></script></body>', page)

    @contextlib.contextmanager
    def open(self, path: str = "", width: int = 1280, palette: str = "light"):
        with serve(self.site) as base:
            context = checks.new_context(self.browser, base, width, palette)
            visit = checks.visit(context, base, path)
            try:
                yield visit
            finally:
                context.close()


@pytest.fixture
def planted(built_copy, browser) -> PlantedSite:
    return PlantedSite(built_copy.site, browser)


def assert_caught(problems: list[str], *fragments: str) -> None:
    assert problems, "the check found nothing, but a defect was planted"
    assert any(all(f in p for f in fragments) for p in problems), f"expected {fragments} in:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "rule, expected",
    [
        ("visibility: hidden", "has visibility:hidden"),
        ("opacity: 0", "is see-through"),
        ("display: none", "is rendered with no size"),
        ("position: absolute; left: -9999px", "sticks out of the"),
        ("position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0)", "is covered by"),
        ("color: transparent !important", "has transparent text"),
    ],
    ids=["visibility", "opacity", "display", "off-screen", "visually-hidden", "transparent-text"],
)
def test_a_notice_hidden_by_css_is_caught(planted, rule, expected):
    planted.css(f'[data-notice="disclaimer"] {{ {rule} }}')
    with planted.open() as visit:
        problems = checks.notice_problems(visit.page)
    assert_caught(problems, "the medical disclaimer", expected)


def test_a_notice_covered_by_another_element_is_caught(planted):
    planted.css('body::after { content: ""; position: fixed; inset: 0; background: #fff; z-index: 10; }')
    with planted.open(width=375) as visit:
        problems = checks.notice_problems(visit.page)
    assert_caught(problems, "the urgent-help box", "is covered by body")


@pytest.mark.parametrize("palette", checks.PALETTES)
def test_a_low_contrast_colour_is_caught_by_axe_and_the_notice_check(planted, palette):
    colour = "#b4b4b4" if palette == "light" else "#3a3a3a"
    planted.css(f".md-typeset .notice--affiliate {{ color: {colour} !important; }}")
    with planted.open(palette=palette) as visit:
        page_problems = checks.axe_problems(visit.page)
        notice_problems = checks.notice_problems(visit.page)
    assert_caught(page_problems, "axe color-contrast", "notice--affiliate")
    assert_caught(notice_problems, "notice text: axe color-contrast fails", "notice--affiliate")


def test_a_third_party_image_is_caught_and_never_fetched(planted):
    planted.into_content('<img src="https://tracker.example.com/pixel.gif" alt="">')
    with planted.open() as visit:
        checks.settle(visit)
        problems = checks.privacy_problems(visit)
    assert problems == ["request to another host: https://tracker.example.com/pixel.gif"
                        " — serve it from the site itself or remove it"]


def test_a_cookie_is_caught(planted):
    planted.script('document.cookie = "planted=1; path=/";')
    with planted.open() as visit:
        checks.settle(visit)
        problems = checks.privacy_problems(visit)
    assert_caught(problems, "cookie set: planted")


def test_a_console_error_is_caught(planted):
    planted.script('console.error("planted failure");')
    with planted.open() as visit:
        checks.settle(visit)
        problems = checks.error_problems(visit)
    assert_caught(problems, "console error: planted failure")


def test_a_missing_page_that_does_not_answer_404_is_caught(planted):
    (planted.site / "404.html").unlink()
    (planted.site / checks.NOT_FOUND_PATH).mkdir(parents=True)
    (planted.site / checks.NOT_FOUND_PATH / "index.html").write_text("<!doctype html><title>Oops</title>", encoding="utf-8")
    with planted.open(checks.NOT_FOUND_PATH) as visit:
        problems = checks.error_problems(visit)
    assert_caught(problems, "the page answered HTTP 200, not 404")


def test_an_uncaught_page_error_is_caught(planted):
    planted.script('throw new Error("planted crash");')
    with planted.open() as visit:
        checks.settle(visit)
        problems = checks.error_problems(visit)
    assert_caught(problems, "uncaught page error", "planted crash")


def test_a_wide_table_that_forces_horizontal_scrolling_is_caught(planted):
    planted.css(".planted-wide { width: 900px; }")
    planted.into_content('<table class="planted-wide"><tr><td>Wide</td><td>table</td></tr></table>')
    with planted.open(width=checks.REFLOW_WIDTH) as visit:
        problems = checks.reflow_problems(visit.page)
    assert_caught(problems, "the page scrolls sideways at 320 px")


def test_a_notice_hidden_in_print_is_caught_in_print_media_and_in_the_pdf(planted):
    planted.print_css(".md-typeset .notice--urgent-help { display: none !important; }")
    with planted.open() as visit:
        print_problems = checks.print_problems(visit.page)
        pdf_problems = checks.pdf_problems(visit.page)
    assert_caught(print_problems, "in print, the urgent-help box is rendered with no size")
    assert_caught(pdf_problems, "in the PDF, the urgent-help box is missing")


def test_a_low_contrast_colour_in_print_is_caught(planted):
    planted.print_css(".md-typeset .notice--disclaimer { color: #c0c0c0 !important; }")
    with planted.open() as visit:
        problems = checks.print_problems(visit.page)
    assert_caught(problems, "in print, axe color-contrast fails", "notice--disclaimer")


def test_site_chrome_shown_in_print_is_caught_in_print_media_and_in_the_pdf(planted):
    planted.print_css(".md-sidebar, .md-sidebar--primary { display: block !important; }")
    with planted.open("strategies/journaling/") as visit:
        print_problems = checks.print_problems(visit.page)
        pdf_problems = checks.pdf_problems(visit.page)
    assert_caught(print_problems, "in print, the navigation is shown")
    assert_caught(pdf_problems, "in the PDF, site chrome is printed")


def test_a_missing_skip_link_is_caught(planted):
    planted.html('class="md-skip"', 'class="md-skip" tabindex="-1"', "about/index.html")
    with planted.open("about/") as visit:
        problems = checks.skip_link_problems(visit.page)
    assert_caught(problems, "the first Tab reaches", "not a 'Skip to content' link")


def test_a_search_box_out_of_the_tab_order_is_caught(planted):
    planted.html('class="md-search__input"', 'class="md-search__input" tabindex="-1"')
    with planted.open(width=375) as visit:
        problems = checks.search_problems(visit.page, "journaling", "strategies/journaling/")
    assert_caught(problems, "the search box cannot be reached with Tab")


def test_a_palette_that_ignores_the_readers_setting_is_caught(planted):
    planted.html('data-md-color-media="(prefers-color-scheme: dark)"', 'data-md-color-media="(max-width: 1px)"')
    with planted.open(palette="dark") as visit:
        problems = checks.palette_problems(visit.page, "dark")
    assert_caught(problems, "the dark palette was asked for")
