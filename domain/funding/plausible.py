"""Whether one figure of a DHR's cost is plausible: far above what a whole review costs, it is
refused unless the person recording it confirms that it is right.

``money.check_ceiling`` (£1bn) keeps totals summable; it does nothing for the officer who types
2500000 pounds for one review's panel chair. A whole DHR's direct cost is £17,000 to £28,000
(seed 000, West Midlands), chairs charge £500 to £700 a day and Leicestershire budgets £8,500 a
review for chair and author together (seed 001). So one figure above £100,000, more than three
whole reviews at the top of that range, is far more likely a slip (pence typed as pounds, a zero
too many) than a cost; a real one (a long legal bill) is still recorded once someone says so.
The confirmation is asked, not recorded: the figure itself, with who recorded it and when, is
what the history keeps.

Only figures a person keys for one review are checked: ``ReviewCost.estimate``,
``record_actual`` and ``correct`` (a correction's right amount). The bulk history imports are not, because none records a review's cost: the
case and action sheets have no money in them, and the budget sheet's spend lines are a pot's (a
year's chairs and authors at once, £25,500 in seed 001), to which a one-review limit does not
apply.
"""

from __future__ import annotations

from domain.errors import InvalidValueError
from domain.funding.money import pounds

MOST_FOR_ONE_REVIEW = 10_000_000  # £100,000: one figure above it needs confirming
API_CONFIRMATION = "send it again with amount_confirmed: true"


class ImplausibleAmountError(InvalidValueError):
    """An amount far above what one review costs, not confirmed; a form offers to confirm it."""


def check_plausible(
    pence: int, subject: str, confirmed: bool, confirm: str = API_CONFIRMATION
) -> int:
    """Refuse ``pence`` above ``MOST_FOR_ONE_REVIEW`` unless ``confirmed``; ``subject`` opens the
    sentence ("The estimate"), ``confirm`` says how to confirm ("tick ...")."""
    if pence > MOST_FOR_ONE_REVIEW and not confirmed:
        raise ImplausibleAmountError(
            f"{subject} of {pounds(pence)} is far more than one review usually costs (a whole "
            f"DHR's direct cost is usually £17,000 to £28,000). Check the figure for a slip, such "
            f"as a digit too many; if {pounds(pence)} is right, {confirm}."
        )
    return pence
