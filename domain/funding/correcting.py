"""Correcting a mis-keyed amount: a DHR's estimate or actual cost, a partner's agreed
contribution, a pooled budget's receipt, spend or reserve brought in, or its decision not to
call a contribution, or a grant's allocation or payment.

A correction is not a revision: a revised estimate or a re-agreed contribution says the plan
changed on a day; a correction says the figure recorded was wrong from the start, so it takes
effect on the date the wrong figure did (``effective_on``) and the regional money views move it
there. Both the wrong and the right figure stay in the history, with who corrected it and why.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol
from uuid import UUID

from domain import correcting as c
from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding.grant_state import BudgetLineState
from domain.funding.incurred import Incurred, fields_of
from domain.funding.money import pounds
from domain.funding.plausible import check_plausible
from domain.funding.pooled_state import PooledState, least_agreed
from domain.funding.pooled_values import Movement, MovementKind, NotDrawnDown
from domain.funding.years import FinancialYear


class CostFigures(Protocol):
    estimates: dict[Any, int]
    actuals: dict[Any, int]
    incurred: tuple[Incurred, ...]


def correct_cost(
    cost: CostFigures, field: str, value: object, reason: str, amount_confirmed: bool = False
) -> tuple[str, int, int, str, date]:
    """Checks ``ReviewCost.correct``: ``estimate.<category>`` or ``actual.<category>`` (pence),
    a category's whole figure (one cost incurred: ``incurred.correct_incurred``); a right amount
    far above what a review costs only when ``amount_confirmed`` (``plausible``), as when it is
    first recorded."""
    kind, _, category = field.partition(".") if isinstance(field, str) else ("", "", "")
    found = cost.estimates if kind == "estimate" else cost.actuals if kind == "actual" else None
    match = next((k for k in (found or {}) if str(k) == category), None)
    if found is None or match is None:
        known = [f"estimate.{k}" for k in cost.estimates] + [f"actual.{k}" for k in cost.actuals]
        known += fields_of(cost.incurred)
        raise InvalidValueError(
            f"'{field}' is not a recorded figure of this cost; correct one of: "
            f"{', '.join(known) or 'none yet (record an estimate or a cost first)'}."
        )
    why = c.check_reason(reason)
    new = c.pence(value, f"{kind} for {category}")
    check_plausible(new, f"The corrected {kind} for {category}", amount_confirmed)
    c.unchanged(f"{kind} for {category}", pounds(found[match]), pounds(new))
    dates: dict[str, date] = getattr(cost, "last_dated", {})
    return field, new, found[match], why, dates.get(field, date.min)


POT_FIELDS = (
    "'agreed.<partner>.<year>' (an agreed contribution, e.g. 'agreed.rutland.2016/17'), "
    "'movement.<number>.amount' (a receipt, spend or reserve brought in, numbered from 1 in "
    "the order recorded) or 'not_drawn.<number>.amount' (a decision not to call a "
    "contribution, numbered the same way)"
)


def is_movement(field: object) -> bool:
    """A pot's correction of one movement of money (``correct_movement``), not an agreement."""
    return isinstance(field, str) and field.startswith("movement.")


def is_not_drawn(field: object) -> bool:
    """A pot's correction of a decision not to call a contribution (``correct_not_drawn``)."""
    return isinstance(field, str) and field.startswith("not_drawn.")


def correct_contribution(
    pot: PooledState, field: str, value: object, reason: str
) -> tuple[str, int, int, str, date]:
    """Checks ``PooledBudget.correct``: ``agreed.<partner>.<year>`` (e.g.
    ``agreed.rutland.2016/17``), pence."""
    parts = field.split(".") if isinstance(field, str) else []
    if len(parts) != 3 or parts[0] != "agreed":
        raise InvalidValueError(f"Name the figure to correct as {POT_FIELDS}.")
    partner, year = parts[1], FinancialYear.parse(parts[2])
    if (year, partner) not in pot.agreed:
        raise NotFoundError(
            f"No contribution of '{partner}' for {year} is agreed; agree it instead."
        )
    why = c.check_reason(reason)
    new = c.pence(value, "agreed contribution")
    c.unchanged("agreed contribution", pounds(pot.agreed[(year, partner)]), pounds(new))
    least, why = least_agreed(pot, partner, year)
    if new < least:
        raise InvalidTransitionError(f"{why}; correct it to at least {pounds(least)}.")
    field = f"agreed.{partner}.{year.label}"
    effective = pot.agreed_dates.get((year, partner), year.start)
    return field, new, pot.agreed[(year, partner)], why, effective


