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

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from api.web.fields import FormPage, field_for
from api.web.formatting import money
from api.web.pot_forms import (
    AllocationForm,
    ContributionCorrectionForm,
    ContributionForm,
    NotCalledForm,
    OpenPotForm,
    SpendForm,
    VariationDecisionForm,
    VariationForm,
    YearForm,
)
from api.web.questions import (
    Words,
    choose,
    dated,
    day,
    done,
    key_of,
    name_keys,
    render,
    year_shown,
)
from domain.funding import FinancialYear


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
    form = ContributionForm()
    dated(form, words)
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)
        partners = keeper.names(ledger, pot)
    choose(form.partner, sorted(partners.items(), key=lambda item: item[1]))
    year_shown(form)
    page = FormPage(form, lambda problem: field_for(form, problem) or form.year)
    if page.submitted():
        partner, year, pence = form.partner.data, form.year.data.strip(), form.amount.pence or 0
        with page.refusals(), keeper.books(True) as writing:
            use(writing)(pool, partner, year, pence, day(form))
            return done(
                f"{money(pence)} {words.done} {partners[partner]} for {year}",
                keeper.pot_page(pool, year),
            )
    name_keys(page, partners)
    return render(page, words, pot.name, (keeper.pot_page(pool, None), "the pot"))


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
    choose(form.allocation, sorted((k, f"{p} ({k})") for k, p in purposes.items()))
    form.review.choices = [("", "Not for one review")] + reviews
    page = FormPage(form, lambda problem: field_for(form, problem) or form.allocation)
    if page.submitted():
        tenant, _, review = (form.review.data or "").partition("|")
        with page.refusals(), keeper.books(True) as writing:
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
            return done(
                f"{money(form.amount.pence)} {SPEND.done} {purposes[form.allocation.data]}",
                keeper.pot_page(pool, FinancialYear.of(day(form)).label),
            )
    name_keys(page, partners)
    return render(page, SPEND, pot.name, (keeper.pot_page(pool, None), "the pot"))


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
    page = FormPage(form, lambda problem: field_for(form, problem) or form.reference)
    if page.submitted():
        with page.refusals(), keeper.books(True) as writing:
            pool = writing.pooled.open(
                form.reference.data.strip(),
                form.name.data.strip(),
                form.manager.data.strip(),
                day(form),
            )
            return done(f"{form.name.data.strip()} {OPEN.done}", keeper.pot_page(pool, None))
    return render(page, OPEN, caption, back)


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
    page = FormPage(form, lambda problem: field_for(form, problem) or form.amount)
    if page.submitted():
        year, purpose = form.year.data.strip(), form.purpose.data.strip()
        dhrs = (form.expected_dhrs.data or "").strip() or None
        named: dict[str, str] = {}  # key -> purpose, for a refusal to name the purpose
        with page.refusals(), keeper.books(True) as writing:
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
                expected_dhrs=dhrs,
            )
            total = writing.pooled.allocation_plan(pool).allocations[FinancialYear.parse(year), key]
            return done(
                f"{money(total.amount)} {PLAN.done} for {purpose} in {year}",
                keeper.pot_page(pool, year),
            )
        name_keys(page, named)
    year_shown(form)
    return render(page, PLAN, pot.name, (keeper.pot_page(pool, None), "the pot"))


def not_called(keeper: Keeper, pool: UUID) -> Any:
    form = NotCalledForm()
    dated(form, NOT_CALLED)
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)
        partners = keeper.names(ledger, pot)
    choose(form.partner, sorted(partners.items(), key=lambda item: item[1]))
    page = FormPage(form, lambda problem: field_for(form, problem) or form.year)
    if page.submitted():
        partner, year = form.partner.data, form.year.data.strip()
        later = (form.deferred_to.data or "").strip() or None
        with page.refusals(), keeper.books(True) as writing:
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
            return done(
                f"{partners[partner]}'s contribution for {year} not called{how}",
                keeper.pot_page(pool, year),
            )
        name_keys(page, partners)
    year_shown(form)
    return render(page, NOT_CALLED, pot.name, (keeper.pot_page(pool, None), "the pot"))


