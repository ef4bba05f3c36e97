"""A researcher's pseudonymised extract as a workbook (seed 002: the researchers who collate
DHRs work in spreadsheets, R and SPSS): the JSON extract's records a sheet per kind, one row
each, with the review number to join them, and its codes named.

Read from the extract the JSON download hands over (``tenants.learning.research_extract``),
never from the ledger, so the workbook holds nothing the JSON does not: the same numbering,
the same scrubbed texts. Written by the downloads' own writer (``api.tables.writers``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from api.papers.cells import long_date, recorded_words
from api.tables.columns import Column, Kind, Section, Table
from api.tables.writers import to_xlsx
from api.vocabulary import (
    ACTION_OUTCOMES,
    DEATH_CATEGORIES,
    IMPACTS,
    NATIONAL_ROUTING,
    REVIEW_KINDS,
    SCOPES,
)
from domain.learning.agreement import DataSharingAgreement

C, T, L, K = Kind.COUNT, Kind.TEXT, Kind.LIST, Kind.CODE

_REVIEW = Column("review", "Review number", C, 10)  # the key every sheet joins on
_THEMES = (Column("themes", "Themes", L, 40), Column("theme_codes", "Theme codes", L, 30))

EXTRACT = Table(
    "Pseudonymised research extract",
    "The reviews a data-sharing agreement covers, numbered 1 to n, with their findings and "
    "recommendations, their themes and what became of the actions. Pseudonymised: no names, "
    "places or exact dates.",
    (
        Section(
            "Reviews",
            "reviews",
            (
                Column("number", "Review number", C, 10),
                Column("review_kind", "Kind of review", K, 34, REVIEW_KINDS),
                Column("year", "Year notified", C, 10),
                Column("death_category", "Death category", K, 34, DEATH_CATEGORIES),
            ),
        ),
        Section(
            "Findings",
            "findings",
            (
                _REVIEW,
                Column("number", "Finding number", C, 10),
                Column("text", "Finding", T, 70),
                *_THEMES,
            ),
        ),
        Section(
            "Recommendations",
            "recommendations",
            (
                _REVIEW,
                Column("number", "Recommendation number", C, 14),
                Column("text", "Recommendation", T, 70),
                Column("scope", "Scope", K, 14, SCOPES),
                *_THEMES,
                Column("addressee", "Addressee", T, 28),
                Column("action_outcome", "Action outcome", K, 22, ACTION_OUTCOMES),
                Column("impact", "Impact", K, 24, IMPACTS),
                Column("national_status", "National status", K, 22, NATIONAL_ROUTING),
            ),
        ),
        Section(
            "Themes",
            "themes",
            (
                Column("code", "Code", T, 36),
                Column("name", "Name", T, 50),
                Column("used_as", "Used as", T, 20),
            ),
        ),
    ),
    (
        "Pseudonymised: reviews are numbered 1 to n in the agreement's order, never by their "
        "reference, pseudonym or partnership. Names, places and dates written in the texts "
        "are replaced by [name], [place] and [date]; a review gives only the year it was "
        "notified.",
        "How the sheets join: 'Review number' joins Findings and Recommendations to Reviews. "
        "A finding or recommendation is numbered within its review, so the review number and "
        "its own number together identify it.",
        "Themes and Theme codes list every theme of a finding or recommendation, separated by "
        "'; '. Each code is a row of the Themes sheet, which names it and says whether it is "
        "used as a theme or as the sector a recommendation is addressed to.",
        "Action outcome: whether the recommendation's actions are open, completed or closed "
        "without completion. Impact: whether an impact review, after completion, found the "
        "change embedded in practice.",
        "National status: the Domestic Abuse Commissioner's scale, for a recommendation "
        "routed to a national body.",
        "The same extract is downloadable as JSON; every download of either is recorded on "
        "the agreement.",
    ),
)


def extract_body(document: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The extract's nested reviews as the sheets' rows: a finding and a recommendation
    carry their review's number and their own (their place in it); themes and addressees
    are named by the extract's own ``code_names``; the themes sheet lists every code the
    extract carries, so a join on it loses no row (a code it cannot name has no name)."""
    names: Mapping[str, str] = document["code_names"]
    reviews, findings, recommendations = [], [], []
    themes: set[str] = set()
    addressees: set[str] = set()
    for review in document["reviews"]:
        key = review["number"]
        reviews.append({k: review[k] for k in ("number", "review_kind", "year", "death_category")})
        for number, finding in enumerate(review["findings"], start=1):
            themes.update(finding["theme_codes"])
            findings.append(
                {"review": key, "number": number, "text": finding["text"]}
                | _themed(finding["theme_codes"], names)
            )
        for number, rec in enumerate(review["recommendations"], start=1):
            themes.update(rec["theme_codes"])
            addressee = rec.get("addressee") or None
            addressees.update([addressee] if addressee else [])
            recommendations.append(
                {"review": key, "number": number, **rec}
                | _themed(rec["theme_codes"], names)
                | {"addressee": names.get(addressee, addressee) if addressee else None}
            )
    used = {"theme": themes, "addressee": addressees}
    return {
        "reviews": reviews,
        "findings": findings,
        "recommendations": recommendations,
        "themes": [
            {"code": code, "name": names.get(code), "used_as": _used_as(code, used)}
            for code in sorted({*names, *themes, *addressees})
        ],
    }


def _used_as(code: str, used: Mapping[str, set[str]]) -> str:
    """ "Theme", "Addressee" or "Theme and addressee": where the extract carries the code."""
    return " and ".join(role for role, codes in used.items() if code in codes).capitalize()


def _themed(codes: list[str], names: Mapping[str, str]) -> dict[str, list[str]]:
    return {"themes": [names.get(c, c) for c in codes], "theme_codes": list(codes)}


def extract_workbook(agreement: DataSharingAgreement, document: Mapping[str, Any]) -> bytes:
    """The extract as an XLSX workbook for the download just recorded on ``agreement`` (its
    last): the notes sheet says which agreement, what for, when it was downloaded and until
    when the agreement lets it be."""
    _, downloaded = agreement.downloads[-1]
    body = extract_body(document)
    context = [
        ("Agreement", document["agreement"]),
        ("Purpose", document["purpose"]),
        ("Downloaded", f"{recorded_words(downloaded)}, recorded on the agreement"),
        ("In force until", f"the end of {long_date(agreement.expires_on)}"),
        *((s.name, len(body[s.rows])) for s in EXTRACT.sections[:3]),
    ]
    return to_xlsx(EXTRACT, body, context)
