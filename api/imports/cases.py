"""Checking a cases sheet: every row becomes a ``DomesticHomicideReview`` built with the
domain's own commands (so every rule applies) and the dates from the sheet."""

from __future__ import annotations

from typing import Any

from api.imports.prepared import Prepared, Progress, Refused
from api.imports.reading import Row, Sheet
from api.imports.sheets import CASES
from domain.reviews import DomesticHomicideReview
from domain.reviews.review import review_id
from tenants.ledger import PartnershipLedger

H = {f.key: f.header for f in CASES.fields}


def prepare_cases(ledger: PartnershipLedger, sheet: Sheet, progress: Progress) -> Prepared:
    found = Prepared("cases", sheet, list(sheet.problems))
    index = ledger.reviews.index()  # the import saves the register with its cases
    recorded = set(index.review_ids)
    repeated = _repeated(found, sheet)
    for row, values in found.rows(CASES, progress):
        if row.number in repeated:
            continue
        if review_id(values["reference"]) in recorded:
            found.already += 1
            continue
        try:
            review = _review(found, row, values)
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


def _review(found: Prepared, row: Row, v: dict[str, Any]) -> DomesticHomicideReview:
    with found.step(
        row,
        H["notified_on"],
        {
            "the incident": H["incident_on"],
            "the pseudonym": H["pseudonym"],
            "a case reference": H["reference"],
        },
    ):
        review = DomesticHomicideReview.notify(
            v["reference"],
            v["incident_on"],
            v["notified_on"],
            v["pseudonym"],
            v["kind"],
            v["death_category"],
            v["victim_age_band"],
            v["victim_sex"],
            v["perpetrator_relationship"],
        )
    if v["decision"] or v["decided_on"]:
        if not (v["decision"] and v["decided_on"]):
            missing = "decided_on" if v["decision"] else "decision"
            found.problem(
                row,
                H[missing],
                f"{H[missing]} is needed when "
                f"{H['decision' if missing == 'decided_on' else 'decided_on']} is given; "
                "fill in both, or neither.",
            )
            raise Refused
        with found.step(row, H["decided_on"]):
            review.decide(v["decided_on"], v["decision"], v["decision_reason"] or "")
    if v["first_panel_on"]:
        with found.step(row, H["first_panel_on"]):
            review.hold_panel_meeting(v["first_panel_on"])
    if v["report_drafted_on"]:
        with found.step(row, H["report_drafted_on"]):
            review.draft("overview_report", v["report_drafted_on"])
            review.draft("executive_summary", v["report_drafted_on"])
    if v["action_plan_agreed_on"]:
        with found.step(row, H["action_plan_agreed_on"]):
            review.agree_action_plan(v["action_plan_agreed_on"])
    if v["submitted_on"]:
        with found.step(row, H["submitted_on"]):
            review.submit(v["submitted_on"])
    return review
