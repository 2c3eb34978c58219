"""The Today summary: today's items, what the last few days left open, what comes next."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import Plan, PlanDraft
from planner.services.context import Services

from tests.zones import BERLIN

TODAY = date(2026, 11, 23)  # the fixed clock's Monday (09:00 UTC, 10:00 in Berlin)


@pytest.fixture
def plan(services: Services) -> Plan:
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2),
                                              "Europe/Berlin"))  # fmt: skip
    return plan


def _daily(services: Services, plan: Plan, title: str, hour: int, count: int = 14) -> None:
    begin = datetime(2026, 11, 16, hour, 0, tzinfo=BERLIN)
    draft = ActivityDraft(
        title=title, category=Category.SELF_CARE, step=StepNumber(1), start=begin,
        end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        rrule=f"FREQ=DAILY;COUNT={count}",
    )  # fmt: skip
    services.activities.create(plan, draft)


def test_today_lists_todays_occurrences_in_order(services: Services, plan: Plan) -> None:
    _daily(services, plan, "Evening journaling", 20)
    _daily(services, plan, "Morning walk", 7)

    summary = services.today.summary(plan)

    assert summary.day == TODAY
    assert [(o.title, o.first_day(BERLIN)) for o in summary.today] == [
        ("Morning walk", TODAY),
        ("Evening journaling", TODAY),
    ]


def test_only_the_last_three_days_unmarked_are_offered_newest_first(
    services: Services, plan: Plan
) -> None:
    _daily(services, plan, "Morning walk", 7)
    plan_now = services.plans.require()
    (saturday,) = services.calendar.occurrences(plan_now, TODAY - timedelta(days=2),
                                                TODAY - timedelta(days=2))  # fmt: skip
    services.progress.mark(plan_now, saturday, Status.SKIPPED)

    earlier = services.today.summary(plan_now).earlier

    # Sunday and Friday are still open; Saturday was marked; Thursday and older are let go.
    assert [o.first_day(BERLIN) for o in earlier] == [TODAY - timedelta(days=1),
                                                       TODAY - timedelta(days=3)]  # fmt: skip


def test_next_up_is_the_first_planned_occurrence_that_has_not_started(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    _daily(services, plan, "Morning walk", 7)
    _daily(services, plan, "Evening journaling", 20)

    first = services.today.summary(plan).next_up
    assert first is not None and first.title == "Evening journaling"
    clock.set(datetime(2026, 11, 23, 21, 0, tzinfo=BERLIN))
    upcoming = services.today.summary(plan).next_up
    assert upcoming is not None
    assert (upcoming.title, upcoming.first_day(BERLIN)) == ("Morning walk", TODAY + timedelta(1))


@pytest.mark.parametrize(("days", "found"), [(1, True), (2, True), (59, True), (61, False)])
def test_next_up_may_be_days_or_weeks_away(
    services: Services, plan: Plan, days: int, found: bool
) -> None:
    """Looked for in today and tomorrow first, then on to two months ahead, and no further."""
    start = datetime.combine(TODAY + timedelta(days=days), datetime.min.time(), BERLIN)
    draft = ActivityDraft(
        title="Pottery", category=Category.SELF_CARE, step=StepNumber(1),
        start=start + timedelta(hours=9), end=start + timedelta(hours=10), all_day=False,
        zone="Europe/Berlin",
    )  # fmt: skip
    services.activities.create(plan, draft)
    upcoming = services.today.summary(plan).next_up
    assert (upcoming is not None) is found
    if upcoming is not None:
        assert upcoming.first_day(BERLIN) == TODAY + timedelta(days=days)


def test_the_current_step_and_its_next_unmet_milestone(services: Services, plan: Plan) -> None:
    summary = services.today.summary(plan)

    assert summary.step is not None and summary.step.number == plan.current_step
    assert summary.next_criterion is not None
    assert summary.next_criterion.current == 0 and not summary.next_criterion.met


def test_while_contact_is_set_aside_a_contact_milestone_is_not_next(
    services: Services, plan: Plan
) -> None:
    for step in range(1, 5):
        services.progress.complete_step(plan, StepNumber(step))  # on step 5: a message, a meetup
    assert services.today.summary(plan).next_criterion.criterion.category is Category.MESSAGE  # type: ignore[union-attr]

    services.boundaries.respect_no_contact(plan)  # your partner asked for none
    plan = services.plans.require()
    summary = services.today.summary(plan)
    assert summary.step is not None and summary.step.number == 5
    assert summary.next_criterion is None  # not "One caring message sent" under the request
