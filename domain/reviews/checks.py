"""Value rules shared by every command of a case: dates, short texts, money, calendar months.

They run in public methods only, never in event bodies, so asking for today is safe here.
"""

from __future__ import annotations

from datetime import date, datetime

from domain.calendar import uk_today
from domain.errors import InvalidValueError
from domain.funding.money import check_ceiling
from domain.texts import limited_text
from domain.vault.names import looks_like_full_name

# s9 Domestic Violence, Crime and Victims Act 2004 in force: no death before it is a DHR (the
# seeds count 'since 13.4.11'); a year typed as 1899 or 2001 is refused, not kept for ever.
STATUTORY_START = date(2011, 4, 13)
DHRS_BEGAN = ("day DHRs began", STATUTORY_START)


def check_date(
    value: object,
    what: str,
    today: date | None,
    *earlier: tuple[str, date | None],
) -> date:
    """A domain date must be a real day, not in the future, and not before what must precede it."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValueError(f"The date of the {what} must be a calendar date (YYYY-MM-DD).")
    today = today or uk_today()
    if value > today:
        raise InvalidValueError(
            f"The {what} is dated {value}, after today ({today}); record it once it has happened."
        )
    for label, bound in earlier:
        if bound is not None and value < bound:
            raise InvalidValueError(
                f"The {what} is dated {value}, before the {label} ({bound}); check the date."
            )
    return value


NOTE = 500
"""The longest a case's short free text may be: a reason, a pause's note."""


def check_text(value: object, what: str, max_length: int = NOTE) -> str:
    """Free text is short and never empty; it must not carry names, addresses or dates of birth."""
    required = f"The {what} is required; give a short description."
    return limited_text(
        value,
        required,
        max_length,
        lambda n: f"The {what} is {n} characters; keep it to {max_length}.",
    )


API_CONFIRMATION = "send pseudonym_confirmed: true"
PSEUDONYM = 40  # the longest a pseudonym may be, wherever it is typed


def check_pseudonym(pseudonym: object, confirmed: bool, confirm: str = API_CONFIRMATION) -> str:
    """A pseudonym shaped like a real full name is refused unless confirmed as the one agreed
    with the family: a real name must never reach the case history, where nothing is erased.
    ``confirm`` says how to confirm it (a page: "tick ...")."""
    text = check_text(pseudonym, "pseudonym (e.g. 'Mary' or 'FN', never a real name)", PSEUDONYM)
    if looks_like_full_name(text) and not confirmed:
        raise InvalidValueError(
            "The pseudonym looks like a real full name (two capitalised words); a real name "
            "must never be recorded in the case history. Use the pseudonym agreed with the "
            "family (e.g. 'Mary' or 'FN'), keep real names in the case's personal details, "
            f"or if this is the agreed pseudonym {confirm}."
        )
    return text


def check_pence(value: object, what: str) -> int:
    """Money is whole pence: floats lose pennies, and a bool is not an amount."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(f"The {what} must be a whole, non-negative number of pence.")
    return check_ceiling(value, f"The {what}")
