"""Joint commissioning as a board paper: what each budget must spend in each area beside what is
allocated there, the funding agreements and their extensions, changes of provider, the tender's
milestones and what each funder has paid, for the board or committee that oversees the
commissioning (seed 004: Staffordshire's Safe and Strong Communities Select Committee was given
exactly this, in prose, on 15 January 2018)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from api.papers.cells import asked, long_date, region_in_text, whole_pounds
from api.papers.paper import Meeting, Paper, PaperTable, Part, Recorded, paper_date
from api.plurals import plural
from api.tables.registers import COMMISSIONING
from domain.region.services import ENDING_SOON_DAYS


@dataclass(frozen=True)
class CommissioningAsk(Meeting, Recorded):
    region_name: str
    on: date


def commissioning_paper(rows: Mapping[str, Any], ask: CommissioningAsk) -> Paper:
    """``rows``: the region's joint commissioning (``bodies.commissioning_rows``, judged on
    ``ask.on`` and read as recorded by ``ask.recorded_by``)."""
    areas, agreements, payments, milestones = COMMISSIONING.sections
    on = long_date(ask.on)
    short = [a for a in rows["areas"] if a["short_of_minimum"]]
    soon = ask.on + timedelta(days=ENDING_SOON_DAYS)
    ending = [a for a in rows["agreements"] if ask.on <= a["ends_on"] <= soon]
    late = [m for m in rows["milestones"] if m["overdue"]]
    ended = [a for a in rows["agreements"] if a["ends_on"] < ask.on]
    in_force = [a for a in rows["agreements"] if a["starts_on"] <= ask.on <= a["ends_on"]]
    paid: dict[str, int] = defaultdict(int)
    for payment in rows["payments"]:
        paid[payment["funder"]] += payment["paid"]
    meeting = ask.meeting or f"{ask.region_name} joint commissioning board"
    recommendations = _recommendations(
        asked(meeting),
        on,
        sorted({a["area"] for a in short}),
        none_in_force=bool(rows["agreements"]) and not in_force,
        ending=len(ending),
        late=bool(late),
    )
    handovers = tuple(
        f"{h['service']}: {h['to']} took the service over from {h['from']} on {long_date(h['on'])}."
        for h in rows["handovers"]
    )
    return Paper(
        title=f"Joint commissioning in {region_in_text(ask.region_name)}",
        body=ask.region_name,
        meeting=meeting,
        meeting_date=paper_date(ask.meeting_date),
        purpose=(
            f"To update the board at {on} on the services partners commission together: what "
            "each budget must spend in each area, the funding agreements and their "
            "extensions, changes of provider, the tender's milestones and what each funder "
            "has paid.",
            *ask.recorded_purpose,
        ),
        recommendations=tuple(recommendations),
        parts=(
            Part(
                "Background",
                (
                    "The region's ledger holds "
                    f"{plural(rows['budgets'], 'commissioning budget', none='no')} and "
                    f"{plural(rows['services'], 'commissioned service', none='no')}, with "
                    f"{plural(len(rows['agreements']), 'funding agreement', none='no')}.",
                ),
            ),
            Part(
                "Minimum spend by area",
                tables=(
                    PaperTable(
                        "Table 1: minimum spend by area",
                        "What each budget must spend in each area in a year, beside what is "
                        "allocated there. Amounts to the nearest pound (the downloads give them "
                        "to the penny).",
                        areas,
                        rows["areas"],
                        whole_pounds=True,
                        empty="No budget sets a minimum spend for an area.",
                    ),
                ),
            ),
            Part(
                "Funding agreements",
                (
                    f"{plural(len(ending), 'agreement ends', 'agreements end', none='No')} "
                    f"within six months of {on}." + (_ended(ended, len(in_force)) if ended else ""),
                ),
                (
                    PaperTable(
                        "Table 2: funding agreements",
                        "",
                        agreements.only(
                            "service",  # the two that head each row first
                            "agreement",
                            "provider",
                            "starts_on",
                            "ends_on",
                            "annual_value",
                            "funders",
                            "extensions",
                        ),
                        [
                            {**a, "funders": [f"{n} {whole_pounds(p)}" for n, p in a["shares"]]}
                            for a in rows["agreements"]
                        ],
                        empty="No funding agreement is recorded.",
                        whole_pounds=True,
                        beneath=("funders", "extensions"),
                    ),
                ),
            ),
            Part(
                "Providers",
                handovers or ("No service has changed provider.",),
            ),
            Part(
                "Milestones",
                (
                    f"{plural(len(late), 'milestone is', 'milestones are', none='No')} "
                    f"overdue at {on}.",
                ),
                (
                    PaperTable(
                        "Table 3: milestones",
                        "",
                        milestones,
                        rows["milestones"],
                        empty="No milestone is planned.",
                    ),
                ),
            ),
            Part(
                "Financial implications",
                (
                    "Paid to providers so far: "
                    + (
                        "; ".join(
                            f"{funder} {whole_pounds(p)}" for funder, p in sorted(paid.items())
                        )
                        if paid
                        else "nothing recorded"
                    )
                    + ".",
                ),
                (
                    PaperTable(
                        "Table 4: paid to providers",
                        "",
                        payments,
                        rows["payments"],
                        empty="No payment is recorded.",
                        whole_pounds=True,
                    ),
                ),
            ),
        ),
        contact=ask.contact,
        facts=(("At", on), *ask.recorded_facts, ("Services", str(rows["services"]))),
    )


def _recommendations(
    board: str, on: str, short: list[str], *, none_in_force: bool, ending: int, late: bool
) -> tuple[str, ...]:
    """What the board is asked to do, as the seeds' papers put it ("The Board is asked to
    note"): a paper does not say what the board decides before it meets, and asks for a decision
    or an answer only where something is outstanding."""
    said = [
        f"{board} to note each area's minimum spend beside what is allocated there (table 1)"
        + (
            f", and that {_listed(short)} {'is' if len(short) == 1 else 'are'} still below the "
            "minimum."
            if short
            else "; every minimum is met."
        ),
        f"{board} to note "
        + (
            f"that no funding agreement is in force at {on} (table 2)"
            if none_in_force
            else "the funding agreements in place and their extensions (table 2)"
        )
        + (
            ", and to decide before they end whether to extend "
            f"{'the agreement' if ending == 1 else f'the {ending} agreements'} ending within six "
            "months."
            if ending
            else "."
        ),
    ]
    asks = [
        *(("the lead commissioner say how the services are funded now",) if none_in_force else ()),
        *(
            ("the lead commissioner give revised dates for the overdue milestones (table 3)",)
            if late
            else ()
        ),
    ]
    if asks:
        said.append(f"{board} to request that {', and that '.join(asks)}.")
    return tuple(said)


def _ended(ended: list[Mapping[str, Any]], in_force: int) -> str:
    """Agreements that have run out, so a board does not read old agreements as current."""
    last = long_date(max(a["ends_on"] for a in ended))
    now = "none is" if in_force == 0 else ("1 is" if in_force == 1 else f"{in_force} are")
    gone = plural(len(ended), "agreement has", "agreements have")
    return f" {gone} ended, the last on {last}; {now} in force."


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
