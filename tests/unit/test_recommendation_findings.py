"""ReviewFindings: the predictable / preventable judgement and themed findings of a review."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from domain.actionplan import Judgement, ReviewFindings
from domain.errors import InvalidValueError

INCIDENT = date(2014, 11, 2)


def test_a_review_is_judged_and_can_be_revised() -> None:
    findings = ReviewFindings(review_id=uuid.uuid4())
    findings.judge(Judgement.NO, Judgement.NO, date(2015, 5, 1))
    findings.judge("no", "not_determined", date(2015, 9, 1))  # type: ignore[arg-type]
    assert (findings.predictable, findings.preventable) == (Judgement.NO, Judgement.NOT_DETERMINED)
    assert findings.judged_on == date(2015, 9, 1)


def test_findings_are_numbered_and_keep_their_themes() -> None:
    findings = ReviewFindings(review_id=uuid.uuid4())
    first = findings.record_finding(
        "Risk to the children was assessed apart from the mother's",
        ["risk-assessment-integration"],
        date(2015, 5, 1),
        incident_on=INCIDENT,
    )
    second = findings.record_finding(
        "GP saw injuries twice",
        ["primary-care-early-identification", "identification-of-risk"],
        date(2015, 5, 1),
        incident_on=INCIDENT,
    )
    assert (first, second) == (1, 2)
    assert findings.theme_codes == (
        "risk-assessment-integration",
        "primary-care-early-identification",
        "identification-of-risk",
    )


def test_an_untagged_or_empty_finding_is_refused() -> None:
    findings = ReviewFindings(review_id=uuid.uuid4())
    findings.collect_events()
    with pytest.raises(InvalidValueError, match="theme"):
        findings.record_finding("text", [], date(2015, 5, 1), incident_on=INCIDENT)
    with pytest.raises(InvalidValueError, match="needs text"):
        findings.record_finding(" ", ["training"], date(2015, 5, 1), incident_on=INCIDENT)
    with pytest.raises(InvalidValueError, match="The finding is dated 2999-01-01, after today"):
        findings.record_finding("text", ["training"], date(2999, 1, 1), incident_on=INCIDENT)
    with pytest.raises(InvalidValueError, match="The judgement is dated 2999-01-01, after today"):
        findings.judge(Judgement.YES, Judgement.NO, date(2999, 1, 1))
    assert not findings.collect_events()


def test_the_findings_id_follows_from_the_review() -> None:
    review_id = uuid.uuid4()
    assert ReviewFindings(review_id=review_id).id == ReviewFindings.create_id(review_id)
