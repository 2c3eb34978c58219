"""An occurrence: one dated instance of an activity, as views, lists and exports see it."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from planner.domain.activities import Activity, OccurrenceOverride
    from planner.domain.completions import Reflection


class Status(enum.Enum):
    """Where an occurrence stands; the value is the id printed by the command line."""

    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A dated instance. Timed ones carry aware datetimes; all-day ones dates (end exclusive).

    `recurrence_id` is the start the series rule gave this instance, which identifies it even
    after it is moved (iCalendar's RECURRENCE-ID).
    """

    activity: Activity
    start: datetime | date
    end: datetime | date
    recurrence_id: datetime | date
    status: Status = Status.PLANNED
    override: OccurrenceOverride | None = None
    reflection: Reflection | None = None

    @property
    def all_day(self) -> bool:
        return self.activity.all_day

    @property
    def key(self) -> datetime | date:
        """The instance's name as stored with marks: the rule's wall-clock start or date."""
        return instance_key(self.recurrence_id)

    @property
    def title(self) -> str:
        """The instance's own title when it was changed alone, else the activity's."""
        return self.override.title if self.override else self.activity.title

    @property
    def location(self) -> str:
        return self.override.location if self.override else self.activity.location

    @property
    def notes(self) -> str:
        return self.override.notes if self.override else self.activity.notes

    def start_instant(self, zone: ZoneInfo) -> datetime:
        """An aware start usable for sorting; all-day occurrences start at local midnight."""
        return as_instant(self.start, zone)

    def end_instant(self, zone: ZoneInfo) -> datetime:
        """An aware end usable for overlap tests."""
        return as_instant(self.end, zone)

    def first_day(self, zone: ZoneInfo) -> date:
        """The local date the occurrence starts on, in `zone`."""
        if isinstance(self.start, datetime):
            return self.start.astimezone(zone).date()
        return self.start

    def last_day(self, zone: ZoneInfo) -> date:
        """The last local date the occurrence touches (inclusive), in `zone`."""
        if isinstance(self.end, datetime):
            start = self.start_instant(zone)
            end = self.end.astimezone(zone)
            # An activity ending exactly at midnight does not touch the next day.
            if end.time() == time(0) and end > start:
                return date.fromordinal(end.date().toordinal() - 1)
            return end.date()
        return date.fromordinal(self.end.toordinal() - 1)

    def touches(self, day: date, zone: ZoneInfo) -> bool:
        """Whether the occurrence shows on `day` (in `zone`): from its first day to its last."""
        return self.first_day(zone) <= day <= self.last_day(zone)

    def sort_key(self, zone: ZoneInfo) -> tuple[datetime, int, str, datetime, str]:
        """All-day first on a day, then by start, then title, then the one made first (a
        duplicate lands beside its original, not before it), and UID for a stable order."""
        return (
            self.start_instant(zone),
            0 if self.all_day else 1,
            self.title.casefold(),
            self.activity.created,
            self.activity.uid,
        )


def still_ahead(occurrence: Occurrence, today: date, zone: ZoneInfo) -> bool:
    """Whether the occurrence's day has not come yet: it can be planned or skipped, but
    marking it done would count something that has not happened (in the app, a slip)."""
    return occurrence.first_day(zone) > today


def instance_key(recurrence_id: datetime | date) -> datetime | date:
    """A recurrence id as marks and overrides store it (naive wall-clock time, or a date)."""
    if isinstance(recurrence_id, datetime):
        # Already in the activity's own zone; a key never carries the fold of a repeated hour.
        return recurrence_id.replace(tzinfo=None, fold=0)
    return recurrence_id


def as_instant(value: datetime | date, zone: ZoneInfo) -> datetime:
    """A datetime as is, or a date as local midnight in `zone`."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0), tzinfo=zone)
