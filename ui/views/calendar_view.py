"""Calendar: plan quality time by month, week or as an agenda; repeat it; move it; and
reflect on it afterwards."""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import changes
from app.domain.calendar import KINDS_BY_KEY, EventInput, Occurrence, is_reminder
from app.domain.couple import Couple
from app.domain.errors import HearthError, ValidationError
from app.domain.ideas import COSTS, DURATIONS, ENERGIES, LENGTH, PLACES, IdeaFilter
from app.domain.weeks import week_start_of
from app.files import write_atomically
from app.services.calendar import EventState
from ui import theme
from ui.bus import DataBus
from ui.dialogs.event_dialog import EventDialog, ReflectionDialog, ask_scope
from ui.dialogs.prompts_dialog import PromptsDialog
from ui.models.calendar_models import (
    DATE_ROLE,
    IDEA_ROLE,
    OCCURRENCE_ROLE,
    OCCURRENCES_ROLE,
    AgendaTableModel,
    IdeasTableModel,
    MonthTableModel,
    day_words,
    time_words,
)
from ui.views.base import View
from ui.views.checkin_history import redo_keys
from ui.views.device_free import start_device_free
from ui.widgets.calendar_widgets import (
    MonthCellDelegate,
    PeriodBarLayout,
    WeekGridWidget,
    WeekHeaderWidget,
    month_row_least,
)
from ui.widgets.common import add_shortcut, clear_layout, heading, muted, push_button
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.reflow import wrap_row

if TYPE_CHECKING:
    from app.services import Services

MODES = ("month", "week", "agenda", "ideas")
AGENDA_DAYS = 56
NOT_QUALITY_TIME = frozenset({"meeting"})  # kinds without device-free time or prompts


def _local_day(occurrence: Occurrence) -> date:
    return (occurrence.start if occurrence.all_day else occurrence.start.astimezone()).date()


class StatusLine(QLabel):
    """What just happened, in one calm line; it takes no room while there is nothing to
    say."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Muted")
        self.setWordWrap(True)
        self.setAccessibleName("What just happened")
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


def fit_columns(table: QTableView, stretch: int, least: str, aside: tuple[int, ...]) -> None:
    """Size ``table``'s columns for the words they hold; column ``stretch`` takes the width
    that is left, and the columns in ``aside`` are hidden, one after another, until that is
    what ``least`` needs (or they are all hidden). Nothing sits behind a sideways scroll
    bar while the window is at least as wide as it allows."""
    model = table.model()
    metrics = table.fontMetrics()
    bold = QFont(table.horizontalHeader().font())
    bold.setBold(True)  # header words are bold in Hearth's style
    header = QFontMetrics(bold)
    wanted = {}
    for column in range(model.columnCount()):
        if column == stretch:
            continue
        words = [str(model.index(row, column).data() or "") for row in range(model.rowCount())]
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        wanted[column] = max([header.horizontalAdvance(title) + 8]
                             + [metrics.horizontalAdvance(w) for w in words]) + 24
    width = table.viewport().width()
    need = metrics.horizontalAdvance(least) + 24
    hidden: set[int] = set()
    for column in aside:
        if width - sum(w for c, w in wanted.items() if c not in hidden) >= need:
            break
        hidden.add(column)
    for column, words_width in wanted.items():
        table.setColumnHidden(column, column in hidden)
        table.setColumnWidth(column, words_width)
    rest = width - sum(w for c, w in wanted.items() if c not in hidden)
    table.setColumnWidth(stretch, max(rest, metrics.horizontalAdvance("…") + 16))


def _with_new(before: EventState, event_id: int) -> EventState:
    """``before``, saying that ``event_id`` (made by the action, e.g. a series split in two)
    didn't exist yet."""
    if any(known == event_id for known, _saved in before.events):
        return before
    return EventState((*before.events, (event_id, None)))


