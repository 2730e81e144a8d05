"""Rating rows and feeling chips by keyboard alone: each row or set of chips is one Tab stop
(like a radio group), the arrows move within it, Space chooses or toggles, Tab leaves.
Covers the optional ratings (check-in stress, the calendar's Afterwards, the device-free
look back), mood and connection, and all of a partner's feeling chips."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.domain.calendar import EventInput
from app.domain.checkins import FEELING_GROUPS
from ui.dialogs.event_dialog import ReflectionDialog
from ui.views.device_free import REFLECT, DeviceFreeWindow
from ui.widgets.checkin_form import CheckinFormWidget
from ui.widgets.choices import ChipsWidget, ChoiceRowWidget

Key = Qt.Key
TODAY = date.today()


def focused() -> QWidget:
    return QApplication.focusWidget()


def press(qtbot, *keys: Key) -> None:
    """Press each key where the keyboard focus is, as a person would."""
    for key in keys:
        assert focused() is not None, "nothing has the keyboard focus"
        if key == Key.Key_Backtab:
            qtbot.keyClick(focused(), Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        else:
            qtbot.keyClick(focused(), key)


def tabs_to_reach(qtbot, target: QWidget, limit: int = 80) -> int:
    """How many Tab presses take the focus from where it is to ``target``."""
    for count in range(1, limit + 1):
        press(qtbot, Key.Key_Tab)
        if focused() is target:
            return count
    raise AssertionError(f"Tab never reached {target.accessibleName()!r}")


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


@pytest.fixture
def between(qtbot):
    """Make a widget between two line edits in a shown window; returns it, before, after."""
    windows: list[QWidget] = []  # kept alive for the test

    def make(middle_of: Callable[[QWidget], QWidget]) -> tuple[Any, QLineEdit, QLineEdit]:
        window = QWidget()
        windows.append(window)
        layout = QVBoxLayout(window)
        before = QLineEdit(window)
        middle = middle_of(window)  # made in order, as a form makes its fields
        after = QLineEdit(window)
        before.setAccessibleName("Before")
        after.setAccessibleName("After")
        for widget in (before, middle, after):
            layout.addWidget(widget)
        show(qtbot, window)
        before.setFocus()
        qtbot.waitUntil(before.hasFocus)
        return middle, before, after

    return make


def stress_row(parent: QWidget | None = None) -> ChoiceRowWidget:
    return ChoiceRowWidget([(v, str(v), f"{v} of 5") for v in range(1, 6)], "Zoë: stress",
                           parent, allow_none=True)


def test_an_optional_rating_goes_past_one_by_keyboard_and_can_be_cleared(qtbot, between):
    row, _before, _after = between(stress_row)
    press(qtbot, Key.Key_Tab)
    assert focused() is row.button(1)
    press(qtbot, Key.Key_Right, Key.Key_Right, Key.Key_Right)
    assert focused() is row.button(4)
    assert row.value() is None  # moving is not choosing
    press(qtbot, Key.Key_Space)
    assert row.value() == 4
    press(qtbot, Key.Key_Left)
    assert focused() is row.button(3)
    press(qtbot, Key.Key_Space)
    assert row.value() == 3
    press(qtbot, Key.Key_Space)
    assert row.value() is None  # an optional answer un-chosen again
    press(qtbot, Key.Key_Down, Key.Key_Space)
    assert focused() is row.button(4) and row.value() == 4
    press(qtbot, Key.Key_Up)
    assert focused() is row.button(3)
    press(qtbot, Key.Key_End)
    assert focused() is row.button(5)
    press(qtbot, Key.Key_Right)  # stays at the end of the scale
    assert focused() is row.button(5)
    press(qtbot, Key.Key_Home)
    assert focused() is row.button(1)
    assert row.value() == 4


def test_a_rating_row_is_one_tab_stop_entered_on_the_chosen_value(qtbot, between):
    row, before, after = between(stress_row)
    assert tabs_to_reach(qtbot, after) == 2  # into the row, out of it
    press(qtbot, Key.Key_Backtab)
    assert focused() is row.button(1)  # nothing chosen: the first
    press(qtbot, Key.Key_Right, Key.Key_Right, Key.Key_Space, Key.Key_Right)
    assert row.value() == 3 and focused() is row.button(4)
    press(qtbot, Key.Key_Tab)
    assert focused() is after
    press(qtbot, Key.Key_Backtab)
    assert focused() is row.button(3)  # back on the chosen value
    press(qtbot, Key.Key_Backtab)
    assert focused() is before
    press(qtbot, Key.Key_Tab)
    assert focused() is row.button(3)


def test_mood_is_one_tab_stop_too_and_space_chooses(qtbot, between):
    mood, _before, after = between(lambda parent: ChoiceRowWidget(
        [(v, str(v), f"{v}") for v in range(1, 6)], "Zoë: mood", parent))
    assert tabs_to_reach(qtbot, after) == 2
    press(qtbot, Key.Key_Backtab, Key.Key_Right, Key.Key_Right)
    assert focused() is mood.button(3) and mood.value() is None
    press(qtbot, Key.Key_Space)
    assert mood.value() == 3
    press(qtbot, Key.Key_Space)
    assert mood.value() == 3  # mood is not optional: it stays chosen
    press(qtbot, Key.Key_Right, Key.Key_Space)
    assert mood.value() == 4 and not mood.button(3).isChecked()
    press(qtbot, Key.Key_Tab, Key.Key_Backtab)
    assert focused() is mood.button(4)


def test_a_value_set_from_a_draft_is_where_tab_enters(qtbot, between):
    row, _before, _after = between(stress_row)
    row.set_value(5)
    press(qtbot, Key.Key_Tab)
    assert focused() is row.button(5)
    row.set_value(None)
    press(qtbot, Key.Key_Tab, Key.Key_Backtab)
    assert focused() is row.button(1)


def test_rating_buttons_keep_their_spoken_names(qtbot):
    row = stress_row()
    qtbot.addWidget(row)
    assert row.button(4).accessibleName() == "Zoë: stress: 4 of 5"
    assert row.accessibleName() == "Zoë: stress"


def test_chips_are_one_tab_stop_arrows_move_and_space_toggles(qtbot, between):
    chips, _before, after = between(lambda parent: ChipsWidget(
        [(w, w) for w in ("loved", "grateful", "close", "tender")], "Zoë: feeling", parent))
    assert tabs_to_reach(qtbot, after) == 2  # four chips, one stop
    press(qtbot, Key.Key_Backtab)
    assert focused() is chips.chip("loved")
    press(qtbot, Key.Key_Right, Key.Key_Right)
    assert focused() is chips.chip("close")
    press(qtbot, Key.Key_Space, Key.Key_Left, Key.Key_Space)
    assert chips.selected() == ("grateful", "close")
    press(qtbot, Key.Key_Space)
    assert chips.selected() == ("close",)
    press(qtbot, Key.Key_Down, Key.Key_Down)
    assert focused() is chips.chip("tender")
    press(qtbot, Key.Key_Up)
    assert focused() is chips.chip("close")
    press(qtbot, Key.Key_Tab)
    assert focused() is after
    press(qtbot, Key.Key_Backtab)
    assert focused() is chips.chip("close")  # back where the couple left off


def test_a_screen_reader_hears_each_chip_and_whether_it_is_on(qtbot, between):
    chips, _before, _after = between(lambda parent: ChipsWidget(
        [("loved", "loved"), ("calm", "calm")], "Zoë: feeling", parent))
    press(qtbot, Key.Key_Tab, Key.Key_Right, Key.Key_Space)
    spoken = QAccessible.queryAccessibleInterface(focused())
    assert spoken.text(QAccessible.Text.Name) == "Zoë: feeling: calm"
    assert spoken.state().checkable and spoken.state().checked
    other = QAccessible.queryAccessibleInterface(chips.chip("loved"))
    assert other.text(QAccessible.Text.Name) == "Zoë: feeling: loved"
    assert other.state().checkable and not other.state().checked


@pytest.fixture
def form(qtbot, couple):
    """Zoë's check-in form in a window, focus on a line edit just before it."""
    window = QWidget()
    layout = QVBoxLayout(window)
    before = QLineEdit(window)
    layout.addWidget(before)
    form = CheckinFormWidget(couple.partners[0], window)
    layout.addWidget(form)
    window.resize(900, 1400)
    show(qtbot, window)
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    yield form
    window.close()


