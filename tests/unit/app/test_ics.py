"""The calendar leaves and enters Hearth as iCalendar (.ics): what Hearth writes brings back
the same dates in another Hearth, what other calendar apps write comes in as the couple
would expect, and a file Hearth can't use is refused whole with a message.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from app.domain import changes
from app.domain.calendar import EventInput, Occurrence
from app.domain.errors import NotFoundError, ValidationError
from app.persistence.migrate import open_database
from app.services import Services
from app.services.calendar import Event

BERLIN, NEW_YORK, TOKYO = "Europe/Berlin", "America/New_York", "Asia/Tokyo"
FIRST, LAST = date(2026, 1, 1), date(2027, 12, 31)  # two years
FRIDAY = datetime(2026, 1, 2, 19, 30)
SPLIT = datetime(2026, 6, 5, 19, 30)


@pytest.fixture
def other(template_db: Path, tmp_path: Path) -> Iterator[Services]:
    """A second Hearth (another computer, or a fresh start), with its own couple."""
    path = tmp_path / "other-computer" / "hearth.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(template_db, path)
    services = Services.over(open_database(path))
    services.couple.setup("Ana", "Ben")
    yield services
    services.close()


def create(services: Services, title: str, start: datetime, hours: float = 2, *,
           tz: str | None = BERLIN, kind: str = "date_night", **more) -> Event:
    end = start + timedelta(days=1) if more.get("all_day") else start + timedelta(hours=hours)
    event, _ = services.calendar.create(EventInput(title, kind, start, end, tz=tz, **more))
    return event


def seen(o: Occurrence) -> tuple:
    """What a person sees of one date."""
    return (o.title, o.start, o.end, o.all_day, o.kind, o.status, o.moved, o.location, o.notes,
            o.devices_away)


def everything(services: Services, first: date = FIRST, last: date = LAST) -> list[tuple]:
    return [seen(o) for o in services.calendar.occurrences(first, last)]


def unfolded(content: bytes) -> list[str]:
    """The lines of an .ics file with folded lines joined again."""
    return content.decode().replace("\r\n ", "").splitlines()


def vevents(content: bytes) -> list:
    return list(Calendar.from_ical(content).walk("VEVENT"))


@pytest.fixture
def planned(services: Services, couple) -> dict[str, Event]:
    """Two years of quality time with every kind of change a series can have."""
    cal = services.calendar
    date_night = create(services, "Date night", FRIDAY, 2.5, location="Trattoria, Hauptstraße 5",
                        notes="One of us chooses;\nthe other is surprised, promise ✨",
                        devices_away=True, rrule="FREQ=WEEKLY;BYDAY=FR")
    cal.set_status(date_night.id, FRIDAY, "done")
    cal.set_status(date_night.id, FRIDAY + timedelta(weeks=1), "skipped")
    cal.delete(date_night.id, FRIDAY + timedelta(weeks=2), "this")  # cancelled
    saturday = datetime(2026, 1, 24, 18, 0)
    cal.update(date_night.id, FRIDAY + timedelta(weeks=3), replace(
        date_night.as_input(), title="Date night (Saturday)", start=saturday,
        end=saturday + timedelta(hours=2), rrule=None), "this")  # moved
    later = SPLIT.replace(hour=20)
    summer, _ = cal.update(date_night.id, SPLIT, replace(
        date_night.as_input(), start=later, end=later + timedelta(hours=2.5)), "following")
    anniversary = create(services, "Our anniversary", datetime(2026, 6, 12), tz=None,
                         kind="other", all_day=True, rrule="FREQ=YEARLY")
    cal.delete(anniversary.id, datetime(2027, 6, 12), "this")
    walks = create(services, "Walk in Central Park", datetime(2026, 1, 4, 10, 0), 1.5,
                   tz=NEW_YORK, kind="walk", rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=20")
    brunch = create(services, "Brunch", datetime(2026, 2, 7, 11, 0), kind="cooking",
                    rrule="FREQ=MONTHLY;BYDAY=1SA;UNTIL=20270630T235959")
    trip = create(services, "Trip to Kyoto", datetime(2026, 8, 1, 9, 0), 57, tz=TOKYO,
                  kind="adventure")
    cal.set_status(trip.id, None, "done")
    return {"date night": cal.get(date_night.id), "summer": summer,
            "anniversary": cal.get(anniversary.id), "walks": walks, "brunch": brunch,
            "trip": cal.get(trip.id)}


# --- export, and back in --------------------------------------------------------------------------


def test_an_export_brings_back_the_same_two_years_in_another_hearth(services, planned, other):
    content = services.ics.export()
    count, bus = other.ics.import_(content)
    assert count == 6
    assert bus.kinds == {changes.CALENDAR}
    mine, theirs = everything(services), everything(other)
    assert len(mine) > 140
    assert theirs == mine
    shown = {(o[0], o[1].replace(tzinfo=None)): o for o in theirs}
    # across the spring change the date night kept its wall-clock time
    assert shown[("Date night", datetime(2026, 3, 27, 19, 30))][1].utcoffset() == timedelta(
        hours=1)
    assert shown[("Date night", datetime(2026, 4, 3, 19, 30))][1].utcoffset() == timedelta(
        hours=2)
    assert shown[("Date night", FRIDAY)][5] == "done"
    assert shown[("Date night", FRIDAY + timedelta(weeks=1))][5] == "skipped"
    assert ("Date night", FRIDAY + timedelta(weeks=2)) not in shown
    assert shown[("Date night (Saturday)", datetime(2026, 1, 24, 18, 0))][6] is True
    assert ("Date night", SPLIT) not in shown and ("Date night", SPLIT.replace(hour=20)) in shown
    assert [o[1] for o in theirs if o[0] == "Our anniversary"] == [datetime(2026, 6, 12)]
    assert len([o for o in theirs if o[0] == "Walk in Central Park"]) == 20
    assert [o[1].replace(tzinfo=None) for o in theirs if o[0] == "Brunch"][-1] == datetime(
        2027, 6, 5, 11, 0)


def test_the_export_describes_every_zone_once(services, planned):
    calendar = Calendar.from_ical(services.ics.export())
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert sorted(zones) == sorted([BERLIN, NEW_YORK, TOKYO])


def test_the_export_writes_until_in_utc_and_all_day_until_as_a_date(services, planned):
    split = datetime(2029, 6, 12)
    services.calendar.update(planned["anniversary"].id, split, replace(
        planned["anniversary"].as_input(), title="Our anniversary 💍", start=split,
        end=split + timedelta(days=1)), "following")
    lines = unfolded(services.ics.export())
    rules = [line for line in lines if line.startswith("RRULE:")]
    untils = [re.search(r"UNTIL=([0-9TZ]+)", r).group(1) for r in rules if "UNTIL=" in r]
    # the old date night ended just before 5 June 19:30 in Berlin (summer time, UTC+2)
    assert "20260605T172959Z" in untils
    # the brunch ran until 30 June 2027 23:59:59 Berlin time
    assert "20270630T215959Z" in untils
    # the anniversary now ends before 2029: a date, as an all-day rule needs
    assert "20290611" in untils
    assert len(untils) == 3
    assert "COUNT=20" in next(r for r in rules if "INTERVAL=2" in r)


def test_the_export_names_cancelled_and_moved_dates(services, planned):
    lines = unfolded(services.ics.export())
    assert "EXDATE;TZID=Europe/Berlin:20260116T193000" in lines
    assert "EXDATE;VALUE=DATE:20270612" in lines
    moved = next(e for e in vevents(services.ics.export())
                 if str(e.get("summary")) == "Date night (Saturday)")
    assert moved.decoded("recurrence-id") == datetime(2026, 1, 23, 19, 30,
                                                      tzinfo=ZoneInfo(BERLIN))
    assert moved.decoded("dtstart") == datetime(2026, 1, 24, 18, 0, tzinfo=ZoneInfo(BERLIN))
    assert str(moved["uid"]) == planned["date night"].uid
    statuses = {e.decoded("recurrence-id"): str(e.get("x-hearth-status"))
                for e in vevents(services.ics.export()) if e.get("recurrence-id")}
    assert statuses[FRIDAY.replace(tzinfo=ZoneInfo(BERLIN))] == "DONE"
    assert statuses[(FRIDAY + timedelta(weeks=1)).replace(tzinfo=ZoneInfo(BERLIN))] == "SKIPPED"


def test_each_series_keeps_its_uid_and_an_edit_raises_its_sequence(services, couple):
    cal = services.calendar
    event = create(services, "Date night", FRIDAY, rrule="FREQ=WEEKLY;BYDAY=FR")

    def series() -> dict[str, int]:
        return {str(e["uid"]): int(e["sequence"]) for e in vevents(services.ics.export())
                if not e.get("recurrence-id")}

    assert series() == {event.uid: 0}
    assert series() == {event.uid: 0}  # the same UID every time
    cal.update(event.id, None, replace(event.as_input(), location="Jazz bar"), "all")
    assert series() == {event.uid: 1}
    cal.update(event.id, FRIDAY + timedelta(weeks=1), replace(
        event.as_input(), start=FRIDAY + timedelta(days=8), end=FRIDAY + timedelta(days=8, hours=2),
        rrule=None), "this")
    assert series() == {event.uid: 2}
    split = FRIDAY + timedelta(weeks=4)
    new, _ = cal.update(event.id, split, replace(
        event.as_input(), start=split, end=split + timedelta(hours=2)), "following")
    found = series()
    assert found[event.uid] == 3
    assert new.uid != event.uid and found[new.uid] == 0


def test_an_export_of_some_dates_leaves_out_series_that_are_over_or_not_begun(services,
                                                                                 planned):
    def exported(first: date, last: date) -> dict[str, str]:
        return {str(e["uid"]): str(e["summary"]) for e in vevents(services.ics.export(first,
                                                                                       last))}

    december = exported(date(2026, 12, 1), date(2026, 12, 31))
    assert sorted(december.values()) == ["Brunch", "Date night", "Our anniversary"]
    assert planned["summer"].uid in december and planned["date night"].uid not in december
    august = exported(date(2026, 8, 2), date(2026, 8, 2))
    assert "Trip to Kyoto" in august.values()
    assert exported(date(2025, 1, 1), date(2025, 11, 30)) == {}


def test_an_all_day_date_moved_and_marked_comes_back_the_same(services, couple, other):
    cal = services.calendar
    event = create(services, "Our anniversary", datetime(2026, 6, 12), tz=None, kind="other",
                   all_day=True, rrule="FREQ=YEARLY")
    cal.set_status(event.id, datetime(2026, 6, 12), "done")
    cal.update(event.id, datetime(2027, 6, 12), replace(
        event.as_input(), title="Anniversary weekend", start=datetime(2027, 6, 12),
        end=datetime(2027, 6, 14), rrule=None), "this")
    cal.delete(event.id, datetime(2028, 6, 12), "this")
    lines = unfolded(services.ics.export())
    assert "RECURRENCE-ID;VALUE=DATE:20270612" in lines
    assert "EXDATE;VALUE=DATE:20280612" in lines
    other.ics.import_(services.ics.export())
    theirs = everything(other, date(2026, 1, 1), date(2029, 12, 31))
    assert theirs == everything(services, date(2026, 1, 1), date(2029, 12, 31))
    assert [(o[0], o[1], o[2], o[5]) for o in theirs] == [
        ("Our anniversary", datetime(2026, 6, 12), datetime(2026, 6, 13), "done"),
        ("Anniversary weekend", datetime(2027, 6, 12), datetime(2027, 6, 14), "planned"),
        ("Our anniversary", datetime(2029, 6, 12), datetime(2029, 6, 13), "planned"),
    ]


def test_an_empty_calendar_exports_as_a_valid_file_with_no_events(services, couple, other):
    content = services.ics.export()
    assert content.startswith(b"BEGIN:VCALENDAR") and vevents(content) == []


notes = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
                max_size=200)
titles = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co")),
                 min_size=1, max_size=60).filter(lambda t: t.strip() and t.isprintable())


@given(title=titles, note=notes)
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_titles_and_notes_in_any_script_survive_the_trip(services, couple, other, title, note):
    try:
        event = create(services, title, FRIDAY, notes=note)
    except ValidationError:
        return  # not a title Hearth takes in the first place
    content = services.ics.export()
    services.calendar.delete(event.id)
    other.ics.import_(content)
    newest = max(other.calendar.events(), key=lambda e: e.id)
    assert (newest.title, newest.notes) == (event.title, event.notes)


# --- files from other calendar apps -----------------------------------------------------------


GOOGLE = b"""BEGIN:VCALENDAR\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
VERSION:2.0\r
CALSCALE:GREGORIAN\r
METHOD:PUBLISH\r
X-WR-CALNAME:Us\r
X-WR-TIMEZONE:Europe/Berlin\r
BEGIN:VTIMEZONE\r
TZID:Europe/Berlin\r
X-LIC-LOCATION:Europe/Berlin\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
TZNAME:CEST\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
TZNAME:CET\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/Berlin:20260306T193000\r
DTEND;TZID=Europe/Berlin:20260306T213000\r
RRULE:FREQ=WEEKLY;UNTIL=20261030T183000Z;BYDAY=FR\r
EXDATE;TZID=Europe/Berlin:20260410T193000\r
DTSTAMP:20261120T101010Z\r
UID:7kukuqrfedlm2f3d4k4h8f6j1a@google.com\r
CREATED:20260201T101010Z\r
DESCRIPTION:\r
LAST-MODIFIED:20260201T101010Z\r
LOCATION:Trattoria Da Luigi\\, Hauptstra\xc3\x9fe 5\\, Berlin\r
SEQUENCE:2\r
STATUS:CONFIRMED\r
SUMMARY:Date night\r
TRANSP:OPAQUE\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/Berlin:20260418T190000\r
DTEND;TZID=Europe/Berlin:20260418T210000\r
DTSTAMP:20261120T101010Z\r
UID:7kukuqrfedlm2f3d4k4h8f6j1a@google.com\r
RECURRENCE-ID;TZID=Europe/Berlin:20260417T193000\r
SEQUENCE:3\r
SUMMARY:Date night (Saturday)\r
END:VEVENT\r
END:VCALENDAR\r
"""

APPLE = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Apple Inc.//macOS 14.1//EN\r
CALSCALE:GREGORIAN\r
X-WR-CALNAME:Home\r
X-WR-TIMEZONE:America/New_York\r
BEGIN:VTIMEZONE\r
TZID:America/New_York\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:-0500\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r
DTSTART:20070311T020000\r
TZNAME:EDT\r
TZOFFSETTO:-0400\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:-0400\r
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
DTSTART:20071104T020000\r
TZNAME:EST\r
TZOFFSETTO:-0500\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
CREATED:20260101T120000Z\r
DTSTAMP:20260101T120000Z\r
UID:5A1C2D3E-4F50-6172-8394-A5B6C7D8E9F0\r
DTSTART;VALUE=DATE:20260612\r
DTEND;VALUE=DATE:20260613\r
RRULE:FREQ=YEARLY\r
SUMMARY:Our anniversary\r
TRANSP:TRANSPARENT\r
SEQUENCE:0\r
END:VEVENT\r
BEGIN:VEVENT\r
CREATED:20260101T120000Z\r
DTSTAMP:20260101T120000Z\r
UID:9C3E4F50-6172-8394-A5B6-C7D8E9F0A1B2\r
DTSTART;VALUE=DATE:20260801\r
DTEND;VALUE=DATE:20260804\r
SUMMARY:Trip to the coast\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:6B2D3E4F-5061-7283-94A5-B6C7D8E9F0A1\r
DTSTAMP:20260101T120000Z\r
DTSTART;TZID=America/New_York:20260315T100000\r
DTEND;TZID=America/New_York:20260315T113000\r
SUMMARY:Hike in the park\r
END:VEVENT\r
END:VCALENDAR\r
"""

