"""Every Amazon link on a built page is marked as paid, comes after the affiliate notice,
and is never on the get-help-now page or in an urgent-help box."""

from __future__ import annotations

from site_tools.markdown.affiliate_links import LABEL, REL, is_amazon_url
from site_tools.built_pages import BuiltPage, Context
from site_tools.findings import Finding
from site_tools.readable_text import is_hidden

CHECK = "affiliate-links"
AS_MARKDOWN = "write it as a normal Markdown link, [text](url), and the build adds"


def amazon_links(root) -> list:
    """Every link on the page to an Amazon store or short link. Every Amazon host (AMAZON_HOST in
    markdown/affiliate_links.py) contains "amazon.", "amzn." or "a.co": a page's nav links to every page, so
    this plain text test rules out most links before is_amazon_url parses the address."""
    found = []
    for link in root.iter("a"):
        href = (link.get("href") or "").lower()
        if ("amazon." in href or "amzn." in href or "a.co" in href) and is_amazon_url(href):
            found.append(link)
    return found


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _visible(el, hidden_above: bool) -> bool:
    """hidden_above: whether an ancestor of el hides it (worked out once for the link and its sibling label)."""
    style = (el.get("style") or "").replace(" ", "").lower()
    hidden_style = "display:none" in style or "visibility:hidden" in style
    return not (hidden_style or is_hidden(el) or hidden_above)


def has_visible_label(link, hidden_above: bool) -> bool:
    """The link's own text ends with "(paid link)", or the element right after it says "(paid link)"."""
    if _text(link).endswith(LABEL):
        return _visible(link, hidden_above)
    following = link.getnext()
    return (
        following is not None
        and not (link.tail or "").strip()
        and _text(following) == LABEL
        and _visible(following, hidden_above)
    )


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
    ancestors = list(link.iterancestors())  # shared by the urgent-help and visibility rules
    if on_help_page:
        wrong.append(("an Amazon link is on the get-help-now page",
                      "remove it: the page for urgent help never carries paid links"))
    if in_urgent_help(ancestors):
        wrong.append(("an Amazon link is inside the urgent-help box",
                      "remove it: urgent help never carries paid links"))
    rel = set((link.get("rel") or "").lower().split())
    if not set(REL) <= rel:
        wrong.append((f'the Amazon link lacks rel="{" ".join(REL)}"',
                      f"{AS_MARKDOWN} it (in raw HTML, add it yourself); the FTC and Google ask for it"))
    if not has_visible_label(link, any(is_hidden(a) for a in ancestors)):
        wrong.append((f'the Amazon link has no visible "{LABEL}" label next to it',
                      f"{AS_MARKDOWN} the label (in raw HTML, add <span class=\"paid-link\">{LABEL}</span> right after it)"))
    if not after_notice:
        wrong.append(("the Amazon link comes before the affiliate notice",
                      "put paid links only in the page content, which the notices partial places after the notice "
                      "(overrides/partials/notices.html); the FTC wants the disclosure first"))
    return wrong


def check_affiliate_links(page: BuiltPage, ctx: Context) -> list[Finding]:
    if page.root is None:
        return []
    links = amazon_links(page.root)
    if not links:
        return []
    notice = affiliate_notice(page)
    notice_at = _path(notice) if notice is not None else None  # links after it in document order are fine
    on_help_page = page.rel == help_page(ctx)
    problems: list[Finding] = []
    nth: dict[str, int] = {}
    for link in links:
        href = link.get("href", "")
        seen = nth.get(href, 0)  # which appearance of this address on the page: the line to name
        nth[href] = seen + 1
        wrong = link_problems(link, on_help_page, notice_at is not None and _path(link) > notice_at)
        if wrong:  # only then is the source line looked up
            file, line = page.locate(link, ctx, href, nth=seen)
            problems += [Finding(file, line, what, fix, CHECK) for what, fix in wrong]
    return problems
