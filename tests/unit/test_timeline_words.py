"""A record's history in words: titles, names for ids, dates and money as people write them."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from api.web import timeline as case_timeline
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


def test_an_agencys_request_for_more_time_and_its_refusal_read_in_words(
    memory_ledger: PartnershipLedger,
) -> None:
    """The request was a phone call nobody kept: the case's history now says who asked, for
    which date and why, and the panel's answer with the reason the agency was given."""
    with acting_as(ACTOR):
        review = memory_ledger.reviews.notify(
            "DHR-2", date(2014, 1, 10), date(2014, 1, 20), "Mary", "dhr", "familial_homicide"
        )
        memory_ledger.reviews.decide(review, date(2014, 2, 3), "hold", "")
        memory_ledger.imrs.request(review, "police", date(2014, 3, 1), date(2014, 4, 1))
        memory_ledger.imrs.ask_extension(
            review, "police", date(2014, 3, 20), date(2014, 4, 20), "Author off sick"
        )
        memory_ledger.imrs.refuse_extension(
            review, "police", date(2014, 3, 21), "The panel meets on 2 April"
        )
    events = list(memory_ledger.events.get(review))
    names = {"police": "Midshire Police"}.get

    refused, asked, *_ = timeline(events, {ACTOR: "Sam Patel"}.__getitem__, agencies=names)  # type: ignore[arg-type]
    assert asked.title == "Agency asked for more time for its IMR"
    assert dict(asked.details) == {
        "Agency": "Midshire Police",
        "Asked on": "20 March 2014",
        "Proposed due date": "20 April 2014",
        "Reason": "Author off sick",
    }
    assert refused.title == "Agency's request for more time refused"
    assert dict(refused.details) == {
        "Agency": "Midshire Police",
        "Refused on": "21 March 2014",
        "Reason given to the agency": "The panel meets on 2 April",
    }

    said = case_timeline.of_case(names, {}, {})  # type: ignore[arg-type]
    assert said["ImrExtensionRefused"](events[-1]) == (
        "More time for the IMR from Midshire Police refused",
        "On 21 March 2014. The panel meets on 2 April",
    )
    assert said["ImrExtensionAsked"](events[-2]) == (
        "Midshire Police asked for more time for its IMR, to 20 April 2014",
        "On 20 March 2014. Author off sick",
    )


JUNE = date(2014, 6, 5)


def test_an_extension_answering_a_request_says_whether_it_was_agreed_as_asked(
    memory_ledger: PartnershipLedger,
) -> None:
    """An extension with a request open agreed to it, perhaps to another date: the history
    says which, with both dates, so the auditor need not line the two events up."""
    with acting_as(ACTOR):
        review = memory_ledger.reviews.notify(
            "DHR-3", date(2014, 1, 10), date(2014, 1, 20), "Mary", "dhr", "familial_homicide"
        )
        memory_ledger.reviews.decide(review, date(2014, 2, 3), "hold", "")
        memory_ledger.imrs.request(review, "police", date(2014, 3, 1), date(2014, 4, 1))
        memory_ledger.imrs.extend(review, "police", date(2014, 3, 2), date(2014, 4, 8), "Easter")
        for day, to, agreed in ((20, date(2014, 5, 30), date(2014, 5, 27)), (28, JUNE, JUNE)):
            memory_ledger.imrs.ask_extension(review, "police", date(2014, 3, day), to, "Ill")
            memory_ledger.imrs.extend(review, "police", date(2014, 3, day + 1), agreed, "Agreed")
    events = list(memory_ledger.events.get(review))
    names = {"police": "Midshire Police"}.get
    said = case_timeline.of_case(names, {}, {})  # type: ignore[arg-type]
    assert [said["ImrExtended"](e)[0] for e in events if type(e).__name__ == "ImrExtended"] == [
        "IMR from Midshire Police extended to 8 April 2014",
        "IMR from Midshire Police extended to 27 May 2014, a different date from the "
        "30 May 2014 the agency asked for",
        "IMR from Midshire Police extended to 5 June 2014, as the agency asked",
    ]
    as_asked, *_ = timeline(events, {ACTOR: "Sam Patel"}.__getitem__, agencies=names)  # type: ignore[arg-type]
    assert ("Date the agency asked for", "5 June 2014") in as_asked.details
    assert ("New due date", "5 June 2014") in as_asked.details
