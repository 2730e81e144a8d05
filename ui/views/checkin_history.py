"""The history of check-ins: filter by partner, dates and words; open, edit, delete, undo.

The table fits its width (no sideways scrolling at any text size): when, who, appreciation
and need first, the rest as room allows; the selected check-in is shown in full below it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.checkins import Checkin
from app.domain.couple import Couple
from app.domain.errors import HearthError
from app.services.checkins import CheckinFilter, DeletedCheckin
from ui import theme
from ui.bus import DataBus
from ui.dialogs.checkin_dialog import CheckinDialog
from ui.models.checkins_table_model import (
    APPRECIATION_COLUMN,
    CONNECTED_COLUMN,
    FEELINGS_COLUMN,
    MOOD_COLUMN,
    NEED_COLUMN,
    PRIVATE_COLUMN,
    SORT_ROLE,
    STRESS_COLUMN,
    WHEN_COLUMN,
    WHO_COLUMN,
    CheckinTableModel,
    day_words,
    moment_words,
)
from ui.widgets.checkin_card import checkin_detail_html
from ui.widgets.common import add_shortcut, muted, range_date_edit

# Shown when there is room, most useful first. When, appreciation and need always show, and
# who when the list holds both partners' check-ins.
OPTIONAL_COLUMNS = (PRIVATE_COLUMN, MOOD_COLUMN, CONNECTED_COLUMN, STRESS_COLUMN,
                    FEELINGS_COLUMN)

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
        who = history.name_of(checkin.partner_id)
        self.what = f"{who}'s check-in from {day_words(checkin.at)}"

    def redo(self) -> None:
        self.deleted, change = self.history.services.checkins.delete(self.checkin_id)
        self.history.bus.publish(change)
        self.history.status.setText(f"Deleted {self.what} — Ctrl+Z undoes it")

    def undo(self) -> None:
        if self.deleted is None:
            return
        _checkin, change = self.history.services.checkins.restore(self.deleted)
        self.history.bus.publish(change)
        self.history.status.setText(f"Brought back {self.what}")


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
        # A long name is shortened in the closed box (in full in its list), never widening
        # the window.
        self.partner.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.partner.setMinimumContentsLength(12)
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
        filters.addWidget(self.partner)
        filters.addWidget(self.range)
        filters.addWidget(self.search, 1)
        layout.addLayout(filters)
        # Custom dates get a line of their own below, so the filters never widen the window.
        self.dates_row = QWidget(self)
        dates = QHBoxLayout(self.dates_row)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.setSpacing(10)
        for text, edit in (("From", self.first), ("to", self.last)):
            label = QLabel(text, self.dates_row)
            label.setBuddy(edit)
            dates.addWidget(label)
            dates.addWidget(edit)
        dates.addStretch(1)
        self.dates_row.hide()
        layout.addWidget(self.dates_row)

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
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        # Columns are fitted to the width (see _fit_columns): never a sideways scroll bar.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())

        # The selected check-in, every answer in full (words wrap).
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName("The chosen check-in")
        self.detail.setContentsMargins(16, 12, 16, 12)
        self.detail_area = QScrollArea(self)
        self.detail_area.setObjectName("Card")
        self.detail_area.setWidgetResizable(True)
        self.detail_area.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_area.setWidget(self.detail)

        self.table_page = QWidget(self)
        table_layout = QVBoxLayout(self.table_page)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.setSpacing(12)
        table_layout.addWidget(self.table, 3)
        table_layout.addWidget(self.detail_area, 2)

        self.empty = muted("", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget(self)
        self.body.addWidget(self.table_page)
        self.body.addWidget(self.empty)
        layout.addWidget(self.body, 1)

        actions = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)
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
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_detail())
        self.proxy.modelReset.connect(self.show_detail)
        self.proxy.layoutChanged.connect(self.show_detail)
        self.reload()

    # -- fitting the table to its width ------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _wanted_widths(self) -> dict[int, int]:
        """What each column needs in the font in use (text columns: what they need at least)."""
        fm = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)  # headers are drawn bold
        titles = QFontMetrics(bold)
        pad = 24
        chars = fm.averageCharWidth()

        def width(column: int, *samples: str) -> int:
            # The header's title, with room for the sort arrow, fits too.
            title = titles.horizontalAdvance(self.model.COLUMNS[column]) + 2 * pad
            return max(title, *(fm.horizontalAdvance(sample) + pad for sample in samples))

        names = [p.name for p in self.couple.partners] if self.couple else ["Łukasz"]
        return {
            WHEN_COLUMN: width(WHEN_COLUMN, "Wed 30 September", "30 September 2026"),
            # A long name is shortened (the partner's colour still says whose it is).
            WHO_COLUMN: min(width(WHO_COLUMN, *names), chars * 8 + 2 * pad),
            APPRECIATION_COLUMN: chars * 12 + pad,
            NEED_COLUMN: chars * 12 + pad,
            MOOD_COLUMN: width(MOOD_COLUMN, "2 · a bit low"),
            CONNECTED_COLUMN: width(CONNECTED_COLUMN, "10/10"),
            STRESS_COLUMN: width(STRESS_COLUMN, "5 · overwhelmed"),
            FEELINGS_COLUMN: width(FEELINGS_COLUMN, "x" * 20),
            PRIVATE_COLUMN: chars * 16 + pad,
        }

    def _fit_columns(self) -> None:
        """Show when, who, appreciation and need always, then the other columns in order of
        use while they fit; appreciation and need share what is left. Nothing scrolls
        sideways."""
        available = self.table.viewport().width()
        wanted = self._wanted_widths()
        one_partner = self.partner.currentData() is not None
        allowed = set(OPTIONAL_COLUMNS)
        if not one_partner:
            allowed.discard(PRIVATE_COLUMN)  # notes to self only in one partner's list
        shown = [WHEN_COLUMN, APPRECIATION_COLUMN, NEED_COLUMN]
        if not one_partner:  # one partner's check-ins: the name would say nothing new
            shown.append(WHO_COLUMN)
        # Appreciation and need first get room for a good part of a sentence each.
        comfortable = 2 * (self.table.fontMetrics().averageCharWidth() * 30)
        used = sum(wanted[c] for c in shown if c not in (APPRECIATION_COLUMN, NEED_COLUMN))
        used += max(comfortable, wanted[APPRECIATION_COLUMN] + wanted[NEED_COLUMN])
        for column in OPTIONAL_COLUMNS:
            if column in allowed and used + wanted[column] <= available:
                shown.append(column)
                used += wanted[column]
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column not in shown)
        fixed = [c for c in shown if c not in (APPRECIATION_COLUMN, NEED_COLUMN)]
        for column in fixed:
            self.table.setColumnWidth(column, wanted[column])
        rest = max(available - sum(wanted[c] for c in fixed), 0)
        appreciation = max(rest // 2, 24)
        self.table.setColumnWidth(APPRECIATION_COLUMN, appreciation)
        self.table.setColumnWidth(NEED_COLUMN, max(rest - appreciation, 24))

    # -- the chosen check-in in full ---------------------------------------------------------

    def show_detail(self) -> None:
        checkin = self.selected()
        if checkin is None or self.couple is None:
            self.detail.setText(
                f'<p style="color:{theme.current().colour("muted")}">'
                "Choose a check-in to read it here in full.</p>")
            return
        partner = next(p for p in self.couple.partners if p.id == checkin.partner_id)
        other = next(p for p in self.couple.partners if p.id != checkin.partner_id)
        note_heading = None
        if self.partner.currentData() == partner.id:
            note_heading = (f"{partner.name}'s note to self — {other.name} can open it on "
                            "this computer too")
        text = checkin_detail_html(partner, checkin, moment_words(checkin.at), note_heading)
        self.detail.setText(text)

    def _range_changed(self, index: int) -> None:
        custom = RANGES[index][1] == -1
        self.first.setVisible(custom)
        self.last.setVisible(custom)
        self.dates_row.setVisible(custom)
        self.refresh()

    def reload(self) -> None:
        """Names may have changed: rebuild the partner filter, then the rows."""
        self.couple = self.services.couple.get()
        if self.couple is None:
            return
        chosen = self.partner.currentData()
        self.partner.blockSignals(True)
        self.partner.clear()
        self.partner.addItem("Both of you", None)
        for p in self.couple.partners:
            # Not "own": a partner's list shows their notes to self to whoever opens it.
            self.partner.addItem(f"{p.name}'s check-ins", p.id)
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
        self._fit_columns()  # notes to self only in one partner's list
        if rows:
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
            self.body.setCurrentWidget(self.table_page)
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
        self.show_detail()

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

    def name_of(self, partner_id: int) -> str:
        if self.couple is None:
            return ""
        return next((p.name for p in self.couple.partners if p.id == partner_id), "")
