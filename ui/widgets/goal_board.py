"""The goals board: a column per status, cards you can drag from one column to another.

Keyboard: arrows move between cards, Enter opens one, Ctrl+Shift+→ / ← moves the selected
card to the next / previous column (where that move is allowed).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.goals import CATEGORY_NAMES, HORIZON_NAMES, STATUSES, Goal
from ui import theme
from ui.models.goals_table_model import GOAL_ROLE, MIME_TYPE, GoalFilterProxy, GoalsTableModel
from ui.widgets.reflow import WrapLayout

PAD = 12
BAR = 6


class GoalCardDelegate(QStyledItemDelegate):
    """Paints a goal as a card: title, what and when, whose, and a progress bar."""

    def __init__(self, model: GoalsTableModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        small = QFont(option.font)
        small.setPointSizeF(max(8.0, option.font.pointSizeF() * 0.85))
        return title, small

    def _meta(self, goal: Goal) -> str:
        when = (f"by {goal.target_date.day} {goal.target_date:%B %Y}" if goal.target_date
                else HORIZON_NAMES.get(goal.horizon, ""))
        return " · ".join(p for p in (CATEGORY_NAMES.get(goal.category, ""), when) if p)

    @staticmethod
    def _width(option: QStyleOptionViewItem) -> int:
        """The card's width: the column's, whatever rect Qt asks about."""
        view = option.widget
        if isinstance(view, QListView):
            return max(160, view.viewport().width())
        return max(160, option.rect.width() or 240)

    def _title_rect(self, option: QStyleOptionViewItem, goal: Goal, width: int) -> QRect:
        title_font, _small = self._fonts(option)
        metrics = QFontMetrics(title_font)
        return metrics.boundingRect(QRect(0, 0, width, 10_000),
                                    int(Qt.TextFlag.TextWordWrap), goal.title)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        goal: Goal | None = index.data(GOAL_ROLE)
        width = self._width(option)
        if goal is None:
            return QSize(width, 60)
        _title, small = self._fonts(option)
        small_h = QFontMetrics(small).height()
        title_h = self._title_rect(option, goal, width - 4 - 2 * PAD).height()
        return QSize(width, 2 * PAD + title_h + 6 + small_h * 2 + 10 + BAR + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        goal: Goal | None = index.data(GOAL_ROLE)
        if goal is None:
            return
        t = theme.current()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRect(option.rect.left(), option.rect.top(), self._width(option),
                     option.rect.height()).adjusted(2, 2, -2, -8)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.setPen(QPen(QColor(t.colour("accent" if selected else "border")),
                            2 if selected else 1))
        painter.setBrush(QColor(t.colour("accent_soft" if selected else "surface")))
        painter.drawRoundedRect(card, 10, 10)
        owner = self.model.owner_colour(goal)
        if owner:  # one partner's goal carries that partner's colour on its edge
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(owner))
            painter.drawRoundedRect(QRect(card.left(), card.top() + 8, 5, card.height() - 16),
                                    2, 2)
        inner = card.adjusted(PAD, PAD, -PAD, -PAD)
        title_font, small = self._fonts(option)
        painter.setFont(title_font)
        painter.setPen(QColor(t.colour("text")))
        title_h = self._title_rect(option, goal, inner.width()).height()
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), title_h),
                         int(Qt.TextFlag.TextWordWrap), goal.title)
        y = inner.top() + title_h + 6
        painter.setFont(small)
        small_h = QFontMetrics(small).height()
        painter.setPen(QColor(t.colour("muted")))
        metrics = QFontMetrics(small)
        painter.drawText(QRect(inner.left(), y, inner.width(), small_h),
                         int(Qt.AlignmentFlag.AlignLeft),
                         metrics.elidedText(self._meta(goal), Qt.TextElideMode.ElideRight,
                                            inner.width()))
        y += small_h
        whose = self.model.owner_name(goal)
        values = self.model.value_names(goal)
        line = whose + (" · " + ", ".join(values) if values else "")
        painter.setPen(QColor(owner) if owner else QColor(t.colour("muted")))
        painter.drawText(QRect(inner.left(), y, inner.width(), small_h),
                         int(Qt.AlignmentFlag.AlignLeft),
                         metrics.elidedText(line, Qt.TextElideMode.ElideRight, inner.width()))
        y += small_h + 10
        label = f"{goal.progress} %"
        label_w = metrics.horizontalAdvance(label) + 8
        bar = QRect(inner.left(), y, inner.width() - label_w, BAR)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(t.colour("border")))
        painter.drawRoundedRect(bar, 3, 3)
        if goal.progress:
            filled = QRect(bar.left(), bar.top(), round(bar.width() * goal.progress / 100), BAR)
            painter.setBrush(QColor(owner or t.colour("accent")))
            painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(QColor(t.colour("muted")))
        painter.drawText(QRect(bar.right() + 8, y - small_h // 2 + BAR // 2, label_w, small_h),
                         int(Qt.AlignmentFlag.AlignLeft), label)
        if focused:
            painter.setPen(QPen(QColor(t.colour("accent")), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(3, 3, -3, -3), 8, 8)
        painter.restore()


class BoardColumnView(QListView):
    """One status column. Accepts cards dropped from any column."""

    dropped = Signal(int, str)  # goal id, this column's status

    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setObjectName("BoardColumn")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setSpacing(0)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(MIME_TYPE):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(MIME_TYPE):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        data = event.mimeData()
        if not data.hasFormat(MIME_TYPE):
            event.ignore()
            return
        try:
            goal_id = int(bytes(data.data(MIME_TYPE)).decode())
        except ValueError:
            event.ignore()
            return
        # The data changes through the service; the card moves when the board reloads, so
        # Qt must not remove anything itself.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.dropped.emit(goal_id, self.status)


class BoardLane(QFrame):
    """One column's frame: tall enough for its title and a card or two at any text size."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.fontMetrics().lineSpacing() * 13))


