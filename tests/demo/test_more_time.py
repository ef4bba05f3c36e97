"""The demo shows an agency's request for more time for its IMR: one waiting for the panel's
answer and one refused, asked by the police's demo user, dated between the IMR's request and
today, so whoever tries the service sees both on a case page and on the agency's own pages."""

from __future__ import annotations

from typing import Any

from domain.calendar import uk_today
from tenants.demo.imrs import MORE_TIME
from tenants.platform import Platform


def _police_imr(demo: Platform, tenant: str, reference: str) -> tuple[Any, Any, list[Any]]:
    with demo.ledgers.lease(tenant, writing=False) as ledger:
        review = ledger.reviews.get(ledger.reviews.id_for(reference))
        events = ledger.history.of_case(review.id, [])
    (imr,) = [i for i in review.imrs if i.is_for("Police")]
    return review, imr, events


def _asked_by_police(demo: Platform, events: list[Any]) -> None:
    police = str(demo.access.user("demo-leicestershire-police").id)
    asked = [e for e in events if type(e).__name__ == "ImrExtensionAsked"]
    assert [e.recorded_by for e in asked] == [police]  # as the agency asks in the service


def test_the_demo_has_a_request_for_more_time_waiting_for_the_panel(demo: Platform) -> None:
    today = uk_today()
    review, imr, events = _police_imr(demo, "rutland", "RUT-DHR-01")
    waiting = imr.open_extension_request

    assert imr.outstanding and waiting is not None and len(imr.extension_requests) == 1
    assert imr.requested_on < waiting.asked_on <= today
    assert waiting.due_on > imr.current_due_on  # a later date than the IMR is due now
    assert waiting.reason == MORE_TIME["RUT-DHR-01"][2]
    _asked_by_police(demo, events)


def test_the_demo_has_a_request_for_more_time_the_panel_refused(demo: Platform) -> None:
    today = uk_today()
    review, imr, events = _police_imr(demo, "hinckley-bosworth", "HB-DHR-05")
    (refused,) = imr.extension_requests

    assert imr.open_extension_request is None and imr.outstanding
    assert imr.requested_on < refused.asked_on < refused.refused_on <= today
    assert refused.refusal and not imr.extensions  # still due when it was
    assert imr.current_due_on == imr.due_on < refused.due_on
    _asked_by_police(demo, events)


def test_the_demo_asks_for_more_time_only_on_these_two_cases(demo: Platform) -> None:
    asked = []
    for tenant in ("charnwood", "harborough", "melton", "rutland", "hinckley-bosworth"):
        with demo.ledgers.lease(tenant, writing=False) as ledger:
            asked += [
                r.reference for r in ledger.reviews.all() for i in r.imrs if i.extension_requests
            ]
    assert sorted(asked) == ["HB-DHR-05", "RUT-DHR-01"]
