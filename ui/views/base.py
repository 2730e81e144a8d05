"""What every view shares: its services, the bus, reloading on changes, and a scroll body."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.domain.changes import ChangeSet
    from app.services import Services
    from ui.bus import DataBus


class View(QWidget):
    """Base for screens: subclasses set ``watches`` and implement ``reload()``.

    A view reloads its DTOs when a ChangeSet touches what it shows. While hidden it only
    notes that it is stale and reloads when shown again.
    """

    watches: tuple[str, ...] = ()

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self._stale = False
        bus.changed.connect(self._on_changed)

    def _on_changed(self, change: ChangeSet) -> None:
        if not change.touches(*self.watches):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        if self._stale:
            self._stale = False
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:  # pragma: no cover - every view overrides it
        raise NotImplementedError

    def restyle(self) -> None:
        """Called after the theme or text size changed; views with custom colours override."""
        self.reload()


def centred_column(body: QWidget, max_width: int = 1100) -> QVBoxLayout:
    """Lay ``body`` out as a view's centred column, with the views' margins, and return
    the column's layout (also the outline of Home shown before the data is open)."""
    row = QHBoxLayout(body)
    row.setContentsMargins(40, 32, 40, 32)
    column = QWidget(body)
    column.setObjectName("ScrollBody")
    column.setMaximumWidth(max_width)
    column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(20)
    row.addStretch(1)
    row.addWidget(column, 100)
    row.addStretch(1)
    return layout


def scroll_body(view: QWidget, max_width: int = 1100) -> QVBoxLayout:
    """Give ``view`` a scrollable, centred column and return the column's layout."""
    outer = QVBoxLayout(view)
    outer.setContentsMargins(0, 0, 0, 0)
    area = QScrollArea(view)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    body = QWidget()
    body.setObjectName("ScrollBody")
    layout = centred_column(body, max_width)
    area.setWidget(body)
    outer.addWidget(area)
    return layout
