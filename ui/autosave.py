"""Keeping what is typed, as it is typed: one rhythm for every draft in Hearth.

A view calls ``changed()`` on every edit. The words are saved a moment after the typing
pauses (``QUIET_MS``), and never later than ``AT_MOST_MS`` after the first change not yet
saved, however steadily someone types — so if Hearth is killed mid-sentence, at most the
last second of typing is lost. They are also saved at once when the keyboard leaves the
view (another field, another view, another application) and when the view is hidden or
closed.

``flush()`` saves now if anything is waiting; ``stop()`` forgets what is waiting (the view
saved it another way, or threw it away on purpose).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication, QWidget

QUIET_MS = 300  # after the last key
AT_MOST_MS = 1000  # after the first change not yet saved


class Autosave(QObject):
    """Calls ``save`` for the edits made in ``view`` (its parent), at most a second late."""

    def __init__(self, view: QWidget, save: Callable[[], object], *,
                 quiet_ms: int = QUIET_MS, at_most_ms: int = AT_MOST_MS) -> None:
        super().__init__(view)
        self._view = view
        self._save = save
        self._dirty = False
        self._quiet = self._timer(quiet_ms)
        self._deadline = self._timer(at_most_ms)
        view.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _timer(self, interval_ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may be 5% late
        timer.setInterval(interval_ms)
        timer.timeout.connect(self.flush)
        return timer

    @property
    def dirty(self) -> bool:
        """Something was changed and not saved yet."""
        return self._dirty

    def changed(self, *_args: object) -> None:
        """An edit: save after a quiet moment, and at the latest a second after the first."""
        self._dirty = True
        if not self._deadline.isActive():
            self._deadline.start()
        self._quiet.start()

    @Slot()
    def flush(self) -> None:
        """Save now, if anything is waiting."""
        if not self._dirty:
            return
        self.stop()
        self._save()

    def stop(self) -> None:
        """Nothing is waiting any more (saved another way, or deliberately let go)."""
        self._dirty = False
        self._quiet.stop()
        self._deadline.stop()

    # -- leaving the field, hiding the view ------------------------------------------------

    @Slot(QWidget, QWidget)
    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if self._dirty and old is not None and (
                old is self._view or self._view.isAncestorOf(old)):
            self.flush()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            self.flush()
        return False

