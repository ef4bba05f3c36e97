"""A case's "About the case" summary list: its facts in words, each fact a lead may correct
with a "Change" link into that fact's correction (``api.web.corrections``), and none on a
fact no correction can reach (the reference, the decision's outcome)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import request, url_for

from api.web.case_forms import AGE_BANDS, DEATHS, KINDS, OUTCOMES, RELATIONSHIPS
from api.web.correction_facts import BY_FIELD, field_words
from api.web.formatting import long_date, money
from domain.reviews.correcting import current

Change = Callable[[str], str | None]  # a correctable field -> its correction's address


def _label(choices: list[tuple[str, str]], value: Any) -> str:
    return dict(choices).get(str(getattr(value, "value", value) or ""), "Not recorded")


def _sex(review: Any) -> str:
    return (
        review.victim_sex.value.replace("_", " ").capitalize()
        if review.victim_sex
        else "Not recorded"
    )


def changes(tenant: str, review: Any) -> Change:
    """Where "Change" leads for each field: its own correction form while a value is recorded
    (the facts page offers no correction of a value never recorded, so neither does this);
    the agreed cost to its one commissioning's, or to the list when there were several. A form
    reached from here comes back here (``from=case``), with a banner naming the correction."""
    here: dict[str, Any] = {"from": "case"}  # "from" is a keyword: passed as a mapping

    def change(field: str) -> str | None:
        if field == "agreed_cost":
            if len(review.commissions) == 1:
                one = "commission.1.cost_pence"
                return url_for(
                    "web.part_corrections.part", tenant=tenant, review=review.id, field=one, **here
                )
            return url_for(
                "web.corrections.facts", tenant=tenant, review=review.id, _anchor="parts"
            )
        if current(review, field) is None:
            return None
        return url_for(
            "web.corrections.correct", tenant=tenant, review=review.id, field=field, **here
        )

    return change


def corrected_here(review: Any) -> str:
    """The fact a correction opened by a "Change" link just put right (``?corrected=``), in
    words for the case page's banner; empty for any other address."""
    field = request.args.get("corrected", "")
    agreed = [f"commission.{n}.cost_pence" for n in range(1, len(review.commissions) + 1)]
    return field_words(field) if field in BY_FIELD or field in agreed else ""


def facts(review: Any, change: Change | None = None) -> list[dict[str, Any]]:
    """The summary list's rows; ``change`` (for a lead) gives each correctable fact its link."""
    rows: list[tuple[str, str, str | None]] = [  # key, value, the field a correction names
        ("Reference", review.reference, None),
        ("Pseudonym", review.pseudonym, "pseudonym"),
        ("Kind of review", _label(KINDS, review.kind), "kind"),
        ("How the person died", _label(DEATHS, review.death_category), "death_category"),
        ("Date of the death", long_date(review.incident_on), "incident_on"),
        ("Date notified", long_date(review.notified_on), "notified_on"),
        ("Age", _label(AGE_BANDS, review.victim_age_band), "victim_age_band"),
        ("Sex", _sex(review), "victim_sex"),
        (
            "Perpetrator's relationship",
            _label(RELATIONSHIPS, review.perpetrator_relationship),
            "perpetrator_relationship",
        ),
    ]
    if review.decision:  # no correction reaches the outcome; one reaches its date
        rows.append(("Decision", _label(OUTCOMES, review.decision.outcome), None))
        rows.append(("Date of the decision", long_date(review.decision.decided_on), "decided_on"))
    if review.commissions:
        rows.append(("Agreed cost", money(review.agreed_cost_pence), "agreed_cost"))
    return [
        _row(key, value, change(field) if change and field else None) for key, value, field in rows
    ]


def _row(key: str, value: str, href: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {"key": {"text": key}, "value": {"text": value}}
    if href:
        hidden = key[:1].lower() + key[1:]
        row["actions"] = {"items": [{"href": href, "text": "Change", "visuallyHiddenText": hidden}]}
    return row
