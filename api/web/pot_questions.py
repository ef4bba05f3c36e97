"""The questions a pooled budget's page asks, wherever its books are kept: a partner's
contribution agreed, received, not called or corrected; spend against the year's plan, for one
review or running costs; an allocation planned, its variation requested and decided; the year
closed or reopened; and a pot opened.

A pot is kept either in a region's ledger (hosted by one body for partnerships across the
region; OPCC staff record, ``region_money.py``) or in one partnership's own ledger (a local
cost-sharing agreement with its council, police and health partners; its officers record,
``partnership_money.py``). Both run the same pooled-budget use cases (``Pooled``, which
``RegionPooled`` extends); a ``Keeper`` says what differs: which ledger, how partners and
reviews are named, and where the pot's page is. ``pots.py`` adds these pages to a blueprint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any
from uuid import UUID

from flask import request
from wtforms import SelectField

from api.web.formatting import long_date, money
from api.web.pot_forms import (
    AllocationForm,
    ContributionCorrectionForm,
    ContributionForm,
    MovementCorrectionForm,
    NotCalledCorrectionForm,
    NotCalledForm,
    OpenPotForm,
    ReceiptForm,
    SpendForm,
    VariationDecisionForm,
    VariationForm,
    YearForm,
)
from api.web.questions import Asked, Words, ask, choose, dated, day, key_of, year_shown
from domain.calendar import uk_today
from domain.funding import FinancialYear
from domain.funding.pooled_values import Movement, MovementKind, NotDrawnDown


@dataclass(frozen=True)
class Keeper:
    """Whose books a pot is in, as far as its pages need to know."""

    books: Callable[[bool], AbstractContextManager[Any]]
    """The ledger holding the pot, opened for writing (True) or reading."""
    names: Callable[[Any, Any], dict[str, str]]
    """``names(ledger, pot)``: the pot's partners by key, named for people."""
    reviews: Callable[[Any, Any], list[tuple[str, str]]]
    """``reviews(ledger, pot)``: the reviews spend may be for, as choices ("tenant|id", label)."""
    pot_page: Callable[[UUID, str | None], str]
    """The pot's page, at a financial year when one is given."""
    spend: Callable[[Any, UUID, str, int, date, str, UUID | None, str | None], None]
    """Record spend: ``(ledger, pot, allocation, pence, day, reason, review, its tenant)``."""


AGREE = Words(
    "Agree a contribution",
    "What a partner has agreed to pay into the pot for a financial year.",
    "Record the agreement",
    "agreed with",
    "the agreement",
)


RECEIVE = Words(
    "Record a contribution received",
    "Money a partner paid into the pot, for the financial year it counts towards (it may come "
    "early, for a later year).",
    "Record the receipt",
    "received from",
    "the receipt",
)


SPEND = Words(
    "Record spend",
    "Money out of the pot against what the allocation plan sets aside.",
    "Record the spend",
    "spent on",
    "the spend",
)


Use = Callable[[Any], Callable[..., None]]


def contribution(keeper: Keeper, pool: UUID, words: Words, use: Use) -> Any:
    """A contribution agreed or received: ``use(ledger)(pool, partner, year, pence, date)``."""
    form = ReceiptForm() if words is RECEIVE else ContributionForm()
    dated(form, words)
    pot, partners = _pot(keeper, pool)
    choose(form.partner, sorted(partners.items(), key=lambda item: item[1]))
    year_shown(form)

    def record(writing: Any) -> tuple[str, str]:
        partner, year, pence = form.partner.data, form.year.data.strip(), form.amount.pence or 0
        use(writing)(pool, partner, year, pence, day(form))
        said = f"{money(pence)} {words.done} {partners[partner]} for {year}"
        return said, keeper.pot_page(pool, year)

    return ask(form, words, form.year, record, _about(keeper, pool, pot), partners)


