"""Plain text: a value the templates print into pages as it is, unescaped (MkDocs and Material do not escape).

A plain-text value holds no markup and nothing that could become markup or hide itself: no '<' or '>', no
straight double quote (it would end the HTML attribute the value is printed in, such as the description's
<meta content="…">), no HTML character reference (such as '&lt;', which a browser turns back into '<'), no line
break and no invisible control or formatting character (such as U+202E, which reverses the text after it).
Used by checks/front_matter.py (title, description, subtitle) and checks/config_values.py (mkdocs.yml).
"""

from __future__ import annotations

import html
import re
import unicodedata

CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?")
# Unicode categories no plain-text value needs: controls (Cc), invisible formatting such as bidi overrides and
# zero-width characters (Cf), and the line and paragraph separators (Zl, Zp).
HIDDEN = ("Cc", "Cf", "Zl", "Zp")
LINE_BREAKS = "\n\r\u2028\u2029\x85\x0b\x0c"


def text_problem(text: str) -> tuple[str, str] | None:
    """(what, fix) for the first thing in text that is not plain text, else None. `what` continues a sentence
    such as "the title …": "contains '<', which pages read as HTML"."""
    for char in text:
        if char in LINE_BREAKS:
            return ("contains a line break",
                    "write it on one line (in YAML, '|' keeps line breaks: write plain text, or use '>-')")
        if unicodedata.category(char) in HIDDEN:
            name = unicodedata.name(char, "a control character")
            return (f"contains the invisible character U+{ord(char):04X} ({name})",
                    "delete it: retype the text if you cannot see where it is")
        if char in "<>":
            return (f"contains '{char}', which pages read as HTML",
                    "write plain text: no HTML tags and no angle brackets")
        if char == '"':
            return ("contains a straight double quote (\"), which ends the HTML attribute the text is printed in",
                    "use typographic quotes (“like this”) or none")
    return reference_problem(text)


def reference_problem(text: str) -> tuple[str, str] | None:
    """(what, fix) for the first HTML character reference in text (such as '&lt;' or '&#60;'), else None."""
    for match in CHARACTER_REFERENCE.finditer(text):
        if html.unescape(match.group(0)) != match.group(0):
            return (f"contains the HTML character reference '{match.group(0)}', which a browser decodes",
                    "write the character itself, or leave it out")
    return None