OUTLOOK = b"""BEGIN:VCALENDAR\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
VERSION:2.0\r
METHOD:PUBLISH\r
BEGIN:VTIMEZONE\r
TZID:W. Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16011028T030000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010325T020000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
CLASS:PUBLIC\r
CREATED:20260110T090000Z\r
DTEND;TZID="W. Europe Standard Time":20260109T213000\r
DTSTAMP:20260110T090000Z\r
DTSTART;TZID="W. Europe Standard Time":20260109T193000\r
PRIORITY:5\r
RRULE:FREQ=WEEKLY;BYDAY=FR\r
SEQUENCE:0\r
SUMMARY;LANGUAGE=de-de:Date night\r
TRANSP:OPAQUE\r
UID:040000008200E00074C5B7101A82E00800000000D0B1C2D3E4F5D9010000000000000000100\r
 00000A1B2C3D4E5F60718293A4B5C6D7E8F90\r
X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r
END:VEVENT\r
END:VCALENDAR\r
"""

THUNDERBIRD = b"""BEGIN:VCALENDAR\r
PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r
VERSION:2.0\r
BEGIN:VTIMEZONE\r
TZID:Europe/London\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0000\r
TZOFFSETTO:+0100\r
TZNAME:BST\r
DTSTART:19700329T010000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0000\r
TZNAME:GMT\r
DTSTART:19701025T020000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
CREATED:20260101T100000Z\r
LAST-MODIFIED:20260101T100000Z\r
DTSTAMP:20260101T100000Z\r
UID:a1b2c3d4-0000-4000-8000-000000000001\r
SUMMARY:Cooking together\r
DTSTART;TZID=Europe/London:20260327T180000\r
DURATION:PT2H30M\r
RRULE:FREQ=WEEKLY;COUNT=3\r
END:VEVENT\r
BEGIN:VTODO\r
UID:todo-1\r
DTSTAMP:20260101T100000Z\r
SUMMARY:Buy flowers\r
DTSTART;TZID=Europe/London:20260327T090000\r
END:VTODO\r
BEGIN:VJOURNAL\r
UID:journal-1\r
DTSTAMP:20260101T100000Z\r
DTSTART;VALUE=DATE:20260327\r
SUMMARY:Dear diary\r
END:VJOURNAL\r
END:VCALENDAR\r
"""


