"""The next steps on a case, from the decision to publication, each as a question page.

Every step calls the same ``PartnershipLedger`` use case as the API's command for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast
from uuid import UUID

from flask import Blueprint, request, url_for

from api.plurals import plural
from api.web import case_forms as f
from api.web import plan_forms as pf
from api.web import similar_panel
from api.web.agency_choices import agency_choices, agency_names
from api.web.case_tasks import next_task, submission_waits
from api.web.formatting import long_date
from api.web.step_pages import Later
from api.web.steps import Step, StepForm, Subject, calls, dated, register_steps
from api.web.submissions import Made
from domain.calendar import uk_today
from domain.reviews import FeedbackPoint, PointAnswer, ReviewStatus
from tenants.ledger import PartnershipLedger

bp = Blueprint("case_steps", __name__)
L = PartnershipLedger
S = ReviewStatus


def label(review: Any) -> str:
    return f"Case {review.reference}"


CASES = Subject(
    "cases",
    "review",
    lambda lg, rid: lg.reviews.get(rid),
    label,
    "web.case.case_page",
    next_task=next_task,
    agencies=lambda review: [i.agency for i in review.imrs],
)


def on_case(anchor: str) -> Callable[[str, UUID, str], str]:
    """A place on the case's page ("costs"; "recommendation-{made}" for the one made)."""

    def link(tenant: str, rid: UUID, made: str) -> str:
        return url_for(CASES.page, tenant=tenant, review=rid, _anchor=anchor.format(made=made))

    return link


def _action_page(tenant: str, rid: UUID, made: str) -> str:
    return url_for("web.actions.action_page", tenant=tenant, action=made)


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _agencies(which: Callable[[Any], bool]) -> Callable[[StepForm, Any, L], None]:
    def prepare(form: StepForm, review: Any, ledger: L) -> None:
        names = [i.agency for i in review.imrs if which(i)]
        shown = agency_names(ledger.tenant_slug)  # a directory key by the body's name
        form.agency.choices = [("", "Select an agency")] + [(a, shown(a)) for a in names]

    return prepare


_imr_choices = _agencies(lambda i: i.outstanding)


def _receipt(form: StepForm, review: Any, ledger: L) -> None:
    """The agencies whose IMR is awaited; the one the case's page linked from (``?agency=``)
    chosen, and named in the heading once chosen: "Record that Coventry Police sent its IMR"."""
    _imr_choices(form, review, ledger)
    names = {value: text for value, text in form.agency.choices if value}
    if request.method == "GET" and request.args.get("agency") in names:
        form.agency.data = request.args["agency"]
    if form.agency.data in names:
        cast(f.ImrReturnForm, form).heading = f"Record that {names[form.agency.data]} sent its IMR"


def _asked(form: StepForm, review: Any, ledger: L, verb: str) -> str | None:
    """The agency the case's page linked from (``?agency=``) chosen, its request for more
    time listed above the questions and the heading naming it ("Agree to more time for
    Midshire Police"); the agency as recorded, or None when none was chosen."""
    names = {value: text for value, text in form.agency.choices if value}
    if request.method == "GET" and request.args.get("agency") in names:
        form.agency.data = request.args["agency"]
    chosen = form.agency.data if form.agency.data in names else None
    imr = next((i for i in review.imrs if i.agency == chosen), None)
    asked = imr.open_extension_request if imr else None
    if imr is None or asked is None:
        return None
    name = names[imr.agency]
    form.heading = f"{verb} more time for {name}"
    due = f"due on {long_date(imr.current_due_on)}" if imr.current_due_on else "due"
    form.listed = (
        f"{name} asked on {long_date(asked.asked_on)} for its IMR, now {due}, to be due on "
        f"{long_date(asked.due_on)}. Its reason: {asked.reason}",
        [],
    )
    return imr.agency


def _extension(form: StepForm, review: Any, ledger: L) -> None:
    """Agreeing to an agency's request: its date and reason filled in, to keep or change."""
    _imr_choices(form, review, ledger)
    chosen = _asked(form, review, ledger, "Agree to")
    if request.method == "GET" and chosen is not None:
        asked = next(i for i in review.imrs if i.agency == chosen).open_extension_request
        extension = cast(f.ImrExtensionForm, form)
        extension.on.data = uk_today()
        extension.due_on.data = asked.due_on
        extension.reason.data = asked.reason


def _refusal(form: StepForm, review: Any, ledger: L) -> None:
    _agencies(lambda i: i.open_extension_request is not None)(form, review, ledger)
    if _asked(form, review, ledger, "Refuse") is not None and request.method == "GET":
        cast(f.ImrExtensionRefusalForm, form).on.data = uk_today()


