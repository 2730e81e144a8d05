"""SQLAlchemy 2.0 typed models. The schema itself comes only from Alembic revisions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CoupleRecord(Base):
    __tablename__ = "couple"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=False))

    partners: Mapped[list[PartnerRecord]] = relationship(
        back_populates="couple", order_by="PartnerRecord.position", cascade="all, delete-orphan"
    )
    settings: Mapped[SettingsRecord | None] = relationship(
        back_populates="couple", cascade="all, delete-orphan"
    )


class PartnerRecord(Base):
    __tablename__ = "partner"
    __table_args__ = (
        UniqueConstraint("couple_id", "position"),
        CheckConstraint("position IN (0, 1)", name="position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    couple_id: Mapped[int] = mapped_column(ForeignKey("couple.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(40))
    colour: Mapped[str] = mapped_column(String(20))

    couple: Mapped[CoupleRecord] = relationship(back_populates="partners")


class SettingsRecord(Base):
    __tablename__ = "couple_settings"
    __table_args__ = (
        CheckConstraint("week_start BETWEEN 0 AND 6", name="week_start"),
        CheckConstraint("checkin_target_per_week BETWEEN 0 AND 14", name="checkin_target"),
        CheckConstraint("quality_hours_per_week BETWEEN 0 AND 40", name="quality_hours"),
        CheckConstraint("lock_after_minutes BETWEEN 0 AND 1440", name="lock_after"),
    )

    couple_id: Mapped[int] = mapped_column(
        ForeignKey("couple.id", ondelete="CASCADE"), primary_key=True
    )
    week_start: Mapped[int] = mapped_column(Integer, default=0)
    text_size: Mapped[str] = mapped_column(String(20), default="normal")
    checkin_target_per_week: Mapped[int] = mapped_column(Integer, default=2)
    quality_hours_per_week: Mapped[int] = mapped_column(Integer, default=4)
    # Lock behind the passphrase after this many idle minutes (0 = never; only with one).
    lock_after_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    couple: Mapped[CoupleRecord] = relationship(back_populates="settings")


class CheckinSessionRecord(Base):
    """One sitting: the check-ins two partners (or one) made together."""

    __tablename__ = "checkin_session"
    # Ids are never reused, so undo can bring a deleted check-in back exactly as it was.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime())
    mode: Mapped[str] = mapped_column(String(20))

    checkins: Mapped[list[CheckinRecord]] = relationship(
        back_populates="session", order_by="CheckinRecord.id"
    )


class CheckinRecord(Base):
    __tablename__ = "checkin"
    __table_args__ = (
        CheckConstraint("mood BETWEEN 1 AND 5", name="mood"),
        CheckConstraint("connection BETWEEN 1 AND 10", name="connection"),
        CheckConstraint("stress IS NULL OR stress BETWEEN 1 AND 5", name="stress"),
        Index("ix_checkin_at", "at"),
        Index("ix_checkin_partner_id_at", "partner_id", "at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("checkin_session.id", ondelete="CASCADE"), index=True
    )
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime())  # UTC
    utc_offset: Mapped[int] = mapped_column(Integer)  # minutes east of UTC, when it was made
    mood: Mapped[int] = mapped_column(Integer)
    connection: Mapped[int] = mapped_column(Integer)
    stress: Mapped[int | None] = mapped_column(Integer)
    feelings: Mapped[str] = mapped_column(Text, default="")  # comma-separated keys
    appreciation: Mapped[str] = mapped_column(Text, default="")
    need: Mapped[str] = mapped_column(Text, default="")
    private_note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime())

    session: Mapped[CheckinSessionRecord] = relationship(back_populates="checkins")



class TogetherSittingRecord(Base):
    """Derived, never written by the app: each sitting where both partners checked in, with
    its local day. SQLite triggers on ``checkin`` keep it (migration 0011), so Home counts
    sittings per week from a few thousand index entries, not every check-in. Not exported
    (an import rebuilds it as the check-ins come in)."""

    __tablename__ = "together_sitting"
    __table_args__ = (Index("ix_together_sitting_day", "day"),)

    session_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    day: Mapped[str] = mapped_column(String(10))  # the local day, YYYY-MM-DD

class DraftRecord(Base):
    """Unfinished input that must survive closing the window (one row per form)."""

    __tablename__ = "draft"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)  # JSON
    updated_at: Mapped[datetime] = mapped_column(DateTime())


# -- values -----------------------------------------------------------------------------------


class ValueRecord(Base):
    """A value to sort: one of Hearth's starter set (with a key) or the couple's own."""

    __tablename__ = "value"
    __table_args__ = (
        UniqueConstraint("key"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str | None] = mapped_column(String(40))  # starter values only
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    custom: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer)


class ValueSortRecord(Base):
    """One partner's ratings of every value at one moment; older sorts are history."""

    __tablename__ = "value_sort"
    __table_args__ = (
        Index("ix_value_sort_partner_id_sorted_at", "partner_id", "sorted_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="CASCADE"))
    sorted_at: Mapped[datetime] = mapped_column(DateTime())  # UTC
    utc_offset: Mapped[int] = mapped_column(Integer)

    ratings: Mapped[list[ValueRatingRecord]] = relationship(
        back_populates="sort", cascade="all, delete-orphan", order_by="ValueRatingRecord.value_id"
    )


class ValueRatingRecord(Base):
    __tablename__ = "value_rating"
    __table_args__ = (
        CheckConstraint("importance BETWEEN 1 AND 5", name="importance"),
        Index("ix_value_rating_value_id", "value_id"),
    )

    sort_id: Mapped[int] = mapped_column(
        ForeignKey("value_sort.id", ondelete="CASCADE"), primary_key=True
    )
    value_id: Mapped[int] = mapped_column(
        ForeignKey("value.id", ondelete="CASCADE"), primary_key=True
    )
    importance: Mapped[int] = mapped_column(Integer)

    sort: Mapped[ValueSortRecord] = relationship(back_populates="ratings")


class StatementRecord(Base):
    """The couple's "what we stand for", every version kept; the newest is current."""

    __tablename__ = "value_statement"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(DateTime())  # UTC


# -- goals ------------------------------------------------------------------------------------


class GoalRecord(Base):
    __tablename__ = "goal"
    __table_args__ = (
        CheckConstraint("status IN ('idea', 'active', 'done', 'let_go')", name="status"),
        CheckConstraint(
            "manual_progress IS NULL OR manual_progress BETWEEN 0 AND 100",
            name="manual_progress",
        ),
        Index("ix_goal_status_position", "status", "position"),
        Index("ix_goal_next_review", "next_review"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    why: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20))
    horizon: Mapped[str] = mapped_column(String(20))
    target_date: Mapped[date | None] = mapped_column(Date)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10))
    manual_progress: Mapped[int | None] = mapped_column(Integer)
    next_review: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer)
    created_on: Mapped[date] = mapped_column(Date)  # local day
    created_at: Mapped[datetime] = mapped_column(DateTime())  # UTC
    updated_at: Mapped[datetime] = mapped_column(DateTime())  # UTC
    completed_on: Mapped[date | None] = mapped_column(Date)

    milestones: Mapped[list[MilestoneRecord]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="MilestoneRecord.position"
    )
    values: Mapped[list[GoalValueRecord]] = relationship(
        cascade="all, delete-orphan", order_by="GoalValueRecord.value_id"
    )


