"""Every page is in the nav, and every internal link and anchor in page content resolves on the built site.

MkDocs' own validation does this in strict mode, but Zensical honours only part of it, so it is re-checked here.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from lxml import etree

from site_tools.built_pages import BuiltPage, Context, Place, load_page
from site_tools.findings import Finding

CHECK_NAV = "nav"
CHECK_LINKS = "links"
HREFS = etree.XPath(".//a/@href", smart_strings=False)  # compiled once; plain strings are cheaper
LINKS = etree.XPath(".//a[@href]")  # the elements of HREFS, in the same order
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def nav_files(nav) -> list[str]:
    """Every Markdown file the nav lists, in order (external links and section titles are skipped)."""
    found: list[str] = []
    if isinstance(nav, str):
        if not EXTERNAL.match(nav) and nav.endswith(".md"):
            found.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            found += nav_files(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            found += nav_files(value)
    return found


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
    nth: int  # its place among the page's links (HREFS)
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
        self.ids: dict[str, set[str]] = {}
        self.links: list[_Link] = []
        self._resolved: dict[tuple[str, str], str | None] = {}

    def _resolve(self, folder: str, path: str) -> str | None:
        """The built file a link from a page in folder points to. Every page has a folder of its own, so a link
        such as '../../x/' is cached by what is left of the folder after its '../' steps, which pages share."""
        ups = 0
        while path.startswith("../", ups * 3):
            ups += 1
        depth = folder.count("/") + 1 if folder else 0
        if 0 < ups <= depth:  # (a link that leaves the site keeps its full path, which finds that out)
            folder, path = folder.rsplit("/", ups)[0] if ups < depth else "", path[ups * 3:]
        key = (folder, path)
        if key not in self._resolved:
            path = unquote(path)
            if path.startswith("/"):
                joined = path[len(self.base):] if path.startswith(self.base) else None
            else:
                joined = posixpath.join(folder, path)
            target = None
            if joined is not None:
                clean = posixpath.normpath(joined) if joined not in ("", ".") else "."
                if not clean.startswith(".."):
                    for guess in (clean, posixpath.join(clean, "index.html")):
                        guess = guess[2:] if guess.startswith("./") else guess
                        if guess in self.files:
                            target = guess
                            break
            self._resolved[key] = target
        return self._resolved[key]

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
        for nth, href in enumerate(HREFS(self.scope(page))):  # strings only: no element objects to make
            href = href.strip()  # as browsers do
            if self.site_url != "/" and href.startswith(self.site_url):
                href = self.base + href[len(self.site_url):]
            if (":" in href or href.startswith("//")) and EXTERNAL.match(href):
                continue  # (the regex needs a ':' or a leading '//', so most relative links skip it)
            path, _, fragment = href.partition("#")
            path = path.partition("?")[0]
            target = page.rel if not path else self._resolve(folder, path)
            fragment = unquote(fragment)
            if target == page.rel and fragment in ids:
                continue  # an anchor on this page, which is there
            if target is None or fragment:
                self.links.append(_Link(page.rel, nth, href, target, fragment))

    def merge(self, ids: dict[str, set[str]], links: list[_Link]) -> None:
        """Take in what another LinkIndex collected (from another process, scripts/site_tools/checks/run.py)."""
        self.ids.update(ids)
        self.links += links

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
