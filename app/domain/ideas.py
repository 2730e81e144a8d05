"""The idea bank: things to do together, filterable by cost, time, energy and place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from app.domain.calendar import KINDS_BY_KEY
from app.domain.checkins import clean_text
from app.domain.couple import clean_label
from app.domain.errors import ValidationError

COSTS = (("free", "Free"), ("low", "A little"), ("medium", "Some"), ("high", "A treat"))
DURATIONS = (("short", "An hour or so"), ("evening", "An evening"),
             ("half_day", "Half a day"), ("day", "A whole day"))
ENERGIES = (("low", "Cosy"), ("medium", "Easy-going"), ("high", "Lively"))
PLACES = (("home", "At home"), ("out", "Out"))
# How long "plan this" makes the event.
LENGTH = {"short": timedelta(hours=1, minutes=30), "evening": timedelta(hours=3),
          "half_day": timedelta(hours=4), "day": timedelta(hours=8)}


@dataclass(frozen=True)
class Idea:
    id: int
    title: str
    description: str
    kind: str
    cost: str
    duration: str
    energy: str
    place: str
    custom: bool


@dataclass(frozen=True)
class IdeaFilter:
    cost: str | None = None
    duration: str | None = None
    energy: str | None = None
    place: str | None = None
    words: str = ""

    def accepts(self, idea: Idea) -> bool:
        for name in ("cost", "duration", "energy", "place"):
            wanted = getattr(self, name)
            if wanted is not None and getattr(idea, name) != wanted:
                return False
        words = self.words.strip().casefold()
        return not words or words in f"{idea.title} {idea.description}".casefold()


def clean_idea(title: object, description: object, kind: str, cost: str, duration: str,
               energy: str, place: str) -> tuple[str, str]:
    cleaned = clean_label(title, "title", "title", 120)
    text = clean_text(description, "description", "The description").strip()
    if len(text) > 300 or len(text.splitlines()) > 1:
        raise ValidationError("Please keep the description to one line.", "description")
    for value, options, name in ((cost, COSTS, "cost"), (duration, DURATIONS, "duration"),
                                 (energy, ENERGIES, "energy"), (place, PLACES, "place")):
        if value not in dict(options):
            raise ValidationError(f"Please choose a {name}.", name)
    if kind not in KINDS_BY_KEY:
        raise ValidationError("Please choose what kind of time together this is.", "kind")
    return cleaned, text
