"""A user's role and grants changed by a platform administrator in the browser: the "Change"
links of the user's page lead to one question page, prefilled with what they have now.

The same use case as ``ledger users change-grants`` and ``PATCH /api/v1/users/<name>``
(``tenants/users/onboarding.py``); it takes effect on the person's next request. Partnerships,
regions and agencies are offered and shown by name, never by their keys.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, url_for

from api.context import platform, requires
from api.policy import Permission
from api.web.admin import agency_key, alone, last_lead
from api.web.admin_forms import GrantsForm, in_page_words, user_field
from api.web.fields import FormPage
from tenants.model import TenantStatus
from tenants.users import UserInfo
from tenants.users.onboarding import change_grants

bp = Blueprint("admin_grants", __name__, url_prefix="/admin")


@bp.route("/users/<name>/grants", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def grants(name: str) -> Any:
    found, form = platform().access.user(name), GrantsForm()
    offer(form, found)
    if not form.is_submitted():
        form.role.data, form.agency.data = found.role.value, agency_name(found)
        form.tenants.data, form.regions.data = list(found.tenants), list(found.regions)
    page = FormPage(form, lambda problem: user_field(form, problem))
    if page.submitted():
        tenants, regions = tuple(form.tenants.data or ()), tuple(form.regions.data or ())
        with page.refusals(), in_page_words(taken=""):  # no name is taken here: words only
            agency = agency_key((form.agency.data or "").strip(), tenants, regions)
            change_grants(platform(), name, form.role.data or "", tenants, regions, agency)
            flash(f"Role and grants saved for {found.shown_as}{_left_without(found)}")
            return redirect(url_for("web.admin.user", name=name))
    return page.render(  # warned as deactivating them would: whom their partnership is left without
        "admin/grants.html", user=found, last_lead=last_lead(found), alone=alone(found)
    )


def _left_without(before: UserInfo) -> str:
    """What the partnerships ``before`` was the only lead, or officer or lead, of are left
    without now, as the saved banner's second sentence (the page warned before)."""
    now = platform().access.user(before.name)
    leadless = [t for t in last_lead(before) if t not in last_lead(now)]
    empty = [t for t in alone(before) if t not in alone(now)]
    if empty:
        return f". {', '.join(empty)} now has no officer or lead"
    return f". {', '.join(leadless)} now has no lead" if leadless else ""


def offer(form: GrantsForm, user: UserInfo) -> None:
    """Every partnership still on the platform, and any the user holds that has left since
    (an auditor keeps reading it); every region."""
    registry = platform().registry
    form.tenants.choices = [
        (t.slug, t.name)
        for t in registry.tenants()
        if t.status != TenantStatus.OFFBOARDED or t.slug in user.tenants
    ]
    form.regions.choices = [(r.slug, r.name) for r in registry.regions()]


def agency_name(user: UserInfo) -> str:
    """An agency contributor's agency as the directory of the region they work in names it."""
    if not user.agency:
        return ""
    registry = platform().registry
    for region in {*user.regions, *(registry.tenant(t).region for t in user.tenants)}:
        with platform().region_ledgers.lease(region, writing=False) as ledger:
            named = ledger.partners.directory().names.get(user.agency)
        if named:
            return named
    return user.agency
