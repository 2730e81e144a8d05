"""Rows of big, checkable choices (mood 1–5, connection 1–10) and toggle chips (feelings).

Both are keyboard groups, like a group of radio buttons: the group is one Tab stop, the
arrow keys (and Home / End) move between its buttons, Space chooses or toggles the focused
one. Tab enters a choice row on its chosen button (else the first) and a set of chips on
the chip last visited (else the first); Tab leaves the group.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from ui.widgets.flow_layout import FlowLayout

_BACK = (Qt.Key.Key_Left, Qt.Key.Key_Up)
_ON = (Qt.Key.Key_Right, Qt.Key.Key_Down)
_MOVES = (*_BACK, *_ON, Qt.Key.Key_Home, Qt.Key.Key_End)


class _GroupButton(QPushButton):
    """One button of a keyboard group: tells its group where focus is and which key moved."""

    def __init__(self, text: str, group: _KeyboardGroup) -> None:
        super().__init__(text, group)
        self._group = group

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._group._move(self, event):
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._group._entered(self)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if QApplication.focusWidget() not in self._group._members():
            self._group._rest()


class _KeyboardGroup(QWidget):
    """A widget whose buttons make one Tab stop, with the arrows moving among them.

    Only one button of the group takes Tab focus (the others keep click focus): the focused
    one while focus is inside, ``_home()`` once it has left.
    """

    def _members(self) -> list[_GroupButton]:
        raise NotImplementedError

    def _home(self) -> _GroupButton | None:
        """Where Tab enters the group."""
        raise NotImplementedError

    def _usable(self) -> list[_GroupButton]:
        return [b for b in self._members() if b.isEnabled() and b.isVisibleTo(b.window())]

    def _set_tab_stop(self, stop: _GroupButton | None) -> None:
        for button in self._members():
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if button is stop
                                  else Qt.FocusPolicy.ClickFocus)

    def _rest(self) -> None:
        """Focus is outside the group: Tab comes back in on the home button."""
        self._set_tab_stop(self._home())

    def _focus_inside(self) -> bool:
        return QApplication.focusWidget() in self._members()

    def _entered(self, button: _GroupButton) -> None:
        self._set_tab_stop(button)

    def _move(self, button: _GroupButton, event: QKeyEvent) -> bool:
        """Arrows, Home and End move focus within the group. True when the key was used."""
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key not in _MOVES or modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        buttons = self._usable()
        if button not in buttons:
            return False
        here = buttons.index(button)
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft and key in (
                Qt.Key.Key_Left, Qt.Key.Key_Right):
            key = Qt.Key.Key_Right if key == Qt.Key.Key_Left else Qt.Key.Key_Left
        if key == Qt.Key.Key_Home:
            there = 0
        elif key == Qt.Key.Key_End:
            there = len(buttons) - 1
        else:
            there = min(max(here + (-1 if key in _BACK else 1), 0), len(buttons) - 1)
        event.accept()  # at either end the key stays here rather than scrolling the page
        if there != here:
            target = buttons[there]
            target.setFocus(Qt.FocusReason.BacktabFocusReason if there < here
                            else Qt.FocusReason.TabFocusReason)
            _reveal(target)
        return True


def _reveal(widget: QWidget) -> None:
    """Scroll the nearest scroll area so that ``widget`` (just focused) is on screen."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None \
                and parent.widget().isAncestorOf(widget):
            parent.ensureWidgetVisible(widget)
            return
        parent = parent.parentWidget()


