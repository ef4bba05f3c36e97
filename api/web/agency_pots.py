"""A pot as a body that pays into it reads it: a police force's (or any directory body's)
agency user, from its start page, sees each pot its body is a partner of, read-only.

The figures are the region's own pot page's (``pots.year_on_page`` and its template): what
each partner agreed, was due and paid, what the pot spent and has left, the plan and the
forecast, and beside them what the pot paid for reviews by partnership, as amounts. No case
is named or linked, nothing is offered to record, and a pot the body is not a partner of is
"Page not found", as another agency's IMR is. The routes join ``agency_work``'s blueprint.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import render_template

from api.context import current_user, platform, requires
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web.agency_work import _agency_name, bp
from api.web.pots import year_on_page
from api.web.shared_money import partner_names
from domain.funding import FinancialYear
from tenants.region_ledger.contributors import own_part, paid_into, spend_by_partnership


@bp.route("/regions/<region>/agency-work/pots/<uuid:pool>")
@requires(Permission.AGENCY_WORK)
def pot(region: str, pool: UUID) -> Any:
    """One pot the user's body pays into: its year on both bases, what it paid for reviews by
    partnership, its plan and forecast; nothing to record."""
    agency = current_user().agency or ""
    with region_ledger(region, writing=False) as ledger:
        found = paid_into(ledger, pool, agency)
        names = partner_names(ledger, found)
        year = year_on_page(ledger, pool)
        spent = spend_by_partnership(ledger, pool, FinancialYear.parse(year["year"]))
        body = _agency_name(ledger.partners.directory())
    return render_template(
        "agency_work/pot.html",
        region=platform().registry.region(region),
        pot=found,
        agency=agency,
        agency_name=body,
        names=names,
        own=own_part(year["statement"], agency),
        review_spend=spent,
        record_links=[],
        more_links=[],
        spend_waits=False,
        add_partner_link=None,
        **year,
    )
