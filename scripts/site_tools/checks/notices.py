"""Every built page carries the urgent-help box (with its link to the urgent-help page), the affiliate notice and
the medical disclaimer."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml import etree

from site_tools.built_pages import BuiltPage
from site_tools.findings import Finding, from_message
from site_tools.project import Notices
from site_tools.readable_text import SKIP_TAGS, ReadableText, is_hidden, readable_text

FIX_PARTIAL = (
    "make sure the page's template extends main.html, which wraps the content in "
    "overrides/partials/notices.html"
)


def check_notices(page: ReadableText, notices: Notices) -> list[str]:
    """Problems with one page's notices, each as 'what is missing, and how to fix it'."""
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
    missing_help = [line for line in notices.urgent_help if line not in text]
    if missing_help:
        problems.append(
            f"the urgent-help box is missing or altered (no \"{missing_help[0]}\") — "
            f"restore extra.urgent_help in mkdocs.yml and {FIX_PARTIAL}"
        )
    body_at = page.h1_at if page.h1_at is not None else page.body_at
    if affiliate_at >= 0:
        if body_at is None:
            problems.append(
                "the article body cannot be found (no <h1>) — give the page a '# Title' heading"
            )
        elif affiliate_at > body_at:
            problems.append(
                "the affiliate notice comes after the start of the article body — "
                "the FTC wants it before any affiliate link: keep it above {{ caller() }} "
                "in overrides/partials/notices.html"
            )
    return problems


def links_to_help_page(scope: etree._Element, rel: str, notices: Notices) -> bool:
    """True when a link a reader can reach, inside the urgent-help box, leads to the urgent-help page (in the
    directory form or, in the offline copy, the .html form)."""
    want = urlsplit(notices.urgent_help_url)
    for box in scope.iterfind(".//*[@data-notice='urgent-help']"):
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
    problems = check_notices(text, notices)
    box_there = all(line in text.text for line in notices.urgent_help)  # else check_notices said so already
    if box_there and not links_to_help_page(scope, page.rel, notices):
        problems.append(
            f"the urgent-help box has no link to the urgent-help page ({urlsplit(notices.urgent_help_url).path}) — "
            f"restore extra.urgent_help.more and extra.urgent_help.page in mkdocs.yml and {FIX_PARTIAL}"
        )
    return [from_message(page.rel, None, message, "notices") for message in problems]
