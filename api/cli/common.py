"""What every ``ledger`` command shares: one bootstrap, the operator identity, readable errors."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import wraps
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

import click

from adapters.crypto.errors import KeyMissingError, key_missing
from domain.errors import DomainError
from domain.recording import acting_as
from projections.asof import instant
from tenants.platform import Platform, bootstrap

F = TypeVar("F", bound=Callable[..., Any])
OPERATOR = "operator:cli"


def into_a_folder(ctx: click.Context | None, param: click.Parameter | None, value: Any) -> Any:
    """A file to write must go into a folder that exists: checked before any work is done
    (a backup sealed, a paper built, every partnership read), not when the file is opened
    at the end. '-' is standard output. Also an option's ``callback``, hence the order."""
    if value is None:
        return value
    name = value if isinstance(value, str | PathLike) else value.name  # a path, or a file
    if name in (None, "-", "<stdout>"):
        return value
    folder = Path(str(name)).expanduser().resolve().parent
    if not folder.is_dir():
        raise click.BadParameter(
            f"the folder {folder} does not exist; create it first, or write somewhere else.",
            ctx=ctx,
            param=param,
        )
    return value


class FileOut(click.Path):
    """A file the command writes, into a folder that exists (``into_a_folder``)."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return into_a_folder(ctx, param, super().convert(value, param, ctx))


FILE_OUT = FileOut()  # a file the command writes
FILE_IN = click.Path(exists=True, dir_okay=False, path_type=Path)  # one it reads
DAY = click.DateTime(formats=["%Y-%m-%d"])  # a day as YYYY-MM-DD
REASON = click.option("--reason", required=True)


class Instant(click.ParamType):
    """An instant as ``projections.asof.instant`` reads it: a date (its end, UTC) or an ISO
    date-time."""

    name = "instant"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, datetime):
            return value
        try:
            return instant(str(value))
        except ValueError as e:
            self.fail(str(e), param, ctx)


AS_RECORDED = click.option(
    "--as-recorded",
    "recorded_by",
    type=Instant(),
    default=None,
    help="read the ledger as it had recorded things by then: a date (its end, UTC) or an "
    "ISO date-time (default: now)",
)


def arguments(*names: str) -> Callable[[F], F]:
    """The command's positional arguments, in order: ``@arguments("slug", "name")``."""

    def wrap(fn: F) -> F:
        for name in reversed(names):
            fn = click.argument(name)(fn)
        return fn

    return wrap


@contextmanager
def platform() -> Iterator[Platform]:
    p = bootstrap()
    try:
        with acting_as(OPERATOR):
            yield p
    finally:
        p.close()


def reports_domain_errors(fn: F) -> F:
    """Turn a refusal into one readable line and exit status 2, not a traceback."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (DomainError, KeyMissingError) as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(2)
        except Exception as e:
            missing = key_missing(e)
            if missing is None:
                raise
            click.echo(f"error: {missing}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def on_platform(said: str) -> Callable[[Callable[..., Any]], Callable[..., None]]:
    """A command that makes one change through the platform and says so: the function takes
    the platform and the command's arguments; ``said`` is formatted with the arguments."""

    def wrap(change: Callable[..., Any]) -> Callable[..., None]:
        @wraps(change)
        def run(**arguments: Any) -> None:
            with platform() as p:
                change(p, **arguments)
            click.echo(said.format(**arguments))

        return reports_domain_errors(run)

    return wrap


def region_and_group(fn: F) -> F:
    """REGION and, optionally, GROUP (a partnership group's key): the command names the group
    with ``group_named``, which lists the region's groups when GROUP is left out."""
    return click.argument("region")(click.argument("group", required=False)(fn))


def group_named(p: Platform, region: str, group: str | None) -> str:
    """The group asked for; without one, a usage error that lists the region's groups, since
    nobody knows a group's key by heart."""
    if group:
        return group
    p.registry.region(region)
    with p.region_ledgers.lease(region, writing=False) as ledger:
        groups = ledger.groups.all()
    listed = "\n".join(f"  {g.key}  ({g.name})" for g in groups) or "  none yet"
    raise click.UsageError(f"name the GROUP; the groups of {region} are:\n{listed}")
