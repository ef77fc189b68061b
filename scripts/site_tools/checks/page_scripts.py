"""Every script on a built page is one the project reviewed, and nothing else on the page runs code.

Checks the whole page, not only its content: head, header, nav, sidebars, footer. A <script> passes only when it
matches scripts/data/known-scripts.yml (the reviewed list; the top of that file says how to update it):
  - an inline script whose SHA-256 is listed, or a redirect stub's script (the listed template, its target the
    page's own meta refresh address on this site);
  - a data block (application/json, application/ld+json) that meets its listed rule: browsers never run these;
  - a script file whose src resolves to a listed path on this site (same_site.py decides, as a browser does).
Any other script, any script type (importmap, speculationrules, ...), any inline event handler (on...=), any
javascript: or vbscript: address and any <base> element fails.

build/security_headers.py uses check_page_scripts() before it writes the Content-Security-Policy, and hashes only
the listed inline scripts it returns: the CSP never gains a hash for a script nobody reviewed. checks/run.py runs it
on every built page with skip_content=True: in the article content (without the theme's blocks inside it),
content_safety.py already refuses every script, handler and script address, with the Markdown line, so each
problem is reported once.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lxml import etree

from site_tools.built_pages import BuiltPage
from site_tools.checks.content_markup import CONTROL
from site_tools.checks.content_safety import content_elements
from site_tools.checks.same_site import site_path, stays_on_site
from site_tools.findings import CannotRun, Finding
from site_tools.project import DATA
from site_tools.redirect_stubs import REFRESH

CHECK = "page-scripts"
KNOWN_SCRIPTS = DATA / "known-scripts.yml"
LIST_FILE = "scripts/data/known-scripts.yml"
SCRIPT_SCHEMES = ("javascript:", "vbscript:")
# Attributes whose value is an address the browser follows or loads.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "background", "cite",
                  "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "archive", "icon", "usemap"}
# A redirect target that cannot end the script's string or the element: a plain path, query or fragment.
PLAIN_TARGET = re.compile(r"[A-Za-z0-9._~/%#?=&+-]+")
UNLISTED_FIX = (f"remove it; if the theme or a template writes it, review it and list it in {LIST_FILE} "
                "(the top of that file says how)")


@dataclass(frozen=True)
class DataRule:
    """A data block the theme or a template writes, identified by its type (and id) and the shape of its JSON."""

    type: str
    id: str | None
    keys: frozenset[str]
    strings: bool  # every value must be text, or an object of texts
    script_keys: tuple[str, ...]  # keys whose value is a script's address (it must be listed under external)


@dataclass(frozen=True)
class KnownScripts:
    """scripts/data/known-scripts.yml, read."""

    inline: frozenset[str]  # CSP hashes, "'sha256-...'"
    redirect_stubs: frozenset[str]  # CSP hashes of the stub scripts with their target written as {url}
    data: tuple[DataRule, ...]
    external: tuple[re.Pattern, ...]  # paths on this site

    @classmethod
    def load(cls, path: Path = KNOWN_SCRIPTS) -> KnownScripts:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            return cls(
                inline=frozenset(f"'sha256-{entry['sha256']}'" for entry in raw["inline"]),
                redirect_stubs=frozenset(f"'sha256-{entry['sha256']}'" for entry in raw["redirect_stubs"]),
                data=tuple(DataRule(entry["type"], entry.get("id"), frozenset(entry["keys"]),
                                    bool(entry.get("strings")), tuple(entry.get("script_keys", ())))
                           for entry in raw["data"]),
                external=tuple(re.compile(entry["path"]) for entry in raw["external"]),
            )
        except (OSError, yaml.YAMLError, KeyError, TypeError, re.error) as err:
            raise CannotRun(f"{path}: cannot read the reviewed list of scripts ({err}) — "
                            f"restore it from git") from err

    def listed_file(self, path: str | None) -> bool:
        return path is not None and any(pattern.fullmatch(path) for pattern in self.external)


@dataclass
class PageScripts:
    """What one page's scripts mean for the CSP, and what is wrong with them."""

    findings: list[Finding] = field(default_factory=list)
    hashes: set[str] = field(default_factory=set)  # the listed inline scripts on the page: the CSP allows these
    # every inline script the browser would run, listed or not: hash -> (line, start of the script)
    inline: dict[str, tuple[int, str]] = field(default_factory=dict)


