"""A pooled budget's pages, wherever its books are kept: its year on both bases with a forecast,
and the questions that record a partner's contribution agreed or received and spend against
what the year's allocation plan sets aside.

A pot is kept either in a region's ledger (hosted by one body for partnerships across the
region; OPCC staff record, ``region_money.py``) or in one partnership's own ledger (a local
cost-sharing agreement with its council, police and health partners; its officers record,
``partnership_money.py``). Both run the same pooled-budget use cases (``Pooled``, which
``RegionPooled`` extends); a ``Keeper`` says what differs: which ledger, how partners and
reviews are named, and where the pot's page is.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any, cast
from uuid import UUID

from flask import Blueprint, flash, redirect, request, url_for
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import InputRequired

from api.context import requires
from api.policy import Permission
from api.web.fields import FormPage, GovDate, Pounds, field_for, long_text, select, text
from api.web.formatting import money
from domain.calendar import uk_today
from domain.errors import DomainError
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


@dataclass(frozen=True)
class Words:
    """What one of a pair of like pages says: heading, lede, button, the confirmation's verb
    ("allocated to") and the name of its date ("the allocation")."""

    title: str
    lede: str
    button: str
    done: str
    dated: str


class ContributionForm(FlaskForm):
    """A partner's contribution to a pot for a financial year: agreed, or received."""

    partner = select("Partner", InputRequired("Select the partner"))
    year = text("Financial year", "Enter the financial year", "For example 2016/17.", 9, width=5)
    amount = Pounds("Amount, in pounds", "the amount")
    on = GovDate("Date", "the contribution")


class SpendForm(FlaskForm):
    allocation = select("What it pays for", InputRequired("Select what the spend pays for"))
    review = select(
        "For which review",
        hint="The partnership's case reference, when the spend is for one DHR.",
    )
    amount = Pounds("Amount, in pounds", "the amount")
    on = GovDate("Date of the spend", "the spend")
    reason = long_text(
        "What was bought",
        "Enter what the money was spent on",
        "For example 'Chair's fee, first panel'.",
        2000,
    )


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


def year_on_page(ledger: Any, pool: UUID) -> dict[str, Any]:
    """The year, expected DHRs and cost per DHR the page was asked for, with the pot's
    statement on both bases and its forecast; a year or figure the ledger refuses is said
    (``refusal``) over the current year's statement."""
    year = request.args.get("year") or FinancialYear.of(uk_today()).label
    dhrs, cost = request.args.get("dhrs") or "3", request.args.get("cost_per_dhr_pounds") or ""
    refusal, forecast = None, None
    try:
        both = ledger.pooled.statement_both_bases(pool, year)
        pence = None if not cost else pence_of(cost)
        forecast = ledger.pooled.forecast(pool, year, dhrs, cost_per_dhr=pence)
    except (DomainError, ValueError) as e:
        both = ledger.pooled.statement_both_bases(pool, FinancialYear.of(uk_today()))
        refusal = str(e)
    return {
        "statement": both,
        "forecast": forecast,
        "year": year,
        "dhrs": dhrs,
        "cost": cost,
        "refusal": refusal,
    }


def pence_of(pounds: str) -> int:
    """'8,500' or '8500.00' to pence, exactly (never through a float)."""
    whole, _, part = pounds.replace(",", "").replace("£", "").strip().partition(".")
    if not whole.isdigit() or (part and (not part.isdigit() or len(part) > 2)):
        raise ValueError("Enter the cost per DHR in pounds, like 8,500 or 8500.00.")
    return int(whole) * 100 + int(part.ljust(2, "0") or 0)


def render(page: FormPage, words: Words, caption: str, back: tuple[str, str]) -> Any:
    """The question page; ``back`` is (address, its name)."""
    href, named = back
    return page.render(
        "shared/money_form.html",
        title=words.title,
        lede=words.lede,
        button=words.button,
        caption=caption,
        back=href,
        back_name=named,
    )


def done(message: str, to: str) -> Any:
    flash(message)
    return redirect(to)


def dated(form: Any, words: Words) -> None:
    """Name the form's date for what it records: "Date of the payment"."""
    form.on.what = words.dated
    form.on.label.text = f"Date of {words.dated}"


Use = Callable[[Any], Callable[..., None]]


def contribution(keeper: Keeper, pool: UUID, words: Words, use: Use) -> Any:
    """A contribution agreed or received: ``use(ledger)(pool, partner, year, pence, date)``."""
    form = ContributionForm()
    dated(form, words)
    with keeper.books(False) as ledger:
        pot = ledger.pooled.get(pool)
        partners = keeper.names(ledger, pot)
    choose(form.partner, sorted(partners.items(), key=lambda item: item[1]))
    if request.method == "GET" and not form.year.data:
        form.year.data = FinancialYear.of(uk_today()).label
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


def reviews_of(ledger: Any, tenant: str, name: str) -> list[tuple[str, str]]:
    """One partnership's reviews as choices: "tenant|review id", "Blaby: BLA-01"."""
    index = ledger.reviews.index()
    return [
        (f"{tenant}|{rid}", f"{name}: {reference}")
        for reference, rid in zip(index.references, index.review_ids, strict=True)
    ]


def name_keys(page: FormPage, names: dict[str, str]) -> None:
    """A refusal speaks of partners and allocations by key ('charnwood'), as the API does; a
    page by name ("Charnwood")."""
    for key, name in names.items():
        if page.problem:
            page.problem = page.problem.replace(f"'{key}'", name)


def day(form: Any) -> date:
    """The form's date, there once the form is valid."""
    return cast(date, form.on.data)


def choose(field: SelectField, choices: list[tuple[str, str]]) -> None:
    """A select's choices with an empty first option, so nothing is chosen by default."""
    field.choices = [("", "Choose")] + choices


RECORDING = (  # (endpoint, the question's address under the pot's, its button on the pot's page)
    ("receive", "receipts", "Record a contribution received"),
    ("agree", "contributions", "Agree a contribution"),
    ("spend", "spend", "Record spend"),
)


def add_recording_pages(
    bp: Blueprint, pot_rule: str, permission: Permission, keeper_of: Callable[..., Keeper]
) -> None:
    """The questions a pot's page links to, as pages of ``bp`` under ``pot_rule`` (whose
    arguments other than ``pool`` say where the pot is kept: ``keeper_of(**them)``)."""

    def receive(pool: UUID, **where: str) -> Any:
        keeper = keeper_of(**where)
        return contribution(keeper, pool, RECEIVE, lambda at: at.pooled.receive_contribution)

    def agree(pool: UUID, **where: str) -> Any:
        keeper = keeper_of(**where)
        return contribution(keeper, pool, AGREE, lambda at: at.pooled.agree_contribution)

    def spent(pool: UUID, **where: str) -> Any:
        return spend(keeper_of(**where), pool)

    for (endpoint, path, _), view in zip(RECORDING, (receive, agree, spent), strict=True):
        rule = f"{pot_rule}/{path}/new"
        bp.add_url_rule(rule, endpoint, requires(permission)(view), methods=["GET", "POST"])


def record_links(area: str, **where: Any) -> list[tuple[str, str]]:
    """The pot page's buttons to the questions ``add_recording_pages`` added to the blueprint
    named ``area``: (text, address)."""
    return [(text, url_for(f"web.{area}.{endpoint}", **where)) for endpoint, _, text in RECORDING]
