"""Every sentence of the source article appears, word for word, on the built site."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from project_copy import ROOT
from site_tools.readable_text import parse, readable_text
from site_tools.project import normalize

ARTICLE = Path(__file__).resolve().parent.parent / "scripts" / "data" / "source-article.txt"
SHARED_ARTICLE = ROOT.parent / "shared" / "source" / "integration-after-oral-ketamine-therapy.txt"
NUMBERED = re.compile(r"^\d+\.\s+([^:]+):\s+(.*)$")
BYLINE = re.compile(r"^by \| ")


def article_parts() -> tuple[list[str], list[str]]:
    """The article's sentences, and its headings (titles, section names and list labels)."""
    sentences, headings = [], []
    lines = [line.strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    for line in lines:
        if BYLINE.match(line):
            continue
        numbered = NUMBERED.match(line)
        if numbered:
            headings.append(numbered.group(1))
            line = numbered.group(2)
        elif not re.search(r"[.!?]$", line):
            headings.append(line)
            continue
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", line) if s]
    return [normalize(s) for s in sentences], [normalize(h) for h in headings]


def site_text(site: Path) -> str:
    return " ".join(readable_text(parse(p.read_bytes())).text for p in sorted(site.rglob("*.html")))


SENTENCES, HEADINGS = article_parts()


# The SHA-256 of ../shared/source/integration-after-oral-ketamine-therapy.txt, the article as it was given.
SHARED_ARTICLE_SHA256 = "9c0a9d55eb657c1d3cf1a0b598ac2adf6709875069882c9ee87e7ce693bb98ce"


def test_fixture_is_the_shared_source_article():
    """The copy is the article, byte for byte: checked against its hash everywhere (a clean clone in CI has no
    shared/ beside it), and against the file itself where shared/ is there."""
    assert hashlib.sha256(ARTICLE.read_bytes()).hexdigest() == SHARED_ARTICLE_SHA256
    if SHARED_ARTICLE.exists():
        assert ARTICLE.read_bytes() == SHARED_ARTICLE.read_bytes()


def test_article_has_the_expected_shape():
    assert len(SENTENCES) == 38
    assert len(HEADINGS) == 18


def test_every_sentence_of_the_article_is_on_the_site(built_project):
    text = site_text(built_project.site)
    missing = [s for s in SENTENCES if s not in text]
    assert missing == []


def test_every_heading_of_the_article_is_on_the_site(built_project):
    text = site_text(built_project.site).lower()
    missing = [h for h in HEADINGS if h.lower() not in text]
    assert missing == []


def test_publication_date_is_stated(built_project):
    assert "published on 7 December 2023" in site_text(built_project.site)


def test_coverage_test_notices_a_dropped_sentence(project):
    project.edit("docs/strategies/mindfulness.md", "Engaging in mindfulness, meditation, or yoga", "Mindfulness")
    project.build()
    text = site_text(project.site)
    missing = [s for s in SENTENCES if s not in text]
    assert missing == [
        "Engaging in mindfulness, meditation, or yoga can help maintain the sense of clarity and calm experienced during ketamine therapy."
    ]
