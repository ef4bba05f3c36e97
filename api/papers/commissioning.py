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

from api.papers.cells import long_date, region_in_text
from api.papers.paper import Meeting, Paper, PaperTable, Part, Recorded
from api.plurals import plural
from api.tables.columns import pounds
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
    recommendations = [
        "The board notes each area's minimum spend beside what is allocated there (table 1)"
        + (
            f", and that {_listed(sorted({a['area'] for a in short}))} "
            f"{'is' if len({a['area'] for a in short}) == 1 else 'are'} still below the minimum."
            if short
            else "; every minimum is met."
        ),
        (
            f"The board notes that no funding agreement is in force at {on} and asks the lead "
            "commissioner how the services are funded now (table 2)"
            if rows["agreements"] and not in_force
            else "The board notes the funding agreements in place and their extensions (table 2)"
        )
        + (
            ", and decides before they end whether to extend "
            f"{'the agreement' if len(ending) == 1 else f'the {len(ending)} agreements'} "
            "ending within six months."
            if ending
            else "."
        ),
    ]
    if late:
        recommendations.append(
            "The board asks the lead commissioner for revised dates for the overdue "
            "milestones (table 3)."
        )
    handovers = tuple(
        f"{h['service']}: {h['to']} took the service over from {h['from']} on {long_date(h['on'])}."
        for h in rows["handovers"]
    )
    return Paper(
        title=f"Joint commissioning in {region_in_text(ask.region_name)}",
        body=ask.region_name,
        meeting=ask.meeting or f"{ask.region_name} joint commissioning board",
        meeting_date=ask.meeting_date or ask.on,
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
                        "allocated there.",
                        areas,
                        rows["areas"],
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
                            "service",
                            "provider",
                            "agreement",
                            "starts_on",
                            "ends_on",
                            "annual_value",
                            "funders",
                            "extensions",
                        ),
                        rows["agreements"],
                        empty="No funding agreement is recorded.",
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
                        "; ".join(f"{funder} {pounds(p)}" for funder, p in sorted(paid.items()))
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
                    ),
                ),
            ),
        ),
        contact=ask.contact,
        facts=(("At", on), *ask.recorded_facts, ("Services", str(rows["services"]))),
    )


def _ended(ended: list[Mapping[str, Any]], in_force: int) -> str:
    """Agreements that have run out, so a board does not read old agreements as current."""
    last = long_date(max(a["ends_on"] for a in ended))
    now = "none is" if in_force == 0 else ("1 is" if in_force == 1 else f"{in_force} are")
    gone = plural(len(ended), "agreement has", "agreements have")
    return f" {gone} ended, the last on {last}; {now} in force."


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
