"""Every page's QR code, as the site ships it, decodes (zbarimg) to that page's published address."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from site_tools.project import load_config

SITE_URL = load_config()["site_url"]


def zbarimg() -> str:
    found = shutil.which("zbarimg")
    if not found:
        message = "zbarimg is not installed — run 'make system-deps' (apt-get install zbar-tools)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(f"SKIPPED QR DECODING: {message}")
    return found


def address_of(rel: str) -> str:
    """What a page's QR code must say: site_url + the page's directory-style path."""
    return SITE_URL + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


@contextlib.contextmanager
def decoding(browser, site: Path, out: Path):
    """decode(svg) -> text: rasterise one of site's SVGs with Chromium, then decode the PNG with zbarimg."""
    from site_tools.serving.static_server import serve

    tool = zbarimg()
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 300, "height": 300})

        def run(svg: Path) -> str:
            rel = svg.relative_to(site).as_posix()
            page.goto(base + rel)
            png = out / (rel.replace("/", "_") + ".png")
            page.screenshot(path=str(png))
            result = subprocess.run([tool, "--raw", "-q", str(png)], capture_output=True, text=True)
            assert result.returncode == 0, f"zbarimg could not read {rel}"
            return result.stdout.strip()

        try:
            yield run
        finally:
            page.close()


@pytest.fixture(scope="module")
def decode(browser, shipped_site, tmp_path_factory):
    """Rasterise a shipped SVG with Chromium, then decode the PNG with zbarimg."""
    with decoding(browser, shipped_site, tmp_path_factory.mktemp("qr-png")) as run:
        yield run


def content_pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        doc = lxml.html.parse(str(path)).getroot()
        if doc.xpath('//link[@rel="canonical"]'):
            yield path.relative_to(site).as_posix(), path, doc


def test_every_page_has_a_small_svg_qr_code_that_decodes_to_its_address(shipped_site, decode):
    pages = list(content_pages(shipped_site))
    assert len(pages) >= 13
    for rel, path, doc in pages:
        imgs = doc.xpath('//img[contains(@class, "print-qr")]')
        assert len(imgs) == 1, rel
        svg = (path.parent / imgs[0].get("src")).resolve()
        assert svg.suffix == ".svg" and svg.is_file(), rel
        assert svg.read_bytes().startswith(b"<svg") and svg.stat().st_size < 3000, rel
        assert decode(svg) == address_of(rel), rel
        assert doc.xpath('string(//*[@class="print-url"])') == address_of(rel)


def test_clinics_table_lists_every_page_with_a_qr_code_that_decodes_to_its_address(shipped_site, decode):
    page = shipped_site / "for-clinics" / "index.html"
    doc = lxml.html.parse(str(page)).getroot()
    rows = doc.xpath('//table[@data-page-table]/tbody/tr')
    listed = {}
    for row in rows:
        url = row.xpath('string(td[@class="page-table__url"])')
        svg = (page.parent / row.xpath("td/img/@src")[0]).resolve()
        assert decode(svg) == url
        listed[url] = row.xpath("string(td/a)")
    assert set(listed) == {address_of(rel) for rel, _, _ in content_pages(shipped_site)}


def test_qr_codes_come_from_no_other_host(shipped_site):
    for rel, _, doc in content_pages(shipped_site):
        for src in doc.xpath("//img[@data-qr]/@src"):
            assert "://" not in src and not src.startswith("//"), f"{rel}: {src}"


def test_one_file_asked_to_encode_two_addresses_fails(built_copy):
    page = built_copy.site / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('src="../assets/qr/about.svg"', 'src="../assets/qr/index.svg"'), encoding="utf-8")
    result = built_copy.run_module("site_tools.build.qr_codes", str(built_copy.site), "--json")
    assert result.returncode == 1
    # about/ comes first in the walk and claims index.svg; the home page then clashes with it.
    [finding] = [f for f in json.loads(result.stdout)["findings"] if f["file"] == "index.html"]
    assert finding["file"] == "index.html" and finding["line"] and finding["check"] == "qr-codes"
    assert finding["what"] == f"QR image assets/qr/index.svg is asked to encode both {SITE_URL}about/ and {SITE_URL}"
    assert finding["fix"] == "give each page its own file"
    assert not (built_copy.site / "assets" / "qr" / "index.svg").exists(), "no code is written when one is wrong"


def test_qr_image_without_an_address_fails(built_copy):
    page = built_copy.site / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace(f'data-qr="{SITE_URL}about/"', 'data-qr=""'), encoding="utf-8")
    result = built_copy.run_module("site_tools.build.qr_codes", str(built_copy.site))
    assert result.returncode == 1
    assert re.search(r"^about/index\.html:\d+: a QR image needs a relative src and a data-qr address — ", result.stdout,
                     re.MULTILINE), result.stdout
    assert "❌ 1 problem(s): no QR codes written" in result.stdout


def test_a_cached_code_is_the_same_file_segno_makes(tmp_path):
    from site_tools.build.qr_codes import write_cached_svg, write_svg

    url = "https://ketamine-integration.example.org/strategies/journaling/"
    write_svg(tmp_path / "fresh.svg", url)
    write_cached_svg(tmp_path / "miss.svg", url, cache=tmp_path / "cache")
    write_cached_svg(tmp_path / "hit.svg", url, cache=tmp_path / "cache")
    fresh = (tmp_path / "fresh.svg").read_bytes()
    assert (tmp_path / "miss.svg").read_bytes() == fresh
    assert (tmp_path / "hit.svg").read_bytes() == fresh
    write_cached_svg(tmp_path / "other.svg", url + "x", cache=tmp_path / "cache")
    assert (tmp_path / "other.svg").read_bytes() != fresh, "each address has its own cached code"
