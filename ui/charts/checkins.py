"""Check-in charts: how often you check in, and how connected and how each of you feels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.domain.trends import PartnerSeries, WeekCount
from ui.charts import ChartSpec, ChartStyle

if TYPE_CHECKING:
    from app.services import Services

BARS_UP_TO_WEEKS = 60  # beyond this, weekly bars become a step line per partner


@dataclass(frozen=True)
class FrequencySeries:
    weeks: list[WeekCount]
    partner_ids: tuple[int, ...]
    names: dict[int, str]
    target: int


@dataclass(frozen=True)
class FeelingSeries:
    series: list[PartnerSeries]
    names: dict[int, str]
    metric: str  # "connection" or "mood"


def load_frequency(services: Services, first: date, last: date) -> FrequencySeries:
    couple = services.trends.couple()
    weeks = services.trends.weekly_counts(first, last)
    target = services.home.settings().checkin_target_per_week
    names = {p.id: p.name for p in couple.partners}
    return FrequencySeries(weeks, tuple(names), names, target)


def load_feelings(metric: str):
    def load(services: Services, first: date, last: date) -> FeelingSeries:
        couple = services.trends.couple()
        names = {p.id: p.name for p in couple.partners}
        return FeelingSeries(services.trends.weekly_averages(first, last), names, metric)

    return load


# -- drawing ------------------------------------------------------------------------------


def _style_axes(ax, style: ChartStyle) -> None:
    ax.set_facecolor(style.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(style.grid)
    ax.tick_params(colors=style.muted, labelsize=style.font_size * 0.85)
    ax.yaxis.grid(True, color=style.grid, linewidth=0.8)
    ax.set_axisbelow(True)


def bars(ax, lefts: list[date], width_days: float, heights: list[float], **style):
    """Bars from each day in ``lefts`` (``width_days`` wide) as one artist, not one
    rectangle each: ten times quicker to make and to draw over a year of weeks."""
    from matplotlib.collections import PolyCollection
    from matplotlib.dates import date2num

    starts = date2num(lefts)
    collection = PolyCollection(
        [((x, 0), (x, h), (x + width_days, h), (x + width_days, 0))
         for x, h in zip(starts, heights, strict=True)],
        linewidths=0, **style)
    ax.xaxis_date()
    ax.add_collection(collection)
    return collection


def _dates_axis(ax) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))


def plot_frequency(ax, series: FrequencySeries, style: ChartStyle) -> None:
    """Check-ins per week for each partner, with the couple's weekly aim as a line."""
    _style_axes(ax, style)
    starts = [w.start for w in series.weeks]
    if len(starts) <= BARS_UP_TO_WEEKS:
        width = 3.0
        for i, pid in enumerate(series.partner_ids):
            shift = timedelta(days=(i - 0.5) * width + 0.5)
            bars(ax, [s + shift for s in starts], width * 0.9,
                 [w.by_partner.get(pid, 0) for w in series.weeks],
                 facecolor=style.partner_colours[pid], label=series.names[pid])
    else:
        for pid in series.partner_ids:
            values = [w.by_partner.get(pid, 0) for w in series.weeks]
            edges = [*starts, starts[-1] + timedelta(days=7)]
            ax.stairs(values, edges, color=style.partner_colours[pid], linewidth=1.6,
                      label=series.names[pid], baseline=None)
    if series.target:
        ax.axhline(series.target, color=style.muted, linestyle=(0, (4, 3)), linewidth=1.2,
                   label=f"Your aim: {series.target} a week")
    ax.set_ylabel("check-ins a week", color=style.muted, fontsize=style.font_size * 0.85)
    _dates_axis(ax)
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)


