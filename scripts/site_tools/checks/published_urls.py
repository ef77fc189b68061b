"""Every URL the site ever published still works, and every built page is on the published list.

A listed URL works when the built site has a page there, or a redirect stub (mkdocs-redirects)
that leads straight to a page (not to another stub) which is itself listed: every address readers can
land on stays guarded. Renaming a page therefore needs a redirect in mkdocs.yml and a new line here.
A step of the build (build/run.py), so a build that would break a published address never publishes.
Usage: python -m site_tools.checks.published_urls [SITE_DIR] [--list scripts/data/published-urls.txt] [--json]
"""

from __future__ import annotations

import sys
from pathlib import Path

from site_tools.checks.review_dates import is_content_page
from site_tools.findings import Finding, StepResult, built_site, step_main
from site_tools.pages import built_file_for_url, url_path
from site_tools.readable_text import parse
from site_tools.redirect_stubs import redirect_target
from site_tools.project import DATA, ROOT, load_config

LIST = DATA / "published-urls.txt"
CHECK = "published-urls"
FIX_REDIRECT = (
    "if the page moved, add a redirect under plugins: redirects: redirect_maps in mkdocs.yml "
    "(old.md: new.md); never delete a line from this list"
)


def read_list(path: Path) -> list[tuple[int, str]]:
    """(line number, URL path) for each listed URL; '#' starts a comment."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        url = line.split("#", 1)[0].strip()
        if url:
            rows.append((number, url))
    return rows


def address_problem(site: Path, rel: str, site_url: str, known: set[str], list_name: str) -> tuple[str, str] | None:
    """(what, fix) when the built file rel does not answer a published address: it is missing, or it is a redirect
    stub whose target is another stub or a page missing from the list. None when it works."""
    path = site / rel
    if not path.is_file():
        return "no longer resolves on the built site", FIX_REDIRECT
    target = redirect_target(parse(path.read_bytes()), rel, site, site_url)
    if target is None:
        return None  # a page; or a refresh that leads nowhere on this site, which checks/run.py refuses (no notices)
    if redirect_target(parse((site / target).read_bytes()), target, site, site_url):
        return (f"redirects to {url_path(target)}, which is itself a redirect",
                "point the redirect in redirect_maps straight at the page readers should reach (old.md: new.md)")
    if url_path(target) not in known:
        return (f"redirects to {url_path(target)}, which is not in {list_name}",
                f"add {url_path(target)} to {list_name}, so the page the redirect leads to can never silently break")
    return None


def check(site: Path, listed: list[tuple[int, str]], list_name: str, site_url: str) -> list[Finding]:
    problems = []
    known = {url for _, url in listed}
    for number, url in listed:
        problem = address_problem(site, built_file_for_url(url), site_url, known, list_name)
        if problem:
            problems.append(Finding(list_name, number, f"{url} {problem[0]}", problem[1], CHECK))
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        root = parse(page.read_bytes())
        if not is_content_page(root) or redirect_target(root, rel, site, site_url):
            continue
        if url_path(rel) not in known:
            problems.append(Finding(rel, None, f"the page {url_path(rel)} is not in {list_name}",
                                    f"add it to {list_name} (one line per URL), so it can never silently break", CHECK))
    return problems


def run(site: Path, listing: Path = LIST) -> StepResult:
    listed = read_list(listing)
    name = listing.relative_to(ROOT).as_posix() if listing.is_relative_to(ROOT) else str(listing)
    problems = check(built_site(site), listed, name, load_config().get("site_url") or "")
    if problems:
        return StepResult(problems, f"published URLs: {name} and the built site disagree")
    return StepResult([], f"all {len(listed)} published URL(s) resolve, and every built page is listed")


def main(argv: list[str] | None = None) -> int:
    return step_main(__doc__, run, argv, lambda parser: parser.add_argument(
        "--list", dest="listing", default=LIST, type=Path, help="the committed list of published URLs"))


if __name__ == "__main__":
    sys.exit(main())
