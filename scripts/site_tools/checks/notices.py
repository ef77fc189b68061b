"""Every built page carries the urgent-help box, the affiliate notice and the medical disclaimer."""

from __future__ import annotations

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


def check_page_notices(page: BuiltPage, notices: Notices) -> list[Finding]:
    """The notices on one built page. The article is read when a reader can reach it (the sidebars hold no
    notices), else the whole page."""
    scope = page.root if page.root is not None else etree.Element("html")  # an empty file has no root
    if page.article is not None and not any(a.tag in SKIP_TAGS or is_hidden(a) for a in page.article.iterancestors()):
        scope = page.article
    return [from_message(page.rel, None, message, "notices") for message in check_notices(readable_text(scope), notices)]
