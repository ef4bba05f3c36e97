"""Pages every visitor may read: accessibility statement, privacy notice, cookies; and a
plain start page for roles whose own pages have not claimed "home"."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template

from api.context import requires
from api.policy import Permission

bp = Blueprint("info", __name__)


@bp.route("/accessibility")
@requires(Permission.PUBLIC)
def accessibility() -> Any:
    return render_template("info/accessibility.html")


@bp.route("/privacy")
@requires(Permission.PUBLIC)
def privacy() -> Any:
    return render_template("info/privacy.html")


@bp.route("/cookies")
@requires(Permission.PUBLIC)
def cookies() -> Any:
    return render_template("info/cookies.html")


@bp.route("/home")
@requires(Permission.SIGNED_IN)
def home() -> Any:
    return render_template("info/home.html")
