"""A pooled budget's page and its questions, wherever its books are kept: the year on both
bases with what it is planned for, whether it is closed and a forecast (``year_on_page``, the
template ``shared/_pot_year.html``), and every question the page links to (``QUESTIONS``, the
views in ``pot_questions.py``) added to an area's blueprint with who may answer each
(``add_pages``) and offered to those who may (``links``).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any
from uuid import UUID

from flask import Blueprint, request, url_for
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import Field, StringField, ValidationError

from api.context import requires
from api.policy import Permission
from api.web.asked import Asks, asks
from api.web.fields import LinkForm, Pounds, error_list, in_words, pence_typed, text_input
from api.web.pot_forms import (
    AllocationForm,
    ContributionCorrectionForm,
    ContributionForm,
    MovementCorrectionForm,
    NotCalledCorrectionForm,
    NotCalledForm,
    ReceiptForm,
    SpendForm,
    VariationDecisionForm,
    VariationForm,
)
from api.web.pot_forms import YearForm as YearEndForm
from api.web.pot_questions import (
    AGREE,
    CLOSE,
    DECIDE_VARIATION,
    NOT_CALLED,
    RECEIVE,
    REOPEN,
    VARY,
    Keeper,
    contribution,
    correct_contribution,
    correct_movement,
    correct_not_called,
    decide_variation,
    not_called,
    plan,
    request_variation,
    spend,
    year_end,
)
from api.web.questions import dated_form
from domain.calendar import uk_today
from domain.errors import DomainError
from domain.funding import FinancialYear, dhrs_text
from domain.funding.pooled_values import parse_dhrs


class YearForm(LinkForm):
    """The year the pot's page shows, and the DHRs and cost per DHR its forecast is at: a GET
    form (the answers belong in the link), each refusal beside its own box."""

    year = text_input("Financial year", hint="For example, 2016/17", width=5)
    dhrs = StringField(
        "Expected DHRs in the year",
        widget=GovTextInput(),
        description="For example, 2.5",
        render_kw={"params": {"classes": "govuk-input--width-3", "inputmode": "decimal"}},
    )
    cost_per_dhr_pounds = Pounds(
        "Cost per DHR",
        "the cost per DHR",
        required=False,
        description="Leave empty to use the planned estimate",
    )

    def validate_year(self, field: Field) -> None:
        if (field.data or "").strip():
            try:
                FinancialYear.parse(field.data)
            except DomainError as refused:
                raise ValidationError(str(refused)) from None

    def validate_dhrs(self, field: Field) -> None:
        if (field.data or "").strip():
            try:
                parse_dhrs(field.data.strip())
            except DomainError as refused:
                raise ValidationError(str(refused)) from None


DEFAULT_DHRS = "3"


def year_on_page(ledger: Any, pool: UUID) -> dict[str, Any]:
    """The year, expected DHRs and cost per DHR the page was asked for (``form``, each answer
    as typed, a refused one with its message beside its box and in the summary, ``errors``),
    with the pot's statement on both bases, its forecast, what the year is planned for and
    whether it is closed (what it carried forward), each partner's agreed and not drawn
    down figures (``agreed_lines``) beside what was due, so a "Due £0.00" is not read as
    nothing agreed, and every receipt and spend of the year (``movements``, numbered as a
    correction names them, spend by its planned purpose, ``purposes``), to reconcile with
    the finance system.

    What is shown is read from the answers that can be used: a refused year shows this
    year's statement, refused DHRs or cost the forecast at the DHRs the year's plan expects
    (``planned_dhrs``, else 3) or the planned cost, and
    ``refused`` names them so the page says so; the statement's link (``paper_args``) is
    built from the same answers. A forecast the ledger cannot make (nothing planned per DHR,
    say) is said in its place (``no_forecast``), and beside the box to change when the
    figures were typed."""
    this_year = FinancialYear.of(uk_today()).label
    form = YearForm(formdata=request.args or None, data={"year": this_year, "dhrs": DEFAULT_DHRS})
    form.validate()
    year = (form.year.data or "").strip() if not form.year.errors else ""
    asked = (request.args.get("dhrs") or "").strip()
    cost = form.cost_per_dhr_pounds
    pence = cost.pence if not cost.errors else None
    forecast, no_forecast = None, None
    try:
        both = ledger.pooled.statement_both_bases(pool, year or this_year)
    except DomainError as no_statement:
        form.year.errors = [*form.year.errors, in_words(str(no_statement))]
        both = ledger.pooled.statement_both_bases(pool, this_year)
    shown = FinancialYear.parse(both.cash.year)
    plan = ledger.pooled.allocation_plan(pool)
    fallback = planned_dhrs(plan, shown)
    dhrs = asked if asked and not form.dhrs.errors else fallback
    if not asked:
        form.dhrs.data = fallback  # the box says what the forecast is at
    try:
        forecast = ledger.pooled.forecast(pool, shown, dhrs, cost_per_dhr=pence)
    except DomainError as cannot:
        no_forecast = in_words(str(cannot))
        typed = {"dhrs", "cost_per_dhr_pounds"} & set(request.args)
        box = cost if "cost per dhr" in no_forecast.lower() else form.dhrs
        if typed and not box.errors:
            box.errors = [no_forecast]
    refused = [f.name for f in form if f.errors]
    planned = plan.allocations.values()
    pot = ledger.pooled.get(pool)
    return {
        "statement": both,
        "agreed_lines": {line.partner: line for line in both.cash.partners},
        "forecast": forecast,
        "no_forecast": no_forecast,
        "year": shown.label,
        "form": form,
        "errors": error_list(form),
        "refused": refused,
        "paper_args": {  # the statement's link: what is shown, never a refused answer
            "year": shown.label,
            "expected_dhrs": dhrs,
            "cost_per_dhr_pounds": None if cost.errors or pence is None else cost.data.strip(),
        },
        "closed": pot.closed.get(shown),
        "has_partners": bool(pot.partners),
        "movements": [(n, m) for n, m in enumerate(pot.movements, start=1) if m.year == shown],
        "purposes": {a.key: a.purpose for a in planned},
        "planned": sorted((a for a in planned if a.year == shown), key=lambda a: a.purpose),
        "awaiting": [(r, plan.allocations[r.year, r.key].purpose) for r in plan.requests.values()],
    }


def planned_dhrs(plan: Any, year: FinancialYear) -> str:
    """The DHRs the year's plan expects, when its per-DHR allocations agree on a number
    (chairs and authors at £8,500 per DHR × 2.5 expected): what the forecast is at unless
    another number is asked for, so the page, its plan and its board paper say one number.
    Else ``DEFAULT_DHRS``."""
    expected = {
        a.expected_dhrs
        for a in plan.allocations.values()
        if a.year == year and a.expected_dhrs is not None
    }
    if len(expected) == 1:
        (planned,) = expected
        said = dhrs_text(planned)
        if Fraction(said) == planned:  # a third of a DHR has no exact decimal to show
            return said
    return DEFAULT_DHRS


def pence_of(pounds: str) -> int:
    """'8,500' or '8500.00' to pence, exactly (never through a float)."""
    pence = pence_typed(pounds)
    if pence is None:
        raise ValueError("Enter the cost per DHR in pounds, like 8,500 or 8500.00.")
    return pence


Question = Callable[[Keeper, UUID], Any]


RECORDS, SIGNS_OFF, CORRECTS = "records", "signs off", "corrects"
QUESTIONS: tuple[tuple[str, str, str, str, Question], ...] = (
    # (endpoint, its address under the pot's, the link's words, who may, the page)
    (
        "receive",
        "receipts",
        "Record a contribution received",
        RECORDS,
        lambda k, p: contribution(k, p, RECEIVE, lambda at: at.pooled.receive_contribution),
    ),
    (
        "agree",
        "contributions",
        "Agree a contribution",
        RECORDS,
        lambda k, p: contribution(k, p, AGREE, lambda at: at.pooled.agree_contribution),
    ),
    ("spend", "spend", "Record spend", RECORDS, spend),
    ("plan", "allocations", "Plan an allocation", RECORDS, plan),
    ("not_called", "not-called", "Decide not to call a contribution", RECORDS, not_called),
    ("vary", "variation-requests", "Request a variation", RECORDS, request_variation),
    ("decide_variation", "variation-decisions", "Decide a variation", SIGNS_OFF, decide_variation),
    ("correct", "corrections", "Correct an agreed contribution", CORRECTS, correct_contribution),
    (
        "correct_movement",
        "money-corrections",
        "Correct a receipt or spend",
        CORRECTS,
        correct_movement,
    ),
    (
        "correct_not_called",
        "not-called-corrections",
        "Correct a decision not to call",
        CORRECTS,
        correct_not_called,
    ),
    ("close", "year-closure", "Close the year", SIGNS_OFF, lambda k, p: year_end(k, p, CLOSE)),
    ("reopen", "year-reopening", "Reopen the year", SIGNS_OFF, lambda k, p: year_end(k, p, REOPEN)),
)


ASKS: dict[str, Asks] = {
    # each question's form with the words its page gives it, for answers shown back
    "receive": dated_form(ReceiptForm, RECEIVE),
    "agree": dated_form(ContributionForm, AGREE),
    "spend": SpendForm,
    "plan": AllocationForm,
    "not_called": dated_form(NotCalledForm, NOT_CALLED),
    "vary": dated_form(VariationForm, VARY),
    "decide_variation": dated_form(VariationDecisionForm, DECIDE_VARIATION),
    "correct": ContributionCorrectionForm,
    "correct_movement": MovementCorrectionForm,
    "correct_not_called": NotCalledCorrectionForm,
    "close": dated_form(YearEndForm, CLOSE),
    "reopen": dated_form(YearEndForm, REOPEN),
}


BUTTONS = 3  # the first questions, as buttons under the year's contributions; the rest links
NEEDS_A_PARTNER = {"receive", "agree", "not_called", "correct", "correct_not_called"}
EMPTY_POT_FIRST = {"agree": -2, "receive": -1, "spend": 1}
"""A pot with no money in yet: contributions agreed, then received, come first; spend last."""


def add_pages(
    bp: Blueprint,
    pot_rule: str,
    permissions: dict[str, Permission],
    keeper_of: Callable[..., Keeper],
) -> None:
    """Every question a pot's page links to, as pages of ``bp`` under ``pot_rule`` (whose
    arguments other than ``pool`` say where the pot is kept: ``keeper_of(**them)``), each
    needing the permission ``permissions`` gives its group (RECORDS, SIGNS_OFF, CORRECTS)."""
    for endpoint, path, _, who, question in QUESTIONS:

        def view(pool: UUID, _question: Question = question, **where: str) -> Any:
            return _question(keeper_of(**where), pool)

        view.__name__ = endpoint
        asks(ASKS[endpoint])(view)
        rule = f"{pot_rule}/{path}/new"
        guarded = requires(permissions[who])(view)
        bp.add_url_rule(rule, endpoint, guarded, methods=["GET", "POST"])


def links(area: str, answers: set[str], shown: dict[str, Any], **where: Any) -> dict[str, Any]:
    """The pot page's buttons and links to the questions ``add_pages`` added to the blueprint
    named ``area``, those the user may ``answers`` (RECORDS, SIGNS_OFF, CORRECTS), each at the
    year ``shown`` (``year_on_page``): a closed year offers reopening, an open one closing;
    requesting a variation once something is planned, deciding one only while one is awaiting; a partner's contributions only once the
    pot has a partner (else each of those pages offers nobody to choose). In the order of the
    next step: until money is in the year (``money_in``) a new pot's partners agree and pay
    in first, and spend, which the ledger still takes (an invoice may come first), is last."""
    hidden = {"close" if shown["closed"] is not None else "reopen"}
    if not shown["awaiting"]:
        hidden.add("decide_variation")
    if not shown["purposes"]:
        hidden.add("vary")  # nothing planned in any year: no allocation to vary
    if not shown["has_partners"]:
        hidden |= NEEDS_A_PARTNER
    cash = shown["statement"].cash
    empty = not money_in(cash)
    asked = sorted(QUESTIONS, key=lambda q: EMPTY_POT_FIRST.get(q[0], 0)) if empty else QUESTIONS
    found = [
        (text, url_for(f"web.{area}.{endpoint}", year=cash.year, **where))
        for endpoint, _, text, who, _ in asked
        if who in answers and endpoint not in hidden
    ]
    return {
        "record_links": found[:BUTTONS],
        "more_links": found[BUTTONS:],
        "spend_waits": empty and RECORDS in answers,
    }


def money_in(cash: Any) -> bool:
    """Whether the year's cash statement has any money to spend: a reserve brought in or a
    contribution received."""
    return bool(cash.opening_reserve > 0 or cash.contributions > 0)
