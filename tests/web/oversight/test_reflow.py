"""Every role's main pages on a phone, or a desktop zoomed to 400%: 320 CSS pixels wide (WCAG 2.2
1.4.10 Reflow). Nothing is read by scrolling sideways: a list of records stacks, each record a
block; only a grid read across and down (the dashboard's figures, the heat map) scrolls in its
own box, marked to do so and showing that there is more past its edge.

On the whole demo, so each page has its real, long rows; one browser session per role. What the
demo keeps none of (a document, a sheet or an import with problems) the test records, named as
people name files: long, with no space to break at. Folded details are opened before measuring,
so what they hold is measured too."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, FilePayload, Page, expect

from tenants.demo.credentials import ensure_demo_credentials
from tests.unit.test_own_trackers import ROW, tracker
from tests.web.oversight.conftest import Demo, check_page, sign_in

NARROW = 320
WM = "/regions/west-midlands"
LLR = "/regions/leicestershire-rutland"
BHM = "/partnerships/birmingham"
CASE = (f"{BHM}/cases?q=BHM-DHR-01", "tbody a")  # a case with costs, IMRs, actions
DOCUMENTS = (*CASE, "a[href$='/documents']")
# A file's name as people keep them: long, and without a space to break it at.
LONG_NAME = "BHM-DHR-01_Overview_report_draft_v3_with_panel_comments_FINAL_2024-03-01"


def _file(name: str, content: bytes) -> FilePayload:
    return {"name": name, "mimeType": "application/octet-stream", "buffer": content}


def _go(page: Page, path: str, *links: str) -> None:
    page.goto(path)
    for link in links:
        page.locator(link).first.click()
        page.wait_for_load_state()


def a_document_uploaded(page: Page, _: Demo) -> None:
    """The demo keeps no files: the officer uploads one, landing on its page of versions."""
    _go(page, *CASE, "a[href$='/documents/new']")
    page.check("input[name=kind][value=overview_report_draft]")
    page.fill("#title", "Overview report, third draft")
    page.set_input_files("#document", files=[_file(f"{LONG_NAME}.txt", b"Draft")])
    page.click("button:has-text('Upload the document')")
    expect(page.locator("h1")).to_have_text("Overview report, third draft")


def a_chronology_sheet_with_problems(page: Page, _: Demo) -> None:
    """A sheet naming agencies the case does not know: its problems, row by row."""
    _go(page, *CASE, "a[href$='/chronology']", "a[href$='/chronology/upload']")
    rows = "".join(f"0{d}/02/2024,{LONG_NAME},Call-out,Log\n" for d in range(1, 4))
    sheet = "Date,Agency,What happened,Source document\n" + rows
    page.set_input_files("#sheet", files=[_file("chronology.csv", sheet.encode())])
    page.click("button:has-text('Check and record the entries')")
    expect(page.locator("table")).to_contain_text("not a known agency")


def an_import_with_problems(page: Page, _: Demo) -> None:
    """The officer's own tracker, one row's dates not dates: the check lists what to correct."""
    bad = ("BHM/REFLOW/01", ROW[1], LONG_NAME, "the ninth of March", *ROW[4:])
    _go(page, f"{BHM}/imports")
    page.check("input[value=cases]")
    page.set_input_files("input[type=file]", files=[_file(f"{LONG_NAME}.xlsx", tracker(bad))])
    page.click("button:has-text('Check the file')")
    if page.locator("#column_reference").count():  # its own headings: asked which is which
        page.click("button:has-text('Check the file')")
    expect(page.locator("main")).to_contain_text("What to correct")


def a_token_issued(page: Page, demo: Demo) -> None:
    """A user with API tokens: the demo issues none, as the server's command line does."""
    demo.platform.access.issue_token("demo-birmingham-lead")
    page.goto("/admin/users/demo-birmingham-lead")
    expect(page.locator("#tokens")).to_be_visible()


# A page: its address; an address and the links, one on each page, that lead to the page; or
# the steps that record what the page shows (the demo has none) and land on it.
Visit = str | tuple[str, ...] | Callable[[Page, Demo], None]
PAGES: dict[str, list[Visit]] = {
    "demo-birmingham-officer": [
        f"{BHM}/cases",
        CASE,
        a_document_uploaded,
        DOCUMENTS,
        a_chronology_sheet_with_problems,
        an_import_with_problems,
        (*CASE, "a[href$='/chronology']"),
        f"{BHM}/earlier-recommendations?text=Training+for+GPs+on+domestic+abuse+and+coercive+control",
        f"{BHM}/action-plan",
        f"{BHM}/money",
        f"{WM}/groups/west-midlands-master-plan",
        "/account",
        "/cookies",
        f"{BHM}/cases/00000000-0000-4000-8000-000000000000",  # not found
    ],
    "demo-birmingham-lead": [f"{BHM}/people", f"{BHM}/corrections"],
    "demo-west-midlands-analyst": [f"{WM}/dashboard", f"{WM}/ledger", f"{WM}/figures"],
    "demo-west-midlands-opcc": [
        f"{WM}/ledger",
        f"{WM}/groups/west-midlands-master-plan",
        f"{WM}/demand",
        (f"{WM}/ledger", "main a[href*='/commissioning-budgets/']"),
        (f"{WM}/ledger", "main a[href*='/services/']"),
        (f"{WM}/ledger", "main a[href*='/audit/regions/']"),  # a budget line's history
    ],
    "demo-leicestershire-opcc": [  # the demo's pots are held for Leicestershire & Rutland
        f"{LLR}/pots",
        (f"{LLR}/pots", "main li a[href*='/pots/']"),
    ],
    "demo-charnwood-officer": [
        "/partnerships/charnwood/money",
        ("/partnerships/charnwood/money", "#region-pots a"),  # a pot the partnership pays into
    ],
    "demo-west-midlands-police": [
        f"{BHM}/agency-work",
        (f"{BHM}/agency-work", "#agency-imrs a"),
        f"{WM}/agency-work",
    ],
    "demo-leicestershire-police": [  # a pot the police pay into, from their start page
        f"{LLR}/agency-work",
        (f"{LLR}/agency-work", "#pots a"),
    ],
    "demo-auditor": [
        "/audit/partnerships",
        "/audit/partnerships/birmingham",
        ("/audit/partnerships/birmingham", "#cases a"),
        "/audit/reads",
        ("/audit-bundles", "main a[href*='/audit-bundle']"),
    ],
    "demo-researcher": ["/research"],
    "demo-admin": [
        "/admin/users",
        "/admin/users/demo-birmingham-officer",
        a_token_issued,
        "/admin/partnerships",
        "/admin/regions",
    ],
}

