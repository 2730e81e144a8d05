"""Editing a check-in from the history: nothing typed is thrown away without asking, a
refused Save points to what is missing, and dates read "4 March 2025"."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.checkins import CheckinInput
from tests.unit.ui.modal import answer_box
from tests.unit.ui.test_checkin_keyboard import focus, inside, on_screen, press
from ui.dialogs.checkin_dialog import CheckinDialog
from ui.dialogs.discard import DISCARD_TITLE


@pytest.fixture
def checkin(services, couple):
    zoe, lukasz = couple.partners
    sitting, _ = services.checkins.save_session(
        [CheckinInput(zoe.id, 4, 8, 2, ("grateful",), "tea in bed", "a walk", "dentist"),
         CheckinInput(lukasz.id, 3, 6, None, (), "the garden", "more sleep")],
        at=datetime(2025, 3, 4, 21, 14).astimezone(),
    )
    return next(c for c in sitting.checkins if c.partner_id == zoe.id)


@pytest.fixture
def dialog(qtbot, services, bus, couple, checkin):
    made = CheckinDialog(services, bus, couple.partners[0], checkin, show_private=False)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    qtbot.waitUntil(made.isActiveWindow)
    return made


def test_dates_read_as_everywhere_else(dialog):
    assert dialog.windowTitle() == "Zoë's check-in — 4 March 2025, 21:14"
    assert "04" not in dialog.windowTitle()


def test_unchanged_closes_at_once_with_escape(qtbot, dialog):
    asked = answer_box(None, escape=True, tries=5)  # (a question would be closed)
    dialog.form.appreciation.setFocus()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.wait(100)  # longer than the answer waits for a question
    assert not asked.seen
    assert not dialog.isVisible()


def test_an_edit_asks_before_escape_throws_it_away(qtbot, dialog, services, checkin):
    dialog.form.appreciation.setFocus()
    dialog.form.appreciation.moveCursor(dialog.form.appreciation.textCursor().MoveOperation.End)
    qtbot.keyClicks(dialog.form.appreciation, ", and the walk home")

    kept = answer_box("Keep writing")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: kept.seen)
    assert DISCARD_TITLE == "Discard what you wrote?"
    assert "Keep writing" in kept.buttons and "Discard" in kept.buttons
    assert dialog.isVisible()
    assert dialog.form.appreciation.toPlainText() == "tea in bed, and the walk home"

    thrown = answer_box("Discard")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: thrown.seen)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.checkins.get(checkin.id).appreciation == "tea in bed"


def test_a_changed_rating_asks_too_and_save_keeps_it(qtbot, dialog, services, checkin):
    qtbot.mouseClick(dialog.form.mood.button(2), Qt.MouseButton.LeftButton)
    asked = answer_box("Keep writing")
    dialog.reject()  # the window's close button
    qtbot.waitUntil(lambda: asked.seen)
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert services.checkins.get(checkin.id).mood == 2


def test_save_without_a_mood_points_to_it(qtbot, dialog, services, checkin):
    dialog.resize(640, 420)  # a small screen: the form scrolls
    dialog.form.mood.set_value(None)  # (a check-in saved before moods were required)
    dialog.form.need.setFocus()
    area = dialog.form.parentWidget().parentWidget()
    area.ensureWidgetVisible(dialog.form.need)
    assert area.verticalScrollBar().value() > 0
    dialog.save_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)

    assert dialog.isVisible()
    assert services.checkins.get(checkin.id).mood == 4
    assert dialog.form.mood_error.text() == "Please choose a mood."
    assert on_screen(dialog.form.mood_error)
    assert inside(focus(), dialog.form.mood)
    assert QApplication.focusWidget().accessibleDescription() == "Please choose a mood."

    thrown = answer_box("Discard")  # the missing mood is a change: closing asks
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: thrown.seen and not dialog.isVisible())
