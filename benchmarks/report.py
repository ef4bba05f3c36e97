"""The results table: every figure beside its same-run baseline and the ratio, never alone.

Written three ways: printed (for the person running it), JSON (for machines), Markdown (for
the README). A figure that could not be measured says why instead of showing a number.
"""

from __future__ import annotations

import json
import platform
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Row:
    figure: str
    store: str
    measure: str
    value: float | None = None
    unit: str = ""
    baseline: str = ""
    baseline_value: float | None = None
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    def cells(self) -> list[str]:
        self.note = " ".join(self.note.split())  # one line per row, in every format
        if self.value is None:
            return [
                self.figure,
                self.store,
                self.measure,
                f"not measured: {self.note}",
                "",
                "",
                "",
                "",
            ]
        base = f"{_num(self.baseline_value)} ({self.baseline})" if self.baseline else ""
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}"
        met = "" if self.met is None else ("yes" if self.met else "NO")
        value = f"{_num(self.value)} {self.unit}".strip()
        if self.note:
            value += f" — {self.note}"
        return [self.figure, self.store, self.measure, value, base, ratio, self.target, met]


HEAD = ["fig", "store", "measure", "value", "baseline (same run)", "ratio", "target", "met"]


@dataclass
class Report:
    scale: float
    rows: list[Row] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        print(" | ".join(row.cells()), flush=True)
        return row

    def markdown(self) -> str:
        lines = ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
        lines += [
            "| " + " | ".join(c.replace("|", "/") for c in r.cells()) + " |" for r in self.rows
        ]
        facts = "; ".join(f"{k}: {v}" for k, v in self.facts.items())
        return "\n".join(lines) + f"\n\n{facts}\n"

    def write(self, folder: Path) -> tuple[Path, Path]:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        name = f"bench-{stamp}-scale{self.scale:g}"
        data = {"scale": self.scale, "facts": self.facts, "rows": [asdict(r) for r in self.rows]}
        js, md = folder / f"{name}.json", folder / f"{name}.md"
        js.write_text(json.dumps(data, indent=2, default=str))
        md.write_text(self.markdown())
        (folder / "latest.md").write_text(self.markdown())
        return js, md


def machine() -> str:
    import os

    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores{mem}, "
        f"Python {platform.python_version()}"
    )


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"
