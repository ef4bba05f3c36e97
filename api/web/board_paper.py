"""Preparing the region's board paper: the period it covers, the meeting it goes to, its date
and whom to contact, chosen on a page rather than by editing a download's address. A pot's
statement (seed 001's paper, for the pot's partners) is prepared the same way, asking the same
three questions (``meeting_questions``) for the year and forecast chosen on the pot's page.

An analyst's paper is usually for a quarter or a financial year, and goes to a meeting weeks
after the period ends; so the page offers the last complete quarter and the financial years
as one click each, and the meeting's date may be after today while the period may not. It is
a GET form that changes nothing: a valid answer is sent on to the paper's download address,
where the same words are checked again for anyone who types it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, redirect, render_template, request, url_for
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import Optional

from api.context import platform, requires, tenant_ledger
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web.fields import GovDate, LinkForm, at_most, error_list, recorded_day, text_input
from api.web.pots import pence_of
from api.web.shared_money import seen_pot
from domain.calendar import uk_today
from domain.errors import DomainError
from domain.funding import FinancialYear
from domain.funding.pooled_values import parse_dhrs
from projections.queries import STATUTORY_START

bp = Blueprint("board_paper", __name__)
MEETING_LENGTH, CONTACT_LENGTH = 200, 200


# What a paper is dated when its meeting's date is left empty (``papers.paper.paper_date``)
UNDATED = "the paper is dated the day you download it"


def meeting_questions(empty_meeting: str) -> tuple[StringField, GovDate, StringField]:
    """The meeting a paper goes to, its date and whom to contact: optional, each said plainly
    when left empty (``empty_meeting``: what the paper then prints; ``UNDATED``). Every
    paper prepared on a page asks them in these words, and its download checks them again
    (``downloads._words``, ``_day(after_today=True)``)."""
    return (
        text_input(
            "Meeting",
            Optional(),
            at_most("Meeting", MEETING_LENGTH),
            hint=f"Empty: {empty_meeting}. At most {MEETING_LENGTH} characters.",
        ),
        GovDate(
            "Date of the meeting",
            what="the meeting's date",
            optional=True,
            description=f"For example, 21 1 2027. Empty: {UNDATED}.",
        ),
        text_input(
            "Officer to contact",
            Optional(),
            at_most("Officer to contact", CONTACT_LENGTH),
            hint="Name, role and email or telephone, printed at the end of the paper. At most "
            f"{CONTACT_LENGTH} characters.",
        ),
    )


def meeting_args(form: Any) -> dict[str, str]:
    """A form's meeting answers (``meeting_questions``) as a paper's download takes them, only
    those given."""
    day = form.meeting_date.data
    words = {"meeting": form.meeting.data, "contact": form.contact.data}
    found = {k: v.strip() for k, v in words.items() if v and v.strip()}
    return found | ({"meeting_date": day.isoformat()} if day is not None else {})


class BoardPaperForm(LinkForm):
    since = GovDate(
        "From",
        what="the first day of the period",
        optional=True,
        description="For example, 1 7 2026. Empty: since 13 4 2011, when reviews began.",
    )
    until = GovDate(
        "To",
        what="the last day of the period",
        optional=True,
        description="For example, 30 9 2026. Empty: today.",
    )
    meeting, meeting_date, contact = meeting_questions("the region's Heads of Community Safety")
    as_recorded = recorded_day("As recorded at the end of")
    pdf = SubmitField("Download the paper (PDF)", widget=GovSubmitInput())
    html = SubmitField("Read it as a web page", widget=GovSubmitInput())


def periods(today: date) -> list[tuple[str, date, date]]:
    """The periods papers are usually for: the last complete financial quarter, this financial
    year so far and the last financial year."""
    year = FinancialYear.of(today)
    starts = _starts(year)
    current = max(s for s in starts if s <= today)
    last_end = current - timedelta(days=1)
    last_start = max(s for s in (*starts, *_starts(year.previous)) if s <= last_end)
    previous = year.previous
    return [
        (f"The last quarter ({_span(last_start, last_end)})", last_start, last_end),
        (f"{year} so far ({_span(year.start, today)})", year.start, today),
        (f"{previous} ({_span(previous.start, previous.end)})", previous.start, previous.end),
    ]


def _starts(year: FinancialYear) -> list[date]:
    """The first days of a financial year's quarters."""
    return [date(year.start.year, m, 1) for m in (4, 7, 10)] + [date(year.end.year, 1, 1)]


def _span(first: date, last: date) -> str:
    return f"{first:%-d %B %Y} to {last:%-d %B %Y}"


def _boxes(day: date) -> list[int]:
    """A date as the three boxes of a date input, for a link that fills them in."""
    return [day.day, day.month, day.year]


def _refusals(form: BoardPaperForm, today: date) -> None:
    """What the form's own checks cannot know: the period must have happened, in order."""
    since, until, recorded = form.since.data, form.until.data, form.as_recorded.data
    if until is not None and until > today:
        form.until.errors = ["The last day of the period must be today or before"]
    if since is not None and since < STATUTORY_START:
        form.since.errors = ["The first day of the period must be 13 4 2011 or after"]
    elif since is not None and since > (until or today):
        form.since.errors = ["The first day of the period must be on or before its last day"]
    meeting = form.meeting_date.data
    if meeting is not None and meeting < (until or today) and not form.until.errors:
        form.meeting_date.errors = [
            "The meeting's date must be on or after the last day of the period"
        ]
    if recorded is not None and recorded > today:
        form.as_recorded.errors = ["The day the ledger is shown as of must be today or before"]


