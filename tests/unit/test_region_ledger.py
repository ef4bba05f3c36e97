"""The region's own ledger in memory: its directory, minimum spends, services, groups,
demand, and the seeds' shared money recorded there with the same figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.funding import FinancialYear
from domain.region import CommissionedService, CommissioningBudget, DemandRecord, PartnerDirectory
from domain.reminders import ItemKind, funding_items
from tenants.demo.money import (
    AGREED,
    COUNTY,
    DISTRICTS,
    POLICE,
    leicestershire_2016_17,
    leicestershire_pooled_budget,
    west_midlands_invest_to_save,
)
from tenants.region_ledger import RegionLedger

DAY = date(2017, 12, 1)
Y = FinancialYear(2018)


@pytest.fixture
def region() -> Iterator[RegionLedger]:
    ledger = RegionLedger(
        "leicestershire-rutland",
        env={"PERSISTENCE_MODULE": "eventsourcing.popo"},
        tenants=lambda: set(DISTRICTS) | {"wolverhampton"},
    )
    for slug in DISTRICTS:
        ledger.partners.add(slug, slug.title(), "csp", DAY, tenant=slug)
    ledger.partners.add(COUNTY, "Leicestershire County Council", "county_council", DAY)
    ledger.partners.add(POLICE, "Leicestershire Police", "police", DAY)
    yield ledger
    ledger.close()


def test_the_pot_in_the_region_ledger_keeps_the_seed_figures(region: RegionLedger) -> None:
    pot = leicestershire_pooled_budget(region)
    leicestershire_2016_17(region, pot)
    year = region.pooled.statement(pot, "2015/16")
    assert year.closing_reserve == year.carried_forward == 2_550_000
    now = region.pooled.statement(pot, "2016/17")
    assert now.agreed == now.received_for_year == 6_600_000
    assert {p.partner: p.agreed for p in now.partners} == AGREED
    at_2_5 = region.pooled.forecast(pot, "2016/17", "2.5")
    assert at_2_5.annual_cost == 4_208_900 + 2_125_000


def test_accruals_count_what_is_due_and_reconcile_with_cash(region: RegionLedger) -> None:
    pot = leicestershire_pooled_budget(region)
    cash, accrued = region.pooled.statement(pot, "2015/16"), region.pooled.accruals(pot, "2015/16")
    assert accrued.closing_reserve == cash.closing_reserve - 250_000  # Charnwood paid early
    assert accrued.reconciles and accrued.contributions_due == 3_000_000
    region.pooled.agree_contribution(pot, POLICE, "2017/18", 1_600_000, date(2017, 3, 1))
    owed = region.pooled.accruals(pot, "2017/18")
    # 2016/17 was never paid here (6,350,000 still due) and police owe 2017/18 too.
    assert owed.debtors == 6_350_000 + 1_600_000 and owed.reconciles


def test_a_pot_partner_must_be_in_the_directory(region: RegionLedger) -> None:
    pot = leicestershire_pooled_budget(region)
    version = region.pooled.get(pot).version
    with pytest.raises(InvalidValueError, match="valid partners: blaby"):
        region.pooled.add_partner(pot, "fire", "Fire", DAY)
    assert region.pooled.get(pot).version == version


def test_grants_go_to_a_partnership_of_the_directory(region: RegionLedger) -> None:
    with pytest.raises(InvalidValueError, match="not in the region's partner directory"):
        west_midlands_invest_to_save(region)  # allocates to Wolverhampton, not listed here
    region.partners.add("wolverhampton", "Wolverhampton", "csp", DAY, tenant="wolverhampton")
    with pytest.raises(InvalidValueError, match="not a partnership"):
        region.partners.add("stranger", "Stranger", "csp", DAY, tenant="birmingham")


def test_names_map_to_one_partner_so_counts_see_one_police() -> None:
    directory = PartnerDirectory()
    directory.add("wmp", "West Midlands Police", "police", None, DAY)
    directory.map_name("Police", "wmp", DAY)
    assert directory.resolve("police ") == directory.resolve("West  Midlands Police")
    with pytest.raises(DuplicateError):
        directory.add("wmp", "Again", "police", None, DAY)
    with pytest.raises(InvalidValueError):
        directory.add("x", "X", "csp", None, DAY)  # a CSP names its tenant


def budget() -> CommissioningBudget:
    made = CommissioningBudget.open("da", "DA services", "opcc", DAY)
    made.budget_year(Y, 183_600_000, [("county", 60_000_000), ("city", 42_100_000)], DAY)
    return made


def test_an_allocation_that_would_leave_the_city_below_its_minimum_is_refused() -> None:
    made = budget()
    made.allocate(Y, "county", 141_500_000, "county services", DAY)  # leaves exactly £421,000
    with pytest.raises(InvalidTransitionError, match="'city' \\(minimum £421,000.00\\)"):
        made.allocate(Y, "county", 1, "one penny more", DAY)
    with pytest.raises(InvalidTransitionError):
        made.allocate(Y, "pan-area", 1, "anything else", DAY)
    made.allocate(Y, "city", 42_100_000, "city services", DAY)
    assert made.year(Y).unallocated == 0
    assert all(a.short_of_minimum == 0 for a in made.year(Y).areas)


def test_minimums_cannot_exceed_the_value() -> None:
    made = CommissioningBudget.open("da", "DA services", "opcc", DAY)
    with pytest.raises(InvalidValueError):
        made.budget_year(Y, 100, [("county", 60), ("city", 41)], DAY)


def test_a_service_is_funded_in_shares_extended_and_handed_over() -> None:
    service = CommissionedService.open("east", "East Staffs DA", "home-group", "staffs", DAY)
    with pytest.raises(InvalidValueError, match="add up"):
        service.agree_funding("a", date(2015, 4, 1), date(2018, 3, 31), 100, [("county", 99)])
    service.agree_funding("a", date(2015, 4, 1), date(2018, 3, 31), 100, [("county", 100)])
    service.extend("a", date(2018, 9, 30), "Until the new services start")
    service.hand_over("pathway", date(2017, 10, 1), "Home Group did not extend")
    assert service.provider == "pathway" and service.agreement("a").ends_on == date(2018, 9, 30)
    with pytest.raises(InvalidValueError, match="does not fund"):
        service.pay("a", "city", 10, DAY)


def test_a_service_ends_soon_within_six_months_of_its_funding_ending() -> None:
    """Extended to 30 September 2018: at the January 2018 committee that was eight months
    away; by April it is within six months, time to decide; after it, not 'soon' but ended."""
    service = CommissionedService.open("east", "East Staffs DA", "home-group", "staffs", DAY)
    assert service.funded_to is None and not service.ends_soon(date(2018, 1, 15))
    service.agree_funding("a", date(2015, 4, 1), date(2018, 3, 31), 100, [("county", 100)])
    service.extend("a", date(2018, 9, 30), "Until the new services start")
    assert service.funded_to == date(2018, 9, 30)
    assert not service.ends_soon(date(2018, 1, 15))
    assert service.ends_soon(date(2018, 4, 1)) and service.ends_soon(date(2018, 9, 30))
    assert not service.ends_soon(date(2018, 10, 1))
    assert not service.funding_ended(date(2018, 9, 30)) and service.funding_ended(date(2018, 10, 1))


def test_a_services_funding_ending_is_a_notice_that_an_extension_renews() -> None:
    """The reminder's identity carries the end date: extended again, the service is a new
    notice when the new end comes within six months, not one already told."""
    service = CommissionedService.open("east", "East Staffs DA", "home-group", "staffs", DAY)
    service.agree_funding("a", date(2015, 4, 1), date(2018, 9, 30), 100, [("county", 100)])
    assert funding_items("staffs-stoke", [service], date(2018, 1, 15)) == []
    (notice,) = funding_items("staffs-stoke", [service], date(2018, 4, 1))
    assert notice.kind is ItemKind.FUNDING_ENDING and notice.due_on == date(2018, 9, 30)
    assert notice.path == "/regions/staffs-stoke/services/east" and notice.what == "East Staffs DA"
    service.extend("a", date(2019, 3, 31), "The tender slipped")
    assert funding_items("staffs-stoke", [service], date(2018, 9, 1)) == []  # seven months away
    (renewed,) = funding_items("staffs-stoke", [service], date(2018, 10, 1))
    assert renewed.key != notice.key


def test_demand_figures_by_quarter_and_year_correct_only_with_a_reason() -> None:
    record = DemandRecord()
    record.record("marac_cases", "staffs", "2016/17", 2247, DAY)
    record.record("marac_cases", "staffs", "2017/18 Q1", 447, DAY)
    with pytest.raises(InvalidValueError, match="give a reason"):
        record.record("marac_cases", "staffs", "2017/18 Q1", 450, DAY)
    with pytest.raises(InvalidValueError, match="not a period"):
        record.record("marac_cases", "staffs", "2017 Q5", 1, DAY)
    record.record("marac_cases", "staffs", "2017/18 Q1", 450, DAY, "late returns")
    assert record.figures[("marac_cases", "staffs", "2017/18 Q1")].value == 450
