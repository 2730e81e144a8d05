"""Using Hearth with the keyboard alone: every step is a key press where the focus is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from tests.unit.ui.keyboard import type_text

NO = Qt.KeyboardModifier.NoModifier


def focus() -> QWidget:
    """The widget that has the keyboard."""
    widget = QApplication.focusWidget()
    if widget is None:  # a dialog just closed: its window takes the keyboard back
        _reactivate()
        widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def _reactivate() -> None:
    """What a window manager does when a dialog closes (offscreen, nothing does)."""
    window = QApplication.activeModalWidget() or next(
        (w for w in QApplication.topLevelWidgets()
         if w.isVisible() and isinstance(w, QMainWindow)), None)
    if window is None:
        return
    window.activateWindow()
    for _ in range(200):
        if window.isActiveWindow():
            return
        QTest.qWait(10)


def press(qtbot, key, modifier=NO) -> None:
    """A key press where the keyboard is."""
    qtbot.keyClick(focus(), key, modifier)


def typing(text: str) -> None:
    """Typing into whatever has the keyboard."""
    type_text(focus(), text)


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    text = widget.text() if callable(getattr(widget, "text", None)) else ""
    return f"{type(widget).__name__} {widget.accessibleName() or text!r}"


def spoken(widget: QWidget | None) -> str:
    """What a screen reader (or a sighted person, for a button) calls ``widget``."""
    if widget is None:
        return ""
    text = widget.text() if callable(getattr(widget, "text", None)) else ""
    return widget.accessibleName() or text


def tab_to(qtbot, wanted, limit: int = 80, backwards: bool = False) -> QWidget:
    """Press Tab (or Shift+Tab) until the focus is on ``wanted``: a widget, a name (as
    spoken), or a test on the focused widget. Fails if Tab never gets there."""
    def there(widget: QWidget) -> bool:
        if isinstance(wanted, QWidget):
            return widget is wanted
        if isinstance(wanted, str):
            return spoken(widget) == wanted
        return bool(wanted(widget))

    visited = []
    for _ in range(limit):
        if there(focus()):
            return focus()
        visited.append(describe(focus()))
        if backwards:
            press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {wanted!r}; went through {visited}")
