"""Home's one read (app/persistence/glance.py, plain SQL) against the services' own reads
through SQLAlchemy: the same couple, settings, check-ins, plans, goals, worksheets, weekly
talks and prompts."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from app.domain.prompts import Marks, tonight
from app.domain.weeks import week_start_of
from app.persistence import glance
from app.persistence.glance import OpenMeeting
from app.services.demo import DemoService

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def demo(services):
    DemoService(services.db).generate(years=2, seed=7)
    sheet, _ = services.worksheets.start(services.worksheets.worksheets()[0].kind,
                                         "The holiday plans")
    services.worksheets.pause(sheet.id, datetime.now().astimezone() + timedelta(hours=2))
    return services


def _occurrence(o):
    return None if o is None else (o.event_id, o.recurrence, o.start, o.end, o.title, o.status)


@pytest.mark.parametrize("days_back", [0, 3, 40, 200, 500])
def test_home_reads_what_the_services_read(demo, days_back):
    services = demo
    now = datetime.now().astimezone() - timedelta(days=days_back)
    today = now.date()
    seen = services.home.glance(now)

    assert seen.couple == services.couple.get()
    assert seen.settings == services.settings.get()
    last = services.checkins.last()
    assert seen.last_checkin is not None and last is not None
    assert seen.last_checkin.day == last.local_day
    assert seen.last_checkin.together == (
        len(services.checkins.sitting(last.session_id).checkins) == 2)
    assert seen.cadence == services.checkins.cadence(today)
    assert _occurrence(seen.next_time) == _occurrence(services.calendar.next_planned(now))
    first = week_start_of(today, seen.settings.week_start)
    assert seen.week_hours == services.calendar.hours_between(first, first + timedelta(days=6))
    assert [(g.title, g.when) for g in seen.goals_due] == [
        (g.title, g.next_review) for g in services.goals.due_for_review(today)]
    assert [(w.title, w.when) for w in seen.wins] == [
        (w.title, w.won_on) for w in services.goals.wins(limit=3)]
    assert [(w.title, w.when) for w in seen.paused] == [
        (w.title, w.resume_at) for w in services.worksheets.paused()]
    assert [(w.title, w.when) for w in seen.follow_ups] == [
        (w.title, w.follow_up) for w in services.worksheets.follow_ups_due(today)]


def test_the_demo_gives_home_something_to_show(demo):
    seen = demo.home.glance()
    assert seen.next_time is not None and seen.wins and seen.cadence.target
    assert seen.goals_due and seen.follow_ups  # so the comparison above compares something
    assert [w.title for w in seen.paused] == ["The holiday plans"]


def test_before_the_couple_exists_home_has_nothing_but_defaults(services):
    seen = services.home.glance()
    assert seen.couple is None and seen.last_checkin is None and seen.next_time is None
    assert seen.week_hours == 0 and not seen.goals_due and not seen.wins
    assert not seen.commitments and seen.meeting is None and seen.last_talk is None


def test_home_reads_without_sqlalchemy(db_file):
    """The first screen doesn't wait for SQLAlchemy: opening the data (the guard, the
    migrations check) and Home's read import none of it."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.persistence.migrate import open_database\n"
        "from app.services import Services\n"
        f"db = open_database(Path({str(db_file)!r}), check=False)\n"
        "services = Services.over(db)\n"
        "services.home.glance(); services.home.settings(); services.privacy.protected\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# -- rituals: the weekly talk and tonight's question --------------------------------------------


@pytest.fixture
def talks(couple, services):
    """A talk finished just now with a commitment each, and the next one paused at step 3."""
    a, b = couple.partners
    done, _ = services.meetings.start()
    services.meetings.finish(done.id, {"appreciations": "The soup."},
                             {a.id: "Cook on Wednesday", b.id: "Plan a walk on Sunday"})
    paused, _ = services.meetings.start()
    services.meetings.save(paused.id, 2, {"one_thing": "The holidays"})
    return services