class ChoiceRowWidget(_KeyboardGroup):
    """Pick one value from a short scale. Buttons carry their words for screen readers.

    With ``allow_none`` the answer is optional: Space (or a click) on the chosen value
    clears it.
    """

    changed = Signal(object)  # int | None

    def __init__(self, choices: Sequence[tuple[int, str, str]], accessible: str,
                 parent: QWidget | None = None, allow_none: bool = False) -> None:
        """``choices`` are (value, button text, spoken/tooltip description)."""
        super().__init__(parent)
        self.setAccessibleName(accessible)
        self._allow_none = allow_none
        self._group = QButtonGroup(self)
        self._group.setExclusive(not allow_none)
        self._buttons: dict[int, _GroupButton] = {}
        layout = FlowLayout(self, spacing=6)
        for value, text, description in choices:
            button = _GroupButton(text, self)
            button.setObjectName("Choice")
            button.setCheckable(True)
            button.setToolTip(description)
            button.setAccessibleName(f"{accessible}: {description}")
            self._group.addButton(button, value)
            self._buttons[value] = button
            layout.addWidget(button)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._group.idClicked.connect(self._clicked)
        self._rest()

    def _members(self) -> list[_GroupButton]:
        return list(self._buttons.values())

    def _home(self) -> _GroupButton | None:
        usable = self._usable() or self._members()
        chosen = [b for b in usable if b.isChecked()]
        return (chosen or usable or [None])[0]

    def _clicked(self, value: int) -> None:
        if self._allow_none:
            # Clicking the chosen value again clears it (an optional answer).
            for other, button in self._buttons.items():
                if other != value:
                    button.setChecked(False)
        if not self._focus_inside():
            self._rest()
        self.changed.emit(self.value())

    def value(self) -> int | None:
        return next((v for v, b in self._buttons.items() if b.isChecked()), None)

    def set_value(self, value: int | None) -> None:
        exclusive = self._group.exclusive()
        self._group.setExclusive(False)
        for v, button in self._buttons.items():
            button.setChecked(v == value)
        self._group.setExclusive(exclusive)
        if not self._focus_inside():
            self._rest()

    def button(self, value: int) -> QPushButton:
        return self._buttons[value]


class ChipsWidget(_KeyboardGroup):
    """Toggle several words on and off; wraps to the available width.

    Chips widgets that share a parent and an accessible name are one keyboard group (a
    partner's feelings, shown in several labelled rows): one Tab stop, the arrows cross
    from one row to the next.
    """

    changed = Signal()

    def __init__(self, words: Sequence[tuple[str, str]], accessible: str,
                 parent: QWidget | None = None) -> None:
        """``words`` are (key, shown word)."""
        super().__init__(parent)
        self.setAccessibleName(accessible)
        layout = FlowLayout(self, spacing=6)
        self._chips: dict[str, _GroupButton] = {}
        self._last: _GroupButton | None = None  # the chip Tab comes back to
        for key, word in words:
            chip = _GroupButton(word, self)
            chip.setObjectName("Chip")
            chip.setCheckable(True)
            chip.setAccessibleName(f"{accessible}: {word}")
            chip.toggled.connect(lambda _on: self.changed.emit())
            layout.addWidget(chip)
            self._chips[key] = chip
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._rest()

    def _linked(self) -> list[ChipsWidget]:
        """This widget and the ones it makes one keyboard group with, in their order."""
        parent = self.parentWidget()
        if parent is None:
            return [self]
        return [w for w in parent.children() if isinstance(w, ChipsWidget)
                and (w is self or w.accessibleName() == self.accessibleName())]

    def _members(self) -> list[_GroupButton]:
        return [chip for widget in self._linked() for chip in widget._chips.values()]

    def _home(self) -> _GroupButton | None:
        usable = self._usable() or self._members()
        return self._last if self._last in usable else (usable or [None])[0]

    def _entered(self, button: _GroupButton) -> None:
        for widget in self._linked():
            widget._last = button
        super()._entered(button)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ParentChange and not self._focus_inside():
            self._rest()  # joins the group of its new siblings

    def selected(self) -> tuple[str, ...]:
        return tuple(k for k, chip in self._chips.items() if chip.isChecked())

    def set_selected(self, keys: Sequence[str]) -> None:
        wanted = set(keys)
        for key, chip in self._chips.items():
            chip.blockSignals(True)
            chip.setChecked(key in wanted)
            chip.blockSignals(False)

    def chip(self, key: str) -> QPushButton:
        return self._chips[key]
