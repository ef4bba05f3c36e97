"""Your account, for every signed-in person: who they are here, and their own password.

Only the user should know their password (NCSC), so a person changes it themselves, giving
their current one (a wrong one counts toward the sign-in lockout), and someone signed in with
a password an administrator set is sent here to choose their own before any other page
(``api/web/session.py``'s ``guard``). The use cases are ``tenants/users/passwords.py``'s.
"""

from __future__ import annotations

from typing import Any

import pyotp
from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for

from api.context import platform, requires
from api.policy import Permission
from api.web import navigation
from api.web.account_forms import (
    ChangePasswordForm,
    ChoosePasswordForm,
    TwoFactorForm,
    refused_at,
)
from api.web.fields import FormPage
from api.web.reminder_words import your_reminders
from api.web.session import CHOOSING, safe_next, sign_in
from domain.errors import NotFoundError
from domain.region.agencies import agency_label
from tenants.users import UserInfo, passwords
from tenants.users.model import ROLE_NAMES
from tenants.users.own_two_factor import set_up_two_factor
from tenants.users.passwords import WRONG_CURRENT
from tenants.users.signin import TWO_FACTOR_ROLES, credentials, provisioning_uri

bp = Blueprint("account", __name__, url_prefix="/account")
JUST_CHANGED = "password_changed"  # the session's note that the confirmation is owed
PENDING_SECRET = "two_factor_secret"  # the secret shown, until a code from the app proves it


@bp.route("")
@requires(Permission.SIGNED_IN)
def account() -> Any:
    """Your account: name, role, where you work (an agency contributor's agency too),
    two-factor, and a way to change your password."""
    user: UserInfo = g.user
    return render_template(
        "account/account.html",
        user=user,
        role_name=ROLE_NAMES[user.role],
        partnerships=_names(user.tenants, lambda slug: platform().registry.recent_tenant(slug)),
        regions=_names(user.regions, lambda slug: platform().registry.region(slug)),
        agency=_agency(user),
        two_factor=credentials(platform().access, user.id).totp_secret is not None,
        two_factor_required=user.role in TWO_FACTOR_ROLES,
        reminders=your_reminders(user),
    )


@bp.route("/password", methods=["GET", "POST"])
@requires(Permission.SIGNED_IN)
def change() -> Any:
    """Change your password: your current one, then a new one typed twice."""
    form = ChangePasswordForm()
    page = FormPage(form, lambda problem: refused_at(form, problem))
    if page.submitted():
        with page.refusals():
            passwords.change_password(
                platform().access, g.user.id, form.current.data or "", form.password.data or ""
            )
            sign_in(g.user)  # every session before the change has ended, this one's too
            session[JUST_CHANGED] = True
            return redirect(url_for(".changed"))
    return page.render("account/change_password.html")


@bp.route("/password/changed")
@requires(Permission.SIGNED_IN)
def changed() -> Any:
    """The confirmation, once, straight after the password was changed."""
    if not session.pop(JUST_CHANGED, None):
        return redirect(url_for(".account"))
    return render_template("account/password_changed.html", onward=_onward())


@bp.route("/choose-password", methods=["GET", "POST"])
@requires(Permission.SIGNED_IN)
def choose_password() -> Any:
    """Choose your own password in place of the temporary one an administrator set."""
    if not session.get(CHOOSING) or not passwords.must_choose(platform().access, g.user.id):
        session.pop(CHOOSING, None)  # already their own (chosen in another window)
        return redirect(_onward())
    form = ChoosePasswordForm()
    page = FormPage(form, form.password)
    if page.submitted():
        with page.refusals():
            passwords.choose_password(platform().access, g.user.id, form.password.data or "")
            sign_in(g.user)  # a fresh session, no longer choosing: the one before has ended
            session[JUST_CHANGED] = True
            return redirect(url_for(".changed", **_next_args()))
    return page.render("account/choose_password.html", next_args=_next_args())


@bp.route("/two-factor", methods=["GET", "POST"])
@requires(Permission.SIGNED_IN)
def two_factor() -> Any:
    """Set up your own two-factor: a setup key for your app, then a code from it."""
    if credentials(platform().access, g.user.id).totp_secret is not None:
        session.pop(PENDING_SECRET, None)
        return redirect(url_for(".account"))
    secret = session.setdefault(PENDING_SECRET, pyotp.random_base32())
    form = TwoFactorForm()
    page = FormPage(
        form,
        lambda problem: (
            form.current if problem == WRONG_CURRENT or "locked" in problem else form.code
        ),
    )
    if page.submitted():
        with page.refusals():
            set_up_two_factor(
                platform().access, g.user.id, form.current.data or "", secret, form.code.data or ""
            )
            session.pop(PENDING_SECRET, None)
            flash(
                "Two-factor is on: from your next sign-in, enter the code your app shows "
                "after your password"
            )
            return redirect(url_for(".account"))
    uri = provisioning_uri(g.user.name, secret)
    return page.render("account/two_factor.html", secret=secret, uri=uri)


def _next_args() -> dict[str, Any]:
    target = safe_next(request.args.get("next"))
    return {"next": target} if target else {}


def _onward() -> str:
    """Where the person was going when they were asked to choose, else their start page."""
    return safe_next(request.args.get("next")) or navigation.home_url(g.user)


def _agency(user: UserInfo) -> str:
    """An agency contributor's agency, as their region's partner directory names it."""
    if not user.agency:
        return ""
    registry = platform().registry
    where = user.regions[0] if user.regions else registry.recent_tenant(user.tenants[0]).region
    with platform().region_ledgers.lease(where, writing=False) as region:
        return agency_label(region.partners.directory(), user.agency)


def _names(slugs: tuple[str, ...], find: Any) -> list[str]:
    found = []
    for slug in slugs:
        try:
            found.append(str(find(slug).name))
        except NotFoundError:
            continue  # a grant to a partnership since removed: nothing to show
    return found
