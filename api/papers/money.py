"""The pooled budget board paper: seed 001's statement (contributions, spend, carried
forward) and the forecast re-based on the expected number of reviews a year."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Protocol
from uuid import UUID

from api.papers import pot_words
from api.papers.cells import asked, long_date, rounding_note, whole_pounds
from api.papers.paper import Meeting, Paper, PaperTable, Part, Recorded, paper_date
from api.schemas.pooled import ForecastOut, StatementOut
from api.tables.catalogue import FORECAST, STATEMENT
from api.tables.columns import Column, Kind, Section
from domain.calendar import uk_today
from domain.errors import DomainError
from tenants.ledger.funding_pooled import Pooled

SUMMARY = Section(
    "Statement",
    "",
    (Column("line", "", Kind.TEXT, 40), Column("amount", "Amount", Kind.MONEY)),
    row_heading="line",
)


class HostsPots(Protocol):
    """Books that hold pooled budgets: a partnership's ledger, or its region's (seed 001's
    pot, hosted by the county for the districts)."""

    @property
    def pooled(self) -> Pooled: ...


@dataclass(frozen=True)
class PooledAsk(Meeting, Recorded):
    owner: str  # the partnership or region whose books hold the pot
    pool: UUID
    year: str
    expected_dhrs: str = "3"
    cost_per_dhr: int | None = None


def _reserve_origin(statement: dict[str, Any]) -> tuple[str, ...]:
    """The first year's opening reserve was not carried forward by an earlier statement of
    this pot, so the paper says where it came from."""
    origin = statement.get("reserve_origin")
    if origin is None:
        return ()
    return (
        f"The reserve brought forward, {whole_pounds(statement['opening_reserve'])}, was brought in "
        f"when the budget was first recorded for {statement['year']}: {origin.rstrip('.')}.",
    )


def _tables_agree(statement: dict[str, Any], names: dict[str, str]) -> str:
    """Why table 1's cash received and table 2's payments for the year differ, by whom: the
    reader adds both columns up, and an unexplained £2,500 is a question at the board."""
    year, total = statement["year"], statement["partners_total"]["received_for_year"]
    words = (
        f"Table 2 counts what each partner paid for {year}, whenever it was paid: "
        f"{whole_pounds(total)} in all"
    )
    elsewhere = statement["paid_in_other_years"]
    if elsewhere:
        words += ", including " + "; ".join(
            f"{names.get(p['partner'], p['partner'])}'s {whole_pounds(p['amount'])} paid "
            f"{'early' if p['paid_in'] < year else 'late'}, in {p['paid_in']}"
            for p in elsewhere
        )
    others = statement["for_other_years"]
    if not others:
        return words + "."
    paid = "; ".join(
        f"{names.get(p['partner'], p['partner'])} {whole_pounds(p['amount'])} for {p['for_year']}"
        for p in others
    )
    return (
        f"{words}. The contributions received in the year in table 1 "
        f"({whole_pounds(statement['contributions'])}) also include "
        f"{whole_pounds(sum(p['amount'] for p in others))} for other years ({paid})."
    )


def pooled_paper(ledger: HostsPots, ask: PooledAsk) -> Paper:
    at = ask.recorded_by
    pot = ledger.pooled.get(ask.pool, at)
    statement = StatementOut().dump(ledger.pooled.statement(ask.pool, ask.year, at))
    try:
        forecast: dict[str, Any] | None = ForecastOut().dump(
            ledger.pooled.forecast(
                ask.pool, ask.year, ask.expected_dhrs, cost_per_dhr=ask.cost_per_dhr, at=at
            )
        )
        no_forecast = ""
    except DomainError as refused:  # nothing planned per DHR that year: the statement stands
        forecast, no_forecast = None, str(refused)
    lines = [
        ("Reserve brought forward", statement["opening_reserve"]),
        ("Contributions received in the year", statement["contributions"]),
        ("Spend in the year", -statement["spend"]),
        ("Closing reserve", statement["closing_reserve"]),
    ]
    if statement.get("carried_forward") is not None:
        lines.append(("Carried forward at the year end", statement["carried_forward"]))
    summary = [{"line": label, "amount": amount} for label, amount in lines]
    for line in (*statement["partners"], *(forecast["shares"] if forecast else ())):
        line["partner"] = pot.partners.get(line["partner"], line["partner"])
    parts, alloc = STATEMENT.sections
    year = statement["year"]
    meeting = ask.meeting or f"{pot.name} partners"
    return Paper(
        title=f"{pot.name}: statement for {year}",
        body=f"Partners of the {pot.name}",
        meeting=meeting,
        meeting_date=paper_date(ask.meeting_date),
        purpose=(
            f"To report the {pot.name}'s contributions, spend and reserve for {year}"
            + (
                f", and what the years ahead cost at {_a_year(forecast['expected_dhrs'])}."
                if forecast
                else "."
            ),
            *ask.recorded_purpose,
        ),
        recommendations=_recommendations(asked(meeting, "partners"), year, forecast),
        parts=(
            Part("Background", pot_words.background(pot)),
            Part(
                "Statement for the year",
                (
                    f"Cash received basis; the statement "
                    f"{'reconciles' if statement['reconciles'] else 'DOES NOT reconcile'} "
                    "with the year's movements.",
                    *_reserve_origin(statement),
                    _tables_agree(statement, pot.partners),
                ),
                (
                    PaperTable(
                        "Table 1: statement",
                        "Amounts to the nearest pound (the downloads give them to the penny).",
                        SUMMARY,
                        summary,
                        # the closing reserve is the three lines above it, added up
                        rounding_note(SUMMARY.columns, summary[:4]),
                        whole_pounds=True,
                    ),
                    PaperTable(
                        "Table 2: contributions by partner",
                        "",
                        parts,
                        parts.rows_of(statement),
                        rounding_note(parts.columns, parts.rows_of(statement)),
                        whole_pounds=True,
                    ),
                    PaperTable(
                        "Table 3: spend against allocations",
                        "",
                        alloc.only("purpose", "planned", "spent"),
                        alloc.rows_of(statement),
                        whole_pounds=True,
                    ),
                ),
            ),
            _implications(forecast, no_forecast),
        ),
        contact=ask.contact,
        # the pot by its name, as seed 001's paper speaks of it; its reference is the key the
        # ledger and the download's address find it by, not something a board quotes
        facts=(
            ("Budget", pot.name),
            ("Financial year", year),
            # the day its figures were read, as the regional paper gives it: dated for a meeting
            # weeks ahead, the statement did not say when its reserve stood so
            *(ask.recorded_facts or (("Data as at", long_date(uk_today())),)),
        ),
    )


def _recommendations(partners: str, year: str, forecast: dict[str, Any] | None) -> tuple[str, ...]:
    """What the meeting is asked to do, as the seeds' papers put it ("The Board is asked to
    note"): a paper does not say what its meeting decides before it meets, and asks it to agree
    contributions only when there is a forecast to agree them on."""
    note = (
        f"{partners} to note the statement for {year} (table 1) and each partner's "
        "contribution (table 2)."
    )
    if forecast is None:
        return (note,)
    return (
        note,
        f"{partners} to agree contributions for the coming year on the basis of "
        f"{_a_year(forecast['expected_dhrs'])} (table 4).",
    )


def _implications(forecast: dict[str, Any] | None, no_forecast: str) -> Part:
    """What the years ahead cost, or why the paper cannot say (a year with nothing planned
    per DHR): the statement is still the board's, so it is not refused for want of a plan."""
    if forecast is None:
        return Part("Financial implications", (f"No forecast is given. {no_forecast}",))
    shortfall = forecast["annual_shortfall"]
    # totalled as tables 1 and 2 are: a board adding the shares found £67,587 where the
    # paragraph above said a year costs £67,589, with nothing saying the pounds were rounded
    shares = replace(FORECAST.sections[0], total="total", total_label=("partner", "Total"))
    total = {"agreed": forecast["agreed_contributions"], "required": forecast["annual_cost"]}
    rows = shares.rows_of({**forecast, "total": total})
    return Part(
        "Financial implications",
        (
            *pot_words.commitments(forecast),
            f"At {_a_year(forecast['expected_dhrs'])} at "
            f"{whole_pounds(forecast['cost_per_dhr'])} each, plus fixed costs of "
            f"{whole_pounds(forecast['fixed_costs'])}, a year costs "
            f"{whole_pounds(forecast['annual_cost'])}; agreed contributions are "
            f"{whole_pounds(forecast['agreed_contributions'])}, "
            + (
                f"a shortfall of {whole_pounds(shortfall)} a year."
                if shortfall > 0
                else "which covers it."
            ),
        ),
        (
            PaperTable(
                "Table 4: each partner's share of the forecast",
                "",
                shares,
                rows,
                rounding_note(shares.columns, rows),
                whole_pounds=True,
            ),
        ),
    )


def _a_year(expected_dhrs: str) -> str:
    """ "1 review a year", "2.5 reviews a year": the forecast's rate as ``dhrs_text`` writes it."""
    return f"{expected_dhrs} {'review' if Decimal(expected_dhrs) == 1 else 'reviews'} a year"
