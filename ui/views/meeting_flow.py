"""The weekly "state of us" talk, one step per screen, both partners side by side.

Everything said is kept as it is typed (a moment after the last key, never more than a
second behind — see ui/autosave.py), on every step change, on "Pause for now", on leaving
the field or the view, and when the window closes — so a talk can be left and picked up again
mid-sentence. Finishing turns step 5's answers into the week's commitments.
"""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import changes
from app.domain.calendar import KINDS, EventInput, when_words
from app.domain.changes import ChangeSet
from app.domain.couple import Couple
from app.domain.errors import HearthError
from app.domain.goals import review_words
from app.domain.meetings import OUTCOMES, STEPS, Meeting
from app.domain.worksheets import KINDS as WORKSHEET_KINDS
from ui import theme
from ui.autosave import Autosave
from ui.bus import DataBus
from ui.widgets.common import (
    Card,
    ErrorLabel,
    clear_layout,
    clear_problem,
    heading,
    muted,
    partner_name,
    push_button,
    row_of,
    show_problem,
    text_box,
)
from ui.widgets.private_reveal import arrive
from ui.widgets.prompt_panel import PromptPanelWidget
from ui.widgets.reflow import wrap_row
from ui.widgets.shown_text import as_html, plain, rich

if TYPE_CHECKING:
    from app.services import Services
    from app.services.meetings import WeekSummary

QUALITY_KINDS = tuple(k for k in KINDS if k.key not in ("meeting", "other"))


