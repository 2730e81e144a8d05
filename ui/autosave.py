"""Keeping what is typed, as it is typed: one rhythm for every draft in Hearth.

A view calls ``changed()`` on every edit. The words are saved a moment after the typing
pauses (``QUIET_MS``), and never later than ``AT_MOST_MS`` after the first change not yet
saved, however steadily someone types — so if Hearth is killed mid-sentence, at most the
last second of typing is lost. They are also saved at once when the keyboard leaves the
view (another field, another view, another application) and when the view is hidden or
closed.

``flush()`` saves now if anything is waiting; ``stop()`` forgets what is waiting (the view
saved it another way, or threw it away on purpose).

A save that is refused (Hearth is busy because another program is saving, the disk is full,
the data is damaged) keeps the words waiting and is tried again a second later; the reason
is shown once in the window's status bar, never as a dialog in the middle of a sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from app.domain.errors import HearthError

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
        self._said: str | None = None  # the last refusal shown
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
        try:
            self._save()
        except HearthError as refused:
            self._dirty = True  # still waiting: tried again in a second
            self._deadline.start()
            self._say(refused.message)
            return
        self._said = None

    def _say(self, message: str) -> None:
        if message == self._said:
            return
        self._said = message
        window = self._view.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message)

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

