"""Every API blueprint: a name (its OpenAPI tag), a place under ``/api/v1``, a description."""

from __future__ import annotations

from flask_smorest import Blueprint

PREFIX = "/api/v1"


def api_blueprint(name: str, url: str, description: str) -> Blueprint:
    """The blueprint ``name`` serving ``/api/v1`` + ``url`` (e.g. "/tenants/<tenant>/audit")."""
    return Blueprint(name, __name__, url_prefix=PREFIX + url, description=description)
