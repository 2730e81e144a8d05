"""The history of check-ins: the model, filters, opening, editing, deleting and undo."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from app.domain.checkins import CheckinInput
from tests.unit.ui.keyboard import retype, type_text
from ui.dialogs.checkin_dialog import CheckinDialog
from ui.models.checkins_table_model import (
    APPRECIATION_COLUMN,
    PRIVATE_COLUMN,
    WHO_COLUMN,
    CheckinTableModel,
)


@pytest.fixture
def with_history(services, couple):
    zoe, lukasz = couple.partners
    now = datetime.now().astimezone()
    services.checkins.save_session(
        [CheckinInput(zoe.id, 4, 8, 2, ("grateful",), "tea in bed", "a walk", "secret plan"),
         CheckinInput(lukasz.id, 3, 6, 3, ("tired",), "the garden", "more sleep")],
        at=now - timedelta(days=40),
    )
    services.checkins.save_session(
        [CheckinInput(zoe.id, 5, 9, 1, ("happy",), "the concert", "")], mode="alone",
        at=now - timedelta(days=2),
    )
    return couple


@pytest.fixture
def history(qtbot, with_history, make_window):
    window = make_window()
    window.show_view("checkins")
    view = window.view("checkins")
    view.tabs.setCurrentWidget(view.history)
    return view.history


def test_model_passes_qt_model_tester(qtmodeltester, services, with_history):
    model = CheckinTableModel()
    model.set_checkins(with_history, services.checkins.history())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3


def test_history_lists_every_check_in_newest_first_with_partner_colours(history):
    assert history.proxy.rowCount() == 3
    first = history.proxy.index(0, APPRECIATION_COLUMN).data()
    assert first == "the concert"
    assert history.proxy.index(0, WHO_COLUMN).data() == "Zoë"
    assert history.proxy.index(0, WHO_COLUMN).data(
        Qt.ItemDataRole.ForegroundRole).name() == "#00756c"
    assert history.status.text() == "3 check-ins"


def test_private_notes_only_show_in_a_partners_own_history(history, with_history):
    assert history.table.isColumnHidden(PRIVATE_COLUMN)
    history.partner.setCurrentIndex(history.partner.findData(with_history.partners[0].id))
    assert not history.table.isColumnHidden(PRIVATE_COLUMN)
    notes = [history.proxy.index(r, PRIVATE_COLUMN).data() for r in range(history.proxy.rowCount())]
    assert "secret plan" in notes
    assert history.proxy.rowCount() == 2


def test_search_and_date_filters(qtbot, history):
    type_text(history.search, "GARDEN")
    assert history.proxy.rowCount() == 1
    assert history.proxy.index(0, WHO_COLUMN).data() == "Łukasz"
    retype(history.search, "secret")  # a private note is not searched in the shared history
    assert history.proxy.rowCount() == 0
    assert "Nothing matches" in history.empty.text()
    history.search.clear()
    history.range.setCurrentIndex(1)  # last 4 weeks
    assert history.proxy.rowCount() == 1


def test_delete_then_undo_brings_it_back(qtbot, history, services):
    history.table.selectRow(0)
    deleted_id = history.selected().id
    qtbot.mouseClick(history.delete_button, Qt.MouseButton.LeftButton)
    assert deleted_id not in [c.id for c in services.checkins.history()]
    assert history.status.text().startswith("Deleted Zoë's check-in from ")
    assert history.status.text().endswith(" — Ctrl+Z undoes it")
    assert history.proxy.rowCount() == 2
    history.table.setFocus()
    qtbot.keyClick(history.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = services.checkins.get(deleted_id)
    assert restored.appreciation == "the concert"
    assert history.proxy.rowCount() == 3
    qtbot.keyClick(history.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert history.proxy.rowCount() == 2


def test_open_and_edit_a_check_in(qtbot, services, bus, with_history):
    checkin = services.checkins.history()[0]
    partner = with_history.partners[0]
    dialog = CheckinDialog(services, bus, partner, checkin, show_private=False)
    qtbot.addWidget(dialog)
    assert dialog.form.appreciation.toPlainText() == "the concert"
    assert not dialog.form.private_note.isVisibleTo(dialog)
    retype(dialog.form.appreciation, "the concert, and the walk home")
    dialog.save()
    assert services.checkins.get(checkin.id).appreciation == "the concert, and the walk home"


def test_editing_refuses_a_missing_mood_inline(qtbot, services, bus, with_history):
    checkin = services.checkins.history()[0]
    dialog = CheckinDialog(services, bus, with_history.partners[0], checkin, show_private=True)
    qtbot.addWidget(dialog)
    dialog.form.mood.set_value(None)
    dialog.save()
    assert dialog.form.mood_error.text()
    assert services.checkins.get(checkin.id).mood == 5


def test_empty_history_says_what_to_do(qtbot, couple, make_window):
    window = make_window()
    window.show_view("checkins")
    history = window.view("checkins").history
    assert "No check-ins yet" in history.empty.text()
