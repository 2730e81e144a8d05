"""Demo worksheets, written as a believable couple would write them: an argument looked
back on and resolved, a concern raised gently and still open, a problem solved together."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from sqlalchemy import update

from app.persistence.models import WorksheetRecord


def generate(context) -> Iterator[tuple[str, int, int]]:
    from app.services import Services

    services = Services.over(context.db)
    zoe, lukasz = context.couple.partners
    sheets = services.worksheets
    today = context.end

    fight, _ = sheets.start("after_fight", "The evening the plans changed")
    for (step, field, partner), value in {
        ("feelings", "feelings", zoe.id): ["hurt", "lonely"],
        ("feelings", "words", zoe.id): "Left out. I'd been looking forward to it all week.",
        ("feelings", "feelings", lukasz.id): ["frustrated", "tired"],
        ("feelings", "words", lukasz.id): "Cornered, after a long day.",
        ("views", "my_view", zoe.id): "You said yes to your brother without asking me.",
        ("views", "my_view", lukasz.id): "I thought you'd be glad to see him too.",
        ("views", "heard", zoe.id): "You didn't mean to leave me out; you thought I'd like it.",
        ("views", "heard", lukasz.id): "You felt I chose him over our evening.",
        ("views", "makes_sense", lukasz.id): "It makes sense you felt left out — I didn't ask.",
        ("my_part", "apology", lukasz.id): "I'm sorry I decided for both of us.",
        ("my_part", "accepted", zoe.id): "yes",
        ("next_time", "next_time", zoe.id): "Say early that an evening matters to me.",
        ("next_time", "next_time", lukasz.id): "Check with you before saying yes for both.",
    }.items():
        sheets.answer(fight.id, step, field, partner, value)
    sheets.add_agreement(fight.id, "Ask each other before making plans for both", None,
                         today - timedelta(days=20))
    sheets.review(fight.id, worked=True, note="Much better. We ask now.")
    yield "Writing worksheets", 1, 3

    gentle, _ = sheets.start("gentle_start", "Screens at dinner")
    for (step, field, partner), value in {
        ("observation", "observation", zoe.id): "Three dinners this week we were both on our "
                                                 "phones.",
        ("feeling", "feelings", zoe.id): ["lonely"],
        ("need", "need", zoe.id): "Time when we really see each other.",
        ("request", "request", zoe.id): "Would you be willing to leave phones in the hall at "
                                         "dinner?",
    }.items():
        sheets.answer(gentle.id, step, field, partner, value)
    sheets.go_to(gentle.id, 3)
    yield "Writing worksheets", 2, 3

    solve, _ = sheets.start("solve_together", "Sharing the chores")
    sheets.set_first_speaker(solve.id, lukasz.id)
    for (step, field, partner), value in (
        (("first_speaker", "speaker_words", lukasz.id), "I feel I do the invisible things."),
        (("first_speaker", "paraphrase", zoe.id),
         "The cooking is shared, but the planning and remembering land on you."),
        (("first_speaker", "confirmed", lukasz.id), "not_quite"),
        (("first_speaker", "correction", lukasz.id),
         "Not only the planning: I notice when we run out of things."),
        (("first_speaker", "confirmed", lukasz.id), "yes"),
        (("second_speaker", "speaker_words", zoe.id),
         "I want to help, but I don't see the list until it's too late."),
        (("second_speaker", "paraphrase", lukasz.id),
         "You'd do more if you could see what's needed in time."),
        (("second_speaker", "confirmed", zoe.id), "yes"),
        (("one_part", "part", zoe.id), "Who plans the weekly shop."),
        (("brainstorm", "ideas", zoe.id), "Take turns weekly\nA shared list on the fridge"),
        (("brainstorm", "ideas", lukasz.id), "An app\nPlan it on Sunday together"),
    ):
        sheets.answer(solve.id, step, field, partner, value)
    sheets.go_to(solve.id, 5)
    sheets.add_agreement(solve.id, "Plan the shop together on Sundays", None)
    sheets.add_agreement(solve.id, "Zoë keeps the fridge list", zoe.id)
    # Give the worksheets believable dates in the couple's past (then the follow-up, which
    # can't be before the worksheet began: the demo's "today" may be before the real one).
    with context.db.transaction() as session:
        for worksheet_id, days_ago in ((fight.id, 70), (gentle.id, 5), (solve.id, 21)):
            opened = datetime.combine(today - timedelta(days=days_ago), datetime.min.time()) \
                + timedelta(hours=19)
            session.execute(update(WorksheetRecord).where(WorksheetRecord.id == worksheet_id)
                            .values(opened_at=opened))
        session.execute(update(WorksheetRecord).where(WorksheetRecord.id == fight.id)
                        .values(resolved_at=datetime.combine(today - timedelta(days=50),
                                                             datetime.min.time())))
    sheets.set_follow_up(solve.id, today)
    yield "Writing worksheets", 3, 3
