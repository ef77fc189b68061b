"""Page content carries no active or embedded content, no script URLs and no plain-http links.

Checked twice: on the Markdown sources (with exact lines) and on the article content of the built
pages (which also sees what Markdown produced, such as entity-encoded URLs). Theme markup outside the
article content (the element with data-page-body) is not the contributor's and is not checked.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from lxml import etree

from site_tools.findings import Finding
from site_tools.sources import Source

CHECK = "content-safety"
FORBIDDEN_TAGS = {
    "script": "remove it: pages run no scripts of their own, and the site's security policy blocks them",
    "iframe": "remove it and link to the page instead: embedded content loads another site, which can track readers",
    "object": "remove it and link to the file instead: embedded content loads another site, which can track readers",
    "embed": "remove it and link to the file instead: embedded content loads another site, which can track readers",
    "form": "remove it: the site collects no data from readers",
    "style": "remove it: put styles in docs/stylesheets/extra.css and use a class",
}
BAD_SCHEMES = ("javascript", "vbscript", "data")
URL_ATTRS = ("href", "src", "action", "formaction", "poster", "data", "xlink:href")
URL_ATTR_NAMES = frozenset(URL_ATTRS)

# Source patterns (applied outside fenced code and inline code).
TAG_OPEN = re.compile(r"<\s*(" + "|".join(FORBIDDEN_TAGS) + r")\b", re.I)
HTML_TAG = re.compile(r"<[A-Za-z][^<>]*>")
ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")
EVENT_ATTR = re.compile(r"(?<![\w:-])(on[a-z]+)\s*=", re.I)
URL_ATTR = re.compile(
    r"(?<![\w-])(?:" + "|".join(URL_ATTRS) + r")\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>}]+))", re.I
)
MD_LINK = re.compile(r"\]\(\s*<?([^\s)>]+)")
MD_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:\s*<?([^\s>]+)")
AUTOLINK = re.compile(r"<((?:[a-z][a-z0-9+.-]*):[^\s<>]*)>", re.I)
CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def url_problem(url: str) -> tuple[str, str, str] | None:
    """(what, fix, needle) for a link or image address that must not be used, else None."""
    clean = CONTROL.sub("", html.unescape(url)).lower()
    scheme = clean.split(":", 1)[0] if ":" in clean else ""
    if scheme in BAD_SCHEMES:
        return (
            f"a link or image uses a '{scheme}:' address, which can run code or hide content",
            "link to an https:// page or to a page or file in docs/ instead",
            f"{scheme}:",
        )
    if clean.startswith("http://"):
        host = urlsplit(url.strip()).hostname or "?"
        return (
            f"the link to http://{host} uses plain http, which is neither private nor safe",
            "change it to https:// (check that the page opens); if the site has no https, leave the link out",
            url.strip(),
        )
    return None


def check_source_safety(source: Source) -> list[Finding]:
    """Unsafe content in one Markdown source, with the exact line."""
    problems: list[Finding] = []

    def add(line: int, what: str, fix: str) -> None:
        problems.append(Finding(source.rel, line, what, fix, CHECK))

    for number, text in source.prose:
        for match in TAG_OPEN.finditer(text):
            tag = match.group(1).lower()
            add(number, f"<{tag}> is not allowed in page content", FORBIDDEN_TAGS[tag])
        urls: list[str] = []
        for block in [m.group(0) for m in HTML_TAG.finditer(text)] + [m.group(1) for m in ATTR_LIST.finditer(text)]:
            for match in EVENT_ATTR.finditer(block):
                add(number, f"the '{match.group(1).lower()}' attribute runs a script",
                    "remove it: page content must not run scripts")
            urls += [next(g for g in m.groups() if g is not None) for m in URL_ATTR.finditer(block)]
        urls += MD_LINK.findall(text) + MD_REF_DEF.findall(text) + AUTOLINK.findall(text)
        for url in urls:
            problem = url_problem(url)
            if problem:
                add(number, problem[0], problem[1])
    return problems


def check_built_safety(body, page_rel: str, source: Source | None) -> list[Finding]:
    """Unsafe content in one built page's article content (the data-page-body element)."""
    problems: list[Finding] = []
    seen: dict[str, int] = {}

    def add(el, needle: str, what: str, fix: str) -> None:
        line = source.best_line(needle, nth=seen.get(needle, 0)) if source is not None else None
        if line:
            problems.append(Finding(source.rel, line, what, fix, CHECK))
        else:
            problems.append(Finding(page_rel, el.sourceline, what, fix, CHECK))
        seen[needle] = seen.get(needle, 0) + 1

    for el in body.iter(etree.Element):  # elements only: no comments or processing instructions
        tag = el.tag
        if tag in FORBIDDEN_TAGS:
            add(el, f"<{tag}", f"<{tag}> is not allowed in page content", FORBIDDEN_TAGS[tag])
        for key in el.keys():
            name = key.lower()  # the HTML parser lowercases names already
            if name.startswith("on"):
                add(el, f"{name}=", f"the '{name}' attribute runs a script", "remove it: page content must not run scripts")
            elif name in URL_ATTR_NAMES:
                problem = url_problem(el.get(key))
                if problem:
                    add(el, problem[2], problem[0], problem[1])
    return problems
