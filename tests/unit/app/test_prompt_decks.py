"""Hearth's built-in conversation decks: the shape the app relies on, and the house style.

Keys are stable (favourites and "talked about" marks point at them), so their form is
checked here; so are the depths, the length and ending of every prompt, and the words
Hearth never uses about a couple.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from app.domain.prompt_decks import DECKS, DEEPER, LIGHT, VULNERABLE

EXPECTED_DECKS = [
    ("know", "Getting to know you now"),
    ("memories", "Memories"),
    ("dreams", "Dreams and the future"),
    ("appreciation", "Appreciation"),
    ("fun", "Fun"),
    ("values", "Values"),
    ("closeness", "Intimacy and closeness"),
    ("hard", "Hard but important"),
]
DEPTHS = {LIGHT, DEEPER, VULNERABLE}
BANNED = re.compile(r"\b(husband|wife|boyfriend|girlfriend|he|she|his|her)\b", re.IGNORECASE)

ALL_PROMPTS = [(deck[0], *prompt) for deck in DECKS for prompt in deck[3]]


def normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_eight_decks_with_their_keys_and_titles_in_order() -> None:
    assert [(key, title) for key, title, _desc, _prompts in DECKS] == EXPECTED_DECKS


def test_every_deck_has_a_one_line_description() -> None:
    for key, _title, desc, _prompts in DECKS:
        assert desc.strip() and "\n" not in desc, key


def test_forty_prompts_per_deck_and_at_least_three_hundred_in_all() -> None:
    for key, _title, _desc, prompts in DECKS:
        assert len(prompts) == 40, key
    assert len(ALL_PROMPTS) >= 300


def test_depth_values() -> None:
    assert (LIGHT, DEEPER, VULNERABLE) == ("light", "deeper", "vulnerable")


def test_keys_are_unique_and_numbered_within_their_deck() -> None:
    keys = [key for _deck, key, _depth, _text in ALL_PROMPTS]
    assert len(keys) == len(set(keys))
    for deck, key, _depth, _text in ALL_PROMPTS:
        assert re.fullmatch(rf"{re.escape(deck)}-\d{{3}}", key), key
    for deck_key, _title, _desc, prompts in DECKS:
        numbers = [int(key.rsplit("-", 1)[1]) for key, _depth, _text in prompts]
        assert numbers == list(range(1, len(prompts) + 1)), deck_key


def test_every_depth_is_one_of_the_three() -> None:
    for _deck, key, depth, _text in ALL_PROMPTS:
        assert depth in DEPTHS, key


@pytest.mark.parametrize("deck_key", [key for key, _title in EXPECTED_DECKS])
def test_each_deck_offers_every_depth(deck_key: str) -> None:
    prompts = next(deck[3] for deck in DECKS if deck[0] == deck_key)
    counts = Counter(depth for _key, depth, _text in prompts)
    if deck_key == "fun":
        assert counts[LIGHT] >= 3 and counts[DEEPER] >= 3
        assert 1 <= counts[VULNERABLE] <= 2
        assert counts[LIGHT] > counts[DEEPER] + counts[VULNERABLE]
    elif deck_key == "hard":
        assert all(counts[depth] >= 3 for depth in DEPTHS), counts
        assert counts[DEEPER] + counts[VULNERABLE] > 3 * counts[LIGHT]
    else:
        assert all(counts[depth] >= 3 for depth in DEPTHS), counts


def test_texts_are_unique_ignoring_case_and_spacing() -> None:
    texts = Counter(normalised(text) for _deck, _key, _depth, text in ALL_PROMPTS)
    assert [text for text, n in texts.items() if n > 1] == []


def test_every_text_is_short_and_ends_properly() -> None:
    for _deck, key, _depth, text in ALL_PROMPTS:
        assert text.strip() == text and text, key
        assert len(text) <= 160, key
        assert text[-1] in "?.!", key
        assert "  " not in text and "\n" not in text, key


def test_apostrophes_match_the_ui() -> None:
    # Hearth's UI text uses straight apostrophes; the decks do the same.
    for _deck, key, _depth, text in ALL_PROMPTS:
        assert "’" not in text and "‘" not in text, key


def test_no_gendered_words() -> None:
    for _deck, key, _depth, text in ALL_PROMPTS:
        assert not BANNED.search(text), (key, text)


@pytest.mark.parametrize(
    "text", ["Ask your husband.", "HER turn", "his", "Wife?", "a girlfriend", "she said"]
)
def test_the_gendered_word_check_catches_what_it_should(text: str) -> None:
    assert BANNED.search(text)


@pytest.mark.parametrize("text", ["together", "the other", "share", "hearth", "where", "this"])
def test_the_gendered_word_check_matches_whole_words_only(text: str) -> None:
    assert not BANNED.search(text)
