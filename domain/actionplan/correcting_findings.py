"""Correcting a mis-keyed finding of a review, with the reason: its text, its themes or the
day it was recorded, each held to the rule that first recorded it (some text; at least one
theme, any added known to the taxonomy and not retired; a day not before the case's incident
nor after today). A theme already on the finding may stay though retired since, as it may on
the record itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any

from domain import correcting as c
from domain.actionplan.correcting import Taggable
from domain.actionplan.values import Finding
from domain.dating import check_happened, check_since_incident
from domain.errors import NotFoundError
from domain.texts import WRITTEN
from domain.themes import ThemeKind

FINDING_FIELDS: dict[str, c.Parser] = {
    "text": c.a_text(WRITTEN),
    "theme_codes": c.codes,
    "recorded_on": c.a_date,
}


def numbered(findings: Sequence[Finding], number: object) -> Finding:
    """The review's finding of that number, or refused saying which numbers there are."""
    found = next((f for f in findings if f.number == number), None)
    if found is None or isinstance(number, bool):
        count = len(findings)
        there = f"its findings are numbered 1 to {count}" if count else "it has no findings yet"
        raise NotFoundError(f"The review has no finding {number}: {there}.")
    return found


def correct_finding(
    findings: Sequence[Finding],
    number: object,
    field: str,
    value: object,
    reason: str,
    incident_on: date,
    themes: Taggable | None = None,
) -> tuple[int, str, Any, Any, str]:
    """Checks ``ReviewFindings.correct_finding`` (``incident_on``: the case's; ``themes``: the
    tenant's taxonomy); returns the ``FindingCorrected`` event's arguments."""
    finding = numbered(findings, number)
    field, new, previous, why = c.proposed(
        finding, field, value, reason, FINDING_FIELDS, "a finding"
    )
    c.unchanged(field.replace("_", " "), previous, new)
    if field == "recorded_on":
        check_happened(new, "The finding")
        check_since_incident(new, incident_on, "The finding")
    if field == "theme_codes" and themes is not None:
        themes.check_taggable([t for t in new if t not in previous], ThemeKind.THEME)
    return finding.number, field, new, previous, why


def corrected(
    findings: Sequence[Finding], number: int, field: str, value: Any
) -> tuple[Finding, ...]:
    """The body of ``FindingCorrected``: the findings with that one's field replaced (a stored
    event gives codes back as a list)."""
    value = tuple(value) if field == "theme_codes" else value
    return tuple(
        dataclasses.replace(f, **{field: value}) if f.number == number else f for f in findings
    )
