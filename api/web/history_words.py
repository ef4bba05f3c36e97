"""A record's history in words, for the MOJ timeline: what happened, who did it, when.

Events store ids and codes; people read "Decision recorded: Hold a review — dated 6 August
2011, by Sam Patel". Each event gets a title (from its aggregate and name), the acting user's
display name, when it was recorded, and its details as label/value pairs: dates written out,
money in pounds, codes in words, people by name. Ids are never shown.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from api import vocabulary
from api.web.case_forms import COST_WORDS
from api.web.correction_facts import field_words, value_words
from api.web.documents import WORDS as DOCUMENT_KINDS
from tenants.unreadable import Unreadable

ENVELOPE = {"originator_id", "originator_version", "timestamp", "recorded_by", "originator_topic"}
MONEY_KEYS = {
    "amount",
    "cost_pence",
    "ceiling",
    "approved",
    "shortfall",
    "carried_forward",
    "pence",
    "annual_value",
    "per_dhr",
}
AGENCY_KEYS = {"owner", "agency"}  # a directory key since the directory, free text before
MONEY_BY_NAME = {"minimums": "area", "shares": "funder"}  # (area or funder, pence) pairs
LONG_LISTS = 6  # a list longer than this is summarised by its length (e.g. a whole taxonomy)
UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

TITLES: dict[str, str] = {
    "DomesticHomicideReview.Notified": "Death notified to the partnership",
    "DomesticHomicideReview.Decided": "Decision recorded",
    "DomesticHomicideReview.HomeOfficeNotified": "Home Office told of the decision",
    "DomesticHomicideReview.DecisionChecked": "Home Office checked the decision",
    "DomesticHomicideReview.ReviewDirected": "Review directed by the Secretary of State",
    "DomesticHomicideReview.Commissioned": "Chair and author commissioned",
    "DomesticHomicideReview.ImrRequested": "Individual management review requested",
    "DomesticHomicideReview.ImrReceived": "Individual management review received",
    "DomesticHomicideReview.ImrExtended": "IMR given more time",
    "DomesticHomicideReview.ImrExtensionAsked": "Agency asked for more time for its IMR",
    "DomesticHomicideReview.ImrExtensionRefused": "Agency's request for more time refused",
    "DomesticHomicideReview.ImrChased": "IMR chased",
    "DomesticHomicideReview.ImrAssessed": "IMR assessed by the panel",
    "DomesticHomicideReview.FamilyInvolved": "Family involvement recorded",
    "DomesticHomicideReview.PanelMet": "Review panel met",
    "DomesticHomicideReview.Paused": "Review paused",
    "DomesticHomicideReview.Resumed": "Review resumed",
    "DomesticHomicideReview.Drafted": "Draft recorded",
    "DomesticHomicideReview.ActionPlanAgreed": "Action plan agreed",
    "DomesticHomicideReview.Submitted": "Submitted to the Home Office",
    "DomesticHomicideReview.FeedbackReceived": "Quality assurance panel feedback received",
    "DomesticHomicideReview.Resubmitted": "Resubmitted to the Home Office",
    "DomesticHomicideReview.Approved": "Approved by the Home Office",
    "DomesticHomicideReview.Published": "Published",
    "DomesticHomicideReview.PublicationWithheld": "Publication withheld",
    "DomesticHomicideReview.Decommissioned": "Decommissioned",
    "Action.Planned": "Action planned",
    "Action.Started": "Work on the action started",
    "Action.ProgressRecorded": "Progress recorded",
    "Action.EvidenceAdded": "Evidence added",
    "Action.DueDateChanged": "Due date changed",
    "Action.Completed": "Action completed",
    "Action.CompletionConfirmed": "Completion signed off",
    "Action.ImpactReviewed": "Impact reviewed",
    "Action.NextImpactReviewScheduled": "Next impact review scheduled",
    "Action.MarkedNotAchievable": "Action marked not achievable",
    "Action.Superseded": "Action superseded",
    "Recommendation.Made": "Recommendation made",
    "Recommendation.RoutedNationally": "Sent to a national body",
    "Recommendation.NationalResponseRecorded": "National response recorded",
    "BudgetLine.Opened": "Budget line opened",
    "BudgetLine.BusinessCaseSubmitted": "Business case submitted",
    "BudgetLine.Decided": "Grant decision recorded",
    "BudgetLine.Allocated": "Grant allocated",
    "BudgetLine.Paid": "Grant paid",
    "BudgetLine.BusinessCaseWithdrawn": "Business case withdrawn",
    "BudgetLine.DecisionVaried": "Grant decision varied",
    "BudgetLine.ClawedBack": "Grant clawed back",
    "PooledBudget.Opened": "Pooled budget opened",
    "CommissioningBudget.Opened": "Commissioning budget opened",
    "CommissioningBudget.YearBudgeted": "Year budgeted with minimum spends",
    "CommissioningBudget.Allocated": "Allocated to an area",
    "CommissioningBudget.Corrected": "Commissioning figure corrected",
    "CommissionedService.Opened": "Commissioned service recorded",
    "CommissionedService.FundingAgreed": "Funding agreed",
    "CommissionedService.Extended": "Funding agreement extended",
    "CommissionedService.HandedOver": "Another provider took the service over",
    "CommissionedService.MilestonePlanned": "Milestone planned",
    "CommissionedService.MilestoneReached": "Milestone reached",
    "CommissionedService.Paid": "Paid to the provider",
    "PooledBudget.PartnerAdded": "Partner joined the pot",
    "PooledBudget.ContributionAgreed": "Contribution agreed",
    "PooledBudget.ContributionReceived": "Contribution received",
    "PooledBudget.ContributionNotDrawnDown": "Contribution not drawn down",
    "PooledBudget.ReserveBroughtForward": "Reserve brought forward",
    "PooledBudget.Spent": "Spending recorded",
    "PooledBudget.YearClosed": "Financial year closed",
    "PooledBudget.YearReopened": "Financial year reopened",
    "PooledBudget.Corrected": "Agreed contribution corrected",
    "PooledBudget.MovementCorrected": "Receipt or spend corrected",
    "PooledBudget.NotDrawnDownCorrected": "Decision not to call corrected",
    "CommissionedService.Corrected": "Payment corrected",
    "CommissionedService.ShareCorrected": "Funder's share corrected",
    "BudgetLine.Corrected": "Allocation or payment corrected",
    "AllocationPlan.Started": "Allocation plan opened",
    "AllocationPlan.AllocationPlanned": "Allocation planned",
    "AllocationPlan.AllocationVariationRequested": "Variation of an allocation requested",
    "AllocationPlan.AllocationVariationDecided": "Variation of an allocation decided",
    "DomesticHomicideReview.Corrected": "Fact of the case corrected",
    "Action.Corrected": "Action corrected",
    "Action.RecommendationDateCorrected": "Followed its recommendation's corrected date",
    "Recommendation.Corrected": "Recommendation corrected",
    "ReviewFindings.Judged": "Judged whether the death was predictable and preventable",
    "ReviewFindings.FindingRecorded": "Finding recorded",
    "ReviewFindings.FindingCorrected": "Finding corrected",
    "ReviewCost.CostEstimated": "Cost estimated",
    "ReviewCost.ActualCostRecorded": "Cost incurred",
    "ReviewCost.Corrected": "Cost corrected",
    "CaseDocuments.DocumentAdded": "Document added",
    "CaseDocuments.VersionAdded": "Version of a document uploaded",
    "CaseChronology.EntrySubmitted": "Chronology entry submitted",
    "CaseChronology.KeyMarked": "Chronology entry's key marking changed",
    "CaseVault.Recorded": "Personal details recorded",
    "CaseVault.Erased": "Personal details erased",
    "ImrAuthorContacts.Recorded": "IMR author's contact recorded",
}
BOOKKEEPING = {  # a record opened beside a case, saying nothing the next event does not
    "ReviewFindings.Opened",
    "ReviewCost.Started",
    "CaseDocuments.Opened",
    "CaseChronology.Opened",
    "CaseVault.Opened",
    "ImrAuthorContacts.Opened",
}
CORRECTION = ("Field", "Previous value", "Corrected to")  # a Corrected event's field, was, now
# Events correcting a field, shown with the field, the value it replaced and the value now.
CORRECTIONS = (
    "Corrected",
    "FindingCorrected",
    "MovementCorrected",
    "NotDrawnDownCorrected",
    "ShareCorrected",
)
SEALED = ("sealed",)  # fields of ciphertext (text sealed with the case key): never shown
LABELS = {  # field names that read badly as words
    "chair_ref": "Chair",
    "author_ref": "Author",
    "home_office_agreed_on": "Home Office agreed on",
    "theme_codes": "Themes",
    "imr": "IMR",
    "new": "New due date",
    "cost_pence": "Agreed cost",
    "kind": "Kind of review",
    "previous": "Previous due date",
    "per_dhr": "Per DHR",
    "expected_dhrs": "Expected DHRs",
    "not_before": "Its recommendation was made on",  # an action may not start before it
    "target_sector": "Service sector it is addressed to",
    "target_organisation": "Organisation it is addressed to",
    "victim_age_band": "Victim's age band",
}
DECISION = {"number": "Decision"}  # a grant's decision number, e.g. "036/2013"
MILESTONE = {"name": "Milestone"}
AGREEMENT = {"reference": "Funding agreement"}
EVENT_LABELS: dict[str, dict[str, str]] = {  # a field named for what it is in this event
    "Action.ProgressRecorded": {"on": "Progress on", "text": "Progress"},
    "DomesticHomicideReview.ImrExtensionAsked": {"due_on": "Proposed due date"},
    "DomesticHomicideReview.ImrExtended": {
        "due_on": "New due date",
        "asked_due_on": "Date the agency asked for",
    },
    "DomesticHomicideReview.ImrExtensionRefused": {"reason": "Reason given to the agency"},
    "Action.MarkedNotAchievable": {"on": "Marked on"},
    "Action.Superseded": {"on": "Superseded on", "by_action_id": "Replaced by"},
    "Action.NextImpactReviewScheduled": {"next_review_due_on": "Next impact review due on"},
    "Recommendation.Made": {"text": "Recommendation"},
    "ReviewFindings.FindingRecorded": {"number": "Finding number", "text": "Finding"},
    "ReviewFindings.FindingCorrected": {"number": "Finding number"},
    "CaseChronology.EntrySubmitted": {"number": "Entry number"},
    "CaseChronology.KeyMarked": {"number": "Entry number", "key": "Key event"},
    "CaseDocuments.DocumentAdded": {"number": "Document number", "kind": "Kind of document"},
    "CaseDocuments.VersionAdded": {
        "number": "Document number",
        "sha256": "SHA-256 fingerprint",  # to check a copy of the file against
        "size": "Size",
        "media_type": "Type of file",
    },
    "BudgetLine.Decided": DECISION,
    "BudgetLine.Allocated": DECISION,
    "BudgetLine.Paid": DECISION,
    "BudgetLine.DecisionVaried": DECISION,
    "BudgetLine.ClawedBack": DECISION,
    "BudgetLine.Corrected": {"decision_number": "Decision"},
    "CommissioningBudget.YearBudgeted": {"on": "Budgeted on"},
    "CommissioningBudget.Allocated": {"on": "Allocated on"},
    "CommissionedService.HandedOver": {"on": "Taken over on", "provider": "New provider"},
    "CommissionedService.MilestonePlanned": MILESTONE,
    "CommissionedService.MilestoneReached": MILESTONE | {"on": "Reached on"},
    "CommissionedService.FundingAgreed": AGREEMENT,
    "CommissionedService.Extended": AGREEMENT,
    "CommissionedService.Paid": AGREEMENT,
}
EVENT_VALUES: dict[str, dict[str, Callable[[Any], str]]] = {  # a field read for this event
    "CaseDocuments.DocumentAdded": {"kind": lambda code: DOCUMENT_KINDS.get(code, _words(code))},
    "CaseDocuments.VersionAdded": {"size": lambda size: f"{size:,} bytes"},
}
Named = Mapping[str, tuple[str, Callable[[str], str]]]
"""Fields a record's history names by what a recorded key stands for: the field's label and
how to read its value ("tenant": ("Partnership", ...) reads "wolverhampton" as
"Wolverhampton"); ``api/web/history_names.py`` makes them for a budget or a service."""


CODE_KEYS = {
    "movement",  # a pot's corrected receipt, spend or reserve brought in
    "outcome",
    "kind",
    "milestone",
    "victim_sex",
    "status",
    "scope",
    "category",
    "document",
    "predictable",
    "preventable",
    "death_category",
    "perpetrator_relationship",
    "victim_age_band",
}
NAMED = {  # fields whose codes have names (``api.vocabulary``); other codes read as words
    "kind": vocabulary.REVIEW_KINDS,
    "outcome": vocabulary.DECISIONS,
    "death_category": vocabulary.DEATH_CATEGORIES,
    "perpetrator_relationship": vocabulary.RELATIONSHIPS,
    "victim_age_band": vocabulary.AGE_BANDS,  # "35 to 44", as the case page says it
    "scope": vocabulary.SCOPES,
    "status": vocabulary.NATIONAL_STATUSES,  # a national body's response
    "category": COST_WORDS,  # what a case's cost pays for
}


@dataclasses.dataclass(frozen=True)
class TimelineItem:
    title: str
    by: str
    at: datetime | None  # None: an event that could not be read, so neither can its time
    details: tuple[tuple[str, str], ...]


def timeline(
    events: Iterable[Any],
    name_of: Callable[[str], str],
    labels: Callable[[str], str] = str,
    agencies: Callable[[str], str] = str,
    named: Named | None = None,
) -> list[TimelineItem]:
    """Newest first, as the MOJ timeline shows them; ``name_of`` turns an actor id into a name,
    ``labels`` a theme code into its label, ``agencies`` an owner or IMR agency as recorded
    (a directory key) into the body's name (``agency_names``), ``named`` other fields holding
    a key into what it stands for (a partnership, a business case, an allocation, a body)."""
    fields = {key: (LABELS.get(key) or _words(key), agencies) for key in AGENCY_KEYS}
    fields |= named or {}
    items = [_item(e, name_of, labels, agencies, fields) for e in events if not _bookkeeping(e)]
    return items[::-1]


def _bookkeeping(event: Any) -> bool:
    """Left out, as the case's page leaves them out: records opened beside a case."""
    if isinstance(event, Unreadable):
        return False
    return f"{type(event).__qualname__.rsplit('.', 1)[0]}.{type(event).__name__}" in BOOKKEEPING


