"""Settings: the two of you, your rhythm, reading comfort and where your data lives.

Every change is saved as soon as it is made; a name that can't be used shows a message
under its field and nothing is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from app.domain import changes
from app.domain.backups import size_words
from app.domain.changes import ChangeSet
from app.domain.errors import HearthError, ValidationError
from app.domain.privacy import LOCK_CHOICES, lock_words
from app.domain.settings import CHECKIN_TARGET_MAX, QUALITY_HOURS_MAX, WEEKDAYS, TextSize
from app.files import check_output_target, write_atomically
from app.services.backups import Backup
from ui.bus import DataBus
from ui.models.base import RowsTableModel
from ui.unlock import PassphraseDialog
from ui.views.base import View, scroll_body
from ui.widgets.common import Card, ErrorLabel, heading, muted, push_button
from ui.widgets.partner_fields import PartnerFieldsWidget
from ui.workers import run_in_background

if TYPE_CHECKING:
    from app.services import Services


def problem_words(exc: Exception, what: str) -> str:
    if isinstance(exc, HearthError):
        return exc.message
    if isinstance(exc, OSError):
        return f"{what}: {exc.strerror or exc}. Nothing was changed."
    return f"{what}. Nothing was changed."


class BackupsTableModel(RowsTableModel):
    COLUMNS = ("Taken", "Why", "Size", "Checked")

    def set_backups(self, backups: list[Backup]) -> None:
        self._set_rows(backups)

    def backup(self, row: int) -> Backup:
        return self._rows[row]

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        backup: Backup = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            taken = backup.taken_at
            return (f"{taken:%a} {taken.day} {taken:%b %Y, %H:%M}", backup.reason_words,
                    size_words(backup.size), "Whole" if backup.checked else "Not checked",
                    )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 3:
                return ("Hearth checked this copy was whole as it made it." if backup.checked
                        else "Made before Hearth checked its copies; it may still be fine.")
            return str(backup.path)
        return None


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

        # Privacy
        privacy = Card("Privacy")
        self.privacy_status = QLabel(privacy)
        self.privacy_status.setWordWrap(True)
        self.privacy_status.setAccessibleName("Passphrase status")
        privacy.body.addWidget(self.privacy_status)
        row = QHBoxLayout()
        self.set_passphrase_button = push_button(
            "Set a passphrase…", lambda: self.edit_passphrase(PassphraseDialog.SET), privacy)
        self.change_passphrase_button = push_button(
            "Change passphrase…", lambda: self.edit_passphrase(PassphraseDialog.CHANGE),
            privacy)
        self.remove_passphrase_button = push_button(
            "Remove passphrase…", lambda: self.edit_passphrase(PassphraseDialog.REMOVE),
            privacy)
        for button in (self.set_passphrase_button, self.change_passphrase_button,
                       self.remove_passphrase_button):
            row.addWidget(button)
        row.addStretch(1)
        privacy.body.addLayout(row)
        lock_row = QFormLayout()
        self.lock_after = QComboBox(privacy)
        for minutes in LOCK_CHOICES:
            self.lock_after.addItem(lock_words(minutes), minutes)
        self.lock_after.setAccessibleName("Lock Hearth when it isn't used")
        self.lock_after.currentIndexChanged.connect(
            lambda index: self._save(lock_after_minutes=LOCK_CHOICES[index]))
        lock_row.addRow("Lock Hearth", self.lock_after)
        privacy.body.addLayout(lock_row)
        self.lock_hint = muted("Locking hides everything behind your passphrase until one of "
                               "you types it (Ctrl+L locks straight away).", privacy)
        privacy.body.addWidget(self.lock_hint)
        layout.addWidget(privacy)

        # Data
        data = Card("Your data")
        data.body.addWidget(muted(
            "Everything Hearth knows is in one folder on this computer. No account, no "
            "internet. To move to another computer, use Export everything below (or copy "
            "this folder while Hearth is closed).", data,
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
        data.body.addWidget(heading("Backups", "SectionTitle", data))
        data.body.addWidget(muted(
            "Hearth backs up by itself: when it starts and every half hour while you make "
            "changes, and before anything big. It keeps one a day for 12 days, one a week for "
            "10 weeks and one a month for 9 months.", data))
        self.backups_model = BackupsTableModel(self)
        self.backups_table = QTableView(data)
        self.backups_table.setAccessibleName("Backups")
        self.backups_table.setModel(self.backups_model)
        self.backups_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backups_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backups_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backups_table.verticalHeader().hide()
        header = self.backups_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.backups_table.setMinimumHeight(180)
        data.body.addWidget(self.backups_table)
        row = QHBoxLayout()
        self.back_up_button = push_button("Back up now", self.back_up_now, data)
        self.restore_button = push_button(
            "Restore this one…", self.restore_selected, data, name="Restore the chosen backup")
        self.export_button = push_button("Export everything…", lambda: self.export_everything(),
                                         data, name="Export everything")
        self.export_button.setToolTip("One file with all your data, to move Hearth to another "
                                      "computer. It isn't encrypted: keep it private.")
        row.addWidget(self.back_up_button)
        row.addWidget(self.restore_button)
        row.addWidget(self.export_button)
        row.addStretch(1)
        data.body.addLayout(row)
        self.data_status = muted("", data)
        self.data_status.setAccessibleName("Backup status")
        data.body.addWidget(self.data_status)
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
            self.lock_after.setCurrentIndex(LOCK_CHOICES.index(settings.lock_after_minutes)
                                            if settings.lock_after_minutes in LOCK_CHOICES
                                            else 0)
            self._show_privacy()
            self.backups_model.set_backups(self.services.backups.backups())
        finally:
            self._loading = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.backups_model.set_backups(self.services.backups.backups())  # taken meanwhile

    # -- privacy -----------------------------------------------------------------------

    def _show_privacy(self) -> None:
        protected = self.services.privacy.protected
        self.privacy_status.setText(
            "Your data and its backups are encrypted with your passphrase. Hearth asks for "
            "it every time it starts." if protected else
            "Your data isn't protected by a passphrase: anyone who can use this computer "
            "account can open it. A passphrase encrypts your data and its backups.")
        self.set_passphrase_button.setVisible(not protected)
        self.change_passphrase_button.setVisible(protected)
        self.remove_passphrase_button.setVisible(protected)
        self.lock_after.setEnabled(protected)
        self.lock_hint.setEnabled(protected)

    def edit_passphrase(self, mode: str) -> None:
        privacy = self.services.privacy
        actions = {
            PassphraseDialog.SET: lambda _current, new, again: privacy.set_passphrase(new,
                                                                                      again),
            PassphraseDialog.CHANGE: privacy.change_passphrase,
            PassphraseDialog.REMOVE: lambda current, _new, _again: privacy.remove_passphrase(
                current),
        }
        dialog = PassphraseDialog(mode, actions[mode], self)
        if dialog.exec() != PassphraseDialog.DialogCode.Accepted:
            return
        done = dialog.result_value
        words = {PassphraseDialog.SET: "Your data and its backups are now encrypted.",
                 PassphraseDialog.CHANGE: "Your passphrase is changed.",
                 PassphraseDialog.REMOVE: "The passphrase is removed: your data and its "
                                          "backups are plain files again."}[mode]
        if done.left_alone:
            words += (f" {len(done.left_alone)} older backup(s) couldn't be read and were "
                      "left as they were.")
        self.data_status.setText(words)
        self.bus.publish(ChangeSet.of(changes.SETTINGS))

    # -- backups -----------------------------------------------------------------------

    def back_up_now(self) -> None:
        self.back_up_button.setEnabled(False)
        self.data_status.setText("Backing up…")

        def done(backup) -> None:
            self.back_up_button.setEnabled(True)
            self.backups_model.set_backups(self.services.backups.backups())
            self.data_status.setText(f"Backed up at {backup.taken_at:%H:%M} "
                                     f"({size_words(backup.size)}).")

        def failed(exc: Exception) -> None:
            self.back_up_button.setEnabled(True)
            self.data_status.setText(problem_words(exc, "The backup couldn't be made"))

        run_in_background(lambda: self.services.backups.back_up("manual"), done, failed)

    def export_everything(self, path: str | None = None) -> None:
        if self.services.privacy.protected and QMessageBox.question(
                self, "Export as plain text?",
                "Your data is encrypted, but the export won't be: anyone who opens the file "
                "can read everything in it. Keep it somewhere private, and delete it once "
                "you have brought it into Hearth elsewhere.",
                QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Ok,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Ok:
            return
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, "Export everything", str(Path.home() / "hearth-export.json"),
                "Hearth exports (*.json)")
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".json":
            target = target.with_name(target.name + ".json")
        data_dir = Path(self.services.db.path).parent
        try:
            check_output_target(target, data_dir, suffix=".json")
        except ValidationError as exc:
            self.data_status.setText(exc.message)  # refused before anything is read or written
            return
        self.export_button.setEnabled(False)
        self.data_status.setText("Exporting…")

        def work() -> None:
            write_atomically(target, self.services.transfer.export(), data_dir=data_dir,
                             suffix=".json")

        def done(_result) -> None:
            self.export_button.setEnabled(True)
            self.data_status.setText(f"Exported everything to {target.name}. It isn't "
                                     "encrypted — keep it somewhere private.")

        def failed(exc: Exception) -> None:
            self.export_button.setEnabled(True)
            self.data_status.setText(problem_words(exc, f"“{target.name}” couldn't be "
                                                        "written"))

        run_in_background(work, done, failed)

    def restore_selected(self) -> None:
        rows = self.backups_table.selectionModel().selectedRows()
        if not rows:
            self.data_status.setText("Choose a backup in the list first.")
            return
        backup = self.backups_model.backup(rows[0].row())
        when = f"{backup.taken_at.day} {backup.taken_at:%B %Y, %H:%M}"
        answer = QMessageBox.question(
            self, "Restore this backup?",
            f"Hearth will put your data back as it was on {when}.\n\nFirst it backs up "
            "everything as it is now, so nothing is lost: if you change your mind, restore "
            "that newest backup.",
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Ok,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Ok:
            return
        try:
            change = self.services.backups.restore(backup.path)
        except (HearthError, OSError) as exc:
            self.data_status.setText(problem_words(exc, "That backup couldn't be restored"))
            return
        self.bus.publish(change)
        self.data_status.setText(f"Restored the backup from {when}. What you had before is "
                                 "in the newest backup.")

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

    # -- for ui.screenshots ------------------------------------------------------------

    def screenshot_states(self):
        from PySide6.QtWidgets import QScrollArea

        area = next((w for w in self.findChildren(QScrollArea)), None)

        def data() -> None:
            self.services.backups.back_up("start")
            self.services.backups.back_up("manual")
            self.reload()
            if area is not None:
                area.ensureWidgetVisible(self.backups_table, 0, 200)

        def privacy() -> None:
            if not self.services.privacy.protected:
                words = "a sentence for the screenshots"
                self.services.privacy.set_passphrase(words, words)
                self.services.settings.update(lock_after_minutes=15)
            self.reload()
            if area is not None:
                area.verticalScrollBar().setValue(0)
                area.ensureWidgetVisible(self.lock_hint, 0, 40)

        def top() -> None:
            if area is not None:
                area.verticalScrollBar().setValue(0)

        return [("data", data), ("privacy", privacy), (None, top)]