def _refusal_waits(review: Any) -> tuple[str, tuple[str, ...]]:
    """With no request waiting, the refusal's form would offer no agency to choose."""
    if any(i.open_extension_request is not None for i in review.imrs):
        return "", ()
    return "Needs an agency's request for more time, which it makes on its own IMR page", ()


def _assess(lg: L, rid: UUID, form: Any) -> None:
    answers = (form.agency.data, form.on.data, form.outcome.data, _lines(form.points.data))
    lg.imrs.assess(rid, *answers)


def _recommend(lg: L, rid: UUID, form: Any) -> UUID:
    return lg.recommendations.make(
        rid,
        form.reference.data,
        form.text.data,
        form.scope.data,
        form.on.data,
        form.themes.data,
        target_organisation=form.target_organisation.data or None,
        target_sector=form.target_sector.data or None,
    )


def _plan_action(lg: L, rid: UUID, form: Any) -> UUID:
    recommendation = UUID(form.recommendation.data)
    return lg.actions.plan(recommendation, form.owner.data, form.description.data, form.due_on.data)


def _feedback(lg: L, rid: UUID, form: Any) -> None:
    points = [FeedbackPoint(n, t) for n, t in cast(f.FeedbackForm, form).given()]
    lg.reviews.receive_feedback(rid, form.on.data, points)


def _points(form: StepForm, review: Any, ledger: L) -> None:
    """A box for each of the points the officer said the letter raised."""
    cast(f.FeedbackForm, form).ask()


POINTS = Later(
    "points",
    "The points the QA panel raised",
    ("points",),
    "Type or paste each point as the letter words it, in the letter's order. A point may run "
    "to more than one paragraph.",
)


def _letter(form: StepForm, review: Any, ledger: L) -> None:
    """A box for each point of the QA panel's latest letter, labelled by the point, under a
    sentence saying when the letter came and how many points it raised."""
    if not review.feedback_rounds:
        return
    letter = review.feedback_rounds[-1]
    points = sorted(letter.points, key=lambda p: p.number)
    resubmit = cast(f.ResubmitForm, form)
    resubmit.ask([(p.number, p.summary) for p in points])
    said = f"The QA panel's letter of {long_date(letter.received_on)} raised"
    resubmit.listed = (f"{said} {plural(len(points), 'point')}.", [])


def _resubmit(lg: L, rid: UUID, form: Any) -> None:
    answers = [PointAnswer(n, a) for n, a in cast(f.ResubmitForm, form).given()]
    lg.reviews.resubmit(rid, form.on.data, answers)


def _once(done: str, on: Callable[[Any], Any]) -> Callable[[Any], str | None]:
    """A step the case takes once, said once taken: "The decision was already recorded on
    1 October 2026."; ``on`` gives the day it was taken, None before."""

    def already(review: Any) -> str | None:
        day = on(review)
        return f"{done} {long_date(day)}." if day else None

    return already


def _imrs_outstanding(review: Any, tenant: str) -> str:
    """Before submission, the IMRs still awaited (or returned for more work), their agencies
    by the directory's names: the ledger submits without them, but takes no IMR while the
    Home Office has the case, so an officer should know before sending it."""
    awaited = [i.agency for i in review.imrs if i.outstanding]
    if not awaited:
        return ""
    named = agency_names(tenant)
    agencies = sorted({named(a) for a in awaited})
    listed = ", ".join(agencies[:-1]) + " and " + agencies[-1] if len(agencies) > 1 else agencies[0]
    are, them = ("is", "it") if len(awaited) == 1 else ("are", "them")
    return (
        f"{plural(len(awaited), 'IMR')} {are} still outstanding, from {listed}. You can submit "
        f"without {them}, but an IMR cannot be recorded while the Home Office has the case."
    )


def _answered(review: Any) -> str | None:
    """A resubmission is taken once a letter: said once the latest letter was answered."""
    rounds = review.feedback_rounds
    if review.status is S.FEEDBACK_RECEIVED or not rounds or not rounds[-1].resubmitted_on:
        return None
    letter = rounds[-1]
    return (
        f"The answers to the QA panel's letter of {long_date(letter.received_on)} were "
        f"already sent to the Home Office on {long_date(letter.resubmitted_on)}."
    )


def _resubmission_waits(review: Any) -> tuple[str, tuple[str, ...]]:
    """Before the QA panel sends the report back, there is nothing to answer."""
    if review.status is S.FEEDBACK_RECEIVED or _answered(review):
        return "", ()
    if review.status is S.SUBMITTED:
        return "Needs the QA panel's letter asking for changes recorded", ("qa-feedback",)
    return "Needs the report submitted to the Home Office and sent back by its QA panel", ()


