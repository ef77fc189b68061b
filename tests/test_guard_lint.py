"""Markdown lint and spelling run on every page, with a project word list, and pre-commit runs the same checks."""

from __future__ import annotations

import os
import re
import shutil

import pytest
import yaml

from guard_helpers import ROOT


@pytest.fixture(autouse=True)
def needs_aspell():
    if shutil.which("aspell") is None:
        message = "aspell is not installed — run 'make system-deps'"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(f"SKIPPED SPELLING TESTS: {message}")


def lint(project):
    return project.run_module("site_tools.authoring.lint")


def test_the_real_pages_pass(project):
    result = lint(project)
    assert result.returncode == 0, result.stdout
    assert "✅ Markdown lint (pymarkdownlnt)" in result.stdout and "✅ spelling (pyspelling with aspell)" in result.stdout


@pytest.fixture(scope="module")
def planted(new_project):
    """One copy with a misspelt word and a squeezed heading: one run reports both."""
    project = new_project("lint")
    project.edit("docs/strategies/journaling.md", "\n# Journaling\n", "\n# Journaling\n\nWrite after each sesion.\n")
    project.edit("docs/about.md", "\n## Medical disclaimer\n", "\n## Medical disclaimer\n### Squeezed heading\n")
    return project, lint(project)


def test_a_misspelt_word_is_named(planted):
    _, result = planted
    assert result.returncode == 1
    assert "sesion" in result.stdout
    assert "❌ spelling (pyspelling with aspell) failed — fix the words listed above; if a word is right, " \
        "add it to scripts/data/wordlist.txt" in result.stdout


def test_the_project_word_list_is_what_allows_ketamine(project):
    words = project.root / "scripts" / "data" / "wordlist.txt"
    words.write_text("".join(w + "\n" for w in words.read_text().split() if not w.lower().startswith("ketamine")))
    result = lint(project)
    assert result.returncode == 1
    assert re.search(r"^ketamine$", result.stdout, re.M), result.stdout


def test_markdown_lint_names_file_and_line(planted):
    project, result = planted
    assert result.returncode == 1
    line = next(n for n, text in enumerate((project.docs / "about.md").read_text().splitlines(), 1) if "Squeezed" in text)
    assert f"docs/about.md:{line}:1: MD022: Headings should be surrounded by blank lines" in result.stdout
    assert "❌ Markdown lint (pymarkdownlnt) failed" in result.stdout


def test_pre_commit_runs_the_same_checks_as_make_lint():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    make_commands = [line.strip().replace("$(PY)", ".venv/bin/python") for line in recipe.splitlines()]
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert hooks == make_commands
    assert re.search(r"^test:.*\n(?:\t.*\n)*\t\$\(MAKE\) --no-print-directory lint$", makefile, re.M), "make test runs make lint"
