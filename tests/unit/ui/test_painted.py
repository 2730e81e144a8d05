"""ui.painted.after_next_paint: the start-up's "once the window shows" step."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from ui.painted import after_next_paint


def test_it_runs_once_just_after_the_window_first_paints(qapp, qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    calls = []
    after_next_paint(window, lambda: calls.append(window.isVisible()), at_latest_ms=None)
    qtbot.wait(50)
    assert calls == []  # not shown, not painted: nothing yet
    window.show()
    qtbot.waitUntil(lambda: calls == [True])
    window.update()
    qtbot.wait(50)
    assert calls == [True]  # once only


def test_on_a_window_already_showing_it_waits_for_the_next_paint(qapp, qtbot):
    """Called after a child changed (e.g. Home filled in): the whole window repaints for it,
    so it doesn't wait for a paint that would only touch the child."""
    window = QMainWindow()
    label = QLabel("before", window)
    window.setCentralWidget(label)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    calls = []
    label.setText("after")
    after_next_paint(window, lambda: calls.append(label.text()), at_latest_ms=None)
    qtbot.waitUntil(lambda: calls == ["after"])


def test_a_window_that_never_paints_still_moves_on_in_time(qapp, qtbot):
    window = QMainWindow()  # never shown, e.g. started minimised
    qtbot.addWidget(window)
    calls = []
    after_next_paint(window, lambda: calls.append("moved on"), at_latest_ms=100)
    qtbot.waitUntil(lambda: calls == ["moved on"], timeout=2000)
