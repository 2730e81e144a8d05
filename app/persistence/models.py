"""SQLAlchemy 2.0 typed models. The schema itself comes only from Alembic revisions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
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
    )

    couple_id: Mapped[int] = mapped_column(
        ForeignKey("couple.id", ondelete="CASCADE"), primary_key=True
    )
    week_start: Mapped[int] = mapped_column(Integer, default=0)
    text_size: Mapped[str] = mapped_column(String(20), default="normal")
    checkin_target_per_week: Mapped[int] = mapped_column(Integer, default=2)

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


class DraftRecord(Base):
    """Unfinished input that must survive closing the window (one row per form)."""

    __tablename__ = "draft"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)  # JSON
    updated_at: Mapped[datetime] = mapped_column(DateTime())
