"""What the person did: an occurrence marked done or skipped, and what they reflected on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain import text as text_rules
from planner.errors import InvalidInputError

if TYPE_CHECKING:
    from datetime import date, datetime

    from planner.domain.ids import ActivityUid
    from planner.domain.occurrences import Status

MOOD_MIN = 1
MOOD_MAX = 5
MAX_REFLECTION = 4000
MAX_LEARNED = 300


@dataclass(frozen=True, slots=True)
class Reflection:
    """A private note after doing something: how it went, a mood from 1 to 5, a lesson."""

    text: str = ""
    mood: int | None = None
    learned: str = ""

    @property
    def empty(self) -> bool:
        return not self.text.strip() and self.mood is None and not self.learned.strip()

    @property
    def written(self) -> bool:
        """Whether words were written (a mood alone is not): what the milestones and the
        progress page count as a reflection."""
        return bool(self.text.strip() or self.learned.strip())


@dataclass(frozen=True, slots=True)
class Completion:
    """The status of one occurrence, named like an override: by the rule's wall-clock start
    (a naive datetime in the activity's zone) or its date for all-day activities."""

    uid: ActivityUid
    recurrence_id: datetime | date
    status: Status
    marked_at: datetime
    reflection: Reflection | None = None


def validate_reflection(reflection: Reflection | None) -> Reflection | None:
    """Trimmed, bounded, and None when there is nothing in it."""
    if reflection is None:
        return None
    text_rules.check_readable(reflection.text, reflection.learned)
    if reflection.mood is not None and not MOOD_MIN <= reflection.mood <= MOOD_MAX:
        raise InvalidInputError(f"The mood is a number from {MOOD_MIN} to {MOOD_MAX}.")
    text = reflection.text.strip()
    learned = " ".join(reflection.learned.split())
    if len(text) > MAX_REFLECTION:
        raise InvalidInputError(f"Please keep the reflection under {MAX_REFLECTION} characters.")
    if len(learned) > MAX_LEARNED:
        raise InvalidInputError(f"Please keep what you learned under {MAX_LEARNED} characters.")
    clean = Reflection(text=text, mood=reflection.mood, learned=learned)
    return None if clean.empty else clean
