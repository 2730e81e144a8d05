"""Drawing the calendar: month cells with their events, and the week's time grid where an
event can be dragged to another time or day, or stretched by its lower edge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QModelIndex, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QWidget,
)

from app.domain.calendar import KINDS_BY_KEY, Occurrence
from ui import theme
from ui.models.calendar_models import (
    DATE_ROLE,
    IN_MONTH_ROLE,
    OCCURRENCES_ROLE,
    TODAY_ROLE,
    local_start,
    time_words,
)
from ui.widgets.flow_layout import ItemsLayout

SNAP_MINUTES = 15


@dataclass(frozen=True)
class MonthCellLayout:
    """Where a day's parts go in its cell: the number, the events that fit (as many as
    there is room for, each on a line), and "+N more" beside the number for the rest —
    on the number's own line, so it is never cut."""

    number: QRect
    chips: tuple[QRect, ...]
    more: QRect | None
    more_text: str


def month_cell_layout(cell: QRect, font: QFont, count: int) -> MonthCellLayout:
    """The layout of a day with ``count`` events in ``cell``, at ``font`` (the view's)."""
    rect = cell.adjusted(1, 1, -1, -1)
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    number = QRect(rect.left() + 6, rect.top() + 2, metrics.height() + 6, metrics.height())
    small = QFontMetrics(chip_font(font))
    line = small.height() + 3  # a chip and the gap below it
    top = number.bottom() + 3
    room = max(0, (rect.bottom() - top) // line)
    shown = min(count, room)
    chips = tuple(QRect(rect.left() + 4, top + i * line, rect.width() - 8, line - 2)
                  for i in range(shown))
    hidden = count - shown
    if not hidden:
        return MonthCellLayout(number, chips, None, "")
    more = QRect(number.right() + 4, number.top(), rect.right() - 4 - number.right() - 4,
                 number.height())
    text = f"+{hidden} more"
    if small.horizontalAdvance(text) > more.width():
        text = f"+{hidden}"
    return MonthCellLayout(number, chips, more, text)


def month_row_least(font: QFont) -> int:
    """The height a month's day needs for its number and one title."""
    one = month_cell_layout(QRect(0, 0, 200, 1000), font, 1)
    return one.chips[0].bottom() + 5


def chip_font(font: QFont) -> QFont:
    """The smaller font of the events in a month's day."""
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
    return small


def chip_text(occurrence: Occurrence) -> str:
    label = occurrence.title if occurrence.all_day else \
        f"{local_start(occurrence):%H:%M} {occurrence.title}"
    return ("✓ " + label) if occurrence.status == "done" else label


class MonthCellDelegate(QStyledItemDelegate):
    """A day: its number (today in a filled circle), as many of its events as fit, and
    "+N more" beside the number when some don't."""

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        t = theme.current()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(1, 1, -1, -1)
        in_month = bool(index.data(IN_MONTH_ROLE))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        background = t.colour("surface") if in_month else t.colour("bg")
        painter.fillRect(rect, QColor(t.colour("accent_soft") if selected else background))
        painter.setPen(QPen(QColor(t.colour("border")), 1))
        painter.drawRect(rect)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(QColor(t.colour("accent")), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        day: date = index.data(DATE_ROLE)
        events: list[Occurrence] = index.data(OCCURRENCES_ROLE) or []
        parts = month_cell_layout(option.rect, option.font, len(events))
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        badge = parts.number
        if index.data(TODAY_ROLE):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(t.colour("accent")))
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(QColor(t.colour("on_accent")))
        else:
            painter.setPen(QColor(t.colour("text" if in_month else "muted")))
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), str(day.day))
        small = chip_font(option.font)
        painter.setFont(small)
        metrics = QFontMetrics(small)
        for occurrence, chip in zip(events, parts.chips, strict=False):
            colour = QColor(KINDS_BY_KEY[occurrence.kind].colour)
            colour.setAlpha(70 if occurrence.status == "skipped" else 215)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(chip.adjusted(5, 0, -4, 0),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             metrics.elidedText(chip_text(occurrence),
                                                Qt.TextElideMode.ElideRight, chip.width() - 9))
        if parts.more is not None:
            painter.setPen(QColor(t.colour("muted")))
            painter.drawText(parts.more, int(Qt.AlignmentFlag.AlignRight
                                             | Qt.AlignmentFlag.AlignVCenter), parts.more_text)
        painter.restore()

    def sizeHint(self, option, index: QModelIndex) -> QSize:
        return QSize(120, 96)


