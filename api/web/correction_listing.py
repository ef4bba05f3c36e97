"""What the case's corrections page lists beside the case's own facts: each finding, each
recommendation and action with its correctable fields, each recorded cost figure, each with its
'Correct' link, and every correction made on any of them, with the value it replaced."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from flask import url_for

from api.names import actor_name
from api.schemas.history import with_corrections
from api.web.case_forms import COST_WORDS
from api.web.correction_facts import (
    ENTRY_FIELDS,
    FINDING_FIELDS,
    PLAN_FIELDS,
    field_words,
    value_words,
)
from api.web.formatting import mid_sentence, money
from domain.actionplan import ReviewFindings
from domain.funding import ReviewCost
from tenants.ledger import PartnershipLedger

RECOMMENDATION_FIELDS = (
    "reference",
    "text",
    "scope",
    "theme_codes",
    "made_on",
    "target_organisation",
    "target_sector",
)
ACTION_FIELDS = ("owner", "description", "due_on", "completed_on")
Words = Callable[[str, object], str]  # a field's value in words (owners and sectors named)


@dataclass(frozen=True)
class Section:
    """One record's correctable fields as a summary list, under its heading."""

    anchor: str
    heading: str
    rows: list[dict[str, Any]]
    record: UUID


@dataclass(frozen=True)
class Made:
    """One correction made: on what, the value it replaced, the value now, why, who, when."""

    what: str
    was: str
    now: str
    reason: str
    who: str
    at: datetime
    since: str | None  # ISO instant the replaced value was recorded, if known


def summary_row(key: str, value: str, href: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {"key": {"text": key}, "value": {"text": value}}
    if href:
        hidden = " " + mid_sentence(key)
        row["actions"] = {
            "items": [{"href": href, "text": "Correct", "visuallyHiddenText": hidden}]
        }
    return row


def action_name(reference: str, number: int) -> str:
    return f"Recommendation {reference}, action {number}"


def finding_sections(
    tenant: str, review: UUID, findings: ReviewFindings | None, words: Words
) -> list[Section]:
    """Each finding with its text, themes and date, a link per field to correct it."""
    if findings is None:
        return []
    url = "web.plan_corrections.finding"
    return [
        Section(
            f"finding-{item.number}",
            f"Finding {item.number}",
            [
                summary_row(
                    FINDING_FIELDS[f],
                    words(f, getattr(item, f)),
                    url_for(url, tenant=tenant, review=review, number=item.number, field=f),
                )
                for f in FINDING_FIELDS
            ],
            findings.id,
        )
        for item in findings.findings
    ]


def plan_sections(
    tenant: str, review: UUID, plan: list[tuple[Any, list[Any]]], words: Words
) -> list[Section]:
    """Each recommendation, then each of its actions, with a link per field to correct it (a
    completion only once there is one: it cannot be corrected into being)."""
    sections = []
    for rec, actions in plan:
        url = "web.plan_corrections.recommendation"
        rows = [
            summary_row(
                PLAN_FIELDS[f],
                words(f, getattr(rec, f)),
                url_for(url, tenant=tenant, review=review, recommendation=rec.id, field=f),
            )
            for f in RECOMMENDATION_FIELDS
        ]
        sections.append(
            Section(f"recommendation-{rec.id}", f"Recommendation {rec.reference}", rows, rec.id)
        )
        for number, action in enumerate(actions, start=1):
            url = "web.plan_corrections.action"
            rows = [
                summary_row(
                    PLAN_FIELDS[f],
                    words(f, getattr(action, f)),
                    url_for(url, tenant=tenant, review=review, action=action.id, field=f)
                    if getattr(action, f) is not None
                    else None,
                )
                for f in ACTION_FIELDS
            ]
            heading = action_name(rec.reference, number)
            sections.append(Section(f"action-{action.id}", heading, rows, action.id))
    return sections


def cost_rows(tenant: str, review: UUID, cost: ReviewCost | None) -> list[dict[str, Any]]:
    """Each estimate and each cost incurred (by what it pays for) with its 'Correct' link."""
    if cost is None:
        return []
    summary = cost.summary()
    figures = [("estimate", summary.estimates), ("actual", summary.actuals)]
    return [
        summary_row(
            field_words(field),
            value_words(field, pence),
            url_for("web.plan_corrections.cost", tenant=tenant, review=review, figure=field),
        )
        for kind, found in figures
        for category, pence in found
        for field in [f"{kind}.{category}"]
    ]


def incurred_rows(tenant: str, review: UUID, cost: ReviewCost | None) -> list[dict[str, Any]]:
    """Each cost incurred in the order recorded (what it paid for, as recorded), its amount
    and its date each with its 'Correct' link."""
    rows = []
    for entry in cost.incurred if cost else ():
        paid_for = f"{COST_WORDS.get(entry.category, entry.category)}: {entry.description}"
        values = {"amount": f"{money(entry.amount)} ({paid_for})", "incurred_on": entry.incurred_on}
        for name in ENTRY_FIELDS:
            field = f"incurred.{entry.number}.{name}"
            url = url_for("web.plan_corrections.cost", tenant=tenant, review=review, figure=field)
            shown = values[name]
            rows.append(
                summary_row(
                    field_words(field),
                    shown if isinstance(shown, str) else value_words(field, shown),
                    url,
                )
            )
    return rows


def corrections_made(
    ledger: PartnershipLedger, review: UUID, records: Iterable[tuple[UUID, str]], words: Words
) -> list[Made]:
    """Every correction made on the case, its findings, recommendations and actions
    (``records``: each id with its name) and its costs, oldest first."""
    named = [
        (review, ""),
        (ReviewFindings.create_id(review), "Finding"),
        *records,
        (ReviewCost.create_id(review), ""),
    ]
    made = []
    for record, name in named:
        for item in with_corrections(list(ledger.events.get(record))):
            if not isinstance(item, tuple):
                continue
            event, fix = item
            field = fix["field"]
            finding = type(event).__name__ == "FindingCorrected"
            what = field_words(field, finding)
            if finding:
                name = f"Finding {event.number}"
            made.append(
                Made(
                    f"{name}: {what[:1].lower() + what[1:]}" if name else what,
                    words(field, fix["replaced"]),
                    words(field, fix["value"]),
                    fix["reason"],
                    actor_name(event.recorded_by),
                    event.timestamp,
                    fix["replaced_value_recorded_at"],
                )
            )
    return sorted(made, key=lambda m: m.at)
