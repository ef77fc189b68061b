"""Only Markdown pages and plain assets are published from docs/, and only templates live in overrides/.

The engine copies every other file in docs/ to the site as it is, and every file in overrides/ that is not
a template; it also follows symbolic links. A raw web page, a script or a linked file would then be
published without the notices or the checks. So, before the engine runs, both folders are walked without
following links, and every entry must be on an allow-list:
- no symbolic link (whatever it points at, even nothing or itself), no hidden file or folder (name starting
  with '.'), nothing but plain files and folders, no name a terminal cannot show;
- docs/: '.md' pages (sources.py refuses one that is not UTF-8 text); images (.png .jpg .jpeg .gif .webp .avif .ico, and .svg that svg_images.py passes);
  fonts (.woff2 .woff); CSS only under docs/stylesheets/, JavaScript only under docs/javascripts/ or
  docs/assets/javascripts/. Nothing else: no HTML, XML or other page a browser would render outside the
  site's template, no Markdown under another extension (the engine would build it, but the checks read only
  .md), no PDF (text the checks cannot read, printed without the disclaimer: the print handout covers
  printing), and no double extension such as 'photo.php.png' that some servers run or render;
- overrides/: '.html' templates only.
Extensions are compared ignoring case. Each problem is one finding: the file, what is wrong, how to fix it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath
from typing import Callable

from mkdocs.utils import markdown_extensions

from site_tools.built_pages import Context
from site_tools.checks.svg_images import svg_problems
from site_tools.findings import Finding

CHECK = "docs-files"
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"}
FONTS = {".woff2", ".woff"}
STYLESHEET_FOLDERS = ("stylesheets/",)
SCRIPT_FOLDERS = ("javascripts/", "assets/javascripts/")
# Files a browser shows as a page of this site when opened: each would be published outside the template.
WEB_PAGES = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".shtm", ".mht", ".mhtml", ".xml", ".xsl", ".xslt"}
# Markdown under another name: what MkDocs builds as a page (mkdocs.utils), and what other tools do.
MARKDOWN_OTHER = {*markdown_extensions, ".mdwn", ".mdtxt", ".mdtext", ".text", ".rmd", ".mdx", ".qmd"} - {".md"}
# Inner extensions (in 'a.php.png') that some servers run or render whatever the last extension says.
RUNNABLE = WEB_PAGES | {".svg", ".php", ".phtml", ".phar", ".cgi", ".pl", ".py", ".asp", ".aspx", ".jsp", ".js"}
RUNNABLE |= {f".php{n}" for n in range(3, 9)}
ALLOWED = "Markdown pages (.md), images, fonts, and CSS or JavaScript in their folders"

Problem = tuple[int | None, str, str]  # (line, what, fix)


def check_docs_files(ctx: Context) -> list[Finding]:
    """Every entry of docs/ and of the theme's custom_dir (overrides/) that must not be published."""
    docs = ctx.root / (ctx.config.get("docs_dir") or "docs")
    found = check_tree(docs, ctx.root, docs_file_problems)
    theme = ctx.config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom_dir:
        found += check_tree(ctx.root / custom_dir, ctx.root, template_problems)
    return found


def check_tree(top: Path, root: Path, file_problems: Callable[[Path, str], list[Problem]]) -> list[Finding]:
    """Walk top without following symbolic links. A refused folder is not entered; each plain file is judged
    by file_problems(path, its path inside top)."""
    found: list[Finding] = []

    def refuse(path: Path, problem: Problem) -> None:
        line, what, fix = problem
        found.append(Finding(shown(path, root), line, what, fix, CHECK))

    if top.is_symlink():
        refuse(top, entry_problem(top))
        return found
    for folder, dirs, files in os.walk(top, onerror=lambda err: refuse(Path(err.filename), unreadable(err))):
        here = Path(folder)
        for name in sorted(dirs):
            problem = entry_problem(here / name)
            if problem:
                refuse(here / name, problem)
                dirs.remove(name)
        dirs.sort()
        for name in sorted(files):
            path = here / name
            problems = [entry_problem(path)]
            if problems[0] is None:
                problems = file_problems(path, path.relative_to(top).as_posix())
            for problem in problems:
                refuse(path, problem)
    return found


