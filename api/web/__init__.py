"""The pages people use in a browser: server-rendered GOV.UK Frontend on the same use cases.

One parent blueprint ``web`` holds a child blueprint per page area (``signin``, ``info``,
``cases``, ...; the list is ``api/web/areas.py``); ``register`` wires templates, sessions,
assets and error pages into the app. Pages authenticate by a signed session cookie
(``api/web/session.py``), never by API token, and the API's token guard leaves them alone.
"""

from __future__ import annotations

from flask import Blueprint, Flask

from api.web import assets, errors, formatting, headers, navigation, session, timeout
from api.web.areas import AREAS

WEB = "web"


def register(app: Flask) -> None:
    session.configure(app)
    formatting.configure(app)
    headers.configure(app)
    navigation.configure(app)
    timeout.configure(app)
    assets.register(app)
    web = Blueprint(WEB, __name__)  # built per app: a blueprint's set-up closes once registered
    web.before_request(session.guard)
    for area in AREAS:
        web.register_blueprint(area)
    app.register_blueprint(web)
    errors.register(app)
