"""gunicorn settings for the hosted service: ``gunicorn -c python:api.serving.gunicorn_conf``.

A module of the package (not a file beside the checkout) so a plain ``pip install`` of the
project serves with the same settings; ``deploy/gunicorn.conf.py`` imports it for those who
prefer a path. Every value can be overridden from the environment (GUNICORN_* below) or the
command line. Logs are JSON lines on stderr (``api.observability.logs``); each request is
logged once by the app with its id, route, status and duration, so gunicorn's own access
log is off unless GUNICORN_ACCESSLOG names a destination ("-" for stderr).
"""

import gc
import multiprocessing
import os
from typing import Any

import api.app  # noqa: F401 - imported once in the master, so a (re)started worker forks with it
from api.observability.logs import configure_structlog, logging_config
from api.serving.gunicorn_logs import RequestTextKeptOut


class AppLogsRequests(RequestTextKeptOut):
    """gunicorn's logger (without the text of a request it refused, ``gunicorn_logs``),
    building an access line only when one is asked for.

    With any logging config (ours: JSON lines) gunicorn counts access logging as on and
    formats every request's atoms (headers, times, sizes), which its ``gunicorn.access``
    logger then dropped at WARNING: about 3% of a worker's time under load (figure b,
    README). The app logs each request itself (``api/observability/requests.py``), so
    gunicorn's line is only written when ``GUNICORN_ACCESSLOG`` names a destination.
    """

    @property
    def access_log_enabled(self) -> bool:
        return bool(self.cfg.accesslog)


wsgi_app = "api.app:create_app()"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "api.serving.gunicorn_worker.ProblemRefusingWorker"  # gthread, see there
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then. A new worker used to import the whole app first (12 s of wall
# time under load) and, with a jitter of 200, an even load recycled both workers together, so
# the service answered nothing for seconds. The master now imports the app's modules once
# (below: a fork starts with them) and a worker only builds the app (~0.4 s of CPU); the wide
# jitter keeps the workers from recycling at the same moment. (Figure b's "0 cmd/s" slices were
# worse than a pause: a leaving worker removed the metrics folder, see ``api/cli/serve.py``.)
# Every 2,000-3,000 requests was too often under load: each worker restarted about every 10 s
# in figure b, each time building the app and reloading its tenants' aggregates into cold caches
# (a slice with a restart in it fell by up to half); 10,000-15,000 still bounds what a leak holds.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 2
# A longer request line is refused by gunicorn itself (its HTML, its log line without the
# request's text: ``gunicorn_logs``); in production nginx refuses longer lines and headers first
# with a problem of its own (deploy/nginx, whose buffers stay below these). More header fields
# nginx cannot count: the worker answers them with a 431 problem (``gunicorn_worker``).
limit_request_line = 4094
limit_request_fields = 50
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'  # no query string, headers or address
logger_class = AppLogsRequests
logconfig_dict = logging_config(loglevel.upper())
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# No shared control socket under $HOME: several servers (or tests) on one host would collide.
control_socket_disable = True


def on_starting(server: Any) -> None:
    """Start with an empty metrics folder: files of a previous run would be summed in."""
    configure_structlog()
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        for name in os.listdir(folder):
            if name.endswith(".db"):
                os.unlink(os.path.join(folder, name))


def post_fork(server: Any, worker: Any) -> None:
    configure_structlog()


def post_worker_init(worker: Any) -> None:
    """Freeze what the worker holds once its app is loaded (modules, routes, schemas) out of the
    garbage collector's reach: every full collection scanned those ~230k objects again, and a
    PDF board paper's render (hundreds of thousands of layout boxes) set off several, a quarter
    of its CPU. They live as long as the worker anyway; what requests allocate is still collected."""
    gc.collect()
    gc.freeze()


def child_exit(server: Any, worker: Any) -> None:
    """A dead worker's live gauges must not be summed any more (multiprocess metrics)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
