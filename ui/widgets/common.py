"""Small building blocks shared by every view: cards, headings, inline error labels."""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.couple import Partner
from app.domain.weeks import EARLIEST_DAY, LATEST_DAY
from ui import theme


def heading(text: str, role: str = "Title", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(role)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def partner_name(partner: Partner, bold: bool = False) -> str:
    """A partner's name as rich text, in that partner's colour."""
    weight = "; font-weight:600" if bold else ""
    return (f'<span style="color:{theme.current().partner_hex(partner)}{weight}">'
            f"{html.escape(partner.name)}</span>")


def muted(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("Muted")
    label.setWordWrap(True)
    return label


class Card(QFrame):
    """A rounded surface holding one topic, with an optional title."""

    def __init__(self, title: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(24, 20, 24, 20)
        self.body.setSpacing(10)
        if title:
            self.title = heading(title, "SectionTitle", self)
            self.body.addWidget(self.title)


class PageStack(QStackedWidget):
    """Pages of which one shows at a time, as wide and tall as the page showing.

    A plain QStackedWidget is as large as its largest page, so one wide page anywhere in
    it (a view opened earlier, a step not shown now) would keep the window from getting
    narrower than that page.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())


class ErrorLabel(QLabel):
    """An inline validation message, hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Error")
        self.setWordWrap(True)
        self.setAccessibleName("Problem")
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def show_problem(error: ErrorLabel, message: str, field: QWidget | None = None) -> None:
    """Show a refusal where the couple will notice it: the message in ``error``, ``field``
    marked invalid and described by the message (screen readers read it with the field),
    both scrolled into view, the focus on ``field``, and the message announced."""
    from PySide6.QtGui import QAccessible, QAccessibleEvent
    from PySide6.QtWidgets import QScrollArea

    error.show_message(message)
    if field is not None:
        set_invalid(field, True)
        field.setAccessibleDescription(message)
    parent = error.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(error, 0, 24)
        if field is not None:
            parent.ensureWidgetVisible(field, 0, 24)
    if field is not None:
        field.setFocus(Qt.FocusReason.OtherFocusReason)
    QAccessible.updateAccessibility(QAccessibleEvent(error, QAccessible.Event.Alert))


def clear_problem(error: ErrorLabel, *fields: QWidget) -> None:
    """Undo ``show_problem``: no message, no field marked or described."""
    error.show_message(None)
    for field in fields:
        set_invalid(field, False)
        field.setAccessibleDescription("")


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark an input as invalid (red border) via the ``invalid`` dynamic property."""
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def range_date_edit(name: str, day: QDate, parent: QWidget | None = None) -> QDateEdit:
    """A date field for one end of a date range, with a calendar and Hearth's bounds.

    Starts hidden: range pickers show their dates only for a custom range.
    """
    edit = QDateEdit(day, parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setAccessibleName(name)
    edit.setDateRange(QDate(EARLIEST_DAY), QDate(LATEST_DAY))
    edit.hide()
    return edit


def clear_layout(layout) -> None:
    """Remove and delete everything in ``layout``, nested layouts included."""
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().hide()  # gone from the screen now, deleted when Qt is ready
            item.widget().deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def add_shortcut(widget: QWidget, keys, slot) -> QAction:
    """A keyboard shortcut that works while the focus is anywhere inside ``widget``.

    ``keys``: one key sequence (or standard key), or a list of them.
    """
    action = QAction(widget)
    if isinstance(keys, list):
        action.setShortcuts(keys)
    else:
        action.setShortcut(keys)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    widget.addAction(action)
    return action


def text_box(accessible: str, placeholder: str, parent: QWidget | None = None,
             lines: int = 3, grows: bool = False) -> QPlainTextEdit:
    """A few lines of free text; Tab moves on (it doesn't type a tab). ``lines`` high —
    a fixed height, or at least that when ``grows``."""
    box = QPlainTextEdit(parent)
    box.setAccessibleName(accessible)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    height = box.fontMetrics().lineSpacing() * lines + 24
    if grows:
        box.setMinimumHeight(height)
    else:
        box.setFixedHeight(height)
    return box


def row_of(*widgets: QWidget, stretch: bool = True) -> QHBoxLayout:
    """A row of widgets, left-aligned (a stretch after them unless ``stretch`` is False)."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    if stretch:
        row.addStretch(1)
    return row


def push_button(text: str, slot, parent: QWidget | None = None, name: str | None = None,
           primary: bool = False) -> QPushButton:
    """A push button with its accessible name (the text unless given) and its action."""
    made = QPushButton(text, parent)
    made.setAccessibleName(name or text)
    if primary:
        made.setObjectName("Primary")
    made.clicked.connect(slot)
    return made
