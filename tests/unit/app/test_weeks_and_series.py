"""Weeks, the series behind Trends and Home, the cadence words and the check-in rules.

Pure functions only: no database. Everything here is something the couple sees — which week a
check-in falls into, the bars and lines on the chart, the words on Home, the prompt when their
answers differ, and what the check-in form accepts.
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.domain.cadence_words import last_checkin_words, streak_words, week_progress
from app.domain.checkins import (
    FEELING_GROUPS,
    FEELINGS,
    FEELINGS_BY_KEY,
    MOOD_WORDS,
    STRESS_WORDS,
    TEXT_MAX,
    Checkin,
    CheckinInput,
    clean_checkin,
    clean_feelings,
    clean_text,
    difference_prompt,
)
from app.domain.errors import ValidationError
from app.domain.trends import (
    Cadence,
    DayRow,
    cadence,
    rolling_mean,
    weekly_averages,
    weekly_counts,
)
from app.domain.weeks import week_start_of, weeks_between

ZOE, LUKASZ = 1, 2
NAMES = ("Zoë", "Łukasz")
WEEK_STARTS = range(7)  # 0 = Monday … 6 = Sunday
# 2026-11-23 is a Monday; 2026-11-22 a Sunday; 2027-01-01 a Friday.
MONDAY = date(2026, 11, 23)

dates = st.dates(min_value=date(1971, 1, 1), max_value=date(2100, 12, 31))
week_starts = st.integers(0, 6)


# --- weeks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("week_start", WEEK_STARTS)
def test_every_day_belongs_to_the_week_that_starts_on_the_chosen_day(week_start):
    day = date(2026, 12, 20)
    while day <= date(2027, 1, 12):  # across the year end
        start = week_start_of(day, week_start)
        assert start.weekday() == week_start
        assert 0 <= (day - start).days <= 6
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "week_start", "expected"),
    [
        (MONDAY, 0, MONDAY),
        (MONDAY, 6, date(2026, 11, 22)),  # Sunday-start: the Monday belongs to Sunday's week
        (date(2026, 11, 22), 0, date(2026, 11, 16)),
        (date(2026, 11, 22), 6, date(2026, 11, 22)),
        (date(2027, 1, 1), 0, date(2026, 12, 28)),  # a Friday at New Year
        (date(2027, 1, 1), 4, date(2027, 1, 1)),
        (date(2027, 1, 1), 5, date(2026, 12, 26)),
        (date(2027, 1, 3), 6, date(2027, 1, 3)),
    ],
)
def test_week_start_of_examples(day, week_start, expected):
    assert week_start_of(day, week_start) == expected


@given(day=dates, week_start=week_starts)
def test_week_start_of_is_the_same_for_every_day_of_that_week(day, week_start):
    start = week_start_of(day, week_start)
    assert {week_start_of(start + timedelta(days=i), week_start) for i in range(7)} == {start}
    assert week_start_of(start - timedelta(days=1), week_start) == start - timedelta(weeks=1)


@pytest.mark.parametrize("week_start", WEEK_STARTS)
def test_weeks_between_across_a_year_end(week_start):
    first, last = date(2026, 12, 24), date(2027, 1, 9)
    weeks = weeks_between(first, last, week_start)
    assert weeks[0] == week_start_of(first, week_start)
    assert weeks[-1] == week_start_of(last, week_start)
    assert all(w.weekday() == week_start for w in weeks)
    assert {b - a for a, b in itertools.pairwise(weeks)} <= {timedelta(weeks=1)}


def test_weeks_between_examples():
    assert weeks_between(date(2026, 12, 30), date(2027, 1, 12), 0) == [
        date(2026, 12, 28),
        date(2027, 1, 4),
        date(2027, 1, 11),
    ]
    assert weeks_between(date(2026, 12, 30), date(2027, 1, 12), 6) == [
        date(2026, 12, 27),
        date(2027, 1, 3),
        date(2027, 1, 10),
    ]
    assert weeks_between(MONDAY, MONDAY, 0) == [MONDAY]
    assert weeks_between(MONDAY, MONDAY, 1) == [date(2026, 11, 17)]
    assert weeks_between(MONDAY, MONDAY - timedelta(days=1), 0) == []


@given(first=dates, length=st.integers(0, 800), week_start=week_starts)
def test_weeks_between_covers_every_day_exactly_once(first, length, week_start):
    last = first + timedelta(days=length)
    weeks = weeks_between(first, last, week_start)
    assert weeks == sorted(set(weeks))
    assert all(w.weekday() == week_start for w in weeks)
    # Every day of the range lies in exactly one listed week; no listed week is outside it.
    assert {week_start_of(first + timedelta(days=i), week_start) for i in range(length + 1)} == (
        set(weeks)
    )


# --- weekly counts -------------------------------------------------------------------------


def rows(*items: tuple[date, int, int]) -> list[DayRow]:
    return [DayRow(day, pid, n) for day, pid, n in items]


def test_weekly_counts_fill_gaps_with_empty_weeks_oldest_first():
    first, last = date(2026, 11, 2), date(2026, 11, 29)
    found = weekly_counts(
        rows((date(2026, 11, 3), ZOE, 1), (date(2026, 11, 3), LUKASZ, 1),
             (date(2026, 11, 25), ZOE, 2)),
        first, last, 0, [ZOE, LUKASZ],
    )
    assert [w.start for w in found] == [
        date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)
    ]
    assert [w.by_partner for w in found] == [
        {ZOE: 1, LUKASZ: 1},
        {ZOE: 0, LUKASZ: 0},
        {ZOE: 0, LUKASZ: 0},
        {ZOE: 2, LUKASZ: 0},
    ]
    assert [w.total for w in found] == [2, 0, 0, 2]


def test_weekly_counts_list_every_overlapping_week_even_partial_ones():
    # Wednesday to Tuesday: two weeks overlap, the first starting before the range.
    found = weekly_counts([], date(2026, 11, 18), date(2026, 11, 24), 0, [ZOE, LUKASZ])
    assert [w.start for w in found] == [date(2026, 11, 16), date(2026, 11, 23)]
    assert all(w.total == 0 for w in found)


def test_weekly_counts_ignore_days_outside_the_range():
    first, last = date(2026, 11, 18), date(2026, 11, 24)  # Wednesday .. next Tuesday
    found = weekly_counts(
        rows(
            (date(2026, 11, 16), ZOE, 5),  # Monday of the first week, but before `first`
            (date(2026, 11, 17), LUKASZ, 5),
            (date(2026, 11, 18), ZOE, 1),  # the first day: counted
            (date(2026, 11, 24), LUKASZ, 1),  # the last day: counted
            (date(2026, 11, 25), ZOE, 7),  # after `last`, though still in the last week
            (date(2025, 1, 1), ZOE, 9),
        ),
        first, last, 0, [ZOE, LUKASZ],
    )
    assert [(w.start, w.by_partner) for w in found] == [
        (date(2026, 11, 16), {ZOE: 1, LUKASZ: 0}),
        (date(2026, 11, 23), {ZOE: 0, LUKASZ: 1}),
    ]


def test_weekly_counts_keep_each_partners_own_count():
    found = weekly_counts(
        rows((MONDAY, ZOE, 2), (MONDAY + timedelta(days=1), ZOE, 1),
             (MONDAY + timedelta(days=6), LUKASZ, 4)),
        MONDAY, MONDAY + timedelta(days=6), 0, [ZOE, LUKASZ],
    )
    assert len(found) == 1
    assert found[0].by_partner == {ZOE: 3, LUKASZ: 4}
    assert found[0].total == 7


def test_weekly_counts_for_a_single_day():
    found = weekly_counts(rows((MONDAY, LUKASZ, 1)), MONDAY, MONDAY, 0, [ZOE, LUKASZ])
    assert [(w.start, w.by_partner) for w in found] == [(MONDAY, {ZOE: 0, LUKASZ: 1})]


@pytest.mark.parametrize("week_start", WEEK_STARTS)
def test_weekly_counts_follow_the_week_start(week_start):
    sunday = date(2026, 11, 22)
    found = weekly_counts(rows((sunday, ZOE, 1)), date(2026, 11, 1), date(2026, 11, 30),
                          week_start, [ZOE, LUKASZ])
    assert all(w.start.weekday() == week_start for w in found)
    (holding,) = [w for w in found if w.total]
    assert holding.start == week_start_of(sunday, week_start)
    assert sum(w.total for w in found) == 1


@given(
    days=st.lists(st.tuples(st.integers(0, 120), st.sampled_from([ZOE, LUKASZ]),
                            st.integers(1, 4)), max_size=40),
    week_start=week_starts,
    span=st.tuples(st.integers(0, 120), st.integers(0, 120)),
)
def test_weekly_counts_add_up_to_the_check_ins_in_range(days, week_start, span):
    origin = date(2026, 6, 1)
    first, last = origin + timedelta(days=min(span)), origin + timedelta(days=max(span))
    day_rows = [DayRow(origin + timedelta(days=d), pid, n) for d, pid, n in days]
    found = weekly_counts(day_rows, first, last, week_start, [ZOE, LUKASZ])
    assert [w.start for w in found] == weeks_between(first, last, week_start)
    for pid in (ZOE, LUKASZ):
        expected = sum(r.count for r in day_rows if r.partner_id == pid and first <= r.day <= last)
        assert sum(w.by_partner[pid] for w in found) == expected


# --- weekly averages and smoothing -----------------------------------------------------------


def avg_rows(*items: tuple[date, int, int, int, int]) -> list[DayRow]:
    return [DayRow(day, pid, n, conn, mood) for day, pid, n, conn, mood in items]


def test_weekly_averages_per_partner_with_none_for_empty_weeks():
    first, last = date(2026, 11, 2), date(2026, 11, 29)
    zoe, lukasz = weekly_averages(
        avg_rows(
            (date(2026, 11, 2), ZOE, 2, 15, 8),  # two check-ins: connection 7 and 8, mood 4+4
            (date(2026, 11, 4), ZOE, 1, 9, 5),
            (date(2026, 11, 3), LUKASZ, 1, 5, 3),
            (date(2026, 11, 24), LUKASZ, 1, 8, 4),
        ),
        first, last, 0, [ZOE, LUKASZ], window=1,
    )
    assert zoe.partner_id == ZOE and lukasz.partner_id == LUKASZ
    assert zoe.weeks == lukasz.weeks == tuple(weeks_between(first, last, 0))
    assert zoe.connection == (8.0, None, None, None)  # (15 + 9) / 3
    assert zoe.mood == (pytest.approx(13 / 3), None, None, None)
    assert lukasz.connection == (5.0, None, None, 8.0)
    assert lukasz.mood == (3.0, None, None, 4.0)
    assert zoe.points == 1 and lukasz.points == 2
    # With a window of one week, the smooth line is the weekly line itself.
    assert zoe.connection_smooth == zoe.connection
    assert lukasz.mood_smooth == lukasz.mood


def test_weekly_averages_ignore_days_outside_the_range_and_unknown_partners():
    first, last = date(2026, 11, 4), date(2026, 11, 10)
    (zoe,) = weekly_averages(
        avg_rows(
            (date(2026, 11, 2), ZOE, 1, 1, 1),  # same week, before `first`
            (date(2026, 11, 5), ZOE, 1, 9, 5),
            (date(2026, 11, 5), 99, 1, 1, 1),  # not one of the partners asked for
        ),
        first, last, 0, [ZOE],
    )
    assert zoe.connection == (9.0, None)
    assert zoe.mood == (5.0, None)


def test_the_smooth_line_skips_weeks_without_check_ins():
    first, last = date(2026, 10, 5), date(2026, 11, 29)  # eight Monday weeks
    (zoe,) = weekly_averages(
        avg_rows(
            (date(2026, 10, 5), ZOE, 1, 4, 2),
            (date(2026, 10, 19), ZOE, 1, 8, 4),
            (date(2026, 11, 23), ZOE, 1, 6, 3),
        ),
        first, last, 0, [ZOE], window=3,
    )
    assert zoe.connection == (4.0, None, 8.0, None, None, None, None, 6.0)
    # A centred window of three weeks: empty weeks are left out of the average, not counted
    # as zero, and a window with nothing in it stays empty.
    assert zoe.connection_smooth == (4.0, 6.0, 8.0, 8.0, None, None, 6.0, 6.0)
    assert zoe.mood_smooth == (2.0, 3.0, 4.0, 4.0, None, None, 3.0, 3.0)


def test_rolling_mean_window_semantics():
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    assert rolling_mean(values, 1) == tuple(values)
    assert rolling_mean(values, 3) == (1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 6.5)
    four = rolling_mean(values, 4)
    for i in range(2, len(values) - 2):
        # An even window cannot be perfectly centred; it holds i and leans one way.
        assert four[i] in (sum(values[i - 2:i + 2]) / 4, sum(values[i - 1:i + 3]) / 4)
    assert rolling_mean([], 4) == ()
    assert rolling_mean([None, None], 3) == (None, None)
    with pytest.raises(ValueError):
        rolling_mean(values, 0)


@given(values=st.lists(st.one_of(st.none(), st.integers(1, 10).map(float)), max_size=30),
       window=st.integers(1, 9))
def test_rolling_mean_stays_within_the_values_around_it(values, window):
    smooth = rolling_mean(values, window)
    assert len(smooth) == len(values)
    for i, value in enumerate(smooth):
        near = [v for v in values[max(0, i - window):i + window + 1] if v is not None]
        if values[i] is not None:
            assert value is not None  # a week with a check-in always has a point
        if value is None:
            continue
        assert min(near) - 1e-9 <= value <= max(near) + 1e-9


# --- cadence -------------------------------------------------------------------------------

TODAY = date(2026, 11, 25)  # a Wednesday; with Monday weeks this week began on 2026-11-23


def week(n: int, *offsets: int) -> list[date]:
    """Days in the week ``n`` weeks before this one (Monday weeks)."""
    start = MONDAY - timedelta(weeks=n)
    return [start + timedelta(days=o) for o in offsets]


def test_this_weeks_count_and_aim():
    c = cadence(week(0, 0, 1) + week(1, 2), TODAY, 0, 2)
    assert c.this_week == 2
    assert c.this_week_start == MONDAY
    assert c.this_week_met is True
    c = cadence(week(0, 0) + week(1, 2), TODAY, 0, 2)
    assert c.this_week == 1 and c.this_week_met is False


def test_the_streak_counts_complete_weeks_and_an_unfinished_week_never_breaks_it():
    history = week(3, 0, 3) + week(2, 1, 5) + week(1, 2, 6)
    c = cadence(history, TODAY, 0, 2)
    assert (c.streak, c.longest_streak) == (3, 3)
    assert (c.met_recent, c.recent_weeks) == (3, 3)
    # One check-in so far this week: not yet the aim, and the run of three still stands.
    c = cadence([*history, *week(0, 0)], TODAY, 0, 2)
    assert c.streak == 3 and not c.this_week_met


def test_the_current_week_joins_the_streak_once_it_meets_the_aim():
    history = week(3, 0, 3) + week(2, 1, 5) + week(1, 2, 6)
    c = cadence([*history, *week(0, 0, 1)], TODAY, 0, 2)
    assert c.streak == 4
    assert c.longest_streak == 4
    assert (c.met_recent, c.recent_weeks) == (3, 3)  # complete weeks only


def test_a_missed_week_ends_the_run_but_history_is_kept():
    history = week(5, 0, 1) + week(4, 0, 1) + week(3, 0, 1) + week(2, 0) + week(1, 0, 1)
    c = cadence(history, TODAY, 0, 2)
    assert c.streak == 1  # last week met the aim; the week before it did not
    assert c.longest_streak == 3
    assert (c.met_recent, c.recent_weeks) == (4, 5)
    c = cadence(history[:-2], TODAY, 0, 2)  # last week had none
    assert c.streak == 0
    assert c.longest_streak == 3
    assert (c.met_recent, c.recent_weeks) == (3, 5)


def test_met_recent_looks_at_the_last_twelve_complete_weeks():
    history = [d for n in range(1, 21) for d in week(n, 0, 1)]
    c = cadence(history, TODAY, 0, 2)
    assert (c.streak, c.longest_streak) == (20, 20)
    assert (c.met_recent, c.recent_weeks) == (12, 12)
    c = cadence(history, TODAY, 0, 2, recent=4)
    assert (c.met_recent, c.recent_weeks) == (4, 4)


def test_an_aim_of_zero_has_no_streak_to_keep():
    c = cadence(week(0, 0, 1, 2) + week(1, 0), TODAY, 0, 0)
    assert c.this_week == 3
    assert not c.this_week_met
    assert (c.streak, c.met_recent, c.recent_weeks, c.longest_streak) == (0, 0, 0, 0)


def test_weeks_before_the_couple_started_are_not_missed():
    # Nothing together yet; they started on Monday two weeks ago.
    c = cadence([], TODAY, 0, 2, first_day=week(2, 0)[0])
    assert (c.streak, c.met_recent, c.recent_weeks) == (0, 0, 2)
    # They started this week: there is no complete week to judge at all.
    c = cadence([], TODAY, 0, 2, first_day=MONDAY)
    assert (c.streak, c.met_recent, c.recent_weeks, c.longest_streak) == (0, 0, 0, 0)
    # Without first_day, the first together day marks the start.
    c = cadence(week(1, 0, 3), TODAY, 0, 2)
    assert (c.streak, c.met_recent, c.recent_weeks) == (1, 1, 1)
    # Starting earlier adds weeks without a check-in together, not a broken streak.
    c = cadence(week(1, 0, 3), TODAY, 0, 2, first_day=week(4, 0)[0])
    assert (c.streak, c.met_recent, c.recent_weeks, c.longest_streak) == (1, 1, 4, 1)


def test_cadence_follows_the_week_start():
    sunday, saturday = date(2026, 11, 22), date(2026, 11, 21)
    monday_weeks = cadence([saturday, sunday], TODAY, 0, 2)
    assert monday_weeks.this_week == 0
    assert monday_weeks.streak == 1  # both days in the Monday week of 16 November
    sunday_weeks = cadence([saturday, sunday], TODAY, 6, 2)
    assert sunday_weeks.this_week_start == sunday
    assert sunday_weeks.this_week == 1  # Sunday starts this week; Saturday was last week
    assert sunday_weeks.streak == 0


# --- cadence words -------------------------------------------------------------------------

SCOLDING = ("fail", "miss", "broke", "break", "behind", "should", "must", "lost", "forgot",
            "only", "didn't", "haven't", "again")


def scolds(text: str | None) -> list[str]:
    lower = (text or "").casefold()
    return [word for word in SCOLDING if re.search(rf"\b{re.escape(word)}", lower)]


def C(target=2, this_week=0, streak=0, met_recent=0, recent_weeks=0, longest=0) -> Cadence:
    return Cadence(target, this_week, MONDAY, streak, met_recent, recent_weeks, longest)


@pytest.mark.parametrize(
    ("c", "progress", "streak"),
    [
        (C(0, 0), "No weekly aim set — check in whenever it suits you.", None),
        (C(0, 1), "You've checked in together once this week.", None),
        (C(0, 3), "You've checked in together 3 times this week.", None),
        (C(2, 0), "This week: 0 of 2 together.", None),
        (C(2, 2, 1, 1, 4, 2), "This week: 2 of 2 together — lovely.",
         "You've met your aim this week. 1 of the last 4 weeks met it. "
         "Your longest run so far: 2 weeks."),
        (C(2, 1, 1, 2, 3, 1), "This week: 1 of 2 together.",
         "You met your aim last week. 2 of the last 3 weeks met it."),
        (C(3, 1, 4, 4, 6, 4), "This week: 1 of 3 together.",
         "4 weeks in a row that met your aim. 4 of the last 6 weeks met it."),
        (C(2, 0, 0, 5, 12, 5), "This week: 0 of 2 together.",
         "5 of the last 12 weeks met it. Every week is a fresh start. "
         "Your longest run so far: 5 weeks."),
        (C(2, 2, 2, 7, 12, 6), "This week: 2 of 2 together — lovely.",
         "2 weeks in a row that met your aim. 7 of the last 12 weeks met it. "
         "Your longest run so far: 6 weeks."),
    ],
)
def test_cadence_words_for_each_situation(c, progress, streak):
    assert week_progress(c) == progress
    assert streak_words(c) == streak
    assert scolds(progress) == [] and scolds(streak) == []


def test_one_week_of_history_is_spoken_of_in_the_singular():
    words = streak_words(C(2, 1, 1, 1, 1, 1))
    assert words is not None
    assert "1 weeks" not in words, words


@pytest.mark.parametrize(
    ("day", "together", "expected"),
    [
        (None, False, "No check-ins yet. When you're ready, it takes about five minutes."),
        (TODAY, True, "Last check-in today, together."),
        (TODAY - timedelta(days=1), False, "Last check-in yesterday."),
        (date(2026, 11, 20), True, "Last check-in on Friday, together."),
        (date(2026, 11, 3), False, "Last check-in on 3 November."),
    ],
)
def test_last_checkin_words(day, together, expected):
    assert last_checkin_words(day, together, TODAY) == expected


@given(
    offsets=st.lists(st.integers(0, 200), max_size=60),
    week_start=week_starts,
    target=st.integers(0, 14),
    start_back=st.one_of(st.none(), st.integers(0, 220)),
)
@settings(max_examples=150)
def test_cadence_words_never_scold(offsets, week_start, target, start_back):
    days = [TODAY - timedelta(days=o) for o in offsets]
    first_day = None if start_back is None else TODAY - timedelta(days=start_back)
    if first_day is not None:
        days = [d for d in days if d >= first_day]
    c = cadence(days, TODAY, week_start, target, first_day=first_day)
    assert 0 <= c.streak <= c.longest_streak or c.target == 0
    assert 0 <= c.met_recent <= c.recent_weeks <= 12
    for text in (week_progress(c), streak_words(c),
                 last_checkin_words(max(days, default=None), bool(days), TODAY)):
        assert scolds(text) == [], text


# --- difference prompt ---------------------------------------------------------------------


def answer(pid=ZOE, mood=4, connection=7, stress=None) -> CheckinInput:
    return CheckinInput(partner_id=pid, mood=mood, connection=connection, stress=stress)


def test_the_difference_prompt_example():
    assert difference_prompt(NAMES, answer(ZOE, 4, 8), answer(LUKASZ, 4, 5)) == (
        "Zoë feels 8/10 connected, Łukasz 5/10 — want to talk about it?"
    )
    # Names and numbers follow the order the answers were given in.
    assert difference_prompt(NAMES[::-1], answer(LUKASZ, 4, 5), answer(ZOE, 4, 8)) == (
        "Łukasz feels 5/10 connected, Zoë 8/10 — want to talk about it?"
    )


def test_the_prompt_picks_the_biggest_gap():
    # Connection 7 vs 6 is close; mood 5 vs 1 is far apart.
    assert difference_prompt(NAMES, answer(ZOE, 5, 7), answer(LUKASZ, 1, 6)) == (
        "Zoë's mood is great, Łukasz's is low — want to share what's behind it?"
    )
    # Mood one step apart, connection far apart: connection is the one to talk about.
    text = difference_prompt(NAMES, answer(ZOE, 4, 9), answer(LUKASZ, 3, 2))
    assert text == "Zoë feels 9/10 connected, Łukasz 2/10 — want to talk about it?"
    # Stress far apart, everything else the same.
    text = difference_prompt(NAMES, answer(ZOE, 3, 6, stress=1), answer(LUKASZ, 3, 6, stress=5))
    assert text is not None
    assert text.startswith("Zoë feels") and "Łukasz" in text
    assert STRESS_WORDS[1] in text and STRESS_WORDS[5] in text


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (answer(ZOE, 4, 7), answer(LUKASZ, 4, 7)),
        (answer(ZOE, 4, 7, 2), answer(LUKASZ, 4, 8, 2)),  # one point of connection
        (answer(ZOE, 4, 1), answer(LUKASZ, 4, 2)),
        (answer(ZOE, 3, 7, 1), answer(LUKASZ, 3, 7, None)),  # one left stress out
        (answer(ZOE, 3, 7, None), answer(LUKASZ, 3, 7, 5)),
    ],
)
def test_no_prompt_when_the_answers_are_close(first, second):
    assert difference_prompt(NAMES, first, second) is None


def test_the_prompt_works_on_saved_check_ins_too():
    at = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)
    saved = [Checkin(i, pid, 1, at, 4, conn, None, (), "", "", "")
             for i, (pid, conn) in enumerate([(ZOE, 8), (LUKASZ, 5)], start=1)]
    assert difference_prompt(NAMES, *saved) == (
        "Zoë feels 8/10 connected, Łukasz 5/10 — want to talk about it?"
    )


SCORE_WORDS = ("score", "win", "lose", "better", "worse", "higher", "lower", "more connected",
               "less", "ahead", "rank", "should", "fault", "blame", "wrong", "normal")


@given(
    a=st.tuples(st.integers(1, 5), st.integers(1, 10), st.one_of(st.none(), st.integers(1, 5))),
    b=st.tuples(st.integers(1, 5), st.integers(1, 10), st.one_of(st.none(), st.integers(1, 5))),
)
@settings(max_examples=200)
def test_the_prompt_is_an_invitation_never_a_verdict(a, b):
    text = difference_prompt(NAMES, answer(ZOE, *a), answer(LUKASZ, *b))
    if a == b:
        assert text is None
    if text is None:
        return
    lower = text.casefold()
    assert [w for w in SCORE_WORDS if re.search(rf"\b{w}", lower)] == []
    assert text.startswith("Zoë") and "Łukasz" in text
    assert text.endswith("?")


def test_the_stress_prompt_reads_as_plain_english():
    for first, second in [(1, 5), (4, 1), (5, 2)]:
        text = difference_prompt(NAMES, answer(ZOE, 3, 6, first), answer(LUKASZ, 3, 6, second))
        assert text is not None
        for broken in ("calm stress", "a lot stress", "overwhelmed stress"):
            assert broken not in text, text


# --- what a check-in accepts ---------------------------------------------------------------


def test_a_valid_check_in_is_kept_as_answered():
    given_ = CheckinInput(ZOE, 3, 10, 5, ("Grateful", "tired"), "You cooked 🍲", "Sleep", "")
    cleaned = clean_checkin(given_)
    assert cleaned == CheckinInput(ZOE, 3, 10, 5, ("grateful", "tired"), "You cooked 🍲",
                                   "Sleep", "")
    assert clean_checkin(CheckinInput(ZOE, 1, 1)).stress is None


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"mood": 0}, "mood", "1 (low) to 5 (great)"),
        ({"mood": 6}, "mood", "1 (low) to 5 (great)"),
        ({"mood": True}, "mood", "mood"),
        ({"mood": 3.0}, "mood", "mood"),
        ({"mood": "3"}, "mood", "mood"),
        ({"mood": None}, "mood", "mood"),
        ({"connection": 0}, "connection", "from 1 to 10"),
        ({"connection": 11}, "connection", "from 1 to 10"),
        ({"connection": False}, "connection", "from 1 to 10"),
        ({"connection": 7.5}, "connection", "from 1 to 10"),
        ({"stress": 0}, "stress", "1 (calm) to 5 (overwhelmed)"),
        ({"stress": 6}, "stress", "1 (calm) to 5 (overwhelmed)"),
        ({"stress": True}, "stress", "stress"),
        ({"feelings": ("loved", "ignored")}, "feelings", "“ignored”"),
        ({"feelings": None}, "feelings", "from the list"),
        ({"feelings": 3}, "feelings", "from the list"),
        ({"appreciation": 42}, "appreciation", "text"),
        ({"need": "x\x00y"}, "need", "hidden character"),
        ({"private_note": "x" * (TEXT_MAX + 1)}, "private_note", "100,000"),
    ],
)
def test_out_of_range_answers_are_refused_with_a_plain_message(changes, field, words):
    values = {"partner_id": ZOE, "mood": 3, "connection": 6, "stress": 2} | changes
    with pytest.raises(ValidationError) as caught:
        clean_checkin(CheckinInput(**values))
    assert caught.value.field == field
    assert words in caught.value.message


@pytest.mark.parametrize("mood", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("connection", [1, 10])
def test_every_value_on_the_scales_is_accepted(mood, connection):
    cleaned = clean_checkin(CheckinInput(ZOE, mood, connection, mood))
    assert (cleaned.mood, cleaned.connection, cleaned.stress) == (mood, connection, mood)
    assert MOOD_WORDS[mood] and STRESS_WORDS[mood]


def test_feelings_are_matched_case_insensitively_deduplicated_and_in_list_order():
    assert clean_feelings(["TIRED", "Loved", "tired", " hopeful "]) == (
        "loved", "hopeful", "tired"
    )
    assert clean_feelings("Tired, loved,, HOPEFUL") == ("loved", "hopeful", "tired")
    assert clean_feelings({"calm", "sad"}) == ("calm", "sad")
    assert clean_feelings(()) == () == clean_feelings("")
    assert clean_feelings(["LOVED", "loved", "Loved"]) == ("loved",)


@given(st.lists(st.sampled_from([f.word for f in FEELINGS]), max_size=12),
       st.randoms(use_true_random=False))
def test_feelings_come_back_in_one_order_whatever_order_they_were_picked(words, rnd):
    shuffled = list(words)
    rnd.shuffle(shuffled)
    cleaned = clean_feelings([w.upper() for w in shuffled])
    assert cleaned == clean_feelings(words)
    assert set(cleaned) == set(words)
    order = list(FEELINGS_BY_KEY)
    assert [order.index(k) for k in cleaned] == sorted(order.index(k) for k in cleaned)


@pytest.mark.parametrize("bad", ["ignored", "manipulated", "abandoned", "betrayed", "attacked",
                                 "rejected", "used", "lov", "loved!", "😊"])
def test_words_outside_the_list_are_refused(bad):
    with pytest.raises(ValidationError) as caught:
        clean_feelings(["calm", bad])
    assert caught.value.field == "feelings"
    assert bad in caught.value.message


BLAME_WORDS = ("ignored", "manipulated", "abandoned", "betrayed", "attacked", "rejected", "used",
               "unappreciated", "disrespected", "criticised", "criticized", "neglected",
               "unloved", "cheated", "invisible", "pressured", "judged", "misunderstood")


def test_the_feelings_list_is_about_forty_real_feelings_in_groups():
    words = [f.word for f in FEELINGS]
    assert 35 <= len(words) <= 45
    assert len(set(words)) == len(words)
    assert not set(words) & set(BLAME_WORDS)
    assert len(FEELING_GROUPS) >= 4
    assert all(len(group_words) >= 3 for _, group_words in FEELING_GROUPS)
    assert {f.group for f in FEELINGS} == {group for group, _ in FEELING_GROUPS}
    assert all(f.key == f.word == f.word.casefold().strip() for f in FEELINGS)
    # Both the warm and the hard feelings have room.
    groups = dict(FEELING_GROUPS)
    assert "loved" in groups["Warm"] and "lonely" in groups["Heavy"]


SAMPLES = [
    "You made tea without me asking 🍵❤️",
    "👩\u200d❤\ufe0f\u200d👨 👨🏽\u200d🍳 🏳\ufe0f\u200d🌈",
    "شكراً لأنك استمعت إليّ",  # Arabic, right to left
    "\u200fתודה על הערב\u200e (and the tea)",
    "Zoe\u0308 and a\u0301\u0323 — combining marks, kept as typed",
    "line one\nline two\r\n\ttabbed   spaced  ",
    "  leading and trailing spaces  ",
    "",
    "x" * TEXT_MAX,
]

any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                          blacklist_characters="\x00"))
long_text = st.builds(lambda chunk, n: (chunk * (n // len(chunk) + 1))[:n],
                      any_text.filter(bool), st.integers(1, 50_000))


@given(text=st.one_of(any_text, long_text, st.sampled_from(SAMPLES)),
       field=st.sampled_from(["appreciation", "need", "private_note"]))
@example(text="🧡" * 50_000, field="appreciation")
@settings(max_examples=100)
def test_free_text_is_kept_exactly_as_written(text, field):
    assert clean_text(text, field, "It") == text
    cleaned = clean_checkin(CheckinInput(ZOE, 3, 6, **{field: text}))
    assert getattr(cleaned, field) == text


@given(before=any_text, after=any_text)
def test_a_nul_character_anywhere_is_refused(before, after):
    with pytest.raises(ValidationError) as caught:
        clean_text(before + "\x00" + after, "need", "What you need")
    assert caught.value.field == "need"
    assert caught.value.message.startswith("What you need")


def test_missing_text_is_empty_and_too_long_text_is_refused():
    assert clean_text(None, "need", "What you need") == ""
    assert clean_text("x" * TEXT_MAX, "need", "What you need") == "x" * TEXT_MAX
    with pytest.raises(ValidationError) as caught:
        clean_text("x" * (TEXT_MAX + 1), "need", "What you need")
    assert "100,000" in caught.value.message and caught.value.field == "need"
    with pytest.raises(ValidationError):
        clean_text(b"bytes", "need", "What you need")
