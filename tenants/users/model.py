"""Users and what they may reach, as event-sourced aggregates in the platform store.

Pure: stdlib and ``eventsourcing.domain`` only. A user's id (never their name) is what every
event they cause records as ``recorded_by``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.recording import LedgerAggregate, SingleRecord
from domain.texts import REASON, not_plain, plain_text, visible
from tenants.model import PLATFORM_NAMESPACE
from tenants.users.email import clean_email

USER_NAME = re.compile(r"^[a-z][a-z0-9._-]{1,62}[a-z0-9]$")
DISPLAY_NAME_MAX = 100


class Role(StrEnum):
    CSP_OFFICER = "csp_officer"
    CSP_LEAD = "csp_lead"
    REGIONAL_LEAD = "regional_lead"
    PCC_OFFICER = "pcc_officer"  # OPCC staff: record in their region's own ledger
    AUDITOR = "auditor"
    PLATFORM_ADMIN = "platform_admin"
    NATIONAL_ANALYST = "national_analyst"  # anonymised national learning export only
    RESEARCHER = "researcher"  # the extracts of data-sharing agreements naming them, only
    AGENCY_CONTRIBUTOR = "agency_contributor"  # one partner agency's own actions and IMRs


ROLE_NAMES = {  # a role as people name it: on the pages and in refusals
    Role.CSP_OFFICER: "Partnership officer",
    Role.CSP_LEAD: "Partnership lead",
    Role.REGIONAL_LEAD: "Regional lead",
    Role.PCC_OFFICER: "OPCC finance officer",
    Role.AUDITOR: "Auditor",
    Role.PLATFORM_ADMIN: "Platform administrator",
    Role.AGENCY_CONTRIBUTOR: "Agency contributor",
    Role.RESEARCHER: "Researcher",
    Role.NATIONAL_ANALYST: "National analyst",
}


def a_role(role: Role) -> str:
    """'A partnership officer', 'An OPCC finance officer': a role opening a sentence."""
    name = ROLE_NAMES[role]
    named = name if name[:2].isupper() else name[0].lower() + name[1:]  # keeps "OPCC"
    return f"{'An' if named[0] in 'aeiouAEIOU' else 'A'} {named}"


@dataclass(frozen=True)
class UserInfo:
    """What the rest of the system needs to know about a user: id, role, and grants."""

    id: UUID
    name: str
    role: Role
    tenants: tuple[str, ...]
    regions: tuple[str, ...]
    active: bool
    display_name: str = ""
    email: str = ""  # personal data: for reminders only, never logged (tenants/users/email.py)
    agency: str = ""  # an agency_contributor's partner-directory key; "" for every other role

    @property
    def shown_as(self) -> str:
        """What a person sees: the display name, or the user name until one is given."""
        return self.display_name or self.name

    @property
    def shown_with_name(self) -> str:
        """The person and their user name, "Ellen Brooks (ellen.brooks)", where a record keeps
        the user name (an agreement, the read log) and two people may share a name."""
        return self.name if self.shown_as == self.name else f"{self.shown_as} ({self.name})"


def check_grants(
    role: Role, tenants: tuple[str, ...], regions: tuple[str, ...], agency: str = ""
) -> None:
    """Each role reaches exactly the scope its job needs, no more."""
    if (role == Role.AGENCY_CONTRIBUTOR) != bool(agency):
        raise InvalidValueError(
            "An agency contributor names one partner agency (its key in the partner directory, "
            "--agency); no other role does."
        )
    if role == Role.AGENCY_CONTRIBUTOR and len(tenants) + len(regions) != 1:
        raise InvalidValueError(
            "An agency contributor works for its agency in exactly one partnership or one "
            "region: give one partnership (--tenant) or one region (--region)."
        )
    if role in (Role.CSP_OFFICER, Role.CSP_LEAD) and (len(tenants) != 1 or regions):
        raise InvalidValueError(
            f"{a_role(role)} works for exactly one partnership: give one partnership (--tenant) "
            "and no region."
        )
    if role in (Role.REGIONAL_LEAD, Role.PCC_OFFICER) and (len(regions) != 1 or tenants):
        raise InvalidValueError(
            f"{a_role(role)} works for exactly one region: give one region (--region) and no "
            "partnership."
        )
    if role == Role.AUDITOR and not (tenants or regions):
        raise InvalidValueError(
            "An auditor needs at least one partnership (--tenant) or region (--region) to read."
        )
    if role in (Role.NATIONAL_ANALYST, Role.RESEARCHER) and (tenants or regions):
        raise InvalidValueError(
            f"{a_role(role)} reads only anonymised exports or agreed extracts: give no partnership "
            "or region."
        )
    if role == Role.PLATFORM_ADMIN and (tenants or regions):
        raise InvalidValueError(
            "A platform administrator reaches every partnership as an operator: give no "
            "partnership or region."
        )


def clean_display_name(display_name: str) -> str:
    """The name as pages show it, runs of spaces made one. A name that shows nothing
    (``visible``: a lone accent, a zero-width space) is no name; one that is not plain text
    (``not_plain``) is refused as the platform's other names are, which keeps the joiners
    Persian spelling and emoji sequences need (``str.isprintable`` refused those)."""
    if not isinstance(display_name, str) or not visible(display_name):
        raise InvalidValueError("Give the person's name as colleagues know it, e.g. 'Sam Patel'.")
    shown = " ".join(display_name.split())
    if len(shown) > DISPLAY_NAME_MAX:
        raise InvalidValueError(
            f"A display name is at most {DISPLAY_NAME_MAX} printable characters; shorten it."
        )
    problem = not_plain(shown)
    if problem is not None:
        raise InvalidValueError(
            f"The display name {problem[0].lower()}{problem[1:]}; type it again as plain text "
            "(printable characters only)."
        )
    return shown


class User(LedgerAggregate):
    @staticmethod
    def create_id(name: str) -> UUID:
        return uuid5(PLATFORM_NAMESPACE, f"user:{name}")

    @classmethod
    def add(
        cls,
        name: str,
        role: Role,
        tenants: tuple[str, ...],
        regions: tuple[str, ...],
        *,
        display_name: str = "",
        email: str = "",
        agency: str = "",
    ) -> User:
        if not isinstance(name, str) or not USER_NAME.match(name):
            raise InvalidValueError(
                f"User name {name!r} is not valid: use 3-64 lower-case letters, digits, '.', '_' or '-'."
            )
        check_grants(Role(role), tenants, regions, agency)
        shown = clean_display_name(display_name) if display_name else ""
        address = clean_email(email) if email else ""
        user = cls(name=name, role=Role(role), tenants=tenants, regions=regions, agency=agency)
        if shown:
            user._renamed(display_name=shown)
        if address:
            user._email_changed(email=address)
        return user

    @event("Added")
    def __init__(
        self,
        name: str,
        role: Role,
        tenants: tuple[str, ...],
        regions: tuple[str, ...],
        agency: str = "",  # defaults, so users added before agency users existed replay
    ) -> None:
        self.name = name
        self.agency = agency
        self.role = Role(role)
        self.tenants = tuple(tenants)
        self.regions = tuple(regions)
        self.active = True
        self.token_ids: tuple[UUID, ...] = ()
        self.display_name = ""
        self.email = ""

    def rename(self, display_name: str) -> None:
        """Histories and pages show who did what by this name; the user name never changes."""
        self.check_active()
        shown = clean_display_name(display_name)
        if shown != self.display_name:
            self._renamed(display_name=shown)

    @event("Renamed")
    def _renamed(self, display_name: str) -> None:
        self.display_name = display_name

    def change_email(self, email: str) -> bool:
        """Where reminders go; an administrator changes it. False when it was already that."""
        self.check_active()
        address = clean_email(email)
        if address == self.email:
            return False
        self._email_changed(email=address)
        return True

    @event("EmailChanged")
    def _email_changed(self, email: str) -> None:
        self.email = email

    def change_grants(
        self, role: Role, tenants: tuple[str, ...], regions: tuple[str, ...], agency: str = ""
    ) -> bool:
        """A new role and what it reaches, held to the rules adding a user keeps, under the
        same name: the person's history stays theirs. False when it was already that."""
        self.check_active()
        check_grants(Role(role), tenants, regions, agency)
        if (Role(role), tuple(tenants), tuple(regions), agency) == (
            self.role,
            self.tenants,
            self.regions,
            getattr(self, "agency", ""),
        ):
            return False
        self._grants_changed(role=Role(role), tenants=tenants, regions=regions, agency=agency)
        return True

    @event("GrantsChanged")
    def _grants_changed(
        self, role: Role, tenants: tuple[str, ...], regions: tuple[str, ...], agency: str
    ) -> None:
        self.role = Role(role)
        self.tenants = tuple(tenants)
        self.regions = tuple(regions)
        self.agency = agency

    def note_token(self, token_id: UUID) -> None:
        self.check_active()
        self._token_noted(token_id=token_id)

    @event("TokenNoted")
    def _token_noted(self, token_id: UUID) -> None:
        self.token_ids = (*self.token_ids, UUID(str(token_id)))

    def check_active(self) -> None:
        if not self.active:
            raise InvalidTransitionError(
                f"User {self.name!r} is deactivated; add a new user instead."
            )

    def deactivate(self, reason: str) -> None:
        self.check_active()
        if not isinstance(reason, str) or not visible(reason):
            raise InvalidValueError(
                "Give a reason for deactivating the user (e.g. 'left the team')."
            )
        self._deactivated(reason=plain_text(reason, "reason for deactivating the user", REASON))

    @event("Deactivated")
    def _deactivated(self, reason: str) -> None:
        self.active = False

    def info(self) -> UserInfo:
        return UserInfo(
            self.id,
            self.name,
            self.role,
            self.tenants,
            self.regions,
            self.active,
            self.display_name,
            self.email,
            getattr(self, "agency", ""),  # a snapshot taken before agencies has none
        )


class UserDirectory(SingleRecord):
    """Every user name, so users can be listed without scanning history."""

    ID = uuid5(PLATFORM_NAMESPACE, "user-directory")

    @event("Started")
    def __init__(self) -> None:
        self.names: tuple[str, ...] = ()

    @event("UserListed")
    def list_user(self, name: str) -> None:
        self.names = (*self.names, name)

    @event("AdminLeft")
    def admin_left(self, name: str) -> None:
        """A platform admin deactivated or given another role. Recorded here, with that
        change, so that two admins leaving at the same moment change one record and cannot
        both pass the check that another admin remains."""
