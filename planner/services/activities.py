"""Activity use cases: create, edit and delete, each one transaction returning Changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import peewee

from planner.clock import Clock
from planner.domain import recurrence
from planner.domain.activities import (
    Activity,
    ActivityDraft,
    create_activity,
    key_mover,
    rekeyed,
    validate_draft,
)
from planner.domain.completions import Completion
from planner.domain.ids import ActivityUid, new_activity_uid
from planner.domain.plans import Plan
from planner.services import programs
from planner.services.changes import ChangeKind, Changes
from planner.services.plans import PlanService
from planner.storage import db as storage_db
from planner.storage.repositories import (
    ActivityRepository,
    CompletionRepository,
    PlanRepository,
)


@dataclass(frozen=True, slots=True)
class ActivitySnapshot:
    """An activity as stored, with its marks and reflections: what undo puts back exactly."""

    activity: Activity
    completions: tuple[Completion, ...]

    @property
    def reflections(self) -> int:
        """How many private reflections would go with the activity if it were deleted."""
        return sum(1 for completion in self.completions if completion.reflection is not None)


class ActivityService:
    """The one path by which activities change."""

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

    def get(self, uid: ActivityUid) -> Activity:
        return self._activities.get(uid)

    def create(self, plan: Plan, draft: ActivityDraft) -> tuple[Activity, Changes]:
        """Validate `draft` and store it as a new activity with a fresh UID."""
        clean = validate_draft(draft, step_count=self._step_count(plan))
        activity = create_activity(
            clean, uid=new_activity_uid(), plan_id=plan.id, at=self._clock.now()
        )
        with storage_db.transaction(self._db):
            self._activities.add(activity)
        return activity, _changed(plan, activity)

    def create_ensuring_plan(
        self, plans: PlanService, build: Callable[[Plan], ActivityDraft]
    ) -> tuple[Activity, Changes]:
        """Create an activity, first starting the default plan if the file has none.

        One transaction: if the draft turns out invalid, no plan is left behind either.
        """
        with storage_db.transaction(self._db):
            plan = plans.ensure()
            return self.create(plan, build(plan))

    def update(
        self, plan: Plan, uid: ActivityUid, draft: ActivityDraft
    ) -> tuple[Activity, Changes]:
        """Replace an activity's fields (the whole series, for a recurring one)."""
        clean = validate_draft(draft, step_count=self._step_count(plan))
        with storage_db.transaction(self._db):
            before = self._activities.get(uid)
            after = before.revised(clean, self._clock.now())
            move = key_mover(before, after)
            if clean.exdates == before.exdates and clean.overrides == before.overrides:
                # Named relative to the old start: they follow it, as marks do below.
                after = rekeyed(after, move)
            self._activities.update(after)
            self._completions.rekey(uid, move)
        return after, _changed(plan, before, after)

    def delete(self, plan: Plan, uid: ActivityUid) -> tuple[Activity, Changes]:
        """Delete an activity (all of a series); returns what was deleted, e.g. for undo."""
        with storage_db.transaction(self._db):
            before = self._activities.get(uid)
            self._activities.delete(uid)
        return before, _changed(plan, before)

    def snapshot(self, uid: ActivityUid) -> ActivitySnapshot:
        """The activity `uid` with its marks, as undo will need to restore it."""
        activity = self._activities.get(uid)
        return ActivitySnapshot(activity, tuple(self._completions.for_activities([activity])))

    def put_back(self, plan: Plan, snapshot: ActivitySnapshot) -> Changes:
        """Make the stored activity exactly `snapshot` again (UID, overrides, marks included),
        whether it was deleted or changed since."""
        uid = snapshot.activity.uid
        with storage_db.transaction(self._db):
            current = self._activities.get_many([uid]).get(uid)
            if current is not None:
                self._activities.delete(uid)
            self._activities.add(snapshot.activity)
            for completion in snapshot.completions:
                self._completions.set(completion)
        touched = (snapshot.activity,) if current is None else (current, snapshot.activity)
        return _changed(plan, *touched)

    def _step_count(self, plan: Plan) -> int:
        return len(programs.get_program(plan.program_id).steps)


def _changed(plan: Plan, *activities: Activity) -> Changes:
    """Changes naming the local days `activities` may cover (unbounded for an endless series)."""
    uids = frozenset(activity.uid for activity in activities)
    first: date | None = None
    last: date | None = None
    for activity in activities:
        final_start = recurrence.last_start(activity)
        if final_start is None:
            return Changes(ChangeKind.ACTIVITIES, uids)
        start_day = _local_day(activity.start, plan)
        # Generous by a day: an over-wide range only costs a repaint.
        end_day = _local_day(final_start, plan) + timedelta(days=activity.duration.days + 1)
        first = start_day if first is None else min(first, start_day)
        last = end_day if last is None else max(last, end_day)
    return Changes(ChangeKind.ACTIVITIES, uids, first_day=first, last_day=last)


def _local_day(value: datetime | date, plan: Plan) -> date:
    if isinstance(value, datetime):
        return value.astimezone(plan.tz).date()
    return value
