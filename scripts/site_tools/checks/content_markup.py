"""What page content may be made of: the allowed HTML elements, attributes and classes, and the one judge of an
element that both content checks use (content_safety.py, on the Markdown source and on the built page).

Everything is an allow-list: anything not listed is refused, so a new trick fails without anyone foreseeing it.
Content must not run code, load anything from another host (which can track readers: images, video, audio,
srcset candidates, protocol-relative //host addresses), style itself (style attributes, <style>, <link>), or hide
or cover the notices (hidden, aria-hidden, the theme's md-* classes, any class outside the short list below).
Links to other sites stay allowed: following one is the reader's choice, not a request the page makes.

To allow something new, add it here in a reviewed change, with the CSS rule it needs in docs/stylesheets/extra.css.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, NamedTuple
from urllib.parse import urlsplit

from site_tools.checks.same_site import srcset_urls, stays_on_site

THIS_FILE = "scripts/site_tools/checks/content_markup.py"

# Elements a contributor may write as HTML in Markdown.
CONTENT_TAGS = frozenset({
    "a", "abbr", "audio", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "samp", "small", "source", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "track", "u",
    "ul", "var", "video", "wbr",
})
# Elements the Markdown extensions in mkdocs.yml write: pymdownx.tasklist's checkbox (only type="checkbox").
MARKDOWN_TAGS = frozenset({"input", "label"})

EMBED = "remove it and link to the {} instead: embedded content loads another site, which can track readers"
CHANGES_LINKS = "remove it: an animation can change a link's address after the page loads"
# Why some elements are refused (any other element outside the lists gets the general reason).
TAG_FIXES = {
    "script": "remove it: pages run no scripts of their own, and the site's security policy blocks them",
    "iframe": EMBED.format("page"), "object": EMBED.format("file"), "embed": EMBED.format("file"),
    "frame": EMBED.format("page"), "frameset": EMBED.format("page"), "portal": EMBED.format("page"),
    "form": "remove it: the site collects no data from readers",
    "style": "remove it: put styles in docs/stylesheets/extra.css and use a class",
    "link": "remove it: a link element loads stylesheets or files, which can restyle the page or track readers",
    "meta": "remove it: a meta element can refresh or redirect the page, or change how it is read",
    "base": "remove it: a base element changes where every link and file on the page points",
    "template": "remove it: its content is never shown to readers",
    "svg": "save the drawing as an .svg file in docs/assets/ and add it as an image: ![description](file.svg)",
    "animate": CHANGES_LINKS, "set": CHANGES_LINKS, "animatemotion": CHANGES_LINKS,
    "animatetransform": CHANGES_LINKS,
    "dialog": "remove it: a dialog can cover the page and the notices",
}
GENERAL_TAG_FIX = f"use Markdown, or one of the HTML elements listed in {THIS_FILE}"

# Attributes a contributor may write, in HTML or in an attribute list ({: ... }).
CONTENT_ATTRIBUTES = frozenset({
    "abbr", "alt", "cite", "class", "colspan", "controls", "datetime", "decoding", "default", "dir", "headers",
    "height", "href", "id", "kind", "label", "lang", "loading", "loop", "markdown", "media", "muted", "open",
    "playsinline", "poster", "preload", "rel", "reversed", "rowspan", "scope", "sizes", "span", "src", "srclang",
    "srcset", "start", "target", "title", "type", "width",
})
# Attributes the Markdown extensions write: pymdownx.tasklist's checkbox; the tables extension's column alignment
# (use_align_attribute in mkdocs.yml: align=, not a style= attribute the CSP would block).
MARKDOWN_ATTRIBUTES = frozenset({"checked", "disabled", "align"})
# Attributes whose every address the browser loads by itself, when the page opens.
LOADS = {"src": False, "poster": False, "data": False, "background": False, "srcset": True, "imagesrcset": True}
# Addresses content may use anywhere: a scheme that runs code or hides content is refused, and plain http.
BAD_SCHEMES = ("javascript", "vbscript", "data")
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "data", "xlink:href", "cite"})
CONTROL = re.compile(r"[\x00-\x20\x7f]+")
# Attributes refused for a reason of their own (the needle finds the Markdown line of a built element).
ATTRIBUTE_PROBLEMS = {
    "style": ("style=", "the style attribute is not allowed in page content",
              "use a class from docs/stylesheets/extra.css: inline styles can cover or hide the notices, and the "
              "site's security policy blocks them"),
    "hidden": ("hidden", "the hidden attribute hides part of the page",
               "remove it: everything in page content is for readers to see"),
    "aria-hidden": ("aria-hidden", "the aria-hidden attribute hides part of the page from screen readers",
                    "remove it: everything in page content is for every reader"),
}

# Classes page content may use: the project's own (docs/stylesheets/extra.css and print.css style them).
CONTENT_CLASSES = frozenset({"journal-prompts"})
# Admonition and details types (!!! type, ??? type): Material styles these; each becomes a class.
ADMONITION_TYPES = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done",
    "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
    "bug", "example", "quote", "cite", "inline", "end",
})
# Classes the Markdown extensions in mkdocs.yml write (toc, admonition, footnotes, tasklist, superfences, and the
# project's affiliate_links), plus language-* on code blocks. Classes inside <code> come from the highlighter.
MARKDOWN_CLASSES = frozenset({
    "headerlink", "admonition", "admonition-title", "footnote", "footnote-ref", "footnote-backref", "task-list",
    "task-list-item", "task-list-control", "task-list-indicator", "highlight", "paid-link",
})
CODE_LANGUAGE = re.compile(r"language-[\w+#.-]+")
# An id the theme's scripts can never mistake for one of their own (__config, __search, md-...): any id without
# spaces that starts neither with _ nor with md- (headings' ids such as 2-first-steps, footnotes' fn:1 pass).
SAFE_ID = re.compile(r"(?!_|md[-_])\S+")


class Problem(NamedTuple):
    needle: str  # text to find the Markdown line by
    what: str
    fix: str


def url_problem(url: str) -> Problem | None:
    """A link or image address that must not be used anywhere: one that runs code, hides content or is plain http."""
    clean = CONTROL.sub("", html.unescape(url)).lower()
    scheme = clean.split(":", 1)[0] if ":" in clean else ""
    if scheme in BAD_SCHEMES:
        return Problem(f"{scheme}:", f"a link or image uses a '{scheme}:' address, which can run code or hide content",
                       "link to an https:// page or to a page or file in docs/ instead")
    if clean.startswith("http://"):
        host = urlsplit(url.strip()).hostname or "?"
        return Problem(url.strip(), f"the link to http://{host} uses plain http, which is neither private nor safe",
                       "change it to https:// (check that the page opens); if the site has no https, leave the link out")
    return None


def load_problem(name: str, url: str, page: str) -> Problem | None:
    """An address the browser loads by itself (name is its attribute) that leaves this site, or runs code."""
    problem = url_problem(url)
    if problem:
        return problem
    if stays_on_site(html.unescape(url), page):
        return None
    shown = url.strip() if len(url.strip()) <= 80 else url.strip()[:77] + "..."
    return Problem(url.strip(), f"the {name}= address {shown} loads a file from another site, which can track readers",
                   "save the file under docs/assets/ and use its path instead")


def class_problems(classes: str, built: bool) -> list[Problem]:
    """Classes outside the lists (built: also the Markdown extensions' own and language-* on code blocks)."""
    allowed = CONTENT_CLASSES | ADMONITION_TYPES | MARKDOWN_CLASSES if built else CONTENT_CLASSES
    problems = []
    for name in classes.split():
        if name in allowed or (built and CODE_LANGUAGE.fullmatch(name)):
            continue
        if name.startswith("md-") or name.startswith("md_"):
            fix = "remove it: md- classes belong to the theme, and can place content over the notices or hide it"
        else:
            fix = (f"use one of the page classes ({', '.join(sorted(CONTENT_CLASSES))}), or add it to CONTENT_CLASSES "
                   f"in {THIS_FILE} with its rule in docs/stylesheets/extra.css")
        problems.append(Problem(name, f"the class {name!r} is not allowed in page content", fix))
    return problems


def attribute_problems(tag: str | None, attributes: Iterable[tuple[str, str | None]], page: str,
                       built: bool) -> list[Problem]:
    """Problems with one element's attributes (tag None: an attribute list, whose element is not known)."""
    allowed = CONTENT_ATTRIBUTES | MARKDOWN_ATTRIBUTES if built else CONTENT_ATTRIBUTES
    problems: list[Problem] = []
    for name, value in attributes:
        name, value = name.lower(), value or ""
        if name.startswith("on"):
            problems.append(Problem(f"{name}=", f"the '{name}' attribute runs a script",
                                    "remove it: page content must not run scripts"))
        elif name in ATTRIBUTE_PROBLEMS:
            problems.append(Problem(*ATTRIBUTE_PROBLEMS[name]))
        elif name == "class":
            problems += class_problems(value, built)
        elif name == "id" and not SAFE_ID.fullmatch(value):
            problems.append(Problem(value, f"the id {value!r} is not allowed in page content",
                                    "use an id without spaces that starts neither with _ nor with md-: "
                                    "the theme's scripts look up ids of their own"))
        elif name in LOADS:
            urls = srcset_urls(value) if LOADS[name] else [value]
            problems += [p for p in (load_problem(name, url, page) for url in urls) if p]
            if name not in allowed:
                problems.append(not_allowed(name))
        elif name not in allowed:
            problems.append(not_allowed(name))
        elif name in URL_ATTRIBUTES:
            problem = url_problem(value)
            if problem:
                problems.append(problem)
    return problems


def not_allowed(name: str) -> Problem:
    why = " (the theme's and the build's scripts read data- attributes)" if name.startswith("data-") else ""
    return Problem(name, f"the '{name}' attribute is not allowed in page content{why}",
                   f"remove it; if pages need it, add it to CONTENT_ATTRIBUTES in {THIS_FILE} after review")


def element_problems(tag: str, attributes: list[tuple[str, str | None]], page: str, built: bool) -> list[Problem]:
    """Problems with one element of page content: a refused element is one problem, else each attribute's.
    built: the element is in a built page, where the Markdown extensions' own markup is allowed too."""
    tag = tag.lower()
    allowed = CONTENT_TAGS | MARKDOWN_TAGS if built else CONTENT_TAGS
    if tag == "input" and (dict(attributes).get("type") or "").lower() != "checkbox":
        allowed = CONTENT_TAGS
    if tag not in allowed:
        return [Problem(f"<{tag}", f"<{tag}> is not allowed in page content", TAG_FIXES.get(tag, GENERAL_TAG_FIX))]
    return attribute_problems(tag, attributes, page, built)
