"""The partnership's master action plan, grouped by recommendation, and each action's page
with its progress, evidence, completion, sign-off and impact review as steps."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any
from uuid import UUID

from flask import Blueprint, g, render_template, request, url_for

from api import vocabulary
from api.context import may, platform, requires, tenant_ledger
from api.names import actor_name
from api.policy import Permission
from api.web import navigation, timeline
from api.web import plan_forms as pf
from api.web.action_words import LIVE, action_tag, flags, status_tag
from api.web.agency_choices import agency_names
from api.web.correction_facts import PLAN_FIELDS
from api.web.formatting import long_date, mid_sentence
from api.web.groups import member_of
from api.web.navigation import PARTNERSHIP_STAFF as STAFF
from api.web.navigation import own_partnership
from api.web.owner_filter import OwnerFilter
from api.web.steps import Step, Subject, calls, dated, register_steps
from domain.actionplan import ActionStatus
from domain.calendar import uk_today
from domain.ordering import reference_order
from domain.themes import ThemeKind
from tenants.ledger import PartnershipLedger
from tenants.reminders.audience import nobody_reminded
from tenants.unreadable import LeftOut

bp = Blueprint("actions", __name__)
A = ActionStatus
SHOW = [
    ("", "All actions"),
    ("live", "Not yet done"),
    ("overdue", "Overdue"),
    ("awaiting_sign_off", "Awaiting the lead's sign-off"),
    ("awaiting_impact_review", "Awaiting impact review"),
]

navigation.section("Action plan", "web.actions.plan", STAFF, own_partnership, order=20)


@bp.app_template_global()
def action_status_tag(action: Any, today: Any) -> dict[str, str]:
    return action_tag(action, today)


@bp.app_template_global()
def plan_status_tag(status: str) -> dict[str, str]:
    """A plan line's status (a code in the line's JSON) as the partnership's plan shows it."""
    return status_tag(status)


@bp.route("/partnerships/<tenant>/action-plan")
@requires(Permission.CASE_READ)
def plan(tenant: str) -> Any:
    """Every action of every review, grouped by the recommendation it answers, and the
    groups whose master plans take them in."""
    today, show, theme = uk_today(), request.args.get("show", ""), request.args.get("theme", "")
    by_owner = OwnerFilter.asked(agency_names(tenant), request.args.get("owner", ""))
    kwargs: dict[str, Any] = {}
    if show == "overdue":
        kwargs["overdue"] = True
    elif show == "awaiting_impact_review":
        kwargs["awaiting_impact_review"] = True
    left_out = LeftOut("the action plan", tenant)
    with tenant_ledger(tenant, writing=False) as ledger:
        themes = sorted(
            ((t.code, t.label) for t in ledger.themes.all(ThemeKind.THEME, include_retired=True)),
            key=lambda pair: pair[1].casefold(),
        )
        if theme in dict(themes):  # takes in the theme's children, as the API's filter does
            kwargs["theme"] = theme
        else:
            theme = ""
        lines = ledger.plan.master(today, left_out=left_out, **kwargs)
        owners = by_owner.items(line.owner for line in lines)
        # by name: an officer chasing one agency reads its actions together, however recorded
        lines = [line for line in lines if by_owner.admits(line.owner)]
        if show == "live":
            lines = [line for line in lines if A(line.status) in LIVE]
        elif show == "awaiting_sign_off":
            lines = [line for line in lines if A(line.status) == A.COMPLETED]
        groups: OrderedDict[UUID, dict[str, Any]] = OrderedDict()
        for line in sorted(
            lines,
            key=lambda x: (
                reference_order(x.review_reference),
                reference_order(x.recommendation_reference),
                x.due_on,
            ),
        ):
            group = groups.get(line.recommendation_id)
            if group is None:
                rec = ledger.recommendations.get(line.recommendation_id)
                group = groups[line.recommendation_id] = {
                    "case": line.review_reference,
                    "case_href": url_for(
                        "web.case.case_page", tenant=tenant, review=line.review_id
                    ),
                    "reference": line.recommendation_reference,
                    "text": rec.text,
                    "themes": ", ".join(line.theme_names),
                    "rows": [],
                }
            group["rows"].append(
                {
                    "href": url_for(
                        "web.actions.action_page", tenant=tenant, action=line.action_id
                    ),
                    "description": line.description,
                    "owner": by_owner.names(line.owner),
                    "due": long_date(line.due_on),
                    # "Due" is the action's own date: an impact review's is another, months on
                    "impact_due": long_date(line.impact_review_due_on)
                    if line.awaiting_impact_review and line.impact_review_due_on
                    else None,
                    "status": status_tag(line.status),
                    "flags": flags(
                        line.status,
                        line.due_on,
                        line.awaiting_impact_review,
                        line.impact_review_due_on,
                        today,
                    ),
                }
            )
    counts = {
        "overdue": sum(
            1
            for g_ in groups.values()
            for r in g_["rows"]
            if any(f["text"] == "Overdue" for f in r["flags"])
        ),
        "actions": sum(len(g_["rows"]) for g_ in groups.values()),
    }
    region, shared = member_of(tenant)
    return render_template(
        "actions/plan.html",
        groups=list(groups.values()),
        counts=counts,
        left_out=left_out.count,
        region=region,
        shared=shared,
        show=[{"value": v, "text": t, "selected": v == show} for v, t in SHOW],
        themes=[{"value": "", "text": "Any theme"}]
        + [{"value": c, "text": t, "selected": c == theme} for c, t in themes],
        owners=owners,
        filtered=bool(show or theme or by_owner.chosen),
        may_import=may(Permission.CASE_RECORD),
        nobody_reminded=nobody_reminded(platform().access.users(), tenant),
        tenant=tenant,
        protective_marking=True,
    )


