"""Values as the couple meets them: the starter list and their own additions, each partner's
card-sorts kept over time, where the two line up and differ, and the shared statement.

Where it matters that something was stored, it is read back through a fresh Database, the
way the next start of Hearth would see it.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.domain import changes
from app.domain.errors import NotFoundError, ValidationError
from app.domain.goals import GoalInput
from app.domain.values import SortInput, importance_word, talk_prompt
from app.persistence.database import connect_raw
from app.services.values import STATEMENT_MAX
from tests.helpers import fresh

DB_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

CET = timezone(timedelta(hours=1))
FIRST_SORT = datetime(2025, 11, 20, 20, 30, tzinfo=CET)
SECOND_SORT = datetime(2026, 11, 20, 20, 30, tzinfo=CET)


def ids(couple) -> tuple[int, int]:
    return couple.partners[0].id, couple.partners[1].id


def by_name(services) -> dict[str, int]:
    return {v.name: v.id for v in services.values.values()}


def ratings(services, default: int = 3, **named: int) -> dict[int, int]:
    """A complete sort: every value at ``default`` except the ones named (spaces as _)."""
    found = by_name(services)
    result = {vid: default for vid in found.values()}
    for name, importance in named.items():
        result[found[name.replace("_", " ")]] = importance
    return result


def table_rows(path: Path) -> dict[str, int]:
    """Rows in the values tables, as a separate reader of the file sees them."""
    conn = connect_raw(path, readonly=True)
    try:
        return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for name in ("value", "value_sort", "value_rating", "value_statement")}
    finally:
        conn.close()


def rows(path: Path, table: str) -> int:
    return table_rows(path)[table]


def sort_rows(path: Path) -> tuple[int, int]:
    found = table_rows(path)
    return found["value_sort"], found["value_rating"]


# --- the starter set ---------------------------------------------------------------------------


def test_every_database_starts_with_thirty_one_values_each_described(db_file):
    with fresh(db_file) as services:
        values = services.values.values()
    assert len(values) == 31
    names = [v.name for v in values]
    assert len({unicodedata.normalize("NFC", n).casefold() for n in names}) == 31
    assert {"Honesty", "Trust", "Adventure", "Security", "Faith or meaning", "Nature"} <= set(
        names
    )
    for value in values:
        assert not value.custom
        assert value.name == value.name.strip() and value.name
        description = value.description
        assert description.strip() and "\n" not in description, value.name
        assert len(description) <= 300, value.name
    assert len({v.id for v in values}) == 31


def test_hearths_own_values_stay_on_the_list(services, couple, db_file):
    honesty = by_name(services)["Honesty"]
    with pytest.raises(ValidationError) as caught:
        services.values.remove_value(honesty)
    assert "less so" in caught.value.message
    with fresh(db_file) as again:
        assert "Honesty" in by_name(again)
        assert len(again.values.values()) == 31


def test_removing_a_value_that_is_gone_says_so(services, couple):
    with pytest.raises(NotFoundError):
        services.values.remove_value(9999)


# --- the couple's own values ------------------------------------------------------------------

OWN_VALUES = [
    ("Gemütlichkeit 🏡", "Cosy evenings with candles and tea."),
    ("שלום בית", "Peace at home, even after an argument."),
    ("الصبر", "Patience with each other — صبر جميل."),
    ("👩\u200d❤\ufe0f\u200d👨", ""),
    ("Ubuntu", "I am because we are."),
]


def test_own_values_keep_any_script_and_emoji_and_go_to_the_end(services, couple, db_file):
    added = []
    for name, description in OWN_VALUES:
        value, change = services.values.add_value(name, description)
        assert (value.name, value.description, value.custom) == (name, description, True)
        assert change.ids == {(changes.VALUES, value.id)}
        added.append(value)
    with fresh(db_file) as again:
        values = again.values.values()
    assert len(values) == 31 + len(OWN_VALUES)
    assert values[31:] == tuple(added)
    assert [(v.name, v.description) for v in values[31:]] == OWN_VALUES


def test_an_own_value_is_tidied_like_a_name(services, couple):
    value, _ = services.values.add_value("  Slow   mornings ", "  Coffee in bed.  ")
    assert (value.name, value.description) == ("Slow mornings", "Coffee in bed.")
    composed, _ = services.values.add_value("Zoe\u0308's way")  # a decomposed ë is stored NFC
    assert composed.name == "Zoë's way"


TWINS = [
    "gemütlichkeit",
    "GEMÜTLICHKEIT",
    "Gemu\u0308tlichkeit",  # the same accent, decomposed
    "  Gemütlichkeit  ",
    "honesty",  # one of Hearth's own
    "FAITH  or   meaning",
]


def test_a_value_already_on_the_list_is_refused(services, couple, db_file):
    services.values.add_value("Gemütlichkeit")
    for twin in TWINS:
        with pytest.raises(ValidationError) as caught:
            services.values.add_value(twin, "again")
        assert "already on your list" in caught.value.message, twin
        assert caught.value.field == "name"
    with fresh(db_file) as again:
        assert len(again.values.values()) == 32


def test_a_value_that_only_looks_new_is_refused(services, couple):
    for lookalike in ("Tru\u200bst", "Trust\u00ad", "\u2060Trust"):
        with pytest.raises(ValidationError):
            services.values.add_value(lookalike)


VALUE_REFUSALS = [
    ("", "", "name", "Please write a value name."),
    ("   ", "", "name", "Please write a value name."),
    ("\u200b", "", "name", "Please write a value name."),
    ("x" * 41, "", "name", "40 characters (this one has 41)"),
    ("Slow\nmornings", "", "name", "line breaks"),
    ("Slow\rmornings", "", "name", "line breaks"),
    ("Slow\u2028mornings", "", "name", "line breaks"),
    (None, "", "name", "needs to be text"),
    ("Slow mornings", "Coffee.\nIn bed.", "description", "one line"),
    ("Slow mornings", "x" * 301, "description", "one line"),
    ("Slow mornings", "tea \udcff", "description", "hidden character"),
]


def test_a_value_that_cannot_be_right_is_refused_and_nothing_stored(services, couple,
                                                                    db_file):
    for name, description, field, words in VALUE_REFUSALS:
        with pytest.raises(ValidationError) as caught:
            services.values.add_value(name, description)
        assert (caught.value.field, name) == (field, name)
        assert words in caught.value.message, name
    with fresh(db_file) as again:
        assert len(again.values.values()) == 31


def test_a_description_on_two_lines_is_refused_however_the_line_breaks(services, couple):
    for number, breaker in enumerate(("\r", "\u2028")):
        with pytest.raises(ValidationError):
            services.values.add_value(f"Slow mornings {number}", f"Coffee.{breaker}In bed.")


def test_a_name_of_forty_characters_fits(services, couple):
    value, _ = services.values.add_value("ż" * 40)
    assert value.name == "ż" * 40


def test_removing_an_own_value_takes_its_ratings_and_goal_links(services, couple, db_file):
    zoe, lukasz = ids(couple)
    own, _ = services.values.add_value("Gemütlichkeit")
    calm = by_name(services)["Calm"]
    services.values.save_sorts(
        [SortInput(zoe, ratings(services, Gemütlichkeit=5)),
         SortInput(lukasz, ratings(services, Gemütlichkeit=2))], at=FIRST_SORT,
    )
    change, _ = services.goals.create(GoalInput("Winter evenings", value_ids=(own.id, calm)))

    removed = services.values.remove_value(own.id)
    assert removed.touches(changes.VALUES) and removed.touches(changes.GOALS)

    with fresh(db_file) as again:
        assert own.id not in {v.id for v in again.values.values()}
        (sort,) = again.values.history(zoe)
        assert sort.rating(own.id) is None
        assert len(sort.ratings) == 31
        assert again.goals.get(change.goal_id).value_ids == (calm,)
        alignment = again.values.alignment()
        assert alignment.complete
        assert own.id not in {r.value.id for r in alignment.rows}
        assert len(alignment.rows) == 31
    assert sort_rows(db_file) == (2, 62)


# --- sorting ------------------------------------------------------------------------------------


def test_both_partners_sort_in_one_sitting(services, couple, db_file):
    zoe, lukasz = ids(couple)
    saved, change = services.values.save_sorts(
        [SortInput(zoe, ratings(services, Honesty=5)),
         SortInput(lukasz, ratings(services, 2, Honesty=4))], at=FIRST_SORT,
    )
    assert change.touches(changes.VALUES)
    assert [s.partner_id for s in saved] == [zoe, lukasz]
    assert all(s.sorted_at == FIRST_SORT for s in saved)
    honesty = by_name(services)["Honesty"]
    with fresh(db_file) as again:
        (zoes,) = again.values.history(zoe)
        (lukaszs,) = again.values.history(lukasz)
    assert (zoes, lukaszs) == saved
    assert (zoes.rating(honesty), lukaszs.rating(honesty)) == (5, 4)
    assert {r for _, r in lukaszs.ratings} == {2, 4}
    assert len(zoes.ratings) == 31


def test_a_partner_may_sort_alone(services, couple):
    zoe, lukasz = ids(couple)
    services.values.save_sorts([SortInput(lukasz, ratings(services))], at=FIRST_SORT)
    alignment = services.values.alignment()
    assert alignment.sorted_by == (False, True)
    assert not alignment.complete
    assert all(r.first is None and r.second == 3 for r in alignment.rows)
    assert alignment.shared == () and alignment.differences == ()
    assert services.values.history(zoe) == ()


def test_before_anyone_sorts_nothing_is_rated(services, couple):
    alignment = services.values.alignment()
    assert alignment.sorted_by == (False, False)
    assert len(alignment.rows) == 31
    assert all(r.first is None and r.second is None and r.gap is None for r in alignment.rows)


def test_every_value_needs_a_place_and_the_message_says_which(services, couple, db_file):
    zoe, lukasz = ids(couple)
    found = by_name(services)
    partial = ratings(services)
    for name in ("Loyalty", "Affection", "Routine", "Play"):
        del partial[found[name]]
    with pytest.raises(ValidationError) as caught:
        services.values.save_sorts(
            [SortInput(zoe, ratings(services)), SortInput(lukasz, partial)], at=FIRST_SORT
        )
    message = caught.value.message
    assert message.startswith("Łukasz: 4 values still need a place (")
    assert "Loyalty" in message and "Affection" in message
    assert sort_rows(db_file) == (0, 0)  # Zoë's complete sort was not kept either


def test_one_missing_value_is_named(services, couple):
    zoe, _ = ids(couple)
    own, _ = services.values.add_value("Ubuntu")
    before_own = ratings(services)
    del before_own[own.id]
    with pytest.raises(ValidationError) as caught:
        services.values.save_sorts([SortInput(zoe, before_own)], at=FIRST_SORT)
    assert caught.value.message == "Zoë: 1 value still needs a place (Ubuntu)."


def test_a_rating_outside_one_to_five_is_refused(services, couple, db_file):
    zoe, lukasz = ids(couple)
    for bad in (0, 6, -1, True, False, 3.0, "4", None):
        with pytest.raises(ValidationError) as caught:
            services.values.save_sorts(
                [SortInput(zoe, ratings(services)),
                 SortInput(lukasz, ratings(services, Kindness=bad))], at=FIRST_SORT,
            )
        assert caught.value.message == (
            "Please rate “Kindness” from 1 (less so) to 5 (at my core)."
        ), bad
    assert sort_rows(db_file) == (0, 0)


def _bad_sittings(services, zoe: int, lukasz: int) -> dict[str, list[SortInput]]:
    full = ratings(services)
    return {
        "unknown partner": [SortInput(zoe, full), SortInput(lukasz + zoe + 50, full)],
        "same partner twice": [SortInput(zoe, full), SortInput(zoe, full)],
        "nobody": [],
        "three sorts": [SortInput(zoe, full), SortInput(lukasz, full), SortInput(zoe, full)],
        "a value that isn't there": [SortInput(zoe, {**full, 9999: 3})],
    }


def test_a_sitting_that_cannot_be_right_stores_nothing(services, couple, db_file):
    zoe, lukasz = ids(couple)
    services.values.save_sorts([SortInput(zoe, ratings(services, 4))], at=FIRST_SORT)
    before = services.values.alignment()
    for case, words in [
        ("unknown partner", "isn't part of this couple"),
        ("same partner twice", "once each"),
        ("nobody", "once each"),
        ("three sorts", "once each"),
        ("a value that isn't there", "no longer exist"),
    ]:
        with pytest.raises(ValidationError) as caught:
            services.values.save_sorts(_bad_sittings(services, zoe, lukasz)[case],
                                       at=SECOND_SORT)
        assert words in caught.value.message, case
    assert sort_rows(db_file) == (1, 31)
    with fresh(db_file) as again:
        assert again.values.alignment() == before


def test_sorting_before_setup_is_refused(services, db_file):
    with pytest.raises(NotFoundError) as caught:
        services.values.save_sorts([SortInput(1, ratings(services))], at=FIRST_SORT)
    assert "names" in caught.value.message
    assert sort_rows(db_file) == (0, 0)


# --- sorting again, and what the two sorts show -----------------------------------------------


@pytest.fixture
def sorted_twice(services, couple):
    """Both sorted a year ago; a year later Zoë sorted again, Łukasz did not."""
    zoe, lukasz = ids(couple)
    services.values.save_sorts(
        [SortInput(zoe, ratings(services, Honesty=5, Trust=5, Kindness=4, Family=4,
                                Adventure=5, Security=1, Routine=2, Calm=3, Play=4, Humour=5,
                                Health=2)),
         SortInput(lukasz, ratings(services, Honesty=5, Trust=4, Kindness=4, Family=5,
                                   Adventure=1, Security=4, Routine=4, Calm=4, Play=3,
                                   Humour=3))],
        at=FIRST_SORT,
    )
    services.values.save_sorts(
        [SortInput(zoe, ratings(services, Honesty=5, Trust=5, Kindness=4, Family=4,
                                Adventure=3, Security=1, Routine=2, Calm=5, Play=4, Humour=5,
                                Health=3))],
        at=SECOND_SORT,
    )
    return zoe, lukasz


def names_of(rows_) -> list[str]:
    return [r.value.name for r in rows_]


def test_sorting_again_keeps_the_earlier_sort_newest_first(services, sorted_twice, db_file):
    zoe, lukasz = sorted_twice
    adventure = by_name(services)["Adventure"]
    with fresh(db_file) as again:
        zoes = again.values.history(zoe)
        lukaszs = again.values.history(lukasz)
    assert [s.sorted_at for s in zoes] == [SECOND_SORT, FIRST_SORT]
    assert [s.rating(adventure) for s in zoes] == [3, 5]
    assert [s.sorted_at for s in lukaszs] == [FIRST_SORT]


def test_an_earlier_sort_saved_later_does_not_replace_the_latest(services, sorted_twice):
    zoe, _ = sorted_twice
    services.values.save_sorts(
        [SortInput(zoe, ratings(services, 1))], at=FIRST_SORT - timedelta(days=30)
    )
    assert [s.sorted_at for s in services.values.history(zoe)] == [
        SECOND_SORT, FIRST_SORT, FIRST_SORT - timedelta(days=30)
    ]
    adventure = by_name(services)["Adventure"]
    row = next(r for r in services.values.alignment().rows if r.value.id == adventure)
    assert row.first == 3


def test_alignment_uses_each_partners_latest_sort(services, sorted_twice):
    alignment = services.values.alignment()
    assert alignment.sorted_by == (True, True) and alignment.complete
    row = {r.value.name: (r.first, r.second) for r in alignment.rows}
    assert row["Adventure"] == (3, 1)
    assert row["Calm"] == (5, 4)
    assert row["Honesty"] == (5, 5)
    assert names_of(alignment.rows) == [v.name for v in services.values.values()]


def test_shared_values_are_the_ones_both_hold_high_most_shared_first(services, sorted_twice):
    shared = services.values.alignment().shared
    names = names_of(shared)
    assert names[0] == "Honesty"  # 5 + 5
    assert set(names[1:4]) == {"Trust", "Family", "Calm"}  # 5 + 4 each
    assert names[4:] == ["Kindness"]  # 4 + 4
    totals = [r.first + r.second for r in shared]
    assert totals == sorted(totals, reverse=True)
    assert all(min(r.first, r.second) >= 4 for r in shared)
    assert "Play" not in names and "Humour" not in names  # one of the two holds it at 3


def test_differences_are_gaps_of_two_or_more_biggest_first(services, sorted_twice):
    differences = services.values.alignment().differences
    assert names_of(differences)[0] == "Security"  # 1 and 4
    assert {r.value.name: r.gap for r in differences} == {
        "Security": 3, "Adventure": 2, "Routine": 2, "Humour": 2,
    }
    gaps = [r.gap for r in differences]
    assert gaps == sorted(gaps, reverse=True)


def test_movements_show_how_a_partner_moved_since_the_sort_before(services, sorted_twice):
    zoe, _ = sorted_twice
    movements = services.values.alignment().movements
    assert {(m.value.name, m.partner_id, m.before, m.after) for m in movements} == {
        ("Adventure", zoe, 5, 3), ("Calm", zoe, 3, 5), ("Health", zoe, 2, 3),
    }
    assert names_of(movements)[-1] == "Health"  # the smallest move last


def test_no_movements_after_a_single_sort(services, couple):
    zoe, lukasz = ids(couple)
    services.values.save_sorts(
        [SortInput(zoe, ratings(services, 5)), SortInput(lukasz, ratings(services, 1))],
        at=FIRST_SORT,
    )
    alignment = services.values.alignment()
    assert alignment.movements == ()
    assert alignment.shared == ()
    assert len(alignment.differences) == 31 and {r.gap for r in alignment.differences} == {4}


def test_a_difference_is_an_invitation_to_talk_never_a_verdict(services, sorted_twice):
    security = services.values.alignment().differences[0]
    prompt = talk_prompt(security)
    assert prompt.startswith("What does security mean to each of you")
    assert "%" not in prompt and "score" not in prompt.lower()
    assert not any(ch.isdigit() for ch in prompt)
    assert importance_word(None) == "not rated"
    assert [importance_word(i) for i in range(1, 6)] == [
        "less so", "somewhat", "important", "very important", "at my core"
    ]


# --- what we stand for ----------------------------------------------------------------------


def test_no_statement_until_one_is_written(services, couple):
    assert services.values.statement() is None


def test_every_new_version_of_the_statement_is_kept(services, couple, db_file):
    save = services.values.save_statement
    first, change = save("We tell each other the truth.")
    assert change.touches(changes.VALUES)
    assert first is not None and first.text == "We tell each other the truth."
    save("We tell each other the truth, gently.")
    _, unchanged = save("  We tell each other the truth, gently.\n")  # the same, once tidied
    assert not unchanged
    save("We tell each other the truth.")  # going back is a new version too
    assert rows(db_file, "value_statement") == 3
    with fresh(db_file) as again:
        current = again.values.statement()
    assert current is not None and current.text == "We tell each other the truth."


def test_an_emptied_statement_means_none_and_the_old_one_is_kept(services, couple, db_file):
    services.values.save_statement("Family first.")
    emptied, _ = services.values.save_statement("   \n ")
    assert emptied is None
    with fresh(db_file) as again:
        assert again.values.statement() is None
    assert rows(db_file, "value_statement") == 2


def test_a_statement_over_two_thousand_characters_is_refused(services, couple, db_file):
    services.values.save_statement("Family first.")
    with pytest.raises(ValidationError) as caught:
        services.values.save_statement("ż" * (STATEMENT_MAX + 1))
    assert "2,000 characters" in caught.value.message
    assert rows(db_file, "value_statement") == 1
    at_limit = "ż" * STATEMENT_MAX
    saved, _ = services.values.save_statement(f"\n  {at_limit}  \n")
    assert saved is not None and saved.text == at_limit


def test_a_statement_that_cannot_be_kept_is_refused(services, couple, db_file):
    for text in ("a\x00b", "tea \udcff", 42):
        with pytest.raises(ValidationError):
            services.values.save_statement(text)
    assert rows(db_file, "value_statement") == 0


STATEMENTS = [
    "We choose each other, every day 🧡",
    "👩\u200d❤\ufe0f\u200d👨 🏳\ufe0f\u200d🌈 👨🏽\u200d🍳",
    "אנחנו בוחרים זה בזה כל יום",
    "\u200fנאמנות, כנות ושמחה\u200e — and tea",
    "نختار بعضنا كل يوم",
    "Zoe\u0308 and a\u0301\u0323 — combining marks kept as written",
    "line one\nline two\r\n\ttabbed",
]
statements = st.one_of(
    st.sampled_from(STATEMENTS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=300),
)


@given(text=statements)
@DB_SETTINGS
@example(text="  " + STATEMENTS[3] + "\n\n")
@example(text="")
def test_any_statement_is_kept_exactly_once_tidied(services, couple, db_file, text):
    saved, _ = services.values.save_statement(text)
    expected = text.strip()
    with fresh(db_file) as again:
        current = again.values.statement()
    if expected:
        assert saved is not None and saved.text == expected
        assert current is not None and current.text == expected
    else:
        assert saved is None and current is None
