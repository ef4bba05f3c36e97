"""``PlanSettings``: a tenant's action-plan settings, recorded like everything else."""

from __future__ import annotations

from eventsourcing.domain import event

from domain.errors import InvalidValueError
from domain.recording import TenantRecord
from domain.texts import required_text

DEFAULT_IMPACT_REVIEW_MONTHS = 6


class PlanSettings(TenantRecord):
    KIND = "plan-settings"

    @event("Started")
    def __init__(self, tenant_slug: str) -> None:
        self.tenant_slug = tenant_slug
        self.impact_review_months = DEFAULT_IMPACT_REVIEW_MONTHS

    def set_impact_review_interval(self, months: int, reason: str) -> None:
        """How long after completion an action's impact is reviewed (default 6 months)."""
        if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 36:
            raise InvalidValueError("The impact review interval must be 1 to 36 whole months.")
        if months == self.impact_review_months:
            raise InvalidValueError(f"The interval is already {months} months.")
        reason = required_text(reason, "Say why the impact review interval changes.")
        self._set_interval(months=months, reason=reason)

    @event("ImpactReviewIntervalSet")
    def _set_interval(self, months: int, reason: str) -> None:
        self.impact_review_months = months
