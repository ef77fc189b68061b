"""Build cost: the full build (build, post-build steps and checks) against a bare `mkdocs build`, and
build time for generated sites of growing size with MkDocs and with Zensical, with the slope per page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from site_tools.bench.generated_pages import make_project

from site_tools.project import ROOT, ZENSICAL

ENV = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")


def timed(cmd: list[str], cwd: Path) -> float:
    """Wall time of one run of cmd, in seconds; raises RuntimeError when it fails."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {done.returncode}):\n{(done.stdout + done.stderr)[-1500:]}")
    return elapsed


def full_vs_bare(runs: int = 5) -> dict:
    """`make build`'s work (scripts/site_tools/build/run.py) against `mkdocs build` of the same docs. The two alternate,
    so both meet the same moments of a busy machine; the fastest run of each counts."""
    full_cmd = [sys.executable, "-m", "site_tools.build", "--site-dir", "{tmp}/site"]
    bare_cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "{tmp}/bare"]
    full: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for _ in range(runs):
            full.append(timed([part.format(tmp=tmp) for part in full_cmd], ROOT))
            bare.append(timed([part.format(tmp=tmp) for part in bare_cmd], ROOT))
    return {"full_build_s": round(min(full), 3), "bare_mkdocs_s": round(min(bare), 3),
            "ratio": round(min(full) / min(bare), 2)}


def zensical_missing() -> str | None:
    return None if ZENSICAL.exists() else f"not available: {ZENSICAL.relative_to(ROOT)} is missing — run 'make zensical'"


def engine_command(engine: str, out: Path) -> list[str]:
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--clean", "-d", str(out)]
    return [str(ZENSICAL), "build", "--strict", "--clean"]


def slope(points: list[tuple[int, float]]) -> float | None:
    """Least-squares seconds per page through (pages, seconds) points."""
    if len(points) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var if var else None


def generated_sites(sizes: tuple[int, ...] = (100, 500, 1000)) -> dict:
    """Build time per engine for each size, and the slope in milliseconds per page."""
    results: dict[str, dict] = {}
    missing = zensical_missing()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        for size in sizes:
            project = make_project(Path(tmp) / f"p{size}", size)
            for engine in ("mkdocs", "zensical"):
                entry = results.setdefault(engine, {"seconds": {}})
                if engine == "zensical" and missing:
                    entry["error"] = missing
                    continue
                try:
                    entry["seconds"][str(size)] = round(timed(engine_command(engine, project / "out"), project), 3)
                except RuntimeError as err:
                    entry["error"] = f"failed at {size} pages: {str(err).strip().splitlines()[-1]}"
            shutil.rmtree(project, ignore_errors=True)
    for entry in results.values():
        points = [(int(k), v) for k, v in entry["seconds"].items()]
        per_page = slope(points)
        entry["ms_per_page"] = round(per_page * 1000, 2) if per_page is not None else None
    return results
