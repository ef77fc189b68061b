"""The one mapping between a page's source, its built file and its URL (pages.py), and the one way to edit
the nav (nav.py), which `make page`, the tests and the benchmarks share."""

from __future__ import annotations

import pytest
import yaml

from site_tools import nav, pages

MAPPING = [  # source in docs/, built file, URL path
    ("index.md", "index.html", "/"),
    ("about.md", "about/index.html", "/about/"),
    ("strategies/index.md", "strategies/index.html", "/strategies/"),
    ("strategies/README.md", "strategies/index.html", "/strategies/"),
    ("strategies/journaling.md", "strategies/journaling/index.html", "/strategies/journaling/"),
]


@pytest.mark.parametrize(("source", "built", "url"), MAPPING)
def test_a_source_maps_to_its_built_file_and_url_and_back(tmp_path, source, built, url):
    assert pages.built_file(source) == built
    assert pages.url_path(built) == url
    assert pages.built_file_for_url(url) == built
    (tmp_path / source).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / source).write_text("# x\n", encoding="utf-8")
    assert pages.source_for(built, tmp_path) == source


def test_a_built_file_without_a_source_maps_to_none(tmp_path):
    assert pages.source_for("404.html", tmp_path) is None
    assert pages.url_path("404.html") == "/404.html"


CONFIG = """site_name: Test
site_url: !ENV [SITE_URL, "https://example.org/"]
nav:
  - Home: index.md
  - Strategies:
      - strategies/index.md
      - Journaling: strategies/journaling.md
  # the last page
  - About: about.md
markdown_extensions:
  - toc
"""


class _Loader(yaml.SafeLoader):
    """Reads MkDocs' !ENV tag as nothing."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


def loaded_nav(text: str) -> list[str]:
    return nav.nav_files(yaml.load(text, Loader=_Loader)["nav"])  # noqa: S506 - a SafeLoader


def test_a_page_is_added_last_in_the_nav_and_the_rest_of_the_file_is_kept():
    text = nav.add_page(CONFIG, "new.md", "Questions: for your clinic")
    assert loaded_nav(text)[-1] == "new.md"
    assert '  - "Questions: for your clinic": new.md\n' in text
    assert text.replace('  - "Questions: for your clinic": new.md\n', "") == CONFIG


def test_a_page_in_a_section_is_added_after_the_section_s_last_page():
    files = loaded_nav(nav.add_page(CONFIG, "strategies/breathing.md", "Breathing", section="strategies"))
    assert files[files.index("strategies/breathing.md") - 1] == "strategies/journaling.md"


def test_an_untitled_page_and_a_section_are_added_at_the_end():
    text = nav.add_section(nav.add_page(CONFIG, "guard/x.md"), "Generated", [("Page 1", "g/page-1.md"), ("Page 2", "g/page-2.md")])
    assert loaded_nav(text)[-3:] == ["guard/x.md", "g/page-1.md", "g/page-2.md"]
    assert "      - Page 2: g/page-2.md\n" in text


@pytest.mark.parametrize(("config", "section", "message"), [
    ("site_name: Test\n", None, "mkdocs.yml has no nav: section"),
    (CONFIG, "no-such-folder", "the nav has no section for docs/no-such-folder/"),
])
def test_a_nav_that_cannot_take_the_page_is_a_clear_error(config, section, message):
    with pytest.raises(ValueError, match=message):
        nav.add_page(config, "x.md", "X", section=section)


def test_nav_files_skips_links_and_section_titles():
    assert nav.nav_files(["a.md", {"Shop": "https://example.org/x.md"}, {"S": ["b/index.md", {"C": "b/c.md"}]}]) == \
        ["a.md", "b/index.md", "b/c.md"]
