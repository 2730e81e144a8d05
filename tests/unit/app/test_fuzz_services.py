"""Fuzzing every service input that carries the couple's own words, numbers and dates.

Whatever is typed, pasted or imported, each call either

(a) succeeds, and reading the data back through the services gives exactly what was given —
    tidied only where app.domain documents it (labels: NFC, whitespace runs become one space;
    one-line texts: trimmed; feelings: the word list's keys), or
(b) raises ValidationError (NotFoundError for something that isn't there) and the database
    exports to the very same bytes as before: nothing, not half of it, was written.

Where a rule is simple, the test states it and expects Hearth to agree exactly; where it is
subtle (how many characters a name has), plainly good input must be kept and plainly bad
input must be refused.

Wrong Python types (a programmer's mistake, not the couple's) are only partly covered; see
the note below the imports.
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
import unicodedata
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.domain.calendar import KINDS_BY_KEY, EventInput, local_zone_name
from app.domain.checkins import FEELINGS_BY_KEY, CheckinInput
from app.domain.couple import PALETTE, name_key
from app.domain.errors import NotFoundError, ValidationError
from app.domain.goals import CATEGORY_NAMES, HORIZON_NAMES, GoalInput, MilestoneInput
from app.domain.ideas import COSTS, DURATIONS, ENERGIES, LENGTH, PLACES
from app.domain.moments import EARLIEST_YEAR, LATEST_YEAR, skipped
from app.domain.privacy import LOCK_CHOICES
from app.domain.settings import TextSize
from app.domain.values import SortInput
from app.domain.worksheets import DEFINITIONS, KIND_NAMES
from app.services.checkins import MODES

# Inputs of the wrong Python type (a str where a date belongs, a list as a key) are a
# programmer's mistake, not something the couple can type, and are not all checked yet:
# a non-bool ``all_day`` and non-str ``tz``/``rrule`` are refused, but milestone
# ``done_on``/agreement ``due``/follow-ups that aren't dates, ``go_to`` steps that aren't
# ints and unhashable keys (lists) still raise TypeError; the strategies leave those out.
# Everything that used to crash and is now refused is pinned by
# ``test_what_used_to_crash_is_refused_and_changes_nothing`` at the end.

FIXED = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
FUZZ = settings(
    max_examples=20, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.large_base_example],
)
FEW = settings(FUZZ, max_examples=12)

# -- inputs -------------------------------------------------------------------------------------

FAMILY = "👩\u200d👩\u200d👧\u200d👦"  # one emoji of seven code points (ZWJ sequence)
KISS = "👩\u200d❤\ufe0f\u200d💋\u200d👨"
COOK = "👨🏽\u200d🍳"
ARABIC = "حبيبتي العزيزة"
HEBREW = "אהבה שלנו"
COMBINING = "Zoe\u0308 a\u0301\u0327\u0308 n\u0303"  # NFD letters and stacked marks
RTL_MIXED = f"\u202b{HEBREW}\u202c and {ARABIC} 123"
BIG = (f"Zoë {FAMILY} {ARABIC} {HEBREW} {COMBINING} 🌍\n" * 4000)[:100_000]
TOO_BIG = BIG + "x"
LONE_SURROGATE = "half an emoji \ud83d"

NAME_SAMPLES = [
    "Zoë", "Łukasz", "Zoe\u0308", FAMILY, KISS, COOK, ARABIC, HEBREW, RTL_MIXED, COMBINING,
    "  Anna   Lena  ", "\u00a0Nbsp\u3000Name ", "", " ", "\t\n", "\u200b", "\u0301\u0302",
    "a\x00b", "\x00", "two\nlines", "a\u2028b", LONE_SURROGATE, "private\ue000use", "x" * 40,
    "x" * 41, FAMILY * 40, FAMILY * 41, "x" * 120, "y" * 121, BIG,
]
FREE_SAMPLES = [
    "", " ", "\n\n", "  padded  ", FAMILY + KISS + COOK, f"{ARABIC}\n{HEBREW}", RTL_MIXED,
    COMBINING, "a\x00b", "\x00", LONE_SURROGATE, "line one\r\nline two", "a\u2028b", BIG,
    TOO_BIG, "z" * 300, " " + "w" * 300 + " ", "v" * 301, "m" * 500, "m" * 501,
]
WRONG_TYPES = [None, True, 0, -2**63, 2**64, 1.5, math.nan, b"bytes"]

names = st.one_of(st.sampled_from(NAME_SAMPLES), st.text(max_size=45),
                  st.sampled_from(WRONG_TYPES))
texts = st.one_of(st.sampled_from(FREE_SAMPLES), st.text(max_size=80),
                  st.sampled_from(WRONG_TYPES))
real_texts = st.one_of(st.sampled_from([t for t in FREE_SAMPLES if t != LONE_SURROGATE]),
                       st.text(max_size=80))

# Partners are named by marker, turned into the couple's ids in the test; the rest are ids no
# partner has. (True is left out: it equals partner id 1, and Hearth takes it as that.)
WHO = st.one_of(st.sampled_from(["first", "second"]),
                st.sampled_from([0, -1, 3, -2**63, 2**63 - 1, None, "1"]))
MISSING_IDS = [0, -1, -2**63, 2**63 - 1, 2**63, 2**64, 10**9]
SCORES = st.one_of(st.integers(-1, 12), st.sampled_from(
    [-2**63, 2**63 - 1, 2**64, 3.0, math.nan, math.inf, None, True, False, "3"]))
DAYS = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max]))
DAYS_OR_WRONG = st.one_of(DAYS, st.sampled_from(
    [datetime(2030, 1, 1, 12), "2030-01-01", 20300101, True]))
FEELING_WORDS = st.one_of(
    st.sampled_from(list(FEELINGS_BY_KEY)),
    st.sampled_from([" Sad ", "HAPPY", "Curious", "ignored", "", "💔", "sad\x00", 5, None]),
)
FEELING_INPUTS = st.one_of(
    st.lists(FEELING_WORDS, max_size=4), st.lists(FEELING_WORDS, max_size=3).map(tuple),
    st.frozensets(FEELING_WORDS, max_size=3),
    st.lists(FEELING_WORDS.filter(lambda w: isinstance(w, str)), max_size=3).map(", ".join),
    st.sampled_from([None, 5, "", ",,,", b"sad"]),
)
ZONES = [UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=12)),
         timezone(timedelta(hours=5, minutes=45)), ZoneInfo("Europe/Berlin"),
         ZoneInfo("America/St_Johns"), ZoneInfo("Australia/Lord_Howe")]
MOMENTS = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),  # naive: local
    st.datetimes(timezones=st.sampled_from(ZONES)),
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2025, 12, 31),
                 timezones=st.sampled_from(ZONES)),
    st.sampled_from([
        datetime.max, datetime.max.replace(tzinfo=UTC), datetime.min.replace(tzinfo=UTC),
        datetime.min.replace(tzinfo=timezone(timedelta(hours=14))),
        datetime(1969, 12, 31, 23, 59, tzinfo=UTC), datetime(3000, 1, 1, tzinfo=UTC),
        "2026-01-01 10:00", date(2020, 1, 1), 1767225600,
    ]),
)
SORT_MOMENTS = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                 timezones=st.sampled_from(ZONES)),
    st.sampled_from([datetime.max.replace(tzinfo=UTC), datetime(3000, 1, 1, tzinfo=UTC)]),
)
REFUSED = object()  # what a rule says for input it refuses


def _tidy(raw: str) -> str:
    """clean_label's documented tidying: NFC, whitespace runs become one space, ends trimmed."""
    return " ".join(unicodedata.normalize("NFC", raw).split())


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _plain_label(raw: object, limit: int) -> bool:
    """A label no rule could refuse: letters, digits and spaces, 1 to ``limit`` of them."""
    if not isinstance(raw, str):
        return False
    return 0 < len(_tidy(raw)) <= limit and all(
        unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) == "Zs" for ch in raw)


def _bad_label(raw: object, limit: int) -> bool:
    """A label every rule refuses: not text, hidden/control characters, nothing visible, or far
    too long."""
    if not isinstance(raw, str):
        return True
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs", "Co") for ch in raw):
        return True
    text = _tidy(raw)
    return not any(unicodedata.category(ch) not in ("Cf", "Mn", "Me") for ch in text) or \
        len(text) > limit * 8


def _free(value: object, limit: int = 100_000) -> str | object:
    """clean_text's rule for free text: kept exactly (None is nothing), within the limit."""
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit or "\x00" in value or \
            not _encodable(value):
        return REFUSED
    return value


def _line(value: object, limit: int) -> str | object:
    """A one-line text: free text, trimmed, on one line, up to ``limit`` characters."""
    text = _free(value)
    if text is REFUSED:
        return REFUSED
    text = text.strip()  # type: ignore[union-attr]
    return REFUSED if len(text) > limit or len(text.splitlines()) > 1 else text


