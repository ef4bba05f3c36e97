"""Commissioned services as pages: who provides a service now and before, its funding
agreements with each funder's share and extensions, the tender's milestones, and what each
funder has paid; for OPCC staff, recording each of these.

Staffordshire's domestic abuse support (seed 004) was bought from Arch, Pathway and
Staffordshire Women's Aid under agreements shared by the county council and the OPCC, extended
until the new services started in October 2018, with East Staffordshire handed from Home Group
to Pathway in October 2017. The same use cases as the API's
``/api/v1/regions/{region}/services/...`` (``RegionLedger.services``); what the service refuses
(shares that do not add up to the year's value, a payment by a body that does not fund the
agreement) shows in the error summary and nothing is recorded."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms.validators import InputRequired

from api.context import may, platform, requires
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web import questions
from api.web.asked import asks
from api.web.commissioning import areas, opened_from_ledger, placed, sum_each, sums_given
from api.web.fields import MORE_THAN_ZERO, GovDate, Pounds, long_text, select, text, why_wrong
from api.web.formatting import money
from api.web.questions import Asked, Words
from domain.calendar import uk_today
from domain.region import CommissionedService
from domain.region.partners import FUNDERS
from tenants.region_ledger import RegionLedger

bp = Blueprint("commissioned_services", __name__)
READ, WRITE = Permission.REGION_LEDGER_READ, Permission.REGION_LEDGER_WRITE
SERVICES = "/regions/<region>/services"
SERVICE = f"{SERVICES}/<reference>"


@bp.route(SERVICE)
@requires(READ)
def service(region: str, reference: str) -> Any:
    with region_ledger(region, writing=False) as ledger:
        found = ledger.services.get(reference)
        names = ledger.partners.names()
    return render_template(
        "commissioning/service.html",
        region=platform().registry.region(region),
        service=found,
        names=names,
        agreements=sorted(found.agreements.values(), key=lambda a: a.starts_on),
        milestones=sorted(found.milestones.values(), key=lambda m: m.due_on),
        today=uk_today(),
        can_record=may(WRITE),
    )


class OpenServiceForm(FlaskForm):
    name = text("Name", "Enter the service's name", "For example North Staffordshire refuge.", 200)
    reference = text(
        "Reference",
        "Enter the service's reference",
        "A short reference used in contracts and papers, for example arch-north-staffs.",
        60,
        width=20,
    )
    provider = select("Provider", InputRequired("Select the provider"))  # hint: its link
    area = select("Area served", InputRequired("Select the area served"))
    on = GovDate("Date the service started", "the start", happened=True)


class AgreementForm(FlaskForm):
    """An agreement's period and value; ``_agreement_form`` adds one share per funder."""

    agreement = text(
        "Agreement reference",
        "Enter the agreement's reference",
        "For example the contract number.",
        60,
        width=20,
    )
    starts_on = GovDate("Start date", "the start")
    ends_on = GovDate("End date", "the end")
    annual_value = Pounds(
        "Value each year, in pounds", "the value each year", validators=[MORE_THAN_ZERO]
    )


class ExtensionForm(FlaskForm):
    agreement = select("Agreement", InputRequired("Select the agreement"))
    on = GovDate("New end date", "the new end")
    reason = long_text(
        "Why it is extended",
        "Say why the agreement is extended",
        "For example: until the new services start in October 2018.",
    )


class HandoverForm(FlaskForm):
    provider = select("New provider", InputRequired("Select the new provider"))  # hint: its link
    on = GovDate("Date the new provider took over", "the handover", happened=True)
    reason = long_text("Why", "Say why the service changed hands")


class MilestoneForm(FlaskForm):
    name = text("Milestone", "Enter the milestone", "For example Re-tender advertised.", 200)
    on = GovDate("Due date", "the milestone")


class ReachedForm(FlaskForm):
    name = select("Milestone", InputRequired("Select the milestone"))
    on = GovDate("Date it was reached", "reaching the milestone", happened=True)


