"""A user's email address: where reminders go (``tenants/reminders``).

It is personal data: it lives only in the user's events in the ``platform_access`` store,
which is encrypted at rest like every tenant's, and it is never logged or put in a message.
The check is deliberately plain (one ``@``, a dotted domain, no spaces or controls): the
mail server is the judge of deliverability, this only catches typing mistakes early.
"""

from __future__ import annotations

import re

from domain.errors import InvalidValueError
from domain.texts import required_text, visible

EMAIL_MAX = 254  # RFC 5321's limit on a forward path
EMAIL = re.compile(
    r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


def clean_email(email: object) -> str:
    """The address as it will be used, or a refusal that does not repeat it. One that shows
    nothing (``visible``: a lone accent, a zero-width space) is a missing one, and so is a
    name before the ``@`` that shows nothing: the domain alone is nobody's address."""
    if not isinstance(email, str) or not visible(email):
        raise InvalidValueError("Give an email address, for example jo.smith@coventry.gov.uk.")
    address = email.strip()
    if len(address) > EMAIL_MAX or not address.isprintable() or not EMAIL.match(address):
        raise InvalidValueError(
            "That is not an email address we can send to: use the form name@example.gov.uk, "
            f"at most {EMAIL_MAX} characters, without spaces."
        )
    local, domain = address.rsplit("@", 1)
    local = required_text(
        local,
        "The part before the @ shows nothing (only an accent or a mark): give the whole "
        "address, for example jo.smith@coventry.gov.uk.",
    )
    return f"{local}@{domain.lower()}"
