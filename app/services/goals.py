"""Goals: plan, change, complete, let go and delete — every change returns the state before
and after, so the UI can undo and redo any of them exactly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from app.domain import changes
from app.domain.changes import ChangeSet
from app.domain.errors import NotFoundError, ValidationError
from app.domain.goals import (
    Goal,
    GoalChange,
    GoalInput,
    GoalSnapshot,
    Milestone,
    Win,
    check_transition,
    clean_goal,
    due_for_review,
)
from app.persistence.database import Database
from app.persistence.models import (
    GoalRecord,
    GoalValueRecord,
    MilestoneRecord,
    ValueRecord,
    WinRecord,
)
from app.persistence.repositories import CoupleRepository


@dataclass(frozen=True)
class GoalFilter:
    status: str | None = None


def _goal(record: GoalRecord) -> Goal:
    return Goal(
        id=record.id, title=record.title, why=record.why, category=record.category,
        horizon=record.horizon, target_date=record.target_date, owner_id=record.owner_id,
        status=record.status, value_ids=tuple(v.value_id for v in record.values),
        milestones=tuple(Milestone(m.id, m.text, m.done_on) for m in record.milestones),
        manual_progress=record.manual_progress, next_review=record.next_review,
        position=record.position, created_on=record.created_on, created_at=record.created_at,
        completed_on=record.completed_on,
    )


def _win(record: WinRecord) -> Win:
    return Win(record.id, record.goal_id, record.title, record.won_on)


def _changed(*ids: int) -> ChangeSet:
    return ChangeSet.of(changes.GOALS, ids={changes.GOALS: list(ids)})


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class GoalService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading -----------------------------------------------------------------------------

    def goals(self, status: str | None = None) -> tuple[Goal, ...]:
        """Goals in board order (status, then position), optionally one status only."""
        with self.db.reading() as session:
            query = select(GoalRecord).options(
                selectinload(GoalRecord.milestones), selectinload(GoalRecord.values)
            ).order_by(GoalRecord.position, GoalRecord.id)
            if status is not None:
                query = query.where(GoalRecord.status == status)
            return tuple(_goal(r) for r in session.scalars(query))

    def get(self, goal_id: int) -> Goal:
        with self.db.reading() as session:
            return _goal(self._record(session, goal_id))

    def wins(self, limit: int = 5) -> tuple[Win, ...]:
        with self.db.reading() as session:
            records = session.scalars(
                select(WinRecord).order_by(WinRecord.won_on.desc(), WinRecord.id.desc())
                .limit(limit)
            )
            return tuple(_win(r) for r in records)

    def due_for_review(self, today: date | None = None) -> list[Goal]:
        today = today or date.today()
        with self.db.reading() as session:
            records = session.scalars(
                select(GoalRecord)
                .where(GoalRecord.next_review <= today,
                       GoalRecord.status.in_(("idea", "active")))
                .options(selectinload(GoalRecord.milestones), selectinload(GoalRecord.values))
            )
            return due_for_review([_goal(r) for r in records], today)

    def snapshot(self, goal_id: int) -> GoalSnapshot:
        with self.db.reading() as session:
            return self._snapshot(session, self._record(session, goal_id))

    # -- changing ----------------------------------------------------------------------------

    def create(self, data: GoalInput, status: str = "idea",
               today: date | None = None) -> tuple[GoalChange, ChangeSet]:
        today = today or date.today()
        if status not in ("idea", "active"):
            raise ValidationError("A new goal starts as an idea or something you're working on.",
                                  "status")
        with self.db.transaction() as session:
            cleaned = self._clean(session, data, today)
            record = GoalRecord(
                status=status, position=self._next_position(session), created_on=today,
                created_at=_now(), updated_at=_now(),
            )
            self._apply(session, record, cleaned)
            session.add(record)
            session.flush()
            after = self._snapshot(session, record)
        return GoalChange(None, after), _changed(after.goal.id)

    def update(self, goal_id: int, data: GoalInput) -> tuple[GoalChange, ChangeSet]:
        with self.db.transaction() as session:
            record = self._record(session, goal_id)
            before = self._snapshot(session, record)
            cleaned = self._clean(session, data, record.created_on)
            self._apply(session, record, cleaned)
            record.updated_at = _now()
            session.flush()
            session.expire(record)
            after = self._snapshot(session, self._record(session, goal_id))
        return GoalChange(before, after), _changed(goal_id)

    def set_status(self, goal_id: int, status: str,
                   today: date | None = None) -> tuple[GoalChange, ChangeSet]:
        """Move a goal along; completing it logs a shared win, reopening takes that back."""
        today = today or date.today()
        with self.db.transaction() as session:
            record = self._record(session, goal_id)
            before = self._snapshot(session, record)
            check_transition(record.status, status)
            if record.status == status:
                return GoalChange(before, before), ChangeSet()
            win = None
            if status == "done":
                record.completed_on = today
                win_record = WinRecord(goal_id=goal_id, title=record.title, won_on=today,
                                       created_at=_now())
                session.add(win_record)
                session.flush()
                win = _win(win_record)
            elif record.status == "done":
                record.completed_on = None
                session.execute(delete(WinRecord).where(WinRecord.goal_id == goal_id))
            record.status = status
            record.position = self._next_position(session)
            record.updated_at = _now()
            session.flush()
            after = self._snapshot(session, record)
        return GoalChange(before, after, win), _changed(goal_id)

    def set_milestone_done(self, goal_id: int, milestone_id: int, done: bool,
                           today: date | None = None) -> tuple[GoalChange, ChangeSet]:
        today = today or date.today()
        with self.db.transaction() as session:
            record = self._record(session, goal_id)
            before = self._snapshot(session, record)
            milestone = next((m for m in record.milestones if m.id == milestone_id), None)
            if milestone is None:
                raise NotFoundError("That milestone no longer exists.")
            milestone.done_on = (milestone.done_on or today) if done else None
            record.updated_at = _now()
            session.flush()
            after = self._snapshot(session, record)
        return GoalChange(before, after), _changed(goal_id)

    def delete(self, goal_id: int) -> tuple[GoalChange, ChangeSet]:
        with self.db.transaction() as session:
            record = self._record(session, goal_id)
            before = self._snapshot(session, record)
            session.delete(record)
        return GoalChange(before, None), _changed(goal_id)

    def apply(self, snapshot: GoalSnapshot | None, current_id: int | None = None) -> ChangeSet:
        """Make a goal exactly as ``snapshot`` says — or gone, when it is None.

        This is what undo and redo do. Ids are never reused, so a goal, its milestones and
        its win come back with the ids they had.
        """
        goal_id = snapshot.goal.id if snapshot else current_id
        if goal_id is None:
            raise ValueError("apply needs a snapshot or the id of the goal to remove")
        with self.db.transaction() as session:
            record = session.get(GoalRecord, goal_id)
            if snapshot is None:
                if record is not None:
                    session.delete(record)
                return _changed(goal_id)
            g = snapshot.goal
            known_values = set(session.scalars(select(ValueRecord.id)))
            if record is None:
                record = GoalRecord(id=g.id)
                session.add(record)
            else:  # milestones come back with their own ids, so clear the old rows first
                session.execute(delete(MilestoneRecord).where(MilestoneRecord.goal_id == g.id))
                session.execute(delete(GoalValueRecord).where(GoalValueRecord.goal_id == g.id))
                session.flush()
                session.expire(record, ["milestones", "values"])
            record.title, record.why = g.title, g.why
            record.category, record.horizon = g.category, g.horizon
            record.target_date, record.owner_id = g.target_date, g.owner_id
            record.status, record.manual_progress = g.status, g.manual_progress
            record.next_review, record.position = g.next_review, g.position
            record.created_on, record.created_at = g.created_on, g.created_at
            record.completed_on = g.completed_on
            record.updated_at = _now()
            record.milestones = [
                MilestoneRecord(id=m.id, position=i, text=m.text, done_on=m.done_on)
                for i, m in enumerate(g.milestones)
            ]
            record.values = [GoalValueRecord(value_id=v) for v in g.value_ids
                             if v in known_values]
            session.flush()
            session.execute(delete(WinRecord).where(WinRecord.goal_id == g.id))
            for win in snapshot.wins:
                session.add(WinRecord(id=win.id, goal_id=g.id, title=win.title,
                                      won_on=win.won_on, created_at=_now()))
        return _changed(goal_id)

    # -- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _record(session: Session, goal_id: int) -> GoalRecord:
        record = session.get(GoalRecord, goal_id)
        if record is None:
            raise NotFoundError("That goal no longer exists.")
        return record

    @staticmethod
    def _snapshot(session: Session, record: GoalRecord) -> GoalSnapshot:
        wins = session.scalars(
            select(WinRecord).where(WinRecord.goal_id == record.id).order_by(WinRecord.id)
        )
        return GoalSnapshot(_goal(record), tuple(_win(w) for w in wins))

    @staticmethod
    def _next_position(session: Session) -> int:
        return (session.scalar(select(func.max(GoalRecord.position))) or 0) + 1

    @staticmethod
    def _clean(session: Session, data: GoalInput, created_on: date) -> GoalInput:
        couple = CoupleRepository(session).get()
        if couple is None:
            raise NotFoundError("Hearth hasn't been set up yet: please enter both names.")
        partner_ids = tuple(p.id for p in couple.partners)
        value_ids = set(session.scalars(select(ValueRecord.id)))
        return clean_goal(data, created_on, partner_ids, value_ids)

    @staticmethod
    def _apply(session: Session, record: GoalRecord, data: GoalInput) -> None:
        record.title, record.why = data.title, data.why
        record.category, record.horizon = data.category, data.horizon
        record.target_date, record.owner_id = data.target_date, data.owner_id
        record.manual_progress, record.next_review = data.manual_progress, data.next_review
        existing = {m.id: m for m in record.milestones}
        milestones = []
        for position, m in enumerate(data.milestones):
            kept = existing.pop(m.id, None) if m.id is not None else None
            if kept is None:
                kept = MilestoneRecord(text=m.text, done_on=m.done_on, position=position)
            kept.text, kept.done_on, kept.position = m.text, m.done_on, position
            milestones.append(kept)
        record.milestones = milestones
        current = {v.value_id: v for v in record.values}
        record.values = [current.get(v) or GoalValueRecord(value_id=v) for v in data.value_ids]
