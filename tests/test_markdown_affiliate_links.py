"""The paid-link Markdown extension on its own: Markdown in, HTML out, no site build.

In the style of pymdown-extensions' own tests (tests/util.py, MdCase.check_markdown): each case converts a
snippet with markdown.Markdown and compares the HTML with the expected text, printing a diff when they differ.
The end-to-end cases (the built page passes the check; raw HTML links fail it) are in test_guard_affiliate_links.py.
"""

from __future__ import annotations

import difflib
import textwrap

import markdown
import pytest

from site_tools.markdown.affiliate_links import is_amazon_url
from site_tools.project import load_config

EXTENSION = "site_tools.markdown.affiliate_links"  # as mkdocs.yml names it
REL = 'rel="sponsored nofollow noopener"'
LABEL = '<span class="paid-link">(paid link)</span>'


def check_markdown(text: str, expected: str, extensions=("attr_list", "md_in_html", EXTENSION), configs=None) -> None:
    """Convert dedented text and compare it with the dedented expected HTML; show a diff when they differ."""
    md = markdown.Markdown(extensions=list(extensions), extension_configs=configs or {})
    result = md.convert(textwrap.dedent(text))
    expected = textwrap.dedent(expected).strip("\n")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), result.splitlines(True), "Expected", "Actual"))
    assert not diff, "\n" + diff


CASES = {
    "an inline link gets rel and a label, before the rest of the sentence": (
        "Some readers like [a lined journal](https://www.amazon.com/dp/B01) for this.",
        f'<p>Some readers like <a href="https://www.amazon.com/dp/B01" {REL}>a lined journal</a> {LABEL} for this.</p>',
    ),
    "a short link at the end of a paragraph": (
        "A [pen](https://amzn.to/3abcdef)",
        f'<p>A <a href="https://amzn.to/3abcdef" {REL}>pen</a> {LABEL}</p>',
    ),
    "only the Amazon link of two is marked": (
        "A [journal](https://example.org/x) and [a pen](https://a.co/d/2).",
        f'<p>A <a href="https://example.org/x">journal</a> and <a href="https://a.co/d/2" {REL}>a pen</a> {LABEL}.</p>',
    ),
    "two Amazon links in one paragraph each get their own label": (
        "[pen](https://amzn.to/x) and [ink](https://amzn.to/y)",
        f'<p><a href="https://amzn.to/x" {REL}>pen</a> {LABEL} and <a href="https://amzn.to/y" {REL}>ink</a> {LABEL}</p>',
    ),
    "a reference link": (
        """
        [a journal][shop]

        [shop]: https://www.amazon.co.uk/dp/1
        """,
        f'<p><a href="https://www.amazon.co.uk/dp/1" {REL}>a journal</a> {LABEL}</p>',
    ),
    "an automatic link": (
        "<https://amzn.to/x>",
        f'<p><a href="https://amzn.to/x" {REL}>https://amzn.to/x</a> {LABEL}</p>',
    ),
    "a link with a title keeps it": (
        '[pen](https://amzn.to/x "A good pen")',
        f'<p><a href="https://amzn.to/x" {REL} title="A good pen">pen</a> {LABEL}</p>',
    ),
    "a rel written with attr_list is kept and extended": (
        '[pen](https://amzn.to/x){: rel="me" }',
        f'<p><a href="https://amzn.to/x" rel="me sponsored nofollow noopener">pen</a> {LABEL}</p>',
    ),
    "a link whose own text ends with the label gets no second label": (
        "[a pen (paid link)](https://amzn.to/x)",
        f'<p><a href="https://amzn.to/x" {REL}>a pen (paid link)</a></p>',
    ),
    "links inside lists and bold text": (
        """
        - [pen](https://amzn.to/x)
        - **[ink](https://amazon.de/y)** here
        """,
        f"""
        <ul>
        <li><a href="https://amzn.to/x" {REL}>pen</a> {LABEL}</li>
        <li><strong><a href="https://amazon.de/y" {REL}>ink</a> {LABEL}</strong> here</li>
        </ul>
        """,
    ),
    "a link inside a markdown-enabled HTML block": (
        """
        <div markdown>
        [pen](https://amzn.to/x)
        </div>
        """,
        f"""
        <div>
        <p><a href="https://amzn.to/x" {REL}>pen</a> {LABEL}</p>
        </div>
        """,
    ),
    "a link to another shop is left alone": (
        "[a journal](https://example.org/journal) and [a lookalike](https://notamazon.com/x)",
        '<p><a href="https://example.org/journal">a journal</a> and <a href="https://notamazon.com/x">a lookalike</a></p>',
    ),
    "an image from Amazon's servers is not a link": (
        "![cover](https://m.media-amazon.com/images/x.jpg)",
        '<p><img alt="cover" src="https://m.media-amazon.com/images/x.jpg" /></p>',
    ),
    # Raw HTML is stashed away from the extension: checks/affiliate_links.py catches it on the built page.
    "a raw HTML link is not touched": (
        '<a href="https://amazon.com/x">raw</a>',
        '<p><a href="https://amazon.com/x">raw</a></p>',
    ),
}


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_markdown_to_html(text, expected):
    check_markdown(text, expected)


def test_the_label_survives_every_extension_the_site_uses():
    """The whole markdown_extensions list of mkdocs.yml, in its order, as MkDocs loads it."""
    names, configs = [], {}
    for entry in load_config()["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            configs[name] = options
    assert EXTENSION in names
    check_markdown(
        """
        !!! tip "A good pen"
            Try [this pen](https://amzn.to/x){: .pen } (c) 2026.
        """,
        f"""
        <div class="admonition tip">
        <p class="admonition-title">A good pen</p>
        <p>Try <a class="pen" href="https://amzn.to/x" {REL}>this pen</a> {LABEL} &copy; 2026.</p>
        </div>
        """,
        names, configs,
    )


@pytest.mark.parametrize("url", ["https://www.amazon.com/dp/1", "http://amazon.de/x", "https://amazon.co.jp/",
                                 "https://amazon.com.au/y", "https://smile.amazon.com/z", "https://amzn.to/abc",
                                 "https://amzn.eu/d/1", "https://a.co/d/2", "//amzn.asia/x"])
def test_amazon_addresses_are_recognised(url):
    assert is_amazon_url(url)


@pytest.mark.parametrize("url", ["https://amazonaws.com/x", "https://notamazon.com/", "https://ba.co/x",
                                 "https://amazon.example.org/", "mailto:help@amazon.com", "../amazon/",
                                 "https://[bad/"])
def test_other_addresses_are_not_amazon(url):
    assert not is_amazon_url(url)
