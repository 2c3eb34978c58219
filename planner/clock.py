"""Where "now" comes from: injected everywhere time matters, so tests never read the wall clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Tells the current instant; `today` is asked in a given zone because a day is local."""

    def now(self) -> datetime:
        """The current instant, timezone-aware (UTC)."""
        ...

    def today(self, zone: ZoneInfo) -> date:
        """Today's date in `zone`."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self, zone: ZoneInfo) -> date:
        return datetime.now(zone).date()


class FixedClock:
    """A clock that stands still until told to move (tests, demos, benchmarks)."""

    def __init__(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware instant")
        self._instant = instant.astimezone(UTC)

    def now(self) -> datetime:
        return self._instant

    def today(self, zone: ZoneInfo) -> date:
        return self._instant.astimezone(zone).date()

    def set(self, instant: datetime) -> None:
        """Move the clock to `instant`."""
        self._instant = instant.astimezone(UTC)
