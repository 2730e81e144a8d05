"""The weekly "state of us" talk: start or pick up where you paused, keep what is said as it
is typed, finish with commitments; and the week it is built from, gathered from what the
couple already keeps in Hearth."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import changes
from app.domain.calendar import Occurrence, together
from app.domain.changes import ChangeSet
from app.domain.checkins import Checkin
from app.domain.errors import NotFoundError, ValidationError
from app.domain.goals import Goal, Win
from app.domain.meetings import (
    STEPS,
    Commitment,
    Meeting,
    clean_answers,
    clean_commitment,
    clean_outcome,
    clean_step,
)
from app.persistence.database import Database
from app.persistence.models import CommitmentRecord, MeetingRecord
from app.persistence.repositories import CoupleRepository

WEEK = timedelta(days=7)
DIFFERENCE = 3  # how far apart two "how connected" answers of one sitting are worth a word


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _local(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC).astimezone()


def _meeting(record: MeetingRecord) -> Meeting:
    try:
        answers = json.loads(record.answers)
    except ValueError:
        answers = {}
    made_on = _local(record.finished_at or record.started_at).date()
    return Meeting(
        id=record.id, week_start=record.week_start, started_at=_local(record.started_at),
        finished_at=_local(record.finished_at), step=record.step,
        answers=answers if isinstance(answers, dict) else {},
        commitments=tuple(Commitment(c.id, c.meeting_id, c.partner_id, c.text, c.outcome,
                                     made_on) for c in record.commitments),
        event_id=record.event_id, recurrence=record.recurrence,
    )


@dataclass(frozen=True)
class Difference:
    """A sitting where the two answers to "how connected" were far apart: worth a talk."""

    day: date
    connection: dict[int, int]  # partner id → 1–10


@dataclass(frozen=True)
class WeekSummary:
    """The week a talk looks back on (the seven days up to today) and the one ahead."""

    first: date
    last: date
    appreciations: tuple[Checkin, ...]  # check-ins with an appreciation, oldest first
    needs: tuple[Checkin, ...]  # check-ins with a need written down
    checkins: dict[int, int]  # partner id → check-ins this week
    sittings: int  # times you sat down to check in (together or alone)
    checkin_target: int
    quality_done: tuple[Occurrence, ...]
    quality_hours: float
    quality_target: int
    milestones_done: tuple[tuple[str, str], ...]  # (goal, milestone)
    wins: tuple[Win, ...]
    agreements_kept: tuple[str, ...]  # worksheets resolved this week: their titles
    differences: tuple[Difference, ...]
    follow_ups: tuple[Any, ...]  # worksheets whose follow-up day has come
    last_commitments: tuple[Commitment, ...]  # from the talk before, to look back on
    planned_ahead: tuple[Occurrence, ...]  # the next seven days' quality time
    goals_due: tuple[Goal, ...]

    @property
    def anything_went_well(self) -> bool:
        return bool(sum(self.checkins.values()) or self.quality_done or self.milestones_done
                    or self.wins or self.agreements_kept)


class MeetingService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading -----------------------------------------------------------------------------

    def current(self) -> Meeting | None:
        """The talk begun and not finished (paused, or left when the window closed)."""
        with self.db.reading() as session:
            record = session.scalars(
                select(MeetingRecord).where(MeetingRecord.finished_at.is_(None))
                .options(selectinload(MeetingRecord.commitments))
                .order_by(MeetingRecord.started_at.desc())).first()
            return None if record is None else _meeting(record)

    def history(self, limit: int | None = None, before: int | None = None) -> list[Meeting]:
        """Finished talks, newest first (the newest ``limit``; not ``before``'s id)."""
        query = (select(MeetingRecord).where(MeetingRecord.finished_at.is_not(None))
                 .options(selectinload(MeetingRecord.commitments))
                 .order_by(MeetingRecord.finished_at.desc(), MeetingRecord.id.desc())
                 .limit(limit))
        if before is not None:
            query = query.where(MeetingRecord.id != before)
        with self.db.reading() as session:
            return [_meeting(r) for r in session.scalars(query)]

    def get(self, meeting_id: int) -> Meeting:
        with self.db.reading() as session:
            return _meeting(self._record(session, meeting_id))

    def last_finished(self, before: int | None = None) -> Meeting | None:
        """The latest finished talk (other than ``before``)."""
        found = self.history(limit=1, before=before)
        return found[0] if found else None

    def week(self, today: date | None = None, meeting_id: int | None = None) -> WeekSummary:
        """What a talk today is built from."""
        from app.services.calendar import CalendarService
        from app.services.checkins import CheckinFilter, CheckinService
        from app.services.goals import GoalService
        from app.services.settings import SettingsService
        from app.services.worksheets import WorksheetService

        today = today or date.today()
        first = today - timedelta(days=6)
        settings = SettingsService(self.db).get()
        checkins = sorted(CheckinService(self.db).history(CheckinFilter(first=first,
                                                                         last=today)),
                          key=lambda c: (c.at, c.id))
        counts: dict[int, int] = {}
        for c in checkins:
            counts[c.partner_id] = counts.get(c.partner_id, 0) + 1
        by_sitting: dict[int, dict[int, Checkin]] = {}
        for c in checkins:
            by_sitting.setdefault(c.session_id, {})[c.partner_id] = c
        differences = []
        for both in by_sitting.values():
            if len(both) == 2:
                a, b = (c.connection for c in both.values())
                if abs(a - b) >= DIFFERENCE:
                    differences.append(Difference(
                        min(c.local_day for c in both.values()),
                        {pid: c.connection for pid, c in both.items()}))
        calendar = CalendarService(self.db)
        week = together(calendar.occurrences(first, today))  # a break's reminder isn't
        done = tuple(o for o in week if o.status == "done")
        goals = GoalService(self.db)
        milestones = tuple((g.title, m.text) for g in goals.goals() for m in g.milestones
                           if m.done_on is not None and first <= m.done_on <= today)
        sheets = WorksheetService(self.db)
        kept = tuple(s.title for s in sheets.worksheets("resolved")
                     if s.resolved_at is not None and first <= s.resolved_at.date() <= today)
        previous = self.last_finished(before=meeting_id)
        return WeekSummary(
            first=first, last=today,
            appreciations=tuple(c for c in checkins if c.appreciation.strip()),
            needs=tuple(c for c in checkins if c.need.strip()),
            checkins=counts, sittings=len(by_sitting),
            checkin_target=settings.checkin_target_per_week,
            quality_done=done,
            quality_hours=round(sum((o.end - o.start).total_seconds() for o in done) / 3600, 1),
            quality_target=settings.quality_hours_per_week,
            milestones_done=milestones,
            wins=tuple(w for w in goals.wins(limit=50) if first <= w.won_on <= today),
            agreements_kept=kept,
            differences=tuple(differences),
            follow_ups=tuple(sheets.follow_ups_due(today)),
            last_commitments=previous.commitments if previous else (),
            planned_ahead=tuple(o for o in together(calendar.occurrences(
                today + timedelta(days=1), today + WEEK)) if o.status == "planned"),
            goals_due=tuple(goals.due_for_review(today)),
        )

    # -- the talk ----------------------------------------------------------------------------

    def start(self, today: date | None = None, event_id: int | None = None,
              recurrence: datetime | None = None) -> tuple[Meeting, ChangeSet]:
        """Begin this week's talk — or pick up the one already begun."""
        today = today or date.today()
        with self.db.transaction() as session:
            if CoupleRepository(session).get() is None:
                raise NotFoundError("Hearth hasn't been set up yet: please enter both names.")
            record = session.scalars(select(MeetingRecord)
                                     .where(MeetingRecord.finished_at.is_(None))).first()
            if record is None:
                now = _now()
                record = MeetingRecord(week_start=today - timedelta(days=6), started_at=now,
                                       updated_at=now, step=0, answers="{}",
                                       event_id=event_id, recurrence=recurrence)
                session.add(record)
                session.flush()
            session.refresh(record, ["commitments"])
            meeting = _meeting(record)
        return meeting, ChangeSet.of(changes.MEETINGS, ids={changes.MEETINGS: [meeting.id]})

    def save(self, meeting_id: int, step: int, answers: dict[str, Any]) -> ChangeSet:
        """Keep where the talk is and everything said so far (called as you type)."""
        step = clean_step(step)
        cleaned = clean_answers(answers)
        with self.db.transaction() as session:
            record = self._record(session, meeting_id)
            if record.finished_at is not None:
                raise ValidationError("This talk is already finished.", "meeting")
            record.step, record.answers = step, json.dumps(cleaned, ensure_ascii=False)
            record.updated_at = _now()
        return ChangeSet.of(changes.MEETINGS, ids={changes.MEETINGS: [meeting_id]})

    def finish(self, meeting_id: int, answers: dict[str, Any],
               commitments: dict[int, str]) -> tuple[Meeting, ChangeSet]:
        """End the talk: keep its record, and each partner's commitment for the week.
        ``commitments``: who will do it (partner id) → what."""
        cleaned = clean_answers(answers)
        made = {pid: clean_commitment(text) for pid, text in commitments.items()}
        with self.db.transaction() as session:
            record = self._record(session, meeting_id)
            if record.finished_at is not None:
                raise ValidationError("This talk is already finished.", "meeting")
            couple = CoupleRepository(session).get()
            ids = {p.id for p in couple.partners} if couple else set()
            if any(pid not in ids for pid in made):
                raise ValidationError("A commitment needs one of you two.", "commitment")
            for pid, text in made.items():
                if text:
                    record.commitments.append(
                        CommitmentRecord(partner_id=pid, text=text))
            record.answers = json.dumps(cleaned, ensure_ascii=False)
            record.step = len(STEPS) - 1
            record.finished_at = record.updated_at = _now()
            session.flush()
            meeting = _meeting(record)
        return meeting, ChangeSet.of(changes.MEETINGS, ids={changes.MEETINGS: [meeting_id]})

    def look_back(self, commitment_id: int, outcome: str | None) -> ChangeSet:
        """How last week's commitment went: kept, partly, not this time (or undecided)."""
        outcome = clean_outcome(outcome)
        with self.db.transaction() as session:
            record = session.get(CommitmentRecord, commitment_id) \
                if isinstance(commitment_id, int) else None
            if record is None:
                raise NotFoundError("That commitment no longer exists.")
            record.outcome = outcome
            record.reviewed_at = None if outcome is None else _now()
        return ChangeSet.of(changes.MEETINGS)

    def delete(self, meeting_id: int) -> ChangeSet:
        """Let go of a talk (and its commitments) — e.g. one begun by mistake."""
        with self.db.transaction() as session:
            session.delete(self._record(session, meeting_id))
        return ChangeSet.of(changes.MEETINGS)

    @staticmethod
    def _record(session: Session, meeting_id: int) -> MeetingRecord:
        record = session.get(MeetingRecord, meeting_id) if isinstance(meeting_id, int) \
            and not isinstance(meeting_id, bool) else None
        if record is None:
            raise NotFoundError("That talk no longer exists.")
        return record