def _on(day, hour=12):
    return datetime.combine(day, time(hour)).astimezone()


def test_home_reads_the_weekly_talk_as_the_meetings_service_does(talks):
    services = talks
    seen = services.home.glance()
    finished = services.meetings.history()[0]
    assert seen.commitments == finished.commitments
    assert [c.text for c in seen.commitments] == ["Cook on Wednesday", "Plan a walk on Sunday"]
    assert seen.last_talk == finished.finished_at
    current = services.meetings.current()
    assert seen.meeting == OpenMeeting(current.id, current.step, current.started_at)
    assert seen.meeting.step == 2


def test_commitments_are_this_weeks_for_seven_days_then_gone(talks):
    services = talks
    made = services.meetings.history()[0].finished_at.date()
    assert len(services.home.glance(_on(made + timedelta(days=7), 23)).commitments) == 2
    later = services.home.glance(_on(made + timedelta(days=8), 8))
    assert later.commitments == () and later.last_talk is not None


def test_the_latest_talk_decides_the_commitments_even_when_it_made_none(talks, couple):
    services = talks
    a, _b = couple.partners
    current = services.meetings.current()
    services.meetings.finish(current.id, {}, {a.id: "Bring coffee in bed on Saturday"})
    seen = services.home.glance()
    assert [c.text for c in seen.commitments] == ["Bring coffee in bed on Saturday"]
    assert seen.commitments == services.meetings.history()[0].commitments
    assert seen.meeting is None
    quiet, _ = services.meetings.start()
    services.meetings.finish(quiet.id, {}, {})
    assert services.home.glance().commitments == ()


def test_the_prompt_reads_match_the_prompt_service(couple, services):
    deck, _ = services.prompts.add_deck("Ours", "Questions we made up")
    ours, _ = services.prompts.add_prompt(deck.own_id, "What made you smile today?", "light")
    services.prompts.add_prompt(deck.own_id, "What do you miss about us?", "vulnerable")
    services.prompts.add_deck("Empty for now")
    services.prompts.set_favourite("know-001", True)
    services.prompts.talked_about("know-002")
    services.prompts.next("know", ["light"])
    with services.db.raw() as conn:
        assert glance.prompt_marks(conn) == services.prompts.marks()
        assert tuple(glance.own_decks(conn)) == tuple(d for d in services.prompts.decks()
                                                      if d.own)
        assert glance.own_prompts(conn) == [p for p in services.prompts.prompts() if p.own]
        assert ours in glance.own_prompts(conn)
    now = datetime.now().astimezone()
    seen = services.home.glance(now)
    assert seen.own_decks == tuple(d for d in services.prompts.decks() if d.own)
    assert seen.tonight == tonight(services.prompts.prompts(), services.prompts.marks(),
                                   now.date())


def test_tonights_question_stays_all_day_and_is_never_a_vulnerable_one(couple, services):
    deck, _ = services.prompts.add_deck("Ours")
    services.prompts.add_prompt(deck.own_id, "What do you miss about us?", "vulnerable")
    day = date.today() + timedelta(days=3)
    morning = services.home.glance(_on(day, 7)).tonight
    assert morning is not None
    assert services.home.glance(_on(day, 23)).tonight == morning
    days = [services.home.glance(_on(day + timedelta(days=i))).tonight for i in range(40)]
    assert {p.depth for p in days} <= {"light", "deeper"}
    assert len({p.key for p in days}) > 1  # a new question most days


def test_tonights_question_skips_what_you_have_talked_about(couple, services):
    now = datetime.now().astimezone()
    first = services.home.glance(now).tonight
    services.prompts.talked_about(first.key)
    second = services.home.glance(now).tonight
    assert second is not None and second.key != first.key
    assert not services.prompts.marks().get(second.key, Marks()).talked
    assert second.depth != "vulnerable"
