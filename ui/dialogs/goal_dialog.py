"""Create or edit a goal: what, why, when, whose, linked values, milestones, review date.

What is typed is kept as a draft while the dialog is open, so closing the window
mid-sentence loses nothing. Save ends the draft; Escape, Cancel or the close button ask
"Discard what you wrote?" when anything changed — *Discard* ends the draft too, *Keep
writing* keeps everything as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.couple import Couple
from app.domain.goals import CATEGORIES, HORIZONS, Goal, GoalInput, MilestoneInput
from app.domain.values import Value
from ui.autosave import Autosave
from ui.dialogs.discard import may_discard
from ui.widgets.choices import ChipsWidget
from ui.widgets.common import ErrorLabel, clear_problem, show_problem
from ui.widgets.shown_text import button_text

if TYPE_CHECKING:
    from app.services import Services

# Save a goal; returns None when saved, else (message, field) to show inline.
Submit = Callable[[GoalInput], tuple[str, str | None] | None]


class MilestoneRow(QWidget):
    def __init__(self, editor: MilestonesEditor, milestone: MilestoneInput) -> None:
        super().__init__(editor)
        self.milestone_id = milestone.id
        self.done_on = milestone.done_on
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.done = QCheckBox(self)
        self.done.setChecked(milestone.done_on is not None)
        self.done.setAccessibleName("Done")
        self.text = QLineEdit(milestone.text, self)
        self.text.setPlaceholderText("A step on the way…")
        self.text.setAccessibleName("Milestone")
        layout.addWidget(self.done)
        layout.addWidget(self.text, 1)
        for label, name, step in (("↑", "Move up", -1), ("↓", "Move down", 1)):
            button = QPushButton(label, self)
            button.setObjectName("Small")
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.clicked.connect(lambda _=False, s=step: editor.move(self, s))
            layout.addWidget(button)
        remove = QPushButton("Remove", self)
        remove.setObjectName("Small")
        remove.setAccessibleName("Remove milestone")
        remove.clicked.connect(lambda: editor.remove(self))
        layout.addWidget(remove)
        self.done.toggled.connect(editor.changed_now)
        self.text.textChanged.connect(editor.changed_now)

    def to_input(self) -> MilestoneInput:
        done_on = (self.done_on or date.today()) if self.done.isChecked() else None
        return MilestoneInput(self.text.text(), done_on, self.milestone_id)


class MilestonesEditor(QWidget):
    """An ordered checklist: add, tick, reword, move up and down, remove."""

    def __init__(self, on_change: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Milestones")
        self._on_change = on_change
        self.rows: list[MilestoneRow] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(6)
        self.add_button = QPushButton("Add a milestone", self)
        self.add_button.setAccessibleName("Add a milestone")
        self.add_button.clicked.connect(lambda: self.add(MilestoneInput(""), focus=True))
        self.layout_.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def changed_now(self, *_args) -> None:
        self._on_change()

    def set_milestones(self, milestones: tuple[MilestoneInput, ...]) -> None:
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for milestone in milestones:
            self.add(milestone)

    def add(self, milestone: MilestoneInput, focus: bool = False) -> MilestoneRow:
        row = MilestoneRow(self, milestone)
        self.rows.append(row)
        self.layout_.insertWidget(len(self.rows) - 1, row)
        if focus:
            row.text.setFocus()
        self._on_change()
        return row

    def move(self, row: MilestoneRow, step: int) -> None:
        index = self.rows.index(row)
        target = index + step
        if not 0 <= target < len(self.rows):
            return
        self.rows.insert(target, self.rows.pop(index))
        self.layout_.removeWidget(row)
        self.layout_.insertWidget(target, row)
        row.text.setFocus()
        self._on_change()

    def remove(self, row: MilestoneRow) -> None:
        self.rows.remove(row)
        self.layout_.removeWidget(row)
        row.deleteLater()
        self._on_change()

    def milestones(self) -> tuple[MilestoneInput, ...]:
        return tuple(row.to_input() for row in self.rows)


def _optional_date(label: str, parent: QWidget) -> tuple[QCheckBox, QDateEdit, QWidget]:
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    check = QCheckBox(label, box)
    check.setAccessibleName(label)
    edit = QDateEdit(QDate.currentDate(), box)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMMM yyyy")
    edit.setAccessibleName(label)
    edit.setEnabled(False)
    check.toggled.connect(edit.setEnabled)
    row.addWidget(check)
    row.addWidget(edit)
    row.addStretch(1)
    return check, edit, box


class GoalDialog(QDialog):
    def __init__(self, services: Services, couple: Couple, values: tuple[Value, ...],
                 submit: Submit, goal: Goal | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.goal = goal
        self._submit = submit
        self.draft_key = f"goal:{goal.id}" if goal else "goal:new"
        self.setWindowTitle(f"Edit “{goal.title}”" if goal else "A new goal")
        self.resize(760, 860)
        self._autosave = Autosave(self, self.save_draft)
        self._loading = True

        outer = QVBoxLayout(self)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body_column = QVBoxLayout(body)
        self.error = ErrorLabel(body)  # above the form: scrolled to with its field
        body_column.addWidget(self.error)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(12)
        body_column.addLayout(form)

        self.kept = QLabel("You were part-way through this — what you wrote is kept.", self)
        self.kept.setObjectName("Banner")
        self.kept.setWordWrap(True)
        self.kept.hide()
        outer.addWidget(self.kept)

        self.title = QLineEdit(body)
        self.title.setPlaceholderText("e.g. Save for a trip to Lisbon")
        self.title.setAccessibleName("Title")
        form.addRow("Goal", self.title)
        self.why = QPlainTextEdit(body)
        self.why.setPlaceholderText("Why it matters to us…")
        self.why.setAccessibleName("Why it matters to us")
        self.why.setTabChangesFocus(True)
        self.why.setFixedHeight(96)
        form.addRow("Why it matters", self.why)

        self.category = QComboBox(body)
        self.category.setAccessibleName("Category")
        for key, label in CATEGORIES:
            self.category.addItem(label, key)
        form.addRow("Category", self.category)
        self.horizon = QComboBox(body)
        self.horizon.setAccessibleName("When")
        for key, label in HORIZONS:
            self.horizon.addItem(label, key)
        self.horizon.setCurrentIndex(1)
        form.addRow("When", self.horizon)
        self.has_target, self.target, target_box = _optional_date("By a date", body)
        form.addRow("Target", target_box)
        self.owner = QComboBox(body)
        self.owner.setAccessibleName("Whose goal")
        self.owner.addItem("Both of us", None)
        for partner in couple.partners:
            self.owner.addItem(partner.name, partner.id)
        form.addRow("Whose", self.owner)

        self.values = ChipsWidget([(str(v.id), v.name) for v in values], "Linked values", body)
        for value in values:  # a value's "&" is shown, not taken for a shortcut key
            self.values.chip(str(value.id)).setText(button_text(value.name))
        form.addRow("Values", self.values)

        self.milestones = MilestonesEditor(self._changed, body)
        form.addRow("Milestones", self.milestones)
        self.manual_label = QLabel("How far along", body)
        self.manual = QSpinBox(body)
        self.manual.setRange(0, 100)
        self.manual.setSuffix(" %")
        self.manual.setSingleStep(5)
        self.manual.setAccessibleName("How far along (without milestones)")
        form.addRow(self.manual_label, self.manual)
        self.has_review, self.review, review_box = _optional_date("Look at it again on", body)
        form.addRow("Review", review_box)

        area.setWidget(body)
        outer.addWidget(area, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save goal")
        self.save_button.setAccessibleName("Save goal")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        for signal in (self.title.textChanged, self.why.textChanged,
                       self.category.currentIndexChanged, self.horizon.currentIndexChanged,
                       self.owner.currentIndexChanged, self.has_target.toggled,
                       self.target.dateChanged, self.values.changed, self.manual.valueChanged,
                       self.has_review.toggled, self.review.dateChanged):
            signal.connect(self._changed)

        if goal is not None:
            self.load_input(goal.as_input())
        self._saved = self.draft()  # as it was before anything was typed here
        draft = services.drafts.load(self.draft_key)
        if draft:
            self.load(draft)
            self.kept.show()
        self._loading = False
        self._update_manual()
        self.title.setFocus()

    # -- values in and out ---------------------------------------------------------------------

    def load_input(self, data: GoalInput) -> None:
        self.title.setText(data.title)
        self.why.setPlainText(data.why)
        self.category.setCurrentIndex(max(0, self.category.findData(data.category)))
        self.horizon.setCurrentIndex(max(0, self.horizon.findData(data.horizon)))
        self.has_target.setChecked(data.target_date is not None)
        if data.target_date:
            self.target.setDate(QDate(data.target_date))
        index = self.owner.findData(data.owner_id) if data.owner_id else 0
        self.owner.setCurrentIndex(max(0, index))
        self.values.set_selected([str(v) for v in data.value_ids])
        self.milestones.set_milestones(data.milestones)
        self.manual.setValue(data.manual_progress or 0)
        self.has_review.setChecked(data.next_review is not None)
        if data.next_review:
            self.review.setDate(QDate(data.next_review))

    def to_input(self) -> GoalInput:
        return GoalInput(
            title=self.title.text(),
            why=self.why.toPlainText(),
            category=self.category.currentData(),
            horizon=self.horizon.currentData(),
            target_date=self.target.date().toPython() if self.has_target.isChecked() else None,
            owner_id=self.owner.currentData(),
            value_ids=tuple(int(v) for v in self.values.selected()),
            milestones=self.milestones.milestones(),
            manual_progress=None if self.milestones.rows else self.manual.value(),
            next_review=self.review.date().toPython() if self.has_review.isChecked() else None,
        )

    def draft(self) -> dict[str, Any]:
        data = self.to_input()
        return {
            "title": data.title, "why": data.why, "category": data.category,
            "horizon": data.horizon,
            "target_date": data.target_date.isoformat() if data.target_date else None,
            "owner_id": data.owner_id, "value_ids": list(data.value_ids),
            "milestones": [
                {"text": m.text, "id": m.id,
                 "done_on": m.done_on.isoformat() if m.done_on else None}
                for m in data.milestones
            ],
            "manual_progress": data.manual_progress,
            "next_review": data.next_review.isoformat() if data.next_review else None,
        }

    def load(self, draft: dict[str, Any]) -> None:
        def day(text):
            try:
                return date.fromisoformat(text) if text else None
            except (TypeError, ValueError):
                return None

        try:
            data = GoalInput(
                title=str(draft.get("title", "")), why=str(draft.get("why", "")),
                category=str(draft.get("category", "us")),
                horizon=str(draft.get("horizon", "year")),
                target_date=day(draft.get("target_date")),
                owner_id=draft.get("owner_id") if isinstance(draft.get("owner_id"), int)
                else None,
                value_ids=tuple(v for v in draft.get("value_ids", []) if isinstance(v, int)),
                milestones=tuple(
                    MilestoneInput(str(m.get("text", "")), day(m.get("done_on")),
                                   m.get("id") if isinstance(m.get("id"), int) else None)
                    for m in draft.get("milestones", []) if isinstance(m, dict)
                ),
                manual_progress=draft.get("manual_progress")
                if isinstance(draft.get("manual_progress"), int) else None,
                next_review=day(draft.get("next_review")),
            )
        except (AttributeError, TypeError):
            return
        self.load_input(data)

    # -- behaviour -------------------------------------------------------------------------------

    def _changed(self, *_args) -> None:
        if self._loading:
            return
        self._update_manual()
        self._autosave.changed()

    def _update_manual(self) -> None:
        without = not self.milestones.rows
        self.manual.setVisible(without)
        self.manual_label.setVisible(without)

    def save_draft(self) -> None:
        self._autosave.stop()
        self.services.drafts.save(self.draft_key, self.draft())

    def changed(self) -> bool:
        """Whether anything differs from the goal as saved (or the empty form, for a new
        one) — a draft kept from earlier counts as writing too."""
        return self.draft() != self._saved

    def save(self) -> None:
        data = self.to_input()
        clear_problem(self.error, self.title, self.target, self.milestones,
                      *(row.text for row in self.milestones.rows))
        problem = self._submit(data)
        if problem is not None:
            message, field = problem
            widget = {"title": self.title, "target_date": self.target,
                      "milestones": self.milestones}.get(field or "")
            if field == "milestones":  # the empty one, where there is one
                widget = next((r.text for r in self.milestones.rows
                               if not r.text.text().strip()), widget)
            show_problem(self.error, message, widget)
            return
        self._end_draft()
        self.accept()

    def reject(self) -> None:
        """Escape, Cancel or the close button: ask before anything written is thrown away."""
        self._autosave.stop()
        if not may_discard(self, self.changed()):
            self.save_draft()  # keep writing: nothing is lost meanwhile either
            return
        self._end_draft()
        super().reject()

    def _end_draft(self) -> None:
        self._autosave.stop()
        self.services.drafts.clear(self.draft_key)
