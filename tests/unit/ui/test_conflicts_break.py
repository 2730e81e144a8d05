"""A break to calm down: the page says how much of the twenty minutes is left, and continuing
earlier is the couple's choice — asked once, never refused."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication

from tests.unit.ui.modal import answer_box


@pytest.fixture
def on_a_break(qtbot, services, couple, make_window):
    window = make_window()
    window.show_view("conflicts")
    view = window.view("conflicts")
    sheet, _ = services.worksheets.start("after_fight", "Late again")
    view.open(sheet.id)
    qtbot.keyClick(view.break_button, Qt.Key.Key_Space)
    view.resume_at.setDateTime(QDateTime(datetime.now() + timedelta(minutes=40)))
    qtbot.keyClick(view.start_break, Qt.Key.Key_Space)
    paused = services.worksheets.get(sheet.id)
    assert paused.status == "paused"
    return view, sheet.id, paused.paused_at


def press_continue(qtbot, view) -> None:
    window = view.window()
    if not window.isActiveWindow():  # back from a question box (offscreen, no window manager)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    assert QApplication.focusWidget() is view.resume_button  # where the keyboard is
    qtbot.keyClick(view.resume_button, Qt.Key.Key_Space)


def test_the_break_says_how_long_is_left(qtbot, on_a_break):
    view, _sheet, began = on_a_break
    assert view.resume_button.isVisible() and not view.start_break.isVisible()
    view.clock = lambda: began + timedelta(minutes=2, seconds=5)
    view._tick()
    assert view.countdown.text().endswith(
        " — about 18 minutes to go before the twenty are up.")
    view.clock = lambda: began + timedelta(minutes=19, seconds=30)
    view._tick()
    assert view.countdown.text().endswith(
        " — about a minute to go before the twenty are up.")
    view.clock = lambda: began + timedelta(minutes=24)
    view._tick()
    assert view.countdown.text().startswith("It's been 24 minutes.")


def test_continuing_early_asks_first_and_keeping_resting_stays(qtbot, services, on_a_break):
    view, sheet, began = on_a_break
    view.clock = lambda: began + timedelta(minutes=3)
    asked = answer_box("Keep resting")
    press_continue(qtbot, view)
    assert asked.seen and "about 17 minutes to go" in asked.text
    assert asked.buttons == ["Continue now", "Keep resting"]
    assert services.worksheets.get(sheet).status == "paused"
    assert view.pages.currentIndex() == 3  # still the break

    asked = answer_box(None, escape=True)  # Escape keeps resting too
    press_continue(qtbot, view)
    assert asked.seen
    assert services.worksheets.get(sheet).status == "paused"

    asked = answer_box("Continue now")  # their choice: continuing is allowed
    press_continue(qtbot, view)
    assert asked.seen
    assert services.worksheets.get(sheet).status == "open"
    assert view.pages.currentIndex() == 2


def test_after_twenty_minutes_continuing_asks_nothing(qtbot, services, on_a_break):
    view, sheet, began = on_a_break
    view.clock = lambda: began + timedelta(minutes=21)
    view._tick()
    asked = answer_box("Continue now", tries=20)
    press_continue(qtbot, view)
    qtbot.wait(300)
    assert not asked.seen
    assert services.worksheets.get(sheet).status == "open"
