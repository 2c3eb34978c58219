"""The one read path for views, the command line and export: occurrences in a window of days."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from planner.domain import recurrence
from planner.domain.occurrences import Occurrence
from planner.domain.plans import Plan
from planner.storage.repositories import ActivityRepository, CompletionRepository


class CalendarService:
    """Expands stored activities into occurrences for a window, in the plan's zone."""

    def __init__(
        self, *, activities: ActivityRepository, completions: CompletionRepository
    ) -> None:
        self._activities = activities
        self._completions = completions

    def occurrences(self, plan: Plan, first_day: date, last_day: date) -> list[Occurrence]:
        """Occurrences overlapping the local days `first_day..last_day` (inclusive), sorted."""
        zone = plan.tz
        end_day = last_day + timedelta(days=1)
        low = datetime.combine(first_day, time(0), tzinfo=zone)
        high = datetime.combine(end_day, time(0), tzinfo=zone)
        touching = self._activities.touching(plan.id, low, high)
        marks = {(c.uid, c.recurrence_id): c for c in self._completions.for_activities(touching)}
        found: list[Occurrence] = []
        for activity in touching:
            if activity.cancelled:
                continue  # kept for the person, hidden from every view (no contact, as asked)
            for occurrence in recurrence.expand(activity, first_day, end_day, zone):
                mark = marks.get((activity.uid, occurrence.key))
                if mark is not None:
                    occurrence = replace(occurrence, status=mark.status, reflection=mark.reflection)
                found.append(occurrence)
        found.sort(key=lambda occurrence: occurrence.sort_key(zone))
        return found

    def starting_in(self, plan: Plan, first_day: date, last_day: date) -> list[Occurrence]:
        """Occurrences whose start falls on `first_day..last_day` (inclusive), local days."""
        zone = plan.tz
        return [
            occurrence
            for occurrence in self.occurrences(plan, first_day, last_day)
            if first_day <= occurrence.first_day(zone) <= last_day
        ]
