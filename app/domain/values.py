"""Values: what matters to each partner, how the two line up, and how that moves over time.

Each partner rates how important each value is to them, 1 (less so) to 5 (at my core),
privately; the alignment shows what both hold at the core and where they differ most —
as something to talk about, never a score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from app.domain.checkins import clean_text
from app.domain.couple import clean_label, name_key
from app.domain.errors import ValidationError

IMPORTANCE_WORDS = {1: "less so", 2: "somewhat", 3: "important", 4: "very important",
                    5: "at my core"}
CORE = 5
# Both partners rate a value at least this high: something they hold together.
SHARED_AT_LEAST = 4
# A gap this big is worth a conversation.
TALK_GAP = 2
DESCRIPTION_MAX = 300
VALUE_NAME_MAX = 40


@dataclass(frozen=True)
class Value:
    id: int
    name: str
    description: str
    custom: bool


@dataclass(frozen=True)
class ValueSort:
    """One partner's ratings of every value, made at one moment."""

    id: int
    partner_id: int
    sorted_at: datetime  # aware, local offset when it was made
    ratings: tuple[tuple[int, int], ...]  # (value id, importance), by value id

    def rating(self, value_id: int) -> int | None:
        return dict(self.ratings).get(value_id)


@dataclass(frozen=True)
class SortInput:
    partner_id: int
    ratings: Mapping[int, int]


@dataclass(frozen=True)
class Statement:
    text: str
    written_at: datetime


@dataclass(frozen=True)
class ValueRatings:
    """One value with each partner's latest rating (None: not rated yet)."""

    value: Value
    first: int | None
    second: int | None

    @property
    def gap(self) -> int | None:
        if self.first is None or self.second is None:
            return None
        return abs(self.first - self.second)


@dataclass(frozen=True)
class Movement:
    """How one partner's rating of a value changed between two sorts."""

    value: Value
    partner_id: int
    before: int
    after: int


@dataclass(frozen=True)
class Alignment:
    rows: tuple[ValueRatings, ...]
    shared: tuple[ValueRatings, ...]  # both hold it high, most shared first
    differences: tuple[ValueRatings, ...]  # biggest gap first
    movements: tuple[Movement, ...]
    sorted_by: tuple[bool, bool]  # has each partner sorted yet?

    @property
    def complete(self) -> bool:
        return all(self.sorted_by)


def importance_word(importance: int | None) -> str:
    return IMPORTANCE_WORDS.get(importance or 0, "not rated")


def clean_value(name: object, description: object) -> tuple[str, str]:
    """A custom value: a short name (like a partner's name) and an optional line about it."""
    cleaned = clean_label(name, "name", "value name", VALUE_NAME_MAX)
    text = clean_text(description, "description", "The description").strip()
    if len(text) > DESCRIPTION_MAX:
        raise ValidationError(
            f"Please keep the description to one line (under {DESCRIPTION_MAX} characters).",
            "description",
        )
    if len(text.splitlines()) > 1:
        raise ValidationError("Please keep the description to one line.", "description")
    return cleaned, text


def value_key(name: str) -> str:
    """Names compare as they look: case, spacing, Unicode normalisation and invisible
    characters make no difference (accents do: "Café" is not "Cafe")."""
    return name_key(name)


def clean_sort(ratings: Mapping[int, int], values: Sequence[Value], who: str) -> dict[int, int]:
    """Every value rated 1–5, nothing else. Says which values still need a place."""
    known = {v.id: v for v in values}
    unknown = [vid for vid in ratings if vid not in known]
    if unknown:
        raise ValidationError("Some of these values no longer exist — please sort again.",
                              "ratings")
    for vid, importance in ratings.items():
        if isinstance(importance, bool) or not isinstance(importance, int) \
                or not 1 <= importance <= 5:
            raise ValidationError(
                f"Please rate “{known[vid].name}” from 1 (less so) to 5 (at my core).", "ratings"
            )
    missing = [v.name for v in values if v.id not in ratings]
    if missing:
        shown = ", ".join(missing[:3]) + (" …" if len(missing) > 3 else "")
        noun = "value still needs" if len(missing) == 1 else "values still need"
        raise ValidationError(f"{who}: {len(missing)} {noun} a place ({shown}).", "ratings")
    return dict(ratings)


def align(values: Sequence[Value], first: ValueSort | None, second: ValueSort | None,
          earlier: Mapping[int, ValueSort | None] | None = None) -> Alignment:
    """Where two latest sorts agree and differ; ``earlier`` (partner → previous sort)
    gives how each partner's ratings moved since."""
    rows = tuple(
        ValueRatings(v, first.rating(v.id) if first else None,
                     second.rating(v.id) if second else None)
        for v in values
    )
    rated = [r for r in rows if r.first is not None and r.second is not None]
    shared = sorted(
        (r for r in rated if min(r.first, r.second) >= SHARED_AT_LEAST),  # type: ignore[type-var]
        key=lambda r: (-(r.first + r.second), r.value.name.casefold()),  # type: ignore[operator]
    )
    differences = sorted(
        (r for r in rated if (r.gap or 0) >= TALK_GAP),
        key=lambda r: (-(r.gap or 0), -max(r.first, r.second), r.value.name.casefold()),  # type: ignore[type-var]
    )
    movements: list[Movement] = []
    by_id = {v.id: v for v in values}
    for latest in (first, second):
        if latest is None or not earlier:
            continue
        previous = earlier.get(latest.partner_id)
        if previous is None:
            continue
        for vid, after in latest.ratings:
            before = previous.rating(vid)
            if before is not None and before != after and vid in by_id:
                movements.append(Movement(by_id[vid], latest.partner_id, before, after))
    movements.sort(key=lambda m: (-abs(m.after - m.before), m.value.name.casefold()))
    return Alignment(rows, tuple(shared), tuple(differences), tuple(movements),
                     (first is not None, second is not None))


def talk_prompt(row: ValueRatings) -> str:
    """An invitation to talk about a value the two hold differently. Never a verdict."""
    name = row.value.name
    spoken = name[0].lower() + name[1:] if name[:1].isupper() and name[1:2].islower() else name
    return (f"What does {spoken} mean to each of you — and what would it look like in your "
            "weeks together?")
