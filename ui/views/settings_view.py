"""Settings: the two of you, your rhythm, reading comfort and where your data lives.

Every change is saved as soon as it is made; a name that can't be used shows a message
under its field and nothing is saved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from app.domain import changes
from app.domain.errors import HearthError, ValidationError
from app.domain.settings import CHECKIN_TARGET_MAX, QUALITY_HOURS_MAX, WEEKDAYS, TextSize
from app.services import Services
from ui.bus import DataBus
from ui.views.base import View, scroll_body
from ui.widgets.common import Card, ErrorLabel, heading, muted
from ui.widgets.partner_fields import PartnerFieldsWidget


class SettingsView(View):
    watches = (changes.COUPLE, changes.SETTINGS)

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(services, bus, parent)
        self._loading = False
        layout = scroll_body(self)
        layout.addWidget(heading("Settings", "Title", self))
        layout.addWidget(muted("Changes are saved as you make them.", self))

        # The two of you
        people = Card("The two of you")
        row = QHBoxLayout()
        row.setSpacing(36)
        self.partners = (PartnerFieldsWidget("First partner", people),
                         PartnerFieldsWidget("Second partner", people))
        for position, fields in enumerate(self.partners):
            fields.name_edited.connect(lambda name, p=position: self._save_name(p, name))
            fields.colour_chosen.connect(lambda key, p=position: self._save_colour(p, key))
            row.addWidget(fields, 1)
        people.body.addLayout(row)
        layout.addWidget(people)

        # Rhythm
        rhythm = Card("Your rhythm")
        form = QFormLayout()
        form.setSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.week_start = QComboBox(rhythm)
        self.week_start.addItems(list(WEEKDAYS))
        self.week_start.setAccessibleName("Week starts on")
        self.week_start.currentIndexChanged.connect(
            lambda index: self._save(week_start=index)
        )
        form.addRow("Week starts on", self.week_start)
        self.checkin_target = QSpinBox(rhythm)
        self.checkin_target.setRange(0, CHECKIN_TARGET_MAX)
        self.checkin_target.setSuffix(" × a week")
        self.checkin_target.setAccessibleName("Check-ins together, times a week")
        self.checkin_target.valueChanged.connect(
            lambda value: self._save(checkin_target_per_week=value)
        )
        form.addRow("Check in together", self.checkin_target)
        self.quality_hours = QSpinBox(rhythm)
        self.quality_hours.setRange(0, QUALITY_HOURS_MAX)
        self.quality_hours.setSuffix(" hours a week")
        self.quality_hours.setAccessibleName("Quality time, hours a week")
        self.quality_hours.valueChanged.connect(
            lambda value: self._save(quality_hours_per_week=value)
        )
        form.addRow("Quality time together", self.quality_hours)
        rhythm.body.addLayout(form)
        rhythm.body.addWidget(muted(
            "A gentle aim, not a rule: Hearth shows how the week is going and never scolds.",
            rhythm,
        ))
        self.rhythm_error = ErrorLabel(rhythm)
        rhythm.body.addWidget(self.rhythm_error)
        layout.addWidget(rhythm)

        # Reading comfort
        reading = Card("Text size")
        reading.body.addWidget(muted("Pick what reads comfortably from where you sit.", reading))
        self.text_sizes = QButtonGroup(self)
        sizes = QHBoxLayout()
        for index, size in enumerate(TextSize):
            radio = QRadioButton(size.label, reading)
            radio.setAccessibleName(f"Text size: {size.label}")
            self.text_sizes.addButton(radio, index)
            sizes.addWidget(radio)
        sizes.addStretch(1)
        self.text_sizes.idClicked.connect(
            lambda index: self._save(text_size=list(TextSize)[index])
        )
        reading.body.addLayout(sizes)
        layout.addWidget(reading)

        # Data
        data = Card("Your data")
        data.body.addWidget(muted(
            "Everything Hearth knows is in one folder on this computer. No account, no "
            "internet. To move Hearth to another computer, copy this folder while Hearth is "
            "closed.", data,
        ))
        folder = Path(self.services.db.path).parent
        self.data_folder = QLabel(str(folder), data)
        self.data_folder.setAccessibleName("Data folder")
        self.data_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        data.body.addWidget(self.data_folder)
        open_folder = QPushButton("Open data folder", data)
        open_folder.setAccessibleName("Open data folder")
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        )
        buttons = QHBoxLayout()
        buttons.addWidget(open_folder)
        buttons.addStretch(1)
        data.body.addLayout(buttons)
        layout.addWidget(data)
        layout.addStretch(1)
        self.reload()

    # -- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        self._loading = True
        try:
            couple = self.services.couple.get()
            if couple is not None:
                for fields, partner in zip(self.partners, couple.partners, strict=True):
                    if not fields.name_edit.hasFocus() or not fields.error.isVisible():
                        fields.set_name(partner.name)
                    fields.colours.set_current(partner.colour)
                    fields.colours.restyle()
            settings = self.services.settings.get()
            self.week_start.setCurrentIndex(settings.week_start)
            self.checkin_target.setValue(settings.checkin_target_per_week)
            self.quality_hours.setValue(settings.quality_hours_per_week)
            self.text_sizes.button(list(TextSize).index(settings.text_size)).setChecked(True)
        finally:
            self._loading = False

    # -- saving ------------------------------------------------------------------------

    def _save_name(self, position: int, name: str) -> None:
        if self._loading:
            return
        fields = self.partners[position]
        couple = self.services.couple.get()
        if couple is not None and couple.partners[position].name == name:
            fields.show_error(None)
            return
        try:
            _couple, change = self.services.couple.update_partner(position, name=name)
        except ValidationError as exc:
            fields.show_error(exc.message)
            return
        fields.show_error(None)
        self.bus.publish(change)

    def _save_colour(self, position: int, key: str) -> None:
        if self._loading:
            return
        fields = self.partners[position]
        try:
            _couple, change = self.services.couple.update_partner(position, colour_key=key)
        except ValidationError as exc:
            fields.show_error(exc.message)
            self.reload()  # put the picker back on the saved colour
            fields.show_error(exc.message)
            return
        fields.show_error(None)
        self.bus.publish(change)

    def _save(self, **values: object) -> None:
        if self._loading:
            return
        try:
            _settings, change = self.services.settings.update(**values)
        except HearthError as exc:
            self.rhythm_error.show_message(exc.message)
            self.reload()
            return
        self.rhythm_error.show_message(None)
        self.bus.publish(change)
