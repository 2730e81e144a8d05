"""Drawing the calendar: month cells with their events, and the week's time grid where an
event can be dragged to another time or day, or stretched by its lower edge."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QModelIndex, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyledItemDelegate, QWidget

from app.domain.calendar import KINDS_BY_KEY, Occurrence
from ui import theme
from ui.models.calendar_models import (
    DATE_ROLE,
    IN_MONTH_ROLE,
    OCCURRENCES_ROLE,
    TODAY_ROLE,
    local_start,
)

SNAP_MINUTES = 15


class MonthCellDelegate(QStyledItemDelegate):
    """A day: its number (today in a filled circle) and up to a few events as chips."""

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
        day: date = index.data(DATE_ROLE)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        number = str(day.day)
        badge = QRect(rect.left() + 6, rect.top() + 4, metrics.height() + 6, metrics.height())
        if index.data(TODAY_ROLE):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(t.colour("accent")))
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(QColor(t.colour("on_accent")))
        else:
            painter.setPen(QColor(t.colour("text" if in_month else "muted")))
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), number)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.8))
        painter.setFont(small)
        line = QFontMetrics(small).height() + 4
        y = badge.bottom() + 4
        events: list[Occurrence] = index.data(OCCURRENCES_ROLE) or []
        room = max(0, (rect.bottom() - y) // line)
        shown = events if len(events) <= room else events[: max(0, room - 1)]
        for occurrence in shown:
            chip = QRect(rect.left() + 4, y, rect.width() - 8, line - 2)
            colour = QColor(KINDS_BY_KEY[occurrence.kind].colour)
            faded = occurrence.status == "skipped"
            colour.setAlpha(70 if faded else 215)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(QColor("#ffffff"))
            label = occurrence.title if occurrence.all_day else \
                f"{local_start(occurrence):%H:%M} {occurrence.title}"
            if occurrence.status == "done":
                label = "✓ " + label
            painter.drawText(chip.adjusted(5, 0, -4, 0),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             QFontMetrics(small).elidedText(label, Qt.TextElideMode.ElideRight,
                                                            chip.width() - 9))
            y += line
        if len(shown) < len(events):
            painter.setPen(QColor(t.colour("muted")))
            painter.drawText(QRect(rect.left() + 6, y, rect.width() - 8, line),
                             int(Qt.AlignmentFlag.AlignLeft), f"+{len(events) - len(shown)} more")
        painter.restore()

    def sizeHint(self, option, index: QModelIndex) -> QSize:
        return QSize(120, 96)


class WeekGridWidget(QWidget):
    """Seven days side by side, hours down the side. Drag an event to move it; drag its
    lower edge to make it longer or shorter. Double-click an empty slot to plan there."""

    open_requested = Signal(object)  # Occurrence
    create_requested = Signal(object)  # naive local datetime
    moved = Signal(object, object, object)  # Occurrence, new start, new end (naive local)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Week")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
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
        self.occurrences = [o for o in occurrences if not o.all_day]
        self.all_day = [o for o in occurrences if o.all_day]
        self.hour_height = max(36, QFontMetrics(self.font()).height() * 2 + 6)
        self._update_height()
        self.update()

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
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(QFontMetrics(self.font()).height() * 2 + 14)

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
                chip = QRectF(left + 2, metrics.height() + 8, width - 4, metrics.height())
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(KINDS_BY_KEY[all_day[0].kind].colour))
                painter.drawRoundedRect(chip, 4, 4)
                painter.setPen(QColor("#ffffff"))
                painter.drawText(chip.adjusted(4, 0, -2, 0), int(Qt.AlignmentFlag.AlignVCenter),
                                 metrics.elidedText(all_day[0].title,
                                                    Qt.TextElideMode.ElideRight, int(width) - 10))
        painter.setPen(QPen(QColor(t.colour("border")), 1))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.end()

    def _scrollbar(self) -> int:
        """The grid below has a vertical scroll bar; keep the columns lined up with it."""
        return max(0, self.width() - self.grid.width())