def correct_movement(
    pot: PooledState, field: str, value: object, reason: str
) -> tuple[str, int, int, str, date, str, str | None, UUID | None]:
    """Checks ``PooledBudget.correct`` for ``movement.<number>.amount``: money that moved on a
    day, keyed wrong. Its year must be open (a closed year carried its reserve forward, so
    reopen it first, as for recording money in it), and a year after it too."""
    number = c.entry_number(field, "movement", len(pot.movements))
    if number is None:
        raise NotFoundError(
            f"'{field}' names no movement of this pot: they are numbered 1 to "
            f"{len(pot.movements)} in the order recorded ('movement.<number>.amount')."
        )
    moved: Movement = pot.movements[number - 1]
    why = c.check_reason(reason)
    new = _right_amount(value, _words(moved), moved.amount)
    closed = sorted(y for y in pot.closed if y >= moved.year)
    if closed:
        raise InvalidTransitionError(
            f"{closed[0]} is closed, and {_words(moved)} counts in {moved.year}'s reserve; "
            f"reopen {', '.join(str(y) for y in reversed(closed))} with a reason before correcting it."
        )
    partner = moved.partner if moved.kind is MovementKind.CONTRIBUTION else None
    if partner is not None and moved.for_year is not None:
        most = pot.outstanding(partner, moved.for_year) + moved.amount
        if new > most:
            raise InvalidTransitionError(
                f"At most {pounds(most)} from '{partner}' can have been received for "
                f"{moved.for_year} (what is due less its other receipts); correct it to at "
                "most that, or agree the contribution again first."
            )
    return (
        f"movement.{number}.amount",
        new,
        moved.amount,
        why,
        moved.on,
        moved.kind.value,
        partner,
        moved.review_id,
    )


def correct_not_drawn(
    pot: PooledState, field: str, value: object, reason: str
) -> tuple[str, int, int, str, date, str]:
    """Checks ``PooledBudget.correct`` for ``not_drawn.<number>.amount``: a decision not to call
    (part of) a contribution, recorded with the wrong amount. Held to what deciding it is held
    to: never more than its year's contribution left outstanding, and, for one deferred to a
    later year, never so little that the partner has paid that year more than it owes. It
    takes effect on the day it was decided; no money moved, so a closed year need not be
    reopened."""
    decisions = pot.not_drawn_decisions
    number = c.entry_number(field, "not_drawn", len(decisions))
    if number is None:
        raise NotFoundError(
            f"'{field}' names no decision not to call a contribution of this pot: they are "
            f"numbered 1 to {len(decisions)} in the order recorded ('not_drawn.<number>.amount')."
        )
    decided: NotDrawnDown = decisions[number - 1]
    what = _decision_words(decided)
    why = c.check_reason(reason)
    new = _right_amount(value, what, decided.amount)
    partner, year, later = decided.partner, decided.year, decided.deferred_to
    most = pot.outstanding(partner, year) + decided.amount
    if new > most:
        raise InvalidTransitionError(
            f"At most {pounds(most)} of '{partner}''s contribution for {year} can go uncalled "
            "(what is due less what it paid for the year); correct it to at most that."
        )
    if later is not None and new < decided.amount - pot.outstanding(partner, later):
        least = decided.amount - pot.outstanding(partner, later)
        raise InvalidTransitionError(
            f"'{partner}' has paid {pounds(pot.received_for(partner, later))} for {later}, "
            f"counting what was deferred to it; correct it to at least {pounds(least)}."
        )
    return f"not_drawn.{number}.amount", new, decided.amount, why, decided.decided_on, partner


def _right_amount(value: object, what: str, recorded: int, unchanged_as: str = "") -> int:
    """A numbered entry's corrected amount (a movement, a decision not to call, a grant's
    entry): pence, more than nothing as when it was recorded, and not what was recorded
    (``unchanged_as``: how that refusal names it, where not as ``what``)."""
    new = c.pence(value, f"amount of {what}")
    if new == 0:
        raise InvalidValueError(f"The corrected amount of {what} must be more than zero pence.")
    c.unchanged(unchanged_as or f"amount of {what}", pounds(recorded), pounds(new))
    return new


