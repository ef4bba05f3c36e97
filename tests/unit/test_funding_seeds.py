"""The seeds' figures, reproduced through recorded events (never typed in as results).

Leicestershire & Rutland pooled DHR budget (LSCSB, 8 June 2016) and the West Midlands PCC's
Invest to Save decision 036/2013.
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.funding import FinancialYear, forecast
from domain.recording import acting_as
from tenants.demo.money import (
    AGREED,
    CHAIRS,
    COUNTY,
    DISTRICTS,
    OFFICE,
    POLICE,
    west_midlands_invest_to_save,
)
from tenants.demo.money import leicestershire_pooled_budget as pooled_dhr_budget
from tenants.ledger import PartnershipLedger


@pytest.fixture
def app(memory_ledger: PartnershipLedger) -> PartnershipLedger:
    return memory_ledger


def test_leicestershire_carries_25500_forward_at_the_end_of_2015_16(app: PartnershipLedger) -> None:
    with acting_as("officer-1"):
        pot = pooled_dhr_budget(app)
    year = app.pooled.statement(pot, "2015/16")
    assert year.closing_reserve == year.carried_forward == 2_550_000
    assert year.received_in_advance == 250_000  # Charnwood paid 2016/17 in 2015/16
    assert year.reconciles
    assert app.pooled.statement(pot, "2016/17").opening_reserve == 2_550_000


def test_leicestershire_2016_17_contributions_are_66000(app: PartnershipLedger) -> None:
    pot = pooled_dhr_budget(app)
    for partner in AGREED:
        if partner != "charnwood":
            app.pooled.receive_contribution(
                pot, partner, "2016/17", AGREED[partner], date(2016, 5, 1)
            )
    year = app.pooled.statement(pot, "2016/17")
    lines = {p.partner: p for p in year.partners}
    assert year.agreed == year.received_for_year == 6_600_000
    assert (lines[COUNTY].agreed, lines[POLICE].agreed) == (3_000_000, 1_600_000)
    assert sum(lines[d].agreed for d in DISTRICTS) == 2_000_000 == 8 * 250_000
    assert year.contributions == 6_600_000 - 250_000  # Charnwood's was cash in 2015/16
    assert all(line.outstanding == 0 for line in year.partners)


def test_a_payment_for_another_year_is_named_in_both_years_statements(
    app: PartnershipLedger,
) -> None:
    """Why 2015/16's cash (£32,500) and its partners' payments for the year (£30,000) differ
    is on the statement itself: Charnwood's £2,500 for 2016/17, named in both years."""
    pot = pooled_dhr_budget(app)
    first = app.pooled.statement(pot, "2015/16")
    assert first.reserve_origin == "Reserve built up 2012/13-2014/15"
    [early] = first.for_other_years
    assert (early.partner, early.for_year.label, early.paid_in.label) == (
        "charnwood",
        "2016/17",
        "2015/16",
    )
    assert first.received_in_year_for_year == first.received_for_year == 3_000_000
    assert first.contributions == first.received_in_year_for_year + early.amount
    second = app.pooled.statement(pot, "2016/17")
    assert second.reserve_origin is None  # only the year it was brought in
    assert second.paid_in_other_years == (early,)
    assert second.received_late == 0


def test_a_late_payment_counts_in_its_cash_year_and_for_the_year_it_was_due(
    app: PartnershipLedger,
) -> None:
    pot = pooled_dhr_budget(app)
    app.pooled.agree_contribution(pot, "rutland", "2017/18", 250_000, date(2017, 3, 1))
    app.pooled.receive_contribution(pot, "rutland", "2017/18", 250_000, date(2018, 5, 2))
    paid_late = app.pooled.statement(pot, "2018/19")
    assert paid_late.received_late == 250_000
    assert paid_late.received_in_year_for_year == paid_late.contributions - 250_000
    due = app.pooled.statement(pot, "2017/18")
    [late] = due.paid_in_other_years
    assert (late.partner, late.paid_in.label, late.amount) == ("rutland", "2018/19", 250_000)
    assert due.received_for_year == due.received_in_year_for_year + 250_000


