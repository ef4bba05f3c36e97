"""Actions on the master plan: progress, evidence, completion, sign-off and impact review."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask_smorest import Blueprint

from api.concurrency import etag_header
from api.context import requires, tenant_ledger
from api.policy import Permission
from api.resources.commands import apply, command
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

blp = Blueprint(
    "actions",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/actions/<uuid:action>",
    description="Actions: from planned to impact-reviewed",
)


def _on(tenant: str, action: UUID, act: Any) -> Any:
    return apply(tenant, lambda lg: lg.get_action(action), act)


@blp.route("", methods=["GET"])
@blp.response(200, ActionOut)
@requires(Permission.CASE_READ)
def get_action(tenant: str, action: UUID) -> Any:
    """One action; its ETag guards every command on it."""
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.get_action(action)
        return found, etag_header(found.version)


@command(blp, "/start", DatedIn, ActionOut)
def start(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Record work on the action started."""
    return _on(tenant, action, lambda lg: lg.start_action(action, data["on"]))


@command(blp, "/progress", ProgressIn, ActionOut)
def progress(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Add a progress update (quarterly updates for the board)."""
    return _on(
        tenant, action, lambda lg: lg.record_action_progress(action, data["on"], data["text"])
    )


@command(blp, "/evidence", EvidenceIn, ActionOut)
def evidence(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Attach a reference to evidence of completion."""
    return _on(
        tenant, action, lambda lg: lg.add_action_evidence(action, data["reference"], data["on"])
    )


@command(blp, "/due-date", DueDateIn, ActionOut)
def change_due_date(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Move the due date, with the reason."""
    return _on(
        tenant,
        action,
        lambda lg: lg.change_action_due_date(action, data["due_on"], data["reason"], data["on"]),
    )


@command(blp, "/completion", DatedIn, ActionOut)
def complete(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Record the action completed; its impact review is scheduled."""
    return _on(tenant, action, lambda lg: lg.complete_action(action, data["on"]))


@command(blp, "/completion-confirmation", DatedIn, ActionOut, Permission.CASE_SIGN_OFF)
def confirm(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """The Head of Community Safety signs completion off (lead only)."""
    return _on(tenant, action, lambda lg: lg.confirm_action_completion(action, data["on"]))


@command(blp, "/not-achievable", ReasonedIn, ActionOut)
def not_achievable(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Close the action as not achievable, with the reason."""
    return _on(
        tenant, action, lambda lg: lg.mark_action_not_achievable(action, data["on"], data["reason"])
    )


@command(blp, "/supersession", SupersedeIn, ActionOut)
def supersede(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Close the action as superseded, optionally by another action."""
    return _on(
        tenant,
        action,
        lambda lg: lg.supersede_action(action, data["on"], data["reason"], data["by_action_id"]),
    )


@command(blp, "/impact-review", ImpactIn, ActionOut)
def impact_review(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Revisit a completed action: is the change embedded in practice?"""
    return _on(
        tenant,
        action,
        lambda lg: lg.review_action_impact(action, data["on"], data["outcome"], data["notes"]),
    )
