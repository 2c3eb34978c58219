"""Undoing a mark restores exactly what it replaced, milestones included."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from planner.domain.activities import ActivityDraft, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Occurrence, Status
from planner.domain.plans import Plan, PlanDraft
from planner.errors import NotFoundError, ReflectionWouldBeLostError
from planner.services.changes import ChangeKind
from planner.services.context import Services

from tests.zones import BERLIN

START = date(2026, 11, 2)


@pytest.fixture
def plan(services: Services) -> Plan:
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), START, "Europe/Berlin"))
    return plan


def _journaling(services: Services, plan: Plan) -> list[Occurrence]:
    begin = datetime(2026, 11, 2, 20, 0, tzinfo=BERLIN)
    draft = ActivityDraft(
        title="Journaling", category=Category.REFLECTION, step=StepNumber(1), start=begin,
        end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        rrule="FREQ=DAILY;COUNT=3",
    )  # fmt: skip
    services.activities.create(plan, draft)
    return services.calendar.occurrences(plan, START, START + timedelta(days=2))


def _status(services: Services, plan: Plan, day: date) -> tuple[Status, Reflection | None]:
    (found,) = services.calendar.occurrences(plan, day, day)
    return found.status, found.reflection


def test_undoing_a_reflection_brings_back_the_earlier_one_exactly(
    services: Services, plan: Plan
) -> None:
    first, *_ = _journaling(services, plan)
    earlier = Reflection("Hard to start", 2, "Start small")
    services.progress.mark(plan, first, Status.DONE, earlier)
    (marked,) = services.calendar.occurrences(plan, START, START)

    changes, undo = services.progress.mark_undoable(
        plan, marked, Status.DONE, Reflection("Easier today", 4, "Writing helps")
    )
    services.progress.undo_mark(plan, undo)

    assert _status(services, plan, START) == (Status.DONE, earlier)
    assert undo.previous is not None and undo.previous.reflection == earlier
    assert changes.first_day == changes.last_day == START


def test_undoing_a_first_mark_makes_the_occurrence_planned_again(
    services: Services, plan: Plan
) -> None:
    first, *_ = _journaling(services, plan)
    _changes, undo = services.progress.mark_undoable(plan, first, Status.SKIPPED)

    services.progress.undo_mark(plan, undo)

    assert _status(services, plan, START) == (Status.PLANNED, None)
    assert services.progress.counts(plan) == {Status.DONE: 0, Status.SKIPPED: 0}


def test_undoing_the_mark_that_reached_a_milestone_takes_the_milestone_back(
    services: Services, plan: Plan
) -> None:
    first, second, _third = _journaling(services, plan)
    services.progress.mark(plan, first, Status.DONE)
    _changes, undo = services.progress.mark_undoable(plan, second, Status.DONE)
    assert undo.reached == {StepNumber(1)}
    assert services.progress.steps(plan)[0].complete

    changes = services.progress.undo_mark(plan, undo)

    step = services.progress.steps(plan)[0]
    assert not step.complete and step.completed_on is None
    assert changes.kinds & ChangeKind.PLAN


def test_a_step_record_is_put_back_as_it_was(services: Services, plan: Plan) -> None:
    services.progress.complete_step(plan, StepNumber(3))
    record = services.progress.step_record(plan, StepNumber(3))
    services.progress.reopen_step(plan, StepNumber(3))

    services.progress.restore_step_record(plan, StepNumber(3), record)

    assert services.progress.step_record(plan, StepNumber(3)) == record
    assert record is not None and record.by_hand


def test_undo_after_the_activity_was_deleted_says_so_and_changes_nothing(
    services: Services, plan: Plan
) -> None:
    first, *_ = _journaling(services, plan)
    _changes, undo = services.progress.mark_undoable(plan, first, Status.DONE)
    services.activities.delete(plan, first.activity.uid)

    with pytest.raises(NotFoundError):
        services.progress.undo_mark(plan, undo)


def test_a_lesson_from_a_moved_occurrence_carries_the_day_it_was_lived(
    services: Services, plan: Plan
) -> None:
    begin = datetime(2026, 11, 2, 20, 0, tzinfo=BERLIN)
    moved = datetime(2026, 11, 5, 9, 0, tzinfo=BERLIN)  # Tuesday's journaling, done on Thursday
    draft = ActivityDraft(
        title="Journaling", category=Category.REFLECTION, step=StepNumber(1), start=begin,
        end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        rrule="FREQ=DAILY;COUNT=3",
        overrides=(OccurrenceOverride(datetime(2026, 11, 3, 20, 0), moved,
                                      moved + timedelta(minutes=30), "Journaling, later"),),
    )  # fmt: skip
    services.activities.create(plan, draft)
    (occurrence,) = [o for o in services.calendar.occurrences(plan, date(2026, 11, 5),
                                                              date(2026, 11, 5))
                     if o.override is not None]  # fmt: skip

    services.progress.mark(plan, occurrence, Status.DONE, Reflection("", 3, "Later is fine"))

    (lesson,) = services.progress.lessons(plan)
    assert lesson.day == date(2026, 11, 5)


def test_a_written_reflection_is_never_dropped_quietly(services: Services, plan: Plan) -> None:
    first, *_ = _journaling(services, plan)
    written = Reflection("I cried, then felt lighter", 3, "Crying is okay")
    services.progress.mark(plan, first, Status.DONE, written)
    (marked,) = services.calendar.occurrences(plan, START, START)

    services.progress.mark(plan, marked, Status.DONE)  # done again, nothing new written
    assert _status(services, plan, START) == (Status.DONE, written)
    with pytest.raises(ReflectionWouldBeLostError):
        services.progress.mark(plan, marked, Status.SKIPPED)
    assert _status(services, plan, START) == (Status.DONE, written)

    services.progress.mark(plan, marked, Status.SKIPPED, discard_reflection=True)
    assert _status(services, plan, START) == (Status.SKIPPED, None)
