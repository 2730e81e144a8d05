"""The check-in history as a table: one row per check-in, newest first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.checkins import Checkin, mood_word, stress_word
from app.domain.couple import Couple
from ui import theme
from ui.models.base import RowsTableModel

COLUMNS = ("When", "Who", "Mood", "Connected", "Stress", "Feelings", "Appreciation", "Need",
           "Private note")
PRIVATE_COLUMN = COLUMNS.index("Private note")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHECKIN_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


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
            return (c.at.timestamp(), self._names.get(c.partner_id, ""), c.mood, c.connection,
                    c.stress or 0, ", ".join(c.feelings), c.appreciation.casefold(),
                    c.need.casefold(), c.private_note.casefold())[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                f"{c.at:%a %d %b %Y, %H:%M}",
                self._names.get(c.partner_id, "?"),
                f"{c.mood} · {mood_word(c.mood)}",
                f"{c.connection}/10",
                f"{c.stress} · {stress_word(c.stress)}" if c.stress else "—",
                ", ".join(c.feelings),
                _first_line(c.appreciation),
                _first_line(c.need),
                _first_line(c.private_note),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (5, 6, 7, 8):
            full = (", ".join(c.feelings), c.appreciation, c.need, c.private_note)[column - 5]
            return full or None
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            colour = self._colours.get(c.partner_id)
            return QColor(colour) if colour else None
        return None