def spend(keeper: Keeper, pool: UUID) -> Any:
    """Spend against one of the year's planned allocations, for one review or for the pot's
    running costs."""
    form = SpendForm()
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)
        partners = keeper.names(ledger, pot)
        planned = ledger.pooled.allocation_plan(pool).allocations.values()
        reviews = keeper.reviews(ledger, pot)
    purposes = {a.key: a.purpose for a in planned}
    choose(form.allocation, sorted(purposes.items(), key=lambda item: item[1].casefold()))
    form.review.choices = [("", "Not for one review")] + reviews

    def record(writing: Any) -> tuple[str, str]:
        tenant, _, review = (form.review.data or "").partition("|")
        keeper.spend(
            writing,
            pool,
            form.allocation.data,
            form.amount.pence or 0,
            day(form),
            (form.reason.data or "").strip(),
            UUID(review) if review else None,
            tenant or None,
        )
        said = f"{money(form.amount.pence)} {SPEND.done} {purposes[form.allocation.data]}"
        return said, keeper.pot_page(pool, FinancialYear.of(day(form)).label)

    return ask(form, SPEND, form.allocation, record, _about(keeper, pool, pot), partners)


OPEN = Words(
    "Open a pooled budget",
    "A pot held for partners' contributions to the cost of reviews; add its partners next.",
    "Open the pooled budget",
    "opened",
    "opening the pooled budget",
)


def open_pot(keeper: Keeper, caption: str, back: tuple[str, str]) -> Any:
    """A new pot in the keeper's books; its page next, to add the partners."""
    form = OpenPotForm()

    def record(writing: Any) -> tuple[str, str]:
        name = form.name.data.strip()
        pool = writing.pooled.open(
            form.reference.data.strip(), name, form.manager.data.strip(), day(form)
        )
        return f"{name} {OPEN.done}", keeper.pot_page(pool, None)

    return ask(
        form, OPEN, form.reference, record, Asked(partial(keeper.books, True), caption, back)
    )


PLAN = Words(
    "Plan an allocation",
    "What part of a year's money is for: an amount outright, or so much per DHR.",
    "Record the plan",
    "planned",
    "the plan",
)


NOT_CALLED = Words(
    "Decide not to call a contribution",
    "All or part of what a partner owes for a year, not called because the reserve covers it, "
    "or called in a later year instead.",
    "Record the decision",
    "not called from",
    "the decision",
)


CLOSE = Words(
    "Close the year",
    "The year's closing reserve is carried forward as the next year's opening; nothing more "
    "is recorded in it unless it is reopened.",
    "Close the year",
    "closed",
    "closing the year",
)


REOPEN = Words(
    "Reopen the year",
    "So that money can be recorded in a closed year again; say why.",
    "Reopen the year",
    "reopened",
    "reopening the year",
)


def plan(keeper: Keeper, pool: UUID) -> Any:
    """An allocation planned for a year under a key made from its purpose (an earlier year's
    key for the same purpose, so spend against it is one line across the years)."""
    form = AllocationForm()
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)
    named: dict[str, str] = {}  # key -> purpose, for a refusal to name the purpose

    def record(writing: Any) -> tuple[str, str]:
        year, purpose = form.year.data.strip(), form.purpose.data.strip()
        key = allocation_key(writing, pool, purpose)
        named[key] = purpose
        writing.pooled.plan_allocation(
            pool,
            year,
            key,
            purpose,
            day(form),
            amount=form.amount.pence,
            per_dhr=form.per_dhr.pence,
            expected_dhrs=(form.expected_dhrs.data or "").strip() or None,
        )
        total = writing.pooled.allocation_plan(pool).allocations[FinancialYear.parse(year), key]
        said = f"{money(total.amount)} {PLAN.done} for {purpose} in {year}"
        return said, keeper.pot_page(pool, year)

    year_shown(form)
    return ask(form, PLAN, form.amount, record, _about(keeper, pool, pot), named)


