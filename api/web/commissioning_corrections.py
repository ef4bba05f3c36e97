"""Correcting a commissioning budget's figures from the browser, one page per figure as a
case's facts are corrected (``correction_page``): a year's value, an area's minimum spend, one
allocation's amount or the area it went to. OPCC staff only, as for recording them; the same
use case as the API's ``.../commissioning-budgets/{reference}/corrections``.

A figure is named in the address as the ledger names it, its year written with a hyphen
(``allocation.2018-19.1.amount``). A correction the budget's rule refuses (an area left
unable to reach its minimum) is shown beside the value with the bound that would pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, abort, flash
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired

from api.context import requires
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web import commissioning
from api.web.asked import asks
from api.web.correction_facts import commissioning_words, value_words
from api.web.correction_page import Record, Shown, ask, correction_form
from api.web.correction_questions import amount, typed_pounds
from api.web.fields import MORE_THAN_ZERO, select
from api.web.questions import keys_named
from domain.errors import DomainError
from domain.funding import FinancialYear
from domain.region import CommissioningBudget

bp = Blueprint("commissioning_corrections", __name__)
FIGURE = f"{commissioning.BUDGET}/corrections/<figure>"
USES = "The budget's page, its downloads and the commissioning board paper will use it"


def form_of(field: str) -> FlaskForm:
    """The form correcting ``field``: the right area (chosen) or amount in pounds, and why. An
    area may be owed no minimum, so a minimum may be £0; nothing else may."""
    if field.endswith(".area"):
        area = select("The right area", InputRequired("Select the right area"))
        return correction_form(area, "the budget's history", "area")
    value = amount(*([] if field.startswith("minimum.") else [MORE_THAN_ZERO]))
    return correction_form(value, "the budget's history", "figure")


def _asked(args: Mapping[str, Any]) -> FlaskForm:
    return form_of(str(args.get("figure", "")))


@bp.route(FIGURE, methods=["GET", "POST"])
@asks(_asked)
@requires(Permission.REGION_LEDGER_WRITE)
def correct(region: str, reference: str, figure: str) -> Any:
    """The figure recorded now, the right one and why the recorded one was wrong."""
    with region_ledger(region, writing=False) as ledger:
        budget = ledger.commissioning.get(reference)
        names = ledger.partners.names()
        places = commissioning.budget_areas(ledger, budget)
    field, recorded = _recorded(budget, figure)

    def named(key: str) -> str:
        return names.get(key, key)

    words = str(commissioning_words(field, named))
    is_area = field.endswith(".area")
    form = form_of(field)
    if is_area:
        form.value.choices = [("", "Select an area"), *places.items()]
    shown = Shown(
        _caption(budget, field),
        f"Correct the {words[:1].lower()}{words[1:]}",
        value_words(field, recorded, agencies=named),
        commissioning.page_of(region, reference),
        "The budget",
        USES,
        marked=False,
    )

    def record(form: Any) -> None:
        right = form.value.data if is_area else form.value.pence
        try:
            with region_ledger(region) as writing:
                writing.commissioning.correct(reference, field, right, form.reason.data or "")
        except DomainError as refused:  # its areas by name, as the page shows them
            raise type(refused)(keys_named(str(refused), names)) from None
        flash(f"{words} corrected to {value_words(field, right, agencies=named)}")

    shown_value = recorded if is_area else typed_pounds(int(recorded))
    done = commissioning.page_of(region, reference)
    return ask(form, shown, Record(budget.id, budget.version, shown_value), record, done)


def _recorded(budget: CommissioningBudget, figure: str) -> tuple[str, int | str]:
    """The field as the ledger names it and its value now; 404 for a figure it does not hold."""
    kind, *parts = figure.split(".")
    try:
        if kind == "value" and len(parts) == 1:
            year = FinancialYear.parse(parts[0])
            return f"value.{year.label}", budget.values[year]
        if kind == "minimum" and len(parts) == 2:
            year = FinancialYear.parse(parts[1])
            minimums = budget.minimums[year]
            if parts[0] in minimums or parts[0] in budget.allocations[year]:
                return f"minimum.{parts[0]}.{year.label}", minimums.get(parts[0], 0)
        if kind == "allocation" and len(parts) == 3 and parts[1].isdigit():
            year = FinancialYear.parse(parts[0])
            entry = budget.entries[year][int(parts[1]) - 1]
            if parts[2] in ("amount", "area") and int(parts[1]) >= 1:
                field = f"allocation.{year.label}.{parts[1]}.{parts[2]}"
                return field, entry.amount if parts[2] == "amount" else entry.area
    except (DomainError, KeyError, IndexError):
        pass
    abort(404)


def _caption(budget: CommissioningBudget, field: str) -> str:
    """The budget, and for an allocation what it pays for, so the right one is corrected."""
    kind, *parts = field.split(".")
    if kind != "allocation":
        return f"{budget.name}: commissioning budget"
    entry = budget.entries[FinancialYear.parse(parts[0])][int(parts[1]) - 1]
    return f"{budget.name}: allocation {entry.number}, {entry.purpose}"
