"""Every recorded event of a case or an action, in words: what happened, on which day, who
recorded it and when. Feeds the MOJ timeline on the record's page.

An event this module has no words for still appears ("Recorded: <event name>"), so history
is never hidden from the page because the page is older than the event; nor is one that
cannot be read (``tenants/unreadable.py``): it is marked in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from api.names import actor_name
from api.plurals import plural
from api.vocabulary import DECISIONS, NATIONAL_STATUSES, REVIEW_KINDS, named
from api.web.case_forms import COST_WORDS
from api.web.correction_facts import field_words, value_words
from api.web.formatting import clause, long_date, money, sentence, words
from tenants.unreadable import Unreadable

Say = Callable[[Any], tuple[str, str]]


@dataclass(frozen=True)
class Entry:
    title: str
    description: str
    by: str
    at: datetime | None  # None: an event that could not be read, so neither can its time


def _on(day: Any) -> str:
    return f"On {long_date(day)}." if day else ""


def _due(day: Any) -> str:
    return f"Due {long_date(day)}." if day else ""


def _numbered(items: Iterable[tuple[int, str]]) -> str:
    """Numbered points in one sentence: "1. Clarify the chronology; 2. Expand the GP section."."""
    return "; ".join(f"{n}. {clause(text)}" for n, text in sorted(items)) + "."


def _each_line(items: Iterable[tuple[int, str]]) -> str:
    """Numbered answers, each on a line of its own, their own line breaks kept (the timeline
    shows a description's breaks): an answer may run to paragraphs."""
    return "".join(f"\n{n}. {sentence(text)}" for n, text in sorted(items))


def _listed(items: Iterable[tuple[int, str]]) -> str:
    """Numbered points in one sentence, or each on a line of its own once one of them runs
    to paragraphs (a point of the QA panel's letter may)."""
    points = list(items)
    if any("\n" in text for _, text in points):
        return _each_line(points)
    return f" {_numbered(points)}"


CASE: dict[str, Say] = {
    "Notified": lambda e: (
        "Death notified",
        f"{named(REVIEW_KINDS, e.kind)} opened. Died {long_date(e.incident_on)}; "
        f"notified {long_date(e.notified_on)}.",
    ),
    "Decided": lambda e: (
        f"Decided: {named(DECISIONS, e.outcome).lower()}",
        f"{_on(e.decided_on)} {e.reason}".strip(),
    ),
    "HomeOfficeNotified": lambda e: ("Home Office told of the decision", _on(e.notified_on)),
    "DecisionChecked": lambda e: (
        f"Home Office QA panel: {words(e.outcome).lower()}",
        _on(e.checked_on),
    ),
    "ReviewDirected": lambda e: ("Review directed by the Secretary of State", _on(e.directed_on)),
    "Decommissioned": lambda e: (
        "Decommissioned",
        f"Home Office agreed on {long_date(e.home_office_agreed_on)}. {sentence(e.reason)}",
    ),
    "Commissioned": lambda e: (
        "Chair and author commissioned",
        f"{_on(e.commissioned_on)} Chair {e.chair_ref}, author {e.author_ref}, "
        f"agreed cost {money(e.cost_pence)}.",
    ),
    "PanelMet": lambda e: ("Panel meeting held", _on(e.met_on)),
    "Paused": lambda e: (
        f"Paused: {words(e.reason).lower()}",
        f"{_on(getattr(e, 'paused_on', None))} {getattr(e, 'note', '')}".strip(),
    ),
    "Resumed": lambda e: ("Resumed", _on(getattr(e, "resumed_on", None))),
    "FamilyInvolved": lambda e: (
        f"Family: {words(e.milestone).lower()}",
        _on(e.occurred_on),
    ),
    "Drafted": lambda e: (f"{words(e.document)} drafted", _on(e.drafted_on)),
    "ActionPlanAgreed": lambda e: ("Action plan agreed", _on(e.agreed_on)),
    "Submitted": lambda e: ("Submitted to the Home Office", _on(e.submitted_on)),
    "FeedbackReceived": lambda e: (
        "QA panel feedback received",
        f"{_on(e.received_on)} {plural(len(e.points), 'point')} to answer:"
        f"{_listed((p.number, p.summary) for p in e.points)}",
    ),
    "Resubmitted": lambda e: (
        "Resubmitted to the Home Office",
        f"{_on(e.resubmitted_on)} Answers:{_each_line((a.number, a.response) for a in e.answers)}",
    ),
    "Approved": lambda e: ("Approved by the Home Office", _on(e.approved_on)),
    "Published": lambda e: ("Published", _on(e.published_on)),
    "PublicationWithheld": lambda e: (
        "Publication withheld",
        f"{_on(e.withheld_on)} {sentence(e.reason)}",
    ),
}

FINDINGS_AND_RECOMMENDATIONS: dict[str, Say] = {
    "Opened": lambda e: ("", ""),  # bookkeeping: the first finding or judgement says it all
    "Judged": lambda e: (
        "Judged whether the death was predictable and preventable",
        f"{_on(e.judged_on)} Predictable: {words(e.predictable).lower()}; "
        f"preventable: {words(e.preventable).lower()}.",
    ),
    "FindingRecorded": lambda e: (f"Finding {e.number} recorded", e.text),
    "Made": lambda e: (f"Recommendation {e.reference} made", f"{_on(e.made_on)} {e.text}"),
    "RoutedNationally": lambda e: (
        f"Recommendation routed to {e.addressee}",
        _on(e.routed_on),
    ),
    "NationalResponseRecorded": lambda e: (
        f"National response: {named(NATIONAL_STATUSES, e.status)}",
        f"{_on(e.received_on)} {e.note}".strip(),
    ),
}

_ACTION: dict[str, Say] = {  # an action's events after its planning (``action``)
    "Started": lambda e: ("Work started", _on(e.started_on)),
    "ProgressRecorded": lambda e: ("Progress", f"{_on(e.on)} {e.text}"),
    "EvidenceAdded": lambda e: (f"Evidence added: {e.reference}", _on(e.added_on)),
    "DueDateChanged": lambda e: (
        f"Due date moved to {long_date(e.new)}",
        f"Was {long_date(e.previous)}. {e.reason}",
    ),
    "Completed": lambda e: (
        "Completed",
        f"{_on(e.completed_on)} Impact review due {long_date(e.impact_review_due_on)}.",
    ),
    "CompletionConfirmed": lambda e: (
        "Completion signed off",
        f"{_on(e.confirmed_on)} By {actor_name(e.confirmed_by)}.",
    ),
    "ImpactReviewed": lambda e: (
        f"Impact review: {words(e.outcome).lower()}",
        f"{_on(e.reviewed_on)} {e.notes}".strip(),
    ),
    "NextImpactReviewScheduled": lambda e: (
        "Next impact review scheduled",
        f"Due {long_date(e.next_review_due_on)}.",
    ),
    "MarkedNotAchievable": lambda e: ("Marked not achievable", f"{_on(e.on)} {e.reason}"),
    "Superseded": lambda e: ("Superseded", f"{_on(e.on)} {e.reason}"),
    # bookkeeping: the recommendation's own correction, beside it, says it
    "RecommendationDateCorrected": lambda e: ("", ""),
}


def corrected(
    e: Any,
    record: str,
    agencies: Callable[[str], str] | None = None,
    sectors: Any = None,
    finding: bool = False,
) -> tuple[str, str]:
    """A correction, as the correction pages word it: "Recommendation 2: due date corrected",
    "Was 1 May 2024; corrected to 24 April 2024. The panel's date." (an owner by
    ``agencies``, a sector or themes by ``sectors``, where given; a ``finding``'s fields as
    its pages name them)."""
    field = str(e.field)
    heading = field_words(field, finding)
    title = f"{record}: {heading[:1].lower()}{heading[1:]}" if record else heading

    def said(value: Any) -> str:
        return value_words(field, value, agencies, sectors)

    return (
        f"{title} corrected",
        f"Was {clause(said(e.previous))}; corrected to {sentence(said(e.value))} "
        f"{sentence(e.reason)}",
    )


def action(agencies: Callable[[str], str]) -> dict[str, Say]:
    """An action's events in words; ``agencies`` names its recorded owner (``agency_names``),
    since the event keeps a directory key ("housing") where people read "Housing"."""

    def planned(e: Any) -> tuple[str, str]:
        return (
            f"Action planned for {agencies(e.owner)}",
            f"{sentence(e.description)} {_due(e.due_on)}",
        )

    return {"Planned": planned, **_ACTION, "Corrected": lambda e: corrected(e, "", agencies)}


# What else is kept beside a case; what these records seal (chronology entries, personal
# details, contacts) is never shown here.
CASE_RECORDS: dict[str, Say] = {
    "Started": lambda e: ("", ""),  # bookkeeping, as "Opened"
    "CostEstimated": lambda e: (
        f"Cost estimated: {COST_WORDS.get(str(e.category), words(e.category))}",
        f"{_on(e.estimated_on)} {money(e.amount)}. {e.reason}".strip(),
    ),
    "ActualCostRecorded": lambda e: (
        f"Cost incurred: {COST_WORDS.get(str(e.category), words(e.category))}",
        f"{_on(e.incurred_on)} {money(e.amount)}. {sentence(e.description)}",
    ),
    "Corrected": lambda e: corrected(e, ""),
    "KeyMarked": lambda e: (
        f"Chronology entry {e.number} {'marked' if e.key else 'no longer marked'} as key",
        "",
    ),
    "CaseVault.Recorded": lambda e: ("Personal details recorded", _on(e.recorded_on)),
    "CaseVault.Erased": lambda e: ("Personal details erased", f"{_on(e.erased_on)} {e.reason}"),
}


def agency_events(agencies: Callable[[str], str]) -> dict[str, Say]:
    """A case's events that name an agency (its IMR, its chronology entries, its IMR author's
    contact) in words; ``agencies`` names the agency as recorded (``agency_names``), since the
    events keep a directory key ("leicestershire-police") where people read the body's name."""

    def imr(verb: str, day: str) -> Say:
        return lambda e: (f"IMR {verb} {agencies(e.agency)}", _on(getattr(e, day)))

    def requested(e: Any) -> tuple[str, str]:
        due = _due(getattr(e, "due_on", None))
        return f"IMR requested from {agencies(e.agency)}", f"{_on(e.requested_on)} {due}".strip()

    def received(e: Any) -> tuple[str, str]:
        chronology = "With" if e.with_chronology else "Without"
        report = " Its report is attached: see Documents." if getattr(e, "with_report", 0) else ""
        return (
            f"IMR received from {agencies(e.agency)}",
            f"{_on(e.received_on)} {chronology} a chronology.{report}",
        )

    def extended(e: Any) -> tuple[str, str]:
        title = f"IMR from {agencies(e.agency)} extended to {long_date(e.due_on)}"
        asked = getattr(e, "asked_due_on", None)  # none: no request open, or stored before it
        if asked == e.due_on:
            title += ", as the agency asked"
        elif asked is not None:
            title += f", a different date from the {long_date(asked)} the agency asked for"
        return title, f"{_on(e.extended_on)} {e.reason}"

    def asked(e: Any) -> tuple[str, str]:
        return (
            f"{agencies(e.agency)} asked for more time for its IMR, to {long_date(e.due_on)}",
            f"{_on(e.asked_on)} {e.reason}",
        )

    def refused(e: Any) -> tuple[str, str]:
        return (
            f"More time for the IMR from {agencies(e.agency)} refused",
            f"{_on(e.refused_on)} {e.reason}",
        )

    def assessed(e: Any) -> tuple[str, str]:
        outcome = "accepted" if e.outcome == "accepted" else "returned for more work"
        return f"IMR from {agencies(e.agency)} {outcome}", " ".join([_on(e.assessed_on), *e.points])

    def entry(e: Any) -> tuple[str, str]:
        return (
            f"Chronology entry {e.number} submitted by {agencies(e.agency)}",
            _on(e.submitted_on),
        )

    def contact(e: Any) -> tuple[str, str]:
        return f"IMR author's contact recorded for {agencies(e.agency)}", _on(e.recorded_on)

    return {
        "ImrRequested": requested,
        "ImrReceived": received,
        "ImrExtended": extended,
        "ImrExtensionAsked": asked,
        "ImrExtensionRefused": refused,
        "ImrChased": imr("chased from", "chased_on"),
        "ImrAssessed": assessed,
        "EntrySubmitted": entry,
        "ImrAuthorContacts.Recorded": contact,
    }


# A case's documents: titles and file names are sealed, so the history names only numbers.
DOCUMENTS: dict[str, Say] = {
    "DocumentAdded": lambda e: (f"Document {e.number} added", f"{words(e.kind)}."),
    "VersionAdded": lambda e: (
        f"Document {e.number}: version {e.version} uploaded",
        f"{e.size:,} bytes, SHA-256 {e.sha256[:16]}…",
    ),
}


def entries(events: Iterable[Any], vocabulary: dict[str, Say]) -> list[Entry]:
    """Newest first, as the MOJ timeline reads, from events in the order recorded (a record's
    own, or a case's from ``ledger.history.of_case``). ``vocabulary`` is keyed by an event's
    name, or by its record's and its name ("CaseVault.Recorded") where two records share one."""
    found = []
    for event in events:
        if isinstance(event, Unreadable):
            found.append(_unreadable(event))
            continue
        name = type(event).__name__
        record = type(event).__qualname__.rsplit(".", 1)[0]
        say = vocabulary.get(f"{record}.{name}") or vocabulary.get(name)
        try:
            title, description = say(event) if say else (f"Recorded: {words(name)}", "")
        except AttributeError:
            title, description = f"Recorded: {words(name)}", ""
        if not title:
            continue
        found.append(
            Entry(
                title, description, actor_name(getattr(event, "recorded_by", None)), event.timestamp
            )
        )
    return list(reversed(found))


def _unreadable(event: Unreadable) -> Entry:
    """In its place, what kind of event it was (stored in clear) and why it cannot be read."""
    return Entry(
        "This event could not be read",
        f"Recorded as: {words(event.name)}. Why: {event.why}.",
        "Not known",
        None,
    )


def of_case(
    agencies: Callable[[str], str], recommendations: Mapping[UUID, str], labels: Mapping[str, str]
) -> dict[str, Say]:
    """Everything ``ledger.history.of_case`` gathers about a case: agencies by their names, a
    recommendation's correction naming it by its reference (``recommendations``: each id's)
    and a sector by the partnership's ``labels``."""

    def recommendation(e: Any) -> tuple[str, str]:
        found = recommendations.get(e.originator_id)
        name = f"Recommendation {found}" if found else "A recommendation"
        return corrected(e, name, sectors=lambda code: labels.get(code, code))

    def finding(e: Any) -> tuple[str, str]:
        name = f"Finding {e.number}"
        return corrected(e, name, sectors=lambda code: labels.get(code, code), finding=True)

    return (
        CASE
        | agency_events(agencies)
        | FINDINGS_AND_RECOMMENDATIONS
        | CASE_RECORDS
        | DOCUMENTS
        | {"Recommendation.Corrected": recommendation, "FindingCorrected": finding}
    )
