"""The region's data-sharing agreements with researchers, as pages: the regional lead records
one (the researcher, the purpose, the reviews it covers, ticked among the region's partnerships'
cases, and its dates), sees each (in force, expired or revoked, and who downloaded what) and
revokes one with a reason; the researcher's next download is then refused.
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from datetime import date
from typing import Any, cast
from uuid import UUID

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput
from wtforms import SelectMultipleField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from api.context import may, platform, requires
from api.file_names import file_safe
from api.policy import Permission
from api.resources.downloads import attachment
from api.resources.research import agreements, extract_for, in_region, record_in_region
from api.tables.negotiate import JSON, XLSX
from api.tables.research import extract_workbook
from api.vocabulary import DEATH_CATEGORIES, REVIEW_KINDS, named
from api.web.fields import GovDate, error_list, long_text, select, text
from api.web.formatting import long_date
from api.web.navigation import home_for, own_region, section
from api.web.questions import Asked, Words, ask, review_choices
from domain.calendar import uk_today
from domain.errors import DomainError, NotFoundError
from tenants.learning.research_extract import headings
from tenants.users import Role

bp = Blueprint("research", __name__)


class AgreementForm(FlaskForm):
    reference = text(
        "Reference", "Enter the agreement's reference", "For example DSA-2026-01.", 40, width=10
    )
    researcher = select(
        "Researcher",
        InputRequired("Select the researcher"),
        hint="A user with the researcher role; a platform administrator adds them first.",
    )
    purpose = long_text(
        "Purpose", "Enter what the research is for", "As the agreement states it.", 2000
    )
    reviews = SelectMultipleField(
        "Reviews it covers",
        widget=GovCheckboxesInput(),
        description="Select all the reviews the researcher may extract.",
        validators=[InputRequired("Select at least one review")],
    )
    signed_on = GovDate("Date it was signed", "signing")
    expires_on = GovDate("Date it expires", "expiry")

    def validate_expires_on(self, field: GovDate) -> None:
        """Dates out of order are the expiry's to put right: said beside it, not the signing's
        date, which the ledger's refusal would otherwise be shown at."""
        signed, expires = self.signed_on.data, field.data
        if signed is not None and expires is not None and expires <= signed:
            raise ValidationError(
                f"The date it expires must be after the date it was signed ({long_date(signed)})"
            )


class RevokeForm(FlaskForm):
    reason = long_text(
        "Why is the agreement being revoked?",
        "Enter why the agreement is being revoked",
        "Recorded with the agreement, for example 'the study was withdrawn'.",
        2000,
        named="The reason",
    )
    submit = SubmitField("Revoke the agreement", widget=GovSubmitInput())


@bp.route("/regions/<region>/research-agreements")
@requires(Permission.REGION_VIEW)
def agreements_page(region: str) -> Any:
    name = platform().registry.region(region).name
    return render_template(
        "research/agreements.html",
        region=region,
        region_name=name,
        agreements=agreements().of_region(region),
        today=uk_today(),
        can_manage=may(Permission.RESEARCH_AGREEMENT),
        person=_person,
    )


def _person(researcher: str) -> str:
    """A researcher as the pages name people: "Ellen Brooks (ellen.brooks)", the user name
    beside the name, since the agreement and the read log record the user name."""
    try:
        return platform().access.user(researcher).shown_with_name
    except NotFoundError:
        return researcher


RECORD = Words(
    "Record a data-sharing agreement",
    "What one researcher may download: a pseudonymised extract of the reviews ticked, until "
    "the agreement expires or is revoked.",
    "Record the agreement",
    "recorded",
    "signing",
)


@bp.route("/regions/<region>/research-agreements/new", methods=["GET", "POST"])
@requires(Permission.RESEARCH_AGREEMENT)
def record(region: str) -> Any:
    form = AgreementForm()
    researchers = [u.name for u in platform().access.users() if u.role == Role.RESEARCHER]
    form.researcher.choices = [("", "Choose")] + [(n, _person(n)) for n in sorted(researchers)]
    form.reviews.choices = _reviews_in(region)

    def agreed(_: None) -> str:
        """Recorded in the region's research store (``record_in_region`` opens it)."""
        reviews = [(t, UUID(r)) for t, _, r in (v.partition("|") for v in form.reviews.data)]
        found = record_in_region(
            region,
            form.reference.data.strip(),
            form.researcher.data,
            (form.purpose.data or "").strip(),
            reviews,
            cast(date, form.signed_on.data),
            cast(date, form.expires_on.data),
        )
        return (
            f"Agreement {found.reference} recorded: {_person(found.researcher)} may download "
            f"{len(reviews)} reviews until {long_date(found.expires_on)}"
        )

    back = url_for("web.research.agreements_page", region=region), "the agreements"
    asked = Asked(nullcontext, platform().registry.region(region).name, back)
    return ask(form, RECORD, form.reviews, agreed, asked)