def _item(
    event: Any,
    name_of: Callable[[str], str],
    labels: Callable[[str], str],
    agencies: Callable[[str], str],
    named: Named,
) -> TimelineItem:
    if isinstance(event, Unreadable):
        return _unreadable(event)
    aggregate = type(event).__qualname__.rsplit(".", 1)[0]
    name = type(event).__name__
    correction = _correction(event, agencies, labels) if name in CORRECTIONS else ()
    relabel = EVENT_LABELS.get(f"{aggregate}.{name}", {})
    reread = EVENT_VALUES.get(f"{aggregate}.{name}", {})
    details = correction + tuple(
        (relabel.get(key, label), reread[key](value) if key in reread else text)
        for key, value in vars(event).items()
        if key not in ENVELOPE and not key.startswith(SEALED)
        if not (correction and key in ("field", "value", "previous"))
        if key not in REPEATED.get(f"{aggregate}.{name}", ())
        for label, text in [_detail(key, value, name_of, labels, named)]
        if text
    )
    by = name_of(getattr(event, "recorded_by", ""))
    return TimelineItem(_title(aggregate, name), by, event.timestamp, details)


# Fields an event names in other words too: an allocation's key is made from its purpose.
REPEATED = {
    "AllocationPlan.AllocationPlanned": ("key",),
    "AllocationPlan.Started": ("budget_reference",),  # the pot's, whose history this is
    "PooledBudget.PartnerAdded": ("name",),  # the partner, named by it
    "ImrAuthorContacts.Recorded": ("officer",),  # who recorded it: the timeline's "by"
}


