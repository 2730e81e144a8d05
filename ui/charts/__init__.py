"""Trends charts: what each chart loads and how it draws. The extension point.

A chart is a ``ChartSpec``: ``load(services, first, last)`` returns its series for a date
range (from services, aggregated in SQL and shaped by pure functions in app/domain), and
``draw(ax, series, style)`` draws them with matplotlib — no data access in drawing. Other
areas add their charts by listing them in ``chart_specs()`` (e.g. the calendar's "quality
time per month", the conflicts' "opened vs resolved").

Nothing here imports matplotlib at module level: it loads when Trends is first opened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.services import Services



@dataclass(frozen=True)
class ChartStyle:
    text: str
    muted: str
    grid: str
    background: str
    partner_colours: dict[int, str]
    partner_names: dict[int, str]
    font_size: float
    dark: bool


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    subtitle: str
    load: Callable[[Services, date, date], Any]
    draw: Callable[[Any, Any, ChartStyle], None]  # (Axes, series, style)
    empty_message: Callable[[Any], str | None]  # a friendly word instead of blank axes
    describe: Callable[[Any, date], str | None]  # hover text for the week/month at a date


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str  # "#rrggbb", already blended with the background where the artist is faint
    mark: str  # "line", "dashed" or "block"


def legend_entries(figure, background: str) -> list[LegendEntry]:
    """What each labelled line, bar or band of ``figure`` is, for a legend drawn in Qt above
    the chart: large, selectable text in each partner's colour, and no matplotlib legend to
    lay out on every draw (that was a quarter of a chart's drawing time)."""
    from matplotlib.colors import to_rgba

    entries = []
    for handle, label in labelled(figure):
        artist = handle.patches[0] if hasattr(handle, "patches") else handle
        mark = "block"
        if hasattr(artist, "get_xdata"):  # a line
            mark = "line" if artist.get_linestyle() in ("-", "solid") else "dashed"
            rgba = to_rgba(artist.get_color(), artist.get_alpha())
        elif getattr(artist, "get_fill", lambda: True)():
            colours = artist.get_facecolor()
            rgba = tuple(colours[0] if getattr(colours, "ndim", 1) == 2 else colours)
        else:  # an outline, e.g. a step line
            mark, rgba = "line", tuple(artist.get_edgecolor())
        entries.append(LegendEntry(label, _blend(rgba, to_rgba(background)), mark))
    return entries


def second_scale(ax):
    """A right-hand scale over ``ax``'s dates: the one kept from the chart's last range
    (``ChartCard`` empties and hides it rather than making a new one each time), shown
    again, or a new one."""
    for other in ax.figure.axes:
        if other is not ax and ax.get_shared_x_axes().joined(ax, other):
            other.set_visible(True)
            return other
    return ax.twinx()


def labelled(figure) -> list[tuple[Any, str]]:
    """Every labelled artist of the figure's axes, in drawing order — an aim (a dashed
    line) after what it is an aim for."""
    pairs = [pair for ax in figure.axes
             for pair in zip(*ax.get_legend_handles_labels(), strict=True)]
    return sorted(pairs, key=lambda pair: _is_aim(pair[0]))


def _is_aim(artist) -> bool:
    """A dashed line: the couple's aim. (Bars and bands answer ``get_linestyle`` with a
    list; they are what is measured, not an aim.)"""
    style = getattr(artist, "get_linestyle", lambda: "-")()
    return isinstance(style, str) and style not in ("-", "solid")


def _blend(rgba, under) -> str:
    alpha = rgba[3]
    mixed = [alpha * c + (1 - alpha) * b for c, b in zip(rgba[:3], under[:3], strict=True)]
    return "#" + "".join(f"{round(c * 255):02x}" for c in mixed)


def add_export_legend(figure, style: ChartStyle):
    """A matplotlib legend above the plot, for a saved image (on screen the legend is Qt's).
    Returns it, to be removed after saving."""
    handles, labels = zip(*labelled(figure), strict=True)
    return figure.axes[0].legend(handles, labels, loc="lower left", bbox_to_anchor=(0, 1.0),
                        frameon=False, fontsize=style.font_size * 0.9, ncols=4,
                        borderaxespad=0.2, labelcolor=style.text)


def chart_specs() -> list[ChartSpec]:
    from ui.charts import calendar, checkins, conflicts

    return [*checkins.specs(), *calendar.specs(), *conflicts.specs()]