def entry_problem(path: Path) -> Problem | None:
    """What is wrong with any entry, file or folder, whatever its type: None when it is a plain one."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as err:
        return unreadable(err)
    if stat.S_ISLNK(mode):
        return (None, "a symbolic link: the engine would publish whatever it points at, any file on this computer",
                "replace it with the file itself (a copy), or remove it")
    if path.name.startswith("."):
        return (None, "a hidden file or folder (its name starts with '.'), which would be published or skipped "
                "depending on the engine", "remove it, or rename it without the leading '.'")
    if not path.name.isprintable():
        return (None, "the name holds characters that cannot be shown (control characters or bytes that are not "
                "UTF-8)", "rename it with letters, digits, '-' and '_'")
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return (None, "not a plain file or folder (a pipe, socket or device)", "remove it")
    return None


def unreadable(err: OSError) -> Problem:
    return (None, f"cannot be read ({err.strerror})", "make it readable, or remove it")


def shown(path: Path, root: Path) -> str:
    """The path inside the project, with any character that cannot be printed written as an escape."""
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in rel)


def docs_file_problems(path: Path, rel: str) -> list[Problem]:
    """What is wrong with one plain file in docs/ (rel is its path inside docs/): [] when it may be published."""
    pure = PurePosixPath(rel)
    suffix = pure.suffix.lower()
    inner = [f".{part.lower()}" for part in pure.name.split(".")[1:-1]]
    if suffix in WEB_PAGES:
        return [(None, f"a '{pure.suffix}' file is published as a web page outside the site's template: it would carry "
                 "no urgent-help box, no disclaimer and none of the checks", "write it as a Markdown page (.md)")]
    if suffix in MARKDOWN_OTHER or (suffix == ".md" and pure.suffix != ".md"):
        return [(None, f"a Markdown page named '{pure.suffix}': the engine may publish it, but the checks read "
                 "only '.md' pages", f"rename it to '{pure.stem}.md'")]
    runnable = [ext for ext in inner if ext in RUNNABLE]
    if runnable:
        return [(None, f"a double extension ('{runnable[0]}' inside the name): some servers run or render such a "
                 "file as its inner type", f"rename it with one extension, such as '{pure.name.split('.')[0]}{pure.suffix}'")]
    if suffix == ".md":
        return []  # sources.py reads it; a page that is not UTF-8 text is a front-matter finding
    if suffix in IMAGES or suffix in FONTS:
        return []
    if suffix == ".svg":
        try:
            return svg_problems(path.read_bytes())
        except OSError as err:
            return [unreadable(err)]
    if suffix == ".css":
        return [] if rel.startswith(STYLESHEET_FOLDERS) else [
            (None, "a style sheet outside docs/stylesheets/", "move it to docs/stylesheets/ and list it under extra_css")]
    if suffix == ".js":
        return [] if rel.startswith(SCRIPT_FOLDERS) else [
            (None, "a script outside docs/javascripts/", "move it to docs/javascripts/, or remove it")]
    if suffix == ".pdf":
        return [(None, "a PDF: its text is published without the notices and none of the checks can read it",
                 "put the text in a Markdown page: every page prints as a handout with its notices")]
    kind = f"'{pure.suffix}' files" if pure.suffix else "files without an extension"
    return [(None, f"{kind} are not published from docs/ (only {ALLOWED})", "remove it")]


def template_problems(path: Path, rel: str) -> list[Problem]:
    """What is wrong with one plain file in overrides/: only .html templates belong there."""
    if path.suffix == ".html":
        return []
    return [(None, "only templates (.html) belong in overrides/: the theme copies every other file to the site as it is",
             "move an image, style sheet or script to docs/ (see checks/docs_files.py), or remove it")]
