"""Conflict worksheets through the window: the safety note first, side-by-side steps saved
as typed, gentle hints, moving back and forth, a break, and agreements."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QPlainTextEdit

from tests.unit.ui.keyboard import type_text
from tests.unit.ui.modal import answer_box


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
    sheet, _ = services.worksheets.start("after_fight", "Holidays")
    conflicts.open(sheet.id)
    assert not conflicts.back_button.isEnabled()
    qtbot.mouseClick(conflicts.next_button, Qt.MouseButton.LeftButton)
    assert conflicts.step_title.text() == "How each of us saw it"
    assert conflicts.progress.text() == "Step 2 of 6"
    assert services.worksheets.get(sheet.id).step == 1
    qtbot.mouseClick(conflicts.back_button, Qt.MouseButton.LeftButton)
    assert conflicts.step_title.text() == "What each of us felt"


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
    assert "about 20 minutes to go" in conflicts.countdown.text()
    asked = answer_box("Continue now")  # before the twenty minutes are up: asked first
    qtbot.mouseClick(conflicts.resume_button, Qt.MouseButton.LeftButton)
    assert asked.seen, asked.text
    assert not asked.missing, asked.buttons
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


def test_the_floor_passes_only_when_the_speaker_feels_heard(qtbot, conflicts, services,
                                                            couple):
    zoe, lukasz = couple.partners
    sheet, _ = services.worksheets.start("solve_together", "Holidays")
    conflicts.open(sheet.id)
    assert conflicts.floor_bar.isVisible()
    assert conflicts.floor_token.text() == "Zoë has the floor"
    # Łukasz would like to start: swap before anything is said.
    qtbot.mouseClick(conflicts.floor_swap, Qt.MouseButton.LeftButton)
    assert conflicts.floor_token.text() == "Łukasz has the floor"
    # The speaker's column asks the speaker's questions; the listener's, the paraphrase.
    assert ("first_speaker", "speaker_words", lukasz.id) in conflicts.inputs
    assert ("first_speaker", "speaker_words", zoe.id) not in conflicts.inputs
    assert ("first_speaker", "paraphrase", zoe.id) in conflicts.inputs
    type_text(conflicts.inputs[("first_speaker", "speaker_words", lukasz.id)],
              "I need the first days to rest.")
    type_text(conflicts.inputs[("first_speaker", "paraphrase", zoe.id)],
              "You want to rest first.")
    assert not conflicts.floor_swap.isEnabled()  # begun: the floor passes at the next step

    qtbot.mouseClick(conflicts.next_button, Qt.MouseButton.LeftButton)
    assert conflicts.step_title.text() == "One of you has the floor"  # not yet heard
    assert "Łukasz feels heard" in conflicts.status.text()
    confirmed = conflicts.inputs[("first_speaker", "confirmed", lukasz.id)]
    confirmed.setCurrentIndex(confirmed.findData("not_quite"))
    qtbot.mouseClick(conflicts.next_button, Qt.MouseButton.LeftButton)
    assert services.worksheets.get(sheet.id).step == 0  # "not quite" keeps the floor
    confirmed = conflicts.inputs[("first_speaker", "confirmed", lukasz.id)]
    confirmed.setCurrentIndex(confirmed.findData("yes"))
    qtbot.mouseClick(conflicts.next_button, Qt.MouseButton.LeftButton)
    assert conflicts.step_title.text() == "Swap: now the other has the floor"
    assert conflicts.floor_token.text() == "Zoë has the floor"
    assert conflicts.floor_swap.isHidden()
    stored = services.worksheets.get(sheet.id)
    assert stored.answer("first_speaker", "paraphrase", zoe.id) == "You want to rest first."
    assert stored.answer("first_speaker", "confirmed", lukasz.id) == "yes"


def test_the_speaking_timer_counts_down_and_says_whose_turn_it_is(qtbot, conflicts,
                                                                   services):
    sheet, _ = services.worksheets.start("solve_together", "Holidays")
    conflicts.open(sheet.id)
    conflicts.floor_minutes.setCurrentIndex(conflicts.floor_minutes.findData(2))
    qtbot.mouseClick(conflicts.floor_timer_button, Qt.MouseButton.LeftButton)
    assert conflicts.floor_time.text() == "2:00 left"
    conflicts._floor_tick()
    assert conflicts.floor_time.text() == "1:59 left"
    for _ in range(119):
        conflicts._floor_tick()
    assert conflicts.floor_time.text() == "Time — Łukasz, say back what you heard."
    assert conflicts.floor_timer_button.text() == "Start a timer"
    qtbot.mouseClick(conflicts.floor_timer_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(conflicts.floor_timer_button, Qt.MouseButton.LeftButton)  # stop
    assert conflicts.floor_time.text() == ""


def test_the_gentle_opening_is_built_from_the_earlier_steps(qtbot, conflicts, services,
                                                             couple):
    zoe, lukasz = couple.partners
    sheet, _ = services.worksheets.start("gentle_start", "Screens at dinner")
    conflicts.open(sheet.id)
    type_text(conflicts.inputs[("observation", "observation", zoe.id)],
              "When phones were out at dinner on Friday.")
    conflicts.next_step()
    conflicts.inputs[("feeling", "feelings", zoe.id)].set_selected(["lonely"])
    conflicts.inputs[("feeling", "feelings", zoe.id)].changed.emit()
    conflicts.next_step()
    type_text(conflicts.inputs[("need", "need", zoe.id)], "closeness at the end of the day")
    conflicts.next_step()
    type_text(conflicts.inputs[("request", "request", zoe.id)],
              "leave phones in the hall at dinner")
    conflicts.next_step()
    opening = conflicts.inputs[("opening", "opening", zoe.id)]
    expected = ("I feel lonely about when phones were out at dinner on Friday, and I need "
                "closeness at the end of the day. Would you be willing to leave phones in the "
                "hall at dinner?")
    assert opening.toPlainText() == expected
    assert conflicts.inputs[("opening", "opening", lukasz.id)].toPlainText() == ""
    # Their own edits are kept; the button builds it again, and Ctrl+Z takes that back.
    opening.selectAll()
    type_text(opening, "My own words.")
    conflicts.flush()
    assert services.worksheets.get(sheet.id).answer("opening", "opening", zoe.id) == \
        "My own words."
    conflicts.rebuild_opening(zoe.id)
    assert opening.toPlainText() == expected
    opening.undo()
    assert opening.toPlainText() == "My own words."
    conflicts.close_sheet()
    conflicts.open(sheet.id)  # reopening never overwrites what they wrote
    assert conflicts.inputs[("opening", "opening", zoe.id)].toPlainText() == "My own words."


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"[ \t]+", " ", text)  # Qt's printer output separates words with tabs


def test_a_worksheet_is_saved_as_a_pdf_with_both_partners_words(qtbot, conflicts, services,
                                                                couple, tmp_path,
                                                                monkeypatch):
    zoe, lukasz = couple.partners
    sheet, _ = services.worksheets.start("after_fight", "The dishes")
    services.worksheets.answer(sheet.id, "views", "my_view", zoe.id, "I was tired of asking.")
    services.worksheets.answer(sheet.id, "views", "my_view", lukasz.id, "I hadn't noticed.")
    services.worksheets.add_agreement(sheet.id, "A rota on the fridge", lukasz.id)
    conflicts.open(sheet.id)
    target = tmp_path / "ours"
    monkeypatch.setattr("ui.views.conflicts_view.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(target), "PDF files (*.pdf)"))
    conflicts.export_pdf()
    saved = tmp_path / "ours.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    text = _pdf_text(saved)
    for words in ("The dishes", "Zoë", "Łukasz", "I was tired of asking.", "I hadn't noticed.",
                  "A rota on the fridge — Łukasz", "Hearth"):
        assert words in text
    assert "Saved ours.pdf" in conflicts.status.text()


def test_a_pdf_that_cannot_be_written_is_explained(qtbot, conflicts, services, tmp_path):
    sheet, _ = services.worksheets.start("after_fight", "The dishes")
    conflicts.open(sheet.id)
    conflicts.export_pdf(str(tmp_path / "no such folder" / "ours.pdf"))
    assert "can't be written" in conflicts.status.text()
    assert not (tmp_path / "no such folder").exists()


def test_printing_goes_through_the_system_dialog(qtbot, conflicts, services, couple, tmp_path,
                                                 monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    zoe = couple.partners[0]
    sheet, change = services.worksheets.start("after_fight", "The dishes")
    services.worksheets.answer(sheet.id, "feelings", "words", zoe.id, "Unseen.")
    conflicts.bus.publish(change)
    conflicts.table.selectRow(0)  # from the list, the selected worksheet
    printed = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    conflicts.print_sheet()
    text = _pdf_text(printed)
    assert "The dishes" in text and "Zoë" in text and "Unseen." in text
