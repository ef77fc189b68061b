"""Build the baseline for the benchmark: the same docs/ Markdown with stock Material for MkDocs.

The generated mkdocs.yml keeps only what the Markdown needs to render (the page tree and the
Markdown extensions). The theme is Material with its defaults: no custom_dir, no extra_css,
no palette or font settings, no extra. Usage: python scripts/site_tools/bench/stock_material.py DEST_DIR
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from site_tools.project import MKDOCS_YML, ROOT, load_config

ENV = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")


def stock_material_config(project: dict, docs_dir: Path) -> dict:
    """The smallest mkdocs.yml that renders the project's Markdown with stock Material."""
    config = {
        "site_name": project["site_name"],
        "site_url": project.get("site_url"),
        "docs_dir": str(docs_dir),
        "theme": {"name": "material"},
        "markdown_extensions": project.get("markdown_extensions", []),
    }
    if "nav" in project:
        config["nav"] = project["nav"]
    return config


def build_stock_material(dest: Path, mkdocs_yml: Path = MKDOCS_YML) -> Path:
    """Build the baseline site into dest; returns dest. Raises on a failed build."""
    project = load_config(mkdocs_yml)
    docs = (mkdocs_yml.parent / project.get("docs_dir", "docs")).resolve()
    with tempfile.TemporaryDirectory(prefix="stock-material-") as tmp:
        config_file = Path(tmp) / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(stock_material_config(project, docs), sort_keys=False))
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(config_file), "-d", str(dest)],
            cwd=tmp, env=ENV, capture_output=True, text=True,
        )
    if result.returncode != 0:
        raise RuntimeError(f"stock Material build failed:\n{result.stderr}")
    return dest


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/site_tools/bench/stock_material.py DEST_DIR")
    out = build_stock_material(Path(sys.argv[1]).resolve())
    print(f"✅ stock Material build of {ROOT / 'docs'} in {out}")
