"""One partner's name and colour, as entered on the welcome screen and in Settings."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.couple import NAME_MAX
from ui.widgets.colour_picker import ColourPickerWidget
from ui.widgets.common import ErrorLabel, set_invalid


class PartnerFieldsWidget(QWidget):
    """A name field with an inline message, and a colour picker, for one partner."""

    name_edited = Signal(str)  # editing finished
    colour_chosen = Signal(str)

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.label = QLabel(label, self)
        self.label.setObjectName("SectionTitle")
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(f"{label}: name")
        self.name_edit.setPlaceholderText("A name, as you like to be called")
        # Leave room for whitespace that is trimmed away; the service enforces the limit.
        self.name_edit.setMaxLength(NAME_MAX * 4)
        self.label.setBuddy(self.name_edit)
        self.error = ErrorLabel(self)
        colour_label = QLabel("Colour", self)
        colour_label.setObjectName("Muted")
        self.colours = ColourPickerWidget(label, self)
        layout.addWidget(self.label)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.error)
        layout.addSpacing(6)
        layout.addWidget(colour_label)
        layout.addWidget(self.colours)
        self.name_edit.editingFinished.connect(lambda: self.name_edited.emit(self.name()))
        self.name_edit.textEdited.connect(lambda _text: self.show_error(None))
        self.colours.colour_chosen.connect(self.colour_chosen)

    def name(self) -> str:
        return self.name_edit.text()

    def set_name(self, name: str) -> None:
        self.name_edit.setText(name)
        self.colours.set_owner_label(name or self.label.text())

    def show_error(self, message: str | None) -> None:
        self.error.show_message(message)
        set_invalid(self.name_edit, bool(message))
