"""hearth-cli goals list / values list: what a person types, what they see, and that looking
never changes the file.

A refusal exits 1 (or 2 for a malformed argument) and says why in plain words on stderr.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.domain.goals import GoalInput, MilestoneInput
from app.domain.values import SortInput
from app.paths import create_private_file, db_path, ensure_private_dir
from app.persistence.migrate import upgrade
from tests.helpers import fresh, sha256
from tests.helpers import run_cli as run

MADE = date(2026, 3, 2)
KEYS = ("id", "title", "status", "owner", "progress", "target_date", "values")


@pytest.fixture
def home(capsys, db_file: Path) -> Path:
    """A couple set up through the CLI, as a person would (in a freshly made database)."""
    code, _, err = run(capsys, "setup", "--names", "Zoë", "Łukasz")
    assert code == 0, err
    return db_file


@pytest.fixture
def goals(home: Path) -> dict[str, int]:
    """Goals in every status: title → id."""
    made = {}
    with fresh(home) as services:
        zoe, lukasz = (p.id for p in services.couple.require().partners)
        value = {v.name: v.id for v in services.values.values()}

        def create(title: str, status: str = "active", **more) -> int:
            change, _ = services.goals.create(GoalInput(title, **more), status=status,
                                              today=MADE)
            made[title] = change.goal_id
            return change.goal_id

        create("Save a three-month cushion 💶", target_date=date(2027, 1, 31),
               value_ids=(value["Security"], value["Financial freedom"]),
               milestones=(MilestoneInput("Open an account", MADE),
                           MilestoneInput("One month"), MilestoneInput("Three months")))
        create("Run a 10 km race", owner_id=zoe, manual_progress=40)
        create("ללמוד לבשל יחד", status="idea", owner_id=lukasz,
               value_ids=(value["Family"], value["Tradition"]))
        krakow = create("Visit Łukasz's family in Kraków", target_date=date(2026, 8, 15),
                        value_ids=(value["Family"],), milestones=(MilestoneInput("Book"),))
        services.goals.set_status(krakow, "done", today=date(2026, 7, 1))
        coast = create("Move to the coast", status="idea", manual_progress=10)
        services.goals.set_status(coast, "let_go", today=MADE)
        create("Walk the Camino", status="idea")
    return made


def listed(capsys, *extra: str) -> list[dict]:
    code, out, err = run(capsys, "goals", "list", "--json", *extra)
    assert code == 0, err
    assert err == ""
    return json.loads(out)


def picked(rows: list[dict]) -> list[dict]:
    return [{key: row[key] for key in KEYS} for row in rows]


# --- goals list -------------------------------------------------------------------------------


def test_goals_list_json_describes_every_goal_by_status(capsys, home, goals):
    before = sha256(home)
    rows = listed(capsys)
    assert picked(rows) == [
        {"id": goals["ללמוד לבשל יחד"], "title": "ללמוד לבשל יחד", "status": "idea",
         "owner": "Łukasz", "progress": 0, "target_date": None,
         "values": ["Family", "Tradition"]},
        {"id": goals["Walk the Camino"], "title": "Walk the Camino", "status": "idea",
         "owner": "shared", "progress": 0, "target_date": None, "values": []},
        {"id": goals["Save a three-month cushion 💶"], "title": "Save a three-month cushion 💶",
         "status": "active", "owner": "shared", "progress": 33, "target_date": "2027-01-31",
         "values": ["Security", "Financial freedom"]},
        {"id": goals["Run a 10 km race"], "title": "Run a 10 km race", "status": "active",
         "owner": "Zoë", "progress": 40, "target_date": None, "values": []},
        {"id": goals["Visit Łukasz's family in Kraków"],
         "title": "Visit Łukasz's family in Kraków", "status": "done", "owner": "shared",
         "progress": 100, "target_date": "2026-08-15", "values": ["Family"]},
        {"id": goals["Move to the coast"], "title": "Move to the coast", "status": "let_go",
         "owner": "shared", "progress": 10, "target_date": None, "values": []},
    ]
    assert all(type(row["progress"]) is int and 0 <= row["progress"] <= 100 for row in rows)
    assert sha256(home) == before


def test_goals_list_filters_by_status(capsys, home, goals):
    before = sha256(home)
    for status, titles in [
        ("idea", ["ללמוד לבשל יחד", "Walk the Camino"]),
        ("active", ["Save a three-month cushion 💶", "Run a 10 km race"]),
        ("done", ["Visit Łukasz's family in Kraków"]),
        ("let_go", ["Move to the coast"]),
    ]:
        rows = listed(capsys, "--status", status)
        assert [row["title"] for row in rows] == titles, status
        assert {row["status"] for row in rows} == {status}
    assert sha256(home) == before


def test_goals_list_with_no_goals_is_an_empty_list(capsys, home):
    assert listed(capsys) == []
    code, out, _ = run(capsys, "goals", "list")
    assert (code, out) == (0, "No goals yet.\n")
    code, out, _ = run(capsys, "goals", "list", "--status", "done")
    assert (code, out) == (0, "No goals in “Done”.\n")


def test_goals_list_text_is_one_readable_line_per_goal(capsys, home, goals):
    before = sha256(home)
    code, out, err = run(capsys, "goals", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 6
    cushion = next(line for line in lines if "Save a three-month cushion 💶" in line)
    assert cushion.startswith("[Working on it] Save a three-month cushion 💶")
    assert "33 %" in cushion and "shared" in cushion and "2027-01-31" in cushion
    assert f"(id {goals['Save a three-month cushion 💶']})" in cushion
    race = next(line for line in lines if "Run a 10 km race" in line)
    assert "40 %" in race and "Zoë" in race
    assert lines[0].startswith("[Ideas] ")
    assert lines[-2].startswith("[Done] Visit Łukasz's family in Kraków") and "100 %" in lines[-2]
    assert lines[-1].startswith("[Let go] Move to the coast")
    assert sha256(home) == before


def test_goals_list_with_an_unknown_status_is_a_usage_error(capsys, home):
    before = sha256(home)
    for status in ("finished", "Done", ""):
        code, out, err = run(capsys, "goals", "list", "--status", status)
        assert code == 2, status
        assert out == ""
        assert "usage: hearth-cli goals list" in err
        assert "invalid choice" in err and "idea" in err and "let_go" in err
    assert sha256(home) == before


LISTINGS = [("goals", "list"), ("goals", "list", "--json"), ("goals", "list", "--status", "idea"),
            ("values", "list"), ("values", "list", "--json")]


def test_listing_without_a_database_says_so_and_creates_nothing(capsys, hearth_home):
    for command in LISTINGS:
        code, out, err = run(capsys, *command)
        assert code == 1, command
        assert out == ""
        assert "There is no Hearth data" in err and str(hearth_home) in err
        assert "setup --names" in err
        assert not db_path(hearth_home).exists()
        assert not hearth_home.exists()


def test_listing_before_setup_says_what_to_do(capsys, db_file):
    before = sha256(db_file)
    for command in LISTINGS:
        code, out, err = run(capsys, *command)
        assert code == 1, command
        assert out == ""
        assert "Hearth hasn't been set up yet" in err and "names" in err
    assert sha256(db_file) == before


def test_listing_leaves_a_database_from_an_older_hearth_as_it_was(capsys, hearth_home):
    path = db_path(ensure_private_dir(hearth_home))
    create_private_file(path)
    upgrade(path, "0004")  # before values and goals
    conn = sqlite3.connect(path)
    with conn:  # the couple as that revision stored it
        conn.execute("INSERT INTO couple (id, created_at) VALUES (1, '2025-02-14 19:30:00')")
        conn.executemany(
            "INSERT INTO partner (couple_id, position, name, colour) VALUES (1, ?, ?, ?)",
            [(0, "Zoë", "teal"), (1, "Łukasz", "terracotta")],
        )
        conn.execute("INSERT INTO couple_settings (couple_id) VALUES (1)")
    conn.close()
    before = sha256(path)
    for command in (("goals", "list", "--json"), ("values", "list", "--json")):
        code, out, err = run(capsys, *command)
        assert (code, out) == (1, ""), command
        assert "older Hearth" in err
        assert sha256(path) == before, command
        assert sorted(p.name for p in hearth_home.iterdir()) == [path.name]


# --- values list ------------------------------------------------------------------------------

AT = datetime(2026, 11, 1, 20, 30, tzinfo=timezone(timedelta(hours=1)))


def sort(home: Path, who: int, default: int, **named: int) -> None:
    with fresh(home) as services:
        partner = services.couple.require().partners[who]
        values = services.values.values()
        ratings = {v.id: named.get(v.name, default) for v in values}
        services.values.save_sorts([SortInput(partner.id, ratings)], at=AT)


def values_listed(capsys) -> list[dict]:
    code, out, err = run(capsys, "values", "list", "--json")
    assert code == 0, err
    return json.loads(out)


def test_values_list_before_anyone_sorts_has_every_value_unrated(capsys, home):
    before = sha256(home)
    rows = values_listed(capsys)
    assert len(rows) == 31
    assert rows[0]["name"] == "Honesty"
    assert all(row["ratings"] == {"Zoë": None, "Łukasz": None} for row in rows)
    assert all(row["description"] and not row["custom"] for row in rows)
    assert sha256(home) == before


def test_values_list_gives_each_partners_latest_rating_by_name(capsys, home):
    sort(home, 0, 3, Honesty=5, Adventure=1)
    with fresh(home) as services:
        services.values.add_value("Gemütlichkeit 🏡", "Cosy evenings.")
    sort(home, 1, 2, Honesty=4)
    sort(home, 0, 4, Honesty=5)  # Zoë sorts again: her latest counts
    before = sha256(home)
    rows = {row["name"]: row for row in values_listed(capsys)}
    assert len(rows) == 32
    assert rows["Honesty"]["ratings"] == {"Zoë": 5, "Łukasz": 4}
    assert rows["Adventure"]["ratings"] == {"Zoë": 4, "Łukasz": 2}
    assert rows["Gemütlichkeit 🏡"]["ratings"] == {"Zoë": 4, "Łukasz": 2}
    assert rows["Gemütlichkeit 🏡"]["custom"] is True
    assert rows["Gemütlichkeit 🏡"]["description"] == "Cosy evenings."
    assert sha256(home) == before


def test_values_list_shows_null_for_a_partner_who_has_not_sorted(capsys, home):
    sort(home, 1, 5)
    rows = values_listed(capsys)
    assert {(row["ratings"]["Zoë"], row["ratings"]["Łukasz"]) for row in rows} == {(None, 5)}


def test_values_list_text_is_a_table_with_a_dash_for_not_rated(capsys, home):
    sort(home, 0, 3, Honesty=5)
    before = sha256(home)
    code, out, err = run(capsys, "values", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["value", "Zoë", "Łukasz"]
    assert len(lines) == 32
    assert lines[1].split() == ["Honesty", "5", "–"]
    assert lines[-1].split() == ["Nature", "3", "–"]
    faith = next(line for line in lines if line.startswith("Faith or meaning"))
    assert faith.split()[-2:] == ["3", "–"]
    assert sha256(home) == before