def not_called(keeper: Keeper, pool: UUID) -> Any:
    form = NotCalledForm()
    dated(form, NOT_CALLED)
    pot, partners = _pot(keeper, pool)
    choose(form.partner, sorted(partners.items(), key=lambda item: item[1]))

    def record(writing: Any) -> tuple[str, str]:
        partner, year = form.partner.data, form.year.data.strip()
        later = (form.deferred_to.data or "").strip() or None
        writing.pooled.not_draw_down(
            pool,
            partner,
            year,
            day(form),
            (form.reason.data or "").strip(),
            amount=form.amount.pence,
            deferred_to=later,
        )
        how = f", called in {later} instead" if later else ""
        said = f"{partners[partner]}'s contribution for {year} not called{how}"
        return said, keeper.pot_page(pool, year)

    year_shown(form)
    return ask(form, NOT_CALLED, form.year, record, _about(keeper, pool, pot), partners)


def year_end(keeper: Keeper, pool: UUID, words: Words) -> Any:
    """A year closed (``CLOSE``: "Year end" unless a reason is given) or reopened (``REOPEN``)."""
    form = YearForm()
    dated(form, words)
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)

    def record(writing: Any) -> tuple[str, str]:
        year, reason = form.year.data.strip(), (form.reason.data or "").strip()
        if words is CLOSE:
            writing.pooled.close_year(pool, year, day(form), reason or "Year end")
            carried = writing.pooled.get(pool).closed[FinancialYear.parse(year)]
            return f"{year} closed: {money(carried)} carried forward", keeper.pot_page(pool, year)
        writing.pooled.reopen_year(pool, year, day(form), reason)
        return f"{year} reopened", keeper.pot_page(pool, year)

    year_shown(form)
    return ask(form, words, form.year, record, _about(keeper, pool, pot))


VARY = Words(
    "Request a variation",
    "A change to what a year's allocation is, asked for by whoever it pays (the business office "
    "asks for more, say); the lead decides it.",
    "Record the request",
    "asked for",
    "the request",
)


DECIDE_VARIATION = Words(
    "Decide a variation",
    "Approve a request (the allocation becomes the amount asked for) or refuse it.",
    "Record the decision",
    "decided",
    "the decision",
)


def request_variation(keeper: Keeper, pool: UUID) -> Any:
    form = VariationForm()
    dated(form, VARY)
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)
        planned = ledger.pooled.allocation_plan(pool).allocations
    labels = {
        f"{year}|{key}": f"{a.purpose}, {year} ({money(a.amount)} planned)"
        for (year, key), a in sorted(planned.items(), key=lambda item: str(item[0][0]))
    }
    choose(form.allocation, list(labels.items()))

    def record(writing: Any) -> tuple[str, str]:
        year, _, key = form.allocation.data.partition("|")
        writing.pooled.request_variation(
            pool,
            year,
            key,
            form.amount.pence or 0,
            day(form),
            form.requested_by.data.strip(),
            (form.reason.data or "").strip(),
        )
        purpose = planned[FinancialYear.parse(year), key].purpose
        said = f"{money(form.amount.pence)} {VARY.done} {purpose} in {year}, awaiting a decision"
        return said, keeper.pot_page(pool, year)

    purposes = {key: a.purpose for (_, key), a in planned.items()}
    return ask(form, VARY, form.amount, record, _about(keeper, pool, pot), purposes)


def decide_variation(keeper: Keeper, pool: UUID) -> Any:
    form = VariationDecisionForm()
    dated(form, DECIDE_VARIATION)
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)
        plan_now = ledger.pooled.allocation_plan(pool)
    labels = {
        f"{year}|{key}": (
            f"{plan_now.allocations[year, key].purpose}, {year}: {money(asked.amount)} asked "
            f"by {asked.requested_by} ({_more_or_less(asked.shortfall)} than planned)"
        )
        for (year, key), asked in plan_now.requests.items()
    }
    choose(form.allocation, list(labels.items()))

    def record(writing: Any) -> tuple[str, str]:
        year, _, key = form.allocation.data.partition("|")
        approved = form.outcome.data == "approve"
        reason = (form.reason.data or "").strip()
        writing.pooled.decide_variation(pool, year, key, approved, day(form), reason)
        purpose = plan_now.allocations[FinancialYear.parse(year), key].purpose
        outcome = "approved" if approved else "refused"
        return f"The variation of {purpose} in {year} {outcome}", keeper.pot_page(pool, year)

    return ask(form, DECIDE_VARIATION, form.allocation, record, _about(keeper, pool, pot))


