"""On a phone-width screen, every Tab stop is something the reader can see (WCAG 2.4.7 Focus Visible).

Material's closed menu drawer sits off screen; extra.css hides it, so Tab skips its links until it opens.
"""

from __future__ import annotations

import shutil

import pytest
from site_tools.serving.static_server import serve

pytestmark = pytest.mark.browser

TAB_STOPS = 12
# A zero-size input counts through its label: Material draws the focus ring of its palette toggle there.
FOCUS_IS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const seen = (e) => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth && s.visibility === 'visible';
  };
  const labels = [...(el.labels || []), el.nextElementSibling].filter((e) => e && e.tagName === 'LABEL');
  if (seen(el) || labels.some(seen)) return '';
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  return `${el.tagName.toLowerCase()} "${(el.textContent || el.value || el.placeholder || '').trim().slice(0, 40)}" at x=${Math.round(r.left)} ${Math.round(r.width)}x${Math.round(r.height)} ${s.visibility}`;
}"""


def invisible_focus_stops(browser, base: str, path: str) -> list[str]:
    """Press Tab TAB_STOPS times at 375 px wide; the focused elements a reader cannot see."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    try:
        page.goto(base + path)
        problems = []
        for _ in range(TAB_STOPS):
            page.keyboard.press("Tab")
            page.wait_for_timeout(300)  # what the reader sees once the theme's transitions (search opening) end
            problem = page.evaluate(FOCUS_IS_VISIBLE)
            if problem:
                problems.append(problem)
        return problems
    finally:
        page.close()


@pytest.mark.parametrize("path", ["", "strategies/journaling/", "get-help-now/"])
def test_every_tab_stop_at_phone_width_is_visible(browser, site_url, path):
    assert invisible_focus_stops(browser, site_url, path) == []


def test_an_off_screen_menu_drawer_in_the_tab_order_is_caught(browser, shipped_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    css = next(site.glob("stylesheets/extra.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n.md-sidebar--primary { visibility: visible !important }\n",
                   encoding="utf-8")
    with serve(site) as base:
        problems = invisible_focus_stops(browser, base, "strategies/journaling/")
    assert problems, "focus on the closed drawer's links went unnoticed"
    assert any('"Home"' in p or "x=-" in p for p in problems), problems
