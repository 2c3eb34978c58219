"""What a service call changed, so views refresh only what they show (Anki's OpChanges idea)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from planner.domain.ids import ActivityUid


class ChangeKind(enum.Flag):
    """Which kinds of data a change touched."""

    NONE = 0
    PLAN = enum.auto()
    ACTIVITIES = enum.auto()
    REMINDERS = enum.auto()  # a plan's reminder options (nothing any view draws)
    FILTERS = enum.auto()  # what the calendars show (a view choice: nothing stored changed)


@dataclass(frozen=True, slots=True)
class Changes:
    """The result of one mutation: what kinds changed, which activities, which local days.

    `first_day`/`last_day` (inclusive, plan zone) bound the days whose display may differ;
    None on both means "could be anywhere" (e.g. an endless series was edited).
    """

    kinds: ChangeKind
    uids: frozenset[ActivityUid] = frozenset()
    first_day: date | None = None
    last_day: date | None = None

    def concerns_data(self) -> bool:
        """Whether stored data changed, not only a view choice (filters) or reminder options."""
        return bool(self.kinds & (ChangeKind.PLAN | ChangeKind.ACTIVITIES))

    def touches(self, first: date, last: date) -> bool:
        """Whether days `first..last` (inclusive) may show something different now."""
        if self.kinds & ChangeKind.FILTERS:
            return True
        if not self.kinds & ChangeKind.ACTIVITIES:
            return bool(self.kinds & ChangeKind.PLAN)
        if self.first_day is None or self.last_day is None:
            return True
        return self.first_day <= last and self.last_day >= first
