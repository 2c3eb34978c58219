"""An activity moved to another time zone at the same clock times: a plan's zone set right.

A plan begun in the wrong zone (the computer's, UTC, accepted on the first run) has its
activities in that zone too: a walk at 9:00 there. Set right, the person still means 9:00,
where they are; the moment it happens moves. Activities in a zone of their own (an import
from a calendar kept in New York) stay as they are.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from planner.domain import recurrence
from planner.domain.timezones import zone_info

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from planner.domain.activities import Activity, ActivityDraft


def on_the_same_clock(activity: Activity, zone: str) -> ActivityDraft:
    """`activity`'s fields in `zone`, each start, end and changed day at the wall-clock time
    it had in its own zone, and a series' last day the same (validate the draft after: a
    time the clocks skip in `zone` moves as an edit would move it)."""
    draft = activity.draft()
    if activity.all_day:
        return replace(draft, zone=zone)
    old, new = zone_info(activity.zone), zone_info(zone)
    overrides = tuple(
        replace(o, start=_moved(o.start, old, new), end=_moved(o.end, old, new))
        for o in draft.overrides
    )
    rrule = recurrence.until_on_the_clock(draft.rrule, old) if draft.rrule else None
    return replace(
        draft,
        start=_moved(draft.start, old, new),
        end=_moved(draft.end, old, new),
        zone=zone,
        overrides=overrides,
        rrule=rrule,
    )


def _moved(value: datetime | date, old: ZoneInfo, new: ZoneInfo) -> datetime | date:
    if isinstance(value, datetime):
        return value.astimezone(old).replace(tzinfo=new)
    return value
