"""The paid-link Markdown extension on its own: Markdown in, HTML out, no site build.

In the style of pymdown-extensions' own tests (tests/util.py, MdCase.check_markdown): each case converts a
snippet with markdown.Markdown and compares the HTML with the expected text, printing a diff when they differ.
The end-to-end cases (the built page passes the check; raw HTML links fail it) are in test_guard_affiliate_links.py.
"""

from __future__ import annotations

import difflib
import textwrap

import xml.etree.ElementTree as etree

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
    "a label typed at the end of the link's text becomes the one label after it": (
        "[a pen (paid link)](https://amzn.to/x)",
        f'<p><a href="https://amzn.to/x" {REL}>a pen</a> {LABEL}</p>',
    ),
    "a label typed after the link becomes the one label": (
        "Try [a pen](https://amzn.to/x) (paid link) today.",
        f'<p>Try <a href="https://amzn.to/x" {REL}>a pen</a> {LABEL} today.</p>',
    ),
    "a label typed in emphasis after the link becomes the one label": (
        "Try [a pen](https://amzn.to/x) *(paid link)* today.",
        f'<p>Try <a href="https://amzn.to/x" {REL}>a pen</a> {LABEL} today.</p>',
    ),
    # The check then asks for link text (a doubled label).
    "a link whose whole text is the label keeps it": (
        "[(paid link)](https://amzn.to/x)",
        f'<p><a href="https://amzn.to/x" {REL}>(paid link)</a> {LABEL}</p>',
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
    # Disguised addresses: each leads a browser to Amazon, so each is marked.
    "a percent-encoded host": (
        "[x](https://www.%61mazon.com/dp/1)",
        f'<p><a href="https://www.%61mazon.com/dp/1" {REL}>x</a> {LABEL}</p>',
    ),
    "a host in full-width letters": (
        "[x](https://ｗｗｗ.ａｍａｚｏｎ.ｃｏｍ/dp/1)",
        f'<p><a href="https://ｗｗｗ.ａｍａｚｏｎ.ｃｏｍ/dp/1" {REL}>x</a> {LABEL}</p>',
    ),
    "backslashes after the scheme (written with Markdown's backslash escapes)": (
        r"[x](https:\\\\www.amazon.com\dp\x) and [y](https:\\www.amazon.com\dp\y)",
        f'<p><a href="https:\\\\www.amazon.com\\dp\\x" {REL}>x</a> {LABEL} and '
        f'<a href="https:\\www.amazon.com\\dp\\y" {REL}>y</a> {LABEL}</p>',
    ),
    "upper case, a trailing dot and a user name": (
        "[x](HTTPS://WWW.AMAZON.COM./dp/1) [y](https://reader@amzn.to/y)",
        f'<p><a href="HTTPS://WWW.AMAZON.COM./dp/1" {REL}>x</a> {LABEL} <a href="https://reader@amzn.to/y" {REL}>y</a> {LABEL}</p>',
    ),
    "character references, a tab and a newline inside the address": (
        "[x](https://&#97;mazon.com/dp/1) [y](https://ama&#9;zon.c&#10;om/)",
        f'<p><a href="https://&#97;mazon.com/dp/1" {REL}>x</a> {LABEL} <a href="https://ama&#9;zon.c&#10;om/" {REL}>y</a> {LABEL}</p>',
    ),
    "a scheme-relative address": (
        "[x](//amzn.asia/x)",
        f'<p><a href="//amzn.asia/x" {REL}>x</a> {LABEL}</p>',
    ),
    "an address no browser can parse is left alone (the check reports it)": (
        "[x](https://[bad/)",
        '<p><a href="https://[bad/">x</a></p>',
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


def test_the_extension_run_again_on_its_own_output_changes_nothing():
    """Idempotent: a link already followed by the label gets no second one."""
    md = markdown.Markdown(extensions=[EXTENSION])
    html = md.convert("A [pen](https://amzn.to/x) and [ink](https://a.co/y).")
    processor = md.treeprocessors["affiliate_links"]
    tree = etree.fromstring(html)
    processor.run(tree)
    assert etree.tostring(tree, encoding="unicode") == html
    assert html.count(LABEL) == 2


@pytest.mark.parametrize("url", ["https://www.amazon.com/dp/1", "http://amazon.de/x", "https://amazon.co.jp/",
                                 "https://amazon.com.au/y", "https://smile.amazon.com/z", "https://amzn.to/abc",
                                 "https://amzn.eu/d/1", "https://a.co/d/2", "//amzn.asia/x",
                                 "https://www.%61mazon.com/", "https://ｗｗｗ.ａｍａｚｏｎ.ｃｏｍ/", "https:\\\\www.amazon.com\\dp\\x",
                                 "HTTPS://WWW.AMAZON.COM/", "https://amazon.com./", "https://x@amazon.com",
                                 "https://ama\tzon.c\nom/", " https://amzn.to/x ", "https:amazon.com/x",
                                 "https://amazon.com:443/x", "https://a.co./d"])
def test_amazon_addresses_are_recognised(url):
    assert is_amazon_url(url)


@pytest.mark.parametrize("url", ["https://amazonaws.com/x", "https://notamazon.com/", "https://ba.co/x",
                                 "https://amazon.example.org/", "mailto:help@amazon.com", "../amazon/",
                                 "https://[bad/", "https://amazon.com.example.org/", "ftp://amazon.com/x",
                                 "https://example.org/?u=https://amazon.com", "https://ama zon.com/"])
def test_other_addresses_are_not_amazon(url):
    assert not is_amazon_url(url)
