"""The entries of mkdocs-redirects' redirect_maps in mkdocs.yml, with their YAML nodes (for their lines), and
the file the plugin writes for each.

mkdocs-redirects writes one file per entry, after the build: a redirect stub at get_html_path(old), joined onto
the site folder (plugin.py, on_post_build; redirect_maps is the only way it writes anything). Its own
get_html_path is used here, so an entry is read exactly as the plugin reads it: '/x.md' is written at
'/x/index.html', '../x.md' outside the site folder, 'about/index.md' over about.md's page.
Read by checks/redirect_maps.py (what an entry may be) and checks/protected_pages.py (none over the
urgent-help page).
"""

from __future__ import annotations

import posixpath
from typing import Iterator, NamedTuple

import yaml
from mkdocs_redirects.plugin import get_html_path

from site_tools.checks.config_values import STR, pairs

PLUGIN = "redirects"


class Entry(NamedTuple):
    old_node: yaml.Node  # the key: the old page, a .md path inside docs/
    new_node: yaml.Node  # the value: the page readers are sent to

    @property
    def old(self) -> str | None:
        """The key as text, or None when YAML reads it as something else (a number, a list...)."""
        return text(self.old_node)

    @property
    def new(self) -> str | None:
        return text(self.new_node)

    @property
    def line(self) -> int:
        return self.old_node.start_mark.line + 1


def text(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and node.tag == STR else None


def redirect_maps_nodes(config_lines: list[str]) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """(key node, value node) of each redirect_maps: of each redirects plugin (MkDocs lets a plugin be named
    twice), however plugins: is written: a list of names and '{name: options}', or a mapping."""
    root = yaml.compose("\n".join(config_lines), Loader=yaml.SafeLoader)  # nodes: no tag is constructed
    for name, _, plugins in pairs(root):
        if name != "plugins":
            continue
        items = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
        for plugin, _, options in (pair for item in items for pair in pairs(item)):
            if plugin.rpartition("/")[2] == PLUGIN:
                yield from ((key, value) for option, key, value in pairs(options) if option == "redirect_maps")


def redirect_entries(config_lines: list[str]) -> list[Entry]:
    """Every entry of every redirect_maps: that is a set of entries (checks/redirect_maps.py refuses one
    that is not)."""
    return [Entry(old, new) for _, maps in redirect_maps_nodes(config_lines)
            if isinstance(maps, yaml.MappingNode) for old, new in maps.value]


def written_at(old: str, use_directory_urls: bool) -> str:
    """Where mkdocs-redirects writes the stub for old, relative to the site folder, normalised: a path that
    starts with '/' or '../' is outside it."""
    return posixpath.normpath(get_html_path(old, use_directory_urls))


def directory_urls(config: dict) -> bool:
    return config.get("use_directory_urls") is not False