def event_file(*bodies: str, extra: str = "") -> bytes:
    """A minimal calendar around VEVENT bodies (each without BEGIN/END)."""
    parts = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Hearth tests//EN", extra]
    for body in bodies:
        parts += ["BEGIN:VEVENT", body.strip(), "END:VEVENT"]
    parts.append("END:VCALENDAR")
    return ("\r\n".join(p for p in parts if p) + "\r\n").encode()


def one(body: str) -> str:
    """A VEVENT body with a UID and a DTSTAMP, as every calendar app writes them."""
    uid = hashlib.sha1(body.encode()).hexdigest()
    return f"UID:{uid}@example.com\nDTSTAMP:20260101T100000Z\n{body.strip()}".replace(
        "\n", "\r\n")


def test_a_google_calendar_export_comes_in_with_its_zone_end_and_exceptions(services, couple):
    count, _ = services.ics.import_(GOOGLE)
    assert count == 1
    (event,) = services.calendar.events()
    assert (event.title, event.kind, event.tz, event.uid, event.sequence) == (
        "Date night", "date_night", BERLIN, "7kukuqrfedlm2f3d4k4h8f6j1a@google.com", 2)
    assert event.location == "Trattoria Da Luigi, Hauptstraße 5, Berlin"
    found = services.calendar.occurrences(date(2026, 1, 1), date(2027, 12, 31))
    starts = [o.start.replace(tzinfo=None) for o in found]
    assert starts[0] == datetime(2026, 3, 6, 19, 30)
    assert starts[-1] == datetime(2026, 10, 30, 19, 30)  # UNTIL 18:30Z is 19:30 in winter
    assert datetime(2026, 4, 10, 19, 30) not in starts  # EXDATE
    assert datetime(2026, 4, 17, 19, 30) not in starts
    moved = next(o for o in found if o.moved)
    assert (moved.title, moved.start.replace(tzinfo=None)) == (
        "Date night (Saturday)", datetime(2026, 4, 18, 19, 0))
    fridays = [o for o in found if not o.moved]
    assert {(o.start.weekday(), o.start.time()) for o in fridays} == {(4, time(19, 30))}
    assert {o.start.utcoffset() for o in fridays} == {timedelta(hours=1), timedelta(hours=2)}
    assert len(found) == 34  # 35 Fridays, one left out


