"""Who can reach a partnership's records, for its lead: the guard's own scope rule over every user.

The lead is the information asset owner of records about people who were killed, so the list
is made by the rule that lets a request through (``policy.tenant_in_scope``), not by a second
reading of the grants that could drift from it. OPCC staff never pass that rule, but their
region's ledger holds this partnership's money, so they are listed too; so is a researcher
whom a data-sharing agreement of the region lets take away an extract of any of its reviews,
with each such agreement (in force, expired or revoked: what was taken stays taken). The page
and the API both read ``people_reaching``.

Someone listed may reach other partnerships and regions too. The lead is shown only those the
same rule lets the lead know exist (this partnership, its region), and how many others there
are: a count says their access reaches further without naming places the lead would be
answered "not found" about.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from api.auth import own_regions
from api.policy import region_in_scope, tenant_in_scope
from domain.calendar import uk_today
from domain.errors import NotFoundError
from domain.learning.agreement import DataSharingAgreement
from tenants.platform import Platform
from tenants.users import Role, UserInfo
from tenants.users.account_history import Deactivation, deactivation, last_signed_in
from tenants.users.credentials import Credentials
from tenants.users.leavers import only_here, why_not_removable
from tenants.users.signin import TWO_FACTOR_ROLES

SEES = {  # what each role may see of the partnership's records, in the words the page uses
    Role.CSP_LEAD: "Everything the partnership records, including personal details; signs "
    "off, corrects and erases.",
    Role.CSP_OFFICER: "Records and reads the partnership's cases, action plan and money, "
    "including personal details.",
    Role.AGENCY_CONTRIBUTOR: "Only their own agency's actions and IMRs.",
    Role.REGIONAL_LEAD: "Counts, timeliness and themes across the region, and the "
    "recommendations of published reviews; never a case's details or personal details.",
    Role.PCC_OFFICER: "The region's own ledger: grants, pooled budgets and services, including "
    "what they hold for this partnership; none of its cases.",
    Role.AUDITOR: "Every case, action and budget and its whole history, read-only, each read "
    "logged; never personal details.",
    Role.PLATFORM_ADMIN: "People, partnerships and sign-in, and can deactivate anyone; no case "
    "content at all.",
    Role.RESEARCHER: "The pseudonymised extract of the reviews a data-sharing agreement of the "
    "region names, while it is in force; never names or personal details.",
}
OWN_ROLES = (Role.CSP_LEAD, Role.CSP_OFFICER, Role.AGENCY_CONTRIBUTOR)  # the partnership's own
ORDER = {role: n for n, role in enumerate(SEES)}


@dataclass(frozen=True)
class AgreementReach:
    """A data-sharing agreement naming a researcher, as far as it covers this partnership."""

    reference: str
    reviews: int  # of this partnership's
    status: str  # "in_force", "expired" or "revoked" (``DataSharingAgreement.status_on``)
    expires_on: date
    revoked_on: date | None


@dataclass(frozen=True)
class Places:
    """A person's grants as the asker may know them: the partnerships and regions the asker's
    own scope reaches, and how many more there are."""

    tenants: tuple[str, ...]
    regions: tuple[str, ...]
    others: int  # partnerships and regions of theirs the asker may not know exist


@dataclass(frozen=True)
class Person:
    """Someone whose access reaches the partnership, as its lead needs to know them."""

    user: UserInfo
    own: bool  # works for this partnership alone
    last_signed_in: datetime | None
    two_factor: bool  # set up
    two_factor_required: bool  # their role cannot sign in without it
    deactivated: Deactivation | None
    cannot_remove: str  # why the lead may not deactivate them; "" when they may
    places: Places  # their grants, as far as the lead may know them
    agreements: tuple[AgreementReach, ...] = ()  # a researcher's, covering this partnership

    @property
    def sees(self) -> str:
        return SEES.get(self.user.role, "")


def reaches(user: UserInfo, tenant: str, region: str) -> bool:
    """Whether the user's access reaches ``tenant`` (of ``region``) at all."""
    office = user.role == Role.PCC_OFFICER and region in user.regions
    return office or tenant_in_scope(user, tenant, region)


def people_reaching(
    platform: Platform,
    lead: UserInfo,
    tenant: str,
    agreements_of: Callable[[str], Iterable[DataSharingAgreement]] = lambda region: (),
) -> list[Person]:
    """Everyone whose access reaches ``tenant``, active or not: its own people first (lead,
    officers, agency contributors), then by role, the active before the deactivated.
    ``agreements_of``: a region's data-sharing agreements, for the researchers they name."""
    region = platform.registry.recent_tenant(tenant).region
    reach = researchers_reaching(agreements_of(region), tenant, region)
    found = [
        person(platform, lead, tenant, user, reach.get(user.name, ()))
        for user in platform.access.users()
        if reaches(user, tenant, region) or (user.role == Role.RESEARCHER and user.name in reach)
    ]
    return sorted(
        found,
        key=lambda p: (
            not p.own,
            ORDER.get(p.user.role, len(ORDER)),
            not p.user.active,
            p.user.shown_as,
        ),
    )


def researchers_reaching(
    agreements: Iterable[DataSharingAgreement], tenant: str, region: str
) -> dict[str, tuple[AgreementReach, ...]]:
    """Each researcher named by an agreement of ``region`` covering a review of ``tenant``,
    with those agreements, newest signed first."""
    today = uk_today()
    found: dict[str, list[AgreementReach]] = {}
    for a in agreements:
        ours = sum(1 for owner, _ in a.reviews if owner == tenant)
        if a.region != region or not ours:
            continue
        status = a.status_on(today)
        reach = AgreementReach(a.reference, ours, status, a.expires_on, a.revoked_on)
        found.setdefault(a.researcher, []).append(reach)
    return {name: tuple(reaches) for name, reaches in found.items()}


def person(
    platform: Platform,
    lead: UserInfo,
    tenant: str,
    user: UserInfo,
    agreements: tuple[AgreementReach, ...] = (),
) -> Person:
    """What the lead of ``tenant`` is shown of ``user``."""
    access = platform.access
    creds = access.find(Credentials.create_id(user.id), Credentials)
    return Person(
        user=user,
        own=user.role in OWN_ROLES and only_here(user, tenant),
        last_signed_in=last_signed_in(access, user.id),
        two_factor=creds is not None and creds.totp_secret is not None,
        two_factor_required=user.role in TWO_FACTOR_ROLES,
        deactivated=None if user.active else deactivation(access, user.id),
        cannot_remove=why_not_removable(lead, user, tenant),
        places=places_known(platform, lead, user),
        agreements=agreements,
    )


def places_known(platform: Platform, asker: UserInfo, user: UserInfo) -> Places:
    """``user``'s grants by the rule that answers ``asker``'s own requests (``api.auth``): a
    partnership or region that would be "not found" to the asker is counted, never named."""
    registry = platform.registry
    existing = {r.slug for r in registry.regions()}
    own = own_regions(registry, asker)

    def knows_tenant(slug: str) -> bool:
        try:
            region: str | None = registry.recent_tenant(slug).region
        except NotFoundError:
            region = None
        return tenant_in_scope(asker, slug, region)

    tenants = tuple(t for t in user.tenants if knows_tenant(t))
    regions = tuple(r for r in user.regions if region_in_scope(asker, r, r in existing, own))
    others = len(user.tenants) + len(user.regions) - len(tenants) - len(regions)
    return Places(tenants, regions, others)
