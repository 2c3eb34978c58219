"""Named zones and instants that tests share."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

#: "Now" for every test: Monday 23 November 2026, 10:00 in Berlin.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
