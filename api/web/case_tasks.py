"""A case's lifecycle as a GOV.UK task list, and its clocks as tags, read from the case's state.

Statuses say what the case says: "Completed", "In progress", "Not yet started" (with a link
when the step can be recorded now) or "Cannot start yet".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from api.clocks import DECISION_OVERDUE, PAST_SEVEN_MONTHS, PAUSED, clock_words
from api.plurals import plural
from api.vocabulary import REVIEW_STATUSES
from api.web.formatting import sentence
from api.web.tags import tag, worded
from domain.reviews.values import ReviewStatus

S = ReviewStatus
WORKING = (S.UNDER_REVIEW, S.FEEDBACK_RECEIVED)
OPEN = (*WORKING, S.PAUSED)
CLOSED = (S.DECOMMISSIONED, S.DECIDED_NOT_TO_REVIEW)
Url = Callable[[str], str] | None

DONE = {"text": "Completed"}
CANNOT = {"text": "Cannot start yet", "classes": "govuk-task-list__status--cannot-start-yet"}


def _tag(text: str, colour: str) -> dict[str, Any]:
    return {"tag": tag(text, colour)}


def _item(
    title: str, status: dict[str, Any], href: str | None = None, hint: str = ""
) -> dict[str, Any]:
    item: dict[str, Any] = {"title": {"text": title}, "status": status}
    if href:
        item["href"] = href
    if hint:
        item["hint"] = {"text": hint}
    return item


def _step(
    title: str, done: bool, can: bool, slug: str, url: Url, progress: str = "", hint: str = ""
) -> dict[str, Any]:
    """One task: done, doable now (linked), under way, or waiting on an earlier step."""
    href = url(slug) if (url and can) else None
    if done and not progress:
        return _item(title, DONE, None, hint)
    if progress:
        return _item(title, _tag(progress, "light-blue"), href, hint)
    if can:
        return _item(title, _tag("Not yet started", "blue"), href, hint)
    return _item(title, CANNOT, None, hint)


def _submission_waits_for(r: Any, drafted: int) -> str:
    """What the case still needs before it can be submitted ("Needs the executive summary
    drafted and the action plan agreed"): "Cannot start yet" alone left an officer stuck."""
    needs = []
    if drafted < 2:
        missing = [
            words
            for words, on in (
                ("overview report", r.overview_report_drafted_on),
                ("executive summary", r.executive_summary_drafted_on),
            )
            if not on
        ]
        needs.append(f"the {' and '.join(missing)} drafted")
    if r.action_plan_agreed_on is None:
        needs.append("the action plan agreed")
    return f"Needs {' and '.join(needs)}" if needs and r.submitted_on is None else ""


WAITING = {  # what a case in these statuses needs before it can be submitted; the steps to it
    S.NOTIFIED: ("Needs the decision to hold a review", ("decision",)),
    S.DECIDED_NOT_TO_REVIEW: (
        "Needs a direction to hold a review: the partnership decided not to",
        ("direction",),
    ),
    S.PAUSED: ("Needs the review resumed", ("resumption",)),
    S.DECOMMISSIONED: ("Never: the review was decommissioned", ()),
}


def submission_waits(r: Any) -> tuple[str, tuple[str, ...]]:
    """What the case needs before it can be submitted, as the task list's hint says it, and
    the steps that record it; "" when it can be, or was. The submission page says it in place
    of a form the ledger would refuse."""
    if r.submitted_on is not None:
        return "", ()
    if r.status is S.UNDER_REVIEW:
        drafted = [d for d in (r.overview_report_drafted_on, r.executive_summary_drafted_on) if d]
        agreed = r.action_plan_agreed_on is not None
        steps = ("draft",) * (len(drafted) < 2) + ("action-plan-agreed",) * (not agreed)
        return _submission_waits_for(r, len(drafted)), steps
    return WAITING.get(r.status, ("", ()))


def tasks(r: Any, url: Url) -> list[dict[str, Any]]:
    s = r.status
    reviewing = s in OPEN
    imrs_in = sum(1 for i in r.imrs if not i.outstanding)
    drafts = [d for d in (r.overview_report_drafted_on, r.executive_summary_drafted_on) if d]
    rounds = r.feedback_rounds
    items = [
        _step(
            "Decide whether to hold a review",
            r.decision is not None,
            s is S.NOTIFIED,
            "decision",
            url,
        ),
        _step(
            "Notify the Home Office of the decision",
            r.home_office_notified_on is not None,
            r.decision is not None
            and r.home_office_notified_on is None
            and s is not S.DECOMMISSIONED,
            "home-office-notification",
            url,
        ),
        _step(
            "Commission the chair and author",
            bool(r.commissions),
            reviewing and not r.commissions,
            "commission",
            url,
        ),
        _step(
            "Panel meetings",
            False,
            s in WORKING,
            "panel-meeting",
            url,
            f"{len(r.panel_meetings)} held" if r.panel_meetings else "",
        ),
        _step(
            "Individual Management Reviews (IMRs)",
            False,
            reviewing,
            "imr-request",
            url,
            f"{imrs_in} of {len(r.imrs)} received" if r.imrs else "",
        ),
        _step(
            "Overview report and executive summary",
            len(drafts) == 2,
            s in WORKING,
            "draft",
            url,
            "1 of 2 drafted" if len(drafts) == 1 else "",
        ),
        _step(
            "Agree the action plan",
            r.action_plan_agreed_on is not None,
            s in WORKING and r.action_plan_agreed_on is None,
            "action-plan-agreed",
            url,
        ),
        _step(
            "Submit to the Home Office",
            r.submitted_on is not None,
            s is S.UNDER_REVIEW
            and r.submitted_on is None
            and len(drafts) == 2
            and r.action_plan_agreed_on is not None,
            "submission",
            url,
            hint=submission_waits(r)[0] if s in (S.UNDER_REVIEW, S.PAUSED) else "",
        ),
    ]
    letters = plural(len(rounds), "letter") if rounds else ""
    if s is S.FEEDBACK_RECEIVED:
        items.append(
            _step(
                "QA feedback",
                False,
                True,
                "resubmission",
                url,
                "Answer the feedback",
                "Answer each point of the QA panel's letter and resubmit the report",
            )
        )
    elif s is S.SUBMITTED:
        items.append(
            _step(
                "QA feedback",
                False,
                True,
                "qa-feedback",
                url,
                "Waiting for the Home Office",
                "Record the QA panel's letter if it sends the report back with points to address",
            )
        )
    else:
        items.append(
            _step(
                "QA feedback",
                r.approved_on is not None,
                False,
                "qa-feedback",
                url,
                letters if rounds and not r.approved_on else "",
                _feedback_hint(r, letters),
            )
        )
    items.append(
        _step(
            "Home Office approval",
            r.approved_on is not None,
            s is S.SUBMITTED,
            "approval",
            url,
            hint=_approval_hint(r),
        )
    )
    withheld = s is S.PUBLICATION_WITHHELD
    items.append(
        _step(
            "Publish",
            r.published_on is not None,
            s in (S.APPROVED, S.PUBLICATION_WITHHELD),
            "publication",
            url,
            "Withheld" if withheld else "",
            _publish_hint(r),
        )
    )
    if s in CLOSED:
        why = "Decommissioned" if s is S.DECOMMISSIONED else "Not needed: no review"
        for item in items[1 if s is S.DECIDED_NOT_TO_REVIEW else 0 :]:
            if item["status"] is not DONE:
                item["status"] = {"text": why}
                item.pop("href", None)
        if s is S.DECIDED_NOT_TO_REVIEW and url and r.home_office_notified_on is None:
            items[1] = _step(
                "Notify the Home Office of the decision",
                False,
                True,
                "home-office-notification",
                url,
            )
    return items


def _feedback_hint(r: Any, letters: str) -> str:
    """Once approved: whether the panel asked for changes first ("1 letter answered")."""
    if r.approved_on is None:
        return ""
    return f"{letters} answered" if letters else "Accepted without changes"


def _approval_hint(r: Any) -> str:
    s = r.status
    if s is S.SUBMITTED:
        return "Record this when the QA panel accepts the report"
    if s is S.FEEDBACK_RECEIVED:
        return "Needs the feedback answered and the report resubmitted"
    return ""


def _publish_hint(r: Any) -> str:
    s = r.status
    if s is S.PUBLICATION_WITHHELD and r.publication_withheld is not None:
        return f"{sentence(r.publication_withheld.reason)} Publish it when it can go ahead."
    if s in (S.SUBMITTED, S.FEEDBACK_RECEIVED):
        return "Needs the Home Office's approval"
    return ""


def next_task(r: Any, url: Callable[[str], str]) -> tuple[str, str] | None:
    """The first task the case can take now and has not started, as (title, link): what a
    confirmation page offers next ("Notify the Home Office of the decision")."""
    for item in tasks(r, url):
        status = item["status"].get("tag", item["status"])
        if item.get("href") and status.get("text") == "Not yet started":
            return item["title"]["text"], item["href"]
    return None


def other_steps(r: Any, url: Callable[[str], str]) -> list[tuple[str, str]]:
    """Links to the steps that can happen at several points: pause, family, decommission..."""
    s, links = r.status, []
    if s in WORKING:
        links.append(("Pause the review", "pause"))
    if s is S.PAUSED:
        links.append(("Resume the review", "resumption"))
    if any(i.outstanding for i in r.imrs) and s in OPEN:
        links.append(("Record that an agency sent its IMR", "imr-return"))
        links.append(("Record chasing an IMR", "imr-chase"))
        links.append(("Give an agency more time for its IMR", "imr-extension"))
    if any(i.awaiting_assessment for i in r.imrs) and s in OPEN:
        links.append(("Record the panel's assessment of an IMR", "imr-assessment"))
    if s in WORKING:
        links.append(("Record a draft", "draft"))
    if s in (*OPEN, S.SUBMITTED):
        links.append(("Record the family's involvement", "family-involvement"))
    if s is S.DECIDED_NOT_TO_REVIEW and r.decision_check is None:
        links.append(("Record the Home Office QA panel's check", "decision-check"))
    if s is S.DECIDED_NOT_TO_REVIEW:
        links.append(("Record a direction to hold a review", "direction"))
    if s is S.APPROVED:
        links.append(("Withhold publication", "withholding"))
    if s not in (S.APPROVED, S.PUBLISHED, S.PUBLICATION_WITHHELD, S.DECOMMISSIONED):
        links.append(("Decommission the review", "decommission"))
    return [(text, url(slug)) for text, slug in links]


CLOCKS = (DECISION_OVERDUE, PAST_SEVEN_MONTHS)  # what the register can be narrowed to
CLOCK_COLOURS = {DECISION_OVERDUE: "red", PAST_SEVEN_MONTHS: "orange", PAUSED: "grey"}


def clock_tags(r: Any, t: Any) -> list[dict[str, str]]:
    """The tags a case wears in the register and on its page."""
    return [tag(words, CLOCK_COLOURS[words]) for words in clock_words(r, t)]


COLOURS = {
    S.NOTIFIED: "grey",
    S.DECIDED_NOT_TO_REVIEW: "grey",
    S.UNDER_REVIEW: "blue",
    S.PAUSED: "yellow",
    S.SUBMITTED: "purple",
    S.FEEDBACK_RECEIVED: "pink",
    S.APPROVED: "green",
    S.PUBLISHED: "green",
    S.PUBLICATION_WITHHELD: "turquoise",
    S.DECOMMISSIONED: "grey",
}
STATUS_WORDS = {status: (REVIEW_STATUSES[status], colour) for status, colour in COLOURS.items()}


def status_tag(status: Any) -> dict[str, str]:
    return worded(STATUS_WORDS, S(status))
