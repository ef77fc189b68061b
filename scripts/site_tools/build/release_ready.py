"""Refuse to publish a release that would send readers nowhere or name no one: the last step of `make release`.

A release needs the site's real address (SITE_URL, not the placeholder default of site_url in mkdocs.yml), since
every QR code, printed address and canonical link is made from it; and a publisher (extra.publisher: name,
website, email), whom every page names and whom "Report a problem with this page" emails. `make build` and
`make serve` skip this step: previews may use the placeholder and an empty publisher block.
Usage: python -m site_tools.build.release_ready [SITE_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from site_tools.findings import Finding, StepResult, report
from site_tools.project import MKDOCS_YML, load_config
from site_tools.yaml_lines import env_default, find_key, key_line

CHECK = "release"
PUBLISHER = ("name", "website", "email")


def placeholder(config_text: str) -> str | None:
    """The default of `site_url: !ENV [SITE_URL, default]` in mkdocs.yml: the address used when none is given."""
    pair = find_key(yaml.compose(config_text, Loader=yaml.SafeLoader), "site_url")
    default = env_default(pair[1]) if pair else None
    return default.value if default is not None and default is not pair[1] else None


def release_findings(config_path: Path = MKDOCS_YML) -> list[Finding]:
    text = config_path.read_text(encoding="utf-8")
    config = load_config(config_path)
    found = []
    site_url = config.get("site_url") or ""
    if not site_url or site_url == placeholder(text):
        found.append(Finding(
            config_path.name, key_line(text, "site_url"),
            f"site_url is the placeholder {site_url or '(empty)'}, so every QR code and printed address would lead nowhere",
            "set SITE_URL to the site's real address, as in: SITE_URL=https://your-site.example/ make release", CHECK))
    publisher = (config.get("extra") or {}).get("publisher") or {}
    missing = [key for key in PUBLISHER if not str(publisher.get(key) or "").strip()]
    if missing:
        found.append(Finding(
            config_path.name, key_line(text, "extra", "publisher"),
            f"the publisher block has no {', '.join(missing)}, so the pages would name no one to contact",
            "fill in extra.publisher (name, website, email) in mkdocs.yml, as README.md says under 'Publish'", CHECK))
    return found


def run(site: Path) -> StepResult:
    found = release_findings()
    return StepResult(found, "not ready to publish" if found else "site_url and publisher are set for release")


def main(argv: list[str] | None = None) -> int:
    result = run(Path((argv or sys.argv[1:] or ["site"])[0]))
    return report(result.findings, result.done, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
