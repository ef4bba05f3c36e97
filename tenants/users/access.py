"""``AccessRegistry``: users, grants and tokens, event-sourced in the platform store area."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from domain.calendar import uk_today
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from tenants.application import LedgerApplication, aggregate_cache
from tenants.conflicts import retried_on_index_conflict
from tenants.kept_current import KeptCurrent, event_topics
from tenants.recent import Recent
from tenants.users.credentials import Credentials
from tenants.users.model import Role, User, UserDirectory, UserInfo
from tenants.users.reads import AuditReadLog, RefusedReadLog
from tenants.users.tokens import ApiToken, new_secret, token_id_for

T = TypeVar("T")
L = TypeVar("L")  # a log of reads or of reminders sent
MAX_TOKEN_DAYS = 366


@dataclass(frozen=True)
class IssuedToken:
    token_id: UUID
    secret: str
    expires_at: datetime


class AccessRegistry(LedgerApplication):
    name = "platform_access"
    env: ClassVar[dict[str, str]] = aggregate_cache(4096)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Keyed by the store's head, asked on every request (ttl 0): a token revoked, or a user
        # deactivated or regranted, in another worker is refused on its next request.
        self._recent: Recent[UUID, tuple[ApiToken, UserInfo] | None] = self.recent(ttl=0.0)
        # Every user as the store holds them, brought up to date by reading only the users'
        # own events since the last look (tenants/kept_current.py): every refusal names who
        # can help, and rereading every user after each sign-in cost a read per user.
        self._users = KeptCurrent(self.recorder, User.create_id, self.user, event_topics(User))

    @retried_on_index_conflict
    def add_user(
        self,
        name: str,
        role: Role | str,
        tenants: tuple[str, ...] = (),
        regions: tuple[str, ...] = (),
        *,
        display_name: str = "",
        email: str = "",
        agency: str = "",
    ) -> UserInfo:
        """The display name, email address and agency are three optional texts: named at every
        call, so that one is never recorded as another."""
        role = known_role(role)
        user = User.add(
            name,
            role,
            tuple(dict.fromkeys(tenants)),  # a grant named twice is one grant
            tuple(dict.fromkeys(regions)),
            display_name=display_name,
            email=email,
            agency=agency,
        )
        if user.id in self.repository:
            raise DuplicateError(f"User {name!r} already exists; choose another name.")
        directory = self._directory()
        directory.list_user(name)
        self.save(user, directory)
        return user.info()

    def user(self, name: str) -> UserInfo:
        return self._user(name).info()

    def user_by_id(self, user_id: UUID) -> UserInfo:
        return self._get(user_id, "No such user.").info()

    def users(self) -> list[UserInfo]:
        return self._users.of(lambda: self._directory().names)

    def rename_user(self, name: str, display_name: str) -> UserInfo:
        user = self._user(name)
        user.rename(display_name)
        self.save(user)
        return user.info()

    def change_email(self, name: str, email: str) -> UserInfo:
        """Where the user's reminders go from now on; saying the same address records nothing."""
        user = self._user(name)
        if user.change_email(email):
            self.save(user)
        return user.info()

    def shown_as(self, actor: str) -> str:
        """The name a person sees for an event's ``recorded_by``: a user's display name, or,
        for an actor that is no user (a loader, a script, 'system'), the actor as recorded."""
        try:
            found = self._get(UUID(actor), "")
        except (ValueError, NotFoundError):
            return actor
        return found.info().shown_as if isinstance(found, User) else actor

    def active_user(self, name: str) -> UserInfo:
        """The user, refused if deactivated: nothing more is set up for them."""
        user = self._user(name)
        user.check_active()
        return user.info()

    @retried_on_index_conflict
    def deactivate_user(self, name: str, reason: str) -> None:
        """Refused for the last platform admin (``_keep_an_admin``). Their tokens are revoked."""
        directory = self._directory()  # before the check: see ``_keep_an_admin``
        user = self._user(name)
        leaving = self._keep_an_admin(user, "deactivated", directory)
        user.deactivate(reason)
        tokens: list[ApiToken] = [self.repository.get(t) for t in user.token_ids]
        for token in tokens:
            if not token.revoked:
                token.revoke("user deactivated")
        self.save(user, *tokens, *leaving)

    @retried_on_index_conflict
    def change_grants(
        self,
        name: str,
        role: Role | str,
        tenants: tuple[str, ...] = (),
        regions: tuple[str, ...] = (),
        agency: str = "",
    ) -> UserInfo:
        """A new role and grants under the same name, read on the user's next request (page
        or token). Refused for the last platform admin (``_keep_an_admin``); saying the same
        role and grants records nothing."""
        role = known_role(role)
        directory = self._directory()  # before the check: see ``_keep_an_admin``
        user = self._user(name)
        leaving = (
            self._keep_an_admin(user, "no longer an admin", directory)
            if role != Role.PLATFORM_ADMIN
            else []
        )
        granted = user.change_grants(
            role, tuple(dict.fromkeys(tenants)), tuple(dict.fromkeys(regions)), agency
        )
        if granted:
            self.save(user, *leaving)
        return user.info()

    def _keep_an_admin(
        self, user: User, losing: str, directory: UserDirectory
    ) -> list[UserDirectory]:
        """Refused for the only active platform admin, and for the only one who can sign in
        (a password and two-factor): nobody could then manage people or partnerships on the
        pages (the operator adds another admin first). An admin leaving is saved with the
        user directory (the list returned: save it with the user), so two admins leaving at
        the same moment conflict: the second is checked again (``retried_on_index_conflict``)
        and refused. ``directory`` must be read before this check: an admin leaving in
        between then saves a newer one, so this save conflicts and is checked again. Read
        after it, both saves stood. ``losing`` says what would happen to ``user``."""
        if not (user.active and user.role == Role.PLATFORM_ADMIN):
            return []
        others = [
            u for u in self.users() if u.role == user.role and u.active and u.name != user.name
        ]
        signing_in = [u for u in others if self._signs_in(u.id)]
        if not others or (self._signs_in(user.id) and not signing_in):
            who, setup = (
                (
                    " who can sign in",
                    " and give them a password and two-factor (`ledger users set-password "
                    "NAME`, `ledger users enable-2fa NAME`)",
                )
                if others
                else ("", "")
            )
            raise InvalidTransitionError(
                f"User {user.name!r} is the only active platform admin{who}; {losing}, nobody "
                "could manage people or partnerships on the pages. Add another admin first "
                f"(`ledger users add NAME --role platform_admin`){setup}."
            )
        directory.admin_left(user.name)
        return [directory]

    def _signs_in(self, user_id: UUID) -> bool:
        """A password and two-factor set up: what an admin needs to sign in to the pages."""
        creds = self.find(Credentials.create_id(user_id), Credentials)
        return creds is not None and bool(creds.password_hash and creds.totp_secret)

    def issue_token(self, name: str, days: int = 90, now: datetime | None = None) -> IssuedToken:
        if not 1 <= days <= MAX_TOKEN_DAYS:
            raise InvalidValueError(
                f"A token lasts 1 to {MAX_TOKEN_DAYS} days (got {days}); pick a number in range."
            )
        user, secret = self._user(name), new_secret()
        expires_at = (now or datetime.now(UTC)) + timedelta(days=days)
        token = ApiToken(digest_id=token_id_for(secret), user_id=user.id, expires_at=expires_at)
        user.note_token(token.id)
        self.save(token, user)
        return IssuedToken(token.id, secret, expires_at)

    def tokens(self, name: str) -> list[ApiToken]:
        return [self.repository.get(t) for t in self._user(name).token_ids]

    def revoke_token(self, name: str, token_id: UUID, reason: str = "revoked") -> None:
        user = self._user(name)
        if token_id not in user.token_ids:
            raise NotFoundError(
                f"User {name!r} has no token {token_id}; `ledger tokens list {name}` shows them."
            )
        token: ApiToken = self.repository.get(token_id)
        token.revoke(reason)
        self.save(token)

    def authenticate(self, secret: str, now: datetime | None = None) -> UserInfo | None:
        """The user a token belongs to, or None if unknown, revoked, expired or deactivated.

        Every request asks, so answers are reused while the store's newest notification stays
        the same (``tenants/recent.py``: one cheap query instead of loading the token and its
        user): a revocation made in another process bites on the next request; expiry is exact.
        """
        found = self._recent.get(token_id_for(secret), lambda: self._token_and_user(secret))
        if found is None or not found[0].usable_at(now or datetime.now(UTC)):
            return None
        return found[1]

    def _token_and_user(self, secret: str) -> tuple[ApiToken, UserInfo] | None:
        token = self.find(token_id_for(secret), ApiToken)
        if token is None:
            return None
        user = self.user_by_id(token.user_id)
        return (token, user) if user.active else None

    def record_audit_read(
        self, user_id: UUID, path: str, tenant: str | None, region: str | None
    ) -> None:
        today = uk_today()
        self.append_to_log(
            AuditReadLog,
            AuditReadLog.create_id(user_id, today),
            lambda: AuditReadLog(user_id=user_id, day=today),
            lambda log: log.record_read(path=path, tenant=tenant, region=region),
            "Could not record the audit read; retry the request.",
        )

    def record_refused_read(self, user_id: UUID, path: str, tenant: str, status: int) -> None:
        """A refused attempt to read one of ``tenant``'s cases, in the partnership's log."""
        today = uk_today()
        self.append_to_log(
            RefusedReadLog,
            RefusedReadLog.create_id(tenant, today),
            lambda: RefusedReadLog(tenant=tenant, day=today),
            lambda log: log.record_refusal(user_id=user_id, path=path, status=status),
            "Could not record the refused read; retry the request.",
        )

    def append_to_log(
        self,
        cls: type[L],
        log_id: UUID,
        new: Callable[[], L],
        append: Callable[[L], None],
        unrecorded: str,
    ) -> None:
        """One entry in a log (a day's reads, a period's reminders), started by ``new()`` if
        there is none yet; two at the same moment: reload and append again, and after three
        tries give up with ``unrecorded``."""
        for _ in range(3):
            log = self.find(log_id, cls) or new()
            append(log)
            try:
                self.save(log)
                return
            except IntegrityError:
                continue
        raise IntegrityError(unrecorded)

    def _user(self, name: str) -> User:
        return self._get(User.create_id(name), f"No user {name!r}; `ledger users list` shows them.")

    def _get(self, aggregate_id: UUID, message: str) -> Any:
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise NotFoundError(message) from None

    def _directory(self) -> UserDirectory:
        found = self.find(UserDirectory.ID, UserDirectory)
        return UserDirectory() if found is None else found


def known_role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InvalidValueError(f"Unknown role {role!r}; use one of: {', '.join(Role)}.") from None
