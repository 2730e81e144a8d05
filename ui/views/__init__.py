"""The app's views, in sidebar order. Each feature issue adds its ViewSpec here.

Views are created lazily, the first time they are shown, and their modules are imported
only then: the window's frame (sidebar, menus) needs nothing but the titles, so the first
paint never waits for a view it doesn't show.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.services import Services
    from ui.bus import DataBus


@dataclass(frozen=True)
class ViewSpec:
    key: str  # stable: used for QSettings, screenshots and tests
    title: str  # shown in the sidebar
    where: str  # "module:Class", imported when the view is first needed

    def create(self, services: Services, bus: DataBus) -> QWidget:
        module, name = self.where.split(":")
        return getattr(import_module(module), name)(services, bus)


VIEWS = (
    ViewSpec("home", "Home", "ui.views.home_view:HomeView"),
    ViewSpec("checkins", "Check-ins", "ui.views.checkins_view:CheckinsView"),
    ViewSpec("together", "Together", "ui.views.together_view:TogetherView"),
    ViewSpec("goals", "Goals & Values", "ui.views.goals_view:GoalsView"),
    ViewSpec("calendar", "Calendar", "ui.views.calendar_view:CalendarView"),
    ViewSpec("conflicts", "Conflicts", "ui.views.conflicts_view:ConflictsView"),
    ViewSpec("trends", "Trends", "ui.views.trends_view:TrendsView"),
    ViewSpec("settings", "Settings", "ui.views.settings_view:SettingsView"),
)
