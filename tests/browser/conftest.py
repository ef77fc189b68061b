"""Fixtures for the browser tests: the built site served on 127.0.0.1 and one report per page view.

One Chromium (the session `browser` fixture) serves every test. Each page is loaded once per
width and palette; all screen checks run on that one load and their problems are cached, so
each test only reads its own check's result.
"""

from __future__ import annotations

from typing import Callable

import pytest
from site_tools.serving.static_server import serve

from . import page_checks as checks


def page_label(path: str) -> str:
    """A short test id for a URL path: 'home', 'strategies/journaling', '404'."""
    if path == checks.NOT_FOUND_PATH:
        return "404"
    return path.strip("/") or "home"


@pytest.fixture(scope="session")
def site_url(shipped_site):
    """The site exactly as `make build` ships it (QR codes and all), served on 127.0.0.1."""
    with serve(shipped_site) as base:
        yield base


class ScreenReports:
    """Loads each (path, width, palette) once, runs every check on it, and remembers the problems."""

    def __init__(self, browser, base: str):
        self.browser, self.base = browser, base
        self.contexts: dict[tuple[int, str], object] = {}
        self.reports: dict[tuple[str, int, str], dict[str, list[str]]] = {}

    def context(self, width: int, palette: str):
        if (width, palette) not in self.contexts:
            self.contexts[(width, palette)] = checks.new_context(self.browser, self.base, width, palette)
        return self.contexts[(width, palette)]

    def __call__(self, path: str, width: int, palette: str) -> dict[str, list[str]]:
        key = (path, width, palette)
        if key not in self.reports:
            self.reports[key] = self.check(*key)
        return self.reports[key]

    def check(self, path: str, width: int, palette: str) -> dict[str, list[str]]:
        visit = checks.visit(self.context(width, palette), self.base, path)
        page = visit.page
        try:
            report = {
                "skip link": checks.skip_link_problems(page),
                "palette": checks.palette_problems(page, palette),
                "axe": checks.axe_problems(page),
                "notices": checks.notice_problems(page),
            }
            if width == min(checks.WIDTHS) and palette == "light":
                page.set_viewport_size({"width": checks.REFLOW_WIDTH, "height": 800})
                report["reflow"] = checks.reflow_problems(page)
            if width == max(checks.WIDTHS):  # a clinic may print from either palette
                report["print"] = checks.print_problems(page)
            if width == max(checks.WIDTHS) and palette == "light":
                report["pdf"] = checks.pdf_problems(page)
            checks.settle(visit)
            report["privacy"] = checks.privacy_problems(visit)
            report["errors"] = checks.error_problems(visit)
            return report
        finally:
            visit.close()

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="session")
def screen(browser, site_url) -> Callable[[str, int, str], dict[str, list[str]]]:
    reports = ScreenReports(browser, site_url)
    yield reports
    reports.close()


def assert_no_problems(problems: list[str], where: str) -> None:
    assert not problems, f"{where}:\n  " + "\n  ".join(problems)