def test_the_pots_districts_are_named_as_their_partnerships_are(app: PartnershipLedger) -> None:
    pot = pooled_dhr_budget(app)
    names = app.pooled.get(pot).partners
    assert names["hinckley-bosworth"] == "Hinckley & Bosworth"  # not "Hinckley Bosworth"
    assert names["oadby-wigston"] == "Oadby & Wigston"
    assert names[COUNTY] == "Leicestershire County Council"


def test_the_business_office_asks_for_42089_a_shortfall_of_1589(app: PartnershipLedger) -> None:
    pot = pooled_dhr_budget(app)
    planned = {a.key: a.planned for a in app.pooled.statement(pot, "2016/17").allocations}
    assert planned == {OFFICE: 4_050_000, CHAIRS: 2_550_000}  # chairs: 3 × £8,500
    assert sum(planned.values()) == 6_600_000
    app.pooled.request_variation(
        pot,
        "2016/17",
        OFFICE,
        4_208_900,
        date(2016, 5, 1),
        "Safeguarding Business Office",
        "Salary increases",
    )
    plan = app.pooled.allocation_plan(pot)
    assert plan.requests[(FinancialYear(2016), OFFICE)].shortfall == 158_900
    app.pooled.decide_variation(
        pot, "2016/17", OFFICE, True, date(2016, 6, 8), "LSCSB recommendation 33(b)"
    )
    planned = {a.key: a.planned for a in app.pooled.statement(pot, "2016/17").allocations}
    assert planned[OFFICE] == 4_208_900


def test_forecasts_re_base_on_2_5_or_3_dhrs_a_year(app: PartnershipLedger) -> None:
    pot = pooled_dhr_budget(app)
    at_three = app.pooled.forecast(pot, "2016/17", 3)
    assert at_three.annual_cost == at_three.agreed_contributions == 6_600_000
    assert {s.partner: s.required for s in at_three.shares} == AGREED
    app.pooled.request_variation(
        pot, "2016/17", OFFICE, 4_208_900, date(2016, 5, 1), "Business office", "Salary increases"
    )
    app.pooled.decide_variation(pot, "2016/17", OFFICE, True, date(2016, 6, 8), "Agreed")
    at_three = app.pooled.forecast(pot, "2016/17", 3)
    assert at_three.annual_shortfall == 158_900
    assert at_three.years_reserve_lasts == 2_550_000 // 158_900 == 16
    at_two_and_a_half = app.pooled.forecast(pot, "2016/17", "2.5")
    assert at_two_and_a_half.annual_cost == 4_208_900 + 2_125_000
    assert at_two_and_a_half.years_reserve_lasts is None  # contributions cover the cost
    required = {s.partner: s.required for s in at_two_and_a_half.shares}
    assert sum(required.values()) == at_two_and_a_half.annual_cost
    assert abs(required[COUNTY] * 66 - at_two_and_a_half.annual_cost * 30) < 66


def test_an_approved_variation_not_yet_paid_is_a_commitment_the_forecast_names(
    app: PartnershipLedger,
) -> None:
    """Seed 001's business office, varied from £40,500 to £42,089 for 2016/17 and paid the old
    £40,500: 2016/17's forecast names the £1,589 still to pay (in its cost); 2017/18's, while
    2016/17 is open, takes it off the reserve; once 2016/17 is closed it is no longer owed."""
    pot = pooled_dhr_budget(app)
    assert app.pooled.forecast(pot, "2016/17", 3).commitments == ()
    app.pooled.request_variation(
        pot, "2016/17", OFFICE, 4_208_900, date(2016, 5, 1), "Business office", "Salary increases"
    )
    assert app.pooled.forecast(pot, "2016/17", 3).commitments == ()  # asked, not approved
    app.pooled.decide_variation(pot, "2016/17", OFFICE, True, date(2016, 6, 8), "Agreed")
    app.pooled.spend(pot, OFFICE, 4_050_000, date(2016, 7, 1), "Business office")

    this_year = app.pooled.forecast(pot, "2016/17", 3)
    (owed,) = this_year.commitments
    assert (owed.key, owed.approved, owed.planned_before) == (OFFICE, 4_208_900, 4_050_000)
    assert (owed.decided_on, owed.spent, owed.unpaid) == (date(2016, 6, 8), 4_050_000, 158_900)
    assert owed.in_cost and this_year.committed_from_reserve == 0
    assert this_year.fixed_costs == 4_208_900  # counted once, in the year's cost

    next_year = app.pooled.forecast(pot, "2017/18", 3)
    (carried,) = next_year.commitments
    assert not carried.in_cost and next_year.committed_from_reserve == 158_900
    assert next_year.reserve_uncommitted == next_year.reserve - 158_900

    app.pooled.spend(pot, OFFICE, 158_900, date(2016, 9, 1), "Business office, the variation")
    paid = app.pooled.forecast(pot, "2017/18", 3)
    assert paid.commitments == () and paid.committed_from_reserve == 0  # paid in full
    assert paid.reserve == next_year.reserve_uncommitted  # as the forecast had counted it


