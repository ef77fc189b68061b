"""Every URL the site ever published keeps working; renaming a page needs a redirect (mkdocs-redirects)."""

from __future__ import annotations

import json
import shutil

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LIST = ROOT / "scripts" / "data" / "published-urls.txt"
OLD, NEW = "strategies/mindfulness.md", "strategies/mindfulness-practices.md"
STUB = """<!doctype html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title>Redirecting...</title>
    <link rel="canonical" href="{url}">
    <meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
You're being redirected to a <a href="{url}">new destination</a>.
</body>
</html>
"""


def check_urls(project, listing, *options):
    return project.run_module("site_tools.checks.published_urls", str(project.site), "--list", str(listing), *options)


def rename_mindfulness(project):
    (project.docs / OLD).rename(project.docs / NEW)
    for page in project.docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("mindfulness.md", "mindfulness-practices.md"), encoding="utf-8")
    project.edit("mkdocs.yml", f"Mindfulness practices: {OLD}", f"Mindfulness practices: {NEW}")


def test_every_published_url_resolves_and_every_built_page_is_listed(built_project):
    result = check_urls(built_project, LIST)
    assert result.returncode == 0, result.stdout
    assert "✅" in result.stdout


def test_renaming_a_page_without_a_redirect_fails(project, tmp_path):
    listing = tmp_path / "published-urls.txt"
    shutil.copy(LIST, listing)
    rename_mindfulness(project)
    project.build()
    result = check_urls(project, listing)
    assert result.returncode == 1
    line = next(n for n, text in enumerate(LIST.read_text().splitlines(), 1) if text == "/strategies/mindfulness/")
    assert (f"{listing}:{line}: /strategies/mindfulness/ no longer resolves on the built site — "
            "if the page moved, add a redirect under plugins: redirects: redirect_maps") in result.stdout
    assert ("strategies/mindfulness-practices/index.html: the page /strategies/mindfulness-practices/ is not in "
            f"{listing} — add it to {listing}") in result.stdout
    as_json = json.loads(check_urls(project, listing, "--json").stdout)
    assert as_json["ok"] is False and as_json["errors"] == 2
    assert {(f["file"], f["line"], f["check"]) for f in as_json["findings"]} == {
        (str(listing), line, "published-urls"), ("strategies/mindfulness-practices/index.html", None, "published-urls")}


def test_renaming_a_page_with_a_redirect_and_a_new_line_passes(project, tmp_path):
    listing = tmp_path / "published-urls.txt"
    listing.write_text(LIST.read_text() + "/strategies/mindfulness-practices/\n")
    rename_mindfulness(project)
    project.edit("mkdocs.yml", "redirect_maps: {}", f"redirect_maps:\n        {OLD}: {NEW}")
    project.build()
    stub = project.site / "strategies" / "mindfulness" / "index.html"
    assert "http-equiv=\"refresh\"" in stub.read_text(encoding="utf-8")
    result = check_urls(project, listing)
    assert result.returncode == 0, result.stdout
    checked = project.check_site()
    assert checked.returncode == 0, checked.stdout  # the stub is exempt from the notices


def test_a_redirect_to_another_site_is_not_a_stub_and_fails_the_notice_check(built_copy):
    stub = built_copy.site / "old-page" / "index.html"
    stub.parent.mkdir()
    stub.write_text(STUB.format(url="https://elsewhere.example.com/"), encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 1
    assert "old-page/index.html: the medical disclaimer is missing" in result.stdout


def test_a_redirect_with_content_is_not_a_stub_and_fails_the_notice_check(built_copy):
    stub = built_copy.site / "old-page" / "index.html"
    stub.parent.mkdir()
    html = STUB.format(url="../about/").replace("</body>", "<p>Buy this now.</p></body>")
    stub.write_text(html, encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 1
    assert "old-page/index.html: the medical disclaimer is missing" in result.stdout


def test_a_bare_redirect_to_a_page_of_this_site_is_exempt(built_copy):
    stub = built_copy.site / "old-page" / "index.html"
    stub.parent.mkdir()
    stub.write_text(STUB.format(url="../about/"), encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 0, result.stdout


def test_a_redirect_to_a_missing_page_is_not_exempt(built_copy):
    stub = built_copy.site / "old-page" / "index.html"
    stub.parent.mkdir()
    stub.write_text(STUB.format(url="../no-such-page/"), encoding="utf-8")
    result = built_copy.check_site()
    assert result.returncode == 1
    assert "old-page/index.html: the medical disclaimer is missing" in result.stdout
