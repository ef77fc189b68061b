"""Check cost: the time the check takes on 1,000 generated pages, as a share of a bare `mkdocs build` of them.

Usage: python -m site_tools.bench.check_cost [--json] [--pages N] [--runs R]

The budget: the check takes at most 5% of the time of the bare build (BUDGET_PERCENT).
Both are timed in the same run, on the same pages, so a busy machine slows both alike:
1. generated_pages.py makes a copy of the project with N generated pages (default 1,000), in nav sections
   of 25 with Material's navigation.prune, so each page carries the nav around it, not all 1,000 entries;
2. a bare `mkdocs build` builds it, in a fresh process, as a contributor would run it;
3. the check (site_tools.checks.run.run_checks) reads the sources and every page of that build.
This repeats R times (default 2), and the fastest time of each counts. make bench (run.py) runs this
module with --json in a process of its own. Exit 1 when the budget is missed, 2 when it cannot run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from site_tools.bench.build_cost import timed
from site_tools.bench.generated_pages import make_project
from site_tools.checks.run import run_checks
from site_tools.findings import errors

PAGES = 1000
RUNS = 2
SECTION_PAGES = 25  # generated pages a nav section (generated_pages.py: a pruned nav)
BUDGET_PERCENT = 5  # the check's time as a percentage of the bare build's time; also in run.py's BUDGETS


def bare_build(project: Path, site: Path) -> float:
    """Seconds for a plain `mkdocs build` of the project into site (no post-build steps, no checks)."""
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "--clean", "-d", str(site)], project)


def measure(pages: int = PAGES, runs: int = RUNS, check=run_checks) -> dict:
    """Build `pages` generated pages and check them, `runs` times; the fastest of each, and their ratio.

    check is the function under test (run_checks); a test passes a slow one to see the budget fail.
    Raises RuntimeError when the build fails or the check finds a problem in the generated pages."""
    builds: list[float] = []
    checks: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        project = make_project(Path(tmp) / "project", pages, sections_of=SECTION_PAGES)
        site = project / "site"
        for _ in range(runs):
            builds.append(bare_build(project, site))
            start = time.perf_counter()
            run = check(site, project / "mkdocs.yml")
            checks.append(time.perf_counter() - start)
            failed = errors(run.findings)
            if failed:
                raise RuntimeError(f"the generated pages should pass the check, but: {failed[0]}")
    bare, checking = min(builds), min(checks)
    percent = round(checking / bare * 100, 2)  # the figure run.py judges, rounded as it is shown
    return {
        "generated_pages": pages,
        "pages": run.pages,  # the generated pages and the site's own
        "sources": run.sources,
        "runs": runs,
        "bare_build_s": round(bare, 3),
        "check_s": round(checking, 3),
        "check_percent": percent,
        "budget_percent": BUDGET_PERCENT,
        "within_budget": percent <= BUDGET_PERCENT,
    }


def describe(result: dict) -> str:
    mark = "✅" if result["within_budget"] else "❌"
    return (f"{mark} the check took {result['check_s']:.2f} s on {result['pages']} pages: "
            f"{result['check_percent']:.2f}% of a bare mkdocs build ({result['bare_build_s']:.1f} s); "
            f"budget {result['budget_percent']}% (fastest of {result['runs']} runs each)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=PAGES, help=f"generated pages (default {PAGES})")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"builds and checks, alternating (default {RUNS})")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (run.py reads them)")
    args = parser.parse_args(argv)
    if args.pages < 1 or args.runs < 1:
        parser.error("--pages and --runs must be 1 or more")
    try:
        result = measure(args.pages, args.runs)
    except RuntimeError as err:
        print(f"❌ check cost could not be measured: {err}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else describe(result))
    return 0 if result["within_budget"] else 1


if __name__ == "__main__":
    sys.exit(main())
