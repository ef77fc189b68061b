"""The full benchmark runs Lighthouse several times a page: the median run gives the performance figures,
and the worst run gives the figures that must not vary (accessibility, best practices, SEO, CLS)."""

from __future__ import annotations

import json

from site_tools.bench.lighthouse import combine, median_run


def report(fcp_ms: float, tti_ms: float) -> dict:
    """The part of a Lighthouse JSON report that Lighthouse's computeMedianRun reads."""
    return {"audits": {"first-contentful-paint": {"numericValue": fcp_ms}, "interactive": {"numericValue": tti_ms}}}


def summary(performance: int, a11y: int = 100, cls: float = 0, tbt_ms: float = 50, failing_a11y=()) -> dict:
    scores = {"performance": performance, "accessibility": a11y, "best-practices": 100, "seo": 100}
    failing = {"performance": [], "accessibility": list(failing_a11y), "best-practices": [], "seo": []}
    return {"scores": scores, "lcp_ms": 1500.0, "cls": cls, "tbt_ms": tbt_ms, "failing_audits": failing}


def test_the_median_run_is_the_one_lighthouse_itself_picks(tmp_path):
    runs = [report(5000, 9000), report(1000, 3000), report(1500, 3500)]  # the middle one is last
    paths = []
    for n, run in enumerate(runs):
        paths.append(tmp_path / f"report-{n}.json")
        paths[-1].write_text(json.dumps(run), encoding="utf-8")
    assert median_run(paths) == 2


def test_performance_and_its_timings_come_from_the_median_run():
    runs = [summary(91, tbt_ms=400), summary(98, tbt_ms=130), summary(100, tbt_ms=20)]
    combined = combine(runs, median=1)
    assert combined["scores"]["performance"] == 98
    assert combined["tbt_ms"] == 130
    assert combined["runs"] == 3
    assert combined["performance_runs"] == [91, 98, 100]


def test_a_run_that_fails_accessibility_is_never_hidden_by_the_median():
    runs = [summary(99), summary(99, a11y=96, failing_a11y=["color-contrast"]), summary(99)]
    combined = combine(runs, median=0)
    assert combined["scores"]["accessibility"] == 96
    assert combined["failing_audits"]["accessibility"] == ["color-contrast"]
    assert runs[0]["scores"]["accessibility"] == 100, "combine must not change the runs it reads"
    assert runs[0]["failing_audits"]["accessibility"] == [], "combine must not change the runs it reads"


def test_the_highest_layout_shift_of_any_run_is_kept():
    combined = combine([summary(99), summary(99, cls=0.02), summary(99)], median=0)
    assert combined["cls"] == 0.02