def _feelings(value: object) -> tuple[str, ...] | None:
    """clean_feelings' documented reading: words (or "a, b"), each NFC, trimmed, case-folded,
    duplicates dropped, in Hearth's order; None when a word isn't one of Hearth's."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list | tuple | set | frozenset):
        return None
    keys = {unicodedata.normalize("NFC", str(v)).strip().casefold() for v in value}
    if not keys <= set(FEELINGS_BY_KEY):
        return None
    return tuple(k for k in FEELINGS_BY_KEY if k in keys)


def _score(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _who(marker: object, couple) -> object:
    if marker == "first":
        return couple.ids[0]
    return couple.ids[1] if marker == "second" else marker


def _zone_exists(name: object) -> bool:
    try:
        ZoneInfo(name)  # type: ignore[arg-type]
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _attempt(services, action, refusals: tuple[type[Exception], ...] = (ValidationError,)):
    """(True, result) — or (False, error) for a refusal that left every byte as it was.
    Any other exception fails the test."""
    before = services.transfer.export(FIXED)
    try:
        return True, action()
    except refusals as refused:
        assert refused.message.strip(), "a refusal needs words for the couple"
        assert services.transfer.export(FIXED) == before, \
            f"refused ({refused.message}) but the database changed"
        return False, refused


def _agrees(ok: bool, must_accept: bool, must_refuse: bool, what: str) -> None:
    assert not (must_accept and must_refuse), f"test bug: {what}"
    if must_accept:
        assert ok, f"{what}: good input was refused"
    if must_refuse:
        assert not ok, f"{what}: bad input was kept"


@contextmanager
def _fresh(template_db: Path, folder: Path):
    """Services over a new, empty database (for what can happen only once per database)."""
    from app.persistence.database import Database
    from app.services import Services

    path = Path(tempfile.mkdtemp(dir=folder)) / template_db.name
    shutil.copyfile(template_db, path)
    services = Services.over(Database(path))
    try:
        yield services
    finally:
        services.close()


# -- the couple -----------------------------------------------------------------------------------

COLOURS = st.one_of(st.sampled_from([c.key for c in PALETTE]),
                    st.sampled_from(["", "Teal", "teal ", "\x00", "#00756c", None, 5, True]))


@FUZZ
@given(name_a=names, name_b=names, colours=st.tuples(COLOURS, COLOURS))
@example(name_a="Zoë", name_b="Łukasz", colours=("teal", "terracotta"))
@example(name_a=FAMILY * 40, name_b=RTL_MIXED, colours=("plum", "ocean"))
@example(name_a=COMBINING, name_b=ARABIC, colours=("teal", "terracotta"))
@example(name_a="  Zoë  ", name_b="ZOE\u0308", colours=("teal", "terracotta"))
@example(name_a="a\x00b", name_b="Ben", colours=("teal", "terracotta"))
@example(name_a=BIG, name_b="Ben", colours=("teal", "terracotta"))
@example(name_a=" \u3000", name_b="Ben", colours=("teal", "terracotta"))
@example(name_a="Ann", name_b="Ben", colours=("teal", "teal"))
@example(name_a=-2**63, name_b=None, colours=("teal", "terracotta"))
def test_setup_keeps_both_names_as_tidied_or_sets_up_nothing(template_db, tmp_path, name_a,
                                                              name_b, colours):
    with _fresh(template_db, tmp_path) as services:
        ok, result = _attempt(services, lambda: services.couple.setup(name_a, name_b, colours))
        found = services.couple.get()
        if ok:
            assert found == result[0]
            assert found.names == (_tidy(name_a), _tidy(name_b))
            assert tuple(p.colour for p in found.partners) == colours
        else:
            assert found is None
        palette = {c.key for c in PALETTE}
        good_colours = colours[0] in palette and colours[1] in palette and \
            colours[0] != colours[1]
        _agrees(ok, must_accept=_plain_label(name_a, 40) and _plain_label(name_b, 40)
                and name_key(_tidy(name_a)) != name_key(_tidy(name_b)) and good_colours,
                must_refuse=_bad_label(name_a, 40) or _bad_label(name_b, 40)
                or name_key(_tidy(name_a)) == name_key(_tidy(name_b)) or not good_colours,
                what="setup")


@FUZZ
@given(position=st.one_of(st.sampled_from([0, 1]),
                          st.sampled_from([2, -1, 2**64, -2**63, None, True, "0"])),
       name=st.one_of(st.none(), names), colour_key=st.one_of(st.none(), COLOURS))
@example(position=0, name=f"  {FAMILY}  {ARABIC} ", colour_key="plum")
@example(position=1, name="zoë", colour_key=None)  # the other's name, another case
@example(position=1, name="Zoe\u0308", colour_key=None)  # the other's name, NFD
@example(position=0, name="Ann", colour_key="terracotta")  # the other's colour: all refused
@example(position=1, name="x" * 100_000, colour_key=None)
@example(position=True, name="Ann", colour_key=None)
def test_a_partner_is_renamed_exactly_or_not_at_all(services, couple, position, name,
                                                    colour_key):
    before = services.couple.require()
    ok, _ = _attempt(services, lambda: services.couple.update_partner(
        position, name=name, colour_key=colour_key))
    after = services.couple.require()
    if not ok:
        assert after == before
    else:
        me, other = after.partners[position], after.partners[1 - position]
        assert me.name == (before.partners[position].name if name is None else _tidy(name))
        assert me.colour == (before.partners[position].colour if colour_key is None
                             else colour_key)
        assert other == before.partners[1 - position]
    valid_position = type(position) is int and position in (0, 1)
    other = before.partners[1 - position] if valid_position else None
    _agrees(ok, must_accept=valid_position and (
        name is None or (_plain_label(name, 40) and name_key(_tidy(name)) != name_key(other.name)))
        and (colour_key is None or (colour_key in {c.key for c in PALETTE}
                                    and colour_key != other.colour)),
        must_refuse=not valid_position or (name is not None and _bad_label(name, 40)),
        what="update_partner")


# -- settings -------------------------------------------------------------------------------------

SETTING_VALUES = st.one_of(st.integers(-2, 70), st.sampled_from(
    [-2**63, 2**63 - 1, 2**64, 1440, 5.0, math.nan, None, True, False, "3", "large", "normal",
     "extra_large", "LARGE", "", TextSize.LARGE]))
SETTING_RULES = {
    "week_start": lambda v: _score(v, 0, 6),
    "checkin_target_per_week": lambda v: _score(v, 0, 14),
    "quality_hours_per_week": lambda v: _score(v, 0, 40),
    "text_size": lambda v: isinstance(v, str) and v in {s.value for s in TextSize},
    # 5.0 is taken as 5 (the other settings refuse floats)
    "lock_after_minutes": lambda v: not isinstance(v, bool) and v in LOCK_CHOICES,
}


@FUZZ
@given(values=st.dictionaries(st.sampled_from(sorted(SETTING_RULES)), SETTING_VALUES,
                              min_size=1))
@example(values={"week_start": 6, "text_size": "extra_large", "lock_after_minutes": 60})
@example(values={"week_start": -2**63})
@example(values={"checkin_target_per_week": 2**64, "week_start": 3})  # one bad: none kept
@example(values={"quality_hours_per_week": math.nan})
@example(values={"lock_after_minutes": True})
@example(values={"text_size": None})
def test_settings_are_kept_exactly_or_not_at_all(services, couple, values):
    before = services.settings.get()
    ok, _ = _attempt(services, lambda: services.settings.update(**values))
    after = services.settings.get()
    if ok:
        for key in SETTING_RULES:
            assert getattr(after, key) == values.get(key, getattr(before, key)), key
    else:
        assert after == before
    valid = all(SETTING_RULES[key](value) for key, value in values.items())
    _agrees(ok, must_accept=valid, must_refuse=not valid, what="settings")


# -- check-ins ------------------------------------------------------------------------------------

ANSWER = st.fixed_dictionaries({
    "who": WHO, "mood": SCORES, "connection": SCORES,
    "stress": st.one_of(st.none(), SCORES), "feelings": FEELING_INPUTS,
    "appreciation": texts, "need": texts, "private_note": texts,
})
TEXT_FIELDS = ("appreciation", "need", "private_note")
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)


def _answer(**changes) -> dict:
    answer = {"who": "first", "mood": 4, "connection": 7, "stress": 2, "feelings": ["calm"],
              "appreciation": "Thank you", "need": "", "private_note": ""}
    return {**answer, **changes}


def _checkin_input(answer: dict, couple) -> CheckinInput:
    return CheckinInput(_who(answer["who"], couple), answer["mood"], answer["connection"],
                        answer["stress"], answer["feelings"], answer["appreciation"],
                        answer["need"], answer["private_note"])


def _answer_ok(answer: dict) -> bool:
    return (answer["who"] in ("first", "second") and _score(answer["mood"], 1, 5)
            and _score(answer["connection"], 1, 10)
            and (answer["stress"] is None or _score(answer["stress"], 1, 5))
            and _feelings(answer["feelings"]) is not None
            and all(_free(answer[f]) is not REFUSED for f in TEXT_FIELDS))


def _instant(at: object) -> datetime | None:
    """The moment ``at`` means (naive: this computer's local time), or None if it is none."""
    if not isinstance(at, datetime):
        return None
    local = at if at.tzinfo is not None else at.astimezone()
    try:
        local.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return local


def _same_moment(a: datetime, b: datetime) -> bool:
    """Equal instants (``==`` across zones is False for a time the clocks skip or repeat)."""
    return a.astimezone(UTC) == b.astimezone(UTC)


def _assert_answer_kept(got, answer: dict, couple) -> None:
    assert got.partner_id == _who(answer["who"], couple)
    assert (got.mood, got.connection, got.stress) == \
        (answer["mood"], answer["connection"], answer["stress"])
    assert got.feelings == _feelings(answer["feelings"])
    for name in TEXT_FIELDS:
        assert getattr(got, name) == _free(answer[name]), name


@FUZZ
@given(answers=st.lists(ANSWER, max_size=3),
       mode=st.sampled_from([*MODES, "", "together", None]),
       at=st.one_of(st.none(), MOMENTS))
@example(answers=[_answer(appreciation=BIG, need=RTL_MIXED, private_note=FAMILY + COMBINING)],
         mode="side_by_side", at=None)
@example(answers=[_answer(), _answer(who="second", feelings="Sad, HAPPY, sad ,")],
         mode="private_reveal", at=datetime(2020, 2, 29, 23, 59, tzinfo=ZONES[2]))
@example(answers=[_answer(), _answer(appreciation="a\x00b", who="second")], mode="alone",
         at=None)  # the second answer is bad: the first isn't kept either
@example(answers=[_answer(need=TOO_BIG)], mode="alone", at=None)
@example(answers=[_answer(private_note=LONE_SURROGATE)], mode="alone", at=None)
@example(answers=[_answer(mood=-2**63), _answer(who="second", connection=2**64)],
         mode="side_by_side", at=None)
@example(answers=[_answer(mood=math.nan)], mode="alone", at=None)
@example(answers=[_answer(connection=True)], mode="alone", at=None)
@example(answers=[_answer(stress="3")], mode="alone", at=None)
@example(answers=[_answer(), _answer()], mode="alone", at=None)
@example(answers=[_answer()], mode="alone", at=datetime.min.replace(tzinfo=UTC))
@example(answers=[_answer()], mode="alone", at=datetime.max)
@example(answers=[_answer()], mode="alone", at=datetime(3000, 1, 1, tzinfo=UTC))
@example(answers=[_answer()], mode="alone", at=datetime(1970, 1, 1, 0, 30, tzinfo=ZONES[1]))
def test_a_checkin_is_kept_exactly_or_not_at_all(services, couple, answers, mode, at):
    inputs = [_checkin_input(a, couple) for a in answers]
    now = datetime.now(UTC)
    ok, result = _attempt(services, lambda: services.checkins.save_session(
        inputs, mode=mode, at=at))
    instant = _instant(at)
    if ok:
        sitting = result[0]
        assert len(sitting.checkins) == len(answers)
        for answer, made in zip(answers, sorted(sitting.checkins, key=lambda c: c.id),
                                strict=True):
            got = services.checkins.get(made.id)
            _assert_answer_kept(got, answer, couple)
            if at is None:
                assert abs(got.at - now) < timedelta(minutes=1)
            else:  # the same moment, shown at the same wall-clock time and offset
                assert _same_moment(got.at, instant)
                assert got.at.utcoffset() == instant.utcoffset()
                assert got.at.replace(tzinfo=None) == \
                    instant.astimezone(timezone(instant.utcoffset())).replace(tzinfo=None)
    when_ok = at is None or (instant is not None and EARLIEST <= instant <= now)
    when_bad = at is not None and (instant is None or instant < EARLIEST
                                   or instant > now + timedelta(hours=1))
    answers_ok = 1 <= len(answers) <= 2 and len({a["who"] for a in answers}) == len(answers) \
        and all(_answer_ok(a) for a in answers) and mode in MODES
    _agrees(ok, must_accept=answers_ok and when_ok, must_refuse=not answers_ok or when_bad,
            what="save_session")


@FEW
@given(target=st.one_of(st.just("it"), st.sampled_from(MISSING_IDS)), answer=ANSWER)
@example(target="it", answer=_answer(appreciation=BIG, feelings=("tender", "TENDER")))
@example(target="it", answer=_answer(who="second"))  # a check-in stays with its partner
@example(target=2**63 - 1, answer=_answer())
@example(target=-2**63, answer=_answer())
def test_a_changed_checkin_is_kept_exactly_or_left_as_it_was(services, couple, target,
                                                            answer):
    made, _ = services.checkins.save_session(
        [CheckinInput(couple.ids[0], 3, 5, None, ("calm",), "first words")],
        mode="alone", at=datetime(2025, 6, 1, 20, 0, tzinfo=ZONES[4]))
    original = made.checkins[0]
    checkin_id = original.id if target == "it" else target
    ok, _ = _attempt(services, lambda: services.checkins.update(
        checkin_id, _checkin_input(answer, couple)), (ValidationError, NotFoundError))
    got = services.checkins.get(original.id)
    if ok:
        _assert_answer_kept(got, answer, couple)
        assert got.at == original.at and got.session_id == original.session_id
    else:
        assert got == original
    valid = target == "it" and _answer_ok(answer) and answer["who"] == "first"
    _agrees(ok, must_accept=valid, must_refuse=not valid, what="checkins.update")


# -- drafts ---------------------------------------------------------------------------------------

_json_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from([2**64, -2**63, 10**40]),
    st.floats(), st.text(max_size=30),
    st.sampled_from([t for t in FREE_SAMPLES if t != LONE_SURROGATE]),
)
JSON_VALUES = st.recursive(
    _json_leaves, lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@FUZZ
@given(key=st.text(max_size=100), payload=st.dictionaries(st.text(max_size=12), JSON_VALUES,
                                                           max_size=4))
@example(key="checkin", payload={"appreciation": BIG, "mood": 4, "feelings": ["calm"]})
@example(key="a\x00b", payload={"\x00": "\x00", "rtl": RTL_MIXED, "emoji": FAMILY})
@example(key=FAMILY, payload={"n": -2**63, "m": 2**64, "x": math.nan, "inf": -math.inf})
@example(key="", payload={})
def test_a_draft_comes_back_exactly_until_cleared(services, key, payload):
    services.drafts.save(key, payload)
    assert _canonical(services.drafts.load(key)) == _canonical(payload)
    services.drafts.save(key, {"again": payload})  # saving again replaces it
    assert _canonical(services.drafts.load(key)) == _canonical({"again": payload})
    services.drafts.clear(key)
    assert services.drafts.load(key) is None


# -- values ---------------------------------------------------------------------------------------

@FUZZ
@given(name=names, description=texts)
@example(name=f"Mut {FAMILY}", description=f"  {ARABIC} — {HEBREW}  ")
@example(name="  honesty ", description="")  # a starter value's name, another case
@example(name=COMBINING, description="two\nlines")
@example(name="Calm", description="a\x00b")
@example(name="Play", description="v" * 301)
@example(name="Pla y", description=" " + "w" * 300 + "\n")
@example(name="", description=None)
def test_a_value_of_our_own_is_kept_as_tidied_or_not_at_all(services, couple, name,
                                                            description):
    existing = services.values.values()
    ok, result = _attempt(services, lambda: services.values.add_value(name, description))
    after = services.values.values()
    if ok:
        value = result[0]
        assert after == (*existing, value)
        assert (value.name, value.description, value.custom) == \
            (_tidy(name), _line(description, 300), True)
    taken = isinstance(name, str) and name_key(_tidy(name)) in {name_key(v.name) for v in existing}
    text = _line(description, 300)
    _agrees(ok, must_accept=_plain_label(name, 40) and not taken and text is not REFUSED,
            must_refuse=_bad_label(name, 40) or taken or text is REFUSED, what="add_value")


@FUZZ
@given(who=st.sampled_from([("first",), ("second",), ("first", "second"), ("first", "first"),
                            (), ("first", "second", "first"), (3,), (None,)]),
       odd=SCORES, which=st.integers(0, 100), usual=st.integers(1, 5),
       gap=st.sampled_from([None, "missing", 10**9, -2**63, 2**63 - 1]),
       at=st.one_of(st.none(), SORT_MOMENTS))
@example(who=("first", "second"), odd=5, which=0, usual=1, gap=None,
         at=datetime(2025, 3, 30, 2, 30, tzinfo=ZONES[4]))
@example(who=("first",), odd=2**64, which=3, usual=3, gap=None, at=None)
@example(who=("first",), odd=-2**63, which=3, usual=3, gap=None, at=None)
@example(who=("first", "second"), odd=math.nan, which=3, usual=3, gap=None, at=None)
@example(who=("second",), odd=True, which=3, usual=3, gap=None, at=None)
@example(who=("first",), odd=4, which=3, usual=3, gap="missing", at=None)
@example(who=("first",), odd=4, which=3, usual=3, gap=None, at=datetime.max.replace(tzinfo=UTC))
def test_a_card_sort_is_kept_exactly_or_not_at_all(services, couple, who, odd, which, usual,
                                                   gap, at):
    values = services.values.values()
    ratings = {v.id: usual for v in values}
    ratings[values[which % len(values)].id] = odd
    if gap == "missing":
        del ratings[values[-1].id]
    elif gap is not None:
        ratings[gap] = 3
    sorts = [SortInput(_who(w, couple), ratings) for w in who]
    ok, result = _attempt(services, lambda: services.values.save_sorts(sorts, at=at))
    if ok:
        for sort in result[0]:
            kept = next(s for s in services.values.history(sort.partner_id) if s.id == sort.id)
            assert dict(kept.ratings) == ratings
            if at is not None:
                assert _same_moment(kept.sorted_at, _instant(at))
    valid = 1 <= len(who) <= 2 and len(set(who)) == len(who) and \
        set(who) <= {"first", "second"} and _score(odd, 1, 5) and gap is None
    _agrees(ok, must_accept=valid, must_refuse=not valid, what="save_sorts")


@FUZZ
@given(text=texts)
@example(text=f"  We stand for {FAMILY}, {ARABIC} and {HEBREW}.\n")
@example(text=" " + "s" * 2000 + " \n")
@example(text="s" * 2001)
@example(text="a\x00b")
@example(text=None)
def test_our_statement_is_kept_trimmed_or_not_at_all(services, couple, text):
    services.values.save_statement("Before")
    ok, _ = _attempt(services, lambda: services.values.save_statement(text))
    kept = services.values.statement()
    expected = _free(text)
    if ok:
        assert (kept.text if kept else "") == expected.strip()
    else:
        assert kept.text == "Before"
    valid = expected is not REFUSED and len(expected.strip()) <= 2000
    _agrees(ok, must_accept=valid, must_refuse=not valid, what="save_statement")


# -- goals ----------------------------------------------------------------------------------------

MILESTONES = st.lists(st.fixed_dictionaries({"text": texts, "done_on": DAYS}), max_size=3)
GOAL = st.fixed_dictionaries({
    "title": names, "why": texts,
    "category": st.sampled_from([*CATEGORY_NAMES, "", "Us", "🎉", None, 5]),
    "horizon": st.sampled_from([*HORIZON_NAMES, "never", None]),
    "target_date": DAYS_OR_WRONG, "owner": st.one_of(st.none(), WHO),
    "value_ids": st.lists(st.sampled_from(["value0", "value1", 0, 10**6, -2**63, 2**63 - 1]),
                          max_size=3),
    "milestones": MILESTONES,
    "manual_progress": st.one_of(st.none(), st.integers(-2, 102), st.sampled_from(
        [-2**63, 2**64, 50.0, math.nan, True, "50"])),
    "next_review": DAYS_OR_WRONG,
})


def _goal(**changes) -> dict:
    goal = {"title": "Learn to tango", "why": "", "category": "us", "horizon": "year",
            "target_date": None, "owner": None, "value_ids": [], "milestones": [],
            "manual_progress": None, "next_review": None}
    return {**goal, **changes}


def _goal_input(goal: dict, couple, value_ids: tuple[int, ...],
                milestone_ids: tuple[int, ...] = ()) -> GoalInput:
    def value(v):
        return value_ids[int(v[-1])] if isinstance(v, str) else v

    def milestone(m):
        mid = m.get("id")
        return MilestoneInput(m["text"], m["done_on"],
                              milestone_ids[int(mid[-1])] if isinstance(mid, str) else mid)

    return GoalInput(goal["title"], goal["why"], goal["category"], goal["horizon"],
                     goal["target_date"], _who(goal["owner"], couple),
                     tuple(value(v) for v in goal["value_ids"]),
                     tuple(milestone(m) for m in goal["milestones"]),
                     goal["manual_progress"], goal["next_review"])


def _is_day(value: object) -> bool:
    """A day (not a moment) within the years Hearth shows (app.domain.moments)."""
    return isinstance(value, date) and not isinstance(value, datetime) and _in_years(value)


def _goal_verdict(goal: dict, created_on: date) -> tuple[bool, bool]:
    """(must accept, must refuse) by the rules clean_goal documents."""
    milestones_ok = len(goal["milestones"]) <= 100 and all(
        _free(m["text"], 500) is not REFUSED and _line(m["text"], 500) not in (REFUSED, "")
        and (m["done_on"] is None or _in_years(m["done_on"])) for m in goal["milestones"])
    manual = goal["manual_progress"]
    rest_ok = (
        _free(goal["why"]) is not REFUSED and goal["category"] in CATEGORY_NAMES
        and goal["horizon"] in HORIZON_NAMES
        and (goal["target_date"] is None
             or (_is_day(goal["target_date"]) and goal["target_date"] >= created_on))
        and goal["owner"] in (None, "first", "second")
        and all(isinstance(v, str) for v in goal["value_ids"]) and milestones_ok
        and (manual is None or _score(manual, 0, 100))
        and (goal["next_review"] is None or _is_day(goal["next_review"])))
    return (_plain_label(goal["title"], 120) and rest_ok,
            _bad_label(goal["title"], 120) or not rest_ok)


def _assert_goal_kept(got, goal: dict, data: GoalInput) -> None:
    assert got.title == _tidy(goal["title"])
    assert got.why == _free(goal["why"])
    assert (got.category, got.horizon, got.target_date, got.owner_id, got.next_review) == \
        (data.category, data.horizon, data.target_date, data.owner_id, data.next_review)
    assert got.value_ids == tuple(dict.fromkeys(data.value_ids))
    assert [(m.text, m.done_on) for m in got.milestones] == \
        [(m.text.strip(), m.done_on) for m in data.milestones]
    assert got.manual_progress == (None if data.milestones else data.manual_progress)


@FUZZ
@given(goal=GOAL, status=st.sampled_from(["idea", "active", "done", "let_go", "", None]),
       today=st.sampled_from([None, date.min, date.max, date(2024, 2, 29)]))
@example(goal=_goal(title=f" {FAMILY} trip to {ARABIC} ", why=BIG, milestones=[
    {"text": f"  {HEBREW}  ", "done_on": date.min}, {"text": COMBINING, "done_on": date.max}]),
    status="active", today=None)
@example(goal=_goal(target_date=date.min), status="idea", today=None)
@example(goal=_goal(target_date=date.max, next_review=date.min), status="idea", today=date.max)
@example(goal=_goal(target_date=datetime(2030, 1, 1, 12)), status="idea", today=None)
@example(goal=_goal(manual_progress=2**64), status="idea", today=None)
@example(goal=_goal(manual_progress=-2**63), status="idea", today=None)
@example(goal=_goal(manual_progress=math.nan), status="idea", today=None)
@example(goal=_goal(manual_progress=True), status="idea", today=None)
@example(goal=_goal(milestones=[{"text": "a\x00b", "done_on": None}]), status="idea",
         today=None)
@example(goal=_goal(milestones=[{"text": " \n ", "done_on": None}]), status="idea", today=None)
@example(goal=_goal(milestones=[{"text": f"m{i}", "done_on": None} for i in range(101)]),
         status="idea", today=None)
@example(goal=_goal(why=TOO_BIG), status="idea", today=None)
@example(goal=_goal(value_ids=["value0", "value0", "value1"], owner="second"), status="idea",
         today=None)
@example(goal=_goal(value_ids=[2**63 - 1]), status="idea", today=None)
def test_a_new_goal_is_kept_exactly_or_not_at_all(services, couple, goal, status, today):
    value_ids = tuple(v.id for v in services.values.values()[:2])
    data = _goal_input(goal, couple, value_ids)
    ok, result = _attempt(services, lambda: services.goals.create(data, status, today))
    created_on = today or date.today()
    if ok:
        got = services.goals.get(result[0].after.goal.id)
        _assert_goal_kept(got, goal, data)
        assert (got.status, got.created_on) == (status, created_on)
    must_accept, must_refuse = _goal_verdict(goal, created_on)
    status_ok = status in ("idea", "active")
    _agrees(ok, must_accept=must_accept and status_ok, must_refuse=must_refuse or not status_ok,
            what="goals.create")


@FEW
@given(target=st.one_of(st.just("it"), st.sampled_from(MISSING_IDS)), goal=GOAL,
       milestone_ids=st.lists(st.sampled_from(["m0", "m1", None, 0, 2**63 - 1]), max_size=3))
@example(target="it", goal=_goal(title=RTL_MIXED, milestones=[
    {"text": "second first", "done_on": None}, {"text": "first second", "done_on": date.max}]),
    milestone_ids=["m1", "m0"])
@example(target="it", goal=_goal(target_date=date.min), milestone_ids=[])
@example(target=-2**63, goal=_goal(), milestone_ids=[])
@example(target="it", goal=_goal(title="a\x00b"), milestone_ids=[])
def test_a_changed_goal_is_kept_exactly_or_left_as_it_was(services, couple, target, goal,
                                                          milestone_ids):
    change, _ = services.goals.create(GoalInput("Before", milestones=(
        MilestoneInput("one"), MilestoneInput("two", date(2025, 1, 1)))))
    before = change.after.goal
    goal = {**goal, "milestones": [
        {**m, "id": mid} for m, mid in zip(goal["milestones"], milestone_ids, strict=False)]
        + goal["milestones"][len(milestone_ids):]}
    value_ids = tuple(v.id for v in services.values.values()[:2])
    data = _goal_input(goal, couple, value_ids, tuple(m.id for m in before.milestones))
    goal_id = before.id if target == "it" else target
    ok, _ = _attempt(services, lambda: services.goals.update(goal_id, data),
                     (ValidationError, NotFoundError))
    got = services.goals.get(before.id)
    if ok:
        _assert_goal_kept(got, goal, data)
        assert got.created_on == before.created_on
        reused = set()
        for given_m, kept in zip(data.milestones, got.milestones, strict=True):
            if given_m.id in {m.id for m in before.milestones} - reused:
                assert kept.id == given_m.id  # an existing milestone keeps its id
                reused.add(given_m.id)
    else:
        assert got == before
    must_accept, must_refuse = _goal_verdict(goal, before.created_on)
    _agrees(ok, must_accept=target == "it" and must_accept,
            must_refuse=target != "it" or must_refuse, what="goals.update")


# -- calendar -------------------------------------------------------------------------------------

RULES = {  # a repeat rule as given → as kept (documented: no "RRULE:", upper case); or refused
    None: None, "": None, "   ": None,
    "FREQ=WEEKLY;BYDAY=FR": "FREQ=WEEKLY;BYDAY=FR",
    "freq=daily;count=3": "FREQ=DAILY;COUNT=3",
    " RRULE:FREQ=MONTHLY;BYDAY=1SA ": "FREQ=MONTHLY;BYDAY=1SA",
    "FREQ=WEEKLY;INTERVAL=2;COUNT=10": "FREQ=WEEKLY;INTERVAL=2;COUNT=10",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30": REFUSED,  # never happens
    "FREQ=NOPE": REFUSED, "FREQ=DAILY;COUNT=3\x00": REFUSED, "FREQ=DAILY;BYHOUR=99": REFUSED,
    "FREQ=WEEKLY\nRRULE:FREQ=DAILY": REFUSED, f"FREQ={FAMILY}": REFUSED,
}
TZS = [None, "", "UTC", "Europe/Berlin", "Asia/Kathmandu", "Pacific/Kiritimati",
       "America/St_Johns", "Mars/Olympus", "utc", "../../etc/passwd", "Europe/Berlin\x00",
       ARABIC, "A" * 10_000]
LENGTHS = [timedelta(hours=-1), timedelta(0), timedelta(microseconds=1), timedelta(hours=2),
           timedelta(days=1), timedelta(days=31), timedelta(days=31, microseconds=1),
           timedelta(days=400)]
STARTS = st.one_of(
    st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9948, 1, 1)),
    st.sampled_from([datetime(2026, 3, 29, 2, 30), datetime(2026, 10, 25, 2, 30)]),  # DST
    st.sampled_from(["2026-01-01 19:00", date(2026, 1, 1),
                     datetime(2026, 1, 1, 19, tzinfo=UTC), None]),
)
EVENT = st.fixed_dictionaries({
    "title": names, "kind": st.sampled_from([*KINDS_BY_KEY, "", "party", None, 5]),
    "start": STARTS, "length": st.sampled_from(LENGTHS), "all_day": st.booleans(),
    "tz": st.sampled_from(TZS), "location": texts, "notes": texts,
    "planned_by": st.one_of(st.none(), WHO),
    "devices_away": st.sampled_from([False, True, 0, 1, "yes", None]),
    "rrule": st.sampled_from(list(RULES)),
})


