"""Correcting, from the browser, a case's parts that come several to a case: a commissioning's
agreed cost (typed in pounds). One form per value, as the case's own facts are corrected
(``correction_page``), running the same use case as the API (``ledger.reviews.correct``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, url_for

from api.context import platform, requires
from api.policy import Permission
from api.web.correction_facts import field_words, part_heading, value_words
from api.web.correction_listing import summary_row
from api.web.correction_page import Record, Shown, ask, correction_form
from api.web.correction_questions import amount, typed_pounds
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


PARTS = {
    "commission": Part(
        lambda case: case.commissions,
        ("cost_pence",),
        lambda _: amount(),
        "The case's page, the Money page and the register of cases will use the corrected cost",
    ),
}


def part_rows(tenant: str, case: Any) -> list[dict[str, Any]]:
    """Each commissioning's agreed cost, with its 'Correct' link."""
    return [
        summary_row(
            field_words(field),
            f"{money(done.cost_pence)} (commissioned {long_date(done.commissioned_on)})",
            url_for("web.part_corrections.part", tenant=tenant, review=case.id, field=field),
        )
        for number, done in enumerate(case.commissions, start=1)
        for field in [f"commission.{number}.cost_pence"]
    ]


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
    value = getattr(listed[int(number) - 1], name)
    return None if value is None else (part, name, value)


@bp.route(f"{BASE}/<field>", methods=["GET", "POST"])
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
    form = correction_form(part.box(name), "the case's history", "cost" if money_box else "date")
    shown = Shown(
        f"Case {case.reference}",
        part_heading(field),
        value_words(field, value),
        url_for("web.corrections.facts", tenant=tenant, review=review),
        "Facts of the case",
        part.uses,
    )

    def correct(form: Any) -> None:
        typed = form.value.pence if money_box else form.value.data.isoformat()
        with platform().ledgers.lease(tenant) as ledger:
            ledger.reviews.correct(review, field, typed, form.reason.data or "")

    initial = typed_pounds(value) if money_box else value
    done = url_for("web.corrections.facts", tenant=tenant, review=review, corrected=field)
    return ask(form, shown, Record(case.id, case.version, initial), correct, done)
