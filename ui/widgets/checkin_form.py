"""One partner's check-in form: mood, connection, stress, feelings, appreciation, need, and
a note to self.

The note to self is left out of the reveal and of the history of you both, but it is not
secret: the other partner can open it on the same computer, and the form says so where the
note is written.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.checkins import (
    CONNECTION_MAX,
    FEELING_GROUPS,
    MOOD_WORDS,
    STRESS_WORDS,
    CheckinInput,
    clean_checkin,
)
from app.domain.couple import Partner
from app.domain.errors import ValidationError
from ui import theme
from ui.widgets.choices import ChipsWidget, ChoiceRowWidget
from ui.widgets.common import ErrorLabel, clear_problem, muted, show_problem, text_box

NOTE_LABEL = "A note to myself (optional)"


def note_honesty(other: str) -> str:
    """Where the note to self is written: who can see it, in plain words."""
    return (f"Left out of the reveal, but not locked away — {other} can open it on this "
            "computer.")


def tab_target(widget: QWidget) -> QWidget:
    """The control that takes the keyboard focus for ``widget``: the widget itself when it
    takes Tab focus (or hands it to a proxy), else its chosen or first focusable button."""
    if widget.focusProxy() is not None or (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus:
        return widget
    candidates = [
        child for child in widget.findChildren(QWidget)
        if (child.focusPolicy() & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus
        and child.isEnabled() and not child.isHidden()
    ]
    chosen = [c for c in candidates if getattr(c, "isChecked", lambda: False)()]
    return (chosen or candidates or [widget])[0]


class CheckinFormWidget(QFrame):
    """Answers for one partner, in that partner's colour. ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, partner: Partner, parent: QWidget | None = None,
                 show_private_note: bool = True, other: str = "your partner") -> None:
        """``other``: the other partner's name, to say who else can open the note."""
        super().__init__(parent)
        self.partner = partner
        self._problem: tuple[ErrorLabel, QWidget] | None = None
        self._described: QWidget | None = None
        self.setObjectName("PartnerColumn")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(6)
        self.header = QLabel(self)
        self.header.setObjectName("SectionTitle")
        self.header.setWordWrap(True)  # a long name wraps rather than widening the window
        layout.addWidget(self.header)
        who = partner.name

        layout.addWidget(self._label("My mood"))
        self.mood = ChoiceRowWidget(
            [(v, f"{v}", f"{v}, {w}") for v, w in MOOD_WORDS.items()], f"{who}: mood", self
        )
        layout.addWidget(self.mood)
        self.mood_words = muted("1 is low, 5 is great", self)
        layout.addWidget(self.mood_words)
        self.mood_error = ErrorLabel(self)
        layout.addWidget(self.mood_error)

        layout.addWidget(self._label("How connected I feel to you"))
        self.connection = ChoiceRowWidget(
            [(v, str(v), f"{v} of {CONNECTION_MAX}") for v in range(1, CONNECTION_MAX + 1)],
            f"{who}: how connected", self,
        )
        layout.addWidget(self.connection)
        self.connection_error = ErrorLabel(self)
        layout.addWidget(self.connection_error)

        layout.addWidget(self._label("My stress (optional)"))
        self.stress = ChoiceRowWidget(
            [(v, str(v), f"{v}, {w}") for v, w in STRESS_WORDS.items()], f"{who}: stress",
            self, allow_none=True,
        )
        layout.addWidget(self.stress)
        layout.addWidget(muted("1 is calm, 5 is overwhelmed", self))

        layout.addWidget(self._label("What I'm feeling"))
        self.feelings: list[ChipsWidget] = []
        for group, words in FEELING_GROUPS:
            label = QLabel(group, self)
            label.setObjectName("GroupLabel")
            layout.addWidget(label)
            chips = ChipsWidget([(w, w) for w in words], f"{who}: feeling", self)
            chips.changed.connect(self.changed)
            self.feelings.append(chips)
            layout.addWidget(chips)

        layout.addWidget(self._label("One thing I appreciate about you"))
        self.appreciation = text_box(f"{who}: appreciation", "Something you did or are…", self)
        layout.addWidget(self.appreciation)
        layout.addWidget(self._label("One thing I need or wish for"))
        self.need = text_box(f"{who}: need", "I would love…", self)
        layout.addWidget(self.need)
        self.private_label = self._label(NOTE_LABEL)
        layout.addWidget(self.private_label)
        self.private_hint = muted(note_honesty(other), self)
        self.private_hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.private_hint)
        self.private_note = text_box(
            f"{who}: note to self", "Something to remember for yourself", self, lines=2
        )
        self.private_note.setAccessibleDescription(note_honesty(other))
        layout.addWidget(self.private_note)
        for widget in (self.private_label, self.private_hint, self.private_note):
            widget.setVisible(show_private_note)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)

        for row in (self.mood, self.connection, self.stress):
            row.changed.connect(lambda _v: self.changed.emit())
        self.mood.changed.connect(lambda _v: self._answered(self.mood_error, self.mood))
        self.connection.changed.connect(
            lambda _v: self._answered(self.connection_error, self.connection))
        for box in (self.appreciation, self.need, self.private_note):
            box.textChanged.connect(self.changed)
        self.restyle()

    def _label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("FieldLabel")
        label.setWordWrap(True)
        return label

    def restyle(self) -> None:
        current = theme.current()
        colour = current.partner_hex(self.partner)
        on_colour = current.colour("bg")
        self.header.setText(
            f'<span style="color:{colour}">●</span> {html.escape(self.partner.name)}'
        )
        self.setStyleSheet(
            f"QFrame#PartnerColumn {{ border-top: 6px solid {colour}; }}"
            f"QPushButton#Choice:checked, QPushButton#Chip:checked {{"
            f" background: {colour}; border-color: {colour}; color: {on_colour}; }}"
        )

    # -- values --------------------------------------------------------------------------

    def draft(self) -> dict[str, Any]:
        """Everything typed or picked so far, as plain data (for drafts)."""
        return {
            "mood": self.mood.value(),
            "connection": self.connection.value(),
            "stress": self.stress.value(),
            "feelings": [k for chips in self.feelings for k in chips.selected()],
            "appreciation": self.appreciation.toPlainText(),
            "need": self.need.toPlainText(),
            "private_note": self.private_note.toPlainText(),
        }

    def load(self, data: dict[str, Any]) -> None:
        """Fill the form from a draft or a saved check-in, without emitting ``changed``."""
        self.blockSignals(True)
        try:
            self.mood.set_value(data.get("mood"))
            self.connection.set_value(data.get("connection"))
            self.stress.set_value(data.get("stress"))
            chosen = list(data.get("feelings") or ())
            for chips in self.feelings:
                chips.set_selected(chosen)
            for box, key in ((self.appreciation, "appreciation"), (self.need, "need"),
                             (self.private_note, "private_note")):
                box.blockSignals(True)
                box.setPlainText(str(data.get(key) or ""))
                box.blockSignals(False)
        finally:
            self.blockSignals(False)

    def clear(self) -> None:
        self.load({})
        self.clear_errors()

    def show_note(self) -> None:
        for widget in (self.private_label, self.private_hint, self.private_note):
            widget.show()

    def fields(self) -> tuple[QWidget, ...]:
        return (self.mood, self.connection, self.stress, *self.feelings, self.appreciation,
                self.need, self.private_note)

    def focus_first(self) -> None:
        """Put the keyboard focus on the first question (mood)."""
        tab_target(self.mood).setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        self._problem = None
        for label in (self.mood_error, self.connection_error, self.error):
            label.show_message(None)
        for field in self.fields():
            if field.property("invalid"):
                clear_problem(self.error, field)
        self._undescribe()

    def _answered(self, label: ErrorLabel, field: QWidget) -> None:
        """A refused question was answered: its message and marks go."""
        clear_problem(label, field)
        self._undescribe()

    def _undescribe(self) -> None:
        if self._described is not None:
            self._described.setAccessibleDescription("")
            self._described = None

    def _refuse(self, label: ErrorLabel, message: str, field: QWidget) -> None:
        label.show_message(message)
        if self._problem is None:
            self._problem = (label, field)

    def point_to_problem(self) -> bool:
        """Scroll to the first refusal shown, focus its field and announce it. False when
        there is none."""
        if self._problem is None:
            return False
        label, field = self._problem
        show_problem(label, label.text(), field)
        target = tab_target(field)
        if target is not field:  # a row of buttons: focus (and describe) the one to press
            target.setAccessibleDescription(label.text())
            self._described = target
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def to_input(self) -> CheckinInput | None:
        """The validated answers, or None after showing what's missing inline (the first
        refusal is kept for ``point_to_problem``)."""
        self.clear_errors()
        data = self.draft()
        missing = False
        if data["mood"] is None:
            self._refuse(self.mood_error, "Please choose a mood.", self.mood)
            missing = True
        if data["connection"] is None:
            self._refuse(self.connection_error, "Please choose how connected you feel.",
                         self.connection)
            missing = True
        if missing:
            return None
        try:
            return clean_checkin(CheckinInput(
                partner_id=self.partner.id, mood=data["mood"], connection=data["connection"],
                stress=data["stress"], feelings=tuple(data["feelings"]),
                appreciation=data["appreciation"], need=data["need"],
                private_note=data["private_note"],
            ))
        except ValidationError as exc:
            self.show_error(exc)
            return None

    def show_error(self, exc: ValidationError) -> None:
        """Show a refusal next to its field (kept for ``point_to_problem``)."""
        target = {"mood": self.mood_error, "connection": self.connection_error}.get(
            exc.field or "", self.error
        )
        field = {
            "mood": self.mood, "connection": self.connection, "stress": self.stress,
            "feelings": self.feelings[0], "appreciation": self.appreciation, "need": self.need,
            "private_note": self.private_note,
        }.get(exc.field or "", self.mood)
        self._refuse(target, exc.message, field)
