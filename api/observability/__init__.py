"""What an operator sees of the running service: JSON log lines and Prometheus metrics.

``install(app)`` wires both into the Flask app; ``logs.configure_logging()`` is called by the
processes that own their output (``ledger serve``, gunicorn, ``ledger projections``).
Nothing here imports prometheus_client until ``install`` runs: ``ledger serve`` sets
PROMETHEUS_MULTIPROC_DIR first, and the library reads it once, when first imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def install(app: Flask) -> None:
    from api.observability.requests import install as install_hooks

    install_hooks(app)
