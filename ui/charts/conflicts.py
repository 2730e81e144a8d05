"""Trends from the worksheets: how many you opened and resolved each month — working
things through shows up as both bars, not as a score."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ui.charts import ChartSpec, ChartStyle

if TYPE_CHECKING:
    from app.services import Services


@dataclass(frozen=True)
class ConflictSeries:
    months: list[tuple[date, int, int]]  # (first day, opened, resolved)


def load_conflicts(services: Services, first: date, last: date) -> ConflictSeries:
    return ConflictSeries(services.trends.conflict_months(first, last))


def plot_conflicts(ax, series: ConflictSeries, style: ChartStyle) -> None:
    from ui.charts.checkins import _dates_axis, _style_axes, bars

    _style_axes(ax, style)
    starts = [m for m, _o, _r in series.months]
    bars(ax, [m + timedelta(days=3) for m in starts], 11, [o for _m, o, _r in series.months],
         facecolor=style.muted, alpha=0.45, label="opened")
    bars(ax, [m + timedelta(days=15) for m in starts], 11, [r for _m, _o, r in series.months],
         facecolor=style.text, alpha=0.75, label="resolved")
    ax.set_ylabel("worksheets a month", color=style.muted, fontsize=style.font_size * 0.85)
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    _dates_axis(ax)


def conflicts_empty(series: ConflictSeries) -> str | None:
    if not any(o or r for _m, o, r in series.months):
        return ("No worksheets in this range. When you work through something together, "
                "it shows here — opened and resolved.")
    return None


def describe_conflicts(series: ConflictSeries, day: date) -> str | None:
    for month, opened, resolved in series.months:
        if (month.year, month.month) == (day.year, day.month):
            return f"{month:%B %Y}: {opened} opened, {resolved} resolved"
    return None


def specs() -> list[ChartSpec]:
    return [
        ChartSpec(
            "conflicts", "Working things through",
            "Worksheets you opened and resolved each month. Both bars are good news: you're "
            "talking.",
            load_conflicts, plot_conflicts, conflicts_empty, describe_conflicts,
        ),
    ]
