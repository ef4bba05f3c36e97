"""What each stored code is called wherever people read it: pages, spreadsheets, board papers,
the case history and the import templates that take the names back.

Events and the JSON API keep the codes (``dhr``, ``under_review``); people read "Domestic
Homicide Review" and "Under review". Kept in one place so a register's XLSX, the case page and
the import an analyst fills in from that XLSX all use the same words; a code with no name here
reads as its words ("decided_not_to_review" -> "decided not to review").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from domain.actionplan.values import ActionStatus, ImplementationStatus, Scope
from domain.learning.outcomes import Outcome
from domain.region.groups import ItemStatus
from domain.reviews.values import (
    AgeBand,
    DeathCategory,
    DecisionOutcome,
    Relationship,
    ReviewKind,
    ReviewStatus,
)

Names = Mapping[str, str]
"""A code's name by its value (a ``StrEnum`` member is its value as a key)."""

REVIEW_KINDS: Names = {
    ReviewKind.DHR: "Domestic Homicide Review",
    ReviewKind.DARDR: "Domestic Abuse Related Death Review",
    ReviewKind.JOINT_WITH_SAR: "Joint review with a Safeguarding Adults Review",
    ReviewKind.JOINT_WITH_CSPR: "Joint review with a Child Safeguarding Practice Review",
    ReviewKind.JOINT_WITH_SCR: "Joint review with a Serious Case Review",
    ReviewKind.WALES_SUSR: "Single Unified Safeguarding Review (Wales)",
}
DECISIONS: Names = {
    DecisionOutcome.HOLD: "Hold a Domestic Homicide Review",
    DecisionOutcome.NOT_HOLD: "Do not hold a review",
    DecisionOutcome.ALTERNATIVE_REVIEW: "Hold an alternative review",
    DecisionOutcome.JOINT_WITH_SCR: "Hold a joint review with a Child Safeguarding Practice Review",
    DecisionOutcome.JOINT_WITH_SAR: "Hold a joint review with a Safeguarding Adults Review",
}
DEATH_CATEGORIES: Names = {
    DeathCategory.INTIMATE_PARTNER_HOMICIDE: "Intimate partner homicide",
    DeathCategory.FAMILIAL_HOMICIDE: "Familial homicide",
    DeathCategory.HOMICIDE_SUICIDE: "Homicide followed by suicide",
    DeathCategory.SUSPECTED_VICTIM_SUICIDE: "Suspected suicide of a victim of domestic abuse",
    DeathCategory.UNEXPECTED_DEATH: "Unexpected death",
}
RELATIONSHIPS: Names = {
    Relationship.INTIMATE_PARTNER: "Intimate partner",
    Relationship.FORMER_INTIMATE_PARTNER: "Former intimate partner",
    Relationship.CHILD: "Child",
    Relationship.GRANDCHILD: "Grandchild",
    Relationship.PARENT: "Parent",
    Relationship.SIBLING: "Sibling",
    Relationship.OTHER_RELATIVE: "Other relative",
    Relationship.HOUSEHOLD_MEMBER: "Household member",
    Relationship.NOT_KNOWN: "Not known",
}
AGE_BANDS: Names = {  # "35 to 44", as the case page asks it
    band: band.value.replace("-", " to ").replace("+", " or over") for band in AgeBand
}
REVIEW_STATUSES: Names = {
    ReviewStatus.NOTIFIED: "Notified",
    ReviewStatus.DECIDED_NOT_TO_REVIEW: "No review",
    ReviewStatus.UNDER_REVIEW: "Under review",
    ReviewStatus.PAUSED: "Paused",
    ReviewStatus.SUBMITTED: "Submitted",
    ReviewStatus.FEEDBACK_RECEIVED: "Feedback to answer",
    ReviewStatus.APPROVED: "Approved",
    ReviewStatus.PUBLISHED: "Published",
    ReviewStatus.PUBLICATION_WITHHELD: "Publication withheld",
    ReviewStatus.DECOMMISSIONED: "Decommissioned",
}
ACTION_STATUSES: Names = {
    ActionStatus.OPEN: "Not started",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.COMPLETED: "Completed",
    ActionStatus.COMPLETION_CONFIRMED: "Signed off",
    ActionStatus.NOT_ACHIEVABLE: "Not achievable",
    ActionStatus.SUPERSEDED: "Superseded",
}
GROUP_ITEM_STATUSES: Names = {ItemStatus.OPEN: "Open", ItemStatus.COMPLETED: "Completed"}
"""A group's own action, as its page tags it."""
SCOPES: Names = {
    Scope.SINGLE_AGENCY: "Single agency",
    Scope.MULTI_AGENCY: "Multi-agency",
    Scope.REGIONAL: "Regional",
    Scope.NATIONAL: "National",
}
NATIONAL_STATUSES: Names = {  # the Domestic Abuse Commissioner's scale
    ImplementationStatus.FULLY_IMPLEMENTED: "Fully implemented",
    ImplementationStatus.ALREADY_HAPPENING: "Already happening",
    ImplementationStatus.PARTLY_MET: "Partly met",
    ImplementationStatus.NOT_MET: "Not met",
    ImplementationStatus.NO_RESPONSE: "No response",
}
LEARNING_OUTCOMES: Names = {  # what became of an earlier recommendation, worst news first
    Outcome.NO_ACTIONS: "No actions yet",
    Outcome.OPEN: "Actions open",
    Outcome.NOT_EMBEDDED: "Not embedded",
    Outcome.COMPLETED_NOT_REVIEWED: "Done, impact not reviewed",
    Outcome.PARTLY_EMBEDDED: "Partly embedded",
    Outcome.EMBEDDED: "Embedded",
    Outcome.CLOSED_WITHOUT_COMPLETION: "Closed, not completed",
}
NATIONAL_ROUTING: Names = {  # a recommendation in a research extract or the national export
    **NATIONAL_STATUSES,
    "not_routed": "Not routed nationally",
}
ACTION_OUTCOMES: Names = {  # what became of a recommendation's actions (``national``)
    "no_actions": "No actions yet",
    "open": "Actions open",
    "completed": "Actions completed",
    "closed_without_completion": "Closed, not completed",
}
IMPACTS: Names = {  # whether its completed actions were shown to change practice
    "not_applicable": "No action completed yet",
    "not_reviewed": "Impact not reviewed",
    "embedded": "Embedded",
    "partly_embedded": "Partly embedded",
    "not_embedded": "Not embedded",
}
PAUSE_REASONS: Names = {  # why a review is paused: asked on its page, said on it and in papers
    "criminal_trial": "A criminal trial",
    "inquest": "An inquest",
    "other": "Other parallel proceedings",
}
CASE_FACTS: Names = {**REVIEW_KINDS, **DEATH_CATEGORIES, **RELATIONSHIPS, **AGE_BANDS}
"""The names of every coded fact of a case a lead may correct (no code is in two of them)."""


def in_words(code: object) -> str:
    """A code with no name, as words: "decided_not_to_review" -> "decided not to review"."""
    return str(getattr(code, "value", code)).replace("_", " ")


def named(names: Names, code: object) -> str:
    """The name ``names`` gives ``code``, else the code in words."""
    text = str(getattr(code, "value", code))
    return names.get(text) or in_words(text)


def choices(names: Names) -> list[tuple[str, str]]:
    """(code, name) pairs in the vocabulary's order, as forms and drop-downs offer them."""
    return [(str(code), name) for code, name in names.items()]


ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def dates_in_words(message: str) -> str:
    """A ledger refusal as a person reads it: its ISO dates written out ("4 September 2013"),
    in the same words on a page and in the spreadsheet that marks an import's problems."""

    def written(found: re.Match[str]) -> str:
        try:
            day = date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            return found[0]
        return f"{day.day} {day:%B %Y}"

    return ISO_DATE.sub(written, message).replace(" (YYYY-MM-DD)", "")
