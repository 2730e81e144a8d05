"""Conversation prompts: drawn one at a time, never repeated before the deck is through;
favourites, "talked about", and the couple's own decks."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import NotFoundError, ValidationError
from app.domain.prompts import (
    DEPTHS,
    FAVOURITES,
    Marks,
    Prompt,
    draw,
    hearth_decks,
    tonight,
)


def test_hearth_ships_eight_decks_of_at_least_three_hundred_prompts(services):
    decks = services.prompts.decks()
    assert [d.title for d in decks] == [
        "Getting to know you now", "Memories", "Dreams and the future", "Appreciation",
        "Fun", "Values", "Intimacy and closeness", "Hard but important"]
    assert sum(len(d.prompts) for d in decks) >= 300
    assert {p.depth for d in decks for p in d.prompts} == set(DEPTHS)


def test_a_deck_is_gone_through_before_any_prompt_comes_back(services):
    services.prompts.rng = random.Random(7)
    deck = hearth_decks()[4]  # Fun
    seen = []
    after = None
    for _ in range(len(deck.prompts)):
        prompt, _change = services.prompts.next(deck.key, after=after)
        seen.append(prompt.key)
        after = prompt.key
    assert sorted(seen) == sorted(p.key for p in deck.prompts)  # each once, none repeated
    again, _ = services.prompts.next(deck.key, after=after)
    assert again.key != after  # a new round, but not the one just seen
    # the new round started over: the rest of it holds every other prompt once more
    second = [again.key]
    for _ in range(len(deck.prompts) - 2):
        prompt, _ = services.prompts.next(deck.key, after=second[-1])
        second.append(prompt.key)
    assert len(set(second)) == len(second)


@settings(max_examples=60, deadline=None)
@given(size=st.integers(1, 12), draws=st.integers(1, 40), seed=st.integers(0, 10_000))
def test_the_rotation_never_repeats_within_a_round(size, draws, seed):
    """Pure rule: within each run of len(pool) draws, no prompt is drawn twice."""
    pool = [Prompt(f"k{i}", "d", "light", f"Prompt {i}?") for i in range(size)]
    marks: dict[str, Marks] = {}
    rng = random.Random(seed)
    rounds: list[list[str]] = [[]]
    after = None
    for _ in range(draws):
        result = draw(pool, marks, rng, avoid=after)
        if result.new_round:
            for key in result.new_round:
                marks[key] = Marks(marks.get(key, Marks()).favourite, False, False)
            rounds.append([])
        marks[result.prompt.key] = Marks(shown=True)
        rounds[-1].append(result.prompt.key)
        assert size == 1 or result.prompt.key != after
        after = result.prompt.key
    for one in rounds:
        assert len(one) == len(set(one))
    for one in rounds[:-1]:
        assert len(one) == size  # a round ends only when every prompt has been shown


def test_depths_narrow_the_draw(services):
    for _ in range(20):
        prompt, _ = services.prompts.next("hard", depths=["light"])
        assert prompt.depth == "light" and prompt.deck == "hard"
    with pytest.raises(ValidationError, match="at least one depth"):
        services.prompts.next("hard", depths=[])


def test_favourites_and_talked_about_are_kept(services):
    prompt, _ = services.prompts.next("memories")
    services.prompts.set_favourite(prompt.key, True)
    services.prompts.talked_about(prompt.key)
    marks = services.prompts.marks()[prompt.key]
    assert marks.favourite and marks.talked and marks.shown
    drawn, _ = services.prompts.next(FAVOURITES)
    assert drawn.key == prompt.key  # the only favourite
    services.prompts.set_favourite(prompt.key, False)
    assert services.prompts.next(FAVOURITES)[0] is None
    with pytest.raises(NotFoundError):
        services.prompts.set_favourite("no-such-prompt", True)


def test_your_own_deck_joins_the_rotation_and_leaves_cleanly(services):
    deck, _ = services.prompts.add_deck("Our road trips", "For the car")
    prompt, _ = services.prompts.add_prompt(deck.own_id, "  Which town   should we revisit? ",
                                            "light")
    assert prompt.text == "Which town should we revisit?"
    assert services.prompts.next(deck.key)[0] == prompt
    assert [d.title for d in services.prompts.decks()][-1] == "Our road trips"
    assert any(p.key == prompt.key for p in services.prompts.prompts())
    services.prompts.set_favourite(prompt.key, True)
    services.prompts.delete_deck(deck.own_id)
    assert prompt.key not in services.prompts.marks()
    assert "Our road trips" not in [d.title for d in services.prompts.decks()]


@pytest.mark.parametrize(("title", "message"), [
    ("", "Please write a name for the deck."),
    ("Fun", "already have a deck with that name"),
    ("Line\nbreak", "line breaks"),
])
def test_a_deck_needs_a_fresh_one_line_name(services, title, message):
    with pytest.raises(ValidationError, match=message):
        services.prompts.add_deck(title)
    assert not any(d.own for d in services.prompts.decks())


def test_a_prompt_needs_words_and_a_depth(services):
    deck, _ = services.prompts.add_deck("Ours")
    with pytest.raises(ValidationError, match="how deep"):
        services.prompts.add_prompt(deck.own_id, "What now?", "bottomless")
    with pytest.raises(ValidationError, match="Please write a prompt"):
        services.prompts.add_prompt(deck.own_id, "   ", "light")
    with pytest.raises(NotFoundError):
        services.prompts.add_prompt(9999, "What now?", "light")
    assert services.prompts.prompts(deck.key) == []


def test_an_unknown_deck_is_a_plain_message(services):
    with pytest.raises(ValidationError, match="no longer exists"):
        services.prompts.next("own-999")
    with pytest.raises(NotFoundError, match="no deck called"):
        services.prompts.prompts("nope")


def test_tonight_is_the_same_all_day_gentle_and_fresh():
    pool = [p for d in hearth_decks() for p in d.prompts]
    day = date(2026, 11, 23)
    first = tonight(pool, {}, day)
    assert first == tonight(pool, {}, day) and first.depth != "vulnerable"
    marks = {first.key: Marks(talked=True)}
    assert tonight(pool, marks, day) != first  # talked about: another one
    assert tonight([], {}, day) is None
