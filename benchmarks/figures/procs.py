"""Child processes the figures measure from outside: gunicorn and the projection worker.

Peak memory is read from ``/proc/<pid>/status`` (``VmHWM``, the high-water mark of resident
memory), so it covers the whole life of the process, not one sample.
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LEDGER = "from api.cli import main; main()"


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    out = log.open("wb")
    return subprocess.Popen(
        [sys.executable, "-c", LEDGER, *args],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).parents[2],
    )


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def serving(
    env: dict[str, str], port: int, workers: int, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A ``ledger serve`` (no projections) answering on ``port``, stopped however the figure ends."""
    server = start(
        ["serve", "--no-projections", "--workers", str(workers), "--port", str(port)], env, log
    )
    try:
        wait_http(port, server)
        yield server
    finally:
        stop(server)


def wait_http(port: int, proc: subprocess.Popen[bytes], timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("server did not answer /healthz in time")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (``/proc/<pid>/stat``), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(c) for c in text]
    return found


def baseline_rss_mb(env: dict[str, str], imports: str) -> float:
    """Peak RSS of a process that only imports the code: what the data and traffic add is the rest."""
    code = (
        f"{imports}\nimport pathlib\nfor l in pathlib.Path('/proc/self/status').read_text()"
        ".splitlines():\n    l.startswith('VmHWM:') and print(int(l.split()[1]) / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        check=True,
    )
    return float(out.stdout.strip())


class PeakSampler:
    """Highest ``VmHWM`` of any child of ``parent`` seen while running: workers come and go."""

    def __init__(self, parent: int) -> None:
        self.parent, self.peak, self._stop = parent, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> PeakSampler:
        self._thread.start()
        return self

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for pid in children(self.parent):
                    self.peak = max(self.peak, peak_rss_mb(pid))
            except OSError:
                pass  # a worker exited between listing and reading
            time.sleep(0.2)
