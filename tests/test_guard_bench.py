"""The check's benchmark measures a generated site that passes every check (timing itself lives in the benchmark)."""

from __future__ import annotations

from bench_check import measure


def test_benchmark_checks_the_number_of_pages_asked_for_and_they_pass():
    result = measure(40, repeat=1)  # raises when the generated site has any problem
    assert result["pages"] == 40
    assert result["pages_per_second"] > 0 and result["seconds"] > 0
    assert set(result) >= {"pages", "seconds", "pages_per_second", "ratio_to_parse_only", "within_target"}
