"""The regional views' state for platform administrators: lag, and events set aside.

Event types, positions and errors only (the errors' quoted values are blanked), never case
content, so the platform role that sees no case data can still see what needs fixing.
"""

from __future__ import annotations

from typing import Any

from api.context import platform
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.reads import query
from api.resources.views import primary_views
from api.schemas.projections import ViewStateOut
from projections.status import status

blp = api_blueprint(
    "projections", "/projections", "Regional views: lag and set-aside events (platform admin)"
)


@query(blp, "/status", ViewStateOut(many=True), Permission.ADMIN)
def projection_status() -> Any:
    """Each read model (and the relay): its lag, and the events it set aside.

    Fix what the errors say, then run `ledger projections retry`.
    """
    return [
        {
            "name": v.name,
            "generation": v.generation,
            "version": v.version,
            "code_version": v.code_version,
            "lag": sum(s.lag for s in v.sources),
            "tenants_behind": sum(1 for s in v.sources if s.lag),
            "set_aside": [
                {
                    "tenant": d.tenant,
                    "position": d.position,
                    "event_type": d.event_type,
                    "error": d.error,
                    "set_aside_at": d.set_aside_at,
                    "attempts": d.attempts,
                }
                for d in v.set_aside
            ],
        }
        for v in status(primary_views(), platform())
    ]
