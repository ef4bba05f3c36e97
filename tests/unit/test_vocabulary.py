"""Every coded value people read has one name, used by pages, spreadsheets and imports alike."""

from __future__ import annotations

from enum import StrEnum

import pytest

from api import vocabulary
from api.imports.sheets import CASES
from api.tables.registers import ACTION_PLAN, RECOMMENDATIONS
from api.tables.registers import CASES as CASE_REGISTER
from api.web.case_forms import KINDS
from api.web.case_tasks import status_tag
from domain.actionplan.values import ActionStatus, ImplementationStatus, Scope
from domain.learning.outcomes import Outcome
from domain.reviews.values import (
    DeathCategory,
    DecisionOutcome,
    Relationship,
    ReviewKind,
    ReviewStatus,
)


@pytest.mark.parametrize(
    ("names", "codes"),
    [
        (vocabulary.REVIEW_KINDS, ReviewKind),
        (vocabulary.DECISIONS, DecisionOutcome),
        (vocabulary.DEATH_CATEGORIES, DeathCategory),
        (vocabulary.RELATIONSHIPS, Relationship),
        (vocabulary.REVIEW_STATUSES, ReviewStatus),
        (vocabulary.ACTION_STATUSES, ActionStatus),
        (vocabulary.SCOPES, Scope),
        (vocabulary.NATIONAL_STATUSES, ImplementationStatus),
        (vocabulary.LEARNING_OUTCOMES, Outcome),
    ],
)
def test_every_code_has_a_name_and_no_two_codes_share_one(
    names: vocabulary.Names, codes: type[StrEnum]
) -> None:
    assert set(names) == {member.value for member in codes}
    assert len(set(names.values())) == len(names)


def test_the_page_the_register_and_the_import_say_the_same_words() -> None:
    row = {"kind": "joint_with_sar", "status": "feedback_received"}
    kind, status = (c for c in CASE_REGISTER.sections[0].columns if c.key in row)
    said = "Joint review with a Safeguarding Adults Review"
    assert kind.value(row) == dict(KINDS)["joint_with_sar"] == said
    assert status.value(row) == status_tag("feedback_received")["text"] == "Feedback to answer"
    assert CASES.field("kind").read(said) == "joint_with_sar"
    action_status = next(c for c in ACTION_PLAN.sections[0].columns if c.key == "status")
    assert action_status.value({"status": "completion_confirmed"}) == "Signed off"


def test_a_code_with_no_name_reads_as_its_words() -> None:
    assert vocabulary.named(vocabulary.REVIEW_KINDS, "a_new_kind") == "a new kind"


def test_the_recommendations_register_names_a_national_bodys_response() -> None:
    column = next(c for c in RECOMMENDATIONS.sections[0].columns if c.key == "national_status")
    assert column.value({"national_status": "partly_met"}) == "Partly met"


def test_what_became_of_a_recommendation_reads_in_words_as_the_national_export_codes_it() -> None:
    """A research extract's action outcome, impact and national status, named for its
    workbook: every code the national export's schema allows has one name, none shared."""
    from domain.learning.national_schema import row_schema

    allowed = row_schema()["properties"]
    for key, names in (
        ("action_outcome", vocabulary.ACTION_OUTCOMES),
        ("impact", vocabulary.IMPACTS),
        ("national_status", vocabulary.NATIONAL_ROUTING),
    ):
        assert set(names) == set(allowed[key]["enum"]) - {None}
        assert len(set(names.values())) == len(names)
