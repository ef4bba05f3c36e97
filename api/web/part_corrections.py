"""Correcting, from the browser, a case's parts that come several to a case: a commissioning's
agreed cost (typed in pounds), a panel meeting's date, an IMR's dates requested, due and
received. One form per value, as the case's own facts are corrected (``correction_page``),
running the same use case as the API (``ledger.reviews.correct``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, url_for
from flask_wtf import FlaskForm

from api.context import platform, requires
from api.policy import Permission
from api.web.agency_choices import agency_names
from api.web.asked import asks
from api.web.correction_facts import PARTS as PARTS_WORDS
from api.web.correction_facts import field_words, part_heading, value_words
from api.web.correction_listing import summary_row
from api.web.correction_page import Record, ask, case_done, correction_form, facts_shown
from api.web.correction_questions import amount, typed_pounds
from api.web.fields import GovDate
from api.web.formatting import long_date, money
from domain.reviews.state import ReviewState

bp = Blueprint("part_corrections", __name__)
BASE = "/partnerships/<tenant>/corrections/<uuid:review>/parts"


@dataclass(frozen=True)
class Part:
    """One kind of part: the case's list of them, each one's correctable values, its box."""

    listed: Callable[[ReviewState], tuple[Any, ...]]
    values: tuple[str, ...]
    box: Callable[[str], Any]  # the value's name -> the unbound field asking for it
    uses: str


def _date(name: str) -> Any:
    return GovDate(f"The right {PARTS_WORDS['imr'][1].get(name, 'date')}", "the date")


PARTS = {
    "commission": Part(
        lambda case: case.commissions,
        ("cost_pence",),
        lambda _: amount(),
        "The case's page, the Money page and the register of cases will use the corrected cost",
    ),
    "panel_meeting": Part(
        lambda case: case.panel_meetings,
        ("met_on",),
        _date,
        "Timeliness, the regional views and reports will use the corrected date",
    ),
    "imr": Part(
        lambda case: case.imrs,
        ("requested_on", "due_on", "received_on"),
        _date,
        "The case's IMRs, the region's late-IMR table and board papers will use the corrected date",
    ),
}


def part_rows(tenant: str, case: Any, agencies: Callable[[str], str]) -> list[dict[str, Any]]:
    """Each commissioning's agreed cost, each panel meeting's date and each IMR's dates (its
    agency by the directory's name), with a 'Correct' link for each value recorded."""

    def row(field: str, shown: str | None, note: str = "") -> dict[str, Any]:
        url = url_for("web.part_corrections.part", tenant=tenant, review=case.id, field=field)
        return summary_row(
            field_words(field) + note, shown or "Not recorded", url if shown else None
        )

    rows = [
        row(
            f"commission.{n}.cost_pence",
            f"{money(done.cost_pence)} (commissioned {long_date(done.commissioned_on)})",
        )
        for n, done in enumerate(case.commissions, start=1)
    ]
    rows += [
        row(f"panel_meeting.{n}.met_on", long_date(met_on))
        for n, met_on in enumerate(case.panel_meetings, start=1)
    ]
    for n, imr in enumerate(case.imrs, start=1):
        for name in PARTS["imr"].values:
            day = getattr(imr, name)
            rows.append(
                row(
                    f"imr.{n}.{name}", long_date(day) if day else None, f" ({agencies(imr.agency)})"
                )
            )
    return rows


def recorded(case: ReviewState, field: str) -> tuple[Part, str, Any] | None:
    """The kind of part ``field`` names, the value's name and its value recorded now; None if
    the case has no such part or the part no such value."""
    kind, _, rest = field.partition(".")
    number, _, name = rest.partition(".")
    part = PARTS.get(kind)
    if part is None or name not in part.values or not number.isdigit():
        return None
    listed = part.listed(case)
    if not 1 <= int(number) <= len(listed):
        return None
    item = listed[int(number) - 1]
    value = item if kind == "panel_meeting" else getattr(item, name)  # a meeting is its date
    return None if value is None else (part, name, value)


def form_of(field: str) -> FlaskForm | None:
    """The form correcting the value ``field`` names (``imr.2.due_on``): its right value in
    pounds or as a date, and why; None for a value no part has."""
    kind, _, rest = field.partition(".")
    name = rest.partition(".")[2]
    part = PARTS.get(kind)
    if part is None or name not in part.values:
        return None
    money_box = name == "cost_pence"
    return correction_form(part.box(name), "the case's history", "cost" if money_box else "date")


def _asked(args: Mapping[str, Any]) -> FlaskForm | None:
    return form_of(str(args.get("field", "")))


@bp.route(f"{BASE}/<field>", methods=["GET", "POST"])
@asks(_asked)
@requires(Permission.CORRECT)
def part(tenant: str, review: UUID, field: str) -> Any:
    """One part's value put right, with the reason, recorded as a correction of the case."""
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
    found = recorded(case, field)
    if found is None:
        abort(404)
    part, name, value = found
    money_box = name == "cost_pence"
    form = form_of(field)
    caption = f"Case {case.reference}"
    if field.startswith("imr."):
        imr = case.imrs[int(field.split(".")[1]) - 1]
        caption += f", the IMR from {agency_names(tenant)(imr.agency)}"
    shown = facts_shown(
        tenant, review, caption, part_heading(field), value_words(field, value), part.uses
    )

    def correct(form: Any) -> None:
        typed = form.value.pence if money_box else form.value.data.isoformat()
        with platform().ledgers.lease(tenant) as ledger:
            ledger.reviews.correct(review, field, typed, form.reason.data or "")

    initial = typed_pounds(value) if money_box else value
    facts = url_for("web.corrections.facts", tenant=tenant, review=review, corrected=field)
    done = case_done(tenant, review, field, facts)
    return ask(form, shown, Record(case.id, case.version, initial), correct, done)
