"""Joint commissioning budgets as pages: a budget's years with each area's minimum spend beside
what is allocated there, for the OPCC and regional leads; and, for OPCC staff, opening a
budget, budgeting a year (its value and the minimum each area must get) and allocating to an
area.

Staffordshire and Stoke-on-Trent commit at least £1,836,000 a year to domestic abuse services,
of which at least £600,000 in the county and £421,000 in the city (seed 004). The same use
cases as the API's ``/api/v1/regions/{region}/commissioning-budgets/...``
(``RegionLedger.commissioning``): an allocation that would leave an area unable to reach its
minimum is refused, the page says by how much, and nothing is recorded."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import InputRequired

from api.context import may, platform, requires
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web import questions
from api.web.asked import asks
from api.web.fields import MORE_THAN_ZERO, OPTIONAL_MORE_THAN_ZERO, GovDate, Pounds, select, text
from api.web.formatting import money
from api.web.questions import Asked, Words
from domain.region import CommissioningBudget
from domain.region.partners import AREAS
from tenants.region_ledger import RegionLedger

bp = Blueprint("commissioning", __name__)
READ, WRITE = Permission.REGION_LEDGER_READ, Permission.REGION_LEDGER_WRITE
BUDGETS = "/regions/<region>/commissioning-budgets"
BUDGET = f"{BUDGETS}/<reference>"


@bp.route(BUDGET)
@requires(READ)
def budget(region: str, reference: str) -> Any:
    """Each budgeted year, newest first: its value, what is allocated, each area's minimum
    beside what it has been allocated, and each allocation; for OPCC staff, each figure with
    a link to correct it."""
    with region_ledger(region, writing=False) as ledger:
        found = ledger.commissioning.get(reference)
        names = ledger.partners.names()
    years = [found.year(y) for y in sorted(found.values, reverse=True)]
    return render_template(
        "commissioning/budget.html",
        region=platform().registry.region(region),
        budget=found,
        years=years,
        names=names,
        can_record=may(WRITE),
        correct=lambda field: url_for(
            "web.commissioning_corrections.correct",
            region=region,
            reference=reference,
            figure=field.replace("/", "-"),
        ),
    )


class OpenBudgetForm(FlaskForm):
    name = text(
        "Name",
        "Enter the budget's name",
        "For example Domestic abuse services: joint commissioning.",
        200,
    )
    reference = text(
        "Reference",
        "Enter the budget's reference",
        "A short reference used in decisions and papers, for example STAFFS-DA-2017.",
        40,
        width=10,
    )
    lead = select(
        "Lead commissioner",
        InputRequired("Select the lead commissioner"),
        hint="The body of the region's directory that leads the commissioning.",
    )
    on = GovDate("Date the budget was opened", "opening the budget", happened=True)


class AllocationForm(FlaskForm):
    year = select("Financial year", InputRequired("Select the financial year"))
    area = select("Area", InputRequired("Select the area"))
    amount = Pounds("Amount, in pounds", "the amount allocated", validators=[MORE_THAN_ZERO])
    purpose = text(
        "What it pays for",
        "Enter what the allocation pays for",
        "For example North Staffordshire refuge and outreach.",
        200,
    )
    on = GovDate("Date of the allocation", "the allocation", happened=True)


class YearForm(FlaskForm):
    """A year's value; ``_year_form`` adds one optional minimum per area, then the date."""

    year = text("Financial year", "Enter the financial year", "For example 2017/18.", 9, width=5)
    annual_value = Pounds(
        "Value of the year, in pounds", "the value of the year", validators=[MORE_THAN_ZERO]
    )


OPEN = Words(
    "Open a commissioning budget",
    "Money partners commit together to commissioned services; budget its first year next, "
    "with the minimum each area must get.",
    "Open the budget",
    "opened",
    "opening the budget",
)
BUDGET_YEAR = Words(
    "Budget a year",
    "The year's value and the least each area must be allocated. Leave an area empty if it "
    "has no minimum.",
    "Record the year",
    "budgeted",
    "budgeting the year",
)
ALLOCATE = Words(
    "Allocate to an area",
    "Money committed to services in one area. The ledger refuses an allocation that would "
    "leave too little for another area to reach its minimum.",
    "Record the allocation",
    "allocated to",
    "the allocation",
)


@bp.route(f"{BUDGETS}/new", methods=["GET", "POST"])
@requires(WRITE)
def open_budget(region: str) -> Any:
    form = OpenBudgetForm()

    def opens(ledger: RegionLedger, reference: str, name: str) -> None:
        ledger.commissioning.open(reference, name, form.lead.data, questions.day(form))

    return opened_from_ledger(region, form, form.lead, OPEN, opens, page_of)


def placed(field: str, what: str) -> dict[str, str]:
    """The names ``sum_each`` numbered ``field``, for a form sent that cannot be recorded: by
    their place on the form ("area 2 on the form"), as their names are the region's records,
    not read for a request signed out or while the store is away."""
    numbered = (re.fullmatch(rf"{field}_(\d+)", name) for name in request.form)
    sent = max((int(n[1]) + 1 for n in numbered if n), default=0)
    return {str(n): f"{what} {n + 1} on the form" for n in range(sent)}


def _year_asked(_: Mapping[str, Any]) -> Any:
    return _year_form(placed("minimum", "area"))


