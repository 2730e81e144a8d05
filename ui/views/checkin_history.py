"""The history of check-ins: filter by partner, dates and words; open, edit, delete, undo."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.checkins import Checkin
from app.domain.couple import Couple
from app.domain.errors import HearthError
from app.services.checkins import CheckinFilter, DeletedCheckin
from ui.bus import DataBus
from ui.dialogs.checkin_dialog import CheckinDialog
from ui.models.checkins_table_model import PRIVATE_COLUMN, SORT_ROLE, CheckinTableModel
from ui.widgets.common import add_shortcut, muted, range_date_edit

if TYPE_CHECKING:
    from app.services import Services

RANGES = (("All time", None), ("Last 4 weeks", 28), ("Last 3 months", 92),
          ("Last 12 months", 365), ("Custom dates", -1))


def redo_keys() -> list[QKeySequence]:
    """The platform's redo keys plus Ctrl+Shift+Z, each once (no ambiguous shortcuts)."""
    keys = list(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
    extra = QKeySequence("Ctrl+Shift+Z")
    if all(k != extra for k in keys):
        keys.append(extra)
    return keys


class DeleteCheckinCommand(QUndoCommand):
    """Delete a check-in; undo brings it back exactly (same id, same sitting)."""

    def __init__(self, history: CheckinHistoryWidget, checkin: Checkin) -> None:
        super().__init__("delete check-in")
        self.history = history
        self.checkin_id = checkin.id
        self.deleted: DeletedCheckin | None = None

    def redo(self) -> None:
        self.deleted, change = self.history.services.checkins.delete(self.checkin_id)
        self.history.bus.publish(change)

    def undo(self) -> None:
        if self.deleted is None:
            return
        _checkin, change = self.history.services.checkins.restore(self.deleted)
        self.history.bus.publish(change)


class CheckinHistoryWidget(QWidget):
    count_changed = Signal(int)

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.couple: Couple | None = None
        self.undo_stack = QUndoStack(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(12)

        filters = QHBoxLayout()
        filters.setSpacing(10)
        self.partner = QComboBox(self)
        self.partner.setAccessibleName("Whose check-ins")
        self.range = QComboBox(self)
        self.range.setAccessibleName("Dates")
        for label, _days in RANGES:
            self.range.addItem(label)
        self.first = range_date_edit("From", QDate.currentDate().addMonths(-1), self)
        self.last = range_date_edit("To", QDate.currentDate(), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search words…")
        self.search.setAccessibleName("Search check-ins")
        self.search.setClearButtonEnabled(True)
        for widget in (self.partner, self.range, self.first, self.last):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        layout.addLayout(filters)

        self.model = CheckinTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Check-in history")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._size_columns()
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())

        self.empty = muted("", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget(self)
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)
        layout.addWidget(self.body, 1)

        actions = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("Muted")
        self.open_button = QPushButton("Open", self)
        self.open_button.setAccessibleName("Open check-in")
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setAccessibleName("Delete check-in")
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QPushButton("Undo", self)
        self.undo_button.setAccessibleName("Undo")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_button.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        actions.addWidget(self.status, 1)
        for button in (self.undo_button, self.open_button, self.delete_button):
            actions.addWidget(button)
        layout.addLayout(actions)

        add_shortcut(self, QKeySequence.StandardKey.Undo, self.undo_stack.undo)
        add_shortcut(self, redo_keys(), self.undo_stack.redo)
        add_shortcut(self, QKeySequence.StandardKey.Delete, self.delete_selected)
        add_shortcut(self, QKeySequence.StandardKey.Find, self.search.setFocus)

        self.partner.currentIndexChanged.connect(lambda _i: self.refresh())
        self.range.currentIndexChanged.connect(self._range_changed)
        self.first.dateChanged.connect(lambda _d: self.refresh())
        self.last.dateChanged.connect(lambda _d: self.refresh())
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.reload()

    def _size_columns(self) -> None:
        """Column widths from the font in use, so large text still fits."""
        fm = self.table.fontMetrics()
        samples = ("Wed 28 Oct 2026, 19:59", "Łukasz Wiśniewski", "5 · great", "Connected",
                   "5 · overwhelmed", "grateful, tired, hopeful", "You made tea without me",
                   "A quiet evening together")
        for column, sample in enumerate(samples):
            self.table.setColumnWidth(column, fm.horizontalAdvance(sample) + 32)

    def _range_changed(self, index: int) -> None:
        custom = RANGES[index][1] == -1
        self.first.setVisible(custom)
        self.last.setVisible(custom)
        self.refresh()

    def reload(self) -> None:
        """Names may have changed: rebuild the partner filter, then the rows."""
        self._size_columns()
        self.couple = self.services.couple.get()
        if self.couple is None:
            return
        chosen = self.partner.currentData()
        self.partner.blockSignals(True)
        self.partner.clear()
        self.partner.addItem("Both of you", None)
        for p in self.couple.partners:
            self.partner.addItem(f"{p.name}'s own", p.id)
        index = self.partner.findData(chosen)
        self.partner.setCurrentIndex(max(index, 0))
        self.partner.blockSignals(False)
        self.refresh()

    def current_filter(self) -> CheckinFilter:
        days = RANGES[self.range.currentIndex()][1]
        first = last = None
        if days == -1:
            first, last = self.first.date().toPython(), self.last.date().toPython()
        elif days is not None:
            last = date.today()
            first = last - timedelta(days=days)
        return CheckinFilter(self.partner.currentData(), first, last, self.search.text())

    def refresh(self) -> None:
        flt = self.current_filter()
        rows = self.services.checkins.history(flt)
        self.model.set_checkins(self.couple, rows)
        # Private notes only in a partner's own history.
        self.table.setColumnHidden(PRIVATE_COLUMN, flt.partner_id is None)
        if rows:
            self.body.setCurrentWidget(self.table)
        else:
            filtered = flt.text.strip() or flt.first or flt.partner_id is not None
            self.empty.setText(
                "Nothing matches these filters. Try a wider range or other words."
                if filtered else
                "No check-ins yet. When you check in, each one is kept here for you both."
            )
            self.body.setCurrentWidget(self.empty)
        self.status.setText(f"{len(rows)} check-in{'s' if len(rows) != 1 else ''}")
        self.count_changed.emit(len(rows))

    def selected(self) -> Checkin | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            current = self.table.currentIndex()
            if not current.isValid():
                return None
            indexes = [current]
        source = self.proxy.mapToSource(indexes[0])
        return self.model.checkin(source.row())

    def open_selected(self) -> None:
        checkin = self.selected()
        if checkin is None or self.couple is None:
            return
        partner = next(p for p in self.couple.partners if p.id == checkin.partner_id)
        dialog = CheckinDialog(
            self.services, self.bus, partner, checkin,
            show_private=self.partner.currentData() == partner.id, parent=self,
        )
        dialog.exec()

    def delete_selected(self) -> None:
        checkin = self.selected()
        if checkin is None:
            return
        try:
            self.undo_stack.push(DeleteCheckinCommand(self, checkin))
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        self.status.setText("Check-in deleted. Press Undo (Ctrl+Z) to bring it back.")
