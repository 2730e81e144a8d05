"""The first-run welcome: both partners enter their names and pick a colour each."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from app.domain.couple import DEFAULT_COLOURS
from app.domain.errors import HearthError, ValidationError
from ui.bus import DataBus
from ui.views.base import scroll_body
from ui.widgets.common import Card, ErrorLabel, heading, muted, push_button
from ui.widgets.partner_fields import PartnerFieldsWidget
from ui.workers import run_in_background

if TYPE_CHECKING:
    from app.services import Services


class WelcomeView(QWidget):
    """Shown until the couple exists. Emits ``completed`` once it has been saved."""

    completed = Signal()

    def __init__(self, services: Services | None, bus: DataBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WelcomeView")
        self.services = services
        self.bus = bus
        layout = scroll_body(self, max_width=980)
        layout.addWidget(heading("Welcome to Hearth", "Title", self))
        layout.addWidget(muted(
            "Hearth is a place for the two of you to check in with each other, plan time "
            "together and work through things calmly — side by side, at this computer. "
            "There's no account and nothing leaves this computer.", self,
        ))
        card = Card("Who's here?")
        card.body.addWidget(muted(
            "Each of you, write the name you like to be called and pick a colour. Your colour "
            "marks your answers everywhere in Hearth. You can change both later in Settings.",
            card,
        ))
        row = QHBoxLayout()
        row.setSpacing(36)
        self.partners = (PartnerFieldsWidget("First partner", card),
                         PartnerFieldsWidget("Second partner", card))
        for fields, colour in zip(self.partners, DEFAULT_COLOURS, strict=True):
            fields.colours.set_current(colour)
            row.addWidget(fields, 1)
        card.body.addLayout(row)
        self.error = ErrorLabel(card)
        card.body.addWidget(self.error)
        layout.addWidget(card)

        self.start = QPushButton("Start together", self)
        self.start.setObjectName("Primary")
        self.start.setAccessibleName("Start together")
        self.start.setDefault(True)
        self.start.clicked.connect(self.submit)
        self.import_button = push_button("Bring in a Hearth export…",
                                         lambda: self.import_file(), self,
                                         name="Bring in a Hearth export")
        self.import_button.setToolTip("Moving to a new computer? Bring in the file you "
                                      "exported from Hearth there.")
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start)
        layout.addLayout(buttons)
        layout.addStretch(1)
        for fields in self.partners:
            fields.name_edit.returnPressed.connect(self.submit)
            fields.colour_chosen.connect(lambda _key: self.error.show_message(None))
        self.partners[0].name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._submit_when_ready = False
        self.set_services(services)

    def set_services(self, services: Services | None) -> None:
        """The welcome can be on screen (and typed into) while the data folder is still being
        prepared; saving waits until it is ready."""
        self.services = services
        for button in (self.start, self.import_button):
            button.setEnabled(services is not None)
        if services is not None and self._submit_when_ready:
            self._submit_when_ready = False
            self.submit()

    def import_file(self, path: str | None = None) -> None:
        """Everything from an export made on another computer (or before a reinstall)."""
        if not path:
            path, _filter = QFileDialog.getOpenFileName(
                self, "Bring in a Hearth export", str(Path.home()),
                "Hearth exports (*.json);;All files (*)")
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            self.error.show_message(f"“{Path(path).name}” can't be read: "
                                    f"{error.strerror or error}.")
            return
        self.error.show_message(None)
        self.import_button.setEnabled(False)
        self.import_button.setText("Bringing it in…")

        def done(change) -> None:
            self.bus.publish(change)
            self.completed.emit()

        def failed(exc: Exception) -> None:
            self.import_button.setEnabled(True)
            self.import_button.setText("Bring in a Hearth export…")
            self.error.show_message(exc.message if isinstance(exc, HearthError) else
                                    "That file couldn't be brought in. Nothing was changed.")

        run_in_background(lambda: self.services.transfer.import_(data), done, failed)

    def submit(self) -> None:
        if self.services is None:  # still preparing the data folder (a moment at most):
            self._submit_when_ready = True  # Enter was pressed; save once it is ready
            return
        for fields in self.partners:
            fields.show_error(None)
        self.error.show_message(None)
        a, b = self.partners
        try:
            _couple, change = self.services.couple.setup(
                a.name(), b.name(), colours=(a.colours.current() or "", b.colours.current() or "")
            )
        except ValidationError as exc:
            if exc.field == "name_a":
                a.show_error(exc.message)
                a.name_edit.setFocus()
            elif exc.field == "name_b":
                b.show_error(exc.message)
                b.name_edit.setFocus()
            else:
                self.error.show_message(exc.message)
            return
        self.bus.publish(change)
        self.completed.emit()
