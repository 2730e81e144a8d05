"""Calendar: plan quality time by month, week or as an agenda; repeat it; move it; and
reflect on it afterwards."""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
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
from app.domain.calendar import KINDS_BY_KEY, EventInput, Occurrence
from app.domain.couple import Couple
from app.domain.errors import HearthError, ValidationError
from app.domain.ideas import COSTS, DURATIONS, ENERGIES, LENGTH, PLACES, IdeaFilter
from app.domain.weeks import week_start_of
from app.files import write_atomically
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
    time_words,
)
from ui.views.base import View
from ui.views.device_free import start_device_free
from ui.widgets.calendar_widgets import MonthCellDelegate, WeekGridWidget, WeekHeaderWidget
from ui.widgets.common import add_shortcut, clear_layout, heading, muted, push_button
from ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from app.services import Services

MODES = ("month", "week", "agenda", "ideas")
AGENDA_DAYS = 56
NOT_QUALITY_TIME = frozenset({"meeting"})  # kinds without device-free time or prompts


def _local_day(occurrence: Occurrence) -> date:
    return (occurrence.start if occurrence.all_day else occurrence.start.astimezone()).date()


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
        top = QHBoxLayout()
        top.addWidget(heading("Calendar", "Title", self))
        top.addStretch(1)
        self.import_button = push_button("Import .ics…", self.import_ics, self,
                                         "Import a calendar file")
        self.export_button = push_button("Export .ics…", self.export_ics, self,
                                          "Export to a calendar file")
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        self.new_button = push_button("Plan time together", self.new_event, self, primary=True)
        self.new_button.setToolTip("Plan time together (Ctrl+N)")
        top.addWidget(self.new_button)
        layout.addLayout(top)
        layout.addWidget(muted(
            "Time for just the two of you — planned, protected, and remembered.", self))

        bar = QHBoxLayout()
        self.previous = push_button("◀", self.go_previous, self, "Previous")
        self.today_button = push_button("Today", self.go_today, self)
        self.next = push_button("▶", self.go_next, self, "Next")
        self.period = QLabel(self)
        self.period.setObjectName("SectionTitle")
        self.period.setAccessibleName("Showing")
        self.period.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.period.setMinimumWidth(120)
        self._period: tuple[str, ...] = ("",)  # what it shows: in full, and shorter
        for widget in (self.previous, self.today_button, self.next):
            bar.addWidget(widget)
        bar.addWidget(self.period, 1)
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
        self.bar = bar
        bar.addWidget(self.modes)
        layout.addLayout(bar)
        self.below_bar = QHBoxLayout()  # the modes when the period wouldn't fit beside them
        self.below_bar.addStretch(1)
        layout.addLayout(self.below_bar)

        self.pages = QStackedWidget(self)
        # Month: a grid of days, and the chosen day's plans beneath it.
        month_page = QWidget()
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
        self.day_box = QWidget(month_page)
        self.day_layout = QVBoxLayout(self.day_box)
        self.day_layout.setContentsMargins(0, 4, 0, 0)
        month_layout.addWidget(self.day_box, 0)
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
        self.agenda.viewport().installEventFilter(self)
        self.agenda.activated.connect(self._agenda_open)
        self.agenda.doubleClicked.connect(self._agenda_open)
        self.pages.addWidget(self.agenda)
        self.pages.addWidget(self._build_ideas())
        layout.addWidget(self.pages, 1)

        self.status = muted("", self)
        self.status.setAccessibleName("What just happened")
        layout.addWidget(self.status)

        add_shortcut(self, QKeySequence.StandardKey.New, self.new_event)
        add_shortcut(self, QKeySequence(Qt.Key.Key_PageUp), self.go_previous)
        add_shortcut(self, QKeySequence(Qt.Key.Key_PageDown), self.go_next)
        add_shortcut(self, QKeySequence("Ctrl+Home"), self.go_today)
        self.set_mode("month")

    # -- building --------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if watched is self.agenda.viewport() and event.type() == QEvent.Type.Resize:
            self._size_agenda()
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
        self.ideas.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ideas.activated.connect(lambda _index: self.plan_selected_idea())
        self.ideas.doubleClicked.connect(lambda _index: self.plan_selected_idea())
        page_layout.addWidget(self.ideas, 1)
        return page

    def _load_ideas(self, *_args) -> None:
        flt = IdeaFilter(**{name: combo.currentData()
                            for name, combo in self.idea_filters.items()})
        self.ideas_model.set_ideas(self.services.ideas.ideas(flt))
        fm = self.ideas.fontMetrics()
        for column, sample in enumerate(("", "An hour or so", "A little", "Easy-going",
                                         "At home")):
            if sample:
                self.ideas.setColumnWidth(column, fm.horizontalAdvance(sample) + 24)

    def selected_idea(self):
        rows = self.ideas.selectionModel().selectedRows()
        return self.ideas_model.data(rows[0], IDEA_ROLE) if rows else None

    def plan_selected_idea(self) -> None:
        idea = self.selected_idea()
        if idea is None or self.couple is None:
            self.status.setText("Choose an idea first.")
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
        self.status.setText(f"“{idea.title}” is in your ideas.")

    # -- navigation --------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_modes()

    def _place_modes(self) -> None:
        """The period in full beside the view buttons when it fits there; else in short
        ("Dec 2026"); and when even that would be cut (very large text, a narrow window),
        the view buttons move to a row of their own and the period is whole again."""
        spacing = max(self.bar.spacing(), 0)
        margins = self.layout().contentsMargins()
        room = (self.width() - margins.left() - margins.right() - spacing
                - self.modes.sizeHint().width()
                - sum(b.sizeHint().width() + spacing for b in
                      (self.previous, self.today_button, self.next) if not b.isHidden()))
        metrics = self.period.fontMetrics()
        fitting = [text for text in self._period if metrics.horizontalAdvance(text) <= room]
        self.period.setText(fitting[0] if fitting else self._period[0])
        self.period.setToolTip(self._period[0])
        self.period.setAccessibleDescription(self._period[0])
        beside = self.bar.indexOf(self.modes) != -1
        if fitting and not beside:
            self.below_bar.removeWidget(self.modes)
            self.bar.addWidget(self.modes)
        elif not fitting and beside:
            self.bar.removeWidget(self.modes)
            self.below_bar.insertWidget(0, self.modes)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_buttons.button(MODES.index(mode)).setChecked(True)
        self.pages.setCurrentIndex(MODES.index(mode))
        for button in (self.previous, self.today_button, self.next):
            button.setVisible(mode != "ideas")
        self.reload()
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
            self._period = (f"{month:%B %Y}", f"{month:%b %Y}")
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
            days = (f"{first.day}–{last.day} {last:%b}" if first.month == last.month
                    else f"{first.day} {first:%b} – {last.day} {last:%b}")
            self._period = (f"{days} {last:%Y}", days)
        elif self.mode == "ideas":
            self._period = ("Ideas for time together", "Ideas")
            self._load_ideas()
        else:
            first = self.anchor
            occurrences = self.services.calendar.occurrences(
                first, first + timedelta(days=AGENDA_DAYS - 1))
            names = {p.id: p.name for p in self.couple.partners}
            self.agenda_model.set_occurrences(occurrences, names)
            self._period = (f"8 weeks from {first.day} {first:%b}", f"From {first.day} {first:%b}")
            self._size_agenda()
        self._place_modes()

    def _size_agenda(self) -> None:
        """Columns for their usual words; what it is takes the width that is left."""
        fm = self.agenda.fontMetrics()
        samples = ("Wed 30 Sep 2026", "19:30–22:00", "", "♥ Date night", "Skipped",
                   "Zoë 5 · Łukasz 4")
        for column, sample in enumerate(samples):
            if sample:
                self.agenda.setColumnWidth(column, fm.horizontalAdvance(sample) + 20)
        rest = self.agenda.viewport().width() - sum(
            self.agenda.columnWidth(c) for c in range(len(samples)) if c != 2)
        self.agenda.setColumnWidth(2, max(rest, fm.horizontalAdvance("Cooking class") + 20))

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
            row = QHBoxLayout()
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
            row.addWidget(label, 1)
            row.addWidget(open_button)
            day_of = _local_day(occurrence)
            if occurrence.status == "planned" and occurrence.kind not in NOT_QUALITY_TIME \
                    and day_of >= date.today():
                # Quality time still to come: start it device-free, or find a question.
                start = QPushButton("Start device-free time", self.day_box)
                start.setAccessibleName(f"Start device-free time: {occurrence.title}")
                start.clicked.connect(
                    lambda _=False, o=occurrence: self.start_device_free(o))
                prompts = QPushButton("Prompts…", self.day_box)
                prompts.setAccessibleName(f"Questions for {occurrence.title}")
                prompts.setToolTip("Questions to talk about together")
                prompts.clicked.connect(self.show_prompts)
                row.addWidget(start)
                row.addWidget(prompts)
            if day_of <= date.today() or occurrence.status != "planned" \
                    or occurrence.kind in NOT_QUALITY_TIME:
                after = QPushButton("Afterwards…", self.day_box)
                after.setAccessibleName(f"Afterwards: {occurrence.title}")
                after.clicked.connect(lambda _=False, o=occurrence: self.reflect_on(o))
                row.addWidget(after)
            self.day_layout.addLayout(row)

    # -- actions -------------------------------------------------------------------------------

    def _submit_new(self, data: EventInput):
        try:
            _event, change = self.services.calendar.create(data)
        except HearthError as exc:
            return exc.message, exc.field if isinstance(exc, ValidationError) else None
        self.bus.publish(change)
        self.status.setText(f"Planned “{data.title.strip()}”.")
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
            try:
                _event, change = self.services.calendar.update(
                    event.id, occurrence.recurrence if event.rrule else None, data, scope)
            except HearthError as exc:
                return exc.message, exc.field if isinstance(exc, ValidationError) else None
            self.bus.publish(change)
            self.status.setText(f"Changed “{data.title.strip()}”.")
            return None

        dialog = EventDialog(self.couple, submit, shown, self, editing=True)
        delete = dialog.findChild(QPushButton, "DeleteEvent")
        if delete is None:
            delete = QPushButton("Delete…", dialog)
            delete.setObjectName("DeleteEvent")
            delete.setAccessibleName("Delete event")
            delete.clicked.connect(lambda: (dialog.reject(), self.delete_occurrence(occurrence)))
            dialog.layout().insertWidget(dialog.layout().count() - 1, delete)
        dialog.exec()

    def delete_occurrence(self, occurrence: Occurrence) -> None:
        scope = "all"
        if occurrence.repeating:
            scope = ask_scope(self, "delete")
            if scope is None:
                return
        try:
            change = self.services.calendar.delete(occurrence.event_id, occurrence.recurrence,
                                                   scope)
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        self.bus.publish(change)
        self.status.setText(f"Deleted “{occurrence.title}”.")

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
        try:
            _event, change = self.services.calendar.update(
                event.id, occurrence.recurrence if event.rrule else None, data, scope)
        except HearthError as exc:
            self.status.setText(exc.message)
            self.reload()
            return
        self.bus.publish(change)
        self.status.setText(f"Moved “{occurrence.title}” to {start:%A %H:%M}.")

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
            self.status.setText("Thank you — kept with your memories.")
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
