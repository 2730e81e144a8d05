"""Demo quality time: a weekly Friday date night (mostly done, a few skipped, one moved),
a walk every other Sunday, a yearly anniversary, and reflections with ratings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert

from app.domain.calendar import EventInput, expand, local_zone_name
from app.persistence.models import EventOverrideRecord, ReflectionRecord

MEMORIES = (
    "The little Italian place — we laughed so much.",
    "Cooking together with music on.",
    "That walk by the river at sunset.",
    "Phones in the drawer, board games till late.",
    "We talked about the summer plans.",
    "Just quiet, and it was lovely.",
    "Trying the new ramen place.",
    "",
)


def _first_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def generate(context) -> Iterator[tuple[str, int, int]]:
    from app.services import Services

    services = Services.over(context.db)
    rng = context.rng
    tz = local_zone_name()
    partners = context.couple.partners
    now = datetime.now()
    friday = datetime.combine(_first_weekday(context.start, 4), time(19, 30))
    sunday = datetime.combine(_first_weekday(context.start, 6), time(10, 0))
    date_night, _ = services.calendar.create(EventInput(
        "Date night", "date_night", friday, friday + timedelta(hours=2, minutes=30), tz=tz,
        notes="Our evening: one of us chooses, the other is surprised.",
        devices_away=True, rrule="FREQ=WEEKLY;BYDAY=FR"))
    walk, _ = services.calendar.create(EventInput(
        "Sunday walk", "walk", sunday, sunday + timedelta(hours=1, minutes=30), tz=tz,
        location="Along the river", planned_by=partners[1].id,
        rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=SU"))
    anniversary_day = context.start.replace(month=6, day=12) if context.start.month < 6 \
        else context.start.replace(year=context.start.year + 1, month=6, day=12)
    anniversary = datetime.combine(anniversary_day, time(0))
    services.calendar.create(EventInput(
        "Our anniversary", "other", anniversary, anniversary + timedelta(days=1),
        all_day=True, rrule="FREQ=YEARLY"))
    upcoming = datetime.combine(date.today() + timedelta(days=9), time(18, 0))
    services.calendar.create(EventInput(
        "Cooking class: dumplings", "cooking", upcoming, upcoming + timedelta(hours=3), tz=tz,
        location="Community kitchen", planned_by=partners[0].id))
    yield "Planning quality time", 1, 3

    overrides: list[dict] = []
    reflections: list[dict] = []
    moved = False
    for event, skip_share in ((date_night, 0.12), (walk, 0.25)):
        span_end = min(now, datetime.combine(context.end, time(0)))
        duration = event.end - event.start
        for start in expand(event.start, event.rrule, set(), event.start, span_end):
            if start + duration > now:
                break
            if rng.random() < skip_share:
                overrides.append({"event_id": event.id, "recurrence": start, "cancelled": False,
                                  "status": "skipped"})
                continue
            row = {"event_id": event.id, "recurrence": start, "cancelled": False,
                   "status": "done"}
            if not moved and event is date_night and start > now - timedelta(days=60):
                row.update(start_local=start + timedelta(days=1, hours=-1),
                           end_local=start + timedelta(days=1, hours=-1) + duration,
                           title="Date night (on Saturday this time)")
                moved = True
            overrides.append(row)
            for partner in partners:
                if rng.random() < 0.7:
                    reflections.append({
                        "event_id": event.id, "recurrence": start, "partner_id": partner.id,
                        "rating": max(1, min(5, round(rng.gauss(4.1, 0.8)))),
                        "memory": rng.choice(MEMORIES), "created_at": start,
                    })
    yield "Remembering dates", 2, 3
    with context.db.transaction() as session:
        if overrides:
            session.execute(insert(EventOverrideRecord), [
                {"start_local": None, "end_local": None, "title": None, **row}
                for row in overrides])
        if reflections:
            session.execute(insert(ReflectionRecord), reflections)
    yield "Remembering dates", 3, 3
