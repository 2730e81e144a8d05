"""hearth-cli checkins add / stats: what a person types, what they see, what is stored.

Every refusal exits 1 (or 2 for a malformed argument), says why in plain words on stderr,
and leaves the database byte-for-byte as it was.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.weeks import weeks_between
from app.paths import db_path
from app.persistence.database import Database
from app.services import Services
from tests.helpers import run_cli as run
from tests.helpers import sha256


def history(path: Path):
    db = Database(path)
    try:
        return Services.over(db).checkins.history()
    finally:
        db.close()


@pytest.fixture
def home(capsys, hearth_home: Path) -> Path:
    """A couple set up through the CLI, as a person would."""
    code, _, err = run(capsys, "setup", "--names", "Zoë", "Łukasz")
    assert code == 0, err
    return db_path(hearth_home)


def add(capsys, *extra: str) -> tuple[int, str, str]:
    return run(capsys, "checkins", "add", *extra)


# --- add ------------------------------------------------------------------------------------


def test_add_stores_every_answer_as_given(capsys, home):
    code, out, err = add(
        capsys, "--partner", "Łukasz", "--mood", "4", "--connection", "8", "--stress", "2",
        "--at", "2026-11-20T21:14", "--feelings", "grateful, Tired",
        "--appreciation", "Du hast gekocht 🍲", "--need", "שקט בערב",
    )
    assert code == 0, err
    assert out.startswith("Saved Łukasz's check-in of 2026-11-20 21:14 (id ")
    (saved,) = history(home)
    assert (saved.mood, saved.connection, saved.stress) == (4, 8, 2)
    assert saved.feelings == ("grateful", "tired")
    assert saved.appreciation == "Du hast gekocht 🍲"
    assert saved.need == "שקט בערב"
    local = saved.at.astimezone(datetime(2026, 11, 20, 21, 14).astimezone().tzinfo)
    assert (local.date(), local.hour, local.minute) == (date(2026, 11, 20), 21, 14)


def test_partner_names_match_as_people_write_them(capsys, home):
    code, _, err = add(capsys, "--partner", "  zoë ", "--mood", "3", "--connection", "5")
    assert code == 0, err
    (saved,) = history(home)
    db = Database(home)
    try:
        assert saved.partner_id == Services.over(db).couple.require().partners[0].id
    finally:
        db.close()


def test_add_without_at_is_now(capsys, home):
    before = datetime.now().astimezone()
    code, _, _ = add(capsys, "--partner", "Zoë", "--mood", "3", "--connection", "5")
    assert code == 0
    (saved,) = history(home)
    assert before - timedelta(seconds=1) <= saved.at <= datetime.now().astimezone()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--mood", "0"], "1 (low) to 5 (great)"),
        (["--mood", "6"], "1 (low) to 5 (great)"),
        (["--connection", "0"], "from 1 to 10"),
        (["--connection", "11"], "from 1 to 10"),
        (["--stress", "6"], "1 (calm) to 5 (overwhelmed)"),
        (["--feelings", "grateful,blamed"], "blamed"),
        (["--partner", "Sam"], "There's no partner called “Sam” here; the two of you are Zoë "
                               "and Łukasz."),
        (["--at", (datetime.now() + timedelta(hours=3)).isoformat(timespec="minutes")],
         "can't be in the future"),
        (["--at", "1969-07-20T20:17"], "too long ago"),
        (["--appreciation", "tea \udcff"], "hidden character"),
    ],
)
def test_add_refuses_what_cannot_be_right_and_stores_nothing(capsys, home, argv, words):
    base = {"--partner": "Zoë", "--mood": "3", "--connection": "5"}
    for flag, value in zip(argv[::2], argv[1::2], strict=True):
        base[flag] = value
    before = sha256(home)
    code, out, err = add(capsys, *[part for pair in base.items() for part in pair])
    assert code == 1
    assert out == ""
    assert words in err
    assert sha256(home) == before
    assert history(home) == []


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--partner", "Zoë", "--mood", "three", "--connection", "5"], "invalid int value"),
        (["--partner", "Zoë", "--mood", "3"], "--connection"),
        (["--mood", "3", "--connection", "5"], "--partner"),
        (["--partner", "Zoë", "--mood", "3", "--connection", "5", "--at", "Friday"],
         "is not a date and time like 2026-11-23T21:14"),
    ],
)
def test_add_usage_errors_exit_2(capsys, home, argv, words):
    before = sha256(home)
    code, out, err = add(capsys, *argv)
    assert code == 2
    assert out == ""
    assert words in err
    assert sha256(home) == before


def test_add_before_setup_says_what_to_do(capsys, hearth_home):
    code, out, err = add(capsys, "--partner", "Zoë", "--mood", "3", "--connection", "5")
    assert code == 1
    assert out == ""
    assert "names" in err


# --- stats ------------------------------------------------------------------------------------


def stats(capsys, first: str, last: str) -> list[dict]:
    code, out, err = run(capsys, "checkins", "stats", "--from", first, "--to", last, "--json")
    assert code == 0, err
    return json.loads(out)


def test_stats_counts_each_week_oldest_first_with_empty_weeks(capsys, home):
    for who, at in [("Zoë", "2026-11-02T20:00"), ("Łukasz", "2026-11-02T20:05"),
                    ("Zoë", "2026-11-04T08:00"), ("Łukasz", "2026-11-16T23:59"),
                    ("Zoë", "2026-10-25T12:00")]:  # a Sunday: the week before the range
        assert add(capsys, "--partner", who, "--mood", "3", "--connection", "6",
                   "--at", at)[0] == 0

    weeks = stats(capsys, "2026-10-28", "2026-11-22")
    assert [w["start"] for w in weeks] == [
        "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16",
    ]
    assert weeks == [
        {"start": "2026-10-26", "count": 0, "by_partner": {"Zoë": 0, "Łukasz": 0}},
        {"start": "2026-11-02", "count": 3, "by_partner": {"Zoë": 2, "Łukasz": 1}},
        {"start": "2026-11-09", "count": 0, "by_partner": {"Zoë": 0, "Łukasz": 0}},
        {"start": "2026-11-16", "count": 1, "by_partner": {"Zoë": 0, "Łukasz": 1}},
    ]


def test_stats_weeks_follow_the_week_start_setting(capsys, home):
    add(capsys, "--partner", "Zoë", "--mood", "3", "--connection", "6",
        "--at", "2026-11-08T20:00")  # a Sunday
    db = Database(home)
    try:
        Services.over(db).settings.update(week_start=6)  # weeks begin on Sunday
    finally:
        db.close()
    weeks = stats(capsys, "2026-11-01", "2026-11-14")
    assert weeks == [
        {"start": "2026-11-01", "count": 0, "by_partner": {"Zoë": 0, "Łukasz": 0}},
        {"start": "2026-11-08", "count": 1, "by_partner": {"Zoë": 1, "Łukasz": 0}},
    ]


def test_stats_counts_a_late_evening_on_its_local_day(capsys, home):
    """23:30 local on a Sunday belongs to that week, whatever the hour is in UTC."""
    add(capsys, "--partner", "Zoë", "--mood", "3", "--connection", "6",
        "--at", "2026-11-15T23:30")
    weeks = stats(capsys, "2026-11-09", "2026-11-22")
    assert [w["count"] for w in weeks] == [1, 0]


def test_stats_for_one_day_is_one_week(capsys, home):
    weeks = stats(capsys, "2026-11-18", "2026-11-18")
    assert [w["start"] for w in weeks] == ["2026-11-16"]


def test_stats_text_table_lists_every_week(capsys, home):
    add(capsys, "--partner", "Łukasz", "--mood", "3", "--connection", "6",
        "--at", "2026-11-03T20:00")
    code, out, _ = run(capsys, "checkins", "stats", "--from", "2026-11-01", "--to", "2026-11-15")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["week", "of", "total", "Zoë", "Łukasz"]
    assert [line.split() for line in lines[1:]] == [
        ["2026-10-26", "0", "0", "0"],
        ["2026-11-02", "1", "0", "1"],
        ["2026-11-09", "0", "0", "0"],
    ]


def test_stats_over_many_years_is_one_row_per_week(capsys, home):
    weeks = stats(capsys, "2000-01-01", "2026-11-22")
    expected = weeks_between(date(2000, 1, 1), date(2026, 11, 22), 0)
    assert [w["start"] for w in weeks] == [d.isoformat() for d in expected]


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["--from", "2026-11-22", "--to", "2026-11-01"], 1, "--from must be on or before --to"),
        (["--from", "22/11/2026", "--to", "2026-11-30"], 2, "is not a date like 2026-11-23"),
        (["--from", "2026-11-01"], 2, "--to"),
        (["--from", "0001-01-01", "--to", "0001-01-20"], 1, "from 1970 to 2999"),
        (["--from", "9999-12-20", "--to", "9999-12-31"], 1, "from 1970 to 2999"),
    ],
)
def test_stats_refusals(capsys, home, argv, code, words):
    before = sha256(home)
    got, out, err = run(capsys, "checkins", "stats", *argv, "--json")
    assert got == code
    assert out == ""
    assert words in err
    assert sha256(home) == before
