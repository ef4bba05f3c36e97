"""The review's vocabulary as data: a renamed or new kind of review is a new value, not a new class.

Every enum is a ``StrEnum``: events store the plain string, and event bodies turn it back.
"""

from __future__ import annotations

from enum import StrEnum


class ReviewKind(StrEnum):
    DHR = "dhr"
    DARDR = "dardr"  # Domestic Abuse Related Death Review, Victims and Prisoners Act 2024 s19
    JOINT_WITH_SAR = "joint_with_sar"
    JOINT_WITH_CSPR = "joint_with_cspr"
    JOINT_WITH_SCR = "joint_with_scr"
    WALES_SUSR = "wales_susr"  # Single Unified Safeguarding Review


class DeathCategory(StrEnum):
    INTIMATE_PARTNER_HOMICIDE = "intimate_partner_homicide"
    FAMILIAL_HOMICIDE = "familial_homicide"
    HOMICIDE_SUICIDE = "homicide_suicide"
    SUSPECTED_VICTIM_SUICIDE = "suspected_victim_suicide"
    UNEXPECTED_DEATH = "unexpected_death"


class AgeBand(StrEnum):
    """Bands rather than ages or birth dates: enough for analysis, too coarse to identify."""

    FROM_16_TO_17 = "16-17"
    FROM_18_TO_24 = "18-24"
    FROM_25_TO_34 = "25-34"
    FROM_35_TO_44 = "35-44"
    FROM_45_TO_54 = "45-54"
    FROM_55_TO_64 = "55-64"
    FROM_65_TO_74 = "65-74"
    FROM_75 = "75+"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    NOT_RECORDED = "not_recorded"


class Relationship(StrEnum):
    """The perpetrator's relationship to the victim (s9 DVCVA 2004 scope), as a category only."""

    INTIMATE_PARTNER = "intimate_partner"
    FORMER_INTIMATE_PARTNER = "former_intimate_partner"
    CHILD = "child"
    GRANDCHILD = "grandchild"
    PARENT = "parent"
    SIBLING = "sibling"
    OTHER_RELATIVE = "other_relative"
    HOUSEHOLD_MEMBER = "household_member"
    NOT_KNOWN = "not_known"


class DecisionOutcome(StrEnum):
    HOLD = "hold"
    NOT_HOLD = "not_hold"
    ALTERNATIVE_REVIEW = "alternative_review"
    JOINT_WITH_SCR = "joint_with_scr"
    JOINT_WITH_SAR = "joint_with_sar"

    @property
    def holds_review(self) -> bool:
        return self not in (DecisionOutcome.NOT_HOLD, DecisionOutcome.ALTERNATIVE_REVIEW)


class DecisionCheckOutcome(StrEnum):
    """What the Home Office QA panel said about a decision not to review."""

    AGREED = "agreed"
    ADVISED_REVIEW = "advised_review"


class PauseReason(StrEnum):
    CRIMINAL_TRIAL = "criminal_trial"
    INQUEST = "inquest"
    OTHER = "other"


class ImrOutcome(StrEnum):
    """The panel's quality assessment of an IMR."""

    ACCEPTED = "accepted"
    RETURNED = "returned"


class FamilyMilestone(StrEnum):
    CONTRIBUTED = "contributed"
    CONSULTED_ON_TERMS_OF_REFERENCE = "consulted_on_terms_of_reference"
    HAD_EXPERT_ADVOCATE = "had_expert_advocate"
    RECEIVED_DRAFT = "received_draft"
    ATTENDED_PANEL = "attended_panel"


class Document(StrEnum):
    OVERVIEW_REPORT = "overview_report"
    EXECUTIVE_SUMMARY = "executive_summary"


class ReviewStatus(StrEnum):
    NOTIFIED = "notified"
    DECIDED_NOT_TO_REVIEW = "decided_not_to_review"
    UNDER_REVIEW = "under_review"
    PAUSED = "paused"
    SUBMITTED = "submitted"
    FEEDBACK_RECEIVED = "feedback_received"
    APPROVED = "approved"
    PUBLISHED = "published"
    PUBLICATION_WITHHELD = "publication_withheld"
    DECOMMISSIONED = "decommissioned"
