"""Build the offline copy: the checked site with Material's offline plugin, zipped for a USB stick.

Runs the normal build (scripts/site_tools/build/run.py: build, QR codes, checks) with OFFLINE=true, which
turns on the offline plugin in mkdocs.yml, then zips the result outside site/.
Usage: python scripts/site_tools/build/offline_copy.py [--out dist/integration-after-oral-ketamine-therapy-offline.zip]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from site_tools.project import ROOT

NAME = "integration-after-oral-ketamine-therapy"
DEFAULT_OUT = ROOT / "dist" / f"{NAME}-offline.zip"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_OUT, type=Path, help="the zip file to write")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    with tempfile.TemporaryDirectory(prefix="offline-") as tmp:
        site = Path(tmp) / NAME
        env = dict(os.environ, OFFLINE="true")
        build = [sys.executable, "-m", "site_tools.build", "--site-dir", str(site)]
        if subprocess.run(build, cwd=ROOT, env=env).returncode != 0:
            print("❌ the offline copy was not made: the build failed (see above)")
            return 1
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        archive = shutil.make_archive(str(partial), "zip", root_dir=tmp, base_dir=NAME)
        os.replace(archive, out)
    print(f"✅ offline copy written to {out} — unzip it and open {NAME}/index.html in a browser")
    return 0


if __name__ == "__main__":
    sys.exit(main())