def year_end(keeper: Keeper, pool: UUID, words: Words) -> Any:
    """A year closed (``CLOSE``: "Year end" unless a reason is given) or reopened (``REOPEN``)."""
    form = YearForm()
    dated(form, words)
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)
    page = FormPage(form, lambda problem: field_for(form, problem) or form.year)
    if page.submitted():
        year, reason = form.year.data.strip(), (form.reason.data or "").strip()
        with page.refusals(), keeper.books(True) as writing:
            if words is CLOSE:
                writing.pooled.close_year(pool, year, day(form), reason or "Year end")
                carried = writing.pooled.get(pool).closed[FinancialYear.parse(year)]
                said = f"{year} closed: {money(carried)} carried forward"
            else:
                writing.pooled.reopen_year(pool, year, day(form), reason)
                said = f"{year} reopened"
            return done(said, keeper.pot_page(pool, year))
    year_shown(form)
    return render(page, words, pot.name, (keeper.pot_page(pool, None), "the pot"))


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
    page = FormPage(form, lambda problem: field_for(form, problem) or form.amount)
    if page.submitted():
        year, _, key = form.allocation.data.partition("|")
        with page.refusals(), keeper.books(True) as writing:
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
            return done(
                f"{money(form.amount.pence)} {VARY.done} {purpose} in {year}, awaiting a decision",
                keeper.pot_page(pool, year),
            )
        name_keys(page, {key: a.purpose for (_, key), a in planned.items()})
    return render(page, VARY, pot.name, (keeper.pot_page(pool, None), "the pot"))


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
    page = FormPage(form, lambda problem: field_for(form, problem) or form.allocation)
    if page.submitted():
        year, _, key = form.allocation.data.partition("|")
        approved = form.outcome.data == "approve"
        with page.refusals(), keeper.books(True) as writing:
            writing.pooled.decide_variation(
                pool, year, key, approved, day(form), (form.reason.data or "").strip()
            )
            purpose = plan_now.allocations[FinancialYear.parse(year), key].purpose
            outcome = "approved" if approved else "refused"
            return done(
                f"The variation of {purpose} in {year} {outcome}", keeper.pot_page(pool, year)
            )
    return render(page, DECIDE_VARIATION, pot.name, (keeper.pot_page(pool, None), "the pot"))


CORRECT = Words(
    "Correct an agreed contribution",
    "A contribution agreed for a year but keyed wrongly: the right amount replaces it from the "
    "date it was agreed, and the correction stays in the pot's history.",
    "Record the correction",
    "corrected",
    "",
)


def correct_contribution(keeper: Keeper, pool: UUID) -> Any:
    form = ContributionCorrectionForm()
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)
        partners = keeper.names(ledger, pot)
    agreed = {
        f"{partner}|{year.label}": (
            f"{partners.get(partner, partner)}, {year.label} ({money(amount)} agreed)"
        )
        for (year, partner), amount in sorted(pot.agreed.items(), key=lambda i: str(i[0][0]))
    }
    choose(form.contribution, list(agreed.items()))
    page = FormPage(form, lambda problem: field_for(form, problem) or form.amount)
    if page.submitted():
        partner, _, year = form.contribution.data.partition("|")
        with page.refusals(), keeper.books(True) as writing:
            field = f"agreed.{partner}.{year}"
            writing.pooled.correct(pool, field, form.amount.pence, (form.reason.data or "").strip())
            return done(
                f"{partners.get(partner, partner)}'s contribution for {year} {CORRECT.done} to "
                f"{money(form.amount.pence)}",
                keeper.pot_page(pool, year),
            )
        name_keys(page, partners)
    return render(page, CORRECT, pot.name, (keeper.pot_page(pool, None), "the pot"))


def _more_or_less(shortfall: int) -> str:
    return f"{money(abs(shortfall))} {'more' if shortfall >= 0 else 'less'}"


def allocation_key(ledger: Any, pool: UUID, purpose: str) -> str:
    """The key spend is recorded against: an earlier year's, when it was planned for the same
    purpose, else made from the purpose."""
    for planned in ledger.pooled.allocation_plan(pool).allocations.values():
        if planned.purpose.casefold() == purpose.casefold():
            return str(planned.key)
    return key_of(purpose, "purpose")
