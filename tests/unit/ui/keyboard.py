"""Typing any Unicode text the way a keyboard does.

``QTest.keyClicks`` only handles Latin-1 (it asserts on "Ł"), so Unicode goes in as key
events that carry their text, exactly as an input method delivers them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def retype(widget: QWidget, text: str) -> None:
    """Select everything in a line edit and type ``text`` over it."""
    widget.setFocus()
    widget.selectAll()
    type_text(widget, text)