def _event(**changes) -> dict:
    event = {"title": "Dinner", "kind": "date_night", "start": datetime(2026, 5, 1, 19),
             "length": timedelta(hours=2), "all_day": False, "tz": "Europe/Berlin",
             "location": "", "notes": "", "planned_by": None, "devices_away": False,
             "rrule": None}
    return {**event, **changes}


def _event_input(event: dict, couple) -> EventInput:
    start = event["start"]
    if isinstance(start, datetime) and event["all_day"]:
        start = datetime.combine(start.date(), time(0), start.tzinfo)
    length = timedelta(days=event["length"].days) if event["all_day"] else event["length"]
    try:
        end = start + length
    except (TypeError, OverflowError):
        end = datetime.max if isinstance(start, datetime) else datetime(2026, 1, 1, 21)
    return EventInput(event["title"], event["kind"], start, end, event["all_day"], event["tz"],
                      event["location"], event["notes"], _who(event["planned_by"], couple),
                      event["devices_away"], event["rrule"])


def _in_years(moment: object) -> bool:
    """Plans live between 1900 and 2200 (app.domain.moments)."""
    return isinstance(moment, date) and EARLIEST_YEAR <= moment.year <= LATEST_YEAR


def _event_verdict(event: dict, data: EventInput) -> tuple[bool, bool]:
    times_ok = all(isinstance(t, datetime) and t.tzinfo is None for t in (data.start, data.end))
    times_ok = times_ok and timedelta(0) < data.end - data.start <= timedelta(days=31)
    times_ok = times_ok and all(_in_years(t) for t in (data.start, data.end))
    zone = data.tz or local_zone_name()
    if times_ok and not data.all_day and _zone_exists(zone):  # not a time the clocks skip
        times_ok = not any(skipped(t, ZoneInfo(zone)) for t in (data.start, data.end))
    rule = RULES[event["rrule"]]
    rest_ok = (
        times_ok and data.kind in KINDS_BY_KEY
        and (data.all_day or _zone_exists(data.tz or local_zone_name()))
        and _line(data.location, 300) is not REFUSED and _free(data.notes) is not REFUSED
        and event["planned_by"] in (None, "first", "second") and rule is not REFUSED)
    return (_plain_label(data.title, 120) and rest_ok,
            _bad_label(data.title, 120) or not rest_ok)