class PaymentCorrectionForm(FlaskForm):
    payment = select("Which payment", InputRequired("Select the payment"))
    amount = Pounds("The right amount, in pounds", "the right amount", validators=[MORE_THAN_ZERO])
    reason = why_wrong("the service's history")


class ShareCorrectionForm(FlaskForm):
    share = select("Which funder's share", InputRequired("Select the funder's share"))
    amount = Pounds(
        "The right share each year, in pounds", "the right share", validators=[MORE_THAN_ZERO]
    )
    reason = why_wrong("the service's history")


class PaymentForm(FlaskForm):
    agreement = select("Agreement", InputRequired("Select the agreement"))
    funder = select("Paid by", InputRequired("Select who paid"))
    amount = Pounds("Amount, in pounds", "the amount paid", validators=[MORE_THAN_ZERO])
    on = GovDate("Date of the payment", "the payment", happened=True)


OPEN = Words(
    "Record a commissioned service",
    "A service bought from a provider in the region's directory; record its funding "
    "agreements next.",
    "Record the service",
    "recorded",
    "the start",
)
AGREE = Words(
    "Record a funding agreement",
    "The period, the value each year, and what each funder pays of it: the shares must add up "
    "to the value. Leave a body empty if it does not fund the agreement.",
    "Record the agreement",
    "recorded",
    "the agreement",
)
EXTEND = Words(
    "Extend an agreement",
    "A later end date for an agreement, and why.",
    "Record the extension",
    "extended",
    "the extension",
)
HAND_OVER = Words(
    "Record a new provider",
    "Another provider takes the service over; the earlier one stays in its history.",
    "Record the new provider",
    "now provides",
    "the handover",
)
PLAN = Words(
    "Plan a milestone",
    "A step of the tender or the change of service, with the date it is due.",
    "Plan the milestone",
    "planned",
    "the milestone",
)
REACHED = Words(
    "Record a milestone reached",
    "The date a planned milestone was reached.",
    "Record the milestone reached",
    "reached",
    "reaching the milestone",
)
CORRECT_PAYMENT = Words.correction(
    "Correct a payment",
    "A payment recorded with the wrong amount: the right amount replaces it on the day it was "
    "paid, and the correction stays in the service's history.",
)
CORRECT_SHARE = Words.correction(
    "Correct a funder's share",
    "A funder's share of an agreement recorded with the wrong amount: the right amount "
    "replaces it from the day the agreement started, the agreement's value each year follows "
    "(the shares add up to it), and the correction stays in the service's history. Payments "
    "made are corrected on their own.",
)
PAY = Words(
    "Record a payment",
    "Money paid to the provider by one funder under one agreement.",
    "Record the payment",
    "paid",
    "the payment",
)


@bp.route(f"{SERVICES}/new", methods=["GET", "POST"])
@requires(WRITE)
def open_service(region: str) -> Any:
    form = OpenServiceForm()
    form.provider.description = not_listed(region)
    with region_ledger(region, writing=False) as ledger:
        questions.choose(form.area, list(areas(ledger).items()))

    def opens(ledger: RegionLedger, reference: str, name: str) -> None:
        provider, area = form.provider.data, form.area.data
        ledger.services.open(reference, name, provider, area, questions.day(form))

    return opened_from_ledger(region, form, form.provider, OPEN, opens, _page_of)


def not_listed(region: str) -> Markup:
    """The provider's hint, when a service opens or changes hands: a provider is chosen from
    the directory, so one not in it is added there first; the link opens in the same tab, as
    GOV.UK's links do."""
    href = url_for("web.directory.add_body", region=region)
    return Markup(
        'Not listed? <a class="govuk-link" href="{}">Add the provider to the region\'s '
        "directory</a> first."
    ).format(href)


def _agreement_asked(_: Mapping[str, Any]) -> Any:
    return _agreement_form(placed("share", "funder"))


