"""Funding use cases through a tenant's application: replay equals state, the budget index,
not-found translation, and refusals that leave the store untouched."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding import (
    AllocationPlan,
    AmountLine,
    BudgetKind,
    BudgetLine,
    CostCategory,
    FinancialYear,
    PooledBudget,
    ReviewCost,
)
from tenants.ledger import PartnershipLedger

Y15, Y16 = FinancialYear(2015), FinancialYear(2016)


def test_every_funding_aggregate_replays_to_the_state_that_was_saved(
    memory_ledger: PartnershipLedger,
) -> None:
    line = BudgetLine.open(
        "csf-2013-14", "Community Safety Fund", "PCC", "2013/14", 696_900_000, date(2013, 4, 1)
    )
    line.submit_business_case(
        "bid", "Bid", "HOCS", [AmountLine("Research", 2_000_000)], date(2013, 5, 1)
    )
    line.decide("010/2013", date(2013, 6, 1), "PCC", 1_000_000, "bid", ["Report quarterly"])
    line.allocate("010/2013", "coventry", 1_000_000, date(2013, 6, 2))
    line.pay("010/2013", "coventry", 400_000, date(2013, 7, 1))
    pot = PooledBudget.open("pot", "Pot", "Office", date(2015, 4, 1))
    pot.add_partner("county", "County", date(2015, 4, 1))
    pot.agree_contribution("county", Y15, 3_000_000, date(2015, 3, 1))
    pot.not_draw_down("county", Y15, date(2015, 6, 1), "Deferred", amount=100, deferred_to=Y16)
    pot.receive_contribution("county", Y15, 1_000_000, date(2015, 5, 1))
    pot.spend("chairs", 850_000, date(2015, 9, 1), "Author", uuid4())
    pot.close_year(Y15, date(2016, 4, 30))
    plan = AllocationPlan(budget_reference="pot")
    plan.plan_allocation(
        Y15, "chairs", "Chairs", date(2015, 3, 1), per_dhr=850_000, expected_dhrs="2.5"
    )
    plan.request_variation(Y15, "chairs", 2_200_000, date(2015, 9, 1), "Office", "Costs")
    cost = ReviewCost.start(uuid4())
    cost.estimate(CostCategory.CHAIR, 850_000, date(2015, 5, 1), incident_on=date(2015, 1, 3))
    cost.record_actual(
        "author", 700_000, date(2015, 12, 1), "Author's invoice", incident_on=date(2015, 1, 3)
    )
    memory_ledger.save(line, pot, plan, cost)
    for aggregate in (line, pot, plan, cost):
        assert memory_ledger.repository.get(aggregate.id) == aggregate


def test_budgets_are_listed_and_a_reference_is_used_once(memory_ledger: PartnershipLedger) -> None:
    app = memory_ledger
    line_id = app.funding.open_line(
        "its", "Invest to Save", "PCC", "2013/14", 35_000_000, date(2013, 4, 1)
    )
    pot_id = app.pooled.open("pot", "DHR pot", "Office", date(2015, 4, 1))
    listed = {(b.kind, b.budget_id) for b in app.funding.budgets()}
    assert listed == {(BudgetKind.BUDGET_LINE, line_id), (BudgetKind.POOLED_BUDGET, pot_id)}
    with pytest.raises(DuplicateError):
        app.funding.open_line("its", "Again", "PCC", "2013/14", 1, date(2013, 4, 1))
    assert len(app.funding.budgets()) == 2


def test_unknown_or_mismatched_ids_are_not_found(memory_ledger: PartnershipLedger) -> None:
    app = memory_ledger
    pot_id = app.pooled.open("pot", "DHR pot", "Office", date(2015, 4, 1))
    with pytest.raises(NotFoundError):
        app.funding.pay(uuid4(), "1/2013", "coventry", 1, date(2013, 5, 1))
    with pytest.raises(NotFoundError):
        app.funding.line(pot_id)
    with pytest.raises(NotFoundError):
        app.costs.of_review(uuid4())


def test_refused_commands_leave_the_store_untouched(memory_ledger: PartnershipLedger) -> None:
    app = memory_ledger
    pot_id = app.pooled.open("pot", "DHR pot", "Office", date(2015, 4, 1))
    app.pooled.add_partner(pot_id, "county", "County", date(2015, 4, 1))
    app.pooled.agree_contribution(pot_id, "county", "2015/16", 3_000_000, date(2015, 3, 1))
    version = app.pooled.get(pot_id).version
    with pytest.raises(NotFoundError, match="plan it first"):
        app.pooled.spend(pot_id, "chairs", 850_000, date(2015, 9, 1), "Unplanned")
    with pytest.raises(InvalidValueError):
        app.pooled.receive_contribution(pot_id, "county", "2015/16", 2500.5, date(2015, 5, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="2016/17"):
        app.pooled.receive_contribution(pot_id, "county", "2015-2016", 1, date(2015, 5, 1))
    app.pooled.close_year(pot_id, "2015/16", date(2016, 4, 30))
    with pytest.raises(InvalidTransitionError, match="reopen"):
        app.pooled.receive_contribution(pot_id, "county", "2015/16", 1, date(2016, 3, 1))
    assert app.pooled.get(pot_id).version == version + 1  # only the close


def test_a_dhr_has_estimates_and_actual_costs_by_category(memory_ledger: PartnershipLedger) -> None:
    app = memory_ledger
    incident, notified = date(2015, 1, 10), date(2015, 1, 20)
    review = app.reviews.notify("DHR-COST", incident, notified, "Mary", "dhr", "unexpected_death")
    app.costs.estimate(review, "chair", 400_000, date(2015, 5, 1))
    app.costs.estimate(review, "author", 450_000, date(2015, 5, 1))
    app.costs.estimate(review, "author", 500_000, date(2015, 8, 1), "Extra panel")
    app.costs.record(review, CostCategory.AUTHOR, 300_000, date(2015, 9, 1), "Invoice 1")
    app.costs.record(review, "author", 250_000, date(2016, 1, 1), "Invoice 2")
    summary = app.costs.of_review(review)
    assert summary.estimates == ((CostCategory.CHAIR, 400_000), (CostCategory.AUTHOR, 500_000))
    assert (summary.total_estimate, summary.total_actual) == (900_000, 550_000)
    with pytest.raises(InvalidValueError, match="cost category"):
        app.costs.record(review, "catering", 1, date(2016, 1, 1), "Lunch")
