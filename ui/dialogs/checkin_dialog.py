"""Read and edit one check-in from the history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.checkins import Checkin
from app.domain.couple import Partner
from app.domain.errors import HearthError
from ui.bus import DataBus
from ui.widgets.checkin_form import CheckinFormWidget

if TYPE_CHECKING:
    from app.services import Services


class CheckinDialog(QDialog):
    """The check-in's answers in its partner's form; Save writes the changes.

    The private note stays hidden unless the history is that partner's own, or they choose
    to show it.
    """

    def __init__(self, services: Services, bus: DataBus, partner: Partner, checkin: Checkin,
                 show_private: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.checkin = checkin
        self.setWindowTitle(f"{partner.name}'s check-in — {checkin.at:%d %B %Y, %H:%M}")
        self.resize(720, 820)
        layout = QVBoxLayout(self)
        when = QLabel(f"{checkin.at:%A %d %B %Y at %H:%M}", self)
        when.setObjectName("Muted")
        layout.addWidget(when)
        self.form = CheckinFormWidget(partner, show_private_note=show_private)
        self.form.load({
            "mood": checkin.mood, "connection": checkin.connection, "stress": checkin.stress,
            "feelings": list(checkin.feelings), "appreciation": checkin.appreciation,
            "need": checkin.need, "private_note": checkin.private_note,
        })
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(self.form)
        layout.addWidget(area, 1)
        self.show_private = QPushButton(f"Show {partner.name}'s private note", self)
        self.show_private.setAccessibleName(f"Show {partner.name}'s private note")
        self.show_private.setVisible(not show_private)
        self.show_private.clicked.connect(self._reveal_private)
        layout.addWidget(self.show_private)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Save changes")
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _reveal_private(self) -> None:
        self.form.private_label.show()
        self.form.private_note.show()
        self.show_private.hide()

    def save(self) -> None:
        answer = self.form.to_input()
        if answer is None:
            return
        try:
            _checkin, change = self.services.checkins.update(self.checkin.id, answer)
        except HearthError as exc:
            self.form.error.show_message(exc.message)
            return
        self.bus.publish(change)
        self.accept()