@bp.route(f"{SERVICE}/funding-agreements/new", methods=["GET", "POST"])
@asks(_agreement_asked)
@requires(WRITE)
def agree_funding(region: str, reference: str) -> Any:
    with region_ledger(region, writing=False) as ledger:
        found, bodies = ledger.services.get(reference), ledger.partners.names()
        funders = dict(
            sorted(
                ((p.key, p.name) for p in ledger.partners.all() if p.sector in FUNDERS),
                key=lambda item: item[1],
            )
        )
    form = _agreement_form(funders)

    def record(ledger: RegionLedger) -> str:
        agreement, shares = form.agreement.data.strip(), sums_given(form, "share", funders)
        ledger.services.agree_funding(
            reference,
            agreement,
            form.starts_on.data,
            form.ends_on.data,
            form.annual_value.pence or 0,
            shares,
        )
        return f"Agreement {agreement} {AGREE.done}"

    return questions.ask(form, AGREE, form.annual_value, record, _about(region, found), bodies)


Record = Callable[[RegionLedger], str]
Question = Callable[[Any, CommissionedService, dict[str, str]], Record]


def _on_service(
    path: str, form_of: type[FlaskForm], words: Words, at: str
) -> Callable[[Question], Question]:
    """A question on one service, at ``SERVICE/path/new`` for those who may record in the
    region's ledger: the decorated function, given the form, the service and the directory's
    bodies by key, fills in the form's choices and says how to record the answer; the page
    asks it as every question on a service is asked, its refusals naming bodies as the
    directory does, and is named for that function."""

    def page(question: Question) -> Question:
        def view(region: str, reference: str) -> Any:
            found, bodies = _service(region, reference)
            form = form_of()
            record = question(form, found, bodies)
            asked = _about(region, found)
            return questions.ask(form, words, getattr(form, at), record, asked, bodies)

        view.__name__, view.__doc__ = question.__name__, question.__doc__
        rule = f"{SERVICE}/{path}/new"
        bp.add_url_rule(rule, view.__name__, requires(WRITE)(view), methods=["GET", "POST"])
        return question

    return page


@_on_service("extensions", ExtensionForm, EXTEND, "on")
def extend(form: ExtensionForm, found: CommissionedService, bodies: dict[str, str]) -> Record:
    questions.choose(form.agreement, _agreement_choices(found))

    def record(ledger: RegionLedger) -> str:
        agreement, until, reason = form.agreement.data, questions.day(form), form.reason.data
        ledger.services.extend_funding(found.reference, agreement, until, reason.strip())
        return f"Agreement {agreement} {EXTEND.done} to {_day(until)}"

    return record


@_on_service("handovers", HandoverForm, HAND_OVER, "provider")
def hand_over(form: HandoverForm, found: CommissionedService, bodies: dict[str, str]) -> Record:
    others = {k: n for k, n in bodies.items() if k != found.provider}
    questions.choose(form.provider, sorted(others.items(), key=lambda item: item[1]))
    form.provider.description = not_listed((request.view_args or {})["region"])

    def record(ledger: RegionLedger) -> str:
        provider, reason = form.provider.data, form.reason.data.strip()
        ledger.services.hand_over(found.reference, provider, questions.day(form), reason)
        return f"{others[provider]} {HAND_OVER.done} {found.name}"

    return record


@_on_service("milestones", MilestoneForm, PLAN, "name")
def plan_milestone(form: MilestoneForm, found: CommissionedService, _: dict[str, str]) -> Record:
    def record(ledger: RegionLedger) -> str:
        name = form.name.data.strip()
        ledger.services.plan_milestone(found.reference, name, questions.day(form))
        return f"{name} {PLAN.done}"

    return record


@_on_service("milestones-reached", ReachedForm, REACHED, "name")
def reach_milestone(form: ReachedForm, found: CommissionedService, _: dict[str, str]) -> Record:
    waiting = [m.name for m in found.milestones.values() if m.reached_on is None]
    questions.choose(form.name, [(n, n) for n in waiting])

    def record(ledger: RegionLedger) -> str:
        ledger.services.reach_milestone(found.reference, form.name.data, questions.day(form))
        return f"{form.name.data} {REACHED.done}"

    return record


