"""Home's one read (app/persistence/glance.py, plain SQL) against the services' own reads
through SQLAlchemy: the same couple, settings, check-ins, plans, goals and worksheets."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.domain.weeks import week_start_of
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
