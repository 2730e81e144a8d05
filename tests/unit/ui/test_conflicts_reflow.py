"""Conflicts at every text size on a 1280-pixel-wide screen: the worksheet's two columns go
one under the other instead of scrolling sideways, the floor badge keeps a long name whole,
and no page makes the window wider than the screen."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QApplication

from app.domain.settings import TextSize
from tests.unit.ui.layout_checks import clipped
from ui import theme

LONG = "Maximiliane-Josephine"
WIDEST = {TextSize.NORMAL: 1024, TextSize.LARGE: 1280, TextSize.EXTRA_LARGE: 1280}


@pytest.fixture
def long_names(services):
    couple, _ = services.couple.setup(LONG, "Łukasz", colours=("teal", "terracotta"))
    return couple


def settle(qtbot, window, width: int = 1280) -> None:
    window.resize(width, 820)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: window.width() == max(width, window.minimumSizeHint().width()))
    QApplication.processEvents()


def look(qtbot, window, size: TextSize, where: str) -> None:
    """Nothing cut off at 1280 px, and the window may be as narrow as the rules ask."""
    settle(qtbot, window)
    view = window.view("conflicts")
    assert clipped(view) == [], f"{where} at {size.value}"
    assert window.minimumSizeHint().width() <= WIDEST[size], f"{where} at {size.value}"


@pytest.mark.parametrize("size", list(TextSize))
def test_every_page_of_a_worksheet_fits_a_1280_pixel_screen(qtbot, qapp, services, long_names,
                                                           make_window, size):
    theme.apply(qapp, text_size=size, dark=False)
    services.settings.update(text_size=size)
    window = make_window()
    window.show_view("conflicts")
    view = window.view("conflicts")
    after, _ = services.worksheets.start("after_fight", "The evening the plans changed at the "
                                                        "last minute")
    solve, _ = services.worksheets.start("solve_together", "Sharing the chores")
    gentle, _ = services.worksheets.start("gentle_start", "Screens at dinner")
    look(qtbot, window, size, "the list")

    view.show_safety(None)
    look(qtbot, window, size, "the safety note")
    view._leave_safety()

    view.open(after.id)  # the feelings, side by side or one under the other
    look(qtbot, window, size, "feelings")
    for step in (1, 3):  # three answers each; a choice with long words
        services.worksheets.go_to(after.id, step)
        view.open(after.id)
        look(qtbot, window, size, f"step {step + 1}")

    services.worksheets.go_to(gentle.id, 4)
    view.open(gentle.id)
    look(qtbot, window, size, "the gentle opening")

    view.open(solve.id)  # the floor badge with a long name, and the speaking timer
    assert view.floor_token.text() == f"{LONG} has the floor"
    look(qtbot, window, size, "the floor")
    view.toggle_floor_timer()
    look(qtbot, window, size, "the speaking timer")
    view._floor_left = 1
    view._floor_tick()  # time's up: the listener's turn to say it back
    assert view.floor_time.text() == "Time — Łukasz, say back what you heard."
    look(qtbot, window, size, "time's up")

    services.worksheets.add_agreement(after.id, "Whoever didn't cook does the dishes, and "
                                                "the one who cooked chooses the music")
    services.worksheets.go_to(after.id, 5)
    view.open(after.id)
    look(qtbot, window, size, "agreements")

    view.show_pause()
    look(qtbot, window, size, "the break, before it starts")
    view.pause_error.show_message("Give yourselves at least 20 minutes — bodies need that "
                                  "long to calm down.")
    look(qtbot, window, size, "the break, refused")
    view.resume_at.setDateTime(QDateTime(datetime.now() + timedelta(minutes=40)))
    view.pause()
    assert "to go before the twenty are up" in view.countdown.text()
    look(qtbot, window, size, "the break, taken")


def test_the_columns_stand_side_by_side_where_there_is_room(qtbot, services, couple,
                                                          make_window):
    window = make_window()
    window.show_view("conflicts")
    view = window.view("conflicts")
    sheet, _ = services.worksheets.start("after_fight", "Holidays")
    view.open(sheet.id)
    settle(qtbot, window)
    zoe, lukasz = couple.partners
    first = view.inputs[("feelings", "words", zoe.id)]
    second = view.inputs[("feelings", "words", lukasz.id)]

    def place(widget):
        return widget.rect().translated(widget.mapTo(window, widget.rect().topLeft()))

    assert place(second).left() > place(first).right()  # side by side
    assert place(second).top() < place(first).bottom()

    settle(qtbot, window, 800)  # a narrow window: Łukasz's answers under Zoë's
    assert window.width() == 800
    assert place(second).top() > place(first).bottom()
    assert clipped(view) == []
