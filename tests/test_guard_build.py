"""A failed build never replaces or touches the last good site, and the check's command line behaves as documented."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from guard_helpers import finding_lines, line_of
from site_tools.build.run import STEPS

PASTED = '\n<script src="https://tracker.example.org/t.js"></script>\n'
ORPHAN = ("---\ntitle: Orphan page\ndescription: A new page that its contributor forgot to add to the nav of mkdocs.yml.\n"
          "last_reviewed: 2026-01-10\nnext_review: 2027-01-10\n---\n\n# Orphan page\n\nSome text.\n")


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failed_builds_leave_the_previous_site_byte_for_byte_intact(project):
    good = project.run_module("site_tools.build")
    assert good.returncode == 0, good.stdout + good.stderr
    before = snapshot(project.site)
    assert "index.html" in before and "strategies/journaling/index.html" in before

    # 1. Two problems in two sources, both reported in one run, by the source check before the engine.
    journaling = project.docs / "strategies" / "journaling.md"
    journaling.write_text(journaling.read_text(encoding="utf-8") + PASTED, encoding="utf-8")
    project.edit("docs/about.md", "\ndescription: ", "\ndescription: Too short. #")
    failed = project.run_module("site_tools.build")
    assert failed.returncode == 1
    out = failed.stdout
    assert f"docs/strategies/journaling.md:{line_of(journaling, 'tracker.example.org')}: <script> is not allowed" in out
    assert f"docs/about.md:{line_of(project.docs / 'about.md', 'description:')}: the description is 10 characters long" in out
    assert "❌ build failed at 'site_tools.checks.run --sources-only': nothing was published; the last good site in " \
        "site/ is untouched" in out
    assert snapshot(project.site) == before
    assert not (project.root / "site.staging").exists() and not (project.root / "site.old").exists()

    # 2. A page left out of the nav (MkDocs --strict would refuse it too) never reaches the engine.
    project.write("docs/orphan.md", ORPHAN)
    failed = project.run_module("site_tools.build")
    assert failed.returncode == 1
    assert "docs/orphan.md:1: the page is not in the nav, so readers cannot find it" in failed.stdout
    assert "❌ build failed at 'site_tools.checks.run --sources-only': nothing was published; " \
        "the last good site in site/ is untouched" in failed.stdout
    assert "▶ mkdocs build --strict" not in failed.stdout
    assert snapshot(project.site) == before


def test_a_build_that_would_break_a_published_address_never_publishes(project):
    good = project.run_module("site_tools.build", "--json")
    assert good.returncode == 0, good.stdout + good.stderr
    report = json.loads(good.stdout)  # one JSON document on stdout; progress went to stderr
    assert report["ok"] is True and report["published"] is True
    assert [step["step"] for step in report["steps"]] == ["site_tools.checks.run --sources-only", "mkdocs build --strict", *STEPS]
    before = snapshot(project.site)

    # A page removed while its address is still on the published list: MkDocs and every other step pass.
    (project.docs / "for-clinics.md").unlink()
    project.edit("mkdocs.yml", "  - For clinics: for-clinics.md\n", "")
    failed = project.run_module("site_tools.build")
    assert failed.returncode == 1
    line = line_of(project.root / "scripts" / "data" / "published-urls.txt", "/for-clinics/")
    assert [text for text in finding_lines(failed) if not text.startswith(("▶", " "))] == [
        f"scripts/data/published-urls.txt:{line}: /for-clinics/ no longer resolves on the built site — if the page "
        "moved, add a redirect under plugins: redirects: redirect_maps in mkdocs.yml (old.md: new.md); never delete "
        "a line from this list"
    ], failed.stdout
    assert "❌ build failed at 'site_tools.checks.published_urls': nothing was published; " \
        "the last good site in site/ is untouched" in failed.stdout
    assert snapshot(project.site) == before
    assert not (project.root / "site.staging").exists()


def test_build_json_names_the_step_that_refused_a_style_attribute(project):
    """A style attribute in Markdown is refused by the source check, before the engine, at its Markdown line.
    (build/security_headers.py still refuses one that reaches the HTML another way: tests/server/
    test_security_headers_script.py.)"""
    about = project.docs / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\n<p style="color: red">Red text.</p>\n', encoding="utf-8")
    result = project.run_module("site_tools.build", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["published"] is False and report["errors"] == 1
    assert report["steps"] == [{"step": "site_tools.checks.run --sources-only", "ok": False, "done": "checked 13 source(s)"}]
    [finding] = [f for f in report["findings"] if f["severity"] == "error"]
    line = line_of(about, 'style="color: red"')
    assert (finding["file"], finding["line"], finding["check"]) == ("docs/about.md", line, "content-safety")
    assert finding["message"].startswith(f"docs/about.md:{line}: the style attribute is not allowed in page content — ")
    assert not project.site.exists() and not (project.root / "site.staging").exists()


def test_json_on_a_clean_site(built_project):
    result = built_project.check_site(str(built_project.site), "--json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["errors"] == 0 and report["pages"] > 10
    assert [f for f in report["findings"] if f["severity"] == "error"] == []


def test_json_when_the_check_cannot_run(project):
    result = project.check_site(str(project.root / "no-such-site"), "--json")
    assert result.returncode == 2
    assert json.loads(result.stdout) == {"ok": False, "error": f"{project.root / 'no-such-site'}: no built site here "
                                         "— run 'make build' first", "findings": []}


def test_bad_arguments_exit_2(project):
    result = project.check_site("--no-such-option")
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-option" in result.stderr


def test_clean_sources_pass_the_source_checks(project):
    result = project.check_site("--sources-only")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("✅ ") and not finding_lines(result)