def _detail(
    key: str,
    value: Any,
    name_of: Callable[[str], str],
    labels: Callable[[str], str],
    named: Named,
) -> tuple[str, str]:
    """A field's label and its value in words: a recorded key by what it stands for."""
    label = LABELS.get(key) or _words(key)
    if isinstance(value, str | UUID) and key in named:
        label, name = named[key]
        return label, name(str(value))
    if key in MONEY_BY_NAME and isinstance(value, list | tuple):
        _, name = named.get(MONEY_BY_NAME[key], ("", str))
        return label, "; ".join(f"{name(str(who))}: {pounds(int(p))}" for who, p in value)
    return label, _value(key, value, name_of, labels)


def _title(aggregate: str, name: str) -> str:
    found = TITLES.get(f"{aggregate}.{name}")
    if found:
        return found
    if name == "Corrected":
        return "Correction recorded"
    return re.sub(r"\bImr\b", "IMR", _words(_spaced(name)))


def _spaced(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name)


def _correction(
    event: Any, agencies: Callable[[str], str], labels: Callable[[str], str]
) -> tuple[tuple[str, str], ...]:
    """What was corrected, in words, as the correction pages name it: the field, the value it
    replaced, the value now (an owner or IMR agency by its body's name, a recommendation's
    sector by its label); the reason and any date it takes effect follow as usual."""
    field = str(event.field)

    def words(value: Any) -> str:
        if field in AGENCY_KEYS:
            return agencies(str(value))
        return value_words(field, value, agencies, labels)

    was, now = words(event.previous), words(event.value)
    finding = type(event).__name__ == "FindingCorrected"
    named = field_words(field, finding, agencies)
    return tuple(zip(CORRECTION, (named, was, now), strict=True))


