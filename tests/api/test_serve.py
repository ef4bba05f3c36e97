"""`ledger serve` runs the API under gunicorn on the embedded store and stops cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_health_checks_under_gunicorn_with_projections_alongside(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = {**os.environ, "LEDGER_DATA_DIR": str(tmp_path / "data")}
    env.pop("LEDGER_DATABASE_URL", None)
    cmd = [
        sys.executable,
        "-c",
        "from api.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--workers",
        "1",
    ]
    log = tmp_path / "serve.log"
    server = subprocess.Popen(cmd, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    try:
        body = b""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    body = r.read()
                break
            except OSError:
                time.sleep(0.1)
        assert body == b'{"status":"ok"}\n'
        for _ in range(150):  # the projections child announces itself once it is consuming
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
