"""Conflict worksheets, the core: answers kept exactly as typed, pausing within 20 minutes
to a day, agreements and the follow-up review, search, and the gentle hints."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.errors import NotFoundError, ValidationError
from app.domain.worksheets import DEFINITIONS, KINDS, SAFETY_NOTE, gentle_hints, gentle_opening
from tests.helpers import fresh

DB_SETTINGS = settings(max_examples=25, deadline=None,
                       suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def sheet(services, couple):
    worksheet, _ = services.worksheets.start("after_fight", "The dishes, again")
    return worksheet


def test_every_worksheet_has_steps_with_fields_and_the_safety_note_names_help():
    assert [k for k, _ in KINDS] == ["after_fight", "gentle_start", "solve_together"]
    for kind, steps in DEFINITIONS.items():
        assert len(steps) >= 4, kind
        assert all(step.fields for step in steps)
        assert len({step.key for step in steps}) == len(steps)
    assert "afraid" in SAFETY_NOTE and "professional" in SAFETY_NOTE


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("You always leave the dishes.", 1),
        ("you NEVER listen", 1),
        ("I feel that you don't care.", 1),
        ("I feel like you were not there.", 1),
        ("You make me feel small.", 1),
        ("That was a stupid thing to do, you idiot.", 1),
        ("You never help, you lazy so-and-so, I feel that you don't care.", 3),
        ("When the dishes stayed on Sunday, I felt tired and alone.", 0),
        ("I need us to share the evenings.", 0),
        ("The always-on phone bothers me.", 0),
    ],
)
def test_gentle_hints_suggest_without_blocking(text, count):
    assert len(gentle_hints(text)) == count


def test_answers_are_kept_per_step_field_and_partner(services, couple, sheet, db_file):
    zoe, lukasz = couple.partners
    services.worksheets.answer(sheet.id, "feelings", "feelings", zoe.id, ["hurt", "Tired"])
    services.worksheets.answer(sheet.id, "feelings", "words", zoe.id, "Alone, mostly.")
    services.worksheets.answer(sheet.id, "feelings", "words", lukasz.id, "Frustrated.")
    services.worksheets.answer(sheet.id, "feelings", "words", lukasz.id, "Frustrated, tired.")
    with fresh(db_file) as again:
        stored = again.worksheets.get(sheet.id)
    assert stored.answer("feelings", "feelings", zoe.id) == ["hurt", "tired"]
    assert stored.answer("feelings", "words", zoe.id) == "Alone, mostly."
    assert stored.answer("feelings", "words", lukasz.id) == "Frustrated, tired."


@DB_SETTINGS
@given(text=st.text(max_size=2000).filter(lambda t: "\x00" not in t))
def test_any_text_round_trips_exactly(services, couple, sheet, text):
    zoe = couple.partners[0]
    services.worksheets.answer(sheet.id, "views", "my_view", zoe.id, text)
    assert services.worksheets.get(sheet.id).answer("views", "my_view", zoe.id) == text


@pytest.mark.parametrize(
    ("step", "field", "value", "words"),
    [
        ("feelings", "nonsense", "x", "isn't part of this worksheet"),
        ("nowhere", "words", "x", "isn't part of this worksheet"),
        ("feelings", "feelings", ["blamed"], "blamed"),
        ("my_part", "accepted", "maybe", "choose one of the answers"),
        ("feelings", "words", "a\x00b", "hidden character"),
    ],
)
def test_answers_that_cannot_be_right_are_refused(services, couple, sheet, step, field, value,
                                                   words):
    with pytest.raises(ValidationError) as refused:
        services.worksheets.answer(sheet.id, step, field, couple.partners[0].id, value)
    assert words in refused.value.message
    assert services.worksheets.get(sheet.id).answers == {}


def test_starting_needs_a_title_and_a_known_kind(services, couple):
    with pytest.raises(ValidationError):
        services.worksheets.start("after_fight", "   ")
    with pytest.raises(ValidationError):
        services.worksheets.start("shouting_match", "Money")
    assert services.worksheets.worksheets() == []


def test_a_pause_freezes_the_worksheet_between_twenty_minutes_and_a_day(services, couple,
                                                                       sheet):
    zoe = couple.partners[0]
    now = datetime.now(UTC)
    for too_soon in (timedelta(minutes=5), timedelta(minutes=19)):
        with pytest.raises(ValidationError, match="20 minutes"):
            services.worksheets.pause(sheet.id, now + too_soon)
    with pytest.raises(ValidationError, match="within a day"):
        services.worksheets.pause(sheet.id, now + timedelta(hours=25))
    paused, _ = services.worksheets.pause(sheet.id, now + timedelta(minutes=30))
    assert paused.status == "paused"
    assert abs(paused.resume_at - (now + timedelta(minutes=30))) < timedelta(seconds=1)
    assert [w.id for w in services.worksheets.paused()] == [sheet.id]
    with pytest.raises(ValidationError, match="paused"):
        services.worksheets.answer(sheet.id, "feelings", "words", zoe.id, "Still angry")
    services.worksheets.resume(sheet.id)
    services.worksheets.answer(sheet.id, "feelings", "words", zoe.id, "Calmer now")
    resumed = services.worksheets.get(sheet.id)
    assert resumed.status == "open" and resumed.resume_at is None


def test_agreements_follow_up_and_the_review(services, couple, sheet):
    _zoe, lukasz = couple.partners
    first, _ = services.worksheets.add_agreement(sheet.id, "Dishes done before 21:00",
                                                 lukasz.id, date.today() + timedelta(days=7))
    second, _ = services.worksheets.add_agreement(sheet.id, "Ask, don't assume")
    with pytest.raises(ValidationError):
        services.worksheets.add_agreement(sheet.id, "   ")
    with pytest.raises(ValidationError):
        services.worksheets.set_follow_up(sheet.id, date.today() - timedelta(days=3))
    services.worksheets.set_follow_up(sheet.id, date.today())
    assert [w.id for w in services.worksheets.follow_ups_due()] == [sheet.id]

    # It didn't quite work: open again, with a new date to look at it.
    services.worksheets.review(sheet.id, worked=False, note="Better, not there yet",
                               kept={first.id: True, second.id: False},
                               next_follow_up=date.today() + timedelta(days=14))
    again = services.worksheets.get(sheet.id)
    assert again.status == "open" and again.review == "Better, not there yet"
    assert [a.kept for a in again.agreements] == [True, False]
    assert services.worksheets.follow_ups_due() == []

    services.worksheets.review(sheet.id, worked=True)
    done = services.worksheets.get(sheet.id)
    assert done.status == "resolved" and done.resolved_at is not None
    months = services.trends.conflict_months(date.today(), date.today())
    assert months == [(date.today().replace(day=1), 1, 1)]


def test_search_finds_words_in_titles_answers_and_agreements(services, couple, sheet):
    zoe = couple.partners[0]
    other, _ = services.worksheets.start("gentle_start", "Weekend plans")
    services.worksheets.answer(other.id, "observation", "observation", zoe.id,
                               "On Saturday the plans changed at the last minute.")
    services.worksheets.add_agreement(sheet.id, "A rota on the fridge")
    assert [w.id for w in services.worksheets.worksheets(words="saturday")] == [other.id]
    assert [w.id for w in services.worksheets.worksheets(words="FRIDGE")] == [sheet.id]
    assert [w.id for w in services.worksheets.worksheets(words="dishes")] == [sheet.id]
    assert {w.id for w in services.worksheets.worksheets()} == {sheet.id, other.id}


def test_steps_move_within_the_worksheet_only(services, couple, sheet):
    last = len(DEFINITIONS["after_fight"])
    services.worksheets.go_to(sheet.id, last)  # the agreements page
    assert services.worksheets.get(sheet.id).step == last
    with pytest.raises(ValidationError):
        services.worksheets.go_to(sheet.id, last + 1)
    with pytest.raises(NotFoundError):
        services.worksheets.go_to(9999, 0)


def test_solve_together_passes_the_floor_once_the_speaker_feels_heard(services, couple):
    zoe, lukasz = couple.partners
    ids = (zoe.id, lukasz.id)
    sheet, _ = services.worksheets.start("solve_together", "Holidays")
    assert sheet.floor(0, ids) == zoe.id and sheet.floor(1, ids) == lukasz.id
    assert sheet.floor(2, ids) is None  # choosing one part: both together
    services.worksheets.set_first_speaker(sheet.id, lukasz.id)
    sheet = services.worksheets.get(sheet.id)
    assert sheet.floor(0, ids) == lukasz.id and sheet.floor(1, ids) == zoe.id

    with pytest.raises(ValidationError) as waiting:
        services.worksheets.go_to(sheet.id, 1)
    assert "Move on when Łukasz feels heard" in waiting.value.message
    with pytest.raises(ValidationError):  # no jumping past a turn either
        services.worksheets.go_to(sheet.id, 4)
    services.worksheets.answer(sheet.id, "first_speaker", "speaker_words", lukasz.id, "Rest.")
    with pytest.raises(ValidationError) as begun:  # once a turn began, the order stays
        services.worksheets.set_first_speaker(sheet.id, zoe.id)
    assert "already begun" in begun.value.message
    services.worksheets.answer(sheet.id, "first_speaker", "confirmed", lukasz.id, "not_quite")
    with pytest.raises(ValidationError):
        services.worksheets.go_to(sheet.id, 1)
    services.worksheets.answer(sheet.id, "first_speaker", "confirmed", lukasz.id, "yes")
    services.worksheets.go_to(sheet.id, 1)
    with pytest.raises(ValidationError) as second:
        services.worksheets.go_to(sheet.id, 2)
    assert "Move on when Zoë feels heard" in second.value.message
    services.worksheets.answer(sheet.id, "second_speaker", "confirmed", zoe.id, "yes")
    services.worksheets.go_to(sheet.id, 5)
    services.worksheets.go_to(sheet.id, 0)  # going back is always fine
    assert services.worksheets.get(sheet.id).step == 0


def test_the_first_speaker_must_be_one_of_the_couple(services, couple, sheet):
    with pytest.raises(ValidationError):
        services.worksheets.set_first_speaker(sheet.id, 999)
    with pytest.raises(ValidationError):  # "After a fight" has no turns
        services.worksheets.set_first_speaker(sheet.id, couple.partners[0].id)


@pytest.mark.parametrize(
    ("observation", "feelings", "own", "need", "ask", "expected"),
    [
        ("When the dishes were left on Sunday.", ["hurt", "lonely"], "left out",
         "fairness", "take turns",
         "I feel hurt and lonely (left out) about when the dishes were left on Sunday, and I "
         "need fairness. Would you be willing to take turns?"),
        ("Zoë's plans changed", ["worried"], "", "", "",
         "I feel worried about Zoë's plans changed."),  # a name keeps its capital
        ("", [], "", "I need rest", "Would you be willing to cook on Mondays?",
         "I need rest. Would you be willing to cook on Mondays?"),
        ("The late nights", [], "", "", "", "I'd like to talk about the late nights."),
        ("Three dinners on our phones", ["sad"], "", "Time together", "",
         "I feel sad about three dinners on our phones, and I need time together."),
        ("TV at dinner", [], "", "", "", "I'd like to talk about TV at dinner."),
        ("", [], "", "", "", ""),
    ],
)
def test_the_gentle_opening_reads_as_one_sentence(observation, feelings, own, need, ask,
                                                  expected):
    assert gentle_opening(observation, feelings, own, need, ask, ("Zoë", "Łukasz")) == expected


@given(st.text(max_size=60), st.lists(st.sampled_from(["hurt", "lonely", "calm"])),
       st.text(max_size=30), st.text(max_size=60), st.text(max_size=60))
def test_the_gentle_opening_keeps_every_word_given(observation, feelings, own, need, ask):
    built = gentle_opening(observation, feelings, own, need, ask)
    for part in (observation, own, need, ask):
        for word in part.split():
            stripped = word.strip(" .!?")
            if stripped and stripped.casefold() not in ("i", "need", "would", "you", "be",
                                                         "willing", "to"):
                assert stripped.casefold() in built.casefold()
