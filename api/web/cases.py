"""The partnership's register of cases (search, filters, pages, clock tags) and notifying a
new death, for CSP officers and leads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from eventsourcing.persistence import IntegrityError
from flask import Blueprint, redirect, render_template, request, url_for

from api.context import may, requires, tenant_ledger
from api.policy import Permission
from api.vocabulary import REVIEW_KINDS, named
from api.web import navigation
from api.web.case_forms import KINDS, NotifyForm
from api.web.case_imrs import asking_for_more_time, late
from api.web.case_tasks import CLOCKS, OPEN, STATUS_WORDS, clock_tags, status_tag
from api.web.fields import error_list, field_for, in_words
from api.web.formatting import long_date
from domain.calendar import uk_today
from domain.errors import DomainError
from tenants.unreadable import LeftOut
from tenants.users import Role

bp = Blueprint("cases", __name__)
PER_PAGE = 20


navigation.section(
    "Cases",
    "web.cases.register",
    navigation.PARTNERSHIP_STAFF,
    navigation.own_partnership,
    order=10,
)
navigation.home_for(Role.CSP_OFFICER, "web.cases.register", navigation.own_partnership)
navigation.home_for(Role.CSP_LEAD, "web.cases.register", navigation.own_partnership)


@dataclass(frozen=True)
class Filters:
    q: str
    status: str
    kind: str
    year: str
    clock: str  # a clock tag's words: "Decision overdue", "Past 7 months"

    @classmethod
    def from_args(cls) -> Filters:
        a = request.args
        return cls(
            a.get("q", "").strip()[:60],
            a.get("status", ""),
            a.get("kind", ""),
            a.get("year", ""),
            a.get("clock", ""),
        )

    def keep(self, review: Any, tags: list[dict[str, str]]) -> bool:
        """``tags``: the case's clock tags today (``clock_tags``)."""
        if self.clock and self.clock not in (t["text"] for t in tags):
            return False
        q = self.q.lower()
        if q and q not in review.reference.lower() and q not in review.pseudonym.lower():
            return False
        if self.status and review.status.value != self.status:
            return False
        if self.kind and review.kind.value != self.kind:
            return False
        return not (self.year and str(review.notified_on.year) != self.year)

    def query(self, **extra: Any) -> str:
        args = {k: v for k, v in vars(self).items() if v} | {k: v for k, v in extra.items() if v}
        return urlencode(args)


def _options(choices: list[tuple[str, str]], chosen: str, any_text: str) -> list[dict[str, Any]]:
    return [{"value": "", "text": any_text}] + [
        {"value": v, "text": t, "selected": v == chosen} for v, t in choices
    ]


