"""Markdown extension: mark every Amazon link as a paid link.

Contributors write a normal Markdown link, such as [a journal](https://amzn.to/abc). The build gives it
rel="sponsored nofollow noopener" and a visible "(paid link)" label right after it, as Amazon's guidance
on the FTC rules asks: exactly `<a …>text</a> <span class="paid-link">(paid link)</span>`, the one form
scripts/site_tools/checks/affiliate_links.py accepts on the built pages. A label the author typed next to the
link, or at the end of its text, becomes that one label: never two.

A link is an Amazon link when a browser would take the reader to an Amazon host. The address is read as a
browser reads it, with ada-url (the WHATWG URL standard): character references decoded, then parsed against
the page's address, so percent-encoding, full-width letters, backslashes, upper case, a trailing dot, a user
name and tabs or newlines inside the address all lead to the host they lead to in a browser.

Registered in mkdocs.yml under markdown_extensions as `site_tools.markdown.affiliate_links`, from the package
that make venv and make zensical install. Plain Python-Markdown, so Zensical can use it too.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from ada_url import URL
from markdown import Extension
from markdown.treeprocessors import Treeprocessor

REL = ("sponsored", "nofollow", "noopener")
LABEL = "(paid link)"
LABEL_CLASS = "paid-link"
# amazon.<any TLD> and its subdomains (smile.amazon.com, amazon.co.uk, amazon.com.au), and the short links.
AMAZON_HOST = re.compile(r"(?:^|\.)(?:amazon\.(?:com?\.)?[a-z]{2,3}|amzn\.[a-z]{2,5}|a\.co)$")
WEB = ("http:", "https:")
# A relative address stays on the page's own site, so for the host any page address gives the same answer.
ANY_PAGE = "https://site.invalid/page/"


def parse(href: str, base: str | None = None) -> URL | None:
    """href as a browser reads it (on a page at base), or None when it cannot be parsed."""
    try:
        return URL(href, base) if base else URL(href)
    except ValueError:
        return None


def amazon_host(url: URL | None) -> bool:
    return url is not None and url.protocol in WEB and bool(AMAZON_HOST.search(url.hostname.rstrip(".")))


def is_amazon_url(href: str, page_url: str = ANY_PAGE) -> bool:
    """True when following href, as written in the HTML (character references decoded by the caller), takes a
    browser to an Amazon store or short link. An address with a scheme of its own, such as https:amazon.com,
    is relative on a page served with that scheme and leads to amazon.com on any other (http, the offline
    copy's file:), so it counts both ways."""
    return amazon_host(parse(href, page_url)) or amazon_host(parse(href))


def label_element() -> etree.Element:
    label = etree.Element("span", {"class": LABEL_CLASS})
    label.text = LABEL
    return label


def is_label(el) -> bool:
    """el (an ElementTree or lxml element, or None) is exactly the label this extension writes, nothing more."""
    return (el is not None and el.tag == "span" and dict(el.attrib) == {"class": LABEL_CLASS}
            and el.text == LABEL and len(el) == 0)


def take_typed_label(parent: etree.Element, link: etree.Element) -> None:
    """Remove a "(paid link)" the author typed at the end of the link's text, or right after the link (as text
    or as an element such as *(paid link)*), so that the label the extension writes is the only one."""
    if len(link) == 0 and (link.text or "").rstrip().endswith(LABEL):
        text = link.text.rstrip()[: -len(LABEL)].rstrip()
        if text:  # a link whose whole text is the label keeps it: the check then asks for link text
            link.text = text
    tail = link.tail or ""
    following = next_sibling(parent, link)
    if tail.lstrip().startswith(LABEL):
        link.tail = tail.lstrip()[len(LABEL):]
    elif following is not None and not tail.strip() and "".join(following.itertext()).strip() == LABEL:
        link.tail = following.tail
        parent.remove(following)


def next_sibling(parent: etree.Element, el: etree.Element) -> etree.Element | None:
    children = list(parent)
    index = children.index(el)
    return children[index + 1] if index + 1 < len(children) else None


class PaidLinkTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):  # a list: labels are added and typed ones removed on the way
            for link in [child for child in parent if child.tag == "a"]:
                if not is_amazon_url(html.unescape(link.get("href", ""))):
                    continue
                rel = (link.get("rel") or "").split()
                link.set("rel", " ".join(rel + [token for token in REL if token not in rel]))
                following = next_sibling(parent, link)
                if is_label(following) and not (link.tail or "").strip():
                    continue  # labelled already
                take_typed_label(parent, link)
                label = label_element()
                label.tail, link.tail = link.tail, " "
                parent.insert(list(parent).index(link) + 1, label)


class AffiliateLinksExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # Last: after inline links (20), attr_list (8), so a link's own attributes are kept and extended, and
        # after unescape (0), so an address written with backslash escapes is read as the browser gets it.
        md.treeprocessors.register(PaidLinkTreeprocessor(md), "affiliate_links", -1)


def makeExtension(**kwargs) -> AffiliateLinksExtension:  # noqa: N802 - Python-Markdown's entry point
    return AffiliateLinksExtension(**kwargs)
