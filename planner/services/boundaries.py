"""Respecting a boundary: "they asked for no contact", at once, and lifting it only on purpose."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from planner.domain import recurrence
from planner.domain.activities import LATEST_YEAR
from planner.domain.occurrences import Occurrence, as_instant
from planner.domain.plans import Plan, SetAside
from planner.domain.timezones import plus_elapsed
from planner.errors import InvalidInputError
from planner.services.changes import ChangeKind, Changes
from planner.storage import db as storage_db

if TYPE_CHECKING:
    import peewee

    from planner.clock import Clock
    from planner.domain.activities import Activity
    from planner.services.activities import ActivityService
    from planner.storage.repositories import ActivityRepository, PlanRepository

MAX_CHECKIN_WEEKS = 12


@dataclass(frozen=True, slots=True)
class BoundaryChange:
    """What respecting (or lifting) the boundary did: the plan as it is now, and the contact
    activities it hid (or showed again), so the person can be told exactly."""

    plan: Plan
    activities: tuple[Activity, ...]
    changes: Changes


class BoundaryService:
    """Cancels (keeps, hides) every contact activity still to come, and restores them."""

    def __init__(
        self,
        *,
        db: peewee.SqliteDatabase,
        clock: Clock,
        plans: PlanRepository,
        activities: ActivityRepository,
        series: ActivityService,
    ) -> None:
        self._db = db
        self._clock = clock
        self._plans = plans
        self._activities = activities
        self._series = series

    def upcoming_contact(self, plan: Plan) -> list[Activity]:
        """Contact activities that still have a time to come (what respecting would hide)."""
        now = self._clock.now()
        far = now.replace(year=min(now.year + 200, 9998))
        return sorted(
            (
                activity
                for activity in self._activities.touching(plan.id, now, far)
                if activity.category.involves_contact and not activity.cancelled
            ),
            key=lambda activity: _by_date(activity, plan),
        )

    def respect_no_contact(self, plan: Plan, reason: SetAside = SetAside.ASKED) -> BoundaryChange:
        """One action, one transaction: every contact activity still to come is cancelled
        (kept, hidden from views, exports and reminders) and the plan remembers since when, and
        why (their request, or the person's own choice to focus on their growth)."""
        with storage_db.transaction(self._db):
            hidden = [
                part
                for activity in self.upcoming_contact(plan)
                if (part := self._part_to_come(plan, activity)) is not None
            ]
            self._activities.set_cancelled([activity.uid for activity in hidden], True)
            self._plans.set_no_contact(plan.id, self._clock.now(), reason)
            updated = self._plans.get(plan.id)
        return BoundaryChange(
            updated,
            tuple(replace(activity, cancelled=True) for activity in hidden),
            Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES),
        )

    def _part_to_come(self, plan: Plan, activity: Activity) -> Activity | None:
        """What of `activity` is still to come: all of it, or none (begun already), or for a
        series begun before now the part from its next occurrence on, split off as "this and
        following" does. Hiding a whole series had hidden the calls already made, and their
        marks, from the calendar and its exports while Progress still counted them."""
        now = self._clock.now()
        first = _first_to_come(activity, plan, now)
        if first is None:
            return None
        if activity.rrule is None or recurrence.ending_before(activity, first.key) is None:
            return activity
        start = first.recurrence_id
        end = (
            plus_elapsed(start, activity.duration)
            if isinstance(start, datetime)
            else start + activity.duration
        )
        plain = replace(first, start=start, end=end, override=None)
        draft = recurrence.moved_series(activity, plain, start, end, following=True)
        tail, _changes = self._series.split_series(plan, activity.uid, first.key, draft)
        return tail

    def cancelled(self, plan: Plan) -> list[Activity]:
        """What lifting the boundary would bring back (named in the confirmation)."""
        return sorted(
            self._activities.cancelled_for(plan.id), key=lambda activity: _by_date(activity, plan)
        )

    def lift_no_contact(self, plan: Plan) -> BoundaryChange:
        """Show the cancelled contact activities again and stop respecting the request.

        Deliberate by design: the caller confirms first, naming what comes back.
        """
        with storage_db.transaction(self._db):
            restored = self.cancelled(plan)
            self._activities.set_cancelled([activity.uid for activity in restored], False)
            self._plans.set_no_contact(plan.id, None, None)
            updated = self._plans.get(plan.id)
        return BoundaryChange(
            updated,
            tuple(replace(activity, cancelled=False) for activity in restored),
            Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES),
        )

    def answer_checkin(self, plan: Plan, *, focus_on_growth: bool) -> BoundaryChange:
        """The person answered the check-in: keep going, or focus on their own growth alone."""
        today = self._clock.today(plan.tz)
        with storage_db.transaction(self._db):
            self._plans.set_checkin(plan.id, plan.checkin_weeks, today)
            if focus_on_growth and not plan.contact_set_aside:
                return self.respect_no_contact(self._plans.get(plan.id), SetAside.GROWTH)
            updated = self._plans.get(plan.id)
        return BoundaryChange(updated, (), Changes(ChangeKind.PLAN))

    def set_checkin_weeks(self, plan: Plan, weeks: int | None) -> Changes:
        """How often to ask (None: the default; 0: never)."""
        if weeks is not None and not 0 <= weeks <= MAX_CHECKIN_WEEKS:
            raise InvalidInputError(f"Check-ins can be every 1 to {MAX_CHECKIN_WEEKS} weeks.")
        with storage_db.transaction(self._db):
            self._plans.set_checkin(plan.id, weeks, plan.last_checkin)
        return Changes(ChangeKind.PLAN)


def _first_to_come(activity: Activity, plan: Plan, now: datetime) -> Occurrence | None:
    """The first occurrence of `activity` that has not begun at `now`, if any: looked for a
    week ahead, then in windows eight times longer, so an endless series costs little."""
    today = now.astimezone(plan.tz).date()
    days = 8
    while True:
        end = min(today + timedelta(days=days), date(LATEST_YEAR, 12, 31))
        for occurrence in recurrence.expand(activity, today, end, plan.tz):
            if as_instant(occurrence.start, plan.tz) >= now:
                return occurrence
        if end.year >= LATEST_YEAR:
            return None
        days *= 8


def _by_date(activity: Activity, plan: Plan) -> tuple[datetime, str]:
    """The order the person plans in: by start (a series by its first), then by title."""
    return as_instant(activity.start, plan.tz), activity.title.casefold()