def test_an_apple_calendar_export_keeps_all_day_dates_and_its_zone(services, couple):
    count, _ = services.ics.import_(APPLE)
    assert count == 3
    found = services.calendar.occurrences(date(2026, 1, 1), date(2027, 12, 31))
    assert [(o.title, o.start, o.end, o.all_day, o.kind) for o in found if o.all_day] == [
        ("Our anniversary", datetime(2026, 6, 12), datetime(2026, 6, 13), True, "other"),
        ("Trip to the coast", datetime(2026, 8, 1), datetime(2026, 8, 4), True, "adventure"),
        ("Our anniversary", datetime(2027, 6, 12), datetime(2027, 6, 13), True, "other"),
    ]
    (hike,) = [o for o in found if not o.all_day]
    assert (hike.kind, hike.start, hike.end) == (
        "walk", datetime(2026, 3, 15, 10, 0, tzinfo=ZoneInfo(NEW_YORK)),
        datetime(2026, 3, 15, 11, 30, tzinfo=ZoneInfo(NEW_YORK)))


def test_an_outlook_file_with_a_windows_zone_name_is_imported(services, couple, monkeypatch):
    monkeypatch.setenv("TZ", TOKYO)  # this computer is far from the event's zone
    count, _ = services.ics.import_(OUTLOOK)
    assert count == 1
    (event,) = services.calendar.events()
    assert (event.title, event.rrule) == ("Date night", "FREQ=WEEKLY;BYDAY=FR")
    assert event.uid.startswith("040000008200E000") and event.uid.endswith("7E8F90")
    # the first evening is at the right moment: 19:30 in Berlin is 18:30 UTC in January
    first = datetime(2026, 1, 9, 18, 30, tzinfo=UTC)
    assert (event.start.replace(tzinfo=ZoneInfo(event.tz)) if event.tz else None) == first