@_on_service("payments", PaymentForm, PAY, "amount")
def pay(form: PaymentForm, found: CommissionedService, bodies: dict[str, str]) -> Record:
    questions.choose(form.agreement, _agreement_choices(found))
    funders = {f for a in found.agreements.values() for f, _ in a.shares}
    questions.choose(
        form.funder, sorted(((f, bodies.get(f, f)) for f in funders), key=lambda item: item[1])
    )

    def record(ledger: RegionLedger) -> str:
        pence, funder, agreement = form.amount.pence or 0, form.funder.data, form.agreement.data
        ledger.services.pay(found.reference, agreement, funder, pence, questions.day(form))
        return f"{money(pence)} {PAY.done} by {bodies.get(funder, funder)}"

    return record


@_on_service("payment-corrections", PaymentCorrectionForm, CORRECT_PAYMENT, "amount")
def correct_payment(
    form: PaymentCorrectionForm, found: CommissionedService, bodies: dict[str, str]
) -> Record:
    """Each payment, newest first, by who paid what when; the one chosen put right."""
    shown = {
        str(p.number): f"{bodies.get(p.funder, p.funder)} under {p.agreement} on "
        f"{_day(p.paid_on)}: {money(p.amount)}"
        for p in reversed(found.payments)
    }
    questions.choose(form.payment, list(shown.items()))

    def record(ledger: RegionLedger) -> str:
        number, pence = form.payment.data, form.amount.pence or 0
        reason = (form.reason.data or "").strip()
        ledger.services.correct(found.reference, f"payment.{number}.amount", pence, reason)
        return f"Payment {number} {CORRECT_PAYMENT.done} to {money(pence)}"

    return record


@_on_service("share-corrections", ShareCorrectionForm, CORRECT_SHARE, "amount")
def correct_share(
    form: ShareCorrectionForm, found: CommissionedService, bodies: dict[str, str]
) -> Record:
    """Each agreement's shares, by funder; the one chosen put right, the value following."""
    shown = {
        f"{a.reference}|{funder}": f"{bodies.get(funder, funder)} under {a.reference}: "
        f"{money(share)} a year"
        for a in sorted(found.agreements.values(), key=lambda a: a.starts_on)
        for funder, share in a.shares
    }
    questions.choose(form.share, list(shown.items()))

    def record(ledger: RegionLedger) -> str:
        agreement, _, funder = form.share.data.partition("|")
        pence, reason = form.amount.pence or 0, (form.reason.data or "").strip()
        field = f"agreement.{agreement}.share.{funder}"
        ledger.services.correct(found.reference, field, pence, reason)
        value = ledger.services.get(found.reference).agreements[agreement].annual_value
        return (
            f"The share of {bodies.get(funder, funder)} under {agreement} "
            f"{CORRECT_SHARE.done} to {money(pence)} a year; the agreement is now worth "
            f"{money(value)} a year"
        )

    return record


def _about(region: str, found: CommissionedService) -> Asked:
    """A question on a service: recorded in the region's ledger, confirmed on its page."""
    back = _page_of(region, found.reference), "the service"
    return Asked(partial(region_ledger, region), found.name, back)


def _service(region: str, reference: str) -> tuple[CommissionedService, dict[str, str]]:
    """The service (a 404 if there is none) and the directory's bodies by key."""
    with region_ledger(region, writing=False) as ledger:
        return ledger.services.get(reference), ledger.partners.names()


def _agreement_choices(found: CommissionedService) -> list[tuple[str, str]]:
    return [
        (a.reference, f"{a.reference} (to {_day(a.ends_on)}, {money(a.annual_value)} a year)")
        for a in sorted(found.agreements.values(), key=lambda a: a.starts_on)
    ]


def _agreement_form(funders: dict[str, str]) -> Any:
    """The agreement's form with one optional share per funder, in the order of ``funders``:
    bodies that may fund one (the directory without providers and boards)."""
    return sum_each(
        AgreementForm,
        "share",
        funders.values(),
        lambda funder: (f"Paid by {funder} each year, in pounds", f"the share of {funder}"),
    )


def _page_of(region: str, reference: str) -> str:
    return url_for("web.commissioned_services.service", region=region, reference=reference)


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
