"""Conversation prompts: Hearth's decks and the couple's own, one prompt at a time.

Rules kept here (pure, tested without a database): how a prompt is drawn — at random among
those not yet shown in the deck's current round, so none comes back before every prompt of
the deck (at the depths chosen) has had its turn — and which prompt Home offers tonight.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from app.domain.couple import clean_label
from app.domain.errors import ValidationError

DEPTHS = ("light", "deeper", "vulnerable")
DEPTH_WORDS = {"light": "Light", "deeper": "Deeper", "vulnerable": "Vulnerable"}
DEPTH_HINTS = {
    "light": "easy and warm",
    "deeper": "a little more thought",
    "vulnerable": "for when you both feel ready",
}
ALL_DECKS = "all"  # draw from every deck
FAVOURITES = "favourites"  # draw from the couple's favourites
OWN_PREFIX = "own-"  # keys of the couple's own: own-<deck id>, own-p<prompt id>
PROMPT_MAX = 300


@dataclass(frozen=True)
class Prompt:
    key: str
    deck: str  # the deck's key
    depth: str
    text: str

    @property
    def own(self) -> bool:
        return self.key.startswith(OWN_PREFIX)


@dataclass(frozen=True)
class Deck:
    key: str
    title: str
    description: str
    prompts: tuple[Prompt, ...]
    own_id: int | None = None  # the couple's own deck: its row id

    @property
    def own(self) -> bool:
        return self.own_id is not None


@dataclass(frozen=True)
class Marks:
    """The couple's marks on one prompt."""

    favourite: bool = False
    shown: bool = False  # shown in the deck's current round
    talked: bool = False


@cache
def hearth_decks() -> tuple[Deck, ...]:
    from app.domain.prompt_decks import DECKS

    return tuple(
        Deck(key, title, description,
             tuple(Prompt(pkey, key, depth, text) for pkey, depth, text in prompts))
        for key, title, description, prompts in DECKS)


def own_deck_key(deck_id: int) -> str:
    return f"{OWN_PREFIX}{deck_id}"


def own_prompt_key(prompt_id: int) -> str:
    return f"{OWN_PREFIX}p{prompt_id}"


def own_prompt_id(key: str) -> int | None:
    """The row id of one of the couple's own prompts, from its key (None for Hearth's)."""
    prefix = f"{OWN_PREFIX}p"
    rest = key.removeprefix(prefix)
    return int(rest) if key.startswith(prefix) and rest.isdigit() else None


def clean_depths(depths: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(d for d in DEPTHS if d in set(depths))
    if not chosen:
        raise ValidationError("Please choose at least one depth.", "depths")
    return chosen


def clean_prompt(text: object, depth: object) -> tuple[str, str]:
    if depth not in DEPTHS:
        raise ValidationError("Please choose how deep this prompt goes.", "depth")
    cleaned = clean_label(text, "text", "prompt", PROMPT_MAX)
    return cleaned, str(depth)


def clean_deck(title: object, description: object) -> tuple[str, str]:
    cleaned = clean_label(title, "title", "name for the deck", 80)
    if description is None or description == "":
        return cleaned, ""
    return cleaned, clean_label(description, "description", "description", 200)


def candidates(decks: Sequence[Deck], deck: str, depths: Iterable[str],
               marks: dict[str, Marks]) -> list[Prompt]:
    """The prompts a draw chooses among: one deck, every deck or the favourites."""
    chosen = set(depths)
    if deck == ALL_DECKS:
        pool = [p for d in decks for p in d.prompts]
    elif deck == FAVOURITES:
        pool = [p for d in decks for p in d.prompts
                if marks.get(p.key, Marks()).favourite]
    else:
        pool = [p for d in decks if d.key == deck for p in d.prompts]
    return [p for p in pool if p.depth in chosen]


@dataclass(frozen=True)
class Draw:
    prompt: Prompt | None
    new_round: tuple[str, ...]  # prompts whose "shown" mark starts over (the pool ran out)


def draw(pool: Sequence[Prompt], marks: dict[str, Marks], rng: random.Random,
         avoid: str | None = None) -> Draw:
    """The next prompt: at random among those not yet shown this round. When every one has
    been shown, a new round begins (all of them again, except the one just seen)."""
    if not pool:
        return Draw(None, ())
    waiting = [p for p in pool if not marks.get(p.key, Marks()).shown and p.key != avoid]
    if waiting:
        return Draw(rng.choice(waiting), ())
    again = [p for p in pool if p.key != avoid] or list(pool)
    return Draw(rng.choice(again), tuple(p.key for p in pool))


def tonight(pool: Sequence[Prompt], marks: dict[str, Marks], day: date) -> Prompt | None:
    """A prompt for Home tonight: the same all day, one not shown yet this round and not
    talked about, gentle (not the vulnerable ones — those are for when both choose them)."""
    gentle = [p for p in pool if p.depth != "vulnerable"]
    fresh = [p for p in gentle
             if not marks.get(p.key, Marks()).shown and not marks.get(p.key, Marks()).talked]
    choices = fresh or gentle
    if not choices:
        return None
    return random.Random(day.toordinal()).choice(sorted(choices, key=lambda p: p.key))
