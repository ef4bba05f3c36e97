"""The regional board paper read as the board reads it: what it is asked to do, the day its data
is as at, the caveat its small numbers need, which reviews each part covers, and no empty charts
(the shape of the seeds' papers: seed 001's "The Board is asked to note", "at the end of the
year (March 2016)", "whilst we have seen less than 2 reviews per year")."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from html import unescape

from flask.testing import FlaskClient

from api.papers.cells import long_date
from api.papers.regional import _cost_sentence
from domain.calendar import uk_today
from domain.recording import acting_as
from tenants.demo.money import leicestershire_pooled_budget
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.projections.support import new_partnership, open_case, recommend
from tests.spreadsheets.conftest import TODAY

UNTIL = date(2020, 12, 31)


def region_with(platform: Platform, cases: int, overdue: bool = True) -> str:
    """A one-partnership region with ``cases`` decided in 2020 and, with ``overdue``, an action
    of the first overdue at the end of 2020."""
    region, slug = new_partnership(platform, "board")
    with platform.ledgers.lease(slug) as app:
        for i in range(cases):
            rid = open_case(app, f"B-{i}", date(2020, 1, 1) + timedelta(days=i))
            if i == 0 and overdue:
                rec = recommend(app, rid, "R1", ["coercive-control"])
                app.actions.plan(rec, "Police", "Brief officers", date(2020, 9, 30))
    return region


def paper(client: FlaskClient, platform: Platform, region: str, query: str) -> str:
    """The paper as HTML, and (after a tab) its words in one line; read as recorded by the end
    of today (``as_of``), so from the stores rather than read models still catching up."""
    who = f"analyst-{uuid.uuid4().hex[:6]}"
    add_user(platform, who, "regional_lead", (), (region,))
    token = platform.access.issue_token(who).secret
    url = f"/api/v1/regions/{region}/reports/regional?{query}&as_of={TODAY}&format=html"
    html = client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert html.status_code == 200, html.data
    text = html.data.decode()
    body = re.sub(r"<style>.*?</style>|<[^>]+>", " ", text, flags=re.S)
    return text + "\t" + " ".join(unescape(body).split())


def test_the_paper_says_the_day_its_data_is_as_at(client: FlaskClient, platform: Platform) -> None:
    """A paper for last year goes to a meeting dated months later; without the day its figures
    were read, a board could not tell a correction made since from one made before."""
    region = region_with(platform, 0)
    who = f"analyst-{uuid.uuid4().hex[:6]}"
    add_user(platform, who, "regional_lead", (), (region,))
    token = platform.access.issue_token(who).secret
    url = f"/api/v1/regions/{region}/reports/regional?until={UNTIL}&format=html"
    html = client.get(url, headers={"Authorization": f"Bearer {token}"}).data.decode()
    assert f"Data as at</th><td>{long_date(uk_today())}" in html, html
    # a copy as recorded by a moment says that moment instead, not two dates
    recorded = paper(client, platform, region, f"until={UNTIL}").split("\t")[1]
    assert "As recorded by" in recorded and "Data as at" not in recorded


def test_the_board_is_asked_to_note_and_to_request_only_what_is_outstanding(
    client: FlaskClient, platform: Platform
) -> None:
    asked = paper(client, platform, region_with(platform, 1), f"until={UNTIL}").split("\t")[1]
    assert (
        "The board is asked to note the number of reviews commenced and completed per "
        "partnership (table 1)" in asked
    ), asked
    assert (
        "The board is asked to request that partnerships report progress on the overdue "
        "actions (table 4)." in asked
    ), asked
    assert "The board notes" not in asked and "The board asks" not in asked
    quiet = paper(client, platform, region_with(platform, 1, overdue=False), f"until={UNTIL}")
    assert "request that partnerships" not in quiet, quiet  # nothing outstanding to report on


def test_small_numbers_carry_the_caveat_the_seeds_give_them(
    client: FlaskClient, platform: Platform
) -> None:
    words = paper(client, platform, region_with(platform, 2), f"until={UNTIL}").split("\t")[1]
    assert (
        "The numbers are small: the partnership had fewer than 5 cases notified in the period."
        in words
    ), words
    none = paper(client, platform, region_with(platform, 0), f"until={UNTIL}")
    assert "The numbers are small" not in none  # no median or cost to read with care


def test_the_repeats_say_they_cover_every_review_when_the_period_is_narrower(
    client: FlaskClient, platform: Platform
) -> None:
    """A year's paper said "Of the 75 recommendations made by the region's reviews" beside
    tables of that year holding none: the repeats are read over the whole history."""
    region = region_with(platform, 1)
    scope = "This part covers every review the region has recorded since reviews began on"
    year = paper(client, platform, region, f"since=2020-04-01&until={UNTIL}")
    assert scope in year.split("\t")[1], year
    assert scope not in paper(client, platform, region, "since=2011-04-13")


def test_a_timeliness_chart_with_no_bar_is_left_out(
    client: FlaskClient, platform: Platform
) -> None:
    """An empty chart printed as axes under a large "No data"; the table beside it says so."""
    empty = paper(client, platform, region_with(platform, 0), f"until={UNTIL}").split("\t")[0]
    assert '<figure class="chart">' not in empty
    decided = paper(client, platform, region_with(platform, 1), f"until={UNTIL}").split("\t")[0]
    assert decided.count('<figure class="chart">') == 1  # decided, none submitted yet
    assert "Median months from incident to decision" in decided


def test_table_4a_indents_the_bodies_counted_within_their_kind_and_totals_the_kinds(
    client: FlaskClient, platform: Platform
) -> None:
    """Printed flush, 'Health: Acute Hospital Trust' under 'Health' summed to 69 where table 4
    said 42: the bodies were counted twice by a reader adding the column."""
    region, slug = new_partnership(platform, "owners")
    with platform.ledgers.lease(slug) as app:
        rid = open_case(app, "O-1", date(2020, 1, 1))
        rec = recommend(app, rid, "R1", ["coercive-control"])
        for owner in ("trust", "Police"):
            app.actions.plan(rec, owner, f"Brief {owner}", date(2020, 9, 30))
    with platform.region_ledgers.lease(region) as shared:
        shared.partners.add("trust", "Acute Hospital Trust", "health", date(2012, 1, 1))
    html = paper(client, platform, region, f"until={UNTIL}").split("\t")[0]
    table = html.split("Table 4a: actions by owner agency", 1)[1].split("Table 4b", 1)[0]
    rows = [
        (cls, " ".join(re.sub(r"<[^>]+>", " ", cells).split()))
        for cls, cells in re.findall(r'<tr(?: class="(\w+)")?>(.*?)</tr>', table, re.S)
    ]
    assert ("within", "Health: Acute Hospital Trust 1 1 0 0") in rows, rows
    assert ("", "Health 1 1 0 0") in rows, rows
    assert rows[-1] == ("total", "Total 2 2 0 0"), rows  # table 4's total, the kinds' sum
    assert "only the rows not indented add up to the total" in table


def test_a_region_with_no_pooled_budget_is_not_said_to_hold_an_empty_one(
    client: FlaskClient, platform: Platform
) -> None:
    words = paper(client, platform, region_with(platform, 1), f"until={UNTIL}").split("\t")[1]
    assert (
        "No pooled budget recorded contributions, spending or a reserve in the period." in words
    ), words
    assert "reserve at 31 December 2020: £0" not in words
    assert "Pooled budgets held for the region" not in words  # no such row in table 5


def test_table_5_leaves_out_pooled_budget_columns_of_zero_where_none_is_held(
    client: FlaskClient, platform: Platform
) -> None:
    """Three columns of £0 on every row (the West Midlands) read as pots standing empty: with
    no pooled budget in the region they are left out and a note says why; a partnership that
    keeps a pot has them."""
    html, words = paper(client, platform, region_with(platform, 1), f"until={UNTIL}").split("\t")
    table = html.split("Table 5: money per partnership", 1)[1].split("</thead>", 1)[0]
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", table)
    assert headers == [
        "Partnership",
        "Grants approved",
        "Grants allocated",
        "Grants paid",
        "DHR costs",
        "Completed DHRs costed",
        "Cost per completed DHR",
    ], headers
    assert (
        "No pooled budget is held for the region and no partnership's pooled budget recorded "
        "contributions, spending or a reserve in the period, so the table leaves out the pooled "
        "budget columns (contributions received, spent, reserve)."
        in words.split("Table 5: money per partnership", 1)[1]
    ), words
    region, slug = new_partnership(platform, "pot")
    with acting_as("test"), platform.ledgers.lease(slug) as app:
        leicestershire_pooled_budget(app)
    html, words = paper(client, platform, region, "until=2016-03-31").split("\t")
    table = html.split("Table 5: money per partnership", 1)[1].split("</thead>", 1)[0]
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", table)
    assert {"Pool contributions received", "Pool spent", "Pool reserve"} <= set(headers), headers
    assert "leaves out the pooled budget columns" not in words


def test_paused_is_counted_on_the_periods_last_day_in_the_boards_words(
    client: FlaskClient, platform: Platform
) -> None:
    """ "at the time of the view" is the service's word, not the board's."""
    words = paper(client, platform, region_with(platform, 1), f"until={UNTIL}").split("\t")[1]
    assert "(criminal trial, inquest) on the last day of the period." in words, words
    assert "the view" not in words


def test_money_is_in_whole_pounds_with_a_note_when_rounding_parts_the_total(
    client: FlaskClient, platform: Platform
) -> None:
    """ "£231,950.00": the seeds' board papers write whole pounds. Rounded one by one, £1,234.56
    and £1,000.50 make £2,236 over a total of £2,235, so the table says why; the download keeps
    the pence."""
    region, slug = new_partnership(platform, "pounds")
    other = f"{slug}-b"
    platform.register_tenant(other, "Second", region)
    for tenant, pence in ((slug, 123_456), (other, 100_050)):
        with platform.ledgers.lease(tenant) as app:
            rid = open_case(app, "P-1", date(2020, 1, 1))
            app.costs.record(rid, "chair", pence, date(2020, 3, 1), "Chair invoice")
    html, words = paper(client, platform, region, f"until={UNTIL}").split("\t")
    table = words.split("Table 5: money per partnership", 1)[1]
    # grants approved, allocated and paid, then DHR costs: no pooled budget columns (the region
    # holds no pooled budget), completed DHRs costed and the cost per completed DHR
    assert "£1,235" in table and "£1,001" in table and "Total £0 £0 £0 £2,235 0 –" in table
    assert "a total can differ by a pound or two from the sum of the amounts above it" in words
    assert not re.search(r"£[\d,]+\.\d\d", words), words  # no pence anywhere in the paper
    assert (
        "The 2 reviews with costs recorded in the period cost £2,235 in all. None was "
        "completed by the period's end, so no cost per DHR is given." in words
    ), words
    assert "The cost of DHRs" not in words
    who = f"analyst-{uuid.uuid4().hex[:6]}"
    add_user(platform, who, "regional_lead", (), (region,))
    token = platform.access.issue_token(who).secret
    csv = client.get(
        f"/api/v1/regions/{region}/views/money?until={UNTIL}&as_of={TODAY}&format=csv",
        headers={"Authorization": f"Bearer {token}"},
    ).data.decode("utf-8-sig")
    assert "1234.56" in csv and "1000.50" in csv and "2235.06" in csv, csv


def test_the_cost_sentence_says_what_the_reviews_cost_in_all_and_on_average() -> None:
    """ "The cost of DHRs, £…, is over the 11 reviews" read awkwardly: say it as the seeds do."""
    total = {
        "dhrs_costed": 11,
        "completed_dhrs_costed": 11,
        "dhr_costs": 23_195_000,
        "cost_per_dhr": 2_108_636,
    }
    assert _cost_sentence(total) == (
        "The 11 reviews with costs recorded in the period, all completed by its end, cost "
        "£231,950 in all, £21,086 on average (the cost per DHR, table 5)."
    )
    some = _cost_sentence({**total, "completed_dhrs_costed": 6, "cost_per_dhr": 2_080_000})
    assert some == (
        "The 11 reviews with costs recorded in the period cost £231,950 in all. The 6 of them "
        "completed by the period's end cost £20,800 on average (the cost per DHR, table 5): a "
        "review still under way has not yet cost all it will."
    )


def test_table_2_is_in_months_as_its_charts_and_text_are(
    client: FlaskClient, platform: Platform
) -> None:
    """ "53.0" and "494.5" days beside charts and sentences in months: the board read two units
    for one clock. Each case of the fixture was decided 25 days after the incident."""
    html, words = paper(client, platform, region_with(platform, 2), f"until={UNTIL}").split("\t")
    table = words.split("Table 2: months from the incident", 1)[1].split("Table 2a", 1)[0]
    assert "Partnership 2 0.8 0.8 – – – 0 0 2" in table, table
    assert "Total 2 0.8 0.8 – – – 0 0 2" in table, table
    assert "To decision: median To decision: longest" in table
    assert "25.0" not in table and "median days" not in table, table
    assert "The same numbers are in the table 'Table 2: months from the incident" in unescape(html)


def test_table_2_says_which_cases_each_count_counts(
    client: FlaskClient, platform: Platform
) -> None:
    """ "Cases 0" beside "Not approved after 7 months 1": the first counts the cases notified in
    the period, the second every case open at its end, whenever notified."""
    region, slug = new_partnership(platform, "counts")
    with platform.ledgers.lease(slug) as app:
        open_case(app, "C-1", date(2019, 1, 1))
    html, words = paper(client, platform, region, f"since=2020-01-01&until={UNTIL}").split("\t")
    table = words.split("Table 2: months from the incident", 1)[1].split("Table 2a", 1)[0]
    # said once over the columns each counts (every heading saying it wrapped to six lines)
    assert (
        "Notified in the period Open at the period's end Partnership Cases To decision: median "
        "To decision: longest To first panel: median To submission: median To submission: "
        "longest Decided after 1 month Awaiting a decision after 1 month Not approved after 7 "
        "months Partnership 0 – – – – – 0 0 1" in table
    ), table
    head = unescape(html.split("Table 2: months from the incident", 1)[1].split("</thead>")[0])
    assert (
        '<td class="blank"></td>'
        '<th scope="colgroup" colspan="7" class="group">Notified in the period</th>'
        '<th scope="colgroup" colspan="2" class="group">Open at the period\'s end</th></tr>'
        '<tr><th scope="col">Partnership</th>'
    ) in head, head
    assert "rowspan" not in head  # a tagged PDF linked a heading over both rows to wrong cells
    assert (
        "Notified in the period: cases notified from 1 January 2020 to 31 December 2020." in table
    )
    assert "Open at the period's end: every case still open on 31 December 2020" in table


def test_table_2s_headings_are_short_enough_for_a4(client: FlaskClient, platform: Platform) -> None:
    """ "Open at the period's end, not approved after 7 months" in a count's narrow column
    wrapped to six lines: which cases a count counts is said once, over its columns."""
    html = paper(client, platform, region_with(platform, 1), f"until={UNTIL}").split("\t")[0]
    head = unescape(html.split("Table 2: months from the incident", 1)[1].split("</thead>")[0])
    headings = re.findall(r"<th [^>]*>([^<]*)</th>", head)
    assert len(headings) == 12, headings  # the partnership, 2 runs, 9 counts and times
    assert max(len(h) for h in headings) <= len("Awaiting a decision after 1 month"), headings
    assert "Of those notified" not in head and "Open at the period's end," not in head


def test_table_2a_says_in_its_heading_that_it_counts_every_imr_up_to_the_periods_end(
    client: FlaskClient, platform: Platform
) -> None:
    """Its neighbours count the period; it counts every IMR requested up to the period's end,
    as one requested earlier and still awaited holds up a review in the period. Said only in
    its intro, a board member reading the table alone took it for the period's IMRs."""
    region = region_with(platform, 1)
    heading = (
        "Table 2a: individual management reviews late, by agency, all requested up to "
        "31 December 2020"
    )
    year = paper(client, platform, region, f"since=2020-01-01&until={UNTIL}").split("\t")[1]
    assert heading in year, year
    assert (
        f"{heading} Not only the period's: every individual management review (IMR) with a due "
        "date requested up to 31 December 2020, including those requested before 1 January "
        "2020" in year
    ), year
    whole = paper(client, platform, region, f"until={UNTIL}").split("\t")[1]
    assert f"{heading} Individual management reviews (IMRs) with a due date." in whole, whole
    assert "Not only the period's" not in whole  # the period is every review's history


