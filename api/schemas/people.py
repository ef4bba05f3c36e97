"""People with access to a partnership, as its lead sees them (``api/people.py``)."""

from __future__ import annotations

from typing import Any

from marshmallow import fields

from api.names import actor_name
from api.schemas.common import Out
from tenants.users import Role


class AgreementReachOut(Out):
    reference = fields.String()
    reviews = fields.Integer(metadata={"description": "how many of this partnership's reviews"})
    status = fields.String(metadata={"description": "in_force, expired or revoked"})
    expires_on = fields.Date()
    revoked_on = fields.Date(allow_none=True)


class PersonOut(Out):
    name = fields.String(attribute="user.name", metadata={"description": "their user name"})
    display_name = fields.String(attribute="user.shown_as")
    role = fields.Enum(Role, by_value=True, attribute="user.role")
    agency = fields.String(
        attribute="user.agency", metadata={"description": "an agency contributor's agency key"}
    )
    tenants = fields.List(
        fields.String(),
        attribute="places.tenants",
        metadata={"description": "the partnerships their grants name that you may know of"},
    )
    regions = fields.List(
        fields.String(),
        attribute="places.regions",
        metadata={"description": "the regions their grants name that you may know of"},
    )
    other_places = fields.Integer(
        attribute="places.others",
        metadata={
            "description": "how many more partnerships and regions their grants name, outside "
            "your own partnership and region: counted, not named"
        },
    )
    own = fields.Boolean(
        metadata={"description": "works for this partnership alone (its officers, leads, agency)"}
    )
    sees = fields.String(metadata={"description": "what their role lets them see here"})
    agreements = fields.List(
        fields.Nested(AgreementReachOut),
        metadata={
            "description": "a researcher's data-sharing agreements covering this partnership's "
            "reviews, newest signed first"
        },
    )
    active = fields.Boolean(attribute="user.active")
    last_signed_in = fields.DateTime(
        allow_none=True, metadata={"description": "their last complete sign-in to the pages"}
    )
    two_factor = fields.Boolean(metadata={"description": "two-factor sign-in is set up"})
    two_factor_required = fields.Boolean(
        metadata={"description": "their role cannot sign in to the pages without two-factor"}
    )
    deactivated = fields.Method("_deactivated", allow_none=True)
    removable = fields.Method(
        "_removable", metadata={"description": "this lead may deactivate them (a leaver)"}
    )
    cannot_remove = fields.String(
        metadata={"description": "why only the platform administrator may; empty when removable"}
    )

    def _deactivated(self, person: Any) -> dict[str, Any] | None:
        """When, by whom (a display name) and why they were deactivated."""
        done = person.deactivated
        if done is None:
            return None
        return {"at": done.at.isoformat(), "by": actor_name(done.by), "reason": done.reason}

    def _removable(self, person: Any) -> bool:
        return not person.cannot_remove