def _decision_words(decided: NotDrawnDown) -> str:
    later = f", deferred to {decided.deferred_to}" if decided.deferred_to else ""
    return (
        f"the decision on {decided.decided_on.isoformat()} not to call '{decided.partner}''s "
        f"contribution for {decided.year}{later}"
    )


def _words(moved: Movement) -> str:
    if moved.kind is MovementKind.CONTRIBUTION:
        return f"the receipt from '{moved.partner}' on {moved.on.isoformat()}"
    if moved.kind is MovementKind.SPEND:
        return f"the spend on '{moved.allocation}' on {moved.on.isoformat()}"
    return f"the reserve brought into {moved.year}"


def correct_grant(
    line: BudgetLineState, field: object, value: object, reason: object
) -> tuple[str, int, int, str, date, str, str]:
    """Checks ``BudgetLine.correct``: ``allocation.<n>.amount``, ``payment.<n>.amount`` or
    ``clawback.<n>.amount``. Held to the rules that recorded it: a decision's allocations
    never above what it approved, nothing allocated below what was paid, nothing paid above
    what was allocated or below what was clawed back, nothing clawed back above what was
    paid, nor so little that the decision awards more than it approved (a clawback frees
    award, which a variation may since have released)."""
    kind = field.split(".")[0] if isinstance(field, str) else ""
    entries = line.entries.get(kind)
    number = c.entry_number(field, kind, len(entries)) if entries is not None else None
    if entries is None or number is None:
        counts = ", ".join(f"{len(v)} {k}s" for k, v in line.entries.items())
        raise NotFoundError(
            f"'{field}' names nothing recorded on this budget line: name an allocation, a "
            f"payment or a clawback by its number in the order recorded, e.g. "
            f"'payment.1.amount' ({counts})."
        )
    entry = entries[number - 1]
    what = f"{kind} {number} ('{entry.tenant}', decision {entry.decision_number})"
    why = c.check_reason(reason)
    new = _right_amount(value, what, entry.amount, f"amount of {kind} {number}")
    moved = new - entry.amount
    held = line.allocation(entry.decision_number, entry.tenant)
    if kind == "allocation":
        room = line.decision(entry.decision_number).approved - line.allocated_under(
            entry.decision_number
        )
        if moved > room:
            raise InvalidTransitionError(
                f"Only {pounds(room)} more of decision {entry.decision_number} is left to "
                f"allocate; correct it to at most {pounds(entry.amount + room)}, or vary the "
                "decision first if more was agreed."
            )
        if held.allocated + moved < held.paid:
            raise InvalidTransitionError(
                f"{pounds(held.paid)} has been paid to '{entry.tenant}' under decision "
                f"{entry.decision_number}; correct it to at least "
                f"{pounds(held.paid - held.allocated + entry.amount)}."
            )
    elif kind == "clawback":
        if held.clawed_back + moved > held.paid:
            raise InvalidTransitionError(
                f"Only {pounds(held.paid)} has been paid to '{entry.tenant}' under decision "
                f"{entry.decision_number}; correct it to at most "
                f"{pounds(held.paid - held.clawed_back + entry.amount)}."
            )
        room = line.decision(entry.decision_number).approved - line.allocated_under(
            entry.decision_number
        )
        if -moved > room:  # less clawed back is more awarded under the decision
            raise InvalidTransitionError(
                f"Decision {entry.decision_number} has only {pounds(room)} left to award, and "
                f"less clawed back is more awarded; correct it to at least "
                f"{pounds(entry.amount - room)}, or vary the decision first if more was agreed."
            )
    elif held.paid + moved > held.allocated:
        raise InvalidTransitionError(
            f"Only {pounds(held.allocated)} is allocated to '{entry.tenant}' under decision "
            f"{entry.decision_number}; correct it to at most "
            f"{pounds(held.allocated - held.paid + entry.amount)}, or allocate more first."
        )
    elif held.paid + moved < held.clawed_back:
        raise InvalidTransitionError(
            f"{pounds(held.clawed_back)} of it was clawed back; correct it to at least "
            f"{pounds(held.clawed_back - held.paid + entry.amount)}."
        )
    return (
        f"{kind}.{number}.amount",
        new,
        entry.amount,
        why,
        entry.on,
        entry.decision_number,
        entry.tenant,
    )
