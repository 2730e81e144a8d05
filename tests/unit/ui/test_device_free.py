"""Device-free time: phones away, a countdown of the planned time, a question when asked
for, and a look back together that marks the plan done."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.calendar import EventInput
from ui.views.device_free import (
    LEAVE_QUESTION,
    REFLECT,
    START,
    THANKS,
    TIME_UP,
    TOGETHER,
    DeviceFreeWindow,
    clock_words,
    length_words,
)

TODAY = date.today()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def plan_tonight(services, bus, hours: float = 2, **extra):
    start = datetime.combine(TODAY, time(19, 0))
    event, change = services.calendar.create(EventInput(
        extra.pop("title", "Phones in the drawer"), extra.pop("kind", "device_free"), start,
        start + timedelta(hours=hours), devices_away=True, **extra))
    bus.publish(change)
    (occurrence,) = [o for o in services.calendar.occurrences(TODAY, TODAY)
                     if o.event_id == event.id]
    return occurrence


@pytest.fixture
def open_window(qtbot, services, couple, bus):
    def make(**clock) -> DeviceFreeWindow:
        window = DeviceFreeWindow(services, bus, couple, plan_tonight(services, bus), **clock)
        # Never leave a question on screen when the test ends.
        qtbot.addWidget(window, before_close_func=DeviceFreeWindow.close_without_asking)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer(monkeypatch, reply) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return reply

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_words_for_the_clock_and_the_length():
    assert clock_words(7200) == "2:00:00"
    assert clock_words(3599) == "59:59"
    assert clock_words(65) == "01:05"
    assert clock_words(-3) == "00:00"
    assert length_words(7200) == "2 hours"
    assert length_words(9000) == "2½ hours"
    assert length_words(45 * 60) == "45 minutes"


def test_the_start_invites_phones_away_and_ready_starts_the_planned_length(qtbot, open_window):
    window = open_window()
    assert window.phase == START
    texts = " ".join(label.text() for label in window.findChildren(type(window.when)))
    assert "Phones in the drawer" in texts and "Phones away" in texts
    assert "19:00–21:00" in window.when.text() and "2 hours" in window.when.text()
    click(qtbot, window.ready)
    assert window.phase == TOGETHER
    assert re.fullmatch(r"2:00:00|1:59:5\d", window.timer_label.text())
    assert window.until.text().startswith("until ")
    assert not window.prompt_card.isVisible()  # questions only when asked for


def test_enter_starts_and_the_clock_counts_down_from_a_monotonic_start(qtbot, open_window):
    clock = FakeClock()
    window = open_window(clock=clock)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.phase == TOGETHER
    assert window.timer_label.text() == "2:00:00"
    clock.now += 61.2
    window._tick()
    assert window.timer_label.text() == "1:58:59"


def test_pause_freezes_the_time_and_carry_on_resumes_it(qtbot, open_window):
    window = open_window()
    click(qtbot, window.ready)
    qtbot.wait(1100)
    running = window.timer_label.text()
    assert running != "2:00:00"
    click(qtbot, window.pause_button)
    assert window.pause_button.text() == "Carry on"
    paused = window.timer_label.text()
    assert "Paused" in window.until.text()
    qtbot.wait(1200)
    assert window.timer_label.text() == paused
    click(qtbot, window.pause_button)
    assert window.pause_button.text() == "Pause"
    qtbot.waitUntil(lambda: window.timer_label.text() != paused, timeout=2500)


def test_when_the_time_is_up_a_gentle_note_and_were_done_comes_forward(qtbot, open_window):
    clock = FakeClock()
    window = open_window(clock=clock)
    click(qtbot, window.ready)
    clock.now += 2 * 3600 + 5
    window._tick()
    assert window.timer_label.text() == "00:00"
    assert window.time_up_note.isVisible() and window.time_up_note.text() == TIME_UP
    assert window.done_button.objectName() == "Primary"
    assert not window.pause_button.isVisible()
    assert not window.ticker.isActive()  # no alarm, no more ticking


def test_a_question_to_talk_about_shows_one_of_the_prompts(qtbot, open_window, services):
    window = open_window()
    click(qtbot, window.ready)
    click(qtbot, window.ask_button)
    assert window.prompt_card.isVisible()
    shown = window.prompts.text.text()
    assert shown in {p.text for p in services.prompts.prompts()}
    assert window.ask_button.text() == "Put the question away"
    click(qtbot, window.ask_button)
    assert not window.prompt_card.isVisible()


def test_keeping_the_reflection_marks_it_done_with_both_ratings(qtbot, open_window, services,
                                                                couple, bus):
    published = []
    bus.changed.connect(published.append)
    window = open_window()
    zoe, lukasz = couple.partners
    click(qtbot, window.ready)
    click(qtbot, window.done_button)
    assert window.phase == REFLECT
    columns = window.columns
    click(qtbot, columns[zoe.id].rating.button(5))
    click(qtbot, columns[lukasz.id].rating.button(4))
    qtbot.keyClicks(columns[zoe.id].memory, "Laughing at the old photos")
    qtbot.keyClicks(columns[lukasz.id].memory, "Tea and no screens")
    click(qtbot, window.keep_button)
    assert window.phase == THANKS
    (after,) = services.calendar.occurrences(TODAY, TODAY)
    assert after.status == "done"
    assert {(r.partner_id, r.rating, r.memory) for r in after.reflections} == {
        (zoe.id, 5, "Laughing at the old photos"), (lukasz.id, 4, "Tea and no screens")}
    assert published and published[-1].touches("calendar")
    assert "Laughing at the old photos" in window.memories_shown.text()
    click(qtbot, window.close_button)  # after saving, it just closes
    assert not window.isVisible()


def test_one_partner_may_skip_but_a_line_needs_a_rating(qtbot, open_window, services, couple):
    window = open_window()
    zoe, lukasz = couple.partners
    click(qtbot, window.ready)
    click(qtbot, window.done_button)
    window.columns[lukasz.id].memory.setText("Lovely")
    click(qtbot, window.keep_button)
    assert window.phase == REFLECT
    assert window.error.isVisible() and "Łukasz" in window.error.text()
    (still,) = services.calendar.occurrences(TODAY, TODAY)
    assert still.status == "planned" and not still.reflections  # nothing changed
    window.columns[lukasz.id].memory.clear()
    click(qtbot, window.columns[zoe.id].rating.button(3))
    qtbot.keyClick(window, Qt.Key.Key_Return)
    (after,) = services.calendar.occurrences(TODAY, TODAY)
    assert after.status == "done"
    assert [(r.partner_id, r.rating) for r in after.reflections] == [(zoe.id, 3)]


def test_skip_reflecting_asks_once_then_marks_it_done_without_ratings(qtbot, open_window,
                                                                      services):
    window = open_window()
    click(qtbot, window.ready)
    click(qtbot, window.done_button)
    click(qtbot, window.skip_button)
    assert window.skip_box.isVisible()
    assert services.calendar.occurrences(TODAY, TODAY)[0].status == "planned"
    click(qtbot, window.skip_confirm)
    (after,) = services.calendar.occurrences(TODAY, TODAY)
    assert after.status == "done" and not after.reflections
    assert window.phase == THANKS


def test_a_problem_while_saving_is_shown_and_changes_nothing(qtbot, open_window, services,
                                                             couple):
    window = open_window()
    click(qtbot, window.ready)
    click(qtbot, window.done_button)
    services.calendar.delete(window.occurrence.event_id, None, "all")
    click(qtbot, window.columns[couple.partners[0].id].rating.button(4))
    click(qtbot, window.keep_button)
    assert window.phase == REFLECT and window.error.isVisible()
    assert services.calendar.occurrences(TODAY, TODAY) == []


def test_leaving_midway_asks_first_no_stays_yes_leaves_with_nothing_saved(
        qtbot, open_window, services, monkeypatch):
    window = open_window()
    click(qtbot, window.ready)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert asked == [LEAVE_QUESTION]
    assert window.isVisible() and window.phase == TOGETHER

    click(qtbot, window.done_button)
    click(qtbot, window.columns[next(iter(window.columns))].rating.button(5))
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.close()
    assert asked == [LEAVE_QUESTION]
    assert not window.isVisible()
    (after,) = services.calendar.occurrences(TODAY, TODAY)
    assert after.status == "planned" and not after.reflections


def test_not_now_and_escape_at_the_start_just_close(qtbot, open_window, monkeypatch):
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    window = open_window()
    click(qtbot, window.not_now)
    assert not window.isVisible()
    again = open_window()
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert not again.isVisible() and asked == []


def test_the_prompts_dialog_shows_a_question_for_tonight(qtbot, services, couple, bus):
    published = []
    bus.changed.connect(published.append)
    from ui.dialogs.prompts_dialog import PromptsDialog

    dialog = PromptsDialog(services, bus)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Questions for tonight"
    assert dialog.prompts.text.text() in {p.text for p in services.prompts.prompts()}
    assert published  # the drawn prompt counts as seen, for every view


def test_every_control_has_an_accessible_name(qtbot, open_window):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    window = open_window()
    for kind in (QAbstractButton, QLineEdit, QComboBox):
        for control in window.findChildren(kind):
            assert control.accessibleName(), control