def test_an_outlook_weekly_date_stays_on_friday_1930_in_berlin(services, couple,
                                                                 monkeypatch):
    monkeypatch.setenv("TZ", TOKYO)
    services.ics.import_(OUTLOOK)
    found = services.calendar.occurrences(date(2026, 1, 1), date(2026, 12, 31))
    in_berlin = [o.start.astimezone(ZoneInfo(BERLIN)) for o in found]
    assert in_berlin[0] == datetime(2026, 1, 9, 19, 30, tzinfo=ZoneInfo(BERLIN))
    assert {(d.weekday(), d.time()) for d in in_berlin} == {(4, time(19, 30))}


def test_a_thunderbird_event_with_a_duration_and_no_end(services, couple):
    count, _ = services.ics.import_(THUNDERBIRD)
    assert count == 1  # the to-do and the journal entry are not events
    found = services.calendar.occurrences(date(2026, 3, 1), date(2026, 4, 30))
    assert [(o.title, o.kind, o.start.replace(tzinfo=None), o.end.replace(tzinfo=None),
             o.start.utcoffset()) for o in found] == [
        ("Cooking together", "cooking", datetime(2026, 3, 27, 18, 0),
         datetime(2026, 3, 27, 20, 30), timedelta(0)),
        ("Cooking together", "cooking", datetime(2026, 4, 3, 18, 0),
         datetime(2026, 4, 3, 20, 30), timedelta(hours=1)),
        ("Cooking together", "cooking", datetime(2026, 4, 10, 18, 0),
         datetime(2026, 4, 10, 20, 30), timedelta(hours=1)),
    ]