@bp.route("/partnerships/<tenant>/cases")
@requires(Permission.CASE_READ)
def register(tenant: str) -> Any:
    """Every case of the partnership, newest notification first."""
    filters = Filters.from_args()
    today = uk_today()
    left_out = LeftOut("the register of cases", tenant)
    with tenant_ledger(tenant, writing=False) as ledger:
        reviews = ledger.reviews.all(left_out=left_out)
        attention = ledger.plan.attention(today, left_out)
    overdue_actions, to_sign_off = attention.overdue, attention.to_sign_off
    # the impact reviews the board paper asks the board to see carried out, listed here once
    # any is late (one not yet due needs nothing today)
    impact = (attention.awaiting_impact, attention.impact_overdue)
    years = sorted({str(r.notified_on.year) for r in reviews}, reverse=True)
    newest_first = sorted(enumerate(reviews), key=lambda p: (p[1].notified_on, p[0]), reverse=True)
    tagged = [(r, clock_tags(r, r.timeliness(today))) for _, r in newest_first]
    shown = [(r, tags) for r, tags in tagged if filters.keep(r, tags)]
    passed = {c: sum(1 for _, tags in tagged if c in (t["text"] for t in tags)) for c in CLOCKS}
    imrs_late = [
        {
            "reference": r.reference,
            "late": n,
            "href": url_for("web.case.case_page", tenant=tenant, review=r.id, _anchor="imrs"),
        }
        for r, _ in tagged
        if (n := late(r, today))
    ]
    more_time = [  # requests the panel can still answer (a submitted case takes no IMR step)
        {
            "reference": r.reference,
            "asked": n,
            "href": url_for("web.case.case_page", tenant=tenant, review=r.id, _anchor="imrs"),
        }
        for r, _ in tagged
        if r.status in OPEN and (n := asking_for_more_time(r))
    ]
    pages = max(1, -(-len(shown) // PER_PAGE))
    try:
        page = min(max(1, int(request.args.get("page", "1"))), pages)
    except ValueError:
        page = 1
    rows = []
    for r, tags in shown[(page - 1) * PER_PAGE : page * PER_PAGE]:
        href = url_for("web.case.case_page", tenant=tenant, review=r.id)
        rows.append(
            {
                "reference": r.reference,
                "href": href,
                "pseudonym": r.pseudonym,
                "kind": named(REVIEW_KINDS, r.kind),
                "notified": long_date(r.notified_on),
                "status": status_tag(r.stage),
                "tags": tags,
            }
        )
    base = url_for("web.cases.register", tenant=tenant)
    pagination: dict[str, Any] = {
        "items": [
            {"number": n, "href": f"{base}?{filters.query(page=n)}", "current": n == page}
            for n in range(1, pages + 1)
        ]
    }
    if page > 1:
        pagination["previous"] = {"href": f"{base}?{filters.query(page=page - 1)}"}
    if page < pages:
        pagination["next"] = {"href": f"{base}?{filters.query(page=page + 1)}"}
    return render_template(
        "cases/register.html",
        rows=rows,
        total=len(shown),
        everything=len(reviews),
        filters=filters,
        statuses=_options(
            [(s.value, w[0]) for s, w in STATUS_WORDS.items()], filters.status, "Any status"
        ),
        kinds=_options(KINDS, filters.kind, "Any kind"),
        years=_options([(y, y) for y in years], filters.year, "Any year"),
        clocks=_options([(c, c) for c in CLOCKS], filters.clock, "Any"),
        passed={c: n for c, n in passed.items() if n},
        overdue_actions=overdue_actions,
        imrs_late=imrs_late,
        more_time=more_time,
        to_sign_off=to_sign_off,
        impact=impact if impact[1] else None,
        left_out=left_out.count,
        pagination=pagination if pages > 1 else None,
        can_record=may(Permission.CASE_RECORD),
        tenant=tenant,
        protective_marking=True,
    )


@bp.route("/partnerships/<tenant>/cases/new", methods=["GET", "POST"])
@requires(Permission.CASE_RECORD)
def notify(tenant: str) -> Any:
    """Open a case when a death is notified to the partnership."""
    form = NotifyForm()
    problem = None
    if form.validate_on_submit():
        try:
            with tenant_ledger(tenant) as ledger:
                review_id = ledger.reviews.notify(
                    reference=form.reference.data,
                    incident_on=form.incident_on.data,  # type: ignore[arg-type]
                    notified_on=form.notified_on.data,  # type: ignore[arg-type]
                    pseudonym=form.pseudonym.data,
                    pseudonym_confirmed=bool(form.pseudonym_confirmed.data),
                    kind=form.kind.data,
                    death_category=form.death_category.data,
                    victim_age_band=form.victim_age_band.data or None,
                    victim_sex=form.victim_sex.data or None,
                    perpetrator_relationship=form.perpetrator_relationship.data or None,
                )
        except IntegrityError:
            problem = "Someone else recorded a case at the same moment. Submit again."
        except DomainError as refusal:
            problem = in_words(str(refusal))
        else:
            return redirect(url_for("web.cases.notified", tenant=tenant, review=review_id))
    at = field_for(form, problem or "") or (
        form.reference if problem and "reference" in problem else None
    )
    return render_template(  # marked: what was typed (a pseudonym, dates) is on the page
        "cases/notify.html",
        form=form,
        errors=error_list(form, problem, at),
        tenant=tenant,
        protective_marking=True,
    )


@bp.route("/partnerships/<tenant>/cases/<uuid:review>/opened")
@requires(Permission.CASE_READ)
def notified(tenant: str, review: Any) -> Any:
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.reviews.get(review)
    today = uk_today()
    return render_template(
        "cases/notified.html",
        review=found,
        decision_due=found.timeliness(today).decision_due,
        today=today,
        href=url_for("web.case.case_page", tenant=tenant, review=review),
        decide=url_for(
            "web.case_steps.cases_question", tenant=tenant, review=review, step="decision"
        ),
        can_record=may(Permission.CASE_RECORD),
        protective_marking=True,
    )
