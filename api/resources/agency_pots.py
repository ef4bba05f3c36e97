"""The pots a police force's (or any directory body's) agency user's body pays into, over
HTTP, as its agency work pages show them: which pots, and each pot's year (the body's own
part, what is left, what the pot paid for reviews by partnership as amounts). The routes join
``agency_work``'s blueprint. A pot the body is not a partner of, or another region's, is "not
found", as on the page. Reads are not logged, as the page's are not: no case and no person is
named.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.context import current_user
from api.policy import Permission
from api.resources.agency_work import blp
from api.resources.reads import query
from api.resources.region_common import region_ledger
from api.schemas.contributors import ContributorPotOut, ContributorPotYearOut, PotYearIn
from domain.calendar import uk_today
from domain.funding import FinancialYear
from tenants.region_ledger.contributors import (
    own_part,
    paid_into,
    pots_paid_into,
    spend_by_partnership,
)

POTS = "/regions/<region>/agency-work/pots"


@query(blp, POTS, ContributorPotOut(many=True), Permission.AGENCY_WORK)
def pots(region: str) -> Any:
    """The region's pots the user's body pays into, by name, with who manages each."""
    with region_ledger(region, writing=False) as ledger:
        found = pots_paid_into(ledger, current_user().agency or "")
    return [{"id": p.id, "name": p.name, "region": region, "manager": p.manager} for p in found]


@query(blp, POTS + "/<uuid:pool>", ContributorPotYearOut, Permission.AGENCY_WORK, args=PotYearIn)
def pot_year(args: dict[str, Any], region: str, pool: UUID) -> Any:
    """A pot's year as the body's agency work page shows it; in pence, no case named."""
    agency = current_user().agency or ""
    year = FinancialYear.parse(args["year"]) if args["year"] else FinancialYear.of(uk_today())
    with region_ledger(region, writing=False) as ledger:
        pot = paid_into(ledger, pool, agency)
        both = ledger.pooled.statement_both_bases(pool, year)
        spent = spend_by_partnership(ledger, pool, year)
    return {
        "id": pot.id,
        "name": pot.name,
        "region": region,
        "manager": pot.manager,
        "year": year.label,
        "partner": agency,
        "own_part": own_part(both, agency),
        "left_in_pot_cash": both.cash.closing_reserve,
        "left_in_pot_accruals": both.accruals.closing_reserve,
        "review_spend": [
            {
                "partnership": s.tenant,
                "partnership_name": name,
                "reviews": s.reviews,
                "pence": s.amount,
            }
            for name, s in spent
        ],
    }
