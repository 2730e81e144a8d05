"""Home: greets the couple and shows what Hearth holds for them so far."""

from __future__ import annotations

import html
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain import changes
from app.domain.cadence_words import last_checkin_words, streak_words, week_progress
from app.domain.calendar import when_words
from app.domain.couple import Couple
from app.domain.goals import review_words
from app.domain.greeting import greeting, long_date
from ui import theme
from ui.bus import DataBus
from ui.views.base import View, scroll_body
from ui.widgets.common import Card, heading, muted

if TYPE_CHECKING:
    from app.services import Services
    from app.services.home import Glance


def coloured_names(couple: Couple) -> str:
    """Both names as rich text, each in its partner's colour."""
    current = theme.current()
    a, b = (
        f'<span style="color:{current.partner_hex(p)}">{html.escape(p.name)}</span>'
        for p in couple.partners
    )
    return f"{a} and {b}"


class HomeView(View):
    watches = (changes.COUPLE, changes.SETTINGS, changes.CHECKINS, changes.GOALS,
               changes.CALENDAR, changes.WORKSHEETS)
    open_view = Signal(str)  # ask the window to show another view by key

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(services, bus, parent)
        layout = scroll_body(self)
        self.greeting = heading("", "Title", self)
        self.greeting.setAccessibleName("Greeting")
        layout.addWidget(self.greeting)
        layout.addWidget(muted(
            "A calm place for the two of you to check in, plan time together and talk "
            "things through. Everything stays on this computer."
        ))

        self.together = Card("You two")
        self.partner_labels = [QLabel(self.together), QLabel(self.together)]
        row = QHBoxLayout()
        row.setSpacing(32)
        for label in self.partner_labels:
            label.setObjectName("SectionTitle")
            row.addWidget(label)
        row.addStretch(1)
        self.together.body.addLayout(row)
        self.since = muted("", self.together)
        self.together.body.addWidget(self.since)
        layout.addWidget(self.together)

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

        make_yours = Card("Make Hearth yours")
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
        self.reload()

    def reload(self) -> None:
        now = datetime.now().astimezone()
        seen = self.services.home.glance(now)
        couple = seen.couple
        if couple is None:
            return
        self.greeting.setText(f"{greeting(now)}, {coloured_names(couple)}")
        current = theme.current()
        for label, partner in zip(self.partner_labels, couple.partners, strict=True):
            colour = current.partner_hex(partner)
            label.setText(f'<span style="color:{colour}">●</span> {html.escape(partner.name)}')
            label.setAccessibleName(f"{partner.name}, {partner.palette_colour.label}")
        since = couple.created_at.astimezone().date()
        self.since.setText(f"Using Hearth together since {long_date(since)}.")
        self._show_checkins(seen, now.date())
        self._show_goals(seen, now.date())
        self._show_quality(seen, now)
        self._show_talks(seen, now)

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
