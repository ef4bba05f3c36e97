"""Response headers every page gets: a strict Content-Security-Policy (scripts only from this
site or with this response's nonce), no framing, no caching of case content, no referrer
leaving the site."""

from __future__ import annotations

import secrets

from flask import Flask, g, request
from werkzeug.wrappers import Response


def nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return str(g.csp_nonce)


def secure(response: Response) -> Response:
    if "web" not in request.blueprints and response.mimetype != "text/html":
        return response
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce()}'; style-src 'self'; "
        "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"  # pages may hold OFFICIAL-SENSITIVE content
    return response


def configure(app: Flask) -> None:
    app.after_request(secure)
    app.jinja_env.globals["csp_nonce"] = nonce
