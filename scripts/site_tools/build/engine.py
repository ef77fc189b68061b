"""Run the site engine into a folder: MkDocs (in this process) or Zensical (from .venv-zensical).

Both build the same mkdocs.yml. Zensical has no output-folder option, so it builds a copy of
mkdocs.yml, docs/ and overrides/ in a temporary folder, and never writes into site/.
Usage: python -m site_tools.build.engine OUT_DIR [--engine mkdocs|zensical]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from site_tools.project import MKDOCS_YML, ROOT, ZENSICAL

PARTS = ("mkdocs.yml", "docs", "overrides")


def mkdocs_build(out: Path) -> int:
    """`mkdocs build --strict --clean -d out`, in this process, with MkDocs' own messages."""
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        build(load_config(str(MKDOCS_YML), strict=True, site_dir=str(out)), dirty=False)
    except (MkDocsException, TemplateError) as err:  # such as overrides/main.html's guard against theme upgrades
        print(f"ERROR   -  {err}", file=sys.stderr)
        return 1
    finally:
        log.removeHandler(handler)
    return 0


def zensical_build(out: Path) -> int:
    """`zensical build --strict --clean` on a copy of the project, moved to out."""
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
        # Its messages go to stderr, like MkDocs' own, so `python -m site_tools.build --json` keeps stdout for JSON.
        result = subprocess.run([str(ZENSICAL), "build", "--strict", "--clean"], cwd=work, stdout=sys.stderr.fileno())
        if result.returncode != 0:
            print(f"❌ Zensical build failed (exit {result.returncode})", file=sys.stderr)
            return 1
        out = out.resolve()
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(str(work / "site"), str(out))
    return 0


ENGINES = {"mkdocs": mkdocs_build, "zensical": zensical_build}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to build into (replaced)")
    parser.add_argument("--engine", choices=tuple(ENGINES), default="mkdocs")
    args = parser.parse_args(argv)
    code = ENGINES[args.engine](args.out)
    if code == 0:
        print(f"✅ {args.engine} built the site into {args.out}")
    return code


if __name__ == "__main__":
    sys.exit(main())
