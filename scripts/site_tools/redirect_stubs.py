"""Recognise a redirect stub (made by mkdocs-redirects) by its structure, not its name.

A stub holds a meta refresh to a page of this site and nothing else: no content, no other
elements, no script other than the one that follows the same redirect. Stubs are the only
built pages exempt from the notice check.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*(?P<url>\S+)\s*$", re.I)
HEAD_TAGS = {"meta", "title", "link", "script"}


def _refresh_url(root: etree._Element) -> str | None:
    urls = [REFRESH.match(m.get("content", "")) for m in root.iter("meta")
            if m.get("http-equiv", "").lower() == "refresh"]
    return urls[0].group("url") if len(urls) == 1 and urls[0] else None


def _only_the_redirect(root: etree._Element, url: str) -> bool:
    """True when the document holds nothing but the redirect to url."""
    head, body = root.find("head"), root.find("body")
    for el in (head if head is not None else []):
        if not isinstance(el.tag, str):
            continue
        if el.tag not in HEAD_TAGS:
            return False
        if el.tag == "link" and (el.get("rel") != "canonical" or el.get("href") != url):
            return False
        if el.tag == "script" and (el.get("src") is not None or f'"{url}"' not in (el.text or "")):
            return False
    if body is None:
        return True
    elements = [el for el in body.iter() if isinstance(el.tag, str) and el is not body]
    if any(el.tag != "a" or el.get("href") != url for el in elements):
        return False
    return len(" ".join(body.text_content().split())) <= 80


def redirect_target(root: etree._Element, rel: str, site: Path, site_url: str = "") -> str | None:
    """The site path a stub at rel sends readers to, or None when rel is not a redirect stub of this site."""
    url = _refresh_url(root)
    if url is None or not _only_the_redirect(root, url):
        return None
    parts = urlsplit(url[len(site_url):] if site_url and url.startswith(site_url) else url)
    if parts.scheme or parts.netloc or parts.path.startswith("/"):
        return None  # another site, or an absolute path we cannot tie to this one
    base = "" if site_url and url.startswith(site_url) else posixpath.dirname(rel)
    path = posixpath.normpath(posixpath.join(base, parts.path or "."))
    if path == ".." or path.startswith("../"):
        return None
    if path == ".":
        target = "index.html"
    elif parts.path.endswith("/") or not parts.path:
        target = f"{path}/index.html"
    else:
        target = path
    return target if (site / target).is_file() else None
