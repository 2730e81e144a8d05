"""The app's views, in sidebar order. Each feature issue adds its ViewSpec here.

Views are created lazily, the first time they are shown, so start-up only builds Home.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.services import Services
from ui.bus import DataBus


@dataclass(frozen=True)
class ViewSpec:
    key: str  # stable: used for QSettings, screenshots and tests
    title: str  # shown in the sidebar
    factory: Callable[[Services, DataBus], QWidget]


def view_specs() -> list[ViewSpec]:
    from ui.views.calendar_view import CalendarView
    from ui.views.checkins_view import CheckinsView
    from ui.views.conflicts_view import ConflictsView
    from ui.views.goals_view import GoalsView
    from ui.views.home_view import HomeView
    from ui.views.settings_view import SettingsView
    from ui.views.trends_view import TrendsView

    return [
        ViewSpec("home", "Home", HomeView),
        ViewSpec("checkins", "Check-ins", CheckinsView),
        ViewSpec("goals", "Goals & Values", GoalsView),
        ViewSpec("calendar", "Calendar", CalendarView),
        ViewSpec("conflicts", "Conflicts", ConflictsView),
        ViewSpec("trends", "Trends", TrendsView),
        ViewSpec("settings", "Settings", SettingsView),
    ]
