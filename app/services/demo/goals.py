"""Demo values and goals: two card-sorts a year apart (shared core values, a few real gaps,
some values that moved), a statement, and goals in every status with milestones, linked
values and the wins of the goals they finished."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from app.domain.goals import GoalInput, MilestoneInput
from app.domain.values import SortInput

# (value, Zoë, Łukasz) — the latest sort; None means "the dice decide, 2 to 4".
LATEST = {
    "Honesty": (5, 5), "Trust": (5, 5), "Kindness": (5, 4), "Family": (4, 5),
    "Humour": (4, 5), "Friendship": (5, 4),
    "Adventure": (5, 2), "Security": (2, 5), "Tradition": (1, 4), "Independence": (5, 3),
    "Routine": (2, 4), "Faith or meaning": (3, 1),
}
# How the earlier sort differed: value → (Zoë, Łukasz) then.
EARLIER = {"Health": (3, 2), "Calm": (2, 3), "Adventure": (4, 2), "Security": (2, 3)}

STATEMENT = (
    "We tell each other the truth, gently. We make room for adventure and for rest. "
    "Family and friends are our home, and we keep choosing each other."
)

# title, why, category, horizon, status, started (days ago), target (days from start),
# milestones (text, done), values, owner (None shared, 0/1 a partner), review (days from
# today; negative = due)
GOALS = (
    ("Walk the Camino together", "Six weeks of just us, one step after another.",
     "travel", "someday", "idea", 40, None, [], ["Adventure", "Health"], None, None),
    ("Learn to cook three Sri Lankan dishes", "Łukasz's grandmother's recipes, kept alive.",
     "home", "year", "idea", 20, 300, [], ["Family", "Tradition"], 1, 12),
    ("Save a three-month cushion", "So a bad month never becomes a crisis.",
     "money", "year", "active", 210, 330,
     [("Open a separate savings account", True), ("Set up the monthly transfer", True),
      ("Reach one month", True), ("Reach two months", False), ("Reach three months", False)],
     ["Security", "Financial freedom"], None, -3),
    ("Phone-free Sunday mornings", "Coffee, papers and each other's full attention.",
     "us", "month", "active", 25, 35, [], ["Closeness", "Calm"], None, 2),
    ("Run a 10 km race", "Zoë wants to feel strong again after a long winter.",
     "health", "year", "active", 120, 250,
     [("Run 3 times a week for a month", True), ("First 5 km without stopping", True),
      ("Sign up for the race", False), ("Race day!", False)], ["Health"], 0, 9),
    ("Make the spare room a studio", "A place for painting and Łukasz's guitar.",
     "home", "year", "active", 90, None,
     [("Clear out the boxes", True), ("Paint the walls", False), ("Good light", False)],
     ["Creativity", "Play"], None, -1),
    ("Visit Łukasz's family in Kraków", "It has been too long; Babcia turns ninety.",
     "family", "year", "done", 300, 200,
     [("Book the train", True), ("Learn ten Polish phrases", True), ("Go!", True)],
     ["Family", "Tradition"], None, None),
    ("Finish the garden bench", "Somewhere to sit together on summer evenings.",
     "home", "month", "done", 160, 40,
     [("Buy the wood", True), ("Build it", True), ("Oil it", True)], ["Nature", "Creativity"],
     1, None),
    ("A weekly money check-in", "Ten calm minutes instead of one big argument a month.",
     "money", "month", "done", 400, 30, [], ["Fairness", "Honesty"], None, None),
    ("Take a pottery class together", "Something new we are both bad at.",
     "fun", "year", "let_go", 500, 120, [("Find a class", True), ("Sign up", False)],
     ["Play", "Learning"], None, None),
    ("Move to the coast", "We thought we wanted it; for now, our friends are here.",
     "home", "someday", "let_go", 700, None, [], ["Nature", "Adventure", "Community"],
     None, None),
    ("Volunteer at the food bank once a month", "Giving back, side by side.",
     "growth", "year", "idea", 8, None, [], ["Helping others", "Community"], None, 30),
)


def generate(context) -> Iterator[tuple[str, int, int]]:
    from app.services import Services

    services = Services.over(context.db)
    rng = context.rng
    today = context.end
    partners = context.couple.partners
    values = services.values.values()
    total = 2 + len(GOALS)

    # Values the story doesn't name get one rating each, the same in both sorts: only the
    # values in EARLIER moved between them.
    steady = [{v.id: rng.randint(2, 4) for v in values} for _partner in partners]

    def sort_for(position: int, overrides: dict[str, tuple[int, int]]) -> SortInput:
        ratings = {}
        for value in values:
            pair = overrides.get(value.name) or LATEST.get(value.name)
            ratings[value.id] = pair[position] if pair else steady[position][value.id]
        return SortInput(partners[position].id, ratings)

    def evening(day: date) -> datetime:
        return datetime.combine(day, time(20, 30)).astimezone()

    first_day = max(context.start, today - timedelta(days=420))
    services.values.save_sorts([sort_for(0, EARLIER), sort_for(1, EARLIER)],
                               at=evening(first_day))
    services.values.save_sorts([sort_for(0, {}), sort_for(1, {})],
                               at=evening(today - timedelta(days=60)))
    services.values.save_statement(STATEMENT)
    yield "Writing values", 2, total

    by_name = {v.name: v.id for v in values}
    for done, goal in enumerate(GOALS, start=3):
        (title, why, category, horizon, status, started, target, milestones, linked, owner,
         review) = goal
        made = max(context.start, today - timedelta(days=started))
        finished = made + timedelta(days=rng.randint(20, 60))
        data = GoalInput(
            title, why, category, horizon,
            target_date=made + timedelta(days=target) if target else None,
            owner_id=partners[owner].id if owner is not None else None,
            value_ids=tuple(by_name[n] for n in linked if n in by_name),
            milestones=tuple(
                MilestoneInput(text, made + timedelta(days=7 * (i + 1)) if is_done else None)
                for i, (text, is_done) in enumerate(milestones)
            ),
            manual_progress=rng.choice((10, 25, 40)) if status == "active" and not milestones
            else None,
            next_review=today + timedelta(days=review) if review is not None else None,
        )
        change, _ = services.goals.create(data, "active" if status != "idea" else "idea",
                                          today=made)
        goal_id = change.goal_id
        if status == "done":
            if any(m.done_on is None for m in data.milestones):
                fixed = tuple(replace(m, done_on=m.done_on or finished) for m in data.milestones)
                services.goals.update(goal_id, replace(data, milestones=fixed))
            services.goals.set_status(goal_id, "done", today=min(finished, today))
        elif status == "let_go":
            services.goals.set_status(goal_id, "let_go", today=today)
        yield "Writing goals", done, total
