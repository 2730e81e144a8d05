"""Read and edit one check-in from the history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
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
from app.domain.errors import HearthError, ValidationError
from ui.bus import DataBus
from ui.dialogs.discard import may_discard
from ui.models.checkins_table_model import day_words
from ui.widgets.checkin_form import CheckinFormWidget
from ui.widgets.common import show_problem

if TYPE_CHECKING:
    from app.services import Services


class CheckinDialog(QDialog):
    """The check-in's answers in its partner's form; Save writes the changes.

    The note to self is folded away unless the history is that partner's list, or someone
    unfolds it; where it shows, the form says who can open it. Escape, Close or the window's
    close button ask before throwing an edit away.
    """

    def __init__(self, services: Services, bus: DataBus, partner: Partner, checkin: Checkin,
                 show_private: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.checkin = checkin
        couple = services.couple.get()
        other = next((p.name for p in couple.partners if p.id != partner.id),
                     "your partner") if couple else "your partner"
        self.setWindowTitle(
            f"{partner.name}'s check-in — {checkin.at.day} {checkin.at:%B %Y, %H:%M}")
        self.resize(720, 820)
        layout = QVBoxLayout(self)
        when = QLabel(f"{day_words(checkin.at)} at {checkin.at:%H:%M}", self)
        when.setObjectName("Muted")
        layout.addWidget(when)
        self.form = CheckinFormWidget(partner, show_private_note=show_private, other=other)
        self.form.load({
            "mood": checkin.mood, "connection": checkin.connection, "stress": checkin.stress,
            "feelings": list(checkin.feelings), "appreciation": checkin.appreciation,
            "need": checkin.need, "private_note": checkin.private_note,
        })
        self._as_opened = self.form.draft()
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(self.form)
        layout.addWidget(area, 1)
        self.show_private = QPushButton(f"Show {partner.name}'s note to self", self)
        self.show_private.setAccessibleName(f"Show {partner.name}'s note to self")
        self.show_private.setVisible(not show_private)
        self.show_private.clicked.connect(self._reveal_private)
        layout.addWidget(self.show_private)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save changes")
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _reveal_private(self) -> None:
        self.form.show_note()
        self.show_private.hide()
        self.form.private_note.setFocus(Qt.FocusReason.OtherFocusReason)

    def changed(self) -> bool:
        return self.form.draft() != self._as_opened

    def save(self) -> None:
        answer = self.form.to_input()
        if answer is None:
            self.form.point_to_problem()
            return
        try:
            _checkin, change = self.services.checkins.update(self.checkin.id, answer)
        except ValidationError as exc:
            self.form.show_error(exc)
            self.form.point_to_problem()
            return
        except HearthError as exc:
            show_problem(self.form.error, exc.message)
            return
        self._as_opened = self.form.draft()
        self.bus.publish(change)
        self.accept()

    def reject(self) -> None:
        """Escape, Close and the window's close button: ask first when anything changed."""
        if may_discard(self, self.changed()):
            super().reject()
