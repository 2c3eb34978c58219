"""Marking occurrences done or skipped, reflections, and step milestones."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.milestones import StepRecord
from planner.domain.occurrences import Occurrence, Status
from planner.domain.plans import Plan, PlanDraft
from planner.errors import InvalidInputError, NotFoundError
from planner.services.changes import ChangeKind
from planner.services.context import Services

from tests.space_step import space_step
from tests.zones import BERLIN

START = date(2026, 11, 2)


@pytest.fixture
def plan(services: Services) -> Plan:
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), START, "Europe/Berlin"))
    return plan


def _journaling(
    services: Services, plan: Plan, *, rrule: str | None = "FREQ=DAILY;COUNT=5"
) -> Activity:
    begin = datetime(2026, 11, 2, 20, 0, tzinfo=BERLIN)
    draft = ActivityDraft(
        title="Journaling", category=Category.REFLECTION, step=StepNumber(1), start=begin,
        end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin", rrule=rrule,
    )  # fmt: skip
    activity, _ = services.activities.create(plan, draft)
    return activity


def _occurrences(services: Services, plan: Plan) -> list[Occurrence]:
    return services.calendar.occurrences(plan, START, START + timedelta(days=6))


def test_marking_one_occurrence_of_a_series_leaves_the_others_planned(
    services: Services, plan: Plan
) -> None:
    _journaling(services, plan)
    second = _occurrences(services, plan)[1]
    changes = services.progress.mark(plan, second, Status.DONE)
    assert changes.kinds & ChangeKind.ACTIVITIES
    assert [o.status for o in _occurrences(services, plan)] == [
        Status.PLANNED, Status.DONE, Status.PLANNED, Status.PLANNED, Status.PLANNED,
    ]  # fmt: skip


def test_back_to_planned_removes_the_mark(services: Services, plan: Plan) -> None:
    _journaling(services, plan)
    first = _occurrences(services, plan)[0]
    services.progress.mark(plan, first, Status.SKIPPED)
    services.progress.mark(plan, _occurrences(services, plan)[0], Status.PLANNED)
    assert _occurrences(services, plan)[0].status is Status.PLANNED
    assert services.progress.counts(plan) == {Status.DONE: 0, Status.SKIPPED: 0}


def test_a_reflection_is_kept_with_the_occurrence_and_lessons_come_newest_first(
    services: Services, plan: Plan
) -> None:
    _journaling(services, plan)
    found = _occurrences(services, plan)
    services.progress.mark(plan, found[0], Status.DONE, Reflection("Calmer", 4, "Write first"))
    services.progress.mark(plan, found[2], Status.DONE, Reflection(learned="Breathe, then talk"))
    marked = _occurrences(services, plan)[0]
    assert marked.reflection == Reflection("Calmer", 4, "Write first")
    assert [(lesson.day, lesson.text) for lesson in services.progress.lessons(plan)] == [
        (date(2026, 11, 4), "Breathe, then talk"),
        (date(2026, 11, 2), "Write first"),
    ]


@pytest.mark.parametrize("mood", [0, 6])
def test_a_mood_outside_one_to_five_is_refused(services: Services, plan: Plan, mood: int) -> None:
    _journaling(services, plan)
    with pytest.raises(InvalidInputError, match="1 to 5"):
        services.progress.mark(
            plan, _occurrences(services, plan)[0], Status.DONE, Reflection(mood=mood)
        )
    assert _occurrences(services, plan)[0].status is Status.PLANNED


def test_reaching_a_steps_criteria_records_the_day_once(services: Services, plan: Plan) -> None:
    _journaling(services, plan)
    step_one = services.progress.steps(plan)[0]
    assert not step_one.complete and step_one.fraction == 0.0
    target = step_one.criteria[0].target
    for index in range(target):
        changes = services.progress.mark(plan, _occurrences(services, plan)[index], Status.DONE)
    assert changes.kinds & ChangeKind.PLAN  # the milestone moment
    step_one = services.progress.steps(plan)[0]
    assert step_one.complete and step_one.completed_on == date(2026, 11, 23)
    assert not step_one.completed_by_hand


def test_back_to_planned_right_after_a_slip_takes_back_todays_milestone(
    services: Services, plan: Plan
) -> None:
    _journaling(services, plan)
    target = services.progress.steps(plan)[0].criteria[0].target
    for index in range(target):
        services.progress.mark(plan, _occurrences(services, plan)[index], Status.DONE)
    assert services.progress.steps(plan)[0].complete  # reached today (23 November)

    changes, undo = services.progress.mark_undoable(
        plan, _occurrences(services, plan)[0], Status.PLANNED
    )
    assert changes.kinds & ChangeKind.PLAN
    assert not services.progress.steps(plan)[0].complete  # it said "reached" at 1 of 2
    assert services.progress.step_you_are_on(plan) == 1

    services.progress.undo_mark(plan, undo)
    assert services.progress.steps(plan)[0].completed_on == date(2026, 11, 23)


def test_a_milestone_reached_on_an_earlier_day_stays_when_a_mark_is_taken_back(
    services: Services, plan: Plan
) -> None:
    _journaling(services, plan)
    for occurrence in _occurrences(services, plan)[:2]:
        services.progress.mark(plan, occurrence, Status.DONE)
    services.progress.restore_step_record(
        plan, StepNumber(1), StepRecord(StepNumber(1), date(2026, 11, 10), by_hand=False)
    )  # reached two weeks ago: lived history
    services.progress.mark(plan, _occurrences(services, plan)[0], Status.PLANNED)
    assert services.progress.steps(plan)[0].completed_on == date(2026, 11, 10)


def test_a_step_can_be_completed_and_reopened_by_hand(services: Services, plan: Plan) -> None:
    services.progress.complete_step(plan, StepNumber(2))
    assert services.progress.steps(plan)[1].completed_by_hand
    services.progress.reopen_step(plan, StepNumber(2))
    assert not services.progress.steps(plan)[1].complete
    with pytest.raises(InvalidInputError):
        services.progress.complete_step(plan, StepNumber(12))


def test_space_days_count_lived_quiet_days_only(services: Services, plan: Plan) -> None:
    space = ActivityDraft(
        title="Space", category=Category.SPACE, step=StepNumber(3), start=date(2026, 11, 10),
        end=date(2026, 12, 10), all_day=True, zone="Europe/Berlin",
    )  # fmt: skip
    services.activities.create(plan, space)
    call = datetime(2026, 11, 15, 19, 0, tzinfo=BERLIN)
    services.activities.create(
        plan,
        ActivityDraft(
            title="Call",
            category=Category.MESSAGE,
            step=StepNumber(5),
            start=call,
            end=call + timedelta(minutes=15),
            all_day=False,
            zone="Europe/Berlin",
        ),
    )
    step_three = services.progress.steps(plan)[2]
    (space_days,) = [c for c in step_three.criteria if c.criterion.kind == "space_days"]
    # 16 Nov .. 23 Nov (today) is the longest quiet run: the call broke the first one.
    assert space_days.current == 8


def _room_plan(services: Services, *, message: bool) -> Plan:
    """A five-step plan on step 2 (give room): a space period lived since 26 October, the
    two self-care walks the step asks for done, and maybe a message on 10 November."""
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("five-steps"), date(2026, 10, 19), "Europe/Berlin")
    )
    room = StepNumber(2)
    space = ActivityDraft(
        title="Space", category=Category.SPACE, step=room, start=date(2026, 10, 26),
        end=date(2026, 11, 30), all_day=True, zone="Europe/Berlin",
    )  # fmt: skip
    services.activities.create(plan, space)
    for day in (3, 4):
        begin = datetime(2026, 11, day, 18, 0, tzinfo=BERLIN)
        care = ActivityDraft(
            title="Walk", category=Category.SELF_CARE, step=room, start=begin,
            end=begin + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
        )  # fmt: skip
        services.activities.create(plan, care)
    if message:
        call = datetime(2026, 11, 10, 19, 0, tzinfo=BERLIN)
        draft = ActivityDraft(
            title="Message", category=Category.MESSAGE, step=room, start=call,
            end=call + timedelta(minutes=15), all_day=False, zone="Europe/Berlin",
        )  # fmt: skip
        services.activities.create(plan, draft)
    return plan


def _room_week(services: Services, plan: Plan) -> list[Occurrence]:
    return services.calendar.occurrences(plan, date(2026, 11, 2), date(2026, 11, 15))


def test_skipping_the_contact_that_broke_a_space_period_completes_the_step(
    services: Services,
) -> None:
    plan = _room_plan(services, message=True)
    week = _room_week(services, plan)
    for walk in [o for o in week if o.activity.category is Category.SELF_CARE]:
        services.progress.mark(plan, walk, Status.DONE)
    assert not services.progress.steps(plan)[1].complete  # the message broke the quiet run
    (sent,) = [o for o in week if o.activity.category is Category.MESSAGE]
    changes = services.progress.mark(plan, sent, Status.SKIPPED)
    assert changes.kinds & ChangeKind.PLAN
    step_two = services.progress.steps(plan)[1]
    assert step_two.complete and step_two.completed_on == date(2026, 11, 23)


def test_a_space_period_marked_kept_again_completes_the_step(services: Services) -> None:
    plan = _room_plan(services, message=False)
    (space,) = [o for o in _room_week(services, plan) if o.activity.category is Category.SPACE]
    services.progress.mark(plan, space, Status.SKIPPED)  # a skipped period keeps no quiet days
    for walk in [
        o for o in _room_week(services, plan) if o.activity.category is Category.SELF_CARE
    ]:
        services.progress.mark(plan, walk, Status.DONE)
    assert not services.progress.steps(plan)[1].complete
    changes = services.progress.mark(plan, space, Status.PLANNED)
    assert changes.kinds & ChangeKind.PLAN
    assert services.progress.steps(plan)[1].completed_on == date(2026, 11, 23)


def test_find_names_an_occurrence_by_its_start_as_list_prints_it(
    services: Services, plan: Plan
) -> None:
    activity = _journaling(services, plan)
    found = services.progress.find(plan, activity.uid, datetime(2026, 11, 4, 19, 0, tzinfo=UTC))
    assert found.first_day(BERLIN) == date(2026, 11, 4)
    with pytest.raises(NotFoundError, match="no occurrence"):
        services.progress.find(plan, activity.uid, datetime(2026, 11, 4, 21, 0, tzinfo=BERLIN))


def test_a_mark_on_a_day_its_series_no_longer_has_reaches_no_milestone(
    services: Services, plan: Plan
) -> None:
    """A window shown before another program shortened the series still offers that day;
    marked, it counts for nothing, as the calendar no longer shows it (a review: worked out
    from the marks read before it, it had counted)."""
    journaling = _journaling(services, plan)
    target = services.progress.steps(plan)[0].criteria[0].target
    shown = _occurrences(services, plan)
    for occurrence in shown[: target - 1]:
        services.progress.mark(plan, occurrence, Status.DONE)
    shorter = replace(journaling.draft(), rrule=f"FREQ=DAILY;COUNT={target - 1}")
    services.activities.update(plan, journaling.uid, shorter)
    changes, _undo = services.progress.mark_undoable(plan, shown[target - 1], Status.DONE)
    assert not changes.kinds & ChangeKind.PLAN  # no step reached by it
    assert not services.progress.steps(plan)[0].complete


def test_a_step_the_days_lived_complete_is_recorded_on_the_day_it_was_met(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    """A trial: the walks were marked before the thirty days ran out, and nothing marked
    after them reached step 3, so "you are here" stayed on it behind the steps after it."""
    space_step(services, plan)
    assert services.progress.record_days_lived(plan) == frozenset()  # 23 of 30 days so far
    clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))  # the window opened weeks later
    plan = services.plans.require()
    assert services.progress.record_days_lived(plan) == {StepNumber(3)}
    record = services.progress.step_record(plan, StepNumber(3))
    assert record == StepRecord(StepNumber(3), date(2026, 11, 30), by_hand=False)  # 30th day
    plan = services.plans.require()
    assert plan.steps_checked_on == date(2026, 12, 7)
    assert services.progress.record_days_lived(plan) == frozenset()  # once


def test_a_step_reopened_by_hand_after_its_days_stays_open(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    space_step(services, plan)
    clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    services.progress.record_days_lived(services.plans.require())
    services.progress.reopen_step(plan, StepNumber(3))
    clock.set(datetime(2026, 12, 8, 9, 0, tzinfo=UTC))
    assert services.progress.record_days_lived(services.plans.require()) == frozenset()
    assert not services.progress.steps(plan)[2].complete
