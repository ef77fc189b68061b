"""scripts/site_tools/bench/run.py and its page-weight measurement: planted defects show up in the figures and fail budgets."""

from __future__ import annotations


import pytest

from site_tools.bench import run as bench
from site_tools.bench.page_weight import measure_page, site_pages
from site_tools.serving.static_server import serve

THIRD_PARTY_IMAGE = '<img src="https://tracker.example.com/pixel.png" alt="">'


def weight(page: str, third_party: int = 0, gzip_bytes: int = 60_000, blocking: int = 25_000) -> dict:
    return {"page": page, "requests": 9, "third_party": third_party, "bytes": gzip_bytes, "brotli": gzip_bytes,
            "render_blocking": blocking, "by_type": {}, "third_party_urls": []}


def lighthouse(page: str, a11y: int = 100, cls: float = 0) -> dict:
    scores = {"performance": 99, "accessibility": a11y, "best-practices": 100, "seo": 100}
    return {"page": page, "scores": scores, "lcp_ms": 900.0, "cls": cls, "tbt_ms": 0.0, "failing_audits": {}}


def quick_results(weights: list[dict], runs: list[dict]) -> dict:
    return {"weight": {"site": weights}, "lighthouse": {"site": runs}}


def test_quick_budgets_pass_when_every_page_is_within_them():
    lines, ok = bench.judge(quick_results([weight("/"), weight("/a/")], [lighthouse("/")]), quick=True)
    assert ok, lines
    assert all(line.startswith("✅") for line in lines)
    assert not any("mkdocs build" in line for line in lines), "quick mode is machine-independent"


@pytest.mark.parametrize(("weights", "runs", "failing"), [
    ([weight("/"), weight("/a/", third_party=1)], [lighthouse("/")], "third-party requests"),
    ([weight("/"), weight("/a/", gzip_bytes=78_001)], [lighthouse("/")], "first view transferred with gzip"),
    ([weight("/", blocking=32_001)], [lighthouse("/")], "render-blocking bytes"),
    ([weight("/")], [lighthouse("/"), lighthouse("/a/", a11y=96)], "accessibility"),
    ([weight("/")], [lighthouse("/", cls=0.01)], "cumulative layout shift"),
])
def test_one_page_over_a_budget_fails_that_budget_only(weights, runs, failing):
    lines, ok = bench.judge(quick_results(weights, runs), quick=True)
    assert not ok
    failed = [line for line in lines if line.startswith("❌")]
    assert len(failed) == 1 and failing in failed[0], lines


def test_an_unmeasured_figure_fails_rather_than_passes():
    lines, ok = bench.judge({"weight": {"site": [weight("/")]}}, quick=True)
    assert not ok
    assert any(line.startswith("❌") and "not measured" in line for line in lines)


def check_cost(percent: float) -> dict:
    return {"generated_pages": 1000, "pages": 1014, "sources": 1013, "runs": 2, "bare_build_s": 40.0,
            "check_s": 0.4 * percent, "check_percent": percent, "budget_percent": 5, "within_budget": percent <= 5}


@pytest.mark.parametrize(("percent", "passes"), [(3.2, True), (5.0, True), (5.01, False), (12.0, False)])
def test_the_check_cost_budget_is_five_percent_of_a_bare_build(percent, passes):
    lines, ok = bench.judge({"check": check_cost(percent)}, quick=False)
    line = next(line for line in lines if "check time / bare mkdocs build" in line)
    assert line.startswith("✅" if passes else "❌"), line
    assert "≤ 5 %" in bench.summary({"check": check_cost(percent)})


def test_the_check_cost_table_shows_both_times_and_their_ratio():
    text = bench.report({"check": check_cost(3.2), "machine": {"nproc": 2, "cpu": "x", "python": "3.11", "date": "d"}})
    assert "| 1,014 | 40.00 s | 1.28 s | 3.20 % | ≤ 5 % |" in text, text


README_TEXT = f"""# Benchmarks

How it works.

{bench.FIGURES_START}

old figures

{bench.FIGURES_END}

After the figures.
"""


