"""Recommendations of a review, their national routing, and the actions that implement them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import request
from flask_smorest import Blueprint

from api.concurrency import IDEMPOTENCY_DOC, etag_header
from api.context import current_user, requires, tenant_ledger
from api.idempotency import create_once, fingerprint
from api.policy import Permission
from api.resources.commands import apply, command
from api.resources.region_common import check_partner_name
from api.schemas.actionplan import (
    ActionIn,
    ActionOut,
    NationalResponseIn,
    RecommendationIn,
    RecommendationOut,
    RoutingIn,
)

blp = Blueprint(
    "recommendations",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>",
    description="Recommendations and the actions that implement them",
)


@blp.route("/reviews/<uuid:review>/recommendations", methods=["GET"])
@blp.response(200, RecommendationOut(many=True))
@requires(Permission.CASE_READ)
def list_recommendations(tenant: str, review: UUID) -> Any:
    """A review's recommendations, by reference."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return ledger.recommendations.of_review(review)


@blp.route("/reviews/<uuid:review>/recommendations", methods=["POST"])
@blp.arguments(RecommendationIn)
@blp.response(201, RecommendationOut)
@blp.doc(parameters=[IDEMPOTENCY_DOC])
@requires(Permission.CASE_RECORD)
def make_recommendation(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record a recommendation the review made, with scope, target and themes."""
    args = {**data, "made_on": data["on"]}
    del args["on"]
    with tenant_ledger(tenant) as ledger:
        created, _ = create_once(
            ledger,
            f"recommendations:{review}",
            request.headers.get("Idempotency-Key"),
            fingerprint(str(current_user().id), data),
            "Recommendation",
            lambda: ledger.recommendations.make(review, **args),
        )
        rec = ledger.recommendations.get(UUID(str(created)))
        return rec, etag_header(rec.version)


@blp.route("/recommendations/<uuid:recommendation>", methods=["GET"])
@blp.response(200, RecommendationOut)
@requires(Permission.CASE_READ)
def get_recommendation(tenant: str, recommendation: UUID) -> Any:
    """One recommendation; its ETag guards routing and responses."""
    with tenant_ledger(tenant, writing=False) as ledger:
        rec = ledger.recommendations.get(recommendation)
        return rec, etag_header(rec.version)


def _on_rec(tenant: str, rec: UUID, act: Any) -> Any:
    return apply(tenant, lambda lg: lg.recommendations.get(rec), act)


@command(
    blp, "/recommendations/<uuid:recommendation>/national-routing", RoutingIn, RecommendationOut
)
def route_nationally(data: dict[str, Any], tenant: str, recommendation: UUID) -> Any:
    """Route a national recommendation to a government department."""
    return _on_rec(
        tenant,
        recommendation,
        lambda lg: lg.recommendations.route_nationally(
            recommendation, data["addressee"], data["on"]
        ),
    )


@command(
    blp,
    "/recommendations/<uuid:recommendation>/national-responses",
    NationalResponseIn,
    RecommendationOut,
)
def national_response(data: dict[str, Any], tenant: str, recommendation: UUID) -> Any:
    """Record a national addressee's answer on the Commissioner's scale."""
    return _on_rec(
        tenant,
        recommendation,
        lambda lg: lg.recommendations.record_national_response(
            recommendation, data["status"], data["on"], data["note"]
        ),
    )


@blp.route("/recommendations/<uuid:recommendation>/actions", methods=["GET"])
@blp.response(200, ActionOut(many=True))
@requires(Permission.CASE_READ)
def list_actions(tenant: str, recommendation: UUID) -> Any:
    """The actions implementing a recommendation."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return ledger.actions.of_recommendation(recommendation)


@blp.route("/recommendations/<uuid:recommendation>/actions", methods=["POST"])
@blp.arguments(ActionIn)
@blp.response(201, ActionOut)
@blp.doc(parameters=[IDEMPOTENCY_DOC])
@requires(Permission.CASE_RECORD)
def plan_action(data: dict[str, Any], tenant: str, recommendation: UUID) -> Any:
    """Plan an action: owner agency (from the region's partner directory), description, due date."""
    check_partner_name(tenant, data["owner"])
    with tenant_ledger(tenant) as ledger:
        created, _ = create_once(
            ledger,
            f"actions:{recommendation}",
            request.headers.get("Idempotency-Key"),
            fingerprint(str(current_user().id), data),
            "Action",
            lambda: ledger.actions.plan(
                recommendation, data["owner"], data["description"], data["due_on"]
            ),
        )
        action = ledger.actions.get(UUID(str(created)))
        return action, etag_header(action.version)
