"""IMR authors' contacts (name, email, phone): personal data kept in the case's vault.

Read and recorded by the partnership's officers and lead only (``PERSONAL_DATA``), every
read logged as the vault's are; an IMR request may carry the contact in the same call.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.concurrency import etag_header, if_match_once_stored
from api.context import tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import replacement
from api.resources.reads import logged_read, query
from api.schemas.imr_contacts import AgencyContactIn, ContactOut
from domain.calendar import uk_today
from domain.vault.imr_contacts import ImrAuthorContacts, ImrContact
from tenants.ledger.imr_contacts import ImrContacts

blp = api_blueprint(
    "imr-contacts",
    "/tenants/<tenant>/reviews/<uuid:review>/imr-contacts",
    "IMR authors' contacts, sealed in the case's vault",
)


def answer(found: dict[str, ImrContact]) -> list[dict[str, str]]:
    return [{"agency": agency, **c.to_json()} for agency, c in sorted(found.items())]


@query(blp, "", ContactOut(many=True), Permission.PERSONAL_DATA)
def list_contacts(tenant: str, review: UUID) -> Any:
    """Each IMR author's contact; the read is logged against the reader. Its ETag ("0" while
    none is recorded) guards recording one."""
    with tenant_ledger(tenant, writing=False) as ledger:
        contacts = ImrContacts(ledger)
        found, version = contacts.of(review), contacts.version(review)
    logged_read(tenant)
    return answer(found), etag_header(version)


@replacement(
    blp, "", AgencyContactIn, ContactOut(many=True), Permission.PERSONAL_DATA, method="POST"
)
def record_contact(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record (or replace) the author contact of an agency's IMR; once any contact is recorded
    If-Match must carry the ETag read, so one agency's contact never replaces another's edit."""
    contact = ImrContact.checked(data["name"], data["email"], data["phone"], data["emailed"])
    with tenant_ledger(tenant) as ledger:
        ledger.reviews.get(review)  # an unknown case is a 404, whatever If-Match says
        contacts = ImrContacts(ledger)
        sealed = ImrAuthorContacts.create_id(review)
        with if_match_once_stored(sealed, contacts.version(review)):
            contacts.record(review, data["agency"], contact, uk_today())
        return answer(contacts.of(review)), etag_header(contacts.version(review))
