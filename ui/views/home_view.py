"""Home: greets the couple and shows what Hearth holds for them so far."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.domain import changes
from app.domain.cadence_words import last_checkin_words, streak_words, week_progress
from app.domain.calendar import when_words
from app.domain.couple import Couple
from app.domain.goals import review_words
from app.domain.greeting import greeting, long_date
from app.domain.meetings import STEPS, Commitment
from app.domain.prompts import ALL_DECKS, DEPTH_WORDS, Deck, Prompt, hearth_decks
from ui import theme
from ui.bus import DataBus
from ui.views.base import View, scroll_body
from ui.widgets.common import Card, heading, muted, partner_name, push_button

if TYPE_CHECKING:
    from app.services import Services
    from app.services.home import Glance

GENTLE = ("light", "deeper")  # the depths Home offers; the vulnerable ones are chosen together


def coloured_names(couple: Couple) -> str:
    """Both names as rich text, each in its partner's colour."""
    a, b = (partner_name(p) for p in couple.partners)
    return f"{a} and {b}"


def day_words(day: date, today: date) -> str:
    """“today”, “yesterday”, or the weekday and date (the year only when it isn't this one)."""
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    words = f"{day:%A}, {day.day} {day:%B}"
    return words if day.year == today.year else f"{words} {day.year}"


def commitment_words(commitment: Commitment, couple: Couple) -> tuple[str, str] | None:
    """A commitment as rich text (each name in its partner's colour) and as plain words
    for screen readers: “Zoë will: cook on Wednesday — for Łukasz”."""
    doer = next((p for p in couple.partners if p.id == commitment.partner_id), None)
    if doer is None:
        return None
    other = next(p for p in couple.partners if p.id != doer.id)
    rich = (f"{partner_name(doer, bold=True)} will: {html.escape(commitment.text)} — for "
            f"{partner_name(other, bold=True)}")
    return rich, f"{doer.name} will: {commitment.text} — for {other.name}"


def deck_of(prompt: Prompt, own_decks: tuple[Deck, ...]) -> Deck | None:
    return next((d for d in hearth_decks() + own_decks if d.key == prompt.deck), None)


