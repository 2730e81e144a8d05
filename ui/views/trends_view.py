"""Trends: your rhythm and how each of you has been feeling, over a range you choose.

matplotlib (Figure + FigureCanvasQTAgg, never pyplot) is imported only when this view is
first created, i.e. when Trends is first opened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolTip,
    QWidget,
)

from app.domain import changes
from app.domain.errors import HearthError
from app.files import check_output_target, write_atomically
from ui import theme
from ui.bus import DataBus
from ui.charts import (
    ChartSpec,
    ChartStyle,
    LegendEntry,
    add_export_legend,
    chart_specs,
    legend_entries,
)
from ui.views.base import View, scroll_body
from ui.widgets.common import Card, heading, muted, range_date_edit

if TYPE_CHECKING:
    from app.domain.couple import Couple
    from app.services import Services

RANGES = (("Last 3 months", 91), ("Last 12 months", 365), ("All time", None),
          ("Custom dates", -1))
EXPORT_FILTERS = "PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"
SAVE_KINDS = ("png", "svg", "pdf")


def chart_style(couple: Couple | None) -> ChartStyle:
    current = theme.current()
    partners = couple.partners if couple else ()
    return ChartStyle(
        text=current.colour("text"),
        muted=current.colour("muted"),
        grid=current.colour("border"),
        background=current.colour("surface"),
        partner_colours={p.id: current.partner_hex(p) for p in partners},
        partner_names={p.id: p.name for p in partners},
        font_size=current.point_size(0.9),
        dark=current.dark,
    )


@cache
def chart_canvas_class() -> type:
    """FigureCanvasQTAgg that draws when Qt paints it, not on the event loop's next turn.

    matplotlib's canvas draws on the next turn after a change, which on opening Trends came
    before the scroll area had settled its width: every chart was drawn twice (at 912 and
    then 900 pixels), and the ones below the fold were drawn before anyone could see them.
    Drawing at paint time draws each chart once, at its final size, on-screen ones first;
    ``TrendsView`` then draws the rest in idle turns (``draw_if_pending``) so scrolling down
    finds them ready."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    class ChartCanvas(FigureCanvasQTAgg):
        def __init__(self, figure) -> None:
            super().__init__(figure)
            self.pending = False
            self.on_painted: Callable[[], None] | None = None

        def draw_idle(self) -> None:
            self.pending = True
            self.update()

        def draw(self) -> None:
            self.pending = False  # drawn now: the next paint only shows it
            super().draw()

        def draw_if_pending(self) -> bool:
            if not self.pending or self.width() <= 0 or self.height() <= 0:
                return False
            self.draw()
            return True

        def paintEvent(self, event) -> None:
            self.draw_if_pending()
            super().paintEvent(event)
            if self.on_painted is not None:
                self.on_painted()

    return ChartCanvas