def _assert_event_kept(services, event_id: int, data: EventInput, rule_given) -> None:
    got = services.calendar.get(event_id)
    assert got.title == _tidy(data.title)
    assert (got.kind, got.start, got.end, got.all_day) == \
        (data.kind, data.start, data.end, data.all_day)
    assert got.tz == (None if data.all_day else data.tz or local_zone_name())
    assert (got.location, got.notes) == (_line(data.location, 300), _free(data.notes))
    assert (got.planned_by, got.devices_away) == (data.planned_by, bool(data.devices_away))
    assert got.rrule == RULES[rule_given]
    if got.rrule is None and 3 <= data.start.year <= 9997:  # as the calendar shows it
        shown = [o for o in services.calendar.occurrences(data.start.date(), data.start.date())
                 if o.event_id == event_id]
        assert [(o.title, o.start.replace(tzinfo=None), o.end.replace(tzinfo=None))
                for o in shown] == [(got.title, data.start, data.end)]


@FUZZ
@given(event=EVENT)
@example(event=_event(title=f"{KISS} {ARABIC}", notes=BIG, location=f"  {HEBREW} {COOK} "))
@example(event=_event(start=datetime.min, tz="UTC"))
@example(event=_event(start=datetime.max - timedelta(hours=2), tz="UTC"))
@example(event=_event(start=datetime.min, all_day=True, length=timedelta(days=1)))
@example(event=_event(start=datetime(2026, 5, 1, 19), length=timedelta(hours=-3)))
@example(event=_event(start=datetime(2026, 3, 29, 2, 30), tz="Europe/Berlin",
                      rrule="freq=daily;count=3"))
