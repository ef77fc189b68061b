"""The values in mkdocs.yml that the templates print have a type, and are plain text unless they are links.

MkDocs and Material print config values into every page unescaped (there is no autoescape), so:
- extra: is closed: only the keys EXTRA lists, each typed; what overrides/ and Material read from it;
- the top-level strings Material prints (PRINTED), the nav titles and the palette toggle names are plain
  text (plain_text.py); site_url, edit_uri and repo_url are https:// addresses, written as the WHATWG URL
  parser (ada-url) writes them back;
- a line of extra.urgent_help.lines may hold links, in one form only: <a href="tel:NUMBER">text</a> or
  <a href="https://…">text</a>. The line is parsed with lxml and written back from what was allowed: a line
  that differs from its rewrite holds something else, and is refused.
Findings name mkdocs.yml:LINE, from the marks of the YAML parser's nodes.
"""

from __future__ import annotations

import os
import re
from typing import Callable, Iterator

import ada_url
import lxml.html
import yaml

from site_tools.built_pages import Context
from site_tools.checks.docs_files import SCRIPT_FOLDERS, STYLESHEET_FOLDERS
from site_tools.checks.plain_text import reference_problem, text_problem
from site_tools.findings import Finding
from site_tools.yaml_lines import env_default

CHECK = "config-values"
STR, BOOL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:bool"
# Top-level strings Material prints: base.html, partials/header.html, nav.html, copyright.html, source.html.
PRINTED = ("site_name", "site_description", "site_author", "copyright", "repo_name")
ADDRESSES = ("site_url", "edit_uri", "repo_url")
SCOPE = re.compile(r"/(?:[A-Za-z0-9._~-]+/)*")  # printed inside a script's string: a path and nothing else
PAGE = re.compile(r"(?:[a-z0-9][a-z0-9-]*/)+")  # a page's directory-style address, such as get-help-now/
STATUS_ID = re.compile(r"[A-Za-z0-9_-]+")  # a status identifier, as Material's docs define it
TEL = re.compile(r"tel:\+?[0-9]+")
LINK_FORM = '<a href="tel:988">988</a> or <a href="https://…">text</a>'
TEMPLATES_READ = ("remove it; if a template needs it, add it with its type to "
                  "scripts/site_tools/checks/config_values.py")

Issue = tuple[yaml.Node, str, str]  # (the node to name the line of, what is wrong, how to fix it)
Field = Callable[[str, yaml.Node, yaml.Node], Iterator[Issue]]  # (dotted name, key node, value node)


def _kind(node: yaml.Node) -> str:
    """What a value is, in words."""
    if isinstance(node, yaml.MappingNode):
        return "a set of keys"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.startswith("!"):
        return f"a {node.tag} value, known only at build time"
    return {BOOL: "true or false", "tag:yaml.org,2002:null": "empty", STR: f"'{node.value}'"}.get(node.tag, node.value)


