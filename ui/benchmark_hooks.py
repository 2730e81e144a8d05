"""Timestamps for benchmarks/: with ``HEARTH_BENCHMARK`` set to ``first_paint``,
``home_ready`` or ``trends_ready``, Hearth prints ``HEARTH_BENCH <event> <epoch seconds>
<peak RSS in KiB>`` when it gets there, and quits. ui/main.py imports this module only when
the variable is set, so it costs nothing otherwise.

- first_paint: any widget of the main window has painted (the frame with Home's outline, or
  the welcome on a first start).
- home_ready: the data is open and Home has painted with the couple's data (the first paint
  after the window's ``ready``).
- trends_ready: then Trends is opened and every chart with data has been drawn.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from ui.painted import after_next_paint

MARK = "HEARTH_BENCH"
GOALS = ("first_paint", "home_ready", "trends_ready")


def peak_rss_kib() -> int:
    """The process's peak resident memory so far (0 where the OS doesn't say).

    On Linux it is VmHWM, this program's own high-water mark: getrusage's ru_maxrss
    survives exec, so a child would report its parent's size when the parent was larger."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS counts bytes


def report(event: str) -> None:
    print(f"{MARK} {event} {time.time():.6f} {peak_rss_kib()}", flush=True)


class BenchmarkHook(QObject):
    def __init__(self, app: QApplication, window, goal: str) -> None:
        super().__init__(window)
        if goal not in GOALS:
            raise SystemExit(f"HEARTH_BENCHMARK must be one of {', '.join(GOALS)}.")
        self.app, self.window, self.goal = app, window, goal
        window.ready.connect(self._ready)
        after_next_paint(window, self._first_paint, at_latest_ms=None)

    def _first_paint(self) -> None:
        report("first_paint")
        if self.goal == "first_paint":
            self.app.quit()

    def _ready(self) -> None:
        """The data is attached: the next paint shows it."""
        if self.goal != "first_paint":
            after_next_paint(self.window, self._home_painted, at_latest_ms=None)
            self.window.update()

    def _home_painted(self) -> None:
        if self.window.current_view_key() != "home":
            raise SystemExit("The benchmark expected Home to be the first screen.")
        report("home_ready")
        if self.goal == "home_ready":
            self.app.quit()
            return
        self.window.show_view("trends")
        self._cards = self.window.view("trends").cards
        self._poll = QTimer(self)
        self._poll.timeout.connect(self._charts_drawn)
        self._poll.start(0)

    def _charts_drawn(self) -> None:
        drawing = [card for card in self._cards if card.stack.currentWidget() is card.canvas]
        if all(not card.figure.stale for card in drawing):
            self._poll.stop()
            report("trends_ready")
            self.app.quit()


def install(app: QApplication, window, goal: str) -> BenchmarkHook:
    return BenchmarkHook(app, window, goal)