@bp.route(f"{BUDGET}/years/new", methods=["GET", "POST"])
@asks(_year_asked)
@requires(WRITE)
def budget_year(region: str, reference: str) -> Any:
    found, bodies, areas = _budget(region, reference)
    form = _year_form(areas)

    def record(ledger: RegionLedger) -> str:
        year, minimums = form.year.data.strip(), sums_given(form, "minimum", areas)
        ledger.commissioning.budget_year(
            reference, year, form.annual_value.pence or 0, minimums, questions.day(form)
        )
        return f"{year} {BUDGET_YEAR.done}"

    asked = _about(region, found)
    return questions.ask(form, BUDGET_YEAR, form.annual_value, record, asked, bodies)


@bp.route(f"{BUDGET}/allocations/new", methods=["GET", "POST"])
@requires(WRITE)
def allocate(region: str, reference: str) -> Any:
    form = AllocationForm()
    found, bodies, areas = _budget(region, reference)
    years = sorted((str(y) for y in found.values), reverse=True)
    questions.choose(form.year, [(y, y) for y in years])
    questions.choose(form.area, sorted(areas.items(), key=lambda item: item[1]))

    def record(ledger: RegionLedger) -> str:
        pence, area = form.amount.pence or 0, form.area.data
        ledger.commissioning.allocate(
            reference, form.year.data, area, pence, form.purpose.data.strip(), questions.day(form)
        )
        return f"{money(pence)} {ALLOCATE.done} {areas[area]} in {form.year.data}"

    return questions.ask(form, ALLOCATE, form.amount, record, _about(region, found), bodies)


def areas(ledger: RegionLedger, earlier: Iterable[str] = ()) -> dict[str, str]:
    """The areas money may be committed to, by key, in name order: the region's partnerships
    and councils, and any ``earlier`` area a record already names."""
    named = ledger.partners.names()
    keys = {p.key for p in ledger.partners.all() if p.sector in AREAS} | set(earlier)
    return dict(sorted(((k, named.get(k, k)) for k in keys), key=lambda item: item[1]))


def budget_areas(ledger: RegionLedger, found: CommissioningBudget) -> dict[str, str]:
    years = (*found.minimums.values(), *found.allocations.values())
    return areas(ledger, (a for year in years for a in year))


def sum_each(
    base: type[FlaskForm],
    field: str,
    names: Iterable[str],
    words: Callable[[str], tuple[str, str]],
    then: Callable[[], dict[str, Any]] = dict,
) -> Any:
    """``base`` with one optional sum in pounds for each of ``names`` (a funder's share, an
    area's minimum: the label and what a refusal calls it, ``words(name)``), the fields named
    ``field`` and a number from 0, then the fields ``then()`` makes: fields show in the order
    they are made, so those are made after. A sum given is more than £0, as the ledger holds
    both; none is left empty."""
    fields = {
        f"{field}_{n}": Pounds(*words(name), required=False, validators=[OPTIONAL_MORE_THAN_ZERO])
        for n, name in enumerate(names)
    }
    return type(base.__name__, (base,), fields | then())()


def sums_given(form: Any, field: str, keys: Iterable[str]) -> list[tuple[str, int]]:
    """Each key (in the order of the names ``sum_each`` was given) with the sum typed for
    it, those left empty left out."""
    fields = [typed for typed in form if typed.name.startswith(f"{field}_")]
    return [
        (key, typed.pence)
        for key, typed in zip(keys, fields, strict=True)
        if typed.pence is not None
    ]


def opened_from_ledger(
    region: str,
    form: Any,
    body: SelectField,
    words: Words,
    opens: Callable[[RegionLedger, str, str], None],
    page: Callable[[str, str], str],
) -> Any:
    """A budget or a service opened from the region ledger's commissioning section, as both
    are: a reference and a name, a body of the directory (``body``, chosen by name) that leads
    or provides it; ``opens(ledger, reference, name)`` records it, confirmed on its own page
    (``page(region, reference)``), the way back being that section."""
    with region_ledger(region, writing=False) as ledger:
        bodies = ledger.partners.names()
    questions.choose(body, sorted(bodies.items(), key=lambda item: item[1]))

    def record(ledger: RegionLedger) -> tuple[str, str]:
        reference, name = form.reference.data.strip(), form.name.data.strip()
        opens(ledger, reference, name)
        return f"{name} {words.done}", page(region, reference)

    back = url_for("web.shared.ledger", region=region) + "#commissioning", "the region ledger"
    asked = Asked(partial(region_ledger, region), platform().registry.region(region).name, back)
    return questions.ask(form, words, form.reference, record, asked)


def _budget(
    region: str, reference: str
) -> tuple[CommissioningBudget, dict[str, str], dict[str, str]]:
    """The budget (a 404 if there is none), the directory's bodies by key and the areas its
    money may go to, read before a question on it is asked."""
    with region_ledger(region, writing=False) as ledger:
        found = ledger.commissioning.get(reference)
        return found, ledger.partners.names(), budget_areas(ledger, found)


def _year_form(areas: dict[str, str]) -> Any:
    """The year's form with one optional minimum per area (in the order of ``areas``), then
    the date."""
    return sum_each(
        YearForm,
        "minimum",
        areas.values(),
        lambda area: (f"Minimum spend in {area}, in pounds", f"the minimum for {area}"),
        lambda: {"on": GovDate("Date the year was budgeted", "budgeting the year", happened=True)},
    )


def _about(region: str, found: CommissioningBudget) -> Asked:
    """A question on a budget: recorded in the region's ledger, confirmed on its page."""
    back = page_of(region, found.reference), "the budget"
    return Asked(partial(region_ledger, region), found.name, back)


def page_of(region: str, reference: str) -> str:
    return url_for("web.commissioning.budget", region=region, reference=reference)
