"""A partnership's money in Chromium, as its officer and lead see it: a cost recorded on a
case reaches the Money page's costs per review, their total and the XLSX download; a
contribution agreed and received reaches the pot's statement and forecast; and what the
partnership owes a pot held for its region reads the same on its Money page and the pot's.
A figure typed the page cannot be sure of is refused beside its box on the way."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect

from domain.calendar import uk_today
from domain.funding import FinancialYear
from domain.recording import acting_as
from tests.web.browser.conftest import Live, check_page, sign_in

OFFICER, LEAD = "demo-birmingham-officer", "demo-birmingham-lead"
COSTS = "table:has(caption:has-text('Reviews with costs recorded'))"


def pounds(shown: str) -> Decimal:
    """'£20,150.00' (the first line of a cell) as pounds; a dash, nothing recorded, as 0."""
    figure = shown.strip().splitlines()[0].strip()
    return Decimal(0) if figure == "–" else Decimal(figure.removeprefix("£").replace(",", ""))


def fill_date(page: Page, name: str, day: date) -> None:
    page.fill(f"#{name}-day", str(day.day))
    page.fill(f"#{name}-month", str(day.month))
    page.fill(f"#{name}-year", str(day.year))


def incurred_in_all(page: Page) -> Decimal:
    said = re.search(r"and (£[\d,.]+) incurred over", page.inner_text("main"))
    assert said, "the Money page totals what the reviews have cost"
    return pounds(said[1])


def refused_beside(page: Page, box: str, said: str) -> None:
    expect(page.locator(".govuk-error-summary")).to_contain_text(said)
    expect(page.locator(f"#{box}-error")).to_contain_text(said)


def test_a_cost_recorded_on_a_case_reaches_the_costs_per_review_and_their_total(
    page: Page, live: Live
) -> None:
    sign_in(page, OFFICER)
    page.click("nav a:has-text('Money')")
    expect(page.locator("h1")).to_have_text("Money")
    check_page(page, live, "money")
    row = page.locator(f"{COSTS} tbody tr").first
    reference = row.locator("th a").inner_text().split("'")[0].strip()
    before, total_before = pounds(row.locator("td").nth(3).inner_text()), incurred_in_all(page)

    row.locator("th a").click()
    page.click("a:has-text('Record a cost incurred')")
    page.check("input[name=category][value=chair]")
    fill_date(page, "on", uk_today())
    page.fill("#description", "Chair's invoice 7, second panel")
    for typed, said in (
        ("1,2,00", "The cost has a comma in the wrong place"),  # £1.20 or £1,200?
        ("0", "Enter an amount more than £0"),  # not "... in pence"
    ):
        page.fill("#amount", typed)
        page.click("button:has-text('Save and continue')")
        refused_beside(page, "amount", said)
        assert "pence" not in page.inner_text("main")
    check_page(page, live, "cost-refused")
    page.fill("#amount", "1,250.50")
    page.click("button:has-text('Save and continue')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Cost recorded")

    page.click("nav a:has-text('Money')")
    row = page.locator(f"{COSTS} tbody tr", has=page.locator(f"th a:has-text('{reference}')"))
    assert pounds(row.locator("td").nth(3).inner_text()) == before + Decimal("1250.50")
    assert incurred_in_all(page) == total_before + Decimal("1250.50")
    check_page(page, live, "money-after-cost")

    with page.expect_download() as download:
        page.click("a:has-text('XLSX')")
    book = load_workbook(BytesIO(download.value.path().read_bytes()))
    sheet = book.worksheets[0]
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(values_only=True)}
    assert pounds(notes["In all, incurred"]) == total_before + Decimal("1250.50")
    rows = list(sheet.iter_rows(values_only=True))
    incurred = rows[0].index("Incurred (£)")  # a decommissioned review's set-aside estimate after
    assert rows[0][0] == "Reference"
    (mine,) = [r for r in rows[1:] if r[0] == reference]
    assert Decimal(str(mine[incurred])) == before + Decimal("1250.50")
    in_all = sum(Decimal(str(r[incurred] or 0)) for r in rows[1:])
    assert in_all == total_before + Decimal("1250.50")


def statement_cell(page: Page, line: str, column: int) -> Decimal:
    """A figure of the pot's year on both bases: ``line`` (Contributions, say), cash (1) or
    accruals (2)."""
    table = page.locator("table:has(caption:has-text('on both bases'))")
    found = table.locator("tr", has=page.locator(f"th:text-is('{line}')"))
    return pounds(found.locator("td").nth(column - 1).inner_text())


def partner_row(page: Page, name: str) -> list[str]:
    """A partner's line of the year's contributions, its figures as shown."""
    table = page.locator("table:has(caption:has-text('Contributions for'))")
    cells: Locator = table.locator("tr", has=page.locator(f"th:text-is('{name}')")).locator("td")
    return [c.strip() for c in cells.all_inner_texts()]


def test_a_contribution_agreed_and_received_reaches_the_pots_statement_and_forecast(
    page: Page, live: Live
) -> None:
    year = FinancialYear.of(uk_today())
    sign_in(page, OFFICER)
    page.click("nav a:has-text('Money')")
    page.click("a:has-text('Open a pooled budget')")
    page.fill("#reference", "BHM-JOURNEY")
    page.fill("#name", "Birmingham journey pot")
    page.fill("#manager", "Community safety team")
    fill_date(page, "on", year.start)
    page.click("button:has-text('Open the pooled budget')")
    expect(page.locator("h1")).to_have_text("Birmingham journey pot")
    page.click("main a:has-text('Add a partner') >> nth=0")
    page.fill("#name", "West Midlands Police")
    fill_date(page, "on", year.start)
    page.click("button:has-text('Add the partner')")

    page.click("a:has-text('Agree a contribution')")
    page.select_option("#partner", label="West Midlands Police")
    page.fill("#year", year.label)
    fill_date(page, "on", year.start)
    page.fill("#amount", "£8.5k")
    page.click("button:has-text('Record the agreement')")
    refused_beside(page, "amount", "Enter the amount in pounds, like 8500")
    check_page(page, live, "contribution-refused")
    page.fill("#amount", "8,500")
    page.click("button:has-text('Record the agreement')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"£8,500.00 agreed with West Midlands Police for {year.label}"
    )

    page.click("a:has-text('Record a contribution received')")
    page.select_option("#partner", label="West Midlands Police")
    page.fill("#year", year.label)
    fill_date(page, "on", year.start)
    page.fill("#amount", "5,000.50")
    page.click("button:has-text('Record the receipt')")
    expect(page.locator("h1")).to_have_text("Birmingham journey pot")
    assert statement_cell(page, "Contributions", 1) == Decimal("5000.50")  # cash
    assert statement_cell(page, "Contributions", 2) == Decimal("8500")  # agreed
    assert statement_cell(page, "Closing reserve", 1) == Decimal("5000.50")
    assert partner_row(page, "West Midlands Police") == [
        "£8,500.00", "£0.00", "£8,500.00", "£5,000.50", "£3,499.50",
    ]  # fmt: skip

    page.click("a:has-text('Plan an allocation')")
    page.fill("#year", year.label)
    page.fill("#purpose", "Chairs and authors")
    page.fill("#per_dhr", "8,500")
    page.fill("#expected_dhrs", "2")
    fill_date(page, "on", year.start)
    page.click("button:has-text('Record the plan')")
    forecast = page.locator("h2:has-text('Forecast for') + *").inner_text()
    assert "£8,500.00" in forecast  # the contributions agreed, beside the year's cost
    check_page(page, live, "own-pot-statement")


def test_what_the_partnership_owes_a_pot_held_for_its_region_reads_the_same_on_both_pages(
    page: Page, live: Live
) -> None:
    """The Commissioner's office keeps the pot (its own pages, tests/web/test_shared_pages.py);
    the lead reads what Birmingham owes from the Money page and the pot's statement."""
    year = FinancialYear.of(uk_today())
    with acting_as("opcc"), live.platform.region_ledgers.lease("west-midlands") as region:
        if "birmingham" not in region.partners.directory().partners:
            region.partners.add("birmingham", "Birmingham", "csp", year.start, tenant="birmingham")
        pot = region.pooled.open("WM-JOURNEY", "West Midlands review pot", "OPCC", year.start)
        region.pooled.add_partner(pot, "birmingham", "", year.start)
        region.pooled.agree_contribution(pot, "birmingham", year.label, 1_000_000, year.start)
        region.pooled.receive_contribution(pot, "birmingham", year.label, 600_000, year.start)

    sign_in(page, LEAD)
    page.click("nav a:has-text('Money')")
    row = page.locator(
        "#region-pots tr", has=page.locator("a:has-text('West Midlands review pot')")
    )
    assert [c.strip() for c in row.locator("td").all_inner_texts()] == [
        "£10,000.00", "£6,000.00", "£4,000.00",
    ]  # fmt: skip
    check_page(page, live, "money-region-pot")
    row.locator("a").click()
    expect(page.locator("h1")).to_have_text("West Midlands review pot")
    assert partner_row(page, "Birmingham") == [
        "£10,000.00", "£0.00", "£10,000.00", "£6,000.00", "£4,000.00",
    ]  # fmt: skip
    assert statement_cell(page, "Contributions", 1) == Decimal("6000")
    check_page(page, live, "region-pot-for-lead")
