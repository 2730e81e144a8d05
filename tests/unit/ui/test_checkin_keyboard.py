"""Checking in with the keyboard only, as a couple without a mouse would: every page starts
at its top with the focus on its first question, the curtain lifts with Enter or Space, a
refused Done or Save points to what is missing, and "privately, then reveal" can be done
from start to end with Tab, the arrows, Space, Enter and typing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QPlainTextEdit, QScrollArea, QWidget

from app.domain.checkins import FEELING_GROUPS
from tests.unit.ui.test_checkin_flow import visible_text

RIGHT, TAB, SPACE, ENTER = Qt.Key.Key_Right, Qt.Key.Key_Tab, Qt.Key.Key_Space, Qt.Key.Key_Return


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """One key press, where the keyboard focus is."""
    widget = focus()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def tab_to(qtbot, wanted, limit: int = 80) -> QWidget:
    """Press Tab until ``wanted(focus)``; fails when it is never reached."""
    for _ in range(limit):
        widget = focus()
        if widget is not None and wanted(widget):
            return widget
        press(qtbot, TAB)
    raise AssertionError(f"Tab never reached it; the focus is on {focus()!r}")


def arrow_to(qtbot, button: QAbstractButton, limit: int = 40) -> None:
    """Within a row of choices, the arrow keys move to ``button``."""
    for _ in range(limit):
        if focus() is button:
            return
        press(qtbot, RIGHT)
    raise AssertionError(f"the arrows never reached {button.text()!r}")


def type_here(qtbot, text: str) -> None:
    qtbot.keyClicks(focus(), text)


def scroll_area_of(widget: QWidget) -> QScrollArea:
    parent = widget.parentWidget()
    while not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def on_screen(widget: QWidget) -> bool:
    """Visible and at least partly inside its scroll area's viewport."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def inside(widget: QWidget | None, container: QWidget) -> bool:
    return widget is not None and (widget is container or container.isAncestorOf(widget))


def answer_by_keys(qtbot, form, mood: int, connection: int, feeling: str, appreciation: str,
                   need: str) -> None:
    """From the first question (where the page puts the focus), answer every question."""
    assert inside(focus(), form.mood)
    arrow_to(qtbot, form.mood.button(mood))
    press(qtbot, SPACE)
    press(qtbot, TAB)
    assert inside(focus(), form.connection)
    arrow_to(qtbot, form.connection.button(connection))
    press(qtbot, SPACE)
    # Through stress (optional, left empty) to the feelings.
    chips = form.feelings[next(i for i, (_group, words) in enumerate(FEELING_GROUPS)
                               if feeling in words)]
    tab_to(qtbot, lambda w: inside(w, form) and isinstance(w, QAbstractButton)
           and any(inside(w, c) for c in form.feelings))
    for _ in range(60):  # the arrows move through the chips (Tab where they don't)
        if focus() is chips.chip(feeling):
            break
        before = focus()
        press(qtbot, RIGHT)
        if focus() is before:
            press(qtbot, TAB)
    press(qtbot, SPACE)
    tab_to(qtbot, lambda w: w is form.appreciation)
    type_here(qtbot, appreciation)
    press(qtbot, TAB)
    assert focus() is form.need
    type_here(qtbot, need)


@pytest.fixture
def checkins(qtbot, couple, make_window):
    window = make_window()
    window.resize(1100, 680)  # a laptop: a partner's page is taller than the window
    window.show_view("checkins")
    return window, window.view("checkins")


def test_privately_then_reveal_with_the_keyboard_only(qtbot, checkins, services, couple):
    window, view = checkins
    flow = view.flow
    flow.side_button.setFocus()  # where Tab from the sidebar arrives first
    tab_to(qtbot, lambda w: w is flow.private_button)
    press(qtbot, ENTER)

    zoe, lukasz = flow.forms
    answer_by_keys(qtbot, zoe, 4, 8, "grateful", "You made tea", "A quiet evening")
    done = flow.private.first_page.done_button
    tab_to(qtbot, lambda w: w is done)
    press(qtbot, ENTER)

    curtain = flow.private.curtain()
    assert curtain.isVisible() and "Hand over to Łukasz" in curtain.title.text()
    assert focus() is curtain.button
    press(qtbot, ENTER)

    # Łukasz's page: from its top, the focus on his first question.
    assert not curtain.isVisible()
    assert scroll_area_of(lukasz).verticalScrollBar().value() == 0
    assert inside(focus(), lukasz.mood)
    assert "You made tea" not in visible_text(window)
    answer_by_keys(qtbot, lukasz, 3, 5, "tired", "Your laugh", "A walk on Sunday")
    tab_to(qtbot, lambda w: w is flow.private.second_page.done_button)
    press(qtbot, ENTER)

    assert curtain.isVisible() and "Ready" in curtain.title.text()
    assert services.checkins.history() == []
    press(qtbot, ENTER)  # reveal together

    shown = visible_text(window)
    for words in ("You made tea", "A quiet evening", "Your laugh", "A walk on Sunday"):
        assert words in shown
    assert flow.reveal.prompt.text() == (
        "Zoë feels 8/10 connected, Łukasz 5/10 — want to talk about it?")
    assert focus() is flow.reveal.finish
    assert scroll_area_of(flow.reveal).verticalScrollBar().value() == 0

    saved = {c.partner_id: c for c in services.checkins.history()}
    zoe_id, lukasz_id = (p.id for p in couple.partners)
    assert len({c.session_id for c in saved.values()}) == 1
    assert (saved[zoe_id].mood, saved[zoe_id].connection, saved[zoe_id].feelings,
            saved[zoe_id].appreciation, saved[zoe_id].need) == (
        4, 8, ("grateful",), "You made tea", "A quiet evening")
    assert (saved[lukasz_id].mood, saved[lukasz_id].connection, saved[lukasz_id].feelings,
            saved[lukasz_id].appreciation) == (3, 5, ("tired",), "Your laugh")

    press(qtbot, ENTER)  # Done: back to the start, ready for next time
    assert focus() is flow.side_button


