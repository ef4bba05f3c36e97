"""The Individual Management Reviews a case asks of agencies (``ledger.imrs``): request, extend,
chase, receive, assess, and the agency's request for more time the panel refuses (or agrees
to by extending); get the case → command → save, one each.
"""

from __future__ import annotations

from uuid import UUID

from domain.reviews import DomesticHomicideReview
from tenants.application import LedgerApplication
from tenants.ledger.reviews import Reviews
from tenants.ledger.service import Service, command


class Imrs(Service):
    def __init__(self, app: LedgerApplication, reviews: Reviews) -> None:
        super().__init__(app)
        self.reviews = reviews

    def _case(self, review_id: UUID) -> DomesticHomicideReview:
        return self.reviews.get(review_id)

    request = command(_case, DomesticHomicideReview.request_imr)
    extend = command(_case, DomesticHomicideReview.extend_imr)
    chase = command(_case, DomesticHomicideReview.chase_imr)
    assess = command(_case, DomesticHomicideReview.assess_imr)
    receive = command(_case, DomesticHomicideReview.receive_imr)
    ask_extension = command(_case, DomesticHomicideReview.ask_imr_extension)
    refuse_extension = command(_case, DomesticHomicideReview.refuse_imr_extension)
