"""Figure k: importing a partnership's cases spreadsheet (XLSX), rows/s from the file's bytes
to events stored: read with openpyxl, every row checked through the domain's commands, then
recorded in one transaction through the bulk path. Baseline: openpyxl only reading the same
file's rows, the floor any XLSX import pays."""

from __future__ import annotations

import io
import time

from openpyxl import load_workbook

from api.imports.run import import_sheet
from benchmarks.context import Context
from benchmarks.data.sheets import case_rows, cases_workbook
from benchmarks.report import Row
from benchmarks.timing import rate, ratio
from domain.recording import acting_as

ROWS_AT_FULL_SCALE = 20_000


def measure(ctx: Context) -> None:
    count = max(300, int(ROWS_AT_FULL_SCALE * ctx.shape.scale))
    data = cases_workbook(case_rows(count, "BENCH"))
    region, tenant = "bench-imports", "bench-import-csp"
    ctx.platform.registry.create_region(region, "Benchmark imports")
    ctx.platform.register_tenant(tenant, "Benchmark imports CSP", region)
    started = time.perf_counter()
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    read = sum(1 for _ in book.worksheets[0].iter_rows(min_row=2, values_only=True))
    book.close()
    base = rate(read, time.perf_counter() - started)
    started = time.perf_counter()
    with acting_as("benchmark"):
        outcome = import_sheet(ctx.platform, tenant, "cases", data, "cases.xlsx")
    ours = rate(outcome.prepared.new, time.perf_counter() - started)
    if not outcome.prepared.clean:
        raise RuntimeError(f"the generated sheet was refused: {outcome.prepared.problems[:3]}")
    ctx.report.add(
        Row(
            "k",
            ctx.kind,
            f"spreadsheet import rows/s ({count:,} cases from XLSX, "
            f"{outcome.recorded_events:,} events)",
            ours,
            "rows/s",
            "openpyxl reading the same rows",
            base,
            ratio(ours, base),
            "",
            None,
            f"{len(data) / 1024:,.0f} KiB file; checked and recorded in one transaction",
        )
    )
