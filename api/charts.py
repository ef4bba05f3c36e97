"""Charts drawn on the server as SVG (pygal), each an enhancement beside its own table, for
the pages and the board papers alike.

Colours come from the GOV.UK palette; every bar's label carries its value ("Walsall: 2.8
months") and each chart has one series, so nothing is told by colour alone. The target is a major gridline labelled
on the axis. Pages embed the SVG as an image whose alternative text points at the table,
where the same numbers are for screen readers and for anyone who prefers them.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pygal
from pygal.style import Style

from api.plurals import plural

GOVUK_BLUE, GOVUK_DARK_BLUE, GOVUK_BLACK, GOVUK_MID_GREY = (
    "#1d70b8",
    "#003078",
    "#0b0c0c",
    "#b1b4b6",
)
DAYS_PER_MONTH = 365.25 / 12
FONT = '"GDS Transport", arial, sans-serif'


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str
    src: str  # a data: URL of the SVG, for an <img>


def months(days: float | None) -> float | None:
    return None if days is None else round(days / DAYS_PER_MONTH, 1)


def _style(colour: str) -> Style:
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground=GOVUK_BLACK,
        foreground_strong=GOVUK_BLACK,
        foreground_subtle=GOVUK_MID_GREY,
        colors=(colour,),
        opacity="1",
        opacity_hover="1",
        font_family=FONT,
        title_font_size=18,
        label_font_size=14,
        major_label_font_size=14,
        value_font_size=14,
        value_label_font_size=14,
        guide_stroke_color=GOVUK_MID_GREY,
        major_guide_stroke_color=GOVUK_BLACK,
    )


def months_by_partnership(
    title: str,
    names: Sequence[str],
    values: Sequence[float | None],
    target_months: int,
    table_caption: str,
    colour: str = GOVUK_BLUE,
    missing: str = "none yet",
    cases: Sequence[int] | None = None,
) -> Chart:
    """Horizontal bars, one per partnership, with the target drawn as a heavier gridline;
    ``missing`` labels a partnership with no figure that has cases, none yet measured, and
    "no cases" one that had none in the period (``cases``, how many each had; unknown: None).

    Drawn once per distinct input (pygal took ~40% of the regional dashboard's time, and
    the numbers change only when a case moves on): the SVG depends on nothing else.
    """
    had = tuple(cases) if cases is not None else (None,) * len(names)
    labels = tuple(_label(n, v, missing, c) for n, v, c in zip(names, values, had, strict=True))
    return _drawn(title, labels, tuple(values), target_months, table_caption, colour)


@lru_cache(maxsize=64)
def _drawn(
    title: str,
    labels: tuple[str, ...],
    values: tuple[float | None, ...],
    target_months: int,
    table_caption: str,
    colour: str,
) -> Chart:
    top = max([target_months, *(v for v in values if v is not None)])
    step = 1 if top <= 12 else 3
    ticks = list(range(0, int(top) + step + 1, step))
    if target_months not in ticks:
        ticks = sorted({*ticks, target_months})
    chart = pygal.HorizontalBar(
        style=_style(colour),
        width=760,
        height=max(220, 60 + 44 * len(labels)),
        show_legend=False,
        value_formatter=lambda v: f"{v:g}",
        x_labels=list(labels)[::-1],
        y_labels=ticks,
        y_labels_major=[target_months],
        show_minor_y_labels=True,
        x_title=f"months (target: {plural(target_months, 'month')})",
        js=[],
        margin=12,
        range=(0, ticks[-1]),
        include_x_axis=True,
        truncate_label=-1,
    )
    chart.title = title
    chart.add(title, list(values)[::-1])  # pygal draws the first bar at the bottom
    svg = chart.render(is_unicode=True, disable_xml_declaration=True)
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    alt = f"{title}, by partnership. The same numbers are in the table '{table_caption}'."
    return Chart(title, alt, src)


def _label(name: str, value: float | None, missing: str, cases: int | None) -> str:
    """A bar's label: its value, or why it has none (no cases at all is not a case waiting)."""
    if value is not None:
        return f"{name}: {value:.1f} months"
    return f"{name}: {'no cases' if cases == 0 else missing}"


def timeliness_charts(
    names: Sequence[str],
    decision_days: Sequence[float | None],
    submission_days: Sequence[float | None],
    table_caption: str,
    cases: Sequence[int] | None = None,
) -> dict[str, Chart]:
    """The two Home Office clocks per partnership, in median months: to the decision (target
    1 month) and to submission (target 7 months); ``cases``: how many each had in the period."""
    return {
        "decision": months_by_partnership(
            "Median months from incident to decision",
            names,
            [months(d) for d in decision_days],
            1,
            table_caption,
            missing="no decision yet",
            cases=cases,
        ),
        "submission": months_by_partnership(
            "Median months from incident to submission to the Home Office",
            names,
            [months(d) for d in submission_days],
            7,
            table_caption,
            colour=GOVUK_DARK_BLUE,
            missing="none submitted yet",
            cases=cases,
        ),
    }