def test_floating_times_are_kept_as_written_in_this_computers_zone(services, couple,
                                                                     monkeypatch):
    monkeypatch.setenv("TZ", BERLIN)
    content = event_file(one("DTSTART:20260214T190000\nDTEND:20260214T220000\n"
                             "SUMMARY:Valentine's dinner"),
                         one("DTSTART;VALUE=DATE:20260215\nSUMMARY:Lazy Sunday"))
    assert services.ics.import_(content)[0] == 2
    found = services.calendar.occurrences(date(2026, 2, 14), date(2026, 2, 15))
    assert sorted((o.title, o.start, o.end, o.all_day) for o in found) == [
        ("Lazy Sunday", datetime(2026, 2, 15), datetime(2026, 2, 16), True),
        ("Valentine's dinner", datetime(2026, 2, 14, 19, 0, tzinfo=ZoneInfo(BERLIN)),
         datetime(2026, 2, 14, 22, 0, tzinfo=ZoneInfo(BERLIN)), False),
    ]


def test_times_in_utc_stay_the_same_moment(services, couple):
    content = event_file(one("DTSTART:20260214T180000Z\nDTEND:20260214T210000Z\n"
                             "SUMMARY:Dinner"))
    services.ics.import_(content)
    (dinner,) = services.calendar.occurrences(date(2026, 2, 14), date(2026, 2, 14))
    assert dinner.start.astimezone(UTC) == datetime(2026, 2, 14, 18, 0, tzinfo=UTC)
    assert dinner.hours == 3


