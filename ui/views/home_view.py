"""Home: greets the couple and shows what Hearth holds for them so far."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain import changes
from app.domain.couple import Couple
from app.domain.greeting import greeting, long_date
from app.services import Services
from ui import theme
from ui.bus import DataBus
from ui.views.base import View, scroll_body
from ui.widgets.common import Card, heading, muted


def coloured_names(couple: Couple) -> str:
    """Both names as rich text, each in its partner's colour."""
    current = theme.current()
    a, b = (
        f'<span style="color:{current.partner_hex(p)}">{html.escape(p.name)}</span>'
        for p in couple.partners
    )
    return f"{a} and {b}"


class HomeView(View):
    watches = (changes.COUPLE, changes.SETTINGS)
    open_view = Signal(str)  # ask the window to show another view by key

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(services, bus, parent)
        layout = scroll_body(self)
        self.greeting = heading("", "Title", self)
        self.greeting.setAccessibleName("Greeting")
        layout.addWidget(self.greeting)
        layout.addWidget(muted(
            "A calm place for the two of you to check in, plan time together and talk "
            "things through. Everything stays on this computer."
        ))

        self.together = Card("You two")
        self.partner_labels = [QLabel(self.together), QLabel(self.together)]
        row = QHBoxLayout()
        row.setSpacing(32)
        for label in self.partner_labels:
            label.setObjectName("SectionTitle")
            row.addWidget(label)
        row.addStretch(1)
        self.together.body.addLayout(row)
        self.since = muted("", self.together)
        self.together.body.addWidget(self.since)
        layout.addWidget(self.together)

        make_yours = Card("Make Hearth yours")
        make_yours.body.addWidget(muted(
            "Pick your colours, a text size that reads well from where you sit, and the day "
            "your week starts.", make_yours,
        ))
        open_settings = QPushButton("Open Settings", make_yours)
        open_settings.setAccessibleName("Open Settings")
        open_settings.clicked.connect(lambda: self.open_view.emit("settings"))
        button_row = QHBoxLayout()
        button_row.addWidget(open_settings)
        button_row.addStretch(1)
        make_yours.body.addLayout(button_row)
        layout.addWidget(make_yours)
        layout.addStretch(1)
        self.reload()

    def reload(self) -> None:
        couple = self.services.couple.get()
        if couple is None:
            return
        now = datetime.now().astimezone()
        self.greeting.setText(f"{greeting(now)}, {coloured_names(couple)}")
        current = theme.current()
        for label, partner in zip(self.partner_labels, couple.partners, strict=True):
            colour = current.partner_hex(partner)
            label.setText(f'<span style="color:{colour}">●</span> {html.escape(partner.name)}')
            label.setAccessibleName(f"{partner.name}, {partner.palette_colour.label}")
        since = couple.created_at.astimezone().date()
        self.since.setText(f"Together on Hearth since {long_date(since)}.")
