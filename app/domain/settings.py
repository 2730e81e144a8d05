"""The couple's settings and their rules."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.domain.errors import ValidationError

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CHECKIN_TARGET_MAX = 14
QUALITY_HOURS_MAX = 40


class TextSize(enum.StrEnum):
    NORMAL = "normal"
    LARGE = "large"
    EXTRA_LARGE = "extra_large"

    @property
    def label(self) -> str:
        return {"normal": "Normal", "large": "Large", "extra_large": "Extra large"}[self.value]

    @property
    def scale(self) -> float:
        """Font scale relative to the normal size."""
        return {"normal": 1.0, "large": 1.25, "extra_large": 1.5}[self.value]


@dataclass(frozen=True)
class Settings:
    week_start: int = 0  # 0 = Monday … 6 = Sunday
    text_size: TextSize = TextSize.NORMAL
    checkin_target_per_week: int = 2  # check-ins together each week
    quality_hours_per_week: int = 4  # hours of planned quality time each week
    lock_after_minutes: int = 0  # lock behind the passphrase when idle; 0 = never

    @property
    def week_start_name(self) -> str:
        return WEEKDAYS[self.week_start]


def clean_week_start(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise ValidationError("Please choose a day of the week to start on.", "week_start")
    return value


def clean_text_size(value: object) -> TextSize:
    try:
        return TextSize(value)
    except ValueError:
        raise ValidationError(
            "Please choose normal, large or extra large text.", "text_size"
        ) from None


def clean_checkin_target(value: object) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not 0 <= value <= CHECKIN_TARGET_MAX
    ):
        raise ValidationError(
            f"Please choose between 0 and {CHECKIN_TARGET_MAX} check-ins a week.",
            "checkin_target_per_week",
        )
    return value


def clean_quality_hours(value: object) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not 0 <= value <= QUALITY_HOURS_MAX
    ):
        raise ValidationError(
            f"Please choose between 0 and {QUALITY_HOURS_MAX} hours a week.",
            "quality_hours_per_week",
        )
    return value
