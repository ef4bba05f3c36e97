"""A record's history in words: titles, names for ids, dates and money as people write them."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from api.web.history_words import timeline
from domain.recording import acting_as
from tenants.ledger import PartnershipLedger

ACTOR = str(uuid4())


def test_a_case_history_reads_in_words_with_names_newest_first(
    memory_ledger: PartnershipLedger,
) -> None:
    with acting_as(ACTOR):
        review = memory_ledger.reviews.notify(
            "DHR-1",
            date(2014, 1, 10),
            date(2014, 1, 20),
            "Mary",
            "dhr",
            "intimate_partner_homicide",
        )
        memory_ledger.reviews.decide(review, date(2014, 2, 3), "hold", "")
        memory_ledger.reviews.commission(review, date(2014, 3, 1), "chair", "author", 850_000)

    items = timeline(memory_ledger.events.get(review), {ACTOR: "Sam Patel"}.__getitem__)

    assert [i.title for i in items] == [
        "Chair and author commissioned",
        "Decision recorded",
        "Death notified to the partnership",
    ]
    assert {i.by for i in items} == {"Sam Patel"}
    assert ("Agreed cost", "£8,500.00") in items[0].details
    assert ("Decided on", "3 February 2014") in items[1].details
    assert ("Outcome", "Hold a Domestic Homicide Review") in items[1].details
    shown = " ".join(v for item in items for _, v in item.details)
    assert str(review) not in shown and ACTOR not in shown  # never an id