def _closed_on(closure: Any) -> Any:
    return closure.closed_on if closure else None


# fmt: off
STEPS = [  # route, heading, question, use case, confirmation; the step's options
    Step("decision", "Record the decision", f.DecisionForm,
         calls("reviews.decide", "on", "outcome", "reason"), "Decision recorded",
         lede="Guidance expects a decision within one month of the death.",
         already=_once("The decision was already recorded on",
                       lambda r: r.decision.decided_on if r.decision else None)),
    Step("home-office-notification", "Record telling the Home Office",
         dated("Date the Home Office was told", "the Home Office notification"),
         calls("reviews.notify_home_office", "on"), "Home Office notification recorded",
         already=_once("The Home Office was already told of the decision on",
                       lambda r: r.home_office_notified_on)),
    Step("decision-check", "Record the Home Office QA panel's check", f.DecisionCheckForm,
         calls("reviews.record_decision_check", "on", "outcome"), "QA panel's check recorded",
         already=_once("The QA panel's check of the decision was already recorded on",
                       lambda r: r.decision_check.checked_on if r.decision_check else None)),
    Step("direction", "Record a direction to hold a review",
         dated("Date of the direction", "the direction"),
         calls("reviews.direct", "on"), "Direction recorded",
         already=_once("A direction to hold a review was already recorded on",
                       lambda r: r.directed_on)),
    Step("commission", "Commission the chair and author", f.CommissionForm,
         calls("reviews.commission", "on", "chair_ref", "author_ref", "cost"),
         "Chair and author commissioned"),
    Step("panel-meeting", "Record a panel meeting",
         dated("Date of the panel meeting", "the panel meeting"),
         calls("reviews.hold_panel_meeting", "on"), "Panel meeting recorded"),
    Step("imr-request", "Ask an agency for its IMR", f.ImrRequestForm,
         calls("imrs.request", "agency", "on", "due_on"), "IMR request recorded",
         lede="An Individual Management Review is an agency's own account of its contact.",
         prepare=agency_choices("agency"), made=Made("IMR request", on_case("imrs"))),
    Step("imr-extension", "Give an agency more time for its IMR", f.ImrExtensionForm,
         calls("imrs.extend", "agency", "on", "due_on", "reason"), "IMR extension recorded",
         prepare=_extension,
         after="If the agency asked for more time, this agrees to its request: its IMR page "
               "shows the new due date."),
    Step("imr-extension-refusal", "Refuse an agency more time for its IMR",
         f.ImrExtensionRefusalForm,
         calls("imrs.refuse_extension", "agency", "on", "reason"), "Request for more time refused",
         check="Refuse more time", prepare=_refusal, waits=_refusal_waits,
         lede="The IMR stays due on the date it was. The agency sees your reason on its IMR page "
              "and may ask again.",
         after="The agency sees the refusal and your reason on its IMR page."),
    Step("imr-chase", "Record chasing an IMR", f.ImrChaseForm,
         calls("imrs.chase", "agency", "on"), "IMR chase recorded", prepare=_imr_choices),
    Step("imr-assessment", "Record the panel's assessment of an IMR", f.ImrAssessmentForm,
         _assess, "IMR assessment recorded",
         lede="Accept the IMR, or return it to the agency with the points it must address.",
         prepare=_agencies(lambda i: i.awaiting_assessment)),
    Step("imr-return", "Record that an agency sent its IMR", f.ImrReturnForm,
         calls("imrs.receive", "agency", "on", "with_chronology"), "IMR received",
         lede="Record the day the review received an agency's Individual Management Review. "
              "The panel then assesses it.",
         prepare=_receipt),
    Step("draft", "Record a draft", f.DraftForm,
         calls("reviews.draft", "document", "on"), "Draft recorded",
         lede="A later draft replaces the date of the earlier one."),
    Step("action-plan-agreed", "Record the action plan agreed",
         dated("Date the action plan was agreed", "the action plan agreement"),
         calls("reviews.agree_action_plan", "on"), "Action plan agreement recorded"),
    Step("submission", "Submit to the Home Office",
         dated("Date the report was submitted", "the submission"),
         calls("reviews.submit", "on"), "Submitted to the Home Office",
         check="Submit to the Home Office",
         lede="Record the submission of the overview report, executive summary and action plan "
              "to the Home Office QA panel.",
         already=_once("The review was already submitted to the Home Office on",
                       lambda r: r.submitted_on),
         waits=submission_waits, warns=_imrs_outstanding),
    Step("qa-feedback", "Record QA panel feedback", f.FeedbackForm,
         _feedback, "QA feedback recorded", check="Record the QA panel's letter",
         lede="Record the Home Office Quality Assurance Panel's letter when it sends the report "
              "back with points to address before publication. If the panel accepted the "
              "report, record the Home Office's approval instead.",
         prepare=_points, later=POINTS, then="resubmission"),
    Step("resubmission", "Resubmit after QA feedback", f.ResubmitForm,
         _resubmit, "Resubmitted to the Home Office", check="Resubmit to the Home Office",
         lede="Answer each point of the QA panel's letter, then send the revised report back "
              "to the Home Office.",
         prepare=_letter, already=_answered, waits=_resubmission_waits),
    Step("approval", "Record the Home Office's approval", dated("Date of approval", "the approval"),
         calls("reviews.approve", "on"), "Approval recorded", check="Record the approval",
         lede="Record this when the QA panel accepts the report and the Home Office approves "
              "it for publication. Approval completes the review: its clocks stop here.",
         already=_once("The Home Office's approval was already recorded on",
                       lambda r: r.approved_on)),
    Step("publication", "Record publication", dated("Date of publication", "the publication"),
         calls("reviews.publish", "on"), "Publication recorded", check="Record publication",
         lede="Record the day the partnership published the overview report and executive "
              "summary, as the Home Office approved them.",
         already=_once("Publication was already recorded on", lambda r: r.published_on)),
    Step("withholding", "Withhold publication", f.WithholdForm,
         calls("reviews.withhold_publication", "on", "reason"), "Publication withheld",
         check="Withhold publication",
         lede="When the approved report is not to be published for now. You can still record "
              "its publication later, for example once proceedings end.",
         already=_once("Publication was already withheld on",
                       lambda r: _closed_on(r.publication_withheld))),
    Step("pause", "Pause the review", f.PauseForm,
         calls("reviews.pause", "on", "reason", "note"), "Review paused",
         lede="Paused days do not count against the review's 7-month target."),
    Step("resumption", "Resume the review", dated("Date the review resumed", "the resumption"),
         calls("reviews.resume", "on"), "Review resumed"),
    Step("family-involvement", "Record the family's involvement", f.FamilyForm,
         calls("reviews.record_family_involvement", "milestone", "on"),
         "Family involvement recorded"),
    Step("decommission", "Decommission the review", f.DecommissionForm,
         calls("reviews.decommission", "on", "reason"), "Review decommissioned",
         check="Decommission the review", lede="Only with the Home Office's agreement.",
         already=_once("The review was already decommissioned on",
                       lambda r: _closed_on(r.decommissioned))),
    Step("cost-estimate", "Estimate a cost", f.CostEstimateForm,
         calls("costs.estimate", "category", "amount", "on", "reason", "amount_confirmed"),
         "Estimate recorded",
         lede="What the review is expected to cost, by what it pays for.", guarded=False,
         made=Made("estimate", on_case("costs"))),
    Step("cost", "Record a cost incurred", f.CostForm,
         calls("costs.record", "category", "amount", "on", "description", "amount_confirmed"),
         "Cost recorded",
         lede="An invoice or other cost the review has incurred.", guarded=False,
         made=Made("cost", on_case("costs"))),
]
PLAN_STEPS = [
    Step("finding", "Record a finding", pf.FindingForm,
         calls("findings.record", "text", "themes", "on"), "Finding recorded",
         prepare=pf.theme_choices, guarded=False, made=Made("finding", on_case("findings")),
         then="recommendation"),
    Step("judgement", "Record whether the death was predictable or preventable", pf.JudgementForm,
         calls("findings.judge", "predictable", "preventable", "on"), "Judgement recorded",
         guarded=False, made=Made("judgement", on_case("findings"))),
    Step("recommendation", "Make a recommendation", pf.RecommendationForm,
         _recommend, "Recommendation recorded", prepare=pf.theme_choices, guarded=False,
         preview=(similar_panel.BUTTON, similar_panel.similar_panel),
         made=Made("recommendation", on_case("recommendation-{made}"), "Recommendation"),
         then="action"),
    Step("action", "Plan an action", pf.PlanActionForm,
         _plan_action, "Action planned", prepare=agency_choices("owner", pf.recommendation_choices),
         guarded=False, made=Made("action", _action_page, "Action"), then="action"),
]
# fmt: on
CASES.add(*STEPS, *PLAN_STEPS)
register_steps(bp, CASES, "/partnerships/<tenant>/cases")
