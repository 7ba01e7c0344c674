"""Run a command of the project (``invoke serve``, ``invoke livereload``…) as a
server in its own process group, and wait until it answers."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read()


@contextlib.contextmanager
def server(args: list[str], cwd, url: str, log_path, seconds: float = 90.0):
    """Start ``args`` in ``cwd``, wait until ``url`` answers 200 (the command's
    output goes to ``log_path``), yield the process, then stop the whole group
    (Ctrl+C first, as a person would)."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(args, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + seconds
        while True:
            if process.poll() is not None:
                raise AssertionError(f"{' '.join(args)} exited with {process.returncode}:\n"
                                     + open(log_path, encoding="utf-8", errors="replace").read())
            try:
                if fetch(url)[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"{' '.join(args)}: {url} did not answer in {seconds} s:\n"
                                     + open(log_path, encoding="utf-8", errors="replace").read())
            time.sleep(0.2)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # a straggler of the group
