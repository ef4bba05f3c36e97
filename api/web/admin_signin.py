"""How a user signs in, set by a platform administrator in the browser: a new password, and
two-factor reset (after a check) and set up again with a secret shown once.

The same use cases as ``ledger users set-password``, ``reset-2fa`` and ``enable-2fa``
(``tenants/users/signin.py``), each an event on the user's ``Credentials`` recorded with the
administrator's name; nothing typed or generated here is kept anywhere else.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, session, url_for
from werkzeug.wrappers import Response

from api.context import platform, requires
from api.policy import Permission
from api.web.admin_forms import ConfirmForm, PasswordForm
from api.web.fields import FormPage
from domain.errors import DomainError
from tenants.users import UserInfo
from tenants.users.model import ROLE_NAMES, a_role
from tenants.users.signin import (
    TWO_FACTOR_ROLES,
    credentials,
    enable_two_factor,
    provisioning_uri,
    reset_two_factor,
    set_password,
)

bp = Blueprint("admin_signin", __name__, url_prefix="/admin")
JUST_SET = "password_set_for"  # the session's note that the confirmation is owed
SECRET_OWED = "two_factor_secret_for"  # the session's note that the new secret is to be shown


@bp.route("/users/<name>/password", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def password(name: str) -> Any:
    """Set a new password: typed twice, at least as long as signing in needs."""
    found, form = platform().access.user(name), PasswordForm()
    page = FormPage(form, form.password)
    if page.submitted():
        with page.refusals():
            set_password(platform().access, name, form.password.data or "", temporary=True)
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
    return render_template(
        "admin/password_set.html", user=found, needs_two_factor=_needs_two_factor(found)
    )


@bp.route("/users/<name>/two-factor-reset", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def reset_two_factor_page(name: str) -> Any:
    """Check before the authenticator's codes stop working; then offer a new secret."""
    access = platform().access
    found, form = access.user(name), ConfirmForm()
    if credentials(access, found.id).totp_secret is None:
        return _to_user(name)
    if form.validate_on_submit():
        try:
            reset_two_factor(access, name)
        except DomainError as refused:
            flash(str(refused), "error")
            return _to_user(name)
        flash(f"Two-factor reset for {found.shown_as}: their old security codes no longer work")
        return redirect(url_for(".two_factor", name=name))
    return render_template(
        "admin/reset_two_factor.html",
        user=found,
        form=form,
        role_name=ROLE_NAMES[found.role],
        as_role=a_role(found.role)[0].lower() + a_role(found.role)[1:],  # "an auditor"
        required=found.role in TWO_FACTOR_ROLES,
    )


@bp.route("/users/<name>/two-factor", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def two_factor(name: str) -> Any:
    """Give the user a new two-factor secret, shown on this page once and never again."""
    access = platform().access
    found, form = access.user(name), ConfirmForm()
    if credentials(access, found.id).totp_secret is not None:
        if form.is_submitted():  # sent twice, or after another administrator's
            flash(f"{found.shown_as} already has two-factor: reset it first", "error")
        return _to_user(name)
    if form.validate_on_submit():
        try:
            enable_two_factor(access, name)
        except DomainError as refused:  # deactivated, or given a secret a moment ago elsewhere
            flash(str(refused), "error")
            return _to_user(name)
        session[SECRET_OWED] = name  # the user's name: the secret stays in their credentials
        return redirect(url_for(".two_factor_secret", name=name), 303)
    if not found.active:  # nobody to set it up for: their page says they are deactivated
        return _to_user(name)
    return render_template(
        "admin/two_factor.html", user=found, form=form, required=_needs_two_factor(found)
    )


@bp.route("/users/<name>/two-factor/secret")
@requires(Permission.ADMIN)
def two_factor_secret(name: str) -> Any:
    """The new secret, once, straight after it was made (asked for with a GET, so Refresh
    never sends the form again): asked for again, the user's page, as after any other time."""
    if session.pop(SECRET_OWED, None) != name:
        return _to_user(name)
    access = platform().access
    found = access.user(name)
    secret = credentials(access, found.id).totp_secret
    if secret is None:  # reset again meanwhile, by another administrator
        return _to_user(name)
    return render_template(
        "admin/two_factor_secret.html",
        user=found,
        secret=secret,
        uri=provisioning_uri(name, secret),
    )


def _needs_two_factor(user: UserInfo) -> bool:
    """Their role signs in with a security code, and they have no secret to give one."""
    has_secret = credentials(platform().access, user.id).totp_secret is not None
    return user.role in TWO_FACTOR_ROLES and not has_secret


def _to_user(name: str) -> Response:
    return redirect(url_for("web.admin.user", name=name))
