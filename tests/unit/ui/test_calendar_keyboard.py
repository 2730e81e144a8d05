"""The calendar without a mouse: the week's events reached with Tab and the arrow keys,
named for screen readers by title and time, opened with Enter; a repeating date night
planned with key presses only; what was typed in the event dialog never thrown away
without asking; and every delete undone with Ctrl+Z."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

from app.domain.calendar import EventInput
from app.domain.weeks import week_start_of
from ui import theme
from ui.dialogs.event_dialog import EventDialog
from ui.widgets.calendar_widgets import WeekEventButton

TODAY = date.today()
MONDAY = week_start_of(TODAY, 0)


@pytest.fixture
def calendar(qtbot, couple, make_window):
    window = make_window()
    window.show_view("calendar")
    return window.view("calendar")


def plan(services, bus, title: str, day: date, hour: int, minute: int = 0, hours: float = 2,
         kind: str = "date_night", rrule: str | None = None):
    start = datetime.combine(day, time(hour, minute))
    event, change = services.calendar.create(EventInput(
        title, kind, start, start + timedelta(hours=hours), rrule=rrule))
    bus.publish(change)
    return event


def focused() -> QWidget:
    """Where a key press goes: the widget with the keyboard (or its window)."""
    return (QApplication.focusWidget() or QApplication.activeModalWidget()
            or QApplication.activeWindow())


def when_shown(kind: type, act: Callable[[QWidget], None], seen: list | None = None) -> list:
    """When the next modal window of ``kind`` is on screen and has the keyboard, ``act`` on
    it (with key presses). Scheduled before the key press that opens it, since it blocks."""
    seen = [] if seen is None else seen

    def look(left: int = 300) -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, kind) or not modal.isActiveWindow():
            if isinstance(modal, kind):
                modal.activateWindow()
            if left:
                QTimer.singleShot(10, lambda: look(left - 1))
            return
        seen.append(modal)
        try:
            act(modal)
        except BaseException:
            modal.done(0)  # a failed check must not leave the test waiting on the window
            raise

    QTimer.singleShot(0, look)
    return seen


def key(name: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), name, modifier)


def back_in(qtbot, widget: QWidget) -> None:
    """After a dialog closed: the window has the keyboard again, at ``widget``."""
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def tab_to(name: str, limit: int = 15) -> None:
    """Press Tab until the field called ``name`` has the keyboard."""
    for _ in range(limit):
        if focused().accessibleName() == name:
            return
        key(Qt.Key.Key_Tab)
    assert focused().accessibleName() == name


# -- the week's time grid ----------------------------------------------------------------------


NEXT_MONDAY = MONDAY + timedelta(weeks=1)


@pytest.fixture
def week(calendar, services, bus, qtbot):
    """Next week: a walk on Monday morning and two plans on Wednesday evening."""
    plan(services, bus, "Morning walk", NEXT_MONDAY, 8, hours=1, kind="walk")
    plan(services, bus, "Dinner at Rosa's", NEXT_MONDAY + timedelta(days=2), 19)
    plan(services, bus, "Stargazing", NEXT_MONDAY + timedelta(days=2), 22)
    calendar.set_mode("week")
    key_on(calendar, Qt.Key.Key_PageDown)  # to next week
    return calendar


def key_on(calendar, name: Qt.Key) -> None:
    calendar.mode_buttons.button(1).setFocus()
    QTest.keyClick(focused(), name)


def test_tab_reaches_the_weeks_events_and_the_arrows_move_between_them(qtbot, week):
    week.mode_buttons.button(1).setFocus()  # the Week button, as after choosing the view
    for _ in range(10):
        if isinstance(focused(), WeekEventButton):
            break
        key(Qt.Key.Key_Tab)
    assert isinstance(focused(), WeekEventButton)
    first = focused()
    assert first.accessibleName() == (
        f"Morning walk, {NEXT_MONDAY:%A} {NEXT_MONDAY.day} {NEXT_MONDAY:%B}, 08:00–09:00")

    key(Qt.Key.Key_Right)  # the nearest on the next day with plans: Wednesday 19:00
    wednesday = NEXT_MONDAY + timedelta(days=2)
    assert focused().accessibleName() == (
        f"Dinner at Rosa's, {wednesday:%A} {wednesday.day} {wednesday:%B}, 19:00–21:00")
    key(Qt.Key.Key_Down)  # the next in time
    assert focused().accessibleName().startswith("Stargazing, ")
    assert "22:00–00:00" in focused().accessibleName()
    key(Qt.Key.Key_Down)  # the last stays
    assert focused().accessibleName().startswith("Stargazing, ")
    key(Qt.Key.Key_Left)
    assert focused().accessibleName().startswith("Morning walk, ")
    key(Qt.Key.Key_End)
    assert focused().accessibleName().startswith("Stargazing, ")

    # One Tab stop for the whole week: Tab leaves the grid, Shift+Tab comes back to the
    # event last visited.
    key(Qt.Key.Key_Tab)
    assert not isinstance(focused(), WeekEventButton)
    key(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused().accessibleName().startswith("Stargazing, ")


def test_an_all_day_event_is_reached_too(qtbot, week, services, bus):
    tuesday = NEXT_MONDAY + timedelta(days=1)
    _event, change = services.calendar.create(EventInput(
        "Our anniversary", "date_night", datetime.combine(tuesday, time(0)),
        datetime.combine(tuesday + timedelta(days=1), time(0)), all_day=True))
    bus.publish(change)
    week.week.buttons[0].setFocus()
    key(Qt.Key.Key_Right)
    assert focused().accessibleName() == (
        f"Our anniversary, {tuesday:%A} {tuesday.day} {tuesday:%B}, All day")
    assert focused().parentWidget() is week.week_header  # where it is shown
    key(Qt.Key.Key_Down)
    assert focused().accessibleName().startswith("Dinner at Rosa's, ")


def test_the_focused_event_is_shown_with_a_ring(qtbot, week):
    grid = week.week
    button = grid.buttons[1]
    edge = button.geometry().left() + 2, button.geometry().center().y()
    before = grid.grab().toImage().pixelColor(*edge)
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    after = grid.grab().toImage().pixelColor(*edge)
    assert before != after
    assert after == QColor(theme.current().colour("text"))


def test_enter_opens_the_event_as_a_double_click_does(qtbot, week):
    grid = week.week
    grid.buttons[1].setFocus()
    opened = when_shown(EventDialog, lambda dialog: QTest.keyClick(dialog, Qt.Key.Key_Escape))
    key(Qt.Key.Key_Return)
    assert len(opened) == 1 and opened[0].title.text() == "Dinner at Rosa's"
    assert not opened[0].isVisible()  # nothing changed: Escape closed it at once

    rect = grid.event_rect(grid.buttons[2].occurrence).toRect()
    opened_too = when_shown(EventDialog,
                            lambda dialog: QTest.keyClick(dialog, Qt.Key.Key_Escape))
    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened_too[0].title.text() == "Stargazing"


def test_clicking_an_event_puts_the_keyboard_there(qtbot, week):
    grid = week.week
    rect = grid.event_rect(grid.buttons[1].occurrence).toRect()
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=rect.center())
    assert focused() is grid.buttons[1]
    key(Qt.Key.Key_Up)
    assert focused() is grid.buttons[0]


# -- planning a repeating date night with the keyboard only -------------------------------------


def test_plan_a_repeating_date_night_with_key_presses_only(qtbot, calendar, services):
    calendar.month.setFocus()  # the calendar view is showing; nothing else is touched

    def fill(dialog: EventDialog) -> None:
        QTest.keyClicks(focused(), "Date night at Rosa's")  # the title has the keyboard
        key(Qt.Key.Key_Tab)
        assert focused() is dialog.kind
        key(Qt.Key.Key_Down)  # to Walk, then back by typing the kind's name
        QTest.keyClicks(focused(), "date")
        tab_to("From")
        QTest.keyClicks(focused(), "1930")
        tab_to("Until")
        QTest.keyClicks(focused(), "2230")
        tab_to("Repeat")
        key(Qt.Key.Key_Down)  # every week on this weekday
        key(Qt.Key.Key_Return)  # Save

    opened = when_shown(EventDialog, fill)
    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened and not opened[0].isVisible()
    (event,) = services.calendar.events()
    assert (event.title, event.kind) == ("Date night at Rosa's", "date_night")
    weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[TODAY.weekday()]
    assert event.rrule == f"FREQ=WEEKLY;BYDAY={weekday}"
    weeks = services.calendar.occurrences(TODAY, TODAY + timedelta(days=27))
    assert [o.start.date() for o in weeks] == [TODAY + timedelta(weeks=i) for i in range(4)]
    assert all((o.start.hour, o.start.minute, o.end.hour, o.end.minute) == (19, 30, 22, 30)
               for o in weeks)
    assert calendar.status.text() == (
        f"Planned “Date night at Rosa's” for {TODAY:%a} {TODAY.day} {TODAY:%B} — Ctrl+Z "
        "undoes it")


# -- nothing typed is thrown away ----------------------------------------------------------------


def test_escape_closes_an_unchanged_dialog_at_once(qtbot, calendar, services):
    calendar.month.setFocus()
    opened = when_shown(EventDialog, lambda dialog: key(Qt.Key.Key_Escape))
    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened and not opened[0].isVisible()
    assert QApplication.activeModalWidget() is None


@pytest.mark.parametrize("how", ["escape", "cancel"])
def test_escape_or_cancel_with_changes_asks_and_keep_writing_keeps_them(qtbot, calendar,
                                                                        services, how):
    calendar.month.setFocus()
    asked: list = []
    state: dict = {}

    def leave(dialog: EventDialog) -> None:
        dialog.activateWindow()  # back from the question: the dialog has the keyboard again
        qtbot.waitUntil(lambda: dialog.isActiveWindow() and bool(QApplication.focusWidget()))
        if how == "escape":
            key(Qt.Key.Key_Escape)
        else:
            tab_to("Cancel", limit=30)
            key(Qt.Key.Key_Space)

    def keep_writing(box: QMessageBox) -> None:
        state["question"] = box.windowTitle()
        key(Qt.Key.Key_Escape)  # Escape in the question keeps writing

    def discard(box: QMessageBox) -> None:
        for _ in range(5):  # Tab to Discard (Keep writing is the default)
            if getattr(focused(), "text", lambda: "")() == "Discard":
                break
            key(Qt.Key.Key_Tab)
        key(Qt.Key.Key_Space)

    def write(dialog: EventDialog) -> None:
        QTest.keyClicks(focused(), "Picnic by the lake")
        when_shown(QMessageBox, keep_writing, asked)
        leave(dialog)
        state["kept"] = (dialog.isVisible(), dialog.title.text())
        when_shown(QMessageBox, discard, asked)
        leave(dialog)
        state["closed"] = not dialog.isVisible()

    when_shown(EventDialog, write)
    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert state["question"] == "Discard what you wrote?"
    assert state["kept"] == (True, "Picnic by the lake")
    assert len(asked) == 2 and state["closed"]
    assert services.calendar.events() == ()


def test_a_missing_title_is_shown_on_the_title_with_the_keyboard_there(qtbot, calendar,
                                                                      services):
    calendar.month.setFocus()
    state: dict = {}

    def save_empty(dialog: EventDialog) -> None:
        tab_to("Where")
        key(Qt.Key.Key_Return)
        state["error"] = dialog.error.text()
        state["focus"] = focused() is dialog.title
        state["described"] = dialog.title.accessibleDescription()
        dialog.done(0)

    when_shown(EventDialog, save_empty)
    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert "title" in state["error"].lower()
    assert state["focus"] and state["described"] == state["error"]
    assert services.calendar.events() == ()


# -- deleting can be undone ------------------------------------------------------------------------


def test_deleting_a_one_off_is_undone_with_ctrl_z(qtbot, calendar, services, bus, couple):
    zoe, _lukasz = couple.partners
    event = plan(services, bus, "Dinner at Rosa's", TODAY + timedelta(days=1), 19)
    services.calendar.afterwards(event.id, None, None, {zoe.id: (5, "Candles")})
    calendar.set_mode("agenda")
    calendar.agenda.setFocus()
    calendar.agenda.selectRow(0)
    calendar.agenda.setCurrentIndex(calendar.agenda_model.index(0, 0))

    def delete(dialog: EventDialog) -> None:
        tab_to("Delete event", limit=30)
        key(Qt.Key.Key_Space)

    when_shown(EventDialog, delete)
    key(Qt.Key.Key_Return)  # opens the chosen plan
    assert services.calendar.events() == ()
    assert calendar.status.text() == "Deleted “Dinner at Rosa's” — Ctrl+Z brings it back"

    back_in(qtbot, calendar.agenda)
    key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    (back,) = services.calendar.events()
    assert (back.id, back.title, back.uid) == (event.id, "Dinner at Rosa's", event.uid)
    (occurrence,) = services.calendar.occurrences(TODAY, TODAY + timedelta(days=2))
    assert [(r.rating, r.memory) for r in occurrence.reflections] == [(5, "Candles")]
    assert calendar.status.text() == "Brought back “Dinner at Rosa's”."
    assert calendar.agenda_model.rowCount() == 1

    key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert services.calendar.events() == ()


def test_moving_and_changing_can_be_undone_too(qtbot, calendar, services, bus):
    event = plan(services, bus, "Walk", MONDAY, 10, hours=1, kind="walk")
    calendar.anchor = MONDAY
    calendar.set_mode("week")
    (occurrence,) = calendar.week.occurrences
    calendar.move_occurrence(occurrence, datetime.combine(MONDAY, time(11, 0)),
                             datetime.combine(MONDAY, time(12, 0)))
    assert services.calendar.get(event.id).start.hour == 11
    assert calendar.status.text() == (
        f"Moved “Walk” to {MONDAY:%a} {MONDAY.day} {MONDAY:%B}, 11:00–12:00 — Ctrl+Z undoes it")
    back_in(qtbot, calendar.week.buttons[0])
    key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.calendar.get(event.id).start.hour == 10
    assert calendar.status.text() == "Moved “Walk” back."


def test_afterwards_asks_before_a_memory_is_thrown_away(qtbot, calendar, services, bus):
    from ui.dialogs.event_dialog import ReflectionDialog

    plan(services, bus, "Picnic", TODAY - timedelta(days=1), 12)
    (occurrence,) = services.calendar.occurrences(TODAY - timedelta(days=1), TODAY)
    asked: list = []
    state: dict = {}

    def write(dialog: ReflectionDialog) -> None:
        tab_to("Zoë's memory", limit=20)
        QTest.keyClicks(focused(), "Strawberries")
        when_shown(QMessageBox, lambda box: key(Qt.Key.Key_Escape), asked)  # keep writing
        key(Qt.Key.Key_Escape)
        memory = next(w for w in dialog.findChildren(QLineEdit)
                      if w.accessibleName() == "Zoë's memory")
        state["kept"] = dialog.isVisible() and memory.text()
        dialog.done(0)

    when_shown(ReflectionDialog, write)
    calendar.reflect_on(occurrence)
    assert len(asked) == 1 and state["kept"] == "Strawberries"

