"""Publish only the search language bundles the site uses (plugins: search: lang: in mkdocs.yml).

Material copies lunr bundles for about 30 languages into assets/javascripts/lunr/. Its search
worker loads only these: nothing for English; lunr.stemmer.support plus lunr.LANG for each other
language; lunr.multi when there are several; tinyseg.js for Japanese, wordcut.js for Hindi or Thai.
A post-build step of scripts/site_tools/build/run.py. Usage: python -m site_tools.build.strip_search_languages SITE_DIR [--json]
"""

from __future__ import annotations

import sys
from pathlib import Path

from site_tools.findings import StepResult, built_site, step_main
from site_tools.project import load_config

LUNR = Path("assets") / "javascripts" / "lunr"


def search_languages(config: dict) -> list[str]:
    """The search plugin's languages: its lang setting, else the theme's language, else English."""
    for plugin in config.get("plugins") or ["search"]:
        if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin):
            options = plugin["search"] if isinstance(plugin, dict) else None
            lang = (options or {}).get("lang")
            if lang:
                return [lang] if isinstance(lang, str) else list(lang)
    return [(config.get("theme") or {}).get("language", "en")]


def needed_bundles(langs: list[str]) -> set[str]:
    """Paths under assets/javascripts/lunr/ that Material's search worker may load for langs."""
    needed = set()
    for lang in langs:
        if lang != "en":
            needed |= {"min/lunr.stemmer.support.min.js", f"min/lunr.{lang}.min.js"}
        if lang == "ja":
            needed.add("tinyseg.js")
        if lang in ("hi", "th"):
            needed.add("wordcut.js")
    if len(langs) > 1:
        needed.add("min/lunr.multi.min.js")
    return needed


def strip_search_languages(site: Path, langs: list[str]) -> int:
    """Delete the unused bundles; returns how many were deleted."""
    folder = site / LUNR
    if not folder.is_dir():
        return 0  # an engine that does not ship lunr bundles (Zensical)
    keep = needed_bundles(langs)
    deleted = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.relative_to(folder).as_posix() not in keep:
            path.unlink()
            deleted += 1
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()
    return deleted


def run(site: Path) -> StepResult:
    langs = search_languages(load_config())
    deleted = strip_search_languages(built_site(site), langs)
    return StepResult([], f"search languages {', '.join(langs)}: deleted {deleted} unused lunr bundle(s)")


def main(argv: list[str] | None = None) -> int:
    return step_main(__doc__, run, argv)


if __name__ == "__main__":
    sys.exit(main())
