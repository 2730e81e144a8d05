"""Shared goals: what the couple plans together, how far along it is, and its wins.

Progress is the share of milestones done; without milestones, a percentage the couple sets
by hand. A goal marked done counts as 100 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.checkins import clean_text
from app.domain.couple import clean_label
from app.domain.errors import ValidationError
from app.domain.moments import EARLIEST_YEAR, LATEST_YEAR, within_years

CATEGORIES: tuple[tuple[str, str], ...] = (
    ("us", "Us"), ("home", "Home"), ("money", "Money"), ("travel", "Travel"),
    ("health", "Health"), ("family", "Family"), ("work", "Work"), ("growth", "Growth"),
    ("fun", "Fun"), ("other", "Other"),
)
HORIZONS: tuple[tuple[str, str], ...] = (
    ("month", "This month"), ("year", "This year"), ("someday", "Someday"),
)
STATUSES: tuple[tuple[str, str], ...] = (
    ("idea", "Ideas"), ("active", "Working on it"), ("done", "Done"), ("let_go", "Let go"),
)
CATEGORY_NAMES = dict(CATEGORIES)
HORIZON_NAMES = dict(HORIZONS)
STATUS_NAMES = dict(STATUSES)
# Where a goal may go from each status. Done is reached by working on it; a goal let go can
# come back as an idea or straight into work; a finished goal can be reopened.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "idea": ("active", "let_go"),
    "active": ("idea", "done", "let_go"),
    "done": ("active",),
    "let_go": ("idea", "active"),
}
TITLE_MAX = 120
MILESTONES_MAX = 100


@dataclass(frozen=True)
class Milestone:
    id: int
    text: str
    done_on: date | None

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True)
class MilestoneInput:
    text: str
    done_on: date | None = None
    id: int | None = None  # an existing milestone keeps its id


@dataclass(frozen=True)
class GoalInput:
    title: str
    why: str = ""
    category: str = "us"
    horizon: str = "year"
    target_date: date | None = None
    owner_id: int | None = None  # None: shared by both
    value_ids: tuple[int, ...] = ()
    milestones: tuple[MilestoneInput, ...] = ()
    manual_progress: int | None = None
    next_review: date | None = None


@dataclass(frozen=True)
class Win:
    id: int
    goal_id: int | None
    title: str
    won_on: date


@dataclass(frozen=True)
class Goal:
    id: int
    title: str
    why: str
    category: str
    horizon: str
    target_date: date | None
    owner_id: int | None
    status: str
    value_ids: tuple[int, ...]
    milestones: tuple[Milestone, ...]
    manual_progress: int | None
    next_review: date | None
    position: int
    created_on: date  # the local day it was made
    created_at: datetime  # UTC, naive as stored
    completed_on: date | None

    @property
    def progress(self) -> int:
        return progress(self.milestones, self.manual_progress, self.status)

    def as_input(self) -> GoalInput:
        return GoalInput(
            self.title, self.why, self.category, self.horizon, self.target_date, self.owner_id,
            self.value_ids,
            tuple(MilestoneInput(m.text, m.done_on, m.id) for m in self.milestones),
            self.manual_progress, self.next_review,
        )


@dataclass(frozen=True)
class GoalSnapshot:
    """A goal exactly as it was, with its wins: what undo brings back."""

    goal: Goal
    wins: tuple[Win, ...] = field(default=())


@dataclass(frozen=True)
class GoalChange:
    """What one action did to one goal: the states before and after (None: absent)."""

    before: GoalSnapshot | None
    after: GoalSnapshot | None
    win: Win | None = None  # a goal just completed

    @property
    def goal_id(self) -> int:
        snapshot = self.after or self.before
        assert snapshot is not None
        return snapshot.goal.id


def progress(milestones: tuple[Milestone, ...] | tuple[MilestoneInput, ...],
             manual: int | None, status: str) -> int:
    """0–100: done is 100; otherwise the share of milestones done, or the manual figure."""
    if status == "done":
        return 100
    if milestones:
        done = sum(1 for m in milestones if m.done_on is not None)
        return round(100 * done / len(milestones))
    return manual or 0


def check_transition(old: str, new: str) -> None:
    if new not in STATUS_NAMES:
        raise ValidationError("That isn't a place a goal can be.", "status")
    if old == new or new in TRANSITIONS[old]:
        return
    if old == "idea":
        message = ("An idea can't be done before you start on it — move it to "
                   "“Working on it” first.")
    elif old == "done":
        message = ("This goal is done. To change that, reopen it first (move it back to "
                   "“Working on it”).")
    else:
        message = ("This goal was let go. Pick it up again first, as an idea or as something "
                   "you're working on.")
    raise ValidationError(message, "status")


def clean_goal(data: GoalInput, created_on: date, partner_ids: tuple[int, ...],
               value_ids: set[int]) -> GoalInput:
    """Validate a goal; every message names what to fix. Text is kept exactly as written
    (the title's spacing is tidied)."""
    title = clean_label(data.title, "title", "title", TITLE_MAX).strip()
    why = clean_text(data.why, "why", "Why it matters")
    if data.category not in CATEGORY_NAMES:
        raise ValidationError("Please choose a category.", "category")
    if data.horizon not in HORIZON_NAMES:
        raise ValidationError("Please choose when: this month, this year or someday.",
                              "horizon")
    if data.target_date is not None:
        if not isinstance(data.target_date, date) or isinstance(data.target_date, datetime):
            raise ValidationError("Please give the target as a date.", "target_date")
        within_years(data.target_date, "target_date")
        if data.target_date < created_on:
            raise ValidationError(
                f"The target date can't be before the goal was made "
                f"({created_on.day} {created_on:%B %Y}).", "target_date"
            )
    if data.owner_id is not None and data.owner_id not in partner_ids:
        raise ValidationError("Please choose who this goal belongs to.", "owner")
    unknown = [v for v in data.value_ids if v not in value_ids]
    if unknown:
        raise ValidationError("One of the linked values no longer exists.", "values")
    if len(data.milestones) > MILESTONES_MAX:
        raise ValidationError(f"Please keep to {MILESTONES_MAX} milestones.", "milestones")
    milestones = [MilestoneInput(clean_milestone(milestone.text, number),
                                 clean_done_on(milestone.done_on, number), milestone.id)
                  for number, milestone in enumerate(data.milestones, start=1)]
    manual = data.manual_progress
    if manual is not None and (isinstance(manual, bool) or not isinstance(manual, int)
                               or not 0 <= manual <= 100):
        raise ValidationError("Please give progress as a percentage from 0 to 100.",
                              "manual_progress")
    if data.next_review is not None:
        if not isinstance(data.next_review, date) or isinstance(data.next_review, datetime):
            raise ValidationError("Please give the review as a date.", "next_review")
        within_years(data.next_review, "next_review")
    return GoalInput(title, why, data.category, data.horizon, data.target_date, data.owner_id,
                     tuple(dict.fromkeys(data.value_ids)), tuple(milestones),
                     None if milestones else manual, data.next_review)


def clean_milestone(text: object, number: int) -> str:
    """One milestone's words: one short line, not empty (trimmed)."""
    cleaned = clean_text(text, "milestones", f"Milestone {number}")
    if not cleaned.strip():
        raise ValidationError(
            f"Milestone {number} is empty — write what it is, or remove it.", "milestones"
        )
    if len(cleaned.strip().splitlines()) > 1 or len(cleaned) > 500:
        raise ValidationError(
            f"Please keep milestone {number} to one short line.", "milestones"
        )
    return cleaned.strip()


def clean_done_on(day: object, number: int) -> date | None:
    """The day a milestone was done (None: not yet), within the years Hearth shows."""
    if isinstance(day, date) and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValidationError(f"Please give milestone {number} a day between {EARLIEST_YEAR} "
                              f"and {LATEST_YEAR}.", "milestones")
    return day  # type: ignore[return-value]


def due_for_review(goals: list[Goal] | tuple[Goal, ...], today: date) -> list[Goal]:
    """Open goals whose review date has come, the longest waiting first."""
    due = [g for g in goals if g.status in ("idea", "active")
           and g.next_review is not None and g.next_review <= today]
    return sorted(due, key=lambda g: (g.next_review, g.id))


def review_words(next_review: date, today: date) -> str:
    """How long a goal has been waiting for the look the couple planned on ``next_review``."""
    days = (today - next_review).days
    if days <= 0:
        return "to look at together today"
    if days == 1:
        return "was due for a look yesterday"
    return f"waiting for a look since {next_review.day} {next_review:%B}"