def test_a_paper_with_no_meeting_date_is_dated_the_day_it_is_made(
    client: FlaskClient, platform: Platform
) -> None:
    """Dated the last day of its period, last year's paper read as if written on 31 December;
    it carries the day it is made (its "Data as at"), or its meeting's when one is given."""
    region = region_with(platform, 0)
    who = f"analyst-{uuid.uuid4().hex[:6]}"
    add_user(platform, who, "regional_lead", (), (region,))
    headers = {"Authorization": f"Bearer {platform.access.issue_token(who).secret}"}
    url = f"/api/v1/regions/{region}/reports/regional?until={UNTIL}&format=html"
    html = client.get(url, headers=headers).data.decode()
    dated = re.search(r"<th scope=\"row\">Date</th><td>([^<]+)</td>", html)
    data_as_at = re.search(r"<th scope=\"row\">Data as at</th><td>([^<]+)</td>", html)
    assert dated and data_as_at, html
    assert dated[1] != long_date(UNTIL) and dated[1] == data_as_at[1]
    met = client.get(f"{url}&meeting_date=2021-02-01", headers=headers).data.decode()
    assert '<th scope="row">Date</th><td>1 February 2021</td>' in met


def test_table_3_says_which_reviews_it_counts_beside_table_1s(
    client: FlaskClient, platform: Platform
) -> None:
    """Its "11 reviews" beside table 1's "6 completed" read as figures that did not add up: a
    review counts under a theme once a finding or recommendation carries it, completed or not."""
    words = paper(client, platform, region_with(platform, 1), f"until={UNTIL}").split("\t")[1]
    assert (
        "Table 3: themes across the region A review counts under a theme when its first finding "
        "or recommendation carrying the theme was made in the period, whenever the review began "
        "and whether or not it is completed, so more reviews can carry a theme than table 1 "
        "counts as commenced or completed in the period." in words
    ), words


