"""The Today summary: what is planned today, what is still open from the last days, what is next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from planner.domain import milestones
from planner.domain.categories import Category
from planner.domain.occurrences import Occurrence, Status, as_instant

if TYPE_CHECKING:
    from planner.clock import Clock
    from planner.domain.milestones import CriterionProgress, StepProgress
    from planner.domain.plans import Plan
    from planner.domain.programs import Criterion
    from planner.services.calendar import CalendarService
    from planner.services.progress import ProgressService

#: How far back an occurrence left unmarked is still offered for marking. Older ones are let go
#: quietly: a long list of "missed" things is exactly what the app must not show.
EARLIER_DAYS = 3
#: How far ahead "next" looks.
NEXT_DAYS = 60


@dataclass(frozen=True, slots=True)
class TodaySummary:
    """Everything the Today panel shows, computed in one call.

    `earlier` holds occurrences of the last few days that ended without a mark, newest first;
    `next_up` is the first planned occurrence that has not started yet.
    """

    day: date
    today: tuple[Occurrence, ...]
    earlier: tuple[Occurrence, ...]
    next_up: Occurrence | None
    step: StepProgress | None
    next_criterion: CriterionProgress | None


class TodayService:
    """Reads the day as the person lives it, in the plan's time zone."""

    def __init__(
        self, *, clock: Clock, calendar: CalendarService, progress: ProgressService
    ) -> None:
        self._clock = clock
        self._calendar = calendar
        self._progress = progress

    def summary(self, plan: Plan, steps: list[StepProgress] | None = None) -> TodaySummary:
        """The day at a glance; `steps` may pass step progress the caller already has."""
        now = self._clock.now()
        today = self._clock.today(plan.tz)
        window = self._calendar.occurrences(plan, today - timedelta(days=EARLIER_DAYS), today)
        todays = tuple(o for o in window if o.first_day(plan.tz) <= today <= o.last_day(plan.tz))
        earlier = tuple(
            sorted(
                (
                    o
                    for o in window
                    if o.last_day(plan.tz) < today
                    and o.status is Status.PLANNED
                    and _ends(o, plan) <= now
                    # A space period kept is counted by its days: not a to-do left open,
                    # whose Skip took them back (a re-trial's three weeks, after the fact).
                    and o.activity.category is not Category.SPACE
                ),
                key=lambda o: _starts(o, plan),
                reverse=True,
            )
        )
        progress = steps if steps is not None else self._progress.steps(plan)
        step = milestones.step_you_are_on(progress, plan.current_step)
        criterion = None
        if step is not None:
            # While contact is set aside, a contact milestone is not held up as "next".
            set_aside = plan.contact_set_aside
            criterion = next(
                (
                    c for c in step.criteria
                    if not c.met and not (set_aside and _about_contact(c.criterion))
                ),
                None,
            )  # fmt: skip
        return TodaySummary(
            day=today,
            today=todays,
            earlier=earlier,
            next_up=self._next_up(plan, today, now),
            step=step,
            next_criterion=criterion,
        )

    def _next_up(self, plan: Plan, today: date, now: datetime) -> Occurrence | None:
        """The first planned occurrence still to start, up to NEXT_DAYS ahead: looked for in
        today and tomorrow first, where it nearly always is (reading all 60 days after each
        change took a large plan 96 ms, two days 24 ms)."""
        near = today + timedelta(days=1)
        for first, last in (
            (today, near),
            (near + timedelta(days=1), today + timedelta(NEXT_DAYS)),
        ):
            for occurrence in self._calendar.starting_in(plan, first, last):
                if occurrence.status is Status.PLANNED and _starts(occurrence, plan) > now:
                    return occurrence
        return None


def _starts(occurrence: Occurrence, plan: Plan) -> datetime:
    return as_instant(occurrence.start, plan.tz)


def _ends(occurrence: Occurrence, plan: Plan) -> datetime:
    return as_instant(occurrence.end, plan.tz)


def _about_contact(criterion: Criterion) -> bool:
    return criterion.category is not None and criterion.category.involves_contact
