"""Stopping a child process ``ledger serve`` started (the projections it supervises, a
reminders run): asked first, killed only if it will not stop; an ended one is left alone."""

from __future__ import annotations

import subprocess
import sys
import time

from api.cli.supervise import Supervisor, stop_child


def sleeper() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def test_a_running_child_is_asked_to_stop_and_stops() -> None:
    child = sleeper()
    started = time.monotonic()
    stop_child(child)
    assert child.poll() is not None and time.monotonic() - started < 10


def test_an_ended_child_or_none_is_left_alone() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    stop_child(child)
    stop_child(None)
    assert child.returncode == 0


def test_the_supervisor_stops_its_child_and_starts_no_other() -> None:
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        started.append(sleeper())
        return started[-1]

    supervisor = Supervisor(start).start()
    supervisor.stop()
    time.sleep(1)  # its watcher would have restarted a child that died on its own by now
    assert len(started) == 1 and started[0].poll() is not None
