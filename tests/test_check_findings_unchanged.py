"""The check finds exactly what it found before it was made simple (one page at a time, in one process):
every planted defect (tests/planted_defects.py) gives the finding stored in tests/fixtures/check-findings.txt,
with the same file, line and message, and nothing else is found.

The stored list was written by the check as it was before (with its process pool and its cache of verdicts).
A line in a built page's theme markup moves whenever a template changes, so for a built page (.html) the
line is left out of the comparison; every line in a Markdown source or in mkdocs.yml is compared.
After a deliberate change to what the check finds, write the list again and review its diff:
    .venv/bin/python tests/test_check_findings_unchanged.py
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from planted_defects import TODAY, plant_every_defect
from project_copy import ENV, copy_project

EXPECTED = Path(__file__).parent / "fixtures" / "check-findings.txt"
HTML_LINE = re.compile(r"^(\S+?\.html):\d+: ")


def finding_rows(report: dict) -> list[str]:
    """One row per finding: severity, check and message, with a built page's line left out."""
    return [" ".join((f["severity"], f["check"], HTML_LINE.sub(r"\1:…: ", f["message"]))) for f in report["findings"]]


def check_planted_project(dest: Path) -> tuple[int, dict]:
    project = copy_project(dest)
    plant_every_defect(project)
    result = subprocess.run([sys.executable, "-m", "site_tools.checks", str(project.site), "--json", "--today", TODAY],
                            cwd=project.root, env=ENV, capture_output=True, text=True)
    return result.returncode, json.loads(result.stdout)


def test_every_planted_defect_gives_the_same_findings_as_before(tmp_path):
    code, report = check_planted_project(tmp_path / "project")
    assert code == 1
    assert (report["pages"], report["sources"]) == (32, 28)
    assert finding_rows(report) == EXPECTED.read_text(encoding="utf-8").splitlines()


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        _, found = check_planted_project(Path(tmp) / "project")
    EXPECTED.write_text("".join(row + "\n" for row in finding_rows(found)), encoding="utf-8")
    print(f"✅ wrote {len(found['findings'])} finding(s) to {EXPECTED}")
