"""Values: the list to sort, each partner's sorts over time, alignment, the shared statement."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.domain import changes
from app.domain.changes import ChangeSet
from app.domain.checkins import clean_text
from app.domain.errors import NotFoundError, ValidationError
from app.domain.moments import aware
from app.domain.values import (
    Alignment,
    SortInput,
    Statement,
    Value,
    ValueSort,
    align,
    clean_sort,
    clean_value,
    value_key,
)
from app.persistence.database import Database
from app.persistence.models import (
    StatementRecord,
    ValueRatingRecord,
    ValueRecord,
    ValueSortRecord,
)
from app.persistence.repositories import CoupleRepository

STATEMENT_MAX = 2000


def _value(record: ValueRecord) -> Value:
    return Value(record.id, record.name, record.description, record.custom)


def _sort(record: ValueSortRecord) -> ValueSort:
    local = record.sorted_at.replace(tzinfo=UTC).astimezone(
        timezone(timedelta(minutes=record.utc_offset))
    )
    return ValueSort(record.id, record.partner_id, local,
                     tuple((r.value_id, r.importance) for r in record.ratings))


def _statement(record: StatementRecord) -> Statement | None:
    if not record.text:
        return None
    return Statement(record.text, record.written_at.replace(tzinfo=UTC).astimezone())


class ValuesService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- the values --------------------------------------------------------------------------

    def values(self) -> tuple[Value, ...]:
        with self.db.reading() as session:
            return tuple(_value(r) for r in self._values(session))

    @staticmethod
    def _values(session: Session) -> list[ValueRecord]:
        return list(session.scalars(
            select(ValueRecord).order_by(ValueRecord.position, ValueRecord.id)
        ))

    def add_value(self, name: str, description: str = "") -> tuple[Value, ChangeSet]:
        """A value of the couple's own, added to the end of the list."""
        name, description = clean_value(name, description)
        with self.db.transaction() as session:
            existing = self._values(session)
            if any(value_key(v.name) == value_key(name) for v in existing):
                raise ValidationError(f"“{name}” is already on your list.", "name")
            position = max((v.position for v in existing), default=-1) + 1
            record = ValueRecord(name=name, description=description, custom=True,
                                 position=position)
            session.add(record)
            session.flush()
            value = _value(record)
        return value, ChangeSet.of(changes.VALUES, ids={changes.VALUES: [value.id]})

    def remove_value(self, value_id: int) -> ChangeSet:
        """Remove one of the couple's own values (its ratings and goal links go with it)."""
        with self.db.transaction() as session:
            record = session.get(ValueRecord, value_id)
            if record is None:
                raise NotFoundError("That value no longer exists.")
            if not record.custom:
                raise ValidationError(
                    "Hearth's own values stay on the list — rate one “less so” if it isn't "
                    "yours.", "value"
                )
            session.delete(record)
        return ChangeSet.of(changes.VALUES, changes.GOALS, ids={changes.VALUES: [value_id]})

    # -- sorting -----------------------------------------------------------------------------

    def save_sorts(self, sorts: Sequence[SortInput], at: datetime | None = None
                   ) -> tuple[tuple[ValueSort, ...], ChangeSet]:
        """Save one sitting's sorts (one or both partners), all or nothing."""
        if not 1 <= len(sorts) <= 2 or len({s.partner_id for s in sorts}) != len(sorts):
            raise ValidationError("A card-sort is for one or both of you, once each.")
        moment = aware(at or datetime.now(), "at")
        offset = int((moment.utcoffset() or timedelta(0)).total_seconds() // 60)
        with self.db.transaction() as session:
            couple = CoupleRepository(session).get()
            if couple is None:
                raise NotFoundError("Hearth hasn't been set up yet: please enter both names.")
            names = {p.id: p.name for p in couple.partners}
            values = [_value(r) for r in self._values(session)]
            records = []
            for sort in sorts:
                if sort.partner_id not in names:
                    raise ValidationError("That partner isn't part of this couple.", "partner")
                ratings = clean_sort(sort.ratings, values, names[sort.partner_id])
                record = ValueSortRecord(
                    partner_id=sort.partner_id, utc_offset=offset,
                    sorted_at=moment.astimezone(UTC).replace(tzinfo=None),
                )
                session.add(record)
                session.flush()
                record.ratings = [
                    ValueRatingRecord(sort_id=record.id, value_id=vid, importance=importance)
                    for vid, importance in sorted(ratings.items())
                ]
                records.append(record)
            session.flush()
            result = tuple(_sort(r) for r in records)
        return result, ChangeSet.of(changes.VALUES)

    def history(self, partner_id: int) -> tuple[ValueSort, ...]:
        """Every sort this partner has made, newest first."""
        with self.db.reading() as session:
            records = session.scalars(
                select(ValueSortRecord)
                .where(ValueSortRecord.partner_id == partner_id)
                .options(selectinload(ValueSortRecord.ratings))
                .order_by(ValueSortRecord.sorted_at.desc(), ValueSortRecord.id.desc())
            )
            return tuple(_sort(r) for r in records)

    def _latest_two(self, session: Session, partner_id: int) -> list[ValueSort]:
        records = session.scalars(
            select(ValueSortRecord)
            .where(ValueSortRecord.partner_id == partner_id)
            .options(selectinload(ValueSortRecord.ratings))
            .order_by(ValueSortRecord.sorted_at.desc(), ValueSortRecord.id.desc())
            .limit(2)
        )
        return [_sort(r) for r in records]

    def alignment(self) -> Alignment:
        """Both partners' latest sorts side by side, and how each moved since the one before."""
        with self.db.reading() as session:
            couple = CoupleRepository(session).get()
            values = [_value(r) for r in self._values(session)]
            if couple is None:
                return align(values, None, None)
            first_id, second_id = (p.id for p in couple.partners)
            first = self._latest_two(session, first_id)
            second = self._latest_two(session, second_id)
        earlier = {
            first_id: first[1] if len(first) > 1 else None,
            second_id: second[1] if len(second) > 1 else None,
        }
        return align(values, first[0] if first else None, second[0] if second else None,
                     earlier)

    def sort_count(self) -> int:
        with self.db.reading() as session:
            return session.scalar(select(func.count()).select_from(ValueSortRecord)) or 0

    # -- what we stand for -------------------------------------------------------------------

    def statement(self) -> Statement | None:
        with self.db.reading() as session:
            record = session.scalars(
                select(StatementRecord).order_by(StatementRecord.id.desc()).limit(1)
            ).first()
            return None if record is None else _statement(record)

    def save_statement(self, text: str) -> tuple[Statement | None, ChangeSet]:
        """Keep a new version of the statement (earlier versions stay in the file)."""
        text = clean_text(text, "statement", "Your statement").strip()
        if len(text) > STATEMENT_MAX:
            raise ValidationError(
                f"Please keep your statement short — under {STATEMENT_MAX:,} characters.",
                "statement",
            )
        now = datetime.now(UTC)
        with self.db.transaction() as session:
            current = session.scalars(
                select(StatementRecord).order_by(StatementRecord.id.desc()).limit(1)
            ).first()
            if current is not None and current.text == text:
                return _statement(current), ChangeSet()
            record = StatementRecord(text=text, written_at=now.replace(tzinfo=None))
            session.add(record)
        return (Statement(text, now.astimezone()) if text else None), ChangeSet.of(
            changes.VALUES)
