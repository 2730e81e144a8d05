"""Doing something just after the window has painted: the start-up's next step (open the
data once the frame shows), --smoke's quit, the benchmarks' timestamps."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _NextPaint(QObject):
    def __init__(self, app: QApplication, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)  # gone with the window, with its timer
        self.app, self.window, self.then = app, window, then
        self.done = False

    def eventFilter(self, watched, event) -> bool:
        if (not self.done and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget) and watched.window() is self.window):
            self.fire()
        return False

    def fire(self) -> None:
        if self.done:
            return
        self.done = True
        self.app.removeEventFilter(self)
        QTimer.singleShot(0, self.then)  # after the whole window's paint pass


def after_next_paint(app: QApplication, window: QWidget, then: Callable[[], None], *,
                     at_latest_ms: int | None = 2000) -> None:
    """Call ``then`` once, just after any widget of ``window`` has next painted — or after
    ``at_latest_ms`` when the window isn't exposed (e.g. started minimised); None waits
    for the paint however long it takes. Hooks installed later see a paint first."""
    hook = _NextPaint(app, window, then)
    app.installEventFilter(hook)
    if at_latest_ms is not None:
        QTimer.singleShot(at_latest_ms, hook, hook.fire)
