"""People with access, for a partnership's lead: who can reach its records, and removing a leaver.

The lead is the information asset owner of records about people who were killed. The page
lists everyone the guard would let in (``api/people.py``), by name, with what their role lets
them see, whether they are active, when they last signed in and whether two-factor is set up
where their role needs it. A leaver who worked for this partnership alone is deactivated here
on a confirm page like the administrator's, by the same use case; anyone else's access is
the platform administrator's to change, and the page says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from api.context import current_user, platform, requires
from api.names import actor_name
from api.people import SEES, Person, people_reaching
from api.policy import Permission
from api.resources.research import agreements
from api.web import navigation
from api.web.admin import UNSCOPED
from api.web.admin_forms import ReasonForm
from api.web.agency_choices import agency_names
from api.web.fields import FormPage
from domain.errors import NotFoundError
from tenants.users import Role, UserInfo
from tenants.users.leavers import ASK, remove_leaver, why_not_removable
from tenants.users.model import ROLE_NAMES

bp = Blueprint("people", __name__)
BASE = "/partnerships/<tenant>/people"

navigation.section(
    "People", "web.people.index", {Role.CSP_LEAD}, navigation.own_partnership, order=80
)


@bp.route(BASE)
@requires(Permission.PEOPLE)
def index(tenant: str) -> Any:
    """Everyone whose access reaches the partnership's records: its own, then the rest."""
    everyone = people_reaching(platform(), current_user(), tenant, agreements().of_region)
    outside = [p for p in everyone if not p.own]
    roles = [r for r in SEES if any(p.user.role == r for p in everyone)]
    return render_template(
        "people/index.html",
        tenant=tenant,
        partnership=platform().registry.recent_tenant(tenant).name,
        own=[p for p in everyone if p.own],
        outside=outside,
        seen=[(ROLE_NAMES[r], SEES[r]) for r in roles],
        administrators=[  # whom to ask for someone new: the page offers no way to add them
            p.user.shown_as
            for p in everyone
            if p.user.role == Role.PLATFORM_ADMIN and p.user.active
        ],
        role=_role_words(tenant),
        where=_where(),
        actor_name=actor_name,
        ask=ASK,
    )


@bp.route(f"{BASE}/<name>/deactivation", methods=["GET", "POST"])
@requires(Permission.PEOPLE)
def deactivate(tenant: str, name: str) -> Any:
    """Deactivate a leaver who worked for this partnership alone, with the reason why."""
    person = _one_of_ours(tenant, name)
    why_not = why_not_removable(current_user(), person, tenant)
    if why_not:
        return render_template(
            "people/cannot_remove.html", tenant=tenant, person=person, why=why_not, ask=ASK
        )
    form = ReasonForm()
    form.submit.label.text = "Deactivate"
    page = FormPage(form, form.reason)
    if page.submitted():
        with page.refusals():
            remove_leaver(platform().access, current_user(), tenant, name, form.given())
            flash(f"{person.shown_as} deactivated: they can no longer sign in")
            return redirect(url_for("web.people.index", tenant=tenant))
    return page.render("people/deactivate.html", tenant=tenant, person=person)


def _one_of_ours(tenant: str, name: str) -> UserInfo:
    """A person whose grants name this partnership; anyone else is not found here, as the
    use case answers, so the address reveals nothing about other partnerships' people."""
    try:
        person = platform().access.user(name)
    except NotFoundError:
        abort(404)
    if tenant not in person.tenants:
        abort(404)
    return person


def _where() -> Callable[[Person], str]:
    """Where someone's access reaches, by name as far as the lead may know it: "Northtown,
    Midshire and 2 other places"; the others are the platform administrator's to name."""
    registry = platform().registry
    names = {
        **{r.slug: r.name for r in registry.regions()},
        **{t.slug: t.name for t in registry.tenants()},
    }

    def where(person: Person) -> str:
        places = person.places
        named = [names.get(s, s) for s in places.tenants + places.regions]
        if not places.others:
            return ", ".join(named) or UNSCOPED.get(person.user.role, "")
        others = f"{places.others} other place{'' if places.others == 1 else 's'}"
        return f"{', '.join(named)} and {others}" if named else others.capitalize()

    return where


def _role_words(tenant: str) -> Any:
    """A role in words, an agency contributor's with their agency's name."""
    agencies = agency_names(tenant)

    def words(user: UserInfo) -> str:
        role = ROLE_NAMES.get(user.role, str(user.role))
        return f"{role}, {agencies(user.agency)}" if user.agency else role

    return words