CORRECT = Words.correction(
    "Correct an agreed contribution",
    "A contribution agreed for a year but keyed wrongly: the right amount replaces it from the "
    "date it was agreed, and the correction stays in the pot's history.",
)


def correct_contribution(keeper: Keeper, pool: UUID) -> Any:
    form = ContributionCorrectionForm()
    pot, partners = _pot(keeper, pool)
    agreed = {
        f"{partner}|{year.label}": (
            f"{partners.get(partner, partner)}, {year.label} ({money(amount)} agreed)"
        )
        for (year, partner), amount in sorted(pot.agreed.items(), key=lambda i: str(i[0][0]))
    }
    choose(form.contribution, list(agreed.items()))

    def record(writing: Any) -> tuple[str, str]:
        partner, _, year = form.contribution.data.partition("|")
        _correct(writing, pool, f"agreed.{partner}.{year}", form)
        said = (
            f"{partners.get(partner, partner)}'s contribution for {year} {CORRECT.done} to "
            f"{money(form.amount.pence)}"
        )
        return said, keeper.pot_page(pool, year)

    return ask(form, CORRECT, form.amount, record, _about(keeper, pool, pot), partners)


CORRECT_MOVEMENT = Words.correction(
    "Correct a receipt or spend",
    "Money recorded in or out of the pot with the wrong amount: the right amount replaces it "
    "on the day it was recorded, and the correction stays in the pot's history. A closed year "
    "is reopened first.",
)


def correct_movement(keeper: Keeper, pool: UUID) -> Any:
    """The year's receipts and spends (and a reserve brought in), newest first, by what they
    were; the one chosen put right in pounds with the reason."""
    form = MovementCorrectionForm()
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)
        partners = keeper.names(ledger, pot)
        plan = ledger.pooled.allocation_plan(pool).allocations.values()
    purposes = {planned.key: planned.purpose for planned in plan}
    year = _year_asked()
    shown = _year_numbered(
        form.movement,
        pot.movements,
        lambda moved: movement_words(moved, partners, purposes),
        year,
        f"Those of {year}",
        f"Nothing was received or spent in {year}",
    )

    def record(writing: Any) -> tuple[str, str]:
        number = form.movement.data
        _correct(writing, pool, f"movement.{number}.amount", form)
        said = (
            f"{shown[number].split(':')[0]} {CORRECT_MOVEMENT.done} to {money(form.amount.pence)}"
        )
        return said, keeper.pot_page(pool, year.label)

    names = {**partners, **purposes}  # a spend's refusal names its allocation by key too
    return ask(form, CORRECT_MOVEMENT, form.amount, record, _about(keeper, pool, pot), names)


CORRECT_NOT_CALLED = Words.correction(
    "Correct a decision not to call",
    "A decision not to call (part of) a partner's contribution recorded with the wrong amount: "
    "the right amount replaces it from the day it was decided, what the partner owes follows "
    "(in the year it was deferred to, too), and the correction stays in the pot's history. No "
    "money moved, so a closed year need not be reopened.",
)


def correct_not_called(keeper: Keeper, pool: UUID) -> Any:
    """The decisions about the year's contributions, newest first, by whose and what they
    did; the one chosen put right in pounds with the reason."""
    form = NotCalledCorrectionForm()
    pot, partners = _pot(keeper, pool)
    year = _year_asked()
    _year_numbered(
        form.decision,
        pot.not_drawn_decisions,
        lambda decided: not_called_words(decided, partners),
        year,
        f"Those about contributions for {year}",
        f"No contribution for {year} was left uncalled",
    )

    def record(writing: Any) -> tuple[str, str]:
        number = form.decision.data
        _correct(writing, pool, f"not_drawn.{number}.amount", form)
        decided = pot.not_drawn_decisions[int(number) - 1]
        said = (
            f"The amount of {partners.get(decided.partner, decided.partner)}'s contribution "
            f"for {year} left uncalled {CORRECT_NOT_CALLED.done} to {money(form.amount.pence)}"
        )
        return said, keeper.pot_page(pool, year.label)

    return ask(form, CORRECT_NOT_CALLED, form.amount, record, _about(keeper, pool, pot), partners)


