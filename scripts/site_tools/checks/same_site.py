"""Whether an address a page loads (a script, an image, a video) stays on this site, decided as a browser decides.

An address is parsed with ada-url (the WHATWG URL standard that browsers follow) against the page's own address
on a placeholder origin, https://site.invalid. It stays on the site only when the result has that same origin.
So every form a browser would still send to another host is caught: a scheme (https:, ftp:), a protocol-relative
//host, backslashes (/\\host), tabs or newlines inside the address, any case. Entities are decoded before this
sees a value (by the HTML parser, or html.unescape for Markdown).

srcset_urls() splits a srcset (or imagesrcset) value into its candidate addresses, by the HTML standard's rules.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from ada_url import URL

from site_tools.project import load_config

SITE = "https://site.invalid"  # .invalid never resolves (RFC 2606): no address can be mistaken for it
WHITESPACE = " \t\n\r\f"


@functools.cache
def base_path() -> str:
    """The path the site is published under: "/" at a domain's root, "/repo/" for https://owner.github.io/repo/
    (site_url in mkdocs.yml, or SITE_URL)."""
    path = urlsplit(str(load_config().get("site_url") or "/")).path or "/"
    return path if path.endswith("/") else path + "/"


def resolve(url: str, page: str) -> URL | None:
    """url as the browser reads it on the built page at page (such as "about/index.html"), or None when it is
    not a valid address."""
    try:
        return URL(url, f"{SITE}{base_path()}{page}")
    except ValueError:
        return None


def stays_on_site(url: str, page: str) -> bool:
    """True when a browser showing page would load url from this site."""
    return site_path(url, page) is not None


def site_path(url: str, page: str) -> str | None:
    """The path on this site that url loads from page, such as "/assets/x.js"; None when it leaves the site (another
    host, or, under a sub-path, another path on the same host: another site)."""
    resolved = resolve(url, page)
    if resolved is None or resolved.origin != SITE or not resolved.pathname.startswith(base_path()):
        return None
    return "/" + resolved.pathname[len(base_path()):]


def srcset_urls(value: str) -> list[str]:
    """Every candidate address in a srcset value ("a.png 1x, https://x.example/b.png 2x" -> both addresses),
    by the HTML standard's parsing rules: an address ends at whitespace, or at commas that end it."""
    urls: list[str] = []
    pos, end = 0, len(value)
    while pos < end:
        while pos < end and (value[pos] in WHITESPACE or value[pos] == ","):
            pos += 1
        start = pos
        while pos < end and value[pos] not in WHITESPACE:
            pos += 1
        url = value[start:pos]
        if not url:
            break
        if url.endswith(","):
            urls.append(url.rstrip(","))
            continue
        urls.append(url)
        depth = 0  # the descriptors run to the next comma outside parentheses
        while pos < end and not (value[pos] == "," and depth == 0):
            depth += {"(": 1, ")": -1}.get(value[pos], 0)
            pos += 1
    return urls
