"""Inviting a new user by email, and the page the email's link opens.

The administrator sends it from the user's page (after a check page saying where it goes);
the invited person opens the link, signed out, and chooses their own password
(``tenants/users/invitations.py``). Mail goes through ``LEDGER_SMTP_URL``, as reminders do;
an app may be given its ``MailSettings`` as ``MAIL_SETTINGS`` instead (the tests' mail server).
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from adapters.mail import MailSettings
from api.context import platform, requires
from api.policy import Permission
from api.web.account_forms import ChoosePasswordForm
from api.web.admin import where_names
from api.web.admin_forms import ConfirmForm
from api.web.fields import FormPage
from domain.errors import DomainError, NotFoundError
from tenants.users.invitation_email import send_invitation
from tenants.users.invitations import accept, invited
from tenants.users.model import a_role
from tenants.users.signin import TWO_FACTOR_ROLES, credentials

bp = Blueprint("invitations", __name__)
JUST_ACCEPTED = "invitation_accepted"  # the session's note that the confirmation is owed


def mail_settings() -> MailSettings:
    given = current_app.config.get("MAIL_SETTINGS")
    return given if isinstance(given, MailSettings) else MailSettings.from_environ()


@bp.route("/admin/users/<name>/invitation", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def send(name: str) -> Any:
    """Check where the invitation goes, then send it."""
    found, form = platform().access.user(name), ConfirmForm()
    form.submit.label.text = "Send invitation"
    page = FormPage(form)
    mail = mail_settings()
    if page.submitted():
        with page.refusals():
            send_invitation(
                platform().access,
                name,
                where=where_names()(found),
                inviter=g.user.shown_as,
                mail=mail,
            )
            flash(
                f"Invitation sent to {found.email}. The link in it works once, for 7 days: "
                f"{found.shown_as} chooses their own password with it."
            )
            return redirect(url_for("web.admin.user", name=name))
    return page.render("admin/invite.html", user=found, can_send=mail.smtp is not None)


@bp.route("/invitation/<name>/<token>", methods=["GET", "POST"])  # the email's LINK
@requires(Permission.PUBLIC)
def accept_page(name: str, token: str) -> Any:
    """Choose your own password, from the link in your invitation."""
    access = platform().access
    try:
        user = invited(access, name, token)
    except NotFoundError as spent:
        return render_template("signin/invitation_spent.html", problem=str(spent)), 404
    form = ChoosePasswordForm()
    page = FormPage(form, form.password)
    if page.submitted():
        with page.refusals():
            accept(access, name, token, form.password.data or "")
            session[JUST_ACCEPTED] = name
            return redirect(url_for(".accepted"))
    return page.render("signin/invitation.html", user=user, role=a_role(user.role))


@bp.route("/invitation/done")
@requires(Permission.PUBLIC)
def accepted() -> Response | str:
    """Password chosen: sign in with it (and what a two-factor role still needs first). Once,
    in the browser that chose it: an address with a user name in it would tell anyone which
    names exist, which signing in never does."""
    name = session.pop(JUST_ACCEPTED, None)
    try:
        user = platform().access.active_user(name or "")
    except DomainError:
        return redirect(url_for("web.signin.sign_in_page"))
    no_code = credentials(platform().access, user.id).totp_secret is None
    return render_template(
        "signin/invitation_done.html",
        user=user,
        needs_two_factor=user.role in TWO_FACTOR_ROLES and no_code,
    )
