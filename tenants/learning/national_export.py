"""Gather the national learning export from every tenant's store and render it as JSON or CSV.

Case facts are read through each tenant's use cases and reduced to categories at once; theme
and addressee codes are rolled up to the Home Office DHR Library codes through the tenant's own
taxonomy, so a region's or partnership's own themes never leave under their local names.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from domain.learning.national import (
    DIMENSIONS,
    MINIMUM_CASES,
    NOT_RECORDED,
    CaseFacts,
    RecommendationFacts,
    action_outcome,
    impact,
    tabulate,
)
from domain.reviews import ReviewStatus
from tenants.learning.corpus import RecommendationCorpus
from tenants.model import TenantStatus
from tenants.registry import TenantInfo
from tenants.unreadable import LeftOut

EXCLUDED = (ReviewStatus.DECIDED_NOT_TO_REVIEW, ReviewStatus.DECOMMISSIONED)
Progress = Callable[[int, int, str], None]


def _cases(
    corpus: RecommendationCorpus, info: TenantInfo, since: date, left_out: LeftOut
) -> tuple[dict[Any, CaseFacts], dict[str, str]]:
    with corpus.platform.ledgers.lease(info.slug, writing=False) as ledger:
        home_office = {t.code: t.home_office_code for t in ledger.themes.all(include_retired=True)}
        cases = {}
        for review in ledger.reviews.all(left_out=left_out):
            if review.notified_on < since or review.status in EXCLUDED:
                continue
            cases[review.id] = CaseFacts(
                case=(info.slug, review.id),
                year=review.notified_on.year,
                region=info.region,
                review_kind=str(review.kind),
                death_category=str(review.death_category or NOT_RECORDED),
                age_band=str(review.victim_age_band or NOT_RECORDED),
                relationship=str(review.perpetrator_relationship or NOT_RECORDED),
            )
    return cases, home_office


def national_rows(
    corpus: RecommendationCorpus, since: date, progress: Progress | None = None
) -> tuple[list[dict[str, object]], int]:
    """Cases notified from the first of ``since``'s month (no date finer than a month leaves),
    and how many records were left out because one of their events cannot be read."""
    since = since.replace(day=1)
    # a restored copy's cases are its partnership's, exported once under it
    tenants = [t for t in corpus.platform.registry.tenants() if t.status is not TenantStatus.COPY]
    all_cases: list[CaseFacts] = []
    recommendations: list[RecommendationFacts] = []
    unreadable = 0
    for n, info in enumerate(tenants, start=1):
        left_out = LeftOut("the national learning export", info.slug)
        cases, home_office = _cases(corpus, info, since, left_out)
        all_cases.extend(cases.values())
        of_tenant = corpus.of_tenant(info)
        unreadable += len({*left_out.records, *corpus.left_out(info)})
        for rec in of_tenant:
            case = cases.get(rec.review_id)
            if case is None:
                continue
            recommendations.append(
                RecommendationFacts(
                    case=case,
                    themes=tuple(dict.fromkeys(home_office.get(c, c) for c in rec.theme_codes)),
                    addressee=home_office.get(rec.addressee, rec.addressee)
                    if rec.addressee
                    else NOT_RECORDED,
                    scope=str(rec.scope),
                    action_outcome=action_outcome(rec.outcomes, rec.open_actions),
                    impact=impact(rec.outcomes),
                    national_status=rec.national_status,
                )
            )
        if progress is not None:
            progress(n, len(tenants), info.slug)
    return tabulate(all_cases, recommendations), unreadable


def as_json(rows: list[dict[str, object]], since: date, unreadable: int = 0) -> str:
    """The export as JSON; ``unreadable``: how many records it left out (a CSV has no room
    for it: its file's name and the API's ``Unreadable-Records`` header say so)."""
    document = {
        "since": since.replace(day=1).strftime("%Y-%m"),
        "minimum_cases": MINIMUM_CASES,
        "unreadable": unreadable,
        "rows": rows,
    }
    return json.dumps(document, indent=1, sort_keys=False) + "\n"


CSV_COLUMNS = ("table", *DIMENSIONS, "cases", "recommendations", "suppressed")


def as_csv(rows: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
