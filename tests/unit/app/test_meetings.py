"""The weekly talk: begun, paused and picked up, finished with commitments that are looked
back on next time; and the week it is built from."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.calendar import EventInput
from app.domain.checkins import CheckinInput
from app.domain.errors import NotFoundError, ValidationError


def test_a_talk_is_picked_up_where_it_was_left(services, couple):
    meeting, _ = services.meetings.start()
    zoe, lukasz = couple.partners
    services.meetings.save(meeting.id, 2, {
        "appreciations": {str(zoe.id): "You made soup when I was ill",
                          str(lukasz.id): "You listened on Tuesday"},
        "topic": "Weekends feel rushed"})
    again, _ = services.meetings.start()  # "Start this week's talk" again: the same one
    assert again.id == meeting.id and again.step == 2
    assert again.partner_answer("appreciations", zoe.id) == "You made soup when I was ill"
    assert services.meetings.current().answer("topic") == "Weekends feel rushed"
    assert services.meetings.history() == []


def test_finishing_keeps_the_record_and_each_commitment(services, couple):
    zoe, lukasz = couple.partners
    meeting, _ = services.meetings.start()
    answers = {"feel_loved": {str(zoe.id): "Cook with me on Thursday",
                              str(lukasz.id): "A walk, just us"}}
    done, _ = services.meetings.finish(
        meeting.id, answers, {lukasz.id: "Cook with me on Thursday", zoe.id: "A walk, just us"})
    assert done.finished and services.meetings.current() is None
    assert {(c.partner_id, c.text) for c in done.commitments} == {
        (lukasz.id, "Cook with me on Thursday"), (zoe.id, "A walk, just us")}
    [kept] = services.meetings.history()
    assert kept.id == meeting.id and kept.answers == answers
    with pytest.raises(ValidationError, match="already finished"):
        services.meetings.save(meeting.id, 1, {})


def test_next_weeks_talk_looks_back_on_the_commitments(services, couple):
    zoe, lukasz = couple.partners
    first, _ = services.meetings.start()
    services.meetings.finish(first.id, {}, {zoe.id: "Phone-free breakfast", lukasz.id: ""})
    second, _ = services.meetings.start()
    week = services.meetings.week(meeting_id=second.id)
    [promise] = week.last_commitments
    assert promise.text == "Phone-free breakfast" and promise.partner_id == zoe.id
    services.meetings.look_back(promise.id, "kept")
    assert services.meetings.get(first.id).commitments[0].outcome == "kept"
    with pytest.raises(ValidationError, match="how it went"):
        services.meetings.look_back(promise.id, "perfect")
    with pytest.raises(NotFoundError):
        services.meetings.look_back(999, "kept")


def test_bad_input_changes_nothing(services, couple):
    meeting, _ = services.meetings.start()
    with pytest.raises(ValidationError):
        services.meetings.save(meeting.id, 9, {})
    with pytest.raises(ValidationError):
        services.meetings.save(meeting.id, 1, {"topic": 5})
    with pytest.raises(ValidationError, match="one of you two"):
        services.meetings.finish(meeting.id, {}, {12345: "Something"})
    assert services.meetings.current().step == 0 and services.meetings.current().answers == {}
    with pytest.raises(NotFoundError):
        services.meetings.save(4242, 0, {})


def test_a_talk_needs_the_couple(services):
    with pytest.raises(NotFoundError, match="set up"):
        services.meetings.start()


def test_the_week_gathers_what_went_well_and_what_to_talk_about(services, couple):
    zoe, lukasz = couple.partners
    today = date.today()
    now = datetime.now()
    services.checkins.save_session([
        CheckinInput(zoe.id, 4, 9, appreciation="The tea in bed"),
        CheckinInput(lukasz.id, 3, 4, need="More time outside")], at=now - timedelta(days=1))
    services.checkins.save_session([CheckinInput(zoe.id, 4, 7)], at=now - timedelta(days=10))
    start = (now - timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    walk, _ = services.calendar.create(EventInput("Walk", "walk", start,
                                                  start + timedelta(hours=2)))
    services.calendar.set_status(walk.id, None, "done")
    ahead = (now + timedelta(days=3)).replace(hour=19, minute=0, second=0, microsecond=0)
    services.calendar.create(EventInput("Date night", "date_night", ahead,
                                        ahead + timedelta(hours=2)))
    week = services.meetings.week(today)
    assert week.first == today - timedelta(days=6) and week.last == today
    assert [c.appreciation for c in week.appreciations] == ["The tea in bed"]
    assert [c.need for c in week.needs] == ["More time outside"]
    assert week.checkins == {zoe.id: 1, lukasz.id: 1}  # the one ten days ago isn't this week
    assert [o.title for o in week.quality_done] == ["Walk"] and week.quality_hours == 2.0
    assert [d.connection for d in week.differences] == [{zoe.id: 9, lukasz.id: 4}]
    assert [o.title for o in week.planned_ahead] == ["Date night"]
    assert week.anything_went_well
