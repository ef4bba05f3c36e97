"""The ``ledger`` command: what operators run. Each sub-command group lives in its own module."""

from __future__ import annotations

import click

from api.cli import (
    audit_documents,  # noqa: F401 - adds `audit document`
    tenant_backups,  # noqa: F401 - adds `tenants backup` / `restore`
)
from api.cli.audit import audit
from api.cli.common import Ledger
from api.cli.demo import demo
from api.cli.export import export
from api.cli.exports import national
from api.cli.imports import import_
from api.cli.privacy import keys, retention, vault
from api.cli.projections import projections
from api.cli.reminders import reminders
from api.cli.reports import report
from api.cli.serve import serve
from api.cli.tenants import regions, tenants
from api.cli.themes import themes
from api.cli.users import tokens, users


@click.group(cls=Ledger, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Partnership Ledger: DHRs, action plans and funding for Community Safety Partnerships.

    Configuration comes from LEDGER_* environment variables (see README); with none set,
    data lives in embedded SQLite files under ./var/data.
    """


main.add_command(regions)
main.add_command(tenants)
main.add_command(themes)
main.add_command(users)
main.add_command(tokens)
main.add_command(serve)
main.add_command(demo)
main.add_command(projections)
main.add_command(audit)
main.add_command(export)
main.add_command(keys)
main.add_command(vault)
main.add_command(retention)
main.add_command(report)
main.add_command(import_)
main.add_command(reminders)
export.add_command(national)  # the national learning export beside the views
