"""hearth-cli calendar list / import-ics / export-ics: what a person types, what they see,
and that looking never changes the file.

A refusal exits 1 (or 2 for a malformed argument), says why in plain words on stderr, and
stores nothing.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.domain.calendar import EventInput
from app.paths import db_path
from tests.helpers import fresh, sha256
from tests.helpers import run_cli as run

BERLIN = "Europe/Berlin"
FRIDAY = datetime(2026, 3, 6, 19, 30)
KEYS = ("title", "start", "end", "all_day", "kind", "status")

ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Hearth//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:walk-1@example.com\r\nDTSTAMP:20260101T100000Z\r\n"
    b"DTSTART;TZID=Europe/Berlin:20260308T100000\r\n"
    b"DTEND;TZID=Europe/Berlin:20260308T113000\r\n"
    b"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=3\r\nSUMMARY:Sunday walk\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:anniversary-1@example.com\r\nDTSTAMP:20260101T100000Z\r\n"
    b"DTSTART;VALUE=DATE:20260312\r\nDTEND;VALUE=DATE:20260313\r\n"
    b"SUMMARY:Our anniversary\r\nEND:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)


@pytest.fixture
def home(capsys, db_file: Path) -> Path:
    """A couple set up through the CLI, as a person would."""
    code, _, err = run(capsys, "setup", "--names", "Zoë", "Łukasz")
    assert code == 0, err
    return db_file


@pytest.fixture
def planned(home: Path) -> Path:
    """A weekly date night in Berlin (one skipped), and an all-day spa day."""
    with fresh(home) as services:
        event, _ = services.calendar.create(EventInput(
            "Date night 🍝", "date_night", FRIDAY, FRIDAY + timedelta(hours=2), tz=BERLIN,
            rrule="FREQ=WEEKLY;BYDAY=FR"))
        services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=1), "skipped")
        services.calendar.create(EventInput("Spa day", "rest", datetime(2026, 3, 29),
                                            datetime(2026, 3, 30), all_day=True))
    return home


def listed(capsys, first: str, last: str) -> list[dict]:
    code, out, err = run(capsys, "calendar", "list", "--from", first, "--to", last, "--json")
    assert code == 0, err
    assert err == ""
    return json.loads(out)


def picked(rows: list[dict]) -> list[dict]:
    return [{key: row[key] for key in KEYS} for row in rows]


# --- list ---------------------------------------------------------------------------------------


def test_list_json_shows_each_date_with_offsets_and_all_day_dates(capsys, planned):
    before = sha256(planned)
    rows = listed(capsys, "2026-03-01", "2026-04-05")
    assert picked(rows) == [
        {"title": "Date night 🍝", "start": "2026-03-06T19:30:00+01:00",
         "end": "2026-03-06T21:30:00+01:00", "all_day": False, "kind": "date_night",
         "status": "planned"},
        {"title": "Date night 🍝", "start": "2026-03-13T19:30:00+01:00",
         "end": "2026-03-13T21:30:00+01:00", "all_day": False, "kind": "date_night",
         "status": "skipped"},
        {"title": "Date night 🍝", "start": "2026-03-20T19:30:00+01:00",
         "end": "2026-03-20T21:30:00+01:00", "all_day": False, "kind": "date_night",
         "status": "planned"},
        {"title": "Date night 🍝", "start": "2026-03-27T19:30:00+01:00",
         "end": "2026-03-27T21:30:00+01:00", "all_day": False, "kind": "date_night",
         "status": "planned"},
        {"title": "Spa day", "start": "2026-03-29", "end": "2026-03-30", "all_day": True,
         "kind": "rest", "status": "planned"},
        {"title": "Date night 🍝", "start": "2026-04-03T19:30:00+02:00",
         "end": "2026-04-03T21:30:00+02:00", "all_day": False, "kind": "date_night",
         "status": "planned"},
    ]
    for row in rows:
        if not row["all_day"]:
            assert datetime.fromisoformat(row["start"]).tzinfo is not None
    assert sha256(planned) == before


def test_list_without_json_reads_as_a_list_of_dates(capsys, planned):
    code, out, err = run(capsys, "calendar", "list", "--from", "2026-03-13", "--to", "2026-03-29")
    assert code == 0, err
    assert out.splitlines() == [
        "Fri 13 Mar 2026 19:30–21:30  Date night: Date night 🍝 (skipped)",
        "Fri 20 Mar 2026 19:30–21:30  Date night: Date night 🍝",
        "Fri 27 Mar 2026 19:30–21:30  Date night: Date night 🍝",
        "Sun 29 Mar 2026, all day  Rest together: Spa day",
    ]


def test_list_of_empty_dates_says_so(capsys, planned):
    code, out, _ = run(capsys, "calendar", "list", "--from", "2026-01-01", "--to", "2026-01-31")
    assert (code, out) == (0, "Nothing planned in those dates.\n")
    assert listed(capsys, "2026-01-01", "2026-01-31") == []


def test_list_a_single_day(capsys, planned):
    assert [r["start"] for r in listed(capsys, "2026-03-20", "2026-03-20")] == [
        "2026-03-20T19:30:00+01:00"]


@pytest.mark.parametrize(("first", "last", "words"), [
    ("2026-03-10", "2026-03-01", "--from must be on or before --to."),
    ("1969-12-31", "2026-03-01", "Please choose dates from 1970 to 2999."),
    ("2999-12-01", "3000-01-01", "Please choose dates from 1970 to 2999."),
    ("2000-01-01", "2021-01-02", "Please list at most twenty years at a time."),
])
def test_list_refuses_ranges_it_cannot_show(capsys, planned, first, last, words):
    before = sha256(planned)
    code, out, err = run(capsys, "calendar", "list", "--from", first, "--to", last, "--json")
    assert (code, out) == (1, "")
    assert words in err
    assert sha256(planned) == before


def test_list_over_twenty_years_exactly_is_fine(capsys, planned):
    rows = listed(capsys, "2026-01-01", "2045-12-31")
    assert len(rows) > 1000 and rows[-1]["start"] == "2045-12-29T19:30:00+01:00"


@pytest.mark.parametrize("argv", [
    ["--from", "2026-02-30", "--to", "2026-03-01"],
    ["--from", "next friday", "--to", "2026-03-01"],
    ["--from", "2026-03-01"],
])
def test_list_usage_errors_exit_2(capsys, planned, argv):
    before = sha256(planned)
    code, out, err = run(capsys, "calendar", "list", *argv)
    assert (code, out) == (2, "")
    assert "usage:" in err
    assert sha256(planned) == before


def test_a_bad_date_says_what_a_date_looks_like(capsys, planned):
    code, _, err = run(capsys, "calendar", "list", "--from", "2026-13-01", "--to", "2026-12-31")
    assert code == 2
    assert "“2026-13-01” is not a date like 2026-11-23" in err


def test_list_before_setup_says_what_to_do(capsys, hearth_home):
    code, out, err = run(capsys, "calendar", "list", "--from", "2026-03-01", "--to",
                         "2026-03-31")
    assert (code, out) == (1, "")
    assert "hearth-cli setup --names" in err
    assert not db_path(hearth_home).exists()


def test_list_with_a_database_but_no_couple_asks_for_the_names(capsys, db_file):
    before = sha256(db_file)
    code, out, err = run(capsys, "calendar", "list", "--from", "2026-03-01", "--to",
                         "2026-03-31")
    assert (code, out) == (1, "")
    assert "both names" in err
    assert sha256(db_file) == before


# --- import-ics -----------------------------------------------------------------------------------


def test_import_adds_the_events_and_says_how_many(capsys, home, tmp_path):
    source = tmp_path / "from-google.ics"
    source.write_bytes(ICS)
    code, out, err = run(capsys, "calendar", "import-ics", str(source))
    assert (code, err) == (0, "")
    assert out == "Imported 2 events from from-google.ics.\n"
    assert picked(listed(capsys, "2026-03-01", "2026-04-30")) == [
        {"title": "Sunday walk", "start": "2026-03-08T10:00:00+01:00",
         "end": "2026-03-08T11:30:00+01:00", "all_day": False, "kind": "walk",
         "status": "planned"},
        {"title": "Our anniversary", "start": "2026-03-12", "end": "2026-03-13",
         "all_day": True, "kind": "other", "status": "planned"},
        {"title": "Sunday walk", "start": "2026-03-22T10:00:00+01:00",
         "end": "2026-03-22T11:30:00+01:00", "all_day": False, "kind": "walk",
         "status": "planned"},
        {"title": "Sunday walk", "start": "2026-04-05T10:00:00+02:00",
         "end": "2026-04-05T11:30:00+02:00", "all_day": False, "kind": "walk",
         "status": "planned"},
    ]


def test_import_of_one_event_says_event(capsys, home, tmp_path):
    source = tmp_path / "one.ics"
    source.write_bytes(ICS.replace(ICS[ICS.index(b"BEGIN:VEVENT\r\nUID:anniversary"):
                                       ICS.index(b"END:VCALENDAR")], b""))
    code, out, _ = run(capsys, "calendar", "import-ics", str(source))
    assert (code, out) == (0, "Imported 1 event from one.ics.\n")


@pytest.mark.parametrize(("name", "content", "words"), [
    ("missing.ics", None, "There is no file"),
    ("a-folder.ics", "folder", "is a folder, not a calendar file"),
    ("garbage.ics", b"PK\x03\x04 this is a zip file", "isn't a calendar Hearth can read"),
    ("empty.ics", b"", "holds no calendar"),
    ("truncated.ics", ICS[:200], "Nothing was imported"),
    ("half-good.ics", ICS.replace(b"DTSTART;VALUE=DATE:20260312\r\n", b""), "Event 2"),
])
def test_import_refuses_what_is_not_a_calendar_and_stores_nothing(capsys, planned, tmp_path,
                                                                   name, content, words):
    source = tmp_path / name
    if content == "folder":
        source.mkdir()
    elif content is not None:
        source.write_bytes(content)
    before = sha256(planned)
    code, out, err = run(capsys, "calendar", "import-ics", str(source))
    assert (code, out) == (1, "")
    assert words in err
    assert sha256(planned) == before
    with fresh(planned) as services:
        assert [e.title for e in services.calendar.events()] == ["Date night 🍝", "Spa day"]


def test_import_before_setup_asks_for_the_names_and_stores_nothing(capsys, hearth_home,
                                                                    tmp_path):
    source = tmp_path / "calendar.ics"
    source.write_bytes(ICS)
    code, out, err = run(capsys, "calendar", "import-ics", str(source))
    assert (code, out) == (1, "")
    assert "both names" in err
    path = db_path(hearth_home)
    if path.exists():
        with fresh(path) as services:
            assert services.calendar.events() == ()


# --- export-ics -----------------------------------------------------------------------------------


def test_export_writes_a_file_that_imports_back_the_same_dates(capsys, planned, tmp_path):
    target = tmp_path / "our dates.ics"
    before = sha256(planned)
    code, out, err = run(capsys, "calendar", "export-ics", str(target))
    assert (code, err) == (0, "")
    assert out == f"Wrote {target}.\n"
    assert sha256(planned) == before
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert not list(tmp_path.glob("*.partial"))
    mine = listed(capsys, "2026-01-01", "2027-12-31")
    other = tmp_path / "other-computer"
    code, _, err = run(capsys, "--data-dir", str(other), "setup", "--names", "Ana", "Ben")
    assert code == 0, err
    code, out, err = run(capsys, "--data-dir", str(other), "calendar", "import-ics",
                         str(target))
    assert (code, out) == (0, "Imported 2 events from our dates.ics.\n"), err
    code, out, err = run(capsys, "--data-dir", str(other), "calendar", "list", "--from",
                         "2026-01-01", "--to", "2027-12-31", "--json")
    assert code == 0, err
    assert json.loads(out) == mine


def test_export_of_some_dates(capsys, planned, tmp_path):
    with fresh(planned) as services:
        services.calendar.create(EventInput("Trip", "adventure", datetime(2027, 8, 1, 9),
                                            datetime(2027, 8, 1, 18), tz=BERLIN))
    target = tmp_path / "march.ics"
    code, _, err = run(capsys, "calendar", "export-ics", str(target), "--from", "2026-03-01",
                       "--to", "2026-03-31")
    assert code == 0, err
    text = target.read_text()
    assert "SUMMARY:Date night 🍝" in text and "SUMMARY:Spa day" in text
    assert "SUMMARY:Trip" not in text


def test_export_replaces_an_older_file(capsys, planned, tmp_path):
    target = tmp_path / "calendar.ics"
    target.write_text("old")
    code, _, _ = run(capsys, "calendar", "export-ics", str(target))
    assert code == 0
    assert target.read_text().startswith("BEGIN:VCALENDAR")


@pytest.mark.parametrize(("where", "extra", "words"), [
    ("folder", [], "is a folder; please give a file name ending in .ics."),
    ("missing/folder/calendar.ics", [], "can't be written"),
    ("calendar.ics", ["--from", "2026-04-01", "--to", "2026-03-01"],
     "--from must be on or before --to."),
])
def test_export_refusals_exit_1_and_write_nothing(capsys, planned, tmp_path, where, extra,
                                                  words):
    target = tmp_path / where
    if where == "folder":
        target.mkdir()
    before = sha256(planned)
    code, out, err = run(capsys, "calendar", "export-ics", str(target), *extra)
    assert (code, out) == (1, "")
    assert words in err
    assert sha256(planned) == before
    assert not target.is_file()
    assert not list(tmp_path.rglob("*.partial"))


def test_export_before_setup_says_what_to_do(capsys, hearth_home, tmp_path):
    target = tmp_path / "calendar.ics"
    code, out, err = run(capsys, "calendar", "export-ics", str(target))
    assert (code, out) == (1, "")
    assert "hearth-cli setup --names" in err
    assert not target.exists()
    assert not db_path(hearth_home).exists()


def test_export_of_an_empty_calendar_is_a_calendar_with_nothing_in_it(capsys, home, tmp_path):
    target = tmp_path / "empty.ics"
    code, _, _ = run(capsys, "calendar", "export-ics", str(target))
    assert code == 0
    text = target.read_text()
    assert text.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" not in text