class GoalValueRecord(Base):
    __tablename__ = "goal_value"
    __table_args__ = (Index("ix_goal_value_value_id", "value_id"),)

    goal_id: Mapped[int] = mapped_column(
        ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True
    )
    value_id: Mapped[int] = mapped_column(
        ForeignKey("value.id", ondelete="CASCADE"), primary_key=True
    )


class MilestoneRecord(Base):
    __tablename__ = "milestone"
    __table_args__ = (
        Index("ix_milestone_goal_id_position", "goal_id", "position"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    done_on: Mapped[date | None] = mapped_column(Date)

    goal: Mapped[GoalRecord] = relationship(back_populates="milestones")


class WinRecord(Base):
    """A shared win worth remembering (a goal completed), with its date."""

    __tablename__ = "win"
    __table_args__ = (
        Index("ix_win_won_on", "won_on"),
        Index("ix_win_goal_id", "goal_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(500))
    won_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime())  # UTC


# -- calendar ---------------------------------------------------------------------------------


class EventRecord(Base):
    """Planned quality time: one event, or a series with an RFC 5545 rule.

    Starts and ends are local wall-clock times in ``tz`` (None for all-day events, whose
    times are midnights). ``first_utc``/``last_utc`` bound the whole series in UTC for
    range queries (``last_utc`` is NULL for a series without end).
    """

    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("uid"),
        CheckConstraint("status IN ('planned', 'done', 'skipped')", name="status"),
        CheckConstraint("end_local > start_local", name="ends_after_start"),
        Index("ix_event_first_utc", "first_utc"),
        Index("ix_event_last_utc", "last_utc"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)
    start_local: Mapped[datetime] = mapped_column(DateTime())
    end_local: Mapped[datetime] = mapped_column(DateTime())
    tz: Mapped[str | None] = mapped_column(String(64))
    rrule: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    planned_by: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL")
    )
    devices_away: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="planned")
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    first_utc: Mapped[datetime] = mapped_column(DateTime())
    last_utc: Mapped[datetime | None] = mapped_column(DateTime())
    created_at: Mapped[datetime] = mapped_column(DateTime())
    updated_at: Mapped[datetime] = mapped_column(DateTime())

    overrides: Mapped[list[EventOverrideRecord]] = relationship(
        back_populates="event", cascade="all, delete-orphan",
        order_by="EventOverrideRecord.recurrence",
    )


class EventOverrideRecord(Base):
    """One occurrence of a series that differs: cancelled, moved, renamed or marked."""

    __tablename__ = "event_override"
    __table_args__ = (
        UniqueConstraint("event_id", "recurrence"),
        CheckConstraint("status IS NULL OR status IN ('planned', 'done', 'skipped')",
                        name="status"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    recurrence: Mapped[datetime] = mapped_column(DateTime())  # the original local start
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    start_local: Mapped[datetime | None] = mapped_column(DateTime())
    end_local: Mapped[datetime | None] = mapped_column(DateTime())
    title: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str | None] = mapped_column(String(10))

    event: Mapped[EventRecord] = relationship(back_populates="overrides")


class ReflectionRecord(Base):
    """After the date: how connected it felt to one partner, and one line to remember."""

    __tablename__ = "reflection"
    __table_args__ = (
        UniqueConstraint("event_id", "recurrence", "partner_id"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    recurrence: Mapped[datetime] = mapped_column(DateTime())
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    memory: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime())


class IdeaRecord(Base):
    """Something to do together: one of Hearth's ideas (with a key) or the couple's own."""

    __tablename__ = "idea"
    __table_args__ = (
        UniqueConstraint("key"),
        CheckConstraint("cost IN ('free', 'low', 'medium', 'high')", name="cost"),
        CheckConstraint("duration IN ('short', 'evening', 'half_day', 'day')", name="duration"),
        CheckConstraint("energy IN ('low', 'medium', 'high')", name="energy"),
        CheckConstraint("place IN ('home', 'out')", name="place"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str | None] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))
    cost: Mapped[str] = mapped_column(String(10))
    duration: Mapped[str] = mapped_column(String(10))
    energy: Mapped[str] = mapped_column(String(10))
    place: Mapped[str] = mapped_column(String(10))
    custom: Mapped[bool] = mapped_column(Boolean, default=False)


# -- conflict worksheets ---------------------------------------------------------------------


class WorksheetRecord(Base):
    """One guided conversation about a disagreement: its kind, where it stands, and when
    to come back to it."""

    __tablename__ = "worksheet"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'paused', 'resolved')", name="status"),
        Index("ix_worksheet_status", "status"),
        Index("ix_worksheet_follow_up", "follow_up"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(10), default="open")
    step: Mapped[int] = mapped_column(Integer, default=0)
    opened_at: Mapped[datetime] = mapped_column(DateTime())  # UTC
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime())
    paused_at: Mapped[datetime | None] = mapped_column(DateTime())
    resume_at: Mapped[datetime | None] = mapped_column(DateTime())  # UTC
    follow_up: Mapped[date | None] = mapped_column(Date)
    review: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime())
    # "Solve it together": who has the floor first (the other speaks second)
    first_speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL"))

    answers: Mapped[list[WorksheetAnswerRecord]] = relationship(
        cascade="all, delete-orphan")
    agreements: Mapped[list[AgreementRecord]] = relationship(
        cascade="all, delete-orphan", order_by="AgreementRecord.id")