def test_the_figures_replace_only_the_marked_section_of_the_readme():
    text = bench.with_figures(README_TEXT, "| new | figures |")
    assert "old figures" not in text
    assert text.startswith("# Benchmarks\n\nHow it works.\n\n" + bench.FIGURES_START + "\n\n| new | figures |\n\n")
    assert text.endswith(bench.FIGURES_END + "\n\nAfter the figures.\n")
    assert bench.with_figures(text, "| new | figures |") == text, "writing the same figures twice changes nothing"


@pytest.mark.parametrize("lose", [bench.FIGURES_START, bench.FIGURES_END])
def test_a_readme_without_its_markers_stops_make_bench_before_it_measures(tmp_path, capsys, lose):
    readme = tmp_path / "README.md"
    readme.write_text(README_TEXT.replace(lose, ""), encoding="utf-8")
    assert bench.main(["--readme", str(readme), "--out", str(tmp_path / "r.json")]) == 2
    err = capsys.readouterr().err
    assert f"{readme}: the README has no '{bench.FIGURES_START}' line followed by a '{bench.FIGURES_END}' line" in err
    assert not (tmp_path / "r.json").exists()


def test_the_benchmarks_readme_has_a_place_for_the_figures():
    text = bench.README.read_text(encoding="utf-8")
    assert "| new |" in bench.with_figures(text, "| new |")


def test_quick_mode_without_a_built_site_exits_2(tmp_path, capsys):
    assert bench.main(["--quick", "--site", str(tmp_path / "none"), "--out", str(tmp_path / "q.json")]) == 2
    assert "❌" in capsys.readouterr().err


@pytest.mark.browser
def test_a_planted_third_party_image_is_counted_and_named(built_copy, browser):
    page = built_copy.site / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    with serve(built_copy.site) as base:
        clean = measure_page(browser, base, "about/")
        page.write_text(html.replace("</article>", THIRD_PARTY_IMAGE + "</article>", 1), encoding="utf-8")
        planted = measure_page(browser, base, "about/")
    assert clean.third_party == 0 and clean.third_party_urls == []
    assert planted.third_party == 1
    assert planted.third_party_urls == ["https://tracker.example.com/pixel.png"]
    assert planted.requests == clean.requests + 1


@pytest.mark.browser
def test_a_print_stylesheet_is_downloaded_but_not_render_blocking(built_copy, browser):
    (built_copy.site / "print-only.css").write_text("@page { margin: 1cm }\n" + "p { color: black }\n" * 2000)
    (built_copy.site / "blocking.css").write_text("p { margin: 0 }\n" * 1000)
    page = built_copy.site / "index.html"
    html = page.read_text(encoding="utf-8")
    with serve(built_copy.site) as base:
        before = measure_page(browser, base, "")
        page.write_text(html.replace("</head>", '<link rel="stylesheet" href="print-only.css" media="print"></head>', 1),
                        encoding="utf-8")
        with_print = measure_page(browser, base, "")
        page.write_text(html.replace("</head>", '<link rel="stylesheet" href="blocking.css"></head>', 1),
                        encoding="utf-8")
        with_blocking = measure_page(browser, base, "")
    assert with_print.bytes > before.bytes + 30_000, "the print stylesheet still crosses the network"
    assert with_print.render_blocking - before.render_blocking < 200, "only the longer <link> tag in the HTML counts"
    assert with_blocking.render_blocking > before.render_blocking + 15_000


def test_site_pages_lists_every_page_once_and_leaves_out_404(built_project):
    pages = site_pages(built_project.site)
    assert "" in pages and "get-help-now/" in pages
    assert len(pages) == len(set(pages)) == sum(1 for _ in built_project.site.rglob("index.html"))
    assert not any("404" in p for p in pages)


def test_stock_baseline_config_keeps_the_markdown_but_none_of_the_customisation():
    from site_tools.bench.stock_material import stock_material_config
    from site_tools.project import load_config

    project = load_config()
    config = stock_material_config(project, bench.ROOT / "docs")
    assert config["theme"] == {"name": "material"}
    assert config["markdown_extensions"] == project["markdown_extensions"]
    assert config.get("nav") == project.get("nav")
    assert not {"extra", "extra_css", "extra_javascript", "plugins"} & set(config)
