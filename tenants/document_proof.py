"""Proving a document against the audit chain: which event carries its digest, and whether
the chain over the tenant's stored events still verifies up to a seal after that event.

The event bodies are encrypted in the store, so the chain hashes ciphertext: the proof is
that the service opens the event at that position and finds the digest in it, and that the
stored rows (that event among them) are exactly those the seals vouch for. The file itself
never needs to leave the auditor's hands: only its SHA-256 digest is compared.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from uuid import UUID

from adapters.audit_rows import stored_rows
from tenants.platform import Platform

EVENT = "CaseDocuments.VersionAdded"


@dataclass(frozen=True)
class Carrier:
    review_id: UUID
    reference: str
    document: int
    version: int
    position: int  # the event's position in the tenant's store (what the chain hashes)
    event: str
    sealed_at_position: int | None  # the first seal at or after it, None if not sealed yet


@dataclass(frozen=True)
class DigestProof:
    tenant: str
    sha256: str
    carriers: tuple[Carrier, ...]
    chain_intact: bool
    events_checked: int
    seals_checked: int
    head_position: int
    problems: tuple[str, ...]

    @property
    def proven(self) -> bool:
        """A digest is proven when an event carries it, the chain verifies and a seal vouches."""
        return (
            bool(self.carriers)
            and self.chain_intact
            and all(c.sealed_at_position is not None for c in self.carriers)
        )


def digest_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def prove_digest(platform: Platform, tenant: str, sha256: str) -> DigestProof:
    with platform.ledgers.lease(tenant, writing=False) as ledger:
        found = ledger.documents.with_digest(sha256)
        wanted = {(f.originator_id, f.originator_version) for f in found}
        positions: dict[tuple[UUID, int], int] = {}
        if wanted:
            for row in stored_rows(ledger.recorder):
                if (row.originator_id, row.originator_version) in wanted:
                    positions[(row.originator_id, row.originator_version)] = row.position
        verification = platform.audit.verify(ledger)
    seal_positions = sorted(s.position for s in platform.audit.seals(tenant))
    carriers = []
    for f in found:
        position = positions.get((f.originator_id, f.originator_version), 0)
        carriers.append(
            Carrier(
                f.review_id,
                f.reference,
                f.document,
                f.version,
                position,
                EVENT,
                next((p for p in seal_positions if p >= position), None) if position else None,
            )
        )
    return DigestProof(
        tenant,
        sha256.lower(),
        tuple(carriers),
        verification.intact,
        verification.events_checked,
        verification.seals_checked,
        verification.head_position,
        verification.problems,
    )