def test_how_long_the_reserve_lasts_is_counted_without_what_is_owed_from_it() -> None:
    year = FinancialYear(2017)
    free = forecast(year, 1_000_000, 600_000, 0, 0, [("county", 500_000)], 400_000)
    assert free.reserve == 1_000_000 and free.reserve_uncommitted == 600_000
    assert free.years_reserve_lasts == 600_000 // 100_000 == 6
    assert free.years_reserve_alone_covers == 1
    assert forecast(year, 1_000_000, 600_000, 0, 0, [("county", 500_000)]).years_reserve_lasts == 10


def test_a_closed_years_unpaid_variation_is_no_longer_a_commitment(
    app: PartnershipLedger,
) -> None:
    pot = pooled_dhr_budget(app)
    app.pooled.request_variation(
        pot, "2016/17", OFFICE, 4_208_900, date(2016, 5, 1), "Business office", "Salary increases"
    )
    app.pooled.decide_variation(pot, "2016/17", OFFICE, True, date(2016, 6, 8), "Agreed")
    assert app.pooled.forecast(pot, "2017/18", 3).committed_from_reserve == 4_208_900
    app.pooled.close_year(pot, "2016/17", date(2017, 4, 30), "Year end")
    assert app.pooled.forecast(pot, "2017/18", 3).commitments == ()


def test_the_statement_reconciles_to_the_penny_with_the_stored_events(
    app: PartnershipLedger,
) -> None:
    pot = pooled_dhr_budget(app)
    app.pooled.receive_contribution(pot, POLICE, "2016/17", 1_600_000, date(2016, 6, 1))
    app.pooled.spend(pot, OFFICE, 4_208_900, date(2016, 7, 1), "Business office")
    flows: dict[str, int] = {}
    for e in app.events.get(pot):
        name = type(e).__name__
        if name == "ContributionReceived":
            key = FinancialYear.of(e.received_on).label  # type: ignore[attr-defined]
            flows[key] = flows.get(key, 0) + e.amount  # type: ignore[attr-defined]
        elif name in ("Spent", "ReserveBroughtForward"):
            key = e.year.label  # type: ignore[attr-defined]
            sign = -1 if name == "Spent" else 1
            flows[key] = flows.get(key, 0) + sign * e.amount  # type: ignore[attr-defined]
    assert app.pooled.statement(pot, "2015/16").closing_reserve == flows["2015/16"]
    assert app.pooled.statement(pot, "2016/17").closing_reserve == sum(flows.values())


def test_west_midlands_decision_036_2013_through_the_ledger(app: PartnershipLedger) -> None:
    with acting_as("opcc-officer"):
        line_id = west_midlands_invest_to_save(app)
    live = app.funding.line(line_id)
    app.repository.cache = None
    line = app.funding.line(line_id)
    assert line == live
    assert line.cases["dhr-research"].sought == 5_000_000
    decision = line.decisions["036/2013"]
    assert (decision.decided_on, decision.approved, len(decision.conditions)) == (
        date(2013, 9, 4),
        3_000_000,
        1,
    )
    assert line.ceiling - line.committed == 32_000_000
    assert line.allocation("036/2013", "wolverhampton").net_paid == 3_000_000
    assert {e.recorded_by for e in app.events.get(line_id)} == {"opcc-officer"}  # type: ignore[attr-defined]
