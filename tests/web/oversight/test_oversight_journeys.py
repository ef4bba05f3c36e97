"""A regional lead, an auditor and a platform administrator do their main jobs in Chromium,
on the demo as `make run` loads it; every page they visit passes axe-core's WCAG 2.2 AA rules."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from playwright.sync_api import Page, expect

from tests.web.browser.conftest import shown_again
from tests.web.oversight.conftest import Demo, check_page, sign_in


def test_a_regional_lead_reads_the_west_midlands_table_of_4_september_2013(
    page: Page, demo: Demo
) -> None:
    sign_in(page, "demo-west-midlands-analyst")
    expect(page.locator("h1")).to_have_text("West Midlands")  # their start page
    check_page(page, demo, "dashboard-today")

    page.fill("#on-day", "4")
    page.fill("#on-month", "9")
    page.fill("#on-year", "2013")
    page.click("button:has-text('Show')")

    expect(page.locator("#dhr-table caption")).to_contain_text("to 4 September 2013")
    total = page.locator("#dhr-total td")
    expect(total.nth(0)).to_have_text("25")
    expect(total.nth(1)).to_have_text("6")
    birmingham = page.locator("#dhr-table tbody tr").first
    expect(birmingham).to_contain_text("Birmingham")
    expect(birmingham).to_contain_text("1 decommissioned")
    expect(page.locator("#heat-map")).to_be_visible()
    expect(page.locator("img[alt*='Median months from incident to decision']")).to_be_visible()
    check_page(page, demo, "dashboard-2013-09-04")

    page.fill("#on-day", "31")
    page.fill("#on-month", "2")
    page.click("button:has-text('Show')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be a real date")
    check_page(page, demo, "dashboard-date-error")


def test_an_auditor_verifies_birmingham_and_replays_a_case(page: Page, demo: Demo) -> None:
    sign_in(page, "demo-auditor")
    expect(page.locator("h1")).to_have_text("Partnerships you audit")
    check_page(page, demo, "audit-picker")

    page.click("a:has-text('Birmingham')")
    check_page(page, demo, "audit-partnership")
    page.click("button:has-text('Verify integrity')")
    expect(page.locator(".govuk-panel")).to_contain_text("History intact")
    expect(page.locator(".govuk-panel")).to_contain_text("1 seal")
    check_page(page, demo, "audit-verified")

    page.click("a:has-text('BHM-DHR-01')")
    bylines, titles = page.locator(".moj-timeline__byline"), page.locator(".moj-timeline__title")
    expect(bylines.filter(has_text="Alex Morgan").first).to_be_visible()
    expect(titles.filter(has_text="Recommendation made").first).to_be_visible()  # as its page
    expect(page.locator(".moj-timeline__title").last).to_have_text(
        "Death notified to the partnership"
    )
    check_page(page, demo, "audit-case-history")
    page.locator("a:has-text('R1:')").first.click()
    expect(page.locator(".moj-timeline__title").last).to_have_text("Action planned")
    check_page(page, demo, "audit-action-history")

    page.click("a:has-text('My read log')")
    expect(page.locator("#reads")).to_contain_text("Integrity check")
    check_page(page, demo, "audit-read-log")

    page.click(".govuk-service-navigation a:has-text('Partnerships')")
    page.click("a:has-text('West Midlands regional dashboard')")
    expect(page.locator("#dhr-total td").first).to_have_text("25")  # the region's grant reads it

    page.click(".govuk-service-navigation a:has-text('Partnerships')")
    page.click("a:has-text('West Midlands region ledger')")
    expect(page.locator("body")).to_contain_text("036/2013")  # the PCC's decision, read only
    expect(page.locator("body")).not_to_contain_text("Open a budget line")
    check_page(page, demo, "audit-region-ledger")
    page.click("a:has-text('My read log')")
    expect(page.locator("#reads")).to_contain_text("The regional ledger")


def test_an_administrator_suspends_and_reinstates_coventry(page: Page, demo: Demo) -> None:
    sign_in(page, "demo-admin")
    expect(page.locator("h1")).to_have_text("Partnerships")
    check_page(page, demo, "admin-partnerships")

    page.click("a:has-text('Suspend Coventry')")
    page.click("button:has-text('Suspend partnership')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    check_page(page, demo, "admin-suspend-error")
    page.fill("#reason", "Contract under review")
    page.click("button:has-text('Suspend partnership')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Coventry suspended")
    check_page(page, demo, "admin-suspended")
    assert str(demo.platform.registry.tenant("coventry").status) == "suspended"

    page.click("a:has-text('Reinstate Coventry')")
    check_page(page, demo, "admin-reinstate")
    page.click("button:has-text('Reinstate partnership')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Coventry reinstated")
    assert str(demo.platform.registry.tenant("coventry").status) == "active"

    for section, name in (("Regions", "admin-regions"), ("Users", "admin-users")):
        page.click(f".govuk-service-navigation a:has-text('{section}')")
        check_page(page, demo, name)
    page.click("a:has-text('Sam Patel')")
    expect(page.locator("h1")).to_have_text("Sam Patel")
    check_page(page, demo, "admin-user")
    page.goto("/admin/users/new")
    check_page(page, demo, "admin-add-user")


def test_an_administrator_gives_sam_patel_an_email_address(page: Page, demo: Demo) -> None:
    sign_in(page, "demo-admin")
    page.click(".govuk-service-navigation a:has-text('Users')")
    page.click("a:has-text('Sam Patel')")
    page.click("a:has-text('Change email address')")
    check_page(page, demo, "admin-user-email")
    page.fill("#email", "sam.patel@")
    page.click("button:has-text('Save email address')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("not an email address")
    check_page(page, demo, "admin-user-email-error")
    page.fill("#email", "sam.patel@coventry.example")
    page.click("button:has-text('Save email address')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Email address saved")
    expect(page.locator(".govuk-summary-list")).to_contain_text("sam.patel@coventry.example")
    check_page(page, demo, "admin-user-with-email")


def test_an_administrator_adds_nia_walker_and_sets_her_password_and_two_factor(
    page: Page, demo: Demo
) -> None:
    sign_in(page, "demo-admin")
    page.goto("/admin/users/new")
    page.fill("#display_name", "Nia Walker")
    page.fill("#name", "demo-birmingham-officer")
    page.check("input[name=role][value=auditor]")
    page.select_option("#region", label="West Midlands")
    page.click("button:has-text('Add user')")
    expect(page.locator("#name-error")).to_contain_text("There is already a user with the user")
    check_page(page, demo, "admin-add-user-taken")
    page.fill("#name", "nia.walker")
    page.click("button:has-text('Add user')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Nia Walker added")
    page.click(".govuk-notification-banner a:has-text('Set their password')")
    expect(page.locator("h1")).to_have_text("Set a new password")
    check_page(page, demo, "admin-password")

    page.fill("#password", "short")
    page.fill("#confirm", "not the same")
    page.click("button:has-text('Set password')")
    expect(page.locator("#password-error")).to_contain_text("10 characters or more")
    expect(page.locator("#confirm-error")).to_contain_text("do not match")
    check_page(page, demo, "admin-password-error")
    page.fill("#password", "three random words")
    page.fill("#confirm", "three random words")
    page.click("button:has-text('Set password')")
    expect(page.locator(".govuk-panel")).to_contain_text("Password set")
    check_page(page, demo, "admin-password-set")

    page.click("a:has-text('Set up two-factor for Nia Walker')")
    check_page(page, demo, "admin-two-factor")
    page.click("button:has-text('Create a new secret')")
    expect(page.locator(".govuk-panel")).to_contain_text("Two-factor set up")
    expect(page.locator("#setup-link")).to_contain_text("otpauth://totp/")
    check_page(page, demo, "admin-two-factor-secret")
    shown_again(page, "refresh")  # shown once, and not made again: Nia Walker's page
    expect(page.locator("h1")).to_contain_text("Nia Walker")

    page.click("a:has-text('Reset two-factor')")
    expect(page.locator(".govuk-warning-text")).to_contain_text("stop working at once")
    check_page(page, demo, "admin-reset-two-factor")
    page.click("button:has-text('Reset two-factor')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Two-factor reset")
    check_page(page, demo, "admin-two-factor-after-reset")


def test_opcc_staff_record_a_decision_and_allocate_it_to_a_partnership(
    page: Page, demo: Demo
) -> None:
    sign_in(page, "demo-west-midlands-opcc")
    expect(page.locator("h1")).to_have_text("Region ledger")  # their start page
    check_page(page, demo, "region-ledger-opcc")

    page.click("text=Open a budget line")
    line = {"reference": "DHR-FUND-2026", "name": "DHR Support Fund 2026-27"}
    answer(page, line | {"owner": "OPCC team", "financial_year": "2026/27", "ceiling": "120,000"})
    page.click("button:has-text('Open the budget line')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date of opening")
    check_page(page, demo, "open-line-error")
    answer(page, {"on": date(2026, 4, 1)})
    page.click("button:has-text('Open the budget line')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("opened")

    page.click("a:has-text('Record a decision on DHR Support Fund 2026-27')")
    decision = {"number": "012/2026", "decision_maker": "Police and Crime Commissioner"}
    answer(page, decision | {"approved": "150000", "on": date(2026, 5, 20)})
    page.click("button:has-text('Record the decision')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("against a ceiling of £120,000.00")
    check_page(page, demo, "decision-over-ceiling")
    answer(page, {"approved": "90000"})
    page.click("button:has-text('Record the decision')")

    page.click("a:has-text('Allocate to a partnership from DHR Support Fund 2026-27')")
    check_page(page, demo, "allocate")
    page.select_option("#number", "012/2026")
    page.select_option("#tenant", label="Coventry")
    answer(page, {"amount": "40000", "on": date(2026, 6, 1)})
    page.click("button:has-text('Record the allocation')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "£40,000.00 allocated to Coventry under decision 012/2026"
    )
    expect(page.locator("body")).to_contain_text("£90,000.00 committed of £120,000.00")

    page.click("a:has-text('Open a pot')")
    check_page(page, demo, "open-pot")
    answer(
        page,
        {
            "reference": "WM-POT",
            "name": "West Midlands review pot",
            "manager": "OPCC finance",
            "on": date(2026, 4, 1),
        },
    )
    page.click("button:has-text('Open the pooled budget')")
    page.click("a:has-text('Add a partner')")
    check_page(page, demo, "pot-partner")
    page.select_option("#partner", label="Coventry")
    answer(page, {"on": date(2026, 4, 1)})
    page.click("button:has-text('Add the partner')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Coventry added to West Midlands review pot"
    )
    check_page(page, demo, "new-pot")
    page.click("a:has-text('Everything recorded on this pot')")
    expect(page.locator("main")).to_contain_text("Partner joined the pot")
    check_page(page, demo, "pot-history")

    page.click("header a:has-text('Region ledger')")
    page.click("a:has-text('Demand beside deaths')")
    page.click("a:has-text('Record a demand figure')")
    check_page(page, demo, "demand-record")
    page.select_option("#indicator", label="MARAC cases")
    page.select_option("#area", label="West Midlands")
    answer(page, {"period": "2026/27 Q1", "value": "1,120", "on": date(2026, 7, 31)})
    page.click("button:has-text('Record the figure')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1,120 recorded")
    check_page(page, demo, "demand")


def answer(page: Page, answers: Mapping[str, str | date]) -> None:
    """Type each answer into the field of that name; a date into its day, month and year."""
    for name, value in answers.items():
        if isinstance(value, date):
            for part, number in (("day", value.day), ("month", value.month), ("year", value.year)):
                page.fill(f"#{name}-{part}", str(number))
        else:
            page.fill(f"#{name}", value)


def test_a_pots_contribution_is_agreed_received_and_spent_on_a_review(
    page: Page, demo: Demo
) -> None:
    sign_in(page, "demo-leicestershire-opcc")
    page.click("a:has-text('Leicestershire & Rutland DHR budget')")
    check_page(page, demo, "pot-opcc")

    for button, words in (
        ("Agree a contribution", "agreed with Charnwood"),
        ("Record a contribution received", "received from Charnwood"),
    ):
        page.click(f"a:has-text('{button}')")
        check_page(page, demo, f"pot-{button.split()[0].lower()}")
        page.select_option("#partner", label="Charnwood")
        answer(page, {"year": "2017/18", "amount": "2,500", "on": date(2017, 5, 3)})
        page.click("button:has-text('Record the')")
        expect(page.locator(".govuk-notification-banner")).to_contain_text(words)

    page.click("a:has-text('Record spend')")
    check_page(page, demo, "pot-spend")
    page.select_option("#allocation", label="Independent chairs and authors")
    page.select_option("#review", index=1)
    answer(page, {"amount": "4,250", "on": date(2016, 10, 10), "reason": "Chair's fee"})
    page.click("button:has-text('Record the spend')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "£4,250.00 spent on Independent chairs and authors"
    )


def test_an_officer_opens_the_partnerships_own_pot_and_plans_its_year(
    page: Page, demo: Demo
) -> None:
    sign_in(page, "demo-charnwood-officer")
    page.click("header a:has-text('Money')")
    check_page(page, demo, "money-officer")
    expect(page.locator("main")).to_contain_text("Leicestershire & Rutland DHR budget")

    page.click("a:has-text('Open a pooled budget')")
    check_page(page, demo, "money-open")
    answer(
        page,
        {
            "reference": "CHA-POOL",
            "name": "Charnwood review costs",
            "manager": "Community safety team",
            "on": date(2026, 4, 1),
        },
    )
    page.click("button:has-text('Open the pooled budget')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("opened")

    page.click("a:has-text('Add a partner')")
    check_page(page, demo, "money-partner")
    answer(page, {"name": "Leicestershire Police", "on": date(2026, 4, 1)})
    page.click("button:has-text('Add the partner')")

    page.click("a:has-text('Plan an allocation')")
    check_page(page, demo, "money-plan")
    answer(
        page,
        {
            "year": "2026/27",
            "purpose": "Chairs and authors",
            "per_dhr": "8,500",
            "expected_dhrs": "2",
            "on": date(2026, 4, 2),
        },
    )
    page.click("button:has-text('Record the plan')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "£17,000.00 planned for Chairs and authors in 2026/27"
    )

    page.click("a:has-text('Agree a contribution')")
    page.select_option("#partner", label="Leicestershire Police")
    answer(page, {"year": "2026/27", "amount": "10,000", "on": date(2026, 4, 3)})
    page.click("button:has-text('Record the agreement')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "£10,000.00 agreed with Leicestershire Police for 2026/27"
    )
    check_page(page, demo, "money-pot")
    page.click("a:has-text('Decide not to call a contribution')")
    check_page(page, demo, "money-not-called")
    page.select_option("#partner", label="Leicestershire Police")
    answer(
        page,
        {
            "year": "2026/27",
            "amount": "2,000",
            "reason": "The reserve covers part of the year",
            "on": date(2026, 4, 4),
        },
    )
    page.click("button:has-text('Record the decision')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "contribution for 2026/27 not called"
    )
    expect(page.locator("main")).to_contain_text("£8,000.00")  # due for the year now


def test_staffordshire_opcc_allocates_to_the_city_and_pays_a_provider(
    page: Page, demo: Demo
) -> None:
    """Seed 004 as the office keeps it: the minimum per area beside what is allocated, the
    allocation the minimums refuse, and a payment under an extended agreement."""
    sign_in(page, "demo-staffordshire-opcc")
    expect(page.locator("#commissioning")).to_be_visible()
    page.click("a:has-text('Domestic abuse services from October 2018')")
    expect(page.locator("main")).to_contain_text("Minimum met")
    check_page(page, demo, "commissioning-budget")

    page.click("a:has-text('Allocate to an area')")
    page.select_option("#year", "2018/19")
    page.select_option("#area", label="Safer Staffordshire")
    answer(page, {"amount": "900,000", "purpose": "County outreach", "on": date(2018, 7, 2)})
    page.click("button:has-text('Record the allocation')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("allocate at most £815,000.00")
    check_page(page, demo, "commissioning-refused")
    page.select_option("#area", label="Stoke-on-Trent")
    page.fill("#amount", "421,000")
    page.click("button:has-text('Record the allocation')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "£421,000.00 allocated to Stoke-on-Trent in 2018/19"
    )

    page.click("a:has-text('Region ledger')")
    page.click("a:has-text('DA support: East Staffs, Lichfield and Tamworth')")
    expect(page.locator("main")).to_contain_text("Home Group")
    check_page(page, demo, "commissioned-service")
    page.click("a:has-text('Record a payment')")
    check_page(page, demo, "commissioned-service-payment")
    page.select_option("#agreement", index=1)
    page.select_option("#funder", label="Staffordshire Police and Crime Commissioner")
    answer(page, {"amount": "50,000", "on": date(2017, 4, 1)})
    page.click("button:has-text('Record the payment')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "£50,000.00 paid by Staffordshire Police and Crime Commissioner"
    )

    # the city's lead sees on the partnership's Money page that the city's minimum is now met
    page.context.clear_cookies()  # the office's session stays valid for any later test
    sign_in(page, "demo-stoke-on-trent-lead")
    page.click(".govuk-service-navigation__link:has-text('Money')")
    expect(page.locator("main")).to_contain_text("Joint commissioning in Stoke-on-Trent")
    expect(page.locator("main")).to_contain_text("Minimum met")
    check_page(page, demo, "partnership-money-commissioning")
    page.click(".govuk-service-navigation__link:has-text('Reports and downloads')")
    expect(
        page.locator(
            "main h3:has-text('Group: Staffordshire and Stoke-on-Trent DA Strategy partners')"
        )
    ).to_be_visible()
    check_page(page, demo, "partnership-reports")
