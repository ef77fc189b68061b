"""Every response from nginx, with the project's own configuration, carries every security header."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lxml import html as lxml_html

from site_tools.serving import nginx as nginx_server
from nginx_support import require_nginx

pytestmark = pytest.mark.server

HASHED = re.compile(r"\.[0-9a-f]{8,}\.min\.(js|css)$")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, gzip: bool = False):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    try:
        with OPENER.open(request) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as err:
        return err.code, err.headers


def csp_directives(value: str) -> dict[str, list[str]]:
    parts = [p.split() for p in value.split(";") if p.strip()]
    return {p[0].lower(): p[1:] for p in parts}


def header_problems(headers) -> list[str]:
    """What the issue asks of every response, checked against the response itself."""
    problems = []
    csp = headers.get("Content-Security-Policy")
    if not csp:
        return ["Content-Security-Policy missing"] + [
            f"{name} missing" for name in ("Strict-Transport-Security", "X-Content-Type-Options",
                                           "Referrer-Policy", "Cross-Origin-Resource-Policy",
                                           "Permissions-Policy", "Cache-Control") if name not in headers]
    d = csp_directives(csp)
    for name in ("default-src", "base-uri", "form-action", "frame-ancestors", "object-src"):
        if d.get(name) != ["'none'"]:
            problems.append(f"CSP {name} is {d.get(name)}, not 'none'")
    script = d.get("script-src", [])
    if "'self'" not in script or any(s != "'self'" and not s.startswith("'sha256-") for s in script):
        problems.append(f"CSP script-src allows more than 'self' and sha256 hashes: {script}")
    if d.get("style-src") != ["'self'"]:
        problems.append(f"CSP style-src is {d.get('style-src')}, not 'self'")
    if not set(d.get("img-src", [])) <= {"'self'", "data:"}:
        problems.append(f"CSP img-src allows {d.get('img-src')}")
    for name in ("connect-src", "worker-src"):
        if d.get(name) != ["'self'"]:
            problems.append(f"CSP {name} is {d.get(name)}, not 'self'")
    if d.get("manifest-src") not in (["'none'"], ["'self'"]):
        problems.append(f"CSP manifest-src is {d.get('manifest-src')}")
    hsts = headers.get("Strict-Transport-Security", "")
    age = re.search(r"max-age=(\d+)", hsts)
    if not age or int(age.group(1)) < 63072000 or "includeSubDomains" not in hsts or "preload" not in hsts:
        problems.append(f"HSTS is {hsts!r}: want max-age of two years, includeSubDomains and preload")
    expected = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin",
                "Cross-Origin-Resource-Policy": "same-origin"}
    for name, value in expected.items():
        if headers.get(name) != value:
            problems.append(f"{name} is {headers.get(name)!r}, not {value!r}")
    policy = headers.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation"):
        if f"{feature}=()" not in policy:
            problems.append(f"Permissions-Policy does not turn off {feature}: {policy!r}")
    if not headers.get("Cache-Control"):
        problems.append("Cache-Control missing")
    return problems


def page_urls(site: Path) -> list[str]:
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel != "404.html":
            urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


def test_every_html_page_carries_every_header(nginx_url, headed_site):
    problems = {}
    for url in page_urls(headed_site):
        status, headers = fetch(nginx_url + url)
        assert status == 200, url
        if found := header_problems(headers):
            problems[url] = found
    assert problems == {}


def test_assets_carry_every_header(nginx_url, headed_site):
    assets = [p.relative_to(headed_site).as_posix() for p in headed_site.rglob("*")
              if p.is_file() and p.suffix in (".js", ".css", ".png", ".json", ".svg", ".xml")]
    assert any(HASHED.search(a) for a in assets) and any(a.endswith(".png") for a in assets)
    problems = {}
    for asset in assets:
        status, headers = fetch(nginx_url + asset)
        assert status == 200, asset
        if found := header_problems(headers):
            problems[asset] = found
    assert problems == {}


def test_the_404_response_and_redirects_carry_every_header(nginx_url, headed_site):
    status, headers = fetch(nginx_url + "no-such-page/")
    assert status == 404
    assert header_problems(headers) == []
    assert headers.get_content_type() == "text/html"
    first_dir = next(p.name for p in sorted(headed_site.iterdir()) if (p / "index.html").exists())
    status, headers = fetch(nginx_url + first_dir)  # no trailing slash: nginx answers 301
    assert status == 301
    assert header_problems(headers) == []
    assert headers["Location"] == f"/{first_dir}/"


def test_the_headers_file_is_not_served(nginx_url):
    assert fetch(nginx_url + "_headers")[0] == 404


def test_hashed_assets_are_cached_for_a_year_and_html_revalidates(nginx_url, headed_site):
    hashed = [p.relative_to(headed_site).as_posix() for p in headed_site.rglob("*") if HASHED.search(p.name)]
    assert hashed
    for asset in hashed:
        cache = fetch(nginx_url + asset)[1]["Cache-Control"]
        assert "immutable" in cache and int(re.search(r"max-age=(\d+)", cache).group(1)) >= 31536000, asset
    for url in ["", *page_urls(headed_site)[:3], "no-such-page/", "assets/images/favicon.png"]:
        cache = fetch(nginx_url + url)[1]["Cache-Control"]
        assert "immutable" not in cache and int(re.search(r"max-age=(\d+)", cache).group(1)) <= 600, url


def test_text_responses_are_gzipped(nginx_url, headed_site):
    bundle = next(p for p in headed_site.rglob("bundle.*.min.js"))
    css = next(p for p in headed_site.rglob("main.*.min.css"))
    for rel in ["", bundle.relative_to(headed_site).as_posix(), css.relative_to(headed_site).as_posix()]:
        assert fetch(nginx_url + rel, gzip=True)[1].get("Content-Encoding") == "gzip", rel


def test_csp_hashes_are_the_inline_scripts_of_the_built_html(nginx_url, headed_site):
    expected = set()
    for path in headed_site.rglob("*.html"):
        for script in lxml_html.fromstring(path.read_bytes()).iter("script"):
            if script.get("src") is None and script.get("type") in (None, "", "text/javascript", "module"):
                digest = base64.b64encode(hashlib.sha256((script.text or "").encode()).digest()).decode()
                expected.add(f"'sha256-{digest}'")
    assert expected, "the built site has no inline scripts: this test no longer tests anything"
    script_src = csp_directives(fetch(nginx_url)[1]["Content-Security-Policy"])["script-src"]
    assert set(script_src) - {"'self'"} == expected


def test_an_add_header_in_a_location_is_caught(headed_site, tmp_path, monkeypatch):
    """The add_header inheritance trap: one add_header in a location drops every server-level header there."""
    require_nginx()
    trap = tmp_path / "nginx.conf"
    text = nginx_server.TEMPLATE.read_text(encoding="utf-8")
    assert "try_files $uri $uri/ =404;" in text
    trap.write_text(text.replace("try_files $uri $uri/ =404;", "try_files $uri $uri/ =404;\n        add_header X-Trap 1;"))
    monkeypatch.setattr(nginx_server, "TEMPLATE", trap)
    with nginx_server.serve(headed_site) as url:
        problems = header_problems(fetch(url)[1])
    assert "Content-Security-Policy missing" in problems


def test_a_header_missing_from_the_definition_is_caught(headed_site, tmp_path):
    """A _headers file without HSTS gives nginx responses without it, and the check says so."""
    require_nginx()
    site = tmp_path / "site"
    shutil.copytree(headed_site, site)
    headers_file = site / "_headers"
    text = headers_file.read_text(encoding="utf-8")
    headers_file.write_text("\n".join(l for l in text.splitlines() if "Strict-Transport-Security" not in l))
    with nginx_server.serve(site) as url:
        problems = header_problems(fetch(url)[1])
    assert any(p.startswith("HSTS is ''") for p in problems), problems
