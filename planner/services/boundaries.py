"""Respecting a boundary: "they asked for no contact", at once, and lifting it only on purpose."""

from __future__ import annotations

from dataclasses import dataclass, replace

import peewee

from planner.clock import Clock
from planner.domain.activities import Activity
from planner.domain.plans import Plan
from planner.services.changes import ChangeKind, Changes
from planner.storage import db as storage_db
from planner.storage.repositories import ActivityRepository, PlanRepository


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
    ) -> None:
        self._db = db
        self._clock = clock
        self._plans = plans
        self._activities = activities

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
            key=lambda activity: activity.title.casefold(),
        )

    def respect_no_contact(self, plan: Plan) -> BoundaryChange:
        """One action, one transaction: every contact activity still to come is cancelled
        (kept, hidden from views, exports and reminders) and the plan remembers since when."""
        with storage_db.transaction(self._db):
            hidden = self.upcoming_contact(plan)
            self._activities.set_cancelled([activity.uid for activity in hidden], True)
            self._plans.set_no_contact(plan.id, self._clock.now())
            updated = self._plans.get(plan.id)
        return BoundaryChange(
            updated,
            tuple(replace(activity, cancelled=True) for activity in hidden),
            Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES),
        )

    def cancelled(self, plan: Plan) -> list[Activity]:
        """What lifting the boundary would bring back (named in the confirmation)."""
        return sorted(self._activities.cancelled_for(plan.id), key=lambda a: a.title.casefold())

    def lift_no_contact(self, plan: Plan) -> BoundaryChange:
        """Show the cancelled contact activities again and stop respecting the request.

        Deliberate by design: the caller confirms first, naming what comes back.
        """
        with storage_db.transaction(self._db):
            restored = self.cancelled(plan)
            self._activities.set_cancelled([activity.uid for activity in restored], False)
            self._plans.set_no_contact(plan.id, None)
            updated = self._plans.get(plan.id)
        return BoundaryChange(
            updated,
            tuple(replace(activity, cancelled=False) for activity in restored),
            Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES),
        )
