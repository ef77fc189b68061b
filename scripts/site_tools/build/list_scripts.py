"""Print every script an engine puts on the built pages, with its hash and whether it is on the reviewed list.

Usage: python -m site_tools.build.list_scripts [--engine mkdocs|zensical] [SITE_DIR]
Without SITE_DIR it builds the project with the engine into a temporary folder and minifies it as the build does
(build/minify.py), so the hashes are those of the pages the build publishes. Run it with OFFLINE=true for the
offline copy. It is how scripts/data/known-scripts.yml is updated after an upgrade (the top of that file says how):
this command only prints, it never changes the list. Exit 0 when every script is listed, 1 when one is not.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from lxml import etree

from site_tools.build.engine import ENGINES
from site_tools.build.minify import minify_site
from site_tools.built_pages import PARSER, BuiltPage
from site_tools.checks.page_scripts import LIST_FILE, KnownScripts, check_page_scripts, script_hash
from site_tools.checks.same_site import site_path


def describe(site: Path, known: KnownScripts) -> tuple[list[str], list[str]]:
    """One line per distinct script (inline by hash, files by the path they load), and the problems."""
    seen: dict[str, tuple[str, int]] = {}  # line -> (first page, pages)
    problems: list[str] = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        page = BuiltPage(rel, etree.fromstring(data, PARSER) if data.strip() else None, None)
        if page.root is None:
            continue
        result = check_page_scripts(page, known)
        problems += [str(finding) for finding in result.findings]
        for script in page.root.iter("script"):
            text = " ".join((script.text or "").split())
            if script.get("src") is not None:
                path = site_path(script.get("src"), rel)
                line = f"file   {path or script.get('src')}  {'listed' if known.listed_file(path) else 'NOT LISTED'}"
            elif (script.get("type") or "").strip().lower() in {rule.type for rule in known.data}:
                line = f"data   {script.get('type')} {script.get('id') or ''}".rstrip()
            else:
                digest = script_hash(script.text or "")
                mark = "listed" if digest in result.hashes else "NOT LISTED"
                line = f"inline {digest[1:-1]}  {mark}  {text[:100]}"
            first, count = seen.get(line, (rel, 0))
            seen[line] = (first, count + 1)
    lines = [f"{line}   (on {count} page(s), first {first})" for line, (first, count) in seen.items()]
    return lines, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site folder (default: build one now)")
    parser.add_argument("--engine", choices=tuple(ENGINES), default="mkdocs", help="the engine to build with")
    args = parser.parse_args(argv)
    known = KnownScripts.load()
    with tempfile.TemporaryDirectory(prefix="list-scripts-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            if ENGINES[args.engine](site) != 0:
                print(f"❌ {args.engine} could not build the site (see above)", file=sys.stderr)
                return 2
            minify_site(site)
        lines, problems = describe(site, known)
        print(f"The scripts on the pages of {site}, against {LIST_FILE}:")
        print("\n".join(lines))
        if problems:
            print("Problems:\n" + "\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
