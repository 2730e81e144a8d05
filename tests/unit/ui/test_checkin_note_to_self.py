"""The note a partner writes for themself is honest about who can read it.

Hearth keeps one set of data on one computer, so the other partner can open it: the form
says so where the note is written, and no label promises more privacy than there is. It
still never shows in the reveal or the history of you both.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

from app.domain.checkins import CheckinInput
from tests.unit.ui.keyboard import type_text
from tests.unit.ui.test_checkin_flow import answer, visible_text
from ui.dialogs.checkin_dialog import CheckinDialog
from ui.models.checkins_table_model import PRIVATE_COLUMN

PROMISES = ("private note", "just for me", "only shown in your own", "'s own", "only you")


def everything_shown(root: QWidget) -> str:
    """What a person can read on screen: labels, buttons, placeholders, headers, choices."""
    parts = [visible_text(root)]
    for label in root.findChildren(QLabel):
        if label.isVisible():
            parts.append(QTextDocumentFragment.fromHtml(label.text()).toPlainText())
    for button in root.findChildren(QAbstractButton):
        if button.isVisible():
            parts.append(button.text())
    for box in root.findChildren(QComboBox):
        if box.isVisible():
            parts.extend(box.itemText(i) for i in range(box.count()))
    for widget in root.findChildren(QWidget):
        placeholder = getattr(widget, "placeholderText", None)
        if widget.isVisible() and callable(placeholder):
            parts.append(placeholder())
    return "\n".join(parts)


def promises_too_much(text: str) -> list[str]:
    return [p for p in PROMISES if p in text.casefold()]


@pytest.fixture
def checkins(qtbot, couple, make_window):
    window = make_window()
    window.show_view("checkins")
    return window, window.view("checkins")


def test_the_form_says_who_can_open_the_note_where_it_is_written(qtbot, checkins):
    window, view = checkins
    qtbot.mouseClick(view.flow.side_button, Qt.MouseButton.LeftButton)
    zoe, lukasz = view.flow.forms
    assert zoe.private_label.text() == "A note to myself (optional)"
    assert zoe.private_hint.isVisible()
    assert zoe.private_hint.text() == (
        "Left out of the reveal, but not locked away — Łukasz can open it on this computer.")
    assert "Zoë can open it on this computer" in lukasz.private_hint.text()
    # The hint sits right above the box, and a screen reader hears it with the box.
    assert zoe.private_hint.geometry().bottom() <= zoe.private_note.geometry().top()
    assert "Łukasz can open it" in zoe.private_note.accessibleDescription()
    assert promises_too_much(everything_shown(window)) == []


def test_the_reveal_leaves_the_note_out(qtbot, checkins, services):
    window, view = checkins
    qtbot.mouseClick(view.flow.side_button, Qt.MouseButton.LeftButton)
    zoe, lukasz = view.flow.forms
    answer(qtbot, zoe, 4, 8, "tea")
    type_text(zoe.private_note, "call the dentist")
    answer(qtbot, lukasz, 4, 8)
    qtbot.mouseClick(view.flow.save_button, Qt.MouseButton.LeftButton)
    assert "call the dentist" not in everything_shown(window)
    assert any(c.private_note == "call the dentist" for c in services.checkins.history())


@pytest.fixture
def history(qtbot, services, couple, checkins):
    zoe, lukasz = couple.partners
    services.checkins.save_session(
        [CheckinInput(zoe.id, 4, 8, 2, ("grateful",), "tea in bed", "a walk", "call the dentist"),
         CheckinInput(lukasz.id, 3, 6, 3, ("tired",), "the garden", "more sleep")],
        at=datetime.now().astimezone() - timedelta(days=3),
    )
    window, view = checkins
    view.tabs.setCurrentWidget(view.history)
    return window, view.history


def test_history_calls_a_partners_list_what_it_is(qtbot, history, couple):
    window, history = history
    items = [history.partner.itemText(i) for i in range(history.partner.count())]
    assert items == ["Both of you", "Zoë's check-ins", "Łukasz's check-ins"]
    # Both of you: no notes anywhere on screen.
    assert history.table.isColumnHidden(PRIVATE_COLUMN)
    for row in range(history.proxy.rowCount()):
        history.table.selectRow(row)
        assert "call the dentist" not in everything_shown(window)

    history.partner.setCurrentIndex(1)
    header = history.model.headerData(PRIVATE_COLUMN, Qt.Orientation.Horizontal)
    assert header == "Note to self"
    history.table.selectRow(0)
    shown = everything_shown(window)
    assert "call the dentist" in shown
    assert "Zoë's note to self — Łukasz can open it on this computer too" in shown
    assert promises_too_much(shown) == []


def test_the_edit_dialog_offers_the_note_by_its_name(qtbot, services, bus, couple, history):
    zoe = couple.partners[0]
    checkin = next(c for c in services.checkins.history() if c.partner_id == zoe.id)
    dialog = CheckinDialog(services, bus, zoe, checkin, show_private=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.show_private.text() == "Show Zoë's note to self"
    assert not dialog.form.private_note.isVisible()
    assert promises_too_much(everything_shown(dialog)) == []

    qtbot.mouseClick(dialog.show_private, Qt.MouseButton.LeftButton)
    assert dialog.form.private_note.isVisible()
    assert dialog.form.private_note.toPlainText() == "call the dentist"
    assert dialog.form.private_hint.isVisible()
    assert "Łukasz can open it on this computer" in dialog.form.private_hint.text()
    assert promises_too_much(everything_shown(dialog)) == []
