"""The kinds of activity a plan holds, and what each implies (colour, icon, contact, length)."""

from __future__ import annotations

import enum
from datetime import timedelta

from planner.errors import InvalidInputError


class Category(enum.Enum):
    """An activity category; the value is the stable id used by files and the command line."""

    SELF_CARE = "self-care"
    REFLECTION = "reflection"
    GROWTH = "growth"
    SPACE = "space"
    MESSAGE = "message"
    MEETUP = "meetup"
    APOLOGY = "apology"
    OUTING = "outing"
    GESTURE = "gesture"
    OTHER = "other"

    @property
    def id(self) -> str:
        """The stable id (`self-care`, `meetup`, ...)."""
        return self.value

    @property
    def colour_token(self) -> str:
        """A palette name; the UI maps it to a colour."""
        return _COLOUR_TOKENS[self]

    @property
    def icon_name(self) -> str:
        """The icon file stem under resources/icons."""
        return self.value

    @property
    def involves_contact(self) -> bool:
        """True when the activity means being in touch with the partner."""
        return self in _CONTACT

    @property
    def typical_duration(self) -> timedelta:
        """How long such an activity usually takes, used when no end is given."""
        return _TYPICAL_DURATION[self]

    @property
    def usually_all_day(self) -> bool:
        """Space periods are counted in days, not hours."""
        return self is Category.SPACE

    @classmethod
    def from_id(cls, value: str) -> Category:
        """Parse a category id, with a message listing the valid ones."""
        try:
            return cls(value.strip().lower())
        except ValueError:
            known = ", ".join(c.value for c in cls)
            raise InvalidInputError(
                f"Unknown category '{value}'. Choose one of: {known}."
            ) from None


_CONTACT = frozenset(
    {Category.MESSAGE, Category.MEETUP, Category.APOLOGY, Category.OUTING, Category.GESTURE}
)

_COLOUR_TOKENS = {
    Category.SELF_CARE: "sage",
    Category.REFLECTION: "lavender",
    Category.GROWTH: "teal",  # not a second green beside self-care's sage
    Category.SPACE: "mist",
    Category.MESSAGE: "sky",
    Category.MEETUP: "amber",
    Category.APOLOGY: "rose",
    Category.OUTING: "coral",
    Category.GESTURE: "peach",
    Category.OTHER: "stone",
}

_TYPICAL_DURATION = {
    Category.SELF_CARE: timedelta(minutes=45),
    Category.REFLECTION: timedelta(minutes=30),
    Category.GROWTH: timedelta(minutes=60),
    Category.SPACE: timedelta(days=7),
    Category.MESSAGE: timedelta(minutes=15),
    Category.MEETUP: timedelta(minutes=60),
    Category.APOLOGY: timedelta(minutes=60),
    Category.OUTING: timedelta(hours=3),
    Category.GESTURE: timedelta(minutes=30),
    Category.OTHER: timedelta(minutes=60),
}
