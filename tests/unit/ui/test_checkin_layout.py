"""Check-ins at every text size, with long names: the window stays narrow enough for a
laptop (at most 1024 px wide at normal text, 1280 px at any size), nothing scrolls sideways,
and the history shows what each of you appreciates and needs before anything else."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QAbstractScrollArea

from app.domain.checkins import CheckinInput
from app.domain.settings import TextSize
from ui.models.checkins_table_model import (
    APPRECIATION_COLUMN,
    NEED_COLUMN,
    WHEN_COLUMN,
    WHO_COLUMN,
)

LIMITS = {TextSize.NORMAL: 1024, TextSize.LARGE: 1280, TextSize.EXTRA_LARGE: 1280}
LONG_NAMES = ("Maximiliane-Josephine", "Łukasz")


def use_text_size(services, bus, size: TextSize) -> None:
    """What choosing a text size in Settings does."""
    _settings, change = services.settings.update(text_size=size)
    bus.publish(change)


def sideways_scrolling(window) -> list[str]:
    """Every visible scroll area whose content is wider than it is."""
    return [
        area.accessibleName() or type(area).__name__
        for area in window.findChildren(QAbstractScrollArea)
        if area.isVisible() and area.horizontalScrollBar().maximum() > 0
    ]


def at_narrowest(qtbot, window) -> None:
    window.resize(window.minimumSizeHint().width(), 760)
    qtbot.waitUntil(lambda: window.width() == window.minimumSizeHint().width())
    qtbot.wait(10)  # the layouts settle


@pytest.fixture
def long_names(services):
    couple, _ = services.couple.setup(*LONG_NAMES, colours=("teal", "terracotta"))
    first, second = couple.partners
    now = datetime.now().astimezone()
    services.checkins.save_session(
        [CheckinInput(first.id, 4, 8, 5, ("grateful", "overwhelmed", "appreciative"),
                      "You made tea without me asking, and then you stayed to listen " * 3,
                      "A quiet evening together, phones away, the two of us " * 3,
                      "remember the dentist"),
         CheckinInput(second.id, 2, 3, 4, ("disappointed",), "Your laugh", "A walk")],
        at=now - timedelta(days=400),
    )
    return couple


@pytest.mark.parametrize("size", list(TextSize))
def test_every_check_in_page_fits_a_laptop_at_every_text_size(qtbot, services, bus,
                                                              make_window, long_names, size):
    window = make_window()
    window.show_view("checkins")
    view = window.view("checkins")
    use_text_size(services, bus, size)
    flow = view.flow

    def check(state: str) -> None:
        assert window.minimumSizeHint().width() <= LIMITS[size], state
        if size is TextSize.NORMAL:
            assert window.minimumSizeHint().width() <= 1024, state
        at_narrowest(qtbot, window)
        with contextlib.suppress(qtbot.TimeoutError):  # the scroll ranges settle
            qtbot.waitUntil(lambda: sideways_scrolling(window) == [], timeout=500)
        assert sideways_scrolling(window) == [], state

    check("start")
    flow.begin("side_by_side")
    check("side by side")
    flow.begin("alone", 0)
    check("Maximiliane-Josephine alone")
    flow.begin("private_reveal")
    check("first private page")
    flow.private.set_stage("handover")
    check("hand-over curtain")
    flow.private.set_stage("second")
    check("second private page")
    flow.back_to_start()
    view.tabs.setCurrentWidget(view.history)
    check("history")
    view.history.range.setCurrentIndex(view.history.range.count() - 1)  # custom dates
    check("history with custom dates")
    view.history.partner.setCurrentIndex(1)  # one partner's check-ins, with notes to self
    check("one partner's history")


@pytest.mark.parametrize("size", list(TextSize))
def test_history_shows_appreciation_and_need_at_1280_px(qtbot, services, bus, make_window,
                                                       long_names, size):
    window = make_window()
    window.show_view("checkins")
    view = window.view("checkins")
    use_text_size(services, bus, size)
    view.tabs.setCurrentWidget(view.history)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    history = view.history
    table = history.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    qtbot.wait(10)

    assert not table.horizontalScrollBar().isVisible()
    right_edge = table.viewport().width()
    wide_enough = table.fontMetrics().averageCharWidth() * 12
    for column in (WHEN_COLUMN, WHO_COLUMN, APPRECIATION_COLUMN, NEED_COLUMN):
        assert not table.isColumnHidden(column)
    for column in (APPRECIATION_COLUMN, NEED_COLUMN):
        assert table.columnWidth(column) >= wide_enough
    # Nothing lies past the right edge, where only a sideways scroll bar could reach it.
    for column in range(history.model.columnCount()):
        if not table.isColumnHidden(column):
            assert table.columnViewportPosition(column) + table.columnWidth(column) \
                <= right_edge

    # The chosen check-in, read in full below the table.
    row = next(r for r in range(history.proxy.rowCount())
               if history.proxy.index(r, WHO_COLUMN).data() == LONG_NAMES[0])
    table.selectRow(row)
    shown = history.detail.text()
    assert "You made tea without me asking" in shown
    assert shown.count("A quiet evening together") == 3
    assert "remember the dentist" not in shown  # a note to self only in that partner's list
