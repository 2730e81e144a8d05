"""Device-free time: a full-screen, quiet screen for a planned evening together.

Three steps: a gentle "phones away" start, the time together (a countdown of the planned
length, questions only when asked for), and two minutes of looking back — each partner
rates how connected they felt and keeps one line — which marks the plan done.

Nothing is saved until "Keep this" (or "Mark it done"); leaving earlier asks first and
changes nothing.
"""

from __future__ import annotations

import html
import math
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.calendar import KINDS_BY_KEY, LINE_MAX, Occurrence, clean_memory
from app.domain.couple import Couple, Partner
from app.domain.errors import HearthError
from ui import theme
from ui.bus import DataBus
from ui.models.calendar_models import time_words
from ui.widgets.choices import ChoiceRowWidget
from ui.widgets.common import ErrorLabel, add_shortcut, heading, muted, push_button
from ui.widgets.prompt_panel import PromptPanelWidget

if TYPE_CHECKING:
    from app.services import Services

START, TOGETHER, REFLECT, THANKS = range(4)
CLOSE_AFTER_THANKS_MS = 12_000  # the thank-you stays long enough to read, then steps aside
INVITATION = ("Phones away — in another room, face down, or on silent. "
              "This time is just for the two of you.")
TIME_UP = "Your planned time is up — stay as long as you like."
LEAVE_QUESTION = "Leave device-free time? Nothing has been saved yet."
CONNECTION_WORDS = {1: "a little", 2: "somewhat", 3: "fairly", 4: "close", 5: "very close"}

_open_windows: list[DeviceFreeWindow] = []  # windows without a parent, kept alive while open


def planned_seconds(occurrence: Occurrence) -> int:
    """How long the plan was for, in seconds (0 for a whole day: no clock to watch)."""
    return max(0, round(occurrence.hours * 3600))


