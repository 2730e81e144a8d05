"""Rows of big, checkable choices (mood 1–5, connection 1–10) and toggle chips (feelings)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QPushButton, QSizePolicy, QWidget

from ui.widgets.flow_layout import FlowLayout


class ChoiceRowWidget(QWidget):
    """Pick one value from a short scale. Buttons carry their words for screen readers."""

    changed = Signal(object)  # int | None

    def __init__(self, choices: Sequence[tuple[int, str, str]], accessible: str,
                 parent: QWidget | None = None, allow_none: bool = False) -> None:
        """``choices`` are (value, button text, spoken/tooltip description)."""
        super().__init__(parent)
        self.setAccessibleName(accessible)
        self._allow_none = allow_none
        self._group = QButtonGroup(self)
        self._group.setExclusive(not allow_none)
        self._buttons: dict[int, QPushButton] = {}
        layout = FlowLayout(self, spacing=6)
        for value, text, description in choices:
            button = QPushButton(text, self)
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

    def _clicked(self, value: int) -> None:
        if self._allow_none:
            # Clicking the chosen value again clears it (an optional answer).
            for other, button in self._buttons.items():
                if other != value:
                    button.setChecked(False)
        self.changed.emit(self.value())

    def value(self) -> int | None:
        return next((v for v, b in self._buttons.items() if b.isChecked()), None)

    def set_value(self, value: int | None) -> None:
        exclusive = self._group.exclusive()
        self._group.setExclusive(False)
        for v, button in self._buttons.items():
            button.setChecked(v == value)
        self._group.setExclusive(exclusive)

    def button(self, value: int) -> QPushButton:
        return self._buttons[value]


class ChipsWidget(QWidget):
    """Toggle several words on and off; wraps to the available width."""

    changed = Signal()

    def __init__(self, words: Sequence[tuple[str, str]], accessible: str,
                 parent: QWidget | None = None) -> None:
        """``words`` are (key, shown word)."""
        super().__init__(parent)
        self.setAccessibleName(accessible)
        layout = FlowLayout(self, spacing=6)
        self._chips: dict[str, QPushButton] = {}
        for key, word in words:
            chip = QPushButton(word, self)
            chip.setObjectName("Chip")
            chip.setCheckable(True)
            chip.setAccessibleName(f"{accessible}: {word}")
            chip.toggled.connect(lambda _on: self.changed.emit())
            layout.addWidget(chip)
            self._chips[key] = chip
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

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
