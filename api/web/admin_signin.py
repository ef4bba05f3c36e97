"""How a user signs in, set by a platform administrator in the browser: a new password.

The same use case as ``ledger users set-password`` (``tenants/users/signin.py``), an event on
the user's ``Credentials`` recorded with the administrator's name; the password typed here is
kept nowhere else.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, session, url_for
from werkzeug.wrappers import Response

from api.context import platform, requires
from api.policy import Permission
from api.web.admin_forms import PasswordForm
from api.web.fields import FormPage
from tenants.users.signin import (
    set_password,
)

bp = Blueprint("admin_signin", __name__, url_prefix="/admin")
JUST_SET = "password_set_for"  # the session's note that the confirmation is owed


@bp.route("/users/<name>/password", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def password(name: str) -> Any:
    """Set a new password: typed twice, at least as long as signing in needs."""
    found, form = platform().access.user(name), PasswordForm()
    page = FormPage(form, form.password, beside=True)
    if page.submitted():
        with page.refusals():
            set_password(platform().access, name, form.password.data or "")
            session[JUST_SET] = name
            return redirect(url_for(".password_set", name=name))
    return page.render("admin/password.html", user=found)


@bp.route("/users/<name>/password/set")
@requires(Permission.ADMIN)
def password_set(name: str) -> Any:
    """The confirmation, once, straight after the password was set."""
    if session.pop(JUST_SET, None) != name:
        return _to_user(name)
    found = platform().access.user(name)
    return render_template("admin/password_set.html", user=found)


def _to_user(name: str) -> Response:
    return redirect(url_for("web.admin.user", name=name))
