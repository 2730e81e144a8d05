"""Rows that wrap instead of widening the window.

``WrapLayout`` places its items left to right like a row; when the width runs out, the next
item starts a new line. Items with a stretch share each line's spare width, so a search field
still fills its line and two side-by-side columns end up one under the other when there is no
room for both. ``spring()`` pushes what follows to the right (on a line without stretching
items; where the row wraps at a spring, what follows sits at the right of the next line).
Words that wrap (``QLabel.setWordWrap``) get the height they need for the width they are
given.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayoutItem, QSizePolicy, QSpacerItem, QWidget

from ui.widgets.flow_layout import ItemsLayout


class _Spring(QSpacerItem):
    """Spare width on a line goes here first (what follows it sits at the right end)."""

    def __init__(self) -> None:
        super().__init__(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)


class WrapLayout(ItemsLayout):
    """A row that wraps onto new lines; see the module's description."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8,
                 line_spacing: int | None = None, top: bool = False,
                 fill: bool = False, grow: bool = False, balanced: bool = False) -> None:
        super().__init__(parent)
        self._stretch: dict[int, int] = {}  # id(item) → stretch
        self._comfortable: dict[int, float] = {}  # id(item) → the ems it would like at least
        self._spacing = spacing
        self._line_spacing = spacing if line_spacing is None else line_spacing
        self._top = top  # items start at the top of their line (else they are centred)
        self._fill = fill  # items are as tall as their line (cards of one height)
        self._grow = grow  # lines share any height to spare (a board filling its page)
        self._balanced = balanced  # as many on each line: two and two, not three and one
        self._cache: dict[int, int] = {}

    # -- building --------------------------------------------------------------------------------

    def add(self, widget: QWidget, stretch: int = 0, ems: float = 0) -> QWidget:
        """Add ``widget``; with a ``stretch`` it takes a share of its line's spare width. It
        moves to the next line rather than be narrower than ``ems`` average characters of its
        font (at whatever text size is in force)."""
        self.addWidget(widget)
        item = self._items[-1]
        self._stretch[id(item)] = stretch
        self._comfortable[id(item)] = ems
        return widget

    def spring(self) -> None:
        self.addItem(_Spring())

    def takeAt(self, index: int) -> QLayoutItem | None:
        item = super().takeAt(index)
        if item is not None:
            self._stretch.pop(id(item), None)
            self._comfortable.pop(id(item), None)
        return item

    # -- sizes -----------------------------------------------------------------------------------

    def invalidate(self) -> None:
        if hasattr(self, "_cache"):  # not yet while the base class is being made
            self._cache.clear()
        super().invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        if self._grow:
            return Qt.Orientation.Horizontal | Qt.Orientation.Vertical
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if width not in self._cache:
            self._cache[width] = self._arrange(QRect(0, 0, width, 0), apply=False)
        return self._cache[width]

    def minimumSize(self) -> QSize:
        """As narrow as the widest item (each may have a line of its own)."""
        size = QSize(0, 0)
        for item in self._shown():
            if not isinstance(item, _Spring):
                size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        items = [i for i in self._shown() if not isinstance(i, _Spring)]
        width = sum(self._preferred(i) for i in items) + self._spacing * max(0, len(items) - 1)
        height = max((i.sizeHint().height() for i in items), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # -- placing ---------------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        shown = []
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            shown.append(item)
        return shown

    def _preferred(self, item: QLayoutItem) -> int:
        if isinstance(item, _Spring):
            return 0
        if self._stretch.get(id(item)):
            base = item.minimumSize().width()
        else:
            base = item.sizeHint().width()
        ems = self._comfortable.get(id(item), 0)
        widget = item.widget()
        comfortable = round(widget.fontMetrics().averageCharWidth() * ems) if ems and widget \
            else 0
        return max(base, comfortable, item.minimumSize().width())

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            line = lines[-1]
            if isinstance(item, _Spring):
                line.append(item)
                continue
            need = self._preferred(item)
            solid = [i for i in line if not isinstance(i, _Spring)]
            extra = need + (self._spacing if solid else 0)
            if solid and used + extra > width:
                carried: list[QLayoutItem] = []  # a spring at the break still pushes right
                while line and isinstance(line[-1], _Spring):
                    carried.insert(0, line.pop())
                lines.append([*carried, item])
                used = need
            else:
                line.append(item)
                used += extra
        while lines[-1] and isinstance(lines[-1][-1], _Spring):
            lines[-1].pop()
        lines = [line for line in lines if any(not isinstance(i, _Spring) for i in line)]
        if self._balanced and len(lines) > 1:
            solid = [i for line in lines for i in line if not isinstance(i, _Spring)]
            each = -(-len(solid) // len(lines))
            lines = [solid[start:start + each] for start in range(0, len(solid), each)]
        return lines

    def _height(self, item: QLayoutItem, width: int) -> int:
        if item.hasHeightForWidth():
            return max(item.heightForWidth(width), item.minimumSize().height())
        return item.sizeHint().height()

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        width = max(1, area.width())
        placed = []  # per line: (items, widths, heights, line height, spare width)
        for line in self._lines(width):
            solid = [i for i in line if not isinstance(i, _Spring)]
            widths = {id(i): min(self._preferred(i), width) for i in solid}
            spare = width - sum(widths.values()) - self._spacing * (len(solid) - 1)
            stretchy = [i for i in solid if self._stretch.get(id(i))]
            if spare > 0 and stretchy:  # stretching items first; springs take what's left
                total = sum(self._stretch[id(i)] for i in stretchy)
                given = 0
                for i in stretchy:
                    share = spare * self._stretch[id(i)] // total
                    widths[id(i)] += share
                    given += share
                widths[id(stretchy[-1])] += spare - given
                spare = 0
            heights = {id(i): self._height(i, widths[id(i)]) for i in solid}
            placed.append((line, widths, heights, max(heights.values(), default=0), spare))
        natural = sum(p[3] for p in placed) + self._line_spacing * max(0, len(placed) - 1)
        extra = area.height() - natural if apply and self._grow and placed else 0
        y = area.y()
        for number, (line, widths, heights, line_height, spare) in enumerate(placed):
            if extra > 0:  # the room left over is shared by the lines
                line_height += extra // len(placed) + (
                    extra % len(placed) if number == len(placed) - 1 else 0)
            if apply:
                springs = [i for i in line if isinstance(i, _Spring)]
                x = area.x()
                per_spring = max(0, spare) // len(springs) if springs else 0
                for item in line:
                    if isinstance(item, _Spring):
                        x += per_spring
                        continue
                    w, h = widths[id(item)], heights[id(item)]
                    if self._fill:
                        h = max(h, min(line_height, item.maximumSize().height()))
                    top = y if self._top else y + (line_height - h) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(w, h)))
                    x += w + self._spacing
            y += line_height
            if number < len(placed) - 1:
                y += self._line_spacing
        return y - rect.y() + margins.bottom()


def wrap_row(parent: QWidget | None = None, spacing: int = 8, top: bool = False,
             fill: bool = False) -> tuple[QWidget, WrapLayout]:
    """A widget holding a ``WrapLayout`` (its height follows its width)."""
    widget = QWidget(parent)
    layout = WrapLayout(widget, spacing, top=top, fill=fill)
    layout.setObjectName("WrapRow")
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    widget.setSizePolicy(policy)
    return widget, layout
