"""Proof that history was not altered: a hash chain over each tenant's events, sealed over time."""

from domain.audit.chain import GENESIS, RecordedEvent, extend
from domain.audit.seal import AuditSeal, Seal

VALUE_OBJECTS: tuple[type, ...] = (Seal,)

__all__ = ["GENESIS", "VALUE_OBJECTS", "AuditSeal", "RecordedEvent", "Seal", "extend"]
