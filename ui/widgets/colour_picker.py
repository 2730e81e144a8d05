"""A row of round colour swatches from Hearth's accessible palette."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QToolButton, QWidget

from app.domain.couple import PALETTE
from ui import theme

COLUMNS = 4  # two tidy rows that fit beside the other partner's column at any text size


class ColourPickerWidget(QWidget):
    """Pick one palette colour. Arrow keys move between swatches, Space picks."""

    colour_chosen = Signal(str)

    def __init__(self, owner_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._owner_label = owner_label
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[str, QToolButton] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for index, colour in enumerate(PALETTE):
            button = QToolButton(self)
            button.setObjectName("Swatch")
            button.setCheckable(True)
            button.setToolTip(colour.label)
            self._group.addButton(button)
            self._buttons[colour.key] = button
            button.clicked.connect(lambda _=False, key=colour.key: self.colour_chosen.emit(key))
            layout.addWidget(button, index // COLUMNS, index % COLUMNS)
        layout.setColumnStretch(COLUMNS, 1)
        self.set_owner_label(owner_label)
        self.restyle()

    def set_owner_label(self, owner_label: str) -> None:
        self._owner_label = owner_label
        label = {c.key: c.label for c in PALETTE}
        for key, button in self._buttons.items():
            button.setAccessibleName(f"{label[key]} colour for {owner_label}")
        self.setAccessibleName(f"Colour for {owner_label}")

    def restyle(self) -> None:
        """Paint each swatch in the variant readable on the current theme."""
        current = theme.current()
        size = theme.swatch_size(current)
        for key, button in self._buttons.items():
            button.setFixedSize(QSize(size, size))
            hex_colour = current.partner_hex(key)
            button.setStyleSheet(f"QToolButton#Swatch {{ background: {hex_colour}; }}")

    def current(self) -> str | None:
        return next((k for k, b in self._buttons.items() if b.isChecked()), None)

    def set_current(self, key: str) -> None:
        button = self._buttons.get(key)
        if button is not None:
            button.setChecked(True)

    def button(self, key: str) -> QToolButton:
        return self._buttons[key]