def test_a_check_in_by_keyboard_mood_connection_stress_and_feelings(qtbot, form):
    press(qtbot, Key.Key_Tab)
    assert focused() is form.mood.button(1)
    press(qtbot, Key.Key_Right, Key.Key_Right, Key.Key_Right, Key.Key_Space, Key.Key_Tab)
    assert form.mood.value() == 4
    assert focused() is form.connection.button(1)
    press(qtbot, Key.Key_End, Key.Key_Left, Key.Key_Space, Key.Key_Tab)
    assert form.connection.value() == 9
    assert focused() is form.stress.button(1)
    press(qtbot, Key.Key_Right, Key.Key_Space)
    assert form.stress.value() == 2
    press(qtbot, Key.Key_Tab)
    warm, bright = form.feelings[0], form.feelings[1]
    assert focused() is warm.chip("loved")
    # The arrows cross from one row of feelings into the next.
    press(qtbot, *[Key.Key_Right] * (len(FEELING_GROUPS[0][1]) - 1))
    assert focused() is warm.chip("affectionate")
    press(qtbot, Key.Key_Space, Key.Key_Right, Key.Key_Space)
    assert focused() is bright.chip("happy")
    assert warm.selected() == ("affectionate",) and bright.selected() == ("happy",)
    press(qtbot, Key.Key_Left)
    assert focused() is warm.chip("affectionate")
    press(qtbot, Key.Key_Tab)  # all the feelings are one stop: on to the appreciation
    assert focused() is form.appreciation
    press(qtbot, Key.Key_Backtab)
    assert focused() is warm.chip("affectionate")
    press(qtbot, Key.Key_Backtab)
    assert focused() is form.stress.button(2)


