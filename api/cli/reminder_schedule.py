"""``ledger serve``'s daily reminder run: ``ledger reminders send`` as a child process, once a
day from ``LEDGER_REMINDERS_HOUR`` (UK time), beside the projections (``supervise.py``).

A child rather than a thread, like the projections: a slow mail server or a failed run never
holds up the API. The child's own record (``tenants/reminders/log.py``) is what makes it once
only; this just decides when to start it. A serve started after the hour runs it at once (as
the systemd timer's ``Persistent=true`` would); a run that fails (mail server down, a crash)
is retried an hour later, and only what was not recorded as sent goes then. A run whose only
trouble is recipients the server refused is finished for the day: a mailbox that refuses
today will refuse in an hour too, and retrying would mail everyone else's failures hourly;
tomorrow's run tries them again. A retry never crosses midnight: after it, the run is the new
day's, and that waits for the hour like any other (nobody's digest at 00:30).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta

from api.cli.supervise import stop_child
from api.observability.logs import say
from domain.calendar import UK

RETRY_AFTER = timedelta(hours=1)
SENT = re.compile(r"^\d{4}-\d{2}-\d{2}: sent \d+ email\(s\)$")
REFUSED = re.compile(r"^\d+ email\(s\) refused by the mail server\b")
FINISHED = (0, 4)  # sent everything; sent all but what the server refused (exit 4)


def ran_to_the_end(said: str) -> bool:
    """Whether the command's closing words say it went through every user: "<day>: sent N
    email(s)", perhaps followed by the count of refused recipients."""
    lines = said.splitlines()[-2:]
    if lines and REFUSED.search(lines[-1]):
        lines = lines[:-1]
    return bool(lines) and bool(SENT.search(lines[-1]))


def reminders_process() -> subprocess.Popen[bytes]:
    """``ledger reminders send`` with the serve's environment. Its progress (user names) is
    not copied into the serve's logs; its last words on stderr (a count, or the error) are."""
    code = "from api.cli import main; main()"
    env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    return subprocess.Popen(
        [sys.executable, "-c", code, "reminders", "send"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


class ReminderSchedule:
    def __init__(
        self,
        hour: int,
        start: Callable[[], subprocess.Popen[bytes]] = reminders_process,
        clock: Callable[[], datetime] = lambda: datetime.now(UK),
        poll_seconds: float = 30.0,
    ) -> None:
        self.hour = hour
        self._start = start
        self._clock = clock
        self._poll = poll_seconds
        self.stopping = threading.Event()
        self.done_on: date | None = None
        self.retry_at: datetime | None = None
        self.runs = 0
        self.child: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._watch, name="reminder-schedule", daemon=True)

    def start(self) -> ReminderSchedule:
        self._thread.start()
        return self

    def due(self, now: datetime) -> bool:
        """From the hour, once a day; a failed run's retry when it falls due that same day.
        Past midnight a pending retry is dropped: the new day's run waits for the hour."""
        if self.retry_at is not None and self.retry_at.date() == now.date():
            return now >= self.retry_at
        return now.hour >= self.hour and self.done_on != now.date()

    def _watch(self) -> None:
        while True:
            now = self._clock()
            if self.due(now):
                self._run(now)
            if self.stopping.wait(self._poll):
                return

    def _run(self, now: datetime) -> None:
        self.runs += 1
        self.child = child = self._start()
        say("reminders run started", pid=child.pid)
        while child.poll() is None:
            if self.stopping.wait(0.5):
                return
        said = (child.stderr.read() if child.stderr else b"").decode(errors="replace").strip()
        last = said.splitlines()[-1] if said else ""
        # Under gunicorn the arbiter reaps every child, so an exit status may read 0 whatever
        # happened: only the command's own closing line ("<day>: sent N email(s)") says it ran.
        if child.returncode in FINISHED and ran_to_the_end(said):
            self.done_on, self.retry_at = now.date(), None
            say("reminders run finished", pid=child.pid, result=last)
            return
        retry = now + RETRY_AFTER
        if retry.date() != now.date():
            self.done_on, self.retry_at = now.date(), None
            say("reminders run failed; the next run is tomorrow's, at the hour", result=last)
        else:
            self.retry_at = retry
            say("reminders run failed; retrying in an hour", result=last)

    def stop(self) -> None:
        self.stopping.set()
        stop_child(self.child)
        self._thread.join(timeout=5)