# --- files Hearth refuses --------------------------------------------------------------------


GOOD = one("DTSTART;TZID=Europe/Berlin:20260214T190000\n"
           "DTEND;TZID=Europe/Berlin:20260214T220000\nSUMMARY:Fine dinner")

BROKEN = {
    "garbage": (b"this is not a calendar\n\x00\xff\xfe", "isn't a calendar Hearth can read"),
    "an html page": (b"<!DOCTYPE html><html><body>Not found</body></html>",
                     "isn't a calendar Hearth can read"),
    "empty": (b"", "holds no calendar"),
    "truncated mid-line": (GOOGLE[:400], "Nothing was imported"),
    "truncated after an event": (GOOGLE[:GOOGLE.index(b"END:VEVENT") + 12],
                                 "Nothing was imported"),
    "an event without a start": (event_file(GOOD, "UID:x-1\r\nDTSTAMP:20260101T100000Z\r\n"
                                                  "SUMMARY:When?"), "Event 2"),
    "a repeat rule that isn't one": (event_file(GOOD, one(
        "DTSTART:20260301T100000Z\nRRULE:FREQ=FORTNIGHTLY\nSUMMARY:Walk")), "Event 2"),
    "a repeat rule that never happens": (event_file(GOOD, one(
        "DTSTART:20260301T100000Z\nRRULE:FREQ=WEEKLY;UNTIL=20250101T000000Z\nSUMMARY:Walk")),
        "never happens"),
    "an event longer than a month": (event_file(GOOD, one(
        "DTSTART;VALUE=DATE:20260601\nDTEND;VALUE=DATE:20260901\nSUMMARY:Summer")),
        "“Summer”"),
    "an impossible date": (event_file(GOOD, one("DTSTART:20261314T190000\nSUMMARY:Never")),
                           "Nothing was imported"),
}


