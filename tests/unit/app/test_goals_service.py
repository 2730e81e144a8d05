"""Shared goals as the couple plans them: made, changed, moved along the board, completed
(a win to remember), let go and deleted — and every one of those undone and redone exactly.

Where it matters that something was stored, it is read back through a fresh Database, the
way the next start of Hearth would see it.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.domain import changes
from app.domain.errors import NotFoundError, ValidationError
from app.domain.goals import (
    STATUS_NAMES,
    TRANSITIONS,
    GoalChange,
    GoalInput,
    GoalSnapshot,
    MilestoneInput,
    progress,
)
from app.persistence.database import connect_raw
from app.services import Services
from tests.helpers import fresh

DB_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

MADE = date(2026, 3, 2)  # the day the goals in these tests are made
LATER = date(2026, 5, 14)
STATUSES = tuple(STATUS_NAMES)
GOAL_TABLES = ("goal", "milestone", "goal_value", "win")


def ids(couple) -> tuple[int, int]:
    return couple.partners[0].id, couple.partners[1].id


def value_id(services: Services, name: str) -> int:
    return next(v.id for v in services.values.values() if v.name == name)


def goal_rows(path: Path) -> dict[str, int]:
    """Rows in the goal tables, as a separate reader of the file sees them."""
    conn = connect_raw(path, readonly=True)
    try:
        return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for name in GOAL_TABLES}
    finally:
        conn.close()


def state(services: Services, goal_id: int) -> GoalSnapshot | None:
    """The goal as it is stored now, with its wins; None when it is gone."""
    try:
        return services.goals.snapshot(goal_id)
    except NotFoundError:
        return None


def make(services: Services, title: str = "Save a three-month cushion", *,
         status: str = "idea", today: date = MADE, **more) -> GoalSnapshot:
    change, _ = services.goals.create(GoalInput(title, **more), status=status, today=today)
    assert change.after is not None
    return change.after


def milestones(*texts: str) -> tuple[MilestoneInput, ...]:
    return tuple(MilestoneInput(t) for t in texts)


# --- making and changing a goal ------------------------------------------------------------


def test_a_goal_is_kept_with_everything_it_was_given(services, couple, db_file):
    zoe, _ = ids(couple)
    security, freedom = value_id(services, "Security"), value_id(services, "Financial freedom")
    change, bus = services.goals.create(
        GoalInput(
            "Save a three-month cushion", why="So a bad month never becomes a crisis.",
            category="money", horizon="year", target_date=date(2027, 1, 31), owner_id=zoe,
            value_ids=(security, freedom),
            milestones=(MilestoneInput("Open an account", MADE), MilestoneInput("One month")),
            next_review=date(2026, 4, 1),
        ),
        status="active", today=MADE,
    )
    assert change.before is None and change.win is None
    assert bus.ids == {(changes.GOALS, change.goal_id)}
    goal = change.after.goal
    assert (goal.title, goal.why, goal.category, goal.horizon) == (
        "Save a three-month cushion", "So a bad month never becomes a crisis.", "money", "year"
    )
    assert (goal.target_date, goal.owner_id, goal.status) == (date(2027, 1, 31), zoe, "active")
    assert goal.value_ids == (security, freedom)
    assert [(m.text, m.done_on) for m in goal.milestones] == [
        ("Open an account", MADE), ("One month", None)
    ]
    assert (goal.created_on, goal.next_review, goal.completed_on) == (
        MADE, date(2026, 4, 1), None
    )
    assert goal.progress == 50
    with fresh(db_file) as again:
        assert again.goals.get(goal.id) == goal
        assert again.goals.goals() == (goal,)


def test_a_shared_goal_has_no_owner_and_a_new_goal_is_an_idea(services, couple):
    goal = services.goals.create(GoalInput("Walk the Camino"), today=MADE)[0].after.goal
    assert goal.owner_id is None
    assert goal.status == "idea"
    assert goal.progress == 0


def test_a_goal_is_made_on_its_local_day_and_may_target_that_very_day(services, couple):
    goal = make(services, target_date=MADE).goal
    assert goal.created_on == MADE and goal.target_date == MADE


def test_a_goal_changes_and_keeps_when_it_was_made(services, couple, db_file):
    zoe, lukasz = ids(couple)
    original = make(services, owner_id=zoe, milestones=milestones("Open an account"),
                    value_ids=(value_id(services, "Security"),)).goal
    data = replace(
        original.as_input(), title="Save a six-month cushion", why="Peace of mind 🧘",
        owner_id=lukasz, value_ids=(value_id(services, "Calm"),), target_date=LATER,
        milestones=(*original.as_input().milestones, MilestoneInput("Six months")),
    )
    change, bus = services.goals.update(original.id, data)
    assert change.before.goal == original
    assert bus.ids == {(changes.GOALS, original.id)}
    with fresh(db_file) as again:
        found = again.goals.get(original.id)
    assert found == change.after.goal
    assert (found.title, found.why, found.owner_id, found.target_date) == (
        "Save a six-month cushion", "Peace of mind 🧘", lukasz, LATER
    )
    assert found.value_ids == (value_id(services, "Calm"),)
    assert [m.text for m in found.milestones] == ["Open an account", "Six months"]
    assert found.milestones[0].id == original.milestones[0].id
    assert (found.created_on, found.created_at, found.position, found.status) == (
        original.created_on, original.created_at, original.position, original.status
    )


def test_reordering_milestones_keeps_each_one_and_its_id(services, couple, db_file):
    goal = make(services, milestones=(MilestoneInput("Buy the wood", MADE),
                                      MilestoneInput("Build it"), MilestoneInput("Oil it"))).goal
    first, second, third = goal.as_input().milestones
    services.goals.update(goal.id, replace(goal.as_input(), milestones=(third, first, second)))
    with fresh(db_file) as again:
        reordered = again.goals.get(goal.id).milestones
    assert reordered == (goal.milestones[2], goal.milestones[0], goal.milestones[1])


def test_removing_a_milestone_removes_only_that_one(services, couple, db_file):
    goal = make(services, milestones=milestones("a", "b", "c")).goal
    a, _, c = goal.as_input().milestones
    services.goals.update(goal.id, replace(goal.as_input(), milestones=(a, c)))
    assert services.goals.get(goal.id).milestones == (goal.milestones[0], goal.milestones[2])
    assert goal_rows(db_file)["milestone"] == 2


def test_the_same_value_linked_twice_counts_once(services, couple):
    calm = value_id(services, "Calm")
    assert make(services, value_ids=(calm, calm)).goal.value_ids == (calm,)


SAMPLE_TITLES = [
    "Walk the Camino together 🥾",
    "👩\u200d❤\ufe0f\u200d👨 Our tenth anniversary",
    "ללמוד לבשל יחד",
    "\u200fשנה בחו״ל\u200e",
    "رحلة إلى البحر",
    "Zoë's 10 km 🏃🏽\u200d♀\ufe0f",
    "A" * 120,
]
# NFC turns one code point into at most three, so four words stay within the 120 a title
# may have: any such title is kept exactly as written.
word = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")),
    min_size=1, max_size=9,
).map(lambda w: unicodedata.normalize("NFC", w))
titles = st.one_of(
    st.sampled_from(SAMPLE_TITLES),
    st.lists(word, min_size=1, max_size=4).map(" ".join).filter(
        lambda t: any(unicodedata.category(ch) not in ("Cf", "Mn", "Me") for ch in t)
    ),
)
SAMPLE_WHYS = [
    "So a bad month never becomes a crisis 💶",
    "שקט בערב, بيت هادئ",
    "Zoe\u0308 wants to feel strong again — a\u0301\u0323",
    "line one\nline two\r\n\ttabbed   ",
    "  spaces kept  ",
    "",
]
whys = st.one_of(
    st.sampled_from(SAMPLE_WHYS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=300),
)
BIG_WHY = ("Zoë 🧡 שלום مرحبا a\u0301\u0323 👩\u200d❤\ufe0f\u200d👨\n" * 2000)[:50_000]


@given(title=titles, why=whys, new_title=titles, new_why=whys)
@DB_SETTINGS
@example(title=SAMPLE_TITLES[1], why=BIG_WHY, new_title=SAMPLE_TITLES[3], new_why=BIG_WHY[::-1])
def test_any_title_and_why_are_kept_exactly(services, couple, title, why, new_title,
                                           new_why):
    goal = make(services, title, why=why).goal
    assert (goal.title, goal.why) == (title, why)
    assert services.goals.get(goal.id) == goal
    change, _ = services.goals.update(goal.id, replace(goal.as_input(), title=new_title,
                                                       why=new_why))
    found = services.goals.get(goal.id)
    assert (found.title, found.why) == (new_title, new_why)
    assert found == change.after.goal


def test_fifty_thousand_characters_of_why_survive_reopening(services, couple, db_file):
    assert len(BIG_WHY) == 50_000
    goal = make(services, why=BIG_WHY).goal
    with fresh(db_file) as again:
        assert again.goals.get(goal.id).why == BIG_WHY


def test_a_title_is_tidied_like_a_name(services, couple):
    assert make(services, "  Walk   the  Camino ").goal.title == "Walk the Camino"
    assert make(services, "Zoe\u0308's race").goal.title == "Zoë's race"


# --- refusals ----------------------------------------------------------------------------------


def _refusals(zoe: int, lukasz: int) -> dict[str, tuple[GoalInput, str, str]]:
    """name → (the goal as given, the field refused, words in the message)."""
    return {
        "empty title": (GoalInput("   "), "title", "Please write a title."),
        "title with a line break": (GoalInput("Save\nmoney"), "title", "line breaks"),
        "title too long": (GoalInput("x" * 121), "title", "120 characters (this one has 121)"),
        "target before it was made": (
            GoalInput("x", target_date=MADE - timedelta(days=1)), "target_date",
            "The target date can't be before the goal was made (2 March 2026).",
        ),
        "empty milestone": (
            GoalInput("x", milestones=milestones("Book the train", "  ", "Go!")),
            "milestones", "Milestone 2 is empty",
        ),
        "milestone with a line break": (
            GoalInput("x", milestones=milestones("Book\nthe train")), "milestones",
            "milestone 1 to one short line",
        ),
        "progress above 100": (GoalInput("x", manual_progress=101), "manual_progress",
                               "from 0 to 100"),
        "progress below 0": (GoalInput("x", manual_progress=-1), "manual_progress",
                             "from 0 to 100"),
        "progress as a bool": (GoalInput("x", manual_progress=True), "manual_progress",
                               "from 0 to 100"),
        "progress as text": (GoalInput("x", manual_progress="50"), "manual_progress",
                             "from 0 to 100"),
        "unknown owner": (GoalInput("x", owner_id=zoe + lukasz + 50), "owner",
                          "Please choose who this goal belongs to."),
        "unknown value": (GoalInput("x", value_ids=(9999,)), "values",
                          "One of the linked values no longer exists."),
        "unknown category": (GoalInput("x", category="chores"), "category",
                             "Please choose a category."),
        "unknown horizon": (GoalInput("x", horizon="decade"), "horizon", "someday"),
        "NUL in why": (GoalInput("x", why="a\x00b"), "why", "hidden character"),
    }


def test_a_refused_goal_is_not_stored(services, couple, db_file):
    for case, (data, field, words) in _refusals(*ids(couple)).items():
        with pytest.raises(ValidationError) as caught:
            services.goals.create(data, today=MADE)
        assert (caught.value.field, case) == (field, case)
        assert words in caught.value.message, case
    assert services.goals.goals() == ()
    assert goal_rows(db_file) == dict.fromkeys(GOAL_TABLES, 0)


def test_a_refused_change_leaves_the_goal_as_it_was(services, couple, db_file):
    goal = make(services, milestones=milestones("Book the train"),
                value_ids=(value_id(services, "Family"),)).goal
    for case, (data, field, words) in _refusals(*ids(couple)).items():
        with pytest.raises(ValidationError) as caught:
            services.goals.update(goal.id, data)
        assert (caught.value.field, case) == (field, case)
        assert words in caught.value.message, case
    with fresh(db_file) as again:
        assert again.goals.goals() == (goal,)
    assert goal_rows(db_file) == {"goal": 1, "milestone": 1, "goal_value": 1, "win": 0}


def test_a_milestone_on_two_lines_is_refused_however_the_line_breaks(services, couple):
    for breaker in ("\r", "\u2028"):
        with pytest.raises(ValidationError):
            services.goals.create(
                GoalInput("x", milestones=milestones(f"Book{breaker}the train")), today=MADE
            )


def test_a_new_goal_starts_as_an_idea_or_in_work(services, couple, db_file):
    for status in ("done", "let_go", "someday"):
        with pytest.raises(ValidationError) as caught:
            services.goals.create(GoalInput("Walk the Camino"), status=status, today=MADE)
        assert "idea" in caught.value.message
    assert goal_rows(db_file)["goal"] == 0


def test_a_goal_before_setup_is_refused(services, db_file):
    with pytest.raises(NotFoundError) as caught:
        services.goals.create(GoalInput("Walk the Camino"), today=MADE)
    assert "names" in caught.value.message
    assert goal_rows(db_file)["goal"] == 0


def test_a_goal_that_is_gone_says_so(services, couple):
    goal = make(services, milestones=milestones("a")).goal
    with pytest.raises(NotFoundError):
        services.goals.set_milestone_done(goal.id, 9999, True)
    for action in (lambda: services.goals.get(404), lambda: services.goals.snapshot(404),
                   lambda: services.goals.update(404, GoalInput("x")),
                   lambda: services.goals.set_status(404, "active"),
                   lambda: services.goals.set_milestone_done(404, 1, True),
                   lambda: services.goals.delete(404)):
        with pytest.raises(NotFoundError):
            action()


# --- progress ----------------------------------------------------------------------------------


def test_progress_is_the_share_of_milestones_done_rounded(services, couple):
    for done, total, expected in [(0, 3, 0), (1, 3, 33), (2, 3, 67), (3, 3, 100), (1, 2, 50),
                                  (1, 7, 14), (99, 100, 99), (1, 100, 1)]:
        steps = tuple(MilestoneInput(f"step {i + 1}", MADE if i < done else None)
                      for i in range(total))
        goal = make(services, milestones=steps, status="active").goal
        assert goal.progress == expected, (done, total)
        assert services.goals.get(goal.id).progress == expected


def test_a_percentage_set_by_hand_counts_only_without_milestones(services, couple, db_file):
    by_hand = make(services, manual_progress=40, status="active").goal
    assert (by_hand.progress, by_hand.manual_progress) == (40, 40)
    with_steps = make(services, manual_progress=40, status="active",
                      milestones=(MilestoneInput("a", MADE), MilestoneInput("b"),
                                  MilestoneInput("c"), MilestoneInput("d"))).goal
    assert with_steps.manual_progress is None  # the hand-set figure is dropped
    assert with_steps.progress == 25
    # taking the milestones away leaves it at nothing until a figure is set again
    services.goals.update(with_steps.id, replace(with_steps.as_input(), milestones=()))
    assert services.goals.get(with_steps.id).progress == 0
    services.goals.update(with_steps.id, replace(with_steps.as_input(), milestones=(),
                                                 manual_progress=0))
    assert services.goals.get(with_steps.id).progress == 0
    services.goals.update(with_steps.id, replace(with_steps.as_input(), milestones=(),
                                                 manual_progress=100))
    with fresh(db_file) as again:
        assert again.goals.get(with_steps.id).progress == 100


def test_a_done_goal_is_a_hundred_percent_whatever_is_left(services, couple):
    goal = make(services, status="active",
                milestones=(MilestoneInput("a", MADE), MilestoneInput("b"))).goal
    assert goal.progress == 50
    services.goals.set_status(goal.id, "done", today=LATER)
    assert services.goals.get(goal.id).progress == 100
    services.goals.set_status(goal.id, "active", today=LATER)
    assert services.goals.get(goal.id).progress == 50
    assert progress((), None, "done") == 100
    assert progress((), 30, "let_go") == 30


# --- moving along the board --------------------------------------------------------------------


def goal_in(services: Services, status: str) -> GoalSnapshot:
    """A goal brought to ``status`` the way the couple would."""
    if status == "idea":
        return make(services)
    snapshot = make(services, status="active")
    if status == "active":
        return snapshot
    change, _ = services.goals.set_status(snapshot.goal.id, status, today=MADE)
    return change.after


ALLOWED = [(old, new) for old, targets in TRANSITIONS.items() for new in targets]
REFUSED = [(old, new) for old, new in itertools.permutations(STATUSES, 2)
           if (old, new) not in ALLOWED]


def test_the_rules_cover_every_status():
    assert set(TRANSITIONS) == set(STATUSES)
    assert ("idea", "done") in REFUSED and ("done", "let_go") in REFUSED
    assert len(ALLOWED) + len(REFUSED) == 12


def test_every_allowed_move_works(services, couple, db_file):
    moved = {}
    for old, new in ALLOWED:
        goal = goal_in(services, old).goal
        change, bus = services.goals.set_status(goal.id, new, today=LATER)
        assert bus.ids == {(changes.GOALS, goal.id)}
        assert change.after.goal.status == new, (old, new)
        moved[goal.id] = (old, new, change.after.goal)
    with fresh(db_file) as again:
        for goal_id, (old, new, expected) in moved.items():
            found = again.goals.get(goal_id)
            assert found == expected, (old, new)
            assert found.status == new
            assert (found.completed_on == LATER) == (new == "done"), (old, new)


def test_every_other_move_is_refused_and_changes_nothing(services, couple, db_file):
    kept = {}
    for old, new in REFUSED:
        before = goal_in(services, old)
        with pytest.raises(ValidationError) as caught:
            services.goals.set_status(before.goal.id, new, today=LATER)
        assert caught.value.field == "status"
        assert "first" in caught.value.message, (old, new)  # says what to do instead
        kept[before.goal.id] = before
    with fresh(db_file) as again:
        for goal_id, before in kept.items():
            assert again.goals.snapshot(goal_id) == before
        assert len(again.goals.wins(limit=100)) == sum(
            1 for before in kept.values() if before.goal.status == "done"
        )


def test_a_status_that_does_not_exist_is_refused(services, couple):
    before = goal_in(services, "active")
    for new in ("archived", "", "Done", None):
        with pytest.raises(ValidationError) as caught:
            services.goals.set_status(before.goal.id, new, today=LATER)
        assert caught.value.message == "That isn't a place a goal can be.", new
    assert services.goals.snapshot(before.goal.id) == before


def test_moving_to_where_it_already_is_changes_nothing(services, couple):
    for status in STATUSES:
        before = goal_in(services, status)
        change, bus = services.goals.set_status(before.goal.id, status, today=LATER)
        assert not bus, status
        assert change.before == change.after == before
        assert services.goals.snapshot(before.goal.id) == before


def test_refusal_messages_say_what_to_do_first(services, couple):
    idea = goal_in(services, "idea").goal
    done = goal_in(services, "done").goal
    let_go = goal_in(services, "let_go").goal
    messages = {}
    for goal, new in ((idea, "done"), (done, "let_go"), (let_go, "done")):
        with pytest.raises(ValidationError) as caught:
            services.goals.set_status(goal.id, new)
        messages[goal.status] = caught.value.message
    assert "move it to “Working on it” first" in messages["idea"]
    assert "reopen it first" in messages["done"]
    assert "Pick it up again first" in messages["let_go"]


def test_completing_a_goal_is_a_win_on_that_day(services, couple, db_file):
    goal = make(services, "Finish the garden bench 🪑", status="active").goal
    change, _ = services.goals.set_status(goal.id, "done", today=LATER)
    assert change.win is not None
    assert (change.win.goal_id, change.win.title, change.win.won_on) == (
        goal.id, "Finish the garden bench 🪑", LATER
    )
    assert change.after.wins == (change.win,)
    with fresh(db_file) as again:
        assert again.goals.wins() == (change.win,)
        assert again.goals.get(goal.id).completed_on == LATER


def test_reopening_a_goal_takes_its_win_back(services, couple, db_file):
    goal = make(services, status="active").goal
    other = make(services, "Run a 10 km race", status="active").goal
    services.goals.set_status(goal.id, "done", today=MADE)
    kept, _ = services.goals.set_status(other.id, "done", today=LATER)
    change, _ = services.goals.set_status(goal.id, "active", today=LATER)
    assert change.win is None and change.after.wins == ()
    with fresh(db_file) as again:
        assert again.goals.wins() == (kept.win,)
        reopened = again.goals.get(goal.id)
    assert (reopened.status, reopened.completed_on) == ("active", None)
    # completed again later: a new win on the new day
    again_done, _ = services.goals.set_status(goal.id, "done", today=LATER + timedelta(days=3))
    assert again_done.win.won_on == LATER + timedelta(days=3)
    assert again_done.win.id not in {kept.win.id, change.before.wins[0].id}


def test_a_moved_goal_goes_to_the_end_of_its_new_column(services, couple, db_file):
    first = make(services, "First idea").goal
    second = make(services, "Second idea").goal
    working = make(services, "Already working", status="active").goal
    services.goals.set_status(first.id, "active", today=MADE)
    third = make(services, "Third idea").goal
    with fresh(db_file) as again:
        assert [g.title for g in again.goals.goals("active")] == ["Already working",
                                                                  "First idea"]
        assert [g.title for g in again.goals.goals("idea")] == ["Second idea", "Third idea"]
        assert again.goals.goals("done") == ()
        assert {g.id for g in again.goals.goals()} == {first.id, second.id, working.id,
                                                       third.id}


def test_editing_a_goal_keeps_its_place_on_the_board(services, couple):
    first = make(services, "First idea").goal
    make(services, "Second idea")
    services.goals.update(first.id, replace(first.as_input(), title="First idea, renamed"))
    assert [g.title for g in services.goals.goals("idea")] == ["First idea, renamed",
                                                               "Second idea"]


# --- milestones done and not ------------------------------------------------------------------


def test_a_milestone_done_keeps_the_day_it_was_first_done(services, couple, db_file):
    goal = make(services, milestones=milestones("Book the train", "Go!"), status="active").goal
    step = goal.milestones[0]
    change, _ = services.goals.set_milestone_done(goal.id, step.id, True, today=MADE)
    assert change.after.goal.milestones[0].done_on == MADE
    assert change.after.goal.progress == 50
    services.goals.set_milestone_done(goal.id, step.id, True, today=LATER)  # ticked again
    with fresh(db_file) as again:
        assert again.goals.get(goal.id).milestones[0].done_on == MADE
    services.goals.set_milestone_done(goal.id, step.id, False, today=LATER)
    undone = services.goals.get(goal.id)
    assert undone.milestones[0].done_on is None and undone.progress == 0
    services.goals.set_milestone_done(goal.id, step.id, True, today=LATER)
    assert services.goals.get(goal.id).milestones[0].done_on == LATER
    assert services.goals.get(goal.id).milestones[1] == goal.milestones[1]


def test_a_milestone_of_another_goal_cannot_be_ticked_here(services, couple):
    mine = make(services, milestones=milestones("a")).goal
    other = make(services, milestones=milestones("b")).goal
    with pytest.raises(NotFoundError):
        services.goals.set_milestone_done(mine.id, other.milestones[0].id, True, today=MADE)
    assert services.goals.get(other.id) == other


# --- deleting ------------------------------------------------------------------------------


def test_deleting_a_goal_takes_its_milestones_links_and_win(services, couple, db_file):
    goal = make(services, status="active", milestones=milestones("a", "b"),
                value_ids=(value_id(services, "Family"),)).goal
    services.goals.set_status(goal.id, "done", today=LATER)
    kept = make(services, "Another goal").goal
    change, bus = services.goals.delete(goal.id)
    assert change.after is None and change.before.goal.id == goal.id
    assert bus.ids == {(changes.GOALS, goal.id)}
    with fresh(db_file) as again:
        assert again.goals.goals() == (kept,)
        assert again.goals.wins() == ()
        with pytest.raises(NotFoundError):
            again.goals.get(goal.id)
    assert goal_rows(db_file) == {"goal": 1, "milestone": 0, "goal_value": 0, "win": 0}


# --- undo and redo of every edit ------------------------------------------------------------

Edit = Callable[[Services, GoalSnapshot], GoalChange]


def _update(services: Services, start: GoalSnapshot) -> GoalChange:
    goal = start.goal
    data = replace(goal.as_input(), title="Save a six-month cushion 💶", why="Peace of mind",
                   category="home", horizon="someday", target_date=LATER,
                   owner_id=None, manual_progress=None, next_review=LATER,
                   value_ids=(value_id(services, "Calm"),),
                   milestones=(*goal.as_input().milestones[1:], MilestoneInput("New step")))
    return services.goals.update(goal.id, data)[0]


def _reorder(services: Services, start: GoalSnapshot) -> GoalChange:
    steps = start.goal.as_input().milestones
    return services.goals.update(start.goal.id, replace(start.goal.as_input(),
                                                        milestones=steps[::-1]))[0]


def _status(new: str, via: tuple[str, ...] = ()) -> Edit:
    def edit(services: Services, start: GoalSnapshot) -> GoalChange:
        for step in via:
            services.goals.set_status(start.goal.id, step, today=MADE)
        return services.goals.set_status(start.goal.id, new, today=LATER)[0]
    return edit


def _tick(services: Services, start: GoalSnapshot) -> GoalChange:
    step = start.goal.milestones[1]
    return services.goals.set_milestone_done(start.goal.id, step.id, True, today=LATER)[0]


def _untick(services: Services, start: GoalSnapshot) -> GoalChange:
    step = start.goal.milestones[0]
    return services.goals.set_milestone_done(start.goal.id, step.id, False, today=LATER)[0]


def _delete_done(services: Services, start: GoalSnapshot) -> GoalChange:
    services.goals.set_status(start.goal.id, "done", today=MADE)
    return services.goals.delete(start.goal.id)[0]


EDITS: dict[str, Edit | None] = {
    "create": None,
    "update": _update,
    "reorder milestones": _reorder,
    "start work": _status("active"),
    "complete": _status("done"),
    "reopen": _status("active", via=("done",)),
    "let go": _status("let_go"),
    "pick up again": _status("idea", via=("let_go",)),
    "tick a milestone": _tick,
    "untick a milestone": _untick,
    "delete": lambda services, start: services.goals.delete(start.goal.id)[0],
    "delete a done goal": _delete_done,
}


def _start(services: Services, couple) -> GoalSnapshot:
    zoe, _ = ids(couple)
    change, _ = services.goals.create(
        GoalInput(
            "Save a three-month cushion", why="So a bad month never becomes a crisis.",
            category="money", target_date=date(2027, 1, 31), owner_id=zoe,
            value_ids=(value_id(services, "Security"), value_id(services, "Family")),
            milestones=(MilestoneInput("Open an account", MADE), MilestoneInput("One month"),
                        MilestoneInput("Three months")),
            manual_progress=None, next_review=date(2026, 4, 1),
        ),
        status="active", today=MADE,
    )
    return change.after


def board(services: Services) -> tuple:
    return services.goals.goals(), services.goals.wins(limit=100)


def _newer_goal(services: Services, title: str, *, not_id: int) -> GoalSnapshot:
    """Another goal, made and completed while the edited one waits for its undo or redo."""
    newer = make(services, title, status="active", milestones=milestones("x", "y"))
    change, _ = services.goals.set_status(newer.goal.id, "done", today=LATER)
    assert newer.goal.id != not_id
    return change.after


@pytest.mark.parametrize("edit", list(EDITS))
def test_undo_and_redo_bring_back_exactly_the_same_goal(services, couple, db_file, edit):
    make(services, "A goal that stays", status="active")
    if EDITS[edit] is None:
        before_board = board(services)
        change, _ = services.goals.create(
            GoalInput("Walk the Camino 🥾", why="Six weeks of just us.",
                      milestones=milestones("Train", "Book flights"),
                      value_ids=(value_id(services, "Adventure"),)),
            status="active", today=MADE,
        )
    else:
        start = _start(services, couple)
        before_board = board(services)
        change = EDITS[edit](services, start)
        if change.before != start:  # an edit that took several steps: undo the last one
            before_board = None
    goal_id = change.goal_id
    assert state(services, goal_id) == change.after
    after_board = board(services)

    # undo and redo straight away: the goal and the whole board as they were
    undo = services.goals.apply(change.before, goal_id)
    assert undo.ids == {(changes.GOALS, goal_id)}
    with fresh(db_file) as again:
        assert state(again, goal_id) == change.before
        if before_board is not None:
            assert board(again) == before_board
    services.goals.apply(change.after, goal_id)
    with fresh(db_file) as again:
        assert state(again, goal_id) == change.after
        assert board(again) == after_board

    # undo after another goal was made (and won), redo after yet another
    first = _newer_goal(services, "Made before the undo", not_id=goal_id)
    services.goals.apply(change.before, goal_id)
    assert state(services, goal_id) == change.before
    second = _newer_goal(services, "Made before the redo", not_id=goal_id)
    services.goals.apply(change.after, goal_id)
    with fresh(db_file) as again:
        assert state(again, goal_id) == change.after
        assert state(again, first.goal.id) == first
        assert state(again, second.goal.id) == second
        assert len(again.goals.wins(limit=100)) == 2 + len(change.after.wins if change.after
                                                           else ())


def test_a_run_of_edits_undone_one_by_one_and_redone_again(services, couple, db_file):
    """The undo stack as the couple uses it: each step back lands exactly where it was."""
    goals = services.goals
    created, _ = goals.create(GoalInput("Finish the garden bench", milestones=milestones(
        "Buy the wood", "Build it")), status="active", today=MADE)
    goal_id = created.goal_id
    goal = created.after.goal
    steps = [created]
    steps.append(goals.update(goal_id, replace(goal.as_input(), title="Finish the bench 🪑",
                                               why="Summer evenings"))[0])
    steps.append(goals.set_milestone_done(goal_id, goal.milestones[0].id, True,
                                          today=MADE)[0])
    steps.append(goals.set_status(goal_id, "done", today=LATER)[0])
    steps.append(goals.set_status(goal_id, "active", today=LATER)[0])
    steps.append(goals.set_status(goal_id, "done", today=LATER + timedelta(days=1))[0])
    finished = state(services, goal_id)
    for step in reversed(steps):
        assert state(services, goal_id) == step.after
        goals.apply(step.before, goal_id)
        assert state(services, goal_id) == step.before
    assert goals.goals() == () and goals.wins() == ()
    for step in steps:
        goals.apply(step.after, goal_id)
    with fresh(db_file) as again:
        assert state(again, goal_id) == finished
        assert [w.won_on for w in again.goals.wins()] == [LATER + timedelta(days=1)]


def test_ids_are_never_reused_so_a_redone_goal_keeps_its_own(services, couple, db_file):
    change, _ = services.goals.create(GoalInput("Walk the Camino",
                                                milestones=milestones("Train")), today=MADE)
    services.goals.apply(None, change.goal_id)  # undo the create
    newer = make(services, "Something else", milestones=milestones("Other"))
    assert newer.goal.id != change.goal_id
    assert newer.goal.milestones[0].id != change.after.goal.milestones[0].id
    services.goals.apply(change.after)  # redo
    with fresh(db_file) as again:
        assert again.goals.snapshot(change.goal_id) == change.after
        assert again.goals.snapshot(newer.goal.id) == newer


def test_undoing_a_delete_after_a_linked_value_was_removed_drops_only_that_link(
        services, couple, db_file):
    own, _ = services.values.add_value("Gemütlichkeit")
    calm = value_id(services, "Calm")
    goal = make(services, value_ids=(own.id, calm)).goal
    deleted, _ = services.goals.delete(goal.id)
    services.values.remove_value(own.id)
    services.goals.apply(deleted.before)
    with fresh(db_file) as again:
        restored = again.goals.get(goal.id)
    assert restored.value_ids == (calm,)
    assert replace(restored, value_ids=goal.value_ids) == goal


# --- reviews and wins ----------------------------------------------------------------------


def test_goals_due_for_review_are_open_ones_whose_day_has_come_oldest_first(services, couple):
    today = date(2026, 6, 1)
    made = {}
    for title, status, review in [
        ("due today", "active", today),
        ("long overdue", "idea", today - timedelta(days=40)),
        ("overdue", "active", today - timedelta(days=3)),
        ("not yet", "active", today + timedelta(days=1)),
        ("no review", "active", None),
        ("done and overdue", "done", today - timedelta(days=50)),
        ("let go and overdue", "let_go", today - timedelta(days=60)),
    ]:
        snapshot = goal_in(services, status) if status in ("done", "let_go") else None
        if snapshot is None:
            made[title] = make(services, title, status=status, next_review=review).goal
        else:
            goal = snapshot.goal
            data = replace(goal.as_input(), title=title, next_review=review)
            made[title] = services.goals.update(goal.id, data)[0].after.goal
    due = services.goals.due_for_review(today)
    assert [g.title for g in due] == ["long overdue", "overdue", "due today"]
    assert services.goals.due_for_review(today - timedelta(days=41)) == []


def test_wins_are_newest_first_and_limited(services, couple, db_file):
    days = [date(2026, 4, 1), date(2026, 1, 15), date(2026, 5, 20), date(2025, 12, 1),
            date(2026, 2, 2), date(2026, 3, 3)]
    for number, day in enumerate(days):
        goal = make(services, f"Goal {number}", status="active").goal
        services.goals.set_status(goal.id, "done", today=day)
    with fresh(db_file) as again:
        assert [w.won_on for w in again.goals.wins()] == sorted(days, reverse=True)[:5]
        assert [w.won_on for w in again.goals.wins(limit=2)] == [date(2026, 5, 20),
                                                                 date(2026, 4, 1)]
        assert [w.title for w in again.goals.wins(limit=100)] == [
            "Goal 2", "Goal 0", "Goal 5", "Goal 4", "Goal 1", "Goal 3"
        ]