# The elements of the main content past the screen's edge that are not in a box marked to scroll.
PAST_THE_EDGE = """() => {
  const clipped = (el) => { const s = getComputedStyle(el)
    return s.position === 'absolute' && (s.clip !== 'auto' || s.clipPath !== 'none') }
  const hidden = (el) => { for (let at = el; at && at.tagName !== 'MAIN'; at = at.parentElement) {
      if (clipped(at)) return true }
    return false }
  return [...document.querySelectorAll('main *')]
    .filter((el) => !el.closest('.app-table-scroll--grid, .app-chart') && !hidden(el))
    .filter((el) => { const r = el.getBoundingClientRect()
      return (r.width || r.height) && (r.right > innerWidth + 1 || r.left < -1) })
    .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}"`)
    .slice(0, 5)
}"""


@pytest.fixture
def phone(chromium: Browser, demo: Demo) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": NARROW, "height": 800}, base_url=demo.base)
    context.set_default_timeout(45_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("who", list(PAGES))
def test_every_main_page_of_each_role_reflows_at_320_pixels(
    phone: Page, demo: Demo, who: str
) -> None:
    ensure_demo_credentials(demo.platform.access, [who])  # the demo signs in a few roles only
    sign_in(phone, who)
    wrong = []
    for visit in PAGES[who]:
        if callable(visit):
            visit(phone, demo)
        else:
            path, *links = (visit,) if isinstance(visit, str) else visit
            answer = phone.goto(path)
            assert answer is not None and (answer.ok or answer.status == 404), (
                f"{who}: {path} answered {answer and answer.status}"
            )
            for link in links:
                phone.locator(link).first.click()
                phone.wait_for_load_state()
        phone.evaluate("document.querySelectorAll('main details').forEach(d => { d.open = true })")
        where = f"{phone.url.removeprefix(demo.base)}"
        page_width = phone.evaluate("document.documentElement.scrollWidth")
        if page_width > NARROW:
            wrong.append(f"{where}: the page is {page_width}px wide")
        past = phone.evaluate(PAST_THE_EDGE)
        if past:
            wrong.append(f"{where}: past the screen's edge: {past}")
    assert not wrong, f"{who}:\n" + "\n".join(wrong)


def test_a_grids_caption_wraps_to_the_screen_and_its_edge_shows_more(
    phone: Page, demo: Demo
) -> None:
    """The dashboard's table of DHRs by partnership is read across and down, so on a phone it
    scrolls in its box, shadowed at the edge with more. Its caption wraps inside the box, and
    stays put as the table scrolls, rather than running off the screen with the table."""
    sign_in(phone, "demo-west-midlands-analyst")
    phone.goto(f"{WM}/dashboard")
    box = phone.locator(".app-table-scroll--grid", has=phone.locator("#dhr-table"))
    caption = box.locator("caption")
    expect(caption).to_be_visible()
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the table fits a phone now?"
    assert "gradient" in box.evaluate("b => getComputedStyle(b).backgroundImage")

    def overhang() -> float:
        return float(
            box.evaluate(
                """b => b.querySelector('caption').getBoundingClientRect().right
                        - b.getBoundingClientRect().right"""
            )
        )

    assert overhang() <= 1
    box.evaluate("b => { b.scrollLeft = b.scrollWidth }")
    assert overhang() <= 1
    assert caption.evaluate("c => c.getBoundingClientRect().left") >= 0
    assert int(phone.evaluate("document.documentElement.scrollWidth")) <= NARROW
    check_page(phone, demo, "narrow-dashboard-scrolled")


def test_a_scrolling_grids_focus_can_be_seen(phone: Page, demo: Demo) -> None:
    """Tab reaches a grid's scrolling box; its focus is GOV.UK's yellow-and-black box, not a
    yellow line alone that can hardly be seen against the white page."""
    sign_in(phone, "demo-west-midlands-analyst")
    phone.goto(f"{WM}/dashboard")
    box = phone.locator(".app-table-scroll[tabindex='0']").first
    for _ in range(80):
        phone.keyboard.press("Tab")
        if box.evaluate("b => b === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the table's scrolling box")
    shadow = box.evaluate("b => getComputedStyle(b).boxShadow")
    assert "rgb(255, 221, 0)" in shadow and "rgb(11, 12, 12)" in shadow, shadow
    check_page(phone, demo, "narrow-dashboard-focused")
