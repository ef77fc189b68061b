"""Lint the Markdown (pymarkdownlnt) and check its spelling (pyspelling with aspell), with one ✅ or ❌ line each.

Usage: python -m site_tools.authoring.lint (make lint)
Configs: pymarkdown.json and spelling.yml beside this file; project words: scripts/data/wordlist.txt.
Exit 0 when both pass, 1 when either finds a problem, 2 when aspell is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from site_tools.project import ROOT

LINT = Path(__file__).resolve().parent  # the two configs sit beside this file
BIN = Path(sys.executable).parent


def run(name: str, cmd: list[str], fix: str) -> bool:
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 0:
        print(f"✅ {name}")
        return True
    print((result.stdout + result.stderr).rstrip())
    print(f"❌ {name} failed — {fix}")
    return False


def main() -> int:
    if shutil.which("aspell") is None:
        print("❌ aspell is not installed — run 'make system-deps' (Debian packages aspell and aspell-en)", file=sys.stderr)
        return 2
    ok = run("Markdown lint (pymarkdownlnt)",
             [str(BIN / "pymarkdown"), "--config", str(LINT / "pymarkdown.json"), "scan", "-r", "docs"],
             "fix each line named above; the rule names explain themselves at https://pymarkdown.readthedocs.io/")
    ok &= run("spelling (pyspelling with aspell)", [str(BIN / "pyspelling"), "-c", str(LINT / "spelling.yml")],
              "fix the words listed above; if a word is right, add it to scripts/data/wordlist.txt")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
