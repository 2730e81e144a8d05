"""The couple: two partners, each with a name and a colour of their own."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from app.domain.errors import ValidationError

NAME_MAX = 40


@dataclass(frozen=True)
class Colour:
    """A partner colour. ``light`` is used on light backgrounds, ``dark`` on dark ones.

    Both variants keep at least 4.5:1 contrast for text against Hearth's backgrounds.
    """

    key: str
    label: str
    light: str
    dark: str


# An accessible palette: distinct hues that stay apart for the common colour-vision
# differences, each with a variant for light and for dark backgrounds.
PALETTE: tuple[Colour, ...] = (
    Colour("teal", "Teal", "#00756c", "#4fd1c5"),
    Colour("terracotta", "Terracotta", "#b4472a", "#ff9b7a"),
    Colour("indigo", "Indigo", "#4b4fb8", "#a5a8ff"),
    Colour("plum", "Plum", "#8e3a80", "#e99bdc"),
    Colour("forest", "Forest", "#2f7a32", "#86d68a"),
    Colour("ochre", "Ochre", "#8a6100", "#f0c75e"),
    Colour("ocean", "Ocean", "#1f68a8", "#7fbfff"),
    Colour("rose", "Rose", "#b3264f", "#ff8fb0"),
)
PALETTE_BY_KEY = {colour.key: colour for colour in PALETTE}
DEFAULT_COLOURS = ("teal", "terracotta")


def colour(key: str) -> Colour:
    """The palette colour for ``key``; unknown keys raise ValidationError."""
    try:
        return PALETTE_BY_KEY[key]
    except KeyError:
        raise ValidationError("Please choose one of Hearth's colours.", "colour") from None


@dataclass(frozen=True)
class Partner:
    id: int
    position: int  # 0 or 1: the order the couple entered the names in; no roles
    name: str
    colour: str  # a palette key

    @property
    def palette_colour(self) -> Colour:
        return PALETTE_BY_KEY.get(self.colour, PALETTE[self.position % len(PALETTE)])


@dataclass(frozen=True)
class Couple:
    partners: tuple[Partner, Partner]
    created_at: datetime

    @property
    def names(self) -> tuple[str, str]:
        return (self.partners[0].name, self.partners[1].name)

    @property
    def ids(self) -> tuple[int, int]:
        return (self.partners[0].id, self.partners[1].id)

    def other_id(self, partner_id: int) -> int:
        """The other partner's id (the second partner's for an id not in the couple)."""
        return self.partners[1].id if partner_id == self.partners[0].id else \
            self.partners[0].id

    def name_of(self, partner_id: int | None) -> str:
        """The partner's name; "" for an id not in the couple."""
        return next((p.name for p in self.partners if p.id == partner_id), "")

    def partner_named(self, name: str) -> Partner | None:
        wanted = name_key(name)
        return next((p for p in self.partners if name_key(p.name) == wanted), None)


# Characters that draw nothing on their own: format characters (zero-width space, joiners,
# direction marks, soft hyphen, BOM), combining marks and variation selectors.
_SILENT_CATEGORIES = frozenset({"Cf", "Mn", "Me"})


def _is_silent(ch: str) -> bool:
    return unicodedata.category(ch) in _SILENT_CATEGORIES


def _is_skin_tone(ch: str) -> bool:
    return "\U0001f3fb" <= ch <= "\U0001f3ff"


def name_key(name: str) -> str:
    """How two names are compared: as they look. Case, Unicode normalisation and
    invisible format characters make no difference."""
    normal = unicodedata.normalize("NFC", name)
    visible = "".join(ch for ch in normal if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split()).casefold()


def visible_length(name: str) -> int:
    """Roughly what a person counts as characters: an emoji made of several code points
    joined by ZWJ, or a letter with combining accents, counts once."""
    count = 0
    joined = False
    for ch in name:
        if ch == "\u200d":
            joined = True
            continue
        if _is_silent(ch) or (_is_skin_tone(ch) and count):
            continue
        if joined:
            joined = False
            continue
        count += 1
    return count


def _is_disallowed(ch: str) -> bool:
    category = unicodedata.category(ch)
    # Control characters, line/paragraph separators, surrogates and private-use code points
    # have no place in a name. Unassigned code points (Cn) stay allowed: Python's Unicode
    # tables can be older than the newest emoji.
    return category in ("Cc", "Zl", "Zp", "Cs", "Co")


# Characters that turn the direction of the text around them (embeddings, overrides and
# isolates): a name holding one can show its letters in another order than typed, and
# carry that into everything printed after it.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_name(raw: str, field: str = "name") -> str:
    """Validate a partner's name and return it as it will be stored.

    Any script and emoji are welcome. Surrounding whitespace is removed and runs of inner
    whitespace become one space. 1 to 40 characters as a person counts them.
    """
    return clean_label(raw, field, "name", NAME_MAX)


def clean_label(raw: object, field: str, noun: str, limit: int) -> str:
    """A short one-line text people name things with (a partner, a value, a goal).

    Any script and emoji; whitespace tidied; 1 to ``limit`` characters as a person counts.
    """
    if not isinstance(raw, str):
        raise ValidationError(f"A {noun} needs to be text.", field)
    if any(_is_disallowed(ch) for ch in raw):
        raise ValidationError(f"A {noun} can't contain line breaks or hidden characters.",
                              field)
    if any(ch in DIRECTION_CONTROLS for ch in raw):
        raise ValidationError(f"A {noun} can't contain hidden characters that change the "
                              "direction of the text.", field)
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    if not text or not any(not _is_silent(ch) and not ch.isspace() for ch in text):
        raise ValidationError(f"Please write a {noun}.", field)
    length = visible_length(text)
    if length > limit or len(text) > limit * 8:
        raise ValidationError(
            f"Please keep the {noun} to {limit} characters (this one has {length}).", field
        )
    return text


def clean_names(name_a: str, name_b: str) -> tuple[str, str]:
    """Validate both names; they must differ so every answer can be told apart."""
    first = clean_name(name_a, "name_a")
    second = clean_name(name_b, "name_b")
    if name_key(first) == name_key(second):
        raise ValidationError(
            "Please use two different names, so Hearth can tell your answers apart.", "name_b"
        )
    return first, second


def clean_colours(colour_a: str, colour_b: str) -> tuple[str, str]:
    colour(colour_a)
    colour(colour_b)
    if colour_a == colour_b:
        raise ValidationError(
            "Please pick a different colour each, so you can tell answers apart.", "colour_b"
        )
    return colour_a, colour_b
