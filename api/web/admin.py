"""Platform administration in the browser: regions, partnerships, users and API tokens.

No case content anywhere: these pages read only the registry and the access store. Every
change is the same use case the CLI and the API call, and a refusal from it is shown as an
error summary in its own words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from flask import Blueprint, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from api.context import platform, requires
from api.names import actor_name
from api.policy import Permission
from api.web.admin_forms import (
    ConfirmForm,
    EmailForm,
    PartnershipForm,
    ReasonForm,
    RegionForm,
    RevokeTokenForm,
    SuspensionForm,
    UserForm,
    in_page_words,
    user_field,
)
from api.web.fields import FormPage
from api.web.navigation import home_for, section
from api.web.reminder_words import reminders_for, without_email
from domain.errors import DomainError
from tenants.model import TenantStatus
from tenants.reminders.delivery import refused_on
from tenants.users import Role, UserInfo
from tenants.users.account_history import deactivation
from tenants.users.model import ROLE_NAMES
from tenants.users.onboarding import add_user
from tenants.users.signin import TWO_FACTOR_ROLES, credentials

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _done(message: str | Markup, endpoint: str, **args: Any) -> Response:
    flash(message)
    return redirect(url_for(endpoint, **args))


def _confirm(
    form: ConfirmForm, button: str, change: Callable[[], Response], template: str, **context: Any
) -> Any:
    """A page that asks before ``change`` (perhaps for a reason): it runs when the form is sent."""
    form.submit.label.text = button
    page = FormPage(form, getattr(form, "reason", None))
    if page.submitted():
        with page.refusals():
            return change()
    return page.render(template, **context)


@bp.route("/regions", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def regions() -> Any:
    form = RegionForm()
    page = FormPage(form, lambda words: form.name if "called" in words else form.slug)
    if page.submitted():
        with page.refusals(), in_page_words(_taken("a region", form.slug.data)):
            platform().registry.create_region(form.slug.data or "", form.name.data or "")
            return _done(f"{form.name.data} added", "web.admin.regions")
    registry = platform().registry
    counts: dict[str, int] = {}
    for tenant in registry.tenants():
        counts[tenant.region] = counts.get(tenant.region, 0) + 1
    return page.render("admin/regions.html", regions=registry.regions(), counts=counts)


@bp.route("/partnerships")
@requires(Permission.ADMIN)
def partnerships() -> Any:
    registry = platform().registry
    names = {r.slug: r.name for r in registry.regions()}
    rows = sorted(registry.tenants(), key=lambda t: (names.get(t.region, ""), t.name))
    return render_template("admin/partnerships.html", tenants=rows, region_names=names)


@bp.route("/partnerships/new", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def register_partnership() -> Any:
    form = PartnershipForm()
    form.region.choices = [("", "Select a region")] + [
        (r.slug, r.name) for r in platform().registry.regions()
    ]
    page = FormPage(form, lambda words: form.name if "called" in words else form.slug)
    if page.submitted():
        with page.refusals(), in_page_words(_taken("a partnership", form.slug.data)):
            slug = form.slug.data or ""
            platform().register_tenant(slug, form.name.data or "", form.region.data or "")
            registered = Markup(  # nobody can use it yet: the next thing to do
                '<p class="govuk-notification-banner__heading">{} registered. Nobody can '
                'use it yet: <a class="govuk-notification-banner__link" href="{}">add its '
                "first officer and lead</a>.</p>"
            ).format(form.name.data, url_for("web.admin.add", tenant=slug))
            return _done(registered, "web.admin.partnerships")
    return page.render("admin/register_partnership.html")


def _taken(what: str, slug: str | None) -> str:
    return f"There is already {what} with the short name {slug}: choose another short name"


@bp.route("/partnerships/<tenant>/suspension", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def suspend(tenant: str) -> Any:
    info, form = platform().registry.tenant(tenant), SuspensionForm()

    def change() -> Response:
        platform().registry.suspend_tenant(tenant, form.given())
        return _done(f"{info.name} suspended", "web.admin.partnerships")

    return _confirm(form, "Suspend partnership", change, "admin/suspend.html", tenant=info)


@bp.route("/partnerships/<tenant>/reinstatement", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def reinstate(tenant: str) -> Any:
    info = platform().registry.tenant(tenant)

    def change() -> Response:
        platform().reinstate_tenant(tenant)
        return _done(f"{info.name} reinstated", "web.admin.partnerships")

    form = ConfirmForm()
    return _confirm(form, "Reinstate partnership", change, "admin/reinstate.html", tenant=info)


@bp.route("/users")
@requires(Permission.ADMIN)
def users() -> Any:
    """Everyone, active first; at hundreds of partnerships an operator finds one person by
    name or place (``q``) and role rather than by scrolling."""
    everyone = sorted(platform().access.users(), key=lambda u: (not u.active, u.shown_as))
    where = where_names()
    q = " ".join(request.args.get("q", "").split()).casefold()
    role = request.args.get("role", "")
    people = [
        u
        for u in everyone
        if (not role or u.role == role)
        and (not q or any(q in text.casefold() for text in (u.shown_as, u.name, where(u))))
    ]
    roles = [{"value": "", "text": "Any role"}] + [
        {"value": r.value, "text": n, "selected": r.value == role} for r, n in ROLE_NAMES.items()
    ]
    return render_template(
        "admin/users.html",
        users=people,
        everyone=len(everyone),
        q=request.args.get("q", ""),
        roles=roles,
        filtered=bool(q or role),
        where=where,
        role_name=ROLE_NAMES.get,
    )


@bp.route("/users/new", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def add() -> Any:
    registry = platform().registry
    form = UserForm()
    form.tenant.choices = [("", "None")] + [  # an offboarded one is granted to nobody new
        (t.slug, t.name) for t in registry.tenants() if t.status != TenantStatus.OFFBOARDED
    ]
    form.region.choices = [("", "None")] + [(r.slug, r.name) for r in registry.regions()]
    if not form.is_submitted():  # "add its first officer and lead", from a new partnership
        form.tenant.data = request.args.get("tenant", "")
        form.role.data = request.args.get("role")  # "add the new lead", leaving the last
    page = FormPage(form, lambda problem: user_field(form, problem))
    if page.submitted():
        tenants = (form.tenant.data,) if form.tenant.data else ()
        regions = (form.region.data,) if form.region.data else ()
        taken = f"There is already a user with the user name {form.name.data}: choose another one"
        with page.refusals(), in_page_words(taken):
            add_user(
                platform(),
                form.name.data or "",
                form.role.data or "",
                tenants,
                regions,
                display_name=form.display_name.data or "",
                email=(form.email.data or "").strip(),
                agency=agency_key((form.agency.data or "").strip(), tenants, regions),
            )
            name = form.name.data or ""
            return _done(
                _added(form.display_name.data or name, name, bool(form.email.data)),
                "web.admin.user",
                name=name,
            )
    return page.render("admin/add_user.html")


def _added(shown_as: str, name: str, has_email: bool) -> Markup:
    """The banner after adding someone, linking the next thing to do for them: the
    invitation, where they have an email address for it, else a password to give them."""
    if has_email:
        link, words = url_for("web.invitations.send", name=name), "Send them an invitation email"
        then = "so they can choose their password and sign in."
    else:
        link, words = url_for("web.admin_signin.password", name=name), "Set their password"
        then = "so they can sign in."
    return Markup(
        '<p class="govuk-notification-banner__heading">{} added. '
        '<a class="govuk-notification-banner__link" href="{}">{}</a> {}</p>'
    ).format(shown_as, link, words, then)


def agency_key(typed: str, tenants: tuple[str, ...], regions: tuple[str, ...]) -> str:
    """The directory key of the agency an administrator typed as people name it ("West Midlands
    Police", or an alias such as "WMP"), looked up in the region the person works in; what was
    typed when no directory knows it, so the ledger's refusal names the valid ones."""
    registry = platform().registry
    for region in {*regions, *(registry.tenant(t).region for t in tenants)}:
        with platform().region_ledgers.lease(region, writing=False) as ledger:
            found = ledger.partners.directory().resolve(typed) if typed else None
        if found is not None:
            return found.key
    return typed


@bp.route("/users/<name>")
@requires(Permission.ADMIN)
def user(name: str) -> Any:
    access = platform().access
    found = access.user(name)
    return render_template(
        "admin/user.html",
        user=found,
        where=where_names(),
        role_name=ROLE_NAMES.get,
        creds=credentials(access, found.id),
        deactivated=None if found.active else deactivation(access, found.id),
        actor_name=actor_name,
        without_email=without_email,
        refused_on=refused_on(access, found.id),
        two_factor_required=found.role in TWO_FACTOR_ROLES,
        tokens=access.tokens(name),
        now=datetime.now(UTC),  # a token past its expiry is shown expired, not usable
        reason_form=ReasonForm(),
    )


@bp.route("/users/<name>/deactivation", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def deactivate(name: str) -> Any:
    access, form = platform().access, ReasonForm()
    found = access.user(name)

    def change() -> Response:
        access.deactivate_user(name, form.given())
        return _done(f"{found.shown_as} deactivated", "web.admin.user", name=name)

    return _confirm(
        form,
        "Deactivate user",
        change,
        "admin/deactivate.html",
        user=found,
        last_lead=last_lead(found),
        alone=alone(found),
    )


def last_lead(user: UserInfo) -> list[str]:
    """The partnerships ``user`` is the only active lead of: gone, nobody there could sign
    off actions, correct records, erase personal details or see who has access."""
    return _only_one(user, {Role.CSP_LEAD})


def alone(user: UserInfo) -> list[str]:
    """The partnerships ``user`` is the only active officer or lead of: gone, nobody there
    could record its cases."""
    return _only_one(user, {Role.CSP_OFFICER, Role.CSP_LEAD})


def _only_one(user: UserInfo, roles: set[Role]) -> list[str]:
    if user.role not in roles or not user.active:
        return []
    others = [
        u for u in platform().access.users() if u.active and u.role in roles and u.name != user.name
    ]
    registry = platform().registry
    return [
        registry.tenant(t).name for t in user.tenants if not any(t in u.tenants for u in others)
    ]


@bp.route("/users/<name>/email", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def change_email(name: str) -> Any:
    found = platform().access.user(name)
    form = EmailForm()
    if not form.is_submitted():
        form.email.data = found.email
    page = FormPage(form, form.email)
    if page.submitted():
        with page.refusals():
            platform().access.change_email(name, form.email.data or "")
            return _done(f"Email address saved for {found.shown_as}", "web.admin.user", name=name)
    return page.render("admin/email.html", user=found, reminders_for=reminders_for)


@bp.route("/users/<name>/tokens/<uuid:token>/revocation", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def revoke(name: str, token: UUID) -> Any:
    """Ask before a token stops working: a program using it is refused from the next request."""
    access, form = platform().access, RevokeTokenForm()
    found, tokens = access.user(name), access.tokens(name)
    number = next((n for n, t in enumerate(tokens, 1) if t.id == token), None)
    if number is None or not tokens[number - 1].usable_at(datetime.now(UTC)):
        flash("That token is not in use: it is revoked, expired or not theirs", "error")
        return redirect(url_for("web.admin.user", name=name))
    if form.validate_on_submit():
        try:
            access.revoke_token(name, token, "revoked by a platform administrator")
        except DomainError as refused:
            flash(str(refused), "error")
        else:
            flash(f"Token {number} of {found.shown_as} revoked: it no longer works")
        return redirect(url_for("web.admin.user", name=name))
    return render_template(
        "admin/revoke_token.html", user=found, form=form, number=number, token=tokens[number - 1]
    )


def where_names() -> Callable[[UserInfo], str]:
    """A user's grants by name: 'Birmingham', 'West Midlands', or every region for an admin."""
    registry = platform().registry
    names = {
        **{r.slug: r.name for r in registry.regions()},
        **{t.slug: t.name for t in registry.tenants()},
    }
    return lambda u: (
        ", ".join(names.get(s, s) for s in u.tenants + u.regions) or UNSCOPED.get(u.role, "")
    )


UNSCOPED = {  # what a role with no partnership or region reaches
    Role.PLATFORM_ADMIN: "All (platform)",
    Role.RESEARCHER: "The extracts their agreements allow",
    Role.NATIONAL_ANALYST: "The anonymised national export",
}


section("Partnerships", "web.admin.partnerships", {Role.PLATFORM_ADMIN}, lambda _: {})
section("Regions", "web.admin.regions", {Role.PLATFORM_ADMIN}, lambda _: {})
section("Users", "web.admin.users", {Role.PLATFORM_ADMIN}, lambda _: {})
home_for(Role.PLATFORM_ADMIN, "web.admin.partnerships", lambda _: {})
