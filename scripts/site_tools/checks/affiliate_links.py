"""Every Amazon link on a built page is marked as paid, comes after the affiliate notice,
and is never on the get-help-now page or in an urgent-help box.

A link is an Amazon link when a browser would take the reader to Amazon: every href is parsed as a browser
parses it, against the page's own address (is_amazon_url in markdown/affiliate_links.py, with ada-url), so a
disguised address (percent-encoded, full-width, backslashes, upper case, trailing dot, user name, tabs or
character references) is an Amazon link like any other. An href no browser can parse is a finding too.

The label is accepted in one form only, the one the Markdown extension writes: the link, then only
whitespace, then <span class="paid-link">(paid link)</span> with no other attribute. Nothing around them may
hide it (hidden, aria-hidden, inert, a style other than text-align, a class such as visually-hidden), and
the label never appears twice.
"""

from __future__ import annotations

from site_tools.built_pages import BuiltPage, Context
from site_tools.findings import Finding
from site_tools.markdown.affiliate_links import LABEL, LABEL_CLASS, REL, is_amazon_url, is_label, parse
from site_tools.pages import url_path
from site_tools.readable_text import is_hidden

CHECK = "affiliate-links"
AS_MARKDOWN = "write it as a normal Markdown link, [text](url), and the build adds"
THE_LABEL = f'<span class="{LABEL_CLASS}">{LABEL}</span>'
# Class names that hide an element, or hide it from sight only (visually-hidden, sr-only, md-visually-hidden).
HIDING_CLASSES = ("hidden", "hide", "sr-only", "visually", "invisible", "offscreen", "screen-reader", "clip",
                  "print-only", "transparent")
# The only style an element around a paid link may carry: a table cell's alignment, as Markdown writes it.
HARMLESS_STYLE = "text-align"


def page_url(page: BuiltPage, ctx: Context) -> str:
    """The page's own address, which its links are resolved against, as a browser does."""
    site_url = (ctx.config.get("site_url") or "https://site.invalid/").rstrip("/")
    return site_url + url_path(page.rel)


def address(link) -> str | None:
    """Where a link leads: its href, or an SVG link's xlink:href."""
    href = link.get("href")
    return link.get("xlink:href") if href is None else href


def links_by_kind(root, base: str) -> tuple[list, list]:
    """(Amazon links, links whose address no browser can parse), among every <a> (HTML or SVG) and <area>."""
    paid, unreadable = [], []
    for link in root.iter("a", "area"):
        href = address(link)
        if href is None:
            continue
        if parse(href, base) is None:
            unreadable.append(link)
        elif is_amazon_url(href, base):
            paid.append(link)
    return paid, unreadable


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def near_miss(el) -> str:
    """Why an element that says "(paid link)" is not the plain label, or "" when it does not say it."""
    if el is None or _text(el) != LABEL:
        return ""
    extra = sorted(set(el.attrib) - {"class"})
    if el.get("class") not in (None, LABEL_CLASS):
        extra.append(f'class="{el.get("class")}"')
    if extra:
        return f": the label after it is <{el.tag}> with {', '.join(extra)}, which can hide it"
    return f": the label after it is <{el.tag}> with markup of its own, not the plain label"


def style_hides(style: str) -> bool:
    """Any declaration but text-align: a style can make a label too small, transparent or absent."""
    declarations = [d.split(":", 1)[0].strip().lower() for d in style.split(";") if d.strip()]
    return any(name != HARMLESS_STYLE for name in declarations)


def hidden_by(el) -> str:
    """What about el hides what it contains, or ""."""
    for attribute in ("hidden", "inert"):
        if el.get(attribute) is not None:
            return attribute
    if is_hidden(el):
        return 'aria-hidden="true"'
    if style_hides(el.get("style") or ""):
        return f'style="{el.get("style")}"'
    classes = [c for c in (el.get("class") or "").lower().split() if any(word in c for word in HIDING_CLASSES)]
    return f'class="{classes[0]}"' if classes else ""


