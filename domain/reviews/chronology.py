"""A case's dates against one another: what each command checks, over the whole case at once.

Used to hold a corrected case to the rules its commands enforced when each step was recorded
(a decision not before the notification, a submission not before the drafts, no pause across
a later step), and by ``pause`` to refuse a pause dated behind steps already on record.
"""

from __future__ import annotations

from datetime import date

from domain.errors import InvalidValueError
from domain.reviews.checks import DHRS_BEGAN, check_date
from domain.reviews.imrs import check_due
from domain.reviews.records import Imr
from domain.reviews.state import ReviewState


def check_chronology(s: ReviewState, today: date | None) -> None:
    """Every dated fact of the case against what must precede it, as the commands check them."""
    started = s.review_started_on
    decided = s.decision.decided_on if s.decision else None

    def dated(on: date | None, what: str, *earlier: tuple[str, date | None]) -> None:
        if on is not None:
            check_date(on, what, today, ("incident", s.incident_on), *earlier)

    dated(s.incident_on, "incident", DHRS_BEGAN)
    dated(s.notified_on, "notification")
    dated(decided, "decision", ("notification", s.notified_on))
    dated(s.home_office_notified_on, "Home Office notification", ("decision", decided))
    check = s.decision_check.checked_on if s.decision_check else None
    dated(check, "QA panel check", ("decision", decided))
    dated(s.directed_on, "direction to review", ("decision", decided), ("QA panel check", check))
    after_start = ("decision to review", started)
    for commission in s.commissions:
        dated(commission.commissioned_on, "commissioning", after_start)
    for met_on in s.panel_meetings:
        dated(met_on, "panel meeting", after_start)
    dated(s.overview_report_drafted_on, "draft", after_start)
    dated(s.executive_summary_drafted_on, "draft", after_start)
    dated(s.action_plan_agreed_on, "action plan agreement", after_start)
    # The documents as they stand went with the last (re)submission; while a QA letter awaits
    # an answer they may be redrafted after it, for the resubmission to come.
    answering = bool(s.feedback_rounds) and s.feedback_rounds[-1].resubmitted_on is None
    dated(
        None if answering else s.last_submitted_on,
        "resubmission" if s.feedback_rounds else "submission",
        ("overview report draft", s.overview_report_drafted_on),
        ("executive summary draft", s.executive_summary_drafted_on),
        ("action plan agreement", s.action_plan_agreed_on),
    )
    dated(s.submitted_on, "submission", ("decision to review", started))
    sent = s.submitted_on  # each QA letter answers the (re)submission before it
    for letter in s.feedback_rounds:
        dated(letter.received_on, "QA feedback letter", ("submission", sent))
        dated(letter.resubmitted_on, "resubmission", ("QA feedback letter", letter.received_on))
        sent = letter.resubmitted_on or sent
    dated(s.approved_on, "approval", ("submission", s.last_submitted_on))
    withheld = s.publication_withheld.closed_on if s.publication_withheld else None
    dated(withheld, "decision to withhold", ("approval", s.approved_on))
    dated(
        s.published_on,
        "publication",
        ("approval", s.approved_on),
        ("decision to withhold", withheld),
    )
    for involvement in s.family_involvement:  # a draft's receipt is held to the draft when
        # recorded; a later redraft moves the draft's date, so only the start is checked here
        dated(involvement.occurred_on, "family involvement", after_start)
    _check_draft_received(s)
    closed = s.decommissioned.closed_on if s.decommissioned else None
    dated(closed, "decommissioning", ("notification", s.notified_on), ("decision", decided))
    for imr in s.imrs:
        _check_imr(imr, today, ("incident", s.incident_on), after_start)
    _check_pauses(s, today, started)


