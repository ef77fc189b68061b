"""Where a page lives: its Markdown source, the file MkDocs writes for it, and the URL readers use.

The one definition of that mapping (with use_directory_urls, as mkdocs.yml sets it):
    source (in docs/)           built file (in site/)           URL path
    index.md                    index.html                      /
    about.md                    about/index.html                /about/
    strategies/index.md         strategies/index.html           /strategies/
    strategies/journaling.md    strategies/journaling/index.html /strategies/journaling/
A README.md counts as its folder's index.md, as in MkDocs.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

INDEX = "index.html"
# An address that leaves the site: it has a scheme (https:, mailto:) or starts with //.
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def built_file(source: str) -> str:
    """The built file for a source in docs/: strategies/journaling.md -> strategies/journaling/index.html."""
    path = PurePosixPath(source)
    folder = path.parent if path.stem in ("index", "README") else path.parent / path.stem
    return (folder / INDEX).as_posix()


def url_path(built: str) -> str:
    """The URL path of a built file: strategies/journaling/index.html -> /strategies/journaling/.
    A file that is not an index keeps its name: 404.html -> /404.html."""
    if built == INDEX or built.endswith("/" + INDEX):
        return "/" + built.removesuffix(INDEX)
    return "/" + built


def built_file_for_url(url: str) -> str:
    """The built file that answers a URL path: /strategies/journaling/ -> strategies/journaling/index.html."""
    built = url.lstrip("/")
    return built + INDEX if built == "" or built.endswith("/") else built


def source_for(built: str, docs: Path) -> str | None:
    """The source in docs/ that a built file came from, if there is one:
    strategies/journaling/index.html -> strategies/journaling.md (or strategies/journaling/index.md)."""
    if built.endswith(INDEX):
        stem = built.removesuffix(INDEX).rstrip("/")
    else:
        stem = built.removesuffix(".html")
    candidates = [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"] if stem else ["index.md", "README.md"]
    return next((name for name in candidates if (docs / name).is_file()), None)
