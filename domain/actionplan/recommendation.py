"""``Recommendation``: one lesson of a DHR, its scope, its target, its themes — and, when national,
where it was routed and how the addressee answered on the Domestic Abuse Commissioner's scale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.actionplan.correcting import (
    Taggable,
    apply_recommendation_correction,
    correct_recommendation,
)
from domain.actionplan.numbering import Numbered, check_number
from domain.actionplan.values import ImplementationStatus, NationalResponse, Scope
from domain.actionplan.work import ActionState
from domain.dating import check_happened, check_not_before, check_once, check_since_incident
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.ids import ledger_id
from domain.recording import LedgerAggregate
from domain.texts import required_text, visible


class Recommendation(LedgerAggregate):
    @staticmethod
    def create_id(review_id: UUID, reference: str) -> UUID:
        return ledger_id(f"recommendation:{review_id}:{reference}")

    @classmethod
    def make(
        cls,
        review_id: UUID,
        reference: str,
        text: str,
        scope: Scope,
        made_on: date,
        theme_codes: Sequence[str],
        target_organisation: str | None = None,
        target_sector: str | None = None,
        *,
        incident_on: date,
    ) -> Recommendation:
        """Check the parts, then record the recommendation (theme codes checked by the caller;
        ``incident_on``: the case's, which the recommendation cannot precede)."""
        needs = "A recommendation needs its reference (e.g. '3') and its text."
        reference, text = required_text(reference, needs), required_text(text, needs)
        # an organisation that shows nothing names no one, as a blank one does
        given = (target_organisation or "").strip()
        organisation = given if visible(given) else None
        if organisation is None and not target_sector:
            raise InvalidValueError(
                "Say who the recommendation targets: a named organisation, a service sector, "
                "or both."
            )
        codes = tuple(dict.fromkeys(theme_codes))
        if not codes:
            raise InvalidValueError("Tag the recommendation with at least one theme code.")
        check_number(reference)
        check_happened(made_on, "The recommendation")
        check_since_incident(made_on, incident_on, "The recommendation")
        return cls(
            review_id=review_id,
            reference=reference,
            text=text,
            scope=Scope(scope),
            made_on=made_on,
            theme_codes=codes,
            target_organisation=organisation,
            target_sector=target_sector or None,
        )

    @event("Made")
    def __init__(
        self,
        review_id: UUID,
        reference: str,
        text: str,
        scope: Scope,
        made_on: date,
        theme_codes: tuple[str, ...],
        target_organisation: str | None,
        target_sector: str | None,
    ) -> None:
        self.review_id = review_id
        self.reference = reference
        self.text = text
        self.scope = Scope(scope)
        self.made_on = made_on
        self.theme_codes = tuple(theme_codes)
        self.target_organisation = target_organisation
        self.target_sector = target_sector
        self.national_addressee: str | None = None
        self.routed_on: date | None = None
        self.national_responses: tuple[NationalResponse, ...] = ()
        self.former_references: tuple[str, ...] = ()  # numbers it had before a correction

    @property
    def national_status(self) -> ImplementationStatus | None:
        """The latest answer on the Commissioner's scale; 'no response' until one arrives."""
        if self.routed_on is None:
            return None
        if not self.national_responses:
            return ImplementationStatus.NO_RESPONSE
        return sorted(self.national_responses, key=lambda r: r.received_on)[-1].status

    def theme_names(self, labels: Mapping[str, str]) -> tuple[str, ...]:
        """Its themes as a taxonomy's labels name them; a code with no label reads as itself, so
        a theme retired from a list or never on it still shows rather than vanishing."""
        return tuple(labels.get(c, c) for c in self.theme_codes)

    def target_sector_name(self, labels: Mapping[str, str]) -> str | None:
        sector = self.target_sector
        return None if sector is None else labels.get(sector, sector)

    def route_nationally(self, addressee: str, routed_on: date) -> None:
        if self.scope != Scope.NATIONAL:
            raise InvalidTransitionError(
                f"Recommendation {self.reference} has {self.scope} scope; only national "
                "recommendations are routed to a national addressee. Change nothing, or record a "
                "new national recommendation."
            )
        check_once(self.routed_on, f"Recommendation {self.reference} was already routed")
        addressee = required_text(
            addressee, "Name the government department or national body addressed."
        )
        check_not_before(routed_on, self.made_on, "routed", "made")
        check_happened(routed_on, "The routing")
        self._route(addressee=addressee, routed_on=routed_on)

    @event("RoutedNationally")
    def _route(self, addressee: str, routed_on: date) -> None:
        self.national_addressee = addressee
        self.routed_on = routed_on

    def record_national_response(
        self, status: ImplementationStatus, received_on: date, note: str = ""
    ) -> None:
        status = ImplementationStatus(status)
        if self.routed_on is None:
            raise InvalidTransitionError(
                f"Recommendation {self.reference} has not been routed nationally; route it first."
            )
        if received_on < self.routed_on:
            raise InvalidValueError(
                f"A response cannot arrive on {received_on.isoformat()}, before the "
                f"recommendation was routed ({self.routed_on.isoformat()})."
            )
        check_happened(received_on, "The response")
        self._respond(status=status, received_on=received_on, note=note.strip())

    @event("NationalResponseRecorded")
    def _respond(self, status: ImplementationStatus, received_on: date, note: str) -> None:
        response = NationalResponse(ImplementationStatus(status), received_on, note)
        self.national_responses += (response,)

    def correct(
        self,
        field: str,
        value: object,
        reason: str,
        *,
        incident_on: date,
        actions: Sequence[ActionState],
        others: Iterable[Numbered] = (),
        themes: Taggable | None = None,
    ) -> None:
        """Put right a mis-keyed fact (rules: ``correcting``), keeping the old value and why;
        a date made is held to the case's incident and to the recommendation's ``actions``
        (each then follows it: ``Action.follow_recommendation``), a number to the case's
        ``others`` (``numbering``), added themes and a new sector to the tenant's taxonomy
        (``themes``)."""
        self._corrected(
            *correct_recommendation(
                self, field, value, reason, incident_on, actions, others, themes
            )
        )

    @event("Corrected")
    def _corrected(self, field: str, value: Any, previous: Any, reason: str) -> None:
        apply_recommendation_correction(self, field, value)
