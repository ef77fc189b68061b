"""Build the site into a staging folder, check it, and only then publish it to site/.

On any failure the last good site/ stays complete and untouched.
Usage: python scripts/build_site.py [--site-dir site] [--engine mkdocs|zensical]

Every step runs in this one process (each step module's main(argv)), so the build pays Python's
start-up and imports once: see README "Benchmarks" for its cost against a bare `mkdocs build`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import shutil
import sys
import traceback
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = Path(__file__).resolve().parent
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# scripts/ on the path of any engine process: mkdocs.yml's markdown_extensions uses our affiliate_links extension.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(SCRIPTS), os.environ.get("PYTHONPATH"))))

# In order: build, then steps that change the built files, then the checks. Each is a scripts/ module
# whose main(argv) takes the staging folder. Steps that hash the final HTML come after every step that changes it.
STEPS = (
    # Publish only what readers use: no source maps, no unused search language bundles.
    "strip_search_languages",
    "strip_source_maps",
    "qr_codes",
    "review_due_notes",
    # Theme CSS the pages and scripts use, under a new fingerprinted name; the pages link to it.
    "purge_unused_css",
    # After every step that adds HTML, before the step that hashes it.
    "minify_site",
    # Last step that changes pages: it hashes the inline scripts of the final HTML into _headers.
    "security_headers",
    # After the last change to any file: .gz copies for nginx's gzip_static (not for the offline zip).
    "precompress",
    "check_site",
)


def mkdocs_build(staging: Path) -> int:
    """`mkdocs build --strict --clean -d staging`, in this process, with MkDocs' own messages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        build(load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(staging)), dirty=False)
    except MkDocsException as err:
        print(f"ERROR   -  {err}", file=sys.stderr)
        return 1
    finally:
        log.removeHandler(handler)
    return 0


def zensical_build(staging: Path) -> int:
    return call("zensical_build", [str(staging)])


def call(module: str, argv: list[str]) -> int:
    """A step module's main(argv); an exception is a failed step, never a published site."""
    try:
        return importlib.import_module(module).main(argv) or 0
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    except Exception:  # noqa: BLE001 - any crash fails the build, with its traceback
        traceback.print_exc()
        return 1


def publish(staging: Path, site: Path) -> None:
    """Swap the checked staging folder into place, keeping the old site until the swap is done."""
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", type=Path, help="the published output folder")
    parser.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs",
                        help="zensical: build the same mkdocs.yml with Zensical, then the same steps and checks")
    args = parser.parse_args(argv)
    site = (ROOT / args.site_dir).resolve()
    staging = site.with_name(site.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)

    engine: tuple[str, Callable[[Path], int]] = (
        ("mkdocs build --strict", mkdocs_build) if args.engine == "mkdocs"
        else ("zensical build --strict", zensical_build)
    )
    offline = os.environ.get("OFFLINE") == "true"
    steps = [engine] + [
        (f"{name}.py", lambda staging, name=name: call(name, [str(staging)]))
        for name in STEPS if not (offline and name == "precompress")
    ]
    for step, run in steps:
        print(f"▶ {step}", flush=True)
        if run(staging) != 0:
            shutil.rmtree(staging, ignore_errors=True)
            if step == engine[0]:  # the engine failed: still report every problem in the sources at once
                print("▶ check_site.py --sources-only", flush=True)
                call("check_site", ["--sources-only"])
            kept = "is untouched" if site.exists() else "was never built"
            print(f"❌ build failed at '{step}': nothing was published; the last good site in {args.site_dir}/ {kept}")
            return 1
        sys.stdout.flush()
    publish(staging, site)
    print(f"✅ built, checked and published to {args.site_dir}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
