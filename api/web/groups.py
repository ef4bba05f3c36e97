"""Groups of partnerships (or a board) keeping one master action plan, as pages for OPCC staff:
form a group from the region ledger page, and from the group's page add an item the group
owns and record progress on one, or its completion.

Leicestershire collates its districts' DHR actions into one county-wide plan, and a board owns
multi-agency actions of its own; OPCC staff keep both in minutes and spreadsheets, not in an
API client. Each page runs the use case the API's ``/api/v1/regions/{region}/groups/...``
runs (``RegionLedger.groups``): a group formed twice, a group of partnerships without a
member or an item completed already is refused in the error summary and nothing is recorded.
The group's page itself is ``shared_money.group``, read by its members too.
"""

from __future__ import annotations

from collections import ChainMap
from dataclasses import replace
from functools import partial
from typing import Any

from flask import Blueprint, url_for
from wtforms import Field

from api.context import platform, requires
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web import questions
from api.web.fields import field_for
from api.web.group_forms import GroupForm, ItemForm, ProgressForm
from api.web.questions import Asked, Words
from domain.errors import InvalidValueError
from domain.region import PartnershipGroup
from tenants.region_ledger import RegionLedger

bp = Blueprint("groups", __name__)
WRITE = Permission.REGION_LEDGER_WRITE
GROUP = "/regions/<region>/groups/<key>"

FORM = Words(
    "Form a group",
    "Partnerships, or a board, that keep one master action plan: the members' actions and "
    "the items the group owns itself.",
    "Form the group",
    "formed",
    "forming the group",
)
ADD_ITEM = Words(
    "Add an item the group owns",
    "An action of the group's own plan, such as a board's multi-agency action, and the body "
    "that owns it.",
    "Add the item",
    "added to",
    "recording the item",
)
PROGRESS = Words("Record progress", "", "Record the progress", "recorded on", "the update")


@bp.route("/regions/<region>/ledger/groups/new", methods=["GET", "POST"])
@requires(WRITE)
def form_group(region: str) -> Any:
    form = GroupForm()
    partnerships = {t.slug: t.name for t in platform().registry.tenants(region)}
    form.members.choices = _by_name(partnerships)
    with region_ledger(region, writing=False) as ledger:
        bodies = ledger.partners.names()
    questions.choose(form.owner, _by_name(bodies))
    formed: dict[str, str] = {}  # key -> name, for a refusal to name the group

    def record(ledger: RegionLedger) -> tuple[str, str]:
        name = form.name.data.strip()
        key = group_key(name)
        formed[key] = name
        day = questions.day(form)
        ledger.groups.form(key, name, form.kind.data, form.owner.data, form.members.data, day)
        return f"{name} {FORM.done}", _group_page(region, key)

    back = url_for("web.shared.ledger", region=region) + "#groups", "the region ledger"
    asked = Asked(partial(region_ledger, region), platform().registry.region(region).name, back)
    at = partial(_field_refused, form)
    return questions.ask(form, FORM, at, record, asked, ChainMap(formed, bodies, partnerships))


@bp.route(f"{GROUP}/items/new", methods=["GET", "POST"])
@requires(WRITE)
def add_item(region: str, key: str) -> Any:
    form = ItemForm()
    with region_ledger(region, writing=False) as ledger:
        group, bodies = ledger.groups.get(key), ledger.partners.names()
    questions.choose(form.owner, _by_name(bodies))

    def record(ledger: RegionLedger) -> str:
        reference = form.reference.data.strip()
        ledger.groups.add_item(
            key,
            reference,
            form.text.data.strip(),
            form.owner.data,
            form.due_on.data,
            questions.day(form),
        )
        return f"Item {reference} {ADD_ITEM.done} {group.name}"

    return questions.ask(form, ADD_ITEM, form.reference, record, _about(region, group), bodies)


@bp.route(f"{GROUP}/items/<path:reference>/progress", methods=["GET", "POST"])
@requires(WRITE)
def record_progress(region: str, key: str, reference: str) -> Any:
    """An item's update, which may complete it; the page names the item it is about."""
    form = ProgressForm()
    with region_ledger(region, writing=False) as ledger:
        group = ledger.groups.get(key)
        item = group.item(reference)  # a page for an item the group lacks is a 404
    words = replace(PROGRESS, title=f"Record progress on {reference}", lede=item.text)

    def record(ledger: RegionLedger) -> str:
        completes = bool(form.completed.data)
        note, day = form.note.data.strip(), questions.day(form)
        ledger.groups.update_item(key, reference, note, day, completes)
        return (
            f"Item {reference} completed" if completes else f"Progress {PROGRESS.done} {reference}"
        )

    return questions.ask(form, words, form.note, record, _about(region, group))


def member_of(tenant: str) -> tuple[str, list[PartnershipGroup]]:
    """A partnership's region and the groups it is a member of: its officers reach the plans
    it shares from its own action plan, since nothing else in their pages leads there."""
    region = platform().registry.recent_tenant(tenant).region
    with region_ledger(region, writing=False) as ledger:
        return region, ledger.groups.joined_by(tenant)


def group_key(name: str) -> str:
    """The key the ledger keeps a group under, made from its name: a person names a group,
    they never type its key."""
    key = questions.key_of(name, "group's name")
    if len(key) < 2:
        raise InvalidValueError("The group's name needs at least two letters or digits.")
    return key


def _field_refused(form: GroupForm, problem: str) -> Field:
    """The question a refusal of a group is about: its members, its date, else its name."""
    if "member" in problem or "partnerships of region" in problem:
        return form.members
    return field_for(form, problem) or form.name


def _by_name(names: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(names.items(), key=lambda item: item[1])


def _about(region: str, group: PartnershipGroup) -> Asked:
    """A question on a group: recorded in the region's ledger, confirmed on its page."""
    back = _group_page(region, group.key), group.name
    return Asked(partial(region_ledger, region), group.name, back)


def _group_page(region: str, key: str) -> str:
    return url_for("web.shared.group", region=region, key=key)
