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


def chart_specs() -> list[ChartSpec]:
    from ui.charts import calendar, checkins, conflicts

    return [*checkins.specs(), *calendar.specs(), *conflicts.specs()]
