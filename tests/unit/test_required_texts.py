"""Every domain command that needs a text holds it to the one rule (``domain.texts.required_text``):
text that shows nothing (a lone combining accent, invisible format characters, a Hangul filler)
is blank however many characters it has, so the pages and the CLI, which reach the commands
without the API's schemas, refuse what the API refuses, and record nothing. Ordinary text of
every kind (accents, Welsh, emoji and their joiners, a nation's flag) is still kept."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest
from marshmallow import ValidationError

from api.schemas.common import ReasonIn
from domain.actionplan import Action, Recommendation, Scope
from domain.audit import AuditSeal
from domain.audit.seal import Export
from domain.documents import check_file
from domain.errors import InvalidValueError
from domain.funding import AmountLine, BudgetLine
from domain.learning.agreement import DataSharingAgreement
from domain.learning.earlier import Draft
from domain.region.demand import DemandRecord
from domain.vault import CaseVault, Contact, ErasureBasis, PersonalDetails
from domain.vault.imr_contacts import ImrContact
from tests.unit.refusals import assert_refused
from tests.unit.test_action import MADE_ON, planned

BLANK = ["\u0301", " \u0301 ", "\u200b", "\u2060\ufeff", "\u200d", "\u3164", "\u00ad"]
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
WALES = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
ORDINARY = [
    "Siân Llŷr",  # precomposed accents
    "Sia\u0302n",  # an accent combined with its letter
    "Heddlu Gogledd Cymru",
    "Gwasanaeth Prawf Cymru — Bwrdd Iechyd Prifysgol Betsi Cadwaladr",
    "Zoë O'Connor-Ní Bhriain",
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian with a zero-width non-joiner
    "Family liaison \U0001f469\u200d\U0001f469\u200d\U0001f467",  # an emoji ZWJ sequence
    f"Team {WALES} and {ENGLAND}",
]


def test_every_blank_example_is_one_the_api_refuses_too() -> None:
    """The examples are what the API's required text refuses (``_Shows``, or ``not_plain``
    for the format characters): the domain must refuse them as well."""
    for text in BLANK:
        with pytest.raises(ValidationError, match="blank|invisible"):
            ReasonIn().load({"reason": text})
    for text in ORDINARY:
        assert ReasonIn().load({"reason": text}) == {"reason": text}


@pytest.mark.parametrize("text", BLANK)
@pytest.mark.parametrize("part", ["owner", "description"])
def test_an_action_whose_owner_or_description_shows_nothing_is_refused(
    text: str, part: str
) -> None:
    owner = text if part == "owner" else "Leicestershire Police"
    description = text if part == "description" else "Roll out DASH training"
    with pytest.raises(InvalidValueError, match="needs an owner agency and a description"):
        Action.plan(uuid.uuid4(), uuid.uuid4(), owner, description, MADE_ON, MADE_ON)


@pytest.mark.parametrize("text", ORDINARY)
def test_an_action_owned_and_described_in_ordinary_words_is_planned(text: str) -> None:
    action = Action.plan(uuid.uuid4(), uuid.uuid4(), f" {text} ", text, MADE_ON, MADE_ON)
    assert (action.owner, action.description) == (text, text)


@pytest.mark.parametrize("text", BLANK)
@pytest.mark.parametrize("field", ["owner", "description"])
def test_a_correction_to_a_blank_owner_or_description_is_refused(text: str, field: str) -> None:
    action = planned()
    assert_refused(
        action, InvalidValueError, action.correct, field, text, "typed wrong", match="required"
    )
    assert_refused(
        action, InvalidValueError, action.correct, field, "Swanswell", text, match="Say why"
    )
    action.correct(field, ORDINARY[0], ORDINARY[4])
    assert getattr(action, field) == ORDINARY[0]


def _recommendation(**kwargs: object) -> Recommendation:
    args: dict[str, object] = dict(
        review_id=uuid.uuid4(),
        reference="4",
        text="Guidance on DASH for health settings",
        scope=Scope.NATIONAL,
        made_on=date(2014, 2, 1),
        theme_codes=["training"],
        target_sector="health",
        incident_on=date(2013, 6, 1),
    )
    return Recommendation.make(**{**args, **kwargs})  # type: ignore[arg-type]


@pytest.mark.parametrize("text", BLANK)
def test_a_recommendation_whose_reference_text_or_only_target_shows_nothing_is_refused(
    text: str,
) -> None:
    with pytest.raises(InvalidValueError, match="its reference"):
        _recommendation(text=text)
    with pytest.raises(InvalidValueError, match="its reference"):
        _recommendation(reference=text)
    with pytest.raises(InvalidValueError, match="Say who the recommendation targets"):
        _recommendation(target_organisation=text, target_sector=None)
    # beside a sector, an organisation that shows nothing names no one, as a blank one does
    assert _recommendation(target_organisation=text).target_organisation is None


@pytest.mark.parametrize("text", ORDINARY)
def test_a_recommendation_in_ordinary_words_is_made(text: str) -> None:
    made = _recommendation(text=text, target_organisation=text, target_sector=None)
    assert (made.text, made.target_organisation) == (text, text)


@pytest.mark.parametrize("text", BLANK)
def test_personal_details_whose_victim_or_contact_name_shows_nothing_are_refused(
    text: str,
) -> None:
    with pytest.raises(InvalidValueError, match="the victim's name"):
        PersonalDetails(victim_name=text)
    with pytest.raises(InvalidValueError, match="Give each contact a name"):
        PersonalDetails(victim_name="Mary", contacts=(Contact(name=text),))


def test_personal_details_kept_before_the_rule_are_still_read_as_they_were_sealed() -> None:
    kept = {"victim_name": "\u0301", "contacts": [{"name": "\u200b"}]}
    details = PersonalDetails.from_json(kept)
    assert (details.victim_name, details.contacts[0].name) == ("\u0301", "\u200b")


@pytest.mark.parametrize("text", ORDINARY)
def test_personal_details_in_ordinary_words_are_kept_and_read_back(text: str) -> None:
    details = PersonalDetails(victim_name=text, contacts=(Contact(name=text, relationship=text),))
    assert PersonalDetails.from_json(details.to_json()) == details


@pytest.mark.parametrize("text", BLANK)
def test_an_imr_author_whose_name_shows_nothing_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError, match="IMR author's name"):
        ImrContact.checked(text, "author@agency.gov.uk")


@pytest.mark.parametrize("text", ORDINARY)
def test_an_imr_author_named_in_ordinary_words_is_kept(text: str) -> None:
    assert ImrContact.checked(text, "author@agency.gov.uk").name == text


@pytest.mark.parametrize("text", BLANK)
def test_an_erasure_whose_reason_shows_nothing_is_refused(text: str) -> None:
    vault = CaseVault(review_id=uuid.uuid4())
    vault.record("sealed", date(2020, 1, 1))
    vault.collect_events()
    assert_refused(
        vault,
        InvalidValueError,
        vault.erase,
        text,
        date(2021, 1, 1),
        ErasureBasis.REQUEST,
        match="Say why",
    )
    vault.erase(ORDINARY[1], date(2021, 1, 1), ErasureBasis.REQUEST)
    assert vault.erasure_reason == ORDINARY[1]


@pytest.mark.parametrize("text", BLANK)
def test_a_budget_line_or_business_case_that_shows_nothing_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError, match="name is required"):
        BudgetLine.open("ITS", text, "PCC", "2015/16", 3_000_000, date(2015, 4, 1))
    line = BudgetLine.open("ITS", "Invest to Save", "PCC", "2015/16", 3_000_000, date(2015, 4, 1))
    line.collect_events()
    costed = (AmountLine(text, 100),)  # as a stored business case is read back: unchecked
    assert_refused(
        line,
        InvalidValueError,
        line.submit_business_case,
        "BC1",
        "Research",
        "Coventry",
        costed,
        date(2015, 5, 1),
        match="What the money is for",
    )
    line.submit_business_case(
        "BC1", ORDINARY[2], ORDINARY[0], (AmountLine(ORDINARY[6], 100),), date(2015, 5, 1)
    )
    assert line.cases["BC1"].lines[0].purpose == ORDINARY[6]


def test_a_costed_line_stored_before_the_rule_is_still_read_back() -> None:
    """A business case's lines travel inside its event, so they are rebuilt on every read."""
    assert AmountLine("\u0301", 100).purpose == "\u0301"


