"""Goals & Values: your values side by side, and the goals you plan together on a board and
in a list. Every change to a goal can be undone (Ctrl+Z) and redone (Ctrl+Shift+Z)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import changes
from app.domain.couple import Couple
from app.domain.errors import HearthError, ValidationError
from app.domain.goals import (
    CATEGORIES,
    STATUS_NAMES,
    STATUSES,
    TRANSITIONS,
    GoalChange,
    GoalInput,
    Win,
)
from ui.bus import DataBus
from ui.dialogs.goal_dialog import GoalDialog
from ui.models.goals_table_model import (
    CATEGORY,
    GOAL_ROLE,
    PROGRESS,
    REVIEW,
    TARGET,
    GoalFilterProxy,
    GoalsTableModel,
)
from ui.views.base import View
from ui.views.checkin_history import redo_keys
from ui.views.values_panel import ValuesPanel
from ui.widgets.common import add_shortcut, heading, muted, push_button
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.goal_board import NEXT_KEYS, PREVIOUS_KEYS, GoalBoardWidget
from ui.widgets.reflow import wrap_row
from ui.widgets.shown_text import plain, tip

if TYPE_CHECKING:
    from app.services import Services

# Where "move on" and "move back" take a goal from each column.
FORWARD = {"idea": "active", "active": "done", "let_go": "idea"}
BACK = {"active": "idea", "done": "active", "let_go": "active"}
Problem = tuple[str, str | None] | None


class GoalCommand(QUndoCommand):
    """One change to one goal. It has already happened when pushed; undo and redo apply the
    exact states before and after through the service. Its text says what happened, in
    the past tense ("added “Walk the Camino”")."""

    def __init__(self, view: GoalsView, change: GoalChange, text: str) -> None:
        super().__init__(text)
        self.view = view
        self.change = change
        self._done = True

    def redo(self) -> None:
        if self._done:  # the first redo is the action itself, already carried out
            self._done = False
            return
        self.view.apply_snapshot(self.change.after, self.change.goal_id,
                                 f"Redone: {self.text()} — Ctrl+Z undoes it again")

    def undo(self) -> None:
        self.view.apply_snapshot(self.change.before, self.change.goal_id,
                                 f"Undone: {self.text()} — Ctrl+Shift+Z redoes it")


class CelebrationWidget(QFrame):
    """A warm moment when a goal is done. Dismissed with its button, Escape, or by itself."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Celebration")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        self.title = QLabel(self)
        self.title.setObjectName("CelebrationTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.message = plain(QLabel(self))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.button = QPushButton("Lovely", self)
        self.button.setObjectName("Primary")
        self.button.setAccessibleName("Close the celebration")
        self.button.clicked.connect(self.hide)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(9000)
        self._timer.timeout.connect(self.hide)
        self._return_focus: QWidget | None = None
        self.hide()

    def celebrate(self, win: Win) -> None:
        self.title.setText("★  You did it — together!")
        self.message.setText(
            f"“{win.title}” is done. It's in your wins from "
            f"{win.won_on.day} {win.won_on:%B %Y} — take a moment to enjoy it.")
        self.setAccessibleName(f"You did it: {win.title}")
        parent = self.parentWidget()
        if parent is not None:
            width = min(640, parent.width() - 80)
            self.setFixedWidth(max(320, width))
            self.adjustSize()
            self.move((parent.width() - self.width()) // 2, 120)
        focus = QApplication.focusWidget()
        if focus is not None and focus is not self.button:
            self._return_focus = focus
        self.show()
        self.raise_()
        self.button.setFocus()
        self._timer.start()

    def hideEvent(self, event) -> None:
        """Give the keyboard back to where it was (e.g. the card just moved)."""
        super().hideEvent(event)
        back, self._return_focus = self._return_focus, None
        if back is not None and back.isVisible():
            back.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


class GoalsView(View):
    watches = (changes.GOALS, changes.VALUES, changes.COUPLE)

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(services, bus, parent)
        self.couple: Couple | None = None
        self.undo_stack = QUndoStack(self)
        self.model = GoalsTableModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 24)
        layout.setSpacing(12)
        layout.addWidget(heading("Goals & Values", "Title", self))
        layout.addWidget(muted(
            "What matters to each of you, and what you're building together.", self))

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Goals and values")
        self.tabs.setDocumentMode(True)
        self.values = ValuesPanel(services, bus)
        self.board_page = QWidget()
        self.list_page = QWidget()
        self.tabs.addTab(self.values, "Our values")
        self.tabs.addTab(self.board_page, "Goals board")
        self.tabs.addTab(self.list_page, "Goals list")
        layout.addWidget(self.tabs, 1)

        self.actions_bar = self._build_actions()
        self.filters_bar = self._build_filters()
        board_layout = QVBoxLayout(self.board_page)
        board_layout.setContentsMargins(0, 8, 0, 0)
        self.board = GoalBoardWidget(self.model, self.board_page)
        self.board.open_requested.connect(self.edit_goal)
        self.board.move_requested.connect(self.move_goal)
        self.empty = muted(
            "No goals yet. What would you two like to do, have or become? Start with "
            "“New goal” — an idea is enough.", self.board_page)
        self.empty.setObjectName("EmptyState")
        board_layout.addWidget(self.empty)
        self.board_area = QScrollArea(self.board_page)  # where the columns stack, they scroll
        self.board_area.setWidgetResizable(True)
        self.board_area.setFrameShape(QFrame.Shape.NoFrame)
        self.board_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.board_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.board.setObjectName("ScrollBody")
        self.board_area.setWidget(self.board)
        board_layout.addWidget(self.board_area, 1)

        list_layout = QVBoxLayout(self.list_page)
        list_layout.setContentsMargins(0, 8, 0, 0)
        self.proxy = GoalFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self.list_page)
        self.table.setAccessibleName("Goals")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setMinimumSectionSize(60)
        self.table.viewport().installEventFilter(self)
        self.table.activated.connect(self._open_row)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.board.selection_changed.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._open_row)
        list_layout.addWidget(self.table, 1)

        self.status = plain(muted("", self))
        self.status.setAccessibleName("What just happened")
        self.status.hide()  # until there is something to say
        self.celebration = CelebrationWidget(self)
        self.goal_tools = QWidget(self)
        tools = QVBoxLayout(self.goal_tools)
        tools.setContentsMargins(0, 0, 0, 0)
        tools.setSpacing(8)
        tools.addWidget(self.actions_bar)
        tools.addWidget(self.filters_bar)
        tools.addWidget(self.status)
        self.tabs.currentChanged.connect(self._tab_changed)

        add_shortcut(self, QKeySequence.StandardKey.New, self.new_goal)
        add_shortcut(self, QKeySequence.StandardKey.Undo, self.undo_stack.undo)
        add_shortcut(self, redo_keys(), self.undo_stack.redo)
        add_shortcut(self, NEXT_KEYS, lambda: self.step(FORWARD))
        add_shortcut(self, PREVIOUS_KEYS, lambda: self.step(BACK))
        add_shortcut(self, QKeySequence.StandardKey.Delete, self.delete_selected)
        add_shortcut(self, QKeySequence.StandardKey.Find, self.search.setFocus)
        self._tab_changed(self.tabs.currentIndex())
        self.reload()
        self._size_columns()

    # -- building ------------------------------------------------------------------------------

    def _build_actions(self) -> QWidget:
        bar = QWidget(self)
        row = FlowLayout(bar, spacing=8)  # wraps at large text instead of widening the window
        policy = bar.sizePolicy()
        policy.setHeightForWidth(True)
        bar.setSizePolicy(policy)
        self.new_button = push_button("New goal", self.new_goal, self, primary=True)
        self.new_button.setToolTip("New goal (Ctrl+N)")
        self.open_button = push_button("Open", self.edit_selected, self, "Open goal")
        self.back_button = push_button("◀ Move back", lambda: self.step(BACK), self, "Move back")
        self.back_button.setToolTip("Move to the previous column (Ctrl+Shift+←)")
        self.forward_button = push_button("Move on ▶", lambda: self.step(FORWARD), self, "Move on")
        self.forward_button.setToolTip("Move to the next column (Ctrl+Shift+→)")
        self.let_go_button = push_button("Let go", lambda: self.move_selected("let_go"), self)
        self.delete_button = push_button("Delete", self.delete_selected, self, "Delete goal")
        self.undo_button = push_button("Undo", self.undo_stack.undo, self)
        self.redo_button = push_button("Redo", self.undo_stack.redo, self)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda text: self.undo_button.setToolTip(tip(f"Undo: {text} (Ctrl+Z)") if text
                                                     else ""))
        self.undo_stack.redoTextChanged.connect(
            lambda text: self.redo_button.setToolTip(tip(f"Redo: {text} (Ctrl+Shift+Z)") if text
                                                     else ""))
        for button in (self.new_button, self.open_button, self.back_button,
                       self.forward_button, self.let_go_button, self.delete_button,
                       self.undo_button, self.redo_button):
            row.addWidget(button)
        return bar

    def _build_filters(self) -> QWidget:
        bar, row = wrap_row(self)  # wraps at large text instead of widening the window
        self.status_filter = QComboBox(bar)
        self.status_filter.setAccessibleName("Show goals")
        self.status_filter.addItem("Every status", None)
        for key, label in STATUSES:
            self.status_filter.addItem(label, key)
        self.category_filter = QComboBox(bar)
        self.category_filter.setAccessibleName("Category")
        self.category_filter.addItem("Every category", None)
        for key, label in CATEGORIES:
            self.category_filter.addItem(label, key)
        self.owner_filter = QComboBox(bar)
        self.owner_filter.setAccessibleName("Whose goals")
        self.search = QLineEdit(bar)
        self.search.setPlaceholderText("Search goals…")
        self.search.setAccessibleName("Search goals")
        self.search.setClearButtonEnabled(True)
        for combo in (self.status_filter, self.category_filter, self.owner_filter):
            combo.currentIndexChanged.connect(self._filter)
            row.add(combo)
        self.search.textChanged.connect(self._filter)
        row.add(self.search, 1, 16)
        return bar

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._size_columns()
        return super().eventFilter(watched, event)

    # -- showing -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.couple = self.services.couple.get()
        values = {v.id: v.name for v in self.services.values.values()}
        goals = self.services.goals.goals() if self.couple else ()
        selected = self.selected()
        self.model.set_goals(self.couple, goals, values)
        if self.couple is not None:
            current = self.owner_filter.currentData()
            self.owner_filter.blockSignals(True)
            self.owner_filter.clear()
            self.owner_filter.addItem("Everyone's", None)
            self.owner_filter.addItem("Shared goals", 0)
            for partner in self.couple.partners:
                self.owner_filter.addItem(f"{partner.name}'s", partner.id)
            self.owner_filter.setCurrentIndex(max(0, self.owner_filter.findData(current)))
            self.owner_filter.blockSignals(False)
        self.empty.setVisible(not goals)
        self.board_area.setVisible(bool(goals))
        self._filter()
        if selected is not None:
            self.select(selected.id)
        self.values.reload()
        self._update_buttons()

    def restyle(self) -> None:
        self.reload()
        self._size_columns()

    def _size_columns(self) -> None:
        """Columns wide enough for their words at the current text size; the goal's title
        takes the rest of the width (never less than a short title needs). Where that is
        more than the list has, the less needed columns step aside — review date, target,
        category, then progress (the board and each goal still show them) — rather than
        hide the goals behind a sideways scroll bar."""
        cells = self.table.fontMetrics()
        header = self.table.horizontalHeader().fontMetrics()
        samples = ("", "Working on it", "Growth", "Both of us", "100 %", "30 September 2027",
                   "30 September 2027")
        wanted = {}
        for column, sample in enumerate(samples[1:], start=1):
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            wanted[column] = max(cells.horizontalAdvance(sample),
                                 header.horizontalAdvance(title) + 12) + 16
        shortest = cells.horizontalAdvance("Save a three-month cushion") + 16
        available = self.table.viewport().width()
        shown = list(wanted)
        for column in (REVIEW, TARGET, CATEGORY, PROGRESS):
            if shortest + sum(wanted[c] for c in shown) <= available:
                break
            shown.remove(column)
        for column, width in wanted.items():
            self.table.setColumnHidden(column, column not in shown)
            self.table.setColumnWidth(column, width)
        rest = available - sum(wanted[c] for c in shown)
        self.table.setColumnWidth(0, max(rest, shortest))

    def _tab_changed(self, index: int) -> None:
        """The goal tools (actions, filters, messages) sit at the top of the board or list."""
        page = self.tabs.widget(index)
        if page in (self.board_page, self.list_page):
            page.layout().insertWidget(0, self.goal_tools)
            self.goal_tools.show()
        elif self.goal_tools.parentWidget() is self:  # not placed on a goals page yet
            self.goal_tools.hide()
        self.status_filter.setVisible(page is self.list_page)
        self._filter()
        self._update_buttons()

    def _filter(self, *_args) -> None:
        filters = {
            "category": self.category_filter.currentData(),
            "owner": self.owner_filter.currentData(),
            "words": self.search.text(),
        }
        self.board.set_filters(**filters)
        self.proxy.set_filters(status=self.status_filter.currentData(), **filters)

    def selected(self):
        if self.tabs.currentWidget() is self.list_page:
            rows = self.table.selectionModel().selectedRows()
            return self.proxy.data(rows[0], GOAL_ROLE) if rows else None
        if self.tabs.currentWidget() is self.board_page:
            return self.board.selected()
        return None

    def select(self, goal_id: int) -> None:
        self.board.select(goal_id)
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, GOAL_ROLE).id == goal_id:
                self.table.selectRow(row)
                break
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        goal = self.selected()
        for button in (self.open_button, self.delete_button):
            button.setEnabled(goal is not None)
        self.forward_button.setEnabled(goal is not None and goal.status in FORWARD)
        self.back_button.setEnabled(goal is not None and goal.status in BACK)
        self.let_go_button.setEnabled(goal is not None and "let_go" in TRANSITIONS[goal.status])

    # -- actions -----------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        """The status line: shown while it has something to say."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _run(self, action: Callable[[], tuple[GoalChange, object]], text: str,
             message: str | None = None) -> Problem:
        """Carry out one change, make it undoable, and tell everyone. ``text`` says what
        happened ("added “…”"); the status line says it and how to undo it (or ``message``).
        Returns a problem to show, or None when it worked."""
        try:
            change, changeset = action()
        except HearthError as exc:
            self._say(exc.message)
            field = exc.field if isinstance(exc, ValidationError) else None
            return exc.message, field
        if change.before == change.after:
            return None
        self.undo_stack.push(GoalCommand(self, change, text))
        self.bus.publish(changeset)
        self._say(message or f"{text[0].upper()}{text[1:]} — Ctrl+Z undoes it")
        if change.after is not None:
            self.select(change.after.goal.id)
        if change.win is not None:
            self.celebration.celebrate(change.win)
        return None

    def apply_snapshot(self, snapshot, goal_id: int, message: str) -> None:
        try:
            changeset = self.services.goals.apply(snapshot, goal_id)
        except HearthError as exc:
            self._say(f"That couldn't be changed back: {exc.message}")
            return
        self.bus.publish(changeset)
        self._say(message)
        if snapshot is not None:
            self.select(snapshot.goal.id)

    def _dialog(self, goal=None) -> GoalDialog | None:
        if self.couple is None:
            return None
        return GoalDialog(self.services, self.couple, self.services.values.values(),
                          self._submit_for(goal), goal, self)

    def _submit_for(self, goal):
        def submit(data: GoalInput) -> Problem:
            if goal is None:
                return self._run(lambda: self.services.goals.create(data),
                                 f"added “{data.title.strip()}”")
            return self._run(lambda: self.services.goals.update(goal.id, data),
                             f"changed “{data.title.strip()}”")

        return submit

    def new_goal(self) -> None:
        if self.tabs.currentWidget() is self.values:
            self.tabs.setCurrentWidget(self.board_page)
        dialog = self._dialog()
        if dialog is not None:
            dialog.exec()

    def edit_goal(self, goal_id: int) -> None:
        try:
            goal = self.services.goals.get(goal_id)
        except HearthError as exc:
            self._say(exc.message)
            return
        dialog = self._dialog(goal)
        if dialog is not None:
            dialog.exec()

    def edit_selected(self) -> None:
        goal = self.selected()
        if goal is not None:
            self.edit_goal(goal.id)

    def _open_row(self, index) -> None:
        goal = self.proxy.data(index, GOAL_ROLE)
        if goal is not None:
            self.edit_goal(goal.id)

    def move_goal(self, goal_id: int, status: str) -> Problem:
        try:
            goal = self.services.goals.get(goal_id)
        except HearthError as exc:
            self._say(exc.message)
            return exc.message, None
        if goal.status == status:
            return None
        return self._run(lambda: self.services.goals.set_status(goal_id, status),
                         f"moved “{goal.title}” to {STATUS_NAMES[status]}")

    def move_selected(self, status: str) -> None:
        goal = self.selected()
        if goal is not None:
            self.move_goal(goal.id, status)

    def step(self, direction: dict[str, str]) -> None:
        goal = self.selected()
        if goal is None:
            self._say("Choose a goal first.")
            return
        target = direction.get(goal.status)
        if target is None:
            self._say(f"“{goal.title}” is already as far as it goes that way.")
            return
        self.move_goal(goal.id, target)

    def delete_selected(self) -> None:
        goal = self.selected()
        if goal is None or self.tabs.currentWidget() is self.values:
            return
        self._run(lambda: self.services.goals.delete(goal.id), f"deleted “{goal.title}”",
                  f"Deleted “{goal.title}” — Ctrl+Z brings it back")

    # -- the window is closing -----------------------------------------------------------------

    def about_to_close(self) -> None:
        self.values.save_draft()

    def hideEvent(self, event) -> None:
        self.values.save_draft()
        super().hideEvent(event)

    # -- for ui.screenshots --------------------------------------------------------------------

    def screenshot_states(self):
        def board() -> None:
            self.tabs.setCurrentWidget(self.board_page)

        def listing() -> None:
            self.tabs.setCurrentWidget(self.list_page)

        def sorting() -> None:
            self.tabs.setCurrentWidget(self.values)
            self.values.begin("private_reveal")

        def curtain() -> None:
            ratings = {v.id: 3 + (v.id % 3) - 1 for v in self.services.values.values()}
            self.values.sorts[0].set_ratings(ratings)
            self.values.private.set_stage("handover")

        def back() -> None:
            self.values.finish()
            self.tabs.setCurrentWidget(self.values)

        return [("board", board), ("list", listing), ("sort", sorting), ("curtain", curtain),
                (None, back)]

