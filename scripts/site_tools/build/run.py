"""Build the site into a staging folder, check it, and only then publish it to site/.

On any failure the last good site/ stays complete and untouched, and the staging folder is removed.
Usage: python -m site_tools.build [--site-dir site] [--engine mkdocs|zensical] [--json] [--release]
--release (make release) adds one last step, release_ready: no placeholder site_url, no empty publisher.

Every step runs in this one process, so the build pays Python's start-up and imports once. A step is a module
with run(site) -> StepResult (findings.py); a step that has only main(argv) is called with the staging folder.
The build collects every step's findings and prints them once, with the one printer (findings.report):
as text, or with --json as one JSON document covering every step (progress then goes to stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import shutil
import sys
from pathlib import Path

from site_tools.build.engine import ENGINES
from site_tools.build.publish import publish
from site_tools.crashes import SHOW_TRACEBACK, describe, print_traceback
from site_tools.findings import CannotRun, Finding, StepResult, errors, from_line, report
from site_tools.project import MKDOCS_YML, ROOT

# In order, after the engine: steps that change the built files, then the checks. Each is a module whose
# run(site) (or main([site])) takes the staging folder. Steps that hash the final HTML come after every step
# that changes it. The build stops at the first step that reports an error.
STEPS = (
    # Publish only what readers use: no source maps, no unused search language bundles.
    "site_tools.build.strip_search_languages",
    "site_tools.build.strip_source_maps",
    "site_tools.build.qr_codes",
    "site_tools.build.review_due_notes",
    # Theme CSS the pages and scripts use, under a new fingerprinted name; the pages link to it.
    "site_tools.build.purge_unused_css",
    # After every step that adds HTML, before the step that hashes it.
    "site_tools.build.minify",
    # Last step that changes pages: it hashes the inline scripts of the final HTML into _headers.
    "site_tools.build.security_headers",
    # After the last change to any file: .gz copies for nginx's gzip_static (not for the offline zip).
    "site_tools.build.precompress",
    # A build that would break an address the site ever published never publishes.
    "site_tools.checks.published_urls",
    "site_tools.checks.run",
)
CHECK = "site_tools.checks.run"
RELEASE = "site_tools.build.release_ready"  # only with --release, after everything else
# Not for the offline zip: no server sends its .gz files, and it is never published at the site's addresses
# (its pages are plain .html files).
NOT_OFFLINE = ("site_tools.build.precompress", "site_tools.checks.published_urls")


def run_check(site: Path | None) -> StepResult:
    """The check (checks/run.py): on the sources alone when site is None (before the engine), else on the
    built pages (the sources passed already)."""
    from site_tools.checks.run import run_checks

    checked = run_checks(site, MKDOCS_YML, sources=site is None)
    scope = f"{checked.sources} source(s)" if site is None else f"{checked.pages} page(s)"
    return StepResult(list(checked.findings), f"checked {scope}")


def run_main(module, site: Path) -> StepResult:
    """A step that has only main(argv): its own messages are its report; a non-zero exit is its finding."""
    try:
        code = module.main([str(site)]) or 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    if code == 0:
        return StepResult([], "")  # its own messages said what it did
    return StepResult([Finding(step_file(module.__name__), None, f"the step failed (exit {code})",
                               "see its messages above", module.__name__)], "failed")


def step_file(name: str) -> str:
    return "scripts/" + name.replace(".", "/") + ".py"


def run_step(name: str, site: Path | None) -> StepResult:
    """One step on the staging folder. A step that cannot run or crashes is a finding, never a published site."""
    cannot_run: tuple[type[Exception], ...] = (CannotRun,)
    try:
        if name == CHECK:
            from site_tools.checks import run as checks_run

            cannot_run += (getattr(checks_run, "CannotRun", CannotRun),)
            return run_check(site)
        module = importlib.import_module(name)
        return module.run(site) if hasattr(module, "run") else run_main(module, site)
    except cannot_run as err:
        return StepResult([from_line(str(err), name)], "could not run")
    except Exception as err:  # noqa: BLE001 - any crash (RecursionError too) fails the build, in one line
        print_traceback(err)
        return StepResult([Finding(step_file(name), None, f"the step crashed: {describe(err)}",
                                   f"this is a bug in the step, not in the pages; {SHOW_TRACEBACK}", name)],
                          "crashed")


def run_engine(engine: str, staging: Path) -> StepResult:
    """The engine's findings: why it stopped, with the file and line (build/engine_errors.py)."""
    found = ENGINES[engine](staging)
    return StepResult(found, "failed" if found else f"{engine} built the site")


def build(engine: str, staging: Path, log, release: bool = False) -> tuple[list[Finding], list[dict], str | None]:
    """Check the sources, then run the engine and every step into staging until one fails:
    (findings, what each step did, failed step). Bad sources never reach the engine, so every problem in
    them is reported at once, in a second, with its file and line."""
    found: list[Finding] = []
    done: list[dict] = []
    offline = os.environ.get("OFFLINE") == "true"
    sources, engine_step = f"{CHECK} --sources-only", f"{engine} build --strict"
    steps = [sources, engine_step] + [s for s in STEPS if not (offline and s in NOT_OFFLINE)] + [RELEASE] * release
    for step in steps:
        print(f"▶ {step}", file=log, flush=True)
        if step == sources:
            result = run_step(CHECK, None)
        elif step == engine_step:
            result = run_engine(engine, staging)
        else:
            result = run_step(step, staging)
        found += result.findings
        failed = bool(errors(result.findings))
        done.append({"step": step, "ok": not failed, "done": result.done})
        if result.done:
            print(f"  {'❌' if failed else '✅'} {result.done}", file=log, flush=True)
        if failed:
            return found, done, step
    return found, done, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", type=Path, help="the published output folder")
    parser.add_argument("--engine", choices=tuple(ENGINES), default="mkdocs",
                        help="zensical: build the same mkdocs.yml with Zensical, then the same steps and checks")
    parser.add_argument("--json", action="store_true", help="print every step's findings as one JSON document")
    parser.add_argument("--release", action="store_true",
                        help="for publishing: refuse a placeholder site_url or an empty publisher block")
    args = parser.parse_args(argv)
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site = (ROOT / args.site_dir).resolve()
    staging = site.with_name(site.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)

    # With --json, stdout holds only the JSON document: progress and the steps' own messages go to stderr.
    log = sys.stderr if args.json else sys.stdout
    try:
        with contextlib.redirect_stdout(log):
            found, done, failed_at = build(args.engine, staging, log, args.release)
        if failed_at is None:
            publish(staging, site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    kept = "is untouched" if site.exists() else "was never built"
    return report(found, f"built, checked and published to {args.site_dir}/", sys.stdout, args.json,
                  failure=f"build failed at '{failed_at}': nothing was published; the last good site in "
                          f"{args.site_dir}/ {kept}",
                  published=failed_at is None, site=str(args.site_dir), steps=done)


if __name__ == "__main__":
    sys.exit(main())
