"""Home: everything the first screen shows, in one read (see app/persistence/glance.py).

No SQLAlchemy here: Home shows the couple's data while it is still loading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.calendar import Occurrence, hours_of, next_planned_of
from app.domain.couple import Couple
from app.domain.meetings import Commitment
from app.domain.prompts import Deck, Prompt, hearth_decks, tonight
from app.domain.settings import Settings
from app.domain.trends import Cadence
from app.domain.weeks import week_start_of
from app.persistence import glance
from app.persistence.database import Database
from app.persistence.glance import LastCheckin, OpenMeeting, Titled

HORIZON_DAYS = 120  # how far ahead "next time together" looks
WINS_SHOWN = 3


@dataclass(frozen=True)
class Glance:
    couple: Couple | None
    settings: Settings
    last_checkin: LastCheckin | None
    cadence: Cadence
    next_time: Occurrence | None
    week_hours: float  # quality time done or planned this week
    goals_due: tuple[Titled, ...]
    wins: tuple[Titled, ...]
    paused: tuple[Titled, ...]  # worksheets on a break (when: the planned return)
    follow_ups: tuple[Titled, ...]  # worksheets whose follow-up day has come
    commitments: tuple[Commitment, ...]  # this week's, from the latest talk
    meeting: OpenMeeting | None  # a weekly talk begun and not finished
    last_talk: datetime | None  # when the latest finished talk ended (local)
    tonight: Prompt | None  # a gentle prompt for tonight, the same all day
    own_decks: tuple[Deck, ...]  # the couple's own prompt decks (for their titles)


class HomeService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def couple(self) -> Couple | None:
        with self.db.raw() as conn:
            return glance.couple(conn)

    def settings(self) -> Settings:
        with self.db.raw() as conn:
            return glance.settings(conn)

    def glance(self, now: datetime | None = None) -> Glance:
        now = now or datetime.now().astimezone()
        today = now.date()
        with self.db.raw() as conn:
            settings = glance.settings(conn)
            first = week_start_of(today, settings.week_start)
            ahead = glance.occurrences(conn, today, today + timedelta(days=HORIZON_DAYS))
            week = glance.occurrences(conn, first, first + timedelta(days=6))
            own = tuple(glance.own_decks(conn))
            pool = [p for deck in hearth_decks() + own for p in deck.prompts]
            return Glance(
                couple=glance.couple(conn),
                settings=settings,
                last_checkin=glance.last_checkin(conn),
                cadence=glance.cadence(conn, today),
                next_time=next_planned_of(ahead, now),
                week_hours=hours_of(week),
                goals_due=tuple(glance.goals_due(conn, today)),
                wins=tuple(glance.wins(conn, WINS_SHOWN)),
                paused=tuple(glance.paused_worksheets(conn)),
                follow_ups=tuple(glance.follow_ups_due(conn, today)),
                commitments=tuple(glance.commitments(conn, today)),
                meeting=glance.current_meeting(conn),
                last_talk=glance.last_meeting(conn),
                tonight=tonight(pool, glance.prompt_marks(conn), today),
                own_decks=own,
            )
