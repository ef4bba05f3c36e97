"""A ``Paper`` as HTML (Jinja2) and as PDF (WeasyPrint: paged media, running headers,
"Page 1 of 3", table headers repeated when a table breaks across pages)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from adapters.library.weasyprint import link_headings
from api.papers.cells import cell, long_date, numeric
from api.papers.layout import table_layout
from api.papers.paper import Paper


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("api.papers", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        cell=cell,
        long_date=long_date,
        numeric=numeric,
        table_layout=table_layout,
    )
    return env


def rendered(template: str, **context: Any) -> str:
    """One of the papers' templates with the papers' stylesheet as ``css``: a board paper and
    the merged chronology print (``api.papers.chronology``) look alike on paper."""
    css = files("api.papers").joinpath("templates/paper.css").read_text(encoding="utf-8")
    return _environment().get_template(template).render(css=css, **context)


def page_to_pdf(page: str) -> bytes:
    """An HTML page as a PDF, the same way for every paper: tagged (``pdf_tags``), so a screen
    reader reads its headings, lists, tables' header cells and charts' alternative text, with
    the page's ``lang`` as its language and its ``<title>`` as its title.

    Each table's data cells are linked to every heading over them and beside them, a heading
    over a run of columns or rows included, and every heading gets ``/Scope`` (``/Row`` for
    ``scope="row"``): WeasyPrint links a spanning heading to its first column or row alone and
    writes no scope (Kozea/WeasyPrint#2508; ``adapters.library.weasyprint``).

    Not ``pdf_variant="pdf/ua-1"``: that claims PDF/UA conformance, and nothing here checks the
    whole of it (no PDF/UA checker runs on the papers); the tests check the tags, title,
    language, tables' headings and scopes, and charts' text. Tagging costs 10-15% more CPU: the West Midlands demo paper took 1.37 s then
    1.53 s of CPU untagged, 1.52 s then 1.75 s tagged (two runs, median of 5 renders each,
    interleaved in one process, on a machine at load 5-7: wall time was mostly waiting)."""
    from weasyprint import HTML  # imported on use: loading pango costs ~0.3 s per process

    pdf = HTML(string=page).write_pdf(pdf_tags=True, finisher=link_headings)
    assert pdf is not None
    return bytes(pdf)


def to_html(paper: Paper) -> str:
    return rendered("paper.html", paper=paper)


def to_pdf(paper: Paper) -> bytes:
    return page_to_pdf(to_html(paper))
