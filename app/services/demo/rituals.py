"""Demo rituals: a weekly "state of us" talk most Sunday evenings (fewer in the busy
stretch), each ending with one commitment per partner that the next talk looks back on —
mostly kept, some partly, a few not this time; the latest talk in the past week, so Home
has this week's commitments to show. And conversation prompts: some talked about, a few
favourites, and a deck of the couple's own questions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.dialects.sqlite import insert as upsert

from app.domain.meetings import STEPS, clean_answers, clean_commitment
from app.domain.prompts import hearth_decks
from app.persistence.models import (
    CommitmentRecord,
    MeetingRecord,
    PromptDeckRecord,
    PromptMarkRecord,
    PromptRecord,
)

BATCH = 2000
BUSY = (0.55, 0.7)  # the stretch of the story where life got busy (see checkins.py)

APPRECIATIONS = (
    "You waited up on Tuesday with the kettle on.",
    "How calmly you handled the call with the landlord.",
    "You noticed I was worn out and took over dinner.",
    "The playlist you made for my long drive.",
    "You asked about my presentation — and remembered the details.",
    "You made the bed every morning this week.",
    "You laughed at my terrible joke on Thursday.",
    "You sat with me while I sorted out the taxes.",
    "The flowers from the market, for no reason at all.",
    "You were kind to my sister when she was stressed.",
    "You let me sleep in on Saturday.",
    "How patient you were when I was short with you on Monday.",
)
WENT_WELL = (
    "Two date nights and a long walk on Sunday.",
    "We checked in three times and really listened.",
    "Dinner with friends felt easy and fun.",
    "We sorted out the holiday plans without a single sharp word.",
    "A quiet week — lots of evenings on the sofa together.",
    "We cooked together twice and tried the new curry recipe.",
    "We handled a hard week as a team.",
    "Phones stayed in the hall at dinner almost every night.",
)
TOPICS = (
    "Weekends feel rushed.",
    "How much time to spend with family over the holidays.",
    "Money for the summer trip.",
    "Evenings when one of us works late.",
    "Sharing the invisible chores.",
    "Making time for friends, apart and together.",
    "Sleep — we keep going to bed too late.",
    "",
    "",
)
AHEAD = (
    "Date night on Friday; a walk on Sunday morning.",
    "Cook together on Wednesday, cinema on Saturday.",
    "A device-free evening on Thursday.",
    "Visit the market together on Saturday.",
    "A long lunch on Sunday, just the two of us.",
    "Look at the savings goal together on Sunday.",
    "Book the cooking class we keep talking about.",
)
# What one partner will do for the other in the coming week: warm, specific, doable.
COMMITMENTS = (
    "Cook dinner together on Thursday",
    "A walk after work, phones at home",
    "Ask how the day went before we reach for our phones",
    "Bring coffee on Saturday morning and stay for a chat",
    "Plan Friday's date night as a surprise",
    "A long hug at the door after work",
    "Do the washing-up on the two busiest evenings",
    "A note of encouragement before Wednesday's big meeting",
    "Go to bed at the same time on weeknights",
    "Call at lunch on Tuesday, just to say hello",
    "Take the Sunday morning chores, so there's time for a lie-in",
    "Ten minutes on the sofa after dinner, just talking",
    "Read together in bed instead of scrolling",
    "Walk to the bakery together on Sunday",
    "Put on our song and dance in the kitchen once",
)
OWN_DECK = ("Our own questions", "The ones we came up with ourselves.")
OWN_PROMPTS = (
    ("light", "Which meal from our first year together would you cook again tonight?"),
    ("light", "What's a small ritual of ours you'd never want to lose?"),
    ("deeper", "Where do you want us to be living in ten years, and why there?"),
    ("deeper", "What did your family do when someone was upset, and how has it shaped you?"),
    ("vulnerable", "What's something you've wanted to ask me but haven't yet?"),
)


def _outcome(rng, busy: bool) -> str | None:
    """How a commitment went, looked back on at the next talk (sometimes not marked)."""
    roll = rng.random()
    if roll < 0.08:
        return None
    kept, partly = (0.45, 0.75) if busy else (0.62, 0.87)
    return "kept" if roll < kept else "partly" if roll < partly else "not_yet"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def generate(context) -> Iterator[tuple[str, int, int]]:
    yield from _talks(context)
    _prompts(context)
    yield "Choosing conversation prompts", 1, 1


def _talks(context) -> Iterator[tuple[str, int, int]]:
    """One talk on (nearly) every Sunday of the span, written in batches; progress counts
    weeks. Each of the ``scale`` copies is its own run of talks, looking back on its own."""
    rng = context.rng
    db = context.db
    partners = context.couple.partners
    label = "Writing weekly talks"
    now = datetime.now().astimezone()
    # Nothing after the day the demo ends, nor after this moment.
    until = min(now, datetime.combine(context.end, time(23, 59)).astimezone())
    first = context.start + timedelta(days=(6 - context.start.weekday()) % 7)
    sundays = [first + timedelta(weeks=k) for k in range((context.end - first).days // 7 + 1)]
    span = max((context.end - context.start).days, 1)
    with db.reading() as session:
        # Ids are never reused (AUTOINCREMENT): start past every id ever handed out.
        used = session.scalar(text("SELECT seq FROM sqlite_sequence WHERE name = 'meeting'"))
        highest = session.scalar(select(func.max(MeetingRecord.id)))
        next_id = max(used or 0, highest or 0) + 1

    meetings: list[dict] = []
    commitments: list[dict] = []
    waiting: dict[int, list[dict]] = {}  # copy → the last talk's commitments, to look back on

    def flush() -> None:
        with db.transaction() as session:  # NULLs written as such: one statement a table
            if meetings:
                session.execute(insert(MeetingRecord).execution_options(render_nulls=True),
                                meetings)
            if commitments:
                session.execute(insert(CommitmentRecord).execution_options(render_nulls=True),
                                commitments)
        meetings.clear()
        commitments.clear()

    was_busy = False
    for week, sunday in enumerate(sundays):
        progress = (sunday - context.start).days / span
        busy = BUSY[0] <= progress < BUSY[1]
        latest = week == len(sundays) - 1
        # A week without a talk now and then (the one where life got busy, always): the
        # next talk picks up the thread.
        missed = (busy and not was_busy) or rng.random() < (0.35 if busy else 0.05)
        was_busy = busy
        if missed and not latest:
            continue
        for copy in range(context.scale):
            made = _talk(rng, sunday, until, latest, partners, next_id)
            if made is None:
                continue
            meeting, promised = made
            for commitment in waiting.pop(copy, []):
                commitment["outcome"] = _outcome(rng, busy)
                if commitment["outcome"] is not None:
                    commitment["reviewed_at"] = meeting["started_at"] + timedelta(minutes=5)
                commitments.append(commitment)
            meetings.append(meeting)
            waiting[copy] = promised
            next_id += 1
        if len(meetings) >= BATCH:
            flush()
            yield label, week + 1, len(sundays)
    for promised in waiting.values():  # this week's: looked back on at the next talk
        commitments.extend(promised)
    flush()
    yield label, len(sundays), len(sundays)


def _talk(rng, sunday: date, until: datetime, latest: bool, partners, meeting_id: int
          ) -> tuple[dict, list[dict]] | None:
    """One finished talk and its two commitments; None when that evening is still to come.
    The latest week always has one: on Saturday if Sunday's hasn't happened yet."""
    minutes = rng.randint(18 * 60 + 30, 20 * 60 + 30)
    length = timedelta(minutes=rng.randint(25, 55))
    day = sunday
    start = datetime.combine(day, time(minutes // 60, minutes % 60)).astimezone()
    if start + length > until:
        if not latest:
            return None
        day = sunday - timedelta(days=1)
        start = datetime.combine(day, time(minutes // 60, minutes % 60)).astimezone()
        if start + length > until:
            return None
    first, second = partners
    wishes = rng.sample(COMMITMENTS, 2)  # what each would like from the other
    thanks = rng.sample(APPRECIATIONS, 2)
    answers = clean_answers({
        "appreciations": {str(first.id): thanks[0], str(second.id): thanks[1]},
        "went_well": rng.choice(WENT_WELL),
        "topic": rng.choice(TOPICS),
        "ahead": rng.choice(AHEAD),
        "feel_loved": {str(first.id): wishes[0], str(second.id): wishes[1]},
    })
    started, finished = _utc(start), _utc(start + length)
    meeting = {
        "id": meeting_id, "week_start": day - timedelta(days=6), "started_at": started,
        "updated_at": finished, "finished_at": finished, "step": len(STEPS) - 1,
        "answers": json.dumps(answers, ensure_ascii=False), "event_id": None,
        "recurrence": None,
    }
    # Each does for the other what the other asked for.
    promised = [
        {"meeting_id": meeting_id, "partner_id": second.id,
         "text": clean_commitment(wishes[0]), "outcome": None, "reviewed_at": None},
        {"meeting_id": meeting_id, "partner_id": first.id,
         "text": clean_commitment(wishes[1]), "outcome": None, "reviewed_at": None},
    ]
    return meeting, promised


def _prompts(context) -> None:
    """A deck of their own (unless they have one by that name), prompts talked about over
    the last months, a few favourites. Marks the couple already made are left as they are."""
    from app.services import Services

    rng = context.rng
    prompts = Services.over(context.db).prompts
    today = context.end
    own_keys: list[str] = []
    title, description = OWN_DECK
    if not any(d.title.casefold() == title.casefold() for d in prompts.decks()):
        deck, _ = prompts.add_deck(title, description)
        for depth, words in OWN_PROMPTS:
            prompt, _ = prompts.add_prompt(deck.own_id, words, depth)
            own_keys.append(prompt.key)
        made = datetime.combine(max(context.start, today - timedelta(days=120)), time(20))
        with context.db.transaction() as session:  # written months ago, not just now
            session.execute(update(PromptDeckRecord).where(PromptDeckRecord.id == deck.own_id)
                            .values(created_at=_utc(made.astimezone())))
            session.execute(update(PromptRecord).where(PromptRecord.deck_id == deck.own_id)
                            .values(created_at=_utc(made.astimezone())))

    keys = [p.key for d in hearth_decks() for p in d.prompts]
    talked = rng.sample(keys, 16)
    favourites = set(rng.sample(talked, 5)) | set(own_keys[:1])
    oldest = max(context.start, today - timedelta(days=180))
    days = max((today - oldest).days, 1)
    marks = []
    for key in dict.fromkeys([*talked, *sorted(favourites)]):
        when = None
        if key in talked:
            day = oldest + timedelta(days=rng.randrange(days))
            when = _utc(datetime.combine(day, time(21, rng.randrange(60))).astimezone())
        marks.append({"prompt_key": key, "favourite": key in favourites, "shown_at": when,
                      "talked_at": when})
    with context.db.transaction() as session:
        session.execute(upsert(PromptMarkRecord).on_conflict_do_nothing(), marks)
