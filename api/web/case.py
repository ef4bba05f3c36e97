"""One case's page: its facts, statutory clocks, lifecycle task list, findings,
recommendations and actions, and the timeline of everything recorded about it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Blueprint, render_template, url_for

from api.context import may, requires, tenant_ledger
from api.plurals import plural
from api.policy import Permission
from api.vocabulary import PAUSE_REASONS, named
from api.web import case_imrs, case_more_time, timeline
from api.web.agency_choices import agency_names
from api.web.case_costs import (
    agreed_beside_estimates,
    cost_rows,
    paid_from_region_pots,
    set_aside_here,
)
from api.web.case_facts import changes, corrected_here, facts
from api.web.case_tasks import OPEN, clock_tags, other_steps, status_tag, tasks
from api.web.formatting import long_date
from domain.calendar import uk_today
from domain.reviews.values import ReviewStatus
from tenants.ledger import PartnershipLedger

bp = Blueprint("case", __name__)


def clocks(review: Any) -> tuple[list[dict[str, Any]], Any]:
    """The guidance's dates beside what happened, saying how late a missed one was, since a
    reader weighing a case's timeliness should not have to count the days themselves."""
    t = review.timeliness(uk_today())
    decided = review.decision.decided_on if review.decision else None
    if decided:
        after = plural(t.days_to_decision, "day")
        made = f"{long_date(decided)} ({after} after the death{_late(decided, t.decision_due)})"
    elif t.missed_decision_target and review.decommissioned is None:
        made = f"Not yet: it was due {_days(t.as_of, t.decision_due)} ago"
    else:
        made = "Not yet"
    due = long_date(t.completion_due)
    if t.missed_completion_target and t.days_to_completion is None:
        due += f" (passed {_days(t.as_of, t.completion_due)} ago; not yet complete)"
    rows = [("Decision due", long_date(t.decision_due)), ("Decision made", made)]
    rows.append(("Review due to complete", due))
    if review.submitted_on:  # the Home Office's dates, so nobody opens the timeline to find them
        rows.append(("Submitted to the Home Office", long_date(review.submitted_on)))
        if review.last_submitted_on != review.submitted_on:
            rows.append(("Resubmitted after QA feedback", long_date(review.last_submitted_on)))
    if t.days_to_completion is not None:
        approved = review.approved_on
        rows.append(
            (
                "Completed",
                f"{long_date(approved)} ({plural(t.days_to_completion, 'day')}, net of pauses"
                f"{_late(approved, t.completion_due)})",
            )
        )
    if review.published_on:
        rows.append(("Published", long_date(review.published_on)))
    elif review.publication_withheld:
        withheld = review.publication_withheld.closed_on
        rows.append(("Publication withheld", f"Since {long_date(withheld)}"))
    if review.status is ReviewStatus.PAUSED:  # why its due date keeps moving, not in history
        pause = review.pauses[-1]
        why = f"{long_date(pause.paused_on)}: {named(PAUSE_REASONS, pause.reason).lower()}"
        rows.append(("Paused since", f"{why} ({pause.note})" if pause.note else why))
    if t.paused_days:
        rows.append(("Days paused", f"{t.paused_days:,}"))
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows], t


def _days(later: Any, earlier: Any) -> str:
    return plural((later - earlier).days, "day")


def _late(on: Any, due: Any) -> str:
    return f"; {_days(on, due)} after it was due" if on > due else ""


def plan_of(ledger: PartnershipLedger, review_id: UUID) -> tuple[Any, list[tuple[Any, list[Any]]]]:
    return ledger.findings.of_review(review_id), ledger.plan.of_review(review_id)


@bp.route("/partnerships/<tenant>/cases/<uuid:review>")
@requires(Permission.CASE_READ)
def case_page(tenant: str, review: UUID) -> Any:
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.reviews.get(review)
        findings, recs = plan_of(ledger, found.id)
        events = ledger.history.of_case(found.id, [r.id for r, _ in recs])
        themes = ledger.themes.labels()
        costs = cost_rows(ledger, found.id)
        summary = ledger.costs.recorded(found.id)
        agreed = agreed_beside_estimates(found.agreed_cost_pence, summary)
    from_pots = paid_from_region_pots(tenant, found.id)
    can_record = may(Permission.CASE_RECORD)
    rows, t = clocks(found)
    agencies = agency_names(tenant)  # IMR agencies and action owners by the directory's names

    def step_url(slug: str) -> str:
        return url_for("web.case_steps.cases_question", tenant=tenant, review=review, step=slug)

    return render_template(
        "cases/case.html",
        review=found,
        facts=facts(found, changes(tenant, found) if may(Permission.CORRECT) else None),
        corrected=corrected_here(found),
        clock_rows=rows,
        imr_rows=case_imrs.rows(found, uk_today(), agencies),
        imr_head=case_imrs.HEAD,
        imr_receipts=case_imrs.receipts(
            found,
            agencies,
            lambda agency: url_for(
                "web.case_steps.cases_question",
                tenant=tenant,
                review=review,
                step="imr-return",
                agency=agency,
            ),
        )
        if can_record and found.status in OPEN
        else [],
        more_time=case_imrs.asked_for_more_time(
            found,
            agencies,
            (
                lambda slug, agency: url_for(
                    "web.case_steps.cases_question",
                    tenant=tenant,
                    review=review,
                    step=slug,
                    agency=agency,
                )
            )
            if can_record and found.status in OPEN
            else None,
        ),
        more_time_answered=case_more_time.answered(found, events, agencies),
        more_time_head=case_more_time.HEAD,
        status=status_tag(found.stage),
        tags=clock_tags(found, t),
        tasks=tasks(found, step_url if can_record else None),
        others=other_steps(found, step_url) if can_record else [],
        can_record=can_record,
        can_correct=may(Permission.CORRECT),
        can_see_personal=may(Permission.PERSONAL_DATA),
        timeline=timeline.entries(
            events, timeline.of_case(agencies, {r.id: r.reference for r, _ in recs}, themes)
        ),
        findings=findings,
        recommendations=recs,
        agencies=agencies,
        themes=themes,
        costs=costs,
        agreed=agreed if found.commissions else None,
        set_aside=set_aside_here(found, summary),
        from_pots=from_pots,
        today=uk_today(),
        tenant=tenant,
        protective_marking=True,
    )
