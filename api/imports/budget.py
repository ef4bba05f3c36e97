"""Checking a pooled budget sheet: each budget's history (partners, allocations, reserve
brought forward, contributions, spend, year ends) replayed through the domain's commands
with the sheet's dates; a budget whose reference is already recorded is skipped whole."""

from __future__ import annotations

from typing import Any

from eventsourcing.application import AggregateNotFoundError

from api.imports.prepared import Prepared, Progress, Refused
from api.imports.reading import Row, Sheet
from api.imports.sheets import BUDGET
from domain.errors import InvalidValueError
from domain.funding import AllocationPlan, FinancialYear, PooledBudget
from domain.funding.index import BudgetKind
from domain.texts import NAMED
from tenants.ledger import PartnershipLedger

H = {f.key: f.header for f in BUDGET.fields}
NEEDS = {
    "partner": ("partner", "partner_name"),
    "allocation": ("year", "allocation", "amount", "description"),
    "brought_forward": ("year", "amount", "description"),
    "agreed": ("partner", "year", "amount"),
    "received": ("partner", "year", "amount"),
    "not_drawn_down": ("partner", "year", "description"),
    "spend": ("allocation", "amount", "description"),
    "close_year": ("year",),
}


def prepare_budget(ledger: PartnershipLedger, sheet: Sheet, progress: Progress) -> Prepared:
    found = Prepared("budget", sheet, list(sheet.problems))
    index = ledger.funding.index()  # saved with the budgets it lists
    pots: dict[str, tuple[PooledBudget, AllocationPlan] | None] = {}
    for row, v in found.rows(BUDGET, progress):
        ref = v["budget_reference"]
        if ref not in pots:
            pots[ref] = _open(found, ledger, row, v)
        opened = pots[ref]
        if opened is None:
            found.already += 1
            continue
        missing = [H[k] for k in NEEDS[v["line"]] if v[k] in (None, "")]
        if missing:
            found.problem(
                row,
                missing[0],
                f"A '{v['line'].replace('_', ' ')}' line needs {' and '.join(missing)}; "
                f"fill {'it' if len(missing) == 1 else 'them'} in.",
            )
            continue
        try:
            _line(found, row, v, *opened)
        except Refused:
            continue
        found.new += 1
    for ref, opened in pots.items():
        if opened is not None:
            pot, plan = opened
            index.list_budget(BudgetKind.POOLED_BUDGET, ref, pot.id, pot.name)
            found.keep(pot, plan)
    found.keep(index)
    return found


def _open(
    found: Prepared, ledger: PartnershipLedger, row: Row, v: dict[str, Any]
) -> tuple[PooledBudget, AllocationPlan] | None:
    try:
        ledger.repository.get(PooledBudget.create_id(v["budget_reference"]))
        return None
    except AggregateNotFoundError:
        pass
    with found.step(row, H["opened_on"]):
        pot = PooledBudget.open(
            v["budget_reference"], v["budget_name"], v["manager"], v["opened_on"]
        )
    return pot, AllocationPlan(budget_reference=pot.reference)


def _year(found: Prepared, row: Row, v: dict[str, Any]) -> FinancialYear:
    with found.step(row, H["year"]):
        return FinancialYear.parse(v["year"])


def _line(
    found: Prepared, row: Row, v: dict[str, Any], pot: PooledBudget, plan: AllocationPlan
) -> None:
    line, on, amount = v["line"], v["on"], v["amount"]
    year = _year(found, row, v) if v["year"] else FinancialYear.of(on)
    column = H["amount"] if amount is not None else H["line"]
    with found.step(row, column, _about(v)):
        match line:
            case "partner":
                pot.add_partner(v["partner"], v["partner_name"], on)
            case "allocation":
                purpose = v["description"] or ""
                if len(purpose) > NAMED:  # as the API and the page take a purpose
                    raise InvalidValueError(
                        f"The allocation's purpose (Description) is {len(purpose)} characters; "
                        f"keep it to {NAMED}."
                    )
                plan.plan_allocation(year, v["allocation"], purpose, on, amount=amount)
            case "brought_forward":
                pot.bring_forward(year, amount, v["description"])
            case "agreed":
                pot.agree_contribution(v["partner"], year, amount, on, v["description"] or "")
            case "received":
                pot.receive_contribution(v["partner"], year, amount, on)
            case "not_drawn_down":
                pot.not_draw_down(v["partner"], year, on, v["description"], amount=amount)
            case "spend":
                plan.allocation(FinancialYear.of(on), v["allocation"])
                pot.spend(v["allocation"], amount, on, v["description"])
            case "close_year":
                pot.close_year(year, on, v["description"] or "Year end")


def _about(v: dict[str, Any]) -> dict[str, str]:
    """The column a refusal is about, by its opening words: an allocation not planned (or
    planned twice) is the Allocation key's problem, a partner not added the Partner key's,
    not the amount's."""
    about = {"no allocation": H["allocation"]}
    if v["allocation"]:
        about[f"'{v['allocation'].lower()}' is already planned"] = H["allocation"]
    if v["partner"]:
        about[f"'{v['partner'].lower()}' is not a partner"] = H["partner"]
    return about
