"""The pseudonymised extract a researcher downloads under a data-sharing agreement.

Reviews are numbered 1..n in the agreement's order; each carries its kind, year and death
category, its findings and recommendations with themes and action outcomes; ``code_names``
names each theme and addressee code they carry. Pseudonyms,
references, partnership and place names never leave: the free texts are scrubbed of every
pseudonym the review has had (a corrected one is still in texts written before), its reference,
the names its personal-details vault holds while they can be read, the partnership's and
region's names, and any date written in them. A name is matched as a whole, whatever it ends
with: initials such as "Z.Q." end in punctuation, where a word boundary never falls.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any
from uuid import UUID

from adapters.crypto.errors import KeyMissingError
from domain.errors import NotFoundError
from domain.learning.agreement import DataSharingAgreement
from domain.learning.national import action_outcome, impact
from domain.themes import DEFAULT_THEMES
from tenants.learning.corpus import RecommendationCorpus
from tenants.ledger.application import PartnershipLedger
from tenants.platform import Platform
from tenants.theme_names import region_theme_names
from tenants.unreadable import unless_unreadable

MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATES = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b"
    rf"|\b\d{{1,2}}(st|nd|rd|th)?\s+({MONTHS})(\s+\d{{4}})?\b|\b({MONTHS})\s+\d{{1,2}}(,\s*\d{{4}})?\b",
    re.IGNORECASE,
)


def scrub(text: str, names: list[str], places: list[str]) -> str:
    for words, mark in ((names, "[name]"), (places, "[place]")):
        for word in sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True):
            text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", mark, text, flags=re.IGNORECASE)
    return DATES.sub("[date]", text)


def names_of(ledger: PartnershipLedger, review_id: UUID) -> list[str]:
    """What names the case in its texts: its pseudonyms, reference and, unless erased, the
    victim's and contacts' names its vault keeps (a vault whose key is gone names none)."""
    review = ledger.reviews.get(review_id)
    names = [*ledger.reviews.pseudonyms(review_id), review.reference]
    try:
        details = ledger.vault.entry(review_id).details
    except KeyMissingError:
        details = None
    if details is not None:
        names += [details.victim_name, *(c.name for c in details.contacts)]
    return names


def research_extract(
    corpus: RecommendationCorpus, agreement: DataSharingAgreement
) -> dict[str, Any]:
    registry = corpus.platform.registry
    region = registry.region(agreement.region)
    reviews = []
    for number, (tenant, review_id) in enumerate(agreement.reviews, start=1):
        info = registry.tenant(tenant)
        places = [info.name, info.slug, region.name, region.slug]
        recs = [r for r in corpus.of_tenant(info) if r.review_id == review_id]
        with corpus.platform.ledgers.lease(tenant, writing=False) as ledger:
            review = ledger.reviews.get(review_id)
            names = names_of(ledger, review_id)
            try:
                findings = ledger.findings.get(review_id).findings
            except NotFoundError:  # no findings recorded yet
                findings = ()
        reviews.append(
            {
                **heading(number, review),
                "findings": [
                    {"text": scrub(f.text, names, places), "theme_codes": list(f.theme_codes)}
                    for f in findings
                ],
                "recommendations": [
                    {
                        "text": scrub(r.text, names, places),
                        "scope": str(r.scope),
                        "theme_codes": list(r.theme_codes),
                        "addressee": r.addressee,
                        "action_outcome": action_outcome(r.outcomes, r.open_actions),
                        "impact": impact(r.outcomes),
                        "national_status": r.national_status,
                    }
                    for r in recs
                ],
            }
        )
    return {
        "agreement": agreement.reference,
        "purpose": agreement.purpose,
        "code_names": code_names(corpus, agreement.region, reviews),
        "reviews": reviews,
    }


def heading(number: int, review: Any) -> dict[str, Any]:
    """What the extract says of a review before its texts: all it tells of which review it is
    (never its reference, partnership or pseudonym)."""
    return {
        "number": number,
        "review_kind": str(review.kind),
        "year": review.notified_on.year,
        "death_category": str(review.death_category),
    }


def headings(platform: Platform, agreement: DataSharingAgreement) -> list[dict[str, Any] | None]:
    """Each review the agreement covers as its extract heads it, in the extract's order, so
    the researcher's own page can say what they may download in the extract's own words;
    None where a review cannot be read now (its number is kept)."""
    wanted: dict[str, list[UUID]] = {}
    for tenant, review_id in agreement.reviews:
        wanted.setdefault(tenant, []).append(review_id)
    read: dict[UUID, Any] = {}
    for tenant, ids in wanted.items():
        with platform.ledgers.lease(tenant, writing=False) as ledger:
            for review_id in ids:
                try:
                    read[review_id] = unless_unreadable(partial(ledger.reviews.get, review_id))
                except NotFoundError:
                    read[review_id] = None
    return [
        None if read[review_id] is None else heading(number, read[review_id])
        for number, (_, review_id) in enumerate(agreement.reviews, start=1)
    ]


def code_names(
    corpus: RecommendationCorpus, region: str, reviews: list[dict[str, Any]]
) -> dict[str, str]:
    """The name of every theme and addressee code the reviews carry, so the extract reads on
    its own ("dash-risk-assessment": "DASH risk assessment"). A partnership's own theme is
    named as its taxonomy names it, scrubbed of places like the texts; a code with no name
    stays out (its code is all there is)."""
    platform = corpus.platform
    places = [w for t in platform.registry.tenants(region) for w in (t.name, t.slug)]
    places += [platform.registry.region(region).name, region]
    labels = {t.code: t.label for t in DEFAULT_THEMES} | region_theme_names(platform, region)
    used = {
        code
        for review in reviews
        for part in (*review["findings"], *review["recommendations"])
        for code in (*part["theme_codes"], part.get("addressee") or "")
        if code
    }
    return {code: scrub(labels[code], [], places) for code in sorted(used) if code in labels}