def _check_draft_received(s: ReviewState) -> None:
    """The draft the family received, while it is the draft on record, is dated no later than
    their receipt, as ``family`` held it when the receipt was recorded; a redraft since is a
    revision they have not received, so its date is not held to it."""
    received, drafted = s.draft_received_on, s.overview_report_drafted_on
    if received is not None and drafted is not None and drafted > received:
        raise InvalidValueError(
            f"The family received the overview report draft on {received}, so it cannot be "
            f"dated {drafted}. Give the day it was drafted, {received} or earlier; if the "
            "report was revised after the family received it, record the revised draft instead."
        )


def _check_imr(imr: Imr, today: date | None, *earliest: tuple[str, date | None]) -> None:
    """An IMR's dates as its commands check them: asked after the review began, due after the
    request, each extension later than the due date before it, chased and received after the
    request (a receipt after a return, after that return), assessed after the receipt."""
    check_date(imr.requested_on, "IMR request", today, *earliest)
    since_request = ("IMR request", imr.requested_on)
    due = imr.due_on
    if due is not None:
        check_due(due, "IMR due date", imr.requested_on, "request")
    for extension in imr.extensions:
        check_date(extension.extended_on, "IMR extension", today, since_request)
        check_due(extension.due_on, "new IMR due date", extension.extended_on, "extension")
        if due is not None and extension.due_on <= due:
            raise InvalidValueError(
                f"The IMR from {imr.agency} was extended to {extension.due_on}, which is not "
                f"after its due date then ({due}); check the dates."
            )
        due = extension.due_on
    for chased_on in imr.chased_on:
        check_date(chased_on, "IMR chase", today, since_request)
    if imr.received_on is None:
        return
    before = imr.assessments[imr.receipts - 2] if imr.receipts >= 2 else None
    after = imr.assessments[imr.receipts - 1] if len(imr.assessments) >= imr.receipts > 0 else None
    returned = ("return of the IMR for more work", before.assessed_on) if before else None
    check_date(imr.received_on, "IMR receipt", today, returned or since_request)
    if after is not None:
        check_date(after.assessed_on, "IMR assessment", today, ("IMR receipt", imr.received_on))


def _check_pauses(s: ReviewState, today: date | None, started: date | None) -> None:
    previous_end: date | None = None
    for pause in s.pauses:
        check_date(
            pause.paused_on,
            "pause",
            today,
            ("incident", s.incident_on),
            ("decision to review", started),
            ("previous pause's resumption", previous_end),
        )
        if pause.resumed_on is not None:
            check_date(pause.resumed_on, "resumption", today, ("pause", pause.paused_on))
            for label, on in milestones(s):
                if pause.paused_on < on < pause.resumed_on:
                    raise InvalidValueError(
                        f"The review cannot have been paused from {pause.paused_on} to "
                        f"{pause.resumed_on}: its {label} is recorded on {on}, in between. "
                        "Check the dates."
                    )
        else:  # still paused: nothing a paused review cannot do may be dated after it began
            later = [(label, on) for label, on in milestones(s) if on > pause.paused_on]
            if later:
                label, on = later[0]
                raise InvalidValueError(
                    f"The review has been paused since {pause.paused_on}: its {label} cannot "
                    f"be on {on}, after that. Check the date, or record the resumption first."
                )
        previous_end = pause.resumed_on or date.max


def milestones(s: ReviewState) -> list[tuple[str, date]]:
    """The steps a paused review cannot take (commissioning and IMRs can), with their dates:
    those ``check_milestone_dated`` holds outside the review's pauses."""
    found: list[tuple[str, date | None]] = [
        *(("panel meeting", d) for d in s.panel_meetings),
        ("overview report draft", s.overview_report_drafted_on),
        ("executive summary draft", s.executive_summary_drafted_on),
        ("action plan agreement", s.action_plan_agreed_on),
        ("submission", s.submitted_on),
        *(("resubmission", letter.resubmitted_on) for letter in s.feedback_rounds),
        ("approval", s.approved_on),
    ]
    return sorted(((label, on) for label, on in found if on is not None), key=lambda m: m[1])
