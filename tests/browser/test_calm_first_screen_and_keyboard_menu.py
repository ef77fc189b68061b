"""A calm first screen, and a menu the keyboard can open, in Debian's Chromium.

- On a 375 x 740 phone, and at 1280 px, every page's title and its one urgent-help line are inside the first
  screen; the tiered urgent-help card follows the content, is visible, and prints.
- The navigation drawer opens and closes with the keyboard alone, and focus moves into it and back, at 375 px
  and at 1280 px zoomed to 400% (a 320 px wide layout viewport) (WCAG 2.1.1).
"""

from __future__ import annotations

import shutil

import pytest
from site_tools.serving.static_server import serve

from . import page_checks as checks

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
ZOOMED = {"width": 320, "height": 200}  # 1280 x 800 at 400% zoom

# Where the title and the help line are: a box inside the first screen, and visible.
FIRST_SCREEN = """() => {
  const box = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return {top: r.top, bottom: r.bottom, shown: r.height > 0 && s.visibility === 'visible' && s.display !== 'none'};
  };
  return {h1: box('article h1'), line: box('[data-help-line]'), height: innerHeight};
}"""
CARD_SHOWN = """() => {
  const el = document.querySelector('[data-notice="urgent-help"]');
  if (!el) return false;
  el.scrollIntoView();
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  return r.height > 0 && s.visibility === 'visible' && s.display !== 'none';
}"""


def first_screen_problems(page, url: str, path: str, printed: bool = True) -> list[str]:
    """What is wrong with one page's first screen in `page` (a tab at the viewport to test); printed: also check
    that the card prints (the same at every width, so once is enough)."""
    page.emulate_media(media="screen")
    page.goto(url)
    seen = page.evaluate(FIRST_SCREEN)
    problems = []
    for name in ("h1", "line"):
        box = seen[name]
        if box is None or not box["shown"]:
            problems.append(f"{path}: no visible {name}")
        elif box["bottom"] > seen["height"]:
            problems.append(f"{path}: the {name} ends {round(box['bottom'])} px down, below the first screen "
                            f"({seen['height']} px)")
    if not page.evaluate(CARD_SHOWN):
        problems.append(f"{path}: the urgent-help card is not visible")
    if printed:
        page.emulate_media(media="print")
        if not page.evaluate(CARD_SHOWN):
            problems.append(f"{path}: the urgent-help card does not print")
    return problems


def content_paths(site) -> list[str]:
    return [path for path in checks.page_paths(site) if path != checks.NOT_FOUND_PATH]


def test_every_title_and_the_help_line_are_in_the_first_screen_and_the_card_follows(browser, site_url, shipped_site):
    problems = []
    for viewport in (PHONE, DESKTOP):
        page = browser.new_page(viewport=viewport)
        try:
            for path in content_paths(shipped_site):
                problems += first_screen_problems(page, site_url + path, path, printed=viewport is PHONE)
        finally:
            page.close()
    assert problems == []


def test_a_notice_above_the_title_that_pushes_it_off_the_first_screen_is_caught(browser, shipped_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    page_file = site / "strategies" / "journaling" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(html.replace("<h1", '<div style="height:700px">A long box</div><h1', 1), encoding="utf-8")
    with serve(site) as base:
        page = browser.new_page(viewport=PHONE)
        try:
            problems = first_screen_problems(page, base + "strategies/journaling/", "strategies/journaling/")
        finally:
            page.close()
    assert any("the h1 ends" in p and "below the first screen" in p for p in problems), problems


MENU_STATE = """() => {
  const toggle = document.getElementById('__drawer');
  const drawer = document.querySelector('.md-sidebar--primary');
  const el = document.activeElement;
  return {
    open: toggle.checked,
    drawerVisible: getComputedStyle(drawer).visibility === 'visible',
    focusInDrawer: drawer.contains(el),
    focusOnButton: !!(el && el.matches('.md-header button.keyboard-menu')),
  };
}"""


def tab_to_menu_button(page, limit: int = 15) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.matches('.md-header button.keyboard-menu')"):
            return True
    return False


@pytest.mark.parametrize("viewport", [PHONE, ZOOMED], ids=["375px", "1280px-at-400%"])
def test_the_menu_opens_and_closes_with_the_keyboard_alone(browser, site_url, viewport):
    page = browser.new_page(viewport=viewport)
    try:
        page.goto(site_url + "strategies/journaling/")
        assert tab_to_menu_button(page), "Tab never reaches the menu button"
        assert page.evaluate("() => document.activeElement.getAttribute('aria-expanded')") == "false"
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)  # the drawer slides in
        state = page.evaluate(MENU_STATE)
        assert state["open"] and state["drawerVisible"] and state["focusInDrawer"], state
        page.keyboard.press("Escape")
        page.wait_for_timeout(400)
        state = page.evaluate(MENU_STATE)
        assert not state["open"] and state["focusOnButton"], state
        page.keyboard.press(" ")  # Space opens it too
        page.wait_for_timeout(400)
        assert page.evaluate(MENU_STATE)["open"]
    finally:
        page.close()


def test_without_the_keyboard_script_the_menu_button_is_out_of_reach(browser, shipped_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    (site / "javascripts" / "keyboard-menu.js").write_text("", encoding="utf-8")
    (site / "javascripts" / "keyboard-menu.js.gz").unlink(missing_ok=True)
    with serve(site) as base:
        page = browser.new_page(viewport=PHONE)
        try:
            page.goto(base + "strategies/journaling/")
            assert not tab_to_menu_button(page)
        finally:
            page.close()
