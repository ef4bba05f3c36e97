"""Use cases of IMR author contacts: sealed with the case key before recording, opened only
for the partnership's officers and lead, gone once the case's vault is erased."""

from __future__ import annotations

import json
from datetime import date
from uuid import UUID

from domain.errors import InvalidTransitionError
from domain.reviews import DomesticHomicideReview
from domain.vault.imr_contacts import ImrAuthorContacts, ImrContact
from tenants.ledger.application import PartnershipLedger


class ImrContacts:
    """A small service over a tenant's ledger (``ImrContacts(ledger)``), beside its own."""

    def __init__(self, ledger: PartnershipLedger) -> None:
        self.ledger = ledger

    def _contacts(self, review_id: UUID) -> ImrAuthorContacts | None:
        return self.ledger.find(ImrAuthorContacts.create_id(review_id), ImrAuthorContacts)

    def record(self, review_id: UUID, agency: str, contact: ImrContact, today: date) -> None:
        """Only for an agency asked for an IMR; kept under the agency as the IMR records it."""
        review = self.ledger.reviews.get(review_id)
        self.ledger.save(self._sealed(review, agency, contact, today))

    def request(
        self,
        review_id: UUID,
        contact: ImrContact,
        today: date,
        agency: str,
        requested_on: date,
        due_on: date | None = None,
    ) -> None:
        """Ask an agency for its IMR and keep its author's contact, saved together: a refused
        contact (the case's vault erased) leaves no request behind, and no request stands
        without the contact it was sent with."""
        review = self.ledger.reviews.get(review_id)
        review.request_imr(agency, requested_on, due_on)
        self.ledger.save(review, self._sealed(review, agency, contact, today))

    def _sealed(
        self, review: DomesticHomicideReview, agency: str, contact: ImrContact, today: date
    ) -> ImrAuthorContacts:
        imr = review._requested_imr(agency)
        if self.ledger.vault.is_erased(review.id):
            raise InvalidTransitionError(
                "This case's personal details were erased; no IMR contact can be kept for it."
            )
        contacts = self._contacts(review.id) or ImrAuthorContacts(review_id=review.id)
        payload = json.dumps(contact.to_json(), separators=(",", ":")).encode()
        contacts.record(imr.agency, self.ledger.vault.keys().encrypt(review.id, payload), today)
        return contacts

    def version(self, review_id: UUID) -> int:
        """The version the case's contacts were stored at (0 while none is): their ETag."""
        contacts = self._contacts(review_id)
        return 0 if contacts is None else contacts.version

    def of(self, review_id: UUID) -> dict[str, ImrContact]:
        """Each agency's author contact; nothing once the case's vault is erased."""
        self.ledger.reviews.get(review_id)
        return {agency: contact for agency, (contact, _) in self.authors(review_id).items()}

    def authors(self, review_id: UUID) -> dict[str, tuple[ImrContact, str]]:
        """Each agency's author contact and the user id of the officer who recorded it, for a
        case known to exist (the reminder run's read); nothing once its vault is erased."""
        contacts = self._contacts(review_id)
        if contacts is None or self.ledger.vault.is_erased(review_id):
            return {}
        found = {}
        for agency, sealed in contacts.sealed.items():
            plain = self.ledger.vault.keys().decrypt(review_id, sealed)
            if plain is not None:
                contact = ImrContact.from_json(json.loads(plain))
                found[agency] = (contact, contacts.officers.get(agency, ""))
        return found