@pytest.mark.parametrize("text", BLANK)
def test_a_data_sharing_agreement_that_shows_nothing_is_refused(text: str) -> None:
    for part in ("reference", "researcher", "purpose"):
        given = {"reference": "DSA-1", "researcher": "Dr Jones", "purpose": "Themes study"}
        with pytest.raises(InvalidValueError, match="needs its reference"):
            DataSharingAgreement.record(
                region="west",
                **{**given, part: text},
                reviews=[("cov", uuid.uuid4())],
                signed_on=date(2020, 1, 1),
                expires_on=date(2021, 1, 1),
            )


@pytest.mark.parametrize("text", BLANK)
def test_a_draft_to_compare_that_shows_nothing_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError, match="draft recommendation's text"):
        Draft(text)
    assert Draft(text, ("training",)).theme_codes == ("training",)


@pytest.mark.parametrize("text", BLANK)
def test_a_demand_figure_corrected_without_a_reason_that_shows_is_refused(text: str) -> None:
    demand = DemandRecord()
    demand.record("marac_cases", "cov", "2016/17", 2247, date(2017, 5, 1))
    demand.collect_events()
    assert_refused(
        demand,
        InvalidValueError,
        demand.record,
        "marac_cases",
        "cov",
        "2016/17",
        2250,
        date(2017, 6, 1),
        text,
        match="give a reason",
    )


@pytest.mark.parametrize("text", BLANK)
def test_a_file_or_an_export_named_by_nothing_that_shows_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError, match="the file's name"):
        check_file(b"%PDF-1.4 body", text, 100)
    seal = AuditSeal(tenant="cov")
    seal.collect_events()
    export = Export(datetime(2020, 1, 1), text, None, 1, 1, "a" * 64)
    assert_refused(seal, InvalidValueError, seal.record_export, export, match="who it was for")
