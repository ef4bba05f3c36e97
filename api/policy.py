"""Who may do what where: one table of roles per permission, and the scope rules.

Order of checks: out of scope → 404 (identical whether or not the thing exists, so a 404 never
reveals another tenant's resources); in scope but the role does not allow it → 403.
"""

from __future__ import annotations

from enum import Enum, StrEnum

from tenants.users import Role, UserInfo


class Permission(StrEnum):
    PUBLIC = "public"  # health, docs, the OpenAPI document
    SIGNED_IN = "signed_in"  # any valid token: who am I
    ADMIN = "admin"  # regions, tenants, users; never case content
    CASE_READ = "case_read"
    CASE_RECORD = "case_record"
    CASE_SIGN_OFF = "case_sign_off"  # confirm completion, sign off
    HISTORY = "history"
    REGION_VIEW = "region_view"
    TENANT_SETTINGS = "tenant_settings"  # the partnership's own themes and action-plan settings
    REFERENCE_READ = "reference_read"  # a region's themes: reference data, no case content
    REFERENCE_MANAGE = "reference_manage"  # add and retire a region's themes
    AUDIT_LOG = "audit_log"  # which auditor read what, when
    REGION_LEDGER_READ = "region_ledger_read"  # the region ledger: the OPCC money, directory
    REGION_LEDGER_WRITE = "region_ledger_write"  # recording in it: OPCC staff only
    SHARED_READ = "shared_read"  # a pot or plan shared by partnerships: contributors/members too
    SHARED_RECORD = "shared_record"  # demand figures: OPCC staff, or a partnership for its own area
    NATIONAL_EXPORT = "national_export"  # anonymised, suppressed counts across every region
    RESEARCH_AGREEMENT = "research_agreement"  # record a region's data-sharing agreements
    RESEARCH_EXTRACT = "research_extract"  # download the extract of an agreement naming you
    PERSONAL_DATA = "personal_data"  # a case's vault: real names, dates of birth, addresses
    PERSONAL_DATA_ERASE = "personal_data_erase"  # crypto-shred a case's vault entry
    CORRECT = "correct"  # put right a mis-keyed fact, with a reason: the partnership's lead
    AUDIT_EXPORT = "audit_export"  # take a tenant's verifiable history away (audit bundle)
    AGENCY_WORK = "agency_work"  # an agency user's own actions and IMRs; the view filters
    PEOPLE = "people"  # who reaches the partnership's records, and removing its leavers: the lead


ROLES: dict[Permission, frozenset[Role]] = {
    Permission.ADMIN: frozenset({Role.PLATFORM_ADMIN}),
    Permission.CASE_READ: frozenset({Role.CSP_OFFICER, Role.CSP_LEAD, Role.AUDITOR}),
    Permission.CASE_RECORD: frozenset({Role.CSP_OFFICER, Role.CSP_LEAD}),
    Permission.CASE_SIGN_OFF: frozenset({Role.CSP_LEAD}),
    Permission.HISTORY: frozenset({Role.CSP_OFFICER, Role.CSP_LEAD, Role.AUDITOR}),
    Permission.REGION_VIEW: frozenset({Role.REGIONAL_LEAD, Role.PCC_OFFICER, Role.AUDITOR}),
    Permission.TENANT_SETTINGS: frozenset({Role.CSP_LEAD}),
    Permission.REFERENCE_READ: frozenset(Role) - {Role.AGENCY_CONTRIBUTOR},
    Permission.REFERENCE_MANAGE: frozenset({Role.REGIONAL_LEAD, Role.PLATFORM_ADMIN}),
    Permission.AUDIT_LOG: frozenset({Role.AUDITOR, Role.PLATFORM_ADMIN}),
    Permission.REGION_LEDGER_READ: frozenset({Role.REGIONAL_LEAD, Role.PCC_OFFICER, Role.AUDITOR}),
    Permission.REGION_LEDGER_WRITE: frozenset({Role.PCC_OFFICER}),
    # CSP roles pass here only for their own region; the view then checks they contribute.
    Permission.SHARED_READ: frozenset(
        {Role.CSP_OFFICER, Role.CSP_LEAD, Role.REGIONAL_LEAD, Role.PCC_OFFICER, Role.AUDITOR}
    ),
    Permission.SHARED_RECORD: frozenset({Role.CSP_OFFICER, Role.CSP_LEAD, Role.PCC_OFFICER}),
    Permission.NATIONAL_EXPORT: frozenset({Role.NATIONAL_ANALYST}),
    Permission.RESEARCH_AGREEMENT: frozenset({Role.REGIONAL_LEAD}),
    Permission.RESEARCH_EXTRACT: frozenset({Role.RESEARCHER}),
    Permission.PERSONAL_DATA: frozenset({Role.CSP_OFFICER, Role.CSP_LEAD}),
    Permission.PERSONAL_DATA_ERASE: frozenset({Role.CSP_LEAD}),
    Permission.CORRECT: frozenset({Role.CSP_LEAD}),
    Permission.AUDIT_EXPORT: frozenset({Role.AUDITOR}),
    # Only the agency's own records: the view answers 404 for another agency's.
    Permission.AGENCY_WORK: frozenset({Role.AGENCY_CONTRIBUTOR}),
    # The lead is the information asset owner; the view lets them deactivate only leavers.
    Permission.PEOPLE: frozenset({Role.CSP_LEAD}),
}

AUDITED = frozenset(
    {
        Permission.CASE_READ,
        Permission.HISTORY,
        Permission.REGION_VIEW,
        Permission.AUDIT_LOG,
        Permission.REGION_LEDGER_READ,
        Permission.SHARED_READ,
        Permission.AUDIT_EXPORT,
    }
)


# A refused attempt at one of these, naming an existing partnership, is recorded in the
# partnership's refused-reads log (``AccessRegistry.record_refused_read``) for its auditors.
CASE_READS = frozenset({Permission.CASE_READ, Permission.HISTORY, Permission.PERSONAL_DATA})


class Decision(Enum):
    ALLOW = 200
    FORBIDDEN = 403
    NOT_FOUND = 404


def tenant_in_scope(user: UserInfo, tenant: str, tenant_region: str | None) -> bool:
    """Whether the user may know this tenant exists. ``tenant_region`` is None if it does not."""
    if tenant_region is None:
        return False
    if user.role in (Role.CSP_OFFICER, Role.CSP_LEAD):
        return tenant in user.tenants
    if user.role in (Role.AUDITOR, Role.AGENCY_CONTRIBUTOR):
        return tenant in user.tenants or tenant_region in user.regions
    if user.role == Role.REGIONAL_LEAD:
        return tenant_region in user.regions
    if user.role == Role.PCC_OFFICER:
        return False  # the OPCC records in its region's ledger, never in a partnership's
    return user.role == Role.PLATFORM_ADMIN


def region_in_scope(
    user: UserInfo, region: str, region_exists: bool, own_regions: set[str]
) -> bool:
    """``own_regions``: the regions of the user's own tenants (a CSP knows its region exists)."""
    if not region_exists:
        return False
    if user.role == Role.PLATFORM_ADMIN:
        return True
    return region in user.regions or region in own_regions


def decide(user: UserInfo, permission: Permission, in_scope: bool) -> Decision:
    if permission in (Permission.PUBLIC, Permission.SIGNED_IN):
        return Decision.ALLOW
    if permission == Permission.ADMIN:
        return Decision.ALLOW if user.role in ROLES[permission] else Decision.FORBIDDEN
    if not in_scope:
        return Decision.NOT_FOUND
    return Decision.ALLOW if user.role in ROLES[permission] else Decision.FORBIDDEN
