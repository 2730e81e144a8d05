"""Check-ins as the couple makes them: a sitting saved, edited, deleted and brought back,
the history and its filters, and the day and week every check-in counts towards.

Where it matters that something was stored, it is read back through a fresh Database, the
way the next start of Hearth would see it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.domain import changes
from app.domain.checkins import TEXT_MAX, CheckinInput
from app.domain.errors import NotFoundError, ValidationError
from app.domain.trends import DayRow
from app.persistence.database import Database
from app.persistence.models import CheckinSessionRecord
from app.persistence.repositories import StatsRepository
from app.services import Services
from app.services.checkins import CheckinFilter
from app.services.drafts import DraftService
from tests.helpers import fresh

DB_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

CET = timezone(timedelta(hours=1))
AT = datetime(2026, 11, 20, 21, 14, tzinfo=CET)  # a Friday evening, well in the past
BERLIN = ZoneInfo("Europe/Berlin")


def stored_history(path: Path, flt: CheckinFilter | None = None):
    with fresh(path) as services:
        return services.checkins.history(flt)


def checkin_rows(path: Path) -> dict[str, int]:
    with fresh(path) as services, services.db.reading() as session:
        rows = StatsRepository(session).rows_per_table()
    return {name: rows[name] for name in ("checkin", "checkin_session")}


def ids(couple) -> tuple[int, int]:
    return couple.partners[0].id, couple.partners[1].id


def ans(partner_id: int, mood: int = 4, connection: int = 7, **more) -> CheckinInput:
    return CheckinInput(partner_id=partner_id, mood=mood, connection=connection, **more)


# --- saving a sitting ----------------------------------------------------------------------


def test_both_partners_check_in_in_one_sitting(services, couple, db_file):
    zoe, lukasz = ids(couple)
    sitting, change = services.checkins.save_session(
        [
            ans(zoe, 5, 8, stress=2, feelings=("Grateful", "close"), appreciation="The tea 🍵",
                need="A walk on Sunday", private_note="Work worries me"),
            ans(lukasz, 3, 5, stress=4, feelings="tired, hopeful"),
        ],
        mode="side_by_side",
        at=AT,
    )
    assert sitting.at == AT
    assert [c.partner_id for c in sitting.checkins] == [zoe, lukasz]
    assert {c.session_id for c in sitting.checkins} == {sitting.id}
    assert all(c.at == AT and c.at.utcoffset() == timedelta(hours=1) for c in sitting.checkins)
    assert change.kinds == {changes.CHECKINS}
    assert change.ids == {(changes.CHECKINS, c.id) for c in sitting.checkins}

    first, second = sorted(stored_history(db_file), key=lambda c: c.partner_id)
    assert (first.mood, first.connection, first.stress) == (5, 8, 2)
    assert first.feelings == ("grateful", "close")
    assert (first.appreciation, first.need, first.private_note) == (
        "The tea 🍵", "A walk on Sunday", "Work worries me"
    )
    assert second.feelings == ("hopeful", "tired")
    assert first.session_id == second.session_id == sitting.id
    assert first.at == AT and first.at.utcoffset() == timedelta(hours=1)
    with fresh(db_file) as again:
        assert again.checkins.sitting(sitting.id) == sitting
        assert again.checkins.together_days() == [date(2026, 11, 20)]
        assert again.checkins.last() in sitting.checkins


@pytest.mark.parametrize("mode", ["alone", "private_reveal", "side_by_side"])
def test_one_partner_may_check_in_alone(services, couple, db_file, mode):
    zoe, _ = ids(couple)
    sitting, _ = services.checkins.save_session([ans(zoe, 2, 3)], mode=mode, at=AT)
    assert len(sitting.checkins) == 1
    (saved,) = stored_history(db_file)
    assert saved.partner_id == zoe and saved.session_id == sitting.id
    with fresh(db_file) as again:
        assert again.checkins.together_days() == []
        assert again.checkins.span() == (date(2026, 11, 20), date(2026, 11, 20))


def _refusals(zoe: int, lukasz: int) -> list[tuple[str, list[CheckinInput], dict]]:
    future = datetime.now(UTC) + timedelta(days=3)
    return [
        ("mood too low", [ans(zoe), ans(lukasz, mood=0)], {}),
        ("mood too high", [ans(zoe, mood=6)], {}),
        ("connection too low", [ans(zoe, connection=0), ans(lukasz)], {}),
        ("connection too high", [ans(zoe), ans(lukasz, connection=11)], {}),
        ("stress too low", [ans(zoe, stress=0)], {}),
        ("stress too high", [ans(zoe), ans(lukasz, stress=6)], {}),
        ("mood as bool", [ans(zoe, mood=True)], {}),
        ("unknown partner", [ans(zoe), ans(lukasz + 100)], {}),
        ("same partner twice", [ans(zoe), ans(zoe, mood=2)], {}),
        ("nobody", [], {}),
        ("three answers", [ans(zoe), ans(lukasz), ans(zoe)], {}),
        ("unknown mode", [ans(zoe), ans(lukasz)], {"mode": "together"}),
        ("bad feeling", [ans(zoe), ans(lukasz, feelings=("calm", "ignored"))], {}),
        ("future", [ans(zoe), ans(lukasz)], {"at": future}),
        ("far future", [ans(zoe)], {"at": datetime(2099, 1, 1, tzinfo=UTC)}),
        ("too long ago", [ans(zoe)], {"at": datetime(1969, 12, 31, tzinfo=UTC)}),
        ("not a moment", [ans(zoe)], {"at": "2026-11-20 21:14"}),
        ("NUL in a note", [ans(zoe, private_note="a\x00b")], {}),
    ]


REFUSAL_NAMES = [name for name, _, _ in _refusals(1, 2)]


@pytest.mark.parametrize("case", REFUSAL_NAMES)
def test_a_refused_sitting_stores_nothing(services, couple, db_file, case):
    zoe, lukasz = ids(couple)
    services.checkins.save_session([ans(zoe, 3, 6)], mode="alone", at=AT)
    before = stored_history(db_file)
    answers, kwargs = {name: (a, k) for name, a, k in _refusals(zoe, lukasz)}[case]
    with pytest.raises(ValidationError) as caught:
        services.checkins.save_session(answers, **kwargs)
    assert caught.value.message
    assert stored_history(db_file) == before
    assert checkin_rows(db_file) == {"checkin": 1, "checkin_session": 1}


@pytest.mark.parametrize(
    ("make", "field", "words"),
    [
        (lambda z, lu: [ans(z, mood=0)], "mood", "1 (low) to 5 (great)"),
        (lambda z, lu: [ans(z, connection=11)], "connection", "from 1 to 10"),
        (lambda z, lu: [ans(lu, stress=6)], "stress", "overwhelmed"),
        (lambda z, lu: [ans(lu), ans(lu)], "partner", "once per sitting"),
        (lambda z, lu: [ans(z), ans(lu + z + 77)], "partner", "isn't part of this couple"),
        (lambda z, lu: [ans(z, feelings=["sad", "betrayed"])], "feelings", "“betrayed”"),
    ],
)
def test_refusals_say_what_to_fix(services, couple, make, field, words):
    with pytest.raises(ValidationError) as caught:
        services.checkins.save_session(make(*ids(couple)), at=AT)
    assert caught.value.field == field
    assert words in caught.value.message


def test_a_check_in_in_the_future_is_refused_with_a_kind_message(services, couple):
    zoe, _ = ids(couple)
    with pytest.raises(ValidationError) as caught:
        services.checkins.save_session([ans(zoe)], at=datetime.now(UTC) + timedelta(days=2))
    assert caught.value.field == "at"
    assert "future" in caught.value.message


def test_a_check_in_a_few_hours_ahead_is_refused(services, couple, db_file):
    zoe, _ = ids(couple)
    with pytest.raises(ValidationError):
        services.checkins.save_session([ans(zoe)], at=datetime.now(UTC) + timedelta(hours=3))
    assert stored_history(db_file) == []


def test_text_that_cannot_be_stored_is_refused_plainly(services, couple, db_file):
    zoe, _ = ids(couple)
    with pytest.raises(ValidationError):
        services.checkins.save_session([ans(zoe, appreciation="tea \udcff")], at=AT)
    assert stored_history(db_file) == []


def test_before_setup_a_check_in_is_refused(services, db_file):
    with pytest.raises(NotFoundError) as caught:
        services.checkins.save_session([ans(1)], at=AT)
    assert "names" in caught.value.message
    assert checkin_rows(db_file) == {"checkin": 0, "checkin_session": 0}


def test_an_aware_moment_keeps_its_own_offset(services, couple, db_file):
    zoe, _ = ids(couple)
    kolkata = datetime(2026, 11, 20, 23, 50, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    services.checkins.save_session([ans(zoe)], at=kolkata)
    (saved,) = stored_history(db_file)
    assert saved.at == kolkata
    assert saved.at.utcoffset() == timedelta(hours=5, minutes=30)
    assert (saved.at.hour, saved.at.minute) == (23, 50)
    assert saved.local_day == date(2026, 11, 20)


def test_a_naive_moment_is_local_time_on_this_computer(services, couple, db_file, local_zone):
    local_zone("America/New_York")
    zoe, lukasz = ids(couple)
    services.checkins.save_session([ans(zoe)], at=datetime(2026, 11, 20, 21, 14))
    services.checkins.save_session(
        [ans(lukasz)], at=datetime(2026, 11, 20, 21, 14, tzinfo=ZoneInfo("America/New_York"))
    )
    naive, aware = sorted(stored_history(db_file), key=lambda c: c.partner_id)
    assert naive.at == aware.at == datetime(2026, 11, 21, 2, 14, tzinfo=UTC)
    assert naive.at.utcoffset() == timedelta(hours=-5)
    assert (naive.at.hour, naive.at.minute) == (21, 14)
    assert naive.local_day == date(2026, 11, 20)
    with fresh(db_file) as again:
        assert again.checkins.span() == (date(2026, 11, 20), date(2026, 11, 20))


# --- any text, kept exactly ----------------------------------------------------------------

SAMPLES = [
    "You made tea without me asking 🍵❤️",
    "👩\u200d❤\ufe0f\u200d👨 👨🏽\u200d🍳 🏳\ufe0f\u200d🌈",
    "شكراً لأنك استمعت إليّ",
    "\u200fתודה על הערב\u200e (and the tea)",
    "Zoe\u0308 and a\u0301\u0323",
    "line one\nline two\r\n\ttabbed   ",
    "  spaces kept  ",
    "",
]
texts = st.one_of(
    st.sampled_from(SAMPLES),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=200),
)
BIG = ("Zoë 🧡 שלום مرحبا a\u0301\u0323 👩\u200d❤\ufe0f\u200d👨\n" * 2000)[:50_000]


@given(appreciation=texts, need=texts, note=texts)
@DB_SETTINGS
@example(appreciation=BIG, need="\u202eRTL override\u202c", note="e\u0301" * 10)
def test_any_text_is_stored_and_read_back_exactly(services, couple, appreciation, need, note):
    zoe, _ = ids(couple)
    sitting, _ = services.checkins.save_session(
        [ans(zoe, appreciation=appreciation, need=need, private_note=note)], at=AT
    )
    checkin_id = sitting.checkins[0].id
    got = services.checkins.get(checkin_id)
    assert (got.appreciation, got.need, got.private_note) == (appreciation, need, note)
    (listed,) = [c for c in services.checkins.history(CheckinFilter(partner_id=zoe))
                 if c.id == checkin_id]
    assert listed == got


def test_fifty_thousand_characters_survive_reopening(services, couple, db_file):
    zoe, lukasz = ids(couple)
    assert len(BIG) == 50_000
    at_limit = "ż" * TEXT_MAX
    sitting, _ = services.checkins.save_session(
        [ans(zoe, appreciation=BIG), ans(lukasz, need=BIG[::-1], private_note=at_limit)], at=AT
    )
    with fresh(db_file) as again:
        first = again.checkins.get(sitting.checkins[0].id)
        second = again.checkins.get(sitting.checkins[1].id)
        history = again.checkins.history()
    assert first.appreciation == BIG
    assert second.need == BIG[::-1]
    assert second.private_note == at_limit
    assert sorted(history, key=lambda c: c.id) == [first, second]


# --- editing, deleting, undoing ------------------------------------------------------------


def test_editing_a_check_in_keeps_who_and_when(services, couple, db_file):
    zoe, lukasz = ids(couple)
    sitting, _ = services.checkins.save_session([ans(zoe, 2, 3), ans(lukasz)], at=AT)
    original = sitting.checkins[0]
    updated, change = services.checkins.update(
        original.id, ans(zoe, 4, 8, stress=1, feelings=["relieved"], appreciation="Thank you")
    )
    assert change.kinds == {changes.CHECKINS}
    assert change.ids == {(changes.CHECKINS, original.id)}
    with fresh(db_file) as again:
        found = again.checkins.get(original.id)
    assert found == updated
    assert (found.mood, found.connection, found.stress) == (4, 8, 1)
    assert (found.feelings, found.appreciation) == (("relieved",), "Thank you")
    assert (found.id, found.partner_id, found.session_id, found.at) == (
        original.id, zoe, sitting.id, AT
    )


@pytest.mark.parametrize(
    "change_to",
    [
        lambda zoe, lukasz: ans(lukasz, 1, 1),  # a check-in stays with whoever made it
        lambda zoe, lukasz: ans(zoe, 9, 1),
        lambda zoe, lukasz: ans(zoe, 3, 12),
        lambda zoe, lukasz: ans(zoe, feelings=("used",)),
    ],
)
def test_a_refused_edit_changes_nothing(services, couple, db_file, change_to):
    zoe, lukasz = ids(couple)
    sitting, _ = services.checkins.save_session([ans(zoe, 2, 3, appreciation="x")], at=AT)
    before = stored_history(db_file)
    with pytest.raises(ValidationError):
        services.checkins.update(sitting.checkins[0].id, change_to(zoe, lukasz))
    assert stored_history(db_file) == before


def test_editing_or_deleting_a_missing_check_in_says_so(services, couple):
    zoe, _ = ids(couple)
    with pytest.raises(NotFoundError):
        services.checkins.update(404, ans(zoe))
    with pytest.raises(NotFoundError):
        services.checkins.delete(404)
    with pytest.raises(NotFoundError):
        services.checkins.get(404)
    with pytest.raises(NotFoundError):
        services.checkins.sitting(404)


def session_mode(services: Services, session_id: int) -> str | None:
    with services.db.reading() as session:
        record = session.get(CheckinSessionRecord, session_id)
        return record.mode if record else None


def test_delete_and_undo_bring_back_the_same_check_in(services, couple, db_file):
    zoe, lukasz = ids(couple)
    sitting, _ = services.checkins.save_session(
        [ans(zoe, 5, 9, feelings=("loved",), appreciation="Dinner 🍝", private_note="mine"),
         ans(lukasz, 2, 4)],
        mode="private_reveal", at=AT,
    )
    original = sitting.checkins[0]
    deleted, change = services.checkins.delete(original.id)
    assert change.ids == {(changes.CHECKINS, original.id)}
    with fresh(db_file) as again:
        assert [c.id for c in again.checkins.history()] == [sitting.checkins[1].id]
        assert again.checkins.together_days() == []
        with pytest.raises(NotFoundError):
            again.checkins.get(original.id)

    restored, change = services.checkins.restore(deleted)
    assert restored == original
    assert change.ids == {(changes.CHECKINS, original.id)}
    with fresh(db_file) as again:
        assert again.checkins.get(original.id) == original
        assert again.checkins.sitting(sitting.id) == sitting
        assert again.checkins.together_days() == [date(2026, 11, 20)]
        assert session_mode(again, sitting.id) == "private_reveal"
    with pytest.raises(ValidationError):
        services.checkins.restore(deleted)  # it is already there


def test_a_sitting_emptied_by_a_delete_comes_back_with_the_undo(services, couple, db_file):
    zoe, _ = ids(couple)
    lisbon = datetime(2026, 7, 14, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    sitting, _ = services.checkins.save_session(
        [ans(zoe, 1, 2, need="Sleep")], mode="alone", at=lisbon
    )
    deleted, _ = services.checkins.delete(sitting.checkins[0].id)
    with pytest.raises(NotFoundError):
        services.checkins.sitting(sitting.id)
    assert checkin_rows(db_file) == {"checkin": 0, "checkin_session": 0}
    assert services.checkins.span() is None

    services.checkins.restore(deleted)
    with fresh(db_file) as again:
        assert again.checkins.sitting(sitting.id) == sitting
        assert session_mode(again, sitting.id) == "alone"
        assert again.checkins.get(sitting.checkins[0].id).at.utcoffset() == timedelta(hours=1)
        assert again.checkins.span() == (date(2026, 7, 14), date(2026, 7, 14))


def test_undo_still_works_after_a_newer_check_in(services, couple, db_file):
    zoe, lukasz = ids(couple)
    services.checkins.save_session([ans(zoe)], mode="alone", at=AT - timedelta(days=2))
    sitting, _ = services.checkins.save_session([ans(lukasz, 2, 3, need="Rest")], at=AT)
    deleted, _ = services.checkins.delete(sitting.checkins[0].id)
    services.checkins.save_session([ans(zoe, 5, 9)], mode="alone", at=AT + timedelta(hours=1))
    restored, _ = services.checkins.restore(deleted)
    assert restored == deleted.checkin
    assert len(stored_history(db_file)) == 3


def test_undo_never_joins_a_check_in_to_someone_elses_sitting(services, couple, db_file):
    zoe, lukasz = ids(couple)
    services.checkins.save_session([ans(zoe)], mode="alone", at=AT - timedelta(days=3))
    together, _ = services.checkins.save_session([ans(zoe), ans(lukasz, need="Rest")],
                                                 at=AT - timedelta(days=2))
    services.checkins.delete(together.checkins[0].id)
    second_deleted, _ = services.checkins.delete(together.checkins[1].id)
    newer, _ = services.checkins.save_session([ans(lukasz, 1, 1)], mode="alone", at=AT)
    services.checkins.restore(second_deleted)
    with fresh(db_file) as again:
        members = again.checkins.sitting(newer.id).checkins
    assert [c.partner_id for c in members] == [lukasz]


# --- history and its filters ---------------------------------------------------------------


@pytest.fixture
def diary(services, couple):
    """A few weeks of check-ins with words to search for."""
    zoe, lukasz = ids(couple)
    save = services.checkins.save_session
    save([ans(zoe, feelings=("grateful",), appreciation="The TEA you made"),
          ans(lukasz, need="A quiet evening", private_note="Feeling tense about money")],
         at=datetime(2026, 11, 2, 20, 0, tzinfo=CET))
    save([ans(zoe, need="Help with the washing-up", private_note="Secret plan: Lisbon trip")],
         mode="alone", at=datetime(2026, 11, 9, 23, 30, tzinfo=CET))
    save([ans(lukasz, feelings=("tired", "hopeful"), appreciation="Tea in bed ☕")],
         mode="alone", at=datetime(2026, 11, 10, 0, 30, tzinfo=CET))
    save([ans(zoe, appreciation="Our walk"), ans(lukasz, appreciation="Your patience")],
         at=datetime(2026, 11, 16, 19, 0, tzinfo=CET))
    return zoe, lukasz


def words(found) -> list[str]:
    return [c.appreciation or c.need for c in found]


def test_history_is_newest_first(services, diary):
    assert [c.at for c in services.checkins.history()] == sorted(
        (c.at for c in services.checkins.history()), reverse=True
    )
    assert len(services.checkins.history()) == 6
    last = services.checkins.last()
    assert last is not None and last.at == datetime(2026, 11, 16, 19, 0, tzinfo=CET)


def test_history_filtered_to_one_partner(services, diary):
    zoe, lukasz = diary
    assert {c.partner_id for c in services.checkins.history(CheckinFilter(partner_id=zoe))} == {
        zoe
    }
    assert words(services.checkins.history(CheckinFilter(partner_id=lukasz))) == [
        "Your patience", "Tea in bed ☕", "A quiet evening"
    ]


def test_history_between_local_dates_inclusive(services, diary):
    history = services.checkins.history
    # 23:30 on the 9th and 00:30 on the 10th (local) are on different local days, even
    # though both are the 9th in UTC.
    assert words(history(CheckinFilter(first=date(2026, 11, 9), last=date(2026, 11, 9)))) == [
        "Help with the washing-up"
    ]
    assert words(history(CheckinFilter(first=date(2026, 11, 10)))) == [
        "Your patience", "Our walk", "Tea in bed ☕"
    ]
    assert len(history(CheckinFilter(last=date(2026, 11, 2)))) == 2
    assert history(CheckinFilter(first=date(2026, 11, 3), last=date(2026, 11, 8))) == []
    assert history(CheckinFilter(first=date(2026, 11, 17))) == []


def test_searching_ignores_case_and_looks_in_appreciations_needs_and_feelings(services, diary):
    history = services.checkins.history
    assert sorted(words(history(CheckinFilter(text="tea")))) == ["Tea in bed ☕",
                                                                "The TEA you made"]
    assert words(history(CheckinFilter(text="  QUIET "))) == ["A quiet evening"]
    assert words(history(CheckinFilter(text="Grateful"))) == ["The TEA you made"]
    assert words(history(CheckinFilter(text="HOPE"))) == ["Tea in bed ☕"]
    assert history(CheckinFilter(text="nothing like this")) == []
    _, lukasz = diary
    assert words(history(CheckinFilter(partner_id=lukasz, text="tea"))) == ["Tea in bed ☕"]
    assert words(history(CheckinFilter(text="tea", first=date(2026, 11, 5)))) == [
        "Tea in bed ☕"
    ]


def test_a_private_note_is_searched_only_in_its_authors_own_history(services, diary):
    zoe, lukasz = diary
    history = services.checkins.history
    assert history(CheckinFilter(text="lisbon")) == []
    assert history(CheckinFilter(text="money")) == []
    assert [c.private_note for c in history(CheckinFilter(partner_id=zoe, text="LISBON"))] == [
        "Secret plan: Lisbon trip"
    ]
    assert history(CheckinFilter(partner_id=lukasz, text="lisbon")) == []
    assert [c.partner_id for c in history(CheckinFilter(partner_id=lukasz, text="money"))] == [
        lukasz
    ]
    assert history(CheckinFilter(partner_id=zoe, text="money")) == []


# --- local days, weeks and daylight saving -------------------------------------------------


def tz(hours: int, minutes: int = 0) -> timezone:
    return timezone(timedelta(hours=hours, minutes=minutes if hours >= 0 else -minutes))


@pytest.mark.parametrize(
    "at",
    [
        datetime(2026, 11, 20, 23, 30, tzinfo=tz(2)),  # 21:30 UTC
        datetime(2026, 11, 20, 0, 30, tzinfo=tz(-5)),  # 05:30 UTC
        datetime(2026, 11, 20, 23, 30, tzinfo=tz(-5)),  # 04:30 UTC on the 21st
        datetime(2026, 11, 20, 0, 30, tzinfo=tz(2)),  # 22:30 UTC on the 19th
        datetime(2026, 11, 20, 0, 15, tzinfo=tz(14)),  # 10:15 UTC on the 19th
        datetime(2026, 11, 20, 23, 45, tzinfo=tz(-12)),  # 11:45 UTC on the 21st
        datetime(2026, 11, 20, 0, 10, tzinfo=tz(5, 45)),  # 18:25 UTC on the 19th
    ],
    ids=lambda at: at.isoformat(),
)
def test_a_check_in_counts_on_its_local_day(services, couple, db_file, at):
    zoe, lukasz = ids(couple)
    services.checkins.save_session([ans(zoe, 4, 8), ans(lukasz, 2, 6)], at=at)
    friday = date(2026, 11, 20)
    with fresh(db_file) as again:
        checkins = again.checkins
        trends = again.trends
        assert trends.day_rows() == [DayRow(friday, zoe, 1, 8, 4),
                                     DayRow(friday, lukasz, 1, 6, 2)]
        assert trends.day_rows(friday, friday) == trends.day_rows()
        assert trends.day_rows(friday + timedelta(days=1)) == []
        assert trends.day_rows(last=friday - timedelta(days=1)) == []
        assert checkins.span() == (friday, friday)
        assert checkins.together_days() == [friday]
        assert len(checkins.history(CheckinFilter(first=friday, last=friday))) == 2
        assert checkins.history(CheckinFilter(first=friday + timedelta(days=1))) == []
        assert checkins.history(CheckinFilter(last=friday - timedelta(days=1))) == []
        assert [c.local_day for c in checkins.history()] == [friday, friday]
        (week,) = trends.weekly_counts(friday, friday)
        assert (week.start, week.by_partner) == (date(2026, 11, 16), {zoe: 1, lukasz: 1})


# Both DST changes in 2026 fall on a Sunday: 29 March (clocks go forward at 02:00) and
# 25 October (clocks go back at 03:00).
DST_MOMENTS = [
    (datetime(2026, 3, 28, 23, 30, tzinfo=BERLIN), date(2026, 3, 28), timedelta(hours=1)),
    (datetime(2026, 3, 29, 0, 30, tzinfo=BERLIN), date(2026, 3, 29), timedelta(hours=1)),
    (datetime(2026, 3, 29, 23, 30, tzinfo=BERLIN), date(2026, 3, 29), timedelta(hours=2)),
    (datetime(2026, 10, 25, 0, 30, tzinfo=BERLIN), date(2026, 10, 25), timedelta(hours=2)),
    (datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN), date(2026, 10, 25), timedelta(hours=2)),
    (datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN), date(2026, 10, 25),
     timedelta(hours=1)),
    (datetime(2026, 10, 25, 23, 30, tzinfo=BERLIN), date(2026, 10, 25), timedelta(hours=1)),
    (datetime(2026, 10, 26, 0, 30, tzinfo=BERLIN), date(2026, 10, 26), timedelta(hours=1)),
]


@pytest.fixture
def berlin(services, couple):
    zoe, _ = ids(couple)
    for at, _, _ in DST_MOMENTS:
        services.checkins.save_session([ans(zoe, 3, 6)], mode="alone", at=at)
    return zoe


def test_around_daylight_saving_each_check_in_keeps_its_local_day(services, db_file, berlin):
    with fresh(db_file) as again:
        found = sorted(again.checkins.history(), key=lambda c: c.at)
        rows = again.trends.day_rows()
    # Compared as instants: an ambiguous Berlin time never equals a fixed-offset one.
    assert [(c.at.astimezone(UTC), c.local_day, c.at.utcoffset()) for c in found] == [
        (at.astimezone(UTC), day, offset) for at, day, offset in DST_MOMENTS
    ]
    assert [(c.at.hour, c.at.minute) for c in found] == [
        (at.hour, at.minute) for at, _, _ in DST_MOMENTS
    ]
    assert [(r.day, r.count) for r in rows] == [
        (date(2026, 3, 28), 1), (date(2026, 3, 29), 2), (date(2026, 10, 25), 4),
        (date(2026, 10, 26), 1),
    ]


@pytest.mark.parametrize(
    ("week_start", "spring", "autumn"),
    [
        # Monday weeks: the Saturday and the Sunday share a week; Monday starts the next.
        (0, {date(2026, 3, 23): 3}, {date(2026, 10, 19): 4, date(2026, 10, 26): 1}),
        # Sunday weeks: the Sunday of each change starts a new week.
        (6, {date(2026, 3, 22): 1, date(2026, 3, 29): 2}, {date(2026, 10, 25): 5}),
    ],
)
def test_around_daylight_saving_check_ins_fall_in_the_right_week(
    services, db_file, berlin, week_start, spring, autumn
):
    services.settings.update(week_start=week_start)
    with fresh(db_file) as again:
        spring_weeks = again.trends.weekly_counts(date(2026, 3, 22), date(2026, 3, 31))
        autumn_weeks = again.trends.weekly_counts(date(2026, 10, 24), date(2026, 10, 27))
    assert {w.start: w.total for w in spring_weeks if w.total} == spring
    assert {w.start: w.total for w in autumn_weeks if w.total} == autumn
    assert all(w.start.weekday() == week_start for w in spring_weeks + autumn_weeks)


def test_the_week_start_setting_moves_the_weeks(services, couple, db_file):
    zoe, lukasz = ids(couple)
    sunday = datetime(2026, 11, 15, 20, 0, tzinfo=CET)
    services.checkins.save_session([ans(zoe, 4, 8), ans(lukasz, 4, 4)], at=sunday)
    services.checkins.save_session([ans(zoe, 2, 2)], mode="alone", at=sunday + timedelta(days=1))
    first, last = date(2026, 11, 9), date(2026, 11, 22)

    monday = services.trends.weekly_counts(first, last)
    assert [(w.start, w.total) for w in monday] == [
        (date(2026, 11, 9), 2), (date(2026, 11, 16), 1)
    ]
    services.settings.update(week_start=6)
    sunday_weeks = services.trends.weekly_counts(first, last)
    assert [(w.start, w.by_partner) for w in sunday_weeks] == [
        (date(2026, 11, 8), {zoe: 0, lukasz: 0}),
        (date(2026, 11, 15), {zoe: 2, lukasz: 1}),
        (date(2026, 11, 22), {zoe: 0, lukasz: 0}),
    ]
    zoe_series, lukasz_series = services.trends.weekly_averages(first, last)
    assert zoe_series.weeks == (date(2026, 11, 8), date(2026, 11, 15), date(2026, 11, 22))
    assert zoe_series.connection == (None, 5.0, None)
    assert lukasz_series.connection == (None, 4.0, None)


# --- together, cadence, span ---------------------------------------------------------------


def test_together_days_count_only_sittings_where_both_checked_in(services, couple):
    zoe, lukasz = ids(couple)
    save = services.checkins.save_session
    save([ans(zoe), ans(lukasz)], at=datetime(2026, 11, 2, 20, 0, tzinfo=CET))
    save([ans(zoe), ans(lukasz)], at=datetime(2026, 11, 2, 22, 0, tzinfo=CET))  # twice a day
    save([ans(zoe)], mode="alone", at=datetime(2026, 11, 3, 20, 0, tzinfo=CET))
    save([ans(lukasz)], mode="alone", at=datetime(2026, 11, 3, 20, 5, tzinfo=CET))
    half, _ = save([ans(zoe), ans(lukasz)], at=datetime(2026, 11, 5, 20, 0, tzinfo=CET))
    services.checkins.delete(half.checkins[1].id)
    assert sorted(services.checkins.together_days()) == [date(2026, 11, 2), date(2026, 11, 2)]


def test_cadence_through_the_service(services, couple):
    zoe, lukasz = ids(couple)
    save = services.checkins.save_session
    monday = date(2026, 11, 23)
    # Started with one check-in alone four weeks ago, then met the aim three weeks running.
    save([ans(zoe)], mode="alone", at=datetime(2026, 10, 27, 20, 0, tzinfo=CET))
    for week in (3, 2, 1):
        for day in (1, 4):
            d = monday - timedelta(weeks=week) + timedelta(days=day)
            when = datetime(d.year, d.month, d.day, 20, 0, tzinfo=CET)
            save([ans(zoe), ans(lukasz)], at=when)
    save([ans(lukasz)], mode="alone", at=datetime(2026, 11, 17, 20, 0, tzinfo=CET))

    c = services.checkins.cadence(today=monday)
    assert (c.target, c.this_week, c.this_week_start) == (2, 0, monday)
    assert (c.streak, c.longest_streak) == (3, 3)
    assert (c.met_recent, c.recent_weeks) == (3, 4)  # the first week, alone, did not meet it

    services.settings.update(checkin_target_per_week=3)
    c = services.checkins.cadence(today=monday)
    assert (c.target, c.streak, c.met_recent) == (3, 0, 0)
    services.settings.update(checkin_target_per_week=0)
    assert services.checkins.cadence(today=monday).streak == 0


def test_cadence_before_any_check_in(services, couple):
    c = services.checkins.cadence(today=date(2026, 11, 25))
    assert (c.this_week, c.streak, c.met_recent, c.recent_weeks) == (0, 0, 0, 0)


def test_span_is_the_first_and_last_local_day(services, couple):
    zoe, lukasz = ids(couple)
    assert services.checkins.span() is None
    services.checkins.save_session([ans(zoe)], at=datetime(2025, 1, 1, 0, 5, tzinfo=tz(9)))
    services.checkins.save_session([ans(lukasz)],
                                   at=datetime(2026, 11, 20, 23, 55, tzinfo=tz(-8)))
    services.checkins.save_session([ans(zoe)], at=datetime(2026, 2, 2, 12, 0, tzinfo=UTC))
    assert services.checkins.span() == (date(2025, 1, 1), date(2026, 11, 20))



def test_span_finds_the_local_day_even_when_it_is_not_the_first_in_utc(services, couple):
    """The earliest UTC moment can be a later local day (+14:00) than a check-in made a
    few hours later in UTC far to the west (-12:00); the same at the other end."""
    zoe, lukasz = ids(couple)
    early = datetime(2025, 1, 1, 10, 0, tzinfo=UTC)
    services.checkins.save_session([ans(zoe)], at=early.astimezone(tz(14)))  # Jan 2, local
    services.checkins.save_session([ans(lukasz)], at=(early + timedelta(hours=10))
                                   .astimezone(tz(-12)))  # Jan 1, 08:00 local
    late = datetime(2026, 6, 1, 20, 0, tzinfo=UTC)
    services.checkins.save_session([ans(zoe)], at=late.astimezone(tz(-12)))  # June 1, local
    services.checkins.save_session([ans(lukasz)], at=(late - timedelta(hours=10))
                                   .astimezone(tz(14)))  # June 2, 00:00 local
    assert services.checkins.span() == (date(2025, 1, 1), date(2026, 6, 2))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 6 * 24 * 4), st.integers(-12 * 4, 14 * 4)),
                min_size=1, max_size=12))
def test_span_matches_every_check_ins_local_day(services, couple, moments):
    zoe, _lukasz = ids(couple)
    with services.db.transaction() as session:
        session.execute(CheckinSessionRecord.__table__.delete())
    days = []
    for quarter_hours, offset_quarters in moments:
        at = (datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=15 * quarter_hours)) \
            .astimezone(timezone(timedelta(minutes=15 * offset_quarters)))
        services.checkins.save_session([ans(zoe)], at=at)
        days.append(at.date())
    assert services.checkins.span() == (min(days), max(days))

# --- drafts --------------------------------------------------------------------------------


def test_drafts_save_load_and_clear(services, couple):
    drafts = services.drafts
    assert drafts.load("checkin") is None
    payload = {"mood": 4, "feelings": ["calm"], "appreciation": "شكراً 🧡 Zoe\u0308",
               "nested": {"step": 2, "done": False}}
    drafts.save("checkin", payload)
    assert drafts.load("checkin") == payload
    drafts.save("checkin", {"mood": 2})
    assert drafts.load("checkin") == {"mood": 2}
    drafts.save("other", {"x": 1})
    drafts.clear("checkin")
    assert drafts.load("checkin") is None
    assert drafts.load("other") == {"x": 1}
    drafts.clear("checkin")  # clearing twice is fine


def test_a_draft_survives_closing_hearth(db, db_file):
    payload = {"appreciation": BIG[:5000], "need": "\u200fשלום", "mood": 3}
    DraftService(db).save("checkin:zoe", payload)
    db.close()
    reopened = Database(db_file)
    try:
        assert DraftService(reopened).load("checkin:zoe") == payload
        DraftService(reopened).clear("checkin:zoe")
    finally:
        reopened.close()
    again = Database(db_file)
    try:
        assert DraftService(again).load("checkin:zoe") is None
    finally:
        again.close()


@pytest.mark.parametrize("week_start", range(7))
def test_together_weeks_counts_in_sql_what_the_days_count_in_python(db_file, week_start):
    """Home's cadence counts shared sittings per week in SQL; the weeks and counts are the
    ones the domain's own week arithmetic gives for the same sittings' days."""
    from collections import Counter

    from app.domain.weeks import week_start_of
    from app.services.demo import DemoService

    db = Database(db_file)
    try:
        DemoService(db).generate(years=2, seed=5)
        checkins = Services.over(db).checkins
        days = checkins.together_days()
        expected = Counter(week_start_of(day, week_start) for day in days)
        got = checkins.together_weeks(week_start)
        assert len(days) > 50
        assert got == dict(expected)
        assert all(week.weekday() == week_start for week in got)
    finally:
        db.close()
