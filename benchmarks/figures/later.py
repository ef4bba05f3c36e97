"""Figures that need the projections and the HTTP API (b, d, e, f, g): placeholders until they land."""

from __future__ import annotations

from benchmarks.context import Context
from benchmarks.report import Row


class Views:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def after_stage(self, fraction: float) -> None:
        if fraction == 1.0:
            for fig, what in (("d", "projection catch-up events/s"),
                              ("e", "regional view latency p50/p95/p99")):
                self.ctx.report.add(Row(fig, self.ctx.kind, what, note="projections not landed yet"))

    def live(self, ctx: Context) -> None:
        ctx.report.add(Row("f", ctx.kind, "freshness command -> regional view p95",
                           note="projections not landed yet"))
        ctx.report.add(Row("g", ctx.kind, "peak RSS API worker / projection worker",
                           note="API and projections not landed yet"))


def http(ctx: Context, in_process: float | None) -> None:
    ctx.report.add(Row("b", ctx.kind, "commands/s over HTTP", note="API command endpoints not landed yet"))
