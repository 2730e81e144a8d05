"""The weekly "state of us" talk: its five steps, what each step keeps, and the words.

A meeting is one row with the step it is at and the answers as JSON (so it can be paused
and picked up again mid-sentence); when it is finished, each partner's answer to "what can
I do this week to help you feel loved?" becomes a commitment, shown on Home during the week
and looked back on at the next talk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.domain.checkins import clean_text
from app.domain.errors import ValidationError

STEPS = (
    ("appreciations", "Appreciations",
     "Each of you names a few specific things the other did this week. Be concrete: "
     "what they did, and what it meant to you."),
    ("went_well", "What went well",
     "Your week, from what you kept in Hearth. Take a moment with each good thing."),
    ("one_thing", "One thing to talk about",
     "Pick just one topic. Listen first; solve later, if at all."),
    ("ahead", "Looking ahead",
     "Plan some time together for the coming week, and see which goals want a look."),
    ("feel_loved", "Feeling loved",
     "Each of you answers: what can your partner do this week to help you feel loved? "
     "Your answers become this week's commitments."),
)
STEP_KEYS = tuple(key for key, _title, _words in STEPS)
OUTCOMES = {"kept": "It happened", "partly": "Partly", "not_yet": "Not this time"}
TOPIC_KINDS = ("difference", "follow_up", "concern")


@dataclass(frozen=True)
class Commitment:
    id: int
    meeting_id: int
    partner_id: int  # who will do it (for the other)
    text: str
    outcome: str | None  # kept / partly / not_yet, once looked back on
    made_on: date  # the day of the talk


@dataclass(frozen=True)
class Meeting:
    id: int
    week_start: date
    started_at: datetime  # aware, local
    finished_at: datetime | None
    step: int
    answers: dict[str, Any]
    commitments: tuple[Commitment, ...] = field(default=())
    event_id: int | None = None
    recurrence: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def answer(self, key: str, default: Any = "") -> Any:
        return self.answers.get(key, default)

    def partner_answer(self, key: str, partner_id: int) -> str:
        value = self.answers.get(key, {})
        return value.get(str(partner_id), "") if isinstance(value, dict) else ""


def clean_step(step: object) -> int:
    if not isinstance(step, int) or isinstance(step, bool) or not 0 <= step < len(STEPS):
        raise ValidationError("That step of the talk doesn't exist.", "step")
    return step


def clean_answers(answers: object) -> dict[str, Any]:
    """What a meeting keeps: for each step, text, or text per partner (by id as a string),
    plus the chosen topic. Anything else is refused, so the record always reads back."""
    if not isinstance(answers, dict):
        raise ValidationError("The talk's answers need to be a set of texts.", "answers")
    cleaned: dict[str, Any] = {}
    for key, value in answers.items():
        if not isinstance(key, str) or len(key) > 40:
            raise ValidationError("The talk's answers have an unknown part.", "answers")
        if isinstance(value, dict):
            inner = {}
            for pid, text in value.items():
                if not isinstance(pid, str) or len(pid) > 40:
                    raise ValidationError("The talk's answers have an unknown part.",
                                          "answers")
                inner[pid] = clean_text(text, key, "An answer")
            cleaned[key] = inner
        else:
            cleaned[key] = clean_text(value, key, "An answer")
    return cleaned


def clean_commitment(text: object) -> str:
    cleaned = clean_text(text, "commitment", "A commitment").strip()
    if len(cleaned) > 500:
        raise ValidationError("Please keep a commitment short — one or two sentences.",
                              "commitment")
    return cleaned


def clean_outcome(outcome: object) -> str | None:
    if outcome is not None and outcome not in OUTCOMES:
        raise ValidationError("Please choose how it went.", "outcome")
    return outcome  # type: ignore[return-value]
