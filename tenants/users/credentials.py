"""A user's sign-in credentials: an argon2id password hash, an optional TOTP secret, lockout.

Kept apart from ``User`` so the things that change on every sign-in (failed attempts, the
last security code used) never touch the record every token check reads. Pure: it stores
hashes and counters it is given; hashing and clocks live in ``tenants/users/signin.py``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from hmac import compare_digest
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.recording import LedgerAggregate
from tenants.model import PLATFORM_NAMESPACE

MAX_FAILURES = 5  # wrong passwords or codes in a row before the account locks
LOCKOUT = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(
    hours=10
)  # a browser session ends after a working day whatever happens


class Credentials(LedgerAggregate):
    @staticmethod
    def create_id(user_id: UUID) -> UUID:
        return uuid5(PLATFORM_NAMESPACE, f"credentials:{user_id}")

    @event("Created")
    def __init__(self, user_id: UUID) -> None:
        self.user_id = UUID(str(user_id))
        self.password_hash: str | None = None
        self.password_temporary = False
        self.totp_secret: str | None = None
        self.failures = 0
        self.locked_until: datetime | None = None
        self.last_code_step = -1
        self.ended_sessions: dict[str, datetime] = {}
        self.sessions_from: datetime | None = None
        self.invitation: tuple[str, datetime] | None = None

    @property
    def must_choose_password(self) -> bool:
        """Signed in with a password someone else chose: their own comes before any page."""
        return self.password_hash is not None and getattr(self, "password_temporary", False)

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    @event("PasswordSet")
    def set_password_hash(
        self, password_hash: str, temporary: bool = False, sessions_from: datetime | None = None
    ) -> None:
        """``temporary``: someone else (an administrator) chose it and knows it, so its owner
        must choose their own at their next sign-in. ``sessions_from``: a new password ends
        every session begun before it, since whoever knew the old one may be signed in
        with it; a stronger hash of the same password (at sign-in) gives none and ends nothing.
        Events stored before either field existed replay as neither."""
        self.password_hash = password_hash
        self.password_temporary = bool(temporary)
        self.failures, self.locked_until = 0, None
        self.invitation = None  # a password set, whoever set it: an invitation's link is spent
        if sessions_from is not None:
            self.sessions_from = sessions_from

    @event("InvitationSent")
    def invite(self, token_digest: str, expires_at: datetime) -> None:
        """An email with a link to choose a password went to the user: only the SHA-256 of
        the link's token is kept, and a later invitation replaces an earlier one."""
        self.invitation = (token_digest, expires_at)

    def invitation_for(self, token_digest: str, now: datetime) -> bool:
        """The link with this token is the latest sent, unused and not expired."""
        sent = getattr(self, "invitation", None)  # a store written before invitations
        return sent is not None and compare_digest(sent[0], token_digest) and now < sent[1]

    @event("TwoFactorEnabled")
    def enable_two_factor(self, totp_secret: str, code_step: int = -1) -> None:
        """``code_step``: the TOTP step of the code its owner typed to prove their app holds
        the secret (-1 when an administrator gave it): used, so it signs no one in. Events
        stored before it was kept replay as -1."""
        self.totp_secret = totp_secret
        self.last_code_step = code_step

    @event("TwoFactorReset")
    def reset_two_factor(self) -> None:
        self.totp_secret = None

    def fail(self, now: datetime) -> None:
        """One more wrong password or code; the fifth in a row locks the account a while."""
        failures = 0 if self.locked_until and now >= self.locked_until else self.failures
        locks = failures + 1 >= MAX_FAILURES
        self._failed(failures=failures + 1, locked_until=now + LOCKOUT if locks else None)

    @event("SignInFailed")
    def _failed(self, failures: int, locked_until: datetime | None) -> None:
        self.failures = 0 if locked_until else failures
        self.locked_until = locked_until

    @event("SessionEnded")
    def end_session(self, session: str, at: datetime) -> None:
        """Signed out: that session's cookie is refused from now on, even where a copy was kept.
        Sessions ended longer ago than any session can live are forgotten."""
        kept = getattr(self, "ended_sessions", {})  # a store written before sign-out was recorded
        self.ended_sessions = {
            **{s: t for s, t in kept.items() if at - t < SESSION_LIFETIME},
            session: at,
        }

    def session_ended(self, session: str, began: datetime) -> bool:
        """Signed out, or begun before the password last changed."""
        cutoff = getattr(self, "sessions_from", None)
        if cutoff is not None and began < cutoff:
            return True
        return session in getattr(self, "ended_sessions", {})

    @event("SignedIn")
    def signed_in(self, code_step: int) -> None:
        """A complete sign-in; ``code_step`` is the TOTP step used (-1 without), never reusable."""
        self.failures, self.locked_until = 0, None
        if code_step >= 0:
            self.last_code_step = code_step
