"""Checking in together, as two people at one screen would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit, QWidget

from tests.unit.ui.keyboard import type_text


@pytest.fixture
def checkins(qtbot, couple, make_window):
    window = make_window()
    window.show_view("checkins")
    return window, window.view("checkins")


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def answer(qtbot, form, mood, connection, appreciation="", need=""):
    click(qtbot, form.mood.button(mood))
    click(qtbot, form.connection.button(connection))
    if appreciation:
        type_text(form.appreciation, appreciation)
    if need:
        type_text(form.need, need)


def visible_text(window: QWidget) -> str:
    """Everything a person could read on screen right now."""
    parts = []
    for label in window.findChildren(QLabel):
        if label.isVisible():
            text = label.text()
            if "<" in text:
                text = QTextDocumentFragment.fromHtml(text).toPlainText()
            parts.append(text)
    for box in window.findChildren(QPlainTextEdit):
        if box.isVisible():
            parts.append(box.toPlainText())
    return "\n".join(parts)


def test_side_by_side_saves_one_sitting_and_reveals_a_gentle_prompt(qtbot, checkins, services):
    window, view = checkins
    click(qtbot, view.flow.side_button)
    zoe, lukasz = view.flow.forms
    assert zoe.isVisible() and lukasz.isVisible()
    answer(qtbot, zoe, 4, 8, "You made tea without me asking 🫖")
    answer(qtbot, lukasz, 3, 5, need="A walk on Sunday")
    click(qtbot, zoe.feelings[0].chip("grateful"))
    click(qtbot, view.flow.save_button)

    saved = services.checkins.history()
    assert len(saved) == 2
    assert len({c.session_id for c in saved}) == 1
    by_name = {services.couple.get().partners[0].id: "Zoë"}
    zoe_saved = next(c for c in saved if c.partner_id in by_name)
    assert zoe_saved.appreciation == "You made tea without me asking 🫖"
    assert zoe_saved.feelings == ("grateful",)
    prompt = view.flow.reveal.prompt.text()
    assert prompt == "Zoë feels 8/10 connected, Łukasz 5/10 — want to talk about it?"
    assert "score" not in visible_text(window).lower()
    assert services.drafts.load("checkin") is None


def test_missing_answers_show_inline_messages_and_save_nothing(qtbot, checkins, services):
    _window, view = checkins
    click(qtbot, view.flow.side_button)
    zoe, lukasz = view.flow.forms
    answer(qtbot, zoe, 4, 8)
    click(qtbot, lukasz.connection.button(6))
    click(qtbot, view.flow.save_button)
    assert lukasz.mood_error.isVisible()
    assert "mood" in lukasz.mood_error.text()
    assert not zoe.mood_error.isVisible()
    assert services.checkins.history() == []
    click(qtbot, lukasz.mood.button(2))
    assert not lukasz.mood_error.isVisible()


def test_private_then_reveal_hides_the_first_answers_until_the_reveal(qtbot, checkins, services):
    window, view = checkins
    click(qtbot, view.flow.private_button)
    flow = view.flow
    zoe, lukasz = flow.forms
    assert zoe.isVisible() and not lukasz.isVisible()
    answer(qtbot, zoe, 5, 9, "Zoë's secret thanks")
    click(qtbot, flow.private.first_page.done_button)

    # The curtain covers the whole window and Zoë's answers are not on screen.
    curtain = flow.private.curtain()
    assert curtain.isVisible()
    assert curtain.geometry() == window.rect()
    assert not zoe.isVisible()
    assert "Hand over to Łukasz" in curtain.title.text()
    click(qtbot, curtain.button)

    # Łukasz's turn: he cannot see anything Zoë wrote.
    assert lukasz.isVisible() and not zoe.isVisible()
    assert "Zoë's secret thanks" not in visible_text(window)
    assert services.checkins.history() == []
    answer(qtbot, lukasz, 3, 4, "Łukasz says thanks")
    click(qtbot, flow.private.second_page.done_button)
    assert curtain.isVisible() and "Ready" in curtain.title.text()
    assert services.checkins.history() == []

    click(qtbot, curtain.button)  # reveal together
    assert not curtain.isVisible()
    shown = visible_text(window)
    assert "Zoë's secret thanks" in shown and "Łukasz says thanks" in shown
    assert len(services.checkins.history()) == 2


def test_private_flow_does_not_move_on_without_answers(qtbot, checkins):
    _window, view = checkins
    click(qtbot, view.flow.private_button)
    click(qtbot, view.flow.private.first_page.done_button)
    assert view.flow.private.stage() == "first"
    assert view.flow.forms[0].connection_error.isVisible()


def test_one_partner_alone(qtbot, checkins, services, couple):
    _window, view = checkins
    click(qtbot, view.flow.alone_buttons[1])
    assert len(view.flow.forms) == 1
    answer(qtbot, view.flow.forms[0], 2, 6, need="Sleep")
    click(qtbot, view.flow.save_button)
    saved = services.checkins.history()
    assert [(c.partner_id, c.need) for c in saved] == [(couple.partners[1].id, "Sleep")]
    assert "Thank you, Łukasz" in view.flow.reveal.prompt.text()


def test_private_note_is_never_in_the_reveal(qtbot, checkins, services):
    window, view = checkins
    click(qtbot, view.flow.side_button)
    zoe, lukasz = view.flow.forms
    answer(qtbot, zoe, 4, 8)
    type_text(zoe.private_note, "just for me")
    answer(qtbot, lukasz, 4, 8)
    click(qtbot, view.flow.save_button)
    assert "just for me" not in visible_text(window)
    assert any(c.private_note == "just for me" for c in services.checkins.history())


def test_a_draft_survives_closing_the_window(qtbot, couple, make_window, services):
    window = make_window()
    window.show_view("checkins")
    flow = window.view("checkins").flow
    click(qtbot, flow.side_button)
    answer(qtbot, flow.forms[0], 4, 7, "half a senten")
    window.close()  # closed mid-sentence, before the autosave timer fired

    again = make_window()
    again.show_view("checkins")
    restored = again.view("checkins").flow
    assert restored.mode == "side_by_side"
    assert restored.forms[0].appreciation.toPlainText() == "half a senten"
    assert restored.forms[0].mood.value() == 4
    assert restored.forms[0].connection.value() == 7


def test_a_private_draft_comes_back_behind_a_curtain(qtbot, couple, make_window):
    window = make_window()
    window.show_view("checkins")
    flow = window.view("checkins").flow
    click(qtbot, flow.private_button)
    answer(qtbot, flow.forms[0], 4, 7, "Zoë's words")
    click(qtbot, flow.private.first_page.done_button)
    click(qtbot, flow.private.curtain().button)  # Łukasz starts…
    window.close()  # …and the window is closed

    again = make_window()
    again.show_view("checkins")
    restored = again.view("checkins").flow
    assert restored.curtain_visible()
    assert "Łukasz" in restored.private.curtain().title.text()
    assert "Zoë's words" not in visible_text(again)
    click(qtbot, restored.private.curtain().button)
    assert restored.private.stage() == "second"
    assert not restored.forms[0].isVisible()


def test_start_over_asks_then_clears(qtbot, checkins, services, monkeypatch):
    _window, view = checkins
    click(qtbot, view.flow.side_button)
    answer(qtbot, view.flow.forms[0], 4, 7, "draft")
    view.flow.save_draft()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.No)
    view.flow.start_over()
    assert view.flow.mode == "side_by_side"
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    view.flow.start_over()
    assert view.flow.mode is None
    assert services.drafts.load("checkin") is None


def test_home_shows_this_weeks_progress_after_a_check_in(qtbot, checkins, services):
    window, view = checkins
    click(qtbot, view.flow.side_button)
    answer(qtbot, view.flow.forms[0], 4, 8)
    answer(qtbot, view.flow.forms[1], 4, 8)
    click(qtbot, view.flow.save_button)
    window.show_view("home")
    home = window.view("home")
    assert "This week: 1 of 2 together" in home.week.text()
    assert "together" in home.last_checkin.text()