@pytest.mark.parametrize("key, modifier", [
    (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier),
    (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
], ids=["Return", "keypad Enter", "Space"])
def test_the_second_page_opens_at_its_top_after_the_curtain(qtbot, checkins, key, modifier):
    _window, view = checkins
    flow = view.flow
    qtbot.mouseClick(flow.private_button, Qt.MouseButton.LeftButton)
    zoe, lukasz = flow.forms
    assert inside(focus(), zoe.mood)  # the first page starts on its first question too
    qtbot.mouseClick(zoe.mood.button(4), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(zoe.connection.button(7), Qt.MouseButton.LeftButton)
    done = flow.private.first_page.done_button
    done.setFocus()  # Done is at the bottom: the page scrolls down to it
    scroll_area_of(done).ensureWidgetVisible(done)
    assert scroll_area_of(done).verticalScrollBar().value() > 0
    press(qtbot, Qt.Key.Key_Space)

    curtain = flow.private.curtain()
    assert curtain.isVisible()
    press(qtbot, key, modifier)

    assert not curtain.isVisible()
    assert scroll_area_of(lukasz).verticalScrollBar().value() == 0
    intro = flow.private.second_page.findChild(QWidget, "Banner")
    assert "Łukasz, your turn" in intro.text() and on_screen(intro)
    assert inside(focus(), lukasz.mood) and on_screen(focus())


def test_tab_stays_on_the_curtain(qtbot, checkins):
    _window, view = checkins
    flow = view.flow
    qtbot.mouseClick(flow.private_button, Qt.MouseButton.LeftButton)
    flow.forms[0].mood.button(3).click()
    flow.forms[0].connection.button(3).click()
    qtbot.mouseClick(flow.private.first_page.done_button, Qt.MouseButton.LeftButton)
    curtain = flow.private.curtain()
    for _ in range(3):
        press(qtbot, TAB)
        assert focus() is curtain.button  # nothing hidden behind it takes the focus


def test_done_with_a_missing_answer_points_to_it(qtbot, checkins):
    _window, view = checkins
    flow = view.flow
    qtbot.mouseClick(flow.private_button, Qt.MouseButton.LeftButton)
    zoe = flow.forms[0]
    qtbot.mouseClick(zoe.connection.button(6), Qt.MouseButton.LeftButton)
    done = flow.private.first_page.done_button
    tab_to(qtbot, lambda w: w is done)  # the page scrolls down to Done
    assert scroll_area_of(done).verticalScrollBar().value() > 0
    press(qtbot, ENTER)

    assert flow.private.stage() == "first"
    assert zoe.mood_error.text() == "Please choose a mood."
    assert on_screen(zoe.mood_error)
    assert inside(focus(), zoe.mood) and on_screen(focus())
    assert focus().accessibleDescription() == "Please choose a mood."
    # Answering it there, by keyboard, takes the message away.
    press(qtbot, SPACE)
    assert zoe.mood.value() == 1
    assert not zoe.mood_error.isVisible()
    assert zoe.mood.accessibleDescription() == ""


def test_save_side_by_side_points_to_the_first_missing_answer(qtbot, checkins, services):
    _window, view = checkins
    flow = view.flow
    qtbot.mouseClick(flow.side_button, Qt.MouseButton.LeftButton)
    zoe, lukasz = flow.forms
    for form, mood in ((zoe, 4), (lukasz, 2)):
        qtbot.mouseClick(form.mood.button(mood), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(zoe.connection.button(8), Qt.MouseButton.LeftButton)
    tab_to(qtbot, lambda w: w is flow.save_button, limit=120)
    press(qtbot, ENTER)

    assert services.checkins.history() == []
    assert on_screen(lukasz.connection_error)
    assert inside(focus(), lukasz.connection) and on_screen(focus())
    assert lukasz.connection.accessibleDescription() == "Please choose how connected you feel."


def test_every_field_is_reached_by_tab_and_typing_lands_in_it(qtbot, checkins):
    _window, view = checkins
    flow = view.flow
    qtbot.mouseClick(flow.alone_buttons[0], Qt.MouseButton.LeftButton)
    form = flow.forms[0]
    assert inside(focus(), form.mood)
    tab_to(qtbot, lambda w: w is form.private_note)
    type_here(qtbot, "remember the dentist")
    assert form.private_note.toPlainText() == "remember the dentist"
    assert isinstance(focus(), QPlainTextEdit)
