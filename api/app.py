"""The Flask app factory: nothing touches a store or broker until ``create_app`` is called."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_smorest import Api

from api import auth, observability, problems, request_limits, web
from api.context import PLATFORM_KEY
from api.problem_docs import ProblemResponses
from api.resources import BLUEPRINTS
from api.resources.docs import blp as docs_blp
from api.resources.health import blp as health_blp
from api.schemas.common import ProblemSchema
from api.tables import negotiate
from api.tables.docs import TableDownloads
from tenants.platform import Platform, bootstrap

DEFAULTS: dict[str, Any] = {
    "API_TITLE": "Partnership Ledger",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "MAX_CONTENT_LENGTH": 256 * 1024,
    "API_SPEC_OPTIONS": {
        "security": [{"bearerAuth": []}],
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
        "info": {
            "description": "DHRs, action plans and funding for Community Safety Partnerships. "
            "Errors are application/problem+json (RFC 9457)."
        },
    },
}


class LedgerApi(Api):
    """flask-smorest, documenting errors with our problem schema (its ``ERROR_SCHEMA`` hook)."""

    ERROR_SCHEMA = ProblemSchema


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app; pass ``{"PLATFORM": platform}`` to share an existing one (tests, CLI)."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.json.sort_keys = False  # type: ignore[attr-defined]
    platform: Platform = app.config.pop("PLATFORM", None) or bootstrap()
    app.extensions[PLATFORM_KEY] = platform
    observability.install(app)  # first, so every request (refusals too) is timed and logged
    plugins = [ProblemResponses(), TableDownloads()]
    api = LedgerApi(app, spec_kwargs={"extra_plugins": plugins})
    problems.register(app)  # after flask-smorest's own HTTPException handler, which this replaces
    for blp in BLUEPRINTS:
        api.register_blueprint(blp)
    app.register_blueprint(health_blp)
    app.register_blueprint(docs_blp)
    auth.register(app)
    negotiate.register(app)  # CSV / XLSX downloads: takes ?format= / ?table= before the query check
    request_limits.register(app)
    web.register(app)  # the pages (api/web): after the API, whose error answers it keeps
    return app
