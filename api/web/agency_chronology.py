"""An agency's chronology entries for a case, one at a time: each added entry brings the form
back empty for the next, with how many the agency has given so far, until it goes on to send
its IMR. The routes join ``agency_work``'s blueprint.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any, cast
from uuid import UUID

from flask import request, url_for

from api.context import requires
from api.policy import Permission
from api.web.agency_work import BASE, _ask, bp
from api.web.chronology import EntryForm
from domain.calendar import uk_today
from tenants.ledger.agency_work import AgencyImr, AgencyWork


class AgencyEntryForm(EntryForm):
    agency = None  # always the user's own agency


@bp.route(BASE + "/cases/<uuid:review>/chronology", methods=["GET", "POST"])
@requires(Permission.AGENCY_WORK)
def entry(tenant: str, review: UUID) -> Any:
    """Add one of the agency's chronology entries to the case's merged chronology."""
    today, form = uk_today(), AgencyEntryForm()

    def load(work: AgencyWork) -> tuple[AgencyImr, int]:
        return work.imr(review, today), work.entries_given(review, today)

    def record(work: AgencyWork) -> None:
        at = (form.occurred_at.data or "").strip()
        work.submit_chronology_entry(
            review,
            cast(date, form.occurred_on.data),
            time.fromisoformat(at.zfill(5)) if at else None,
            form.what_happened.data or "",
            form.source.data or "",
            today,
        )

    return _ask(
        tenant,
        form,
        load,
        record,
        "entry",
        onward=url_for(".entry", tenant=tenant, review=review, done="entry"),
        done=request.args.get("done"),
    )