def script_hash(text: str) -> str:
    """The CSP source for an inline script: 'sha256-<base64 of the SHA-256 of its UTF-8 text>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def check_page_scripts(page: BuiltPage, known: KnownScripts, skip_content: bool = False) -> PageScripts:
    """Every script, inline event handler, script address and <base> on one built page.
    skip_content: leave the article content (content_safety.content_elements) to content_safety.py."""
    result = PageScripts()
    if page.root is None:
        return result
    skipped = set(content_elements(page.body)) if skip_content and page.body is not None else set()
    data_seen: dict[DataRule, int] = {}
    for el in page.root.iter(etree.Element):
        if el in skipped:
            continue
        if el.tag == "script":
            check_script(page, el, known, result, data_seen)
        elif el.tag == "base":
            add(result, page, el, "<base", "a <base> element changes where every script and link on the page "
                "loads from", "remove it: the theme and the templates never need one")
        for key, value in el.items():
            name = key.lower()
            if name.startswith("on"):
                add(result, page, el, f"{name}=", f"inline event handler {name}= on <{el.tag}> is blocked by the CSP",
                    f"remove it: pages run only the reviewed scripts in {LIST_FILE}")
            elif name in URL_ATTRIBUTES and CONTROL.sub("", value).lower().startswith(SCRIPT_SCHEMES):
                scheme = CONTROL.sub("", value).split(":", 1)[0].lower()
                add(result, page, el, value.strip(), f"{scheme}: URL in {name}= on <{el.tag}> is blocked by the CSP",
                    "use a real link to a page or file")
    return result


def check_script(page: BuiltPage, el, known: KnownScripts, result: PageScripts, data_seen: dict) -> None:
    kind = (el.get("type") or "").strip().lower()
    text = el.text or ""
    rule = next((r for r in known.data if r.type == kind and r.id in (None, el.get("id"))), None)
    if rule is not None:
        data_seen[rule] = data_seen.get(rule, 0) + 1
        problem = data_problem(rule, el, text, page.rel, known, data_seen[rule])
        if problem:
            add(result, page, el, text.strip()[:40] or "<script", f"{kind} block {problem}",
                f"the theme or a template writes it: see {LIST_FILE}")
        return
    src = el.get("src")
    if src is not None:
        path = site_path(src, page.rel)  # the same file has one name on every page
        if not known.listed_file(path):
            add(result, page, el, src, f"script file {path or src!r} is not on the reviewed list of scripts",
                UNLISTED_FIX)
        return
    digest = script_hash(text)
    start = " ".join(text.split())[:60]
    result.inline.setdefault(digest, (el.sourceline, start))
    if digest in known.inline or is_redirect_script(page, text, known):
        result.hashes.add(digest)
        return
    label = f"inline script of type {kind!r}" if kind not in ("", "text/javascript", "module") else "inline script"
    add(result, page, el, start or "<script", f"{label} {start!r} is not on the reviewed list of scripts",
        UNLISTED_FIX)


def data_problem(rule: DataRule, el, text: str, page: str, known: KnownScripts, seen: int) -> str | None:
    """What is wrong with a data block, by its rule; None when it meets it."""
    if el.get("src") is not None:
        return "has a src: a data block holds its data itself"
    if seen > 1:
        return "appears more than once on the page"
    if "<" in text:
        return "holds '<', which could end the element or open a comment"
    try:
        value = json.loads(text)
    except ValueError:
        return "is not valid JSON"
    if not isinstance(value, dict):
        return "is not a JSON object"
    extra = sorted(set(value) - rule.keys)
    if extra:
        return f"has the key {extra[0]!r}, which is not on the reviewed list"
    if rule.strings and not all(is_text(v) for v in value.values()):
        return "has a value that is not text"
    for key in rule.script_keys:
        if key in value and not (isinstance(value[key], str) and known.listed_file(site_path(value[key], page))):
            return f"names a script, {value[key]!r} under {key!r}, that is not on the reviewed list"
    return None


def is_text(value) -> bool:
    """Text, or one level of named texts (such as schema.org's reviewedBy: a Person with a name)."""
    return isinstance(value, str) or (isinstance(value, dict) and all(isinstance(v, str) for v in value.values()))


def is_redirect_script(page: BuiltPage, text: str, known: KnownScripts) -> bool:
    """True for a redirect stub's script: a listed template, naming the page's one meta refresh target."""
    targets = [REFRESH.match(m.get("content") or "") for m in page.root.iter("meta")
               if (m.get("http-equiv") or "").strip().lower() == "refresh"]
    if len(targets) != 1 or targets[0] is None:
        return False
    url = targets[0].group("url")
    if not PLAIN_TARGET.fullmatch(url) or not stays_on_site(url, page.rel) or url not in text:
        return False
    return script_hash(text.replace(url, "{url}")) in known.redirect_stubs


def add(result: PageScripts, page: BuiltPage, el, needle: str, what: str, fix: str) -> None:
    """A finding at the Markdown line when the element is article content found in its source, else the page's."""
    file, line = page.locate(el, None, needle)
    result.findings.append(Finding(file, line, what if file == page.rel else f"{what} (on {page.rel})", fix, CHECK))
