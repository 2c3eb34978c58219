"""The one read path for views, the command line and export: occurrences in a window of days."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from planner.domain import recurrence
from planner.domain.activities import Activity
from planner.domain.categories import Category
from planner.domain.occurrences import Occurrence
from planner.domain.plans import Plan
from planner.storage.repositories import ActivityRepository, CompletionRepository


@dataclass(frozen=True, slots=True)
class CalendarWindow:
    """The occurrences in a window of days, and the series that had more than could be shown.

    Expansion is bounded: one activity gives at most `limit` occurrences per window. Each
    activity in `truncated` had more, and only its first `limit` are in `occurrences`; a
    shorter window shows them all. Views can say so gently instead of showing a silent gap.
    """

    occurrences: tuple[Occurrence, ...]
    truncated: tuple[Activity, ...] = ()
    limit: int = recurrence.MAX_INSTANCES_PER_WINDOW

    @property
    def complete(self) -> bool:
        """Whether every occurrence in the window is here."""
        return not self.truncated


class CalendarService:
    """Expands stored activities into occurrences for a window, in the plan's zone."""

    def __init__(
        self, *, activities: ActivityRepository, completions: CompletionRepository
    ) -> None:
        self._activities = activities
        self._completions = completions

    def window(
        self,
        plan: Plan,
        first_day: date,
        last_day: date,
        *,
        starting_only: bool = False,
        category: Category | None = None,
    ) -> CalendarWindow:
        """Occurrences overlapping the local days `first_day..last_day` (inclusive), sorted,
        with the series the per-window bound cut short. `starting_only` keeps only those
        that start on one of the days; `category` only those of one kind (read as such)."""
        zone = plan.tz
        end_day = last_day + timedelta(days=1)
        low = datetime.combine(first_day, time(0), tzinfo=zone)
        high = datetime.combine(end_day, time(0), tzinfo=zone)
        touching = self._activities.touching(plan.id, low, high, category=category)
        marks = {(c.uid, c.recurrence_id): c for c in self._completions.for_activities(touching)}
        found: list[Occurrence] = []
        truncated: list[Activity] = []
        for activity in touching:
            if activity.cancelled:
                continue  # kept for the person, hidden from every view (no contact, as asked)
            expansion = recurrence.expansion(activity, first_day, end_day, zone)
            if expansion.truncated:
                truncated.append(activity)
            for occurrence in expansion.occurrences:
                if starting_only and not first_day <= occurrence.first_day(zone) <= last_day:
                    continue
                mark = marks.get((activity.uid, occurrence.key))
                if mark is not None:
                    occurrence = replace(occurrence, status=mark.status, reflection=mark.reflection)
                found.append(occurrence)
        found.sort(key=lambda occurrence: occurrence.sort_key(zone))
        return CalendarWindow(tuple(found), tuple(truncated))

    def occurrences(
        self, plan: Plan, first_day: date, last_day: date, *, category: Category | None = None
    ) -> list[Occurrence]:
        """Occurrences overlapping the local days `first_day..last_day` (inclusive), sorted;
        only those of `category` when given."""
        return list(self.window(plan, first_day, last_day, category=category).occurrences)

    def starting_in(self, plan: Plan, first_day: date, last_day: date) -> list[Occurrence]:
        """Occurrences whose start falls on `first_day..last_day` (inclusive), local days."""
        return list(self.window(plan, first_day, last_day, starting_only=True).occurrences)