class GoalBoardWidget(QWidget):
    """The four columns side by side — two and two (or one under the other) where a row
    of four would make the cards too narrow for their words."""

    open_requested = Signal(int)
    move_requested = Signal(int, str)
    selection_changed = Signal()

    def __init__(self, model: GoalsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setAccessibleName("Goals board")
        row = WrapLayout(self, spacing=14, top=True, fill=True, grow=True, balanced=True)
        row.setContentsMargins(0, 8, 0, 0)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.columns: dict[str, BoardColumnView] = {}
        self.proxies: dict[str, GoalFilterProxy] = {}
        self.counts: dict[str, QLabel] = {}
        self.delegate = GoalCardDelegate(model, self)
        for status, label in STATUSES:
            frame = BoardLane(self)
            frame.setObjectName("BoardLane")
            lane = QVBoxLayout(frame)
            lane.setContentsMargins(10, 10, 10, 10)
            lane.setSpacing(8)
            title = QLabel(label, frame)
            title.setObjectName("SectionTitle")
            count = QLabel(frame)
            count.setObjectName("Muted")
            header = QHBoxLayout()
            header.addWidget(title)
            header.addStretch(1)
            header.addWidget(count)
            lane.addLayout(header)
            proxy = GoalFilterProxy(self)
            proxy.setSourceModel(model)
            proxy.set_filters(status=status)
            view = BoardColumnView(status, frame)
            view.setAccessibleName(f"{label} column")
            view.setModel(proxy)
            view.setItemDelegate(self.delegate)
            view.activated.connect(lambda index, p=proxy: self._open(p, index))
            view.doubleClicked.connect(lambda index, p=proxy: self._open(p, index))
            view.dropped.connect(self.move_requested)
            view.selectionModel().selectionChanged.connect(self.selection_changed)
            lane.addWidget(view, 1)
            row.add(frame, 1, 20)
            self.columns[status] = view
            self.proxies[status] = proxy
            self.counts[status] = count
        model.modelReset.connect(self._update_counts)
        self._update_counts()

    def _update_counts(self) -> None:
        for status, proxy in self.proxies.items():
            n = proxy.rowCount()
            self.counts[status].setText(str(n) if n else "")

    def _open(self, proxy: GoalFilterProxy, index: QModelIndex) -> None:
        goal = proxy.data(index, GOAL_ROLE)
        if goal is not None:
            self.open_requested.emit(goal.id)

    def set_filters(self, **filters) -> None:
        for status, proxy in self.proxies.items():
            proxy.set_filters(status=status, **filters)
        self._update_counts()

    def selected(self) -> Goal | None:
        focus = self.focusWidget()
        views = [focus] if isinstance(focus, BoardColumnView) else []
        views += [v for v in self.columns.values() if v not in views]
        for view in views:
            indexes = view.selectionModel().selectedIndexes()
            if indexes:
                return view.model().data(indexes[0], GOAL_ROLE)
        return None

    def select(self, goal_id: int) -> None:
        """Select and focus a goal's card wherever it is now."""
        for view in self.columns.values():
            view.clearSelection()
        for view in self.columns.values():
            model = view.model()
            for row in range(model.rowCount()):
                index = model.index(row, 0)
                goal = model.data(index, GOAL_ROLE)
                if goal is not None and goal.id == goal_id:
                    view.setCurrentIndex(index)
                    view.scrollTo(index)
                    view.setFocus()
                    return

    def card_rect(self, goal_id: int) -> tuple[BoardColumnView, QRect] | None:
        """Where a goal's card is drawn (for tests and screenshots)."""
        for view in self.columns.values():
            model = view.model()
            for row in range(model.rowCount()):
                index = model.index(row, 0)
                if model.data(index, GOAL_ROLE).id == goal_id:
                    return view, view.visualRect(index)
        return None


NEXT_KEYS = QKeySequence("Ctrl+Shift+Right")
PREVIOUS_KEYS = QKeySequence("Ctrl+Shift+Left")
