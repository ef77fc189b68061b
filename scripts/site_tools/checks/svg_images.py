"""An SVG image in docs/ is a picture and nothing else: no script, no event handler, no embedded HTML, no link
or load from anywhere but itself.

A browser that opens an .svg file on its own shows it as a document of this site, and runs what it holds.
The file is parsed with lxml as plain XML: no network, no DTD loaded, no entity expanded. A file that does
not parse is refused, since a browser might still read it. docs_files.py calls this for every .svg file.
"""

from __future__ import annotations

import re

from lxml import etree

from site_tools.checks.content_markup import BAD_SCHEMES, CONTROL

SVG_NS = "http://www.w3.org/2000/svg"
XHTML_NS = "http://www.w3.org/1999/xhtml"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
FIX_REMOVE = "remove it: an image needs no code, and the site's pages link only to their own files"
ACTIVE = {  # element (lower-case local name) -> why it is refused
    "script": "a <script> element, which runs when the image is opened",
    "foreignobject": "a <foreignObject> element, which embeds HTML that can run code",
    "handler": "a <handler> element, which runs code",
    "listener": "a <listener> element, which runs code",
    "iframe": "an <iframe> element, which loads another page",
    "embed": "an <embed> element, which loads other content",
    "object": "an <object> element, which loads other content",
}
ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)

Problem = tuple[int | None, str, str]  # (line, what, fix)


def svg_problems(data: bytes) -> list[Problem]:
    """Every problem in one SVG file, with its line."""
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as err:
        return [(err.lineno or None, f"the SVG cannot be read ({err.msg})",
                 "export it again from the drawing program, as plain SVG")]
    problems: list[Problem] = []
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (list(dtd.iterentities()) or list(dtd.iterelements())):
        problems.append((1, "the SVG declares its own entities or elements in a DOCTYPE",
                         "remove the <!DOCTYPE ...[ ... ]> block: an image needs none"))
    for pi in [*root.itersiblings(preceding=True), *root.iter(etree.ProcessingInstruction)]:
        if isinstance(pi, etree._ProcessingInstruction):
            problems.append((pi.sourceline, f"the SVG holds a <?{pi.target} ...?> instruction, which can load a style "
                             "sheet or code", FIX_REMOVE))
    if root.tag != f"{{{SVG_NS}}}svg":
        problems.append((root.sourceline, f"the file is not an SVG image (its root is <{etree.QName(root).localname}>)",
                         "save it as an SVG image, or remove it"))
    for el in root.iter():
        if isinstance(el, etree._Entity):
            problems.append((el.sourceline, f"the SVG uses the entity &{el.name};", "write the text out instead"))
        elif isinstance(el.tag, str):
            problems += element_problems(el)
    return problems


def element_problems(el: etree._Element) -> list[Problem]:
    name = etree.QName(el)
    local = name.localname.lower()
    line = el.sourceline
    found: list[Problem] = []
    if local in ACTIVE:
        found.append((line, f"the SVG holds {ACTIVE[local]}", FIX_REMOVE))
    elif name.namespace == XHTML_NS:
        found.append((line, f"the SVG holds an HTML <{name.localname}> element", FIX_REMOVE))
    target = (el.get("attributeName") or "").lower().rpartition(":")[2]
    if local in ANIMATIONS and (target == "href" or target.startswith("on")):
        found.append((line, f"the SVG animates its '{target}' attribute, which can change a link or run code",
                      FIX_REMOVE))
    for key, value in el.items():
        attr = etree.QName(key).localname.lower()
        if attr.startswith("on"):
            found.append((line, f"the SVG's '{attr}' attribute runs a script", FIX_REMOVE))
        elif attr == "href" and not value.strip().startswith("#"):
            found.append((line, reference_problem(value), FIX_REMOVE))
        elif attr != "href" and script_url(value):
            found.append((line, f"the SVG's '{attr}' attribute holds a script address", FIX_REMOVE))
        found += style_problems(value, line)
    if local == "style":
        found += style_problems(el.text or "", line)
    return found


def script_url(value: str) -> bool:
    clean = CONTROL.sub("", value).lower()
    return any(f"{scheme}:" in clean for scheme in BAD_SCHEMES if scheme != "data")


def reference_problem(url: str) -> str:
    clean = CONTROL.sub("", url).lower()
    scheme = clean.split(":", 1)[0] if ":" in clean else ""
    if scheme in BAD_SCHEMES:
        return f"the SVG links to a '{scheme}:' address, which can run code"
    return f"the SVG refers to '{url.strip()}' outside itself, which a browser would load or follow"


def style_problems(text: str, line: int | None) -> list[Problem]:
    """A style that loads anything: url(...) other than '#id', or @import."""
    found = [(line, reference_problem(url), FIX_REMOVE) for url in CSS_URL.findall(text) if not url.startswith("#")]
    if "@import" in text.lower():
        found.append((line, "the SVG's style imports another style sheet", FIX_REMOVE))
    return found
