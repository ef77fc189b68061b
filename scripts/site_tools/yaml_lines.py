"""Where a key is in a YAML file (mkdocs.yml, scripts/data/*.yml), so a finding can name its line."""

from __future__ import annotations

import yaml


def key_lines(text: str, keys: tuple) -> list[int]:
    """The line (1-based) of each key along keys, as far as they exist: key_lines(text, ("extra", "notices"))
    gives the lines of extra: and of notices: under it. A key inside a list is looked for in each item, and a
    list item that is just the key (a plugin named without options, such as '- redirects') counts too.
    Composing reads MkDocs' tags (!ENV) without running them."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    found = []
    for key in keys:
        pair = find_key(node, key)
        if pair is None:
            break
        found.append(pair[0].start_mark.line + 1)
        node = pair[1]
    return found


def key_line(text: str, *keys) -> int | None:
    """The line of the deepest of keys found, or None."""
    lines = key_lines(text, keys)
    return lines[-1] if lines else None


def find_key(node: yaml.Node | None, key) -> tuple[yaml.Node, yaml.Node] | None:
    """(key node, value node) of key in node."""
    if isinstance(node, yaml.SequenceNode):
        return next((pair for item in node.value if (pair := find_key(item, key))), None)
    if isinstance(node, yaml.MappingNode):
        return next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(key)), None)
    if isinstance(node, yaml.ScalarNode) and node.value == str(key):
        return node, node
    return None


def env_default(node: yaml.Node) -> yaml.Node:
    """For `!ENV [NAME, ..., default]` (MkDocs' environment tag), the default's node; any other node as it is."""
    if isinstance(node, yaml.SequenceNode) and node.tag == "!ENV" and len(node.value) > 1:
        return node.value[-1]
    return node
