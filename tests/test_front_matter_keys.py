"""The front-matter keys are listed once, in checks/front_matter.py. The spelling check's config, which cannot
import them, skips the values of exactly the keys that are not prose (every key but title and description)."""

from __future__ import annotations

import re

import yaml

from project_copy import ROOT
from site_tools.checks.front_matter import KNOWN, PROSE_KEYS

SPELLING = ROOT / "scripts" / "site_tools" / "authoring" / "spelling.yml"
KEY_LIST = re.compile(r"\^\(\?:([\w|]+)\):")


def keys_the_spelling_check_skips() -> set[str]:
    config = yaml.safe_load(SPELLING.read_text(encoding="utf-8"))
    docs = next(task for task in config["matrix"] if task["name"] == "docs")
    context = next(step["pyspelling.filters.context"] for step in docs["pipeline"] if "pyspelling.filters.context" in step)
    opens = [KEY_LIST.fullmatch(d["open"]) for d in context["delimiters"]]
    return {key for match in opens if match for key in match.group(1).split("|")}


def test_the_spelling_check_skips_every_front_matter_key_but_the_prose_ones():
    assert set(PROSE_KEYS) <= set(KNOWN)
    assert keys_the_spelling_check_skips() == set(KNOWN) - set(PROSE_KEYS), (
        f"{SPELLING.relative_to(ROOT)}: list every key of checks/front_matter.py KNOWN except {PROSE_KEYS} "
        "in the front-matter delimiter")


def test_contributing_names_every_front_matter_key():
    # The check's message for an unknown key sends contributors to CONTRIBUTING.md for the list.
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    missing = [key for key in KNOWN if f"`{key}`" not in text]
    assert not missing, f"CONTRIBUTING.md: name the front-matter keys {missing} (checks/front_matter.py KNOWN)"
