"""Every page prints as a clean A4 or US Letter handout (Chromium's PDF, read back with poppler and zbarimg)."""

from __future__ import annotations

import re
import unicodedata
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from pypdf import PdfReader

from site_tools.project import load_config, load_notices
from test_qr_codes import address_of, zbarimg

CONFIG = load_config()
NOTICES = load_notices()
PAGES = ["about/index.html", "integration-journal/index.html", "for-clinics/index.html", "strategies/journaling/index.html"]
CHROME = ["Skip to content", "Table of contents", "Previous", "Edit this page", CONFIG["copyright"].split(".")[0]]


def squash(text: str) -> str:
    """Single-spaced text. NFKC turns the PDF's typographic ligatures (ﬁ, ﬂ), which some fonts print, back into letters."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).replace("\u2019", "'")).strip()


@pytest.fixture(scope="module")
def printed(browser, shipped_site, tmp_path_factory):
    """Print a page to PDF as a reader's browser would; returns the PDF path."""
    from site_tools.serving.static_server import serve

    out = tmp_path_factory.mktemp("pdf")
    with serve(shipped_site) as base:
        page = browser.new_page()

        def run(rel: str, paper: str) -> Path:
            page.emulate_media(media="screen")
            page.goto(base + rel, wait_until="load")
            page.emulate_media(media="print")  # Chromium fetches the lazy QR image for print, as for a reader
            pdf = out / f"{rel.replace('/', '_')}.{paper}.pdf"
            page.pdf(path=str(pdf), format=paper, print_background=False, prefer_css_page_size=True)
            return pdf

        yield run
        page.close()


def pdf_pages(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("rel", PAGES)
def test_handout_has_everything_a_patient_needs_and_no_site_chrome(printed, shipped_site, rel, paper):
    doc = lxml.html.parse(str(shipped_site / rel)).getroot()
    pages = pdf_pages(printed(rel, paper))
    text = squash(" ".join(pages))
    assert text.startswith(CONFIG["site_name"]), text[:200]
    assert squash(doc.xpath("string(//h1)").replace("\u00b6", "")) in text
    for line in doc.xpath("//*[@data-review-dates]/p"):
        assert squash(line.text_content()) in text
    assert "This page is due for review" not in text  # the hidden note never prints
    assert address_of(rel) in text.replace(" ", "")
    for notice in (NOTICES.disclaimer, NOTICES.affiliate, NOTICES.amazon, *NOTICES.urgent_help):
        assert squash(notice) in text, notice
    for chrome in CHROME:
        assert chrome not in text, chrome
    assert len(pages) <= 6


def test_short_page_fits_one_sheet_and_the_long_journal_several(printed):
    assert len(pdf_pages(printed("strategies/journaling/index.html", "A4"))) == 1
    assert 2 <= len(pdf_pages(printed("integration-journal/index.html", "A4"))) <= 6


def test_no_heading_is_left_alone_at_the_bottom_of_a_sheet(printed, shipped_site):
    for rel in PAGES:
        doc = lxml.html.parse(str(shipped_site / rel)).getroot()
        headings = {squash(h.text_content().replace("\u00b6", "")) for h in doc.xpath("//h1|//h2|//h3|//th")}
        pages = pdf_pages(printed(rel, "A4"))
        for number, page in enumerate(pages[:-1], 1):
            lines = [squash(line) for line in page.splitlines() if line.strip()]
            assert lines and lines[-1] not in headings, f"{rel}: sheet {number} ends with the heading {lines[-1]!r}"


def test_printed_qr_code_scans_to_the_page_address(printed, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed — run 'make system-deps'")
    rel = "about/index.html"
    pdf = printed(rel, "A4")
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "sheet")], check=True)
    scanned = [subprocess.run([zbarimg(), "--raw", "-q", str(png)], capture_output=True, text=True).stdout.strip()
               for png in sorted(tmp_path.glob("sheet*.png"))]
    assert [code for code in scanned if code] == [address_of(rel)]  # one code, on whichever sheet it falls


def test_the_journal_prints_ruled_lines_under_each_prompt(browser, shipped_site):
    from site_tools.serving.static_server import serve

    with serve(shipped_site) as base:
        page = browser.new_page()
        page.goto(base + "integration-journal/")
        page.emulate_media(media="print")
        heights = page.eval_on_selector_all(
            ".journal-prompts li", "els => els.map(e => parseFloat(getComputedStyle(e, '::after').height))")
        page.emulate_media(media="screen")
        on_screen = page.eval_on_selector_all(
            ".journal-prompts li", "els => els.map(e => getComputedStyle(e, '::after').content)")
        page.close()
    assert len(heights) == 13 and min(heights) > 60
    assert set(on_screen) == {"none"}


def test_on_screen_the_print_parts_are_neither_shown_nor_fetched(browser, shipped_site):
    from site_tools.serving.static_server import serve

    with serve(shipped_site) as base:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base + "about/", wait_until="networkidle")
        hidden = page.eval_on_selector_all(".print-only", "els => els.map(e => e.offsetParent === null)")
        page.close()
    assert hidden and all(hidden)
    assert not [url for url in requests if "/assets/qr/" in url]
    css = [url for url in requests if url.endswith("print.css")]
    assert len(css) <= 1  # browsers may fetch a print stylesheet at low priority; it never blocks rendering
    doc = lxml.html.parse(str(shipped_site / "about" / "index.html")).getroot()
    assert doc.xpath('//link[@rel="stylesheet"][contains(@href, "print.css")]/@media') == ["print"]
