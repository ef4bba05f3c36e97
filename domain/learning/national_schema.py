"""The published JSON Schema of the national learning export: closed (no property beyond the
listed categories), so a row that would carry free text, a name or a date fails validation."""

from __future__ import annotations

from typing import Any

from domain.actionplan import ImplementationStatus, Scope
from domain.learning.national import (
    ACTION_OUTCOMES,
    DIMENSIONS,
    IMPACTS,
    MINIMUM_CASES,
    NOT_RECORDED,
    RECOMMENDATION_TABLES,
    REVIEW_TABLES,
)
from domain.reviews import AgeBand, DeathCategory, Relationship, ReviewKind

SCHEMA_ID = "https://partnership-ledger.example/schemas/national-learning-export/2.json"
CODE = {"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", "maxLength": 80}


def _choice(values: list[str]) -> dict[str, Any]:
    return {"type": ["string", "null"], "enum": [*values, None]}


def _dimensions() -> dict[str, Any]:
    return {
        "year": {"type": ["integer", "null"], "minimum": 2011, "maximum": 2100},
        "region": {**CODE, "type": ["string", "null"]},
        "review_kind": _choice([k.value for k in ReviewKind]),
        "death_category": _choice([c.value for c in DeathCategory] + [NOT_RECORDED]),
        "age_band": _choice([a.value for a in AgeBand] + [NOT_RECORDED]),
        "relationship": _choice([r.value for r in Relationship] + [NOT_RECORDED]),
        "theme": {**CODE, "type": ["string", "null"]},
        "addressee": {
            "type": ["string", "null"],
            "anyOf": [{**CODE, "type": "string"}, {"enum": [NOT_RECORDED]}, {"type": "null"}],
        },
        "scope": _choice([s.value for s in Scope]),
        "action_outcome": _choice(list(ACTION_OUTCOMES)),
        "impact": _choice(list(IMPACTS)),
        "national_status": _choice([s.value for s in ImplementationStatus] + ["not_routed"]),
    }


def row_schema() -> dict[str, Any]:
    count = {"type": ["integer", "null"], "minimum": MINIMUM_CASES}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["table", *DIMENSIONS, "cases", "recommendations", "suppressed"],
        "properties": {
            "table": {"enum": [*REVIEW_TABLES, *RECOMMENDATION_TABLES]},
            **_dimensions(),
            "cases": count,
            "recommendations": {"type": ["integer", "null"], "minimum": 0},
            "suppressed": {"type": "boolean"},
        },
    }


def export_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Partnership Ledger national learning export",
        "description": (
            "Counts of DHR cases and recommendations by Home Office DHR Library theme and "
            "addressee, action outcome, impact and the Domestic Abuse Commissioner's status "
            f"scale. Cells of fewer than {MINIMUM_CASES} cases are suppressed (counts null). "
            "A recommendation with several themes counts once under each."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["since", "minimum_cases", "unreadable", "rows"],
        "properties": {
            "since": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
            "minimum_cases": {"const": MINIMUM_CASES},
            "unreadable": {
                "type": "integer",
                "minimum": 0,
                "description": "Records left out of the counts because one of their stored "
                "events cannot be read (logged for the platform operator); 0 when none.",
            },
            "rows": {"type": "array", "items": row_schema()},
        },
    }
