"""An auditor takes a tenant's verifiable history away: the audit bundle, as a zip download.

The guard records the download in the auditor's read log (like every audited read); the
export is also recorded beside the tenant's seals, with the head link it carried.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Response
from marshmallow import fields

from api.context import current_user, platform, requires
from api.file_names import audit_bundle_name
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.schemas.common import In
from tenants.bundles.logging import export_bundle

blp = api_blueprint(
    "audit-bundle",
    "/tenants/<tenant>/audit",
    "Audit bundles: the tenant's history, verifiable offline",
)


class BundleIn(In):
    # 'from' is a Python keyword: the query parameter is 'from', the argument 'since'
    since = fields.Date(
        load_default=None,
        data_key="from",
        metadata={"description": "only events recorded from this day (UTC) on; default: all"},
    )


@blp.route("/bundle", methods=["GET"])
@blp.arguments(BundleIn, location="query")
@blp.doc(responses={"200": {"description": "the bundle (zip)", "content": {"application/zip": {}}}})
@requires(Permission.AUDIT_EXPORT)
def audit_bundle(args: dict[str, Any], tenant: str) -> Any:
    """The tenant's events as stored, its seals and chain links, and a stand-alone verifier."""
    user = current_user()
    exported_for = f"auditor:{user.name}"
    buffer = io.BytesIO()
    done = export_bundle(platform(), tenant, buffer, exported_for, args["since"])
    name = audit_bundle_name(tenant, args["since"], done)
    return Response(
        buffer.getvalue(),
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
