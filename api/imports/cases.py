"""Checking a cases sheet: every row becomes a ``DomesticHomicideReview`` built with the
domain's own commands (so every rule applies) and the dates from the sheet. A row is checked
whole, as an actions row is: a cell that does not read, or a step the domain refuses, does
not hide the row's other problems, so the officer corrects each row once."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from api.imports.prepared import Prepared, Progress, Refused
from api.imports.reading import Row, Sheet
from api.imports.sheets import CASES
from domain.reviews import DomesticHomicideReview
from domain.reviews.review import review_id
from tenants.ledger import PartnershipLedger

H = {f.key: f.header for f in CASES.fields}
# the cells a case cannot be notified without (the optional ones are taken as empty when
# they do not read: notifying does not depend on them)
NOTIFIED = frozenset(f.key for f in CASES.fields if f.required)
DECISION = ("decision", "decided_on")


def prepare_cases(ledger: PartnershipLedger, sheet: Sheet, progress: Progress) -> Prepared:
    found = Prepared("cases", sheet, list(sheet.problems))
    index = ledger.reviews.index()  # the import saves the register with its cases
    recorded = set(index.review_ids)
    repeated = _repeated(found, sheet)
    for row, values, unread in found.each(CASES, progress):
        if row.number in repeated:
            continue
        if "reference" in values and review_id(values["reference"]) in recorded:
            found.already += 0 if unread else 1
            continue
        try:
            review = _review(found, row, values, unread)
        except Refused:
            continue
        index.add(review.reference)
        found.keep(review)
        found.new += 1
    found.keep(index)
    found.problems.sort(key=lambda p: p.row)  # as the officer reads the sheet, top to bottom
    return found


def _repeated(found: Prepared, sheet: Sheet) -> set[int]:
    """The rows whose reference an earlier row already has, each noted as a problem: read from
    the cells as typed, so a repeat is named even when either row has another problem (the
    officer corrects both at once, not one upload after another)."""
    first: dict[str, int] = {}
    repeated = set()
    for row in sheet.rows:
        typed = " ".join(str(row.cells.get("reference") or "").split())
        if not typed:
            continue
        seen = first.setdefault(typed.lower(), row.number)
        if seen != row.number:
            found.problem(
                row,
                H["reference"],
                f"The reference '{typed}' is also on row {seen}; each case is one row.",
            )
            repeated.add(row.number)
    return repeated


def _review(
    found: Prepared, row: Row, v: dict[str, Any], unread: frozenset[str]
) -> DomesticHomicideReview:
    """The row's case, as far as its cells read; the decision and its date asked for together
    whatever else is wrong. Refused, each problem noted, unless every cell read and every
    step was taken."""
    review = None
    if not unread & NOTIFIED:
        with suppress(Refused):
            review = _notified(found, row, v)
    paired = _paired(found, row, v)
    if review is None or not paired:
        raise Refused
    for step, needs in STEPS.items():
        if unread & needs:
            break  # the steps after it depend on it, so are not checked
        if v[step]:
            with found.step(row, H[step], {"the reason": H["decision_reason"]}):
                _take(review, step, v)
    if unread:
        raise Refused
    return review


# each step after notifying, by the date it is taken on, with the cells it needs
STEPS = {
    "decided_on": frozenset(("decision", "decided_on", "decision_reason")),
    "first_panel_on": frozenset(("first_panel_on",)),
    "report_drafted_on": frozenset(("report_drafted_on",)),
    "action_plan_agreed_on": frozenset(("action_plan_agreed_on",)),
    "submitted_on": frozenset(("submitted_on",)),
}


def _take(review: DomesticHomicideReview, step: str, v: dict[str, Any]) -> None:
    on = v[step]
    match step:
        case "decided_on":
            review.decide(on, v["decision"], v["decision_reason"] or "")
        case "first_panel_on":
            review.hold_panel_meeting(on)
        case "report_drafted_on":
            review.draft("overview_report", on)
            review.draft("executive_summary", on)
        case "action_plan_agreed_on":
            review.agree_action_plan(on)
        case "submitted_on":
            review.submit(on)


def _notified(found: Prepared, row: Row, v: dict[str, Any]) -> DomesticHomicideReview:
    with found.step(
        row,
        H["notified_on"],
        {
            "the incident": H["incident_on"],
            "the pseudonym": H["pseudonym"],
            "a case reference": H["reference"],
        },
    ):
        return DomesticHomicideReview.notify(
            v["reference"],
            v["incident_on"],
            v["notified_on"],
            v["pseudonym"],
            v["kind"],
            v["death_category"],
            v.get("victim_age_band"),
            v.get("victim_sex"),
            v.get("perpetrator_relationship"),
        )


def _paired(found: Prepared, row: Row, v: dict[str, Any]) -> bool:
    """Whether the decision and its date are given together (or neither is); one typed but
    not read counts as given, since it is its own problem."""
    empty = found.empty(v, DECISION)
    if len(empty) != 1:
        return True
    (missing,) = empty
    (given,) = (k for k in DECISION if k != missing)
    said = found.sheet.heading  # the columns as the officer's sheet heads them
    found.problem(
        row,
        H[missing],
        f"{said(H[missing])} is needed when {said(H[given])} is given; fill in both, or neither.",
    )
    return False
