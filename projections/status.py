"""Where each read model stands per tenant, and how far behind the tenant's store it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from projections import generations
from projections.deadletters import DeadLetter, dead_letters
from projections.model import REGISTRY_SOURCE
from projections.port import ViewStore
from projections.sources import Sources
from projections.views import all_models
from tenants.platform import Platform

RELAY = "relay"


@dataclass(frozen=True)
class SourceStatus:
    source: str  # tenant slug, or ":registry"
    position: int  # last notification id applied
    head: int  # last notification id recorded in the source
    lag: int  # events recorded but not yet applied


@dataclass(frozen=True)
class ViewStatus:
    name: str  # a read model, or "relay" for what the relay has published
    generation: int
    version: int  # the version the live tables were built with
    code_version: int  # the version the code now expects; differs => run a rebuild
    sources: tuple[SourceStatus, ...]
    set_aside: tuple[DeadLetter, ...] = field(default=())  # events it could not apply


def status(views: ViewStore, platform: Platform) -> list[ViewStatus]:
    generations.install(views, all_models())
    sources = Sources(platform, frozenset())
    tenants = sources.tenants()
    heads = {s: sources.max_id(s) for s in [REGISTRY_SOURCE, *tenants]}
    found = []
    with views.reading() as tx:
        live, versions = generations.all_current(tx), generations.stored_versions(tx)
        aside = dead_letters(tx, live)
        for model in all_models():
            at = generations.positions(tx, model.name, live[model.name])
            keys = [REGISTRY_SOURCE] if model.source == "registry" else tenants
            rows = tuple(
                SourceStatus(s, at.get(s, 0), heads[s], heads[s] - at.get(s, 0)) for s in keys
            )
            found.append(
                ViewStatus(
                    model.name,
                    live[model.name],
                    versions[model.name],
                    model.version,
                    rows,
                    tuple(d for d in aside if d.view == model.name),
                )
            )
        relayed = {
            str(s): int(n)
            for s, n in tx.fetchall("SELECT source, notification_id FROM relay_positions")
        }
    rows = tuple(
        SourceStatus(s, relayed.get(s, 0), heads[s], heads[s] - relayed.get(s, 0)) for s in tenants
    )
    found.append(ViewStatus(RELAY, 0, 0, 0, rows))
    return found
