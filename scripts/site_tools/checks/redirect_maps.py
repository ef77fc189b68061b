"""Each redirect in mkdocs.yml (mkdocs-redirects' redirect_maps) leads from an old page's address, where no page
is, straight to a page of this site.

The plugin writes a stub for each entry after the build, wherever the entry's key says (redirect_entries.py):
outside the site folder for '/x.md' or '../x.md', at exactly the path given for a key that is not '.md', and
over a page's own file for a key at a page's address. So, before the engine runs:
- the key (the old page) is a relative path to a .md file: folders and a name of letters, digits, '-' and '_',
  ending in '.md' (no '/' first, no '.' or '..' folder, no backslash, '%', space or control character, no empty
  folder, no '.MD'), and the stub it gives stays inside the site folder;
- no page is built where the stub would be written (a stub would replace it: a page of docs/, or the theme's
  404.html), and no two keys give one address (letter case ignored: a case-insensitive disk holds one file for
  both);
- the value (the new page) is the path of a page in docs/, exactly as nav: names it, with at most a '#section'
  of letters, digits, '-' and '_' (the plugin writes it into the stub unescaped); never another site or any
  address outside this one (an old address, perhaps printed on a clinic's handout, must lead to a page with the
  notices and the urgent-help box); never an address that is itself redirected.
An entry over the urgent-help page is protected_pages.py's finding, and is left to it.
Findings name mkdocs.yml:LINE, from the YAML parser's marks.
"""

from __future__ import annotations

import re
from typing import Iterator

import yaml

from site_tools.built_pages import Context
from site_tools.checks.config_values import _kind
from site_tools.checks.protected_pages import URGENT_HELP_PAGE
from site_tools.checks.redirect_entries import Entry, directory_urls, redirect_entries, redirect_maps_nodes, written_at
from site_tools.findings import Finding
from site_tools.pages import EXTERNAL, url_path

CHECK = "redirect-maps"
OLD_FORM = re.compile(r"(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+\.md")
NOT_FOUND = "404.html"
SECTION = re.compile(r"#[A-Za-z0-9_-]+")
OLD_FIX = ("write the old page's path inside docs/ as it was, such as 'old-page.md' or 'strategies/old-page.md': "
           "letters, digits, '-' and '_', folders separated by '/', ending in '.md'")

Issue = tuple[yaml.Node, str, str]  # (the node to name the line of, what is wrong, how to fix it)


def check_redirect_maps(ctx: Context) -> list[Finding]:
    """Every redirect_maps entry that would write outside the site, over a page or another stub, or that does
    not lead straight to a page of this site."""
    return [Finding(ctx.config_rel, node.start_mark.line + 1, what, fix, CHECK) for node, what, fix in issues(ctx)]


def issues(ctx: Context) -> Iterator[Issue]:
    for key, maps in redirect_maps_nodes(ctx.config_lines):
        if not isinstance(maps, yaml.MappingNode):
            yield key, f"redirect_maps is {_kind(maps)}, not a set of redirects", \
                "write each redirect on its own line under it, as 'old-page.md: new-page.md'"
    urls = directory_urls(ctx.config)
    help_address = written_at(URGENT_HELP_PAGE, urls).lower()
    built = {written_at(s.doc_rel, urls).lower(): f"the page {s.rel}" for s in ctx.sources}  # where each page is
    built[NOT_FOUND] = "the not-found page the theme writes"  # at /404.html only without use_directory_urls
    stubs: dict[str, Entry] = {}  # where each stub is written, by the first entry that writes there
    entries = [e for e in redirect_entries(ctx.config_lines)
               if e.old is None or written_at(e.old, urls).lower() != help_address]  # protected_pages.py's
    for entry in entries:
        if entry.old is not None and OLD_FORM.fullmatch(entry.old):
            stubs.setdefault(written_at(entry.old, urls).lower(), entry)
    for entry in entries:
        yield from old_issues(entry, urls, built, stubs)
        yield from new_issues(entry, ctx, urls, stubs)


def old_issues(entry: Entry, urls: bool, built: dict[str, str], stubs: dict[str, Entry]) -> Iterator[Issue]:
    """What is wrong with where the entry's stub would be written."""
    old = entry.old
    if old is None:
        yield entry.old_node, f"a redirect's old page is {_kind(entry.old_node)}, not a path", OLD_FIX
        return
    address = written_at(old, urls)
    outside = address == ".." or address.startswith(("/", "../"))
    if outside or not OLD_FORM.fullmatch(old):
        yield entry.old_node, (f"the redirect from {old!r} is not a relative path to a .md page inside docs/: "
                               f"mkdocs-redirects would write its stub {'outside the site folder, ' if outside else ''}"
                               f"at {address!r}"), OLD_FIX
        return
    page = built.get(address.lower())
    if page is not None:
        yield entry.old_node, (f"the redirect from {old!r} would be written at {url_path(address)}, the address of "
                               f"{page}, in its place"), "remove that entry: a page that is still there needs no redirect"
    first = stubs[address.lower()]
    if first is not entry:
        yield entry.old_node, (f"the redirect from {old!r} would be written at {url_path(address)}, where the "
                               f"redirect from {first.old!r} (line {first.line}) is written too"), \
            "keep one of the two entries"


def new_issues(entry: Entry, ctx: Context, urls: bool, stubs: dict[str, Entry]) -> Iterator[Issue]:
    """What is wrong with where the entry sends readers."""
    new, node = entry.new, entry.new_node
    start = f"the redirect from {entry.old!r}" if entry.old is not None else "a redirect"
    if new is None:
        yield node, f"{start} leads to {_kind(node)}, not a page", "write the path of a page in docs/, such as 'about.md'"
        return
    if EXTERNAL.match(new.strip()):
        yield node, (f"{start} leads outside this site ({new!r}): an old address, perhaps printed on a clinic's "
                     "handout, must lead to a page of this site, with its notices and urgent-help box"), \
            "redirect to a page in docs/, and link to the other site from that page"
        return
    path, hash_, section = new.partition("#")
    if hash_ and not SECTION.fullmatch(hash_ + section):
        yield node, (f"{start} leads to {new!r}, whose '#' part holds more than letters, digits, '-' and '_' "
                     "(mkdocs-redirects writes it into the stub's HTML and script as it is)"), \
            "link to the section's id, such as 'about.md#who-we-are', or to the page alone"
    if any(s.doc_rel == path for s in ctx.sources):
        return  # a page: a stub written at its address is old_issues' finding
    chained = stubs.get(written_at(path, urls).lower())
    if chained is not None:
        yield node, (f"{start} leads to {path!r}, which is itself redirected (line {chained.line}): readers would "
                     "be sent on twice"), "point it straight at the page readers should reach"
    else:
        yield node, f"{start} leads to {new!r}, which is not a page in docs/", \
            "write the path of a page in docs/ exactly as nav: names it, such as 'about.md' or 'strategies/index.md'"
