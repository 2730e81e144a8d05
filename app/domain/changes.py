"""ChangeSet: what one user action changed, so views can reload what they show."""

from __future__ import annotations

from dataclasses import dataclass, field

# The kinds of data a ChangeSet can name. Feature issues add their own.
COUPLE = "couple"
SETTINGS = "settings"
CHECKINS = "checkins"
VALUES = "values"
GOALS = "goals"
CALENDAR = "calendar"
WORKSHEETS = "worksheets"
PROMPTS = "prompts"
MEETINGS = "meetings"
ALL = "*"


@dataclass(frozen=True)
class ChangeSet:
    """The kinds of data (and optionally the ids) one committed action touched."""

    kinds: frozenset[str] = field(default_factory=frozenset)
    ids: frozenset[tuple[str, int]] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *kinds: str, ids: dict[str, list[int]] | None = None) -> ChangeSet:
        pairs = frozenset((kind, i) for kind, values in (ids or {}).items() for i in values)
        return cls(frozenset(kinds) | frozenset(kind for kind, _ in pairs), pairs)

    def touches(self, *kinds: str) -> bool:
        """True when this change concerns any of ``kinds`` (or everything)."""
        return ALL in self.kinds or any(kind in self.kinds for kind in kinds)

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(self.kinds | other.kinds, self.ids | other.ids)

    def __bool__(self) -> bool:
        return bool(self.kinds)
