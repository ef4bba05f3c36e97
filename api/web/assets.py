"""GOV.UK Frontend's (and MOJ Frontend's) compiled CSS, JS, fonts and images, from node_modules.

``make`` runs ``npm ci``, which puts the pinned packages (package-lock.json) in the project's
``node_modules``; the stylesheets ask for ``/assets/fonts/...`` and ``/assets/images/...``, so
everything is served under ``/assets``. ``LEDGER_ASSETS_DIR`` points elsewhere (a built
image may copy node_modules somewhere else).
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response, abort, send_from_directory

from api.context import requires
from api.policy import Permission

ROOT = Path(__file__).resolve().parents[2]
OWN = Path(__file__).resolve().parent / "static"


def node_modules() -> Path:
    return Path(os.environ.get("LEDGER_ASSETS_DIR") or ROOT / "node_modules")


def folders() -> list[Path]:
    """Where ``/assets/<path>`` is looked up, first match wins."""
    nm = node_modules()
    govuk = nm / "govuk-frontend" / "dist" / "govuk"
    moj = nm / "@ministryofjustice" / "frontend" / "moj"
    return [OWN, govuk, govuk / "assets", moj, moj / "assets"]


def missing_message() -> str | None:
    if (node_modules() / "govuk-frontend" / "dist" / "govuk").is_dir():
        return None
    return (
        f"GOV.UK Frontend is not installed under {node_modules()}: run `make run` (or "
        "`npm ci` in the project folder), or set LEDGER_ASSETS_DIR to a node_modules folder."
    )


@requires(Permission.PUBLIC)
def serve_asset(filename: str) -> Response:
    for folder in folders():
        if (folder / filename).is_file():
            return send_from_directory(folder, filename, max_age=3600)
    abort(404)


def register(app: Flask) -> None:
    problem = missing_message()
    if problem:
        app.logger.warning(problem)
    app.add_url_rule("/assets/<path:filename>", "assets", serve_asset)
