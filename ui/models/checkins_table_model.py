"""The check-in history as a table: one row per check-in, newest first.

The columns that matter most come first (when, who, what each appreciates and needs); the
history shows the others only when there is room, and every answer in full in its detail
pane.
"""

from __future__ import annotations

import html
from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.checkins import Checkin, mood_word, stress_word
from app.domain.couple import Couple
from ui import theme
from ui.models.base import RowsTableModel

COLUMNS = ("When", "Who", "Appreciation", "Need", "Mood", "Connected", "Stress", "Feelings",
           "Note to self")
(WHEN_COLUMN, WHO_COLUMN, APPRECIATION_COLUMN, NEED_COLUMN, MOOD_COLUMN, CONNECTED_COLUMN,
 STRESS_COLUMN, FEELINGS_COLUMN, PRIVATE_COLUMN) = range(len(COLUMNS))
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHECKIN_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def day_words(day: date | datetime, today: date | None = None) -> str:
    """Hearth's one way of writing a day: "Fri 4 December" this year, "4 December 2025"
    another year (no leading zero, the month spelled out)."""
    today = today or date.today()
    if day.year == today.year:
        return f"{day:%a} {day.day} {day:%B}"
    return f"{day.day} {day:%B %Y}"


def moment_words(at: datetime, today: date | None = None) -> str:
    return f"{day_words(at, today)}, {at:%H:%M}"


def _first_line(text: str, limit: int = 80) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


class CheckinTableModel(RowsTableModel):
    COLUMNS = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Checkin] = []
        self._names: dict[int, str] = {}
        self._colours: dict[int, str] = {}

    def set_checkins(self, couple: Couple | None, checkins: list[Checkin]) -> None:
        self.beginResetModel()
        self._rows = list(checkins)
        if couple is not None:
            current = theme.current()
            self._names = {p.id: p.name for p in couple.partners}
            self._colours = {p.id: current.partner_hex(p) for p in couple.partners}
        self.endResetModel()

    def checkin(self, row: int) -> Checkin:
        return self._rows[row]


    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        column = index.column()
        if role == CHECKIN_ROLE:
            return c
        if role == SORT_ROLE:
            return (c.at.timestamp(), self._names.get(c.partner_id, ""),
                    c.appreciation.casefold(), c.need.casefold(), c.mood, c.connection,
                    c.stress or 0, ", ".join(c.feelings), c.private_note.casefold())[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                day_words(c.at) if role == Qt.ItemDataRole.DisplayRole else moment_words(c.at),
                self._names.get(c.partner_id, "?"),
                _first_line(c.appreciation),
                _first_line(c.need),
                f"{c.mood} · {mood_word(c.mood)}",
                f"{c.connection}/10",
                f"{c.stress} · {stress_word(c.stress)}" if c.stress else "—",
                ", ".join(c.feelings),
                _first_line(c.private_note),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == WHEN_COLUMN:
            return moment_words(c.at)
        if role == Qt.ItemDataRole.ToolTipRole and column in (
                APPRECIATION_COLUMN, NEED_COLUMN, FEELINGS_COLUMN, PRIVATE_COLUMN):
            full = {APPRECIATION_COLUMN: c.appreciation, NEED_COLUMN: c.need,
                    FEELINGS_COLUMN: ", ".join(c.feelings), PRIVATE_COLUMN: c.private_note}
            # Tool tips are rich text: the couple's words are escaped once, shown as typed.
            text = full[column]
            return f"<p>{html.escape(text).replace(chr(10), '<br>')}</p>" if text else None
        if role == Qt.ItemDataRole.ForegroundRole and column == WHO_COLUMN:
            colour = self._colours.get(c.partner_id)
            return QColor(colour) if colour else None
        return None
