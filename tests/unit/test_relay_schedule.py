"""The relay's schedule: the safety sweep comes a source at a time, and a rung source that
showed nothing yet is read again until it does (the commit became visible) or time runs out."""

from __future__ import annotations

from projections.schedule import Rechecks, Sweep


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_sweep_hands_out_every_source_once_per_pass_in_order() -> None:
    clock = Clock()
    sweep = Sweep(every=5.0, clock=clock)
    sources = ["csp-a", "csp-b", "@region"]
    assert [sweep.next(sources) for _ in range(3)] == sources
    assert not sweep.busy
    assert sweep.next(sources) is None  # the next pass is not due yet
    clock.now += 5.0
    assert sweep.next(sources) == "csp-a"
    assert sweep.busy


def test_a_pass_taking_longer_than_the_period_is_finished_before_the_next_starts() -> None:
    clock = Clock()
    sweep = Sweep(every=1.0, clock=clock)
    assert sweep.next(["a", "b"]) == "a"
    clock.now += 3.0  # slow sources: the period passed mid-pass
    assert sweep.next(["a", "b", "c"]) == "b"
    assert sweep.next(["a", "b", "c"]) == "a"  # only then a new pass, with the new source
    assert sweep.next(["a", "b", "c"]) == "b"
    assert sweep.next(["a", "b", "c"]) == "c"


def test_a_restart_begins_a_whole_pass_at_once() -> None:
    clock = Clock()
    sweep = Sweep(every=5.0, clock=clock)
    assert sweep.next(["a", "b"]) == "a"
    sweep.restart()
    assert sweep.next(["a", "b"]) == "a"
    assert sweep.next(["a", "b"]) == "b"
    assert sweep.next(["a", "b"]) is None


def test_a_rung_source_that_gave_nothing_is_read_again_until_it_gives_something() -> None:
    clock = Clock()
    rechecks = Rechecks(window=2.0, clock=clock)
    rechecks.heard({"csp-a", "csp-b"}, {"csp-a": 0, "csp-b": 3})
    assert rechecks.due() == {"csp-a"}
    clock.now += 0.5
    rechecks.heard({"csp-a"}, {"csp-a": 0})  # still nothing: its window is not extended
    clock.now += 1.0
    assert rechecks.due() == {"csp-a"}
    rechecks.heard({"csp-a"}, {"csp-a": 1})  # the commit became visible
    assert rechecks.due() == set()
    assert not rechecks


def test_a_recheck_gives_up_after_its_window() -> None:
    clock = Clock()
    rechecks = Rechecks(window=2.0, clock=clock)
    rechecks.heard({"csp-a"}, {})
    clock.now += 2.5
    assert rechecks.due() == set()  # a ring with nothing behind it: the sweep covers the rest


def test_a_source_found_by_the_sweep_needs_no_more_rechecks() -> None:
    clock = Clock()
    rechecks = Rechecks(window=2.0, clock=clock)
    rechecks.heard({"csp-a"}, {"csp-a": 0})
    rechecks.heard(set(), {"csp-a": 2})
    assert rechecks.due() == set()


def test_new_sources_come_first_and_only_once_in_a_pass() -> None:
    clock = Clock()
    sweep = Sweep(every=5.0, clock=clock)
    assert sweep.next(["a", "b", "c"]) == "a"
    sweep.first(["new-1", "new-2", "c"])
    assert [sweep.next(["a", "b", "c"]) for _ in range(4)] == ["new-1", "new-2", "b", "c"]
    assert sweep.next(["a", "b", "c"]) is None


def test_at_start_every_source_is_new_and_handed_out_one_at_a_time() -> None:
    sweep = Sweep(every=5.0, clock=Clock())
    sweep.first(["a", "b"])
    assert sweep.busy
    assert sweep.next(["a", "b"]) == "a"
    assert sweep.next(["a", "b"]) == "b"
