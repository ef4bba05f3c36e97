"""What a partner agency's own user may do in one partnership: its actions and its IMRs.

An ``agency_contributor`` is scoped to one agency (a partner directory key). This service
wraps a tenant's ``PartnershipLedger`` and answers only records that agency owns, whatever
they were called when recorded (the region's directory resolves names and aliases). Anything
else is "not found", exactly as for a record that does not exist, so an agency never learns
what other agencies were asked or own. The agency records progress and evidence, says when an
action is complete, submits its IMR, its report and its chronology entries, and asks for more
time for its IMR; the panel assesses, extends (or refuses more time) and chases, and the
partnership's lead signs completion off (the partnership's own routes). Of a case's documents
the agency sees only its own uploads: its IMR report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from uuid import UUID

from domain.actionplan import Action, PlanLine
from domain.documents import DocumentKind
from domain.errors import DuplicateError, NotFoundError
from domain.region import PartnerDirectory
from domain.region.agencies import owned_by
from domain.reviews import more_time
from domain.reviews.records import Imr
from tenants.ledger import PartnershipLedger
from tenants.ledger.documents import DocumentInfo, VersionInfo
from tenants.unreadable import LeftOut

HIDDEN = "No such record for your agency; check the address."


@dataclass(frozen=True)
class AgencyImr:
    """One IMR asked of the agency, with the case it belongs to (reference only)."""

    review_id: UUID
    reference: str
    imr: Imr
    days_late: int | None


class AgencyWork:
    def __init__(self, ledger: PartnershipLedger, directory: PartnerDirectory, agency: str):
        self.ledger, self.directory, self.agency = ledger, directory, agency

    def owns(self, recorded: str) -> bool:
        return owned_by(self.directory, self.agency, recorded)

    def actions(self, as_of: date, left_out: LeftOut | None = None) -> list[PlanLine]:
        """The agency's actions on the partnership's master plan, by due date; ``left_out``:
        as ``plan.master``'s."""
        lines = self.ledger.plan.master(as_of, left_out=left_out)
        return [line for line in lines if self.owns(line.owner)]

    def action(self, action_id: UUID) -> Action:
        try:
            found = self.ledger.actions.get(action_id)
        except NotFoundError:
            raise NotFoundError(HIDDEN) from None
        if not self.owns(found.owner):
            raise NotFoundError(HIDDEN)
        return found

    def start_action(self, action_id: UUID, on: date) -> None:
        self.action(action_id)
        self.ledger.actions.start(action_id, on)

    def record_progress(self, action_id: UUID, on: date, text: str) -> None:
        self.action(action_id)
        self.ledger.actions.record_progress(action_id, on, text)

    def add_evidence(self, action_id: UUID, reference: str, added_on: date) -> None:
        self.action(action_id)
        self.ledger.actions.add_evidence(action_id, reference, added_on)

    def complete(self, action_id: UUID, completed_on: date) -> None:
        """The agency says its action is done; the partnership's lead signs completion off."""
        self.action(action_id)
        self.ledger.actions.complete(action_id, completed_on)

    def imrs(self, as_of: date, left_out: LeftOut | None = None) -> list[AgencyImr]:
        """Every IMR asked of the agency in this partnership, oldest request first;
        ``left_out``: as ``reviews.all``'s."""
        found = [
            AgencyImr(review.id, review.reference, imr, imr.days_late(as_of))
            for review in self.ledger.reviews.all(left_out=left_out)
            for imr in review.imrs
            if self.owns(imr.agency)
        ]
        return sorted(found, key=lambda i: (i.imr.requested_on, i.reference))

    def imr(self, review_id: UUID, as_of: date) -> AgencyImr:
        try:
            review = self.ledger.reviews.get(review_id)
        except NotFoundError:
            raise NotFoundError(HIDDEN) from None
        imr = next((i for i in review.imrs if self.owns(i.agency)), None)
        if imr is None:
            raise NotFoundError(HIDDEN)
        return AgencyImr(review.id, review.reference, imr, imr.days_late(as_of))

    def submit_imr(
        self, review_id: UUID, on: date, with_chronology: bool, today: date
    ) -> AgencyImr:
        """The agency sends its IMR (again, after the panel returned it); the panel assesses.
        The receipt says the report is attached when the agency uploaded it here."""
        imr = self.imr(review_id, today).imr
        attached = bool(self.reports(review_id, today))
        self.ledger.imrs.receive(review_id, imr.agency, on, with_chronology, with_report=attached)
        return self.imr(review_id, today)

    def check_more_time(self, review_id: UUID, due_on: date, reason: str, today: date) -> None:
        """Refuse, as asking would, a request the ledger would not take; records nothing, so
        a page refuses a date beside its box before the agency checks its answers."""
        imr = self.imr(review_id, today).imr
        review = self.ledger.reviews.get(review_id)
        more_time.ask_imr_extension(review, imr.agency, today, due_on, reason, today)

    def ask_for_more_time(
        self, review_id: UUID, due_on: date, reason: str, today: date
    ) -> AgencyImr:
        """The agency asks, today, for its IMR to be due later; the panel agrees or refuses."""
        imr = self.imr(review_id, today).imr
        self.ledger.imrs.ask_extension(review_id, imr.agency, today, due_on, reason, today=today)
        return self.imr(review_id, today)

    def entries_given(self, review_id: UUID, today: date) -> int:
        """How many chronology entries the agency has given for the case (none opened)."""
        imr = self.imr(review_id, today).imr
        chronology = self.ledger.chronology.of_case(review_id)
        return (
            sum(1 for _, agency, *_ in chronology.entries if agency == imr.agency)
            if chronology
            else 0
        )

    def submit_chronology_entry(
        self,
        review_id: UUID,
        occurred_on: date,
        occurred_at: time | None,
        what_happened: str,
        source: str,
        today: date,
    ) -> int:
        """Entries go in under the agency's IMR as recorded, so they merge with the panel's."""
        imr = self.imr(review_id, today).imr
        return self.ledger.chronology.submit(
            review_id, imr.agency, occurred_on, occurred_at, what_happened, source, today
        )

    def reports(self, review_id: UUID, today: date) -> list[DocumentInfo]:
        """The agency's own uploads to a case it was asked for an IMR on (its IMR report, each
        version); never the case's other documents, nor another agency's."""
        self.imr(review_id, today)
        found = self.ledger.documents.of_case(review_id)
        return [d for d in found if d.agency is not None and self.owns(d.agency)]

    def attach_report(
        self, review_id: UUID, filename: str, content: bytes, today: date, max_bytes: int
    ) -> int:
        """The agency's IMR report, checked as any document is: the first upload is a document
        of the case recorded as the agency's, each later one (a report revised after the panel
        returned it) its next version. Returns the version number."""
        imr = self.imr(review_id, today).imr
        mine = self.reports(review_id, today)
        documents = self.ledger.documents
        if not mine:
            name = self.directory.partners.get(self.agency)
            title = f"IMR report: {name.name if name else imr.agency}"
            documents.add(
                review_id,
                DocumentKind.IMR,
                title,
                filename,
                content,
                today,
                max_bytes,
                None,
                imr.agency,
            )
            return 1
        try:
            return documents.add_version(
                review_id, mine[0].number, filename, content, today, max_bytes, mine[0].agency
            )
        except DuplicateError:
            raise DuplicateError(
                f"This file is the same as the report you uploaded last (version "
                f"{mine[0].versions[-1].number}); nothing was added."
            ) from None

    def report_file(
        self, review_id: UUID, number: int, version: int, today: date
    ) -> tuple[VersionInfo, bytes]:
        """A version of one of the agency's own uploads; any other document is not found."""
        if not any(d.number == number for d in self.reports(review_id, today)):
            raise NotFoundError(HIDDEN)
        return self.ledger.documents.file(review_id, number, version)
