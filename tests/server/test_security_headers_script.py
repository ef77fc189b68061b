"""scripts/site_tools/build/security_headers.py: the _headers file it writes, and the HTML it refuses to write one for."""

from __future__ import annotations

import json

from site_tools.build.security_headers import CACHE_HASHED, read_headers_file


def test_headers_file_has_every_header_for_every_path_and_immutable_hashed_assets(headed_site):
    every, cache = read_headers_file((headed_site / "_headers").read_text(encoding="utf-8"))
    for name in ("Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options",
                 "Referrer-Policy", "Cross-Origin-Resource-Policy", "Permissions-Policy"):
        assert name in every
    # No Cache-Control under /*: hosts would join it with the asset rule's value.
    assert "Cache-Control" not in every
    assert cache and all(value == CACHE_HASHED for value in cache.values())
    assert all((headed_site / path.lstrip("/")).is_file() for path in cache)


def test_an_inline_event_handler_fails_with_its_line(built_copy):
    built_copy.edit("site/about/index.html", "<body", '<body onload="go()"')
    result = built_copy.run_module("site_tools.build.security_headers", str(built_copy.site))
    assert result.returncode == 1
    assert "about/index.html:" in result.stdout and "inline event handler onload= on <body>" in result.stdout
    assert not (built_copy.site / "_headers").exists()


def test_inline_styles_and_javascript_links_fail(built_copy):
    built_copy.edit("site/index.html", "</body>",
                    '<p style="color:red">x</p><a href="javascript:go()">y</a><style>p{}</style></body>')
    result = built_copy.run_module("site_tools.build.security_headers", str(built_copy.site))
    assert result.returncode == 1
    for text in ("style= attribute on <p>", "javascript: URL in href= on <a>", "inline <style> element"):
        assert text in result.stdout
    assert "❌ 3 problem(s): a strict Content-Security-Policy would block them: _headers not written" in result.stdout


def test_a_style_attribute_is_a_finding_in_json(built_copy):
    built_copy.edit("site/about/index.html", "</body>", '<p style="color:red">x</p></body>')
    result = built_copy.run_module("site_tools.build.security_headers", str(built_copy.site), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["errors"] == 1
    [finding] = report["findings"]
    assert finding["file"] == "about/index.html" and finding["line"] > 0 and finding["check"] == "security-headers"
    assert finding["what"] == "style= attribute on <p> is blocked by the CSP"
    assert finding["fix"] == "use a class and put the rule in docs/stylesheets/extra.css"
    assert not (built_copy.site / "_headers").exists()


def test_a_style_attribute_in_page_content_names_its_markdown_line(built_copy):
    """One that reaches the article content without the source check (here planted in the built HTML) is still
    refused, at the Markdown line it came from when the source has it."""
    about = built_copy.docs / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\n<p style="color: red">Red text.</p>\n', encoding="utf-8")
    built_copy.edit("site/about/index.html", "data-page-body>", 'data-page-body><p style="color: red">Red text.</p>')
    result = built_copy.run_module("site_tools.build.security_headers", str(built_copy.site))
    assert result.returncode == 1
    line = len(about.read_text(encoding="utf-8").splitlines())
    assert (f"docs/about.md:{line}: style= attribute on <p> is blocked by the CSP (on about/index.html) — use a class "
            "and put the rule in docs/stylesheets/extra.css") in result.stdout
    assert not (built_copy.site / "_headers").exists()


def test_no_site_cannot_run(project, tmp_path):
    result = project.run_module("site_tools.build.security_headers", str(tmp_path / "nothing-here"), "--json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["ok"] is False
    assert "no built site here — run 'make build' first" in result.stderr


def test_json_ld_is_data_not_a_script_to_hash(built_copy):
    """A data block of the reviewed shape (scripts/data/known-scripts.yml) is never run, so it gets no hash."""
    assert built_copy.run_module("site_tools.build.security_headers", str(built_copy.site)).returncode == 0
    before = (built_copy.site / "_headers").read_text(encoding="utf-8")
    block = '{"@context": "https://schema.org", "@type": "MedicalWebPage", "name": "Page not found"}'
    built_copy.edit("site/404.html", "</head>", f'<script type="application/ld+json">{block}</script></head>')
    assert built_copy.run_module("site_tools.build.security_headers", str(built_copy.site)).returncode == 0
    assert (built_copy.site / "_headers").read_text(encoding="utf-8") == before


def test_a_data_block_of_another_shape_fails(built_copy):
    """Not hashed, but not waved through either: a data block must meet its reviewed rule."""
    built_copy.edit("site/404.html", "</head>", '<script type="application/ld+json">{"a": 1}</script></head>')
    result = built_copy.run_module("site_tools.build.security_headers", str(built_copy.site))
    assert result.returncode == 1
    assert "404.html:" in result.stdout
    assert "application/ld+json block has the key 'a', which is not on the reviewed list" in result.stdout
    assert not (built_copy.site / "_headers").exists()


def test_a_scope_script_that_varies_with_page_depth_fails(project):
    """Without extra.scope, Material's scope script differs by depth: the build must say how to fix it."""
    project.edit("mkdocs.yml", "  scope: /\n", "")
    site = project.build()
    result = project.run_module("site_tools.build.security_headers", str(site))
    assert result.returncode == 1
    assert "differs from page to page" in result.stdout and "extra.scope" in result.stdout
    assert "move it into a .js file under docs/javascripts/" in result.stdout  # the only folder docs_files allows
    assert "strategies/" in result.stdout  # a deeper page is named, with its line
