"""The invitation email, and sending it: through ``LEDGER_SMTP_URL``, as the reminders go.

In the GOV.UK Notify manner: what this is, the person's user name, the one link, when it stops
working, what comes after, and what to do if it was not for them; nothing about any case.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

from adapters.mail import Mailer, MailSettings, MailUnavailable
from adapters.mail.smtp import MailRefused
from domain.calendar import date_time
from domain.errors import InvalidTransitionError
from tenants.users.access import AccessRegistry
from tenants.users.invitations import Invitation, invite
from tenants.users.model import a_role

LINK = "/invitation/{name}/{token}"  # the page that opens it (api/web/invitations.py)


def send_invitation(
    access: AccessRegistry, name: str, *, where: str, inviter: str, mail: MailSettings
) -> Invitation:
    """Record an invitation for ``name`` and email it; refused, saying what to do instead,
    when there is no mail server or it would not take the email."""
    smtp = mail.smtp  # checked before recording an invitation nobody can get
    if smtp is None:
        raise InvalidTransitionError(
            "No mail server is set (LEDGER_SMTP_URL), so no invitation can be sent: set a "
            "temporary password and give it to them yourself."
        )
    invitation = invite(access, name)
    link = mail.base_url + LINK.format(name=name, token=invitation.token)
    message = invitation_email(
        invitation, where=where, inviter=inviter, link=link, sign_in=mail.base_url + "/",
        sender=mail.sender,
    )  # fmt: skip
    try:
        with Mailer(smtp) as mailer:
            mailer.send(message)
    except (MailUnavailable, MailRefused) as failed:
        raise InvalidTransitionError(
            f"The invitation could not be sent: {failed} Try again, or set a temporary "
            "password and give it to them yourself."
        ) from None
    return invitation


def invitation_email(
    invitation: Invitation, *, where: str, inviter: str, link: str, sign_in: str, sender: str
) -> EmailMessage:
    """The email as its reader needs it: what this is, their user name, the one link, when it
    stops working, what comes after, and what to do if it was not for them. ``inviter`` is
    the administrator's name, or "" when an operator sends it from the command line."""
    user = invitation.user
    until = f"{date_time(invitation.expires_at)} (UK time)"  # as the user's page says it
    role = a_role(user.role)
    added_by = f"{inviter}, a platform administrator," if inviter else "Your platform administrator"
    ask = inviter or "your platform administrator"
    lines = [
        f"Dear {user.display_name}," if user.display_name else "Hello,",  # never a user name
        "",
        f"{added_by} has given you an account on the Partnership Ledger, as "
        f"{role[0].lower()}{role[1:]} for {where}. The Partnership Ledger is where community "
        "safety partnerships record their Domestic Homicide Reviews, the recommendations and "
        "action plans that come out of them, and the money that pays for them.",
        "",
        f"Your user name is: {user.name}",
        "",
        "To start, choose your password here:",
        link,
        "",
        f"The link works once, until {until}. If it has expired, ask {ask} to send a new one.",
        "",
        f"After that, sign in at {sign_in} with your user name and your password.",
        "",
        "If you did not expect this email, do not use the link: tell your community safety "
        "team or your platform administrator.",
    ]
    message = EmailMessage()
    message["Subject"] = f"Your Partnership Ledger account for {where}"
    message["From"] = sender
    message["To"] = user.email
    message["Message-ID"] = make_msgid(domain="partnership-ledger")
    message.set_content("\n".join(lines) + "\n")
    return message
