"""Research extracts (seed 002): a regional lead records a data-sharing agreement; the
researcher it names downloads the pseudonymised extract of its reviews until it expires, and
every download is recorded on the agreement before the extract is handed over."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from api.context import current_user, per_platform, platform, requires
from api.file_names import file_safe
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import recording
from api.resources.downloads import BINARY, attachment
from api.resources.learning import corpus
from api.resources.reads import query
from api.schemas.learning import (
    ResearchAgreementIn,
    ResearchAgreementListOut,
    ResearchAgreementOut,
    RevocationIn,
)
from api.tables.negotiate import JSON, XLSX, wanted
from api.tables.research import extract_workbook
from domain.calendar import uk_today
from domain.errors import InvalidValueError, NotFoundError
from domain.learning.agreement import DataSharingAgreement
from tenants.learning.agreements import ResearchAgreements
from tenants.learning.research_extract import research_extract
from tenants.users import Role

blp = api_blueprint(
    "research", "", "Data-sharing agreements with researchers and their pseudonymised extracts"
)
AGREEMENTS_KEY = "ledger.learning.agreements"
EXTRACT_DOC = {
    "parameters": [
        {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "json (default) or xlsx, a workbook of the same records with a "
            "sheet each for reviews, findings, recommendations and themes (same as the Accept "
            "header)",
            "schema": {"type": "string", "enum": ["json", "xlsx"]},
        }
    ],
    "responses": {
        "200": {
            "description": "the extract",
            "content": {JSON: {"schema": {"type": "object"}}, XLSX: BINARY},
        }
    },
}


def agreements() -> ResearchAgreements:
    return per_platform(AGREEMENTS_KEY, ResearchAgreements.open)


def _out(agreement: DataSharingAgreement) -> dict[str, Any]:
    return {
        "id": agreement.id,
        "region": agreement.region,
        "reference": agreement.reference,
        "researcher": agreement.researcher,
        "purpose": agreement.purpose,
        "reviews": len(agreement.covered),
        "signed_on": agreement.signed_on,
        "expires_on": agreement.expires_on,
        "downloads": [{"by": by, "at": at} for by, at in agreement.downloads],
        "status": agreement.status_on(uk_today()),
        "revoked_on": agreement.revoked_on,
        "revocation_reason": agreement.revocation_reason,
    }


def in_region(region: str, agreement: UUID) -> DataSharingAgreement:
    found = agreements().get(agreement)
    if found.region != region:
        raise NotFoundError(f"No data-sharing agreement {agreement} in region {region}.")
    return found


@recording(
    blp,
    "/regions/<region>/research-agreements",
    ResearchAgreementIn,
    ResearchAgreementOut,
    Permission.RESEARCH_AGREEMENT,
    status=201,
)
def record_agreement(data: dict[str, Any], region: str) -> Any:
    """Record an agreement: which of the region's reviews the researcher may extract, until when."""
    reviews = [(item["tenant"], item["review_id"]) for item in data["reviews"]]
    agreement = record_in_region(
        region, data["reference"], data["researcher"], data["purpose"], reviews,
        data["signed_on"], data["expires_on"],
    )  # fmt: skip
    return _out(agreement)


def record_in_region(
    region: str, reference: str, researcher: str, purpose: str,
    reviews: list[tuple[str, UUID]], signed_on: date, expires_on: date,
) -> DataSharingAgreement:  # fmt: skip
    """The agreement, once its researcher is a researcher user and every review is one of the
    region's partnerships' (the page and the API record through here)."""
    registry = platform().registry
    try:
        named = platform().access.user(researcher)
    except NotFoundError:
        named = None
    if named is None or named.role != Role.RESEARCHER:
        raise InvalidValueError(
            f"No researcher user {researcher!r}; a platform administrator adds them "
            "with the researcher role first."
        )
    covered = []
    for tenant, review in reviews:
        try:
            info = registry.tenant(tenant)
        except NotFoundError:
            info = None
        if info is None or info.region != region:
            raise InvalidValueError(
                f"Partnership {tenant!r} is not in region {region}; list only its reviews."
            )
        with platform().ledgers.lease(info.slug, writing=False) as ledger:
            ledger.reviews.get(review)
        covered.append((info.slug, review))
    return agreements().record(
        region, reference, researcher, purpose, covered, signed_on, expires_on
    )


@query(
    blp,
    "/regions/<region>/research-agreements/<uuid:agreement>",
    ResearchAgreementOut,
    Permission.REGION_VIEW,
)
def get_agreement(region: str, agreement: UUID) -> Any:
    """One agreement with every download of its extract (who, when)."""
    return _out(in_region(region, agreement))


@query(
    blp, "/regions/<region>/research-agreements", ResearchAgreementListOut, Permission.REGION_VIEW
)
def list_agreements(region: str) -> Any:
    """The region's agreements, newest signed first, each in force, expired or revoked."""
    platform().registry.region(region)
    return {"agreements": [_out(a) for a in agreements().of_region(region)]}


@recording(
    blp,
    "/regions/<region>/research-agreements/<uuid:agreement>/revocation",
    RevocationIn,
    ResearchAgreementOut,
    Permission.RESEARCH_AGREEMENT,
)
def revoke_agreement(data: dict[str, Any], region: str, agreement: UUID) -> Any:
    """End an agreement at once, with the reason (a ``Revoked`` event): its researcher's next
    download is refused."""
    in_region(region, agreement)
    revoked = agreements().revoke(agreement, data["reason"], data["revoked_on"] or uk_today())
    return _out(revoked)


@query(blp, "/research/agreements", ResearchAgreementListOut, Permission.RESEARCH_EXTRACT)
def my_agreements() -> Any:
    """The agreements naming the signed-in researcher, in every region, newest signed first,
    each in force, expired or revoked (their page *Your agreements* lists the same)."""
    return {"agreements": [_out(a) for a in agreements().of_researcher(current_user().name)]}


@blp.route("/research/agreements/<uuid:agreement>/extract", methods=["GET"])
@blp.doc(**EXTRACT_DOC)
@requires(Permission.RESEARCH_EXTRACT)
def extract(agreement: UUID) -> Any:
    """The pseudonymised extract: reviews numbered 1..n, findings, recommendations, themes and
    action outcomes; no pseudonyms, places or exact dates. Refused once the agreement expires."""
    found, document = extract_for(agreement, current_user().name)
    if wanted() == XLSX:  # ?format=xlsx or Accept (api.tables.negotiate)
        name = f"{file_safe(found.reference)}-extract.xlsx"
        return attachment(extract_workbook(found, document), XLSX, name)
    return document


def extract_for(agreement: UUID, researcher: str) -> tuple[DataSharingAgreement, dict[str, Any]]:
    """The extract the agreement allows its researcher, its download recorded before it is
    handed over (refused once the agreement has expired); the page and the API, as JSON or
    as a workbook, use this. The agreement comes back with this download its last."""
    found = agreements().get(agreement)
    if found.researcher != researcher or found.revoked_on is not None:
        raise NotFoundError(f"No data-sharing agreement {agreement} in force names you.")
    document = research_extract(corpus(), found)
    logged = agreements().log_download(agreement, researcher, datetime.now(UTC), uk_today())
    return logged, document
