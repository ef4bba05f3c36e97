"""``ledger projections``: run, rebuild and inspect the regional read models.

``ledger projections run`` is what ``ledger serve`` starts beside gunicorn: relay and worker
in one process until SIGTERM/SIGINT (exit 0), or exit 1 if either loop fails.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import click

from api.cli.common import platform
from api.observability.logs import configure_logging, say
from projections.deadletters import retry
from projections.port import ViewStore
from projections.rebuild import events_to_read, rebuild, rebuild_outdated, select
from projections.service import ProjectionService
from projections.sources import Sources
from projections.status import status
from projections.store import open_views
from projections.views import all_models
from projections.worker import QUEUE
from tenants.platform import Platform


@click.group()
def projections() -> None:
    """Regional read models: delivery (relay, worker), rebuilds and status."""


@contextmanager
def _read_models() -> Iterator[tuple[Platform, ViewStore]]:
    """The platform and the read models' store, closed after use."""
    with platform() as p:
        views = open_views(p)
        try:
            yield p, views
        finally:
            views.close()


def _serve(
    relay: bool, worker: bool, queue: str = QUEUE, bindings: tuple[str, ...] = ("#",)
) -> None:
    configure_logging()
    with platform() as p:
        service = ProjectionService(
            p, relay=relay, worker=worker, queue=queue, bindings=bindings or ("#",)
        )

        def stop(signum: int, frame: FrameType | None) -> None:
            service.stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        service.start()
        say("projections running; stop with Ctrl-C", relay=relay, worker=worker)
        try:
            service.wait()
        except Exception as e:  # noqa: BLE001 - the traceback is in the log
            say(
                "projections stopped: check the database and broker, then restart",
                error=type(e).__name__,
            )
            sys.exit(1)
        finally:
            service.stop()


@projections.command()
def run() -> None:
    """Relay and worker in one process (the embedded memory:// broker needs this); a read model
    an earlier version built is rebuilt first."""
    configure_logging()
    with _read_models() as (p, views):
        rebuilt = rebuild_outdated(views, p)
    if rebuilt:
        say("read models built by an earlier version were rebuilt", models=", ".join(rebuilt))
    _serve(relay=True, worker=True)


@projections.command("relay")
def relay_command() -> None:
    """Only the outbox relay: tenants' events to the broker (needs a real broker, e.g. RabbitMQ)."""
    _serve(relay=True, worker=False)


@projections.command("worker")
@click.option(
    "--queue", default=QUEUE, show_default=True, help="Broker queue this worker consumes."
)
@click.option(
    "--bind",
    "bindings",
    multiple=True,
    help="Routing pattern, e.g. 'west-midlands.#' (default '#').",
)
def worker_command(queue: str, bindings: tuple[str, ...]) -> None:
    """Only the projection worker: broker (and stores, when behind) to the read models."""
    _serve(relay=False, worker=True, queue=queue, bindings=bindings)


@projections.command("rebuild")
@click.argument("names", nargs=-1)
def rebuild_command(names: tuple[str, ...]) -> None:
    """Rebuild NAMES (default: every read model) into fresh tables and swap them in atomically."""
    try:
        models = select(names)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    with _read_models() as (p, views):
        total = events_to_read(p, models)
        with click.progressbar(
            length=total, label="rebuilding " + ", ".join(m.name for m in models)
        ) as bar:
            live = rebuild(views, p, models, progress=bar.update)
    for name, generation in live.items():
        click.echo(f"{name}: generation {generation} is live")


@projections.command("status")
def status_command() -> None:
    """Each read model's generation, and its position and lag per tenant."""
    with _read_models() as (p, views):
        found = status(views, p)
    for view in found:
        stale = (
            " (code expects a newer version: run `ledger projections rebuild " + view.name + "`)"
        )
        note = stale if view.version != view.code_version else ""
        click.echo(f"{view.name}  generation {view.generation}{note}")
        for s in view.sources:
            click.echo(
                f"  {s.source:<40} position {s.position:>9}  head {s.head:>9}  lag {s.lag:>7}"
            )
        for d in view.set_aside:
            click.echo(
                f"  SET ASIDE {d.tenant} position {d.position} {d.event_type}: {d.error}"
                f" ({d.attempts} attempts, since {d.set_aside_at})"
            )
    aside = sum(len(v.set_aside) for v in found)
    if aside:
        click.echo(
            f"{aside} events set aside: fix the cause (see the errors above and the log), "
            "then run `ledger projections retry`."
        )


@projections.command("retry")
def retry_command() -> None:
    """Apply the events the read models set aside again (after fixing what made them fail)."""
    with _read_models() as (p, views):
        wanted = frozenset().union(*(m.topics_of_interest() for m in all_models()))
        applied, failing = retry(views, Sources(p, wanted), all_models())
    click.echo(f"{applied} set-aside events applied; {len(failing)} still failing")
    for d in failing:
        click.echo(f"  {d.view} {d.tenant} position {d.position} {d.event_type}: {d.error}")
    if failing:
        click.echo(
            "Fix what the errors say (or the read model's code), then retry again; "
            "`ledger projections rebuild` also re-applies them.",
            err=True,
        )
        sys.exit(1)