def _text(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and node.tag == STR else None


def pairs(node: yaml.Node) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """(key, key node, value node) for each entry of a mapping, a repeated key each time it appears."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield str(key.value), key, value


def plain(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
    text = _text(value)
    if text is None:
        yield key, f"{name} is {_kind(value)}, not text", "write it as plain text"
        return
    problem = text_problem(text)
    if problem:
        yield key, f"{name} {problem[0]}", problem[1]


def boolean(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
    if not (isinstance(value, yaml.ScalarNode) and value.tag == BOOL):
        yield key, f"{name} is {_kind(value)}, not true or false", "write true or false"


def scope(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
    if not SCOPE.fullmatch(_text(value) or ""):
        yield key, f"{name} is {_kind(value)}, not a path that starts and ends with '/'", \
            "set it to the path of site_url, such as '/'"


def page(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
    if not PAGE.fullmatch(_text(value) or ""):
        yield key, f"{name} is {_kind(value)}, not a page's address such as 'get-help-now/'", \
            "write the page's address inside the site: its file name without .md, then '/'"


def statuses(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
    if not isinstance(value, yaml.MappingNode):
        yield key, f"{name} is {_kind(value)}, not a set of keys", "write each status as 'identifier: description'"
    for ident, ident_key, description in pairs(value):
        if not STATUS_ID.fullmatch(ident):
            yield ident_key, f"the status identifier '{ident}' holds more than letters, digits, '-' and '_'", \
                "use a short identifier such as 'new'"
        yield from plain(f"{name}.{ident}", ident_key, description)


def https_problem(href: str) -> tuple[str, str] | None:
    """(what, fix) unless href is an https:// address with no user name, written exactly as the WHATWG URL
    parser writes it back (so it holds no quote, space or other character a browser would change)."""
    url = ada_url.URL(href) if ada_url.check_url(href) else None
    if url is None or url.protocol != "https:" or not url.hostname:
        return "is not an https:// address", "write an address that starts with https://"
    if url.username or url.password:
        return "holds a user name or password", "leave them out"
    if url.href != href:
        return "is not written as a browser writes it", f"write it as '{url.href}'"
    return None


def link_line_problem(line: str) -> tuple[str, str] | None:
    """(what, fix) when an urgent-help line holds anything but plain text and links in LINK_FORM, else None."""
    fix = f"write plain text, with links only in the form {LINK_FORM}"
    problem = reference_problem(line)
    if problem:
        return problem
    if not line.strip():
        return "is empty", "write the line, or remove it"
    fragment = lxml.html.fragment_fromstring(line, create_parent="div")
    texts, rebuilt = [fragment.text or ""], [fragment.text or ""]
    for el in fragment.iterdescendants():
        if not isinstance(el.tag, str):
            return "holds an HTML comment or instruction", fix
        if el.tag != "a":
            return f"holds a <{el.tag}> element; the only markup allowed is a link", fix
        for attr in el.keys():
            if attr != "href":
                return f"has a link with the '{attr}' attribute; a link takes only href", fix
        href = el.get("href") or ""
        problem = None if TEL.fullmatch(href) else https_problem(href)
        if problem and not href.startswith("https:"):
            return (f"has a link to '{href}', which is neither a tel: number nor an https:// page",
                    "link only to a phone number, like 'tel:988', or an https:// page")
        if problem:
            return f"has a link to '{href}', which {problem[0]}", problem[1]
        if len(el) or not (el.text or "").strip():
            return "has a link without plain text of its own", fix
        texts += [el.text, el.tail or ""]
        rebuilt += [f'<a href="{href}">{el.text}</a>', el.tail or ""]
    for text in texts:
        problem = text_problem(text)
        if problem:
            return problem
    if "".join(rebuilt) != line:
        return "holds markup in another form than the one allowed", fix
    return None


def link_lines(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
    if not (isinstance(value, yaml.SequenceNode) and value.value):
        yield key, f"{name} is {_kind(value)}, not a list of lines", "write each line of help as a '- ' item"
        return
    for item in value.value:
        text = _text(item)
        problem = link_line_problem(text) if text is not None else (f"is {_kind(item)}, not text", "write it as text")
        if problem:
            yield item, f"a line of {name} {problem[0]}", problem[1]


def closed(fields: dict[str, Field], required: tuple[str, ...] = ()) -> Field:
    """A set of keys that may hold only `fields`, each checked by its Field, and must hold `required`."""
    def check(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
        if not isinstance(value, yaml.MappingNode):
            yield key, f"{name} is {_kind(value)}, not a set of keys", f"write the keys {', '.join(fields)} under it"
            return
        seen = set()
        for field, field_key, field_value in pairs(value):
            seen.add(field)
            if field in fields:
                yield from fields[field](f"{name}.{field}", field_key, field_value)
            else:
                yield field_key, f"{name}.{field} is not a setting the site's templates read", TEMPLATES_READ
        for field in required:
            if field not in seen:
                yield key, f"{name} has no '{field}'", "restore it from git history: every page prints it"
    return check


EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def optional(field: Field) -> Field:
    """field, or the empty text "" (a block shipped empty, to be filled in before release)."""
    def check(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
        if _text(value) != "":
            yield from field(name, key, value)
    return check


def email(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
    if not EMAIL.fullmatch(_text(value) or ""):
        yield key, f"{name} is {_kind(value)}, not an email address", "write an address such as 'info@clinic.example'"


NOTICES = ("disclaimer", "affiliate", "amazon")
PUBLISHER = {"name": optional(plain), "website": optional(lambda *a: address(*a)), "email": optional(email)}
def link_line(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
    text = _text(value)
    problem = link_line_problem(text) if text is not None else (f"is {_kind(value)}, not text", "write it as text")
    if problem:
        yield value, f"{name} {problem[0]}", problem[1]


def tiers(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
    if not (isinstance(value, yaml.SequenceNode) and value.value):
        yield key, f"{name} is {_kind(value)}, not a list of tiers", "write each tier as '- name: …' with when: and lines:"
        return
    for index, tier in enumerate(value.value):
        yield from TIER(f"{name}[{index}]", tier, tier)


TIER = closed({"name": plain, "when": plain, "lines": link_lines}, ("name", "when", "lines"))
URGENT_HELP = {"title": plain, "line": link_line, "more": plain, "page": page, "card_title": plain, "tiers": tiers,
               "elsewhere": link_line, "page_link": plain}
# Everything extra: may hold. polyfills is not here on purpose: main.html writes each as a script tag (the offline
# plugin adds the one it needs while it builds).
EXTRA = closed({
    "generator": boolean,
    "scope": scope,
    "status": statuses,
    "notices": closed(dict.fromkeys(NOTICES, plain), NOTICES),
    "urgent_help": closed(URGENT_HELP, tuple(URGENT_HELP)),
    "publisher": closed(PUBLISHER, tuple(PUBLISHER)),
}, ("notices", "urgent_help", "publisher"))


def address(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
    value = env_default(value)  # !ENV [NAME, default]: the default here; site_url_from_environment checks SITE_URL
    text = _text(value)
    problem = https_problem(text) if text is not None else ("is not text", "write the address")
    if problem:
        yield key, f"{name} {_kind(value)} {problem[0]}", problem[1]


# Style sheets and scripts every page loads: only the project's own files, in the folders docs_files.py allows.
ASSET_LISTS = {"extra_css": (STYLESHEET_FOLDERS, ".css"), "extra_javascript": (SCRIPT_FOLDERS, ".js")}
FILE_NAME = re.compile(r"[A-Za-z0-9_-]+")


def own_files(name: str, key: yaml.Node, value: yaml.Node) -> Iterator[Issue]:
    """extra_css and extra_javascript name files of this site only: never another host, never a path that leaves
    docs/ (every page would load it, so a wrong entry covers every page)."""
    if not isinstance(value, yaml.SequenceNode):
        yield key, f"{name} is {_kind(value)}, not a list of files", "write each file as a '- ' item"
        return
    folders, suffix = ASSET_LISTS[name]
    for item in value.value:
        path = _text(item)
        if path is None and isinstance(item, yaml.MappingNode):  # extra_javascript: {path: x.js, defer: true}
            path = next((_text(v) for k, _, v in pairs(item) if k == "path"), None)
        folder = next((f for f in folders if (path or "").startswith(f)), None)
        if folder is None or not path.endswith(suffix) or not FILE_NAME.fullmatch(path[len(folder):-len(suffix)]):
            yield item, f"{name} lists {_kind(item)}, not a file of this site under docs/{folders[0]}", \
                f"name a file such as '{folders[0]}extra{suffix}'; pages load nothing from other hosts"


def nav_titles(node: yaml.Node) -> Iterator[Issue]:
    for item in node.value if isinstance(node, yaml.SequenceNode) else ():
        for title, key, value in pairs(item):
            problem = text_problem(title)
            if problem:
                yield key, f"the nav title '{title}' {problem[0]}", problem[1]
            yield from nav_titles(value)


def toggle_names(node: yaml.Node) -> Iterator[Issue]:
    for palette in node.value if isinstance(node, yaml.SequenceNode) else [node]:
        for _, _, toggle in (p for p in pairs(palette) if p[0] == "toggle"):
            for _, key, value in (p for p in pairs(toggle) if p[0] == "name"):
                yield from plain("theme.palette's toggle name", key, value)


def config_issues(root: yaml.Node) -> Iterator[Issue]:
    if not any(name == "extra" for name, _, _ in pairs(root)):
        yield root, "the config has no extra: with the notices every page prints", "restore it from git history"
    for name, key, value in pairs(root):
        if name == "extra":
            yield from EXTRA("extra", key, value)
        elif value.tag == "tag:yaml.org,2002:null":
            continue  # not set: MkDocs checks the keys it requires
        elif name in PRINTED:
            yield from plain(name, key, value)
        elif name in ADDRESSES:
            yield from address(name, key, value)
        elif name in ASSET_LISTS:
            yield from own_files(name, key, value)
        elif name == "nav":
            yield from nav_titles(value)
        elif name == "theme":
            for _, _, palette in (p for p in pairs(value) if p[0] == "palette"):
                yield from toggle_names(palette)


def site_url_from_environment(root: yaml.Node, config: dict) -> Iterator[Issue]:
    """The address SITE_URL gives site_url (`!ENV [SITE_URL, default]`) reaches every page too."""
    given = os.environ.get("SITE_URL")
    for name, key, _ in pairs(root):
        if name == "site_url" and given and config.get("site_url") == given:
            problem = https_problem(given)
            if problem:
                yield key, f"site_url, from SITE_URL='{given}', {problem[0]}", problem[1] + " in SITE_URL"


def check_config_values(ctx: Context) -> list[Finding]:
    """Every printed value of mkdocs.yml that is not of its type, with its line."""
    root = yaml.compose("\n".join(ctx.config_lines), Loader=yaml.SafeLoader)  # nodes: no tag is constructed
    issues = [*config_issues(root), *site_url_from_environment(root, ctx.config)]
    return [Finding(ctx.config_rel, node.start_mark.line + 1, what, fix, CHECK) for node, what, fix in issues]


def page_statuses(config: dict) -> tuple[str, ...]:
    """The page statuses mkdocs.yml sets up (extra.status), which front matter may name."""
    status = (config.get("extra") or {}).get("status")
    return tuple(str(key) for key in status) if isinstance(status, dict) else ()
