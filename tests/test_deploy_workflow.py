"""The deploy workflow is valid YAML that tests before it publishes, with real GitHub actions."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "deploy.yml"
REAL_ACTIONS = {"actions/checkout", "actions/setup-python", "actions/setup-node", "actions/configure-pages",
                "actions/upload-pages-artifact", "actions/deploy-pages"}


def load() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key "on" as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def uses(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


def test_workflow_runs_on_push_to_main():
    assert load()["on"]["push"]["branches"] == ["main"]


def test_workflow_names_real_pinned_actions():
    used = [u for job in load()["jobs"].values() for u in uses(job)]
    for action in used:
        name, _, version = action.partition("@")
        assert name in REAL_ACTIONS, f"{name} is not one of the known GitHub actions"
        assert re.fullmatch(r"v\d+", version), f"{action}: pin a major version"
    for needed in REAL_ACTIONS - {"actions/setup-node"}:
        assert any(u.startswith(needed + "@") for u in used), f"{needed} missing"


def test_only_tested_output_is_published():
    jobs = load()["jobs"]
    test = jobs["test"]
    runs = [step.get("run", "") for step in test["steps"]]
    names = uses(test)
    make_test = next(i for i, step in enumerate(test["steps"]) if step.get("run") == "make test")
    release = next(i for i, step in enumerate(test["steps"]) if step.get("run") == "make release")
    upload = next(i for i, step in enumerate(test["steps"])
                  if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert make_test < release < upload and "make test" in runs and names
    # The release is built for the Pages address, which configure-pages gives without its last '/'.
    assert test["steps"][release]["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert any(step.get("id") == "pages" for step in test["steps"][:release])
    assert test["steps"][upload]["with"]["path"] == "site"
    assert test["env"]["CI"] == "true"
    assert jobs["deploy"]["needs"] == "test"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