@example(event=_event(notes="a\x00b"))
@example(event=_event(notes=TOO_BIG))
@example(event=_event(location="two\nlines"))
@example(event=_event(title="x" * 121))
@example(event=_event(rrule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"))
@example(event=_event(planned_by=-2**63))
@example(event=_event(tz="Mars/Olympus"))
def test_a_planned_event_is_kept_exactly_or_not_at_all(services, couple, event):
    data = _event_input(event, couple)
    ok, result = _attempt(services, lambda: services.calendar.create(data))
    if ok:
        _assert_event_kept(services, result[0].id, data, event["rrule"])
    must_accept, must_refuse = _event_verdict(event, data)
    _agrees(ok, must_accept=must_accept, must_refuse=must_refuse, what="calendar.create")


@FEW
@given(target=st.one_of(st.just("it"), st.sampled_from(MISSING_IDS)), event=EVENT,
       scope=st.sampled_from(["all", "this", "following", "", None]))
@example(target="it", event=_event(title=COMBINING, notes=RTL_MIXED, rrule="FREQ=WEEKLY;BYDAY=FR"),
         scope="all")
@example(target="it", event=_event(start=datetime(2026, 5, 1, 19), length=timedelta(0)),
         scope="all")
@example(target=2**63 - 1, event=_event(), scope="all")
def test_a_changed_event_is_kept_exactly_or_left_as_it_was(services, couple, target, event,
                                                           scope):
    made, _ = services.calendar.create(EventInput("Before", tz="UTC"))
    data = _event_input(event, couple)
    event_id = made.id if target == "it" else target
    ok, _ = _attempt(services, lambda: services.calendar.update(event_id, None, data, scope),
                     (ValidationError, NotFoundError))
    if ok:
        _assert_event_kept(services, made.id, data, event["rrule"])
        assert services.calendar.get(made.id).sequence == made.sequence + 1
    else:
        assert services.calendar.get(made.id) == made
    must_accept, must_refuse = _event_verdict(event, data)
    scope_ok = scope in ("all", "this", "following")
    _agrees(ok, must_accept=target == "it" and scope_ok and must_accept,
            must_refuse=target != "it" or not scope_ok or must_refuse, what="calendar.update")


# -- ideas ----------------------------------------------------------------------------------------

def _choices(options) -> st.SearchStrategy:
    return st.sampled_from([*dict(options), "", "FREE", None, 0])


@FUZZ
@given(title=names, description=texts, kind=st.sampled_from([*KINDS_BY_KEY, "", None]),
       cost=_choices(COSTS), duration=_choices(DURATIONS), energy=_choices(ENERGIES),
       place=_choices(PLACES),
       start=st.one_of(
           st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
           st.sampled_from([datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 3, 29, 2, 30)])))
@example(title=f" {FAMILY} picnic ", description=f" {ARABIC} ", kind="walk", cost="free",
         duration="day", energy="low", place="out", start=datetime(1, 1, 2))
@example(title="Stargazing", description="two\nlines", kind="other", cost="free",
         duration="evening", energy="low", place="out", start=datetime(2026, 8, 12, 22))
@example(title="Stargazing", description="", kind="other", cost="priceless",
         duration="evening", energy="low", place="out", start=datetime(2026, 8, 12, 22))
@example(title="Late", description="", kind="device_free", cost="free", duration="day",
         energy="low", place="home", start=datetime(9999, 12, 30, 15))
def test_an_idea_of_our_own_is_kept_and_planned_exactly_or_not_at_all(
        services, couple, title, description, kind, cost, duration, energy, place, start):
    ok, result = _attempt(services, lambda: services.ideas.add(
        title, description, kind, cost, duration, energy, place))
    text = _line(description, 300)
    valid = kind in KINDS_BY_KEY and cost in dict(COSTS) and duration in dict(DURATIONS) \
        and energy in dict(ENERGIES) and place in dict(PLACES) and text is not REFUSED
    _agrees(ok, must_accept=valid and _plain_label(title, 120),
            must_refuse=not valid or _bad_label(title, 120), what="ideas.add")
    if not ok:
        return
    idea = result[0]
    assert idea in services.ideas.ideas()
    assert (idea.title, idea.description, idea.kind, idea.cost, idea.duration, idea.energy,
            idea.place, idea.custom) == (_tidy(title), text, kind, cost, duration, energy,
                                         place, True)
    ok, result = _attempt(services, lambda: services.ideas.plan(idea.id, start))
    end_fits = start.tzinfo is None and _in_years(start) and _in_years(
        start + LENGTH[duration])
    _agrees(ok, must_accept=end_fits, must_refuse=start.tzinfo is not None or not _in_years(
        start), what="ideas.plan")
    if ok:
        got = services.calendar.get(result[0].id)
        assert (got.title, got.kind, got.start, got.end, got.notes, got.devices_away) == \
            (idea.title, kind, start, start + LENGTH[duration], text, kind == "device_free")


def test_planning_an_idea_that_is_not_there_says_so(services, couple):
    for missing in MISSING_IDS:
        ok, error = _attempt(services, lambda m=missing: services.ideas.plan(
            m, datetime(2026, 1, 1, 19)), (NotFoundError, ValidationError))
        # An id SQLite can't even hold is refused as a number far too large.
        assert not ok and isinstance(error, NotFoundError if missing < 2**63
                                     else ValidationError)


# -- worksheets -----------------------------------------------------------------------------------

FIELDS = {kind: [(step.key, field) for step in steps for field in step.fields]
          for kind, steps in DEFINITIONS.items()}
ANSWERS = st.one_of(texts, FEELING_INPUTS, st.sampled_from(
    ["yes", "not_yet", "not_quite", "maybe", "YES"]))


def _stored_answer(field, value: object) -> object:
    """What answer() documents keeping: text exactly, feelings as keys, a listed choice."""
    if field.kind == "feelings":
        keys = _feelings(value or ())  # nothing picked is an empty list
        return REFUSED if keys is None else list(keys)
    if field.kind == "choice":
        return value if value is None or value in dict(field.choices) else REFUSED
    return _free(value)


@FUZZ
@given(kind=st.sampled_from([*KIND_NAMES, "", "After fight", None]), title=names,
       pick=st.integers(0, 40),
       junk=st.sampled_from([None, None, None, ("nope", "words"), ("feelings", "nope"),
                             ("", ""), (None, None)]),
       who=WHO, value=ANSWERS)
@example(kind="after_fight", title=f" {HEBREW} ", pick=1, junk=None, who="first", value=BIG)
@example(kind="after_fight", title="Sunday", pick=0, junk=None, who="second",
         value="Hurt, TIRED, hurt")
@example(kind="gentle_start", title=COMBINING, pick=0, junk=None, who="first",
         value=f"{RTL_MIXED}\n{FAMILY}")
@example(kind="after_fight", title="Sunday", pick=1, junk=None, who="first", value="a\x00b")
@example(kind="after_fight", title="Sunday", pick=1, junk=None, who="first", value=TOO_BIG)
@example(kind="after_fight", title="Sunday", pick=8, junk=None, who="first", value="maybe")
@example(kind="after_fight", title="Sunday", pick=1, junk=None, who=2**63 - 1, value="x")
@example(kind="solve_together", title="a\nb", pick=0, junk=None, who="first", value="x")
def test_a_worksheet_answer_is_kept_exactly_or_not_at_all(services, couple, kind, title, pick,
                                                          junk, who, value):
    ok, result = _attempt(services, lambda: services.worksheets.start(kind, title))
    _agrees(ok, must_accept=kind in KIND_NAMES and _plain_label(title, 120),
            must_refuse=kind not in KIND_NAMES or _bad_label(title, 120),
            what="worksheets.start")
    if not ok:
        return
    sheet = services.worksheets.get(result[0].id)
    assert (sheet.kind, sheet.title, sheet.status, sheet.step) == (kind, _tidy(title), "open", 0)
    step_key, field = FIELDS[kind][pick % len(FIELDS[kind])]
    step_key, field_key = junk or (step_key, field.key)
    partner = _who(who, couple)
    ok, _ = _attempt(services, lambda: services.worksheets.answer(
        sheet.id, step_key, field_key, partner, value))
    expected = REFUSED if junk or who not in ("first", "second") else \
        _stored_answer(field, value)
    _agrees(ok, must_accept=expected is not REFUSED, must_refuse=expected is REFUSED,
            what="worksheets.answer")
    if ok:
        got = services.worksheets.get(sheet.id)
        assert got.answer(step_key, field_key, partner, REFUSED) == expected


@FUZZ
@given(text=texts, owner=st.one_of(st.none(), WHO), due=DAYS, follow_up=DAYS,
       worked=st.booleans(), kept=st.booleans(), note=texts, next_follow_up=DAYS)
@example(text=f"  {FAMILY} walks on Sunday, {ARABIC}\n{HEBREW}  ", owner="second",
         due=date.max, follow_up=date.max, worked=False, kept=True, note=BIG,
         next_follow_up=date.max)
@example(text=" \n ", owner=None, due=None, follow_up=None, worked=True, kept=False, note="",
         next_follow_up=None)
@example(text="Walk", owner=-2**63, due=None, follow_up=date.min, worked=True, kept=False,
         note="a\x00b", next_follow_up=None)
@example(text=TOO_BIG, owner=None, due=date.min, follow_up=None, worked=False, kept=False,
         note=COMBINING, next_follow_up=None)
def test_agreements_and_follow_ups_are_kept_exactly_or_not_at_all(
        services, couple, text, owner, due, follow_up, worked, kept, note, next_follow_up):
    sheet, _ = services.worksheets.start("after_fight", "Sunday")
    opened = sheet.opened_at.date()
    ok, result = _attempt(services, lambda: services.worksheets.add_agreement(
        sheet.id, text, _who(owner, couple), due))
    words = _free(text)
    words = words if words is REFUSED else words.strip()  # several lines are fine
    valid = words not in (REFUSED, "") and owner in (None, "first", "second") and (
        due is None or _in_years(due))
    _agrees(ok, must_accept=valid, must_refuse=not valid, what="add_agreement")
    agreement = result[0] if ok else None
    if ok:
        assert services.worksheets.get(sheet.id).agreements == (agreement,)
        assert (agreement.text, agreement.owner_id, agreement.due, agreement.kept) == \
            (words, _who(owner, couple), due, None)

    ok, _ = _attempt(services, lambda: services.worksheets.set_follow_up(sheet.id, follow_up))
    valid = follow_up is None or (follow_up >= opened and _in_years(follow_up))
    _agrees(ok, must_accept=valid, must_refuse=not valid, what="set_follow_up")
    expected_follow_up = follow_up if ok else None
    assert services.worksheets.get(sheet.id).follow_up == expected_follow_up

    marks = {agreement.id: kept} if agreement else None
    ok, _ = _attempt(services, lambda: services.worksheets.review(
        sheet.id, worked, note, marks, next_follow_up))
    review = _free(note)
    _agrees(ok, must_accept=review is not REFUSED and (
        next_follow_up is None or (next_follow_up >= opened and _in_years(next_follow_up))),
        must_refuse=review is REFUSED, what="review")
    got = services.worksheets.get(sheet.id)
    if ok:
        assert got.review == review.strip()
        assert got.status == ("resolved" if worked else "open")
        assert got.follow_up == (expected_follow_up if worked else next_follow_up)
        assert [a.kept for a in got.agreements] == ([kept] if agreement else [])
    else:
        assert (got.review, got.status, got.follow_up) == ("", "open", expected_follow_up)


PAUSES = st.one_of(
    st.sampled_from([-60, 0, 10, 19, 21, 60, 23 * 60, 24 * 60 + 5, 25 * 60]).map(
        lambda minutes: timedelta(minutes=minutes)),
    st.sampled_from([datetime.max.replace(tzinfo=UTC), datetime.min.replace(tzinfo=UTC),
                     datetime.max, datetime(3000, 1, 1, tzinfo=ZONES[2])]),
)


@FUZZ
@given(kind=st.sampled_from(list(KIND_NAMES)),
       step=st.one_of(st.integers(-2, 8), st.sampled_from(
           [-2**63, 2**63 - 1, 2**64, True, False])),
       back=PAUSES, zone=st.sampled_from([None, *ZONES]))
@example(kind="after_fight", step=5, back=timedelta(minutes=21), zone=ZONES[3])
@example(kind="solve_together", step=1, back=timedelta(minutes=19), zone=None)
@example(kind="gentle_start", step=2**64, back=datetime.max, zone=None)
@example(kind="gentle_start", step=-2**63, back=datetime.min.replace(tzinfo=UTC), zone=None)
def test_moving_and_pausing_a_worksheet_is_kept_exactly_or_not_at_all(services, couple, kind,
                                                                      step, back, zone):
    sheet, _ = services.worksheets.start(kind, "Steps")
    steps = len(DEFINITIONS[kind])
    ok, _ = _attempt(services, lambda: services.worksheets.go_to(sheet.id, step))
    # Solve it together: nobody moves on from a speaker's turn before feeling heard.
    valid = not isinstance(step, bool) and 0 <= step <= (0 if kind == "solve_together" else steps)
    _agrees(ok, must_accept=valid, must_refuse=not (0 <= step <= steps), what="go_to")
    assert services.worksheets.get(sheet.id).step == (step if ok else 0)

    now = datetime.now(UTC)
    if isinstance(back, timedelta):
        back_at = (now + back).astimezone(zone) if zone else \
            (now + back).astimezone().replace(tzinfo=None)  # naive: this computer's time
    else:
        back_at = back
    ok, _ = _attempt(services, lambda: services.worksheets.pause(sheet.id, back_at))
    instant = _instant(back_at)
    valid = isinstance(back, timedelta) and timedelta(minutes=20) < back <= timedelta(hours=24)
    _agrees(ok, must_accept=valid, must_refuse=not valid, what="pause")
    got = services.worksheets.get(sheet.id)
    if ok:
        assert got.status == "paused" and _same_moment(got.resume_at, instant)
        took, _ = _attempt(services, lambda: services.worksheets.answer(
            sheet.id, DEFINITIONS[kind][0].key, DEFINITIONS[kind][0].fields[0].key,
            couple.ids[0], "while paused"))
        assert not took, "a paused worksheet took an answer"
        services.worksheets.resume(sheet.id)
        got = services.worksheets.get(sheet.id)
    assert (got.status, got.resume_at, got.paused_at) == ("open", None, None)


# -- calendar files (.ics) ------------------------------------------------------------------------

ICS_LINES = [
    "BEGIN:VCALENDAR", "END:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "END:VEVENT",
    "UID:same", "UID:other", "DTSTART:20260101T100000Z", "DTSTART;VALUE=DATE:00020101",
    "DTSTART;VALUE=DATE:99991231", "DTSTART:99991231T230000Z", "DTSTART:nope",
    "DTSTART;TZID=Europe/Berlin:20260329T023000", "DTSTART;TZID=Mars/Olympus:20260101T100000",
    "DTEND:20250101T100000Z", "DURATION:P1D", "DURATION:-P1D", "DURATION:P40D",
    f"SUMMARY:{KISS} {ARABIC}", "SUMMARY:a\x00b", "SUMMARY:", f"DESCRIPTION:{'x' * 2000}",
    f"LOCATION:{HEBREW}", "RRULE:FREQ=WEEKLY;COUNT=3", "RRULE:FREQ=NOPE",
    "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "EXDATE:20260108T100000Z", "EXDATE:nope",
    "SEQUENCE:3", "SEQUENCE:-1", "SEQUENCE:abc", "X-HEARTH-STATUS:DONE", "X-HEARTH-KIND:walk",
    "CATEGORIES:Walk,Other", "TZID:Mars/Olympus",
    "BEGIN:VTODO", "END:VTODO", " folded continuation", "\x00", "",
]


def _ics_outcome(services, content: bytes) -> tuple[bool, object]:
    before = {e.id for e in services.calendar.events()}
    ok, result = _attempt(services, lambda: services.ics.import_(content))
    if ok:
        added = [e for e in services.calendar.events() if e.id not in before]
        assert result[0] == len(added) > 0
        assert b"BEGIN:VEVENT" in services.ics.export()  # and it can be written out again
        return ok, added
    return ok, result


@FUZZ
@given(content=st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.lists(st.sampled_from(ICS_LINES), max_size=25).map(
        lambda lines: "\r\n".join(lines).encode("utf-8")),
    st.lists(st.sampled_from(ICS_LINES[5:]), max_size=12).map(
        lambda lines: "\r\n".join(["BEGIN:VCALENDAR", "BEGIN:VEVENT", *lines, "END:VEVENT",
                                   "END:VCALENDAR"]).encode("utf-8")),
))
@example(content=b"")
@example(content=b"\x00" * 64)
@example(content=b"\xff\xfe\x00B\x00E\x00G\x00I\x00N")
@example(content=BIG.encode("utf-8"))
@example(content=("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20260101T100000Z\r\n"
                  f"SUMMARY:{FAMILY}\r\nDESCRIPTION:{ARABIC}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                  ).encode())
@example(content=(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T100000Z\r\n"
                  b"DURATION:P40D\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20260101T100000Z\r\n"
                  b"END:VEVENT\r\nEND:VCALENDAR\r\n"))  # 2nd fine, 1st not
def test_any_file_is_imported_whole_or_not_at_all(services, couple, content):
    _ics_outcome(services, content)


ICS_STARTS = st.one_of(
    st.dates(), st.sampled_from([date.min, date.max]),
    st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 1, 1)),  # floating
    st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 1, 1),
                 timezones=st.just(ZoneInfo("Europe/Berlin"))),
)


