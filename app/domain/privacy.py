"""The rules for the couple's passphrase and for locking Hearth when nobody is using it."""

from __future__ import annotations

from app.domain.errors import ValidationError

MIN_PASSPHRASE = 6
MAX_PASSPHRASE = 1024
LOCK_CHOICES = (0, 5, 15, 30, 60)  # minutes without use before Hearth locks; 0 = never


def clean_new_passphrase(text: str, repeated: str) -> str:
    """A new passphrase, typed twice. Spaces count and are kept, so a sentence works well."""
    if "\x00" in text:
        raise ValidationError("A passphrase can't hold that character; please type another.",
                              "passphrase")
    if len(text.strip()) < MIN_PASSPHRASE:
        raise ValidationError(f"Please use at least {MIN_PASSPHRASE} characters — a short "
                              "sentence only the two of you know works well.", "passphrase")
    if len(text) > MAX_PASSPHRASE:
        raise ValidationError(f"Please keep the passphrase under {MAX_PASSPHRASE} "
                              "characters.", "passphrase")
    if text != repeated:
        raise ValidationError("The two passphrases aren't the same. Please type it again in "
                              "both boxes.", "repeat")
    return text


def clean_lock_minutes(value: object) -> int:
    if isinstance(value, bool) or value not in LOCK_CHOICES:
        raise ValidationError("Please choose when Hearth locks from the list.",
                              "lock_after_minutes")
    return int(value)  # type: ignore[arg-type]


def lock_words(minutes: int) -> str:
    if minutes == 0:
        return "Never"
    return f"After {minutes} minutes without use" if minutes < 60 else \
        "After an hour without use"
