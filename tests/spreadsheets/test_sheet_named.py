"""A workbook of several sheets imported from the command line or over HTTP: the sheet named
(``--sheet``, the form's field ``sheet``) is read, and a name the workbook lacks is refused
naming its sheets, recording nothing. The API's report says where the headings were and which
rows were totals, as the page does."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.spreadsheets.conftest import WestMidlands
from tests.spreadsheets.test_imports import stored_events
from tests.unit.test_workbook_sheets import HEADS, ROW, workbook


def two_years(prefix: str) -> bytes:
    """Last year's cases and this year's (under a title, above a total) on two sheets."""
    last = (HEADS, (f"{prefix}-1", *ROW[1:]))
    this = (
        ("This year's DHRs",),
        HEADS,
        (f"{prefix}-2", *ROW[1:]),
        (f"{prefix}-3", *ROW[1:]),
        ("Total", None, None, None, None, 2),
    )
    return workbook(("2019", last), ("2020", this))


def test_the_command_line_reads_the_sheet_named_and_refuses_one_it_lacks(
    platform: Platform, wm: WestMidlands, ledger_cli: Callable[..., Result], tmp_path: Path
) -> None:
    tenant = wm.slugs["solihull"]
    book = tmp_path / "tracker.xlsx"
    book.write_bytes(two_years(f"S{uuid.uuid4().hex[:4]}"))
    before = stored_events(platform, tenant)
    unsaid = ledger_cli("import", "cases", str(book), "--tenant", tenant)
    assert unsaid.exit_code != 0 and "'2019' and '2020'. Say which sheet" in unsaid.output
    assert "Name it with --sheet NAME." in unsaid.output
    wrong = ledger_cli("import", "cases", str(book), "--tenant", tenant, "--sheet", "2021")
    assert wrong.exit_code != 0, wrong.output
    assert "no sheet named '2021'. Its sheets are '2019' and '2020'" in wrong.output
    assert stored_events(platform, tenant) == before
    named = ledger_cli("import", "cases", str(book), "--tenant", tenant, "--sheet", "2020")
    assert named.exit_code == 0 and "2 new row(s)" in named.output, named.output
    assert stored_events(platform, tenant) > before


def test_the_api_reads_the_sheet_named_and_says_where_its_rows_were(
    client: FlaskClient, platform: Platform, wm: WestMidlands
) -> None:
    tenant = wm.slugs["birmingham"]
    base = f"/api/v1/tenants/{tenant}/imports/cases"
    data = two_years(f"B{uuid.uuid4().hex[:4]}")

    def sent(sheet: str | None, path: str = "/check") -> dict[str, object]:
        form: dict[str, object] = {"file": (io.BytesIO(data), "tracker.xlsx")}
        if sheet is not None:
            form["sheet"] = sheet
        return {"path": base + path, "headers": wm.officer, "data": form}

    before = stored_events(platform, tenant)
    unsaid = client.post(**sent(None))
    assert unsaid.status_code == 422 and "'2019' and '2020'" in unsaid.get_json()["detail"]
    assert "Send its name in the field 'sheet'." in unsaid.get_json()["detail"]
    wrong = client.post(**sent("2021", ""))
    assert wrong.status_code == 422
    assert "Its sheets are '2019' and '2020'" in wrong.get_json()["detail"]
    assert stored_events(platform, tenant) == before
    checked = client.post(**sent("2020")).get_json()
    assert (checked["sheet"], checked["rows"], checked["new"]) == ("2020", 2, 2)
    assert (checked["heading_row"], checked["totals_not_imported"]) == (2, [5])
    done = client.post(**sent("2019", "")).get_json()
    assert done["recorded"] and (done["sheet"], done["new"], done["heading_row"]) == ("2019", 1, 1)
