"""Long work off the window's thread: a backup, an export, an import. The window stays
responsive; the result (or the error) comes back on the window's thread as a signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


_RUNNING: set[Job] = set()  # kept alive until they report back


class Job(QRunnable):
    """Runs ``work`` on Qt's thread pool."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the window, which says it plainly
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def run_in_background(work: Callable[[], object], done: Callable[[object], None],
                      failed: Callable[[Exception], None]) -> Job:
    job = Job(work)
    _RUNNING.add(job)

    def finish(callback, value) -> None:
        _RUNNING.discard(job)
        callback(value)

    job.signals.done.connect(lambda value: finish(done, value))
    job.signals.failed.connect(lambda exc: finish(failed, exc))
    QThreadPool.globalInstance().start(job)
    return job
