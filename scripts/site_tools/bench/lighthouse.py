"""Run Lighthouse (mobile, the pinned npm package in scripts/node) on a page and keep the figures we track.

Lighthouse drives Debian's Chromium (CHROME_PATH) with the same quiet flags as scripts/site_tools/serving/chromium.py,
so it never calls Google's hosts; its default form factor and throttling are mobile. Its performance score
varies from run to run with the machine's load, so scripts/site_tools/bench/run.py runs it several times a page and keeps
the median run, as Lighthouse's docs advise (docs/variability.md: "Run Lighthouse multiple times").
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from site_tools.serving.chromium import FLAGS, INSTALL_HINT, chromium_path
from site_tools.project import NODE_MODULES, ROOT

LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
MEDIAN_RUN = NODE_MODULES / "lighthouse" / "core" / "lib" / "median-run.js"
MEDIAN_PICKER = Path(__file__).resolve().with_name("lighthouse_median.mjs")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"lcp_ms": "largest-contentful-paint", "cls": "cumulative-layout-shift", "tbt_ms": "total-blocking-time"}


def lighthouse_missing() -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if not LIGHTHOUSE.exists():
        return f"{LIGHTHOUSE.relative_to(ROOT)} is missing — run 'make node'"
    if chromium_path() is None:
        return f"Chromium is not installed — {INSTALL_HINT}"
    return None


def summarize(report: dict) -> dict:
    """The four category scores (0-100) and LCP, CLS and TBT from a Lighthouse JSON report."""
    cats = report["categories"]
    audits = report["audits"]
    scores = {name: round(cats[name]["score"] * 100) if cats[name]["score"] is not None else None
              for name in CATEGORIES}
    metrics = {key: audits[audit].get("numericValue") for key, audit in METRICS.items()}
    metrics["cls"] = round(metrics["cls"], 4) if metrics["cls"] is not None else None
    failing = {
        name: sorted(ref["id"] for ref in cats[name]["auditRefs"]
                     if ref.get("weight") and (audits[ref["id"]].get("score") is not None)
                     and audits[ref["id"]]["score"] < 1)
        for name in CATEGORIES
    }
    return {"scores": scores, **metrics, "failing_audits": failing}


def median_run(report_paths: list[Path]) -> int:
    """Which of several runs' reports is the median run, as Lighthouse's own computeMedianRun picks it
    (scripts/lighthouse_median.mjs)."""
    done = subprocess.run(["node", str(MEDIAN_PICKER), str(MEDIAN_RUN), *map(str, report_paths)],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0 or not done.stdout.strip().isdigit():
        raise RuntimeError(f"picking the median Lighthouse run failed: {done.stderr.strip()[-800:]}")
    return int(done.stdout)


def combine(summaries: list[dict], median: int) -> dict:
    """One page's figures from several runs. The performance score and timings vary with the machine's
    load, so they come from the median run. Accessibility, best practices, SEO and CLS do not; the worst run
    is kept for them, so a failing run is never hidden."""
    median_summary = summaries[median]
    out = dict(median_summary, scores=dict(median_summary["scores"]), failing_audits=dict(median_summary["failing_audits"]))
    for name in CATEGORIES[1:]:
        scores = [s["scores"][name] for s in summaries]
        out["scores"][name] = None if None in scores else min(scores)
        out["failing_audits"][name] = sorted({a for s in summaries for a in s["failing_audits"][name]})
    out["cls"] = max(s["cls"] for s in summaries) if None not in [s["cls"] for s in summaries] else None
    out["runs"] = len(summaries)
    out["performance_runs"] = [s["scores"]["performance"] for s in summaries]
    return out


def run_lighthouse(url: str, runs: int = 1, timeout: int = 180) -> dict:
    """Lighthouse mobile on url, `runs` times; returns summarize()'s dict (combine()'s for several runs).
    Raises RuntimeError on failure."""
    why = lighthouse_missing()
    if why:
        raise RuntimeError(why)
    flags = ["--headless=new", *FLAGS]
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        paths = []
        for n in range(runs):
            out = Path(tmp) / f"report-{n}.json"
            cmd = [
                str(LIGHTHOUSE), url,
                "--quiet", "--output=json", f"--output-path={out}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={' '.join(flags)}",
            ]
            env = dict(os.environ, CHROME_PATH=str(chromium_path()), TMPDIR=tmp)
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
            if done.returncode != 0 or not out.exists():
                raise RuntimeError(f"lighthouse failed on {url}: {done.stderr.strip()[-800:]}")
            paths.append(out)
        summaries = []
        for path in paths:
            report = json.loads(path.read_text(encoding="utf-8"))
            if report.get("runtimeError"):
                raise RuntimeError(f"lighthouse on {url}: {report['runtimeError'].get('message')}")
            summaries.append(summarize(report))
        if runs == 1:
            return summaries[0]
        return combine(summaries, median_run(paths))
