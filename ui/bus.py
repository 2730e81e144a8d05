"""The DataBus: one place where committed changes are announced to every view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from app.domain.changes import ChangeSet


class DataBus(QObject):
    """Broadcasts a ChangeSet after each committed user action.

    Views connect to ``changed`` and reload what they show when the ChangeSet touches it.
    """

    changed = Signal(object)  # ChangeSet

    def publish(self, change: ChangeSet) -> None:
        if change:
            self.changed.emit(change)
