"""Case keys gone without an erasure: personal data destroyed outside the service.

A case's personal details, chronology entries, documents and IMR authors' contacts are sealed
with its key, which lives in the mutable key store, not in the history. Deleting that key row
destroys them as an erasure would, yet the history records no ``CaseVault.Erased`` and every
seal still matches. Topics and record ids are stored in clear, so the cases that sealed
something and were never erased are found without a key, then compared with the key store in
one read for the whole tenant.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.utils import get_topic

from adapters.audit_rows import originators_by_topic
from domain.chronology import CaseChronology
from domain.documents import CaseDocuments
from domain.recording import CaseRecord
from domain.reviews.review import DomesticHomicideReview
from domain.vault import CaseVault
from domain.vault.imr_contacts import ImrAuthorContacts
from tenants.audit_findings import Finding, Kind
from tenants.ledger import PartnershipLedger

# each record kept with a case key, and its events that carry what the key sealed
SEALED_WITH_CASE_KEY: dict[type[CaseRecord], tuple[type, ...]] = {
    CaseVault: (CaseVault.Recorded,),  # type: ignore[attr-defined]
    CaseChronology: (CaseChronology.EntrySubmitted,),  # type: ignore[attr-defined]
    CaseDocuments: (CaseDocuments.DocumentAdded, CaseDocuments.VersionAdded),  # type: ignore[attr-defined]
    ImrAuthorContacts: (ImrAuthorContacts.Recorded,),  # type: ignore[attr-defined]
}
OPENED = get_topic(DomesticHomicideReview.Notified)  # type: ignore[attr-defined]
ERASED = get_topic(CaseVault.Erased)  # type: ignore[attr-defined]


def keys_gone_unerased(ledger: PartnershipLedger) -> tuple[Finding, ...]:
    """A finding for each case that sealed something with its key, was never erased, and has
    no key any more; none for a ledger opened without its keys (nothing to compare)."""
    keys = ledger.case_keys
    if keys is None:
        return ()
    sealing = {get_topic(e) for events in SEALED_WITH_CASE_KEY.values() for e in events}
    found = originators_by_topic(ledger.recorder, {OPENED, ERASED, *sealing})
    sealed = set().union(*(found[t] for t in sealing))
    candidates = [
        case
        for case in found[OPENED]
        if CaseVault.create_id(case) not in found[ERASED]
        and any(kind.create_id(case) in sealed for kind in SEALED_WITH_CASE_KEY)
    ]
    if not candidates:
        return ()
    held = keys.held()
    gone = (
        Finding(Kind.CASE_KEY_GONE, case=_reference(ledger, case), case_id=case)
        for case in candidates
        if str(case) not in held
    )
    return tuple(sorted(gone, key=Finding.text))


def _reference(ledger: PartnershipLedger, case: UUID) -> str:
    """The case's reference, or none if even the case record cannot be read."""
    try:
        return str(ledger.reviews.get(case).reference)
    except Exception:  # an audit names what it can: the id is enough to find it
        return ""
