"""``ledger export commissioning|group-plan`` and ``ledger report group-plan``, on each store: the
files an analyst schedules for the board pack without opening a page, the same tables as the
pages' downloads (the demo's Staffordshire commissioning, seed 004; Leicestershire and
Rutland's master plan)."""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from api.cli import main
from tenants.demo.shared import COMMISSIONING
from tenants.platform import Platform
from tests.api.test_shared_money import LLR, STAFFS, demo
from tests.conftest import use_store

__all__ = ["demo"]

MASTER = f"{LLR}-master-plan"  # the demo's: every LLR partnership, one item of its own


@pytest.fixture
def ledger(demo: Platform, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    use_store(monkeypatch, demo.settings)
    return lambda *args: CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_commissioning_workbook_and_one_of_its_tables_as_csv(
    ledger: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "commissioning.xlsx"
    done = ledger("export", "commissioning", STAFFS, "-o", str(out))
    assert done.exit_code == 0, done.output
    book = load_workbook(out)
    areas = list(book["Minimum spend by area"].iter_rows(min_row=2, values_only=True))
    city = next(row for row in areas if row[2] == "Stoke-on-Trent")
    assert city[1] == "2018/19" and city[3:] == (421_000, 0, 421_000)
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(values_only=True)}
    assert notes["Region"] == "Staffordshire & Stoke-on-Trent"

    printed = ledger("export", "commissioning", STAFFS, "--table", "agreements")
    assert printed.exit_code == 0, printed.output
    rows = list(csv.DictReader(io.StringIO(printed.output.lstrip("\ufeff"))))
    east = next(r for r in rows if r["Service"].startswith("DA support: East Staffs"))
    assert east["Provider now"] == "Pathway Project" and east["Each year (£)"] == "250000.00"


def test_a_table_or_region_it_does_not_have_is_refused_and_no_file_is_written(
    ledger: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "agreements.csv"
    refused = ledger("export", "commissioning", STAFFS, "--table", "contracts", "-o", str(out))
    assert refused.exit_code == 2 and not out.exists()
    assert "ask for one of: areas, agreements, payments" in refused.output
    nowhere = ledger("export", "commissioning", "nowhere")
    assert nowhere.exit_code == 2 and "ledger regions create" in nowhere.output


def test_a_groups_master_plan_as_a_workbook(
    ledger: Callable[..., Result], demo: Platform, tmp_path: Path
) -> None:
    with demo.region_ledgers.lease(LLR, writing=False) as region:
        members = region.groups.get(MASTER).members
    expected = 0
    for tenant in members:
        with demo.ledgers.lease(tenant, writing=False) as member:
            expected += len(member.plan.master())
    out = tmp_path / "plan.xlsx"
    done = ledger("export", "group-plan", LLR, MASTER, "-o", str(out))
    assert done.exit_code == 0, done.output
    book = load_workbook(out)
    lines = list(book["Members' actions"].iter_rows(min_row=2, values_only=True))
    assert len(lines) == expected > 0
    own = list(book["Group's own actions"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in own] == ["llr-impact-review"]
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(values_only=True)}
    assert notes["Group"] == "Leicestershire & Rutland DHR partnerships"

    missing = ledger("export", "group-plan", LLR, "no-such-group")
    assert missing.exit_code == 2 and "No group" in missing.output
    unnamed = ledger("export", "group-plan", LLR)  # which groups are there?
    assert (
        unnamed.exit_code == 2
        and f"{MASTER}  (Leicestershire & Rutland DHR partnerships)" in unnamed.output
    )


def test_a_groups_master_plan_as_a_board_paper_for_its_meeting(
    ledger: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "plan.html"
    done = ledger(
        "report",
        "group-plan",
        LLR,
        MASTER,
        "--on",
        "2017-06-30",
        "--meeting",
        "LLR DHR Board",
        "-o",
        str(out),
    )
    assert done.exit_code == 0, done.output
    paper = out.read_text()
    assert "Rutland DHR partnerships: master action plan" in paper and "LLR DHR Board" in paper
    assert "30 June 2017" in paper  # judged on the day asked for, not today
    assert "Revisit completed actions to check their impact" in paper


def test_a_group_without_items_of_its_own_says_so_in_words(
    ledger: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "plan.html"
    wm = "west-midlands"
    done = ledger("report", "group-plan", wm, f"{wm}-master-plan", "-o", str(out))
    assert done.exit_code == 0, done.output
    words = " ".join(re.sub(r"<[^>]+>", " ", out.read_text()).split())
    assert "the group owns no actions of its own. The plan is owned by" in words
    assert "0 actions the group owns" not in words


def test_the_commissioning_paper_judged_on_the_day_asked_for(
    ledger: Callable[..., Result], tmp_path: Path
) -> None:
    """On the day of seed 004's committee no agreement ended within six months and no
    milestone was late; by July 2018 the three extended agreements end within six months."""
    january, july = tmp_path / "january.html", tmp_path / "july.html"
    done = ledger(
        "report", "commissioning", STAFFS, "--on", "2018-01-15", "--meeting",
        "Safe and Strong Communities Select Committee", "-o", str(january),
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    paper = january.read_text()
    assert "Safe and Strong Communities Select Committee" in paper
    assert "No agreements end within six months of 15 January 2018" in paper
    assert "have ended" not in paper and "agreements in place" in paper  # all still running
    assert "No milestones are overdue at 15 January 2018" in paper
    later = ledger("report", "commissioning", STAFFS, "--on", "2018-07-01", "-o", str(july))
    assert later.exit_code == 0, later.output
    assert "3 agreements end within six months of 1 July 2018" in july.read_text()


def test_the_commissioning_paper_as_the_ledger_had_recorded_it(
    ledger: Callable[..., Result], demo: Platform, tmp_path: Path
) -> None:
    """An auditor's copy of what the board saw: Stoke-on-Trent's allocation and a service
    opened after the paper's instant are left out of it, and the paper says when it was read."""
    before = datetime.now(UTC)
    time.sleep(0.01)
    with demo.region_ledgers.lease(STAFFS) as region:
        region.commissioning.allocate(
            COMMISSIONING, "2018/19", "stoke-on-trent", 42_100_000, "City contribution",
            date(2018, 8, 1),
        )  # fmt: skip
        region.services.open("refuge-city", "Refuge: Stoke-on-Trent", "arch", "stoke-on-trent",
                             date(2018, 8, 1))  # fmt: skip
    then, now = tmp_path / "then.html", tmp_path / "now.html"
    done = ledger(
        "report", "commissioning", STAFFS, "--on", "2018-09-01",
        "--as-recorded", before.isoformat(), "-o", str(then),
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    paper = then.read_text()
    assert "Stoke-on-Trent is still below the minimum" in paper
    assert "1 commissioning budget and 3 commissioned services" in paper
    assert f"{before:%H:%M} UTC on {before.day} {before:%B %Y}" in paper  # when it was read
    assert (
        ledger("report", "commissioning", STAFFS, "--on", "2018-09-01", "-o", str(now)).exit_code
        == 0
    )
    current = now.read_text()
    assert "every minimum is met" in current and "4 commissioned services" in current
    assert "As recorded by" not in current

    early = ledger(
        "report", "commissioning", STAFFS, "--as-recorded", "2010-01-01", "-o", str(then)
    )  # before the region recorded anything: an empty ledger, judged on that day
    assert early.exit_code == 0, early.output
    assert "no commissioning budgets and no commissioned services" in then.read_text()
    wrong = ledger("report", "commissioning", STAFFS, "--as-recorded", "last week", "-o", str(then))
    assert wrong.exit_code == 2 and "2019-03-31T18:00:00Z" in wrong.output


def test_a_groups_plan_as_the_ledger_had_recorded_it(
    ledger: Callable[..., Result], demo: Platform, tmp_path: Path
) -> None:
    """The group's own action added after the instant is not in the copy of the paper; a
    group formed after it is refused with what to do."""
    before = datetime.now(UTC)
    time.sleep(0.01)
    with demo.region_ledgers.lease(LLR) as region:
        region.groups.add_item(
            MASTER, "llr-training", "Train GP receptionists in routine enquiry",
            "leicestershire-county-council", date(2018, 3, 31), date(2017, 9, 1),
        )  # fmt: skip
    then, now = tmp_path / "then.html", tmp_path / "now.html"
    args = ("report", "group-plan", LLR, MASTER, "--on", "2017-12-01")
    assert ledger(*args, "--as-recorded", before.isoformat(), "-o", str(then)).exit_code == 0
    assert ledger(*args, "-o", str(now)).exit_code == 0
    assert "Train GP receptionists" not in then.read_text()
    assert "Train GP receptionists" in now.read_text()
    assert "As recorded by" in then.read_text()
    early = ledger(*args, "--as-recorded", "2010-01-01", "-o", str(then))
    assert early.exit_code == 2 and "ask for a later time" in early.output
    # the plan's table too: the item is not in the copy, and the workbook says when it was read
    items = ("export", "group-plan", LLR, MASTER, "--table", "items")
    assert "Train GP receptionists" in ledger(*items).output
    assert (
        "Train GP receptionists" not in ledger(*items, "--as-recorded", before.isoformat()).output
    )
    book = tmp_path / "plan.xlsx"
    taken = ledger("export", "group-plan", LLR, MASTER, "--as-recorded", before.isoformat(),
                   "-o", str(book))  # fmt: skip
    assert taken.exit_code == 0, taken.output
    notes = {row[0]: row[1] for row in load_workbook(book)["Notes"].iter_rows(values_only=True)}
    assert notes["As recorded by"] == f"{before:%H:%M} UTC on {before.day} {before:%B %Y}"


def test_a_pot_the_region_hosts_has_its_paper_from_the_command_line(
    ledger: Callable[..., Result], tmp_path: Path
) -> None:
    """Seed 001's pot, kept in the region's ledger for its partners: OWNER is the region. A
    name that is neither a partnership nor a region is refused with where to find both."""
    out = tmp_path / "pool.html"
    args = ("llr-dhr", "--year", "2015/16", "-o", str(out))
    done = ledger("report", "pooled-budget", LLR, *args)
    assert done.exit_code == 0, done.output
    assert re.search(
        r"Carried forward at the year end\s*</th>\s*<td class=\"n\">\s*£25,500<", out.read_text()
    )
    partner = ledger("report", "pooled-budget", "charnwood", *args)
    assert partner.exit_code == 2 and f"pooled-budget {LLR} llr-dhr" in partner.output
    missing = ledger("report", "pooled-budget", "nowhere", *args)
    assert missing.exit_code == 2
    assert "ledger tenants list" in missing.output and "ledger regions list" in missing.output


def test_a_pot_paper_with_a_forecast_that_cannot_be_made_is_refused_and_not_written(
    ledger: Callable[..., Result], tmp_path: Path
) -> None:
    """The paper turned a mistyped forecast into "No forecast is given" and the command
    succeeded: a board would have been sent a paper with its forecast missing."""
    out = tmp_path / "pot.html"
    for bad in (("--expected-dhrs", "abc"), ("--expected-dhrs", "-2"), ("--cost-per-dhr", "-5")):
        refused = ledger(
            "report", "pooled-budget", LLR, "llr-dhr", "--year", "2016/17", *bad, "-o", str(out)
        )
        assert refused.exit_code == 2, (bad, refused.output)
        assert not out.exists()
    done = ledger("report", "pooled-budget", LLR, "llr-dhr", "--year", "2016/17", "-o", str(out))
    assert done.exit_code == 0, done.output


def test_a_paper_goes_to_standard_output_as_html_only(
    ledger: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'-o -' wrote a file named '-' in the current folder; it is standard output for HTML
    and refused, before the paper is built, for a PDF."""
    monkeypatch.chdir(tmp_path)
    html = ledger("report", "group-plan", LLR, MASTER, "--format", "html", "-o", "-")
    assert html.exit_code == 0, html.output
    assert "master action plan" in html.output and "<html" in html.output
    pdf = ledger("report", "group-plan", LLR, MASTER, "-o", "-")
    assert pdf.exit_code == 2 and "for --format html only" in pdf.output
    assert not (tmp_path / "-").exists()


PENCE = re.compile(r"£[\d,]+\.\d\d")  # an amount to the penny, as the downloads keep it


def words_of(path: Path) -> str:
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", path.read_text()).split()))


def test_the_pot_statement_asks_its_partners_in_whole_pounds(
    ledger: Callable[..., Result], tmp_path: Path
) -> None:
    """ "The partners note" said what the meeting decides before it met, and "£25,500.00" was
    to the penny where the seeds' papers write "£25,500": the partners are asked, the board
    when the paper goes to one, and every amount is in whole pounds."""
    out, board = tmp_path / "pool.html", tmp_path / "board.html"
    args = ("report", "pooled-budget", LLR, "llr-dhr", "--year", "2015/16")
    assert ledger(*args, "--expected-dhrs", "2.5", "-o", str(out)).exit_code == 0
    words = words_of(out)
    assert "The partners are asked to note the statement for 2015/16 (table 1)" in words
    assert "The partners are asked to agree contributions for the coming year" in words
    assert "The partners note" not in words and "The partners agree" not in words
    assert "Total £66,000 £36,000 £30,000 £0" in words
    assert "Amounts to the nearest pound" in words and not PENCE.findall(words)
    assert ledger(*args, "--meeting", "LLR DHR Board", "-o", str(board)).exit_code == 0
    assert "The board is asked to note the statement for 2015/16" in words_of(board)


def test_the_commissioning_paper_asks_the_committee_in_whole_pounds(
    ledger: Callable[..., Result], tmp_path: Path
) -> None:
    """ "The board notes ... and decides" said what seed 004's committee decides before it
    met: it is asked to note, to decide only when an agreement ends within six months, and the
    amounts are whole pounds, the funders' shares with them."""
    january, july = tmp_path / "january.html", tmp_path / "july.html"
    committee = ("--meeting", "Safe and Strong Communities Select Committee")
    args = ("report", "commissioning", STAFFS)
    assert ledger(*args, "--on", "2018-01-15", *committee, "-o", str(january)).exit_code == 0
    words = words_of(january)
    assert "The committee is asked to note each area's minimum spend" in words
    assert "The committee is asked to note the funding agreements in place" in words
    assert " notes " not in words and "to decide" not in words and "to request" not in words
    assert "Staffordshire County Council £200,000;" in words and not PENCE.findall(words)
    assert ledger(*args, "--on", "2018-07-01", "-o", str(july)).exit_code == 0
    assert (
        "The board is asked to note the funding agreements in place and their extensions "
        "(table 2), and to decide before they end whether to extend the 3 agreements"
    ) in words_of(july)


def test_the_master_plan_paper_asks_the_board_for_what_is_outstanding(
    ledger: Callable[..., Result], tmp_path: Path
) -> None:
    """ "The meeting asks" said what the meeting decides before it met: it is asked to note the
    plan, and to request updates for the overdue actions and the impact reviews."""
    out = tmp_path / "plan.html"
    args = ("report", "group-plan", LLR, MASTER, "--on", "2017-06-30", "-o", str(out))
    assert ledger(*args).exit_code == 0
    words = words_of(out)
    assert "The meeting asks" not in words
    assert "The board is asked to note the members' actions overdue (table 1)" in words
    assert (
        "The board is asked to request that each owner of an overdue action (tables 1 and 3) "
        "give a progress update and a revised date by the next meeting, and that the impact "
        "reviews of the completed actions be carried out."
    ) in words
