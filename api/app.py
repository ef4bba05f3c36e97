"""The Flask app factory: nothing touches a store or broker until ``create_app`` is called."""

from __future__ import annotations

import threading
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
    """flask-smorest, documenting errors with our problem schema (its ``ERROR_SCHEMA`` hook),
    and writing the OpenAPI document when it is first read (``/api/v1/openapi.json``, the
    docs page) rather than while the app is built. Documenting the ~45 blueprints (copying
    each one's notes, resolving every schema) was half of building an app: every worker's
    start and every test paid it, and most never serve the document. Blueprints are
    documented in the order they were registered, so the document is the same."""

    ERROR_SCHEMA = ProblemSchema

    def __init__(self, app: Flask, **kwargs: Any) -> None:
        self._undocumented: list[tuple[Any, str, Any]] = []
        self._documenting = threading.RLock()
        self._busy = False
        super().__init__(app, **kwargs)

    @property
    def spec(self) -> Any:
        if self._undocumented:
            self._document()
        return self._spec

    @spec.setter
    def spec(self, value: Any) -> None:
        self._spec = value

    def register_blueprint(self, blp: Any, *, parameters: Any = None, **options: Any) -> None:
        """As flask-smorest's, with its documenting left for ``spec``."""
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        self._undocumented.append((blp, name, parameters))

    def _document(self) -> None:
        with self._documenting:  # another thread waits for the whole document
            if self._busy:
                return  # documenting a blueprint reads the spec it is writing
            self._busy = True
            try:
                while self._undocumented:
                    blp, name, parameters = self._undocumented[0]
                    blp.register_views_in_doc(
                        self, self._app, self._spec, name=name, parameters=parameters
                    )
                    self._spec.tag({"name": name, "description": blp.description})
                    self._undocumented.pop(0)
            finally:
                self._busy = False


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
