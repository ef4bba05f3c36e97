"""People with access to a partnership, for its lead: who reaches its records, and removing a
leaver who worked for it alone (the administrator's deactivation, recorded by the lead)."""

from __future__ import annotations

from typing import Any

from api.context import current_user, platform
from api.people import people_reaching, person
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import recording
from api.resources.reads import query
from api.resources.research import agreements
from api.schemas.common import ReasonIn
from api.schemas.people import PersonOut
from tenants.users.leavers import remove_leaver

blp = api_blueprint(
    "people", "/tenants/<tenant>/people", "Who can reach a partnership's records, for its lead"
)


@query(blp, "", PersonOut(many=True), Permission.PEOPLE)
def list_people(tenant: str) -> Any:
    """Everyone whose access reaches the partnership's records, and what it lets them see."""
    return people_reaching(platform(), current_user(), tenant, agreements().of_region)


@recording(blp, "/<name>/deactivation", ReasonIn, PersonOut, Permission.PEOPLE)
def deactivate_leaver(data: dict[str, Any], tenant: str, name: str) -> Any:
    """Deactivate a leaver who worked for this partnership alone; tokens are revoked."""
    removed = remove_leaver(platform().access, current_user(), tenant, name, **data)
    return person(platform(), current_user(), tenant, removed)
