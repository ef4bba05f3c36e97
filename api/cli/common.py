"""What every ``ledger`` command shares: one bootstrap, the operator identity, readable errors."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import wraps
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

import click

from adapters.crypto.errors import key_missing
from adapters.settings import PostgresAddress, Settings
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
REASON = click.option(
    "--reason",
    required=True,
    help="why, in a few words: kept (encrypted) in the history and shown to administrators "
    "and auditors",
)


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


class Ticking:
    """A long run's progress as lines on standard error, read in a terminal or a journal alike:
    each step as it starts (``say``), and the events done so far (called with how many more),
    at most one line every ``every`` seconds."""

    def __init__(self, every: float = 2.0) -> None:
        self.every, self.done, self.last = every, 0, time.monotonic()

    def say(self, line: str) -> None:
        click.echo(line + "...", err=True)
        self.done, self.last = 0, time.monotonic()

    def __call__(self, more: int) -> None:
        self.done += more
        if time.monotonic() - self.last >= self.every:
            click.echo(f"  {self.done:,} events so far", err=True)
            self.last = time.monotonic()


def arguments(*names: str) -> Callable[[F], F]:
    """The command's positional arguments, in order: ``@arguments("slug", "name")``."""

    def wrap(fn: F) -> F:
        for name in reversed(names):
            fn = click.argument(name)(fn)
        return fn

    return wrap


class StoreUnavailableError(RuntimeError):
    """The store the settings point at cannot be used: said in one line, what to do next."""


def _reason(error: BaseException) -> str:
    """The driver's words for why a connection failed, without its preamble: 'Connection
    refused', 'database "x" does not exist' (never a password: the driver does not say it)."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return first.rsplit("failed: ", 1)[-1].replace("FATAL:  ", "").strip()


def where(address: PostgresAddress) -> str:
    """The server and database an address names, as an operator reads it (no password)."""
    return f"{address.user}@{address.host}:{address.port}/{address.dbname}"


def unreachable(address: PostgresAddress, reason: str) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"cannot use the PostgreSQL database in LEDGER_DATABASE_URL ({where(address)}): "
        f"{reason}. Check the address, that the server is up and that the database exists, "
        "then run the command again."
    )


def reachable(settings: Settings) -> Settings:
    """The settings, once their store answers: a server that is down, a database not created or
    a data folder that is a file are said in one line before anything is opened, not by a
    traceback after the pool's ten seconds of retrying."""
    if settings.postgres is None:
        if settings.data_dir.exists() and not settings.data_dir.is_dir():
            raise StoreUnavailableError(
                f"LEDGER_DATA_DIR ({settings.data_dir}) is a file, not a folder; point it at the "
                "folder that holds the ledger's files."
            )
        return settings
    import psycopg  # here, so SQLite platforms never need the driver

    try:
        settings.postgres.connect_alone().close()
    except psycopg.Error as e:
        raise unreachable(settings.postgres, _reason(e)) from None
    return settings


@contextmanager
def platform() -> Iterator[Platform]:
    p = bootstrap(reachable(Settings.from_environ()))
    try:
        with acting_as(OPERATOR):
            yield p
    finally:
        p.close()


def in_one_line(error: BaseException) -> str | None:
    """What an operator reads for ``error`` instead of a traceback, or None for a bug: a refusal,
    a missing or wrong key, a store that cannot be reached."""
    if isinstance(error, DomainError | StoreUnavailableError):
        return str(error)
    if (missing := key_missing(error)) is not None:
        return str(missing)
    from eventsourcing import persistence

    if isinstance(error, persistence.OperationalError | persistence.InterfaceError):
        try:
            address = Settings.from_environ().postgres
        except DomainError:
            address = None
        if address is not None:  # it answered when the command began: this one, or another
            return (
                f"a PostgreSQL server stopped answering ({_reason(error)}). Check that the "
                f"database in LEDGER_DATABASE_URL ({where(address)}) is up, and any server the "
                "command was given (--to), then run the command again."
            )
    return None


class Ledger(click.Group):
    """The ``ledger`` command: whatever a sub-command raises that an operator can act on
    (``in_one_line``) ends as one line on standard error and exit status 2, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as e:
            said = in_one_line(e)
            if said is None:
                raise
            click.echo(f"error: {said}", err=True)
            ctx.exit(2)


def on_platform(said: str) -> Callable[[Callable[..., Any]], Callable[..., None]]:
    """A command that makes one change through the platform and says so: the function takes
    the platform and the command's arguments; ``said`` is formatted with the arguments."""

    def wrap(change: Callable[..., Any]) -> Callable[..., None]:
        @wraps(change)
        def run(**arguments: Any) -> None:
            with platform() as p:
                change(p, **arguments)
            click.echo(said.format(**arguments))

        return run

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