@pytest.fixture
def before(services, couple) -> list[tuple]:
    """A couple's calendar with something in it already."""
    create(services, "Date night", FRIDAY, rrule="FREQ=WEEKLY;BYDAY=FR")
    return everything(services)


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_file_is_refused_whole_and_nothing_changes(services, before, name):
    content, words = BROKEN[name]
    events = services.calendar.events()
    with pytest.raises(ValidationError) as caught:
        services.ics.import_(content)
    assert words in caught.value.message
    assert services.calendar.events() == events
    assert everything(services) == before
    assert all(o[0] != "Fine dinner" for o in everything(services))


def test_an_event_in_a_zone_nobody_knows_is_refused(services, before):
    content = event_file(GOOD, one("DTSTART;TZID=Middle Earth/Shire:20260214T190000\n"
                                   "DTEND;TZID=Middle Earth/Shire:20260214T220000\n"
                                   "SUMMARY:Second breakfast"))
    with pytest.raises(ValidationError):
        services.ics.import_(content)
    assert everything(services) == before


def test_a_calendar_without_events_is_refused(services, before):
    content = event_file(extra="BEGIN:VTODO\r\nUID:t\r\nDTSTAMP:20260101T100000Z\r\n"
                               "SUMMARY:Buy flowers\r\nEND:VTODO")
    with pytest.raises(ValidationError):
        services.ics.import_(content)


def test_a_calendar_without_events_changes_nothing(services, before):
    with contextlib.suppress(ValidationError):  # refused or "0 events": either way, no change
        services.ics.import_(event_file())
    assert everything(services) == before


def test_importing_before_setup_is_refused(services):
    with pytest.raises(NotFoundError, match="both names"):
        services.ics.import_(event_file(GOOD))
    assert services.calendar.events() == ()


# --- importing again, progress ----------------------------------------------------------------


def test_importing_the_same_file_twice_keeps_both_without_a_uid_clash(services, planned,
                                                                      other):
    content = services.ics.export()
    other.ics.import_(content)
    once = everything(other)
    assert other.ics.import_(content)[0] == 6
    uids = [e.uid for e in other.calendar.events()]
    assert len(uids) == 12 and len(set(uids)) == 12
    twice = everything(other)
    assert sorted(twice) == sorted(once * 2)


def test_importing_the_same_file_three_times(services, couple, other):
    create(services, "Date night", FRIDAY, rrule="FREQ=WEEKLY;BYDAY=FR")
    content = services.ics.export()
    for _ in range(3):
        other.ics.import_(content)
    assert len(other.calendar.events()) == 3


def test_the_progress_callback_hears_how_far_the_import_is(services, couple):
    bodies = [one(f"DTSTART:2026{1 + n % 12:02d}{1 + n % 28:02d}T{n % 24:02d}0000Z\n"
                  f"SUMMARY:Date {n}") for n in range(401)]
    calls: list[tuple[int, int]] = []
    count, _ = services.ics.import_(event_file(*bodies), progress=lambda done, total: calls.append(
        (done, total)))
    assert count == 401
    assert calls == [(200, 401), (400, 401), (401, 401)]
    assert len(services.calendar.events()) == 401


def test_a_small_import_reports_once_when_done(services, couple):
    calls: list[tuple[int, int]] = []
    services.ics.import_(APPLE, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(3, 3)]
