"""Benchmark the site against stock Material for MkDocs built from the same Markdown in the same run.

Usage: python -m site_tools.bench           (make bench: everything; writes bench/results.json and the
                                            figures section of scripts/site_tools/bench/README.md)
       python -m site_tools.bench --quick   (make bench-quick: only the machine-independent budgets,
                                            on the already built site/; writes bench/quick.json only)

Measures page weight from real Chromium loads through the project's nginx configuration (gzip as
in production), Lighthouse mobile, build cost and check cost, then prints one ✅ or ❌ line per
budget and exits 1 when any budget fails (2 when it cannot run).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from site_tools.project import ROOT

KB = 1000  # bytes; the budgets and tables use decimal kilobytes, as Chromium's DevTools does

# Lighthouse runs on the home page and two content pages of both sites.
LIGHTHOUSE_PAGES = ("", "understanding-ketamine/", "strategies/journaling/")
# Runs a page in the full benchmark; the median run is kept (scripts/site_tools/bench/lighthouse.py). The quick mode's
# categories do not vary from run to run, so it runs each page once.
LIGHTHOUSE_RUNS = 3
BUILD_SIZES = (100, 500, 1000)
CHECK_PAGES = 1000  # generated pages for the check cost (check_cost.py)
# The full run rewrites the part of the benchmarks' README between these two lines.
README = Path(__file__).with_name("README.md")
FIGURES_START = "<!-- figures written by make bench: start -->"
FIGURES_END = "<!-- figures written by make bench: end -->"


@dataclass(frozen=True)
class Budget:
    name: str
    limit: float
    higher_is_better: bool
    quick: bool  # machine-independent: checked by --quick (and so by make test)
    unit: str = ""

    def passes(self, value: float | None) -> bool:
        if value is None:
            return False
        return value >= self.limit if self.higher_is_better else value <= self.limit


BUDGETS = {
    "third_party": Budget("third-party requests, on every page", 0, False, True),
    # 78 KB since the tiered urgent-help card on every page and the keyboard menu script (issue 14) added
    # 2.9 KB; stock Material's heaviest first view is 82.5 KB (README.md).
    "first_view_kb": Budget("first view transferred with gzip, heaviest page", 78, False, True, " KB"),
    "render_blocking_kb": Budget("render-blocking bytes (HTML + stylesheets), heaviest page", 32, False, True, " KB"),
    "accessibility": Budget("Lighthouse mobile accessibility, lowest page", 100, True, True),
    "best-practices": Budget("Lighthouse mobile best practices, lowest page", 100, True, True),
    "seo": Budget("Lighthouse mobile SEO, lowest page", 100, True, True),
    "cls": Budget("cumulative layout shift, highest page", 0, False, True),
    "performance": Budget("Lighthouse mobile performance, lowest page", 98, True, False),
    "build_ratio": Budget("make build time / bare mkdocs build time", 1.3, False, False, "x"),
    "check_percent": Budget(f"check time / bare mkdocs build time, {CHECK_PAGES:,} generated pages",
                            5, False, False, " %"),
}


_START = time.perf_counter()


def log(message: str) -> None:
    print(f"{message}  [{time.perf_counter() - _START:.0f} s]", file=sys.stderr, flush=True)


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def build_site(dest: Path) -> Path:
    """The project's own build (what make build runs) into dest."""
    done = subprocess.run([sys.executable, "-m", "site_tools.build", "--site-dir", str(dest)],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the site does not build:\n{(done.stdout + done.stderr)[-2000:]}")
    return dest


# --- measuring -------------------------------------------------------------------------------------------

def measure_weights(sites: dict[str, Path]) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    from site_tools.bench.page_weight import measure_site, site_pages
    from site_tools.serving.chromium import launch
    from site_tools.serving.nginx import serve

    results = {}
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            for name, folder in sites.items():
                log(f"▶ page weight: {name} ({folder})")
                with serve(folder) as base:
                    results[name] = [w.as_dict() for w in measure_site(browser, base, site_pages(folder))]
        finally:
            browser.close()
    return results


def measure_lighthouse(sites: dict[str, Path], pages: tuple[str, ...], runs: int) -> dict[str, list[dict]]:
    from site_tools.bench.lighthouse import run_lighthouse
    from site_tools.serving.nginx import serve

    results: dict[str, list[dict]] = {}
    for name, folder in sites.items():
        with serve(folder) as base:
            for page in pages:
                log(f"▶ lighthouse: {name} /{page}")
                results.setdefault(name, []).append({"page": "/" + page, **run_lighthouse(base + page, runs)})
    return results


def measure_check(pages: int) -> dict:
    """The check's time as a share of a bare mkdocs build (check_cost.py), in a fresh Python process, as the
    builds are: this process's own memory (Playwright, the Lighthouse results) would slow the check's parse."""
    log(f"▶ check cost: {pages} generated pages, a bare mkdocs build and the check")
    done = subprocess.run([sys.executable, "-m", "site_tools.bench.check_cost", "--json", "--pages", str(pages)],
                          capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1 is a missed budget, still a measurement
        return {"error": f"check_cost.py failed: {(done.stdout + done.stderr).strip()[-300:]}"}
    return json.loads(done.stdout)


# --- summarising -----------------------------------------------------------------------------------------

def figures(results: dict) -> dict[str, float | None]:
    """The site's figure for each budget (worst page), from the raw results."""
    out: dict[str, float | None] = {}
    weights = results.get("weight", {}).get("site")
    if weights:
        out["third_party"] = max(w["third_party"] for w in weights)
        out["first_view_kb"] = round(max(w["bytes"] for w in weights) / KB, 3)
        out["render_blocking_kb"] = round(max(w["render_blocking"] for w in weights) / KB, 3)
    runs = results.get("lighthouse", {}).get("site")
    if runs:
        for category in ("performance", "accessibility", "best-practices", "seo"):
            scores = [r["scores"][category] for r in runs]
            out[category] = None if None in scores else min(scores)
        out["cls"] = max(r["cls"] for r in runs)
    build = results.get("build", {}).get("full_vs_bare")
    if build:
        out["build_ratio"] = build["ratio"]
    check = results.get("check")
    if check is not None:
        out["check_percent"] = check.get("check_percent")
    return out


def kb(value: int) -> str:
    return f"{value / KB:.1f}"


def ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}x" if base else "-"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, so the README can carry the same output."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def summary(results: dict) -> str:
    """One row per figure, the site beside stock Material and the budget: the README's table."""
    def worst(name: str, key: str, pick=max):
        rows = results.get("weight", {}).get(name) or []
        return pick(w[key] for w in rows) if rows else None

    def home(name: str, key: str):
        rows = [w for w in results.get("weight", {}).get(name) or [] if w["page"] == "/"]
        return rows[0][key] if rows else None

    def lh(name: str, key: str, pick=min):
        runs = results.get("lighthouse", {}).get(name) or []
        values = [r["scores"][key] if key in r["scores"] else r[key] for r in runs]
        return pick(values) if values and None not in values else None

    def show(value, fmt="{}") -> str:
        return "-" if value is None else fmt.format(value)

    limits = {k: ("≥ " if b.higher_is_better else "≤ ") + f"{b.limit:g}{b.unit}" for k, b in BUDGETS.items()}
    def kbs(value) -> str:
        return show(value if value is None else value / KB, "{:.1f}")

    sites = ("site", "stock")
    rows = [
        ["first view, gzip KB: heaviest page (home)",
         *(f"{kbs(worst(n, 'bytes'))} ({kbs(home(n, 'bytes'))})" for n in sites), limits["first_view_kb"]],
        ["same files, brotli KB: heaviest page", *(kbs(worst(n, "brotli")) for n in sites), "-"],
        ["requests per page, most", *(show(worst(n, "requests")) for n in sites), "-"],
        ["third-party requests per page, most", *(show(worst(n, "third_party")) for n in sites), limits["third_party"]],
        ["render-blocking KB (HTML + stylesheets), heaviest",
         *(kbs(worst(n, "render_blocking")) for n in sites), limits["render_blocking_kb"]],
    ]
    for key, label in (("performance", "Lighthouse mobile performance, lowest of 3 pages"),
                       ("accessibility", "Lighthouse accessibility, lowest"),
                       ("best-practices", "Lighthouse best practices, lowest"), ("seo", "Lighthouse SEO, lowest")):
        rows.append([label, show(lh("site", key)), show(lh("stock", key)), limits[key]])
    rows.append(["LCP ms, slowest", show(lh("site", "lcp_ms", max), "{:.0f}"), show(lh("stock", "lcp_ms", max), "{:.0f}"), "-"])
    rows.append(["CLS, highest", show(lh("site", "cls", max)), show(lh("stock", "cls", max)), limits["cls"]])
    rows.append(["TBT ms, highest", show(lh("site", "tbt_ms", max), "{:.0f}"), show(lh("stock", "tbt_ms", max), "{:.0f}"), "-"])
    values = figures(results)
    if "build_ratio" in values:
        rows.append(["make build / bare mkdocs build", f"{values['build_ratio']:.2f}x", "1.00x", limits["build_ratio"]])
    if "check_percent" in values:
        rows.append([f"check / bare mkdocs build, {CHECK_PAGES:,} generated pages",
                     show(values["check_percent"], "{:.2f} %"), "-", limits["check_percent"]])
    return table(["figure", "this site", "stock Material", "budget"], rows)


def report(results: dict) -> str:
    parts = []
    if results.get("weight"):
        parts.append("Summary (KB = 1,000 bytes):\n\n" + summary(results))
    weight = results.get("weight", {})
    site = weight.get("site", [])
    stock = {w["page"]: w for w in weight.get("stock", [])}
    if site:
        rows = []
        for w in site:
            s = stock.get(w["page"])
            rows.append([
                w["page"], w["requests"], w["third_party"], kb(w["bytes"]), kb(w["brotli"]), kb(w["render_blocking"]),
                *( [s["requests"], s["third_party"], kb(s["bytes"]), kb(s["render_blocking"]), ratio(w["bytes"], s["bytes"])]
                   if s else ["-"] * 5),
            ])
        parts.append("Page weight, first view (KB = 1,000 bytes; gzip as served by deploy/nginx.conf):\n\n" + table(
            ["page", "requests", "3rd-party", "gzip KB", "brotli KB", "render-blocking KB",
             "stock requests", "stock 3rd-party", "stock gzip KB", "stock render-blocking KB", "gzip vs stock"], rows))
    lighthouse = results.get("lighthouse", {})
    if lighthouse:
        rows = []
        for name, runs in lighthouse.items():
            for r in runs:
                sc = r["scores"]
                perf = sc["performance"]
                if r.get("performance_runs"):
                    perf = f"{perf} ({', '.join(map(str, r['performance_runs']))})"
                rows.append([name, r["page"], perf, sc["accessibility"], sc["best-practices"], sc["seo"],
                             f"{r['lcp_ms']:.0f}", r["cls"], f"{r['tbt_ms']:.0f}",
                             ", ".join(a for cat in r["failing_audits"].values() for a in cat) or "-"])
        runs_each = max((r.get("runs", 1) for runs in lighthouse.values() for r in runs), default=1)
        how = (f" the median of {runs_each} runs a page (each run's performance score in brackets); "
               "a11y, best practices, SEO and CLS: the worst run" if runs_each > 1 else "")
        parts.append(f"Lighthouse 12.2.3, mobile{how}:\n\n" + table(
            ["site", "page", "perf", "a11y", "best pract.", "SEO", "LCP ms", "CLS", "TBT ms", "audits below 100%"], rows))
    build = results.get("build")
    if build:
        fb = build["full_vs_bare"]
        rows = [["make build (build + steps + checks)", f"{fb['full_build_s']:.2f} s", f"{fb['ratio']:.2f}x bare mkdocs build"],
                ["bare mkdocs build", f"{fb['bare_mkdocs_s']:.2f} s", "1.00x"]]
        for engine, entry in build["generated"].items():
            times = ", ".join(f"{n} pages {s:.1f} s" for n, s in entry["seconds"].items())
            slope = f"{entry['ms_per_page']} ms/page" if entry.get("ms_per_page") is not None else "-"
            rows.append([f"{engine}, generated pages", times or entry.get("error", "-"), slope])
        parts.append("Build cost:\n\n" + table(["what", "time", "ratio / slope"], rows))
    check = results.get("check")
    if check:
        if "error" in check:
            parts.append(f"Check cost: {check['error']}")
        else:
            rows = [[f"{check['pages']:,}", f"{check['bare_build_s']:.2f} s", f"{check['check_s']:.2f} s",
                     f"{check['check_percent']:.2f} %", f"≤ {check['budget_percent']} %"]]
            parts.append(f"Check cost (fastest of {check['runs']} runs each):\n\n" + table(
                ["pages", "bare mkdocs build", "check", "check / build", "budget"], rows))
    m = results["machine"]
    parts.append(f"Machine: {m['nproc']} CPU(s), {m['cpu']}, Python {m['python']}, {m['date']}.")
    return "\n\n".join(parts)


def with_figures(readme_text: str, figures_text: str) -> str:
    """readme_text with figures_text between FIGURES_START and FIGURES_END; the rest stays as it is.
    Raises ValueError when the markers are missing or out of order."""
    start, end = readme_text.find(FIGURES_START), readme_text.find(FIGURES_END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no '{FIGURES_START}' line followed by a '{FIGURES_END}' line "
                         "— put both back where the figures belong")
    head = readme_text[:start + len(FIGURES_START)]
    return f"{head}\n\n{figures_text.strip()}\n\n{readme_text[end:]}"


def judge(results: dict, quick: bool) -> tuple[list[str], bool]:
    values = figures(results)
    lines, ok = [], True
    for key, budget in BUDGETS.items():
        if quick and not budget.quick:
            continue
        value = values.get(key)
        op = ">=" if budget.higher_is_better else "<="
        if budget.passes(value):
            lines.append(f"✅ {budget.name}: {value}{budget.unit} ({op} {budget.limit:g}{budget.unit})")
        else:
            ok = False
            shown = "not measured" if value is None else f"{value}{budget.unit}"
            lines.append(f"❌ {budget.name}: {shown} — budget {op} {budget.limit:g}{budget.unit}")
    return lines, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="only the machine-independent budgets, on the built SITE (for make test)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="--quick: the built site to check")
    parser.add_argument("--out", type=Path, help="where to write the JSON (default bench/results.json, "
                        "bench/quick.json with --quick)")
    parser.add_argument("--readme", type=Path, default=README,
                        help="the full run writes its figures into this README, between the marker lines")
    args = parser.parse_args(argv)
    if not args.quick:
        try:  # before a run of several minutes, not after it
            with_figures(args.readme.read_text(encoding="utf-8"), "")
        except (OSError, ValueError) as err:
            print(f"❌ {args.readme}: {err}", file=sys.stderr)
            return 2
    out = args.out or ROOT / "bench" / ("quick.json" if args.quick else "results.json")
    started = time.perf_counter()
    results: dict = {"mode": "quick" if args.quick else "full", "machine": machine()}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            if args.quick:
                if not (args.site / "index.html").exists():
                    print(f"❌ {args.site}: no built site — run 'make build' first", file=sys.stderr)
                    return 2
                sites = {"site": args.site.resolve()}
            else:
                from site_tools.bench.stock_material import build_stock_material

                log("▶ building the site and stock Material")
                sites = {"site": build_site(Path(tmp) / "site"), "stock": build_stock_material(Path(tmp) / "stock")}
            results["weight"] = measure_weights(sites)
            results["lighthouse"] = measure_lighthouse(sites, LIGHTHOUSE_PAGES, 1 if args.quick else LIGHTHOUSE_RUNS)
        if not args.quick:
            from site_tools.bench.build_cost import full_vs_bare, generated_sites

            log("▶ build cost: make build against a bare mkdocs build")
            results["build"] = {"full_vs_bare": full_vs_bare()}
            log(f"▶ build cost: {', '.join(map(str, BUILD_SIZES))} generated pages, mkdocs and zensical")
            results["build"]["generated"] = generated_sites(BUILD_SIZES)
            results["check"] = measure_check(CHECK_PAGES)
    except RuntimeError as err:
        print(f"❌ benchmark could not run: {err}", file=sys.stderr)
        return 2
    results["figures"] = figures(results)
    lines, ok = judge(results, args.quick)
    results["budgets"] = lines
    results["seconds"] = round(time.perf_counter() - started, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    verdict = "all budgets met" if ok else "budget(s) failed"
    text = report(results) + "\n\nBudgets:\n\n" + "\n".join(f"- {line}" for line in lines)
    print(text)
    if not args.quick:
        args.readme.write_text(with_figures(args.readme.read_text(encoding="utf-8"), text), encoding="utf-8")
    written = [shown(out)] + ([] if args.quick else [shown(args.readme)])
    print(f"{'✅' if ok else '❌'} {verdict} ({results['mode']} run, {results['seconds']} s; "
          f"figures in {' and '.join(written)})")
    return 0 if ok else 1


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    sys.exit(main())
