"""Page weight from real Chromium loads: bytes on the wire, requests, third parties, render-blocking bytes.

Each page is loaded once in a fresh browser context (an empty cache: a first view) and left until
the network is idle, so the search worker and its index count too. Bytes are the encoded response
bodies Chromium reports (what the server sent, compressed as it chose), and, for comparison, the
brotli size (quality 11) of the same decoded bodies. Requests to any other host are third-party;
they are counted and answered with a network error, so no request ever leaves the machine.
"""

from __future__ import annotations

import gzip
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import brotli

# What delays the first paint: the HTML, and the stylesheets whose media matches the screen
# (a media="print" stylesheet is still fetched, but does not block rendering).
BLOCKING_STYLESHEETS_JS = """() => [...document.querySelectorAll('link[rel~="stylesheet"]')]
    .filter(link => matchMedia(link.media || 'all').matches).map(link => link.href)"""
CHROMIUM_ACCEPT_ENCODING = "gzip, deflate, br, zstd"


@dataclass
class PageWeight:
    page: str
    requests: int = 0
    third_party: int = 0
    bytes: int = 0  # encoded bodies as transferred (gzip from the production-like server)
    brotli: int = 0  # brotli size of the same bodies
    render_blocking: int = 0  # encoded bytes of the HTML and the stylesheets that block its rendering
    by_type: dict[str, int] = field(default_factory=dict)
    third_party_urls: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def site_pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path ('' for home, 'about/' ...), 404.html left out."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def brotli_size(body: bytes) -> int:
    return len(brotli.compress(body, quality=11)) if body else 0


def measure_page(browser, base_url: str, page_path: str) -> PageWeight:
    """Load base_url + page_path as a first view and add up what crossed the network."""
    origin = urlsplit(base_url).netloc
    result = PageWeight(page="/" + page_path)
    context = browser.new_context()
    requests = []

    def is_third_party(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != origin

    context.route(is_third_party, lambda route: route.abort("internetdisconnected"))

    def on_request(request) -> None:
        result.requests += 1
        requests.append(request)
        if is_third_party(request.url):
            result.third_party += 1
            result.third_party_urls.append(request.url)

    # Context-level events also see the search worker's own requests, which page-level ones miss.
    context.on("request", on_request)
    page = context.new_page()
    # Idle means no request for 500 ms: the search worker and its index have loaded by then.
    page.goto(base_url + page_path, wait_until="networkidle")
    blocking = {page.url, *page.evaluate(BLOCKING_STYLESHEETS_JS)}
    for request in requests:
        if is_third_party(request.url) or request.failure is not None or request.response() is None:
            continue
        encoded, body = _encoded_size_and_body(request)
        kind = request.resource_type
        result.bytes += encoded
        result.by_type[kind] = result.by_type.get(kind, 0) + encoded
        if request.url in blocking:
            result.render_blocking += encoded
        result.brotli += brotli_size(body)
    context.close()
    return result


def _encoded_size_and_body(request) -> tuple[int, bytes]:
    """The encoded body size Chromium saw, and the decoded body.

    Chromium reports no body size for a worker's own script; for those, fetch the same URL again
    with the browser's own Accept-Encoding and count what the server sends.
    """
    encoded = request.sizes()["responseBodySize"]
    if encoded:
        try:
            return encoded, request.response().body()
        except Exception:  # noqa: BLE001 - Chromium may drop a body it no longer needs; refetch below
            pass
    # Chromium sends this on every request, but reports only provisional headers for a worker's.
    wanted = {"accept-encoding": CHROMIUM_ACCEPT_ENCODING}
    with urllib.request.urlopen(urllib.request.Request(request.url, headers=wanted)) as reply:
        raw = reply.read()
        coding = reply.headers.get("Content-Encoding", "")
    if coding == "gzip":
        return len(raw), gzip.decompress(raw)
    if coding == "br":
        return len(raw), brotli.decompress(raw)
    return len(raw), raw


def measure_site(browser, base_url: str, pages: list[str]) -> list[PageWeight]:
    return [measure_page(browser, base_url, p) for p in pages]