def _label(action: Any) -> str:
    """A step's caption: the action by its owner's name (the partnership from the address)."""
    tenant = (request.view_args or {})["tenant"]
    return f"Action for {agency_names(tenant)(action.owner)}"


def _change_due_date(lg: PartnershipLedger, aid: UUID, form: Any) -> None:
    lg.actions.change_due_date(aid, form.new_due_on.data, form.reason.data, uk_today())


ACTIONS = Subject(
    "actions",
    "action",
    lambda lg, aid: lg.actions.get(aid),
    _label,
    "web.actions.action_page",
    agencies=lambda action: [action.owner],
)
# fmt: off
STEPS = [  # route, heading, question, use case, confirmation; the step's options
    Step("start", "Record work starting", dated("Date work started", "the start"),
         calls("actions.start", "on"), "Start recorded"),
    Step("progress", "Record progress", pf.ProgressForm,
         calls("actions.record_progress", "on", "text"), "Progress recorded"),
    Step("evidence", "Add evidence", pf.EvidenceForm,
         calls("actions.add_evidence", "reference", "on"), "Evidence added"),
    Step("due-date", "Change the due date", pf.DueDateForm,
         _change_due_date, "Due date changed"),
    Step("completion", "Record the action as complete", dated("Date completed", "completion"),
         calls("actions.complete", "on"), "Completion recorded",
         lede="The partnership's lead then signs completion off; its impact is reviewed later.",
         then="sign-off",
         after="The partnership's lead signs the completion off once the evidence shows the "
               "action is done; until then the cases page lists it as awaiting the lead's "
               "sign-off. The action's page says when its impact review is due."),
    Step("sign-off", "Sign off completion", dated("Date of sign-off", "the sign-off"),
         calls("actions.confirm_completion", "on"), "Completion signed off",
         permission=Permission.CASE_SIGN_OFF, check="Sign off completion",
         lede="Sign off only when the evidence shows the action is done."),
    Step("impact-review", "Review the action's impact", pf.ImpactForm,
         calls("actions.review_impact", "on", "outcome", "notes"), "Impact review recorded"),
    Step("not-achievable", "Mark the action not achievable", pf.ReasonForm,
         calls("actions.mark_not_achievable", "on", "reason"), "Action marked not achievable",
         check="Mark not achievable"),
]
# fmt: on
ACTIONS.add(*STEPS)
register_steps(bp, ACTIONS, "/partnerships/<tenant>/actions")


def next_steps(action: Any, may_sign_off: bool) -> list[tuple[str, str]]:
    s = A(action.status)
    found = []
    if s is A.OPEN:
        found.append(("Record work starting", "start"))
    if s in LIVE:
        found += [
            ("Record progress", "progress"),
            ("Add evidence", "evidence"),
            ("Record the action as complete", "completion"),
            ("Change the due date", "due-date"),
            ("Mark the action not achievable", "not-achievable"),
        ]
    if s is A.COMPLETED:
        found.append(("Add evidence", "evidence"))
        if may_sign_off:
            found.append(("Sign off completion", "sign-off"))
    if action.awaiting_impact_review:
        found.append(("Review the action's impact", "impact-review"))
    return found


