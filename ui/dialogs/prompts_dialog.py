"""Questions for tonight: conversation prompts in a small window of their own (from a plan
in the calendar)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ui import theme
from ui.bus import DataBus
from ui.widgets.common import heading
from ui.widgets.prompt_panel import PromptPanelWidget

if TYPE_CHECKING:
    from app.services import Services


class PromptsDialog(QDialog):
    """"Prompts…" from a plan in the calendar: questions for tonight, one at a time."""

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Questions for tonight")
        self.resize(round(720 * theme.current().text_size.scale),
                    round(420 * theme.current().text_size.scale))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(heading("Questions for tonight", "SectionTitle", self))
        self.prompts = PromptPanelWidget(services, self)
        self.prompts.changed.connect(bus.publish)
        layout.addWidget(self.prompts, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.prompts.draw()