def label_problems(link) -> list[tuple[str, str]]:
    """(what, fix) for the label of one Amazon link: missing, not the plain label, hidden, or doubled."""
    following = link.getnext()
    if (link.tail or "").strip() or not is_label(following):
        why = "" if (link.tail or "").strip() else near_miss(following)
        return [(f'the Amazon link has no visible "{LABEL}" label next to it{why}',
                 f"{AS_MARKDOWN} the label (in raw HTML, add {THE_LABEL} right after it)")]
    wrong = []
    hiding = next(((a.tag, h) for a in link.iterancestors() if (h := hidden_by(a))), None)
    if hiding:
        wrong.append((f'the "{LABEL}" label of the Amazon link is inside <{hiding[0]} {hiding[1]}>, which can hide it',
                      "take the link out of that element: the label must be as visible as the link"))
    after = following.getnext()
    if (_text(link).endswith(LABEL) or (following.tail or "").strip().startswith(LABEL)
            or (not (following.tail or "").strip() and after is not None and _text(after) == LABEL)):
        wrong.append((f'the Amazon link has the "{LABEL}" label twice',
                      "remove the label you typed, and give the link its own text: the build adds the label"))
    return wrong


def help_page(ctx: Context) -> str:
    page = ((ctx.config.get("extra") or {}).get("urgent_help") or {}).get("page") or "get-help-now/"
    return page.strip("/") + "/index.html"


def _path(el) -> list[int]:
    """The element's position in the tree, as child indexes from the root: compares in document order."""
    path = []
    parent = el.getparent()
    while parent is not None:
        path.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return path[::-1]


def affiliate_notice(page: BuiltPage):
    """The affiliate notice: usually just before the article content, so look there first."""
    nearby = page.body.itersiblings(preceding=True) if page.body is not None else ()
    for scope in (nearby, page.article.iter() if page.article is not None else (), page.root.iter()):
        for el in scope:
            if el.get("data-notice") == "affiliate":
                return el
    return None


def in_urgent_help(ancestors: list) -> bool:
    return any(a.get("data-notice") == "urgent-help" or "urgent-help" in (a.get("class") or "") for a in ancestors)


def link_problems(link, on_help_page: bool, after_notice: bool) -> list[tuple[str, str]]:
    """(what, fix) for each rule one Amazon link breaks."""
    wrong: list[tuple[str, str]] = []
    if on_help_page:
        wrong.append(("an Amazon link is on the get-help-now page",
                      "remove it: the page for urgent help never carries paid links"))
    if in_urgent_help(list(link.iterancestors())):
        wrong.append(("an Amazon link is inside the urgent-help box",
                      "remove it: urgent help never carries paid links"))
    rel = set((link.get("rel") or "").lower().split())
    if not set(REL) <= rel:
        wrong.append((f'the Amazon link lacks rel="{" ".join(REL)}"',
                      f"{AS_MARKDOWN} it (in raw HTML, add it yourself); the FTC and Google ask for it"))
    wrong += label_problems(link)
    if not after_notice:
        wrong.append(("the Amazon link comes before the affiliate notice",
                      "put paid links only in the page content, which the notices partial places after the notice "
                      "(overrides/partials/notices.html); the FTC wants the disclosure first"))
    return wrong


def check_affiliate_links(page: BuiltPage, ctx: Context) -> list[Finding]:
    if page.root is None:
        return []
    links, unreadable = links_by_kind(page.root, page_url(page, ctx))
    problems = [unreadable_link(page, ctx, link) for link in unreadable]
    if not links:
        return problems
    notice = affiliate_notice(page)
    notice_at = _path(notice) if notice is not None else None  # links after it in document order are fine
    on_help_page = page.rel == help_page(ctx)
    nth: dict[str, int] = {}
    for link in links:
        href = address(link)
        seen = nth.get(href, 0)  # which appearance of this address on the page: the line to name
        nth[href] = seen + 1
        wrong = link_problems(link, on_help_page, notice_at is not None and _path(link) > notice_at)
        if wrong:  # only then is the source line looked up
            file, line = page.locate(link, ctx, *needles(link), nth=seen)
            problems += [Finding(file, line, what, fix, CHECK) for what, fix in wrong]
    return problems


def needles(link) -> tuple[str, ...]:
    """Texts to find the link's line in its Markdown source by: its address as written, else its text (an
    address written with character references or tabs reads differently on the built page)."""
    return address(link) or "", _text(link)


def unreadable_link(page: BuiltPage, ctx: Context, link) -> Finding:
    href = address(link) or ""
    file, line = page.locate(link, ctx, *needles(link))
    shown = href.encode("unicode_escape").decode("ascii") if not href.isprintable() else href  # one line
    return Finding(file, line, f'the link address "{shown}" is not a valid URL, so no browser can follow it '
                   "(nor tell whether it is a paid link)", "correct the address, such as https://example.org/page",
                   CHECK)