def not_called_words(decided: NotDrawnDown, partners: dict[str, str]) -> str:
    """'Blaby's contribution for 2015/16 not called, decided 1 June 2015: £2,500.00', or
    '... deferred to 2016/17, decided ...'."""
    who = partners.get(decided.partner, decided.partner)
    how = f"deferred to {decided.deferred_to}" if decided.deferred_to else "not called"
    return (
        f"{who}'s contribution for {decided.year} {how}, decided "
        f"{long_date(decided.decided_on)}: {money(decided.amount)}"
    )


def movement_words(moved: Movement, partners: dict[str, str], purposes: dict[str, str]) -> str:
    """'Received from Blaby on 1 May 2016, for 2016/17: £2,500.00', 'Spent on Chairs and
    authors on 1 September 2016: £8,500.00' (an allocation by its planned purpose)."""
    if moved.kind is MovementKind.CONTRIBUTION:
        who = partners.get(moved.partner or "", moved.partner)
        what = f"Received from {who} on {long_date(moved.on)}, for {moved.for_year}"
    elif moved.kind is MovementKind.SPEND:
        purpose = purposes.get(moved.allocation or "", moved.allocation)
        what = f"Spent on {purpose} on {long_date(moved.on)}"
    else:
        what = f"Reserve brought into {moved.year}"
    return f"{what}: {money(moved.amount)}"


def _pot(keeper: Keeper, pool: UUID) -> tuple[Any, dict[str, str]]:
    """The pot and its partners by key, named for people, read before a question is asked."""
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)
        return pot, keeper.names(ledger, pot)


def _year_asked() -> FinancialYear:
    """The year the pot's page showed (its links carry ``year``), else the current one."""
    return FinancialYear.parse(request.args.get("year") or FinancialYear.of(uk_today()).label)


def _year_numbered(
    field: SelectField,
    entries: Sequence[Any],
    words: Callable[[Any], str],
    year: FinancialYear,
    those: str,
    none: str,
) -> dict[str, str]:
    """Those of a pot's ``entries`` that are of ``year``, newest first, in their ``words``, as
    the choices of ``field``: each by its number in the whole list, from 1, which is how a
    correction names it. The hint names the year (``those``, else ``none`` when there are
    none), since another year's are chosen by showing that year on the pot's page."""
    shown = {
        str(n): words(entry)
        for n, entry in reversed(list(enumerate(entries, start=1)))
        if entry.year == year
    }
    choose(field, list(shown.items()))
    field.description = (
        f"{those}, newest first. For another year's, show that year on the pot's page."
        if shown
        else f"{none}. Show another year on the pot's page."
    )
    return shown


def _correct(writing: Any, pool: UUID, figure: str, form: Any) -> None:
    """Put one of the pot's figures right: the form's amount, for the reason it gives."""
    writing.pooled.correct(pool, figure, form.amount.pence, (form.reason.data or "").strip())


def _about(keeper: Keeper, pool: UUID, pot: Any) -> Asked:
    """A question on a pot: recorded in its keeper's books, confirmed on its page."""
    return Asked(partial(keeper.books, True), pot.name, (keeper.pot_page(pool, None), "the pot"))


def _more_or_less(shortfall: int) -> str:
    return f"{money(abs(shortfall))} {'more' if shortfall >= 0 else 'less'}"


def allocation_key(ledger: Any, pool: UUID, purpose: str) -> str:
    """The key spend is recorded against: an earlier year's, when it was planned for the same
    purpose, else made from the purpose."""
    for planned in ledger.pooled.allocation_plan(pool).allocations.values():
        if planned.purpose.casefold() == purpose.casefold():
            return str(planned.key)
    return key_of(purpose, "purpose")
