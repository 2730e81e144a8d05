"""Errors the core raises for expected situations.

Each carries a plain-language ``message`` that can be shown to the couple as it is.
"""

from __future__ import annotations


class HearthError(Exception):
    """An expected problem with a message meant for people, not for developers."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(HearthError):
    """Bad input: nothing was changed. ``field`` names the input it is about, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(HearthError):
    """The thing asked for does not exist (any more)."""
