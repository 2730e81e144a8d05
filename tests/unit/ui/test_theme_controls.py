"""The stylesheet's small controls at every text size, as a couple would notice them: radio
buttons and check boxes grow with the text, time and number fields are as tall as a line
edit with buttons that can be hit, a date field's calendar button keeps the field rounded,
and dialog buttons carry words, not the desktop's stray icons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialogButtonBox,
    QLineEdit,
    QProxyStyle,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyleFactory,
    QStyleOptionButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.settings import TextSize
from ui import theme

SIZES = list(TextSize)


@pytest.fixture
def window(qtbot):
    """A shown window to put controls in."""
    made: list[QWidget] = []

    def make(*widgets: QWidget) -> QWidget:
        win = QWidget()
        made.append(win)
        layout = QVBoxLayout(win)
        for widget in widgets:
            layout.addWidget(widget)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    return make


def indicator(button: QCheckBox | QRadioButton) -> tuple[int, int]:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = (QStyle.SubElement.SE_CheckBoxIndicator if isinstance(button, QCheckBox)
               else QStyle.SubElement.SE_RadioButtonIndicator)
    rect = button.style().subElementRect(element, option, button)
    return rect.width(), rect.height()


@pytest.mark.parametrize("dark", [False, True])
def test_radio_buttons_and_check_boxes_grow_with_the_text(qapp, window, dark):
    sizes = []
    for size in SIZES:
        theme.apply(qapp, text_size=size, dark=dark)
        check, radio = QCheckBox("All day"), QRadioButton("Large")
        window(check, radio)
        line = check.fontMetrics().height()
        for button in (check, radio):
            width, height = indicator(button)
            assert width == height  # square, or round
            assert height >= 0.8 * line, f"{size}: a {height}px box beside {line}px text"
        sizes.append(indicator(check)[1])
        assert indicator(radio) == indicator(check)
    assert sizes == sorted(sizes) and len(set(sizes)) == len(SIZES), sizes


@pytest.mark.parametrize("size", SIZES)
def test_time_number_and_date_fields_are_as_tall_as_a_line_edit(qapp, window, size):
    theme.apply(qapp, text_size=size, dark=False)
    line = QLineEdit("Luigi's")
    time = QTimeEdit(QTime(19, 0))
    time.setDisplayFormat("HH:mm")
    number = QSpinBox()
    day = QDateEdit(QDate(2026, 12, 4))
    day.setCalendarPopup(True)
    window(line, time, number, day)
    line.setCursorPosition(0)
    time.lineEdit().setCursorPosition(0)
    height = line.sizeHint().height()
    assert [w.sizeHint().height() for w in (time, number, day)] == [height] * 3
    # The time's text sits clear of the field's left edge, as in a line edit.
    start = time.lineEdit().mapTo(time, time.lineEdit().cursorRect().center()).x()
    assert start >= line.cursorRect().center().x()


@pytest.mark.parametrize("size", SIZES)
def test_a_time_field_has_buttons_that_can_be_hit(qapp, qtbot, window, size):
    theme.apply(qapp, text_size=size, dark=False)
    time = QTimeEdit(QTime(19, 0))
    time.setDisplayFormat("HH:mm")
    window(time)
    middle = time.height() // 2
    edge = round(8 * size.scale)  # a finger's width in from either end
    qtbot.mouseClick(time, Qt.MouseButton.LeftButton, pos=QPoint(time.width() - edge, middle))
    assert time.time() == QTime(20, 0)  # the right end: later
    for _ in range(2):
        qtbot.mouseClick(time, Qt.MouseButton.LeftButton, pos=QPoint(edge, middle))
    assert time.time() == QTime(18, 0)  # the left end: earlier
    # Each button is the field's full height and at least as wide as the text is tall.
    line = time.fontMetrics().height()
    for end in (QPoint(edge, 4), QPoint(edge, time.height() - 5),
                QPoint(line - 2, middle), QPoint(time.width() - line + 2, middle)):
        before = time.time()
        qtbot.mouseClick(time, Qt.MouseButton.LeftButton, pos=end)
        assert time.time() != before, f"{size}: nothing at {end}"


def corners_differ(widget: QWidget) -> int:
    """How many pixels of the field's right-hand corners plainly differ from the mirrored
    left-hand ones (a square corner; not a pixel of anti-aliasing)."""
    image = widget.window().grab(widget.geometry()).toImage()
    width, height = image.width(), image.height()
    return sum(
        _distance(image.pixelColor(x, y), image.pixelColor(width - 1 - x, y)) > 90
        for y in (*range(8), *range(height - 8, height)) for x in range(8))


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


@pytest.mark.parametrize("dark", [False, True])
def test_a_date_fields_calendar_button_keeps_the_field_rounded(qapp, window, dark):
    for size in SIZES:
        theme.apply(qapp, text_size=size, dark=dark)
        day = QDateEdit(QDate(2026, 12, 4))
        day.setCalendarPopup(True)
        day.setDisplayFormat("ddd d MMM yyyy")
        window(day)
        assert corners_differ(day) == 0, f"{size}: a square corner at the drop-down"


class DesktopWithIcons(QProxyStyle):
    """Fusion as on an X11 desktop whose theme puts icons on dialog buttons."""

    def styleHint(self, hint, option=None, widget=None, data=None):
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)


def buttons_on_such_a_desktop(style: QStyle) -> QDialogButtonBox:
    box = QDialogButtonBox()
    box.setStyle(style)
    box.setStandardButtons(QDialogButtonBox.StandardButton.Save
                           | QDialogButtonBox.StandardButton.Cancel)
    return box


def test_dialog_buttons_carry_no_stray_icons(qapp, qtbot):
    desktop = DesktopWithIcons(QStyleFactory.create("Fusion"))  # kept for the boxes' lives
    # Such a desktop would put a floppy disc and a cross on the buttons…
    assert desktop.styleHint(QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons) == 1
    assert not desktop.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton).isNull()
    # …Hearth's look leaves them out.
    for size in SIZES:
        theme.apply(qapp, text_size=size, dark=False)
        box = buttons_on_such_a_desktop(desktop)
        qtbot.addWidget(box)
        for which in (QDialogButtonBox.StandardButton.Save,
                      QDialogButtonBox.StandardButton.Cancel):
            assert box.button(which).icon().isNull(), f"{size}: an icon on {which}"
