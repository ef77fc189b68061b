"""Front matter is checked on the Markdown sources, through the real build and check, with file, line and fix."""

from __future__ import annotations

import pytest

from guard_helpers import GUARD, check_json, finding_lines, line_of, plant

FM = GUARD / "front-matter"


@pytest.fixture(scope="module")
def checked(new_project):
    """Every front-matter fixture in one project, built once (strict) and checked once."""
    project = new_project("front-matter")
    plant(project, "front-matter")
    project.build()
    return project, project.check_site()


@pytest.mark.parametrize(
    ("name", "needle", "what", "fix"),
    [
        pytest.param("no-block", 1, "the page has no front matter block",
                     "start the file with a '---' line, then the keys title, description, last_reviewed and next_review",
                     id="missing-block-is-named-not-a-crash"),
        pytest.param("unclosed", 1, "the front matter block that starts here is never closed",
                     "add a line with only '---' after the last key", id="unclosed-block"),
        pytest.param("bad-yaml", "description:", "the front matter is not valid YAML: while scanning a quoted scalar",
                     "write each key as 'key: value' on its own line", id="malformed-yaml-with-parser-reason"),
        pytest.param("not-a-date", "last_reviewed:", "last_reviewed '2026-02-30' is not a real date in the form YYYY-MM-DD",
                     "write it like 'last_reviewed: 2026-11-25'", id="impossible-date"),
        pytest.param("review-order", "next_review:", "next_review (2025-06-01) is not after last_reviewed (2026-01-10)",
                     "set next_review to a later date, no later than 2029-01-10", id="next-review-before-last"),
        pytest.param("review-too-far", "next_review:", "next_review (2030-01-10) is more than 3 years after last_reviewed",
                     "set next_review to 2029-01-10 or earlier", id="next-review-over-three-years-later"),
        pytest.param("short-description", "description:", "the description is 18 characters long; it must be 50 to 160",
                     "add detail until it is at least 50 characters", id="description-outside-50-to-160"),
        pytest.param("missing-key", 5, "the front matter has no 'next_review'",
                     "add 'next_review: 2029-11-25' before this line", id="missing-required-key"),
        pytest.param("unknown-key", "templete:", "unknown front-matter key 'templete', probably a typo",
                     "did you mean 'template'?", id="unknown-key-with-suggestion"),
        pytest.param("duplicate-title", "title:", "the title 'Journaling' is also used by docs/strategies/journaling.md",
                     "give each page its own title", id="duplicate-title-names-the-other-page"),
    ],
)
def test_front_matter_problem_is_named_with_line_and_fix(checked, name, needle, what, fix):
    project, result = checked
    assert result.returncode == 1
    line = needle if isinstance(needle, int) else line_of(FM / f"{name}.md", needle)
    lines = finding_lines(result, f"docs/guard/front-matter/{name}.md:{line}: ")
    assert any(what in found and f" — {fix}" in found for found in lines), result.stdout


def test_every_problem_is_reported_in_one_run(checked):
    project, result = checked
    files = {line.split(":", 1)[0] for line in finding_lines(result, "docs/guard/front-matter/")}
    assert files == {f"docs/guard/front-matter/{p.name}" for p in FM.glob("*.md")}
    assert result.stdout.rstrip().splitlines()[-1].startswith("❌ ")


def test_json_gives_the_same_findings(checked):
    project, result = checked
    code, report = check_json(project)
    assert code == 1 and report["ok"] is False
    assert [f["message"] for f in report["findings"] if f["severity"] == "error"] == finding_lines(result)
    bad = next(f for f in report["findings"] if f["file"] == "docs/guard/front-matter/not-a-date.md")
    assert bad["line"] == line_of(FM / "not-a-date.md", "last_reviewed:") and bad["check"] == "front-matter"
    assert bad["fix"] == "write it like 'last_reviewed: 2026-11-25'"


def test_sources_only_needs_no_build(checked):
    project, _ = checked
    result = project.check_site("--sources-only")
    assert result.returncode == 1
    assert any(line.startswith("docs/guard/front-matter/no-block.md:1: ") for line in finding_lines(result))
