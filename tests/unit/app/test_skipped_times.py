"""A wall-clock time the clocks jumped over (the hour lost when summer time begins) is
refused with words naming the gap — in the window and on the command line alike — instead
of being quietly kept as another time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from app.domain.calendar import EventInput
from app.domain.checkins import CheckinInput
from app.domain.errors import ValidationError
from app.domain.moments import skipped
from app.paths import db_path
from tests.helpers import run_cli, sha256

BERLIN_GAP = ("2:30 on 29 March 2026 doesn't exist in your time zone: the clocks went "
              "forward from 2:00 to 3:00. Please choose another time.")


@pytest.mark.parametrize(("zone", "wall", "gap"), [
    ("Europe/Berlin", datetime(2026, 3, 29, 2, 30), ((2, 0), (3, 0))),
    ("America/New_York", datetime(2026, 3, 8, 2, 0), ((2, 0), (3, 0))),
    ("Australia/Lord_Howe", datetime(2026, 10, 4, 2, 15), ((2, 0), (2, 30))),  # half an hour
    ("Europe/Berlin", datetime(2026, 3, 29, 3, 0), None),  # the first minute after the gap
    ("Europe/Berlin", datetime(2026, 3, 29, 1, 59), None),
    ("Europe/Berlin", datetime(2026, 10, 25, 2, 30), None),  # happens twice, but happens
])
def test_the_gap_is_found_here_and_in_a_named_zone(local_zone, zone, wall, gap):
    local_zone(zone)
    for where in (None, ZoneInfo(zone)):
        found = skipped(wall, where)
        assert (None if found is None else
                tuple((t.hour, t.minute) for t in found)) == gap, where


def test_a_checkin_in_the_gap_is_refused_and_nothing_is_kept(local_zone, services, couple):
    local_zone("Europe/Berlin")
    answer = CheckinInput(couple.ids[0], 4, 7)
    with pytest.raises(ValidationError) as refused:
        services.checkins.save_session([answer], at=datetime(2026, 3, 29, 2, 30))
    assert (refused.value.message, refused.value.field) == (BERLIN_GAP, "at")
    assert services.checkins.history() == []
    sitting, _ = services.checkins.save_session([answer], at=datetime(2026, 3, 29, 3, 30))
    assert sitting.checkins[0].at == datetime(2026, 3, 29, 3, 30,
                                              tzinfo=timezone(timedelta(hours=2)))


def test_the_command_line_names_the_gap(local_zone, capsys, hearth_home):
    local_zone("Europe/Berlin")
    code, _, err = run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")
    assert code == 0, err
    before = sha256(db_path(hearth_home))
    code, out, err = run_cli(capsys, "checkins", "add", "--partner", "Zoë", "--mood", "4",
                             "--connection", "7", "--at", "2026-03-29T02:30")
    assert code == 1, out
    assert BERLIN_GAP in err
    assert sha256(db_path(hearth_home)) == before


def test_a_plan_in_the_gap_is_refused(local_zone, services, couple):
    local_zone("Europe/Berlin")
    with pytest.raises(ValidationError) as refused:
        services.calendar.create(EventInput("Walk", "walk", datetime(2026, 3, 29, 2, 30),
                                            datetime(2026, 3, 29, 4, 0)))
    assert (refused.value.message, refused.value.field) == (BERLIN_GAP, "start")
    with pytest.raises(ValidationError) as refused:
        services.calendar.create(EventInput(
            "Night train", "adventure", datetime(2026, 3, 7, 22), datetime(2026, 3, 8, 2, 30),
            tz="America/New_York"))
    assert refused.value.message == (
        "2:30 on 8 March 2026 doesn't exist in America/New_York: the clocks went forward "
        "from 2:00 to 3:00. Please choose another time.")
    assert services.calendar.events() == ()
    # A series that only passes through a gap later on is fine: its first time exists.
    event, _ = services.calendar.create(EventInput(
        "Early swim", "other", datetime(2026, 3, 22, 2, 30), datetime(2026, 3, 22, 3, 30),
        rrule="FREQ=WEEKLY;COUNT=3"))
    assert event.title == "Early swim"
