"""``DomesticHomicideReview``: one death's case, from notification to publication or closure.

The commands live in mixins beside their rules (deciding, inquiry, pausing, family, reporting,
assurance). This class names every event once, so the stored event types of a case are all here.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import InvalidValueError
from domain.ids import ledger_id
from domain.recording import LedgerAggregate
from domain.reviews.assurance import Assurance
from domain.reviews.checks import check_date, check_text
from domain.reviews.correcting import Correcting
from domain.reviews.deciding import Deciding
from domain.reviews.family import InvolvingFamily
from domain.reviews.imrs import Imrs
from domain.reviews.inquiry import Inquiry
from domain.reviews.pausing import Pausing
from domain.reviews.reporting import Reporting
from domain.reviews.values import (
    AgeBand,
    DeathCategory,
    Relationship,
    ReviewKind,
    ReviewStatus,
    Sex,
    coerce,
)
from domain.vault.names import looks_like_full_name

REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}")


@lru_cache(maxsize=4096)
def review_id(reference: str) -> UUID:
    """Case references are unique within a tenant and case-insensitive, so they make the id.

    Cached: importing a sheet asks for each row's id four times (already recorded? free in
    the index? the new case's id, the index's record of it), each a ``uuid5``."""
    return ledger_id("review", reference.strip().lower())


class DomesticHomicideReview(
    Deciding,
    Inquiry,
    Imrs,
    Pausing,
    InvolvingFamily,
    Reporting,
    Assurance,
    Correcting,
    LedgerAggregate,
):
    @staticmethod
    def create_id(reference: str) -> UUID:
        return review_id(reference)

    @classmethod
    def notify(
        cls,
        reference: str,
        incident_on: date,
        notified_on: date,
        pseudonym: str,
        kind: str,
        death_category: str,
        victim_age_band: str | None = None,
        victim_sex: str | None = None,
        perpetrator_relationship: str | None = None,
        *,
        today: date | None = None,
        pseudonym_confirmed: bool = False,
    ) -> DomesticHomicideReview:
        """Open a case. There is deliberately no field for names, addresses or dates of birth."""
        if (
            isinstance(pseudonym, str)
            and looks_like_full_name(pseudonym)
            and not pseudonym_confirmed
        ):
            raise InvalidValueError(
                "The pseudonym looks like a real full name (two capitalised words); a real name "
                "must never be recorded in the case history. Use the pseudonym agreed with the "
                "family (e.g. 'Mary' or 'FN'), keep real names in the case's personal details, "
                "or if this is the agreed pseudonym send pseudonym_confirmed: true."
            )
        if not isinstance(reference, str) or not REFERENCE.fullmatch(reference.strip()):
            raise InvalidValueError(
                "A case reference is 1-40 letters, digits, '-', '/', '_' or '.', e.g. DHR-2014-03."
            )
        check_date(incident_on, "incident", today)
        check_date(notified_on, "notification", today, ("incident", incident_on))
        return cls(
            reference=reference.strip(),
            incident_on=incident_on,
            notified_on=notified_on,
            pseudonym=check_text(
                pseudonym, "pseudonym (e.g. 'Mary' or 'FN', never a real name)", 40
            ),
            kind=coerce(ReviewKind, kind, "review kind"),
            death_category=coerce(DeathCategory, death_category, "death category"),
            victim_age_band=_optional(AgeBand, victim_age_band, "age band"),
            victim_sex=_optional(Sex, victim_sex, "sex"),
            perpetrator_relationship=_optional(
                Relationship, perpetrator_relationship, "relationship"
            ),
        )

    @event("Notified")
    def __init__(
        self,
        reference: str,
        incident_on: date,
        notified_on: date,
        pseudonym: str,
        kind: str,
        death_category: str,
        victim_age_band: str | None,
        victim_sex: str | None,
        perpetrator_relationship: str | None,
    ) -> None:
        self.reference, self.pseudonym = reference, pseudonym
        self.incident_on, self.notified_on = incident_on, notified_on
        self.kind, self.death_category = ReviewKind(kind), DeathCategory(death_category)
        self.victim_age_band = AgeBand(victim_age_band) if victim_age_band else None
        self.victim_sex = Sex(victim_sex) if victim_sex else None
        rel = perpetrator_relationship
        self.perpetrator_relationship = Relationship(rel) if rel else None
        self.stage = ReviewStatus.NOTIFIED
        self.decision = self.decision_check = None
        self.home_office_notified_on = self.directed_on = None
        self.commissions, self.panel_meetings, self.imrs, self.pauses = (), (), (), ()
        self.family_involvement, self.feedback_rounds = (), ()
        self.overview_report_drafted_on = self.executive_summary_drafted_on = None
        self.action_plan_agreed_on = self.submitted_on = None
        self.approved_on = self.published_on = None
        self.publication_withheld = self.decommissioned = None

    # Each line below turns a mixin's state change into a stored event of that name.
    _decided = event("Decided")(Deciding._decided)
    _home_office_notified = event("HomeOfficeNotified")(Deciding._home_office_notified)
    _decision_checked = event("DecisionChecked")(Deciding._decision_checked)
    _review_directed = event("ReviewDirected")(Deciding._review_directed)
    _decommissioned = event("Decommissioned")(Deciding._decommissioned)
    _commissioned = event("Commissioned")(Inquiry._commissioned)
    _panel_met = event("PanelMet")(Inquiry._panel_met)
    _imr_requested = event("ImrRequested")(Imrs._imr_requested)
    _imr_received = event("ImrReceived")(Imrs._imr_received)
    _imr_extended = event("ImrExtended")(Imrs._imr_extended)
    _imr_chased = event("ImrChased")(Imrs._imr_chased)
    _imr_assessed = event("ImrAssessed")(Imrs._imr_assessed)
    _paused = event("Paused")(Pausing._paused)
    _resumed = event("Resumed")(Pausing._resumed)
    _family_involved = event("FamilyInvolved")(InvolvingFamily._family_involved)
    _drafted = event("Drafted")(Reporting._drafted)
    _action_plan_agreed = event("ActionPlanAgreed")(Reporting._action_plan_agreed)
    _submitted = event("Submitted")(Reporting._submitted)
    _feedback_received = event("FeedbackReceived")(Assurance._feedback_received)
    _resubmitted = event("Resubmitted")(Assurance._resubmitted)
    _approved = event("Approved")(Assurance._approved)
    _published = event("Published")(Assurance._published)
    _publication_withheld = event("PublicationWithheld")(Assurance._publication_withheld)
    _corrected = event("Corrected")(Correcting._corrected)


def _optional(
    enum: type[AgeBand] | type[Sex] | type[Relationship], value: str | None, what: str
) -> str | None:
    return None if value in (None, "") else coerce(enum, value, what)
