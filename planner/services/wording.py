"""How the services write days and times into what they say: English and 24-hour by default
(the command line), in the computer's own order and clock once a window sets its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from planner.domain import recurrence

if TYPE_CHECKING:
    from collections.abc import Callable
    from zoneinfo import ZoneInfo


def _clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


@dataclass(frozen=True, slots=True)
class Wording:
    """`day` writes a day ("Wednesday 30 December 2026"), `clock` a time of day ("19:30")."""

    day: Callable[[date], str] = recurrence.long_day
    clock: Callable[[datetime], str] = _clock

    def when(self, start: datetime | date, zone: ZoneInfo) -> str:
        """ "Wednesday 30 December 2026 at 19:30" (a day alone when all-day)."""
        if isinstance(start, datetime):
            local = start.astimezone(zone)
            return f"{self.day(local.date())} at {self.clock(local)}"
        return self.day(start)
