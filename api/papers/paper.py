"""A board paper as data: the shape councils use (title, meeting and date, purpose,
recommendation, background, tables, financial implications), before it is HTML or PDF."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypedDict

from api.papers.cells import numeric, recorded_words
from api.tables.columns import Column, Section
from domain.calendar import uk_today

# Every DHR paper's background opens with the duty and the purpose (the Home Office's words)
DHR_DUTY = (
    "Community Safety Partnerships have had statutory responsibility for Domestic Homicide "
    "Reviews since 13 April 2011 (section 9 of the Domestic Violence, Crime and Victims Act "
    "2004). The purpose of a review is to identify the lessons to be learnt from the death."
)


@dataclass(frozen=True, kw_only=True)
class Meeting:
    """What a paper is asked for: the meeting it goes to, its date and whom to contact; each
    paper has its own defaults for the ones left out."""

    meeting: str = ""
    meeting_date: date | None = None
    contact: str = ""


@dataclass(frozen=True, kw_only=True)
class Recorded:
    """A paper read as the ledger had recorded it by an instant: the copy an auditor, or a
    later board, takes of what an earlier board saw (None: as recorded now). A paper that
    takes it says so in its purpose and its facts box."""

    recorded_by: datetime | None = None

    @property
    def recorded_purpose(self) -> tuple[str, ...]:
        if self.recorded_by is None:
            return ()
        return (
            f"It is read as the ledger had recorded it by {recorded_words(self.recorded_by)}: "
            "anything recorded later, corrections included, is left out.",
        )

    @property
    def recorded_facts(self) -> tuple[tuple[str, str], ...]:
        if self.recorded_by is None:
            return ()
        return (("As recorded by", recorded_words(self.recorded_by)),)


def paper_date(meeting_date: date | None, made: date | None = None) -> date:
    """A paper's date: its meeting's, or else the day it is made (``made``, today unless
    given). Dated the last day of its period, a paper made weeks later for a meeting not yet
    fixed read as if written that day; its figures' own day is in its facts box ("Data as
    at", "Plan at")."""
    return meeting_date or made or uk_today()


class MeetingArgs(TypedDict, total=False):
    """``Meeting``'s fields as keyword arguments (``**meeting: Unpack[MeetingArgs]``)."""

    meeting: str
    meeting_date: date | None
    contact: str


@dataclass(frozen=True)
class HeaderCell:
    """A heading in a table's header: a column's, or one over a run of them (``colgroup``)."""

    words: str
    numeric: bool = False
    scope: str = "col"
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class PaperTable:
    heading: str
    intro: str
    section: Section
    rows: Sequence[Mapping[str, Any]]
    footnotes: tuple[str, ...] = ()
    empty: str = "Nothing to report."
    # Keys of columns too long for a column of their own (lists of themes, names): printed as
    # "Header: text" lines across the table's whole width under each row's other cells. In a
    # column beside five counts they got ~14 characters and rows ran to 20 lines or more.
    beneath: tuple[str, ...] = ()
    # money to the nearest pound, as the seeds' board papers write it (the downloads keep pence)
    whole_pounds: bool = False
    # Headings over runs of columns, (words, how many columns), in order and covering them all;
    # a run with no words keeps its columns' own headings, over both header rows. Table 2's
    # counts each said which cases they count ("Open at the period's end, not approved after 7
    # months") and wrapped to six lines in a column a count needs: said once over its run, the
    # columns' own headings stay short.
    groups: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        """The columns that head the rows come first: a reader links a data cell to the row
        headings on its left (HTML's rule, and the tagged PDF's as ``link_headings`` writes
        it), so a cell left of one of them was read without it ("Home Group" of a funding
        agreement without "Original agreement")."""
        heads = [self.heads_row(c) for c in self.columns]
        if heads != sorted(heads, reverse=True):
            raise ValueError(f"{self.heading}: the columns heading its rows go first")

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns with a cell of their own in each row."""
        return tuple(c for c in self.section.columns if c.key not in self.beneath)

    @property
    def header_rows(self) -> tuple[tuple[HeaderCell, ...], ...]:
        """The header's rows: the columns' headings, under the ``groups`` when it has them."""
        columns = self.columns
        if not self.groups:
            return (tuple(HeaderCell(c.header, numeric(c)) for c in columns),)
        assert sum(span for _, span in self.groups) == len(columns), self.heading
        top: list[HeaderCell] = []
        below: list[HeaderCell] = []
        start = 0
        for words, span in self.groups:
            run, start = columns[start : start + span], start + span
            if words:
                top.append(HeaderCell(words, scope="colgroup", colspan=span))
                below += [HeaderCell(c.header, numeric(c)) for c in run]
            else:  # an empty cell above, the heading in the columns' own row: a tagged PDF
                # linked the cells of a heading spanning both rows to the wrong columns
                top.append(HeaderCell("", scope="", colspan=span))
                below += [HeaderCell(c.header, numeric(c)) for c in run]
        return (tuple(top), tuple(below))

    @property
    def column_groups(self) -> tuple[int, ...]:
        """How many columns each ``<colgroup>`` holds: one per run of ``groups``, so a heading
        over a run (``scope="colgroup"``) is anchored in a group of its own columns. In one
        group of them all, the HTML's rule for finding a cell's headings gave "Notified in the
        period" to the columns of cases open at the period's end as well."""
        return tuple(span for _, span in self.groups) or (len(self.columns),)

    def heads_row(self, column: Column) -> bool:
        """Whether ``column`` names each row, alone or with others (``Section.row_heading``),
        so its cells are the rows' headings (``<th scope="row">``): a figure is read with its
        row's name as well as its column's heading, in the web page and in the tagged PDF."""
        return column.key in self.section.row_headings

    @property
    def lines(self) -> tuple[Column, ...]:
        """The columns printed across the table under each row (``beneath``)."""
        return tuple(c for c in self.section.columns if c.key in self.beneath)


@dataclass(frozen=True)
class PaperFigure:
    """A chart (an image, e.g. a data: URL of an SVG) printed above the table that holds its
    numbers; ``alt`` names that table for anyone who cannot see the chart."""

    title: str
    alt: str
    src: str


@dataclass(frozen=True)
class Part:
    """A numbered part of the paper: paragraphs, any charts, then any tables."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[PaperTable, ...] = ()
    figures: tuple[PaperFigure, ...] = ()


@dataclass(frozen=True)
class Paper:
    title: str
    body: str  # who the paper is for, e.g. "West Midlands Heads of Community Safety"
    meeting: str
    meeting_date: date
    purpose: tuple[str, ...]
    recommendations: tuple[str, ...]
    parts: tuple[Part, ...]
    contact: str = ""
    marking: str = "OFFICIAL-SENSITIVE"
    facts: tuple[tuple[str, str], ...] = field(default=())  # the "Report date / Period" box
