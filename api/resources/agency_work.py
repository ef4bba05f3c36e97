"""An agency's own work: its actions and IMRs in a partnership (or across its region).

Only the ``agency_contributor`` role reaches these routes; every other route answers it 403
(or 404 out of scope). Each view works through ``tenants.ledger.agency_work.AgencyWork``,
which answers another agency's record as not found.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from api.concurrency import etag_header
from api.context import current_user, platform, tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import apply, command, recording
from api.resources.reads import query
from api.resources.region_common import region_ledger
from api.schemas.actionplan import ActionOut, EvidenceIn, ProgressIn
from api.schemas.agency_work import (
    AgencyEntryIn,
    AgencyImrExtensionIn,
    AgencyImrIn,
    AgencyImrOut,
    AgencyWorkOut,
)
from api.schemas.chronology import EntryNumberOut
from api.schemas.common import DatedIn
from domain.calendar import uk_today
from domain.region import PartnerDirectory
from tenants.ledger.agency_work import AgencyWork
from tenants.model import TenantStatus
from tenants.unreadable import LeftOut

blp = api_blueprint(
    "agency-work", "", "A partner agency's own actions, IMRs and chronology entries"
)
TENANT = "/tenants/<tenant>/agency-work"


def directory_of(region: str) -> PartnerDirectory:
    with region_ledger(region, writing=False) as ledger:
        return ledger.partners.directory()


@contextmanager
def agency_work(tenant: str, *, writing: bool = True) -> Iterator[AgencyWork]:
    region = platform().registry.recent_tenant(tenant).region
    directory = directory_of(region)
    with tenant_ledger(tenant, writing=writing) as ledger:
        yield AgencyWork(ledger, directory, current_user().agency)


def listing(tenant: str, work: AgencyWork) -> dict[str, Any]:
    today = uk_today()
    key = current_user().agency
    found = work.directory.partners.get(key)
    left_out = LeftOut("the API's agency work", tenant)
    return {
        "agency": key,
        "agency_name": found.name if found else key,
        "tenant": tenant,
        "actions": work.actions(today, left_out),
        "imrs": work.imrs(today, left_out),
        "unreadable": left_out.count,
    }


@query(blp, TENANT, AgencyWorkOut, Permission.AGENCY_WORK)
def tenant_work(tenant: str) -> Any:
    """The agency's actions and IMRs in this partnership."""
    with agency_work(tenant, writing=False) as work:
        return listing(tenant, work)


@query(blp, "/regions/<region>/agency-work", AgencyWorkOut(many=True), Permission.AGENCY_WORK)
def region_work(region: str) -> Any:
    """The agency's actions and IMRs in each partnership of the region it may reach."""
    user = current_user()
    reachable = [
        t.slug
        for t in platform().registry.tenants()
        if t.region == region
        and (region in user.regions or t.slug in user.tenants)
        and t.status is not TenantStatus.COPY  # its work is its partnership's, done there
    ]
    answers = []
    for tenant in sorted(reachable):
        with agency_work(tenant, writing=False) as work:
            answers.append(listing(tenant, work))
    return answers


@query(blp, TENANT + "/actions/<uuid:action>", ActionOut, Permission.AGENCY_WORK)
def get_action(tenant: str, action: UUID) -> Any:
    """One of the agency's actions; its ETag guards the agency's updates to it."""
    with agency_work(tenant, writing=False) as work:
        found = work.action(action)
        return found, etag_header(found.version)


@command(blp, TENANT + "/actions/<uuid:action>/start", DatedIn, ActionOut, Permission.AGENCY_WORK)
def start(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Record that the agency started work on its action."""
    return _on(tenant, action, lambda w: w.start_action(action, **data))


@command(
    blp, TENANT + "/actions/<uuid:action>/progress", ProgressIn, ActionOut, Permission.AGENCY_WORK
)
def progress(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Add the agency's progress update to its action."""
    return _on(tenant, action, lambda w: w.record_progress(action, **data))


@command(
    blp, TENANT + "/actions/<uuid:action>/evidence", EvidenceIn, ActionOut, Permission.AGENCY_WORK
)
def evidence(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Add a reference to the evidence that the agency's action is done."""
    return _on(tenant, action, lambda w: w.add_evidence(action, **data))


@command(
    blp,
    TENANT + "/actions/<uuid:action>/completion",
    DatedIn(rename={"on": "completed_on"}),
    ActionOut,
    Permission.AGENCY_WORK,
)
def complete(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Record the agency's action complete; the partnership's lead signs completion off."""
    return _on(tenant, action, lambda w: w.complete(action, **data))


def _on(tenant: str, action: UUID, act: Any) -> Any:
    region = platform().registry.recent_tenant(tenant).region
    directory, agency = directory_of(region), current_user().agency
    return apply(
        tenant,
        lambda lg: AgencyWork(lg, directory, agency).action(action),
        lambda lg: act(AgencyWork(lg, directory, agency)),
    )


@query(blp, TENANT + "/reviews/<uuid:review>/imr", AgencyImrOut, Permission.AGENCY_WORK)
def imr(tenant: str, review: UUID) -> Any:
    """The IMR the agency was asked for on this case, with its clock."""
    with agency_work(tenant, writing=False) as work:
        return work.imr(review, uk_today())


@recording(
    blp,
    TENANT + "/reviews/<uuid:review>/imr-submissions",
    AgencyImrIn,
    AgencyImrOut,
    Permission.AGENCY_WORK,
)
def submit_imr(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Send the agency's IMR to the panel (again, once it was returned for more work)."""
    with agency_work(tenant) as work:
        return work.submit_imr(review, **data, today=uk_today())


@recording(
    blp,
    TENANT + "/reviews/<uuid:review>/imr-extension-requests",
    AgencyImrExtensionIn,
    AgencyImrOut,
    Permission.AGENCY_WORK,
)
def ask_for_more_time(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Ask the panel for more time for the agency's IMR; the panel agrees or refuses."""
    with agency_work(tenant) as work:
        return work.ask_for_more_time(review, **data, today=uk_today())


@recording(
    blp,
    TENANT + "/reviews/<uuid:review>/chronology-entries",
    AgencyEntryIn,
    EntryNumberOut,
    Permission.AGENCY_WORK,
    status=201,
)
def submit_entry(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Add one of the agency's chronology entries to the case's merged chronology."""
    with agency_work(tenant) as work:
        number = work.submit_chronology_entry(review, **data, today=uk_today())
    return {"number": number}
