"""Plan or change quality time, and reflect on it afterwards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QSize, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.calendar import KINDS, KINDS_BY_KEY, EventInput, Occurrence, rule_words
from app.domain.couple import Couple
from ui import theme
from ui.dialogs.discard import may_discard
from ui.models.calendar_models import kind_icon
from ui.widgets.choices import ChoiceRowWidget
from ui.widgets.common import ErrorLabel, clear_problem, partner_name, show_problem

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
# Save the event; returns None when saved, else (message, field) to show inline.
Submit = Callable[[EventInput], tuple[str, str | None] | None]


def repeat_choices(day: date) -> list[tuple[str, str | None]]:
    code = DAY_CODES[day.weekday()]
    weekday = f"{day:%A}"
    nth = (day.day - 1) // 7 + 1
    if (day + timedelta(days=7)).month != day.month:
        nth = -1 if nth > 4 else nth
    return [
        ("Once", None),
        (f"Every week on {weekday}", f"FREQ=WEEKLY;BYDAY={code}"),
        (f"Every other week on {weekday}", f"FREQ=WEEKLY;INTERVAL=2;BYDAY={code}"),
        (f"Every month on the {NTH.get(nth, 'first')} {weekday}",
         f"FREQ=MONTHLY;BYDAY={nth}{code}"),
        (f"Every year on {day.day} {day:%B}", "FREQ=YEARLY"),
    ]


class EventDialog(QDialog):
    """Plan time together, or change it. Escape or *Cancel* with changes asks before
    throwing them away; *Delete* (when ``delete`` is given) closes and deletes."""

    def __init__(self, couple: Couple, submit: Submit, data: EventInput,
                 parent: QWidget | None = None, editing: bool = False,
                 delete: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._delete = delete
        self.setWindowTitle(f"Change “{data.title}”" if editing else "Plan time together")
        self.resize(620, 620)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.title = QLineEdit(data.title, self)
        self.title.setPlaceholderText("e.g. Date night at Luigi's")
        self.title.setAccessibleName("Title")
        form.addRow("What", self.title)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of time together")
        size = self.kind.fontMetrics().height()
        self.kind.setIconSize(QSize(size, size))
        # The label first, so typing "w" finds Walk; the kind's symbol as its icon.
        kinds = list(KINDS)
        if data.kind not in (k.key for k in KINDS) and data.kind in KINDS_BY_KEY:
            kinds.append(KINDS_BY_KEY[data.kind])  # Hearth's own (a reminder): kept as it is
        for kind in kinds:
            self.kind.addItem(kind_icon(kind.key, size), kind.label, kind.key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.kind)))
        form.addRow("Kind", self.kind)
        self.day = QDateEdit(QDate(data.start.date()), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMMM yyyy")  # Fri 4 December 2026
        self.day.setAccessibleName("Day")
        self.all_day = QCheckBox("All day", self)
        self.all_day.setAccessibleName("All day")
        self.all_day.setChecked(data.all_day)
        day_row = QHBoxLayout()
        day_row.addWidget(self.day)
        day_row.addWidget(self.all_day)
        day_row.addStretch(1)
        form.addRow("When", day_row)
        self.start = QTimeEdit(QTime(data.start.hour, data.start.minute), self)
        self.start.setDisplayFormat("HH:mm")
        self.start.setAccessibleName("From")
        self.end = QTimeEdit(QTime(data.end.hour, data.end.minute), self)
        self.end.setDisplayFormat("HH:mm")
        self.end.setAccessibleName("Until")
        self.time_row = QWidget(self)
        self.time_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        times = QHBoxLayout(self.time_row)
        times.setContentsMargins(0, 0, 0, 0)
        times.addWidget(self.start)
        times.addWidget(QLabel("to", self.time_row))
        times.addWidget(self.end)
        times.addStretch(1)
        form.addRow("Time", self.time_row)
        self.repeat = QComboBox(self)
        self.repeat.setAccessibleName("Repeat")
        form.addRow("Repeat", self.repeat)
        self.location = QLineEdit(data.location, self)
        self.location.setAccessibleName("Where")
        form.addRow("Where", self.location)
        self.planned_by = QComboBox(self)
        self.planned_by.setAccessibleName("Planned by")
        self.planned_by.addItem("Both of us", None)
        for partner in couple.partners:
            self.planned_by.addItem(partner.name, partner.id)
        self.planned_by.setCurrentIndex(max(0, self.planned_by.findData(data.planned_by))
                                        if data.planned_by else 0)
        form.addRow("Planned by", self.planned_by)
        self.devices_away = QCheckBox("Phones and screens away", self)
        self.devices_away.setAccessibleName("Devices away")
        self.devices_away.setChecked(data.devices_away)
        form.addRow("", self.devices_away)
        self.notes = QPlainTextEdit(data.notes, self)
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)
        form.addRow("Notes", self.notes)
        layout.addLayout(form)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        layout.addStretch(1)  # room to spare goes below the fields, not between them
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save")
        self.save_button.setAccessibleName("Save")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        self.delete_button: QPushButton | None = None
        if delete is not None:  # apart from Save and Cancel, at the other end
            self.delete_button = QPushButton("Delete…" if data.rrule else "Delete", self)
            self.delete_button.setObjectName("DeleteEvent")
            self.delete_button.setAccessibleName("Delete event")
            self.delete_button.setAutoDefault(False)
            self.delete_button.clicked.connect(self._delete_clicked)
            bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self._tz = data.tz
        self._fill_repeat(data.start.date(), data.rrule)
        self.day.dateChanged.connect(self._day_changed)
        self.all_day.toggled.connect(self.time_row.setDisabled)
        self.time_row.setDisabled(data.all_day)
        self._fields = {"title": self.title, "kind": self.kind, "start": self.start,
                        "end": self.end, "all_day": self.all_day, "rrule": self.repeat,
                        "location": self.location, "notes": self.notes,
                        "planned_by": self.planned_by}
        self._as_opened = self.to_input()
        self.title.setFocus()

    def changed(self) -> bool:
        """Whether anything differs from how the dialog opened."""
        return self.to_input() != self._as_opened

    def reject(self) -> None:
        """Escape, *Cancel* or closing the window: ask first when something was changed."""
        if may_discard(self, self.changed()):
            super().reject()

    def _delete_clicked(self) -> None:
        self.done(QDialog.DialogCode.Rejected)  # the delete itself can be undone
        if self._delete is not None:
            self._delete()

    def _fill_repeat(self, day: date, current: str | None,
                     position: int | None = None) -> None:
        """The repeat choices for ``day``; keep the kind of choice when the day changes."""
        choices = repeat_choices(day)
        rules = [rule for _label, rule in choices]
        self.repeat.blockSignals(True)
        self.repeat.clear()
        for label, rule in choices:
            self.repeat.addItem(label, rule)
        if position is not None and position < len(choices):
            chosen = position
        elif current in rules:
            chosen = rules.index(current)
        elif current:
            self.repeat.addItem(f"As before: {rule_words(current).lower()}", current)
            chosen = self.repeat.count() - 1
        else:
            chosen = 0
        self.repeat.setCurrentIndex(chosen)
        self.repeat.blockSignals(False)

    def _day_changed(self, day: QDate) -> None:
        index = self.repeat.currentIndex()
        standard = index < len(repeat_choices(day.toPython()))
        self._fill_repeat(day.toPython(), self.repeat.currentData(),
                          index if standard else None)

    def to_input(self) -> EventInput:
        day = self.day.date().toPython()
        if self.all_day.isChecked():
            start = datetime.combine(day, time(0))
            end = start + timedelta(days=1)
        else:
            start = datetime.combine(day, self.start.time().toPython())
            end = datetime.combine(day, self.end.time().toPython())
            if end <= start:  # past midnight
                end += timedelta(days=1)
        return EventInput(
            title=self.title.text(), kind=self.kind.currentData(), start=start, end=end,
            all_day=self.all_day.isChecked(), tz=self._tz, location=self.location.text(),
            notes=self.notes.toPlainText(), planned_by=self.planned_by.currentData(),
            devices_away=self.devices_away.isChecked(), rrule=self.repeat.currentData(),
        )

    def save(self) -> None:
        clear_problem(self.error, *self._fields.values())
        problem = self._submit(self.to_input())
        if problem is None:
            self.accept()
            return
        message, field = problem
        show_problem(self.error, message, self._fields.get(field or ""))


def ask_scope(parent: QWidget, verb: str) -> str | None:
    """For a repeating event: this one, this and following, or all? None: cancel."""
    box = QMessageBox(parent)
    box.setWindowTitle(f"{verb.capitalize()} a repeating event")
    box.setText(f"This is one of a series. Which would you like to {verb}?")
    this = box.addButton("Only this one", QMessageBox.ButtonRole.AcceptRole)
    following = box.addButton("This and the following ones", QMessageBox.ButtonRole.AcceptRole)
    every = box.addButton("All of them", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(this)
    box.exec()
    clicked = box.clickedButton()
    return {this: "this", following: "following", every: "all"}.get(clicked)


class ReflectionDialog(QDialog):
    """After the date: done or skipped, and for each partner how connected it felt."""

    def __init__(self, couple: Couple, occurrence: Occurrence,
                 submit: Callable[[str, dict[int, tuple[int, str]]], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(f"Afterwards — {occurrence.title}")
        self.resize(620, 420)
        layout = QVBoxLayout(self)
        self.status = QComboBox(self)
        self.status.setAccessibleName("How it went")
        self.status.addItem("We did it", "done")
        self.status.addItem("It didn't happen this time", "skipped")
        self.status.addItem("Still planned", "planned")
        self.status.setCurrentIndex(max(0, self.status.findData(
            occurrence.status if occurrence.status != "planned" else "done")))
        layout.addWidget(self.status)
        existing = {r.partner_id: r for r in occurrence.reflections}
        self.ratings: dict[int, ChoiceRowWidget] = {}
        self.memories: dict[int, QLineEdit] = {}
        for partner in couple.partners:
            colour = theme.current().partner_hex(partner)
            label = QLabel(f"<span style='color:{colour}'>●</span> "
                           f"{partner_name(partner, bold=True)}: how connected did it feel?",
                           self)
            layout.addWidget(label)
            row = ChoiceRowWidget([(n, str(n), f"{n} of 5") for n in range(1, 6)],
                                  f"{partner.name}: how connected", self, allow_none=True)
            memory = QLineEdit(self)
            memory.setPlaceholderText("One line to remember it by (optional)")
            memory.setAccessibleName(f"{partner.name}'s memory")
            if partner.id in existing:
                row.set_value(existing[partner.id].rating)
                memory.setText(existing[partner.id].memory)
            layout.addWidget(row)
            layout.addWidget(memory)
            self.ratings[partner.id] = row
            self.memories[partner.id] = memory
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._as_opened = self._answers()

    def _answers(self) -> tuple:
        return (self.status.currentData(),
                tuple((pid, row.value(), self.memories[pid].text())
                      for pid, row in self.ratings.items()))

    def reject(self) -> None:
        """Escape or *Cancel*: ask first when a rating or a memory was changed."""
        if may_discard(self, self._answers() != self._as_opened):
            super().reject()

    def save(self) -> None:
        answers = {pid: (row.value(), self.memories[pid].text())
                   for pid, row in self.ratings.items() if row.value() is not None}
        problem = self._submit(self.status.currentData(), answers)
        if problem:
            show_problem(self.error, problem)
            return
        self.accept()
