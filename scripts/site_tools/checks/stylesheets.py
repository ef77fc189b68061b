"""The style sheets in docs/ load nothing from elsewhere, run nothing, and cannot hide or cover the notices.

Every .css file in docs/ (docs_files.py allows them only under docs/stylesheets/) is parsed as a browser
parses it, with tinycss2, and each selector with cssselect2: an escape such as 'u\\72l(' is read as 'url(', a
comment ends a word, and letter case is ignored where CSS ignores it. Refused, each with its line:
- what loads or runs: @import and every at-rule but @media, @supports and @page (no @font-face either: the
  site uses the reader's system fonts, and a font of its own could draw the notices blank); a url() that is
  not a relative path to a file in docs/ (no http:, https:, '//', javascript:, no '/' first, no way out of
  docs/); a data: address too, because an image inlined in a style sheet is one no check reads (svg_images.py
  reads the files in docs/) and it would open the Content-Security-Policy's img-src to data: on every page
  (build/security_headers.py); a CSS function not in FUNCTIONS (expression(), image-set(), ...); the
  properties behavior and -moz-binding; nested rules, a second way to write a selector.
- what covers: in any rule, a box taken out of the flow or moved (position other than static or relative,
  z-index, top/right/bottom/left/inset, transform, translate, rotate, scale) can sit over the notices without
  naming them. The site's own rules need none.
- what hides: a rule whose selector could reach a notice may set only the properties in SAFE (colours,
  spacing, borders, type, page breaks), with values that keep the text readable: no negative margin, no
  font size under the floor, no transparent text colour. A selector cannot reach a notice when no part of it
  names one (a notice class, #content, [data-notice], [data-page-body], or an attribute selector on class, id,
  role or aria-label) and the element it styles carries a class that is not in AROUND (the classes on and
  around the notices on a built page); ::before, ::after and ::marker style a box of their own.
print.css is held to the same rules: the notices print. This check is the quick refusal, with a line, of what
a source plainly does; the browser gate (tests/browser) proves in Chromium that each notice is really seen.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from typing import Callable, Iterator

import tinycss2
import tinycss2.ast
from cssselect2 import parser as selectors

from site_tools.built_pages import Context
from site_tools.findings import Finding
from site_tools.pages import EXTERNAL

CHECK = "stylesheets"
AT_RULES = {"media", "supports", "page"}
GROUPS = {"media", "supports"}  # at-rules that hold rules
FUNCTIONS = {"var", "calc", "min", "max", "clamp", "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch",
             "color-mix", "linear-gradient", "repeating-linear-gradient", "radial-gradient",
             "repeating-radial-gradient", "conic-gradient", "repeating-conic-gradient", "cubic-bezier", "steps",
             "counter", "counters", "url"}
RUNS_SCRIPT = {"behavior", "-ms-behavior", "-moz-binding"}
COVERS = {"z-index", "top", "right", "bottom", "left", "inset", "inset-block", "inset-inline", "inset-block-start",
          "inset-block-end", "inset-inline-start", "inset-inline-end", "transform", "translate", "rotate", "scale"}
# Classes on the notices, inside them and on the elements around them (html, the content's containers), as
# built; js, js-focus-visible and focus-visible are added by Material's script. tests prove the list complete.
AROUND = {"no-js", "js", "js-focus-visible", "focus-visible", "md-container", "md-main", "md-main__inner", "md-grid",
          "md-content", "md-content__inner", "md-typeset", "page-body"}
NOTICE_ATTRIBUTES = {"data-notice", "data-page-body", "class", "id", "role", "aria-label"}
OWN_BOX = {"before", "after", "marker"}  # pseudo-elements that style a box of their own, not the element
RELATIVE_PATH = re.compile(r"(?:[A-Za-z0-9_.-]+/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*")
FILE_FIX = "put the file in docs/assets/ and refer to it with a relative path, such as url(../assets/texture.png)"

Problem = tuple[int, str, str]  # (line, what, fix)
Tokens = list[tinycss2.ast.Node]


def plain(tokens: Tokens) -> Tokens:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def is_notice_class(name: str) -> bool:
    return name.lower().startswith("notice") or name.lower() in AROUND


# Values a rule that can reach a notice may give (None: fine, else what is wrong).
def any_value(tokens: Tokens) -> str | None:
    return None


def opaque_colour(tokens: Tokens) -> str | None:
    value = plain(tokens)
    if len(value) == 1:
        token = value[0]
        if token.type == "ident" and token.lower_value not in ("transparent", "currentcolor"):
            return None
        if token.type == "hash" and len(token.value) in (3, 6):
            return None
        if token.type == "function" and token.lower_name == "var" and len(plain(token.arguments)) == 1:
            return None
    return "is not an opaque colour"


def non_negative(tokens: Tokens) -> str | None:
    for token in plain(tokens):
        if token.type in ("number", "dimension", "percentage") and token.value >= 0:
            continue
        if token.type == "ident" and token.lower_value in ("auto", "inherit", "normal"):
            continue
        return "is not a plain size of zero or more"
    return None


FONT_FLOOR = {"rem": 0.6, "em": 0.6, "pt": 8, "px": 10, "mm": 2.8}
FONT_WORDS = {"small", "medium", "large", "x-large", "xx-large", "larger", "inherit"}


def font_size(tokens: Tokens) -> str | None:
    value = plain(tokens)
    token = value[0] if len(value) == 1 else None
    if token is not None and token.type == "dimension" and token.value >= FONT_FLOOR.get(token.lower_unit, float("inf")):
        return None
    if token is not None and token.type == "percentage" and token.value >= 60:
        return None
    if token is not None and token.type == "ident" and token.lower_value in FONT_WORDS:
        return None
    return "is not a readable size (at least 0.6rem, 0.6em, 60%, 8pt or 10px)"


def line_height(tokens: Tokens) -> str | None:
    value = plain(tokens)
    if len(value) == 1 and ((value[0].type == "number" and value[0].value >= 1) or
                            (value[0].type == "ident" and value[0].lower_value == "normal")):
        return None
    return "is not 'normal' or a number of at least 1"


def one_of(*words: str, otherwise: str) -> Callable[[Tokens], str | None]:
    """A value that is one of words; otherwise says what any other value could do."""
    def check(tokens: Tokens) -> str | None:
        value = plain(tokens)
        return None if len(value) == 1 and tinycss2.serialize(value).lower() in words else otherwise
    return check


SIZE = one_of("auto", "none", "100%", otherwise="can shrink them to nothing")
HIDES = "can hide them"
IN_FLOW = one_of("static", "relative", otherwise="takes the box out of the flow")
SAFE = {
    "color": opaque_colour, "background": any_value, "background-color": any_value,
    "font-size": font_size, "font-weight": any_value, "font-style": any_value, "font-family": any_value,
    "line-height": line_height, "letter-spacing": non_negative, "word-spacing": non_negative,
    "text-align": any_value, "text-underline-offset": any_value, "overflow-wrap": any_value, "word-break": any_value,
    "hyphens": any_value, "list-style": any_value, "list-style-type": any_value, "list-style-position": any_value,
    "orphans": any_value, "widows": any_value, "print-color-adjust": any_value, "-webkit-print-color-adjust": any_value,
    "width": SIZE, "height": SIZE, "max-width": SIZE, "max-height": SIZE,
    "min-width": non_negative, "min-height": non_negative,
    "display": one_of("block", "inline", "inline-block", "flex", "inline-flex", "grid", "inline-grid", "flow-root",
                      "list-item", "contents", otherwise=HIDES),
    "visibility": one_of("visible", otherwise=HIDES),
}
SAFE_FAMILIES = {"margin": non_negative, "padding": any_value, "border": any_value, "text-decoration": any_value,
                 "break-": any_value, "page-break-": any_value}


def safe_value(name: str) -> Callable[[Tokens], str | None] | None:
    """How a rule that can reach a notice may set the property name, or None when it may not set it."""
    if name.startswith("--"):
        return opaque_colour if name.endswith("color") else any_value  # a colour the notices' text may use
    if name in SAFE:
        return SAFE[name]
    return next((check for family, check in SAFE_FAMILIES.items() if name.startswith(family)), None)


def check_stylesheets(ctx: Context) -> list[Finding]:
    """Every problem in every .css file under docs/."""
    docs = ctx.root / (ctx.config.get("docs_dir") or "docs")
    found = []
    for folder, _, files in os.walk(docs):  # links are not followed: docs_files.py refuses them
        for path in sorted(Path(folder) / name for name in files if name.lower().endswith(".css")):
            if path.is_file() and not path.is_symlink():
                rel = path.relative_to(ctx.root).as_posix()
                found += [Finding(rel, line, what, fix, CHECK) for line, what, fix in stylesheet_problems(path, docs)]
    return found


def stylesheet_problems(path: Path, docs: Path) -> list[Problem]:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return [(1, f"cannot be read as UTF-8 text ({err})", "save it as UTF-8")]
    folder = path.parent.relative_to(docs).as_posix()
    return list(rule_problems(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True), folder, docs))


def rule_problems(rules: list, folder: str, docs: Path) -> Iterator[Problem]:
    for rule in rules:
        if rule.type == "error":
            yield rule.source_line, f"the CSS cannot be read here ({rule.message})", "fix the syntax"
        elif rule.type == "at-rule":
            yield from at_rule_problems(rule, folder, docs)
        elif rule.type == "qualified-rule":
            yield from style_rule_problems(rule, folder, docs)


def at_rule_problems(rule: tinycss2.ast.AtRule, folder: str, docs: Path) -> Iterator[Problem]:
    name = rule.lower_at_keyword
    if name == "import":
        yield rule.source_line, "@import loads another style sheet, from anywhere, past this check", \
            "list each style sheet under extra_css in mkdocs.yml instead"
        return
    if name == "font-face":
        yield rule.source_line, ("@font-face brings a font of the site's own, which could draw the notices' letters "
                                 "blank; the site uses the reader's system fonts (theme.font: false in mkdocs.yml)"), \
            "remove it"
        return
    if name not in AT_RULES:
        yield rule.source_line, f"@{name} is not an at-rule the site's style sheets use", \
            "use only @media, @supports and @page, or remove it"
        return
    yield from value_problems(rule.prelude, rule.source_line, folder, docs)
    contents = tinycss2.parse_blocks_contents(rule.content or [], skip_comments=True, skip_whitespace=True)
    if name in GROUPS:
        yield from rule_problems(contents, folder, docs)
    else:  # @page: the printed sheet's margins and size, no element of the page
        yield from declarations_problems(contents, None, folder, docs)


def style_rule_problems(rule: tinycss2.ast.QualifiedRule, folder: str, docs: Path) -> Iterator[Problem]:
    try:
        parsed = list(selectors.parse(rule.prelude))
    except selectors.SelectorError as err:
        yield rule.source_line, f"the selector '{text_of(rule.prelude)}' cannot be read ({err})", "fix the selector"
        return
    reaching = next((text_of_selector(rule.prelude, i) for i, s in enumerate(parsed) if can_reach_notice(s)), None)
    contents = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
    yield from declarations_problems(contents, reaching, folder, docs)


def declarations_problems(contents: list, reaching: str | None, folder: str, docs: Path) -> Iterator[Problem]:
    """reaching: the selector of the rule that can reach a notice, or None."""
    for item in contents:
        if item.type == "error":
            yield item.source_line, f"the CSS cannot be read here ({item.message})", "fix the syntax"
        elif item.type != "declaration":
            yield item.source_line, "a rule nested inside another rule", "write it at the top level, with its whole selector"
        else:
            yield from declaration_problems(item, reaching, folder, docs)


def declaration_problems(decl: tinycss2.ast.Declaration, reaching: str | None, folder: str,
                         docs: Path) -> Iterator[Problem]:
    name, line = decl.lower_name, decl.source_line
    shown = f"{decl.name}: {text_of(decl.value)}"
    yield from value_problems(decl.value, line, folder, docs)
    if name in RUNS_SCRIPT:
        yield line, f"'{shown}' runs a script in old browsers", "remove it"
    elif name in COVERS or (name == "position" and IN_FLOW(decl.value) is not None):
        yield line, f"'{shown}' can place a box over the notices", \
            "remove it: the site's style sheets keep every box in the flow of the page"
    elif reaching is not None:
        check = safe_value(name)
        problem = HIDES if check is None else check(decl.value)
        if problem:
            yield line, (f"the rule for '{reaching}' can reach a required notice or the page around it, and "
                         f"'{shown}' {problem}"), ("style the notices only with readable colours, spacing, borders "
                                                   "and type (SAFE in checks/stylesheets.py), or write a selector "
                                                   "for a class no notice carries")


def value_problems(tokens: Tokens, line: int, folder: str, docs: Path) -> Iterator[Problem]:
    """url() that is not a file of this site, and functions not in FUNCTIONS, at any depth."""
    for token in tokens:
        if token.type == "error":  # such as url(a(b)), which browsers drop too
            yield token.source_line, f"the CSS cannot be read here ({token.message})", "fix the syntax"
        elif token.type == "url":
            yield from url_problems(token.value, token.source_line or line, folder, docs)
        elif token.type == "function":
            if token.lower_name == "expression":
                yield token.source_line, "expression() runs a script in old browsers", "remove it"
                continue  # what it runs is script, not CSS
            if token.lower_name not in FUNCTIONS:
                yield token.source_line, f"{token.name}() is not a CSS function the site's style sheets use", \
                    "remove it (FUNCTIONS in checks/stylesheets.py lists those that load and run nothing)"
            elif token.lower_name == "url":
                strings = [t for t in plain(token.arguments) if t.type == "string"]
                yield from url_problems(strings[0].value if strings else "", token.source_line, folder, docs)
            yield from value_problems(token.arguments, line, folder, docs)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from value_problems(token.content, line, folder, docs)


def url_problems(url: str, line: int, folder: str, docs: Path) -> Iterator[Problem]:
    if url.strip().lower().startswith("data:"):
        yield line, ("url(data:…) inlines a file no check reads, and would open the Content-Security-Policy to "
                     "data: images on every page"), FILE_FIX
    elif EXTERNAL.match(url.strip()):
        yield line, f"url({url!r}) is not a file of this site: the site loads nothing from another host", FILE_FIX
    else:
        target = posixpath.normpath(posixpath.join(folder, url))
        if not RELATIVE_PATH.fullmatch(url) or target.startswith("../") or not (docs / target).is_file():
            yield line, f"url({url!r}) is not a relative path to a file in docs/", FILE_FIX


def can_reach_notice(selector: selectors.Selector) -> bool:
    if names_notice(selector.parsed_tree):
        return True
    if selector.pseudo_element in OWN_BOX:
        return False
    subject = selector.parsed_tree
    while isinstance(subject, selectors.CombinedSelector):
        subject = subject.right
    classes = [s.class_name for s in subject.simple_selectors if isinstance(s, selectors.ClassSelector)]
    return all(is_notice_class(name) for name in classes)  # no class that only other elements carry


def names_notice(node) -> bool:
    """Whether any part of a parsed selector names a notice, #content, or an attribute that could."""
    if isinstance(node, selectors.ClassSelector):
        return node.class_name.lower().startswith("notice") or node.class_name.lower() == "page-body"
    if isinstance(node, selectors.IDSelector):
        return node.ident.lower() == "content"
    if isinstance(node, selectors.AttributeSelector):
        return node.lower_name in NOTICE_ATTRIBUTES
    if isinstance(node, selectors.CompoundSelector):
        return any(names_notice(s) for s in node.simple_selectors)
    if isinstance(node, selectors.CombinedSelector):
        return names_notice(node.left) or names_notice(node.right)
    if isinstance(node, selectors.Selector):
        return names_notice(node.parsed_tree)
    if isinstance(node, selectors.RelativeSelector):
        return names_notice(node.selector)
    if isinstance(node, selectors.FunctionalPseudoClassSelector):  # such as :nth-child(2 of .notice): unparsed
        return any(t == "." or t.type in ("hash", "[] block") for t in node.arguments)
    return any(names_notice(s) for s in getattr(node, "selector_list", ()))


def text_of(tokens: Tokens) -> str:
    return " ".join(tinycss2.serialize([t for t in tokens if t.type != "comment"]).split())


def text_of_selector(prelude: Tokens, index: int) -> str:
    """The index-th selector of a comma-separated list, as written."""
    parts, current = [], []
    for token in prelude:
        if token == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return text_of(parts[index]) if index < len(parts) else text_of(prelude)
