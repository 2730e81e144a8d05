"""What a person would call "cut off": words or buttons given less room than they need, a
sideways scroll bar, or something past the window's right edge."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QWidget,
)


def _name(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    return f"{type(widget).__name__} {widget.accessibleName() or text!r}"


def clipped(root: QWidget) -> list[str]:
    """Everything shown in ``root`` that doesn't get the room it needs."""
    problems: list[str] = []
    window = root.window()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QAbstractScrollArea):
            bar = widget.horizontalScrollBar()
            if bar.isVisible() and bar.maximum() > 0:
                problems.append(f"{_name(widget)} scrolls sideways")
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height() + 1:
                    problems.append(f"{_name(widget)} is cut off at the bottom")
            elif widget.sizeHint().width() > widget.width() + 1:
                problems.append(f"{_name(widget)} is cut off at the side")
        elif isinstance(widget, (QAbstractButton, QComboBox)) and \
                widget.minimumSizeHint().width() > widget.width() + 1:
            problems.append(f"{_name(widget)} is narrower than its words")
        right = widget.mapTo(window, widget.rect().topRight()).x()
        if right > window.width() + 1 and not _inside_scrolling(widget, window):
            problems.append(f"{_name(widget)} reaches past the window")
    return problems


def _inside_scrolling(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False
