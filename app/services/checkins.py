"""Check-ins: saving a sitting, the history, and the aggregates behind Home and Trends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import distinct, func, select

from app.domain import changes
from app.domain.changes import ChangeSet
from app.domain.checkins import Checkin, CheckinInput, CheckinSession, clean_checkin
from app.domain.errors import NotFoundError, ValidationError
from app.domain.moments import aware
from app.domain.trends import Cadence
from app.persistence import glance
from app.persistence.database import Database
from app.persistence.models import CheckinRecord, CheckinSessionRecord
from app.persistence.repositories import CoupleRepository

MODES = ("side_by_side", "private_reveal", "alone")
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
# A few minutes of grace for a clock that runs slightly ahead of another.
FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True)
class CheckinFilter:
    partner_id: int | None = None
    first: date | None = None  # local dates, inclusive
    last: date | None = None
    text: str = ""


@dataclass(frozen=True)
class DeletedCheckin:
    """Everything needed to undo a delete exactly (same id, same sitting)."""

    checkin: Checkin
    session_started_at: datetime
    session_mode: str


def _local_day_sql():
    """The local calendar day a check-in was made on, computed in SQL from UTC + offset."""
    return func.date(CheckinRecord.at, func.printf("%+d minutes", CheckinRecord.utc_offset))


def _together_sittings():
    """The local day of each sitting where both partners checked in (a query)."""
    return (
        select(func.min(_local_day_sql()).label("day"))
        .group_by(CheckinRecord.session_id)
        .having(func.count(distinct(CheckinRecord.partner_id)) >= 2)
    )


def to_checkin(record: CheckinRecord) -> Checkin:
    offset = timedelta(minutes=record.utc_offset)
    local = record.at.replace(tzinfo=UTC).astimezone(timezone(offset))
    return Checkin(
        id=record.id, partner_id=record.partner_id, session_id=record.session_id, at=local,
        mood=record.mood, connection=record.connection, stress=record.stress,
        feelings=tuple(k for k in record.feelings.split(",") if k),
        appreciation=record.appreciation, need=record.need, private_note=record.private_note,
    )


def clean_moment(at: datetime | None) -> datetime:
    """An aware moment for a check-in; now when not given. Refuses the impossible."""
    if at is None:
        return datetime.now().astimezone()
    at = aware(at, "at")  # a naive time means local time on this computer
    in_utc = at.astimezone(UTC)
    if in_utc < EARLIEST:
        raise ValidationError("That date is too long ago.", "at")
    if in_utc > datetime.now(UTC) + FUTURE_TOLERANCE:
        raise ValidationError("A check-in can't be in the future.", "at")
    return at


def _store_moment(record: CheckinRecord, at: datetime) -> None:
    offset = at.utcoffset() or timedelta(0)
    record.at = at.astimezone(UTC).replace(tzinfo=None)
    record.utc_offset = int(offset.total_seconds() // 60)


def _apply(record: CheckinRecord, answer: CheckinInput) -> None:
    record.mood = answer.mood
    record.connection = answer.connection
    record.stress = answer.stress
    record.feelings = ",".join(answer.feelings)
    record.appreciation = answer.appreciation
    record.need = answer.need
    record.private_note = answer.private_note
    record.updated_at = datetime.now(UTC).replace(tzinfo=None)


class CheckinService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- writing ---------------------------------------------------------------------------

    def save_session(self, answers: Sequence[CheckinInput], *, mode: str = "side_by_side",
                     at: datetime | None = None) -> tuple[CheckinSession, ChangeSet]:
        """Save one sitting: one or two partners' answers, all or nothing."""
        if mode not in MODES:
            raise ValidationError("Please choose how you're checking in.", "mode")
        if not 1 <= len(answers) <= 2:
            raise ValidationError("A check-in is for one or both of you.")
        cleaned = [clean_checkin(answer) for answer in answers]
        moment = clean_moment(at)
        with self.db.transaction() as session:
            couple = CoupleRepository(session).get()
            if couple is None:
                raise NotFoundError("Hearth hasn't been set up yet: please enter both names.")
            ids = {p.id for p in couple.partners}
            if any(a.partner_id not in ids for a in cleaned):
                raise ValidationError("That partner isn't part of this couple.", "partner")
            if len({a.partner_id for a in cleaned}) != len(cleaned):
                raise ValidationError("Each of you checks in once per sitting.", "partner")
            sitting = CheckinSessionRecord(
                started_at=moment.astimezone(UTC).replace(tzinfo=None), mode=mode
            )
            session.add(sitting)
            for answer in cleaned:
                record = CheckinRecord(partner_id=answer.partner_id, session=sitting)
                _store_moment(record, moment)
                _apply(record, answer)
                session.add(record)
            session.flush()
            result = CheckinSession(
                sitting.id, moment, tuple(to_checkin(r) for r in sitting.checkins)
            )
        return result, ChangeSet.of(changes.CHECKINS, ids={changes.CHECKINS: [
            c.id for c in result.checkins]})

    def update(self, checkin_id: int, answer: CheckinInput) -> tuple[Checkin, ChangeSet]:
        cleaned = clean_checkin(answer)
        with self.db.transaction() as session:
            record = session.get(CheckinRecord, checkin_id)
            if record is None:
                raise NotFoundError("That check-in no longer exists.")
            if cleaned.partner_id != record.partner_id:
                raise ValidationError("A check-in stays with the partner who made it.", "partner")
            _apply(record, cleaned)
            result = to_checkin(record)
        return result, ChangeSet.of(changes.CHECKINS, ids={changes.CHECKINS: [checkin_id]})

    def delete(self, checkin_id: int) -> tuple[DeletedCheckin, ChangeSet]:
        with self.db.transaction() as session:
            record = session.get(CheckinRecord, checkin_id)
            if record is None:
                raise NotFoundError("That check-in no longer exists.")
            sitting = record.session
            deleted = DeletedCheckin(to_checkin(record), sitting.started_at, sitting.mode)
            session.delete(record)
            session.flush()
            remaining = session.scalar(
                select(func.count()).where(CheckinRecord.session_id == sitting.id)
            )
            if not remaining:
                session.delete(sitting)
        return deleted, ChangeSet.of(changes.CHECKINS, ids={changes.CHECKINS: [checkin_id]})

    def restore(self, deleted: DeletedCheckin) -> tuple[Checkin, ChangeSet]:
        """Undo a delete: the check-in comes back with its id, sitting and text."""
        c = deleted.checkin
        with self.db.transaction() as session:
            if session.get(CheckinRecord, c.id) is not None:
                raise ValidationError("That check-in is already there.")
            sitting = session.get(CheckinSessionRecord, c.session_id)
            if sitting is None:
                sitting = CheckinSessionRecord(
                    id=c.session_id, started_at=deleted.session_started_at,
                    mode=deleted.session_mode,
                )
                session.add(sitting)
            record = CheckinRecord(id=c.id, partner_id=c.partner_id, session=sitting)
            _store_moment(record, c.at)
            _apply(record, CheckinInput(
                c.partner_id, c.mood, c.connection, c.stress, c.feelings, c.appreciation,
                c.need, c.private_note,
            ))
            session.add(record)
            session.flush()
            result = to_checkin(record)
        return result, ChangeSet.of(changes.CHECKINS, ids={changes.CHECKINS: [c.id]})

    # -- reading ---------------------------------------------------------------------------

    def get(self, checkin_id: int) -> Checkin:
        with self.db.reading() as session:
            record = session.get(CheckinRecord, checkin_id)
            if record is None:
                raise NotFoundError("That check-in no longer exists.")
            return to_checkin(record)

    def history(self, flt: CheckinFilter | None = None) -> list[Checkin]:
        """Check-ins, newest first, filtered by partner, local dates and text.

        Text search looks in feelings, appreciations and needs — and in private notes only
        when the history is filtered to that one partner.
        """
        flt = flt or CheckinFilter()
        query = select(CheckinRecord).order_by(CheckinRecord.at.desc(), CheckinRecord.id.desc())
        if flt.partner_id is not None:
            query = query.where(CheckinRecord.partner_id == flt.partner_id)
        if flt.first is not None:
            # Coarse bound on the indexed UTC column, then the exact local-day test.
            query = query.where(CheckinRecord.at >= datetime.combine(
                flt.first - timedelta(days=1), datetime.min.time()))
            query = query.where(_local_day_sql() >= flt.first.isoformat())
        if flt.last is not None:
            query = query.where(CheckinRecord.at < datetime.combine(
                flt.last + timedelta(days=2), datetime.min.time()))
            query = query.where(_local_day_sql() <= flt.last.isoformat())
        with self.db.reading() as session:
            found = [to_checkin(r) for r in session.scalars(query)]
        needle = flt.text.strip().casefold()
        if not needle:
            return found
        include_private = flt.partner_id is not None

        def matches(c: Checkin) -> bool:
            hay = [c.appreciation, c.need, " ".join(c.feelings)]
            if include_private:
                hay.append(c.private_note)
            return any(needle in text.casefold() for text in hay)

        return [c for c in found if matches(c)]

    def last(self) -> Checkin | None:
        with self.db.reading() as session:
            record = session.scalars(
                select(CheckinRecord).order_by(CheckinRecord.at.desc()).limit(1)
            ).first()
            return to_checkin(record) if record else None

    def sitting(self, session_id: int) -> CheckinSession:
        with self.db.reading() as session:
            sitting = session.get(CheckinSessionRecord, session_id)
            if sitting is None:
                raise NotFoundError("That check-in no longer exists.")
            checkins = tuple(to_checkin(r) for r in sitting.checkins)
            at = checkins[0].at if checkins else sitting.started_at.replace(tzinfo=UTC)
            return CheckinSession(sitting.id, at, checkins)

    def span(self) -> tuple[date, date] | None:
        """The local days of the first and last check-in, or None when there are none."""
        with self.db.raw() as conn:
            return glance.span(conn)

    def together_days(self) -> list[date]:
        """The local day of every sitting where both partners checked in."""
        with self.db.reading() as session:
            return [date.fromisoformat(d) for d in session.scalars(_together_sittings())]

    def together_weeks(self, week_start: int) -> dict[date, int]:
        """Sittings where both partners checked in, counted per week (keyed by the week's
        first day), in SQL."""
        with self.db.raw() as conn:
            return glance.together_weeks(conn, week_start)

    def cadence(self, today: date | None = None) -> Cadence:
        with self.db.raw() as conn:
            return glance.cadence(conn, today or datetime.now().astimezone().date())
