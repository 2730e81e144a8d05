"""Demo values and goals give every view something true to show: goals in each column with
milestones, linked values and the wins of finished ones, two card-sorts a year apart that
agree and differ, and a statement — the same for the same seed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.goals import STATUS_NAMES
from app.persistence.database import Database
from app.services import Services
from app.services.demo import DemoService

TODAY = date(2026, 11, 23)


def generated(template: Path, folder: Path, seed: int) -> Services:
    path = folder / "hearth.sqlite3"
    shutil.copyfile(template, path)
    db = Database(path)
    DemoService(db).generate(years=2, seed=seed, today=TODAY)
    return Services.over(db)


@pytest.fixture(scope="module")
def demo(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """One demo for the whole module: the tests only look at it."""
    services = generated(template_db, tmp_path_factory.mktemp("demo-goals"), seed=1)
    yield services
    services.close()


def test_the_demo_has_goals_in_every_column(demo):
    goals = demo.goals.goals()
    assert {g.status for g in goals} == set(STATUS_NAMES)
    for status in STATUS_NAMES:
        assert demo.goals.goals(status), status
    couple = demo.couple.require()
    owners = {g.owner_id for g in goals}
    assert None in owners and {p.id for p in couple.partners} <= owners


def test_demo_goals_have_milestones_some_done_some_not(demo):
    goals = demo.goals.goals()
    with_steps = [g for g in goals if g.milestones]
    assert len(with_steps) >= 4
    assert any(0 < g.progress < 100 for g in with_steps if g.status == "active")
    assert any(not g.milestones and g.manual_progress for g in goals if g.status == "active")
    for goal in goals:
        for step in goal.milestones:
            if step.done_on is not None:
                assert goal.created_on <= step.done_on <= TODAY, goal.title


def test_every_demo_goal_is_linked_to_values_that_exist(demo):
    known = {v.id for v in demo.values.values()}
    for goal in demo.goals.goals():
        assert goal.value_ids, goal.title
        assert set(goal.value_ids) <= known


def test_demo_dates_make_sense(demo):
    for goal in demo.goals.goals():
        assert goal.created_on <= TODAY, goal.title
        if goal.target_date is not None:
            assert goal.target_date >= goal.created_on, goal.title


def test_finished_demo_goals_have_their_wins_and_no_one_else_does(demo):
    goals = demo.goals.goals()
    done = [g for g in goals if g.status == "done"]
    assert done
    for goal in goals:
        wins = demo.goals.snapshot(goal.id).wins
        if goal.status == "done":
            (win,) = wins
            assert win.title == goal.title
            assert win.won_on == goal.completed_on
            assert goal.created_on <= win.won_on <= TODAY
            assert goal.progress == 100
            assert all(m.done for m in goal.milestones), goal.title
        else:
            assert wins == () and goal.completed_on is None, goal.title
    all_wins = demo.goals.wins(limit=100)
    assert len(all_wins) == len(done)
    assert [w.won_on for w in all_wins] == sorted((w.won_on for w in all_wins), reverse=True)


def test_some_demo_goals_wait_for_a_review_and_some_do_not(demo):
    due = demo.goals.due_for_review(TODAY)
    assert due
    assert all(g.status in ("idea", "active") and g.next_review <= TODAY for g in due)
    assert any(g.next_review and g.next_review > TODAY for g in demo.goals.goals())


def test_both_demo_partners_sorted_every_value_twice(demo):
    values = demo.values.values()
    for partner in demo.couple.require().partners:
        history = demo.values.history(partner.id)
        assert len(history) == 2
        latest, earlier = history
        assert earlier.sorted_at < latest.sorted_at
        assert latest.sorted_at.date() <= TODAY
        for sort in history:
            assert {vid for vid, _ in sort.ratings} == {v.id for v in values}
            assert all(1 <= importance <= 5 for _, importance in sort.ratings)


def test_the_demo_couple_shares_some_values_and_differs_on_others(demo):
    alignment = demo.values.alignment()
    assert alignment.complete
    assert len(alignment.shared) >= 3
    assert len(alignment.differences) >= 3
    shared = {r.value.name for r in alignment.shared}
    assert {"Honesty", "Trust"} <= shared
    assert alignment.differences[0].gap >= 3


def test_the_demo_shows_values_that_moved_since_the_earlier_sort(demo):
    movements = demo.values.alignment().movements
    assert movements
    couple = demo.couple.require()
    moved = {(m.value.name, m.partner_id) for m in movements}
    assert ("Adventure", couple.partners[0].id) in moved  # Zoë: 4, then 5
    assert ("Security", couple.partners[1].id) in moved  # Łukasz: 3, then 5


def test_only_a_handful_of_demo_values_moved(demo):
    assert len(demo.values.alignment().movements) <= 6


def test_the_demo_has_a_statement(demo):
    statement = demo.values.statement()
    assert statement is not None
    assert len(statement.text) > 40 and statement.text == statement.text.strip()


def test_the_same_seed_gives_the_same_goals_and_sorts(demo, template_db, tmp_path):
    again = generated(template_db, tmp_path, seed=1)
    try:
        def goals(services: Services):
            return [replace(g, created_at=None) for g in services.goals.goals()]

        assert goals(again) == goals(demo)
        assert again.goals.wins(limit=100) == demo.goals.wins(limit=100)
        assert again.values.alignment() == demo.values.alignment()
    finally:
        again.close()