def event_words(occurrence: Occurrence) -> str:
    """An event as it is read out: "Date night, Friday 4 December, 19:00–21:00"."""
    start = local_start(occurrence)
    words = f"{occurrence.title}, {start:%A} {start.day} {start:%B}, {time_words(occurrence)}"
    if occurrence.status != "planned":
        words += f", {occurrence.status}"
    return words + (", repeats" if occurrence.repeating else "")


class WeekEventButton(QAbstractButton):
    """An event in the week's grid as the keyboard and assistive technology meet it: a
    button over the painted event, named by its title, day and time. The grid paints the
    event; this draws the focus ring around it. Enter or Space opens it, the arrow keys go
    to the other events. The mouse goes through it to the grid (drag, stretch, click)."""

    def __init__(self, grid: WeekGridWidget, occurrence: Occurrence,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent or grid)  # all-day events sit in the week's header
        self.grid = grid
        self.occurrence = occurrence
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the grid makes one of them a Tab stop
        self.setText(occurrence.title)
        self.setAccessibleName(event_words(occurrence))
        self.setAccessibleDescription("Enter opens it. The arrow keys go to other events.")
        self.clicked.connect(lambda: grid.open_requested.emit(self.occurrence))

    def paintEvent(self, event) -> None:
        if not self.hasFocus():
            return
        t = theme.current()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        outer = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        painter.setPen(QPen(QColor(t.colour("text")), 3))
        painter.drawRoundedRect(outer, 8, 8)
        painter.setPen(QPen(QColor(t.colour("surface")), 1.5))
        painter.drawRoundedRect(outer.adjusted(2.5, 2.5, -2.5, -2.5), 6, 6)
        painter.end()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
        elif not self.grid.move_focus(self, key):
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.grid._focused(self)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()


RING = 4  # how far an event's focus ring reaches around it


