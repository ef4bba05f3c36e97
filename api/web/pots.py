"""A pooled budget's page and its questions, wherever its books are kept: the year on both
bases with what it is planned for, whether it is closed and a forecast (``year_on_page``, the
template ``shared/_pot_year.html``), and every question the page links to (``QUESTIONS``, the
views in ``pot_questions.py``) added to an area's blueprint with who may answer each
(``add_pages``) and offered to those who may (``links``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import Blueprint, request, url_for

from api.context import requires
from api.policy import Permission
from api.web.pot_questions import (
    AGREE,
    CLOSE,
    RECEIVE,
    REOPEN,
    Keeper,
    contribution,
    correct_contribution,
    decide_variation,
    not_called,
    plan,
    request_variation,
    spend,
    year_end,
)
from domain.calendar import uk_today
from domain.errors import DomainError
from domain.funding import FinancialYear


def year_on_page(ledger: Any, pool: UUID) -> dict[str, Any]:
    """The year, expected DHRs and cost per DHR the page was asked for, with the pot's
    statement on both bases, its forecast, what the year is planned for and whether it is
    closed (what it carried forward), and each partner's agreed and not drawn down figures
    (``agreed_lines``) beside what was due, so a "Due £0.00" is not read as nothing agreed.
    A year the ledger refuses is said (``refusal``) over the current year's statement; a
    forecast it cannot make (nothing planned per DHR, say) is said in the forecast's place
    (``no_forecast``), or as the refusal when the figures were typed."""
    this_year = FinancialYear.of(uk_today()).label
    year = request.args.get("year") or this_year
    dhrs, cost = request.args.get("dhrs") or "3", request.args.get("cost_per_dhr_pounds") or ""
    refusal, forecast, no_forecast = None, None, None
    try:
        both = ledger.pooled.statement_both_bases(pool, year)
    except (DomainError, ValueError) as e:
        year, refusal = this_year, str(e)
        both = ledger.pooled.statement_both_bases(pool, year)
    try:
        pence = None if not cost else pence_of(cost)
        forecast = ledger.pooled.forecast(pool, year, dhrs, cost_per_dhr=pence)
    except (DomainError, ValueError) as e:
        typed = "dhrs" in request.args or "cost_per_dhr_pounds" in request.args
        if typed and refusal is None:
            refusal = str(e)
        no_forecast = str(e)
    shown = FinancialYear.parse(both.cash.year)
    plan = ledger.pooled.allocation_plan(pool)
    planned = plan.allocations.values()
    return {
        "statement": both,
        "agreed_lines": {line.partner: line for line in both.cash.partners},
        "forecast": forecast,
        "no_forecast": no_forecast,
        "year": year,
        "dhrs": dhrs,
        "cost": cost,
        "refusal": refusal,
        "closed": ledger.pooled.get(pool).closed.get(shown),
        "planned": sorted((a for a in planned if a.year == shown), key=lambda a: a.purpose),
        "awaiting": [(r, plan.allocations[r.year, r.key].purpose) for r in plan.requests.values()],
    }


def pence_of(pounds: str) -> int:
    """'8,500' or '8500.00' to pence, exactly (never through a float)."""
    whole, _, part = pounds.replace(",", "").replace("£", "").strip().partition(".")
    if not whole.isdigit() or (part and (not part.isdigit() or len(part) > 2)):
        raise ValueError("Enter the cost per DHR in pounds, like 8,500 or 8500.00.")
    return int(whole) * 100 + int(part.ljust(2, "0") or 0)


Question = Callable[[Keeper, UUID], Any]


RECORDS, SIGNS_OFF, CORRECTS = "records", "signs off", "corrects"
QUESTIONS: tuple[tuple[str, str, str, str, Question], ...] = (
    # (endpoint, its address under the pot's, the link's words, who may, the page)
    (
        "receive",
        "receipts",
        "Record a contribution received",
        RECORDS,
        lambda k, p: contribution(k, p, RECEIVE, lambda at: at.pooled.receive_contribution),
    ),
    (
        "agree",
        "contributions",
        "Agree a contribution",
        RECORDS,
        lambda k, p: contribution(k, p, AGREE, lambda at: at.pooled.agree_contribution),
    ),
    ("spend", "spend", "Record spend", RECORDS, spend),
    ("plan", "allocations", "Plan an allocation", RECORDS, plan),
    ("not_called", "not-called", "Decide not to call a contribution", RECORDS, not_called),
    ("vary", "variation-requests", "Request a variation", RECORDS, request_variation),
    ("decide_variation", "variation-decisions", "Decide a variation", SIGNS_OFF, decide_variation),
    ("correct", "corrections", "Correct an agreed contribution", CORRECTS, correct_contribution),
    ("close", "year-closure", "Close the year", SIGNS_OFF, lambda k, p: year_end(k, p, CLOSE)),
    ("reopen", "year-reopening", "Reopen the year", SIGNS_OFF, lambda k, p: year_end(k, p, REOPEN)),
)


BUTTONS = 3  # the first questions, as buttons under the year's contributions; the rest links


def add_pages(
    bp: Blueprint,
    pot_rule: str,
    permissions: dict[str, Permission],
    keeper_of: Callable[..., Keeper],
) -> None:
    """Every question a pot's page links to, as pages of ``bp`` under ``pot_rule`` (whose
    arguments other than ``pool`` say where the pot is kept: ``keeper_of(**them)``), each
    needing the permission ``permissions`` gives its group (RECORDS, SIGNS_OFF, CORRECTS)."""
    for endpoint, path, _, who, question in QUESTIONS:

        def view(pool: UUID, _question: Question = question, **where: str) -> Any:
            return _question(keeper_of(**where), pool)

        view.__name__ = endpoint
        rule = f"{pot_rule}/{path}/new"
        guarded = requires(permissions[who])(view)
        bp.add_url_rule(rule, endpoint, guarded, methods=["GET", "POST"])


def links(area: str, answers: set[str], shown: dict[str, Any], **where: Any) -> dict[str, Any]:
    """The pot page's buttons and links to the questions ``add_pages`` added to the blueprint
    named ``area``, those the user may ``answers`` (RECORDS, SIGNS_OFF, CORRECTS), each at the
    year ``shown`` (``year_on_page``): a closed year offers reopening, an open one closing;
    deciding a variation only while one is awaiting."""
    hidden = {"close" if shown["closed"] is not None else "reopen"}
    if not shown["awaiting"]:
        hidden.add("decide_variation")
    year = shown["statement"].cash.year
    found = [
        (text, url_for(f"web.{area}.{endpoint}", year=year, **where))
        for endpoint, _, text, who, _ in QUESTIONS
        if who in answers and endpoint not in hidden
    ]
    return {"record_links": found[:BUTTONS], "more_links": found[BUTTONS:]}
