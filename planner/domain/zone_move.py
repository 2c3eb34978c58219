"""An activity moved to another time zone at the same clock times: a plan's zone set right.

A plan begun in the wrong zone (the computer's, UTC, accepted on the first run) has its
activities in that zone too: a walk at 9:00 there. Set right, the person still means 9:00,
where they are; the moment it happens moves. What is a moment rather than a plan (a note
kept in an urge moment, an event another calendar gave as an instant) is not moved: see
`keeps_its_moment`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from planner.domain import recurrence
from planner.domain.timezones import plus_elapsed, zone_info

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from planner.domain.activities import Activity, ActivityDraft


def keeps_its_moment(activity: Activity) -> bool:
    """Whether a change of the plan's zone leaves `activity` at its moment: words kept when
    they were written (a record of that moment), or what a file brought in (a review: a
    session Google gave at 15:00Z moved six hours, and its next import was refused as
    "changed here")."""
    return activity.kept_note or activity.imported_revision is not None


def on_the_same_clock(activity: Activity, zone: str) -> ActivityDraft:
    """`activity`'s fields in `zone`, each start and changed day at the wall-clock time it
    had in its own zone, each lasting as long as it did, and a series' last day the same.
    Validate the draft after: a one-off start the clocks skip in `zone` moves on, as an
    edit would move it (its marks are to follow, named by their start)."""
    draft = activity.draft()
    if activity.all_day:
        return replace(draft, zone=zone)
    old, new = zone_info(activity.zone), zone_info(zone)
    start, end = _moved(draft.start, draft.end, old, new)
    overrides = []
    for override in draft.overrides:
        moved_start, moved_end = _moved(override.start, override.end, old, new)
        overrides.append(replace(override, start=moved_start, end=moved_end))
    rrule = recurrence.until_on_the_clock(draft.rrule, old) if draft.rrule else None
    return replace(draft, start=start, end=end, zone=zone, overrides=tuple(overrides), rrule=rrule)


def _moved(
    start: datetime | date, end: datetime | date, old: ZoneInfo, new: ZoneInfo
) -> tuple[datetime | date, datetime | date]:
    """A span's start at its wall-clock time in `new`, its end as long after as before (a
    wall-clock end could land before a start the clocks skip, a review found)."""
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return start, end
    moved = start.astimezone(old).replace(tzinfo=new)
    # The length in real time (a wall-clock difference, as `end - start` is in one zone,
    # lost or gained the hour of a clock change, and refused a fall-back night's hour).
    return moved, plus_elapsed(moved, end.astimezone(UTC) - start.astimezone(UTC))