BACK_HERE: dict[str, Any] = {"from": "action"}  # a correction's page, asked to come back here
# The facts a lead may correct from the action's own page, by the row that shows them; the
# correction comes back here (``from=action``), so the lead stays where they started.
# Each with what its "Change" link says to a screen reader after "Change".
CORRECTED_HERE = {
    "Owner": ("owner", "the action's owner agency"),
    "What will be done": ("description", "what the action will do"),
    "Due": ("due_on", "the action's due date"),
    "Completed": ("completed_on", "the date the action was completed"),
}


def _row(key: str, value: str, tenant: str, action: Any) -> dict[str, Any]:
    """A row of the action's summary, with its "Change" link where ``action`` (None for
    someone who may not correct it) has the fact corrected from here."""
    row: dict[str, Any] = {"key": {"text": key}, "value": {"text": value}}
    field, hidden = CORRECTED_HERE.get(key, (None, ""))
    if action is not None and field is not None:
        href = url_for(
            "web.plan_corrections.action",
            tenant=tenant,
            review=action.review_id,
            action=action.id,
            field=field,
            **BACK_HERE,
        )
        row["actions"] = {"items": [{"href": href, "text": "Change", "visuallyHiddenText": hidden}]}
    return row


@bp.route("/partnerships/<tenant>/actions/<uuid:action>")
@requires(Permission.CASE_READ)
def action_page(tenant: str, action: UUID) -> Any:
    today = uk_today()
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.actions.get(action)
        rec = ledger.recommendations.get(found.recommendation_id)
        review = ledger.reviews.get(found.review_id)
        events = list(ledger.events.get(found.id))
    user = g.user
    can_record = may(Permission.CASE_RECORD, user)
    may_sign_off = may(Permission.CASE_SIGN_OFF, user)
    names = agency_names(tenant)
    rows = [
        ("Case", f"{review.reference} ({review.pseudonym})"),
        ("Recommendation", f"{rec.reference}: {rec.text}"),
        ("Owner", names(found.owner)),
        ("What will be done", found.description),
        ("Due", long_date(found.due_on)),
    ]
    if found.completed_on:
        rows.append(("Completed", long_date(found.completed_on)))
    if found.confirmed_on:
        rows.append(
            ("Signed off", f"{long_date(found.confirmed_on)} by {actor_name(found.confirmed_by)}")
        )
    if found.impact_review_due_on and found.awaiting_impact_review:
        rows.append(("Impact review due", long_date(found.impact_review_due_on)))
    for impact in found.impact_reviews:
        said = (
            f"{vocabulary.in_words(impact.outcome).capitalize()}, {long_date(impact.reviewed_on)}"
        )
        rows.append(("Impact review", f"{said}: {impact.notes}" if impact.notes else said))
    if found.closure_reason:
        rows.append(("Why it was closed", found.closure_reason))
    if found.evidence:
        rows.append(
            (
                "Evidence",
                "; ".join(f"{e.reference} ({long_date(e.added_on)})" for e in found.evidence),
            )
        )
    links = [
        (text, url_for("web.actions.actions_question", tenant=tenant, action=action, step=slug))
        for text, slug in (next_steps(found, may_sign_off) if can_record else [])
    ]
    can_correct = may(Permission.CORRECT, user)
    if can_correct:  # a mis-keyed owner or date, put right with the reason
        anchor = f"action-{found.id}"
        facts = url_for("web.corrections.facts", tenant=tenant, review=review.id, _anchor=anchor)
        links.append(("Correct a fact of this action", facts))
    corrected = request.args.get("corrected", "")
    return render_template(
        "actions/action.html",
        action=found,
        owner=names(found.owner),
        review=review,
        rec=rec,
        status=status_tag(found.status),
        flags=flags(
            found.status,
            found.due_on,
            found.awaiting_impact_review,
            found.impact_review_due_on,
            today,
        ),
        rows=[_row(k, v, tenant, found if can_correct else None) for k, v in rows],
        corrected=(
            mid_sentence(PLAN_FIELDS[corrected])
            if corrected in {field for field, _ in CORRECTED_HERE.values()}
            else ""
        ),
        links=links,
        timeline=timeline.entries(events, timeline.action(names)),
        case_href=url_for("web.case.case_page", tenant=tenant, review=review.id),
        tenant=tenant,
        protective_marking=True,
    )
