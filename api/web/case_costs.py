"""A case's costs as its page shows them: the estimate beside what was incurred for each thing
the review pays for, what the agreed cost is beside the estimates, why a decommissioned
review's figures are in no total, and what the pots held for the region have paid for it
(the pots' money, not the partnership's, so apart from its own incurred costs)."""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID

from flask import url_for

from api.context import platform
from api.resources.region_common import region_ledger
from api.resources.views import live_views
from api.tables.bodies import POTS_UNREADABLE, pot_spend_of
from api.web.case_forms import COST_WORDS
from api.web.formatting import money
from domain.funding import CostCategory, CostSummary
from domain.reviews.values import ReviewStatus
from tenants.ledger import PartnershipLedger

log = logging.getLogger(__name__)
UNREADABLE = POTS_UNREADABLE  # the regional money view cannot be read just now
WAIT = 2.0  # seconds for the view store: the case shows without the pots' part, not 30 s late


def cost_rows(ledger: PartnershipLedger, review_id: UUID) -> list[list[dict[str, str]]]:
    """The case's costs by what they pay for, estimate beside actual, and their totals; none
    until the first estimate or cost is recorded."""
    summary = ledger.costs.recorded(review_id)
    if summary is None:
        return []
    estimates, actuals = dict(summary.estimates), dict(summary.actuals)
    numeric = "govuk-table__cell--numeric"
    rows = [
        [
            {"text": COST_WORDS.get(category.value, category.value)},
            {
                "text": money(estimates[category]) if category in estimates else "–",
                "classes": numeric,
            },
            {"text": money(actuals[category]) if category in actuals else "–", "classes": numeric},
        ]
        for category in sorted({*estimates, *actuals}, key=list(CostCategory).index)
    ]
    bold = "govuk-!-font-weight-bold"
    total = [money(summary.total_estimate), money(summary.total_actual)]
    return [
        *rows,
        [
            {"text": "Total", "classes": bold},
            *({"text": t, "classes": f"{numeric} {bold}"} for t in total),
        ],
    ]


def set_aside_here(review: Any, summary: CostSummary | None) -> str:
    """Why a decommissioned review's agreed cost and estimates are in no total of the Money
    page, its download or the board paper (``bodies.still_to_spend``), said where they are
    kept, so a lead who finds them missing there learns why here."""
    figures = [
        word
        for word, there in (
            ("agreed cost", review.commissions),
            ("estimates", summary is not None and summary.estimates),
        )
        if there
    ]
    if review.status is not ReviewStatus.DECOMMISSIONED or not figures:
        return ""
    are = "is" if figures == ["agreed cost"] else "are"
    return (
        f"The review was decommissioned and will spend nothing more: its "
        f"{' and '.join(figures)} {are} set aside, left out of the partnership's agreed and "
        "estimated totals on the Money page; what it incurred still counts."
    )


def agreed_beside_estimates(agreed: int, summary: CostSummary | None) -> str:
    """What the agreed cost is beside the estimate lines, and how far the estimates have gone
    past it: "Agreed £8,500" beside estimates of £18,000 left a lead nothing to tell a board."""
    said = (
        f"The chair and author were commissioned at an agreed cost of {money(agreed)}: what "
        "was agreed to pay them when they were appointed. The estimates are the latest figure "
        "for each thing the review pays for (the chair's and author's days, administration, "
        "legal advice, translation, venues), revised as the review goes on."
    )
    if summary is not None and summary.total_estimate > agreed:
        more = money(summary.total_estimate - agreed)
        said += f" The estimates add up to {more} more than the cost agreed."
    return said


def paid_from_region_pots(tenant: str, review: UUID) -> list[dict[str, Any]] | None:
    """Each pot held for the partnership's region that has paid for this review, with what it
    paid, as the region's money view has it (``bodies.pot_spend_of``); named as the region's
    ledger names the pot, and linked to the pot's page, which its partners may read.

    None when that view cannot be read just now (its store away, or not built yet): the rest
    of the case is the partnership's own and still shows, and the page says the pots' part
    cannot be shown, never that no pot paid."""
    region = platform().registry.tenant(tenant).region
    try:
        spent = pot_spend_of(live_views(), region, review, WAIT)
    except UNREADABLE as away:
        log.warning("pots' spend on a case not shown: %s", type(away).__name__)
        return None
    if not spent:
        return []
    with region_ledger(region, writing=False) as ledger:
        names = {b.budget_id: b.name for b in ledger.funding.budgets()}
    return [
        {
            "name": names.get(s.pot, "A pot held for the region"),
            "paid": s.amount,
            "href": url_for("web.shared.pot", region=region, pool=s.pot),
        }
        for s in spent
    ]
