"""Signing in (user name and password, then a security code where needed) and out.

The sign-in page is the front page: ``GET /`` shows it to a signed-out person and sends a
signed-in one to their role's start page. Signing out is a form too (the header's Sign out
button, with the page's CSRF token): a link or image on another site that asks for /sign-out
must not end someone's session, so a GET of it only asks.
"""

from __future__ import annotations

import time
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput
from werkzeug.wrappers import Response
from wtforms import PasswordField, SubmitField
from wtforms.validators import InputRequired

from api.context import platform, requires
from api.policy import Permission
from api.web import navigation
from api.web.fields import error_list, text_input
from api.web.session import idle_in_words, safe_next, sign_in, sign_out, signed_in_user
from tenants.users.signin import SignInRefused, check_code, check_password

bp = Blueprint("signin", __name__)
PENDING_FOR = 300  # seconds to enter the security code after the password


class SignInForm(FlaskForm):
    username = text_input("User name", InputRequired("Enter your user name"))
    password = PasswordField(
        "Password", widget=GovPasswordInput(), validators=[InputRequired("Enter your password")]
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class CodeForm(FlaskForm):
    code = text_input(
        "Security code",
        InputRequired("Enter the security code from your authenticator app"),
        hint="The 6-digit code your authenticator app shows for Partnership Ledger.",
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class SignOutForm(FlaskForm):
    """Only its CSRF token: proof the sign-out was sent from one of this service's pages."""

    submit = SubmitField("Sign out", widget=GovSubmitInput())


NOT_SENT_HERE = (
    "This sign-out was not sent from one of this service's pages, so you are still signed in. "
    "To sign out, use Sign out at the top of this page."
)


def _next_args() -> dict[str, Any]:
    target = safe_next(request.args.get("next"))
    return {"next": target} if target else {}


def _signed_in_redirect() -> Response:
    user = signed_in_user()
    if user is None:
        return redirect(url_for("web.signin.sign_in_page"))
    return redirect(safe_next(request.args.get("next")) or navigation.home_url(user))


@bp.route("/", methods=["GET", "POST"])
@requires(Permission.PUBLIC)
def sign_in_page() -> Any:
    """The front page: sign in."""
    if signed_in_user() is not None and request.method == "GET":
        return _signed_in_redirect()
    form = SignInForm()
    problem = None
    if form.validate_on_submit():
        try:
            checked = check_password(
                platform().access, form.username.data or "", form.password.data or ""
            )
        except SignInRefused as refused:
            problem = str(refused)
        else:
            if not checked.needs_code:
                sign_in(checked.user)
                return _signed_in_redirect()
            session.clear()
            session["pending"] = {"uid": str(checked.user.id), "at": int(time.time())}
            return redirect(url_for("web.signin.security_code", **_next_args()))
    errors = error_list(form, problem, form.username if problem else None)
    timed_out = request.args.get("timed_out") if request.method == "GET" else None
    return render_template(
        "signin/sign_in.html", form=form, errors=errors, timed_out=timed_out, idle=idle_in_words()
    )


@bp.route("/sign-in/security-code", methods=["GET", "POST"])
@requires(Permission.PUBLIC)
def security_code() -> Any:
    """The second step for two-factor users: the code from their authenticator app."""
    pending = session.get("pending") or {}
    if not pending or time.time() - int(pending.get("at", 0)) > PENDING_FOR:
        session.pop("pending", None)
        return redirect(url_for("web.signin.sign_in_page", **_next_args()))
    form = CodeForm()
    problem = None
    if form.validate_on_submit():
        try:
            user = check_code(platform().access, UUID(pending["uid"]), form.code.data or "")
        except SignInRefused as refused:
            problem = str(refused)
        else:
            sign_in(user)
            return _signed_in_redirect()
    errors = error_list(form, problem, form.code if problem else None)
    return render_template("signin/security_code.html", form=form, errors=errors)


@bp.route("/sign-out", methods=["GET", "POST"])
@requires(Permission.PUBLIC)
def sign_out_page() -> Any:
    """Sign out: a POST with the page's token ends the session; a GET only asks (or says so)."""
    if signed_in_user() is None:  # an expired session's button too: nothing left to end
        if request.method == "POST":
            return redirect(url_for(".sign_out_page"), 303)
        return render_template("signin/signed_out.html")
    form = SignOutForm()
    if request.method == "GET":
        return render_template("signin/sign_out.html", form=form)
    if not form.validate_on_submit():
        abort(400, NOT_SENT_HERE)
    sign_out()
    return redirect(url_for(".sign_out_page"), 303)  # a reload asks again, sends nothing
