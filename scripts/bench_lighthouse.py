"""Run Lighthouse (mobile, the pinned npm package in tests/node) on a page and keep the figures we track.

Lighthouse drives Debian's Chromium (CHROME_PATH) with the same quiet flags as scripts/chromium.py,
so it never calls Google's hosts; its default form factor and throttling are mobile.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from chromium import FLAGS, INSTALL_HINT, chromium_path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tests" / "node" / "node_modules" / ".bin" / "lighthouse"
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


def run_lighthouse(url: str, timeout: int = 180) -> dict:
    """Lighthouse mobile on url; returns summarize()'s dict. Raises RuntimeError on failure."""
    why = lighthouse_missing()
    if why:
        raise RuntimeError(why)
    flags = ["--headless=new", *FLAGS]
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
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
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {report['runtimeError'].get('message')}")
    return summarize(report)
