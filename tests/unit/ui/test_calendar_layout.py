"""The calendar at every text size: its header wraps rather than widening the window, and
a month's days show as many titles as fit, then "+N more"."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QPushButton, QStyleOptionViewItem

from app.domain.calendar import KINDS_BY_KEY, EventInput
from app.domain.settings import TextSize
from ui import theme
from ui.models.calendar_models import OCCURRENCES_ROLE
from ui.widgets.calendar_widgets import MonthCellDelegate, month_cell_layout

LIMITS = {"normal": 1024, "large": 1280, "extra_large": 1280}
MODES = ("month", "week", "agenda", "ideas")


@pytest.fixture
def sized(qapp, services, couple, make_window):
    """The real window on the calendar at a text size (as Settings sets it)."""

    def make(size: str, dark: bool = False):
        services.settings.update(text_size=TextSize(size))
        theme.apply(qapp, text_size=TextSize(size), dark=dark)
        window = make_window()
        window.apply_settings()
        window.show_view("calendar")
        return window, window.view("calendar")

    yield make
    theme.apply(qapp, text_size=TextSize.NORMAL, dark=False)


@pytest.mark.parametrize("size", list(LIMITS))
def test_the_calendar_never_makes_the_window_wider_than_a_laptop(sized, qtbot, size, services):
    window, calendar = sized(size)
    start = datetime.combine(date.today(), time(19, 0))
    services.calendar.create(EventInput("Dinner at Rosa's with the long table by the window",
                                        "date_night", start, start + timedelta(hours=2)))
    for mode in MODES:
        calendar.set_mode(mode)
        qtbot.wait(10)
        widest = window.minimumSizeHint().width()
        assert widest <= LIMITS[size], (size, mode, widest)
        # At that narrowest width every button is whole and inside the view.
        window.resize(widest, 820)
        qtbot.wait(30)  # laid out again
        assert window.width() <= LIMITS[size], (size, mode, window.width())
        for button in calendar.findChildren(QPushButton):
            if not button.isVisible():
                continue
            assert button.width() >= button.minimumSizeHint().width(), (size, mode,
                                                                        button.text())
            left = button.mapTo(calendar, button.rect().topLeft()).x()
            assert left >= 0 and left + button.width() <= calendar.width(), (
                size, mode, button.text())
        period = calendar.period
        assert period.width() >= period.fontMetrics().horizontalAdvance(period.text()), \
            (size, mode, period.text())
        table = {"agenda": calendar.agenda, "ideas": calendar.ideas}.get(mode)
        if table is not None:  # what matters is shown, not behind a sideways scroll bar
            assert not table.horizontalScrollBar().isVisible(), (size, mode)
            assert not table.isColumnHidden(0) and not table.isColumnHidden(1)
        window.resize(1280, 820)


def test_the_view_buttons_go_below_the_period_only_when_it_would_be_cut(sized, qtbot):
    window, calendar = sized("large")
    window.resize(1280, 820)
    qtbot.wait(20)
    assert calendar.modes_beside()
    window.resize(window.minimumSizeHint().width(), 820)
    qtbot.wait(20)
    assert not calendar.modes_beside()
    buttons = calendar.mode_buttons.buttons()
    assert all(b.isVisible() for b in buttons)
    assert buttons[0].mapTo(calendar, buttons[0].rect().topLeft()).y() > \
        calendar.period.mapTo(calendar, calendar.period.rect().bottomLeft()).y()


def _day(services, count: int):
    day = date.today()
    for hour in range(count):
        start = datetime.combine(day, time(9 + hour, 0))
        services.calendar.create(EventInput(f"Plan {hour + 1}", "walk", start,
                                            start + timedelta(minutes=45)))
    return day


def _painted(delegate: MonthCellDelegate, calendar, day: date, size) -> list[str]:
    """Paint the day's cell into an image: the events painted (by their colour in each
    place the delegate lays one out) and "+N more"."""
    index = calendar.month_model.index_of(day)
    option = QStyleOptionViewItem()
    option.initFrom(calendar.month)
    option.rect = QRect(0, 0, *size)
    option.font = calendar.month.font()
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    events = index.data(OCCURRENCES_ROLE)
    parts = month_cell_layout(option.rect, option.font, len(events))
    walk = QColor(KINDS_BY_KEY["walk"].colour)
    shown = []
    for number, chip in enumerate(parts.chips):
        assert option.rect.contains(chip)
        pixel = image.pixelColor(chip.left() + 2, chip.center().y())
        if abs(pixel.green() - walk.green()) < 40 and pixel.red() < 120:  # painted green
            shown.append(f"chip {number}")
    return shown + ([parts.more_text] if parts.more is not None else [])


@pytest.mark.parametrize(("size", "cell", "count", "shown"), [
    # Cells as a 1280 × 820 window had them with a day's plans listed below the month.
    ("normal", (140, 60), 2, ["chip 0", "+1 more"]),
    ("normal", (140, 72), 3, ["chip 0", "chip 1", "+1 more"]),
    ("large", (132, 67), 2, ["chip 0", "+1 more"]),
    ("large", (132, 90), 2, ["chip 0", "chip 1"]),
    ("extra_large", (124, 68), 3, ["chip 0", "+2"]),  # "+2 more" would be cut: "+2"
    ("normal", (130, 34), 2, ["+2 more"]),  # a very short window: no room for a title
])
def test_a_day_shows_the_titles_that_fit_then_how_many_more(sized, services, size, cell,
                                                            count, shown):
    _window, calendar = sized(size)
    day = _day(services, count)
    calendar.reload()
    assert _painted(calendar.month.itemDelegate(), calendar, day, cell) == shown
    more = month_cell_layout(QRect(0, 0, *cell), calendar.month.font(), count).more
    if more is not None:  # "+N more" sits on the number's own line: never cut
        assert more.bottom() < cell[1]
        assert more.width() >= calendar.month.fontMetrics().horizontalAdvance("+9")


@pytest.mark.parametrize(("size", "count", "titles"), [("normal", 2, 2), ("large", 2, 2),
                                                       ("extra_large", 2, 1)])
def test_in_the_window_each_day_has_room_for_titles(sized, qtbot, services, size, count,
                                                    titles):
    """The month keeps room for titles: the chosen day's plans below it scroll first."""
    window, calendar = sized(size)
    day = _day(services, count)
    window.resize(1280, 820)
    calendar.go_today()
    qtbot.wait(20)
    cell = calendar.month.visualRect(calendar.month_model.index_of(day))
    assert _painted(calendar.month.itemDelegate(), calendar, day,
                    (cell.width(), cell.height()))[:titles] == \
        [f"chip {i}" for i in range(titles)]
