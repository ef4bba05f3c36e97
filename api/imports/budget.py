"""Checking a pooled budget sheet: each budget's history (partners, allocations, reserve
brought forward, contributions, spend, year ends) replayed through the domain's commands
with the sheet's dates; a budget whose reference is already recorded is skipped whole."""

from __future__ import annotations

from typing import Any

from eventsourcing.application import AggregateNotFoundError

from api.imports.prepared import Prepared, Progress, Refused
from api.imports.reading import Row, Sheet
from api.imports.sheets import BUDGET
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
    """Each row checked whole, as an actions row is: a cell that does not read does not hide
    the cells its line needs, or a financial year that is not one."""
    found = Prepared("budget", sheet, list(sheet.problems))
    index = ledger.funding.index()  # saved with the budgets it lists
    pots: dict[str, Opened | None] = {}  # None: recorded by an earlier import
    unopened: set[str] = set()  # refused as it was opened (said on its first row)
    for row, v, unread in found.each(BUDGET, progress):
        ref = v.get("budget_reference")
        if ref is not None and ref not in pots and ref not in unopened and not unread & OPENED:
            try:
                pots[ref] = _open(found, ledger, row, v)
            except Refused:
                unopened.add(ref)
        if ref in pots and pots[ref] is None:
            found.already += 0 if unread else 1
            continue
        checked = _what_reads(found, row, v)
        opened = pots.get(ref) if ref is not None else None
        if unread or not checked or opened is None:
            continue
        try:
            _line(found, row, v, *opened)
        except Refused:
            continue
        found.new += 1
    for ref, pot_plan in pots.items():
        if pot_plan is not None:
            pot, plan = pot_plan
            index.list_budget(BudgetKind.POOLED_BUDGET, ref, pot.id, pot.name)
            found.keep(pot, plan)
    found.keep(index)
    return found


Opened = tuple[PooledBudget, AllocationPlan]
OPENED = frozenset(("budget_reference", "budget_name", "manager", "opened_on"))


def _what_reads(found: Prepared, row: Row, v: dict[str, Any]) -> bool:
    """The checks of a line that need only its own cells, made on those that read: the cells
    its kind of line needs, an allocation's purpose, its financial year. Whether it passed."""
    fine = True
    if "line" in v:
        missing = [H[k] for k in found.empty(v, NEEDS[v["line"]])]
        if missing:
            said = [found.sheet.heading(m) for m in missing]  # as the officer heads them
            found.problem(
                row,
                missing[0],
                f"A '{v['line'].replace('_', ' ')}' line needs {' and '.join(said)}; "
                f"fill {'it' if len(missing) == 1 else 'them'} in.",
            )
            fine = False
        purpose = v.get("description") or ""
        if v["line"] == "allocation" and len(purpose) > NAMED:  # as the API and pages take it
            found.problem(
                row,
                H["description"],
                f"The allocation's purpose (Description) is {len(purpose)} characters; "
                f"keep it to {NAMED}.",
            )
            fine = False
    if v.get("year"):
        try:
            _year(found, row, v)
        except Refused:
            fine = False
    return fine


def _open(found: Prepared, ledger: PartnershipLedger, row: Row, v: dict[str, Any]) -> Opened | None:
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
                plan.plan_allocation(year, v["allocation"], v["description"], on, amount=amount)
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