@bp.route("/regions/<region>/papers/regional")
@requires(Permission.REGION_VIEW)
def prepare(region: str) -> Any:
    """The form; once answered (either button), the paper itself."""
    name = platform().registry.region(region).name
    today = uk_today()
    asked = "pdf" in request.args or "html" in request.args
    form = BoardPaperForm(formdata=request.args if request.args else None)
    errors: list[dict[str, str]] = []
    if asked:
        valid = form.validate()
        _refusals(form, today)
        if valid and not any(f.errors for f in form):
            return redirect(_download(region, form, "html" if form.html.data else "pdf"))
        errors = error_list(form)
    return render_template(
        "regional/board_paper.html",
        region=region,
        region_name=name,
        form=form,
        errors=errors,
        periods=[
            (words, url_for(".prepare", region=region, since=_boxes(a), until=_boxes(b)))
            for words, a, b in periods(today)
        ],
    )


def _download(region: str, form: BoardPaperForm, fmt: str) -> str:
    """The paper's own address for the form's answers (only those given)."""
    days = {
        "since": form.since.data,
        "until": form.until.data,
        "as_recorded": form.as_recorded.data,
    }
    params: dict[str, Any] = {k: v.isoformat() for k, v in days.items() if v is not None}
    params |= meeting_args(form)
    return url_for("web.downloads.regional_paper", region=region, fmt=fmt, **params)


class StatementPaperForm(LinkForm):
    """A pot's statement for a meeting: the year and forecast chosen on the pot's page come
    along unchanged (hidden), the meeting is asked as the regional paper asks it."""

    year = HiddenField()
    expected_dhrs = HiddenField()
    cost_per_dhr_pounds = HiddenField()
    meeting, meeting_date, contact = meeting_questions("the budget's partners")
    pdf = SubmitField("Download the statement (PDF)", widget=GovSubmitInput())
    html = SubmitField("Read it as a web page", widget=GovSubmitInput())


@bp.route("/regions/<region>/pots/<uuid:pool>/papers/statement")
@requires(Permission.SHARED_READ)
def pot_statement(region: str, pool: UUID) -> Any:
    """A pot the region hosts: its statement prepared for its partners' meeting."""
    with region_ledger(region, writing=False) as ledger:
        pot = seen_pot(ledger, pool)
    return _statement(
        pot,
        partial(url_for, "web.shared.pot", region=region, pool=pool),
        partial(url_for, "web.downloads.region_pot_paper", region=region, pool=pool),
    )


@bp.route("/partnerships/<tenant>/money/<uuid:pool>/papers/statement")
@requires(Permission.CASE_READ)
def own_pot_statement(tenant: str, pool: UUID) -> Any:
    """A partnership's own pot: its statement prepared for its partners' meeting."""
    with tenant_ledger(tenant, writing=False) as ledger:
        pot = ledger.pooled.get(pool)
    return _statement(
        pot,
        partial(url_for, "web.partnership_money.pot", tenant=tenant, pool=pool),
        partial(url_for, "web.downloads.pooled_paper", tenant=tenant, budget=pot.reference),
    )


def _statement(pot: Any, page: Callable[..., str], download: Callable[..., str]) -> Any:
    """The form, with the year and forecast the pot's page chose (``page(**them)``, the way
    back to it); once answered, the statement at ``download(fmt=..., **answers)``."""
    form = StatementPaperForm(formdata=request.args if request.args else None)
    chosen = _chosen(form)
    errors: list[dict[str, str]] = []
    if "pdf" in request.args or "html" in request.args:
        if form.validate():
            fmt = "html" if form.html.data else "pdf"
            return redirect(download(fmt=fmt, **chosen, **meeting_args(form)))
        errors = error_list(form)
    return render_template(
        "shared/pot_statement.html",
        pot=pot,
        form=form,
        errors=errors,
        chosen=chosen,
        cost_per_dhr=pence_of(chosen["cost_per_dhr_pounds"])
        if "cost_per_dhr_pounds" in chosen
        else None,
        back=page(
            year=chosen["year"],
            dhrs=chosen["expected_dhrs"],
            cost_per_dhr_pounds=chosen.get("cost_per_dhr_pounds"),
        ),
    )


def _chosen(form: StatementPaperForm) -> dict[str, str]:
    """The year and forecast the pot's page chose, checked as its download checks them (an
    address typed by hand is refused, as there)."""
    year = (form.year.data or "").strip() or FinancialYear.of(uk_today()).label
    dhrs = (form.expected_dhrs.data or "").strip() or "3"
    cost = (form.cost_per_dhr_pounds.data or "").strip()
    try:
        FinancialYear.parse(year)
        parse_dhrs(dhrs)
        if cost:
            pence_of(cost)
    except (DomainError, ValueError) as refused:
        abort(400, str(refused))
    return {"year": year, "expected_dhrs": dhrs} | ({"cost_per_dhr_pounds": cost} if cost else {})
