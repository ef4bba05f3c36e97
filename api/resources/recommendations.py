"""Recommendations of a review, their national routing, and the actions that implement them."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any
from uuid import UUID

from api.context import tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import Command, created_once, creation, on_tenant, register
from api.resources.reads import query, read, read_one
from api.resources.region_common import check_partner_name
from api.schemas.actionplan import (
    ActionIn,
    ActionOut,
    NamedRecommendationOut,
    NationalResponseIn,
    RecommendationIn,
    RecommendationOut,
    RoutingIn,
)
from domain.actionplan import Recommendation
from tenants.ledger import PartnershipLedger

blp = api_blueprint(
    "recommendations", "/tenants/<tenant>", "Recommendations and the actions that implement them"
)
REC_IN, ACTION_IN = RecommendationIn(), ActionIn()


class NamedRecommendation:
    """A recommendation as a list shows it: its themes and sector named by the partnership's
    taxonomy beside their codes (its register's Themes column reads the names)."""

    def __init__(self, recommendation: Recommendation, labels: Mapping[str, str]) -> None:
        self._recommendation, self._labels = recommendation, labels

    def __getattr__(self, name: str) -> Any:
        return getattr(self._recommendation, name)

    @property
    def theme_names(self) -> tuple[str, ...]:
        return self._recommendation.theme_names(self._labels)

    @property
    def target_sector_name(self) -> str | None:
        return self._recommendation.target_sector_name(self._labels)


@query(blp, "/reviews/<uuid:review>/recommendations", NamedRecommendationOut(many=True))
def list_recommendations(tenant: str, review: UUID) -> Any:
    """A review's recommendations, by reference, their themes and sector named too."""

    def named(ledger: PartnershipLedger) -> list[NamedRecommendation]:
        labels = ledger.themes.labels()
        return [NamedRecommendation(r, labels) for r in ledger.recommendations.of_review(review)]

    return read(tenant, named)


@creation(blp, "/reviews/<uuid:review>/recommendations", REC_IN, RecommendationOut)
def make_recommendation(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record a recommendation the review made, with scope, target and themes."""
    with tenant_ledger(tenant) as ledger:
        return created_once(
            ledger,
            f"recommendations:{review}",
            "Recommendation",
            REC_IN,
            data,
            partial(ledger.recommendations.make, review),
            ledger.recommendations.get,
        )


@query(blp, "/recommendations/<uuid:recommendation>", RecommendationOut)
def get_recommendation(tenant: str, recommendation: UUID) -> Any:
    """One recommendation; its ETag guards routing and responses."""
    return read_one(tenant, lambda ledger: ledger.recommendations.get(recommendation))


REC = "/recommendations/<uuid:recommendation>"
NATIONAL_COMMANDS = (
    Command(
        "route_nationally",
        f"{REC}/national-routing",
        RoutingIn,
        "recommendations.route_nationally",
        "Route a national recommendation to a government department.",
    ),
    Command(
        "national_response",
        f"{REC}/national-responses",
        NationalResponseIn,
        "recommendations.record_national_response",
        "Record a national addressee's answer on the Commissioner's scale.",
    ),
)
register(
    blp,
    RecommendationOut,
    on_tenant("recommendations.get"),
    ("tenant", "recommendation"),
    Permission.CASE_RECORD,
    NATIONAL_COMMANDS,
)


@query(blp, "/recommendations/<uuid:recommendation>/actions", ActionOut(many=True))
def list_actions(tenant: str, recommendation: UUID) -> Any:
    """The actions implementing a recommendation."""
    return read(tenant, lambda ledger: ledger.actions.of_recommendation(recommendation))


@creation(blp, "/recommendations/<uuid:recommendation>/actions", ACTION_IN, ActionOut)
def plan_action(data: dict[str, Any], tenant: str, recommendation: UUID) -> Any:
    """Plan an action: owner agency (from the region's partner directory), description, due date."""
    check_partner_name(tenant, data["owner"])
    with tenant_ledger(tenant) as ledger:
        return created_once(
            ledger,
            f"actions:{recommendation}",
            "Action",
            ACTION_IN,
            data,
            partial(ledger.actions.plan, recommendation),
            ledger.actions.get,
        )
