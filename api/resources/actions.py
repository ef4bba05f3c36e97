"""Actions on the master plan: progress, evidence, completion, sign-off and impact review."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import Command, on_tenant, register
from api.resources.reads import query, read_one
from api.schemas.actionplan import (
    ActionOut,
    DueDateIn,
    EvidenceIn,
    ImpactIn,
    ProgressIn,
    ReasonedIn,
    SupersedeIn,
)
from api.schemas.common import DatedIn

blp = api_blueprint(
    "actions", "/tenants/<tenant>/actions/<uuid:action>", "Actions: from planned to impact-reviewed"
)


_on = on_tenant("actions.get")


@query(blp, "", ActionOut)
def get_action(tenant: str, action: UUID) -> Any:
    """One action; its ETag guards every command on it."""
    return read_one(tenant, lambda ledger: ledger.actions.get(action))


ACTION_COMMANDS = (
    Command(
        "start",
        "/start",
        DatedIn(rename={"on": "started_on"}),
        "actions.start",
        "Record work on the action started.",
    ),
    Command(
        "progress",
        "/progress",
        ProgressIn,
        "actions.record_progress",
        "Add a progress update (quarterly updates for the board).",
    ),
    Command(
        "evidence",
        "/evidence",
        EvidenceIn,
        "actions.add_evidence",
        "Attach a reference to evidence of completion.",
    ),
    Command(
        "change_due_date",
        "/due-date",
        DueDateIn,
        "actions.change_due_date",
        "Move the due date, with the reason.",
    ),
    Command(
        "complete",
        "/completion",
        DatedIn(rename={"on": "completed_on"}),
        "actions.complete",
        "Record the action completed; its impact review is scheduled.",
    ),
    Command(
        "confirm",
        "/completion-confirmation",
        DatedIn(rename={"on": "confirmed_on"}),
        "actions.confirm_completion",
        "The Head of Community Safety signs completion off (lead only).",
        Permission.CASE_SIGN_OFF,
    ),
    Command(
        "not_achievable",
        "/not-achievable",
        ReasonedIn,
        "actions.mark_not_achievable",
        "Close the action as not achievable, with the reason.",
    ),
    Command(
        "supersede",
        "/supersession",
        SupersedeIn,
        "actions.supersede",
        "Close the action as superseded, optionally by another action.",
    ),
    Command(
        "impact_review",
        "/impact-review",
        ImpactIn,
        "actions.review_impact",
        "Revisit a completed action: is the change embedded in practice?",
    ),
)
register(blp, ActionOut, _on, ("tenant", "action"), Permission.CASE_RECORD, ACTION_COMMANDS)
