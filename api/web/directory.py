"""The region's partner directory as pages for OPCC staff: add a body (a partnership of the
region, the county council, the police force, a health board...) and say which body a name
recorded elsewhere stands for ("Police" is West Midlands Police), so that every count of
contributions, IMRs and actions has one owner per body.

The same use cases as the API's ``/api/v1/regions/{region}/partners`` and ``.../partner-names``
(``RegionLedger.partners``); the directory refuses a body twice or a name that already stands
for another, and the page says so with nothing recorded.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import Blueprint, url_for
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired

from api.context import platform, requires
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web import questions
from api.web.fields import GovDate, select, text
from api.web.questions import Words
from api.web.shared_money import SECTORS
from domain.region import Sector
from tenants.region_ledger import RegionLedger

bp = Blueprint("directory", __name__)
DIRECTORY = "/regions/<region>/ledger/directory"


class BodyForm(FlaskForm):
    name = text(
        "Name",
        "Enter the body's name",
        "As the body calls itself, for example West Midlands Police.",
        200,
    )
    sector = select("Kind of body", InputRequired("Select the kind of body"))
    tenant = select(
        "Which partnership",
        hint="Only for a community safety partnership: the partnership of the region it is.",
    )
    on = GovDate("Date it joined the directory", "joining", happened=True)


class NameForm(FlaskForm):
    name = text(
        "Name used", "Enter the name used", "As it was written elsewhere, for example Police.", 200
    )
    partner = select("Stands for", InputRequired("Select the body it stands for"))
    on = GovDate("Date", "the mapping", happened=True)


ADD_BODY = Words(
    "Add a body to the directory",
    "A body that pays into pots, owns actions or writes IMRs, named once for the whole region.",
    "Add the body",
    "added to the directory",
    "joining",
)
MAP_NAME = Words(
    "Record another name for a body",
    "A name written elsewhere (in an imported sheet, an old action plan) that stands for a body "
    "of the directory, so that it counts as that body.",
    "Record the name",
    "now stands for",
    "the mapping",
)


@bp.route(f"{DIRECTORY}/bodies/new", methods=["GET", "POST"])
@requires(Permission.REGION_LEDGER_WRITE)
def add_body(region: str) -> Any:
    form = BodyForm()
    questions.choose(form.sector, [(s.value, SECTORS.get(s.value, s.value)) for s in Sector])
    tenants = {t.slug: t.name for t in platform().registry.tenants(region)}
    form.tenant.choices = [("", "Not a partnership")] + sorted(
        tenants.items(), key=lambda item: item[1]
    )

    def record(ledger: RegionLedger) -> str:
        name, tenant = form.name.data.strip(), form.tenant.data or None
        key = tenant or questions.key_of(name, "name")  # a partnership is keyed by its slug
        ledger.partners.add(key, name, form.sector.data, questions.day(form), tenant)
        return f"{name} {ADD_BODY.done}"

    return questions.ask(form, ADD_BODY, form.sector, record, _about(region), tenants)


@bp.route(f"{DIRECTORY}/names/new", methods=["GET", "POST"])
@requires(Permission.REGION_LEDGER_WRITE)
def map_name(region: str) -> Any:
    form = NameForm()
    with region_ledger(region, writing=False) as ledger:
        bodies = ledger.partners.names()
    questions.choose(form.partner, sorted(bodies.items(), key=lambda item: item[1]))

    def record(ledger: RegionLedger) -> str:
        name = form.name.data.strip()
        ledger.partners.map_name(name, form.partner.data, questions.day(form))
        return f"'{name}' {MAP_NAME.done} {bodies[form.partner.data]}"

    return questions.ask(form, MAP_NAME, form.name, record, _about(region), bodies)


def _about(region: str) -> questions.Asked:
    """A question on the directory: recorded in the region's ledger, confirmed on its page."""
    back = _ledger(region), "the ledger"
    return questions.Asked(partial(region_ledger, region), _region_name(region), back)


def _ledger(region: str) -> str:
    return url_for("web.shared.ledger", region=region) + "#directory"


def _region_name(region: str) -> str:
    return str(platform().registry.region(region).name)