class HomeView(View):
    watches = (changes.COUPLE, changes.SETTINGS, changes.CHECKINS, changes.GOALS,
               changes.CALENDAR, changes.WORKSHEETS, changes.MEETINGS, changes.PROMPTS)
    open_view = Signal(str)  # ask the window to show another view by key

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(services, bus, parent)
        layout = scroll_body(self)
        self.greeting = heading("", "Title", self)
        self.greeting.setAccessibleName("Greeting")
        layout.addWidget(self.greeting)
        self.since = muted("", self)
        self.since.setAccessibleName("About Hearth and you")
        layout.addWidget(self.since)

        self.checkins_card = Card("Checking in")
        self.last_checkin = QLabel(self.checkins_card)
        self.last_checkin.setWordWrap(True)
        self.week = QLabel(self.checkins_card)
        self.week.setObjectName("SectionTitle")
        self.week.setAccessibleName("This week's check-ins")
        self.streak = muted("", self.checkins_card)
        self.streak.setAccessibleName("Your rhythm")
        check_in = QPushButton("Check in now", self.checkins_card)
        check_in.setObjectName("Primary")
        check_in.setAccessibleName("Check in now")
        check_in.clicked.connect(lambda: self.open_view.emit("checkins"))
        for widget in (self.last_checkin, self.week, self.streak):
            self.checkins_card.body.addWidget(widget)
        check_row = QHBoxLayout()
        check_row.addWidget(check_in)
        check_row.addStretch(1)
        self.checkins_card.body.addLayout(check_row)
        layout.addWidget(self.checkins_card)

        self.quality_card = Card("Time together")
        self.quality_card.setAccessibleName("Time together")
        self.next_time = QLabel(self.quality_card)
        self.next_time.setWordWrap(True)
        self.next_time.setAccessibleName("Next quality time")
        self.week_hours = QLabel(self.quality_card)
        self.week_hours.setObjectName("SectionTitle")
        self.week_hours.setAccessibleName("This week's quality time")
        self.quality_card.body.addWidget(self.next_time)
        self.quality_card.body.addWidget(self.week_hours)
        layout.addWidget(self.quality_card)

        self._build_weekly_talk(layout)
        self._build_tonight(layout)

        self.talk_card = Card("Talking things through")
        self.talk_card.setAccessibleName("Talking things through")
        self.talk = QLabel(self.talk_card)
        self.talk.setWordWrap(True)
        self.talk.setAccessibleName("Worksheets waiting for you")
        self.talk_card.body.addWidget(self.talk)
        open_conflicts = QPushButton("Open worksheets", self.talk_card)
        open_conflicts.setAccessibleName("Open worksheets")
        open_conflicts.clicked.connect(lambda: self.open_view.emit("conflicts"))
        talk_row = QHBoxLayout()
        talk_row.addWidget(open_conflicts)
        talk_row.addStretch(1)
        self.talk_card.body.addLayout(talk_row)
        layout.addWidget(self.talk_card)

        self.goals_card = Card("Your goals")
        self.goals_card.setAccessibleName("Your goals")
        self.reviews = QLabel(self.goals_card)
        self.reviews.setWordWrap(True)
        self.reviews.setAccessibleName("Goals to look at together")
        self.wins = QLabel(self.goals_card)
        self.wins.setWordWrap(True)
        self.wins.setAccessibleName("Recent wins")
        self.goals_card.body.addWidget(self.reviews)
        self.goals_card.body.addWidget(self.wins)
        open_goals = QPushButton("Open goals", self.goals_card)
        open_goals.setAccessibleName("Open goals")
        open_goals.clicked.connect(lambda: self.open_view.emit("goals"))
        goals_row = QHBoxLayout()
        goals_row.addWidget(open_goals)
        goals_row.addStretch(1)
        self.goals_card.body.addLayout(goals_row)
        layout.addWidget(self.goals_card)

        make_yours = self.make_yours = Card("Make Hearth yours")
        make_yours.body.addWidget(muted(
            "Pick your colours, a text size that reads well from where you sit, and the day "
            "your week starts.", make_yours,
        ))
        open_settings = QPushButton("Open Settings", make_yours)
        open_settings.setAccessibleName("Open Settings")
        open_settings.clicked.connect(lambda: self.open_view.emit("settings"))
        button_row = QHBoxLayout()
        button_row.addWidget(open_settings)
        button_row.addStretch(1)
        make_yours.body.addLayout(button_row)
        layout.addWidget(make_yours)
        layout.addStretch(1)
        self._own_decks: tuple[Deck, ...] = ()
        self._prompt: Prompt | None = None  # the question on screen
        self._drawn: tuple[date, Prompt] | None = None  # one chosen with "Another question"
        self.reload()

    def suggest_settings(self, suggest: bool) -> None:
        """Show "Make Hearth yours" only until the couple has been to Settings."""
        self.make_yours.setVisible(suggest)

    def _build_weekly_talk(self, layout: QVBoxLayout) -> None:
        """This week's commitments and where the weekly talk stands."""
        card = self.weekly_card = Card("Your weekly talk")
        card.setAccessibleName("Your weekly talk")
        self.talk_status = QLabel(card)
        self.talk_status.setWordWrap(True)
        self.talk_status.setAccessibleName("Where your weekly talk stands")
        card.body.addWidget(self.talk_status)
        self.commitments_title = QLabel("This week's commitments", card)
        self.commitments_title.setObjectName("FieldLabel")
        self.commitments_title.setIndent(0)  # a styled label would indent otherwise
        self.commitments_title.setAccessibleName("This week's commitments")
        card.body.addWidget(self.commitments_title)
        self.commitment_list = QVBoxLayout()
        self.commitment_list.setSpacing(8)
        card.body.addLayout(self.commitment_list)
        self.commitment_labels: list[QLabel] = []
        self.talk_invitation = muted("", card)
        self.talk_invitation.setAccessibleName("About your next talk")
        card.body.addWidget(self.talk_invitation)

        def together() -> None:
            self.open_view.emit("together")

        self.continue_talk = push_button("Continue your talk", together, card, primary=True)
        self.start_talk = push_button("Start your first weekly talk", together, card,
                                      primary=True)
        self.open_together = push_button("Open Together", together, card)
        buttons = QHBoxLayout()
        for button in (self.continue_talk, self.start_talk, self.open_together):
            buttons.addWidget(button)
        buttons.addStretch(1)
        card.body.addLayout(buttons)
        layout.addWidget(card)

    def _build_tonight(self, layout: QVBoxLayout) -> None:
        """A question for tonight: one gentle prompt, the same all day."""
        card = self.tonight_card = Card("A question for tonight")
        card.setAccessibleName("A question for tonight")
        self.prompt_text = QLabel(card)
        self.prompt_text.setObjectName("PromptText")  # large type (resources/styles)
        self.prompt_text.setWordWrap(True)
        self.prompt_text.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt_text.setAccessibleName("Tonight's question")
        card.body.addWidget(self.prompt_text)
        self.prompt_source = muted("", card)
        self.prompt_source.setAccessibleName("Where this question comes from")
        card.body.addWidget(self.prompt_source)
        self.another_question = push_button("Another question", self._another_question, card)
        self.more_prompts = push_button("More prompts",
                                        lambda: self.open_view.emit("together"), card)
        buttons = QHBoxLayout()
        buttons.addWidget(self.another_question)
        buttons.addWidget(self.more_prompts)
        buttons.addStretch(1)
        card.body.addLayout(buttons)
        card.hide()
        layout.addWidget(card)

    def reload(self) -> None:
        now = datetime.now().astimezone()
        seen = self.services.home.glance(now)
        couple = seen.couple
        if couple is None:
            return
        self.greeting.setText(f"{greeting(now)}, {coloured_names(couple)}")
        since = couple.created_at.astimezone().date()
        self.since.setText(
            "Your week at a glance — a calm place to check in, plan time together and talk "
            f"things through. Together in Hearth since {long_date(since)}; everything stays "
            "on this computer.")
        self._show_checkins(seen, now.date())
        self._show_goals(seen, now.date())
        self._show_quality(seen, now)
        self._show_weekly_talk(seen, now.date())
        self._show_tonight(seen, now.date())
        self._show_talks(seen, now)

    def _show_weekly_talk(self, seen: Glance, today: date) -> None:
        couple = seen.couple
        order = {p.id: i for i, p in enumerate(couple.partners)}  # as the names are shown
        shown = [words for c in sorted(seen.commitments, key=lambda c: order.get(c.partner_id, 2))
                 if (words := commitment_words(c, couple)) is not None]
        while len(self.commitment_labels) < len(shown):
            label = QLabel(self.weekly_card)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.commitment_list.addWidget(label)
            self.commitment_labels.append(label)
        for i, label in enumerate(self.commitment_labels):
            if i < len(shown):
                label.setText(shown[i][0])
                label.setAccessibleName(shown[i][1])
            label.setVisible(i < len(shown))
        self.commitments_title.setVisible(bool(shown))

        paused, last = seen.meeting, seen.last_talk
        if paused is not None:
            step = min(max(paused.step, 0), len(STEPS) - 1)
            status = (f"You paused your talk at step {step + 1} of {len(STEPS)} — pick it up "
                      "when you're both ready.")
        elif last is not None:
            status = f"Last talk: {day_words(last.date(), today)}."
        else:
            status = ("Once a week, sit down together for a short talk about how you both "
                      "are. It begins with what each of you appreciates about the other.")
        self.talk_status.setText(status)

        invitation = ""
        if not shown:
            invitation = ("Your weekly talk is where you choose what each of you will do to "
                          "help the other feel loved.")
            if paused is None and last is not None:
                upcoming = last.date() + timedelta(days=7)
                invitation += (f" Your next one could be on {day_words(upcoming, today)}."
                               if upcoming > today else
                               " Any evening that suits you both is a good time for the "
                               "next one.")
        self.talk_invitation.setText(invitation)
        self.talk_invitation.setVisible(bool(invitation))
        self.continue_talk.setVisible(paused is not None)
        self.start_talk.setVisible(paused is None and last is None)
        self.open_together.setVisible(paused is None and last is not None)

    def _show_tonight(self, seen: Glance, today: date) -> None:
        self._own_decks = seen.own_decks
        prompt = seen.tonight
        if self._drawn is not None:
            day, drawn = self._drawn
            if day == today and deck_of(drawn, seen.own_decks) is not None:
                prompt = drawn  # the one asked for with "Another question" stays for the day
            else:
                self._drawn = None
        self._show_prompt(prompt)

    def _show_prompt(self, prompt: Prompt | None) -> None:
        self._prompt = prompt
        self.tonight_card.setVisible(prompt is not None)
        if prompt is None:
            return
        self.prompt_text.setText(prompt.text)
        deck = deck_of(prompt, self._own_decks)
        depth = DEPTH_WORDS.get(prompt.depth, "")
        self.prompt_source.setText(" · ".join(w for w in (deck.title if deck else "", depth)
                                              if w))

    def _another_question(self) -> None:
        """Draw a different gentle prompt (marked shown, so it won't come back soon)."""
        after = self._prompt.key if self._prompt is not None else None
        prompt, change = self.services.prompts.next(ALL_DECKS, GENTLE, after=after)
        if prompt is None:
            return
        self._drawn = (date.today(), prompt)
        self._show_prompt(prompt)
        self.bus.publish(change)

    # -- for ui.screenshots --------------------------------------------------------------------

    def screenshot_states(self):
        """Home scrolled down to the weekly talk and tonight's question."""
        area = self.findChild(QScrollArea)

        def rituals() -> None:
            top = self.weekly_card.mapTo(area.widget(), QPoint(0, 0)).y()
            area.verticalScrollBar().setValue(top - 24)

        def back_to_top() -> None:
            area.verticalScrollBar().setValue(0)

        return [("rituals", rituals), ("", back_to_top)]

    def _show_talks(self, seen: Glance, now: datetime) -> None:
        """Breaks to come back from and follow-ups due — shown only when there are some."""
        items = []
        for worksheet in seen.paused:
            when = worksheet.when
            back = "later" if when is None else (
                f"at {when:%H:%M}" if when.date() == now.date() else f"on {when:%A at %H:%M}")
            items.append(f"<li><b>{html.escape(worksheet.title)}</b> — on a break; you planned "
                         f"to come back {back}.</li>")
        for worksheet in seen.follow_ups:
            items.append(f"<li><b>{html.escape(worksheet.title)}</b> — time to look back "
                         "together: did your agreement work?</li>")
        self.talk.setText(f"<ul>{''.join(items)}</ul>" if items else "")
        self.talk_card.setVisible(bool(items))

    def _show_quality(self, seen: Glance, now: datetime) -> None:
        upcoming = seen.next_time
        if upcoming is None:
            self.next_time.setText("Nothing planned yet. A walk, a meal, an evening with the "
                                   "phones away — what would you two enjoy this week?")
        else:
            self.next_time.setText(
                f"Next: <b>{html.escape(upcoming.title)}</b> — {when_words(upcoming, now)}")
        target = seen.settings.quality_hours_per_week
        shown = f"{seen.week_hours:.1f}".rstrip("0").rstrip(".")
        self.week_hours.setText(
            f"This week: {shown} of {target} hours together" if target
            else f"This week: {shown} hours together")

    def _show_goals(self, seen: Glance, today: date) -> None:
        due = seen.goals_due
        if due:
            items = "".join(
                f"<li><b>{html.escape(g.title)}</b> — {html.escape(review_words(g.when, today))}"
                "</li>" for g in due[:4])
            more = f"<p>…and {len(due) - 4} more.</p>" if len(due) > 4 else ""
            self.reviews.setText(f"<p>To look at together:</p><ul>{items}</ul>{more}")
        else:
            self.reviews.setText(
                "No goals waiting for a look. When you set a review date on a goal, it "
                "shows up here on the day.")
        if seen.wins:
            items = "".join(
                f"<li>★ <b>{html.escape(w.title)}</b> — {long_date(w.when)}</li>"
                for w in seen.wins)
            self.wins.setText(f"<p>Recent wins:</p><ul>{items}</ul>")
        self.wins.setVisible(bool(seen.wins))

    def _show_checkins(self, seen: Glance, today: date) -> None:
        last = seen.last_checkin
        self.last_checkin.setText(last_checkin_words(
            last.day if last else None, last is not None and last.together, today))
        cadence = seen.cadence
        accent = theme.current().colour("accent")
        dots = ""
        if cadence.target:
            filled = min(cadence.this_week, cadence.target)
            dots = (f' <span style="color:{accent}">{"●" * filled}'
                    f'{"○" * (cadence.target - filled)}</span>')
        self.week.setText(html.escape(week_progress(cadence)) + dots)
        words = streak_words(cadence)
        self.streak.setText(words or "")
        self.streak.setVisible(bool(words))
