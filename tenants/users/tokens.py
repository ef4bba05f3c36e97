"""API tokens: random, shown once, kept only as a SHA-256 digest, revocable and expiring.

The token has 256 bits of entropy, so a fast hash is enough (no guessing attack is feasible)
and lookup is one keyed get: the aggregate id is derived from the digest.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.errors import InvalidTransitionError
from domain.recording import LedgerAggregate
from tenants.model import PLATFORM_NAMESPACE

PREFIX = "plt_"


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def token_id_for(secret: str) -> UUID:
    digest = hashlib.sha256(secret.encode("utf-8")).hexdigest()
    return uuid5(PLATFORM_NAMESPACE, f"token:{digest}")


class ApiToken(LedgerAggregate):
    @staticmethod
    def create_id(digest_id: UUID) -> UUID:
        return digest_id

    @event("Issued")
    def __init__(self, digest_id: UUID, user_id: UUID, expires_at: datetime) -> None:
        self.user_id = UUID(str(user_id))
        self.expires_at = expires_at
        self.revoked = False

    def usable_at(self, now: datetime) -> bool:
        return not self.revoked and now < self.expires_at

    def revoke(self, reason: str) -> None:
        if self.revoked:
            raise InvalidTransitionError("This token is already revoked; nothing more to do.")
        self._revoked(reason=reason)

    @event("Revoked")
    def _revoked(self, reason: str) -> None:
        self.revoked = True
