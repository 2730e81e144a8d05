"""Doing something just after the window has painted: the start-up's next step (open the
data once the frame shows), --smoke's quit, the benchmarks' timestamps."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _NextPaint(QObject):
    """Watches the window itself, not the whole application: an application-wide filter
    hands every event of every object to Python, and the first object of a class PySide
    doesn't wrap (an animation timer, say) makes it create every class of QtCore and
    QtWidgets it hasn't yet (~120 enums, ~20 ms before the first paint)."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)  # gone with the window, with its timer
        self.window, self.then = window, then
        self.done = False

    def eventFilter(self, watched, event) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.fire()
        return False

    def fire(self) -> None:
        if self.done:
            return
        self.done = True
        self.window.removeEventFilter(self)
        QTimer.singleShot(0, self.then)  # after the whole window's paint pass


def after_next_paint(window: QWidget, then: Callable[[], None], *,
                     at_latest_ms: int | None = 2000) -> None:
    """Call ``then`` once, just after ``window`` has next painted (the whole window is
    repainted for it) — or after ``at_latest_ms`` when the window isn't exposed (e.g.
    started minimised); None waits for the paint however long it takes. Hooks installed
    later see the paint first."""
    hook = _NextPaint(window, then)
    window.installEventFilter(hook)
    window.update()  # the window itself paints, not only the children that changed
    if at_latest_ms is not None:
        QTimer.singleShot(at_latest_ms, hook, hook.fire)
