"""A refused answer is shown where it is seen: the message on screen, the keyboard in the
field to fix, and the field described by the message for a screen reader."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.unit.ui.keyboard import type_text


def test_an_agreement_without_words(qtbot, couple, services, make_window):
    window = make_window()
    window.show_view("conflicts")
    view = window.view("conflicts")
    sheet, _ = services.worksheets.start("after_fight", "Chores")
    services.worksheets.go_to(sheet.id, 5)
    view.open(sheet.id)
    view.agreement_owner.setFocus()
    qtbot.mouseClick(next(b for b in view.step_body.findChildren(type(view.next_button))
                          if b.text() == "Add agreement"), Qt.MouseButton.LeftButton)
    assert view.agreement_error.isVisible()
    assert view.agreement_error.text() == "Please write what you agree on."
    assert QApplication.focusWidget() is view.agreement_text
    assert view.agreement_text.accessibleDescription() == "Please write what you agree on."
    type_text(view.agreement_text, "A rota on the fridge")
    qtbot.keyClick(view.agreement_text, Qt.Key.Key_Return)
    assert [a.text for a in services.worksheets.get(sheet.id).agreements] == [
        "A rota on the fridge"]


def test_time_together_without_a_name(qtbot, couple, services, make_window):
    window = make_window()
    window.show_view("together")
    view = window.view("together")
    view.start_talk()
    flow = view.flow
    flow.go(3)
    flow.plan_title.clear()
    qtbot.mouseClick(next(b for b in flow.findChildren(type(flow.next))
                          if b.text() == "Add to the calendar"), Qt.MouseButton.LeftButton)
    assert flow.plan_error.isVisible()
    assert QApplication.focusWidget() is flow.plan_title
    assert flow.plan_title.accessibleDescription() == flow.plan_error.text()
    assert not services.calendar.events()
