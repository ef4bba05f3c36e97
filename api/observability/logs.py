"""JSON lines on stderr, one object per event, for every process of the service.

structlog renders both our own events and the standard library's records (gunicorn, kombu,
eventsourcing) through one formatter, so a log shipper reads one format. Log events carry
ids, routes, statuses and counts; the ``_redact`` processor drops any field whose name says
it holds a secret or a person's details, in case a caller passes one by mistake.
This module never imports prometheus_client: ``ledger serve`` must set
PROMETHEUS_MULTIPROC_DIR before that library is first imported.
"""

from __future__ import annotations

import functools
import logging
import logging.config
import re
import sys
from typing import Any

import structlog
from structlog.typing import EventDict, Processor

SECRET_WORDS = ("authorization", "token", "password", "secret", "cookie", "email", "name")
_configured = False


_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")


@functools.lru_cache(maxsize=1024)
def _secret(key: str) -> bool:
    """Whether a field of this name is redacted: asked once per name, not once per line (the
    scan was a quarter of writing each request's line)."""
    return key not in ("event", "logger_name", "logger") and any(
        w in key.lower() for w in SECRET_WORDS
    )


def _redact(_: Any, __: str, event: EventDict) -> EventDict:
    for key in [k for k in event if isinstance(k, str) and _secret(k)]:
        event[key] = "[redacted]"
    if isinstance(event.get("exception"), str):
        # a database error quotes the offending value, which may be case content
        event["exception"] = _QUOTED.sub("'…'", event["exception"])
    return event


SHARED: list[Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True, key="ts"),
]


def json_formatter() -> structlog.stdlib.ProcessorFormatter:
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            _redact,
            structlog.processors.JSONRenderer(sort_keys=False),
        ],
    )


def configure_structlog() -> None:
    """Route structlog through the standard library, so one handler decides the output."""
    global _configured
    if _configured:
        return
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,  # a disabled level costs no processing
            *SHARED,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    _configured = True


def logging_config(level: str = "INFO") -> dict[str, Any]:
    """A ``dictConfig`` for the whole process (gunicorn's ``logconfig_dict`` uses it too)."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": json_formatter}},
        "handlers": {"json": handler},
        "root": {"handlers": ["json"], "level": level},
        "loggers": {
            "gunicorn.error": {"handlers": ["json"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["json"], "level": level, "propagate": False},
            "amqp": {"level": "WARNING"},
            "kombu": {"level": "WARNING"},
        },
    }


def configure_logging(level: str = "INFO") -> None:
    """Make this process write JSON lines to stderr, whatever library logs."""
    configure_structlog()
    logging.config.dictConfig(logging_config(level))
    logging.captureWarnings(True)


def say(event: str, **fields: Any) -> None:
    """A line for the operator (startup, shutdown) that is JSON like every other line."""
    if logging.getLogger().handlers:
        structlog.get_logger("ledger").info(event, **fields)
    else:
        print(event, file=sys.stderr)
