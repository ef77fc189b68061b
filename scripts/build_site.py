"""Build the site into a staging folder, check it, and only then publish it to site/.

On any failure the last good site/ stays complete and untouched.
Usage: python scripts/build_site.py [--site-dir site]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = Path(__file__).resolve().parent


def run(step: str, cmd: list[str]) -> bool:
    print(f"▶ {step}", flush=True)
    env = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
    # scripts/ on the path: mkdocs.yml's markdown_extensions uses our affiliate_links extension.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(SCRIPTS), env.get("PYTHONPATH"))))
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode == 0


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

    python = sys.executable
    # In order: build, then steps that change the built files, then the checks.
    # Steps that hash the final HTML (such as CSP hashes) must come after every step that changes it.
    steps = [
        ("mkdocs build --strict", [python, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(staging)])
        if args.engine == "mkdocs"
        else ("zensical build --strict", [python, str(SCRIPTS / "zensical_build.py"), str(staging)]),
        # Publish only what readers use: no source maps, no unused search language bundles.
        ("strip_source_maps.py", [python, str(SCRIPTS / "strip_source_maps.py"), str(staging)]),
        ("strip_search_languages.py", [python, str(SCRIPTS / "strip_search_languages.py"), str(staging)]),
        ("qr_codes.py", [python, str(SCRIPTS / "qr_codes.py"), str(staging)]),
        ("review_due_notes.py", [python, str(SCRIPTS / "review_due_notes.py"), str(staging)]),
        # Theme CSS the pages and scripts use, under a new fingerprinted name; the pages link to it.
        ("purge_unused_css.py", [python, str(SCRIPTS / "purge_unused_css.py"), str(staging)]),
        # After every step that adds HTML, before the step that hashes it.
        ("minify_site.py", [python, str(SCRIPTS / "minify_site.py"), str(staging)]),
        # Last step that changes files: it hashes the inline scripts of the final HTML into _headers.
        ("security_headers.py", [python, str(SCRIPTS / "security_headers.py"), str(staging)]),
        # After the last change to any file: .gz copies for nginx's gzip_static (not for the offline zip).
        *([] if os.environ.get("OFFLINE") == "true" else
          [("precompress.py", [python, str(SCRIPTS / "precompress.py"), str(staging)])]),
        ("check_site.py", [python, str(SCRIPTS / "check_site.py"), str(staging)]),
    ]
    for step, cmd in steps:
        if not run(step, cmd):
            shutil.rmtree(staging, ignore_errors=True)
            if step == steps[0][0]:  # the engine failed: still report every problem in the sources at once
                run("check_site.py --sources-only", [python, str(SCRIPTS / "check_site.py"), "--sources-only"])
            kept = "is untouched" if site.exists() else "was never built"
            print(f"❌ build failed at '{step}': nothing was published; the last good site in {args.site_dir}/ {kept}")
            return 1
    publish(staging, site)
    print(f"✅ built, checked and published to {args.site_dir}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
