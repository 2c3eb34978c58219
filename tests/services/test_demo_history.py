"""The demo comes with a lived past, so the progress page agrees with "you are here"."""

from __future__ import annotations

from datetime import date

import pytest
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import PlanDraft
from planner.services.context import Services

TODAY = date(2026, 11, 23)


def test_a_demo_with_history_has_its_past_marked_and_earlier_steps_behind_it(
    services: Services,
) -> None:
    plan, _ = services.plans.seed_demo(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 10, 5), "Europe/Berlin")
    )
    services.progress.seed_demo_history(plan)

    past = services.calendar.occurrences(plan, plan.start, date(2026, 11, 22))
    future = services.calendar.occurrences(plan, TODAY, date(2026, 12, 31))
    statuses = [o.status for o in past if o.last_day(plan.tz) < TODAY]
    assert statuses.count(Status.DONE) > len(statuses) / 2
    assert Status.SKIPPED in statuses and Status.PLANNED in statuses  # some left open, kindly
    assert {o.status for o in future if o.first_day(plan.tz) >= TODAY} == {Status.PLANNED}
    steps = services.progress.steps(plan)
    here = services.progress.step_you_are_on(plan)
    assert here > 1 and plan.current_step == 1  # begun at step 1, like any plan
    assert all(step.complete for step in steps[: here - 1])
    assert not steps[here - 1].complete
    assert services.progress.lessons(plan)


@pytest.mark.parametrize("start", [date(2026, 10, 5), date(2026, 11, 3), date(2026, 11, 10)])
def test_a_demo_step_whose_milestones_its_past_meets_is_reached(
    services: Services, start: date
) -> None:
    plan, _ = services.plans.seed_demo(PlanDraft(ProgramId("eleven-steps"), start, "Europe/Berlin"))
    services.progress.seed_demo_history(plan)

    for step in services.progress.steps(plan):
        assert step.complete or not (step.criteria and step.all_met), step.number


@pytest.mark.parametrize(
    "start", [date(2026, 8, 1), date(2026, 10, 5), date(2026, 10, 26), date(2026, 11, 10)]
)
def test_the_demos_lessons_fit_what_was_done_and_do_not_repeat(
    services: Services, start: date
) -> None:
    plan, _ = services.plans.seed_demo(PlanDraft(ProgramId("eleven-steps"), start, "Europe/Berlin"))
    services.progress.seed_demo_history(plan)

    lessons = services.progress.lessons(plan)
    lines = [lesson.text for lesson in lessons]
    assert len(lines) >= 3
    assert len(set(lines)) == len(lines)
    categories = {o.activity.title: o.activity.category for o in services.calendar.occurrences(
        plan, plan.start, TODAY)}  # fmt: skip
    assert len({categories[lesson.title] for lesson in lessons}) >= 2
    # A line about writing is not filed under a walk, nor one about walking under pottery.
    for lesson in lessons:
        if "writing" in lesson.text.lower():
            assert categories[lesson.title] is Category.REFLECTION
        if "walk" in lesson.text.lower():
            assert categories[lesson.title] is Category.SELF_CARE


@pytest.mark.parametrize("program", ["five-steps", "eleven-steps"])
@pytest.mark.parametrize("start", [date(2026, 11, 9), date(2026, 11, 3)])
def test_the_steps_a_demo_has_behind_it_are_ones_its_past_meets(
    services: Services, program: str, start: date
) -> None:
    # A ticked step with "0 of 3" under it reads as a fault. Only a space period with days
    # still to run may stay short, and such a step says it was marked complete by hand.
    plan, _ = services.plans.seed_demo(PlanDraft(ProgramId(program), start, "Europe/Berlin"))
    services.progress.seed_demo_history(plan)

    behind = [step for step in services.progress.steps(plan) if step.complete]
    assert len(behind) >= 2
    for step in behind:
        short = [c.criterion.kind for c in step.criteria if not c.met]
        assert set(short) <= {"space_days"}, (step.number, short)
        assert step.completed_by_hand == bool(short), step.number
    assert any(not step.completed_by_hand for step in behind)


def test_reopening_a_step_the_demo_has_behind_it_brings_you_back_to_it(
    services: Services,
) -> None:
    plan, _ = services.plans.seed_demo(
        PlanDraft(ProgramId("five-steps"), date(2026, 11, 9), "Europe/Berlin")
    )
    services.progress.seed_demo_history(plan)
    assert services.progress.step_you_are_on(plan) == 4
    services.progress.reopen_step(plan, StepNumber(2))  # it stayed on step 4
    assert services.progress.step_you_are_on(plan) == 2