class WorksheetAnswerRecord(Base):
    __tablename__ = "worksheet_answer"

    worksheet_id: Mapped[int] = mapped_column(
        ForeignKey("worksheet.id", ondelete="CASCADE"), primary_key=True)
    step_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    field_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON: text, a choice, or a list of feelings
    updated_at: Mapped[datetime] = mapped_column(DateTime())


class AgreementRecord(Base):
    """Who does what by when; at the follow-up, whether it worked."""

    __tablename__ = "agreement"
    __table_args__ = (
        Index("ix_agreement_worksheet_id", "worksheet_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worksheet_id: Mapped[int] = mapped_column(ForeignKey("worksheet.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id", ondelete="SET NULL"))
    due: Mapped[date | None] = mapped_column(Date)
    kept: Mapped[bool | None] = mapped_column(Boolean)


class PromptDeckRecord(Base):
    """A deck of conversation prompts the couple wrote themselves."""

    __tablename__ = "prompt_deck"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime())  # UTC

    prompts: Mapped[list[PromptRecord]] = relationship(
        order_by="PromptRecord.id", cascade="all, delete-orphan", passive_deletes=True)


class PromptRecord(Base):
    """One of the couple's own prompts (Hearth's own are in app/domain/prompt_decks.py)."""

    __tablename__ = "prompt"
    __table_args__ = (
        CheckConstraint("depth IN ('light', 'deeper', 'vulnerable')", name="depth"),
        Index("ix_prompt_deck_id", "deck_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("prompt_deck.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    depth: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime())  # UTC


class PromptMarkRecord(Base):
    """The couple's marks on one prompt, Hearth's or their own (by its key): a favourite,
    when they last talked about it, and when it was shown in the deck's current round."""

    __tablename__ = "prompt_mark"

    prompt_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    favourite: Mapped[bool] = mapped_column(Boolean, default=False)
    shown_at: Mapped[datetime | None] = mapped_column(DateTime())  # UTC; None: not this round
    talked_at: Mapped[datetime | None] = mapped_column(DateTime())  # UTC


class MeetingRecord(Base):
    """One weekly "state of us" talk: the step it is at and what was said, so it can be
    paused and picked up again; finished_at once it is done."""

    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint("step BETWEEN 0 AND 4", name="step"),
        Index("ix_meeting_finished_at", "finished_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week_start: Mapped[date] = mapped_column(Date)  # the week talked about
    started_at: Mapped[datetime] = mapped_column(DateTime())  # UTC
    updated_at: Mapped[datetime] = mapped_column(DateTime())  # UTC
    finished_at: Mapped[datetime | None] = mapped_column(DateTime())  # UTC
    step: Mapped[int] = mapped_column(Integer, default=0)
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    recurrence: Mapped[datetime | None] = mapped_column(DateTime())

    commitments: Mapped[list[CommitmentRecord]] = relationship(
        order_by="CommitmentRecord.id", cascade="all, delete-orphan", passive_deletes=True)


class CommitmentRecord(Base):
    """What one partner will do this week to help the other feel loved; reviewed at the
    next talk."""

    __tablename__ = "commitment"
    __table_args__ = (
        CheckConstraint("outcome IN ('kept', 'partly', 'not_yet')", name="outcome"),
        Index("ix_commitment_meeting_id", "meeting_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(10))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime())  # UTC
