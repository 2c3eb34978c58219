"""Respecting a boundary: "they asked for no contact", at once, and lifting it only on purpose."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from planner.domain import set_aside
from planner.domain.occurrences import Status, as_instant
from planner.domain.plans import Plan, SetAside
from planner.errors import InvalidInputError
from planner.services.changes import ChangeKind, Changes
from planner.storage import db as storage_db

if TYPE_CHECKING:
    from datetime import date, datetime

    import peewee

    from planner.clock import Clock
    from planner.domain.activities import Activity
    from planner.storage.repositories import (
        ActivityRepository,
        CompletionRepository,
        PlanRepository,
    )

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
        completions: CompletionRepository,
    ) -> None:
        self._db = db
        self._clock = clock
        self._plans = plans
        self._activities = activities
        self._completions = completions

    def upcoming_contact(self, plan: Plan) -> list[Activity]:
        """Contact activities that still have a time to come (what respecting would hide):
        not one whose only time left is marked done already (a card sent this morning),
        which would stay in sight and be named as set aside all the same."""
        now = self._clock.now()
        far = now.replace(year=min(now.year + 200, 9998))
        touching = [
            activity
            for activity in self._activities.touching(plan.id, now, far)
            if activity.category.involves_contact and not activity.set_aside
        ]
        done = self._done(touching)
        return sorted(
            (
                activity
                for activity in touching
                if set_aside.hidden_from(activity, now, plan.tz, done.get(activity.uid, set()))
                is not None
            ),
            key=lambda activity: _by_date(activity, plan),
        )

    def hidden_from(
        self, plan: Plan, activities: list[Activity], since: datetime
    ) -> dict[str, date | None]:
        """For each activity (by UID), the day from which it is (or would be) hidden, its
        marks read: what the questions name ("repeating from Mon 30 Nov", not today's call
        already marked done, which stays in sight)."""
        done = self._done(activities)
        return {
            a.uid: set_aside.hidden_from(a, since, plan.tz, done.get(a.uid, set()))
            for a in activities
        }

    def _done(self, activities: list[Activity]) -> dict[str, set[datetime | date]]:
        """The instances of `activities` marked done, by UID (as marks store them)."""
        done: dict[str, set[datetime | date]] = {}
        for mark in self._completions.for_activities(activities) if activities else ():
            if mark.status is Status.DONE:
                done.setdefault(mark.uid, set()).add(mark.recurrence_id)
        return done

    def respect_no_contact(self, plan: Plan, reason: SetAside = SetAside.ASKED) -> BoundaryChange:
        """One action, one transaction: every contact activity still to come is cancelled
        (kept, hidden from views, exports and reminders) and the plan remembers since when, and
        why (their request, or the person's own choice to focus on their growth). Of a series
        begun before, what had ended by then still shows (see set_aside): a call made stays in
        the calendar with its mark, as Progress counts it."""
        with storage_db.transaction(self._db):
            hidden = self.upcoming_contact(plan)
            self._activities.set_cancelled([activity.uid for activity in hidden], True)
            # What shows of them is what had ended by this moment (set_aside): set aside
            # already, the first moment stands, so nothing hidden then shows again now.
            since = plan.no_contact_since or self._clock.now()
            self._plans.set_no_contact(plan.id, since, reason)
            updated = self._plans.get(plan.id)
        return BoundaryChange(
            updated,
            tuple(replace(activity, cancelled=True) for activity in hidden),
            Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES),
        )

    def cancelled(self, plan: Plan) -> list[Activity]:
        """What lifting the boundary would bring back (named in the confirmation): what is
        hidden, not what was marked and has since been made no contact (it shows already)."""
        return sorted(
            (
                activity
                for activity in self._activities.cancelled_for(plan.id)
                if activity.set_aside
            ),
            key=lambda activity: _by_date(activity, plan),
        )

    def lift_no_contact(self, plan: Plan) -> BoundaryChange:
        """Show the cancelled contact activities again and stop respecting the request.

        Deliberate by design: the caller confirms first, naming what comes back.
        """
        with storage_db.transaction(self._db):
            restored = self.cancelled(plan)
            marked = self._activities.cancelled_for(plan.id)  # those made no contact too
            self._activities.set_cancelled([activity.uid for activity in marked], False)
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


def _by_date(activity: Activity, plan: Plan) -> tuple[datetime, str]:
    """The order the person plans in: by start (a series by its first), then by title."""
    return as_instant(activity.start, plan.tz), activity.title.casefold()
