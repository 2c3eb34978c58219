"""A step the days lived complete: its space period's quiet days run on after the rest of
its milestones were met (shared by the service and window tests)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status

from tests.zones import BERLIN

if TYPE_CHECKING:
    from planner.domain.plans import Plan
    from planner.services.context import Services


def space_step(services: Services, plan: Plan) -> None:
    """Step 3 of eleven: thirty quiet days from 1 November, and three self-care walks done
    by 10 November, long before the thirty days run out."""
    space = ActivityDraft(
        title="Space", category=Category.SPACE, step=StepNumber(3), start=date(2026, 11, 1),
        end=date(2026, 12, 1), all_day=True, zone="Europe/Berlin",
    )  # fmt: skip
    services.activities.create(plan, space)
    begin = datetime(2026, 11, 3, 8, 0, tzinfo=BERLIN)
    walks = ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(3), start=begin,
        end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        rrule="FREQ=DAILY;COUNT=3",
    )  # fmt: skip
    services.activities.create(plan, walks)
    for walk in services.calendar.occurrences(plan, date(2026, 11, 3), date(2026, 11, 5)):
        if walk.title == "Walk":
            services.progress.mark(plan, walk, Status.DONE)
