"""`ledger serve` runs the API under gunicorn on the embedded store and stops cleanly."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_serve(
    tmp_path: Path, port: int, *options: str, unset: tuple[str, ...] = ()
) -> tuple[subprocess.Popen[bytes], Path]:
    """`ledger serve` on the embedded store in ``tmp_path`` with one worker; its log's path."""
    env = {**os.environ, "LEDGER_DATA_DIR": str(tmp_path / "data")}
    for name in ("LEDGER_DATABASE_URL", *unset):
        env.pop(name, None)
    cmd = [sys.executable, "-c", "from api.cli import main; main()", "serve", *options]
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [*cmd, "--port", str(port), "--workers", "1"],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    return server, log


def test_serve_answers_health_checks_under_gunicorn_with_projections_alongside(
    tmp_path: Path,
) -> None:
    port = free_port()
    server, log = start_serve(tmp_path, port)
    try:
        body = b""
        for _ in range(600):  # up to a minute: the child imports the app on a busy machine
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    body = r.read()
                break
            except OSError:
                time.sleep(0.1)
        assert body == b'{"status":"ok"}\n'
        for _ in range(600):  # the projections child announces itself once it is consuming
            if "projections running" in log.read_text():
                break
            time.sleep(0.1)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    output = log.read_text()
    assert "Starting gunicorn" in output
    assert "projections running" in output  # the child started beside the web workers
    assert server.returncode is not None


def test_serve_restarts_its_projections_when_they_die(tmp_path: Path) -> None:
    port = free_port()
    server, log = start_serve(tmp_path, port)

    def said(event: str) -> list[int]:
        """The pids of the JSON log lines with this event."""
        found = []
        for line in log.read_text().splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and record.get("event") == event:
                found.append(int(record["pid"]))
        return found

    def children() -> list[int]:
        return said("projections started")

    def ready() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                return bool(r.status == 200)
        except OSError:
            return False

    try:
        deadline = time.monotonic() + 60
        while not (children() and ready()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ready(), log.read_text()[-2000:]
        first = children()[0]
        os.kill(first, signal.SIGKILL)
        while len(children()) < 2 and time.monotonic() < deadline + 30:
            time.sleep(0.2)
        assert len(children()) == 2 and children()[1] != first, log.read_text()[-2000:]
        assert said("projections stopped; restarting") == [first]
        while not ready() and time.monotonic() < deadline + 60:
            time.sleep(0.2)
        assert ready() and server.poll() is None
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    for pid in children():  # serve took its projections down with it
        assert (
            not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
        )


def test_a_recycled_worker_leaves_the_next_worker_able_to_answer(tmp_path: Path) -> None:
    """A worker leaving (as under ``max_requests``) unwinds through ``serve`` in its own process;
    it must not take the server's metrics folder with it, or every later worker answers 500."""
    port = free_port()
    server, log = start_serve(
        tmp_path, port, "--no-projections", unset=("PROMETHEUS_MULTIPROC_DIR",)
    )

    def workers() -> list[int]:
        found = []
        for task in Path(f"/proc/{server.pid}/task").iterdir():
            found += [int(pid) for pid in (task / "children").read_text().split()]
        return found

    def status(path: str) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as r:
                return int(r.status)
        except urllib.error.HTTPError as e:
            return int(e.code)
        except OSError:
            return 0

    try:
        deadline = time.monotonic() + 60
        while status("/healthz") != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status("/metrics") == 200, log.read_text()[-2000:]
        first = workers()
        assert len(first) == 1
        os.kill(first[0], signal.SIGTERM)  # leaves as a recycled worker does, through sys.exit
        while (not workers() or workers() == first) and time.monotonic() < deadline + 30:
            time.sleep(0.1)
        assert workers() and workers() != first
        answers = []
        for _ in range(100):  # until the new worker answers
            answers = [status("/healthz"), status("/metrics")]
            if answers[0]:
                break
            time.sleep(0.1)
        assert answers == [200, 200], log.read_text()[-3000:]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
