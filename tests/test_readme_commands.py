"""Every command the README shows runs, as written, in a newcomer's checkout.

The README is read when the tests are collected (others edit it): each
```sh block line (``&&`` splits a line) and each inline `invoke …` is one test.
Placeholders are filled (``PATH``, ``N``, ``…``), ``[optional parts]`` are
given, numbers of benchmark articles and fuzz examples are made tiny, the
paths a command names are created first, servers get a free port, are asked
for their home page and stopped. A command this file does not know how to
run fails, so a new command in the README is never left untried."""

from __future__ import annotations

import os
import re
import shlex
import socket
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from processes import fetch, free_port, server

README = ROOT / "README.md"
FIXTURES = ROOT / "tests" / "importer" / "fixtures"
# A checkout has these too; copy_project leaves them out (fuzz runs tests/, bench
# runs benchmarks/, test reads requirements.txt and package-lock.json).
CHECKOUT_EXTRAS = ("tests", "benchmarks", "requirements.txt", "package.json",
                   "package-lock.json", "pytest.ini", ".htmlvalidate.json")
SERVERS = {"serve", "preview", "livereload"}
# What a placeholder or an option's value becomes; numbers are kept small.
VALUES = {"--title": "خبر من اختبار الأوامر", "--section": "سياسة", "--tags": "اختبار، أوامر",
          "--articles": "4", "--examples": "5", "--pages": "20"}
# Given when the README leaves them out (the defaults take minutes).
SMALL = {"bench": ("--articles", "4"), "bench-deploy": ("--articles", "4"),
         "bench-import": ("--pages", "20"), "fuzz": ("--examples", "5")}
# Tasks the README also names bare, in prose (`invoke new` makes one for you):
# without their arguments they only show their help.
NEEDS_ARGUMENTS = {"new", "import", "deploy"}
TIMEOUT = 300


def readme_commands(text: str) -> list[str]:
    commands = []
    for block in re.findall(r"^```(?:sh|bash|shell)\n(.*?)^```", text, re.S | re.M):
        for line in block.splitlines():
            line = line.split(" #", 1)[0].strip()
            if line and not line.startswith("#"):
                commands.extend(part.strip() for part in line.split("&&"))
    for span in re.findall(r"`(invoke[ \n][^`]*)`", text):
        commands.append(" ".join(span.split()))
    return list(dict.fromkeys(commands))


COMMANDS = readme_commands(README.read_text(encoding="utf-8"))


def test_the_readme_shows_commands():
    assert "invoke build" in COMMANDS and "invoke test" in COMMANDS, COMMANDS


def concrete(command: str) -> list[str]:
    """The command's words with placeholders filled and [optional parts] given."""
    words = shlex.split(command.replace("[", "").replace("]", ""))
    filled = []
    for index, word in enumerate(words):
        option = words[index - 1] if index else ""
        if option in VALUES and (word in ("…", "N") or word.isdigit()):
            word = VALUES[option]
        elif word == "PATH":
            word = "mirror/"
        elif word == "…" or word == "N":
            pytest.fail(f"README command `{command}`: no value known for {word!r} after "
                        f"{option!r}; teach tests/test_readme_commands.py")
        filled.append(word)
    return filled


def task_of(words: list[str]) -> str | None:
    rest = [w for w in words[1:] if not w.startswith("-")]
    return rest[0] if rest and not words[1].startswith("-") else None


def project_for(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    for name in CHECKOUT_EXTRAS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns(
                "__pycache__", "corpus", "out"))
        else:
            shutil.copy(source, project / name)
    return project


def create_inputs(project: Path, words: list[str]) -> None:
    """The files and folders an ``invoke import`` names: saved pages, a WXR export."""
    for index, word in enumerate(words[2:], 2):
        if word.startswith("-"):
            continue
        target = project / word
        if words[index - 1] == "--uploads":  # a copy of wp-content/uploads
            target.mkdir(parents=True, exist_ok=True)
        elif word.endswith("/"):
            shutil.copytree(FIXTURES / "mirror", target)
        elif word.endswith(".xml"):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(FIXTURES / "wxr" / "akhbar.WordPress.2024-01-15.xml", target)
        elif word.endswith(".html"):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(FIXTURES / "saved" / "Tamazight novelist interview - Akhbar.html",
                        target)


