"""The goal dialog never throws away what was typed without asking: Escape or Cancel with
nothing changed just closes; with a new goal's title and why typed, "Discard what you
wrote?" — Keep writing keeps every word (and its draft), Discard closes and forgets it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.domain.goals import GoalInput
from tests.unit.ui.keyboard import type_text
from tests.unit.ui.modal import answer_box, when_modal
from ui.dialogs.goal_dialog import GoalDialog


@pytest.fixture
def view(qtbot, couple, make_window):
    window = make_window()
    window.show_view("goals")
    goals = window.view("goals")
    goals.tabs.setCurrentWidget(goals.board_page)
    goals.new_button.setFocus()
    return goals


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard is."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)


def come_back(qtbot, view) -> None:
    """The dialog closed: the window has the keyboard again (offscreen there is no window
    manager to give it back)."""
    window = view.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def tab_to(qtbot, dialog, text: str) -> None:
    """Tab until the button reading ``text`` has the keyboard."""
    for _ in range(60):
        focus = QApplication.focusWidget()
        if getattr(focus, "text", lambda: None)() == text:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {text!r}")


def new_goal(qtbot, act) -> None:
    """Ctrl+N, then ``act`` in the dialog; returns when the dialog has closed."""
    opened = when_modal(GoalDialog, act)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened.seen and not opened.missing, opened.missing


def test_escape_with_nothing_typed_just_closes(qtbot, view, services):
    asked = answer_box("Discard", tries=30)
    result = {}

    def act(dialog: GoalDialog) -> None:
        assert QApplication.focusWidget() is dialog.title
        press(qtbot, Qt.Key.Key_Escape)
        result["closed"] = not dialog.isVisible()

    new_goal(qtbot, act)
    qtbot.wait(400)
    assert result == {"closed": True}
    assert not asked.seen  # nothing to ask about
    assert services.goals.goals() == ()


def test_keep_writing_keeps_everything_and_discard_forgets_it(qtbot, view, services):
    seen = {}

    def act(dialog: GoalDialog) -> None:
        type_text(QApplication.focusWidget(), "Walk the Camino 🌿")
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.why
        type_text(dialog.why, "Six weeks, just us & the road")

        kept = answer_box("Keep writing")
        press(qtbot, Qt.Key.Key_Escape)
        seen["kept"] = kept.seen, kept.text
        seen["open"] = dialog.isVisible()
        seen["words"] = dialog.title.text(), dialog.why.toPlainText()
        seen["draft"] = services.drafts.load("goal:new")

        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        tab_to(qtbot, dialog, "Cancel")  # Cancel asks just like Escape
        gone = answer_box("Discard")
        press(qtbot, Qt.Key.Key_Space)
        seen["discarded"] = gone.seen
        seen["result"] = dialog.result()

    new_goal(qtbot, act)
    assert seen["kept"][0] and "hasn't been saved" in seen["kept"][1]
    assert seen["open"]
    assert seen["words"] == ("Walk the Camino 🌿", "Six weeks, just us & the road")
    assert seen["draft"]["title"] == "Walk the Camino 🌿"  # kept writing: kept safe too
    assert seen["discarded"]
    assert seen["result"] == QDialog.DialogCode.Rejected
    assert services.goals.goals() == ()
    assert services.drafts.load("goal:new") is None  # discarded means forgotten


def test_editing_asks_only_when_something_changed(qtbot, view, services):
    goal, _ = services.goals.create(GoalInput("Build a bench", "For the garden", "home"))
    view.reload()
    view.select(goal.goal_id)
    asked = answer_box("Discard", tries=30)

    def unchanged(dialog: GoalDialog) -> None:
        assert dialog.title.text() == "Build a bench"
        press(qtbot, Qt.Key.Key_Escape)

    opened = when_modal(GoalDialog, unchanged)
    press(qtbot, Qt.Key.Key_Return)  # Enter on the selected card opens it
    assert opened.seen
    qtbot.wait(400)
    assert not asked.seen
    come_back(qtbot, view)

    def changed(dialog: GoalDialog) -> None:
        dialog.title.selectAll()
        type_text(dialog.title, "Build two benches")
        gone = answer_box("Discard")
        press(qtbot, Qt.Key.Key_Escape)
        assert gone.seen

    view.select(goal.goal_id)
    opened = when_modal(GoalDialog, changed)
    press(qtbot, Qt.Key.Key_Return)
    assert opened.seen and not opened.missing, opened.missing
    assert services.goals.get(goal.goal_id).title == "Build a bench"


def test_a_missing_title_is_shown_focused_and_described(qtbot, view, services):
    seen = {}

    def act(dialog: GoalDialog) -> None:
        press(qtbot, Qt.Key.Key_Tab)
        type_text(dialog.why, "Because")
        tab_to(qtbot, dialog, "Save goal")
        press(qtbot, Qt.Key.Key_Space)
        seen["error"] = dialog.error.isVisible(), dialog.error.text()
        seen["focus"] = QApplication.focusWidget() is dialog.title
        seen["described"] = dialog.title.accessibleDescription()
        type_text(dialog.title, "Lisbon in spring")
        press(qtbot, Qt.Key.Key_Return)  # Enter saves

    new_goal(qtbot, act)
    assert seen["error"] == (True, "Please write a title.")
    assert seen["focus"]
    assert seen["described"] == "Please write a title."
    (goal,) = services.goals.goals()
    assert (goal.title, goal.why) == ("Lisbon in spring", "Because")
