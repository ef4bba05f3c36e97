"""The pages' side of issue 15: an upload that shows the check before recording anything,
the rows with problems marked, and download links that give the API's files by session."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from html import unescape
from urllib.parse import quote

from flask import Flask
from flask.testing import FlaskClient
from openpyxl import Workbook, load_workbook

from api.imports.reading import likely
from api.imports.sheets import CASES
from api.web.import_columns import carried
from benchmarks.data.sheets import PLANTED, case_rows, cases_workbook
from domain.calendar import uk_today
from domain.recording import acting_as
from domain.reviews.review import review_id
from tenants.platform import Platform
from tests.unit import test_workbook_sheets as sheets
from tests.unit.test_own_trackers import HEADS, ROW, tracker
from tests.web.conftest import People, csrf, page_text, sign_in, sign_out
from tests.web.test_case_pages import open_case
from tests.web.test_imr_pages import under_review

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def hidden(html: str) -> dict[str, str]:
    return {
        name: unescape(value)
        for name, value in re.findall(
            r'name="(kind|filename|content|columns|sheet|csrf_token)" type="hidden" value="([^"]*)"',
            html,
        )
    }


def events(platform: Platform, tenant: str) -> int:
    with platform.ledgers.lease(tenant, writing=False) as app:
        return app.recorder.max_notification_id() or 0


def upload(visitor: FlaskClient, url: str, data: bytes, name: str, columns: str = "") -> str:
    """Send the file from the upload page at ``url`` (with the columns chosen before, as the
    'Upload a corrected file' link's page carries them)."""
    token = csrf(visitor.get(url).data)
    page = visitor.post(
        url.split("?")[0],
        data={
            "csrf_token": token,
            "kind": "cases",
            "sheet": (io.BytesIO(data), name),
            "columns": columns,
        },
        content_type="multipart/form-data",
    )
    if page.status_code == 303:  # the file kept, checked on a page asked for with a GET
        assert page.headers["Location"] == f"{url.split('?')[0]}/check"
        page = visitor.get(page.headers["Location"])
    assert page.status_code == 200, page.data[:300]
    return page.data.decode()


def recorded(visitor: FlaskClient, url: str, report: str) -> bytes:
    """Record the checked file; the confirmation the browser is sent on to, with a GET."""
    sent = visitor.post(f"{url}/record", data=hidden(report))
    assert sent.status_code == 303, sent.data[:300]
    assert sent.headers["Location"] == f"{url}/done"
    return bytes(visitor.get(sent.headers["Location"]).data)


def test_an_upload_is_checked_and_shown_before_anything_is_recorded(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    page = visitor.get(url).data.decode()
    assert "Cases template (XLSX)" in page and 'enctype="multipart/form-data"' in page
    said = page_text(page.encode())
    assert "you will be asked which sheet to import" in said
    before = events(platform, people.tenant)
    rows = case_rows(40, "WEB")

    report = upload(visitor, url, cases_workbook(rows, {12: PLANTED[12]}), "cases.xlsx")
    assert "1 problem in cases.xlsx" in report and "There is a problem" in report
    assert "Incident date" in report and "Nothing has been recorded" in report
    marked = visitor.post(f"{url}/problems.xlsx", data=hidden(report))
    assert marked.mimetype == XLSX
    assert load_workbook(io.BytesIO(marked.data))["Problems"]["B2"].value == 12
    assert events(platform, people.tenant) == before

    report = upload(visitor, url, cases_workbook(rows), "cases.xlsx")
    assert "Check cases.xlsx before recording" in report and "Record 40 new rows" in report
    assert events(platform, people.tenant) == before  # checked, not recorded
    done = recorded(visitor, url, report).decode()
    assert "Spreadsheet imported" in done and "40 new rows recorded" in done
    recording = events(platform, people.tenant)
    assert recording > before
    refreshed = visitor.get(f"{url}/done").data.decode()  # Refresh: the page, nothing sent
    assert page_text(refreshed.encode()) == page_text(done.encode())
    assert events(platform, people.tenant) == recording
    again = upload(visitor, url, cases_workbook(rows), "cases.xlsx")
    assert "40" in again and "there is nothing to import" in again


def test_the_confirmation_names_each_case_recorded_and_where_to_see_them(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    rows = case_rows(3, "SEE")
    first = upload(visitor, url, cases_workbook(rows[:1]), "first.xlsx")
    recorded(visitor, url, first)
    report = upload(visitor, url, cases_workbook(rows), "cases.xlsx")
    done = recorded(visitor, url, report)
    said = page_text(done)
    assert "2 new rows recorded" in said and "1 row was already recorded" in said
    assert "events" not in said  # the store's word, not the officer's
    for row in rows[1:]:
        page = f"/partnerships/{people.tenant}/cases/{review_id(row['reference'])}"
        assert f'href="{page}">{row["reference"]} ({row["pseudonym"]})</a>' in done.decode()
    assert f'href="/partnerships/{people.tenant}/cases">See them on the Cases page' in (
        done.decode()
    )


def test_an_empty_file_is_refused_beside_the_file_as_empty(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    before = events(platform, people.tenant)
    said = page_text(upload(visitor, url, b"", "cases.csv").encode())
    assert "There is a problem" in said
    assert "'cases.csv' is empty: it has no headings and no rows." in said
    assert "is missing" not in said
    assert events(platform, people.tenant) == before


def test_a_file_over_the_limit_is_refused_on_the_upload_page_saying_what_to_do(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Not an error page that says only 'could not be completed', with no way back."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    before = events(platform, people.tenant)
    big = b"Reference,Pseudonym\n" + b"x" * (20 * 1024 * 1024)
    said = upload(visitor, url, big, "cases.csv")
    main = page_text(b"<" + said.split("<main", 1)[1].split("</main>", 1)[0].encode())
    assert "The file is larger than 20 MB" in main and "split its rows" in main
    assert 'type="file"' in said  # the question again, to choose a smaller file
    assert events(platform, people.tenant) == before


def test_the_template_with_a_column_of_the_officers_own_is_checked_without_asking(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Every template heading is there, with a 'Notes' column added: no template column is
    left for 'Notes' to hold, so the file is checked at once and 'Notes' named as not
    imported, not sixteen questions about columns that already match."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    book = load_workbook(io.BytesIO(cases_workbook(case_rows(2, "NTS"))))
    sheet = book.active
    sheet.cell(1, sheet.max_column + 1, "Notes")
    sheet.cell(2, sheet.max_column, "chair appointed")
    out = io.BytesIO()
    book.save(out)
    report = upload(visitor, url, out.getvalue(), "cases.xlsx")
    said = page_text(report.encode())
    assert "Which of your columns is which?" not in said
    assert "Check cases.xlsx before recording" in said and "Not imported: ‘Notes’" in said
    assert "columns you chose" not in said
    done = recorded(visitor, url, report).decode()
    assert "2 new rows recorded" in page_text(done.encode())
    with platform.ledgers.lease(people.tenant, writing=False) as app:
        assert app.reviews.get(review_id("NTS-0001")).pseudonym == "Mary"


def test_upload_a_corrected_file_keeps_what_the_spreadsheet_holds(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    rows = case_rows(3, "KND")
    report = upload(visitor, url, cases_workbook(rows, {2: PLANTED[12]}), "cases.xlsx")
    again = unescape(re.findall(r'href="([^"]*)">Upload a corrected file', report)[0])
    assert re.search(r'value="cases" checked', visitor.get(again).data.decode())


def test_a_row_already_recorded_is_said_to_be_left_as_recorded_even_if_changed(
    visitor: FlaskClient, people: People
) -> None:
    """The officer corrects a date in the sheet after importing it: the check says the
    recorded case is not changed by importing again, and where to correct it."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    rows = case_rows(2, "CHG")
    first = upload(visitor, url, cases_workbook(rows[:1]), "cases.xlsx")
    visitor.post(f"{url}/record", data=hidden(first))
    changed = [{**rows[0], "pseudonym": "Nora"}, rows[1]]
    said = page_text(upload(visitor, url, cases_workbook(changed), "cases.xlsx").encode())
    assert "An import never changes what is already recorded" in said
    assert "Correct a recorded case with Change on its page" in said
    bad = page_text(upload(visitor, url, cases_workbook(rows, {3: PLANTED[12]}), "c").encode())
    assert "New rows without problems 0" in bad and "New rows to record" not in bad


def test_a_problems_dates_are_written_as_people_write_them(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    rows = case_rows(5, "WDS")
    report = upload(visitor, url, cases_workbook(rows, {2: PLANTED[188]}), "cases.xlsx")
    incident = rows[0]["incident_on"]  # the first row below the headings
    said = page_text(report.encode())
    assert f"before the incident ({incident.day} {incident:%B %Y})" in said
    assert "dated 3 January 2011" in said and "2011-01-03" not in said


def test_a_tampered_confirmation_is_refused_without_recording(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    report = upload(visitor, url, cases_workbook(case_rows(3, "T")), "t.xlsx")
    before = events(platform, people.tenant)
    page = visitor.post(f"{url}/record", data={**hidden(report), "content": "not base64!"})
    assert "did not come back intact" in page.data.decode()
    assert events(platform, people.tenant) == before


def test_only_the_partnerships_own_recorders_reach_its_import_page(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["neighbour_officer"])
    assert visitor.get(f"/partnerships/{people.tenant}/imports").status_code in (403, 404)


def test_the_reports_page_links_every_table_to_csv_xlsx_and_a_board_paper(
    visitor: FlaskClient, people: People, web_app: Flask
) -> None:
    sign_in(visitor, people.names["regional"])
    page = visitor.get("/reports").data.decode()
    assert "DHRs notified, commenced and completed per partnership</h3>" in page
    links = re.findall(r'href="([^"]+/downloads/dhr-counts\.(?:csv|xlsx)[^"]*)"', page)
    assert len(links) == 2
    csv = visitor.get(links[0].replace("&amp;", "&"))
    assert csv.mimetype == "text/csv"  # the live read models (no worker runs in this test)
    today = uk_today().isoformat()  # a copy kept beside last month's is told apart by its name
    assert (
        f'filename="{people.region}-dhr-counts-{today}.csv"' in csv.headers["Content-Disposition"]
    )
    ended = visitor.get(f"/regions/{people.region}/downloads/dhr-counts.csv?until=2024-03-31")
    assert (
        f'filename="{people.region}-dhr-counts-2024-03-31.csv"'
        in ended.headers["Content-Disposition"]
    )  # named by the day it runs to, not also by today
    assert csv.data.decode("utf-8-sig").startswith("Partnership,Notified,Commenced")
    paper = re.search(r'href="([^"]+/papers/regional\.pdf[^"]*)"', page)
    # each table's paper link is the region's whole paper, and says so
    assert "The region&#39;s board paper, every table (PDF)" in page
    assert paper and visitor.get(paper.group(1).replace("&amp;", "&")).data[:4] == b"%PDF"
    # a paper 'to 2099' would be today's under another date: refused, saying what to do
    later = visitor.get(f"/regions/{people.region}/papers/regional.pdf?until=2099-01-01")
    assert later.status_code == 400 and "2099-01-01 is after today" in later.data.decode()
    visitor = web_app.test_client()
    sign_in(visitor, people.names["officer"])
    own = visitor.get("/reports").data.decode()
    assert f"/partnerships/{people.tenant}/downloads/cases.xlsx" in own
    assert visitor.get(f"/regions/{people.region}/downloads/dhr-counts.csv").status_code in (
        403,
        404,
    )


def test_downloads_by_session_follow_the_same_policy_as_the_api(
    people: People, web_app: Flask
) -> None:
    cases = f"/partnerships/{people.tenant}/downloads/cases.xlsx"
    paper = f"/partnerships/{people.tenant}/papers/action-plan.pdf"
    regional = f"/regions/{people.region}/downloads/money.xlsx"
    expected = {
        "officer": (200, 200, 403),
        "neighbour_officer": (404, 404, 403),
        "regional": (403, 403, 200),
    }
    for who, codes in expected.items():
        visitor = web_app.test_client()
        sign_in(visitor, people.names[who])
        got = tuple(visitor.get(url).status_code for url in (cases, paper, regional))
        assert got == codes, who
    anonymous = web_app.test_client().get(cases)
    assert anonymous.status_code == 302 and "/?next=" in anonymous.headers["Location"]


def test_an_officers_own_tracker_is_matched_to_the_template_then_checked_and_recorded(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Their headings are not the template's: they are asked which column is which (the
    likely one chosen, with a first value to know it by), told what is left out, and the
    check, its marked workbook and the recording all read the file through their choice."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    before = events(platform, people.tenant)
    wrong_date = ("TRK-3", "Iris", date(2021, 1, 5), date(2020, 12, 1), "DHR", "Familial homicide")
    data = tracker(ROW, (*ROW[:2], *ROW[2:]), wrong_date)  # the second row repeats the first
    asked = upload(visitor, url, data, "tracker.xlsx")
    said = page_text(asked.encode())
    assert "Which of your columns is which?" in said
    assert "it will not be imported: ‘Notes’." in said
    assert re.search(
        r'<option value="Date of death" selected>Date of death \(for example 2 March 2019\)', asked
    )
    answers = {**hidden(asked), **chosen(asked)}

    twice = visitor.post(f"{url}/columns", data={**answers, "column_pseudonym": "DHR Ref"})
    assert "already chosen for Reference" in page_text(twice.data)
    assert events(platform, people.tenant) == before

    sent = visitor.post(f"{url}/columns", data=answers)  # chosen: on to the check, a GET
    assert sent.status_code == 303, page_text(sent.data)
    assert sent.headers["Location"] == f"{url}/check"
    report = visitor.get(f"{url}/check").data.decode()
    assert page_text(visitor.get(f"{url}/check").data) == page_text(report.encode())  # Refresh
    said = page_text(report.encode())
    assert "‘Date of death’ is read as Incident date" in said and "Not imported: ‘Notes’" in said
    assert "The reference 'CHA/2019/01' is also on row 2" in said  # each row by its own number
    assert "Date notified to CSP" in said  # the refused date, by the tracker's own heading
    marked = load_workbook(
        io.BytesIO(visitor.post(f"{url}/problems.xlsx", data=hidden(report)).data)
    )
    tracked = marked["DHR tracker"]
    assert tracked["D4"].comment is not None and tracked["A3"].comment is not None
    assert events(platform, people.tenant) == before

    again = unescape(re.findall(r'href="([^"]*)">Upload a corrected file', report)[0])
    assert "the columns you chose are used again" in said
    kept = hidden(visitor.get(again).data.decode())["columns"]
    moved = load_workbook(io.BytesIO(tracker(ROW)))
    moved.active["C1"] = "Date of the death"  # a heading changed since: asked again
    out = io.BytesIO()
    moved.save(out)
    moved = out.getvalue()
    assert "Which of your columns is which?" in upload(visitor, again, moved, "t.xlsx", kept)
    report = upload(visitor, again, tracker(ROW), "tracker.xlsx", kept)  # not asked again
    assert "‘Date of death’ is read as Incident date" in page_text(report.encode())
    assert "Record 1 new row" in report
    done = recorded(visitor, url, report).decode()
    assert "1 new row recorded" in page_text(done.encode())
    with platform.ledgers.lease(people.tenant, writing=False) as app:
        case = app.reviews.get(review_id("CHA/2019/01"))
    assert (case.incident_on, case.notified_on) == (date(2019, 3, 2), date(2019, 3, 9))
    assert (case.victim_age_band, case.victim_sex) == ("25-34", "female")
    assert case.perpetrator_relationship == "former_intimate_partner"


def chosen(page: str) -> dict[str, str]:
    """Each question's answer as the page chose it."""
    found = {}
    for name, body in re.findall(
        r'<select[^>]*name="(column_[a-z_]+)"[^>]*>(.*?)</select>', page, re.S
    ):
        picked = re.search(r'<option value="([^"]*)" selected', body)
        found[name] = picked.group(1) if picked else ""
    return found


def test_the_marked_template_comes_back_as_the_template_in_the_pages_words(
    visitor: FlaskClient, people: People
) -> None:
    """An officer fills the template in, pasting one date from another system (which brings
    its year-first format), and downloads the problems marked: it is their template, with
    its Guidance sheet and drop-downs, its dates day first, and the page's words for dates."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    book = load_workbook(io.BytesIO(visitor.get(f"{url}/cases/template.xlsx").data))
    cases = book["Cases"]
    kept = len(cases.data_validations.dataValidation)
    assert kept and "Guidance" in book.sheetnames
    values = [
        ("TPL-1", "Ann", date(2021, 8, 2), date(2021, 8, 9)),
        ("TPL-2", "Bea", date(2021, 8, 10), date(2021, 8, 2)),  # notified before the death
    ]
    for number, (reference, pseudonym, died, told) in enumerate(values, start=2):
        for column, value in enumerate(
            (reference, pseudonym, died, told, "Domestic Homicide Review", "Familial homicide"),
            start=1,
        ):
            cases.cell(number, column, value)
    cases["D3"].number_format = "yyyy-mm-dd h:mm:ss"  # pasted
    filled = io.BytesIO()
    book.save(filled)

    report = upload(visitor, url, filled.getvalue(), "our cases.xlsx")
    assert "dated 2 August 2021" in page_text(report.encode())
    assert "Download your spreadsheet with the problems marked (XLSX)" in report
    marked = load_workbook(
        io.BytesIO(visitor.post(f"{url}/problems.xlsx", data=hidden(report)).data)
    )
    assert marked.sheetnames[:2] == ["Cases", "Guidance"] and "Problems" in marked.sheetnames
    assert len(marked["Cases"].data_validations.dataValidation) == kept
    said = marked["Cases"]["D3"].comment.text
    assert "dated 2 August 2021" in said and "2021-08-02" not in said
    assert marked["Problems"]["D2"].value == said
    assert {marked["Cases"][cell].number_format for cell in ("C2", "D2", "C3", "D3")} == {
        "dd/mm/yyyy"
    }
    assert marked["Cases"]["A2"].comment is None and marked["Cases"][
        "D3"
    ].fill.fgColor.rgb.endswith("F4A09C")


def two_years(wrong: bool = False) -> bytes:
    """Last year's cases on the sheet named as the template's, this year's under a title on
    another (its last incident date ``wrong``, if asked), and the council's notes: two sheets
    that could be imported, and one that could not be told from them."""
    last = ("Y2-3", sheets.ROW[1], "31/02/2020" if wrong else sheets.ROW[2], *sheets.ROW[3:])
    this_year = (("This year's DHRs",), (), sheets.HEADS, ("Y2-1", *sheets.ROW[1:]))
    return sheets.workbook(
        ("Cases", (sheets.HEADS, ("Y1-1", *sheets.ROW[1:]), ("Y1-2", *sheets.ROW[1:]))),
        ("2020", (*this_year, ("Y2-2", *sheets.ROW[1:]), last)),
        ("Notes", (("Chair", "Meeting"), ("appointed", "in May"))),
    )


def test_a_workbook_with_two_sheets_to_import_asks_which_and_keeps_the_answer(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Asked which sheet (each named with its rows and what its headings look like); the
    answer is kept through the check and the recording, which read that sheet alone."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    before = events(platform, people.tenant)
    question = upload(visitor, url, two_years(), "cases.xlsx")
    said = page_text(question.encode())
    assert "Which sheet do you want to import?" in said, said
    assert "Cases 2 rows, headings found on row 1" in said
    assert "2020 3 rows, headings found on row 3" in said
    assert "Notes 1 row, no headings this import knows" in said
    assert question.count('type="radio"') == 3 and not re.search(
        r"value=\"[^\"]*\" checked", question
    )

    unanswered = visitor.post(f"{url}/sheet", data={"csrf_token": csrf(question.encode())})
    assert unanswered.status_code == 200
    assert "Select the sheet to import" in page_text(unanswered.data)
    forged = {"csrf_token": csrf(unanswered.data), "chosen_sheet": "Guidance"}
    assert "Select the sheet to import" in page_text(visitor.post(f"{url}/sheet", data=forged).data)
    assert "Which sheet do you want" in page_text(visitor.get(f"{url}/check").data)  # still

    token = csrf(visitor.get(f"{url}/sheet").data)
    sent = visitor.post(f"{url}/sheet", data={"csrf_token": token, "chosen_sheet": "2020"})
    assert sent.status_code == 303, page_text(sent.data)
    assert sent.headers["Location"] == f"{url}/check"
    report = visitor.get(sent.headers["Location"]).data.decode()
    checked = page_text(report.encode())
    assert "Sheet 2020, headings on row 3 Change the sheet" in checked, checked
    assert "Record 3 new rows" in checked
    assert hidden(report)["sheet"] == "2020"
    assert page_text(visitor.get(f"{url}/check").data) == checked  # Refresh: the same check
    again = page_text(visitor.get(f"{url}/sheet").data)  # Change: asked again, answer shown
    assert re.search(r'value="2020" checked', visitor.get(f"{url}/sheet").data.decode()), again
    assert events(platform, people.tenant) == before

    done = page_text(recorded(visitor, url, report))
    assert "3 new rows recorded" in done and "Y2-1" in done and "Y1-1" not in done


def test_a_sheet_tampered_with_in_the_confirmation_records_nothing(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    question = upload(visitor, url, two_years(), "cases.xlsx")
    sent = {"csrf_token": csrf(question.encode()), "chosen_sheet": "Cases"}
    report = visitor.get(visitor.post(f"{url}/sheet", data=sent).headers["Location"]).data
    before = events(platform, people.tenant)
    tampered = visitor.post(f"{url}/record", data={**hidden(report.decode()), "sheet": "2021"})
    said = page_text(tampered.data)
    assert "The workbook has no sheet named '2021'" in said, said
    assert "'Cases', '2020' and 'Notes'" in said
    assert events(platform, people.tenant) == before


def test_a_corrected_workbook_is_read_from_the_sheet_chosen_before_without_asking(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    question = upload(visitor, url, two_years(wrong=True), "cases.xlsx")
    sent = {"csrf_token": csrf(question.encode()), "chosen_sheet": "2020"}
    report = visitor.get(visitor.post(f"{url}/sheet", data=sent).headers["Location"]).data
    assert "1 problem in cases.xlsx" in page_text(report)
    link = re.search(r'href="([^"]*)">Upload a corrected file', unescape(report.decode()))
    assert link is not None and "sheet=2020" in link.group(1)
    page = visitor.get(link.group(1)).data.decode()
    assert re.search(r'name="sheet_name" type="hidden" value="2020"', page)
    corrected = {"csrf_token": csrf(page.encode()), "kind": "cases", "sheet_name": "2020"}
    checking = visitor.post(
        url,
        data={**corrected, "sheet": (io.BytesIO(two_years()), "cases.xlsx")},
        content_type="multipart/form-data",
    )
    again = page_text(visitor.get(checking.headers["Location"]).data)
    assert "Sheet 2020, headings on row 3" in again and "Record 3 new rows" in again


def test_the_columns_of_the_sheet_chosen_are_asked_and_read_from_it(
    visitor: FlaskClient, people: People
) -> None:
    """Two years of the officer's own tracker: the columns are asked of the sheet chosen, and
    the check and its marked rows read that sheet through them."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    second = ("CHA/2020/02", "Iris", "no date", *ROW[3:])
    data = sheets.workbook(
        ("2019", (HEADS, ROW)), ("2020", (HEADS, ("CHA/2020/01", *ROW[1:]), second))
    )
    question = upload(visitor, url, data, "tracker.xlsx")
    sent = {"csrf_token": csrf(question.encode()), "chosen_sheet": "2020"}
    asked = visitor.get(visitor.post(f"{url}/sheet", data=sent).headers["Location"]).data
    said = page_text(asked)
    assert "Which of your columns is which?" in said and "tracker.xlsx (2020)" in said
    answers = {**hidden(asked.decode()), **chosen(asked.decode())}
    assert answers["sheet"] == "2020"
    checking = visitor.post(f"{url}/columns", data=answers)
    report = visitor.get(checking.headers["Location"]).data.decode()
    said = page_text(report.encode())
    assert "1 problem in tracker.xlsx" in said and "Sheet 2020 Change" in said, said
    marked = visitor.post(f"{url}/problems.xlsx", data=hidden(report))
    assert load_workbook(io.BytesIO(marked.data))["2020"]["C3"].comment is not None


def test_a_workbook_with_one_sheet_to_import_is_checked_without_asking(
    visitor: FlaskClient, people: People
) -> None:
    """The template's guidance and an empty sheet beside the cases: nothing to ask."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    data = sheets.workbook(("Sheet1", ()), ("DHR tracker 2019", (sheets.HEADS, sheets.ROW)))
    report = page_text(upload(visitor, url, data, "tracker.xlsx").encode())
    assert "Sheet DHR tracker 2019" in report and "Change the sheet" not in report
    assert "Record 1 new row" in report
    assert visitor.get(f"{url}/sheet").headers["Location"] == f"{url}/check"  # none to choose


def test_the_check_says_where_the_headings_were_and_that_the_total_is_not_imported(
    visitor: FlaskClient, people: People
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Our cases"
    sheet["A1"] = "Our partnership's DHR tracker"
    sheet.append([])
    sheet.append(list(sheets.HEADS))
    sheet.append(["TOT-1", *sheets.ROW[1:]])
    sheet.append(["Total", None, None, None, None, 1])
    out = io.BytesIO()
    book.save(out)
    sign_in(visitor, people.names["officer"])
    page = page_text(
        upload(visitor, f"/partnerships/{people.tenant}/imports", out.getvalue(), "t.xlsx").encode()
    )
    assert "Sheet Our cases, headings on row 3" in page, page
    assert "Rows in the file 1" in page and "New rows to record 1" in page
    assert "Not imported Row 5: a total of other rows, which are imported one by one" in page


def test_a_column_added_as_a_problem_asked_is_read_with_the_columns_chosen_before(
    visitor: FlaskClient, people: People
) -> None:
    """Told 'add a column headed Decision reason', the officer adds it and uploads the
    corrected file: it is read beside the columns they chose, not left out as theirs."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    before = {**likely(CASES, HEADS), "decision": "Decision", "decided_on": "Decided"}
    kept = carried({f.key: before.get(f.key, "") for f in CASES.fields})
    book = load_workbook(io.BytesIO(tracker((*ROW, "Do not hold a review", date(2019, 4, 1)))))
    sheet = book.active
    assert sheet is not None
    sheet["K1"], sheet["L1"], sheet["M1"] = "Decision", "Decided", "Decision reason"
    sheet["M2"] = "Not a domestic relationship"
    out = io.BytesIO()
    book.save(out)
    again = f"{url}?kind=cases&columns={quote(kept)}"
    report = page_text(upload(visitor, again, out.getvalue(), "tracker.xlsx", kept).encode())
    assert "Record 1 new row" in report, report
    assert "Not imported: ‘Notes’" in report and "‘Decision reason’" not in report


def test_the_confirmation_is_only_of_this_sessions_own_import(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Asked for before any import, or by another person: the upload page, naming nothing."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    assert visitor.get(f"{url}/done").headers["Location"] == url
    report = upload(visitor, url, cases_workbook(case_rows(1, "OWN")), "own.xlsx")
    assert "1 new row recorded" in page_text(recorded(visitor, url, report))
    assert visitor.get(f"{url}/check").headers["Location"] == url  # recorded: nothing to check
    sign_out(visitor)
    sign_in(visitor, people.names["lead"])
    assert visitor.get(f"{url}/done").headers["Location"] == url


def test_an_uploaded_file_is_checked_on_a_page_asked_for_with_a_get(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Back and Refresh on the check never send the file again: it waits, sealed, in the
    partnership's store for the check page; the session holds only the token."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/imports"
    before = events(platform, people.tenant)
    rows = case_rows(2, "GET")
    sent = visitor.post(
        url,
        data={
            "csrf_token": csrf(visitor.get(url).data),
            "kind": "cases",
            "sheet": (io.BytesIO(cases_workbook(rows)), "get.xlsx"),
        },
        content_type="multipart/form-data",
    )
    assert sent.status_code == 303, page_text(sent.data)
    assert sent.headers["Location"] == f"{url}/check"
    cookie = visitor.get_cookie("ledger_session")
    assert cookie is not None and len(cookie.value) < 1000  # a token, not the file
    check = page_text(visitor.get(f"{url}/check").data)
    assert "Check get.xlsx before recording" in check and "Record 2 new rows" in check
    assert page_text(visitor.get(f"{url}/check").data) == check  # Refresh: the same check
    assert events(platform, people.tenant) == before


def test_the_register_download_carries_the_statutory_clocks_the_page_shows(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A lead taking the late reviews to the board downloaded a register with no clocks in it
    and had to copy the page's tags across by hand: each row now has its dates due and the
    clocks it has passed, in the page's words."""
    open_case(platform, people.tenant, "NT-CLOCKS")  # died 1 February 2024, undecided
    paused = under_review(platform, people.tenant, "NT-WAITS")  # decided 20 February 2024
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.pause(paused, date(2024, 3, 1), "inquest")
    sign_in(visitor, people.names["lead"])
    got = visitor.get(f"/partnerships/{people.tenant}/downloads/cases.csv")
    rows = {r["Reference"]: r for r in csv.DictReader(io.StringIO(got.data.decode("utf-8-sig")))}
    assert rows["NT-CLOCKS"]["Decision due"] == "2024-03-01"
    assert rows["NT-CLOCKS"]["Decided"] == "" and rows["NT-CLOCKS"]["Review due to complete"]
    assert rows["NT-CLOCKS"]["Statutory clock"] == "Decision overdue; Past 7 months"
    assert rows["NT-WAITS"]["Decided"] == "2024-02-20"
    assert rows["NT-WAITS"]["Statutory clock"] == "Paused"
    page = visitor.get(f"/partnerships/{people.tenant}/cases").data.decode()
    shown = page_text(page.split("<main", 1)[1].split("</main>", 1)[0].encode())
    assert "NT-CLOCKS" in shown and "Decision overdue Past 7 months" in shown


def test_the_reports_page_tells_a_lead_what_to_take_to_the_partnerships_board(
    visitor: FlaskClient, people: People
) -> None:
    """It said every table came as a board paper, but a partnership's register and costs have
    none: it now says which paper and which table answer a board's questions."""
    sign_in(visitor, people.names["lead"])
    page = visitor.get("/reports").data.decode().split("<main", 1)[1].split("</main>", 1)[0]
    said = page_text(page.encode())
    assert "and as a board paper (PDF)" not in said
    assert "For the partnership's board: prepare the partnership's board paper" in said
    assert "each review under way and the statutory clocks it has passed" in said
    assert "The registers below give the same figures in full" in said