def test_the_heat_maps_themes_are_given_the_room_its_small_type_leaves(
    client: FlaskClient, platform: Platform
) -> None:
    """Widths counted for the 8.5 pt type of a narrow table left the theme names of the heat map
    (a wide table, 7 pt) a twelfth of the width, three lines each, its counts' columns half
    empty."""
    region, slug = new_partnership(platform, "heat")
    for name in ("Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton"):
        platform.register_tenant(f"{slug}-{name.lower()}", name, region)  # the West Midlands
    with platform.ledgers.lease(slug) as app:
        rid = open_case(app, "H-1", date(2020, 1, 1))
        recommend(app, rid, "R1", ["coercive-control"])
    html = paper(client, platform, region, f"until={UNTIL}").split("\t")[0]
    table = html.split("Table 3a: reviews per theme and partnership", 1)[1]
    widths = [float(w) for w in re.findall(r'<col style="width: ([\d.]+)%">', table)[:9]]
    assert len(widths) == 9 and widths[0] >= 20, widths  # the theme beside 8 counts


def test_table_1_counts_the_paused_on_the_periods_last_day_in_its_heading(
    client: FlaskClient, platform: Platform
) -> None:
    """ "Paused now" headed a column counted on the period's last day: in last year's paper,
    "now" read as the day of the meeting."""
    html = paper(client, platform, region_with(platform, 1), f"until={UNTIL}").split("\t")[0]
    head = unescape(html.split("Table 1: DHRs per partnership", 1)[1].split("</thead>")[0])
    assert '<th scope="col" class="n">Paused at the period\'s end</th>' in head, head
    assert "Paused now" not in head


