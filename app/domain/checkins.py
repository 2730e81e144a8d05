"""Check-ins: how each partner feels, in their own words. Rules and vocabulary.

A check-in belongs to one partner and a moment. Check-ins made in one sitting share a
session. The note to self (``private_note``) is left out of the reveal and of the history of
both partners; it is not secret from the other partner, and the app says so where it is
written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.errors import ValidationError

MOOD_WORDS = {1: "low", 2: "a bit low", 3: "okay", 4: "good", 5: "great"}
STRESS_WORDS = {1: "calm", 2: "a little", 3: "some", 4: "a lot", 5: "overwhelmed"}
# How a stress level reads in a sentence: "Zoë feels calm, Łukasz quite stressed".
STRESS_FEELS = {1: "calm", 2: "a little stressed", 3: "somewhat stressed",
                4: "quite stressed", 5: "overwhelmed"}
CONNECTION_MIN, CONNECTION_MAX = 1, 10
TEXT_MAX = 100_000


@dataclass(frozen=True)
class Feeling:
    key: str
    word: str
    group: str


# About forty feelings in Hearth's own words, grouped. Real feelings only: words that blame
# ("ignored", "manipulated") describe what someone else did, not how I feel.
FEELING_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Warm", ("loved", "grateful", "close", "tender", "safe", "appreciative", "affectionate")),
    ("Bright", ("happy", "hopeful", "excited", "playful", "proud", "curious", "inspired")),
    ("Easy", ("calm", "relaxed", "content", "relieved", "peaceful", "rested")),
    ("Heavy", ("sad", "lonely", "disappointed", "discouraged", "homesick", "hurt", "tired")),
    ("Uneasy", ("anxious", "worried", "nervous", "unsure", "overwhelmed", "tense", "restless")),
    ("Stirred up", ("frustrated", "irritated", "impatient", "resentful", "jealous", "embarrassed")),
)
FEELINGS: tuple[Feeling, ...] = tuple(
    Feeling(word, word, group) for group, words in FEELING_GROUPS for word in words
)
FEELINGS_BY_KEY = {f.key: f for f in FEELINGS}


def mood_word(mood: int) -> str:
    return MOOD_WORDS.get(mood, "")


def stress_word(stress: int | None) -> str:
    return STRESS_WORDS.get(stress, "") if stress is not None else ""


@dataclass(frozen=True)
class CheckinInput:
    """What one partner answers. Validated by ``clean_checkin``."""

    partner_id: int
    mood: int
    connection: int
    stress: int | None = None
    feelings: tuple[str, ...] = ()
    appreciation: str = ""
    need: str = ""
    private_note: str = ""


@dataclass(frozen=True)
class Checkin:
    id: int
    partner_id: int
    session_id: int
    at: datetime  # aware, in the local offset it was made in
    mood: int
    connection: int
    stress: int | None
    feelings: tuple[str, ...]
    appreciation: str
    need: str
    private_note: str

    @property
    def local_day(self) -> date:
        return self.at.date()


@dataclass(frozen=True)
class CheckinSession:
    id: int
    at: datetime
    checkins: tuple[Checkin, ...] = field(default=())


def _int_in(value: object, low: int, high: int, message: str, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(message, field_name)
    return value


def clean_text(value: object, field_name: str, what: str) -> str:
    """Free text, kept exactly as written, within the size limit."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{what} needs to be text.", field_name)
    if len(value) > TEXT_MAX:
        raise ValidationError(
            f"{what} is very long — please keep it under {TEXT_MAX:,} characters.", field_name
        )
    if "\x00" in value or _has_lone_surrogate(value):
        raise ValidationError(f"{what} contains a hidden character Hearth can't keep.",
                              field_name)
    return value


def _has_lone_surrogate(value: str) -> bool:
    """True for text holding half an emoji or an undecodable byte, which SQLite can't store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def clean_feelings(values: object) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [v for v in (part.strip() for part in values.split(",")) if v]
    if not isinstance(values, (list, tuple, set, frozenset)):
        raise ValidationError("Please pick feelings from the list.", "feelings")
    keys: list[str] = []
    for value in values:
        key = unicodedata.normalize("NFC", str(value)).strip().casefold()
        if key not in FEELINGS_BY_KEY:
            raise ValidationError(
                f"“{value}” isn't one of Hearth's feeling words; please pick from the list.",
                "feelings",
            )
        if key not in keys:
            keys.append(key)
    return tuple(sorted(keys, key=list(FEELINGS_BY_KEY).index))


def feeling_words(keys) -> list[str]:
    """The words for stored feeling keys (an unknown key is shown as it is)."""
    return [FEELINGS_BY_KEY[k].word if k in FEELINGS_BY_KEY else str(k) for k in keys or ()]


def clean_checkin(data: CheckinInput) -> CheckinInput:
    return CheckinInput(
        partner_id=data.partner_id,
        mood=_int_in(data.mood, 1, 5, "Please choose a mood from 1 (low) to 5 (great).", "mood"),
        connection=_int_in(
            data.connection, CONNECTION_MIN, CONNECTION_MAX,
            "Please choose how connected you feel, from 1 to 10.", "connection",
        ),
        stress=None if data.stress is None else _int_in(
            data.stress, 1, 5, "Please choose stress from 1 (calm) to 5 (overwhelmed).", "stress"
        ),
        feelings=clean_feelings(data.feelings),
        appreciation=clean_text(data.appreciation, "appreciation", "The appreciation"),
        need=clean_text(data.need, "need", "What you need"),
        private_note=clean_text(data.private_note, "private_note", "The note to self"),
    )


def difference_prompt(names: tuple[str, str], first: Checkin | CheckinInput,
                      second: Checkin | CheckinInput) -> str | None:
    """A gentle invitation to talk about where the two answers differ most, or None.

    Compares how connected each feels (out of 10), mood and stress (out of 5) on one scale
    and picks the largest gap. Never a score, never a verdict.
    """
    a, b = names
    gaps: list[tuple[float, str]] = []
    # Connection is what check-ins are most about, so its gap weighs a little more.
    conn_gap = abs(first.connection - second.connection) / 9 * 1.5
    if first.connection != second.connection:
        gaps.append((conn_gap, (
            f"{a} feels {first.connection}/10 connected, {b} {second.connection}/10 — "
            "want to talk about it?"
        )))
    if first.mood != second.mood:
        gaps.append((abs(first.mood - second.mood) / 4, (
            f"{a}'s mood is {mood_word(first.mood)}, {b}'s is {mood_word(second.mood)} — "
            "want to share what's behind it?"
        )))
    if first.stress is not None and second.stress is not None and first.stress != second.stress:
        gaps.append((abs(first.stress - second.stress) / 4, (
            f"{a} feels {STRESS_FEELS[first.stress]}, {b} {STRESS_FEELS[second.stress]} — "
            "is there something you could take off each other's plate?"
        )))
    big = [gap for gap in gaps if gap[0] >= 0.25]
    if not big:
        return None
    return max(big, key=lambda gap: gap[0])[1]