@FUZZ
@given(summary=real_texts, description=real_texts, location=real_texts, start=ICS_STARTS,
       length=st.sampled_from([None, *LENGTHS]),
       rule=st.sampled_from([None, "FREQ=WEEKLY;COUNT=5", "FREQ=MONTHLY;BYDAY=1SA"]),
       sequence=st.sampled_from([0, 7, -1, 2**31 - 1]))
@example(summary=f"  {FAMILY} {RTL_MIXED}  ", description=BIG, location=f" {COMBINING} \n ",
         start=datetime(2026, 3, 29, 2, 30, tzinfo=ZoneInfo("Europe/Berlin")),
         length=timedelta(hours=2), rule="FREQ=WEEKLY;COUNT=5", sequence=2**31 - 1)
@example(summary="a\x00b", description="", location="", start=date(2026, 1, 1), length=None,
         rule=None, sequence=0)
@example(summary="Walk", description=TOO_BIG, location="", start=date.min,
         length=timedelta(days=1), rule=None, sequence=0)
@example(summary=" ", description="\x00", location="", start=date.max, length=None, rule=None,
         sequence=0)
def test_an_imported_event_keeps_what_the_file_says_or_nothing_is_imported(
        services, couple, summary, description, location, start, length, rule, sequence):
    from icalendar import Calendar, vRecur
    from icalendar import Event as VEvent

    calendar, event = Calendar(), VEvent()
    calendar.add("prodid", "-//fuzz//EN")
    calendar.add("version", "2.0")
    event.add("uid", "fuzz")
    event.add("summary", summary)
    event.add("description", description)
    event.add("location", location)
    event.add("dtstart", start)
    if length is not None:
        with suppress(OverflowError):
            event.add("dtend", start + (timedelta(days=length.days)
                                        if not isinstance(start, datetime) else length))
    if rule:
        event.add("rrule", vRecur.from_ical(rule))
    event.add("sequence", sequence)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    content = calendar.to_ical()
    said = Calendar.from_ical(content).walk("VEVENT")[0]  # what the file says, as read

    ok, found = _ics_outcome(services, content)
    title = (str(said.get("summary", "")).strip() or "Time together")[:120]
    notes = str(said.get("description", ""))
    place = " ".join(str(said.get("location", "")).split())[:300]  # kept as one short line
    if ok:
        (got,) = found
        assert (got.title, got.notes) == (_tidy(title), notes)
        assert got.location == place
        assert got.all_day == (not isinstance(start, datetime))
        told = said.decoded("dtstart")  # .ics times have no microseconds
        if got.all_day:
            assert got.start == datetime.combine(told, time(0))
        else:  # a time the clocks skip means the one after the change (RFC 5545)
            assert got.start == (told.astimezone(told.tzinfo) if told.tzinfo
                                 else told).replace(tzinfo=None)
        assert got.tz == (None if got.all_day else "Europe/Berlin" if start.tzinfo
                          else local_zone_name())
        assert got.rrule == rule
        assert got.sequence == sequence
    location_ok = _free(place) is not REFUSED
    length_fits = length is None or (timedelta(days=length.days) if not isinstance(start, datetime)
                                     else length) <= timedelta(days=31)
    _agrees(ok, must_accept=_plain_label(title, 120) and _free(notes) is not REFUSED
            and location_ok and length_fits and _in_years(start),
            must_refuse=_bad_label(title, 120) or _free(notes) is REFUSED or not location_ok
            or not _in_years(start),
            what="ics import")


