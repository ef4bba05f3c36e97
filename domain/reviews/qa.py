"""Home Office QA panel feedback: numbered points that a resubmission answers one by one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from domain.errors import InvalidValueError
from domain.reviews.checks import check_text


@dataclass(frozen=True)
class FeedbackPoint:
    number: int
    summary: str


@dataclass(frozen=True)
class PointAnswer:
    number: int
    response: str


@dataclass(frozen=True)
class FeedbackRound:
    """One letter and, once resubmitted, the answers to it."""

    received_on: date
    points: tuple[FeedbackPoint, ...]
    answers: tuple[PointAnswer, ...] = ()
    resubmitted_on: date | None = None

    def answered(self, resubmitted_on: date, answers: tuple[PointAnswer, ...]) -> FeedbackRound:
        return replace(self, answers=answers, resubmitted_on=resubmitted_on)


def check_points(points: Iterable[object]) -> tuple[FeedbackPoint, ...]:
    """A letter needs at least one point, each with a distinct positive number."""
    checked = tuple(_point(p) for p in points)
    if not checked:
        raise InvalidValueError(
            "A feedback letter needs at least one numbered point; approve instead."
        )
    _check_distinct([p.number for p in checked], "feedback point")
    return checked


def check_answers(outstanding: FeedbackRound, answers: Iterable[object]) -> tuple[PointAnswer, ...]:
    """Every outstanding point answered exactly once; a point the letter never raised is refused."""
    checked = tuple(_answer(a) for a in answers)
    numbers = [a.number for a in checked]
    _check_distinct(numbers, "answer to point")
    expected = {p.number for p in outstanding.points}
    if unknown := sorted(set(numbers) - expected):
        raise InvalidValueError(
            f"The feedback letter has no point(s) {unknown}; answer only {sorted(expected)}."
        )
    if missing := sorted(expected - set(numbers)):
        raise InvalidValueError(
            f"Point(s) {missing} of the feedback letter are unanswered; answer every point."
        )
    return tuple(sorted(checked, key=lambda a: a.number))


def _point(value: object) -> FeedbackPoint:
    if not isinstance(value, FeedbackPoint):
        raise InvalidValueError("Each feedback point needs a number and a summary.")
    return FeedbackPoint(_number(value.number), check_text(value.summary, "feedback point summary"))


def _answer(value: object) -> PointAnswer:
    if not isinstance(value, PointAnswer):
        raise InvalidValueError("Each answer needs the point number and a response.")
    return PointAnswer(
        _number(value.number), check_text(value.response, "answer to a feedback point")
    )


def _number(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValueError(
            f"Feedback points are numbered 1, 2, 3…; '{value}' is not a point number."
        )
    return value


def _check_distinct(numbers: list[int], what: str) -> None:
    if duplicates := sorted({n for n in numbers if numbers.count(n) > 1}):
        raise InvalidValueError(
            f"Each {what} number appears once; {duplicates} appear more than once."
        )
