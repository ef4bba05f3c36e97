"""Groups and their master action plans as pages, on each store: OPCC staff form a group, add
an item the group owns and record progress to its completion; what the ledger refuses shows
on the page with nothing recorded; a partnership's lead finds its own groups from its action
plan and records nothing in them."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date

import pytest
from flask.testing import FlaskClient

from domain.recording import acting_as
from domain.region import PartnershipGroup
from domain.region.groups import ItemStatus
from tenants.platform import Platform
from tests.api.test_shared_money import LLR, LOADED, WM, demo
from tests.web.conftest import Person, post_form, sign_in, sign_out, site_with

__all__ = ["demo"]

LEDGER = f"/regions/{LLR}/ledger"
NEW_GROUP = f"{LEDGER}/groups/new"
MASTER = f"/regions/{LLR}/groups/{LLR}-master-plan"  # the demo's: every LLR partnership, one item
BLABY_AND_CHARNWOOD = {
    "name": "Blaby and Charnwood DHR plan",
    "kind": "partnerships",
    "owner": "leicestershire-county-council",
    "members": ["blaby", "charnwood"],
    "on": ["1", "4", "2026"],
}


@pytest.fixture
def site(demo: Platform) -> Iterator[FlaskClient]:
    people: list[Person] = [
        ("llr-opcc", "pcc_officer", (), (LLR,)),
        ("blaby-lead", "csp_lead", ("blaby",), ()),
        ("charnwood-lead", "csp_lead", ("charnwood",), ()),
        ("birmingham-lead", "csp_lead", ("birmingham",), ()),
    ]
    with site_with(demo, people) as client:
        yield client


def text(page: bytes) -> str:
    return " ".join(page.decode().split())


def groups_in_store(demo: Platform) -> dict[str, PartnershipGroup]:
    with demo.region_ledgers.lease(LLR, writing=False) as ledger:
        return {g.key: g for g in ledger.groups.all()}


def test_opcc_staff_form_a_group_add_an_item_and_complete_it_from_the_pages(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "llr-opcc")
    ledger = text(site.get(LEDGER).data)
    assert "Groups and their master action plans" in ledger and "Form a group" in ledger
    form = text(site.get(NEW_GROUP).data)
    assert ">Leicestershire County Council<" in form and 'value="charnwood"' in form

    formed = post_form(site, NEW_GROUP, BLABY_AND_CHARNWOOD)
    group = f"/regions/{LLR}/groups/blaby-and-charnwood-dhr-plan"
    assert formed.status_code == 302 and formed.location == group, text(formed.data)
    page = text(site.get(group).data)
    assert "Blaby and Charnwood DHR plan formed" in page
    assert "A group of partnerships" in page and "Leicestershire County Council" in page
    assert "Blaby, Charnwood" in page and "The group owns no actions of its own yet" in page
    assert "Blaby and Charnwood DHR plan</a> – Blaby, Charnwood" in text(site.get(LEDGER).data)

    item = {
        "reference": "BC-01",
        "text": "Joint training on coercive control for both partnerships",
        "owner": "leicestershire-police",
        "due_on": ["30", "9", "2026"],
        "on": ["2", "4", "2026"],
    }
    added = post_form(site, f"{group}/items/new", item)
    assert added.status_code == 302 and added.location == group, text(added.data)
    page = text(site.get(group).data)
    assert "Item BC-01 added to Blaby and Charnwood DHR plan" in page
    assert "Joint training on coercive control" in page and "Leicestershire Police" in page
    assert "30 September 2026" in page and "Record progress" in page

    progress = f"{group}/items/BC-01/progress"
    assert "Joint training on coercive control" in text(site.get(progress).data)
    update = {"note": "Trainer booked for June", "on": ["1", "5", "2026"]}
    assert post_form(site, progress, update).status_code == 302
    assert "Progress recorded on BC-01" in text(site.get(group).data)
    done = {"note": "Both sessions held", "on": ["20", "6", "2026"], "completed": "y"}
    assert post_form(site, progress, done).status_code == 302
    page = text(site.get(group).data)
    assert "Item BC-01 completed" in page and "Completed" in page
    assert "1 May 2026</span>: Trainer booked for June" in page
    assert "20 June 2026</span>: Both sessions held" in page
    assert "Record progress" not in page  # nothing is left open

    stored = groups_in_store(demo)["blaby-and-charnwood-dhr-plan"]
    assert (
        stored.members == ("blaby", "charnwood") and stored.owner == "leicestershire-county-council"
    )
    recorded = stored.items["BC-01"]
    assert recorded.status is ItemStatus.COMPLETED and recorded.completed_on == date(2026, 6, 20)
    assert [note for _, note in recorded.updates] == [
        "Trainer booked for June",
        "Both sessions held",
    ]


def test_what_the_ledger_refuses_is_shown_and_nothing_is_recorded(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "llr-opcc")
    empty = text(post_form(site, NEW_GROUP, {}).data)
    for said in (
        "Enter the group&#39;s name",
        "Select the kind of group",
        "Select who owns the plan",
        "Enter the date of forming the group, for example 27 3 2017",
    ):
        assert said in empty
    alone = post_form(site, NEW_GROUP, BLABY_AND_CHARNWOOD | {"members": []})
    assert alone.status_code == 200
    assert "A group of partnerships needs at least one member" in text(alone.data)
    assert 'href="#members"' in alone.data.decode()  # the summary links the boxes
    assert post_form(site, NEW_GROUP, BLABY_AND_CHARNWOOD).status_code == 302
    again = post_form(site, NEW_GROUP, BLABY_AND_CHARNWOOD | {"kind": "board"})
    assert again.status_code == 200
    assert "A group Blaby and Charnwood DHR plan already exists" in text(again.data)
    nameless = post_form(site, NEW_GROUP, BLABY_AND_CHARNWOOD | {"name": "?"})
    assert "needs a letter or a digit" in text(nameless.data)
    stranger = post_form(site, NEW_GROUP, BLABY_AND_CHARNWOOD | {"members": ["birmingham"]})
    assert "is not a valid choice" in text(stranger.data)  # only the region's partnerships
    groups = groups_in_store(demo)
    assert set(groups) == {f"{LLR}-master-plan", "blaby-and-charnwood-dhr-plan"}
    assert groups["blaby-and-charnwood-dhr-plan"].kind.value == "partnerships"

    item = {
        "reference": "llr-impact-review",  # the demo's own item
        "text": "Again",
        "owner": "leicestershire-police",
        "on": ["2", "4", "2026"],
    }
    twice = post_form(site, f"{MASTER}/items/new", item)
    assert "Plan item &#39;llr-impact-review&#39; already exists" in text(twice.data)
    blank = text(post_form(site, f"{MASTER}/items/new", {}).data)
    assert "Enter the item&#39;s reference" in blank and "Enter what is to be done" in blank
    assert "Select who owns the item" in blank
    progress = f"{MASTER}/items/llr-impact-review/progress"
    unsaid = text(post_form(site, progress, {"on": ["1", "5", "2026"]}).data)
    assert "Enter what was done" in unsaid
    assert list(groups_in_store(demo)[f"{LLR}-master-plan"].items) == ["llr-impact-review"]

    done = {"note": "Audit done", "on": ["1", "5", "2017"], "completed": "y"}
    assert post_form(site, progress, done).status_code == 302
    after = post_form(site, progress, {"note": "More", "on": ["2", "5", "2017"]})
    assert "is completed already" in text(after.data)
    found = groups_in_store(demo)[f"{LLR}-master-plan"].items["llr-impact-review"]
    assert [note for _, note in found.updates] == ["Audit done"]
    assert site.get(f"{MASTER}/items/no-such-item/progress").status_code == 404
    assert site.get(f"/regions/{LLR}/groups/no-such-group/items/new").status_code == 404


def test_an_item_due_before_it_was_recorded_is_refused_beside_its_due_date(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "llr-opcc")
    item = {
        "reference": "LLR-02",
        "text": "Train GP receptionists in routine enquiry",
        "owner": "leicestershire-police",
        "due_on": ["1", "3", "2026"],
        "on": ["2", "4", "2026"],
    }
    refused = post_form(site, f"{MASTER}/items/new", item)
    assert refused.status_code == 200
    page = text(refused.data)
    said = "The due date (1 March 2026) is before the date the item was recorded (2 April 2026)"
    assert said in page
    html = refused.data.decode()
    assert 'href="#due_on-day"' in html and 'id="due_on-error"' in html
    assert list(groups_in_store(demo)[f"{LLR}-master-plan"].items) == ["llr-impact-review"]
    same_day = post_form(site, f"{MASTER}/items/new", item | {"due_on": ["2", "4", "2026"]})
    assert same_day.status_code == 302, text(same_day.data)


def test_progress_dated_before_its_item_was_recorded_is_refused_beside_its_date(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "llr-opcc")
    progress = f"{MASTER}/items/llr-impact-review/progress"  # recorded on 8 June 2016
    early = {"note": "Audit planned", "on": ["7", "6", "2016"], "completed": "y"}
    refused = post_form(site, progress, early)
    assert refused.status_code == 200
    said = "The date of the update (7 June 2016) is before the date the item was recorded (8 June 2016)"
    assert said in text(refused.data)
    html = refused.data.decode()
    assert 'href="#on-day"' in html and 'id="on-error"' in html
    found = groups_in_store(demo)[f"{LLR}-master-plan"].items["llr-impact-review"]
    assert found.updates == () and found.status is ItemStatus.OPEN
    same_day = post_form(site, progress, early | {"on": ["8", "6", "2016"], "completed": ""})
    assert same_day.status_code == 302, text(same_day.data)


def test_a_lead_finds_only_its_own_groups_from_its_action_plan_and_records_nothing(
    site: FlaskClient, demo: Platform
) -> None:
    with acting_as("test"), demo.region_ledgers.lease(LLR) as ledger:
        ledger.groups.form(
            "melton-board", "Melton DA board", "board", "leicestershire-county-council",
            ["melton"], date(2026, 4, 1),
        )  # fmt: skip
    sign_in(site, "blaby-lead")
    plan = text(site.get("/partnerships/blaby/action-plan").data)
    assert "Groups this partnership is a member of" in plan
    assert f'href="{MASTER}"' in plan and "Melton DA board" not in plan
    page = text(site.get(MASTER).data)
    assert "Revisit completed actions to check their impact" in page
    assert "Add an item" not in page and "Record progress" not in page
    assert site.get(f"/regions/{LLR}/groups/melton-board").status_code == 404
    for form in (NEW_GROUP, f"{MASTER}/items/new", f"{MASTER}/items/llr-impact-review/progress"):
        assert site.get(form).status_code == 403
    refused = site.post(NEW_GROUP, data=BLABY_AND_CHARNWOOD)
    assert refused.status_code in (400, 403)
    assert set(groups_in_store(demo)) == {f"{LLR}-master-plan", "melton-board"}
    sign_out(site)
    sign_in(site, "birmingham-lead")  # another region's partnership knows nothing of these
    assert site.get(NEW_GROUP).status_code == 404
    assert site.get(MASTER).status_code == 404
    own = text(site.get("/partnerships/birmingham/action-plan").data)
    assert f'href="/regions/{WM}/groups/{WM}-master-plan"' in own and LLR not in own


def test_the_master_plan_says_what_each_recommendation_recommends_on_the_page_and_download(
    site: FlaskClient, demo: Platform
) -> None:
    """A board reads the plan without the reports beside it: each line names its
    recommendation by number and text, on the page and in the download."""
    sign_in(site, "llr-opcc")
    page = site.get(MASTER).data.decode()
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        recommendations = [r for r, _ in ledger.plan.of_review(ledger.reviews.all()[0].id)]
    assert recommendations
    first = recommendations[0]
    assert f"{first.reference}: {first.text}" in " ".join(page.split())
    links = re.findall(r'href="([^"]*)">CSV', page)
    assert links, "no CSV download on the page"
    csv = site.get(html.unescape(links[0])).data.decode()
    assert "Recommendation text" in csv and first.text in csv


def test_a_partnerships_master_plan_download_says_what_each_recommendation_recommends(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "charnwood-lead")
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        texts = [r.text for r, _ in ledger.plan.of_review(ledger.reviews.all()[0].id)]
    assert texts
    csv = site.get("/partnerships/charnwood/downloads/action-plan.csv").data.decode()
    assert "Recommendation text" in csv and texts[0] in csv


def test_every_member_has_its_row_in_the_count_by_partnership_none_left_out(
    site: FlaskClient, demo: Platform
) -> None:
    """The group's page named every member over a count of only those with actions: the rest
    were missing from it as if forgotten. Each member has its row, noughts too."""
    sign_in(site, "blaby-lead")
    page = site.get(MASTER).data.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    counts = main.split('id="by-member"', 1)[1].split("</table>", 1)[0]
    found = re.findall(r"<th scope=\"row\"[^>]*class=\"govuk-table__header\">([^<]+)</th>", counts)
    rows = [html.unescape(r) for r in found]
    names = {t.slug: t.name for t in demo.registry.tenants(LLR)}
    members = groups_in_store(demo)[f"{LLR}-master-plan"].members
    assert len(members) > 2 and rows == sorted(names[m] for m in members)
    idle = next(names[m] for m in members if m not in LOADED)  # a member with no case loaded
    row = counts.split(f">{html.escape(idle)}</th>", 1)[1].split("</tr>", 1)[0]
    assert re.sub(r"<[^>]+>", " ", row).split() == ["0", "0", "0", "0"]
