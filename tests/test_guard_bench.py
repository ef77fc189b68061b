"""The check-cost benchmark: the check's time on generated pages as a share of a bare mkdocs build of them,
in one run; a slow check misses the 5% budget (check_cost.py, and run.py's judgement of it)."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from site_tools.bench import run as bench
from site_tools.bench.check_cost import BUDGET_PERCENT, measure
from site_tools.checks.run import run_checks
from site_tools.findings import Finding

GENERATED = 10


def slow_check(site, config_path):
    """The real check, made slow: far more than 5% of a bare build of a few pages (about 0.8 s)."""
    time.sleep(0.5)
    return run_checks(site, config_path)


def test_the_check_is_timed_on_a_bare_build_of_the_generated_pages():
    result = measure(GENERATED, runs=1)  # raises when the build fails or the check finds a problem
    assert result["generated_pages"] == GENERATED
    assert result["pages"] > GENERATED, "the site's own pages are built and checked too"
    assert result["bare_build_s"] > 0 and result["check_s"] > 0
    assert result["check_percent"] == pytest.approx(result["check_s"] / result["bare_build_s"] * 100, abs=0.5)
    assert result["budget_percent"] == BUDGET_PERCENT == 5
    assert result["within_budget"] == (result["check_percent"] <= 5)
    assert "workers" not in result


def test_a_slow_check_misses_the_budget_and_fails_make_bench():
    result = measure(GENERATED, runs=1, check=slow_check)
    assert result["check_s"] >= 0.5
    assert not result["within_budget"]
    lines, ok = bench.judge({"check": result}, quick=False)
    assert not ok
    failed = [line for line in lines if line.startswith("❌") and "check time / bare mkdocs build" in line]
    assert len(failed) == 1 and f"{result['check_percent']} %" in failed[0], lines


def test_generated_pages_that_fail_the_check_stop_the_benchmark():
    def failing_check(site, config_path):
        run = run_checks(site, config_path)
        planted = Finding("docs/generated/page-1.md", 1, "a planted problem", "remove it", "planted")
        return SimpleNamespace(findings=[*run.findings, planted], pages=run.pages, sources=run.sources)

    with pytest.raises(RuntimeError, match="should pass the check, but: docs/generated/page-1.md:1: a planted problem"):
        measure(GENERATED, runs=1, check=failing_check)


def test_pages_generated_in_sections_get_a_pruned_nav(tmp_path):
    from site_tools.bench.generated_pages import make_project
    from site_tools.project import load_config

    config = load_config(make_project(tmp_path / "p", 30, sections_of=25) / "mkdocs.yml")
    assert "navigation.prune" in config["theme"]["features"]
    generated = next(entry["Generated"] for entry in config["nav"] if isinstance(entry, dict) and "Generated" in entry)
    assert [list(section) for section in generated] == [["Pages 1 to 25"], ["Pages 26 to 30"]]
    assert len(generated[0]["Pages 1 to 25"]) == 25

    flat = load_config(make_project(tmp_path / "q", 30) / "mkdocs.yml")
    assert "navigation.prune" not in flat["theme"]["features"]
