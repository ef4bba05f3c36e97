"""The auditor's own read log: everything they opened, and the refused attempts to read the
cases of the partnerships they audit, over the days they choose, a hundred reads a page.

Each read is said in words (``read_log_names``), never by the address that holds ids.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template, request, url_for
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from api.context import platform, requires
from api.policy import Permission
from api.web.auditing import auditor, granted
from api.web.fields import GovDate, LinkForm, error_list
from api.web.navigation import section
from api.web.read_log_names import BUNDLE_DOWNLOADED, ReadNames
from domain.calendar import uk_today
from tenants.users import Role
from tenants.users.read_log import MAX_DAYS, AuditRead, audit_reads, refused_reads

bp = Blueprint("read_log", __name__, url_prefix="/audit")
READ_LOG_DAYS = 7


class PeriodForm(LinkForm):
    since = GovDate("From", "the first date", optional=True)
    until = GovDate("To", "the last date", optional=True)
    submit = SubmitField("Show", widget=GovSubmitInput())


def _period(form: PeriodForm) -> tuple[date, date, list[dict[str, str]]]:
    """The days the auditor chose (the last ``READ_LOG_DAYS`` by default), or the default and
    why not: both within ``MAX_DAYS`` of each other, in order, and none after today."""
    today = uk_today()
    if request.args and not form.validate():
        return today - timedelta(days=READ_LOG_DAYS - 1), today, error_list(form)
    until = form.until.data or today
    since = form.since.data or until - timedelta(days=READ_LOG_DAYS - 1)
    problem, at = None, form.until
    if until > today:
        problem = f"The last date must be today ({today:%-d %-m %Y}) or earlier"
    elif since > until:
        problem, at = "The first date must be on or before the last date", form.since
    elif (until - since).days >= MAX_DAYS:
        problem, at = f"Choose at most {MAX_DAYS} days, from the first date to the last", form.since
    if problem:
        return today - timedelta(days=READ_LOG_DAYS - 1), today, error_list(form, problem, at)
    return since, until, []


@bp.route("/reads")
@requires(Permission.AUDIT_LOG)
def my_reads() -> Any:
    """The auditor's own reads, and the refused attempts to read the cases of the partnerships
    they audit, over the days they choose."""
    user = auditor()
    form = PeriodForm(request.args)
    since, until, errors = _period(form)
    reads = audit_reads(platform().access, since, until, auditor=user.id)
    audited = [t.slug for region in granted(user) for t in region.tenants]
    refused = refused_reads(platform().access, audited, since, until)
    named = ReadNames.of(
        [(r.tenant, r.path) for r in reads] + [(r.tenant, r.path) for r in refused]
    )
    downloads = _old_bundle_downloads(reads, f"auditor:{user.name}")
    page, pagination = _pages(len(reads))

    def what(read: Any) -> str:
        """What was read, and which by its name, so the log is evidence of itself."""
        return BUNDLE_DOWNLOADED if read in downloads else named(read.tenant, read.path)

    return render_template(
        "audit/reads.html",
        form=form,
        errors=errors,
        reads=reads[::-1][(page - 1) * READS_PER_PAGE : page * READS_PER_PAGE],
        total=len(reads),
        first=(page - 1) * READS_PER_PAGE + 1,
        pagination=pagination,
        refused=refused[::-1],
        since=since,
        until=until,
        tenant_names={t.slug: t.name for t in platform().registry.tenants()},
        region_names={r.slug: r.name for r in platform().registry.regions()},
        what=what,
    )


READS_PER_PAGE = 100


def _pages(count: int) -> tuple[int, dict[str, Any] | None]:
    """The page of the read log asked for (``?page=``, the days chosen kept) and the GOV.UK
    pagination to the others; None when one page holds them all."""
    pages = max(1, -(-count // READS_PER_PAGE))
    try:
        page = min(max(1, int(request.args.get("page", "1"))), pages)
    except ValueError:
        page = 1
    if pages == 1:
        return page, None

    def href(n: int) -> str:
        args = request.args.copy()
        args["page"] = str(n)
        return f"{url_for('web.read_log.my_reads')}?{urlencode(list(args.items(multi=True)))}"

    found: dict[str, Any] = {
        "items": [
            {"number": n, "href": href(n), "current": n == page} for n in range(1, pages + 1)
        ],
        "landmarkLabel": "Pages of your reads",
    }
    if page > 1:
        found["previous"] = {"href": href(page - 1)}
    if page < pages:
        found["next"] = {"href": href(page + 1)}
    return page, found


SENT_WITHIN = timedelta(minutes=10)  # a bundle is written within this of the press that asked


def _old_bundle_downloads(reads: list[AuditRead], exported_for: str) -> set[AuditRead]:
    """The bundle page's entries that were downloads: until downloads had their own address
    (6 December 2026) the page's address was logged for both, as the request came in. Each
    export recorded beside the seals with no download entry logged just after it (as one is
    now) was such a download: the last entry of the page before it, for the same auditor."""
    found: set[AuditRead] = set()
    for tenant in {r.tenant for r in reads if r.tenant and r.path.endswith("/audit-bundle")}:
        page = [r for r in reads if r.tenant == tenant and r.path.endswith("/audit-bundle")]
        sent = [r.at for r in reads if r.tenant == tenant and r.path.endswith("/download")]
        for export in platform().audit.exports(tenant):
            at = export.exported_at
            if export.exported_for != exported_for or any(
                at <= s <= at + SENT_WITHIN for s in sent
            ):
                continue
            asked = [r for r in page if at - SENT_WITHIN <= r.at <= at and r not in found]
            if asked:
                found.add(max(asked, key=lambda r: r.at))
    return found


section("My read log", "web.read_log.my_reads", {Role.AUDITOR}, lambda _: {}, order=70)
