"""An import lets in only what Hearth's own forms let in: the same limits on text, days from
1900 to 2200, colours from the palette, names without control or direction characters,
well-formed talk answers. A refusal names the row and the field in plain words, ends
"Nothing was imported." and leaves everything as it was."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from app.domain.calendar import EventInput
from app.domain.checkins import TEXT_MAX, CheckinInput
from app.domain.couple import clean_label
from app.domain.errors import ValidationError
from app.domain.goals import GoalInput, MilestoneInput
from app.paths import db_path
from app.persistence.migrate import open_database
from app.services import Services
from tests.helpers import run_cli

WHEN = datetime(2026, 11, 23, 21, 0, tzinfo=UTC)


def _empty(folder, name="empty") -> Services:
    return Services.over(open_database(db_path(folder / name)))


@pytest.fixture(scope="module")
def ours(tmp_path_factory) -> bytes:
    """A little of everything, made through the services as the window would."""
    services = _empty(tmp_path_factory.mktemp("ours"), "ours")
    try:
        couple, _ = services.couple.setup("Zoë", "Łukasz")
        zoe, lukasz = couple.ids
        services.checkins.save_session(
            [CheckinInput(zoe, 4, 7, 2, ("grateful",), "Soup on Sunday", "A walk", ""),
             CheckinInput(lukasz, 3, 6, None, (), "", "", "just mine")],
            at=datetime(2026, 11, 1, 20, 30, tzinfo=UTC))
        services.goals.create(GoalInput("Walk the Camino", target_date=date(2027, 9, 1),
                                        milestones=(MilestoneInput("Boots"),)), "active")
        services.values.add_value("Slowness", "Time without a plan.")
        deck, _ = services.prompts.add_deck("Our own questions", "Only ours.")
        services.prompts.add_prompt(deck.own_id, "Where shall we grow old?", "deeper")
        talk, _ = services.meetings.start()
        services.meetings.finish(
            talk.id, {"appreciations": {str(zoe): "You made soup"}, "went_well": "Two walks"},
            {lukasz: "Cook on Thursday"})
        services.calendar.create(EventInput("Dinner out", "date_night",
                                            datetime(2026, 12, 11, 19), datetime(2026, 12, 11, 21),
                                            tz="Europe/Berlin"))
        sheet, _ = services.worksheets.start("after_fight", "The plans")
        services.worksheets.answer(sheet.id, "feelings", "words", zoe, "Left out")
        return services.transfer.export(WHEN)
    finally:
        services.close()


def _changed(exported: bytes, change) -> bytes:
    document = json.loads(exported)
    change(document)
    return json.dumps(document).encode("utf-8")  # ASCII: "\ud800" stays an escape


def _row(table: str, field: str, value: object, index: int = 0):
    return lambda document: document[table][index].update({field: value})


def _custom(document: dict, table: str) -> dict:
    return next(row for row in document[table] if row.get("custom"))


REFUSED = {
    # text limits
    "a check-in text past the limit": (
        _row("checkin", "appreciation", "x" * (TEXT_MAX + 1)),
        "Check-in 1 in this export (“appreciation”)", "100,000"),
    "a 10 MB check-in text": (
        _row("checkin", "private_note", "x" * 10_000_000, 1),
        "Check-in 2 in this export (“private_note”)", "100,000"),
    "a goal title past 120 characters": (
        _row("goal", "title", "t" * 121), "Goal 1 in this export (“title”)", "120"),
    "a statement of values past its limit": (
        lambda d: d.update(value_statement=[{"id": 1, "text": "w" * 2001,
                                             "written_at": "2026-11-01 20:00:00.000000"}]),
        "Values statement 1 in this export (“text”)", "2,000"),
    # days and moments
    "a day in the year 1": (
        _row("goal", "created_on", "0001-01-01"), "Goal 1 in this export (“created_on”)",
        "between 1900 and 2200"),
    "a day in the year 9999": (
        _row("goal", "target_date", "9999-12-31"), "Goal 1 in this export (“target_date”)",
        "between 1900 and 2200"),
    "a moment in the year 1": (
        _row("checkin", "at", "0001-01-01 00:00:00.000000"), "Check-in 1 in this export (“at”)",
        "between 1900 and 2200"),
    "a talk in 9999": (
        _row("meeting", "started_at", "9999-12-31 23:59:59.999999"),
        "Weekly talk 1 in this export (“started_at”)", "between 1900 and 2200"),
    "a day that doesn't exist": (
        _row("goal", "created_on", "2026-02-30"), "Goal 1 in this export (“created_on”)",
        "a day, written like"),
    "a check-in from before 1970": (
        _row("checkin", "at", "1969-12-31 23:00:00.000000"), "Check-in 1 in this export (“at”)",
        "1970"),
    "a time zone offset no clock has": (
        _row("checkin", "utc_offset", 10**6), "Check-in 1 in this export (“utc_offset”)",
        "UTC"),
    # colours
    "a colour that isn't in the palette": (
        _row("partner", "colour", "#ff00ff; drop"), "Partner 1 in this export (“colour”)",
        "Hearth's colours"),
    "both partners in one colour": (
        _row("partner", "colour", "teal", 1), "Partner 2 in this export",
        "a different colour each"),
    # names and titles
    "a right-to-left override in a name": (
        _row("partner", "name", "Zo\u202eë"), "Partner 1 in this export (“name”)",
        "direction of the text"),
    "an isolate in a goal title": (
        _row("goal", "title", "Walk \u2066the Camino"), "Goal 1 in this export (“title”)",
        "direction of the text"),
    "terminal escapes in a goal title": (
        _row("goal", "title", "\x1b[2J\x1b[31mWalk"), "Goal 1 in this export (“title”)",
        "hidden characters"),
    "an override in a value's name": (
        lambda d: _custom(d, "value").update(name="Slow\u202dness"),
        "(“name”)", "direction of the text"),
    "an override in a deck's name": (
        _row("prompt_deck", "title", "Our \u202aown"),
        "Deck of your own 1 in this export (“title”)", "direction of the text"),
    "an override in an event's title": (
        _row("event", "title", "Dinner\u202b"), "Event 1 in this export (“title”)",
        "direction of the text"),
    "an override in a worksheet's title": (
        _row("worksheet", "title", "\u2067The plans"), "Worksheet 1 in this export (“title”)",
        "direction of the text"),
    "two partners with one name": (
        _row("partner", "name", " zoë", 1), "Partner 2 in this export (“name”)",
        "two different names"),
    "a feeling Hearth doesn't have": (
        _row("checkin", "feelings", "grateful,\x1b[31m"), "Check-in 1 in this export (“feelings”)",
        "feeling words"),
    # the weekly talk's answers
    "talk answers that aren't JSON": (
        _row("meeting", "answers", "not json"), "Weekly talk 1 in this export (“answers”)",
        "JSON"),
    "talk answers that are a list": (
        _row("meeting", "answers", "[1, 2]"), "Weekly talk 1 in this export (“answers”)",
        "a set of texts"),
    "a talk answer that is a number": (
        _row("meeting", "answers", '{"went_well": 5}'), "Weekly talk 1 in this export",
        "needs to be text"),
    "a talk answer from someone else": (
        _row("meeting", "answers", '{"appreciations": {"99": "Hello"}}'),
        "Weekly talk 1 in this export (“answers”)", "isn't one of the two of you"),
    "a talk answer past the limit": (
        _row("meeting", "answers", json.dumps({"went_well": "w" * (TEXT_MAX + 1)})),
        "Weekly talk 1 in this export", "100,000"),
    "a worksheet answer that isn't JSON": (
        _row("worksheet_answer", "value", "Left out"),
        "Worksheet answer 1 in this export (“value”)", "JSON"),
    # broken characters
    "a lone surrogate in a check-in": (
        _row("checkin", "need", "\ud800"), "Check-in 1 in this export (“need”)",
        "broken character"),
    "a lone surrogate in a name": (
        _row("partner", "name", "Zo\udcff"), "Partner 1 in this export (“name”)",
        "broken character"),
    "a lone surrogate as a field's name": (
        _row("checkin", "\ud800", 1), "Check-in 1 in this export", "doesn't know"),
    "a lone surrogate as a table's name": (
        lambda d: d.update({"\ud800\x1b": []}), "This export holds something", "doesn't know"),
    # what SQLite would have said in its own words
    "two rows with one id": (
        lambda d: d["checkin"].append(dict(d["checkin"][0])), "Check-in 3 in this export",
        "the same “id”"),
    "a check-in by someone who isn't there": (
        _row("checkin", "partner_id", 999, 1), "Check-in 2 in this export",
        "points at something that isn't in this export"),
    "a field left out": (
        lambda d: d["checkin"][0].pop("mood"), "Check-in 1 in this export (“mood”)",
        "missing"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_what_the_forms_would_refuse_is_refused_whole(ours, services, case):
    change, where, why = REFUSED[case]
    before = services.transfer.export(WHEN)
    with pytest.raises(ValidationError) as refused:
        services.transfer.import_(_changed(ours, change))
    message = refused.value.message
    assert message.endswith("Nothing was imported."), message
    assert where in message and why in message, message
    assert message.isprintable(), message  # no escapes, overrides or half characters
    for words in ("Error", "constraint", "sqlite", "Traceback", "JSONDecode"):
        assert words not in message, message
    assert services.couple.get() is None
    assert services.transfer.export(WHEN) == before
    assert not list(services.db.path.parent.glob("*.importing*"))


def test_what_the_forms_let_in_goes_back_in_exactly(ours, services):
    services.transfer.import_(ours)
    assert services.transfer.export(WHEN) == ours


def test_the_days_at_either_end_of_the_years_are_let_in(ours, services):
    def ends(document: dict) -> None:
        document["goal"][0].update(created_on="1900-01-01", target_date="2200-12-31")
        document["meeting"][0].update(week_start="1900-01-01")

    services.transfer.import_(_changed(ours, ends))
    [goal] = services.goals.goals()
    assert (goal.created_on, goal.target_date) == (date(1900, 1, 1), date(2200, 12, 31))


def test_the_command_line_refuses_and_prints_nothing_raw(ours, capsys, hearth_home, tmp_path):
    source = tmp_path / "ours.json"
    source.write_bytes(_changed(ours, _row("goal", "title", "\x1b[2J\u202eWalk")))
    code, out, err = run_cli(capsys, "import", str(source))
    assert code == 1
    assert "Goal 1 in this export (“title”)" in err and "Nothing was imported." in err
    assert "\x1b" not in out + err and "\u202e" not in out + err
    code, out, _ = run_cli(capsys, "goals", "list")
    assert "Walk" not in out


# -- the forms themselves ------------------------------------------------------------------------

NAMING = {
    "a partner's name": lambda s, text: s.couple.setup(text, "Łukasz"),
    "a partner's new name": lambda s, text: s.couple.update_partner(0, name=text),
    "a goal's title": lambda s, text: s.goals.create(GoalInput(text)),
    "a value's name": lambda s, text: s.values.add_value(text),
    "a deck's name": lambda s, text: s.prompts.add_deck(text),
    "an idea's title": lambda s, text: s.ideas.add(text),
    "a worksheet's title": lambda s, text: s.worksheets.start("after_fight", text),
    "an event's title": lambda s, text: s.calendar.create(EventInput(text, tz="UTC")),
}


@pytest.mark.parametrize("hidden", [chr(c) for c in [*range(0x202A, 0x202F),
                                                      *range(0x2066, 0x206A)]])
def test_every_direction_character_is_refused_in_a_label(hidden):
    with pytest.raises(ValidationError) as refused:
        clean_label(f"Ours{hidden}gnp.exe", "title", "title", 120)
    assert refused.value.message == ("A title can't contain hidden characters that change "
                                     "the direction of the text.")


@pytest.mark.parametrize("what", sorted(NAMING))
@pytest.mark.parametrize("hidden", ["\u202e", "\u2066"])
def test_a_name_with_a_direction_character_is_refused_in_the_forms(services, what, hidden):
    if what != "a partner's name":
        services.couple.setup("Zoë", "Łukasz")
    before = services.transfer.export(WHEN)
    with pytest.raises(ValidationError) as refused:
        NAMING[what](services, f"Ours{hidden}gnp.exe")
    assert "can't contain hidden characters that change the direction of the text" in \
        refused.value.message
    assert services.transfer.export(WHEN) == before


def test_names_in_any_script_are_still_welcome(services):
    couple, _ = services.couple.setup("زينب", "\u200fיונתן")  # a right-to-left mark is fine
    assert couple.names == ("زينب", "\u200fיונתן")


def test_a_goal_day_outside_the_years_is_refused_in_the_form(services, couple):
    for goal in (GoalInput("Trip", target_date=date(9999, 12, 31)),
                 GoalInput("Trip", next_review=date(1, 1, 1)),
                 GoalInput("Trip", milestones=(MilestoneInput("Boots", date(1, 1, 1)),))):
        with pytest.raises(ValidationError) as refused:
            services.goals.create(goal)
        assert "between 1900 and 2200" in refused.value.message
    assert services.goals.goals() == ()


def test_every_table_an_export_holds_has_its_rules_and_words(ours):
    from app.services.import_rules import RULES

    tables = {k for k in json.loads(ours) if k not in ("format", "version", "exported_at",
                                                       "schema")}
    assert tables == set(RULES)
