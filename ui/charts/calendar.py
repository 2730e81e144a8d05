"""Trends from the calendar: hours of quality time each month, and how connected the dates
left each of you feeling (the average of both partners' ratings afterwards)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.domain.calendar import MonthHours
from ui.charts import ChartSpec, ChartStyle, second_scale

if TYPE_CHECKING:
    from app.services import Services


@dataclass(frozen=True)
class QualitySeries:
    months: list[MonthHours]
    target_per_month: float


def load_quality(services: Services, first: date, last: date) -> QualitySeries:
    weekly = services.home.settings().quality_hours_per_week
    return QualitySeries(services.trends.quality_months(first, last), weekly * 52 / 12)


def plot_quality(ax, series: QualitySeries, style: ChartStyle) -> None:
    from matplotlib.ticker import MaxNLocator

    from ui.charts.checkins import _dates_axis, _style_axes, bars

    _style_axes(ax, style)
    months = [m.month for m in series.months]
    colour = style.text  # both partners' ratings together: no one partner's colour
    bars(ax, months, 20, [m.hours for m in series.months], facecolor=style.muted, alpha=0.55,
         label="hours together")
    if series.target_per_month:
        ax.axhline(series.target_per_month, color=style.muted, linestyle=(0, (4, 3)),
                   linewidth=1.2, label=f"Your aim: {series.target_per_month:.0f} h a month")
    ax.set_ylabel("hours a month", color=style.muted, fontsize=style.font_size * 0.85)
    ax.set_ylim(bottom=0)
    # A few round numbers (0, 5, 10, 15) rather than one every 2.5 hours: easier to read
    # from the sofa, and each label is a good part of a redraw.
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 5, 10]))
    rated = [(m.month, m.connection) for m in series.months if m.connection is not None]
    if rated:
        right = second_scale(ax)
        right.plot([r[0] for r in rated], [r[1] for r in rated], color=colour, linewidth=2.2,
                   marker="o", markersize=4, label="how connected afterwards (1–5)")
        right.set_ylim(0.5, 5.5)
        right.set_yticks(range(1, 6))
        right.tick_params(colors=style.muted, labelsize=style.font_size * 0.85)
        for side in ("top", "left", "bottom"):
            right.spines[side].set_visible(False)
        right.spines["right"].set_color(style.grid)
    _dates_axis(ax)


def quality_empty(series: QualitySeries) -> str | None:
    if not any(m.hours for m in series.months):
        return ("No quality time marked as done in this range yet. Plan a date night or a "
                "walk in the Calendar, and mark it done afterwards.")
    return None


def describe_quality(series: QualitySeries, day: date) -> str | None:
    for m in series.months:
        if m.month.year == day.year and m.month.month == day.month:
            rating = (f", connection afterwards {m.connection:.1f} of 5"
                      if m.connection is not None else "")
            return f"{m.month:%B %Y}: {m.hours:g} hours together{rating}"
    return None


def specs() -> list[ChartSpec]:
    return [
        ChartSpec(
            "quality_time", "Quality time each month",
            "Hours you spent together on what you planned (marked done), and how connected "
            "you felt afterwards.",
            load_quality, plot_quality, quality_empty, describe_quality,
        ),
    ]
