"""Build the same mkdocs.yml with Zensical into OUT_DIR (Zensical has no output-folder option).

Usage: python scripts/zensical_build.py OUT_DIR
Zensical comes from its own hash-locked venv (.venv-zensical, `make zensical`). It builds a copy of
mkdocs.yml, docs/ and overrides/ in a temporary folder, so it never writes into site/.
scripts/build_site.py --engine zensical runs this, then the same steps and checks as for MkDocs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = Path(os.environ.get("ZENSICAL", ROOT / ".venv-zensical" / "bin" / "zensical"))
PARTS = ("mkdocs.yml", "docs", "overrides")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to build into (replaced)")
    args = parser.parse_args(argv)
    if not ZENSICAL.exists():
        print(f"❌ Zensical not found at {ZENSICAL} — run 'make zensical'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="zensical-") as tmp:
        work = Path(tmp)
        for part in PARTS:
            src = ROOT / part
            if src.is_dir():
                shutil.copytree(src, work / part, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.exists():
                shutil.copy2(src, work / part)
        result = subprocess.run([str(ZENSICAL), "build", "--strict", "--clean"], cwd=work)
        if result.returncode != 0:
            print(f"❌ Zensical build failed (exit {result.returncode})")
            return 1
        out = args.out.resolve()
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(str(work / "site"), str(out))
    print(f"✅ Zensical built the site into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
