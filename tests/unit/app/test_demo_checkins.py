"""Demo check-ins tell a story the charts can show: a steady rhythm, a busy stretch where
check-ins thin out and connection dips, then a recovery — irregular, never in the future."""

from __future__ import annotations

import itertools
import statistics
from datetime import date, datetime, timedelta

import pytest

from app.domain.checkins import FEELINGS_BY_KEY
from app.domain.errors import ValidationError
from app.services.demo import DemoService

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(db, services):
    DemoService(db).generate(years=2, seed=7, today=TODAY)
    return services


def by_stretch(checkins, start: date, end: date, low: float, high: float):
    span = (end - start).days
    return [c for c in checkins
            if low <= (c.at.date() - start).days / span < high]


def weeks_in(start: date, end: date, low: float, high: float) -> float:
    return (end - start).days * (high - low) / 7


def test_demo_check_ins_cover_the_span_for_both_partners(demo):
    checkins = demo.checkins.history()
    couple = demo.couple.require()
    assert len(checkins) > 200
    assert {c.partner_id for c in checkins} == {p.id for p in couple.partners}
    days = sorted(c.at.date() for c in checkins)
    assert days[0] <= TODAY - timedelta(days=700)
    assert days[-1] >= TODAY - timedelta(days=30)
    assert max(c.at for c in checkins) <= datetime.now().astimezone()


def test_demo_answers_are_valid_check_ins(demo):
    for c in demo.checkins.history():
        assert 1 <= c.mood <= 5 and 1 <= c.connection <= 10 and 1 <= c.stress <= 5
        assert c.feelings and all(key in FEELINGS_BY_KEY for key in c.feelings)


def test_most_sittings_are_together_and_linked(demo):
    checkins = demo.checkins.history()
    sittings: dict[int, list] = {}
    for c in checkins:
        sittings.setdefault(c.session_id, []).append(c)
    together = [s for s in sittings.values() if len(s) == 2]
    assert len(together) / len(sittings) > 0.6
    for pair in together:
        assert pair[0].partner_id != pair[1].partner_id
        assert pair[0].at == pair[1].at


def test_the_rhythm_is_irregular(demo):
    days = sorted({c.at.date() for c in demo.checkins.history()})
    gaps = {(b - a).days for a, b in itertools.pairwise(days)}
    assert len(gaps) >= 5  # not a metronome


def test_a_busy_stretch_thins_check_ins_and_dips_connection_then_recovers(demo):
    checkins = demo.checkins.history()
    start = TODAY - timedelta(days=730)

    def per_week(low, high):
        return len(by_stretch(checkins, start, TODAY, low, high)) / weeks_in(
            start, TODAY, low, high)

    def connection(low, high):
        return statistics.mean(c.connection for c in by_stretch(checkins, start, TODAY, low, high))

    steady, busy, after = (0.1, 0.5), (0.56, 0.69), (0.82, 0.98)
    assert per_week(*busy) < 0.6 * per_week(*steady)
    assert per_week(*after) > 1.5 * per_week(*busy)
    assert connection(*busy) < connection(*steady) - 1
    assert connection(*after) > connection(*busy) + 1


def test_the_same_seed_gives_the_same_story(db_file, tmp_path, services, db):
    from app.paths import db_path, ensure_private_dir
    from app.persistence.migrate import open_database
    from app.services import Services

    DemoService(db).generate(years=1, seed=3, today=TODAY)
    other = open_database(db_path(ensure_private_dir(tmp_path / "other")))
    try:
        DemoService(other).generate(years=1, seed=3, today=TODAY)
        theirs = Services.over(other).checkins.history()
    finally:
        other.close()
    mine = services.checkins.history()

    def shape(rows):
        return [(c.at, c.mood, c.connection, c.stress, c.feelings, c.appreciation, c.need)
                for c in rows]

    assert shape(mine) == shape(theirs)


def test_demo_again_with_force_adds_without_touching_what_is_there(demo, db):
    before = demo.checkins.history()
    with pytest.raises(ValidationError) as refused:
        DemoService(db).generate(years=1, seed=8, today=TODAY)
    assert "--force" not in refused.value.message  # the service speaks of entries, not flags
    assert demo.checkins.history() == before

    DemoService(db).generate(years=1, seed=8, today=TODAY, force=True)
    after = demo.checkins.history()
    assert len(after) > len(before)
    assert set(before) <= set(after)
