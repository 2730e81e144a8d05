"""The couple: setting it up (the welcome screen) and editing each partner."""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain import changes
from app.domain.changes import ChangeSet
from app.domain.couple import (
    DEFAULT_COLOURS,
    Couple,
    Partner,
    clean_colours,
    clean_name,
    colour,
    name_key,
)
from app.domain.couple import clean_names as _clean_names
from app.domain.errors import NotFoundError, ValidationError
from app.persistence.database import Database
from app.persistence.models import CoupleRecord
from app.persistence.repositories import CoupleRepository


def to_couple(record: CoupleRecord) -> Couple:
    a, b = (Partner(p.id, p.position, p.name, p.colour) for p in record.partners)
    return Couple(partners=(a, b), created_at=record.created_at.replace(tzinfo=UTC))


class CoupleService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> Couple | None:
        """The couple, or None before the welcome screen has been completed."""
        with self.db.reading() as session:
            record = CoupleRepository(session).get()
            return to_couple(record) if record else None

    def require(self) -> Couple:
        couple = self.get()
        if couple is None:
            raise NotFoundError("Hearth hasn't been set up yet: please enter both names first.")
        return couple

    def setup(
        self, name_a: str, name_b: str, colours: tuple[str, str] = DEFAULT_COLOURS
    ) -> tuple[Couple, ChangeSet]:
        """Create the couple. Refused when one already exists."""
        names = _clean_names(name_a, name_b)
        chosen = clean_colours(*colours)
        with self.db.transaction() as session:
            repo = CoupleRepository(session)
            if repo.get() is not None:
                raise ValidationError("Hearth is already set up for a couple in this data folder.")
            record = repo.create(names, chosen, datetime.now(UTC).replace(tzinfo=None))
            couple = to_couple(record)
        return couple, ChangeSet.of(changes.COUPLE, changes.SETTINGS)

    def update_partner(
        self, position: int, *, name: str | None = None, colour_key: str | None = None
    ) -> tuple[Couple, ChangeSet]:
        """Rename a partner or change their colour. Names and colours stay distinct."""
        if isinstance(position, bool) or position not in (0, 1):
            raise ValidationError("There are two partners: choose the first or the second.")
        field = "name_a" if position == 0 else "name_b"
        new_name = clean_name(name, field) if name is not None else None
        if colour_key is not None:
            colour(colour_key)
        with self.db.transaction() as session:
            record = CoupleRepository(session).get()
            if record is None:
                raise NotFoundError("Hearth hasn't been set up yet: please enter both names first.")
            me, other = record.partners[position], record.partners[1 - position]
            if new_name is not None:
                if name_key(new_name) == name_key(other.name):
                    raise ValidationError(
                        f"{other.name} already uses that name; please choose another.", field
                    )
                me.name = new_name
            if colour_key is not None:
                if colour_key == other.colour:
                    raise ValidationError(
                        f"{other.name} already uses that colour; please pick another.",
                        "colour_a" if position == 0 else "colour_b",
                    )
                me.colour = colour_key
            couple = to_couple(record)
        return couple, ChangeSet.of(changes.COUPLE)
