"""``invoke test`` tests everything: it installs what the suite needs when it can
(Debian's chromium and fonts-noto-core, the pip requirements, html-validate from
package-lock.json), fails with one line when it cannot, and no test skips itself."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from invoke import Exit, MockContext, Result

from conftest import ROOT

import tasks  # noqa: E402 (the project's tasks.py, on sys.path through conftest)

MISSING = (("chromium", "/nonexistent/chromium"),)


@pytest.fixture
def nothing_missing(monkeypatch, tmp_path):
    """Requirements and node_modules in order, whatever this machine has."""
    monkeypatch.setattr(tasks, "_stale_requirements", lambda: [])
    monkeypatch.setattr(tasks, "_stale_node_modules", lambda: False)


def test_nothing_is_run_when_everything_is_there(nothing_missing):
    context = MockContext(run={})  # any command run would raise
    tasks.ensure_test_tools(context)


def test_a_missing_browser_is_installed_with_apt_as_root(nothing_missing, monkeypatch):
    monkeypatch.setattr(tasks, "TEST_SYSTEM_PACKAGES", MISSING)
    monkeypatch.setattr(tasks.os, "geteuid", lambda: 0)
    context = MockContext(run={"apt-get update -qq": Result(),
                               "apt-get install -y -qq chromium": Result()})
    tasks.ensure_test_tools(context)
    commands = [call.args[0] for call in context.run.call_args_list]
    assert commands == ["apt-get update -qq", "apt-get install -y -qq chromium"]


def test_a_missing_browser_without_root_fails_with_one_line(nothing_missing, monkeypatch):
    monkeypatch.setattr(tasks, "TEST_SYSTEM_PACKAGES", MISSING)
    monkeypatch.setattr(tasks.os, "geteuid", lambda: 1000)
    with pytest.raises(Exit) as stopped:
        tasks.ensure_test_tools(MockContext(run={}))
    assert stopped.value.code == 1
    assert stopped.value.message == ("invoke test: chromium missing and installing needs "
                                     "root: run `sudo apt-get install chromium`, then "
                                     "invoke test")


def test_without_apt_it_fails_with_one_line(nothing_missing, monkeypatch):
    monkeypatch.setattr(tasks, "TEST_SYSTEM_PACKAGES", MISSING)
    real_which = shutil.which
    monkeypatch.setattr("shutil.which", lambda name: None if name == "apt-get"
                        else real_which(name))
    with pytest.raises(Exit) as stopped:
        tasks.ensure_test_tools(MockContext(run={}))
    assert "\n" not in stopped.value.message
    assert stopped.value.message.startswith("invoke test: chromium missing and apt-get is "
                                            "not available here")


def test_a_failing_apt_get_stops_with_one_line(nothing_missing, monkeypatch):
    monkeypatch.setattr(tasks, "TEST_SYSTEM_PACKAGES", MISSING)
    monkeypatch.setattr(tasks.os, "geteuid", lambda: 0)
    context = MockContext(run={"apt-get update -qq": Result(exited=100)})
    with pytest.raises(Exit) as stopped:
        tasks.ensure_test_tools(context)
    assert stopped.value.message == ("invoke test: `apt-get update -qq` failed; "
                                     "install chromium by hand")


def test_stale_python_requirements_are_installed(monkeypatch, tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# pins\ninvoke==0.0.1  # not this one\npytest==%s\n"
                            % pytest.__version__, encoding="utf-8")
    assert tasks._stale_requirements(str(requirements)) == ["invoke==0.0.1"]
    assert tasks._stale_requirements() == [], "this machine lacks requirements.txt's pins"
    monkeypatch.setattr(tasks, "_stale_requirements", lambda: ["invoke==0.0.1"])
    monkeypatch.setattr(tasks, "_stale_node_modules", lambda: False)
    pip = f"{sys.executable} -m pip install -q -r {tasks.REQUIREMENTS}"
    context = MockContext(run={pip: Result()})
    tasks.ensure_test_tools(context)
    assert [call.args[0] for call in context.run.call_args_list] == [pip]


def test_node_modules_not_matching_the_lock_run_npm_ci(monkeypatch, tmp_path):
    lock = tmp_path / "package-lock.json"
    lock.write_text(json.dumps({"packages": {
        "": {"name": "x"},
        "node_modules/html-validate": {"version": "0.0.1"},
    }}), encoding="utf-8")
    assert tasks._stale_node_modules(str(lock))
    assert not tasks._stale_node_modules(), "node_modules does not match package-lock.json"
    monkeypatch.setattr(tasks, "_stale_requirements", lambda: [])
    monkeypatch.setattr(tasks, "_stale_node_modules", lambda: True)
    npm = "npm ci --no-audit --no-fund --loglevel=error"
    context = MockContext(run={re.compile(r".*npm ci .*"): Result()})
    tasks.ensure_test_tools(context)
    assert [call.args[0] for call in context.run.call_args_list] == [npm]


def test_invoke_test_on_a_ready_machine_runs_only_pytest():
    """The real command, dry: on this (ready) machine it installs nothing, not even
    an apt-get update, and runs pytest with the arguments given."""
    run = subprocess.run(["invoke", "--dry", "test", "--args", "-k related"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in run.stdout.splitlines()]
    assert lines == [f"{sys.executable} -m pytest -k related"], lines


def test_the_browser_fixture_fails_when_chromium_is_missing():
    from browser.conftest import require_chromium

    with pytest.raises(pytest.fail.Exception, match="is missing: run the suite with "
                                                    "`invoke test`"):
        require_chromium("/nonexistent/chromium")


def test_no_test_skips_itself():
    own = {"test_test_command.py"}
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name in own:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"pytest\.skip\(|\bskipif\b|importorskip|mark\.skip\b|"
                         r"unittest\.skip|xfail", line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_ci_runs_exactly_the_readme_test_command():
    steps = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
             if line and not line.startswith("#")]
    assert steps[-1] == "invoke test"
    assert "python3 -m pip install -q -r requirements.txt" in steps
    assert not any("apt-get" in s or "npm" in s for s in steps)
