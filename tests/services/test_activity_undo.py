"""Putting an activity back exactly: what undo of create, edit and delete relies on."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from planner.domain.activities import Activity, ActivityDraft, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import Plan, PlanDraft
from planner.services.context import Services

from tests.zones import BERLIN

START = date(2026, 11, 2)


@pytest.fixture
def plan(services: Services) -> Plan:
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), START, "Europe/Berlin"))
    return plan


def _series(services: Services, plan: Plan) -> Activity:
    begin = datetime(2026, 11, 2, 7, 0, tzinfo=BERLIN)
    moved = begin + timedelta(days=2, hours=1)
    draft = ActivityDraft(
        title="Run", category=Category.SELF_CARE, step=StepNumber(4), start=begin,
        end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        rrule="FREQ=DAILY;COUNT=5", exdates=(datetime(2026, 11, 3, 7, 0),),
        overrides=(OccurrenceOverride(datetime(2026, 11, 4, 7, 0), moved,
                                      moved + timedelta(minutes=30), "Longer run"),),
    )  # fmt: skip
    activity, _ = services.activities.create(plan, draft)
    return activity


def _everything(services: Services, plan: Plan) -> list[tuple[object, ...]]:
    found = services.calendar.occurrences(plan, START, START + timedelta(days=10))
    return [(o.activity, o.start, o.title, o.status, o.reflection) for o in found]


def test_a_deleted_series_comes_back_with_its_exceptions_and_reflections(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    first = services.calendar.occurrences(plan, START, START)[0]
    services.progress.mark(plan, first, Status.DONE, Reflection("Cold", 3, "Gloves help"))
    before = _everything(services, plan)
    snapshot = services.activities.snapshot(series.uid)
    assert snapshot.reflections == 1

    services.activities.delete(plan, series.uid)
    services.activities.put_back(plan, snapshot)

    assert _everything(services, plan) == before
    assert [lesson.text for lesson in services.progress.lessons(plan)] == ["Gloves help"]


def test_an_edit_is_undone_exactly_even_after_its_start_moved_the_marks(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    first = services.calendar.occurrences(plan, START, START)[0]
    services.progress.mark(plan, first, Status.SKIPPED)
    before = _everything(services, plan)
    snapshot = services.activities.snapshot(series.uid)
    draft = ActivityDraft(
        title="Evening run", category=Category.SELF_CARE, step=StepNumber(4),
        start=series.start + timedelta(hours=12), end=series.end + timedelta(hours=12),
        all_day=False, zone="Europe/Berlin", rrule=series.rrule, exdates=series.exdates,
        overrides=series.overrides,
    )  # fmt: skip
    services.activities.update(plan, series.uid, draft)
    assert _everything(services, plan) != before

    changes = services.activities.put_back(plan, snapshot)

    assert _everything(services, plan) == before
    assert changes.first_day is not None and changes.first_day <= START


def test_put_back_after_a_create_was_undone_keeps_the_same_uid(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    snapshot = services.activities.snapshot(series.uid)
    services.activities.delete(plan, series.uid)

    services.activities.put_back(plan, snapshot)

    assert services.activities.get(series.uid) == series
