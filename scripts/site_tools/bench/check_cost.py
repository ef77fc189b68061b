"""Benchmark scripts/site_tools/checks/run.py: how many generated pages it verifies per second.

Usage: python scripts/site_tools/bench/check_cost.py [--json] [PAGES ...]      (default: 1000 5000)
The target: 2,000 pages per second at every size. scripts/site_tools/bench/run.py runs it with --json, in a process of its own.

The generated site is the real site, built once by scripts/site_tools/build/run.py, plus copies of a real built page
(strategies/journaling) and its Markdown source, each with its own title, a link with an anchor to
the next copy and a labelled Amazon link, so every check has work to do. The copies share the real
nav, because Material repeats the whole nav on every page; a 1,000-entry nav would make every page
bigger, which is the page's cost, not the check's. Timing is the best of several runs, in this process:
wall-clock time as the check runs by default (one process per CPU on a big site), and the CPU time of one
process on one core.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import functools
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from lxml import etree

from site_tools.built_pages import PARSER
from site_tools.checks.run import run_checks
from site_tools.sources import FRONT_MATTER
from site_tools.project import ROOT, load_config

TEMPLATE_DOC = "strategies/journaling.md"
TEMPLATE_PAGE = "strategies/journaling/index.html"
TARGET_PAGES_PER_SECOND = 2000  # the budget in scripts/site_tools/bench/run.py


@functools.lru_cache(maxsize=1)
def real_build() -> Path:
    """The real project, built once by scripts/site_tools/build/run.py into a temporary folder: the published pages,
    as the check sees them. Returns a folder with docs/, mkdocs.yml and site/."""
    work = Path(tempfile.mkdtemp(prefix="bench-check-real-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    result = subprocess.run([sys.executable, "-m", "site_tools.build", "--site-dir", str(work / "site")],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the real build failed, so there is nothing to benchmark:\n{result.stdout}{result.stderr}")
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    return work


def generate(pages: int, dest: Path) -> Path:
    """A project in dest with `pages` built pages in total (the real ones plus copies); returns mkdocs.yml."""
    real = real_build()
    shutil.copytree(real / "docs", dest / "docs")
    shutil.copytree(real / "site", dest / "site")
    existing = sum(1 for _ in (dest / "site").rglob("*.html"))
    copies = max(pages - existing, 0)
    source = (real / "docs" / TEMPLATE_DOC).read_text(encoding="utf-8")
    match = FRONT_MATTER.match(source)
    meta, body = yaml.safe_load(match.group(1)), source[match.end():]
    html = (real / "site" / TEMPLATE_PAGE).read_text(encoding="utf-8")
    marker = "</h1>"
    assert marker in html, f"{TEMPLATE_PAGE} has no <h1>: the benchmark's template is out of date"
    names = [f"gen-{n:05d}" for n in range(copies)]
    for n, name in enumerate(names):
        following = names[(n + 1) % copies]
        extra = (f"\n\nRead on in [the next copy]({following}.md#journaling), "
                 f"or see [a lined journal](https://www.amazon.com/dp/B{n:09d}).\n")
        front = dict(meta, title=f"{meta['title']} {n:05d}")
        (dest / "docs" / "strategies" / f"{name}.md").write_text(
            "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + body + extra, encoding="utf-8")
        link = (f'<p>Read on in <a href="../{following}/#journaling">the next copy</a>, or see '
                f'<a href="https://www.amazon.com/dp/B{n:09d}" rel="sponsored nofollow noopener">a lined journal</a> '
                '<span class="paid-link">(paid link)</span>.</p>')
        page = dest / "site" / "strategies" / name / "index.html"
        page.parent.mkdir()
        page.write_text(html.replace(marker, marker + link, 1), encoding="utf-8")
    config = load_config(real / "mkdocs.yml")
    config["nav"] = list(config.get("nav") or []) + [{f"Copy {name}": f"strategies/{name}.md"} for name in names]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"


def _best(func, repeat: int, clock=time.perf_counter) -> float:
    """The best of `repeat` runs: the one least disturbed by other work on the machine, as timeit advises."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = clock()
        func()
        best = min(best, clock() - start)
    return best


@contextlib.contextmanager
def one_core():
    """Run on one CPU only (where the system allows it), so the check uses one process."""
    if not hasattr(os, "sched_setaffinity"):
        yield
        return
    cpus = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cpus)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, cpus)


def parse_only(files: list[Path]) -> None:
    """What lxml alone costs: read and parse every page, one tree at a time, as the check does."""
    for path in files:
        etree.fromstring(path.read_bytes(), PARSER)


def measure(pages: int, repeat: int = 7) -> dict:
    """Check a generated site of `pages` pages: the best of `repeat` runs, and pages per second.

    The budget's figure is wall-clock time with the processes the check chooses on this machine
    (check_site.worker_count: one per CPU, at least 500 pages each). Beside it, the CPU time of one process on
    one core (process_time, which other work on the machine disturbs far less), and lxml's parse alone."""
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        config = generate(pages, Path(tmp))
        site = Path(tmp) / "site"
        run = run_checks(site, config)
        if [f for f in run.findings if f.severity == "error"]:
            raise RuntimeError(f"the generated site should pass, but: {run.findings[0]}")
        wall = _best(lambda: run_checks(site, config), repeat)
        with one_core():
            cpu = _best(lambda: run_checks(site, config, workers=1), repeat, time.process_time)
            files = sorted(site.rglob("*.html"))
            parse_seconds = _best(lambda: parse_only(files), repeat, time.process_time)
    checked = run.pages
    return {
        "pages": checked,
        "sources": run.sources,
        "workers": run.workers,
        "seconds": round(wall, 4),  # wall clock, with `workers` processes
        "pages_per_second": round(checked / wall),
        "one_core_seconds": round(cpu, 4),  # CPU seconds of one process on one core
        "one_core_pages_per_second": round(checked / cpu),
        "ms_per_page_one_core": round(cpu / checked * 1000, 3),
        "parse_only_seconds": round(parse_seconds, 4),
        "ratio_to_parse_only": round(cpu / parse_seconds, 2),
        "target_pages_per_second": TARGET_PAGES_PER_SECOND,
        "within_target": checked / wall >= TARGET_PAGES_PER_SECOND,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=int, default=[1000, 5000], help="sizes of the generated sites")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (scripts/site_tools/bench/run.py reads them)")
    args = parser.parse_args(argv)
    results = [measure(size) for size in args.pages]
    if args.json:
        print(json.dumps(results))
        return 0 if all(r["within_target"] for r in results) else 1
    for r in results:
        mark = "✅" if r["within_target"] else "❌"
        print(f"{mark} {r['pages']} pages checked in {r['seconds']:.3f} s by {r['workers']} process(es): "
              f"{r['pages_per_second']} pages/s (target {r['target_pages_per_second']})")
        print(f"   one process on one core: {r['one_core_seconds']:.3f} s of CPU, {r['one_core_pages_per_second']} pages/s, "
              f"{r['ms_per_page_one_core']} ms per page; {r['ratio_to_parse_only']}x the time lxml takes only to parse them")
    if len(results) > 1:
        first, last = results[0], results[-1]
        print(f"   scaling on one core: {last['pages'] / first['pages']:.1f}x the pages took "
              f"{last['one_core_seconds'] / first['one_core_seconds']:.2f}x the time "
              f"(reading and parsing them alone: {last['parse_only_seconds'] / first['parse_only_seconds']:.2f}x)")
    return 0 if all(r["within_target"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