class ChartCard(Card):
    """One chart: title, words, the canvas (or a friendly message), hover and export."""

    def __init__(self, spec: ChartSpec, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(spec.title, parent)
        from matplotlib.figure import Figure

        self.spec = spec
        self.data_dir = data_dir  # where a saved chart must never go
        self.series: Any = None
        self.style: ChartStyle | None = None
        self.entries: list[LegendEntry] = []
        self._drawn_style: ChartStyle | None = None
        self.body.addWidget(muted(spec.subtitle, self))
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName(f"{spec.title}: what the colours mean")
        self.body.addWidget(self.legend)
        # Fixed margins sized from the text, not a constrained layout: that re-measures
        # every label on each draw and was a third of a chart's drawing time.
        self.figure = Figure(figsize=(8, 3.2), dpi=100)
        self.canvas = chart_canvas_class()(self.figure)
        self.canvas.mpl_connect("resize_event", lambda _event: self._fit())
        self.canvas.setAccessibleName(spec.title)
        self.canvas.setMinimumHeight(round(300 * theme.current().text_size.scale))
        self.canvas.mpl_connect("motion_notify_event", self._hover)
        self.empty = muted("", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumHeight(120)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.empty)
        self.body.addWidget(self.stack)
        self.hover_text = QLabel(self)
        self.hover_text.setObjectName("Muted")
        self.hover_text.setAccessibleName(f"{spec.title}: the week under the pointer")
        self.save_button = QPushButton("Save chart…", self)
        self.save_button.setAccessibleName(f"Save chart: {spec.title}")
        self.save_button.clicked.connect(self.export)
        row = QHBoxLayout()
        row.addWidget(self.hover_text, 1)
        row.addWidget(self.save_button)
        self.body.addLayout(row)

    def show_series(self, series: Any, style: ChartStyle) -> None:
        self.series = series
        self.style = style
        message = self.spec.empty_message(series)
        if message:
            self.show_message(message)
            return
        self.spec.draw(self._blank_axes(style), series, style)
        self.entries = legend_entries(self.figure, style.background)
        self.legend.setText(legend_html(self.entries))
        self.legend.setVisible(bool(self.entries))
        self._fit()
        self.stack.setCurrentWidget(self.canvas)
        self.save_button.setEnabled(True)
        self.canvas.draw_idle()

    def _blank_axes(self, style: ChartStyle):
        """The chart's axes, emptied of the last range's bars and lines. Same style: the
        axes, their ticks and labels stay (making new ones was a third of a redraw), and a
        second scale is hidden until the chart asks for it again (``second_scale``);
        otherwise a new figure's worth."""
        if style != self._drawn_style or not self.figure.axes:
            self.figure.clear()
            self.figure.set_facecolor(style.background)
            self._drawn_style = style
            return self.figure.add_subplot()
        ax, *others = self.figure.axes
        for axes in self.figure.axes:
            for container in list(axes.containers):
                container.remove()
            for artist in [*axes.lines, *axes.patches, *axes.collections, *axes.texts]:
                artist.remove()
            axes.relim()
            axes.set_autoscale_on(True)
        for other in others:
            other.set_visible(False)
        return ax

    def show_message(self, message: str) -> None:
        """Words instead of the chart: nothing to draw yet, or the data couldn't be read."""
        self.empty.setText(message)
        self.stack.setCurrentWidget(self.empty)
        self.legend.hide()
        self.save_button.setEnabled(False)

    def _fit(self, legend: bool = False) -> None:
        """Room around the plot for the labels, in points of the chart's text: the axis
        title and numbers on the left, dates (two lines) below, the top number (or a saved
        image's legend) above, and the right-hand numbers when a chart has a second scale.

        The axis title goes at the far left of that room, and the (empty) date-axis title
        anywhere: left to matplotlib, each draw measured every number on both scales to
        place them — a third of a chart's drawing time."""
        if self.style is None or not self.figure.axes:
            return
        from matplotlib.transforms import blended_transform_factory

        width, height = self.figure.get_size_inches() * 72  # points
        size = self.style.font_size
        right = 3.0 if any(ax.get_visible() for ax in self.figure.axes[1:]) else 1.2
        top = 2.3 if legend else 0.9
        left = min(0.3, 4.0 * size / width)
        self.figure.subplots_adjust(
            left=left, right=1 - min(0.2, right * size / width),
            bottom=min(0.4, 3.1 * size / height), top=1 - min(0.3, top * size / height))
        main, *others = self.figure.axes
        # The title's baseline side (it reads upwards) a third of the way into the room.
        main.yaxis.set_label_coords(left * 0.33, 0.5, transform=blended_transform_factory(
            self.figure.transFigure, main.transAxes))
        for ax in self.figure.axes:
            ax.xaxis.set_label_coords(0.5, 0.0)
        for ax in others:
            ax.yaxis.set_label_coords(1.0, 0.5)

    def drawn_axes(self):
        return self.figure.axes[0] if self.figure.axes else None

    def _hover(self, event) -> None:
        if event.inaxes is None or event.xdata is None or self.series is None:
            return
        from matplotlib.dates import num2date

        day = num2date(event.xdata).date()
        text = self.spec.describe(self.series, day)
        if text:
            self.hover_text.setText(text)
            QToolTip.showText(QCursor.pos(), text, self.canvas)

    def export(self) -> None:
        name = f"hearth-{self.spec.key}.png"
        path, chosen = QFileDialog.getSaveFileName(
            self, f"Save “{self.spec.title}”", str(Path.home() / name), EXPORT_FILTERS
        )
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix("." + (chosen.split("*.")[-1].rstrip(")") or "png"))
        kind = target.suffix.lower().lstrip(".")
        if kind not in SAVE_KINDS:
            self.hover_text.setText("Hearth saves a chart as PNG, SVG or PDF; please end the "
                                    "name with .png, .svg or .pdf.")
            return
        try:
            check_output_target(target, self.data_dir)
        except HearthError as exc:
            self.hover_text.setText(exc.message)  # refused: nothing drawn, nothing written
            return
        legend = add_export_legend(self.figure, self.style)
        self._fit(legend=True)
        try:
            write_atomically(target, lambda handle: self.figure.savefig(
                handle, format=kind, facecolor=self.figure.get_facecolor()), data_dir=self.data_dir)
        except HearthError as exc:  # refused, or the system wouldn't write it
            self.hover_text.setText(exc.message)
            return
        finally:
            legend.remove()
            self._fit()
        self.hover_text.setText(f"Saved to {target}")


MARKS = {"line": "━━", "dashed": "╍╍", "block": "■"}


def legend_html(entries: list[LegendEntry]) -> str:
    """The legend as one line of rich text: each mark in its colour, then its words."""
    from html import escape

    return "&nbsp;&nbsp;&nbsp; ".join(
        f'<span style="color:{e.colour}">{MARKS[e.mark]}</span>&nbsp;{escape(e.label)}'
        for e in entries)


class TrendsView(View):
    watches = (changes.CHECKINS, changes.SETTINGS, changes.COUPLE)

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(services, bus, parent)
        layout = scroll_body(self, max_width=1200)
        layout.addWidget(heading("Trends", "Title", self))
        layout.addWidget(muted(
            "How your weeks have been going. Each of you has your own line; where they "
            "differ is something to talk about, never a score.", self,
        ))
        controls = QHBoxLayout()
        self.range = QComboBox(self)
        self.range.setAccessibleName("Range")
        for label, _days in RANGES:
            self.range.addItem(label)
        self.first = range_date_edit("From", QDate.currentDate().addMonths(-6), self)
        self.last = range_date_edit("To", QDate.currentDate(), self)
        self.range_error = QLabel(self)
        self.range_error.setObjectName("Error")
        controls.addWidget(QLabel("Show", self))
        controls.addWidget(self.range)
        controls.addWidget(self.first)
        controls.addWidget(self.last)
        controls.addWidget(self.range_error)
        controls.addStretch(1)
        layout.addLayout(controls)
        data_dir = Path(services.db.path).parent
        self.cards = [ChartCard(spec, data_dir, self) for spec in chart_specs()]
        self._drawing_rest = QTimer(self)
        self._drawing_rest.setSingleShot(True)
        self._drawing_rest.timeout.connect(self._draw_one_more)
        for card in self.cards:
            layout.addWidget(card)
            card.canvas.on_painted = self._drawing_rest.start
        layout.addStretch(1)
        self.range.currentIndexChanged.connect(self._range_changed)
        self.first.dateChanged.connect(lambda _d: self.reload())
        self.last.dateChanged.connect(lambda _d: self.reload())
        self.reload()

    def _range_changed(self, index: int) -> None:
        custom = RANGES[index][1] == -1
        self.first.setVisible(custom)
        self.last.setVisible(custom)
        self.reload()

    def current_range(self) -> tuple[date, date]:
        days = RANGES[self.range.currentIndex()][1]
        today = date.today()
        if days == -1:
            return self.first.date().toPython(), self.last.date().toPython()
        if days is None:
            span = self.services.trends.span()
            return (min(span[0], today) if span else today - timedelta(days=91)), today
        return today - timedelta(days=days), today

    def reload(self) -> None:
        couple = self.services.home.couple()
        if couple is None:
            return
        first, last = self.current_range()
        if last < first:
            self.range_error.setText("“From” needs to be before “To”.")
            return
        self.range_error.setText("")
        style = chart_style(couple)
        for card in self.cards:
            try:
                series = card.spec.load(self.services, first, last)
            except HearthError as exc:
                card.show_message(exc.message)
                continue
            card.show_series(series, style)

    def _draw_one_more(self) -> None:
        """After a chart has painted (so the page's layout has settled): draw one chart
        still waiting — one per idle turn, so the window stays responsive."""
        for card in self.cards:
            if card.stack.currentWidget() is card.canvas and card.canvas.draw_if_pending():
                self._drawing_rest.start()
                return

    def restyle(self) -> None:
        for card in self.cards:
            card.canvas.setMinimumHeight(round(300 * theme.current().text_size.scale))
        self.reload()
