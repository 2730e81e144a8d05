"""The reference processes Hearth is measured against (``python -m benchmarks.reference
KIND``); each prints ``HEARTH_BENCH <event> <epoch seconds> <peak RSS KiB>`` and quits.

- bare: the physical limit of the stack — PySide6 showing an empty QMainWindow of Hearth's
  size, quitting after its first paint.
- trends: SQLAlchemy's ORM imported, and a QtAgg matplotlib canvas with one line plot in a
  window of the same size, quitting once the plot is drawn.
"""

from __future__ import annotations

import sys

from ui.benchmark_hooks import report

SIZE = (1280, 820)




def bare() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(*SIZE)

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                app.removeEventFilter(self)
                QTimer.singleShot(0, done)
            return False

    def done() -> None:
        report("first_paint")
        app.quit()

    hook = FirstPaint()
    app.installEventFilter(hook)
    window.show()
    return app.exec()


def trends() -> int:
    import sqlalchemy.orm  # noqa: F401 - part of what the reference pays for
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(*SIZE)
    figure = Figure(figsize=(8, 3.2), dpi=100, layout="constrained")
    canvas = FigureCanvasQTAgg(figure)
    figure.add_subplot().plot(range(100), [i % 7 for i in range(100)])
    window.setCentralWidget(canvas)

    def drawn(_event) -> None:
        report("trends_ready")
        app.quit()

    canvas.mpl_connect("draw_event", drawn)
    window.show()
    canvas.draw_idle()
    return app.exec()


if __name__ == "__main__":
    kinds = {"bare": bare, "trends": trends}
    if len(sys.argv) != 2 or sys.argv[1] not in kinds:
        raise SystemExit(f"usage: python -m benchmarks.reference {'|'.join(kinds)}")
    sys.exit(kinds[sys.argv[1]]())
