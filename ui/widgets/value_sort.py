"""The values card-sort for one partner, and the alignment of two sorts."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.couple import Couple, Partner
from app.domain.values import (
    IMPORTANCE_WORDS,
    Alignment,
    Value,
    ValueRatings,
    importance_word,
    talk_prompt,
)
from ui import theme
from ui.widgets.choices import ChoiceRowWidget
from ui.widgets.common import Card, ErrorLabel, muted
from ui.widgets.reflow import wrap_row
from ui.widgets.shown_text import plain, rich, rich_label

SHORT_WORDS = {1: "Less so", 2: "Somewhat", 3: "Important", 4: "Very", 5: "Core"}


class _Places(ChoiceRowWidget):
    """A value's five places: all on one line where there is room (else they wrap)."""

    def sizeHint(self) -> QSize:
        buttons = [self.button(n) for n in range(1, 6)]
        return QSize(sum(b.sizeHint().width() for b in buttons) + 6 * (len(buttons) - 1),
                     max(b.sizeHint().height() for b in buttons))


class ValueSortWidget(QWidget):
    """One partner places every value from 1 (less so) to 5 (at my core)."""

    changed = Signal()

    def __init__(self, partner: Partner, values: tuple[Value, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.partner = partner
        self.values = values
        self.setAccessibleName(f"{partner.name}'s values")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        colour = theme.current().partner_hex(partner)
        header = QHBoxLayout()
        self.title = rich(QLabel(
            f"<span style='color:{colour}'>●</span> {html.escape(partner.name)}: how much does "
            "each value matter to you?", self))
        self.title.setObjectName("SectionTitle")
        self.title.setWordWrap(True)
        self.count = QLabel(self)
        self.count.setObjectName("Muted")
        header.addWidget(self.title, 1)
        header.addWidget(self.count)
        outer.addLayout(header)
        self.error = plain(ErrorLabel(self))  # names values as typed
        outer.addWidget(self.error)

        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the values in it
        body = QWidget()
        body.setObjectName("ScrollBody")
        rows = QVBoxLayout(body)
        rows.setContentsMargins(0, 0, 12, 0)
        rows.setSpacing(10)
        self.rows: dict[int, ChoiceRowWidget] = {}
        choices = [(n, SHORT_WORDS[n], IMPORTANCE_WORDS[n]) for n in range(1, 6)]
        for value in values:
            # The five places beside the value they are about — under it, where the
            # words of both wouldn't fit side by side.
            line_box, line = wrap_row(body, spacing=18, top=True)
            label = rich_label(
                f"<b>{html.escape(value.name)}</b><br><span>{html.escape(value.description)}"
                "</span>", line_box)
            picker = _Places(choices, value.name, line_box)
            picker.changed.connect(self._changed)
            line.add(label, 1, 18)
            line.add(picker)
            rows.addWidget(line_box)
            self.rows[value.id] = picker
        rows.addStretch(1)
        area.setWidget(body)
        outer.addWidget(area, 1)
        self._update_count()

    def _changed(self, _value=None) -> None:
        self._update_count()
        if self.error.isVisible() and not self.missing():
            self.error.show_message(None)
        self.changed.emit()

    def _update_count(self) -> None:
        placed = len(self.ratings())
        self.count.setText(f"{placed} of {len(self.values)} placed")

    def ratings(self) -> dict[int, int]:
        return {vid: row.value() for vid, row in self.rows.items() if row.value() is not None}

    def set_ratings(self, ratings: dict[int, int]) -> None:
        for vid, row in self.rows.items():
            row.set_value(ratings.get(vid))
        self._update_count()

    def missing(self) -> list[Value]:
        ratings = self.ratings()
        return [v for v in self.values if v.id not in ratings]

    def check(self) -> bool:
        """Every value placed? Otherwise say which, inline, and go to the first one."""
        missing = self.missing()
        if not missing:
            self.error.show_message(None)
            return True
        names = ", ".join(v.name for v in missing[:3]) + (" …" if len(missing) > 3 else "")
        noun = "value still needs" if len(missing) == 1 else "values still need"
        self.error.show_message(f"{len(missing)} {noun} a place: {names}.")
        first = self.rows[missing[0].id]
        first.button(3).setFocus()
        return False


def _partner_word(partner: Partner, importance: int | None) -> str:
    colour = theme.current().partner_hex(partner)
    return (f"<span style='color:{colour}'><b>{html.escape(partner.name)}</b></span> "
            f"{html.escape(importance_word(importance))}")


class AlignmentWidget(QWidget):
    """Shared core values, the biggest differences with a prompt each, and how values moved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Where your values meet")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(16)

    def show_alignment(self, couple: Couple, alignment: Alignment) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        shared = Card("What you share at the core", self)
        shared.setAccessibleName("What you share at the core")
        if alignment.shared:
            shared.body.addWidget(muted(
                "Both of you hold these close. They can guide the goals you choose together.",
                shared))
            names = " · ".join(html.escape(r.value.name) for r in alignment.shared[:10])
            words = rich(QLabel(f"<span style='font-size:large'><b>{names}</b></span>", shared))
            words.setWordWrap(True)
            words.setObjectName("SharedValues")
            shared.body.addWidget(words)
        else:
            shared.body.addWidget(muted(
                "No value is very important to both of you yet — that's fine. Look at the "
                "differences below together; they say a lot about each of you.", shared))
        self.layout_.addWidget(shared)

        differ = Card("Where you differ most", self)
        differ.setAccessibleName("Where you differ most")
        self.difference_rows: list[QWidget] = []
        if alignment.differences:
            differ.body.addWidget(muted(
                "Not a problem to fix — a chance to learn what each value means to the other.",
                differ))
            for row in alignment.differences[:6]:
                differ.body.addWidget(self._difference(row, couple, differ))
        else:
            differ.body.addWidget(muted(
                "Your values line up closely: no value is far apart for the two of you.", differ))
        self.layout_.addWidget(differ)

        if alignment.movements:
            moved = Card("How your values moved", self)
            moved.setAccessibleName("How your values moved")
            moved.body.addWidget(muted("Since the sort before, for each of you:", moved))
            partners = {p.id: p for p in couple.partners}
            for movement in alignment.movements[:8]:
                partner = partners[movement.partner_id]
                colour = theme.current().partner_hex(partner)
                arrow = "↑" if movement.after > movement.before else "↓"
                label = rich_label(
                    f"<b>{html.escape(movement.value.name)}</b> — "
                    f"<span style='color:{colour}'>{html.escape(partner.name)}</span>: "
                    f"{html.escape(importance_word(movement.before))} {arrow} "
                    f"{html.escape(importance_word(movement.after))}", moved)
                label.setWordWrap(True)
                moved.body.addWidget(label)
            self.layout_.addWidget(moved)

    def _difference(self, row: ValueRatings, couple: Couple, parent: QWidget) -> QWidget:
        first, second = couple.partners
        box = QWidget(parent)
        box.setAccessibleName(f"{row.value.name}: a difference to talk about")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(2)
        head = rich_label(
            f"<b>{html.escape(row.value.name)}</b> &nbsp; {_partner_word(first, row.first)}"
            f" · {_partner_word(second, row.second)}", box)
        prompt = plain(muted(talk_prompt(row), box))
        layout.addWidget(head)
        layout.addWidget(prompt)
        self.difference_rows.append(box)
        return box
