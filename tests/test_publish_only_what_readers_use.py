"""The post-build steps that keep pages light: minified HTML, no source maps, no unused search languages.

Each runs on a copy of the real build and must leave every check passing.
"""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lxml_html

from site_tools.build.strip_search_languages import needed_bundles, search_languages, strip_search_languages
from site_tools.build.strip_source_maps import strip_source_maps


def test_minified_site_is_smaller_and_still_passes_every_check(built_copy):
    pages = sorted(built_copy.site.rglob("*.html"))
    before = sum(p.stat().st_size for p in pages)
    result = built_copy.run_module("site_tools.build.minify", str(built_copy.site))
    assert result.returncode == 0, result.stderr
    assert "✅ minified" in result.stdout
    assert sum(p.stat().st_size for p in pages) < before * 0.9
    check = built_copy.check_site()
    assert check.returncode == 0, check.stdout


def test_minifying_keeps_json_ld_valid_and_inline_scripts_byte_for_byte(built_copy):
    page = built_copy.site / "index.html"

    def scripts() -> list[tuple[str | None, str]]:
        tree = lxml_html.fromstring(page.read_bytes())
        return [(s.get("type"), s.text or "") for s in tree.iter("script") if not s.get("src")]

    before = scripts()
    assert built_copy.run_module("site_tools.build.minify", str(built_copy.site)).returncode == 0
    after = scripts()
    assert [t for t, _ in after] == [t for t, _ in before]
    for (kind, old), (_, new) in zip(before, after):
        if kind == "application/ld+json":
            assert json.loads(new) == json.loads(old)
        else:
            assert new == old, "an inline script changed: its CSP hash would no longer match"


def test_minify_without_a_site_fails_clearly(project, tmp_path: Path):
    result = project.run_module("site_tools.build.minify", str(tmp_path / "nothing-here"))
    assert result.returncode == 2
    assert "❌" in result.stderr


def test_source_maps_and_their_comments_are_removed(built_copy):
    site = built_copy.site
    assert list(site.rglob("*.map")), "the fixture build should contain Material's source maps"
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js"))
    code = bundle.read_bytes()
    assert b"sourceMappingURL" in code
    maps, edited = strip_source_maps(site)
    assert maps > 0 and edited > 0
    assert not list(site.rglob("*.map"))
    stripped = bundle.read_bytes()
    assert b"sourceMappingURL" not in stripped
    assert stripped.rstrip() == code[: code.index(b"//# sourceMappingURL")].rstrip(), "only the comment goes"


def test_a_source_map_comment_inside_code_is_left_alone(tmp_path: Path):
    script = tmp_path / "a.js"
    script.write_bytes(b'var s = "//# sourceMappingURL=x.js.map";\nconsole.log(s);\n')
    strip_source_maps(tmp_path)
    assert b"sourceMappingURL" in script.read_bytes()


def test_english_search_publishes_no_lunr_language_bundles(built_copy):
    lunr = built_copy.site / "assets" / "javascripts" / "lunr"
    assert lunr.is_dir(), "Material ships lunr bundles in the fixture build"
    assert strip_search_languages(built_copy.site, ["en"]) > 0
    assert not lunr.exists()
    assert next(built_copy.site.glob("assets/javascripts/workers/search.*.min.js")).exists()


def test_other_search_languages_keep_exactly_what_the_worker_loads(built_copy):
    lunr = built_copy.site / "assets" / "javascripts" / "lunr"
    strip_search_languages(built_copy.site, ["en", "de", "ja"])
    kept = {p.relative_to(lunr).as_posix() for p in lunr.rglob("*") if p.is_file()}
    assert kept == {"min/lunr.stemmer.support.min.js", "min/lunr.de.min.js", "min/lunr.ja.min.js",
                    "min/lunr.multi.min.js", "tinyseg.js"}
    assert kept == needed_bundles(["en", "de", "ja"])


def test_search_language_comes_from_the_search_plugin_then_the_theme():
    assert search_languages({"plugins": [{"search": {"lang": ["en", "fr"]}}]}) == ["en", "fr"]
    assert search_languages({"plugins": [{"search": {"lang": "de"}}]}) == ["de"]
    assert search_languages({"plugins": ["search"], "theme": {"language": "es"}}) == ["es"]
