"""``python -m benchmarks``: load a synthetic nation, then measure every figure of issue 7.

Each store gets a fresh database, the data is imported in three stages (10%, 30%, 100%) so the
regional views can be timed as they grow, then the remaining figures run on the full data.
One figure failing prints "not measured: <why>" for its row and the run carries on.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from benchmarks.context import Context
from benchmarks.data.load import Loader
from benchmarks.data.shape import Shape
from benchmarks.figures import (
    audit,
    bulk,
    commands,
    freshness,
    learning,
    over_http,
    pages,
    tenants,
    views,
)
from benchmarks.figures import sheets as spreadsheet_import
from benchmarks.progress import say
from benchmarks.report import HEAD, Report, Row, machine
from benchmarks.stores import BenchStore
from tenants.platform import bootstrap

STAGES = (0.1, 0.3, 1.0)
RESULTS = Path(__file__).parent / "results"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="1.0 = 43 regions, 300 tenants, 12 years, about 1M events",
    )
    parser.add_argument("--store", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path("/tmp/ledger_bench"),
        help="where SQLite files and child-process logs go (recreated)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated figures to measure, e.g. 'j' (d/e always run: "
        "they load the data and build the read models the others read)",
    )
    args = parser.parse_args(argv)
    only = frozenset(f.strip() for f in args.only.split(",") if f.strip())
    shape = Shape.of(args.scale)
    report = Report(args.scale)
    report.facts.update(
        {
            "machine": machine(),
            "command": "python -m benchmarks " + " ".join(sys.argv[1:] if argv is None else argv),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "tenants": len(shape.tenants),
            "regions": len(shape.regions),
        }
    )
    started = time.perf_counter()
    print(" | ".join(HEAD), flush=True)
    kinds = ("sqlite", "postgres") if args.store == "both" else (args.store,)
    for kind in kinds:
        run_store(BenchStore(kind, args.workdir), shape, report, only)
    report.facts["wall time"] = f"{time.perf_counter() - started:.0f}s"
    js, md = report.write(args.out)
    print("\n" + report.markdown())
    say(f"wrote {js} and {md}")
    return 0


def run_store(
    store: BenchStore, shape: Shape, report: Report, only: frozenset[str] = frozenset()
) -> None:
    say(f"=== {store.kind}: fresh store, {len(shape.tenants)} tenants ===")
    store.recreate()
    # Every tenant's application may stay open: at the default LEDGER_OPEN_TENANTS (64) commands
    # spread over 300 tenants mostly measure reopening applications (see README, Performance).
    platform = bootstrap(store.settings(LEDGER_OPEN_TENANTS=str(len(shape.tenants))))
    ctx = Context(store, platform, Loader(shape), report, shape, store.workdir, shape.scale < 0.5)
    read_models = views.Views(ctx)
    try:
        ctx.loader.register(platform)
        for fraction in STAGES:
            ctx.loader.stage(platform, fraction)
            guard(ctx, "d/e", lambda f=fraction: read_models.after_stage(f))  # type: ignore[misc]

        def run(figure: str, measure: Callable[[], object]) -> None:
            if not only or set(figure.split("/")) & only:
                guard(ctx, figure, measure)

        run("j", lambda: pages.measure(ctx))  # read models at 100%, before the writes
        run("c", lambda: bulk.measure(ctx))
        in_process: list[float] = []
        run("a", lambda: in_process.append(commands.measure(ctx)))
        run("b", lambda: over_http.measure(ctx, in_process[0] if in_process else None))
        run("f/g", lambda: freshness.measure(ctx))
        run("h", lambda: tenants.measure(ctx))
        run("i", lambda: audit.measure(ctx))
        run("k", lambda: spreadsheet_import.measure(ctx))
        run("learn", lambda: learning.measure(ctx))
    finally:
        read_models.close()
        platform.close()


def guard(ctx: Context, figure: str, measure: Callable[[], object]) -> None:
    try:
        measure()
    except Exception as error:  # a broken figure must not cost the others
        traceback.print_exc(file=sys.stderr)
        ctx.report.add(
            Row(
                figure,
                ctx.kind,
                "(whole figure)",
                note=f"{type(error).__name__}: {str(error)[:120]}",
            )
        )


if __name__ == "__main__":
    sys.exit(main())
