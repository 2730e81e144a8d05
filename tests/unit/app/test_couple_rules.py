"""The couple's names and colours: what Hearth accepts, how it stores it, what it refuses."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.domain.couple import (
    DEFAULT_COLOURS,
    NAME_MAX,
    PALETTE,
    Couple,
    Partner,
    clean_colours,
    clean_name,
    clean_names,
    colour,
    name_key,
    visible_length,
)
from app.domain.errors import ValidationError

# Characters a name may never contain: controls (incl. tab, newline, NUL), line and
# paragraph separators, private-use code points.
FORBIDDEN_CATEGORIES = ("Cc", "Zl", "Zp", "Co")
REFUSED_CATEGORIES = ("Cc", "Zl", "Zp", "Cs", "Co")

# Words from many scripts, none containing whitespace.
WORDS = [
    "Zoë",
    "Łukasz",
    "Zoe\u0308",  # Zoë written with a combining diaeresis (NFD)
    "🧡",
    "👩\u200d❤\ufe0f\u200d👨",  # couple with heart: a ZWJ sequence
    "👨🏽\u200d🍳",  # cook with a skin tone
    "🏳\ufe0f\u200d🌈",
    "مريم",  # Arabic
    "يوسف",
    "שָׁלוֹם",  # Hebrew with points (combining marks)
    "דוד",
    "Ольга",
    "李小龍",
    "さくら",
    "Đặng",
    "Nguyễn",
    "O'Brien",
    "Jean-Luc",
    "ǅemal",
    "a\u0301\u0323",  # two combining marks on one letter
    "\u200fנועה",  # right-to-left mark before a Hebrew name
]
# Whitespace Hearth collapses: ASCII space, no-break space, ideographic space, em space, ...
SPACES = [" ", "\u00a0", "\u3000", "\u2003", "\u2009", "\u202f", "\u205f"]

words = st.one_of(
    st.sampled_from(WORDS),
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Zs", *REFUSED_CATEGORIES), blacklist_characters="\u180e"
        ),
        min_size=1,
        max_size=8,
    ).filter(lambda w: any(unicodedata.category(c) not in ("Cf", "Mn", "Me") for c in w)),
)
space_runs = st.lists(st.sampled_from(SPACES), min_size=1, max_size=4).map("".join)
edge_space = st.lists(st.sampled_from(SPACES), max_size=3).map("".join)


@st.composite
def spaced_names(draw) -> tuple[str, list[str]]:
    """A raw name made of words with arbitrary whitespace around and between them."""
    parts = draw(st.lists(words, min_size=1, max_size=5))
    raw = draw(edge_space)
    for i, part in enumerate(parts):
        if i:
            raw += draw(space_runs)
        raw += part
    raw += draw(edge_space)
    return raw, parts


def expected_clean(parts: list[str]) -> str:
    return " ".join(unicodedata.normalize("NFC", part) for part in parts)


def assert_refused(raw: object, field: str = "name") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        clean_name(raw, field)  # type: ignore[arg-type]
    assert caught.value.message.strip(), "a refusal must say why"
    assert caught.value.field == field
    return caught.value


# --- clean_name: what is welcome ------------------------------------------------------


@pytest.mark.parametrize("name", [w for w in WORDS if w != "Zoe\u0308"])
def test_names_in_any_script_and_emoji_are_kept_as_typed(name):
    assert clean_name(name) == unicodedata.normalize("NFC", name)


def test_a_decomposed_name_is_stored_composed():
    assert clean_name("Zoe\u0308") == "Zoë"
    assert clean_name("Zoe\u0308") == clean_name("Zo\u00eb")


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  Zoë  ", "Zoë"),
        ("Anna   Maria", "Anna Maria"),
        ("\u00a0Anna\u3000\u3000Maria\u2003", "Anna Maria"),
        (" 🧡 ", "🧡"),
        ("مريم   بنت   أحمد", "مريم بنت أحمد"),
    ],
)
def test_whitespace_is_trimmed_and_collapsed(raw, cleaned):
    assert clean_name(raw) == cleaned


@given(spaced_names())
@settings(max_examples=100)
@example(("  🧡  👩\u200d❤\ufe0f\u200d👨 ", ["🧡", "👩\u200d❤\ufe0f\u200d👨"]))
def test_words_are_kept_and_whitespace_becomes_single_spaces(case):
    raw, parts = case
    expected = expected_clean(parts)
    if visible_length(expected) > NAME_MAX:
        assert_refused(raw)
    else:
        assert clean_name(raw) == expected


def test_forty_characters_are_accepted_and_forty_one_refused():
    assert clean_name("a" * NAME_MAX) == "a" * NAME_MAX
    error = assert_refused("a" * (NAME_MAX + 1))
    assert "40" in error.message and "41" in error.message


def test_the_limit_applies_after_cleaning():
    # 44 characters as typed, 40 once the spaces around and inside are tidied.
    assert clean_name("  " + "a" * 20 + "   " + "b" * 19 + " ") == "a" * 20 + " " + "b" * 19
    # 80 code points as typed (e + combining acute), 40 letters once composed.
    assert clean_name("e\u0301" * NAME_MAX) == "\u00e9" * NAME_MAX


# --- clean_name: what is refused ------------------------------------------------------


@pytest.mark.parametrize("raw", ["", " ", "   ", "\u00a0", "\u3000 \u2003", " \u202f "])
def test_empty_and_whitespace_only_names_are_refused(raw):
    assert "name" in assert_refused(raw).message.lower()


@pytest.mark.parametrize(
    "raw",
    [
        "Zoë\nŁukasz",
        "Zoë\r",
        "\tZoë",
        "Zo\x00ë",
        "Zoë\x1b[31m",
        "Zoë\u2028",
        "Zoë\u2029",
        "Zo\x7fë",
        "Zo\u0085ë",
        "Zo\ue000ë",
    ],
)
def test_line_breaks_and_control_characters_are_refused(raw):
    assert "line break" in assert_refused(raw).message


@given(
    st.text(max_size=10),
    st.characters(whitelist_categories=FORBIDDEN_CATEGORIES),
    st.text(max_size=10),
)
@settings(max_examples=100)
def test_any_control_character_anywhere_is_refused(before, bad, after):
    assert_refused(before + bad + after)


def test_the_refusal_names_the_field_it_is_about():
    assert assert_refused("", "name_b").field == "name_b"


@pytest.mark.parametrize("raw", [None, 42, b"Zoe", ["Zoë"]])
def test_a_name_must_be_text(raw):
    assert_refused(raw)


# --- clean_name: properties -----------------------------------------------------------


@given(st.text(max_size=60))
@settings(max_examples=100)
@example("  Zoë  ")
@example("👩\u200d❤\ufe0f\u200d👨")
@example("\u200fנועה ")
def test_any_text_is_either_refused_with_a_message_or_cleaned_for_good(raw):
    try:
        cleaned = clean_name(raw)
    except ValidationError as error:
        assert error.message
        nfc = " ".join(unicodedata.normalize("NFC", raw).split())
        shows_something = any(
            not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Mn", "Me")
            for ch in nfc
        )
        assert (
            any(unicodedata.category(ch) in REFUSED_CATEGORIES for ch in raw)
            or not shows_something
            or visible_length(nfc) > NAME_MAX
        ), f"{raw!r} was refused for no reason: {error.message}"
        return
    assert 1 <= visible_length(cleaned) <= NAME_MAX
    assert clean_name(cleaned) == cleaned  # idempotent
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert all(not ch.isspace() or ch == " " for ch in cleaned)
    assert unicodedata.is_normalized("NFC", cleaned)


@given(spaced_names())
@settings(max_examples=100)
def test_accepted_names_clean_idempotently(case):
    raw, _ = case
    try:
        cleaned = clean_name(raw)
    except ValidationError:
        return
    assert clean_name(cleaned) == cleaned
    assert 1 <= visible_length(cleaned) <= NAME_MAX


# --- a newer emoji than Python's Unicode tables -----------------------------------------


_UNICODE = tuple(int(part) for part in unicodedata.unidata_version.split("."))


@pytest.mark.parametrize("emoji", ["\U0001fa77", "\U0001fae9"])
def test_emoji_newer_than_pythons_unicode_tables_are_welcome(emoji):
    assert clean_name(f"Zoë {emoji}") == f"Zoë {emoji}"


# --- names that show nothing --------------------------------------------------------------


@pytest.mark.parametrize("raw", ["\u200b", "\u00ad", " \ufeff "])
def test_a_name_that_shows_nothing_is_refused(raw):
    assert_refused(raw)


@pytest.mark.parametrize("twin", ["An\u200bna", "Anna\u200e"])
def test_names_that_look_the_same_are_not_distinct(twin):
    with pytest.raises(ValidationError):
        clean_names("Anna", twin)


# --- clean_names: two different names -------------------------------------------------


def test_two_different_names_are_cleaned_in_order():
    assert clean_names("  Zoë ", "Łukasz  Nowak") == ("Zoë", "Łukasz Nowak")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Anna", "anna"),
        ("Anna", "  ANNA "),
        ("Zo\u00eb", "Zoe\u0308"),  # the same name, composed and decomposed
        ("ZOË", "zoe\u0308"),
        ("Straße", "STRASSE"),  # case folding, not just lower()
        ("Łukasz", "łukasz"),
        ("Ольга", "ОЛЬГА"),
        ("🧡", " 🧡"),
        ("Anna Maria", "anna   maria"),
    ],
)
def test_names_equal_ignoring_case_and_normalisation_are_refused(a, b):
    with pytest.raises(ValidationError) as caught:
        clean_names(a, b)
    assert "different names" in caught.value.message
    assert caught.value.field == "name_b"


@pytest.mark.parametrize(
    ("a", "b"), [("Zoë", "Zoe"), ("Anna", "Ana"), ("🧡", "💙"), ("דוד", "דויד")]
)
def test_names_that_differ_are_accepted(a, b):
    assert clean_names(a, b) == (a, b)


def test_each_name_is_checked_on_its_own_field():
    with pytest.raises(ValidationError) as first:
        clean_names("", "Łukasz")
    assert first.value.field == "name_a"
    with pytest.raises(ValidationError) as second:
        clean_names("Zoë", "x" * 41)
    assert second.value.field == "name_b"


@given(spaced_names(), st.sampled_from(["nfd", "upper_ascii", "padded", "casefold"]))
@settings(max_examples=100)
def test_a_name_and_its_variant_are_never_two_partners(case, variant):
    raw, _ = case
    try:
        name = clean_name(raw)
    except ValidationError:
        return
    twin = {
        "nfd": unicodedata.normalize("NFD", name),
        "upper_ascii": "".join(ch.upper() if ch.isascii() else ch for ch in name),
        "padded": f"  {name}\u00a0",
        "casefold": name.casefold(),
    }[variant]
    try:
        clean_name(twin)
    except ValidationError:
        return  # e.g. casefold made it longer than 40
    with pytest.raises(ValidationError):
        clean_names(name, twin)


def test_name_key_matches_partners_the_way_names_are_compared():
    couple = Couple(
        (Partner(1, 0, "Zoë", "teal"), Partner(2, 1, "Łukasz", "terracotta")),
        created_at=None,  # type: ignore[arg-type]
    )
    assert couple.partner_named(" ZOE\u0308 ") == couple.partners[0]
    assert couple.partner_named("ŁUKASZ") == couple.partners[1]
    assert couple.partner_named("Zoe") is None
    assert name_key("Zoë") != name_key("Zoe")


# --- colours --------------------------------------------------------------------------


def test_the_default_colours_are_two_different_palette_colours():
    assert clean_colours(*DEFAULT_COLOURS) == DEFAULT_COLOURS


@pytest.mark.parametrize(("a", "b"), list(itertools.permutations([c.key for c in PALETTE], 2)))
def test_any_two_different_palette_colours_are_accepted(a, b):
    assert clean_colours(a, b) == (a, b)


@pytest.mark.parametrize("key", [c.key for c in PALETTE])
def test_the_same_colour_twice_is_refused(key):
    with pytest.raises(ValidationError) as caught:
        clean_colours(key, key)
    assert caught.value.field == "colour_b"
    assert "different colour" in caught.value.message


@pytest.mark.parametrize(
    ("a", "b"), [("pink", "teal"), ("teal", "Teal"), ("", "teal"), ("teal", "#00756c")]
)
def test_colours_outside_the_palette_are_refused(a, b):
    with pytest.raises(ValidationError) as caught:
        clean_colours(a, b)
    assert caught.value.field == "colour"
    assert "Hearth's colours" in caught.value.message


def test_palette_keys_are_unique_and_partners_fall_back_to_a_palette_colour():
    assert len({c.key for c in PALETTE}) == len(PALETTE) >= 2
    assert colour("ocean").label == "Ocean"
    stray = Partner(1, 1, "Zoë", "no-longer-there")
    assert stray.palette_colour in PALETTE


def _luminance(hex_colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Hearth's window and card backgrounds (ui/theme.py), light and dark.
LIGHT_BACKGROUNDS = ("#fbf6f0", "#ffffff", "#f4ebe1")
DARK_BACKGROUNDS = ("#1e1a18", "#2a2421", "#25201d")


@pytest.mark.parametrize("entry", PALETTE, ids=lambda c: c.key)
def test_partner_colours_are_readable_as_text_in_light_and_dark(entry):
    for background in LIGHT_BACKGROUNDS:
        assert _contrast(entry.light, background) >= 4.5, (entry.key, background)
    for background in DARK_BACKGROUNDS:
        assert _contrast(entry.dark, background) >= 4.5, (entry.key, background)


@pytest.mark.parametrize(
    ("name", "length"),
    [("Zoë", 3), ("Zoe\u0308", 3), ("👩\u200d❤\ufe0f\u200d👨", 1), ("👍🏽", 1), ("نور", 3)],
)
def test_length_counts_what_a_person_sees(name, length):
    assert visible_length(name) == length


def test_seven_couple_emoji_fit_in_a_name():
    assert clean_name("👩\u200d❤\ufe0f\u200d👨" * 7) == "👩\u200d❤\ufe0f\u200d👨" * 7
