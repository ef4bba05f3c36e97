"""A value entering by spreadsheet is held to the checks of the command that records it one at
a time (the API's and the pages'): plain text only, dates in the window every API date lies
in (and not yet to come where the step must have happened), an action's owner from the
region's partner directory once it keeps one, a purpose as long as the page takes. Each
refusal is a problem on its row and column, and nothing of the sheet is recorded."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook

from api.imports.chronology import check_sheet
from api.imports.run import Outcome, import_sheet
from domain.actionplan import Scope
from domain.calendar import uk_today
from domain.recording import acting_as
from tenants.platform import Platform
from tests.api.conftest import World


def imported(platform: Platform, world: World, kind: str, sheet: str) -> Outcome:
    with acting_as("importer"):
        return import_sheet(platform, world.tenant, kind, sheet.encode(), f"{kind}.csv")


def said(outcome: Outcome) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.message) for p in outcome.prepared.problems]


def test_a_case_sheet_with_characters_that_are_not_plain_text_records_nothing(
    platform: Platform, world: World
) -> None:
    sheet = (
        "Reference,Pseudonym,Incident date,Notified date,Review kind,Death category,"
        "Decision,Decision date,Decision reason\r\n"
        "PAR-C1,Ma\u202eyr,01/02/2020,05/02/2020,dhr,intimate partner homicide,"
        "not hold,01/03/2020,no\x01abuse\r\n"
    )
    outcome = imported(platform, world, "cases", sheet)
    found = said(outcome)
    assert outcome.recorded_events == 0
    assert {(row, column) for row, column, _ in found} == {
        (2, "Pseudonym"),
        (2, "Decision reason"),
    }, found
    assert all("plain text" in message for *_, message in found)


def test_an_action_sheet_is_held_to_the_directory_and_the_date_window(
    platform: Platform, world: World
) -> None:
    with platform.region_ledgers.lease(world.region) as region:
        region.partners.add("mid-police", "Midshire Police", "police", date(2015, 4, 1))
    with acting_as("officer"), platform.ledgers.lease(world.tenant) as ledger:
        ledger.reviews.notify(
            "PAR-1", date(2020, 2, 1), date(2020, 2, 5), "Mary", "dhr", "unexpected_death"
        )
    sheet = (
        "Case reference,Recommendation,Recommendation text,Scope,Recommendation date,Themes,"
        "Target organisation,Action reference,Owner agency,Action,Due date\r\n"
        "PAR-1,1,Train staff,multi agency,01/03/2021,training,Police,1.1,"
        "Nowhere Trust,Brief officers,01/06/2021\r\n"
        "PAR-1,1,,multi agency,01/03/2021,training,Police,1.2,"
        "Midshire Police,Far ahead,31/12/2099\r\n"
        "PAR-1,1,,multi agency,01/03/2021,training,Police,1.3,"
        "mid-police,Brief the control room,01/06/2021\r\n"
    )
    outcome = imported(platform, world, "actions", sheet)
    found = said(outcome)
    assert outcome.recorded_events == 0
    assert [(row, column) for row, column, _ in found] == [(2, "Owner agency"), (3, "Due date")]
    assert "'Nowhere Trust' is not in the region's partner directory" in found[0][2]
    assert "must be a date from 1990-01-01" in found[1][2]


def test_a_budget_sheet_is_held_to_dates_that_happened_and_a_purpose_the_page_takes(
    platform: Platform, world: World
) -> None:
    purpose = "x" * 300
    sheet = (
        "Budget reference,Budget name,Managed by,Opened date,Line,Date,Partner key,"
        "Partner name,Financial year,Amount (£),Allocation key,Description\r\n"
        "par,Pot,Office,01/01/1900,partner,01/01/2099,county,County,,,,\r\n"
        f"par,Pot,Office,01/04/2015,allocation,01/04/2015,,,2015/16,100,office,{purpose}\r\n"
    )
    outcome = imported(platform, world, "budget", sheet)
    found = said(outcome)
    assert outcome.recorded_events == 0
    columns = {(row, column) for row, column, _ in found}
    assert {(2, "Opened date"), (2, "Date")} <= columns, found
    assert any("cannot be in the future" in message for *_, message in found)
    assert any("keep it to 200" in message for *_, message in found)


def test_a_chronology_sheet_is_held_to_the_window_and_plain_text(
    platform: Platform, world: World
) -> None:
    with acting_as("officer"), platform.ledgers.lease(world.tenant) as ledger:
        review = ledger.reviews.notify(
            "PAR-H1", date(2020, 2, 1), date(2020, 2, 5), "Mary", "dhr", "unexpected_death"
        )
        ledger.reviews.decide(review, date(2020, 2, 20), "hold")
        ledger.imrs.request(review, "Midshire Police", date(2020, 3, 1))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chronology"
    sheet.append(["Date", "Time", "Agency", "What happened", "Source document"])
    sheet.append([date(1985, 1, 1), None, "Midshire Police", "Call out", "Log"])
    sheet.append([date(2019, 1, 1), None, "Midshire Police", "Call\u202eout", "Log"])
    data = io.BytesIO()
    book.save(data)
    with acting_as("officer"), platform.ledgers.lease(world.tenant) as ledger:
        checked = check_sheet(ledger, review, data.getvalue(), "c.xlsx", uk_today(), record=True)
        assert not checked.recorded
        assert [(p.row, p.column) for p in checked.problems] == [
            (2, "Date"),
            (3, "What happened"),
        ]
        assert ledger.chronology.merged(review).rows == ()


ACTIONS = (
    "Case reference,Recommendation,Recommendation text,Scope,Recommendation date,Themes,"
    "Target organisation,Action reference,Owner agency,Action,Due date\r\n"
)


def test_an_owner_not_in_the_directory_is_told_the_nearest_names_and_who_adds_bodies(
    platform: Platform, world: World
) -> None:
    """One short message the officer can act on: the nearest names of the directory (a name
    or an alias), and that the OPCC adds a body; never the whole directory by its keys."""
    bodies = [
        ("bham-csp", "Birmingham Community Safety Partnership", "csp", world.tenant),
        ("wm-police", "West Midlands Police", "police", None),
        ("bsol-icb", "Birmingham and Solihull ICB", "health", None),
        ("bcc-asc", "Birmingham City Council Adult Social Care", "social_care", None),
        ("solihull-mbc", "Solihull Metropolitan Borough Council", "city_council", None),
    ]
    with platform.region_ledgers.lease(world.region) as region:
        for key, name, sector, tenant in bodies:
            region.partners.add(key, name, sector, date(2015, 4, 1), tenant=tenant)
        region.partners.map_name("Midshire Constabulary", "wm-police", date(2016, 1, 1))
    with acting_as("officer"), platform.ledgers.lease(world.tenant) as ledger:
        ledger.reviews.notify(
            "PAR-2", date(2020, 2, 1), date(2020, 2, 5), "Mary", "dhr", "unexpected_death"
        )
    sheet = ACTIONS + "".join(
        f"PAR-2,1,Train staff,multi agency,01/03/2021,training,Police,1.{n},{owner},Brief,"
        "01/06/2021\r\n"
        for n, owner in enumerate(
            ("Birmingham City Council", "Midshire Constabulary ", "Midshire Constabluary", "Zed"),
            start=1,
        )
    )
    found = said(imported(platform, world, "actions", sheet))
    assert [(row, column) for row, column, _ in found] == [
        (2, "Owner agency"),
        (4, "Owner agency"),
        (5, "Owner agency"),
    ]
    council, misspelt, unknown = (message for *_, message in found)
    assert council == (
        "'Birmingham City Council' is not in the region's partner directory. Did you mean "
        "'Birmingham City Council Adult Social Care'? If not, ask the OPCC to add it to the "
        "directory, or to record that this name stands for a body already in it."
    )
    assert "Did you mean 'West Midlands Police'?" in misspelt  # near one of its aliases
    assert unknown == (
        "'Zed' is not in the region's partner directory. Ask the OPCC to add it to the "
        "directory, or to record that this name stands for a body already in it."
    )
    for message in (council, misspelt, unknown):
        assert not any(key in message for key, *_ in bodies), message


def test_a_row_with_a_cell_that_does_not_read_is_still_checked_for_the_rest(
    platform: Platform, world: World
) -> None:
    """All of a row's problems in one check: its case, themes and owner are checked though
    a date in it does not read; but nothing is said that follows from a row not read (a
    later row of its recommendation is not asked for the text the first row gave, and the
    themes of a recommendation already recorded are not read)."""
    with platform.region_ledgers.lease(world.region) as region:
        region.partners.add("mid-police", "Midshire Police", "police", date(2015, 4, 1))
    with acting_as("officer"), platform.ledgers.lease(world.tenant) as ledger:
        case = ledger.reviews.notify(
            "PAR-3", date(2020, 2, 1), date(2020, 2, 5), "Mary", "dhr", "unexpected_death"
        )
        ledger.recommendations.make(
            case, "9", "Share minutes", Scope.MULTI_AGENCY, date(2021, 3, 1), ["training"], "Police"
        )
    sheet = (
        "Case reference,Recommendation,Recommendation text,Scope,Recommendation date,Themes,"
        "Target organisation,Action reference,Owner agency,Action,Due date,Started date\r\n"
        "PAR-3,1,Train staff,multi agency,01/03/2021,nonsense,Police,1.1,"
        "Nowhere Trust,Brief officers,31/02/2021,\r\n"
        "PAR-404,1,Train staff,multi agency,01/03/2021,training,Police,1.1,"
        "Nowhere,Brief officers,01/06/2021,soon\r\n"
        "PAR-3,1,,multi agency,01/03/2021,training,Police,1.2,"
        "Midshire Police,Brief the control room,01/06/2021,\r\n"
        "PAR-3,1,,multi agency,01/03/2021,training,Police,1.1,"
        "Midshire Police,Brief officers,31/02/2021,\r\n"
        "PAR-3,9,,multi agency,01/03/2021,nonsense,Police,9.1,"
        "Midshire Police,Share,31/02/2021,\r\n"
    )
    outcome = imported(platform, world, "actions", sheet)
    found = said(outcome)
    assert outcome.recorded_events == 0
    assert [(row, column) for row, column, _ in found] == [
        (2, "Due date"),
        (2, "Themes"),
        (2, "Owner agency"),
        (3, "Started date"),
        (3, "Case reference"),
        (3, "Owner agency"),
        (5, "Due date"),
        (5, "Action reference"),
        (6, "Due date"),
    ], found
    assert "'nonsense' is not a theme" in found[1][2]
    assert "'Nowhere Trust' is not in the region's partner directory" in found[2][2]
    assert "No case 'PAR-404' is recorded" in found[4][2]
    assert found[7][2] == "Action '1.1' of recommendation '1' is also on row 2."
