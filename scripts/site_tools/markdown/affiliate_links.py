"""Markdown extension: mark every Amazon link as a paid link.

Contributors write a normal Markdown link, such as [a journal](https://amzn.to/abc). The build gives it
rel="sponsored nofollow noopener" and a visible "(paid link)" label right after it, as Amazon's guidance
on the FTC rules asks. scripts/site_tools/checks/affiliate_links.py verifies the result on the built pages.

Registered in mkdocs.yml under markdown_extensions as `site_tools.markdown.affiliate_links`, from the package
that make venv and make zensical install. Plain Python-Markdown, so Zensical can use it too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

REL = ("sponsored", "nofollow", "noopener")
LABEL = "(paid link)"
LABEL_CLASS = "paid-link"
# amazon.<any TLD> and its subdomains (smile.amazon.com, amazon.co.uk, amazon.com.au), and the short links.
AMAZON_HOST = re.compile(r"(?:^|\.)(?:amazon\.(?:com?\.)?[a-z]{2,3}|amzn\.[a-z]{2,5}|a\.co)$")


def is_amazon_url(url: str) -> bool:
    """True for a link to an Amazon store or an Amazon short link."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return False
    return parts.scheme in ("http", "https", "") and bool(host) and bool(AMAZON_HOST.search(host))


def has_label_after(parent: etree.Element, index: int) -> bool:
    following = parent[index + 1] if index + 1 < len(parent) else None
    return (
        following is not None
        and not (parent[index].tail or "").strip()
        and "".join(following.itertext()).strip() == LABEL
    )


class PaidLinkTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, link in reversed(list(enumerate(parent))):
                if link.tag != "a" or not is_amazon_url(link.get("href", "")):
                    continue
                rel = (link.get("rel") or "").split()
                link.set("rel", " ".join(rel + [token for token in REL if token not in rel]))
                if "".join(link.itertext()).strip().endswith(LABEL) or has_label_after(parent, index):
                    continue
                label = etree.Element("span", {"class": LABEL_CLASS})
                label.text = LABEL
                label.tail = link.tail
                link.tail = " "
                parent.insert(index + 1, label)


class AffiliateLinksExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # After inline links (20) and attr_list (8), so a link's own attributes are kept and extended.
        md.treeprocessors.register(PaidLinkTreeprocessor(md), "affiliate_links", 1)


def makeExtension(**kwargs) -> AffiliateLinksExtension:  # noqa: N802 - Python-Markdown's entry point
    return AffiliateLinksExtension(**kwargs)