def clock_words(seconds: int) -> str:
    """1:59:58 for an hour or more, 04:07 below."""
    minutes, secs = divmod(max(0, seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def length_words(seconds: int) -> str:
    minutes = round(seconds / 60)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} minutes" if minutes != 1 else "1 minute"
    if not rest:
        return f"{hours} hours" if hours != 1 else "1 hour"
    if rest == 30:
        return f"{hours}½ hours"
    return f"{hours} h {rest} min"


def _day_words(occurrence: Occurrence) -> str:
    start = occurrence.start if occurrence.all_day else occurrence.start.astimezone()
    day = start.date()
    today = datetime.now().date()
    if day == today:
        return "Tonight" if not occurrence.all_day and start.hour >= 17 else "Today"
    if day == today + timedelta(days=1):
        return "Tomorrow"
    return f"{day:%A} {day.day} {day:%B}"


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class _ReflectionColumn(QFrame):
    """One partner's two answers, in that partner's colour."""

    def __init__(self, partner: Partner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.partner = partner
        self.setObjectName("PartnerColumn")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(26, 22, 26, 24)
        layout.setSpacing(10)
        self.header = QLabel(self)
        self.header.setObjectName("SectionTitle")
        layout.addWidget(self.header)
        question = QLabel("How connected did you feel?", self)
        question.setObjectName("FieldLabel")
        question.setWordWrap(True)
        layout.addWidget(question)
        self.rating = ChoiceRowWidget(
            [(n, str(n), f"{n} of 5, {CONNECTION_WORDS[n]}") for n in range(1, 6)],
            f"{partner.name}: how connected did you feel", self, allow_none=True)
        layout.addWidget(self.rating)
        layout.addWidget(muted("1 is a little, 5 is very close", self))
        line = QLabel("One line to remember", self)
        line.setObjectName("FieldLabel")
        layout.addSpacing(6)
        layout.addWidget(line)
        self.memory = QLineEdit(self)
        self.memory.setMaxLength(LINE_MAX)
        self.memory.setPlaceholderText("A moment, a word, a laugh… (optional)")
        self.memory.setAccessibleName(f"{partner.name}: one line to remember")
        layout.addWidget(self.memory)
        layout.addStretch(1)
        self.restyle()

    def restyle(self) -> None:
        current = theme.current()
        colour = current.partner_hex(self.partner)
        self.header.setText(f"<span style='color:{colour}'>●</span> "
                            f"{html.escape(self.partner.name)}")
        self.setStyleSheet(
            f"QFrame#PartnerColumn {{ border-top: 6px solid {colour}; }}"
            f"QPushButton#Choice:checked {{ background: {colour}; border-color: {colour};"
            f" color: {current.colour('bg')}; }}")


class DeviceFreeWindow(QWidget):
    """Full screen, nothing else on it: start, time together, looking back, thank you."""

    hide_when_locked = True  # Hearth's lock hides it too (its timer carries on)

    def __init__(self, services: Services, bus: DataBus, couple: Couple,
                 occurrence: Occurrence, parent: QWidget | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("DeviceFreeWindow")
        self.services = services
        self.bus = bus
        self.couple = couple
        self.occurrence = occurrence
        self.planned = planned_seconds(occurrence)
        self._clock = clock  # seconds, never going back; replaceable in tests
        self._started: float | None = None
        self._paused_at: float | None = None
        self._paused_for = 0.0
        self._time_up = False
        self._quiet = False  # leave without asking (after saving, or told so)
        self.setWindowTitle(f"Device-free time — {occurrence.title}")
        self.setAccessibleName("Device-free time")

        self.pages = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.addWidget(self.pages)
        self.pages.addWidget(self._build_start())
        self.pages.addWidget(self._build_together())
        self.pages.addWidget(self._build_reflect())
        self.pages.addWidget(self._build_thanks())

        self.ticker = QTimer(self)
        self.ticker.setSingleShot(True)  # re-armed for each second boundary
        self.ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self.ticker.timeout.connect(self._tick)
        self.closer = QTimer(self)
        self.closer.setSingleShot(True)
        self.closer.setInterval(CLOSE_AFTER_THANKS_MS)
        self.closer.timeout.connect(self.close)

        add_shortcut(self, [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)],
                     self._enter)
        add_shortcut(self, QKeySequence(Qt.Key.Key_Escape), self.close)
        self._go(START)

    # -- building ----------------------------------------------------------------------------

    def _centred(self, width: int) -> tuple[QWidget, QVBoxLayout]:
        """A page whose content sits in the middle, no wider than ``width`` (scaled)."""
        page = QWidget(self.pages)
        across = QHBoxLayout(page)
        across.setContentsMargins(0, 0, 0, 0)
        content = QWidget(page)
        content.setMaximumWidth(round(width * theme.current().text_size.scale))
        across.addStretch(1)
        across.addWidget(content, 100)
        across.addStretch(1)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        return page, layout

    @staticmethod
    def _centre(label: QLabel) -> QLabel:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def _symbol(self, symbol: str, name: str, page: QWidget) -> QLabel:
        """A large symbol in the accent colour, above a page's title."""
        label = self._centre(QLabel(symbol, page))
        label.setObjectName("Timer")
        label.setAccessibleName(name)
        label.setStyleSheet(f"color: {theme.current().colour('accent')};")
        return label

    def _button_row(self, layout: QVBoxLayout, *buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(14)
        row.addStretch(1)
        for button in buttons:
            button.setMinimumHeight(round(48 * theme.current().text_size.scale))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return row

    def _eyebrow(self, parent: QWidget) -> QLabel:
        kind = KINDS_BY_KEY.get(self.occurrence.kind)
        icon = f"<span style='color:{kind.colour}'>{kind.icon}</span>  " if kind else ""
        label = QLabel(f"{icon}{html.escape(self.occurrence.title)}", parent)
        label.setObjectName("Muted")
        label.setAccessibleName("What you planned")
        return self._centre(label)

    def _build_start(self) -> QWidget:
        page, layout = self._centred(760)
        layout.addStretch(3)
        layout.addWidget(self._symbol("☾", "Device-free time", page))
        title = self._centre(heading(self.occurrence.title, "Title", page))
        title.setAccessibleName("What you planned")
        layout.addWidget(title)
        when = _day_words(self.occurrence)
        if self.occurrence.all_day:
            when += " · all day"
        else:
            when += f" · {time_words(self.occurrence)} · {length_words(self.planned)}"
        self.when = self._centre(muted(when, page))
        self.when.setAccessibleName("When")
        layout.addWidget(self.when)
        layout.addSpacing(28)
        invitation = self._centre(QLabel(INVITATION, page))
        invitation.setObjectName("PromptText")
        invitation.setAccessibleName("Before you begin")
        layout.addWidget(invitation)
        layout.addWidget(self._centre(muted(
            "When you're both ready, start the clock. Hearth stays quiet until you ask.",
            page)))
        layout.addSpacing(28)
        self.not_now = push_button("Not now", self.close, page)
        self.ready = push_button("We're ready", self.begin, page, primary=True)
        self._button_row(layout, self.not_now, self.ready)
        layout.addStretch(4)
        return page

    def _build_together(self) -> QWidget:
        page, layout = self._centred(900)
        layout.addStretch(2)
        layout.addWidget(self._eyebrow(page))
        self.timer_label = self._centre(QLabel(clock_words(self.planned), page))
        self.timer_label.setObjectName("Timer")
        self.timer_label.setAccessibleName("Time left" if self.planned else "Time together")
        font = QFont(self.timer_label.font())
        font.setFeature(QFont.Tag("tnum"), 1)  # digits of one width: the clock doesn't wobble
        self.timer_label.setFont(font)
        layout.addWidget(self.timer_label)
        self.until = self._centre(muted("", page))
        self.until.setAccessibleName("Until")
        layout.addWidget(self.until)
        self.time_up_note = self._centre(QLabel(TIME_UP, page))
        self.time_up_note.setWordWrap(False)  # one short line, hugged by its banner
        self.time_up_note.setObjectName("Banner")
        self.time_up_note.setAccessibleName("Time is up")
        self.time_up_note.hide()
        layout.addWidget(self.time_up_note, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(20)
        self.ask_button = push_button("A question to talk about", self.toggle_prompts, page)
        self.pause_button = push_button("Pause", self.toggle_pause, page)
        self.done_button = push_button("We're done", self.finish, page)
        self._button_row(layout, self.ask_button, self.pause_button, self.done_button)
        layout.addSpacing(12)
        self.prompt_card = QFrame(page)
        self.prompt_card.setObjectName("Card")
        card = QVBoxLayout(self.prompt_card)
        card.setContentsMargins(28, 22, 28, 22)
        self.prompts = PromptPanelWidget(self.services, self.prompt_card, compact=True)
        self.prompts.changed.connect(self.bus.publish)
        card.addWidget(self.prompts)
        self.prompt_card.hide()  # prompts on demand, never pushed
        layout.addWidget(self.prompt_card)
        layout.addStretch(3)
        return page

    def _build_reflect(self) -> QWidget:
        page, layout = self._centred(1000)
        layout.addStretch(2)
        layout.addWidget(self._eyebrow(page))
        layout.addWidget(self._centre(heading("Before you go back to the day", "Title", page)))
        layout.addWidget(self._centre(muted(
            "Two minutes to look back, each in your own words. Skip anything you like.",
            page)))
        layout.addSpacing(12)
        columns = QHBoxLayout()
        columns.setSpacing(20)
        self.columns: dict[int, _ReflectionColumn] = {}
        for partner in self.couple.partners:
            column = _ReflectionColumn(partner, page)
            column.memory.returnPressed.connect(self._enter)
            columns.addWidget(column, 1)
            self.columns[partner.id] = column
        layout.addLayout(columns)
        self.error = ErrorLabel(page)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.error)
        layout.addSpacing(8)
        self.keep_row = QWidget(page)
        keep_layout = QVBoxLayout(self.keep_row)
        keep_layout.setContentsMargins(0, 0, 0, 0)
        self.skip_button = push_button("Skip reflecting", self.ask_to_skip, self.keep_row)
        self.keep_button = push_button("Keep this", self.keep, self.keep_row, primary=True)
        self._button_row(keep_layout, self.skip_button, self.keep_button)
        layout.addWidget(self.keep_row)
        # "Skip reflecting" asks once, in a line in place of the buttons, not a pop-up.
        self.skip_box = QWidget(page)
        skip_layout = QVBoxLayout(self.skip_box)
        skip_layout.setContentsMargins(0, 0, 0, 0)
        skip_layout.setSpacing(14)
        self.skip_question = self._centre(muted(
            "Mark it done without reflecting? Nothing you've typed here will be kept.",
            self.skip_box))
        skip_layout.addWidget(self.skip_question)
        self.skip_back = push_button("Back to reflecting", self.cancel_skip, self.skip_box)
        self.skip_confirm = push_button("Mark it done", self.skip, self.skip_box,
                                        name="Mark it done without reflecting", primary=True)
        self._button_row(skip_layout, self.skip_back, self.skip_confirm)
        self.skip_box.hide()
        layout.addWidget(self.skip_box)
        layout.addStretch(3)
        return page

    def _build_thanks(self) -> QWidget:
        page, layout = self._centred(760)
        layout.addStretch(3)
        layout.addWidget(self._symbol("♥", "Thank you", page))
        self.thanks = self._centre(heading("Thank you for this time together.", "Title", page))
        layout.addWidget(self.thanks)
        self.thanks_detail = self._centre(muted("", page))
        self.thanks_detail.setAccessibleName("What was kept")
        layout.addWidget(self.thanks_detail)
        self.memories_shown = self._centre(QLabel("", page))
        self.memories_shown.setObjectName("PromptText")
        self.memories_shown.setAccessibleName("Your lines")
        self.memories_shown.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.memories_shown)
        layout.addSpacing(24)
        self.close_button = push_button("Close", self.close, page, primary=True)
        self._button_row(layout, self.close_button)
        layout.addStretch(4)
        return page

    # -- moving between steps --------------------------------------------------------------

    @property
    def phase(self) -> int:
        return self.pages.currentIndex()

    def _go(self, phase: int) -> None:
        self.pages.setCurrentIndex(phase)
        focus: QWidget = {START: self.ready, TOGETHER: self.pause_button,
                          REFLECT: self.keep_button, THANKS: self.close_button}[phase]
        if phase == REFLECT and self.columns:  # typing goes to a line; Enter keeps it
            focus = next(iter(self.columns.values())).memory
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _primary(self) -> QAbstractButton:
        if self.phase == START:
            return self.ready
        if self.phase == TOGETHER:
            return self.done_button if self._time_up else self.pause_button
        if self.phase == REFLECT:
            return self.skip_confirm if self.skip_box.isVisible() else self.keep_button
        return self.close_button

    def _enter(self) -> None:
        """Enter presses the button that has the focus, else this step's main button.
        (On a rating, Space chooses it and Enter keeps the answers.)"""
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and not focused.isCheckable() and \
                focused.isVisible() and focused.isEnabled() and self.isAncestorOf(focused):
            focused.click()
            return
        self._primary().click()

    def begin(self) -> None:
        """"We're ready": the clock starts, for the whole planned length."""
        self._started = self._clock()
        self._paused_at = None
        self._paused_for = 0.0
        self._go(TOGETHER)
        self._tick()

    # -- the clock ---------------------------------------------------------------------------

    def elapsed(self) -> float:
        """Seconds together so far, pauses left out."""
        if self._started is None:
            return 0.0
        now = self._paused_at if self._paused_at is not None else self._clock()
        return max(0.0, now - self._started - self._paused_for)

    def remaining(self) -> float:
        return max(0.0, self.planned - self.elapsed())

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def _tick(self) -> None:
        if self._started is None:
            return
        if not self.planned:  # a whole day: count up, nothing ends
            shown = int(self.elapsed())
            self.timer_label.setText(clock_words(shown))
            self.until.setText("Paused — the clock waits for you." if self.paused
                               else "together so far")
            fraction = 1 - (self.elapsed() % 1)
        else:
            left = self.remaining()
            self.timer_label.setText(clock_words(math.ceil(left)))
            if left <= 0:
                self._reach_time_up()
                return
            if self.paused:
                self.until.setText("Paused — the clock waits for you.")
            else:
                end = datetime.now() + timedelta(seconds=left)
                self.until.setText(f"until {end:%H:%M}")
            fraction = left % 1 or 1.0
        if not self.paused:
            # Wake just after the next whole second, so no second is skipped or shown twice.
            self.ticker.start(max(20, round(fraction * 1000) + 15))

    def _reach_time_up(self) -> None:
        self.ticker.stop()
        if self._time_up:
            return
        self._time_up = True
        self.until.hide()
        self.time_up_note.show()
        self.pause_button.hide()
        self.done_button.setObjectName("Primary")
        _repolish(self.done_button)
        if self.phase == TOGETHER and (QApplication.focusWidget() in (None, self.pause_button)
                                       or not self.isActiveWindow()):
            self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_pause(self) -> None:
        if self._started is None or self._time_up:
            return
        if self._paused_at is None:
            self._paused_at = self._clock()
            self.ticker.stop()
            self.pause_button.setText("Carry on")
            self.pause_button.setAccessibleName("Carry on")
        else:
            self._paused_for += self._clock() - self._paused_at
            self._paused_at = None
            self.pause_button.setText("Pause")
            self.pause_button.setAccessibleName("Pause")
        self._tick()

    # -- prompts -----------------------------------------------------------------------------

    def toggle_prompts(self) -> None:
        """Show a question (drawn the first time it's asked for), or put it away again."""
        showing = not self.prompt_card.isVisible()
        self.prompt_card.setVisible(showing)
        if showing and self.prompts.prompt is None:
            self.prompts.draw()
        text = "Put the question away" if showing else "A question to talk about"
        self.ask_button.setText(text)
        self.ask_button.setAccessibleName(text)

    # -- looking back ------------------------------------------------------------------------

    def finish(self) -> None:
        """"We're done": the clock stops, and the two minutes of looking back begin."""
        if self._started is not None and self._paused_at is None:
            self._paused_at = self._clock()
        self.ticker.stop()
        self._go(REFLECT)

    def answers(self) -> dict[int, tuple[int, str]] | str:
        """Each partner who chose a rating: (rating, line). A problem: what to say."""
        answers: dict[int, tuple[int, str]] = {}
        for partner_id, column in self.columns.items():
            rating = column.rating.value()
            memory = column.memory.text()
            if rating is None:
                if memory.strip():
                    return (f"{column.partner.name}, choose how connected you felt (1 to 5) "
                            "to keep your line — or leave the line empty.")
                continue
            try:
                clean_memory(rating, memory)
            except HearthError as exc:
                return f"{column.partner.name}: {exc.message}"
            answers[partner_id] = (rating, memory)
        return answers

    def _save(self, answers: dict[int, tuple[int, str]]) -> bool:
        """Mark it done and keep the reflections, as "Afterwards…" in the calendar does."""
        occurrence = self.occurrence
        try:
            change = self.services.calendar.afterwards(
                occurrence.event_id, occurrence.recurrence if occurrence.repeating else None,
                "done", answers)
        except HearthError as exc:  # nothing was kept: all of it, or none
            self.error.show_message(exc.message)
            return False
        self.error.show_message(None)
        self.bus.publish(change)
        return True

    def keep(self) -> None:
        """"Keep this": done, with each partner's rating and line."""
        answers = self.answers()
        if isinstance(answers, str):
            self.error.show_message(answers)
            return
        if not self._save(answers):
            return
        names = {p.id: p for p in self.couple.partners}
        lines = [
            f"<span style='color:{theme.current().partner_hex(names[pid])}'>“"
            f"{html.escape(memory.strip())}”</span>"
            for pid, (_rating, memory) in answers.items() if memory.strip()]
        self.memories_shown.setText("<br>".join(lines))
        self.memories_shown.setVisible(bool(lines))
        self.thanks_detail.setText("Kept with your memories — you'll find it in the calendar."
                                   if answers else "Marked as done in your calendar.")
        self._thank()

    def ask_to_skip(self) -> None:
        self.error.show_message(None)
        self.keep_row.hide()
        self.skip_box.show()
        self.skip_confirm.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel_skip(self) -> None:
        self.skip_box.hide()
        self.keep_row.show()
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def skip(self) -> None:
        """Done, without ratings."""
        if not self._save({}):
            return
        self.memories_shown.hide()
        self.thanks_detail.setText("Marked as done in your calendar.")
        self._thank()

    def _thank(self) -> None:
        self._quiet = True
        self._go(THANKS)
        self.closer.start()

    # -- leaving -----------------------------------------------------------------------------

    def close_without_asking(self) -> None:
        """Close now; nothing is saved (for the app quitting, and screenshots)."""
        self._quiet = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._quiet and self.phase in (TOGETHER, REFLECT):
            answer = QMessageBox.question(
                self, "Leave device-free time?", LEAVE_QUESTION,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.ticker.stop()
        self.closer.stop()
        if self in _open_windows:
            _open_windows.remove(self)
        super().closeEvent(event)


def start_device_free(services: Services, bus: DataBus, couple: Couple, occurrence: Occurrence,
                      parent: QWidget | None = None) -> DeviceFreeWindow:
    """Open device-free time for ``occurrence``, full screen, and return its window.

    With ``parent`` (the main window) it is a window of its own that the parent keeps
    alive; without, this module keeps it until it closes. If one is open already, that one
    comes to the front instead of a second.
    """
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, DeviceFreeWindow) and widget.isVisible():
            widget.raise_()
            widget.activateWindow()
            return widget
    window = DeviceFreeWindow(services, bus, couple, occurrence, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    if parent is None:
        _open_windows.append(window)
    window.showFullScreen()
    window.activateWindow()
    return window