def plot_feeling(ax, series: FeelingSeries, style: ChartStyle) -> None:
    """Each partner's weekly averages as dots and a smoothed line; the gap lightly shaded."""
    _style_axes(ax, style)
    smooth_lines = []
    for s in series.series:
        colour = style.partner_colours[s.partner_id]
        raw = s.connection if series.metric == "connection" else s.mood
        smooth = s.connection_smooth if series.metric == "connection" else s.mood_smooth
        points = [(w, v) for w, v in zip(s.weeks, raw, strict=True) if v is not None]
        if points:
            ax.scatter([p[0] for p in points], [p[1] for p in points], s=14, color=colour,
                       alpha=0.35, linewidths=0)
        line_points = [(w, v) for w, v in zip(s.weeks, smooth, strict=True) if v is not None]
        if line_points:
            ax.plot([p[0] for p in line_points], [p[1] for p in line_points], color=colour,
                    linewidth=2.4, label=series.names[s.partner_id])
        smooth_lines.append(smooth)
    if len(series.series) == 2:
        weeks = series.series[0].weeks
        a, b = smooth_lines
        both = [(w, x, y) for w, x, y in zip(weeks, a, b, strict=True)
                if x is not None and y is not None]
        if both:
            ax.fill_between([p[0] for p in both], [p[1] for p in both], [p[2] for p in both],
                            color=style.muted, alpha=0.12, linewidth=0,
                            label="where you differ")
    _dates_axis(ax)
    top = 10 if series.metric == "connection" else 5
    ax.set_ylim(0.5, top + 0.5)
    ax.set_yticks(range(1, top + 1, 1 if top == 5 else 3))
    ax.set_ylabel("how connected (1–10)" if series.metric == "connection" else "mood (1–5)",
                  color=style.muted, fontsize=style.font_size * 0.85)


# -- words --------------------------------------------------------------------------------


def frequency_empty(series: FrequencySeries) -> str | None:
    if not any(w.total for w in series.weeks):
        return ("No check-ins in this range yet. After your first check-in, your rhythm "
                "shows up here week by week.")
    return None


def feeling_empty(series: FeelingSeries) -> str | None:
    points = max((s.points for s in series.series), default=0)
    if points == 0:
        return ("No check-ins in this range yet. Once you've checked in a few times, you'll "
                "see how each of you has been feeling.")
    if points == 1:
        return ("Just one week so far — the lines appear after a few check-ins. "
                "Come back in a week or two.")
    return None


def _week_of(weeks, day: date):
    for i, start in enumerate(weeks):
        if start <= day < start + timedelta(days=7):
            return i
    return None


def describe_frequency(series: FrequencySeries, day: date) -> str | None:
    i = _week_of([w.start for w in series.weeks], day)
    if i is None:
        return None
    week = series.weeks[i]
    parts = ", ".join(f"{series.names[pid]} {week.by_partner.get(pid, 0)}"
                      for pid in series.partner_ids)
    return f"Week of {week.start.day} {week.start:%B %Y}: {parts}"


def describe_feeling(series: FeelingSeries, day: date) -> str | None:
    if not series.series:
        return None
    i = _week_of(series.series[0].weeks, day)
    if i is None:
        return None
    parts = []
    for s in series.series:
        value = (s.connection if series.metric == "connection" else s.mood)[i]
        shown = "no check-in" if value is None else f"{value:.1f}"
        parts.append(f"{series.names[s.partner_id]} {shown}")
    week = series.series[0].weeks[i]
    return f"Week of {week.day} {week:%B %Y}: {', '.join(parts)}"


def specs() -> list[ChartSpec]:
    return [
        ChartSpec(
            "checkin_frequency", "How often you check in",
            "Check-ins each week, for each of you, with your weekly aim.",
            load_frequency, plot_frequency, frequency_empty, describe_frequency,
        ),
        ChartSpec(
            "connection", "How connected each of you feels",
            "Weekly averages and a smoothed line. The shaded band is where you differ — "
            "something to talk about, not a score.",
            load_feelings("connection"), plot_feeling, feeling_empty, describe_feeling,
        ),
        ChartSpec(
            "mood", "How each of you has been feeling",
            "Mood from 1 (low) to 5 (great), weekly averages and a smoothed line.",
            load_feelings("mood"), plot_feeling, feeling_empty, describe_feeling,
        ),
    ]
