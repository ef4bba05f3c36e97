"""Every kind of event an auditor meets has a title of its own and fields named for what they
are in that event: "Progress on", not "On"; "Recommendation", not "Text"; never a field left
out because it holds an id (the action that replaced another is named)."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from api.web.history_names import money_names
from api.web.history_words import timeline
from domain.funding import BudgetLine, PooledBudget
from domain.recording import acting_as
from domain.region import CommissionedService
from domain.reviews import PointAnswer
from tenants.ledger import PartnershipLedger
from tests.projections.support import open_case, recommend
from tests.unit.review_cases import ANSWERS, with_feedback

ACTOR = str(uuid4())


def _details(item: object) -> dict[str, str]:
    return dict(item.details)  # type: ignore[attr-defined]


def test_an_actions_progress_closing_and_replacement_read_in_words(
    memory_ledger: PartnershipLedger,
) -> None:
    with acting_as(ACTOR):
        rid = open_case(memory_ledger, "DHR-WORDS", date(2011, 6, 1))
        rec = recommend(memory_ledger, rid, "R1", ["training"])
        first = memory_ledger.actions.plan(rec, "Police", "Train every officer", date(2012, 6, 1))
        second = memory_ledger.actions.plan(rec, "Police", "Train call handlers", date(2012, 9, 1))
        third = memory_ledger.actions.plan(rec, "Police", "Buy a new system", date(2012, 9, 1))
        memory_ledger.actions.record_progress(first, date(2012, 2, 1), "Half trained")
        memory_ledger.actions.supersede(first, date(2012, 3, 1), "Narrowed", second)
        memory_ledger.actions.mark_not_achievable(third, date(2012, 3, 2), "No money")
    name = {ACTOR: "Sam Patel"}.__getitem__
    replacing = {str(second): "R1: Police, Train"}
    replaced_by = {"by_action_id": ("Replaced by", lambda key: replacing.get(key, ""))}

    superseded, progress, _ = timeline(memory_ledger.events.get(first), name, named=replaced_by)
    closed, _ = timeline(memory_ledger.events.get(third), name)

    assert progress.title == "Progress recorded"
    assert _details(progress) == {"Progress on": "1 February 2012", "Progress": "Half trained"}
    assert superseded.title == "Action superseded"
    assert _details(superseded) == {
        "Superseded on": "1 March 2012",
        "Reason": "Narrowed",
        "Replaced by": "R1: Police, Train",
    }
    assert closed.title == "Action marked not achievable"
    assert _details(closed) == {"Marked on": "2 March 2012", "Reason": "No money"}


def test_a_recommendation_and_a_finding_name_their_text(
    memory_ledger: PartnershipLedger,
) -> None:
    with acting_as(ACTOR):
        rid = open_case(memory_ledger, "DHR-TEXT", date(2011, 6, 1))
        rec = recommend(memory_ledger, rid, "R1", ["training"])
        memory_ledger.findings.record(rid, "Nobody asked.", ["training"], date(2012, 1, 2))
    name = {ACTOR: "Sam Patel"}.__getitem__

    (made,) = timeline(memory_ledger.events.get(rec), name)
    finding = next(
        i
        for i in timeline(memory_ledger.history.of_case(rid), name)
        if i.title == "Finding recorded"
    )

    assert "Recommendation" in _details(made) and "Text" not in _details(made)
    assert _details(finding)["Finding"] == "Nobody asked."
    assert _details(finding)["Finding number"] == "1"


def test_a_grants_decisions_and_a_services_milestones_say_what_each_field_is() -> None:
    line = BudgetLine.open("its", "Invest to Save", "PCC", "2013/14", 35_000_000, date(2013, 4, 1))
    line.decide("036/2013", date(2013, 9, 4), "PCC", 3_000_000)
    line.allocate("036/2013", "wolverhampton", 3_000_000, date(2013, 9, 20))
    service = CommissionedService.open("arch", "DA support", "arch", "staffs", date(2015, 4, 1))
    service.plan_milestone("Re-tender advertised", date(2017, 12, 1))
    service.reach_milestone("Re-tender advertised", date(2017, 12, 1))
    service.hand_over("pathway", date(2017, 10, 1), "Did not extend")
    names = {"wolverhampton": "Wolverhampton", "pathway": "Pathway Project"}
    keys = money_names([], names, lambda key: names.get(key, key))

    allocated, decided, _ = timeline(line.collect_events(), str, named=keys)
    handed, reached, planned, _ = timeline(service.collect_events(), str, named=keys)

    assert _details(decided)["Decision"] == "036/2013"
    assert _details(allocated)["Decision"] == "036/2013"
    assert _details(allocated)["Partnership"] == "Wolverhampton"
    assert _details(planned) == {"Milestone": "Re-tender advertised", "Due on": "1 December 2017"}
    assert _details(reached) == {
        "Milestone": "Re-tender advertised",
        "Reached on": "1 December 2017",
    }
    assert _details(handed)["New provider"] == "Pathway Project"
    assert _details(handed)["Taken over on"] == "1 October 2017"


def test_a_partner_joining_a_pot_is_named_once() -> None:
    pot = PooledBudget.open("llr", "LLR DHR budget", "office", date(2015, 4, 1))
    pot.add_partner("rutland", "Rutland", date(2015, 4, 1))
    events = pot.collect_events()
    keys = money_names(events, {}, str)

    joined, _ = timeline(events, str, named=keys)

    assert _details(joined) == {"Partner": "Rutland", "Joined on": "1 April 2015"}


def test_answers_to_the_qa_panel_of_several_lines_each_begin_a_line_of_their_own() -> None:
    """An answer of two paragraphs keeps its break, and the next answer starts on a new line
    (the timeline shows a value's breaks), not after a semicolon inside the first."""
    review = with_feedback()
    answers = [PointAnswer(1, "Chronology merged.\n\nSources cited."), PointAnswer(2, "Done")]
    review.resubmit(date(2014, 11, 10), answers, today=date(2014, 12, 1))
    resubmitted = review.collect_events()[-1]

    (item,) = timeline([resubmitted], str)

    assert _details(item)["Answers"] == "1: Chronology merged.\n\nSources cited.\n2: Done"


def test_answers_of_one_line_read_as_one_sentence() -> None:
    review = with_feedback()
    review.resubmit(date(2014, 11, 10), ANSWERS, today=date(2014, 12, 1))

    (item,) = timeline([review.collect_events()[-1]], str)

    assert _details(item)["Answers"] == "1: Chronology merged; 2: Actions have owners and dates"
