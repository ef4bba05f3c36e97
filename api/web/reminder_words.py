"""What each role is sent at its email address, in words, for the pages where an
administrator sets the address (``tenants/reminders/audience.py`` is who gets what)."""

from __future__ import annotations

from tenants.users.model import Role, UserInfo

REMINDED_OF = {
    Role.CSP_OFFICER: "a daily list of their partnership's actions, impact reviews, IMRs and "
    "review dates coming up or late",
    Role.CSP_LEAD: "a daily list of their partnership's actions, impact reviews, IMRs and "
    "review dates coming up or late, and completed actions awaiting their sign-off; and a "
    "weekly summary",
    Role.REGIONAL_LEAD: "a weekly summary of what is due or late in each partnership of "
    "their region",
    Role.PCC_OFFICER: "a daily list of their region's commissioning milestones due or not yet "
    "reached, and once a week the commissioned services whose funding ends within six months",
    Role.AGENCY_CONTRIBUTOR: "a daily list of their agency's actions and IMRs coming up or late",
}


def reminders_for(user: UserInfo) -> str:
    """What the address is for: the role's reminders, or that the role gets none."""
    sent = REMINDED_OF.get(user.role)
    return f"Reminders are sent here: {sent}." if sent else "Their role gets no reminders."


def without_email(user: UserInfo) -> str:
    """The user page's words for no address: what they miss, if their role is reminded."""
    return "Not set: they get no reminders" if user.role in REMINDED_OF else "Not set"


def your_reminders(user: UserInfo) -> str:
    """Your account's words: where your reminders go and what they hold, or why none come."""
    sent = REMINDED_OF.get(user.role)
    if not sent:
        return "None: your role gets no reminder emails"
    if not user.email:
        return (
            "None: no email address is set for you. To be told when work is due or late, "
            "ask a platform administrator to add yours"
        )
    return f"Sent to {user.email}: {sent.replace('their ', 'your ')}"