# -- export and import of everything --------------------------------------------------------------

@pytest.fixture(scope="module")
def export_document(tmp_path_factory) -> bytes:
    """An export holding a bit of everything, in many scripts, with 100,000 characters."""
    from app.paths import db_path
    from app.persistence.migrate import open_database
    from app.services import Services

    db = open_database(db_path(tmp_path_factory.mktemp("fuzz-export")))
    services = Services.over(db)
    try:
        couple, _ = services.couple.setup(f"Zoë {FAMILY}", HEBREW, ("plum", "ocean"))
        first, second = couple.ids
        services.checkins.save_session(
            [CheckinInput(first, 4, 8, 2, ("tender",), BIG, RTL_MIXED, COMBINING),
             CheckinInput(second, 2, 3, None, (), "", f"{ARABIC}\n", "")],
            at=datetime(2025, 10, 26, 2, 30, tzinfo=ZONES[4]))
        values = services.values.values()
        services.values.save_sorts([SortInput(first, {v.id: 1 + v.id % 5 for v in values})],
                                   at=datetime(2025, 1, 1, tzinfo=UTC))
        services.values.save_statement(f"{KISS} {HEBREW}")
        services.values.add_value(f"Mut {COOK}", ARABIC)
        services.goals.create(GoalInput(
            f"{FAMILY} trip", COMBINING, target_date=date(LATEST_YEAR, 12, 31), owner_id=second,
            value_ids=(values[0].id,),
            milestones=(MilestoneInput(HEBREW, date(EARLIEST_YEAR, 1, 1)),)))
        event, _ = services.calendar.create(EventInput(
            ARABIC, "walk", datetime(2025, 3, 28, 19), datetime(2025, 3, 28, 21),
            tz="Europe/Berlin", notes=RTL_MIXED, rrule="FREQ=WEEKLY;COUNT=4"))
        services.calendar.set_status(event.id, datetime(2025, 4, 4, 19), "done")
        services.calendar.reflect(event.id, datetime(2025, 4, 4, 19), first, 5, COOK)
        sheet, _ = services.worksheets.start("after_fight", f"{KISS} Sunday")
        services.worksheets.answer(sheet.id, "feelings", "words", second, RTL_MIXED)
        services.worksheets.answer(sheet.id, "feelings", "feelings", first, ["hurt", "tired"])
        services.worksheets.add_agreement(sheet.id, HEBREW, first, date(2026, 2, 1))
        services.ideas.add(f"{COOK} night", ARABIC, "cooking")
        services.drafts.save(f"draft {FAMILY}", {"text": COMBINING, "n": 2**64})
        return services.transfer.export(FIXED)
    finally:
        db.close()


TABLES = ["couple", "partner", "couple_settings", "checkin_session", "checkin", "goal",
          "milestone", "goal_value", "value", "value_sort", "value_rating", "value_statement",
          "event", "event_override", "reflection", "worksheet", "worksheet_answer",
          "agreement", "idea", "draft", "win", "nonexistent"]
HEADER = ["format", "version", "exported_at", "schema"]
CELL_VALUES = st.one_of(
    st.sampled_from([
        None, True, False, 0, -1, 2**63 - 1, -2**63, 1.5, math.nan, "", "\x00", BIG, FAMILY,
        RTL_MIXED, COMBINING, "9999-12-31", "0001-01-01", "9999-12-31 23:59:59.999999",
        "0001-01-01 00:00:00", "2026-02-30", "0001", "9999", [], {}, {"a": [1]},
    ]),
    st.text(max_size=12), st.integers(-2**63, 2**63 - 1),
)
HOW = ["none", "set", "set", "set", "delete_column", "add_column", "duplicate_row",
       "drop_table", "rows_not_list", "header"]


