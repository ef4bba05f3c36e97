"""The accessibility statement has the parts the Public Sector Bodies Accessibility Regulations
2018 require, in the order of GOV.UK's sample statement: without "Non-accessible content" it
said what a person should be able to do but not what fails, why, and what to do instead."""

from __future__ import annotations

import re
from html import unescape

from flask.testing import FlaskClient

REQUIRED = (
    "How accessible this service is",
    "Feedback and contact information",
    "Reporting accessibility problems",
    "Enforcement procedure",
    "Technical information about this service’s accessibility",
    "Compliance status",
    "Non-accessible content",
    "Non-compliance with the accessibility regulations",
    "What we’re doing to improve accessibility",
    "Preparation of this accessibility statement",
)


def test_the_statement_has_the_sections_the_regulations_require(visitor: FlaskClient) -> None:
    page = visitor.get("/accessibility")
    assert page.status_code == 200
    html = page.data.decode()
    headings = [unescape(h) for h in re.findall(r"<h[23][^>]*>([^<]+)</h[23]>", html)]
    assert [h for h in headings if h in REQUIRED] == list(REQUIRED), headings


def test_the_statement_says_when_it_was_prepared_reviewed_and_how_it_was_tested(
    visitor: FlaskClient,
) -> None:
    html = unescape(visitor.get("/accessibility").data.decode())
    preparation = html.split("Preparation of this accessibility statement", 1)[1]
    assert re.search(r"prepared on \d{1,2} \w+ \d{4}", preparation), preparation
    assert re.search(r"last reviewed on \d{1,2} \w+ \d{4}", preparation), preparation
    assert "axe-core" in preparation and "320" in preparation, preparation


def test_the_statement_names_what_fails_and_the_criterion_it_fails(visitor: FlaskClient) -> None:
    """Each non-compliance says which WCAG success criterion it fails, as the sample does; a
    wide table scrolling in its box is said to be allowed (1.4.10), not listed as a failure."""
    html = unescape(visitor.get("/accessibility").data.decode())
    failing = html.split("Non-compliance with the accessibility regulations", 1)[1]
    failing = failing.split("What we’re doing to improve accessibility", 1)[0]
    assert "1.3.1" in failing, failing
    assert "1.4.10" in failing and "allows this for data tables" in failing, failing


def test_the_statement_no_longer_says_people_are_signed_out_without_warning(
    visitor: FlaskClient,
) -> None:
    """The timeout warning (api/web/timeout.py) meets 2.2.1 (timing adjustable): signing out is
    neither listed as a failure nor planned as work still to do."""
    html = unescape(visitor.get("/accessibility").data.decode())
    assert "2.2.1" not in html and "no warning" not in html, html
    doing = html.split("What we’re doing to improve accessibility", 1)[1]
    doing = doing.split("Preparation of this accessibility statement", 1)[0]
    assert "signed out" not in doing and "timeout" not in doing, doing
    assert "stay signed in when the service warns you" in html


def test_the_statement_no_longer_says_pdfs_read_a_heading_over_columns_with_one_of_them(
    visitor: FlaskClient,
) -> None:
    """Board papers' PDFs link each cell to every heading over it (adapters/library/weasyprint.py):
    a heading over a group of columns is neither listed as failing nor planned as work to do."""
    html = unescape(visitor.get("/accessibility").data.decode())
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "first column" not in main, main
    doing = main.split("What we’re doing to improve accessibility", 1)[1]
    doing = doing.split("Preparation of this accessibility statement", 1)[0]
    assert "columns" not in doing and "board paper" not in doing, doing
    assert "each table cell with all its headings" in main, main


def test_the_statement_says_pdfs_read_a_cell_with_its_rows_heading_and_what_is_not_checked(
    visitor: FlaskClient,
) -> None:
    """Board papers' PDFs say whether each heading heads a row or a column, and link each cell
    to its row's heading (adapters/library/weasyprint.py): the statement says so, and that no
    PDF/UA checker has been run on them, rather than leaving a reader to assume one was."""
    html = unescape(visitor.get("/accessibility").data.decode())
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "all its headings, those beside it in its row as well as those over its column" in main
    preparation = main.split("Preparation of this accessibility statement", 1)[1]
    assert "whether each heading heads a row or a column" in preparation, preparation
    assert "not yet checked the PDFs with a PDF/UA checker" in preparation, preparation