def test_all_of_a_partners_feelings_are_one_tab_stop(qtbot, form):
    assert sum(len(words) for _group, words in FEELING_GROUPS) > 30
    press(qtbot, Key.Key_Tab, Key.Key_Tab, Key.Key_Tab)
    assert focused() is form.stress.button(1)
    assert tabs_to_reach(qtbot, form.appreciation) == 2  # the feelings, then past them


def test_the_calendars_afterwards_rating_by_keyboard(qtbot, services, couple):
    start = datetime.combine(TODAY - timedelta(days=1), time(12))
    services.calendar.create(EventInput("Picnic", "adventure", start, start + timedelta(hours=2)))
    (occurrence,) = services.calendar.occurrences(start.date(), start.date())
    saved = []
    dialog = ReflectionDialog(couple, occurrence,
                              lambda status, answers: saved.append((status, answers)))
    show(qtbot, dialog)
    zoe, lukasz = couple.partners
    dialog.status.setFocus()
    qtbot.waitUntil(dialog.status.hasFocus)
    press(qtbot, Key.Key_Tab)
    assert focused() is dialog.ratings[zoe.id].button(1)
    press(qtbot, Key.Key_Right, Key.Key_Right, Key.Key_Right, Key.Key_Space, Key.Key_Tab)
    assert focused() is dialog.memories[zoe.id]
    qtbot.keyClicks(focused(), "Strawberries")
    press(qtbot, Key.Key_Tab)
    assert focused() is dialog.ratings[lukasz.id].button(1)
    press(qtbot, Key.Key_End, Key.Key_Space, Key.Key_Space)  # chose 5, then thought better
    assert dialog.ratings[lukasz.id].value() is None
    press(qtbot, Key.Key_Left, Key.Key_Space)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [("done", {zoe.id: (4, "Strawberries"), lukasz.id: (4, "")})]


def test_the_device_free_look_back_by_keyboard(qtbot, services, couple, bus):
    start = datetime.combine(TODAY, time(19))
    _event, change = services.calendar.create(EventInput(
        "Phones in the drawer", "device_free", start, start + timedelta(hours=2),
        devices_away=True))
    bus.publish(change)
    (occurrence,) = services.calendar.occurrences(TODAY, TODAY)
    window = DeviceFreeWindow(services, bus, couple, occurrence)
    qtbot.addWidget(window, before_close_func=DeviceFreeWindow.close_without_asking)
    window.resize(1280, 800)
    show(qtbot, window)
    qtbot.mouseClick(window.ready, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.done_button, Qt.MouseButton.LeftButton)
    assert window.phase == REFLECT
    zoe, lukasz = couple.partners
    zoe_row, lukasz_row = window.columns[zoe.id].rating, window.columns[lukasz.id].rating
    window.columns[zoe.id].memory.setFocus()
    qtbot.waitUntil(window.columns[zoe.id].memory.hasFocus)
    press(qtbot, Key.Key_Backtab)
    assert focused() is zoe_row.button(1)
    press(qtbot, Key.Key_Right, Key.Key_Right, Key.Key_Space)
    assert zoe_row.value() == 3
    assert tabs_to_reach(qtbot, lukasz_row.button(1)) == 2  # past her line, into his row
    press(qtbot, Key.Key_Right, Key.Key_Right, Key.Key_Right, Key.Key_Space)
    assert lukasz_row.value() == 4
    qtbot.mouseClick(window.keep_button, Qt.MouseButton.LeftButton)
    (after,) = services.calendar.occurrences(TODAY, TODAY)
    assert {(r.partner_id, r.rating) for r in after.reflections} == {(zoe.id, 3),
                                                                     (lukasz.id, 4)}
