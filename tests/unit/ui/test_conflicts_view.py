"""Conflict worksheets through the window: the safety note first, side-by-side steps saved
as typed, gentle hints, moving back and forth, a break, and agreements."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QPlainTextEdit

from tests.unit.ui.keyboard import type_text


@pytest.fixture
def conflicts(qtbot, couple, make_window):
    window = make_window()
    window.show_view("conflicts")
    return window.view("conflicts")


def start(qtbot, view, monkeypatch, kind="after_fight", title="Saturday's argument"):
    monkeypatch.setattr("ui.views.conflicts_view.QInputDialog.getText",
                        lambda *args, **kwargs: (title, True))
    qtbot.mouseClick(view.start_buttons[kind], Qt.MouseButton.LeftButton)


def test_the_first_worksheet_begins_with_the_safety_note(qtbot, conflicts, services,
                                                        monkeypatch):
    start(qtbot, conflicts, monkeypatch)
    assert conflicts.pages.currentIndex() == 1  # the note, before anything else
    assert services.worksheets.worksheets() == []
    qtbot.mouseClick(conflicts.safety_continue, Qt.MouseButton.LeftButton)
    (sheet,) = services.worksheets.worksheets()
    assert sheet.title == "Saturday's argument"
    assert conflicts.pages.currentIndex() == 2
    assert conflicts.progress.text() == "Step 1 of 6"
    assert conflicts.step_title.text() == "What each of us felt"
    # Later worksheets start straight away; the note stays one click away.
    conflicts.close_sheet()
    start(qtbot, conflicts, monkeypatch, "gentle_start", "Money")
    assert len(services.worksheets.worksheets()) == 2  # no note the second time


def test_answers_are_saved_as_typed_and_survive_closing(qtbot, couple, services, make_window,
                                                       monkeypatch):
    window = make_window()
    window.show_view("conflicts")
    view = window.view("conflicts")
    sheet, _ = services.worksheets.start("after_fight", "The dishes")
    view.open(sheet.id)
    zoe, lukasz = couple.partners
    words = view.inputs[("feelings", "words", zoe.id)]
    assert isinstance(words, QPlainTextEdit)
    words.setFocus()
    type_text(words, "Alone, mostly. 😔")
    window.close()  # mid-sentence

    stored = services.worksheets.get(sheet.id)
    assert stored.answer("feelings", "words", zoe.id) == "Alone, mostly. 😔"
    again = make_window()
    again.show_view("conflicts")
    view = again.view("conflicts")
    view.open(sheet.id)
    assert view.inputs[("feelings", "words", zoe.id)].toPlainText() == "Alone, mostly. 😔"
    assert view.inputs[("feelings", "words", lukasz.id)].toPlainText() == ""


def test_a_gentle_hint_appears_for_blame_words(qtbot, conflicts, services, couple):
    sheet, _ = services.worksheets.start("gentle_start", "Weekends")
    conflicts.open(sheet.id)
    zoe = couple.partners[0]
    box = conflicts.inputs[("observation", "observation", zoe.id)]
    type_text(box, "You never plan anything.")
    hint = conflicts.hints[("observation", "observation", zoe.id)]
    assert not hint.isHidden() and "one time it happened" in hint.text()


def test_next_and_back_move_through_the_steps(qtbot, conflicts, services, couple):
    sheet, _ = services.worksheets.start("solve_together", "Holidays")
    conflicts.open(sheet.id)
    assert not conflicts.back_button.isEnabled()
    qtbot.mouseClick(conflicts.next_button, Qt.MouseButton.LeftButton)
    assert conflicts.step_title.text() == "Swap: the other speaker"
    assert services.worksheets.get(sheet.id).step == 1
    qtbot.mouseClick(conflicts.back_button, Qt.MouseButton.LeftButton)
    assert conflicts.step_title.text() == "The first speaker has the floor"


def test_a_break_freezes_the_worksheet_and_goes_on_the_calendar(qtbot, conflicts, services):
    sheet, _ = services.worksheets.start("after_fight", "Late again")
    conflicts.open(sheet.id)
    qtbot.mouseClick(conflicts.break_button, Qt.MouseButton.LeftButton)
    assert conflicts.pages.currentIndex() == 3
    conflicts.resume_at.setDateTime(QDateTime(datetime.now() + timedelta(minutes=5)))
    qtbot.mouseClick(conflicts.start_break, Qt.MouseButton.LeftButton)
    assert "20 minutes" in conflicts.pause_error.text()
    assert services.worksheets.get(sheet.id).status == "open"

    conflicts.resume_at.setDateTime(QDateTime(datetime.now() + timedelta(minutes=40)))
    qtbot.mouseClick(conflicts.start_break, Qt.MouseButton.LeftButton)
    assert services.worksheets.get(sheet.id).status == "paused"
    (event,) = services.calendar.events()
    assert event.title == "Come back to: Late again"
    assert "so far" in conflicts.countdown.text()
    qtbot.mouseClick(conflicts.resume_button, Qt.MouseButton.LeftButton)
    assert services.worksheets.get(sheet.id).status == "open"
    assert conflicts.pages.currentIndex() == 2


def test_agreements_and_the_follow_up(qtbot, conflicts, services, couple):
    sheet, _ = services.worksheets.start("after_fight", "Chores")
    services.worksheets.go_to(sheet.id, 5)
    conflicts.open(sheet.id)
    assert conflicts.step_title.text() == "What we agree on"
    type_text(conflicts.agreement_text, "A rota on the fridge")
    conflicts.agreement_owner.setCurrentIndex(2)
    conflicts.add_agreement()
    stored = services.worksheets.get(sheet.id)
    assert [(a.text, a.owner_id) for a in stored.agreements] == [
        ("A rota on the fridge", couple.partners[1].id)]
    assert stored.follow_up is not None  # a day to look at it again is set from the start
    conflicts.add_agreement()  # empty: explained, nothing added
    assert "Please write what you agree on." in conflicts.agreement_error.text()
    assert len(services.worksheets.get(sheet.id).agreements) == 1


def test_looking_back_resolves_or_keeps_it_open(qtbot, conflicts, services, couple,
                                                monkeypatch):
    from datetime import date

    from ui.views.conflicts_view import ReviewDialog

    sheet, change = services.worksheets.start("after_fight", "Chores")
    agreement, _ = services.worksheets.add_agreement(sheet.id, "A rota on the fridge")
    services.worksheets.set_follow_up(sheet.id, date.today())
    conflicts.bus.publish(change)
    conflicts.table.selectRow(0)

    def not_yet(dialog: ReviewDialog) -> int:
        dialog.kept[agreement.id].setChecked(True)
        dialog.note.setText("Better, not there yet")
        qtbot.mouseClick(dialog.not_yet, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ReviewDialog, "exec", not_yet)
    qtbot.mouseClick(conflicts.review_button, Qt.MouseButton.LeftButton)
    stored = services.worksheets.get(sheet.id)
    assert stored.status == "open" and stored.follow_up > date.today()
    assert stored.agreements[0].kept is True and stored.review == "Better, not there yet"

    def worked(dialog: ReviewDialog) -> int:
        qtbot.mouseClick(dialog.worked, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ReviewDialog, "exec", worked)
    conflicts.table.selectRow(0)
    qtbot.mouseClick(conflicts.review_button, Qt.MouseButton.LeftButton)
    assert services.worksheets.get(sheet.id).status == "resolved"
    assert "Resolved" in conflicts.status.text()
