"""``ledger serve``: the API under gunicorn (embedded default too), with the projections alongside,
restarted whenever they exit (``api/cli/supervise.py``)."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Any

import click

from adapters.mail import MailSettings
from adapters.settings import Settings
from api.cli.common import reachable
from api.cli.reminder_schedule import ReminderSchedule
from api.cli.supervise import Supervisor


def _projections_process() -> subprocess.Popen[bytes]:
    """``ledger projections run`` as a child process."""
    code = "from api.cli import main; main()"
    env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    return subprocess.Popen([sys.executable, "-c", code, "projections", "run"], env=env)


GUNICORN_CONF = "api.serving.gunicorn_conf"


def _gunicorn(bind: str, workers: int) -> None:
    server(bind, workers).run()


def server(bind: str, workers: int) -> Any:
    """gunicorn with the settings of the installed package's ``GUNICORN_CONF`` module (found
    by import, wherever the package is installed), then ``bind`` and ``workers``."""
    from gunicorn.app.base import BaseApplication

    class LedgerServer(BaseApplication):
        def load_config(self) -> None:
            settings = vars(importlib.import_module(GUNICORN_CONF))
            for key, value in settings.items():
                if key in self.cfg.settings and key not in ("wsgi_app", "bind", "workers"):
                    self.cfg.set(key, value)
            self.cfg.set("bind", [bind])
            self.cfg.set("workers", workers)

        def load(self) -> Any:
            from api.app import create_app

            return create_app()

    return LedgerServer()


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="the address to listen on (behind nginx, keep the loopback address)",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="the port to listen on",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(min=1),
    help="gunicorn worker processes",
)
@click.option(
    "--dev",
    is_flag=True,
    help="Flask's reloading dev server instead of gunicorn (never in production)",
)
@click.option("--no-projections", is_flag=True, help="do not start the projection workers")
def serve(host: str, port: int, workers: int, dev: bool, no_projections: bool) -> None:
    """Serve the HTTP API at http://HOST:PORT/api/v1 (docs at /api/v1/docs).

    With LEDGER_REMINDERS_HOUR set, `ledger reminders send` runs once a day from that hour.
    Logs are JSON lines on stderr; Prometheus metrics are at /metrics (loopback callers, or
    LEDGER_METRICS_TOKEN as a bearer token).
    """
    from api.observability.logs import configure_logging

    # a database that does not answer is said in one line before any worker starts, not by
    # each worker's traceback after the pool's ten seconds (systemd starts the unit again)
    reachable(Settings.from_environ())
    configure_logging()
    # gunicorn forks its workers from inside ``_gunicorn`` below, and a worker leaves with
    # ``sys.exit``, which unwinds through this function in the worker too: only the process
    # that started serving may clean up. (A recycled worker — ``max_requests`` — used to remove
    # the metrics folder here, and every worker started after it answered 500: figure b's
    # "0 cmd/s" slices; and stopped the projections child, which the supervisor then restarted.)
    serving = os.getpid()
    metrics_dir = _metrics_dir()
    child = None if no_projections else Supervisor(_projections_process).start()
    reminders = _reminder_schedule()
    try:
        if dev:
            from api.app import create_app

            create_app().run(host=host, port=port, debug=True, use_reloader=False)
        else:
            _gunicorn(f"{host}:{port}", workers)
    finally:
        if os.getpid() == serving:  # not in a worker that is leaving (see above)
            _stop(child, reminders, metrics_dir)


def _stop(
    child: Supervisor | None, reminders: ReminderSchedule | None, metrics: str | None
) -> None:
    if child is not None:
        child.stop()
    if reminders is not None:
        reminders.stop()
    if metrics:
        shutil.rmtree(metrics, ignore_errors=True)


def _reminder_schedule() -> ReminderSchedule | None:
    """The daily reminder run, when ``LEDGER_REMINDERS_HOUR`` names its hour."""
    hour = MailSettings.from_environ().reminders_hour
    return None if hour is None else ReminderSchedule(hour).start()


def _metrics_dir() -> str | None:
    """A private folder for the workers' metric files, set before prometheus_client loads.

    Returns it for removal on exit; None if the operator chose one (then it is theirs).
    """
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return None
    path = tempfile.mkdtemp(prefix="ledger-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = path
    return path
