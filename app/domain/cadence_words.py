"""How Home talks about the check-in rhythm: warm, specific, never scolding."""

from __future__ import annotations

from datetime import date

from app.domain.trends import Cadence


def week_progress(c: Cadence) -> str:
    if c.target == 0:
        together = "once" if c.this_week == 1 else f"{c.this_week} times"
        return (f"You've checked in together {together} this week." if c.this_week
                else "No weekly aim set — check in whenever it suits you.")
    if c.this_week >= c.target:
        return f"This week: {c.this_week} of {c.target} together — lovely."
    return f"This week: {c.this_week} of {c.target} together."


def streak_words(c: Cadence) -> str | None:
    if c.target == 0:
        return None
    parts = []
    if c.streak >= 2:
        parts.append(f"{c.streak} weeks in a row that met your aim.")
    elif c.streak == 1:
        parts.append("You met your aim last week." if not c.this_week_met
                     else "You've met your aim this week.")
    if c.recent_weeks:
        if c.recent_weeks == 1:
            parts.append("Last week met it." if c.met_recent else "Last week was a quieter one.")
        else:
            parts.append(f"{c.met_recent} of the last {c.recent_weeks} weeks met it.")
    if c.streak == 0 and c.recent_weeks:
        parts.append("Every week is a fresh start.")
    if c.longest_streak > max(c.streak, 1):
        parts.append(f"Your longest run so far: {c.longest_streak} weeks.")
    return " ".join(parts) or None


def last_checkin_words(day: date | None, together: bool, today: date) -> str:
    if day is None:
        return "No check-ins yet. When you're ready, it takes about five minutes."
    ago = (today - day).days
    when = ("today" if ago == 0 else "yesterday" if ago == 1
            else f"on {day:%A}" if ago < 7 else f"on {day.day} {day:%B}")
    return f"Last check-in {when}{', together' if together else ''}."
