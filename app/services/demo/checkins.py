"""Demo check-ins that tell a story: a steady rhythm, a busy stretch where check-ins thin
out and connection dips, then a recovery. Irregular, like real life."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, insert, select, text

from app.domain.checkins import FEELING_GROUPS
from app.persistence.models import CheckinRecord, CheckinSessionRecord

BATCH = 2000

APPRECIATIONS = (
    "You made tea without me asking.",
    "The way you listened when I talked about work.",
    "You planned Saturday so I could rest.",
    "Your laugh at dinner.",
    "You picked up the groceries on a long day.",
    "You remembered my appointment and asked how it went.",
    "You stayed patient when I was short with you.",
    "The note you left on the fridge.",
    "You called your mum back for us.",
    "Our walk by the river.",
    "You fixed the bike light.",
    "You held my hand at the concert.",
)
NEEDS = (
    "A quiet evening together, phones away.",
    "A hug when I get home.",
    "To hear how your week is really going.",
    "Help with the washing-up this week.",
    "A walk on Sunday morning.",
    "Some time on my own on Thursday.",
    "To plan the summer together.",
    "More sleep — can we go to bed earlier?",
    "To talk about money without rushing.",
    "A date night soon.",
)
NOTES = (
    "Tired but glad we did this.",
    "Work is weighing on me more than I said.",
    "I want to bring up the holidays gently.",
    "",
    "",
)
WARM = [w for group, words in FEELING_GROUPS if group in ("Warm", "Bright", "Easy") for w in words]
HARD = [w for group, words in FEELING_GROUPS if group in ("Heavy", "Uneasy", "Stirred up")
        for w in words]


def _phase(progress: float) -> tuple[float, float]:
    """(sittings per week, connection shift) at this point of the story (0..1)."""
    busy_start, busy_end, recovered = 0.55, 0.7, 0.8
    if busy_start <= progress < busy_end:
        return 0.6, -2.2
    if busy_end <= progress < recovered:
        share = (progress - busy_end) / (recovered - busy_end)
        return 1.2 + share, -2.2 + 2.4 * share
    return 2.1, 0.2 * math.sin(progress * 20)


def generate(context) -> Iterator[tuple[str, int, int]]:
    """Walk the days of the span, writing sittings in batches; progress counts days."""
    rng = context.rng
    partners = context.couple.partners
    baseline = {partners[0].id: 7.2, partners[1].id: 6.4}
    days = (context.end - context.start).days + 1
    label = "Writing check-ins"
    db = context.db
    with db.reading() as session:
        # Ids are never reused (AUTOINCREMENT): start past every id ever handed out.
        used = session.scalar(
            text("SELECT seq FROM sqlite_sequence WHERE name = 'checkin_session'")
        )
        highest = session.scalar(select(func.max(CheckinSessionRecord.id)))
        next_session = max(used or 0, highest or 0) + 1

    sittings: list[dict] = []
    rows: list[dict] = []
    now = datetime.now(UTC).replace(tzinfo=None)

    def flush() -> None:
        with db.transaction() as session:
            if sittings:
                session.execute(insert(CheckinSessionRecord), sittings)
            if rows:
                session.execute(insert(CheckinRecord), rows)
        sittings.clear()
        rows.clear()

    for index in range(days):
        day = context.start + timedelta(days=index)
        per_week, shift = _phase(index / max(days - 1, 1))
        if rng.random() < per_week / 7:
            for _copy in range(context.scale):
                if _sitting(rng, day, shift, partners, baseline, next_session, sittings, rows,
                            now):
                    next_session += 1
        if len(rows) >= BATCH:
            flush()
            yield label, index + 1, days
    flush()
    yield label, days, days


def _sitting(rng, day: date, shift: float, partners, baseline, session_id: int,
             sittings: list[dict], rows: list[dict], now: datetime) -> bool:
    """Add one evening's sitting; False when that evening is still to come."""
    minutes = rng.randint(19 * 60, 22 * 60 + 30)
    local = datetime.combine(day, time(minutes // 60, minutes % 60)).astimezone()
    at = local.astimezone(UTC).replace(tzinfo=None)
    if at > now:
        return False
    offset = int((local.utcoffset() or timedelta(0)).total_seconds() // 60)
    both = rng.random() < 0.82
    who = list(partners) if both else [rng.choice(partners)]
    sittings.append({
        "id": session_id, "started_at": at,
        "mode": rng.choice(("side_by_side", "private_reveal")) if both else "alone",
    })
    for partner in who:
        connection = round(baseline[partner.id] + shift + rng.gauss(0, 1.1))
        connection = max(1, min(10, connection))
        mood = max(1, min(5, round(connection / 2 + rng.gauss(0, 0.7))))
        stress = max(1, min(5, round(3 - shift / 1.5 + rng.gauss(0, 0.9))))
        pool = WARM if connection >= 6 else HARD
        feelings = sorted(set(rng.sample(pool, rng.randint(1, 3))))
        rows.append({
            "session_id": session_id, "partner_id": partner.id, "at": at, "utc_offset": offset,
            "mood": mood, "connection": connection, "stress": stress,
            "feelings": ",".join(feelings),
            "appreciation": rng.choice(APPRECIATIONS) if rng.random() < 0.8 else "",
            "need": rng.choice(NEEDS) if rng.random() < 0.6 else "",
            "private_note": rng.choice(NOTES) if rng.random() < 0.2 else "",
            "updated_at": now,
        })
    return True