class WeekGridWidget(QWidget):
    """Seven days side by side, hours down the side. Drag an event to move it; drag its
    lower edge to make it longer or shorter. Double-click an empty slot to plan there."""

    open_requested = Signal(object)  # Occurrence
    create_requested = Signal(object)  # naive local datetime
    moved = Signal(object, object, object)  # Occurrence, new start, new end (naive local)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Week")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its events are the stops (buttons)
        self.setMouseTracking(True)
        self.buttons: list[WeekEventButton] = []
        self._current: tuple[int, datetime] | None = None  # the event that is the Tab stop
        self.header: WeekHeaderWidget | None = None  # shows the all-day events
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.first_day = date.today()
        self.today = date.today()
        self.occurrences: list[Occurrence] = []
        self.all_day: list[Occurrence] = []
        self.hour_height = 44
        self._drag: dict | None = None
        self._update_height()

    def _update_height(self) -> None:
        self.setFixedHeight(self._header() + 24 * self.hour_height + 4)

    def _header(self) -> int:
        return 6  # day names live in WeekHeaderWidget, above the scrolling hours

    def _gutter(self) -> int:
        return QFontMetrics(self.font()).horizontalAdvance("00:00") + 16

    def set_week(self, first_day: date, occurrences: list[Occurrence],
                 today: date | None = None) -> None:
        self.first_day = first_day
        self.today = today or date.today()
        self.occurrences = sorted((o for o in occurrences if not o.all_day),
                                  key=lambda o: (o.start.astimezone(), o.end.astimezone()))
        self.all_day = [o for o in occurrences if o.all_day]
        self.hour_height = max(36, QFontMetrics(self.font()).height() * 2 + 6)
        self._update_height()
        self._make_buttons()
        self.update()

    # -- the keyboard: one Tab stop for the week, arrows between its events ---------------------

    def _make_buttons(self) -> None:
        focus = QApplication.focusWidget()
        had_focus = any(focus is b for b in self.buttons)
        for button in self.buttons:
            button.hide()
            button.deleteLater()
        shown = self.occurrences + (self.all_day if self.header is not None else [])
        shown.sort(key=lambda o: (local_start(o).date(), not o.all_day,
                                  (0, 0) if o.all_day else (local_start(o).hour,
                                                            local_start(o).minute)))
        self.buttons = [WeekEventButton(self, o, self.header if o.all_day else None)
                        for o in shown]
        keys = [b.occurrence.key for b in self.buttons]
        if self._current not in keys:
            self._current = self._first_to_show()
        self._place_buttons()
        for button in self.buttons:
            button.show()
        current = self.button_for(self._current)
        if current is not None:
            current.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            if had_focus:
                current.setFocus(Qt.FocusReason.OtherFocusReason)

    def _first_to_show(self) -> tuple[int, datetime] | None:
        """Where Tab lands: the first event from today on, else the week's first."""
        if not self.buttons:
            return None
        for button in self.buttons:
            if local_start(button.occurrence).date() >= self.today:
                return button.occurrence.key
        return self.buttons[0].occurrence.key

    def _place_buttons(self) -> None:
        for button in self.buttons:
            if button.occurrence.all_day:
                if self.header is None:
                    continue
                rect = self.header.chip_rect(button.occurrence.start.date()).toAlignedRect()
            else:
                rect = self.event_rect(button.occurrence).toAlignedRect()
            button.setGeometry(rect.adjusted(-RING, -RING, RING, RING))

    def button_for(self, key: tuple[int, datetime] | None) -> WeekEventButton | None:
        return next((b for b in self.buttons if b.occurrence.key == key), None)

    def _focused(self, button: WeekEventButton) -> None:
        """``button`` has the focus: it becomes the Tab stop and is scrolled into view."""
        self._current = button.occurrence.key
        for other in self.buttons:
            other.setFocusPolicy(Qt.FocusPolicy.TabFocus if other is button
                                 else Qt.FocusPolicy.NoFocus)
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(button, 0, self.hour_height // 2)

    def move_focus(self, button: WeekEventButton, key: int) -> bool:
        """Arrow keys: ↓ ↑ the next or previous event in time, → ← the nearest in time of
        day on the next or previous day that has any; Home and End the week's first and
        last. Returns whether ``key`` was one of these."""
        order = self.buttons
        at = order.index(button)
        target = None
        if key == Qt.Key.Key_Down:
            target = order[min(at + 1, len(order) - 1)]
        elif key == Qt.Key.Key_Up:
            target = order[max(at - 1, 0)]
        elif key == Qt.Key.Key_Home:
            target = order[0]
        elif key == Qt.Key.Key_End:
            target = order[-1]
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            step = 1 if key == Qt.Key.Key_Right else -1
            start = local_start(button.occurrence)
            days = sorted({local_start(b.occurrence).date() for b in order},
                          reverse=step < 0)
            later = [d for d in days if (d - start.date()).days * step > 0]
            if later:
                day = later[0]
                minutes = start.hour * 60 + start.minute
                target = min((b for b in order if local_start(b.occurrence).date() == day),
                             key=lambda b: abs(local_start(b.occurrence).hour * 60
                                               + local_start(b.occurrence).minute - minutes))
            else:
                target = button
        else:
            return False
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_buttons()

    # -- geometry --------------------------------------------------------------------------

    def _column_width(self) -> float:
        return (self.width() - self._gutter()) / 7

    def _y_of(self, moment: datetime) -> float:
        return self._header() + (moment.hour + moment.minute / 60) * self.hour_height

    def event_rect(self, occurrence: Occurrence) -> QRectF:
        start = occurrence.start.astimezone().replace(tzinfo=None)
        end = occurrence.end.astimezone().replace(tzinfo=None)
        column = (start.date() - self.first_day).days
        top = self._y_of(start)
        if end.date() > start.date():
            bottom = self._header() + 24 * self.hour_height
        else:
            bottom = self._y_of(end)
        left = self._gutter() + column * self._column_width()
        return QRectF(left + 2, top + 1, self._column_width() - 4, max(14.0, bottom - top - 2))

    def moment_at(self, point: QPoint) -> datetime | None:
        x, y = point.x() - self._gutter(), point.y() - self._header()
        if x < 0 or y < 0:
            return None
        column = int(x // self._column_width())
        if not 0 <= column < 7:
            return None
        minutes = int(y / self.hour_height * 60)
        minutes = max(0, min(24 * 60 - SNAP_MINUTES, minutes - minutes % SNAP_MINUTES))
        return datetime.combine(self.first_day + timedelta(days=column), time(0)) + \
            timedelta(minutes=minutes)

    def occurrence_at(self, point: QPoint) -> tuple[Occurrence | None, bool]:
        """The event under ``point`` and whether the point is on its lower (resize) edge."""
        for occurrence in reversed(self.occurrences):
            rect = self.event_rect(occurrence)
            if rect.contains(point.toPointF()):
                return occurrence, point.y() >= rect.bottom() - 6
        return None, False

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        t = theme.current()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(t.colour("surface")))
        gutter, header, width = self._gutter(), self._header(), self._column_width()
        metrics = QFontMetrics(self.font())
        for column in range(7):
            if self.first_day + timedelta(days=column) == self.today:
                painter.fillRect(QRectF(gutter + column * width, 0, width, self.height()),
                                 QColor(t.colour("accent_soft")))
        painter.setPen(QPen(QColor(t.colour("border")), 1))
        for hour in range(25):
            y = header + hour * self.hour_height
            painter.drawLine(gutter, int(y), self.width(), int(y))
            if hour < 24:
                painter.setPen(QColor(t.colour("muted")))
                painter.drawText(QRectF(0, y + 2, gutter - 6, metrics.height()),
                                 int(Qt.AlignmentFlag.AlignRight), f"{hour:02d}:00")
                painter.setPen(QPen(QColor(t.colour("border")), 1))
        for column in range(8):
            x = gutter + column * width
            painter.drawLine(int(x), header, int(x), self.height())
        for occurrence in self.occurrences:
            self._paint_event(painter, occurrence, self.event_rect(occurrence), metrics)
        if self._drag and self._drag.get("preview") is not None:
            painter.setPen(QPen(QColor(t.colour("accent")), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self._drag["preview"], 6, 6)
        painter.end()

    def _paint_event(self, painter: QPainter, occurrence: Occurrence, rect: QRectF,
                     metrics: QFontMetrics) -> None:
        colour = QColor(KINDS_BY_KEY[occurrence.kind].colour)
        if occurrence.status == "skipped":
            colour.setAlpha(80)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(QColor("#ffffff"))
        start = occurrence.start.astimezone()
        title = ("✓ " if occurrence.status == "done" else "") + occurrence.title
        text = f"{start:%H:%M} {title}"
        painter.drawText(rect.adjusted(6, 2, -4, -2),
                         int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
                             | Qt.TextFlag.TextWordWrap), text)

    # -- the mouse: open, create, move, resize -------------------------------------------------

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        point = event.position().toPoint()
        occurrence, edge = self.occurrence_at(point)
        if occurrence is None:
            self._drag = None
            return
        moment = self.moment_at(point)
        self._drag = {"occurrence": occurrence, "resize": edge, "origin": moment,
                      "preview": None, "moved": False}

    def mouseMoveEvent(self, event) -> None:
        point = event.position().toPoint()
        if self._drag is None:
            _occurrence, edge = self.occurrence_at(point)
            self.setCursor(Qt.CursorShape.SizeVerCursor if edge else Qt.CursorShape.ArrowCursor)
            return
        moment = self.moment_at(point)
        if moment is None or self._drag["origin"] is None:
            return
        start, end = self._proposal(moment)
        if (start, end) != self._original():
            self._drag["moved"] = True
        self._drag["proposal"] = (start, end)
        self._drag["preview"] = self._preview(start, end)
        self.update()

    def mouseReleaseEvent(self, event) -> None:
        drag, self._drag = self._drag, None
        self.update()
        if not drag:
            return
        if drag.get("moved") and drag.get("proposal"):  # a plain click moves nothing
            start, end = drag["proposal"]
            self.moved.emit(drag["occurrence"], start, end)
            return
        button = self.button_for(drag["occurrence"].key)
        if button is not None:  # clicked: the keyboard carries on from there
            button.setFocus(Qt.FocusReason.MouseFocusReason)

    def mouseDoubleClickEvent(self, event) -> None:
        point = event.position().toPoint()
        occurrence, _edge = self.occurrence_at(point)
        if occurrence is not None:
            self.open_requested.emit(occurrence)
            return
        moment = self.moment_at(point)
        if moment is not None:
            self.create_requested.emit(moment)

    def _original(self) -> tuple[datetime, datetime]:
        o = self._drag["occurrence"]
        return (o.start.astimezone().replace(tzinfo=None),
                o.end.astimezone().replace(tzinfo=None))

    def _proposal(self, moment: datetime) -> tuple[datetime, datetime]:
        start, end = self._original()
        delta = moment - self._drag["origin"]
        if self._drag["resize"]:
            return start, max(start + timedelta(minutes=SNAP_MINUTES), end + delta)
        return start + delta, end + delta

    def _preview(self, start: datetime, end: datetime) -> QRectF:
        column = (start.date() - self.first_day).days
        left = self._gutter() + column * self._column_width()
        bottom = self._y_of(end) if end.date() == start.date() else \
            self._header() + 24 * self.hour_height
        return QRectF(left + 2, self._y_of(start), self._column_width() - 4,
                      max(14.0, bottom - self._y_of(start)))

    def sizeHint(self) -> QSize:
        return QSize(900, self.height())


class WeekHeaderWidget(QWidget):
    """The week's day names and all-day events, above the scrolling time grid."""

    def __init__(self, grid: WeekGridWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = grid
        grid.header = self
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(QFontMetrics(self.font()).height() * 2 + 14)

    def chip_rect(self, day: date) -> QRectF:
        """Where ``day``'s all-day events are shown."""
        metrics = QFontMetrics(self.font())
        gutter = self.grid._gutter()
        width = (self.width() - gutter - self._scrollbar()) / 7
        left = gutter + (day - self.grid.first_day).days * width
        return QRectF(left + 2, metrics.height() + 8, width - 4, metrics.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.grid._place_buttons()

    def paintEvent(self, event) -> None:
        t = theme.current()
        grid = self.grid
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(t.colour("surface")))
        metrics = QFontMetrics(self.font())
        gutter = grid._gutter()
        width = (self.width() - gutter - self._scrollbar()) / 7
        for column in range(7):
            day = grid.first_day + timedelta(days=column)
            left = gutter + column * width
            today = day == grid.today
            if today:
                painter.fillRect(QRectF(left, 0, width, self.height()),
                                 QColor(t.colour("accent_soft")))
            bold = QFont(self.font())
            bold.setBold(today)
            painter.setFont(bold)
            painter.setPen(QColor(t.colour("accent" if today else "text")))
            painter.drawText(QRectF(left, 4, width, metrics.height()),
                             int(Qt.AlignmentFlag.AlignCenter), f"{day:%a} {day.day}")
            painter.setFont(self.font())
            all_day = [o for o in grid.all_day if o.start.date() == day]
            if all_day:
                chip = self.chip_rect(day)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(KINDS_BY_KEY[all_day[0].kind].colour))
                painter.drawRoundedRect(chip, 4, 4)
                painter.setPen(QColor("#ffffff"))
                more = f" +{len(all_day) - 1}" if len(all_day) > 1 else ""
                room = int(width) - 10 - metrics.horizontalAdvance(more)
                painter.drawText(chip.adjusted(4, 0, -2, 0), int(Qt.AlignmentFlag.AlignVCenter),
                                 metrics.elidedText(all_day[0].title,
                                                    Qt.TextElideMode.ElideRight, room) + more)
        painter.setPen(QPen(QColor(t.colour("border")), 1))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.end()

    def _scrollbar(self) -> int:
        """The grid below has a vertical scroll bar; keep the columns lined up with it."""
        return max(0, self.width() - self.grid.width())


class PeriodBarLayout(ItemsLayout):
    """The calendar's navigation row: ◀ Today ▶, what is shown ("December 2026"), and the
    view buttons at the right end. The period is written in full where it fits, else
    shorter ("Dec 2026"); when even that would be cut, the view buttons move to a line of
    their own below and the period is whole again. As narrow as its widest line allows —
    it wraps rather than widening the window."""

    def __init__(self, parent: QWidget, navigation: list[QWidget], period: QLabel,
                 modes: QWidget, spacing: int = 8) -> None:
        super().__init__(parent)
        self._spacing = spacing
        self.navigation, self.period, self.modes = navigation, period, modes
        for widget in (*navigation, period, modes):
            self.addWidget(widget)
        self.texts: tuple[str, ...] = ("",)  # the period in full, then shorter
        self.beside = True  # whether the view buttons share the line
        self._rect = QRect()

    def set_texts(self, texts: tuple[str, ...]) -> None:
        self.texts = texts
        self.period.setToolTip(texts[0])
        self.period.setAccessibleDescription(texts[0])
        if self._rect.width() > 0:
            self._arrange(self._rect, apply=True)  # shown at once, not a moment later
        self.invalidate()

    # -- QLayout ---------------------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def minimumSize(self) -> QSize:
        nav = self._nav_width()
        width = max(nav + self._spacing + self._period_least(), self._modes_width())
        return QSize(width, self._line_height())

    def sizeHint(self) -> QSize:
        width = (self._nav_width() + self._spacing + self._text_width(self.texts[0])
                 + self._spacing + self._modes_width())
        return QSize(width, self._line_height())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._rect = QRect(rect)
        self._arrange(rect, apply=True)

    # -- placing ---------------------------------------------------------------------------------

    def _shown_navigation(self) -> list[QWidget]:
        return [w for w in self.navigation if not w.isHidden()]

    def _nav_width(self) -> int:
        shown = self._shown_navigation()
        return sum(w.sizeHint().width() for w in shown) + self._spacing * max(0, len(shown) - 1)

    def _modes_width(self) -> int:
        return self.modes.sizeHint().width()

    def _text_width(self, text: str) -> int:
        return self.period.fontMetrics().horizontalAdvance(text) + 4

    def _period_least(self) -> int:
        return min(self._text_width(t) for t in self.texts)

    def _line_height(self) -> int:
        return max([w.sizeHint().height() for w in (*self._shown_navigation(), self.modes)]
                   + [self.period.sizeHint().height()])

    def _arrange(self, rect: QRect, apply: bool) -> int:
        width = rect.width()
        nav = self._nav_width()
        start = nav + (self._spacing if nav else 0)
        room = width - start - self._spacing - self._modes_width()
        fitting = [t for t in self.texts if self._text_width(t) <= room]
        beside = bool(fitting)
        if beside:
            text = fitting[0]
        else:
            alone = [t for t in self.texts if self._text_width(t) <= width - start]
            text = alone[0] if alone else self.texts[-1]
            room = width - start
        line = self._line_height()
        height = line if beside else line * 2 + self._spacing
        if not apply:
            return height
        self.beside = beside
        if self.period.text() != text:
            self.period.setText(text)
        x, y = rect.x(), rect.y()
        for widget in self._shown_navigation():
            hint = widget.sizeHint()
            widget.setGeometry(QRect(x, y + (line - hint.height()) // 2, hint.width(),
                                     hint.height()))
            x += hint.width() + self._spacing
        self.period.setGeometry(QRect(rect.x() + start, y, max(0, room), line))
        modes = self.modes.sizeHint()
        top = y if beside else y + line + self._spacing
        self.modes.setGeometry(QRect(rect.right() + 1 - modes.width(),
                                     top + (line - modes.height()) // 2,
                                     modes.width(), modes.height()))
        return height
