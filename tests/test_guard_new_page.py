"""`make page` (scripts/site_tools/authoring/new_page.py) creates a page that passes the real build and every check."""

from __future__ import annotations

from site_tools.nav import nav_files
from guard_helpers import ROOT
from site_tools.project import load_config

PUBLISHED = "scripts/data/published-urls.txt"
DESCRIPTION = "Simple breathing exercises you can try after a session, at home and at your own pace."


def test_new_page_in_a_section_builds_and_passes_every_check(project):
    project.write(PUBLISHED, (ROOT / PUBLISHED).read_text(encoding="utf-8"))  # the list of published URLs
    result = project.run_module("site_tools.authoring.new_page", "Breathing exercises", "--section", "strategies", "--description", DESCRIPTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("✅ created docs/strategies/breathing-exercises.md and added it to the nav in "
                                    f"mkdocs.yml and its address to {PUBLISHED}")
    assert "/strategies/breathing-exercises/" in (project.root / PUBLISHED).read_text(encoding="utf-8").split()
    nav = nav_files(load_config(project.root / "mkdocs.yml")["nav"])
    # Listed last among the strategies, right after the section's last page.
    assert nav[nav.index("strategies/breathing-exercises.md") - 1].startswith("strategies/")
    project.build()
    assert (project.site / "strategies/breathing-exercises/index.html").is_file()
    check = project.check_site()
    assert check.returncode == 0, check.stdout


def test_new_top_level_page_with_a_colon_in_its_title(project):
    result = project.run_module("site_tools.authoring.new_page", "Questions: for your clinic", "--description",
                                "Questions you may want to ask your clinic before and after oral ketamine therapy.")
    assert result.returncode == 0, result.stderr
    assert nav_files(load_config(project.root / "mkdocs.yml")["nav"])[-1] == "questions-for-your-clinic.md"
    assert project.check_site("--sources-only").returncode == 0


def test_refuses_a_description_the_check_would_reject(project):
    before = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    result = project.run_module("site_tools.authoring.new_page", "Sleep", "--description", "Too short.")
    assert result.returncode == 1
    assert "❌ docs/sleep.md:3: the description is 10 characters long; it must be 50 to 160" in result.stderr
    assert not (project.docs / "sleep.md").exists()
    assert (project.root / "mkdocs.yml").read_text(encoding="utf-8") == before


def test_refuses_a_title_another_page_uses(project):
    result = project.run_module("site_tools.authoring.new_page", "Journaling", "--description", DESCRIPTION)
    assert result.returncode == 1
    assert "the title 'Journaling' is also used by docs/strategies/journaling.md" in result.stderr
    assert not (project.docs / "journaling.md").exists()


def test_refuses_to_overwrite_a_page(project):
    result = project.run_module("site_tools.authoring.new_page", "Journaling", "--section", "strategies", "--description", DESCRIPTION)
    assert result.returncode == 1
    assert "docs/strategies/journaling.md already exists" in result.stderr
