"""Automatic backups while Hearth is open: one shortly after start when the data changed
since the newest backup, then at most every 30 minutes while changes are made. The work runs
off the window's thread; a failure is logged and never interrupts the couple."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer

from ui.workers import run_in_background

if TYPE_CHECKING:
    from app.services import Services

CHECK_EVERY_MS = 5 * 60 * 1000
FIRST_AFTER_MS = 3000  # after the first screen is up, never before it


class BackupKeeper(QObject):
    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.last_problem: str | None = None
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        QTimer.singleShot(FIRST_AFTER_MS, self._at_start)
        self._timer.start()

    def _at_start(self) -> None:
        self._run(lambda: self.services.backups.back_up_if_changed("start"))

    def check(self) -> None:
        self._run(self.services.backups.back_up_if_due)

    def _run(self, work) -> None:
        if self._busy:
            return
        self._busy = True
        run_in_background(work, self._done, self._failed)

    def _done(self, _backup) -> None:
        self._busy = False
        self.last_problem = None

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        from app import logs

        # What went wrong, not what it said: a database error's text holds SQL parameters.
        logs.report(self.services.db.path.parent, "Automatic backup", exc)
        self.last_problem = f"An automatic backup couldn't be made ({logs.describe(exc)})."
        print(f"hearth: {self.last_problem}", file=sys.stderr)

    def stop(self) -> None:
        """Before the database closes: no new backup, and wait for one under way."""
        self._timer.stop()
        QThreadPool.globalInstance().waitForDone()
