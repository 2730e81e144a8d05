"""Goals as a table (the list) and as cards (the board's columns filter it by status)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from app.domain.couple import Couple
from app.domain.goals import CATEGORY_NAMES, HORIZON_NAMES, STATUS_NAMES, STATUSES, Goal
from ui import theme
from ui.models.base import RowsTableModel
from ui.widgets.shown_text import tip

COLUMNS = ("Goal", "Status", "Category", "Whose", "Progress", "Target", "Review")
CATEGORY, WHOSE, PROGRESS, TARGET, REVIEW = 2, 3, 4, 5, 6
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
GOAL_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
OWNER_ROLE = Qt.ItemDataRole.UserRole + 4
MIME_TYPE = "application/x-hearth-goal-id"
STATUS_ORDER = {key: i for i, (key, _label) in enumerate(STATUSES)}

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def short_date(day: date | None, today: date | None = None) -> str:
    """"5 December" this year, "5 December 2027" in another."""
    if day is None:
        return ""
    if day.year == (today or date.today()).year:
        return f"{day.day} {day:%B}"
    return f"{day.day} {day:%B %Y}"


class GoalsTableModel(RowsTableModel):
    COLUMNS = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Goal] = []
        self._names: dict[int, str] = {}
        self._colours: dict[int, str] = {}
        self._values: dict[int, str] = {}

    def set_goals(self, couple: Couple | None, goals: list[Goal] | tuple[Goal, ...],
                  value_names: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows = list(goals)
        self._values = dict(value_names)
        if couple is not None:
            current = theme.current()
            self._names = {p.id: p.name for p in couple.partners}
            self._colours = {p.id: current.partner_hex(p) for p in couple.partners}
        self.endResetModel()

    def goal(self, row: int) -> Goal:
        return self._rows[row]

    def row_of(self, goal_id: int) -> int | None:
        return next((i for i, g in enumerate(self._rows) if g.id == goal_id), None)

    def owner_name(self, goal: Goal) -> str:
        return self._names.get(goal.owner_id, "") if goal.owner_id else "Both of us"

    def owner_colour(self, goal: Goal) -> str | None:
        return self._colours.get(goal.owner_id) if goal.owner_id else None

    def value_names(self, goal: Goal) -> list[str]:
        return [self._values[v] for v in goal.value_ids if v in self._values]

    # -- Qt --------------------------------------------------------------------------------------


    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        goal = self._rows[index.row()]
        column = index.column()
        if role == GOAL_ROLE:
            return goal
        if role == STATUS_ROLE:
            return goal.status
        if role == OWNER_ROLE:
            return goal.owner_id or 0
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(goal, column)
        if role == SORT_ROLE:
            return self._sort_key(goal, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == WHOSE:
            colour = self.owner_colour(goal)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return tip(f"{HORIZON_NAMES.get(goal.horizon, '')}. {goal.why}".strip(" ."))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(goal, column) or "none"
        return None

    def _display(self, goal: Goal, column: int) -> str:
        if column == 0:
            return goal.title
        if column == 1:
            return STATUS_NAMES[goal.status]
        if column == CATEGORY:
            return CATEGORY_NAMES.get(goal.category, goal.category)
        if column == WHOSE:
            return self.owner_name(goal)
        if column == PROGRESS:
            return f"{goal.progress} %"
        if column == TARGET:
            return short_date(goal.target_date)
        if column == REVIEW:
            return short_date(goal.next_review)
        return ""

    def _sort_key(self, goal: Goal, column: int):
        if column == 1:
            return STATUS_ORDER[goal.status] * 100_000 + goal.position
        if column == PROGRESS:
            return goal.progress
        if column == TARGET:
            return goal.target_date.toordinal() if goal.target_date else 10**7
        if column == REVIEW:
            return goal.next_review.toordinal() if goal.next_review else 10**7
        return self._display(goal, column).casefold()

    # -- drag and drop: a card carries its goal's id ------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(MIME_TYPE, str(self._rows[rows[0]].id).encode())
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


class GoalFilterProxy(QSortFilterProxyModel):
    """Filters goals by status, category, owner and words in the title or why."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.status: str | None = None
        self.category: str | None = None
        self.owner: int | None = None  # 0: shared goals only
        self.words = ""

    def set_filters(self, *, status: str | None = None, category: str | None = None,
                    owner: int | None = None, words: str = "") -> None:
        modern = hasattr(self, "endFilterChange")  # Qt 6.10+; the older call is deprecated
        if modern:
            self.beginFilterChange()
        self.status, self.category, self.owner = status, category, owner
        self.words = words.strip().casefold()
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, GoalsTableModel) or source_row >= model.rowCount():
            return False
        goal = model.goal(source_row)
        if self.status is not None and goal.status != self.status:
            return False
        if self.category is not None and goal.category != self.category:
            return False
        if self.owner is not None and (goal.owner_id or 0) != self.owner:
            return False
        if self.words:
            text = " ".join((goal.title, goal.why, *model.value_names(goal),
                             *(m.text for m in goal.milestones))).casefold()
            if self.words not in text:
                return False
        return True