def _mutate(document: dict, how: str, table: str, row: int, column: int,
            value: object) -> set[tuple[str, str]]:
    """Change the document; returns the (table, column)s whose values the database may fill
    in itself (a removed column, an id left out)."""
    if how == "header":
        document[HEADER[column % len(HEADER)]] = value
        return set()
    if how == "drop_table":
        document.pop(table, None)
        return set()
    if how == "rows_not_list":
        document[table] = value if not isinstance(value, list) else {"rows": value}
        return set()
    rows = document.get(table)
    if how == "none" or not rows:
        return set()
    target = rows[row % len(rows)]
    name = sorted(target)[column % len(target)]
    if how == "set":
        target[name] = value
        return {(table, name)} if value is None and name == "id" else set()
    if how == "delete_column":
        del target[name]
        return {(table, name)}
    if how == "add_column":
        target["colour_of_the_sky"] = value
        return set()
    rows.append(dict(target))  # duplicate_row
    return set()


def _rows(document: dict, tables: list[str], loose: set[tuple[str, str]]) -> dict[str, list]:
    found = {}
    for table in tables:
        rows = document.get(table) or []
        found[table] = sorted(json.dumps({k: v for k, v in row.items() if (table, k) not in loose},
                                         sort_keys=True, ensure_ascii=False) for row in rows)
    return found


def _import_whole_or_nothing(template_db: Path, folder: Path, content: bytes,
                             document: dict | None, loose: set) -> bool:
    from app.persistence.migrate import head_revision

    with _fresh(template_db, folder) as services:
        ok, _ = _attempt(services, lambda: services.transfer.import_(content))
        leftovers = list(services.db.path.parent.glob("*.importing*"))
        assert not leftovers, f"an import left {leftovers} behind"
        if not ok:
            assert services.couple.get() is None
            return False
        again = json.loads(services.transfer.export(FIXED))
        assert again["schema"] == head_revision()
        tables = [k for k in again if k not in HEADER]
        assert not set(document) - set(HEADER) - set(tables)
        if document["schema"] != head_revision():
            # Brought up to date: later revisions add tables, columns and starter rows.
            for table in set(tables) - set(document):
                tables.remove(table)
            for table in tables:
                kept = {k for row in document[table] for k in row}
                loose |= {(table, k) for row in again[table] for k in row if k not in kept}
        assert _rows(again, tables, loose) == _rows(document, tables, loose), \
            "the import kept something other than the file said"
        return True


@FUZZ
@given(how=st.sampled_from(HOW), table=st.sampled_from(TABLES), row=st.integers(0, 10**6),
       column=st.integers(0, 30), value=CELL_VALUES)
@example(how="none", table="checkin", row=0, column=0, value=None)
@example(how="set", table="checkin", row=0, column=0, value=TOO_BIG)  # appreciation
@example(how="set", table="partner", row=1, column=2, value=FAMILY)  # a name
@example(how="set", table="checkin", row=0, column=6, value=-2**63)  # mood
@example(how="set", table="goal", row=0, column=11, value="9999-12-31 23:59:59.999999")
@example(how="set", table="draft", row=0, column=0, value="a\x00b")
@example(how="set", table="partner", row=0, column=1, value=None)  # id left for SQLite
@example(how="set", table="value_rating", row=0, column=1, value=math.nan)
@example(how="duplicate_row", table="worksheet_answer", row=0, column=0, value=None)
@example(how="header", table="couple", row=0, column=1, value=2)  # a newer version
@example(how="header", table="couple", row=0, column=3, value="0001")  # an old schema
def test_an_export_is_imported_exactly_or_not_at_all(template_db, tmp_path, export_document,
                                                     how, table, row, column, value):
    document = json.loads(export_document)
    loose = _mutate(document, how, table, row, column, value)
    content = json.dumps(document, ensure_ascii=False).encode("utf-8")
    ok = _import_whole_or_nothing(template_db, tmp_path, content, document, loose)
    changed = document != json.loads(export_document)
    _agrees(ok, must_accept=not changed, must_refuse=changed and how in (
        "add_column", "rows_not_list", "duplicate_row"), what=f"import after {how}")


@FEW
@given(content=st.one_of(
    st.binary(max_size=200),
    JSON_VALUES.map(lambda v: json.dumps(v).encode("utf-8")),
    st.fixed_dictionaries({
        "format": st.sampled_from(["hearth-export", "Hearth-Export", "", None]),
        "version": st.sampled_from([1, 2, 0, -2**63, 2**64, True, 1.0, "1", None, math.nan]),
        "schema": st.sampled_from(["0001", "9999", "", None, 9]),
        "couple": st.sampled_from([[], [{"id": 2**63 - 1}], [{"id": 1, "nope": 1}], "x"]),
    }).map(lambda d: json.dumps(d).encode("utf-8")),
))
@example(content=b"")
@example(content=b"\xef\xbb\xbf{}")
@example(content=b'{"format": "hearth-export", "version": 1e999}')
@example(content=b"[" * 200 + b"]" * 200)
@example(content='{"format": "hearth-export", "version": 1}'.encode("utf-16"))
def test_any_other_file_is_refused_and_changes_nothing(template_db, tmp_path, content):
    try:
        document = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        document = None
    ok = _import_whole_or_nothing(template_db, tmp_path, content,
                                  document if isinstance(document, dict) else {}, set())
    exportish = isinstance(document, dict) and document.get("format") == "hearth-export"
    _agrees(ok, must_accept=False, must_refuse=not exportish, what="import of another file")


# -- what used to crash -------------------------------------------------------------------------


def _was_crashing(services) -> list:
    """(what, action) pairs that raised something other than a refusal before they were
    fixed: each must now be refused with words, and change nothing."""
    from app.domain.checkins import CheckinInput as Answer

    start = datetime(2026, 12, 1, 19)
    ids = services.couple.require().ids
    idea = services.ideas.add("Stargazing")[0]
    sheet = services.worksheets.start("after_fight", "Sunday")[0]

    def plan(rule: str):
        return lambda: services.calendar.create(EventInput(
            "Walk", "walk", start, start + timedelta(hours=1), rrule=rule))

    return [
        ("an id past 2**63", lambda: services.goals.get(2**63)),
        ("an id of 2**64", lambda: services.values.remove_value(2**64)),
        ("a check-in on 1 January 0001", lambda: services.checkins.save_session(
            [Answer(ids[0], 3, 5)], at=datetime.min)),
        ("a pause until 1 January 0001", lambda: services.worksheets.pause(
            sheet.id, datetime.min)),
        ("a plan in year 1, Tokyo", lambda: services.calendar.create(EventInput(
            "T", "walk", datetime.min, datetime.min + timedelta(hours=1), tz="Asia/Tokyo"))),
        ("an idea planned on datetime.max", lambda: services.ideas.plan(idea.id, datetime.max)),
        ("INTERVAL=0", plan("FREQ=DAILY;INTERVAL=0")),
        ("a huge INTERVAL", plan("FREQ=DAILY;INTERVAL=99999999999999999999")),
        ("three million repeats", plan("FREQ=DAILY;COUNT=3000000")),
        ("every second until 9999", plan("FREQ=SECONDLY;UNTIL=99991231T000000")),
        ("a DTSTART line in the rule", plan("DTSTART:20200101T000000\nRRULE:FREQ=DAILY")),
        ("a non-bool all_day", lambda: services.calendar.create(EventInput(
            "T", "walk", start, start + timedelta(hours=1), all_day="yes"))),
        ("a draft with a lone surrogate", lambda: services.drafts.save("k", {"a": "\ud83d"})),
        ("a draft that isn't JSON", lambda: services.drafts.save("k", {"d": date.today()})),
        ("a draft that isn't named answers", lambda: services.drafts.save("k", [1])),
        (".ics: END:VTIMEZONE closing an event", lambda: services.ics.import_(
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nTZID:X\r\nEND:VTIMEZONE\r\n"
            b"END:VCALENDAR\r\n")),
        (".ics: SEQUENCE past 2**63", lambda: services.ics.import_(
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n"
            b"DTSTART:20261201T190000\r\nDTEND:20261201T200000\r\nSUMMARY:x\r\n"
            b"SEQUENCE:99999999999999999999\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")),
        ("an export nested 100,000 deep", lambda: services.transfer.import_(b"[" * 100_000)),
        ("an export that is text, not bytes", lambda: services.transfer.import_("text")),
    ]


def test_what_used_to_crash_is_refused_and_changes_nothing(services, couple):
    for what, action in _was_crashing(services):
        ok, _refusal = _attempt(services, action, (ValidationError, NotFoundError))
        assert not ok, f"{what} was kept"
    assert services.calendar.occurrences(date(1, 1, 1), date(1, 1, 31)) == []


@pytest.mark.parametrize(("table", "column", "value"), [
    ("couple_settings", "text_size", "huge"),
    ("checkin", "at", "2026-02-30 10:00:00"),
    ("checkin", "utc_offset", 10**9),
    ("checkin", "mood", 2**64),
    ("goal", "created_on", "0000-00-00"),
    ("worksheet_answer", "value", "not json"),
    ("event", "rrule", "FREQ=DAILY;INTERVAL=0"),
    ("event", "kind", "party"),
    ("partner", "name", ""),
])
def test_an_export_hearth_could_not_read_back_is_refused(template_db, tmp_path,
                                                          export_document, table, column,
                                                          value):
    document = json.loads(export_document)
    document[table][0][column] = value
    with _fresh(template_db, tmp_path) as fresh:
        ok, refusal = _attempt(fresh, lambda: fresh.transfer.import_(
            json.dumps(document).encode()))
        assert not ok, f"{table}.{column} = {value!r} was imported"
        assert "Nothing was imported" in refusal.message
