"""Build the site into a staging folder, check it, and only then publish it to site/.

On any failure the last good site/ stays complete and untouched.
Usage: python -m site_tools.build [--site-dir site] [--engine mkdocs|zensical]

Every step runs in this one process (each step module's main(argv)), so the build pays Python's
start-up and imports once.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import traceback
from pathlib import Path

from site_tools.build.engine import ENGINES
from site_tools.build.publish import publish
from site_tools.project import ROOT

# In order: the engine, then steps that change the built files, then the checks. Each is a module whose
# main(argv) takes the staging folder. Steps that hash the final HTML come after every step that changes it.
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
    "site_tools.checks.run",
)
CHECK = "site_tools.checks.run"


def call(module: str, argv: list[str]) -> int:
    """A step module's main(argv); an exception is a failed step, never a published site."""
    try:
        return importlib.import_module(module).main(argv) or 0
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    except Exception:  # noqa: BLE001 - any crash fails the build, with its traceback
        traceback.print_exc()
        return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", type=Path, help="the published output folder")
    parser.add_argument("--engine", choices=tuple(ENGINES), default="mkdocs",
                        help="zensical: build the same mkdocs.yml with Zensical, then the same steps and checks")
    args = parser.parse_args(argv)
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site = (ROOT / args.site_dir).resolve()
    staging = site.with_name(site.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)

    engine = f"{args.engine} build --strict"
    offline = os.environ.get("OFFLINE") == "true"
    steps = [(engine, ENGINES[args.engine])] + [
        (name, lambda staging, name=name: call(name, [str(staging)]))
        for name in STEPS if not (offline and name.endswith(".precompress"))
    ]
    for step, run in steps:
        print(f"▶ {step}", flush=True)
        if run(staging) != 0:
            shutil.rmtree(staging, ignore_errors=True)
            if step == engine:  # the engine failed: still report every problem in the sources at once
                print(f"▶ {CHECK} --sources-only", flush=True)
                call(CHECK, ["--sources-only"])
            kept = "is untouched" if site.exists() else "was never built"
            print(f"❌ build failed at '{step}': nothing was published; the last good site in {args.site_dir}/ {kept}")
            return 1
        sys.stdout.flush()
    publish(staging, site)
    print(f"✅ built, checked and published to {args.site_dir}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