def run(words, cwd, **options):
    result = subprocess.run(words, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT,
                            stdin=subprocess.DEVNULL, **options)
    assert result.returncode == 0, (f"`{' '.join(words)}` exited {result.returncode}:\n"
                                    f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def git(*args, cwd):
    return run(["git", *args], cwd).stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command, tmp_path):
    words = concrete(command)
    if words[0] in ("python3", "python", "pip") and "pip" in words and "install" in words:
        # Installing for real is the machine's business (invoke test does it):
        # here the line must parse and resolve to what is installed.
        pip = [sys.executable, "-m", "pip", *words[words.index("install"):]]
        pip[4:4] = ["--dry-run", "--no-index", "-q"]
        run(pip, ROOT)
        return
    if words[0] != "invoke":
        pytest.fail(f"README command `{command}` is not one this test knows how to run; "
                    "teach tests/test_readme_commands.py")
    task = task_of(words)
    if task in SMALL and SMALL[task][0] not in words:
        words += SMALL[task]
    if task in NEEDS_ARGUMENTS and len(words) == 2:
        words = ["invoke", "--help", task]
        task = None
    project = project_for(tmp_path)

    if task is None:  # invoke's own options: --list, --help build
        run(words, project)
    elif task == "test":
        # Not the suite inside the suite: --dry shows what it would install and
        # run (nothing is installed or run), with the README's arguments.
        dry = run([words[0], "--dry", *words[1:]], project)
        last = re.sub(r"\x1b\[[0-9;]*m", "", dry.stdout.strip().splitlines()[-1])
        assert last.endswith("-m pytest " + " ".join(words[3:])), dry.stdout
    elif task in SERVERS:
        if task == "serve":
            run(["invoke", "build", "--no-search"], project)
        port = free_port()
        with server([*words, "--port", str(port)], project, f"http://127.0.0.1:{port}/",
                    tmp_path / f"{task}.log"):
            assert b'<html lang="ar" dir="rtl"' in fetch(f"http://127.0.0.1:{port}/")[1]
    elif task == "gh-pages":
        bare = tmp_path / "remote.git"
        git("init", "--bare", "-q", str(bare), cwd=tmp_path)
        git("init", "-q", cwd=project)
        git("remote", "add", "origin", str(bare), cwd=project)
        run(words, project)
        branch = words[words.index("--branch") + 1] if "--branch" in words else "gh-pages"
        assert "index.html" in git("ls-tree", "--name-only", branch, cwd=bare).split()
    elif task == "deploy":
        # A real S3 server here (rclone serve s3); the README's bucket and
        # prefix, its options, with the local address as the endpoint.
        target = next(w for w in words if w.startswith("s3://"))
        bucket = target[len("s3://"):].split("/", 1)[0]
        (tmp_path / "s3" / bucket).mkdir(parents=True)
        port = free_port()
        rclone = subprocess.Popen([shutil.which("rclone"), "serve", "s3", str(tmp_path / "s3"),
                                   "--addr", f"127.0.0.1:{port}", "--auth-key", "readme,secret"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if "--endpoint-url" in words:
                words[words.index("--endpoint-url") + 1] = f"http://127.0.0.1:{port}"
            else:
                words += ["--endpoint-url", f"http://127.0.0.1:{port}"]
            env = dict(os.environ, AWS_ACCESS_KEY_ID="readme", AWS_SECRET_ACCESS_KEY="secret",
                       AWS_DEFAULT_REGION="us-east-1")
            for _ in range(100):  # until the server listens
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    time.sleep(0.1)
            result = run(words, project, env=env)
            assert "uploaded" in result.stdout, result.stdout
            sent = [p for p in (tmp_path / "s3" / bucket).rglob("*") if p.is_file()]
            assert bool(sent) != ("--dry-run" in words), result.stdout
        finally:
            rclone.terminate()
            rclone.wait(10)
    elif task in ("build", "check", "new", "import", "bundle", "zim", "bench", "bench-deploy",
                  "bench-import", "fuzz"):
        create_inputs(project, words) if task == "import" else None
        result = run(words, project)
        if task == "build":
            assert (project / "output" / "index.html").is_file()
        if task == "new":
            assert "Created content/articles/" in result.stdout
            run(["invoke", "check"], project)
        if task == "import":
            assert "Done: " in result.stdout and " 0 failed" in result.stdout, result.stdout
    else:
        pytest.fail(f"README command `{command}`: this test does not know how to run "
                    f"`invoke {task}`; teach tests/test_readme_commands.py")
