"""Every build step reports through findings: a step that fails, cannot run or crashes becomes a Finding that
build/run.py prints with the one printer, whether the step has run(site) or only main(argv)."""

from __future__ import annotations

import io
import json
import sys
import types

import pytest

from site_tools.build.run import run_step
from site_tools.crashes import exit_code
from site_tools.findings import CannotRun, Finding, StepResult, errors, report


@pytest.fixture
def step(monkeypatch):
    """Registers a throwaway step module: step(run=..., main=...) -> its name."""
    def make(**functions) -> str:
        module = types.ModuleType("fake_step")
        for name, function in functions.items():
            setattr(module, name, function)
        monkeypatch.setitem(sys.modules, "fake_step", module)
        return "fake_step"
    return make


def test_a_step_with_run_returns_its_findings(step, tmp_path):
    found = Finding("about/index.html", 3, "something is wrong", "fix it", "fake")
    result = run_step(step(run=lambda site: StepResult([found], f"looked at {site.name}")), tmp_path)
    assert result == StepResult([found], f"looked at {tmp_path.name}")


def test_a_step_with_only_main_that_fails_is_a_finding(step, tmp_path):
    result = run_step(step(main=lambda argv: 3), tmp_path)
    [finding] = errors(result.findings)
    assert str(finding) == "scripts/fake_step.py: the step failed (exit 3) — see its messages above"


def test_a_step_that_cannot_run_is_a_finding(step, tmp_path):
    def run(site):
        raise CannotRun(f"{site}: no built site here — run 'make build' first")

    [finding] = errors(run_step(step(run=run), tmp_path).findings)
    assert (finding.file, finding.what, finding.fix) == (str(tmp_path), "no built site here", "run 'make build' first")


def test_a_crashing_step_is_one_line_and_shows_its_traceback_only_with_site_tools_debug(step, tmp_path, capsys,
                                                                                       monkeypatch):
    def run(site):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.delenv("SITE_TOOLS_DEBUG", raising=False)
    [finding] = errors(run_step(step(run=run), tmp_path).findings)
    assert str(finding) == ("scripts/fake_step.py: the step crashed: RecursionError: maximum recursion depth exceeded"
                            " — this is a bug in the step, not in the pages; run it again with SITE_TOOLS_DEBUG=1 to"
                            " see the Python traceback")
    assert "Traceback" not in capsys.readouterr().err
    monkeypatch.setenv("SITE_TOOLS_DEBUG", "1")
    run_step(step(run=run), tmp_path)
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_a_crash_outside_every_step_is_one_line_and_exit_2(capsys, monkeypatch):
    def main():
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.delenv("SITE_TOOLS_DEBUG", raising=False)
    assert exit_code(main, "site_tools.build") == 2
    assert capsys.readouterr().err.splitlines() == [
        "❌ site_tools.build crashed: RecursionError: maximum recursion depth exceeded — this is a bug in the tools; "
        "run it again with SITE_TOOLS_DEBUG=1 to see the Python traceback"]


def test_report_prints_warnings_then_errors_then_the_failure_line():
    findings = [Finding("b.md", 2, "late review", "review it", "review-dates", "warning"),
                Finding("a.md", None, "broken", "mend it", "front-matter")]
    out = io.StringIO()
    assert report(findings, "all good", out, failure="build failed") == 1
    assert out.getvalue().splitlines() == ["⚠ b.md:2: late review — review it", "a.md: broken — mend it",
                                           "❌ build failed"]
    out = io.StringIO()
    assert report(findings[:1], "all good", out, as_json=True, pages=2) == 0
    document = json.loads(out.getvalue())
    assert (document["ok"], document["errors"], document["warnings"], document["pages"]) == (True, 0, 1, 2)
    assert document["findings"][0]["message"] == "b.md:2: late review — review it"
