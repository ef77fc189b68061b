"""Run the site engine into a folder: MkDocs (in this process) or Zensical (from .venv-zensical).

Both build the same mkdocs.yml. Whatever stops either is a Finding naming the file and line, never a
traceback (engine_errors.py). Zensical has no output-folder option, so it builds a copy of
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

from site_tools.build.engine_errors import CHECK, EngineLog, mkdocs_findings, zensical_output
from site_tools.findings import Finding, report
from site_tools.project import MKDOCS_YML, ROOT, ZENSICAL

PARTS = ("mkdocs.yml", "docs", "overrides")


def mkdocs_build(out: Path) -> list[Finding]:
    """`mkdocs build --strict --clean -d out`, in this process, with MkDocs' own messages. Whatever stops it
    is a Finding naming the file and line (engine_errors.py), never a traceback."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    log = logging.getLogger("mkdocs")
    handler = EngineLog()
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    config = None
    try:
        config = load_config(str(MKDOCS_YML), strict=True, site_dir=str(out))
        build(config, dirty=False)
    except Exception as err:  # noqa: BLE001 - the engine's boundary: every failure becomes a Finding
        docs = Path(config["docs_dir"]) if config else ROOT / "docs"
        return mkdocs_findings(err, handler, MKDOCS_YML, docs)
    finally:
        log.removeHandler(handler)
    return []


def zensical_build(out: Path) -> list[Finding]:
    """`zensical build --strict --clean` on a copy of the project, moved to out. Its messages are printed
    without the Python tracebacks it prints; its error is a Finding (engine_errors.py)."""
    if not ZENSICAL.exists():
        return [Finding(str(ZENSICAL), None, "Zensical is not installed", "run 'make zensical'", CHECK)]
    with tempfile.TemporaryDirectory(prefix="zensical-") as tmp:
        work = Path(tmp)
        for part in PARTS:
            src = ROOT / part
            if src.is_dir():
                shutil.copytree(src, work / part, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.exists():
                shutil.copy2(src, work / part)
        result = subprocess.run([str(ZENSICAL), "build", "--strict", "--clean"], cwd=work, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        shown, found = zensical_output(result.stdout, MKDOCS_YML)
        # Its messages go to stderr, like MkDocs' own, so `python -m site_tools.build --json` keeps stdout for JSON.
        if shown.strip():
            print(shown, file=sys.stderr)
        if result.returncode != 0:
            return found or [Finding(MKDOCS_YML.name, None, f"zensical build --strict failed (exit {result.returncode})",
                                     "see its messages above", CHECK)]
        out = out.resolve()
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(str(work / "site"), str(out))
    return []


ENGINES = {"mkdocs": mkdocs_build, "zensical": zensical_build}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to build into (replaced)")
    parser.add_argument("--engine", choices=tuple(ENGINES), default="mkdocs")
    args = parser.parse_args(argv)
    return report(ENGINES[args.engine](args.out), f"{args.engine} built the site into {args.out}", sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
