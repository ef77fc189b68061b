"""The notice texts in mkdocs.yml are the required texts, word for word: a source check, before the engine.

extra.notices.disclaimer and extra.notices.affiliate must be the source article's sentences, and
extra.notices.amazon Amazon's required statement, exactly as scripts/data/required-notices.yml gives them
(with where each comes from). Only whitespace may differ. A text there that names in_file must also be in that
file word for word, so the pinned copy cannot drift from the article either.
A dropped, reworded or added word fails with `mkdocs.yml:LINE: extra.notices.<key> …`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from site_tools.built_pages import Context
from site_tools.findings import Finding
from site_tools.yaml_lines import key_lines

CHECK = "notice-texts"
REQUIRED = "scripts/data/required-notices.yml"
KEYS = ("disclaimer", "affiliate", "amazon")


def words(text: str) -> str:
    """text with its whitespace normalised, and nothing else changed."""
    return " ".join(text.split())


def source_of(required: dict) -> str:
    cited = ", ".join(str(required[k]) for k in ("source", "url") if required.get(k))
    return cited or required.get("in_file") or REQUIRED


def check_notice_texts(ctx: Context) -> list[Finding]:
    required_path = ctx.root / REQUIRED
    try:
        required_text = required_path.read_text(encoding="utf-8")
        required = yaml.safe_load(required_text) or {}
    except (OSError, yaml.YAMLError) as err:
        return [Finding(REQUIRED, None, f"the required notice texts cannot be read ({err})",
                        "restore the file from git history", CHECK)]
    notices = ((ctx.config.get("extra") or {}).get("notices") or {})
    config_text = "\n".join(ctx.config_lines)
    found: list[Finding] = []
    for key in KEYS:
        want = required.get(key) or {}
        text = words(str(want.get("text") or ""))
        if not text:
            found.append(Finding(REQUIRED, None, f"the required {key} text is missing",
                                 "restore the file from git history", CHECK))
            continue
        found += pinned_to_file(key, text, want.get("in_file"), ctx.root, required_text)
        have = notices.get(key) if isinstance(notices, dict) else None
        if isinstance(have, str) and words(have) == text:
            continue
        lines = key_lines(config_text, ("extra", "notices", key))
        line = lines[-1] if lines else None
        what = (f"extra.notices.{key} is missing" if have is None and len(lines) < 3
                else f"extra.notices.{key} is not the required text word for word")
        found.append(Finding(ctx.config_rel, line, what,
                             f'set it to exactly "{text}" ({source_of(want)}; {REQUIRED})', CHECK))
    return found


def pinned_to_file(key: str, text: str, in_file: str | None, root: Path, required_text: str) -> list[Finding]:
    """A finding when the required text is no longer in the file it is copied from."""
    if not in_file:
        return []
    try:
        source = words((root / in_file).read_text(encoding="utf-8"))
    except OSError as err:
        return [Finding(in_file, None, f"cannot read it ({err.strerror})", "restore it from git history", CHECK)]
    if text in source:
        return []
    lines = key_lines(required_text, (key, "text"))
    return [Finding(REQUIRED, lines[-1] if lines else None,
                    f"the required {key} text is not in {in_file} word for word",
                    f"copy it from {in_file} again, word for word", CHECK)]
