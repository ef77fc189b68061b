"""Every built page carries the required notices, where readers need them:
- the urgent-help line above the page title (in the first screen), linking to the urgent-help page;
- the tiered urgent-help card after the content, linking to it too;
- the affiliate notice: before the page body when the page has a paid link (the FTC wants the disclosure before
  the first one; checks/affiliate_links.py checks each link comes after it), else after the content;
- the medical disclaimer.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml import etree

from site_tools.built_pages import BuiltPage
from site_tools.checks.affiliate_links import links_by_kind
from site_tools.findings import Finding, from_message
from site_tools.pages import url_path
from site_tools.project import Notices
from site_tools.readable_text import SKIP_TAGS, ReadableText, is_hidden, readable_text

FIX_PARTIAL = (
    "make sure the page's template extends main.html, which wraps the content in "
    "overrides/partials/notices.html"
)


def find_in_order(text: str, parts: tuple[str, ...]) -> tuple[int, str | None]:
    """Where the first of parts starts, when each follows the one before; else (-1, the first part missing)."""
    start, at = -1, 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return -1, part
        start = found if start < 0 else start
        at = found + len(part)
    return start, None


def check_notices(page: ReadableText, notices: Notices, paid: bool = False) -> list[str]:
    """Problems with one page's notices, each as 'what is missing, and how to fix it'. paid: the page has a
    paid link."""
    problems: list[str] = []
    text = page.text
    if notices.disclaimer not in text:
        problems.append(
            "the medical disclaimer is missing or altered, or a reader cannot reach it — "
            f"restore extra.notices.disclaimer in mkdocs.yml and {FIX_PARTIAL}"
        )
    affiliate_at = text.find(notices.affiliate)
    if affiliate_at < 0 or notices.amazon not in text:
        problems.append(
            "the affiliate notice is missing or altered, or a reader cannot reach it — "
            f"restore extra.notices.affiliate and extra.notices.amazon in mkdocs.yml and {FIX_PARTIAL}"
        )
    line_at, missing = find_in_order(text, notices.help_line)
    if missing:
        problems.append(
            f"the urgent-help line is missing or altered (no \"{missing}\") — "
            f"restore extra.urgent_help in mkdocs.yml and {FIX_PARTIAL}"
        )
    card_at, missing = find_in_order(text, notices.urgent_help)
    if missing:
        problems.append(
            f"the urgent-help card is missing or altered (no \"{missing}\") — "
            f"restore extra.urgent_help in mkdocs.yml and {FIX_PARTIAL}"
        )
    body_at = page.h1_at if page.h1_at is not None else page.body_at
    if body_at is None:
        if affiliate_at >= 0 or line_at >= 0:
            problems.append("the article body cannot be found (no <h1>) — give the page a '# Title' heading")
        return problems
    if line_at > body_at:
        problems.append(
            "the urgent-help line comes after the page title — keep it above the page body in "
            "overrides/partials/notices.html, so the first screen always shows where to get help"
        )
    if affiliate_at < 0:
        return problems
    if paid and affiliate_at > body_at:
        problems.append(
            "the affiliate notice comes after the start of the article body, and the page has a paid link — "
            "the FTC wants the disclosure before the first paid link: keep it above the page body "
            "in overrides/partials/notices.html"
        )
    last_at = text.rfind(notices.affiliate)  # a page may quote the notice (about.md): the notice is the last one
    if not paid and (last_at < body_at or (card_at >= 0 and last_at < card_at)):
        problems.append(
            "the affiliate notice comes before the page content, though the page has no paid link — "
            "keep it after the content, with the disclaimer (overrides/partials/notices.html), so the title "
            "comes first"
        )
    return problems


def links_to_help_page(scope: etree._Element, rel: str, notices: Notices, where: str) -> bool:
    """True when a link a reader can reach, inside the elements `where` finds (an XPath), leads to the
    urgent-help page (in the directory form or, in the offline copy, the .html form)."""
    want = urlsplit(notices.urgent_help_url)
    for box in scope.iterfind(where):
        for link in box.iter("a"):
            if is_hidden(link) or any(is_hidden(a) for a in link.iterancestors()):
                continue
            target = urlsplit(urljoin(urljoin(notices.site_url, rel), (link.get("href") or "").strip()))
            path = target.path.removesuffix("index.html")
            path = path[:-5] + "/" if path.endswith(".html") else path
            if (target.scheme, target.netloc, path) == (want.scheme, want.netloc, want.path):
                return True
    return False


def check_page_notices(page: BuiltPage, notices: Notices) -> list[Finding]:
    """The notices on one built page. The article is read when a reader can reach it (the sidebars hold no
    notices), else the whole page."""
    scope = page.root if page.root is not None else etree.Element("html")  # an empty file has no root
    if page.article is not None and not any(a.tag in SKIP_TAGS or is_hidden(a) for a in page.article.iterancestors()):
        scope = page.article
    text = readable_text(scope)
    # A paid link in the page body (as the template decides; one anywhere else is an error of its own, in
    # checks/affiliate_links.py), found as that check finds it, against the page's address.
    base = notices.site_url.rstrip("/") + url_path(page.rel)
    paid = page.body is not None and bool(links_by_kind(page.body, base)[0])
    problems = check_notices(text, notices, paid)
    help_path = urlsplit(notices.urgent_help_url).path
    for name, parts, where in (("line", notices.help_line, ".//*[@data-help-line]"),
                               ("card", notices.urgent_help, ".//*[@data-notice='urgent-help']")):
        there = find_in_order(text.text, parts)[1] is None  # else check_notices said so already
        if there and not links_to_help_page(scope, page.rel, notices, where):
            problems.append(
                f"the urgent-help {name} has no link to the urgent-help page ({help_path}) — "
                f"restore extra.urgent_help (more, page_link and page) in mkdocs.yml and {FIX_PARTIAL}"
            )
    return [from_message(page.rel, None, message, "notices") for message in problems]
