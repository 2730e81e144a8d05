"""Qt models for Together: past weekly talks, the couple's own decks and their prompts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.domain.greeting import long_date
from app.domain.meetings import Meeting
from app.domain.prompts import DEPTH_WORDS, Deck, Prompt
from ui.models.base import Index, RowsTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class MeetingsTableModel(RowsTableModel):
    """Finished talks, newest first: the day, and how many commitments came out of it."""

    COLUMNS = ("Talk", "Commitments")

    def set_meetings(self, meetings: list[Meeting]) -> None:
        self._set_rows(meetings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        meeting: Meeting = self._rows[index.row()]
        if role == ROW_ROLE:
            return meeting
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if index.column() == 0:
                day = meeting.finished_at or meeting.started_at
                return f"{day:%A} {long_date(day.date())}"
            count = len(meeting.commitments)
            return "none" if count == 0 else f"{count}"
        return None


class DecksTableModel(RowsTableModel):
    """The couple's own decks."""

    COLUMNS = ("Deck", "Prompts")

    def set_decks(self, decks: list[Deck]) -> None:
        self._set_rows(decks)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        deck: Deck = self._rows[index.row()]
        if role == ROW_ROLE:
            return deck
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return deck.title if index.column() == 0 else str(len(deck.prompts))
        return None


class PromptsTableModel(RowsTableModel):
    """The prompts of one of the couple's decks."""

    COLUMNS = ("Prompt", "Depth")

    def set_prompts(self, prompts: tuple[Prompt, ...]) -> None:
        self._set_rows(prompts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        prompt: Prompt = self._rows[index.row()]
        if role == ROW_ROLE:
            return prompt
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return prompt.text if index.column() == 0 else DEPTH_WORDS[prompt.depth]
        return None
