"""Services as the couple uses them: set up, rename, recolour, settings, demo data.

Every check that something was stored reads it back through a fresh Database, the way the
next start of Hearth would.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.domain import changes
from app.domain.changes import ChangeSet
from app.domain.couple import NAME_MAX, PALETTE, clean_name, name_key
from app.domain.errors import NotFoundError, ValidationError
from app.domain.greeting import greeting, long_date, part_of_day
from app.domain.settings import Settings, TextSize
from app.persistence.repositories import StatsRepository
from app.services import demo as demo_module
from app.services.demo import DEMO_COLOURS, DEMO_NAMES, DemoService
from tests.helpers import fresh

DB_SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def stored_couple(path: Path):
    with fresh(path) as services:
        return services.couple.get()


def stored_settings(path: Path) -> Settings:
    with fresh(path) as services:
        return services.settings.get()


# Names a partner might really type: many scripts, emoji, combining marks, spaces.
name_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Zl", "Zp", "Cs", "Co", "Cn")),
    min_size=1,
    max_size=NAME_MAX + 5,
)
sample_names = st.sampled_from(
    [
        "Zoë",
        "Zoe\u0308",
        "  Łukasz  ",
        "🧡",
        "👩\u200d❤\ufe0f\u200d👨",
        "مريم",
        "שָׁלוֹם",
        "李 小龍",
        "Ольга\u00a0Петрова",
        "a" * NAME_MAX,
    ]
)
typed_names = st.one_of(sample_names, name_text)


def acceptable(raw: str) -> str | None:
    try:
        return clean_name(raw)
    except ValidationError:
        return None


# --- CoupleService: setting up ----------------------------------------------------------


def test_before_setup_there_is_no_couple(services):
    assert services.couple.get() is None
    with pytest.raises(NotFoundError) as caught:
        services.couple.require()
    assert "names" in caught.value.message


def test_setup_stores_the_couple_and_says_what_changed(services, db_file):
    before = datetime.now(UTC)
    couple, change = services.couple.setup("  Zoë ", "Łukasz   Nowak", colours=("ocean", "plum"))
    assert couple.names == ("Zoë", "Łukasz Nowak")
    assert [p.position for p in couple.partners] == [0, 1]
    assert [p.colour for p in couple.partners] == ["ocean", "plum"]
    assert couple.created_at.tzinfo is not None
    assert before - timedelta(seconds=1) <= couple.created_at <= datetime.now(UTC)
    assert change.kinds == {changes.COUPLE, changes.SETTINGS}
    assert change.touches(changes.COUPLE) and change.touches(changes.SETTINGS)

    assert stored_couple(db_file) == couple
    assert stored_settings(db_file) == Settings()


def test_setup_uses_the_default_colours(services):
    couple, _ = services.couple.setup("Zoë", "Łukasz")
    assert [p.colour for p in couple.partners] == ["teal", "terracotta"]


@pytest.mark.parametrize(
    ("names", "colours"),
    [
        (("Zoë", "zoë"), ("teal", "terracotta")),
        (("", "Łukasz"), ("teal", "terracotta")),
        (("Zoë", "x" * (NAME_MAX + 1)), ("teal", "terracotta")),
        (("Zoë", "Łu\nkasz"), ("teal", "terracotta")),
        (("Zoë", "Łukasz"), ("teal", "teal")),
        (("Zoë", "Łukasz"), ("teal", "pink")),
    ],
)
def test_a_refused_setup_stores_nothing(services, db_file, names, colours):
    with pytest.raises(ValidationError) as caught:
        services.couple.setup(*names, colours=colours)
    assert caught.value.message
    assert stored_couple(db_file) is None
    with fresh(db_file) as again, again.db.reading() as session:
        rows = StatsRepository(session).rows_per_table()
    assert {"couple", "partner", "couple_settings"} <= set(rows)
    assert {name for name, n in rows.items() if n} == {"value", "idea"}  # the starter sets


def test_a_second_setup_is_refused_and_the_couple_kept(services, couple, db_file):
    with pytest.raises(ValidationError) as caught:
        services.couple.setup("Ana", "Bo", colours=("ocean", "plum"))
    assert "already set up" in caught.value.message
    assert stored_couple(db_file) == couple
    with fresh(db_file) as again, again.db.reading() as session:
        assert StatsRepository(session).rows_per_table()["partner"] == 2


@given(first=typed_names, second=typed_names)
@DB_SETTINGS
@example(first="Zoe\u0308 ", second="  👩\u200d❤\ufe0f\u200d👨")
def test_names_are_stored_and_read_back_exactly(tmp_path_factory, template_db, first, second):
    path = tmp_path_factory.mktemp("roundtrip") / "hearth.sqlite3"
    shutil.copyfile(template_db, path)
    a, b = acceptable(first), acceptable(second)
    with fresh(path) as services:
        if a is None or b is None or name_key(a) == name_key(b):
            with pytest.raises(ValidationError):
                services.couple.setup(first, second)
            expected = None
        else:
            couple, _ = services.couple.setup(first, second)
            assert couple.names == (a, b)
            expected = (a, b)
    found = stored_couple(path)
    assert (found.names if found else None) == expected


# --- CoupleService: editing a partner ---------------------------------------------------


def test_renaming_a_partner_is_stored(services, couple, db_file):
    updated, change = services.couple.update_partner(1, name="  Luke  ")
    assert updated.names == ("Zoë", "Luke")
    assert change.kinds == {changes.COUPLE}
    assert not change.touches(changes.SETTINGS)
    found = stored_couple(db_file)
    assert found.names == ("Zoë", "Luke")
    assert [p.id for p in found.partners] == [p.id for p in couple.partners]
    assert [p.colour for p in found.partners] == ["teal", "terracotta"]


def test_a_partner_may_change_the_case_of_their_own_name(services, couple, db_file):
    services.couple.update_partner(0, name="ZOË")
    assert stored_couple(db_file).names == ("ZOË", "Łukasz")


@pytest.mark.parametrize(
    ("position", "name", "field", "other"),
    [
        (0, "Łukasz", "name_a", "Łukasz"),
        (0, "  łUKASZ ", "name_a", "Łukasz"),
        (1, "zoe\u0308", "name_b", "Zoë"),
        (1, "ZOË", "name_b", "Zoë"),
    ],
)
def test_taking_the_other_partners_name_is_refused(
    services, couple, db_file, position, name, field, other
):
    with pytest.raises(ValidationError) as caught:
        services.couple.update_partner(position, name=name)
    assert caught.value.field == field
    assert other in caught.value.message
    assert stored_couple(db_file) == couple


@pytest.mark.parametrize("bad", ["", "   ", "x" * (NAME_MAX + 1), "Zo\të"])
def test_an_invalid_new_name_is_refused(services, couple, db_file, bad):
    with pytest.raises(ValidationError) as caught:
        services.couple.update_partner(0, name=bad)
    assert caught.value.field == "name_a"
    assert stored_couple(db_file) == couple


def test_changing_a_colour_is_stored(services, couple, db_file):
    updated, change = services.couple.update_partner(0, colour_key="indigo")
    assert [p.colour for p in updated.partners] == ["indigo", "terracotta"]
    assert change.kinds == {changes.COUPLE}
    assert [p.colour for p in stored_couple(db_file).partners] == ["indigo", "terracotta"]


def test_taking_the_other_partners_colour_is_refused(services, couple, db_file):
    with pytest.raises(ValidationError) as caught:
        services.couple.update_partner(1, colour_key="teal")
    assert caught.value.field == "colour_b"
    assert "Zoë" in caught.value.message
    assert stored_couple(db_file) == couple


def test_an_unknown_colour_is_refused(services, couple, db_file):
    with pytest.raises(ValidationError):
        services.couple.update_partner(0, colour_key="pink")
    assert stored_couple(db_file) == couple


def test_a_refused_edit_changes_nothing_even_the_valid_half(services, couple, db_file):
    # The new name is fine; the colour is Łukasz's. Neither may be stored.
    with pytest.raises(ValidationError):
        services.couple.update_partner(0, name="Zoe Anne", colour_key="terracotta")
    assert stored_couple(db_file) == couple


def test_name_and_colour_change_together(services, couple, db_file):
    services.couple.update_partner(1, name="Luke", colour_key="forest")
    found = stored_couple(db_file)
    assert found.partners[1].name == "Luke"
    assert found.partners[1].colour == "forest"
    assert found.partners[0] == couple.partners[0]


@pytest.mark.parametrize("position", [2, -1, 5])
def test_there_are_only_two_partners(services, couple, db_file, position):
    with pytest.raises(ValidationError) as caught:
        services.couple.update_partner(position, name="Kim")
    assert "two partners" in caught.value.message
    assert stored_couple(db_file) == couple


def test_editing_before_setup_says_to_set_up_first(services):
    with pytest.raises(NotFoundError):
        services.couple.update_partner(0, name="Zoë")


@given(new=typed_names)
@DB_SETTINGS
@example(new="Łukasz")
@example(new=" 🧡\u3000🧡 ")
def test_any_rename_is_stored_exactly_or_refused_cleanly(services, couple, db_file, new):
    expected = acceptable(new)
    before = stored_couple(db_file)
    if expected is None or name_key(expected) == name_key(before.partners[1].name):
        with pytest.raises(ValidationError):
            services.couple.update_partner(0, name=new)
        assert stored_couple(db_file) == before
    else:
        services.couple.update_partner(0, name=new)
        assert stored_couple(db_file).names == (expected, "Łukasz")


# --- SettingsService --------------------------------------------------------------------


def test_settings_have_defaults_before_the_couple_exists(services):
    assert services.settings.get() == Settings(0, TextSize.NORMAL, 2)
    with pytest.raises(NotFoundError):
        services.settings.update(week_start=6)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"week_start": 6}, Settings(week_start=6)),
        ({"week_start": 0}, Settings(week_start=0)),
        ({"text_size": "large"}, Settings(text_size=TextSize.LARGE)),
        ({"text_size": TextSize.EXTRA_LARGE}, Settings(text_size=TextSize.EXTRA_LARGE)),
        ({"checkin_target_per_week": 0}, Settings(checkin_target_per_week=0)),
        ({"checkin_target_per_week": 14}, Settings(checkin_target_per_week=14)),
        (
            {"week_start": 2, "text_size": "extra_large", "checkin_target_per_week": 5},
            Settings(2, TextSize.EXTRA_LARGE, 5),
        ),
    ],
)
def test_each_setting_is_stored(services, couple, db_file, values, expected):
    updated, change = services.settings.update(**values)
    assert updated == expected
    assert change.kinds == {changes.SETTINGS}
    assert not change.touches(changes.COUPLE)
    assert stored_settings(db_file) == expected


def test_the_week_start_has_a_day_name(services, couple, db_file):
    services.settings.update(week_start=6)
    assert stored_settings(db_file).week_start_name == "Sunday"
    assert Settings().week_start_name == "Monday"


def test_bigger_text_sizes_are_bigger():
    scales = [size.scale for size in TextSize]
    assert scales == sorted(scales) and scales[0] == 1.0
    assert [size.label for size in TextSize] == ["Normal", "Large", "Extra large"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"week_start": 7}, "week_start"),
        ({"week_start": -1}, "week_start"),
        ({"week_start": True}, "week_start"),
        ({"week_start": "1"}, "week_start"),
        ({"week_start": 1.0}, "week_start"),
        ({"week_start": None}, "week_start"),
        ({"text_size": "huge"}, "text_size"),
        ({"text_size": "LARGE"}, "text_size"),
        ({"text_size": None}, "text_size"),
        ({"text_size": 1.25}, "text_size"),
        ({"checkin_target_per_week": -1}, "checkin_target_per_week"),
        ({"checkin_target_per_week": 15}, "checkin_target_per_week"),
        ({"checkin_target_per_week": False}, "checkin_target_per_week"),
        ({"checkin_target_per_week": 2.5}, "checkin_target_per_week"),
        # One good value and one bad: the good one must not be stored either.
        ({"week_start": 3, "text_size": "huge"}, "text_size"),
        ({"text_size": "large", "checkin_target_per_week": 99}, "checkin_target_per_week"),
    ],
)
def test_invalid_settings_are_refused_and_nothing_changes(services, couple, db_file, values, field):
    services.settings.update(week_start=1, text_size="large", checkin_target_per_week=4)
    before = stored_settings(db_file)
    with pytest.raises(ValidationError) as caught:
        services.settings.update(**values)
    assert caught.value.field == field
    assert caught.value.message
    assert stored_settings(db_file) == before == Settings(1, TextSize.LARGE, 4)


def test_an_unknown_setting_is_a_programming_error_and_changes_nothing(services, couple, db_file):
    with pytest.raises(TypeError):
        services.settings.update(week_start=3, colour_scheme="dark")
    assert stored_settings(db_file) == Settings()


@given(week_start=st.integers(-3, 10), target=st.integers(-3, 20))
@DB_SETTINGS
def test_settings_round_trip_or_are_refused(services, couple, db_file, week_start, target):
    before = stored_settings(db_file)
    if 0 <= week_start <= 6 and 0 <= target <= 14:
        services.settings.update(week_start=week_start, checkin_target_per_week=target)
        assert stored_settings(db_file) == Settings(week_start, before.text_size, target)
    else:
        with pytest.raises(ValidationError):
            services.settings.update(week_start=week_start, checkin_target_per_week=target)
        assert stored_settings(db_file) == before


# --- ChangeSet --------------------------------------------------------------------------


def test_a_changeset_names_kinds_and_ids():
    change = ChangeSet.of(changes.COUPLE, ids={"partner": [1, 2]})
    assert change.kinds == {"couple", "partner"}
    assert change.ids == {("partner", 1), ("partner", 2)}
    assert change.touches("partner") and not change.touches(changes.SETTINGS)
    assert (change | ChangeSet.of(changes.SETTINGS)).touches(changes.SETTINGS)
    assert not ChangeSet() and ChangeSet.of(changes.COUPLE)
    assert ChangeSet.of(changes.ALL).touches("anything at all")


# --- greeting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "part", "words"),
    [
        (0, 0, "night", "Hello"),
        (4, 59, "night", "Hello"),
        (5, 0, "morning", "Good morning"),
        (11, 59, "morning", "Good morning"),
        (12, 0, "afternoon", "Good afternoon"),
        (17, 59, "afternoon", "Good afternoon"),
        (18, 0, "evening", "Good evening"),
        (22, 59, "evening", "Good evening"),
        (23, 0, "night", "Hello"),
        (23, 59, "night", "Hello"),
    ],
)
def test_the_greeting_follows_the_time_of_day(hour, minute, part, words):
    moment = datetime(2026, 11, 23, hour, minute)
    assert part_of_day(moment) == part
    assert greeting(moment) == words


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 11, 23), "23 November 2026"),
        (date(2027, 1, 5), "5 January 2027"),
        (date(2028, 2, 29), "29 February 2028"),
    ],
)
def test_dates_are_written_out_as_people_say_them(day, text):
    assert long_date(day) == text


# --- DemoService ------------------------------------------------------------------------


def test_demo_creates_the_demo_couple_when_there_is_none(services, db_file):
    report, change = DemoService(services.db).generate(years=1, seed=3)
    assert report.created_couple
    assert report.couple.names == DEMO_NAMES == ("Zoë", "Łukasz")
    assert [p.colour for p in report.couple.partners] == list(DEMO_COLOURS)
    assert report.years == 1
    assert change.touches(changes.COUPLE, changes.SETTINGS)
    found = stored_couple(db_file)
    assert found.names == ("Zoë", "Łukasz")
    assert stored_settings(db_file).checkin_target_per_week == 2


def test_demo_uses_the_existing_couple(services, db_file):
    services.couple.setup("Ana", "Bo", colours=("ocean", "plum"))
    report, _ = DemoService(services.db).generate()
    assert not report.created_couple
    assert report.couple.names == ("Ana", "Bo")
    assert stored_couple(db_file).names == ("Ana", "Bo")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"years": 0}, "years"),
        ({"years": 51}, "years"),
        ({"years": -2}, "years"),
        ({"years": True}, "years"),
        ({"years": "2"}, "years"),
        ({"years": 1.5}, "years"),
        ({"seed": "one"}, "seed"),
        ({"seed": 1.0}, "seed"),
        ({"seed": False}, "seed"),
        ({"scale": 0}, "scale"),
        ({"scale": 1001}, "scale"),
        ({"scale": True}, "scale"),
    ],
)
def test_demo_refuses_bad_settings_and_creates_nothing(services, db_file, kwargs, field):
    with pytest.raises(ValidationError) as caught:
        DemoService(services.db).generate(**kwargs)
    assert caught.value.field == field
    assert caught.value.message
    assert stored_couple(db_file) is None


def test_demo_accepts_the_edges_of_its_ranges(services, monkeypatch):
    monkeypatch.setattr(demo_module, "contributors", lambda: [])  # the ranges, not the data
    DemoService(services.db).generate(years=50, seed=-7, scale=1000)
    DemoService(services.db).generate(years=1, seed=0, scale=1, force=True)


def test_demo_refuses_a_database_with_real_entries(services, db_file, monkeypatch):
    monkeypatch.setattr(
        "app.persistence.repositories.StatsRepository.entries_beyond_couple", lambda self: 5
    )
    with pytest.raises(ValidationError) as caught:
        DemoService(services.db).generate()
    assert caught.value.field == "force"
    assert "5 entries" in caught.value.message
    assert stored_couple(db_file) is None

    report, _ = DemoService(services.db).generate(force=True)
    assert report.created_couple
    assert stored_couple(db_file).names == DEMO_NAMES


def test_demo_runs_every_contributor_over_the_chosen_span(services, monkeypatch):
    seen = []

    def fake(context) -> Iterator[tuple[str, int, int]]:
        seen.append(
            (context.couple.names, context.start, context.end, context.scale, context.rng.random())
        )
        yield "Writing fake rows", 1, 2
        yield "", 2, 2

    monkeypatch.setattr(demo_module, "contributors", lambda: [("fake area", fake)])
    progress = []
    today = date(2026, 11, 23)
    report, _ = DemoService(services.db).generate(
        years=2, seed=9, scale=3, today=today, progress=lambda *args: progress.append(args)
    )
    assert report.areas == ("fake area",)
    assert progress == [("Writing fake rows", 1, 2), ("fake area", 2, 2)]
    names, start, end, scale, first_random = seen[0]
    assert names == DEMO_NAMES
    assert end == today and start == today - timedelta(days=730)
    assert scale == 3

    # The same seed gives the same data; another seed does not.
    DemoService(services.db).generate(years=2, seed=9, today=today)
    DemoService(services.db).generate(years=2, seed=10, today=today)
    assert seen[1][4] == first_random != seen[2][4]


def test_names_typed_in_nfd_are_stored_in_nfc(services, db_file):
    services.couple.setup("Zoe\u0308", "Łukasz")
    stored = stored_couple(db_file).names[0]
    assert stored == "Zoë" and unicodedata.is_normalized("NFC", stored)


def test_every_palette_colour_can_be_stored(services, couple, db_file):
    for entry in PALETTE:
        if entry.key == "terracotta":
            continue
        services.couple.update_partner(0, colour_key=entry.key)
        assert stored_couple(db_file).partners[0].colour == entry.key
