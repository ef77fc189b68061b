"""Every built page carries the urgent-help box, the affiliate notice and the medical disclaimer."""

from __future__ import annotations

from lxml import etree

from site_tools.built_pages import BuiltPage
from site_tools.findings import Finding, from_message
from site_tools.readable_text import GAP, SKIP_TAGS, ReadableText, is_hidden, readable_text
from site_tools.project import Notices

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


class NoticeCheck:
    """The notice check on built pages, for one run of the check.

    It reads the article when a reader can reach it (the sidebars hold no notices), else the whole page.
    The notices sit around the article content, so the article is first read without its content, which is
    most of its text. When every notice is there and the affiliate notice comes before the content, the full
    text has the same notices at the same places, so the page passes. Anything else is decided on the full text.
    That first reading depends only on the article's markup outside its content, which the notices partial
    makes the same on most pages, so pages with the same markup share the answer.
    """

    def __init__(self, notices: Notices) -> None:
        self.notices = notices
        self._around_content: dict[tuple, bool] = {}  # markup outside the content -> do the notices pass there?

    def findings(self, page: BuiltPage) -> list[Finding]:
        scope = page.root
        if page.article is not None and not any(a.tag in SKIP_TAGS or is_hidden(a) for a in page.article.iterancestors()):
            scope = page.article
            if page.body is not None and not self.notices.contain(GAP) and self._pass_around_content(page):
                return []
        text = readable_text(scope if scope is not None else etree.Element("html"))  # an empty file has no root
        return [from_message(page.rel, None, message, "notices") for message in check_notices(text, self.notices)]

    def _pass_around_content(self, page: BuiltPage) -> bool:
        article, body = page.article, page.body
        key = None
        # The key holds everything readable_text reads outside the content, when the content is a child of the
        # article and readable_text would not start from a <main> or <body> inside it.
        if body.getparent() is article and next(article.iter("main", "body"), None) is None:
            key = (article.tag, tuple(article.items()), article.text, tuple(
                (body.tag, body.get("hidden"), body.get("aria-hidden"), body.tail) if child is body
                else etree.tostring(child, with_tail=True) for child in article
            ))
            if key in self._around_content:
                return self._around_content[key]
        quick = readable_text(article, leave_out=body)
        passes = quick.body_at is not None and 0 <= quick.find(self.notices.affiliate) < quick.body_at \
            and not check_notices(quick, self.notices)
        if key is not None:
            self._around_content[key] = passes
        return passes
