"""Changed instances of a series are stored with it, and found by range queries where they moved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.plans import PlanDraft
from planner.services import context

from tests.zones import BERLIN


def test_overrides_survive_reopening_and_an_edit(db_path: Path, clock: FixedClock) -> None:
    services = context.open_services(db_path, clock)
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "Europe/Berlin")
    )
    start = datetime(2026, 11, 2, 20, 0, tzinfo=BERLIN)
    moved = OccurrenceOverride(
        recurrence_id=datetime(2026, 11, 9, 20, 0),
        start=datetime(2027, 1, 20, 19, 0, tzinfo=BERLIN),  # far outside the series' own range
        end=datetime(2027, 1, 20, 19, 45, tzinfo=BERLIN),
        title="Journaling, moved to January",
        location="Library",
        notes="private",
    )
    draft = ActivityDraft(
        title="Journaling", category=Category.REFLECTION, step=StepNumber(1), start=start,
        end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        rrule="FREQ=WEEKLY;COUNT=3", overrides=(moved,),
    )  # fmt: skip
    activity, _ = services.activities.create(plan, draft)
    services.close()

    services = context.open_services(db_path, clock)
    try:
        stored = services.activities.get(activity.uid)
        assert stored.overrides == (moved,)
        january = services.calendar.occurrences(plan, date(2027, 1, 1), date(2027, 1, 31))
        assert [(o.title, o.location) for o in january] == [
            ("Journaling, moved to January", "Library")
        ]
        edited, _ = services.activities.update(
            plan, activity.uid, replace(stored.draft(), overrides=())
        )
        assert services.activities.get(activity.uid).overrides == ()
        assert services.calendar.occurrences(plan, date(2027, 1, 1), date(2027, 1, 31)) == []
        assert edited.revision == 1
    finally:
        services.close()
