"""hearth-cli as a person runs it: exit codes, what it prints, and what it leaves alone.

Exit codes: 0 ok, 1 refused or a problem found (message on stderr), 2 usage error.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.logs import log_path
from app.paths import backups_dir, create_private_file, db_path, ensure_private_dir
from app.persistence.database import Database
from app.persistence.migrate import head_revision, upgrade
from app.services import Services
from tests.helpers import run_cli as run
from tests.helpers import sha256

ROOT = Path(__file__).resolve().parents[3]


def stored_names(path: Path) -> tuple[str, str] | None:
    db = Database(path)
    try:
        couple = Services.over(db).couple.get()
        return couple.names if couple else None
    finally:
        db.close()


def stored_colours(path: Path) -> list[str]:
    db = Database(path)
    try:
        return [p.colour for p in Services.over(db).couple.require().partners]
    finally:
        db.close()


@pytest.fixture
def home_db(hearth_home: Path) -> Path:
    return db_path(hearth_home)


@pytest.fixture
def older_db(hearth_home: Path) -> Path:
    """A database at the first revision, as an older Hearth left it."""
    path = db_path(ensure_private_dir(hearth_home))
    create_private_file(path)
    upgrade(path, "0001")
    return path


# --- check --------------------------------------------------------------------------------


def test_check_without_a_database_says_so_and_creates_nothing(capsys, hearth_home):
    code, out, err = run(capsys, "check")
    assert code == 1
    assert out == ""
    assert "There is no Hearth data" in err and str(hearth_home) in err
    assert not hearth_home.exists()


def test_check_on_a_healthy_database(capsys, db_file):
    before = sha256(db_file)
    code, out, err = run(capsys, "check")
    assert code == 0, err
    assert f"Healthy: {db_file}" in out
    assert f"Schema revision: {head_revision()} (current)" in out
    assert sha256(db_file) == before


def test_check_on_an_older_database_reports_and_does_not_upgrade(capsys, older_db):
    before = sha256(older_db)
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert f"Schema revision: 0001 (older; Hearth will upgrade it to {head_revision()}" in out
    assert sha256(older_db) == before
    assert not backups_dir(older_db.parent).exists()


def test_check_on_an_empty_file_says_it_will_be_set_up(capsys, home_db):
    ensure_private_dir(home_db.parent)
    home_db.write_bytes(b"")
    code, _, err = run(capsys, "check")
    assert code == 1
    assert "is empty" in err
    assert home_db.read_bytes() == b""


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()


def _text(path: Path) -> None:
    path.write_text("not a database\n", encoding="utf-8")


@pytest.mark.parametrize("make", [_foreign_sqlite, _text])
def test_check_refuses_a_foreign_file_and_leaves_it_alone(capsys, home_db, make):
    ensure_private_dir(home_db.parent)
    make(home_db)
    before = sha256(home_db)
    code, out, err = run(capsys, "check")
    assert code == 1
    assert out == ""
    assert err.startswith("hearth-cli: ")
    assert "not Hearth" in err or "not a Hearth database" in err
    assert sha256(home_db) == before


def test_check_refuses_a_database_from_a_newer_hearth(capsys, db_file):
    conn = sqlite3.connect(db_file)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = sha256(db_file)
    code, _, err = run(capsys, "check")
    assert code == 1
    assert "newer version of Hearth" in err
    assert sha256(db_file) == before


def _damage_last_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-4096:] = bytes((i * 53 + 7) % 256 for i in range(4096))
    path.write_bytes(bytes(data))


def _damage_first_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096] = bytes((i * 37 + 11) % 256 for i in range(3996))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_damage_last_page, _damage_first_page])
def test_check_finds_a_damaged_database_and_leaves_it_alone(capsys, db_file, damage):
    damage(db_file)
    before = sha256(db_file)
    code, out, err = run(capsys, "check")
    assert code == 1
    assert "Healthy" not in out
    assert "damaged" in err or "problems" in err
    assert "backup" in err
    assert sha256(db_file) == before


# --- info ---------------------------------------------------------------------------------


def test_info_before_any_data_creates_nothing(capsys, hearth_home):
    code, out, _ = run(capsys, "info")
    assert code == 0
    assert str(hearth_home) in out
    assert "not created yet" in out
    assert not hearth_home.exists()


def test_info_json_before_any_data(capsys, hearth_home):
    code, out, _ = run(capsys, "info", "--json")
    assert code == 0
    info = json.loads(out)
    assert info["data_dir"] == str(hearth_home)
    assert info["exists"] is False
    assert info["size_bytes"] == 0
    assert info["schema_revision"] is None
    assert info["tables"] == {}


def test_info_json_describes_the_database(capsys, hearth_home, db_file):
    db = Database(db_file)
    Services.over(db).couple.setup("Zoë", "Łukasz")
    db.close()
    before = sha256(db_file)
    code, out, _ = run(capsys, "info", "--json")
    assert code == 0
    info = json.loads(out)
    assert info["data_dir"] == str(hearth_home)
    assert info["database"] == str(db_file)
    assert info["exists"] is True
    assert info["size_bytes"] == db_file.stat().st_size > 0
    assert info["schema_revision"] == head_revision()
    tables = info["tables"]
    assert {name: tables.get(name) for name in ("couple", "partner", "couple_settings")} == {
        "couple": 1,
        "partner": 2,
        "couple_settings": 1,
    }
    assert "alembic_version" not in tables
    assert sha256(db_file) == before


def test_info_prints_rows_per_table(capsys, db_file):
    code, out, _ = run(capsys, "info")
    assert code == 0
    assert f"Database:        {db_file}" in out
    assert f"Schema revision: {head_revision()}" in out
    assert "Size:" in out and "KB" in out
    assert "Rows per table:" in out
    rows = dict(line.split() for line in out.split("Rows per table:\n")[1].splitlines())
    assert {"couple", "couple_settings", "partner", "goal", "value"} <= set(rows)
    # A new database holds nothing but Hearth's starter values and ideas.
    assert {name: n for name, n in rows.items() if n != "0"} == {"value": "31", "idea": "64"}


def test_info_on_an_older_database_does_not_upgrade_it(capsys, older_db):
    before = sha256(older_db)
    code, out, _ = run(capsys, "info", "--json")
    assert code == 0
    info = json.loads(out)
    assert info["schema_revision"] == "0001"
    assert set(info["tables"]) == {"couple", "partner"}
    assert sha256(older_db) == before
    assert not backups_dir(older_db.parent).exists()


def test_info_refuses_a_foreign_file(capsys, home_db):
    ensure_private_dir(home_db.parent)
    _foreign_sqlite(home_db)
    before = sha256(home_db)
    code, out, err = run(capsys, "info", "--json")
    assert code == 1
    assert out == ""
    assert "another program" in err
    assert sha256(home_db) == before


# --- setup --------------------------------------------------------------------------------


def test_setup_creates_the_couple(capsys, home_db):
    code, out, err = run(capsys, "setup", "--names", "  Zoë ", "Łukasz")
    assert code == 0, err
    assert out.strip() == "Welcome to Hearth, Zoë and Łukasz."
    assert stored_names(home_db) == ("Zoë", "Łukasz")
    assert stored_colours(home_db) == ["teal", "terracotta"]


def test_setup_with_colours(capsys, home_db):
    code, _, err = run(capsys, "setup", "--names", "Ana", "Bo", "--colours", "ocean", "plum")
    assert code == 0, err
    assert stored_colours(home_db) == ["ocean", "plum"]


def test_setup_a_second_time_is_refused_and_keeps_the_couple(capsys, home_db):
    assert run(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    code, out, err = run(capsys, "setup", "--names", "Ana", "Bo")
    assert code == 1
    assert out == ""
    assert "already set up" in err
    assert stored_names(home_db) == ("Zoë", "Łukasz")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--names", "Zoë", "ZOË"], "different names"),
        (["--names", "Zoë", "Zoe\u0308"], "different names"),
        (["--names", "Zoë", "x" * 41], "40 characters"),
        (["--names", "", "Łukasz"], "write a name"),
        (["--names", "Zoë", "Łu\nkasz"], "line breaks"),
        (["--names", "Zoë", "Łukasz", "--colours", "teal", "teal"], "different colour"),
        (["--names", "Zoë", "Łukasz", "--colours", "pink", "teal"], "Hearth's colours"),
    ],
)
def test_setup_refuses_bad_input_and_stores_no_couple(capsys, home_db, argv, words):
    code, out, err = run(capsys, "setup", *argv)
    assert code == 1
    assert out == ""
    assert words in err
    assert not home_db.exists()  # refused before anything was created


@pytest.mark.parametrize(
    "argv",
    [
        ["setup"],
        ["setup", "--names", "Zoë"],
        ["setup", "--names", "Zoë", "Łukasz", "--colours", "teal"],
    ],
)
def test_setup_usage_errors(capsys, hearth_home, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "usage:" in err
    assert not db_path(hearth_home).exists()


# --- demo ---------------------------------------------------------------------------------


def test_demo_creates_the_demo_couple(capsys, home_db):
    code, out, err = run(capsys, "demo")
    assert code == 0, err
    assert out.strip() == "Demo data for Zoë and Łukasz: a new demo couple, 2 years (seed 1)."
    assert stored_names(home_db) == ("Zoë", "Łukasz")


def test_demo_uses_the_couple_already_there(capsys, home_db):
    run(capsys, "setup", "--names", "Ana", "Bo")
    code, out, _ = run(capsys, "demo", "--years", "3", "--seed", "42")
    assert code == 0
    assert out.strip() == "Demo data for Ana and Bo: 3 years (seed 42)."
    assert stored_names(home_db) == ("Ana", "Bo")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--years", "0"], "must be 1 or more"),
        (["--years", "-1"], "must be 1 or more"),
        (["--years", "two"], "is not a whole number"),
        (["--scale", "0"], "must be 1 or more"),
        (["--seed", "x"], "invalid int value"),
    ],
)
def test_demo_usage_errors_exit_2(capsys, hearth_home, argv, words):
    code, out, err = run(capsys, "demo", *argv)
    assert code == 2
    assert out == ""
    assert words in err
    assert not db_path(hearth_home).exists()


def test_demo_refuses_too_many_years(capsys, home_db):
    code, _, err = run(capsys, "demo", "--years", "51")
    assert code == 1
    assert "between 1 and 50 years" in err
    assert stored_names(home_db) is None


def test_demo_refuses_a_database_with_entries_unless_forced(capsys, home_db, monkeypatch):
    monkeypatch.setattr(
        "app.persistence.repositories.StatsRepository.entries_beyond_couple", lambda self: 5
    )
    code, out, err = run(capsys, "demo")
    assert code == 1
    assert out == ""
    assert "--force" in err
    assert stored_names(home_db) is None

    code, out, err = run(capsys, "demo", "--force")
    assert code == 0, err
    assert "Zoë and Łukasz" in out
    assert stored_names(home_db) == ("Zoë", "Łukasz")


def test_demo_refuses_a_foreign_file(capsys, home_db):
    ensure_private_dir(home_db.parent)
    _foreign_sqlite(home_db)
    before = sha256(home_db)
    code, _, err = run(capsys, "demo")
    assert code == 1
    assert "another program" in err
    assert sha256(home_db) == before


# --- the command line as a whole ------------------------------------------------------------


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["--data-dir"], ["info", "--jsn"]])
def test_usage_errors_exit_2(capsys, hearth_home, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "usage: hearth-cli" in err
    assert not hearth_home.exists()


def test_help_lists_every_command(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("check", "info", "setup", "demo"):
        assert command in out


def test_data_dir_option_wins_over_hearth_home(capsys, hearth_home, tmp_path):
    other = tmp_path / "elsewhere"
    code, _, err = run(capsys, "--data-dir", str(other), "setup", "--names", "Ana", "Bo")
    assert code == 0, err
    assert stored_names(db_path(other)) == ("Ana", "Bo")
    assert not db_path(hearth_home).exists()

    code, out, _ = run(capsys, "--data-dir", str(other), "info", "--json")
    assert json.loads(out)["database"] == str(db_path(other))
    code, out, _ = run(capsys, "--data-dir", str(other), "check")
    assert code == 0 and str(db_path(other)) in out


def test_data_dir_may_follow_the_command(capsys, hearth_home, tmp_path):
    other = tmp_path / "elsewhere"
    code, _, err = run(capsys, "demo", "--data-dir", str(other))  # as the README says
    assert code == 0, err
    assert db_path(other).exists() and not db_path(hearth_home).exists()
    code, out, err = run(capsys, "checkins", "stats", "--from", "2026-01-01", "--to",
                         "2026-01-31", "--data-dir", str(other), "--json")
    assert code == 0, err
    assert json.loads(out)  # the demo couple's weeks, read from the folder given
    code, out, _ = run(capsys, "--data-dir", str(hearth_home), "info", "--json",
                       "--data-dir", str(other))  # the last one given wins
    assert json.loads(out)["database"] == str(db_path(other))


def test_hearth_home_is_used_without_the_option(capsys, hearth_home, tmp_path, monkeypatch):
    moved = tmp_path / "moved-home"
    monkeypatch.setenv("HEARTH_HOME", str(moved))
    assert run(capsys, "setup", "--names", "Ana", "Bo")[0] == 0
    assert stored_names(db_path(moved)) == ("Ana", "Bo")
    assert not hearth_home.exists()


def test_an_unexpected_error_is_one_plain_line(capsys, home_db, monkeypatch, hearth_home):
    def explode(*args, **kwargs):
        raise RuntimeError("disk gremlins")

    monkeypatch.setattr("app.services.demo.DemoService.generate", explode)
    code, out, err = run(capsys, "demo", crash_expected=True)
    assert code == 1
    assert out == ""
    assert "something unexpected went wrong (RuntimeError)" in err
    assert "HEARTH_DEBUG=1" in err
    assert "disk gremlins" not in err  # an error's message may hold the couple's words
    logged = log_path(hearth_home).read_text()
    assert "hearth-cli demo" in logged and "RuntimeError" in logged
    assert "disk gremlins" not in logged

    monkeypatch.setenv("HEARTH_DEBUG", "1")
    with pytest.raises(RuntimeError, match="disk gremlins"):
        main(["demo"])


def test_ctrl_c_stops_quietly(capsys, home_db, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("app.services.demo.DemoService.generate", interrupted)
    code, _, err = run(capsys, "demo")
    assert code == 130
    assert "stopped" in err


# --- as its own process -------------------------------------------------------------------


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, HEARTH_HOME=str(home))
    env.pop("HEARTH_DEBUG", None)
    return env


def test_the_module_runs_as_a_program(hearth_home):
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "setup", "--names", "Zoë", "Łukasz"],
        cwd=ROOT,
        env=_env(hearth_home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Welcome to Hearth, Zoë and Łukasz." in result.stdout
    assert stored_names(db_path(hearth_home)) == ("Zoë", "Łukasz")


def test_the_command_line_never_loads_qt(hearth_home):
    code = (
        "import sys, app.cli\n"
        "app.cli.main(['setup', '--names', 'Zoë', 'Łukasz'])\n"
        "app.cli.main(['info'])\n"
        "app.cli.main(['check'])\n"
        "print('PySide6' in sys.modules, 'matplotlib' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_env(hearth_home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Healthy" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "False False"
