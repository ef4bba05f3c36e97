"""Preparing the region's board paper: the period it covers, the meeting it goes to, its date
and whom to contact, chosen on a page rather than by editing a download's address.

An analyst's paper is usually for a quarter or a financial year, and goes to a meeting weeks
after the period ends; so the page offers the last complete quarter and the financial years
as one click each, and the meeting's date may be after today while the period may not. It is
a GET form that changes nothing: a valid answer is sent on to the paper's download address,
where the same words are checked again for anyone who types it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField
from wtforms.validators import Optional

from api.context import platform, requires
from api.policy import Permission
from api.web.fields import GovDate, LinkForm, at_most, error_list, recorded_day, text_input
from domain.calendar import uk_today
from domain.funding import FinancialYear
from projections.queries import STATUTORY_START

bp = Blueprint("board_paper", __name__)
MEETING_LENGTH, CONTACT_LENGTH = 200, 200


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
    meeting = text_input(
        "Meeting",
        Optional(),
        at_most("Meeting", MEETING_LENGTH),
        hint="Empty: the region's Heads of Community Safety. At most 200 characters.",
    )
    meeting_date = GovDate(
        "Date of the meeting",
        what="the meeting's date",
        optional=True,
        description="For example, 21 1 2027. Empty: the last day of the period.",
    )
    contact = text_input(
        "Officer to contact",
        Optional(),
        at_most("Officer to contact", CONTACT_LENGTH),
        hint="Name, role and email or telephone, printed at the end of the paper. At most 200 "
        "characters.",
    )
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
        "meeting_date": form.meeting_date.data,
        "as_recorded": form.as_recorded.data,
    }
    words = {"meeting": form.meeting.data, "contact": form.contact.data}
    params: dict[str, Any] = {k: v.isoformat() for k, v in days.items() if v is not None}
    params |= {k: v.strip() for k, v in words.items() if v and v.strip()}
    return url_for("web.downloads.regional_paper", region=region, fmt=fmt, **params)
