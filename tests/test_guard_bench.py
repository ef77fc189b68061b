"""The check's benchmark measures a generated site that passes every check (timing itself lives in the benchmark)."""

from __future__ import annotations

from site_tools.bench.check_cost import measure


def test_benchmark_checks_the_number_of_pages_asked_for_and_they_pass():
    result = measure(40, repeat=1)  # raises when the generated site has any problem
    assert result["pages"] == 40
    assert result["pages_per_second"] > 0 and result["seconds"] > 0
    assert result["workers"] == 1  # 40 pages: one process (check_site.worker_count)
    assert result["one_core_pages_per_second"] > 0
    assert set(result) >= {"pages", "seconds", "pages_per_second", "workers", "one_core_seconds",
                           "ratio_to_parse_only", "within_target"}