def _column(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("PartnerColumn")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(10)
    return frame, layout


class _ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:
        self.clicked.emit()
        super().mouseReleaseEvent(event)


class TopicChoiceWidget(QWidget):
    """A radio button whose words wrap (a QRadioButton's own text never does); clicking the
    words chooses it too."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.radio = QRadioButton(self)
        self.radio.setAccessibleName(text)
        self.radio.setProperty("topic_text", text)
        self.words = plain(_ClickableLabel(text, self))  # the couple's words, as typed
        self.words.setWordWrap(True)
        self.words.clicked.connect(lambda: self.radio.setChecked(True))
        row.addWidget(self.radio, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.words, 1)


class MeetingFlowWidget(QWidget):
    """Steps through one meeting; ``left`` when paused or finished (with a word to show)."""

    left = Signal(str)
    open_worksheet = Signal(int)

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        self.meeting: Meeting | None = None
        self.couple: Couple | None = None
        self.week: WeekSummary | None = None
        self.answers: dict[str, Any] = {}
        self._loading = False
        self._autosave = Autosave(self, self.save_now)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 28, 40, 24)
        outer.setSpacing(12)
        self.title = heading("Your weekly talk", "Title", self)
        self.step_words = QLabel(self)
        self.step_words.setObjectName("SectionTitle")
        self.step_words.setAccessibleName("Step")
        self.step_hint = muted("", self)
        self.dots = rich(QLabel(self))
        self.dots.setAccessibleName("Progress through the talk")
        for widget in (self.title, self.dots, self.step_words, self.step_hint):
            outer.addWidget(widget)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages, 1)
        self.error = ErrorLabel(self)
        outer.addWidget(self.error)
        footer = QHBoxLayout()
        self.back = push_button("Back", lambda: self.go(self.step - 1), self)
        self.pause = push_button("Pause for now", self.pause_talk, self,
                                 name="Pause the talk for now")
        self.next = push_button("Next", self._next, self, primary=True)
        footer.addWidget(self.back)
        footer.addWidget(self.pause)
        footer.addStretch(1)
        footer.addWidget(self.next)
        outer.addLayout(footer)

        self.appreciation_boxes: dict[int, QPlainTextEdit] = {}
        self.loved_boxes: dict[int, QPlainTextEdit] = {}
        self.pages.addWidget(self._scrolling(self._appreciations_page()))
        self.pages.addWidget(self._scrolling(self._went_well_page()))
        self.pages.addWidget(self._scrolling(self._one_thing_page()))
        self.pages.addWidget(self._scrolling(self._ahead_page()))
        self.pages.addWidget(self._scrolling(self._loved_page()))

    @property
    def step(self) -> int:
        return self.pages.currentIndex()

    @staticmethod
    def _scrolling(page: QWidget) -> QWidget:
        from PySide6.QtWidgets import QScrollArea

        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what's in it
        page.setObjectName("ScrollBody")
        area.setWidget(page)
        return area

    # -- pages ---------------------------------------------------------------------------------

    def _appreciations_page(self) -> QWidget:
        page = QWidget()
        self.appreciation_row = QHBoxLayout(page)
        self.appreciation_row.setSpacing(20)
        return page

    def _went_well_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(14)
        self.went_well = rich(QLabel(page))
        self.went_well.setWordWrap(True)
        self.went_well.setAccessibleName("What went well this week")
        layout.addWidget(self.went_well)
        self.promises_card = Card("Last week's commitments", page)
        self.promises_card.body.addWidget(muted(
            "Did they happen? No one is keeping score — it's just a chance to say thank "
            "you, or to try again.", self.promises_card))
        self.promises = QVBoxLayout()
        self.promises_card.body.addLayout(self.promises)
        layout.addWidget(self.promises_card)
        self.went_well_notes = self._answer_box(
            "Anything else that went well",
            "Anything else that went well? Something Hearth doesn't know about…", page, 3)
        layout.addWidget(self.went_well_notes)
        layout.addStretch(1)
        return page

    def _one_thing_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        layout.addWidget(muted("Some things your week suggests — or choose your own:", page))
        self.topic_box = QVBoxLayout()
        layout.addLayout(self.topic_box)
        self.topic_group = QButtonGroup(self)
        self.topic_group.buttonToggled.connect(self._topic_chosen)
        own_box, own = wrap_row(page)
        self.own_topic = QRadioButton("Something else:", own_box)
        self.own_topic.setAccessibleName("Something else to talk about")
        self.own_topic_text = QLineEdit(own_box)
        self.own_topic_text.setAccessibleName("Your own topic")
        self.own_topic_text.setPlaceholderText("e.g. how weekends feel lately")
        self.own_topic_text.textEdited.connect(lambda _t: self.own_topic.setChecked(True))
        self.own_topic_text.textChanged.connect(self._edited)
        own.add(self.own_topic)
        own.add(self.own_topic_text, 1, 20)
        layout.addWidget(own_box)
        self.topic_notes = self._answer_box(
            "What you heard each other say",
            "What did each of you hear? Listen first; a plan can wait.", page, 4)
        layout.addWidget(self.topic_notes)
        sheet_box, sheet = wrap_row(page)
        sheet.add(QLabel("If it needs more time:", sheet_box))
        self.sheet_kind = QComboBox(sheet_box)
        self.sheet_kind.setAccessibleName("Kind of worksheet")
        for key, title in WORKSHEET_KINDS:
            self.sheet_kind.addItem(title, key)
        self.sheet_kind.setCurrentIndex(max(0, self.sheet_kind.findData("gentle_start")))
        sheet.add(self.sheet_kind)
        self.open_sheet = push_button("Open a worksheet for it", self.start_worksheet,
                                      sheet_box, name="Open a worksheet for this topic")
        sheet.add(self.open_sheet)
        layout.addWidget(sheet_box)
        self.ask_prompt = push_button("Nothing pressing? Draw a question instead",
                                      self.show_prompts, page)
        layout.addLayout(row_of(self.ask_prompt))
        self.prompts = PromptPanelWidget(self.services, page, compact=True)
        self.prompts.changed.connect(self.bus.publish)
        self.prompts.hide()
        layout.addWidget(self.prompts)
        layout.addStretch(1)
        return page

    def show_prompts(self) -> None:
        """A conversation prompt, when the week suggests nothing to talk about."""
        self.ask_prompt.hide()
        self.prompts.show()
        if self.prompts.prompt is None:
            self.prompts.draw()

    def _ahead_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(14)
        plans = Card("Time together this coming week", page)
        self.planned = rich(QLabel(plans))
        self.planned.setWordWrap(True)
        self.planned.setAccessibleName("Planned for the coming week")
        plans.body.addWidget(self.planned)
        form_box, form = wrap_row(plans)  # these rows wrap at large text
        self.plan_title = QLineEdit("Date night", form_box)
        self.plan_title.setAccessibleName("What you'll do")
        self.plan_kind = QComboBox(form_box)
        self.plan_kind.setAccessibleName("Kind of time together")
        for kind in QUALITY_KINDS:
            self.plan_kind.addItem(f"{kind.icon} {kind.label}", kind.key)
        self.plan_day = QDateEdit(plans)
        self.plan_day.setCalendarPopup(True)
        self.plan_day.setDisplayFormat("ddd d MMMM")
        self.plan_day.setAccessibleName("Day")
        self.plan_time = QTimeEdit(QTime(19, 0), plans)
        self.plan_time.setDisplayFormat("HH:mm")
        self.plan_time.setAccessibleName("Time")
        self.plan_hours = QDoubleSpinBox(plans)
        self.plan_hours.setRange(0.5, 12)
        self.plan_hours.setSingleStep(0.5)
        self.plan_hours.setDecimals(1)
        self.plan_hours.setValue(2)
        self.plan_hours.setSuffix(" h")
        self.plan_hours.setAccessibleName("How long, in hours")
        form.add(self.plan_title, 2, 16)
        form.add(self.plan_kind, 1)
        plans.body.addWidget(form_box)
        when_box, when = wrap_row(plans)
        for words, widget in (("On", self.plan_day), ("at", self.plan_time),
                              ("for", self.plan_hours)):
            piece_box, piece = wrap_row(when_box)  # a word stays with its field
            piece.add(QLabel(words, piece_box))
            widget.setParent(piece_box)
            piece.add(widget)
            when.add(piece_box)
        when.spring()
        when.add(push_button("Add to the calendar", self.plan_time_together, when_box,
                             name="Add this time together to the calendar"))
        plans.body.addWidget(when_box)
        self.plan_error = ErrorLabel(plans)
        plans.body.addWidget(self.plan_error)
        layout.addWidget(plans)
        goals = Card("Goals to look at", page)
        self.goals_due = rich(QLabel(goals))
        self.goals_due.setWordWrap(True)
        self.goals_due.setAccessibleName("Goals waiting for a look")
        goals.body.addWidget(self.goals_due)
        layout.addWidget(goals)
        self.ahead_notes = self._answer_box(
            "Notes for the week ahead",
            "Anything else for the week ahead — busy days, something to look forward to…",
            page, 3)
        layout.addWidget(self.ahead_notes)
        layout.addStretch(1)
        return page

    def _loved_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.loved_row = QHBoxLayout()
        self.loved_row.setSpacing(20)
        layout.addLayout(self.loved_row)
        layout.addWidget(muted("Your answers become this week's commitments: Home shows them "
                               "all week, and next week's talk looks back on them.", page))
        layout.addStretch(1)
        return page

    def _answer_box(self, name: str, placeholder: str, parent: QWidget,
                    lines: int) -> QPlainTextEdit:
        """A few lines of the talk, kept a moment after each change."""
        box = text_box(name, placeholder, parent, lines, grows=True)
        box.textChanged.connect(self._edited)
        return box

    def _partner_columns(self) -> None:
        """The two side-by-side columns of steps 1 and 5, for this couple."""
        clear_layout(self.appreciation_row)
        clear_layout(self.loved_row)
        self.appreciation_boxes.clear()
        self.loved_boxes.clear()
        self.reminders: dict[int, QVBoxLayout] = {}
        if self.couple is None:
            return
        for partner in self.couple.partners:
            other = self.couple.partners[1 - partner.position]
            frame, column = _column(self)
            title = rich(QLabel(f"{partner_name(partner)} appreciates {partner_name(other)} for…",
                                frame))
            title.setObjectName("SectionTitle")
            title.setWordWrap(True)
            column.addWidget(title)
            box = self._answer_box(f"{partner.name}'s appreciations of {other.name}",
                                   "This week you… and it meant…", frame, 5)
            column.addWidget(box)
            self.reminders[partner.id] = QVBoxLayout()
            column.addLayout(self.reminders[partner.id])
            column.addStretch(1)
            self.appreciation_row.addWidget(frame, 1)
            self.appreciation_boxes[partner.id] = box

            frame, column = _column(self)
            title = rich(QLabel(f"{partner_name(partner)}, what can {partner_name(other)} do this "
                                "week to help you feel loved?", frame))
            title.setObjectName("SectionTitle")
            title.setWordWrap(True)
            column.addWidget(title)
            box = self._answer_box(f"What {other.name} can do for {partner.name} this week",
                                   "Something small and specific — \u201ccook with me on "
                                   "Thursday\u201d, \u201ca walk without phones\u201d…",
                                   frame, 3)
            column.addWidget(box)
            column.addStretch(1)
            self.loved_row.addWidget(frame, 1)
            self.loved_boxes[partner.id] = box

    # -- one meeting ---------------------------------------------------------------------------

    def open(self, meeting: Meeting) -> None:
        """Show ``meeting`` where it was left, built from this week's data."""
        self.meeting = meeting
        self.couple = self.services.couple.get()
        self.answers = dict(meeting.answers)
        self._partner_columns()
        self._loading = True
        try:
            for pid, box in self.appreciation_boxes.items():
                box.setPlainText(meeting.partner_answer("appreciations", pid))
            for pid, box in self.loved_boxes.items():
                box.setPlainText(meeting.partner_answer("feel_loved", pid))
            self.went_well_notes.setPlainText(meeting.answer("went_well"))
            self.topic_notes.setPlainText(meeting.answer("topic_notes"))
            self.ahead_notes.setPlainText(meeting.answer("ahead"))
            self.own_topic_text.setText("")
            self.refresh_week()
        finally:
            self._loading = False
        self.error.show_message(None)
        self.go(meeting.step, save=False)

    def refresh_week(self) -> None:
        """Read the week again (after planning time or looking back on a commitment)."""
        if self.meeting is None:
            return
        self.week = self.services.meetings.week(meeting_id=self.meeting.id)
        self._show_reminders()
        self._show_went_well()
        self._show_topics()
        self._show_ahead()

    def _show_reminders(self) -> None:
        for pid, layout in self.reminders.items():
            clear_layout(layout)
            mine = [c for c in self.week.appreciations if c.partner_id == pid]
            if not mine:
                continue
            layout.addWidget(muted("From your check-ins this week:", self))
            for checkin in mine[-4:]:
                row = QHBoxLayout()
                words = rich(QLabel(f"“{as_html(checkin.appreciation)}” "
                                    f"<span style='color:{theme.current().colour('muted')}'>"
                                    f"({checkin.at:%A})</span>", self))
                words.setWordWrap(True)
                add = push_button("Add", lambda _=False, p=pid, t=checkin.appreciation:
                                  self._add_reminder(p, t), self,
                                  name=f"Add “{checkin.appreciation}”")
                row.addWidget(words, 1)
                row.addWidget(add)
                layout.addLayout(row)

    def _add_reminder(self, partner_id: int, text: str) -> None:
        box = self.appreciation_boxes[partner_id]
        current = box.toPlainText().rstrip()
        box.setPlainText(f"{current}\n{text}" if current else text)

    def _show_went_well(self) -> None:
        week, couple = self.week, self.couple
        items = []
        if week.sittings:
            aim = f" (your aim: {week.checkin_target} a week)" if week.checkin_target else ""
            times = "once" if week.sittings == 1 else f"{week.sittings} times"
            items.append(f"You checked in {times}{aim}.")
        if week.quality_done:
            done = ", ".join(f"{html.escape(o.title)} ({o.start:%A})" for o in week.quality_done)
            hours = f"{week.quality_hours:g}"
            items.append(f"{hours} hours of time together: {done}.")
        for goal, milestone in week.milestones_done:
            items.append(f"A step on <b>{html.escape(goal)}</b>: {html.escape(milestone)}.")
        for win in week.wins:
            items.append(f"A win: <b>{html.escape(win.title)}</b>.")  # the list's bullet only
        for title in week.agreements_kept:
            items.append(f"You worked through <b>{html.escape(title)}</b> — your agreement "
                         "held.")
        if items:
            text = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        else:
            text = ("A quiet week in Hearth. What went well that Hearth doesn't know about? "
                    "A kind word, a laugh, a hard day you got through together.")
        self.went_well.setText(text)
        clear_layout(self.promises)
        self.promises_card.setVisible(bool(week.last_commitments) and couple is not None)
        for promise in week.last_commitments if couple else ():
            doer = next(p for p in couple.partners if p.id == promise.partner_id)
            row_box, row = wrap_row(self)  # the three answers go under it where narrow
            words = rich(QLabel(f"{partner_name(doer)}: {as_html(promise.text)}", row_box))
            words.setWordWrap(True)
            row.add(words, 1, 18)
            group = QButtonGroup(words)
            group.setExclusive(False)
            for key, label in OUTCOMES.items():
                button = QPushButton(label, row_box)
                button.setObjectName("Chip")
                button.setCheckable(True)
                button.setChecked(promise.outcome == key)
                button.setAccessibleName(f"{promise.text}: {label}")
                button.clicked.connect(
                    lambda on, c=promise.id, k=key, b=button: self._look_back(c, k, on, b))
                group.addButton(button)
                row.add(button)
            self.promises.addWidget(row_box)

    def _look_back(self, commitment_id: int, outcome: str, on: bool,
                   button: QPushButton) -> None:
        """One answer per commitment (or none: clicking the chosen one again clears it)."""
        try:
            change = self.services.meetings.look_back(commitment_id, outcome if on else None)
        except HearthError as exc:
            button.setChecked(not on)
            self.error.show_message(exc.message)
            return
        for other in button.group().buttons():
            if other is not button:
                other.setChecked(False)
        self.bus.publish(change)

    def _show_topics(self) -> None:
        for button in self.topic_group.buttons():
            if button is not self.own_topic:
                self.topic_group.removeButton(button)
        clear_layout(self.topic_box)
        self.topic_group.addButton(self.own_topic)
        chosen = self.answers.get("topic", "")
        names = {p.id: p.name for p in self.couple.partners} if self.couple else {}
        # (kind of worksheet to open for it, the words, an existing worksheet to go back to)
        suggestions: list[tuple[str, str, int | None]] = []
        for difference in self.week.differences:
            felt = " and ".join(f"{names.get(pid, '')} {value}"
                                for pid, value in difference.connection.items())
            suggestions.append(("gentle_start", f"On {difference.day:%A} you felt differently "
                                f"connected ({felt} of 10) — what was going on?", None))
        for checkin in self.week.needs:
            suggestions.append(("gentle_start", f"{names.get(checkin.partner_id, '')} "
                                f"needed: {checkin.need}", None))
        for sheet in self.week.follow_ups:
            suggestions.append(("", f"Look back on “{sheet.title}”: did your agreement work?",
                                sheet.id))
        known = False
        for kind, text, worksheet_id in suggestions[:6]:
            choice = TopicChoiceWidget(text, self)
            choice.radio.setProperty("sheet_kind", kind)
            choice.radio.setProperty("worksheet_id", worksheet_id)
            self.topic_group.addButton(choice.radio)
            self.topic_box.addWidget(choice)
            if text == chosen:
                choice.radio.setChecked(True)
                known = True
        if not suggestions:
            self.topic_box.addWidget(muted("Nothing stood out in your week — a calm one. "
                                           "Is there something either of you would like to "
                                           "talk about?", self))
        if chosen and not known:
            self.own_topic_text.setText(chosen)
            self.own_topic.setChecked(True)

    def _topic_chosen(self, button, on: bool) -> None:
        if not on:
            return
        kind = button.property("sheet_kind")
        if kind in (k for k, _t in WORKSHEET_KINDS):
            self.sheet_kind.setCurrentIndex(self.sheet_kind.findData(kind))
        existing = button.property("worksheet_id") is not None
        self.sheet_kind.setEnabled(not existing)
        self.open_sheet.setText("Open that worksheet" if existing else "Open a worksheet for it")
        self._edited()

    def topic(self) -> str:
        checked = self.topic_group.checkedButton()
        if checked is None:
            return ""
        if checked is self.own_topic:
            return self.own_topic_text.text().strip()
        return checked.property("topic_text")

    def _show_ahead(self) -> None:
        now = datetime.now().astimezone()
        if self.week.planned_ahead:
            self.planned.setText("<ul>" + "".join(
                f"<li><b>{html.escape(o.title)}</b> — {when_words(o, now)}</li>"
                for o in self.week.planned_ahead) + "</ul>")
        else:
            self.planned.setText("Nothing planned yet for the coming week. What would you "
                                 "two enjoy?")
        tomorrow = date.today() + timedelta(days=1)
        if not self.plan_day.date().isValid() or self.plan_day.date().toPython() < tomorrow:
            self.plan_day.setDate(QDate(tomorrow))
        self.plan_day.setDateRange(QDate(date.today()), QDate(date.today() + timedelta(days=60)))
        if self.week.goals_due:
            self.goals_due.setText("<ul>" + "".join(
                f"<li><b>{html.escape(g.title)}</b> — "
                f"{html.escape(review_words(g.next_review, date.today()))}</li>"
                for g in self.week.goals_due) + "</ul>")
        else:
            self.goals_due.setText("No goals waiting for a look this week.")

    # -- actions -------------------------------------------------------------------------------

    def plan_time_together(self) -> None:
        start = datetime.combine(self.plan_day.date().toPython(),
                                 time(self.plan_time.time().hour(), self.plan_time.time().minute()))
        end = start + timedelta(hours=self.plan_hours.value())
        data = EventInput(self.plan_title.text(), self.plan_kind.currentData(), start, end,
                          devices_away=self.plan_kind.currentData() == "device_free")
        try:
            _event, change = self.services.calendar.create(data)
        except HearthError as exc:
            field = {"title": self.plan_title, "start": self.plan_day,
                     "end": self.plan_hours}.get(getattr(exc, "field", None) or "",
                                                 self.plan_title)
            show_problem(self.plan_error, exc.message, field)
            return
        clear_problem(self.plan_error, self.plan_title, self.plan_day, self.plan_hours)
        self.bus.publish(change)
        self.refresh_week()

    def start_worksheet(self) -> None:
        """Open a worksheet for the topic — the one it follows up, or a new one of the
        chosen kind; the talk waits, paused."""
        checked = self.topic_group.checkedButton()
        sheet_id = checked.property("worksheet_id") if checked is not None else None
        if sheet_id is None:
            topic = self.topic() or "Something from our weekly talk"
            try:
                sheet, change = self.services.worksheets.start(self.sheet_kind.currentData(),
                                                               topic[:200])
            except HearthError as exc:
                self.error.show_message(exc.message)
                return
            self.bus.publish(change)
            sheet_id = sheet.id
        if not self.save_now():
            return
        self.left.emit("Your talk is paused while you work through it; pick it up any time.")
        self.open_worksheet.emit(sheet_id)

    def collect(self) -> dict[str, Any]:
        answers = dict(self.answers)
        answers["appreciations"] = {str(pid): box.toPlainText()
                                    for pid, box in self.appreciation_boxes.items()}
        answers["feel_loved"] = {str(pid): box.toPlainText()
                                 for pid, box in self.loved_boxes.items()}
        answers["went_well"] = self.went_well_notes.toPlainText()
        answers["topic"] = self.topic()
        answers["topic_notes"] = self.topic_notes.toPlainText()
        answers["ahead"] = self.ahead_notes.toPlainText()
        return answers

    def _edited(self) -> None:
        if not self._loading and self.meeting is not None:
            self._autosave.changed()

    def save_now(self) -> bool:
        """Keep what is on screen now; False (with a message) if it couldn't be kept."""
        self._autosave.stop()
        if self.meeting is None:
            return True
        self.answers = self.collect()
        try:
            self.services.meetings.save(self.meeting.id, self.step, self.answers)
        except HearthError as exc:
            self.error.show_message(exc.message)
            return False
        return True

    def go(self, step: int, save: bool = True) -> None:
        step = max(0, min(step, len(STEPS) - 1))
        self.pages.setCurrentIndex(step)
        _key, title, words = STEPS[step]
        self.step_words.setText(f"Step {step + 1} of {len(STEPS)} · {title}")
        self.step_hint.setText(words)
        accent = theme.current().colour("accent")
        muted_colour = theme.current().colour("border")
        self.dots.setText(" ".join(
            f'<span style="color:{accent if i <= step else muted_colour}">●</span>'
            for i in range(len(STEPS))))
        self.back.setEnabled(step > 0)
        last = step == len(STEPS) - 1
        self.next.setText("Finish the talk" if last else "Next")
        self.next.setAccessibleName("Finish the talk" if last else "Next step")
        self.arrive()
        if save:
            self.save_now()

    def arrive(self) -> None:
        """A step was just shown: its page from the top, the keyboard in its first field."""
        page = self.pages.currentWidget()
        inner = page.widget() if hasattr(page, "widget") else page
        arrive(inner)
        first = QApplication.focusWidget()
        if isinstance(first, QLineEdit) and inner.isAncestorOf(first):
            first.selectAll()  # "Date night" is a suggestion: typing replaces it

    def _next(self) -> None:
        if self.step < len(STEPS) - 1:
            self.go(self.step + 1)
        else:
            self.finish()

    def pause_talk(self) -> None:
        if self.save_now():
            self.bus.publish(self._change())
            self.left.emit(f"Paused at step {self.step + 1} of {len(STEPS)} — everything "
                           "you said is kept. Pick it up when you're both ready.")

    def finish(self) -> None:
        if self.meeting is None or self.couple is None:
            return
        answers = self.collect()
        commitments = {}
        for partner in self.couple.partners:  # what the other will do for this partner
            other = self.couple.partners[1 - partner.position]
            commitments[other.id] = answers["feel_loved"].get(str(partner.id), "")
        try:
            _meeting, change = self.services.meetings.finish(self.meeting.id, answers,
                                                             commitments)
        except HearthError as exc:
            self.error.show_message(exc.message)
            return
        self.meeting = None
        self.bus.publish(change)
        self.left.emit("Thank you both. Your talk is kept, and this week's commitments "
                       "are on Home.")

    @staticmethod
    def _change() -> ChangeSet:
        return ChangeSet.of(changes.MEETINGS)

    def about_to_close(self) -> None:
        if self.meeting is not None and self.isVisible():
            self.save_now()
