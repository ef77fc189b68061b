"""Where the project is, and its settings from mkdocs.yml: the one source of truth for the notice texts.

ROOT is the site project: the folder with mkdocs.yml, found from the current folder, as MkDocs finds it.
Tools that live in the checkout rather than in the project (the pinned npm packages, .venv-zensical) are
found from CHECKOUT, the folder this package was installed from (make venv installs it editable).
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import yaml

def find_root(start: Path | None = None) -> Path:
    """The nearest folder, from start (default: the current folder) upwards, that holds mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here  # a command that needs mkdocs.yml then says it is missing


ROOT = find_root()
MKDOCS_YML = ROOT / "mkdocs.yml"
DATA = ROOT / "scripts" / "data"  # inputs the build owns: the published addresses, the source article
CHECKOUT = Path(__file__).resolve().parents[2]  # scripts/site_tools/project.py -> the checkout
NODE_MODULES = CHECKOUT / "scripts" / "node" / "node_modules"
ZENSICAL = Path(os.environ.get("ZENSICAL") or CHECKOUT / ".venv-zensical" / "bin" / "zensical")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader (libyaml when present) that reads !ENV as MkDocs does, and tolerates MkDocs' other tags
    (!relative, !!python/name)."""


def _env(loader: yaml.Loader, node: yaml.Node):
    """!ENV NAME or !ENV [NAME, ..., default]: the first variable that is set and not empty, else the default
    (the last item of a list of two or more), else None. As MkDocs reads it (pyyaml_env_tag), for text values."""
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    default = names.pop() if len(names) > 1 else None
    return next((os.environ[name] for name in names if os.environ.get(name)), default)


def _ignore_tag(loader: yaml.Loader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _ignore_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def normalize(text: str) -> str:
    """Collapse whitespace and straighten typographic quotes, for comparing texts."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())  # the same as re.sub(r"\s+", " ", text).strip(), about 10x faster


def strip_tags(fragment: str) -> str:
    """The reader-visible text of a small trusted HTML fragment from mkdocs.yml."""
    return normalize(html.unescape(re.sub(r"<[^>]+>", "", fragment)))


@dataclass(frozen=True)
class Notices:
    disclaimer: str
    affiliate: str
    amazon: str
    urgent_help: tuple[str, ...]  # the urgent-help card after the content: its title, tiers and lines, as read
    help_line: tuple[str, ...] = ()  # the one line above the title: its parts in order (title, line, link text)
    site_url: str = "/"  # site_url, or "/" when there is none
    urgent_help_url: str = ""  # the address the box's link must lead to: site_url + extra.urgent_help.page


def load_config(path: Path = MKDOCS_YML) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader


def load_notices(path: Path = MKDOCS_YML) -> Notices:
    """The exact texts every page must carry, as a reader sees them."""
    return notices_from(load_config(path), path)


def notices_from(config: dict, path: Path = MKDOCS_YML) -> Notices:
    """load_notices for a config already read (path names it in the error)."""
    extra = config.get("extra") or {}
    notices = extra.get("notices") or {}
    help_ = extra.get("urgent_help") or {}
    missing = [k for k in ("disclaimer", "affiliate", "amazon") if not notices.get(k)]
    tiers = help_.get("tiers")
    if missing or not isinstance(tiers, list) or not all(help_.get(k) for k in ("title", "line", "more", "card_title")):
        raise SystemExit(
            f"{path.name}: extra.notices needs disclaimer, affiliate and amazon, and extra.urgent_help needs "
            "title, line, more, card_title and tiers — restore them from git history."
        )
    card = [help_["card_title"]]
    for tier in tiers:
        card += [tier.get("name") or "", tier.get("when") or "", *(tier.get("lines") or ())]
    card.append(help_.get("elsewhere") or "")  # its link to the help page (page_link) is checked as a link
    return Notices(
        disclaimer=normalize(notices["disclaimer"]),
        affiliate=normalize(notices["affiliate"]),
        amazon=normalize(notices["amazon"]),
        urgent_help=tuple(strip_tags(str(part)) for part in card if part),
        help_line=tuple(strip_tags(str(help_[k])) for k in ("title", "line", "more")),
        site_url=config.get("site_url") or "/",
        urgent_help_url=urljoin(config.get("site_url") or "/", str(help_.get("page") or "")),
    )
