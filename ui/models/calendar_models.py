"""Qt models over calendar occurrences: a month grid (6 weeks × 7 days) and an agenda list.

The week view draws the same occurrences on a time grid (ui/widgets/calendar_widgets.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from app.domain.calendar import KINDS_BY_KEY, Occurrence
from ui import theme
from ui.models.base import RowsTableModel
from ui.widgets.shown_text import tip

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
DATE_ROLE = Qt.ItemDataRole.UserRole + 1
OCCURRENCES_ROLE = Qt.ItemDataRole.UserRole + 2
OCCURRENCE_ROLE = Qt.ItemDataRole.UserRole + 3
IN_MONTH_ROLE = Qt.ItemDataRole.UserRole + 4
TODAY_ROLE = Qt.ItemDataRole.UserRole + 5
SORT_ROLE = Qt.ItemDataRole.UserRole + 6
STATUS_WORDS = {"planned": "Planned", "done": "Done", "skipped": "Skipped"}
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def kind_colour(kind: str) -> QColor:
    """The kind's colour, lightened on a dark background so it stays readable."""
    colour = QColor(KINDS_BY_KEY[kind].colour)
    return colour.lighter(160) if theme.current().dark else colour


def kind_icon(kind: str, size: int = 16) -> QIcon:
    """The kind's symbol in its colour, as an icon (so a list of kinds reads and types by
    its words)."""
    ratio = 2  # sharp on high-density screens too
    pixmap = QPixmap(size * ratio, size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    font = QFont()
    font.setPixelSize(max(8, int(size * 0.85)))
    painter.setFont(font)
    painter.setPen(kind_colour(kind))
    painter.drawText(QRect(0, 0, size, size), int(Qt.AlignmentFlag.AlignCenter),
                     KINDS_BY_KEY[kind].icon)
    painter.end()
    return QIcon(pixmap)


def day_words(day: date, year: bool = False) -> str:
    """Hearth's one way of writing a day: "Fri 4 December" (with the year when asked)."""
    return f"{day:%a} {day.day} {day:%B}" + (f" {day.year}" if year else "")


def local_start(occurrence: Occurrence):
    """The start as this computer shows it (all-day events stay on their date)."""
    return occurrence.start if occurrence.all_day else occurrence.start.astimezone()


def time_words(occurrence: Occurrence) -> str:
    if occurrence.all_day:
        return "All day"
    start = occurrence.start.astimezone()
    end = occurrence.end.astimezone()
    return f"{start:%H:%M}–{end:%H:%M}"


class MonthTableModel(QAbstractTableModel):
    """Six weeks from the week holding the 1st; each cell is a day and its occurrences."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.month = date.today().replace(day=1)
        self.week_start = 0
        self.today = date.today()
        self._days: dict[date, list[Occurrence]] = {}

    def first_day(self) -> date:
        return self.month - timedelta(days=(self.month.weekday() - self.week_start) % 7)

    def last_day(self) -> date:
        return self.first_day() + timedelta(days=41)

    def set_month(self, month: date, week_start: int, occurrences: list[Occurrence],
                  today: date | None = None) -> None:
        self.beginResetModel()
        self.month = month.replace(day=1)
        self.week_start = week_start
        self.today = today or date.today()
        self._days = {}
        for occurrence in occurrences:
            self._days.setdefault(local_start(occurrence).date(), []).append(occurrence)
        self.endResetModel()

    def day_at(self, row: int, column: int) -> date:
        return self.first_day() + timedelta(days=row * 7 + column)

    def index_of(self, day: date) -> QModelIndex:
        offset = (day - self.first_day()).days
        if not 0 <= offset < 42:
            return QModelIndex()
        return self.index(offset // 7, offset % 7)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 6

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < 7:
            return WEEKDAY_NAMES[(section + self.week_start) % 7]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < 6 and 0 <= index.column() < 7):
            return None
        day = self.day_at(index.row(), index.column())
        events = self._days.get(day, [])
        if role == Qt.ItemDataRole.DisplayRole:
            return str(day.day)
        if role == DATE_ROLE:
            return day
        if role == OCCURRENCES_ROLE:
            return list(events)
        if role == IN_MONTH_ROLE:
            return day.month == self.month.month
        if role == TODAY_ROLE:
            return day == self.today
        if role == Qt.ItemDataRole.AccessibleTextRole:
            what = "; ".join(f"{time_words(o)} {o.title}" for o in events) or "nothing planned"
            today = ", today" if day == self.today else ""
            return f"{day:%A} {day.day} {day:%B}{today}: {what}"
        if role == Qt.ItemDataRole.ToolTipRole and events:
            return tip("\n".join(f"{time_words(o)}  {o.title}" for o in events))
        return None


AGENDA_COLUMNS = ("Date", "Time", "What", "Kind", "Status", "Afterwards")


class AgendaTableModel(RowsTableModel):
    """Occurrences in a date range, one row each, in time order."""

    COLUMNS = AGENDA_COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Occurrence] = []
        self._names: dict[int, str] = {}

    def set_occurrences(self, occurrences: list[Occurrence], names: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows = list(occurrences)
        self._names = dict(names)
        self.endResetModel()

    def occurrence(self, row: int) -> Occurrence:
        return self._rows[row]


    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        o = self._rows[index.row()]
        column = index.column()
        if role == OCCURRENCE_ROLE:
            return o
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._display(o, column)
            return text or ("none" if role == Qt.ItemDataRole.AccessibleTextRole else "")
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return kind_colour(o.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and (o.location or o.notes):
            return tip("\n".join(p for p in (o.location, o.notes) if p))
        return None

    def _display(self, o: Occurrence, column: int) -> str:
        start = local_start(o)
        if column == 0:
            return day_words(start.date(), year=start.year != date.today().year)
        if column == 1:
            return time_words(o)
        if column == 2:
            return o.title + (" ↻" if o.repeating else "")
        if column == 3:
            kind = KINDS_BY_KEY[o.kind]
            return f"{kind.icon} {kind.label}"
        if column == 4:
            return STATUS_WORDS[o.status]
        if column == 5:
            return " · ".join(f"{self._names.get(r.partner_id, '')} {r.rating}"
                              for r in o.reflections)
        return ""


IDEA_COLUMNS = ("Idea", "Time", "Cost", "Energy", "Where")
IDEA_ROLE = Qt.ItemDataRole.UserRole + 7


class IdeasTableModel(RowsTableModel):
    """The idea bank as a table: what, how long, how much, how lively, where."""

    COLUMNS = IDEA_COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_ideas(self, ideas: list) -> None:
        self.beginResetModel()
        self._rows = list(ideas)
        self.endResetModel()

    def idea(self, row: int):
        return self._rows[row]


    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        from app.domain.ideas import COSTS, DURATIONS, ENERGIES, PLACES

        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        idea = self._rows[index.row()]
        column = index.column()
        if role == IDEA_ROLE:
            return idea
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                kind = KINDS_BY_KEY[idea.kind]
                mine = " (yours)" if idea.custom else ""
                about = f" — {idea.description}" if idea.description else ""
                return f"{kind.icon} {idea.title}{mine}{about}"
            options = (None, DURATIONS, COSTS, ENERGIES, PLACES)[column]
            return dict(options)[(None, idea.duration, idea.cost, idea.energy,
                                  idea.place)[column]]
        if role == Qt.ItemDataRole.ToolTipRole and idea.description:
            return tip(idea.description)  # the couple's own ideas too
        return None
