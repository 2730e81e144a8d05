"""Check-ins: check in together (or alone), and look back through the history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.domain import changes
from ui.bus import DataBus
from ui.models.checkins_table_model import PRIVATE_COLUMN
from ui.views.base import View
from ui.views.checkin_flow import CheckinFlowWidget
from ui.views.checkin_history import CheckinHistoryWidget
from ui.widgets.common import heading, muted

if TYPE_CHECKING:
    from app.services import Services


class CheckinsView(View):
    watches = (changes.CHECKINS, changes.COUPLE)

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(services, bus, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 24)
        layout.setSpacing(12)
        layout.addWidget(heading("Check-ins", "Title", self))
        layout.addWidget(muted(
            "A few minutes to notice how each of you is doing — and to say one kind thing.", self
        ))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Check-ins")
        self.tabs.setDocumentMode(True)
        self.flow = CheckinFlowWidget(services, bus)
        self.history = CheckinHistoryWidget(services, bus)
        self.tabs.addTab(self.flow, "Check in")
        self.tabs.addTab(self.history, "History")
        layout.addWidget(self.tabs, 1)

    def reload(self) -> None:
        self.flow.reload()
        self.history.reload()

    def about_to_close(self) -> None:
        """The window is closing: keep every word typed so far."""
        self.flow.save_draft()

    def hideEvent(self, event) -> None:
        self.flow.save_draft()
        super().hideEvent(event)

    def restyle(self) -> None:
        self.history.reload()
        for form in self.flow.forms:
            form.restyle()

    # -- for ui.screenshots --------------------------------------------------------------------

    def screenshot_states(self):
        """Extra states worth a picture: (name, set-up) pairs, applied in order."""
        sample = {
            "mood": 4, "connection": 8, "stress": 2, "feelings": ["grateful", "tired"],
            "appreciation": "You made tea without me asking.",
            "need": "A quiet evening together, phones away.",
        }
        other = {"mood": 3, "connection": 5, "stress": 4, "feelings": ["worried"],
                 "appreciation": "Your laugh at dinner.", "need": "A walk on Sunday."}

        def history() -> None:
            self.flow.back_to_start()
            self.tabs.setCurrentWidget(self.history)

        def one_partner() -> None:
            self.history.partner.setCurrentIndex(1)
            noted = next((row for row in range(self.history.proxy.rowCount())
                          if self.history.proxy.index(row, PRIVATE_COLUMN).data()), 0)
            self.history.table.selectRow(noted)

        def both() -> None:
            self.history.partner.setCurrentIndex(0)

        def side_by_side() -> None:
            self.tabs.setCurrentWidget(self.flow)
            self.flow.begin("side_by_side")
            self.flow.forms[0].load(sample)
            self.flow.forms[1].load(other)

        def curtain() -> None:
            self.flow.begin("private_reveal")
            self.flow.forms[0].load(sample)
            self.flow.private.set_stage("handover")

        def second() -> None:
            self.flow.forms[1].load(other)
            self.flow.private.set_stage("second")

        def reveal() -> None:
            self.flow.private.set_stage("ready")
            self.flow.private._lift()

        def back() -> None:
            self.flow.back_to_start()
            self.tabs.setCurrentWidget(self.flow)

        return [("history", history), ("history-one-partner", one_partner), (None, both),
                ("side-by-side", side_by_side), ("curtain", curtain), ("second", second),
                ("reveal", reveal), (None, back)]
