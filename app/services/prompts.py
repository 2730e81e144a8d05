"""Conversation prompts: draw one, skip, favourite, mark "talked about", and the couple's own
decks. Hearth's prompts are text shipped with the app (app/domain/prompt_decks.py); the
database keeps the couple's marks on them and what they write themselves."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload

from app.domain import changes
from app.domain.changes import ChangeSet
from app.domain.errors import NotFoundError, ValidationError
from app.domain.prompts import (
    ALL_DECKS,
    DEPTHS,
    FAVOURITES,
    Deck,
    Marks,
    Prompt,
    candidates,
    clean_deck,
    clean_depths,
    clean_prompt,
    draw,
    hearth_decks,
    own_deck_key,
    own_prompt_key,
)
from app.persistence.database import Database
from app.persistence.models import PromptDeckRecord, PromptMarkRecord, PromptRecord

CHANGED = ChangeSet.of(changes.PROMPTS)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _own_deck(record: PromptDeckRecord) -> Deck:
    key = own_deck_key(record.id)
    return Deck(key, record.title, record.description,
                tuple(Prompt(own_prompt_key(p.id), key, p.depth, p.text)
                      for p in record.prompts), own_id=record.id)


class PromptService:
    def __init__(self, db: Database, rng: random.Random | None = None) -> None:
        self.db = db
        self.rng = rng or random.Random()

    # -- reading -----------------------------------------------------------------------------

    def decks(self) -> tuple[Deck, ...]:
        """Hearth's eight decks, then the couple's own (oldest first)."""
        with self.db.reading() as session:
            return hearth_decks() + self._own_decks(session)

    def prompts(self, deck: str | None = None) -> list[Prompt]:
        decks = self.decks()
        if deck is not None and deck not in {d.key for d in decks}:
            raise NotFoundError(f"There is no deck called “{deck}”.")
        return [p for d in decks if deck is None or d.key == deck for p in d.prompts]

    def marks(self) -> dict[str, Marks]:
        with self.db.reading() as session:
            return self._marks(session)

    def prompt(self, key: str) -> Prompt:
        for deck in self.decks():
            for prompt in deck.prompts:
                if prompt.key == key:
                    return prompt
        raise NotFoundError("That prompt no longer exists.")

    # -- one prompt at a time ----------------------------------------------------------------

    def next(self, deck: str = ALL_DECKS, depths: Iterable[str] = DEPTHS,
             after: str | None = None) -> tuple[Prompt | None, ChangeSet]:
        """Draw the next prompt (shuffled) and mark it shown, so it doesn't come back until
        every prompt it was drawn among has been shown. ``after``: the prompt on screen now
        (skipped or talked about), never drawn twice in a row."""
        chosen = clean_depths(depths)
        with self.db.transaction() as session:
            decks = hearth_decks() + self._own_decks(session)
            if deck not in (ALL_DECKS, FAVOURITES) and deck not in {d.key for d in decks}:
                raise ValidationError("That deck no longer exists.", "deck")
            marks = self._marks(session)
            pool = candidates(decks, deck, chosen, marks)
            drawn = draw(pool, marks, self.rng, avoid=after)
            if drawn.new_round:
                session.execute(update(PromptMarkRecord)
                                .where(PromptMarkRecord.prompt_key.in_(drawn.new_round))
                                .values(shown_at=None))
            if drawn.prompt is not None:
                self._mark(session, drawn.prompt.key).shown_at = _now()
        return drawn.prompt, CHANGED

    def set_favourite(self, key: str, favourite: bool) -> ChangeSet:
        self.prompt(key)
        with self.db.transaction() as session:
            self._mark(session, key).favourite = bool(favourite)
        return CHANGED

    def talked_about(self, key: str) -> ChangeSet:
        self.prompt(key)
        with self.db.transaction() as session:
            mark = self._mark(session, key)
            mark.talked_at = _now()
            mark.shown_at = mark.shown_at or _now()
        return CHANGED

    # -- the couple's own decks --------------------------------------------------------------

    def add_deck(self, title: str, description: str = "") -> tuple[Deck, ChangeSet]:
        title, description = clean_deck(title, description)
        with self.db.transaction() as session:
            taken = {d.title.casefold() for d in hearth_decks() + self._own_decks(session)}
            if title.casefold() in taken:
                raise ValidationError("You already have a deck with that name.", "title")
            record = PromptDeckRecord(title=title, description=description, created_at=_now())
            session.add(record)
            session.flush()
            return _own_deck(record), CHANGED

    def rename_deck(self, deck_id: int, title: str, description: str = "") -> ChangeSet:
        title, description = clean_deck(title, description)
        with self.db.transaction() as session:
            record = self._deck_record(session, deck_id)
            others = {d.title.casefold() for d in hearth_decks() + self._own_decks(session)
                      if d.own_id != deck_id}
            if title.casefold() in others:
                raise ValidationError("You already have a deck with that name.", "title")
            record.title, record.description = title, description
        return CHANGED

    def delete_deck(self, deck_id: int) -> ChangeSet:
        with self.db.transaction() as session:
            record = self._deck_record(session, deck_id)
            keys = [own_prompt_key(p.id) for p in record.prompts]
            session.execute(delete(PromptMarkRecord)
                            .where(PromptMarkRecord.prompt_key.in_(keys)))
            session.delete(record)
        return CHANGED

    def add_prompt(self, deck_id: int, text: str, depth: str = "light"
                   ) -> tuple[Prompt, ChangeSet]:
        text, depth = clean_prompt(text, depth)
        with self.db.transaction() as session:
            self._deck_record(session, deck_id)
            record = PromptRecord(deck_id=deck_id, text=text, depth=depth, created_at=_now())
            session.add(record)
            session.flush()
            return (Prompt(own_prompt_key(record.id), own_deck_key(deck_id), depth, text),
                    CHANGED)

    def delete_prompt(self, prompt_id: int | None) -> ChangeSet:
        with self.db.transaction() as session:
            record = session.get(PromptRecord, prompt_id) if isinstance(prompt_id, int) \
                else None
            if record is None:
                raise NotFoundError("That prompt no longer exists.")
            session.execute(delete(PromptMarkRecord).where(
                PromptMarkRecord.prompt_key == own_prompt_key(prompt_id)))
            session.delete(record)
        return CHANGED

    # -- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _own_decks(session: Session) -> tuple[Deck, ...]:
        records = session.scalars(select(PromptDeckRecord)
                                  .options(selectinload(PromptDeckRecord.prompts))
                                  .order_by(PromptDeckRecord.id))
        return tuple(_own_deck(r) for r in records)

    @staticmethod
    def _marks(session: Session) -> dict[str, Marks]:
        return {m.prompt_key: Marks(m.favourite, m.shown_at is not None, m.talked_at is not None)
                for m in session.scalars(select(PromptMarkRecord))}

    @staticmethod
    def _mark(session: Session, key: str) -> PromptMarkRecord:
        mark = session.get(PromptMarkRecord, key)
        if mark is None:
            mark = PromptMarkRecord(prompt_key=key, favourite=False)
            session.add(mark)
        return mark

    @staticmethod
    def _deck_record(session: Session, deck_id: int) -> PromptDeckRecord:
        record = session.get(PromptDeckRecord, deck_id) if isinstance(deck_id, int) else None
        if record is None:
            raise NotFoundError("That deck no longer exists.")
        return record