def _unreadable(event: Unreadable) -> TimelineItem:
    """An event the service cannot read, in its place: what kind it was (its type is stored in
    clear) and why it cannot be read; who recorded it, when and what it said are inside it."""
    details = (
        ("Recorded as", _title(event.record, event.name)),
        ("Why it cannot be read", event.why[:1].upper() + event.why[1:]),
    )
    return TimelineItem("This event could not be read", "Not known", None, details)


def _value(
    key: str, value: Any, name_of: Callable[[str], str], labels: Callable[[str], str]
) -> str:
    if value is None or value == "" or isinstance(value, UUID):
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if key.endswith("_by") and isinstance(value, str) and UUID_TEXT.match(value):
        return name_of(value)
    if isinstance(value, int) and key in MONEY_KEYS:
        return pounds(value)
    if isinstance(value, datetime | date):
        return long_date(value)
    if isinstance(value, Enum):
        return _words(str(value.value))
    if key == "target_sector" and isinstance(value, str):
        return labels(value)  # the taxonomy's label, as the plan's pages name a sector
    if key == "theme_codes" and isinstance(value, list | tuple):
        return ", ".join(labels(str(v)) for v in value)
    if isinstance(value, list | tuple):
        if len(value) > LONG_LISTS:
            return f"{len(value)} entries"
        parts = [t for t in (_value("", v, name_of, labels) for v in value) if t]
        return ("\n" if any("\n" in t for t in parts) else "; ").join(parts)  # paragraphs apart
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "label") and not callable(value.label):
            return str(value)
        parts = [
            _value(f.name, getattr(value, f.name), name_of, labels)
            for f in dataclasses.fields(value)
        ]
        return ": ".join(p for p in parts if p)
    if isinstance(value, str) and (key in CODE_KEYS or re.fullmatch(r"[a-z]+(_[a-z]+)+", value)):
        return NAMED.get(key, {}).get(value) or _words(value)  # a code, e.g. "criminal_trial"
    return str(value)


def _words(text: str) -> str:
    text = text.replace("_", " ").strip()
    return text[:1].upper() + text[1:].lower()


def pounds(pence: int) -> str:
    sign = "−" if pence < 0 else ""
    whole, rest = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{rest:02d}"


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
