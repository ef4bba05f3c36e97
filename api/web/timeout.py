"""The timeout warning (GOV.UK's community timeout warning pattern, as HMRC's timeout dialog):
a few minutes before a signed-in person would be signed out, a dialog says so and offers to
keep them signed in, so what they are typing is not lost (WCAG 2.2.1, timing adjustable).

The page carries the seconds left (``timeout_warning`` in every signed-in page's context;
``static/timeout-warning.js`` counts them down). "Stay signed in" is a same-origin POST with
the page's CSRF token that starts the idle clock again; it never moves the 10-hour limit, and
near that limit the dialog says it cannot. Without JavaScript nothing changes.

People keep several tabs open, and each page counts down from when it was made. So before a
page opens the dialog, and again before it leaves for the sign-in page, it asks how long is
really left (``/session/time-left``, which is not itself activity: asking does not keep anyone
signed in) and waits on if another tab has moved the end. Staying signed in, or any page
loading, also tells the other tabs, so a dialog open in one of them closes.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, current_app, g, jsonify, session
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from api.context import requires
from api.policy import Permission
from api.web.session import CHOOSING, WARN, idle_in_words, keep_alive, passive, time_left

bp = Blueprint("timeout", __name__)


class StayForm(FlaskForm):
    """Only its CSRF token: proof the request came from one of this service's pages."""


@bp.route("/session/stay-signed-in", methods=["POST"])
@requires(Permission.SIGNED_IN)
def stay_signed_in() -> Response:
    """Stay signed in: the idle clock starts again; the seconds left come back."""
    if not StayForm().validate_on_submit():
        abort(400)
    keep_alive()
    return jsonify(time_left())


@bp.route("/session/time-left")
@requires(Permission.SIGNED_IN)
@passive
def how_long_left() -> Response:
    """The seconds left, without moving them; signed out, a 401 saying whether it was for
    want of a page or the day's limit."""
    return jsonify(time_left())


def context() -> dict[str, Any]:
    if g.get("web_user") is None or session.get(CHOOSING) or "uid" not in session:
        return {"timeout_warning": None}
    warn = current_app.config.get("SESSION_TIMEOUT_WARNING", WARN)
    return {
        "timeout_warning": {
            **time_left(),
            "warn": int(warn.total_seconds()),
            "idle_words": idle_in_words(),
        }
    }


def configure(app: Flask) -> None:
    app.context_processor(context)
