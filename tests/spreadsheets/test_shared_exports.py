"""``ledger export commissioning|group-plan`` and ``ledger report group-plan``, on each store: the
files an analyst schedules for the board pack without opening a page, the same tables as the
pages' downloads (the demo's Staffordshire commissioning, seed 004; Leicestershire and
Rutland's master plan)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from api.cli import main
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
    assert notes["Group"] == "Master action plan"

    missing = ledger("export", "group-plan", LLR, "no-such-group")
    assert missing.exit_code == 2 and "No group" in missing.output
    unnamed = ledger("export", "group-plan", LLR)  # which groups are there?
    assert unnamed.exit_code == 2 and f"{MASTER}  (Master action plan)" in unnamed.output


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
    assert "Master action plan" in paper and "LLR DHR Board" in paper
    assert "30 June 2017" in paper  # judged on the day asked for, not today
    assert "Revisit completed actions to check their impact" in paper


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
    assert "No agreement ends within six months of 15 January 2018" in paper
    assert "No milestone is overdue at 15 January 2018" in paper
    later = ledger("report", "commissioning", STAFFS, "--on", "2018-07-01", "-o", str(july))
    assert later.exit_code == 0, later.output
    assert "3 agreements end within six months of 1 July 2018" in july.read_text()
