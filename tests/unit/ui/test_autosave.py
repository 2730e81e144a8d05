"""Drafts are kept while someone types: at most the last second is ever unsaved, however
steadily they type, and everything is kept the moment they leave the field or the view."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

KEY_EVERY_MS = 150
AT_MOST_S = 1.0
SLACK_S = 0.3  # we look every 150 ms; the save itself takes a moment


@pytest.fixture
def checkins(qtbot, couple, make_window):
    window = make_window()
    window.show_view("checkins")
    flow = window.view("checkins").flow
    qtbot.mouseClick(flow.side_button, Qt.MouseButton.LeftButton)
    return window, flow


def kept_appreciation(services) -> str:
    draft = services.drafts.load("checkin") or {}
    forms = draft.get("forms") or [{}]
    return forms[0].get("appreciation") or ""


def test_steady_typing_is_kept_at_most_a_second_behind(qtbot, checkins, services):
    _window, flow = checkins
    box = flow.forms[0].appreciation
    box.setFocus()
    text = "You made tea again"  # a key every 150 ms, never a pause: about 2.7 s
    typed_at: list[tuple[float, int]] = []  # (when, how many characters were typed by then)
    checked_late_enough = 0
    for count, char in enumerate(text, start=1):
        qtbot.keyClick(box, char)
        typed_at.append((time.monotonic(), count))
        qtbot.wait(KEY_EVERY_MS)
        now = time.monotonic()
        kept = kept_appreciation(services)
        assert text[:count].startswith(kept)  # what is kept is what was typed
        # everything typed more than a second ago is kept, while the typing goes on
        due = max((n for at, n in typed_at if at <= now - AT_MOST_S - SLACK_S), default=0)
        if due:
            checked_late_enough += 1
        assert len(kept) >= due, (
            f"{now - typed_at[0][0]:.2f} s after the first key only {len(kept)} of "
            f"{count} characters were kept")
    assert checked_late_enough >= 5  # the typing went on well past the first second
    assert box.toPlainText() == text


def test_leaving_the_field_keeps_it_at_once(qtbot, checkins, services):
    _window, flow = checkins
    box = flow.forms[0].appreciation
    box.setFocus()
    qtbot.keyClicks(box, "Tea")
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # on to the next question, no pause at all
    assert not box.hasFocus()
    assert kept_appreciation(services) == "Tea"


def test_going_to_another_view_keeps_the_talk_at_once(qtbot, couple, make_window, services):
    zoe, _lukasz = couple.partners
    window = make_window()
    window.show_view("together")
    view = window.view("together")
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    box = view.flow.appreciation_boxes[zoe.id]
    box.setFocus()
    qtbot.keyClicks(box, "You made me laugh")
    window.show_view("home")  # straight away: before any pause in the typing
    assert services.meetings.current().partner_answer(
        "appreciations", zoe.id) == "You made me laugh"
