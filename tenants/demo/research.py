"""A data-sharing agreement for the demo's researcher, so the regional lead's *Research
agreements* page and the researcher's own page have one in force to show (seed 002: the West
Midlands partnerships commissioned a lecturer to collate the learning of thirteen DHRs)."""

from __future__ import annotations

from datetime import timedelta

from domain.calendar import uk_today
from domain.learning.agreement import DataSharingAgreement
from domain.recording import acting_as
from tenants.demo.money import DEMO_ACTOR
from tenants.learning.agreements import ResearchAgreements
from tenants.platform import Platform

REGION, REFERENCE, RESEARCHER = "west-midlands", "DSA-WM-01", "demo-researcher"
PURPOSE = (
    "Collating the learning of thirteen West Midlands DHRs for the Heads of Community Safety, "
    "as the partnerships' 2014 research project did"
)
REVIEWS = 13


def load_research(platform: Platform) -> None:
    """The agreement over the region's first thirteen reviews to be held, signed a month ago
    for a year; recorded once (its id comes from the region and the reference)."""
    covered = []
    for tenant in sorted(platform.registry.tenants(REGION), key=lambda t: t.slug):
        with platform.ledgers.lease(tenant.slug, writing=False) as ledger:
            covered += [
                (r.notified_on, tenant.slug, r.id) for r in ledger.reviews.all() if r.decision
            ]
    chosen = [(slug, review) for _, slug, review in sorted(covered)[:REVIEWS]]
    if not chosen:
        return
    today = uk_today()
    store = ResearchAgreements.open(platform)
    try:
        if store.find(DataSharingAgreement.create_id(REGION, REFERENCE), object) is not None:
            return
        with acting_as(DEMO_ACTOR):
            store.record(
                REGION, REFERENCE, RESEARCHER, PURPOSE, chosen,
                today - timedelta(days=30), today + timedelta(days=335),
            )  # fmt: skip
    finally:
        store.close()
