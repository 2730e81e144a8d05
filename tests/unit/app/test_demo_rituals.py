"""Demo rituals give the weekly talk and the prompts something true to show: a talk most
weeks with a commitment each, looked back on with a believable mix of outcomes, this week's
commitments on Home, prompts talked about and loved, and a deck of the couple's own."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from app.domain.meetings import STEPS
from app.domain.prompts import hearth_decks
from app.paths import db_path
from app.persistence.database import Database
from app.services import Services
from app.services.demo import DemoService
from app.services.demo.rituals import COMMITMENTS
from tests.helpers import run_cli


def _demo(template_db: Path, folder: Path, **options) -> Services:
    folder.mkdir(parents=True, exist_ok=True)
    path = db_path(folder)
    shutil.copyfile(template_db, path)
    services = Services.over(Database(path))
    DemoService(services.db).generate(**{"years": 1, "seed": 1, **options})
    return services


@pytest.fixture(scope="module")
def demo(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """One demo for the whole module: the tests only look at it."""
    services = _demo(template_db, tmp_path_factory.mktemp("demo-rituals"))
    yield services
    services.close()


def test_a_year_has_a_finished_talk_most_weeks(demo):
    talks = demo.meetings.history()
    assert 40 <= len(talks) <= 52
    assert demo.meetings.current() is None
    assert all(t.finished and t.step == len(STEPS) - 1 for t in talks)
    assert all(t.started_at < t.finished_at <= datetime.now().astimezone() for t in talks)
    assert all(t.week_start == t.started_at.date() - timedelta(days=6) for t in talks)
    days = sorted(t.started_at.date() for t in talks)
    assert all((b - a).days >= 1 for a, b in pairwise(days))  # one talk a week, no more
    assert {(b - a).days for a, b in pairwise(days)} >= {7, 14}  # a week off now and then


def test_every_talk_ends_with_one_commitment_from_each_partner(demo):
    partners = {p.id for p in demo.couple.require().partners}
    for talk in demo.meetings.history():
        assert {c.partner_id for c in talk.commitments} == partners
        assert all(c.text in COMMITMENTS for c in talk.commitments)
        asked = {int(pid): text for pid, text in talk.answers["feel_loved"].items()}
        for c in talk.commitments:  # each does what the other asked for
            (other,) = partners - {c.partner_id}
            assert asked[other] == c.text


def test_the_talks_answers_fill_every_step(demo):
    partners = {str(p.id) for p in demo.couple.require().partners}
    for talk in demo.meetings.history():
        assert set(talk.answers) == {"appreciations", "went_well", "topic", "ahead",
                                     "feel_loved"}
        assert set(talk.answers["appreciations"]) == partners
        assert all(talk.answers["appreciations"].values())
        assert talk.answers["went_well"] and talk.answers["ahead"]
    assert any(t.answers["topic"] for t in demo.meetings.history())


def test_this_weeks_talk_is_in_the_last_seven_days(demo):
    latest = demo.meetings.history()[0]
    assert latest.finished_at >= datetime.now().astimezone() - timedelta(days=7)
    assert latest.commitments
    assert all(c.outcome is None for c in latest.commitments)  # looked back on next week
    week = demo.meetings.week()
    assert {c.id for c in week.last_commitments} == {c.id for c in latest.commitments}
    home = demo.home.glance()  # what Home shows this week
    assert {c.id for c in home.commitments} == {c.id for c in latest.commitments}


def test_commitments_are_looked_back_on_with_a_mix_of_outcomes(demo):
    earlier = [c for t in demo.meetings.history()[1:] for c in t.commitments]
    outcomes = Counter(c.outcome for c in earlier)
    assert set(outcomes) <= {"kept", "partly", "not_yet", None}
    assert outcomes["kept"] > outcomes["partly"] > outcomes["not_yet"] > 0
    assert outcomes[None] < len(earlier) * 0.2  # most are looked back on


def test_prompts_have_favourites_talked_about_and_a_deck_of_their_own(demo):
    own = [d for d in demo.prompts.decks() if d.own]
    assert [d.title for d in own] == ["Our own questions"]
    assert 4 <= len(own[0].prompts) <= 6
    assert {p.depth for p in own[0].prompts} == {"light", "deeper", "vulnerable"}
    marks = demo.prompts.marks()
    hearth = {p.key for d in hearth_decks() for p in d.prompts}
    favourites = {key for key, m in marks.items() if m.favourite}
    talked = {key for key, m in marks.items() if m.talked}
    assert 3 <= len(favourites & hearth) <= 10
    assert 8 <= len(talked) <= 24 and talked <= hearth
    assert favourites & {p.key for p in own[0].prompts}  # one of their own is a favourite


def test_the_cli_reads_it_all_back(demo, capsys, monkeypatch):
    monkeypatch.setenv("HEARTH_HOME", str(demo.db.path.parent))
    code, out, err = run_cli(capsys, "check")
    assert code == 0 and "Healthy" in out, err
    code, out, err = run_cli(capsys, "meetings", "list")
    assert code == 0 and "not looked back on yet" in out and "it happened" in out, err
    code, out, err = run_cli(capsys, "prompts", "list", "--deck", "own-1")
    assert code == 0 and out.startswith("Our own questions (own-1)"), err


def test_the_same_seed_makes_the_same_talks(template_db, tmp_path):
    first = _demo(template_db, tmp_path / "one", seed=5)
    second = _demo(template_db, tmp_path / "two", seed=5)
    try:
        def story(services: Services) -> list:
            return [(t.started_at, t.answers, [(c.text, c.outcome) for c in t.commitments])
                    for t in services.meetings.history()]

        assert story(first) == story(second)
        assert first.prompts.marks() == second.prompts.marks()
    finally:
        first.close()
        second.close()


def test_demo_again_with_force_adds_talks_and_keeps_the_couples_marks(demo, template_db,
                                                                     tmp_path):
    services = _demo(template_db, tmp_path / "again")
    try:
        services.prompts.set_favourite("hard-001", True)
        services.prompts.set_favourite("fun-001", False)
        before = len(services.meetings.history())
        DemoService(services.db).generate(years=1, seed=2, force=True, scale=2)
        assert len(services.meetings.history()) > before * 2
        assert [d.title for d in services.prompts.decks() if d.own] == ["Our own questions"]
        marks = services.prompts.marks()
        assert marks["hard-001"].favourite and not marks["fun-001"].favourite
    finally:
        services.close()