def _reviews_in(region: str) -> list[tuple[str, str]]:
    """Every review of the region's partnerships, "tenant|id", "Birmingham: BIR-2013-01"."""
    found = []
    for tenant in sorted(platform().registry.tenants(region), key=lambda t: t.name):
        with platform().ledgers.lease(tenant.slug, writing=False) as ledger:
            found += review_choices(ledger, tenant.slug, tenant.name)
    return found


@bp.route("/regions/<region>/research-agreements/<uuid:agreement>/revoke", methods=["GET", "POST"])
@requires(Permission.RESEARCH_AGREEMENT)
def revoke(region: str, agreement: UUID) -> Any:
    found = in_region(region, agreement)
    form, errors = RevokeForm(), []
    if form.validate_on_submit():
        try:
            agreements().revoke(agreement, (form.reason.data or "").strip(), uk_today())
        except DomainError as refused:
            errors = error_list(form, str(refused), form.reason)
        else:
            flash(
                f"Agreement {found.reference} revoked: {_person(found.researcher)} can no longer "
                "download"
            )
            return redirect(url_for("web.research.agreements_page", region=region))
    elif form.is_submitted():
        errors = error_list(form)
    return render_template(
        "research/revoke.html",
        region=region,
        agreement=found,
        form=form,
        errors=errors,
        researcher=_person(found.researcher),
    )


@bp.route("/research")
@requires(Permission.RESEARCH_EXTRACT)
def mine() -> Any:
    """A researcher's own agreements, in every region, each extract downloadable while in force."""
    regions = {r.slug: r.name for r in platform().registry.regions()}
    found = agreements().of_researcher(g.user.name)
    return render_template(
        "research/mine.html",
        agreements=found,
        # only while in force: what a review is, read from the partnership's ledger, is the
        # extract's to tell, and an agreement ended no longer lets anyone read it
        covers={a.id: _covers(a) for a in found if a.status_on(uk_today()) == "in_force"},
        regions=regions,
        today=uk_today(),
    )


def _covers(agreement: Any) -> list[str]:
    """The reviews an agreement covers as its extract numbers and heads them ("Domestic
    Homicide Review notified in 2015 (familial homicide)"): the researcher learns what they
    may download without a reference, partnership or pseudonym the extract keeps back."""
    said = []
    for shown in headings(platform(), agreement):
        if shown is None:
            said.append("Cannot be read at the moment")
            continue
        category = named(DEATH_CATEGORIES, shown["death_category"])
        said.append(
            f"{named(REVIEW_KINDS, shown['review_kind'])} notified in {shown['year']} "
            f"({category[:1].lower()}{category[1:]})"
        )
    return said


@bp.route("/research/agreements/<uuid:agreement>/extract.json", defaults={"fmt": "json"})
@bp.route("/research/agreements/<uuid:agreement>/extract.xlsx", defaults={"fmt": "xlsx"})
@requires(Permission.RESEARCH_EXTRACT)
def download(agreement: UUID, fmt: str) -> Any:
    """The extract as a JSON file or an XLSX workbook (the same records, a sheet per kind),
    recorded on the agreement as the API's download is. A researcher following an old link
    to their own agreement, now revoked or expired, is told which and whom to ask, not sent
    to "page not found"."""
    ended = _ended(agreements().get(agreement), g.user.name)
    if ended:
        return render_template("errors/other.html", status=410, detail=ended), 410
    found, document = extract_for(agreement, g.user.name)
    name = f"{file_safe(found.reference)}-extract.{fmt}"
    if fmt == "xlsx":
        return attachment(extract_workbook(found, document), XLSX, name)
    return attachment(json.dumps(document, ensure_ascii=False, indent=2), JSON, name)


def _ended(agreement: Any, researcher: str) -> str:
    """Why the researcher's own agreement no longer gives an extract, in words ("" while it
    does, or when it is not theirs: that stays a plain not found)."""
    if agreement.researcher != researcher:
        return ""
    region = platform().registry.region(agreement.region).name
    ask = f"Ask the {region} regional lead if your research needs a new agreement."
    match agreement.status_on(uk_today()):
        case "revoked":
            return (
                f"Agreement {agreement.reference} was revoked on "
                f"{long_date(agreement.revoked_on)}: {agreement.revocation_reason.rstrip('.')}. Its extract "
                f"can no longer be downloaded. {ask}"
            )
        case "expired":
            return (
                f"Agreement {agreement.reference} expired on {long_date(agreement.expires_on)}, "
                f"so its extract can no longer be downloaded. {ask}"
            )
    return ""


section("Your agreements", "web.research.mine", {Role.RESEARCHER}, lambda _: {}, order=10)
home_for(Role.RESEARCHER, "web.research.mine", lambda _: {})

section(
    "Research agreements",
    "web.research.agreements_page",
    {Role.REGIONAL_LEAD},
    own_region,
    order=60,
)
