"""Together: the couple's rituals — the weekly "state of us" talk, conversation prompts, and
time with the phones away."""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import changes
from app.domain.calendar import EventInput, Occurrence, together, when_words
from app.domain.errors import HearthError
from app.domain.greeting import long_date
from app.domain.meetings import OUTCOMES, STEPS, Meeting
from ui.bus import DataBus
from ui.models.rituals_models import ROW_ROLE, MeetingsTableModel
from ui.views.base import View, scroll_body
from ui.views.meeting_flow import MeetingFlowWidget
from ui.widgets.common import (
    Card,
    ErrorLabel,
    heading,
    muted,
    partner_name,
    push_button,
    row_of,
)
from ui.widgets.prompt_panel import PromptPanelWidget
from ui.widgets.reflow import wrap_row
from ui.widgets.shown_text import as_html, plain, rich

if TYPE_CHECKING:
    from app.services import Services

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TALK_TITLE = "Our weekly talk"
LOOK_AHEAD_DAYS = 14
HISTORY_SHOWN = 104  # two years of weekly talks; hearth-cli meetings list has them all


class TogetherView(View):
    # Not PROMPTS: a prompt drawn, skipped or marked here changes nothing else on this page
    # (your own decks are re-read when their dialog closes).
    watches = (changes.COUPLE, changes.MEETINGS, changes.CALENDAR, changes.SETTINGS)
    open_view = Signal(str)
    open_worksheet = Signal(int)

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(services, bus, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack)
        overview = QWidget(self)
        self.stack.addWidget(overview)
        self.couple = None
        self.upcoming: Occurrence | None = None
        self.flow = MeetingFlowWidget(services, bus, self)
        self.flow.left.connect(self._talk_left)
        self.flow.open_worksheet.connect(self.open_worksheet)
        self.stack.addWidget(self.flow)

        layout = scroll_body(overview)
        for area in overview.findChildren(QScrollArea):  # no Tab stop: Tab goes into it
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(heading("Together", "Title", overview))
        layout.addWidget(muted(
            "Small rituals, repeated, keep you close: a weekly talk that starts with "
            "appreciation, questions that keep you curious about each other, and time with "
            "the phones away.", overview))
        self.message = plain(QLabel(overview))
        self.message.setObjectName("Banner")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.message.hide()
        layout.addWidget(self.message)
        layout.addWidget(self._talk_card(overview))
        layout.addWidget(self._prompts_card(overview))
        layout.addWidget(self._device_free_card(overview))
        layout.addWidget(self._history_card(overview))
        layout.addStretch(1)
        self.reload()

    # -- cards ---------------------------------------------------------------------------------

    def _talk_card(self, parent: QWidget) -> Card:
        card = Card("Your weekly talk", parent)
        card.body.addWidget(muted(
            "About half an hour, once a week, side by side: appreciations first, then what "
            "went well, one thing to talk about, the week ahead, and what would help each of "
            "you feel loved.", card))
        self.talk_status = plain(QLabel(card))
        self.talk_status.setWordWrap(True)
        self.talk_status.setAccessibleName("Where your weekly talk stands")
        card.body.addWidget(self.talk_status)
        self.start_button = push_button("Start this week's talk", self.start_talk, card,
                                        primary=True)
        card.body.addLayout(row_of(self.start_button))
        self.weekly_words = plain(muted("", card))  # the event's title as typed
        card.body.addWidget(self.weekly_words)
        self.weekday = QComboBox(card)
        self.weekday.addItems(WEEKDAYS)
        self.weekday.setCurrentIndex(6)
        self.weekday.setAccessibleName("Day of the weekly talk")
        self.talk_time = QTimeEdit(QTime(19, 0), card)
        self.talk_time.setDisplayFormat("HH:mm")
        self.talk_time.setAccessibleName("Time of the weekly talk")
        self.make_weekly = push_button("Put it on the calendar", self.put_on_calendar, card,
                                       name="Put the weekly talk on the calendar")
        self.weekly_row, row = wrap_row(card)  # wraps at large text
        for widget in (QLabel("Every", self.weekly_row), self.weekday,
                       QLabel("at", self.weekly_row), self.talk_time, self.make_weekly):
            row.add(widget)
        card.body.addWidget(self.weekly_row)
        self.talk_error = ErrorLabel(card)
        card.body.addWidget(self.talk_error)
        return card

    def _prompts_card(self, parent: QWidget) -> Card:
        card = Card("Something to talk about", parent)
        card.body.addWidget(muted(
            "Questions to stay curious about each other, one at a time. Go at a pace you're "
            "both ready for: light, deeper, or vulnerable.", card))
        self.prompts = PromptPanelWidget(self.services, card)
        self.prompts.changed.connect(self.bus.publish)
        card.body.addWidget(self.prompts)
        card.body.addLayout(row_of(push_button("Your own decks…", self.edit_decks, card,
                                             name="Write your own decks of prompts")))
        return card

    def _device_free_card(self, parent: QWidget) -> Card:
        card = Card("Time with the phones away", parent)
        self.next_time = rich(QLabel(card))
        self.next_time.setWordWrap(True)
        self.next_time.setAccessibleName("Next time together")
        card.body.addWidget(self.next_time)
        self.device_free_button = push_button("Start device-free time", self.start_device_free,
                                              card)
        self.plan_button = push_button("Plan time together", lambda: self.open_view.emit(
            "calendar"), card, name="Open the calendar to plan time together")
        buttons_box, buttons = wrap_row(card)
        buttons.add(self.device_free_button)
        buttons.add(self.plan_button)
        card.body.addWidget(buttons_box)
        return card

    def _history_card(self, parent: QWidget) -> Card:
        card = Card("Your talks so far", parent)
        self.history = MeetingsTableModel(self)
        self.history_table = QTableView(card)
        self.history_table.setModel(self.history)
        self.history_table.setAccessibleName("Your talks so far")
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_table.verticalHeader().hide()
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.history_table.setMinimumHeight(180)
        self.history_table.setMaximumHeight(260)
        self.history_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_record(current.data(ROW_ROLE)))
        self.record = rich(QLabel(card))
        self.record.setWordWrap(True)
        self.record.setAccessibleName("What you said in this talk")
        self.history_empty = muted("Your talks will be kept here — what you appreciated, what "
                                   "you talked about, and what you each did for the other.", card)
        card.body.addWidget(self.history_empty)
        card.body.addWidget(self.history_table)
        card.body.addWidget(self.record)
        return card

    # -- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.couple = self.services.couple.get()
        if self.couple is None:
            return
        now = datetime.now().astimezone()
        ahead = self.services.calendar.occurrences(  # one read for both cards below
            now.date(), now.date() + timedelta(days=LOOK_AHEAD_DAYS))
        current = self.services.meetings.current()
        meetings = self.services.meetings.history(limit=HISTORY_SHOWN)
        if current is not None:
            self.talk_status.setText(
                f"You paused your talk at step {current.step + 1} of {len(STEPS)} "
                f"({STEPS[current.step][1].lower()}). Everything you said is kept.")
            self.start_button.setText("Continue your talk")
        else:
            last = meetings[0] if meetings else None
            self.talk_status.setText(
                f"Your last talk was on {last.finished_at:%A} "
                f"{long_date(last.finished_at.date())}." if last else
                "You haven't had a weekly talk in Hearth yet. The first one is the hardest "
                "to start — and usually the nicest.")
            self.start_button.setText("Start this week's talk")
        self.start_button.setAccessibleName(self.start_button.text())
        weekly = next((o for o in ahead if o.kind == "meeting" and o.repeating
                       and o.status == "planned"), None)
        if weekly is not None:
            self.weekly_words.setText(f"On your calendar: {weekly.title}, "
                                      f"{when_words(weekly, now)}.")
        else:
            self.weekly_words.setText("Make it a habit: choose a regular time and Hearth puts "
                                      "it on your calendar every week.")
        self.weekly_row.setVisible(weekly is None)
        self._show_next_time(ahead, now)
        self.history.set_meetings(meetings)
        self.history_table.setVisible(bool(meetings))
        self.history_empty.setVisible(not meetings)
        if meetings and not self.history_table.currentIndex().isValid():
            self.history_table.selectRow(0)
        elif not meetings:
            self.record.setText("")
        self.prompts.reload_decks()
        if self.prompts.prompt is None:
            self.prompts.draw()

    def _show_next_time(self, ahead: list[Occurrence], now: datetime) -> None:
        """The next planned time together that isn't the talk itself."""
        upcoming = next((o for o in together(ahead) if o.status == "planned"
                         and o.kind != "meeting" and not o.all_day and o.end > now), None)
        self.upcoming = upcoming
        if upcoming is None:
            self.next_time.setText(
                "Nothing planned in the next two weeks. An evening with the phones in a "
                "drawer is one of the simplest gifts you can give each other.")
            self.device_free_button.setEnabled(False)
            return
        self.next_time.setText(
            f"Next: <b>{html.escape(upcoming.title)}</b> — {when_words(upcoming, now)}. "
            "When it's time, start device-free time: phones away, a gentle timer, questions "
            "if you want them, and a moment to look back at the end.")
        self.device_free_button.setEnabled(upcoming.start.date() == now.date())
        self.device_free_button.setToolTip(
            "" if self.device_free_button.isEnabled() else "Available on the day")

    def _show_record(self, meeting: Meeting | None) -> None:
        couple = self.couple
        if meeting is None or couple is None:
            self.record.setText("")
            return
        parts = []
        for partner in couple.partners:
            other = couple.partners[1 - partner.position]
            said = meeting.partner_answer("appreciations", partner.id).strip()
            if said:
                parts.append(f"<p>{partner_name(partner)} appreciated {partner_name(other)} for: "
                             f"{as_html(said)}</p>")
        if meeting.answer("topic"):
            parts.append(f"<p><b>You talked about:</b> {as_html(meeting.answer('topic'))}</p>")
        for promise in meeting.commitments:
            doer = next(p for p in couple.partners if p.id == promise.partner_id)
            how = f" — {OUTCOMES[promise.outcome].lower()}" if promise.outcome else ""
            parts.append(f"<p>{partner_name(doer)} would: {as_html(promise.text)}{how}</p>")
        self.record.setText("".join(parts) or "Nothing was written down in this talk.")

    # -- actions -------------------------------------------------------------------------------

    def start_talk(self) -> None:
        today = date.today()
        event = next((o for o in self.services.calendar.occurrences(today, today)
                      if o.kind == "meeting"), None)
        try:
            meeting, change = self.services.meetings.start(
                today, event.event_id if event else None, event.recurrence if event else None)
        except HearthError as exc:
            self.talk_error.show_message(exc.message)
            return
        self.talk_error.show_message(None)
        self.message.hide()
        self.bus.publish(change)
        self.flow.open(meeting)
        self.stack.setCurrentWidget(self.flow)
        self.flow.arrive()  # on screen now: the keyboard goes to the first question

    def _talk_left(self, words: str) -> None:
        self.stack.setCurrentIndex(0)
        self.message.setText(words)
        self.message.show()
        self.reload()

    def put_on_calendar(self) -> None:
        today = date.today()
        days_ahead = (self.weekday.currentIndex() - today.weekday()) % 7
        at = self.talk_time.time()
        start = datetime.combine(today + timedelta(days=days_ahead), time(at.hour(), at.minute()))
        if start <= datetime.now():
            start += timedelta(days=7)
        data = EventInput(TALK_TITLE, "meeting", start, start + timedelta(hours=1),
                          rrule="FREQ=WEEKLY",
                          notes="Appreciations first. Then what went well, one thing to talk "
                                "about, the week ahead, and what would help you feel loved.")
        try:
            _event, change = self.services.calendar.create(data)
        except HearthError as exc:
            self.talk_error.show_message(exc.message)
            return
        self.talk_error.show_message(None)
        self.bus.publish(change)

    def start_device_free(self) -> None:
        if self.upcoming is None:
            return
        from ui.views.device_free import start_device_free

        start_device_free(self.services, self.bus, self.couple, self.upcoming, self.window())

    def edit_decks(self) -> None:
        from ui.dialogs.own_decks_dialog import OwnDecksDialog

        OwnDecksDialog(self.services, self.bus, self).exec()
        self.prompts.reload_decks()

    def about_to_close(self) -> None:
        self.flow.about_to_close()

    # -- for ui.screenshots --------------------------------------------------------------------

    def screenshot_states(self):
        def step(n: int):
            def show() -> None:
                if self.stack.currentWidget() is not self.flow:
                    self.start_talk()
                self.flow.go(n, save=False)
            return show

        def back() -> None:  # leave no talk behind in the screenshots' data
            if self.flow.meeting is not None:
                self.bus.publish(self.services.meetings.delete(self.flow.meeting.id))
                self.flow.meeting = None
            self.stack.setCurrentIndex(0)
            self.message.hide()

        def scrolled() -> None:  # the prompts, device-free time and the talks so far
            from PySide6.QtWidgets import QScrollArea

            area = self.stack.widget(0).findChild(QScrollArea)
            area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())

        return ([("lower", scrolled)] + [(f"talk-{n + 1}", step(n)) for n in range(len(STEPS))]
                + [(None, back)])
