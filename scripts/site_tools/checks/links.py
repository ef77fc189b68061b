"""Every page is in the nav, and every internal link and anchor in page content resolves on the built site.

MkDocs' own validation does this in strict mode, but Zensical honours only part of it, so it is re-checked here.
"""

from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from lxml import etree

from site_tools.built_pages import BuiltPage, Context, Place, load_page
from site_tools.findings import Finding
from site_tools.nav import nav_files
from site_tools.pages import EXTERNAL

CHECK_NAV = "nav"
CHECK_LINKS = "links"
LINKS = etree.XPath(".//a[@href]")


def check_nav(ctx: Context) -> list[Finding]:
    nav = ctx.config.get("nav")
    if nav is None:
        return []  # MkDocs then lists every page by itself
    listed = set(nav_files(nav))
    problems: list[Finding] = []
    known = {s.doc_rel for s in ctx.sources}
    for source in ctx.sources:
        if source.doc_rel not in listed:
            problems.append(Finding(
                source.rel, 1, "the page is not in the nav, so readers cannot find it",
                f"add a line such as '  - Page title: {source.doc_rel}' under nav: in {ctx.config_rel} "
                "('make page' does this for new pages)", CHECK_NAV,
            ))
    for entry in listed:
        if entry not in known:
            problems.append(Finding(
                ctx.config_rel, ctx.config_line(entry), f"the nav lists '{entry}', but there is no such page in docs/",
                "fix the path, or remove the entry", CHECK_NAV,
            ))
    return problems


@dataclass
class _Link:
    """A link to check once every page is read. It keeps no element, so each page's tree is freed at once:
    only a link that fails has its page read again, to name its line."""

    page: str  # the built page it is on
    nth: int  # its place among the page's links (LINKS)
    href: str
    target: str | None  # the built file it points to; None when nothing there
    fragment: str


class LinkIndex:
    """Collects each page's anchors and internal links, then resolves them all at the end."""

    def __init__(self, ctx: Context, files: list[str]) -> None:
        self.ctx = ctx
        self.files = set(files)
        self.base = urlsplit(ctx.config.get("site_url") or "/").path or "/"
        self.site_url = (ctx.config.get("site_url") or "").rstrip("/") + "/"
        self.ids: dict[str, set[str]] = {}  # built page -> the ids on it
        self.links: list[_Link] = []  # the links to resolve once every page is read

    def target(self, folder: str, path: str) -> str | None:
        """The built file that a link's path, on a page in folder, points to; None when there is none."""
        path = unquote(path)
        if path.startswith("/"):
            if not path.startswith(self.base):
                return None
            joined = path[len(self.base):]
        else:
            joined = posixpath.join(folder, path)
        clean = posixpath.normpath(joined) if joined not in ("", ".") else "."
        if clean.startswith(".."):
            return None  # above the site
        for guess in (clean, posixpath.join(clean, "index.html")):
            guess = guess.removeprefix("./")
            if guess in self.files:
                return guess
        return None

    @staticmethod
    def scope(page: BuiltPage) -> etree._Element:
        """Where the links checked on a page are: its article (the theme's own links are not the contributor's).
        Images such as the QR codes are written after the MkDocs build (scripts/site_tools/build/qr_codes.py)."""
        return page.article if page.article is not None else page.root

    def add_page(self, page: BuiltPage) -> None:
        if page.root is None:
            return
        ids = self.ids[page.rel] = page.ids
        folder = posixpath.dirname(page.rel)
        for nth, link in enumerate(LINKS(self.scope(page))):
            href = link.get("href").strip()  # as browsers do
            if self.site_url != "/" and href.startswith(self.site_url):
                href = self.base + href[len(self.site_url):]
            if EXTERNAL.match(href):
                continue
            path, _, fragment = href.partition("#")
            path = path.partition("?")[0]
            target = page.rel if not path else self.target(folder, path)
            fragment = unquote(fragment)
            if target == page.rel and fragment in ids:
                continue  # an anchor on this page, which is there
            if target is None or fragment:
                self.links.append(_Link(page.rel, nth, href, target, fragment))

    def _where(self, link: _Link, read: dict[str, BuiltPage]) -> tuple[Place, str]:
        """The place and text of a failing link, from its page read again (once per page)."""
        if link.page not in read:
            read[link.page] = load_page(self.ctx.site, link.page, self.ctx)
        page = read[link.page]
        el = LINKS(self.scope(page))[link.nth]
        return page.place(el), " ".join("".join(el.itertext()).split())[:40]

    def resolve(self) -> list[Finding]:
        problems: list[Finding] = []
        nth: dict[tuple[str, str], int] = {}
        read: dict[str, BuiltPage] = {}
        for link in self.links:
            ids = self.ids.get(link.target, set()) if link.target else set()
            if link.target is not None and (link.fragment in ids or link.fragment in ("", "top")):
                continue
            place, text = self._where(link, read)
            needles = ([f"#{link.fragment}"] if link.fragment else []) + [link.href, f"[{text}", f">{text}"]
            key = (place.page, needles[0])
            file, line = place.locate(self.ctx, *needles, nth=nth.get(key, 0))
            nth[key] = nth.get(key, 0) + 1
            if link.target is None:
                what = f"the link '{link.href}' points to a page or file that does not exist on the built site"
                fix = ("fix the path: link to the Markdown file, relative to this one, such as "
                       "'journaling.md' or '../about.md', and check the spelling")
            else:
                source = self.ctx.by_page.get(link.target)
                name = source.rel if source else link.target
                what = f"the link '{link.href}' points to the anchor '#{link.fragment}', which does not exist on {name}"
                guess = difflib.get_close_matches(link.fragment, sorted(i for i in ids if not i.startswith("__")), n=1)
                hint = f"did you mean '#{guess[0]}'? " if guess else ""
                fix = f"{hint}Anchors come from the target page's headings: copy one from its table of contents"
            problems.append(Finding(file, line, what, fix, CHECK_LINKS))
        return problems