class CalendarCommand(QUndoCommand):
    """One change to the calendar, already made when pushed: undo puts the events it
    touched back as they were before, redo as they were after."""

    def __init__(self, view: CalendarView, done: str, undone: str, before: EventState,
                 after: EventState) -> None:
        super().__init__(done.split(" — ")[0])
        self.view, self.done, self.undone = view, done, undone
        self.before, self.after = before, after
        self._pushed = True

    def redo(self) -> None:
        if self._pushed:  # already done when pushed
            self._pushed = False
            return
        self.view._restore(self.after, self.done)

    def undo(self) -> None:
        self.view._restore(self.before, self.undone)


class CalendarView(View):
    watches = (changes.CALENDAR, changes.SETTINGS, changes.COUPLE)

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(services, bus, parent)
        self.couple: Couple | None = None
        self.mode = "month"
        self.anchor = date.today()
        self.selected_day = date.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 24)
        layout.setSpacing(12)
        top_row, top = wrap_row(self)  # the buttons go below the title rather than widen
        top.add(heading("Calendar", "Title", self))
        top.spring()
        # Other calendar apps: one button with a menu (Space or Enter opens it).
        self.exchange_button = QPushButton("Import / export", self)
        self.exchange_button.setAccessibleName("Import or export a calendar file")
        self.exchange_button.setToolTip("Exchange plans with other calendar apps (.ics files)")
        exchange = QMenu(self.exchange_button)
        self.import_action = exchange.addAction("Import a calendar file (.ics)…",
                                                lambda: self.import_ics())
        self.export_action = exchange.addAction("Export to a calendar file (.ics)…",
                                                lambda: self.export_ics())
        self.exchange_button.setMenu(exchange)
        self.new_button = push_button("Plan time together", self.new_event, self, primary=True)
        self.new_button.setToolTip("Plan time together (Ctrl+N)")
        for button in (self.exchange_button, self.new_button):
            top.add(button)
        layout.addWidget(top_row)
        self.tagline = muted(
            "Time for just the two of you — planned, protected, and remembered.", self)
        layout.addWidget(self.tagline)

        self.previous = push_button("◀", self.go_previous, self, "Previous")
        self.today_button = push_button("Today", self.go_today, self)
        self.next = push_button("▶", self.go_next, self, "Next")
        self.period = QLabel(self)
        self.period.setObjectName("SectionTitle")
        self.period.setAccessibleName("Showing")
        self.modes = QWidget(self)  # Month, Week, Agenda, Ideas: beside the period, or below
        modes_row = QHBoxLayout(self.modes)
        modes_row.setContentsMargins(0, 0, 0, 0)
        self.mode_buttons = QButtonGroup(self)
        for key, label in (("month", "Month"), ("week", "Week"), ("agenda", "Agenda"),
                           ("ideas", "Ideas")):
            button = QPushButton(label, self.modes)
            button.setObjectName("Segment")
            button.setCheckable(True)
            button.setAccessibleName(f"{label} view")
            self.mode_buttons.addButton(button, MODES.index(key))
            modes_row.addWidget(button)
        self.mode_buttons.idClicked.connect(lambda i: self.set_mode(MODES[i]))
        bar_box = QWidget(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        bar_box.setSizePolicy(policy)
        self.bar = PeriodBarLayout(bar_box, [self.previous, self.today_button, self.next],
                                   self.period, self.modes)
        layout.addWidget(bar_box)

        self.pages = QStackedWidget(self)
        # Month: a grid of days, and the chosen day's plans beneath it.
        month_page = self.month_page = QWidget()
        month_layout = QVBoxLayout(month_page)
        month_layout.setContentsMargins(0, 0, 0, 0)
        self.month_model = MonthTableModel(self)
        self.month = QTableView(month_page)
        self.month.setAccessibleName("Month")
        self.month.setModel(self.month_model)
        self.month.setItemDelegate(MonthCellDelegate(self.month))
        self.month.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.month.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.month.verticalHeader().hide()
        self.month.setShowGrid(False)
        self.month.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.month.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.month.selectionModel().currentChanged.connect(self._day_chosen)
        self.month.doubleClicked.connect(self._month_double_clicked)
        month_layout.addWidget(self.month, 3)
        # The chosen day's plans: as tall as they need, unless the month's days would then
        # have no room for a title — then they scroll.
        self.day_area = QScrollArea(month_page)
        self.day_area.setWidgetResizable(True)
        self.day_area.setFrameShape(QFrame.Shape.NoFrame)
        self.day_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.day_box = QWidget()
        self.day_layout = QVBoxLayout(self.day_box)
        self.day_layout.setContentsMargins(0, 4, 0, 0)
        self.day_area.setWidget(self.day_box)
        month_layout.addWidget(self.day_area, 0)
        self.pages.addWidget(month_page)

        # Week: a time grid, scrolled to the evening where most quality time lives.
        self.week = WeekGridWidget()
        self.week.open_requested.connect(self.open_occurrence)
        self.week.create_requested.connect(lambda moment: self.new_event(moment))
        self.week.moved.connect(self.move_occurrence)
        self.week_scroll = QScrollArea(self)
        self.week_scroll.setWidgetResizable(True)
        self.week_scroll.setWidget(self.week)
        week_page = QWidget()
        week_layout = QVBoxLayout(week_page)
        week_layout.setContentsMargins(0, 0, 0, 0)
        week_layout.setSpacing(0)
        self.week_header = WeekHeaderWidget(self.week, week_page)
        week_layout.addWidget(self.week_header)
        week_layout.addWidget(self.week_scroll, 1)
        self.pages.addWidget(week_page)

        # Agenda: what's coming, as a list.
        self.agenda_model = AgendaTableModel(self)
        self.agenda = QTableView(self)
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setModel(self.agenda_model)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.verticalHeader().hide()
        self.agenda.setAlternatingRowColors(True)
        self.agenda.activated.connect(self._agenda_open)
        self.agenda.doubleClicked.connect(self._agenda_open)
        self.pages.addWidget(self.agenda)
        self.pages.addWidget(self._build_ideas())
        layout.addWidget(self.pages, 1)

        self.status = StatusLine(self)
        layout.addWidget(self.status)

        self.undo_stack = QUndoStack(self)
        add_shortcut(self, QKeySequence.StandardKey.Undo, self.undo_stack.undo)
        add_shortcut(self, redo_keys(), self.undo_stack.redo)
        add_shortcut(self, QKeySequence.StandardKey.New, self.new_event)
        add_shortcut(self, QKeySequence(Qt.Key.Key_PageUp), self.go_previous)
        add_shortcut(self, QKeySequence(Qt.Key.Key_PageDown), self.go_next)
        add_shortcut(self, QKeySequence("Ctrl+Home"), self.go_today)
        for watched in (self.month_page, self.agenda.viewport(), self.ideas.viewport()):
            watched.installEventFilter(self)  # their sizes decide what they show
        self.set_mode("month")

    # -- building --------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self.agenda.viewport():
                self._size_agenda()
            elif watched is self.ideas.viewport():
                self._size_ideas()
            elif watched is self.month_page:
                self._fit_day_area()
        return super().eventFilter(watched, event)

    def _build_ideas(self) -> QWidget:
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        filter_box = QWidget(page)
        filters = FlowLayout(filter_box, spacing=8)  # wraps instead of widening the window
        policy = filter_box.sizePolicy()
        policy.setHeightForWidth(True)
        filter_box.setSizePolicy(policy)
        self.idea_filters: dict[str, QComboBox] = {}
        for name, options, everything in (("duration", DURATIONS, "Any length"),
                                          ("cost", COSTS, "Any cost"),
                                          ("energy", ENERGIES, "Any energy"),
                                          ("place", PLACES, "Home or out")):
            combo = QComboBox(page)
            combo.setAccessibleName(everything)
            combo.addItem(everything, None)
            for key, label in options:
                combo.addItem(label, key)
            combo.currentIndexChanged.connect(self._load_ideas)
            filters.addWidget(combo)
            self.idea_filters[name] = combo
        self.plan_idea_button = QPushButton("Plan this…", page)
        self.plan_idea_button.setObjectName("Primary")
        self.plan_idea_button.setAccessibleName("Plan this idea")
        self.plan_idea_button.clicked.connect(self.plan_selected_idea)
        self.add_idea_button = QPushButton("Add your own idea…", page)
        self.add_idea_button.setAccessibleName("Add your own idea")
        self.add_idea_button.clicked.connect(self.add_idea)
        filters.addWidget(self.add_idea_button)
        filters.addWidget(self.plan_idea_button)
        page_layout.addWidget(filter_box)
        self.ideas_model = IdeasTableModel(self)
        self.ideas = QTableView(page)
        self.ideas.setAccessibleName("Ideas")
        self.ideas.setModel(self.ideas_model)
        self.ideas.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ideas.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ideas.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ideas.verticalHeader().hide()
        self.ideas.setAlternatingRowColors(True)
        self.ideas.activated.connect(lambda _index: self.plan_selected_idea())
        self.ideas.doubleClicked.connect(lambda _index: self.plan_selected_idea())
        page_layout.addWidget(self.ideas, 1)
        return page

    def _load_ideas(self, *_args) -> None:
        flt = IdeaFilter(**{name: combo.currentData()
                            for name, combo in self.idea_filters.items()})
        self.ideas_model.set_ideas(self.services.ideas.ideas(flt))
        self._size_ideas()

    def _size_ideas(self) -> None:
        """The idea takes the width left by how long, how much, how lively and where; with
        very large text the energy, then the place, then the cost step aside for it."""
        fit_columns(self.ideas, stretch=0, least="Cook a cuisine neither of you",
                    aside=(3, 4, 2))

    def selected_idea(self):
        rows = self.ideas.selectionModel().selectedRows()
        return self.ideas_model.data(rows[0], IDEA_ROLE) if rows else None

    def plan_selected_idea(self) -> None:
        idea = self.selected_idea()
        if idea is None or self.couple is None:
            self.status.setText("No idea is chosen yet: choose one in the list, then Plan this.")
            return
        day = date.today() + timedelta(days=(4 - date.today().weekday()) % 7 or 7)
        hour = 10 if idea.duration in ("half_day", "day") else 19
        start = datetime.combine(day, time(hour, 0))
        data = EventInput(idea.title, idea.kind, start, start + LENGTH[idea.duration],
                          notes=idea.description, devices_away=idea.kind == "device_free")
        EventDialog(self.couple, self._submit_new, data, self).exec()

    def add_idea(self) -> None:
        title, ok = QInputDialog.getText(self, "An idea of your own",
                                         "What would you like to do together?")
        if not ok:
            return
        try:
            idea, change = self.services.ideas.add(
                title, kind="other",
                **{name: combo.currentData() or default for (name, combo), default in zip(
                    self.idea_filters.items(), ("evening", "free", "low", "home"),
                    strict=True)})
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        self.bus.publish(change)
        self.status.setText(f"Added “{idea.title}” to your ideas.")

    # -- navigation --------------------------------------------------------------------------

    def modes_beside(self) -> bool:
        """Whether Month, Week, Agenda and Ideas share the line with the period."""
        return self.bar.beside

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_buttons.button(MODES.index(mode)).setChecked(True)
        self.pages.setCurrentIndex(MODES.index(mode))
        for button in (self.previous, self.today_button, self.next):
            button.setVisible(mode != "ideas")
        self.reload()
        self._fit_day_area()
        if mode == "week":
            bar = self.week_scroll.verticalScrollBar()
            bar.setValue(int(self.week._header() + 16 * self.week.hour_height))

    def _step(self, direction: int) -> None:
        if self.mode == "month":
            month = self.anchor.replace(day=1) + timedelta(days=32 * direction)
            self.anchor = month.replace(day=1) if direction > 0 else \
                (self.anchor.replace(day=1) - timedelta(days=1)).replace(day=1)
        elif self.mode == "week":
            self.anchor += timedelta(days=7 * direction)
        else:
            self.anchor += timedelta(days=28 * direction)
        self.selected_day = self.anchor
        self.reload()

    def go_previous(self) -> None:
        self._step(-1)

    def go_next(self) -> None:
        self._step(1)

    def go_today(self) -> None:
        self.anchor = self.selected_day = date.today()
        self.reload()

    # -- showing -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.couple = self.services.couple.get()
        if self.couple is None:
            return
        settings = self.services.settings.get()
        today = date.today()
        if self.mode == "month":
            month = self.anchor.replace(day=1)
            self.month_model.month, self.month_model.week_start = month, settings.week_start
            occurrences = self.services.calendar.occurrences(self.month_model.first_day(),
                                                             self.month_model.last_day())
            self.month_model.set_month(month, settings.week_start, occurrences, today)
            for row in range(6):  # only the weeks holding days of this month
                self.month.setRowHidden(row, self.month_model.day_at(row, 0).month != month.month
                                        and self.month_model.day_at(row, 6).month != month.month)
            period = (f"{month:%B %Y}", f"{month:%b %Y}")
            index = self.month_model.index_of(self.selected_day)
            if not index.isValid():
                index = self.month_model.index_of(month)
            self.month.selectionModel().blockSignals(True)
            self.month.setCurrentIndex(index)
            self.month.selectionModel().blockSignals(False)
            self._show_day(index.data(DATE_ROLE))
        elif self.mode == "week":
            first = week_start_of(self.anchor, settings.week_start)
            occurrences = self.services.calendar.occurrences(first, first + timedelta(days=6))
            self.week.set_week(first, occurrences, today)
            self.week_header.update()
            last = first + timedelta(days=6)
            if first.month == last.month:
                full = f"{first.day}–{last.day} {last:%B}"
                short = f"{first.day}–{last.day} {last:%b}"
            else:
                full = f"{first.day} {first:%B} – {last.day} {last:%B}"
                short = f"{first.day} {first:%b} – {last.day} {last:%b}"
            period = (f"{full} {last:%Y}", f"{short} {last:%Y}", short)
        elif self.mode == "ideas":
            period = ("Ideas for time together", "Ideas")
            self._load_ideas()
        else:
            first = self.anchor
            occurrences = self.services.calendar.occurrences(
                first, first + timedelta(days=AGENDA_DAYS - 1))
            names = {p.id: p.name for p in self.couple.partners}
            self.agenda_model.set_occurrences(occurrences, names)
            period = (f"8 weeks from {day_words(first)}", f"From {day_words(first)}",
                      f"From {first.day} {first:%b}")
            self._size_agenda()
        self.bar.set_texts(period)

    def _size_agenda(self) -> None:
        """Columns for their usual words; what it is takes the width that is left. Where
        that would leave it too little (very large text), the columns that matter less —
        how it felt afterwards, its status, its kind — step aside, in that order."""
        fit_columns(self.agenda, stretch=2, least="Dinner at Rosa's", aside=(5, 4, 3))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_day_area()

    def _fit_day_area(self) -> None:
        """Below the month: the chosen day's plans, as tall as they need, but each week of
        the month keeps room for its day numbers and one title; beyond that they scroll.
        In a short window (very large text) the tagline makes room too."""
        layout = self.day_box.layout()
        width = max(1, self.day_area.viewport().width())
        need = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                else layout.totalSizeHint().height())
        line = self.fontMetrics().height()
        self.day_area.setMaximumHeight(need)
        self.day_area.setMinimumHeight(min(need, line * 2 + 8))
        weeks = sum(1 for row in range(6) if not self.month.isRowHidden(row))
        least = (self.month.horizontalHeader().sizeHint().height()
                 + weeks * month_row_least(self.month.font()) + 2 * self.month.frameWidth())
        self.month.setMinimumHeight(least)
        gap = max(0, self.month_page.layout().spacing())
        self.month.setMaximumHeight(max(least, self.month_page.height() - need - gap))
        spacing = max(0, self.layout().spacing())
        tagline = self.tagline.heightForWidth(max(1, self.width() - 80)) + spacing
        rest = self.layout().totalMinimumHeightForWidth(self.width()) - (
            tagline if not self.tagline.isHidden() else 0)
        whole_day = need - self.day_area.minimumHeight()  # the day's plans without scrolling
        self.tagline.setVisible(self.mode != "month"
                                or self.height() >= rest + whole_day + tagline)

    def _day_chosen(self, current, _previous=None) -> None:
        day = current.data(DATE_ROLE) if current.isValid() else None
        if day is not None:
            self.selected_day = day
            self._show_day(day)

    def _show_day(self, day: date | None) -> None:
        clear_layout(self.day_layout)
        if day is None:
            return
        index = self.month_model.index_of(day)
        occurrences = (index.data(OCCURRENCES_ROLE) if index.isValid()
                       else self.services.calendar.occurrences(day, day))
        title = QLabel(f"{day:%A} {day.day} {day:%B}", self.day_box)
        title.setObjectName("SectionTitle")
        self.day_layout.addWidget(title)
        if not occurrences:
            self.day_layout.addWidget(muted(
                "Nothing planned. Double-click the day, or press Ctrl+N, to plan something.",
                self.day_box))
        for occurrence in occurrences:
            line, row = wrap_row(self.day_box)  # its buttons go below rather than widen
            kind = KINDS_BY_KEY[occurrence.kind]
            planner = next((p for p in self.couple.partners
                            if p.id == occurrence.planned_by), None) if self.couple else None
            planned = (f" · <span style='color:{theme.current().partner_hex(planner)}'>"
                       f"planned by {html.escape(planner.name)}</span>" if planner else "")
            label = QLabel(
                f"<span style='color:{kind.colour}'>{kind.icon}</span> "
                f"<b>{time_words(occurrence)}</b>  {html.escape(occurrence.title)}"
                + ("" if occurrence.status == "planned" else f" — {occurrence.status}")
                + planned, self.day_box)
            label.setWordWrap(True)  # long titles wrap rather than widen the window
            open_button = QPushButton("Open", self.day_box)
            open_button.setAccessibleName(f"Open {occurrence.title}")
            open_button.clicked.connect(lambda _=False, o=occurrence: self.open_occurrence(o))
            row.add(label, 1, ems=16)
            row.spring()
            row.add(open_button)
            day_of = _local_day(occurrence)
            together = occurrence.kind not in NOT_QUALITY_TIME and not is_reminder(occurrence)
            if occurrence.status == "planned" and together and day_of >= date.today():
                # Quality time still to come: start it device-free, or find a question.
                start = QPushButton("Start device-free time", self.day_box)
                start.setAccessibleName(f"Start device-free time: {occurrence.title}")
                start.clicked.connect(
                    lambda _=False, o=occurrence: self.start_device_free(o))
                prompts = QPushButton("Prompts…", self.day_box)
                prompts.setAccessibleName(f"Questions for {occurrence.title}")
                prompts.setToolTip("Questions to talk about together")
                prompts.clicked.connect(self.show_prompts)
                row.add(start)
                row.add(prompts)
            if not is_reminder(occurrence) and (
                    day_of <= date.today() or occurrence.status != "planned"
                    or occurrence.kind in NOT_QUALITY_TIME):
                after = QPushButton("Afterwards…", self.day_box)
                after.setAccessibleName(f"Afterwards: {occurrence.title}")
                after.clicked.connect(lambda _=False, o=occurrence: self.reflect_on(o))
                row.add(after)
            self.day_layout.addWidget(line)
        self._fit_day_area()

    # -- actions -------------------------------------------------------------------------------

    def _did(self, done: str, undone: str, before: EventState, after: EventState) -> None:
        """An action on the calendar has been carried out: it can be undone (Ctrl+Z)."""
        self.undo_stack.push(CalendarCommand(self, done, undone, before, after))
        self.status.setText(done)

    def _restore(self, state: EventState, said: str) -> None:
        try:
            change = self.services.calendar.restore(state)
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        self.bus.publish(change)
        self.status.setText(said)

    def _submit_new(self, data: EventInput):
        try:
            event, change = self.services.calendar.create(data)
        except HearthError as exc:
            return exc.message, exc.field if isinstance(exc, ValidationError) else None
        self.bus.publish(change)
        self._did(f"Planned “{event.title}” for {day_words(event.start.date())} — Ctrl+Z "
                  "undoes it", f"Took “{event.title}” off the calendar.",
                  EventState(((event.id, None),)), self.services.calendar.state(event.id))
        return None

    def new_event(self, moment: datetime | None = None) -> None:
        if self.couple is None:
            return
        if not isinstance(moment, datetime):
            day = self.selected_day if self.mode == "month" else max(self.anchor, date.today())
            moment = datetime.combine(day, time(19, 0))
        data = EventInput("", "date_night", moment, moment + timedelta(hours=2))
        EventDialog(self.couple, self._submit_new, data, self).exec()

    def _month_double_clicked(self, index) -> None:
        day = index.data(DATE_ROLE)
        if day is not None:
            self.new_event(datetime.combine(day, time(19, 0)))

    def _agenda_open(self, index) -> None:
        occurrence = self.agenda_model.data(index, OCCURRENCE_ROLE)
        if occurrence is not None:
            self.open_occurrence(occurrence)

    def open_occurrence(self, occurrence: Occurrence) -> None:
        if self.couple is None:
            return
        try:
            event = self.services.calendar.get(occurrence.event_id)
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        start = occurrence.start.replace(tzinfo=None)
        end = occurrence.end.replace(tzinfo=None)
        shown = EventInput(occurrence.title, event.kind, start, end, event.all_day, event.tz,
                           event.location, event.notes, event.planned_by, event.devices_away,
                           event.rrule)

        def submit(data: EventInput):
            scope = "all"
            if event.rrule is not None:
                scope = ask_scope(self, "change")
                if scope is None:
                    return "Nothing was changed.", None
            if scope == "all" and event.rrule is not None:
                # Changing the whole series from one occurrence: keep the series' own start
                # date, with the new times of day.
                shift = data.start - start
                data = EventInput(data.title, data.kind, event.start + shift,
                                  event.start + shift + (data.end - data.start), data.all_day,
                                  data.tz, data.location, data.notes, data.planned_by,
                                  data.devices_away, data.rrule if data.rrule else None)
            before = self.services.calendar.state(event.id)
            try:
                changed, change = self.services.calendar.update(
                    event.id, occurrence.recurrence if event.rrule else None, data, scope)
            except HearthError as exc:
                return exc.message, exc.field if isinstance(exc, ValidationError) else None
            self.bus.publish(change)
            title = data.title.strip()
            self._did(f"Changed “{title}” — Ctrl+Z undoes it", f"Changed “{title}” back.",
                      _with_new(before, changed.id),
                      self.services.calendar.state(event.id, changed.id))
            return None

        EventDialog(self.couple, submit, shown, self, editing=True,
                    delete=lambda: self.delete_occurrence(occurrence)).exec()

    def delete_occurrence(self, occurrence: Occurrence) -> None:
        """Delete it at once — Ctrl+Z brings it back. A series asks which ones first."""
        scope = "all"
        if occurrence.repeating:
            scope = ask_scope(self, "delete")
            if scope is None:
                return
        before = self.services.calendar.state(occurrence.event_id)
        try:
            change = self.services.calendar.delete(occurrence.event_id, occurrence.recurrence,
                                                   scope)
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        self.bus.publish(change)
        what = {"this": f"“{occurrence.title}” on {day_words(_local_day(occurrence))}",
                "following": f"“{occurrence.title}” from {day_words(_local_day(occurrence))} "
                             "on",
                "all": f"“{occurrence.title}”"}[scope]
        self._did(f"Deleted {what} — Ctrl+Z brings it back", f"Brought back {what}.", before,
                  self.services.calendar.state(occurrence.event_id))

    def move_occurrence(self, occurrence: Occurrence, start: datetime, end: datetime) -> None:
        """Dragged in the week view: move just this one (a series asks first)."""
        try:
            event = self.services.calendar.get(occurrence.event_id)
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        scope = "this"
        if event.rrule is not None:
            scope = ask_scope(self, "move")
            if scope is None:
                self.reload()
                return
        zone_start = start.astimezone().astimezone(occurrence.start.tzinfo).replace(tzinfo=None)
        zone_end = end.astimezone().astimezone(occurrence.start.tzinfo).replace(tzinfo=None)
        if scope == "all":
            shift = zone_start - occurrence.start.replace(tzinfo=None)
            zone_start, zone_end = event.start + shift, event.start + shift + (zone_end -
                                                                                 zone_start)
        data = EventInput(occurrence.title if scope == "this" else event.title, event.kind,
                          zone_start, zone_end, event.all_day, event.tz, event.location,
                          event.notes, event.planned_by, event.devices_away, event.rrule)
        before = self.services.calendar.state(event.id)
        try:
            moved, change = self.services.calendar.update(
                event.id, occurrence.recurrence if event.rrule else None, data, scope)
        except HearthError as exc:
            self.status.setText(exc.message)
            self.reload()
            return
        self.bus.publish(change)
        self._did(f"Moved “{occurrence.title}” to {day_words(start.date())}, "
                  f"{start:%H:%M}–{end:%H:%M} — Ctrl+Z undoes it",
                  f"Moved “{occurrence.title}” back.", _with_new(before, moved.id),
                  self.services.calendar.state(event.id, moved.id))

    def reflect_on(self, occurrence: Occurrence) -> None:
        if self.couple is None:
            return

        def submit(status: str, answers: dict[int, tuple[int, str]]) -> str | None:
            try:
                change = self.services.calendar.afterwards(
                    occurrence.event_id, occurrence.recurrence if occurrence.repeating
                    else None, status, answers)
            except HearthError as exc:
                return exc.message
            self.bus.publish(change)
            self.status.setText("Kept with your memories — thank you.")
            return None

        ReflectionDialog(self.couple, occurrence, submit, self).exec()

    def start_device_free(self, occurrence: Occurrence) -> None:
        """Full screen, phones away: the planned time, questions on demand, a look back."""
        if self.couple is None:
            return
        start_device_free(self.services, self.bus, self.couple, occurrence, self.window())

    def show_prompts(self) -> None:
        PromptsDialog(self.services, self.bus, self).exec()

    # -- exchanging with other calendars ------------------------------------------------------

    def import_ics(self, path: str | None = None) -> None:
        """Add the events of a .ics file from another calendar app — all of them or none."""
        if not path:
            path, _filter = QFileDialog.getOpenFileName(
                self, "Import a calendar file", str(Path.home()),
                "Calendar files (*.ics *.ical *.ifb);;All files (*)")
        if not path:
            return
        try:
            content = Path(path).read_bytes()
        except OSError as error:
            self.status.setText(f"“{Path(path).name}” can't be read: {error.strerror or error}.")
            return
        progress = QProgressDialog("Reading the calendar…", None, 0, 100, self)
        progress.setWindowTitle("Importing")
        progress.setMinimumDuration(400)

        def report(done: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)
            QApplication.processEvents()

        try:
            count, change = self.services.ics.import_(content, progress=report)
        except HearthError as exc:
            progress.close()
            self.status.setText(exc.message)
            return
        progress.close()
        self.bus.publish(change)
        noun = "event" if count == 1 else "events"
        self.status.setText(f"Imported {count} {noun} from {Path(path).name}.")

    def export_ics(self, path: str | None = None) -> None:
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, "Export to a calendar file", str(Path.home() / "hearth-quality-time.ics"),
                "Calendar files (*.ics)")
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".ics":
            target = target.with_name(target.name + ".ics")
        try:
            write_atomically(target, self.services.ics.export(),
                             data_dir=Path(self.services.db.path).parent, suffix=".ics")
        except HearthError as exc:  # refused, or the system wouldn't write it
            self.status.setText(exc.message)
            return
        self.status.setText(f"Saved {target.name}. Open it in your other calendar app to "
                            "add your plans there.")

    # -- for ui.screenshots --------------------------------------------------------------------

    def screenshot_states(self):
        return [("week", lambda: self.set_mode("week")),
                ("agenda", lambda: self.set_mode("agenda")),
                ("ideas", lambda: self.set_mode("ideas")),
                (None, lambda: self.set_mode("month"))]