def _body_rows(table: str) -> list[list[tuple[str, str, str]]]:
    """A paper table's body rows with figures, each cell as (tag, attributes, words); a row
    saying the table is empty and the lines printed beneath a row are left out."""
    body = table.split("</thead>", 1)[1]
    rows = []
    for attributes, cells in re.findall(r"<tr([^>]*)>(.*?)</tr>", body, re.S):
        read = [
            (tag, attrs, " ".join(unescape(re.sub(r"<[^>]+>", " ", words)).split()))
            for tag, attrs, words in re.findall(r"<(t[hd])([^>]*)>(.*?)</t[hd]>", cells, re.S)
        ]
        if "beneath" not in attributes and not (len(read) == 1 and "colspan" in read[0][1]):
            rows.append(read)
    return rows


def test_each_figure_in_the_papers_tables_is_read_with_its_rows_name(
    client: FlaskClient, platform: Platform
) -> None:
    """A screen reader read table 1's "1" with its column's heading, "Commenced", but not with
    its row's, the partnership: the name was a data cell like the figures. In every table whose
    first column names its rows (a partnership, an agency, a theme) that cell heads its row
    (``<th scope="row">``), "Total" its total row; table 6's groups of recommendations have no
    one name, so no heading."""
    region, slug = new_partnership(platform, "headed")
    with platform.ledgers.lease(slug) as app:  # a row in every table but table 6
        rid = open_case(app, "H-1", date(2020, 1, 1))
        app.imrs.request(rid, "Police", date(2020, 2, 1), date(2020, 3, 1))
        rec = recommend(app, rid, "R1", ["coercive-control"], "children-social-care")
        app.actions.plan(rec, "Police", "Brief officers", date(2020, 9, 30))
    html = paper(client, platform, region, f"until={UNTIL}").split("\t")[0]
    tables = {
        caption.split(":")[0]: table
        for table in re.findall(r'<table class="data.*?</table>', html, re.S)
        for caption in re.findall(r"<caption>(.*?)</caption>", table, re.S)
    }
    table_1 = _body_rows(tables["Table 1"])
    assert table_1[0][:3] == [
        ("th", ' scope="row"', "Partnership"),
        ("td", ' class="n"', "1"),
        ("td", ' class="n"', "1"),
    ], table_1
    assert table_1[-1][0] == ("th", ' scope="row"', "Total"), table_1
    headed = [name for name in tables if name != "Table 6"]
    assert headed == [
        "Table 1", "Table 2", "Table 2a", "Table 3", "Table 3a", "Table 3b",
        "Table 4", "Table 4a", "Table 4b", "Table 5",
    ]  # fmt: skip
    for name in headed:
        rows = _body_rows(tables[name])
        assert rows, name
        for row in rows:
            assert row[0][:2] == ("th", ' scope="row"'), (name, row)
            assert all(tag == "td" for tag, _, _ in row[1:]), (name, row)
