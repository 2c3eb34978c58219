"""Activity use cases: create, update, delete, each returning what changed and for which days."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, ProgramId, StepNumber
from planner.domain.plans import Plan, PlanDraft
from planner.errors import InvalidInputError, NotFoundError, StorageError
from planner.services.changes import ChangeKind
from planner.services.context import Services

from tests.zones import BERLIN, NEW_YORK, NOW


@pytest.fixture
def plan(services: Services) -> Plan:
    created, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 9), "Europe/Berlin")
    )
    return created


def meetup(start: datetime, **changes: object) -> ActivityDraft:
    draft = ActivityDraft(
        title="Coffee",
        category=Category.MEETUP,
        step=StepNumber(5),
        start=start,
        end=start + timedelta(hours=1),
        all_day=False,
        zone="Europe/Berlin",
        location="Corner café",
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


DEC_1 = datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN)


def test_create_stores_a_new_activity(services: Services, plan: Plan) -> None:
    activity, changes = services.activities.create(plan, meetup(DEC_1))
    assert activity.uid.endswith("@rekindle")
    assert activity.revision == 0
    assert activity.created == activity.modified == NOW
    assert services.activities.get(activity.uid) == activity
    assert changes.kinds == ChangeKind.ACTIVITIES
    assert changes.uids == {activity.uid}
    assert changes.first_day == date(2026, 12, 1)
    assert changes.last_day is not None and date(2026, 12, 1) <= changes.last_day <= date(
        2026, 12, 2
    )
    assert changes.touches(date(2026, 12, 1), date(2026, 12, 1))
    assert not changes.touches(date(2026, 12, 10), date(2026, 12, 20))
    assert not changes.touches(date(2026, 11, 1), date(2026, 11, 30))


def test_each_create_gets_its_own_uid(services: Services, plan: Plan) -> None:
    first, _ = services.activities.create(plan, meetup(DEC_1))
    second, _ = services.activities.create(plan, meetup(DEC_1))
    assert first.uid != second.uid


def test_changes_are_in_the_plan_zone(services: Services, plan: Plan) -> None:
    # 20:00 in New York on 1 December is 02:00 on 2 December in Berlin, the plan's zone.
    start = datetime(2026, 12, 1, 20, 0, tzinfo=NEW_YORK)
    _, changes = services.activities.create(plan, meetup(start, zone="America/New_York"))
    assert changes.first_day == date(2026, 12, 2)


def test_changes_of_a_bounded_series_cover_all_its_days(services: Services, plan: Plan) -> None:
    _, changes = services.activities.create(plan, meetup(DEC_1, rrule="FREQ=DAILY;COUNT=3"))
    assert changes.first_day == date(2026, 12, 1)
    assert changes.last_day is not None and date(2026, 12, 3) <= changes.last_day <= date(
        2026, 12, 4
    )


def test_changes_of_an_all_day_period_cover_its_days(services: Services, plan: Plan) -> None:
    draft = ActivityDraft(
        title="Space",
        category=Category.SPACE,
        step=StepNumber(3),
        start=date(2026, 12, 1),
        end=date(2026, 12, 22),
        all_day=True,
        zone="Europe/Berlin",
    )
    _, changes = services.activities.create(plan, draft)
    assert changes.first_day == date(2026, 12, 1)
    assert changes.last_day is not None and changes.last_day >= date(2026, 12, 21)
    assert not changes.touches(date(2027, 1, 1), date(2027, 1, 31))


def test_changes_of_an_endless_series_are_unbounded(services: Services, plan: Plan) -> None:
    _, changes = services.activities.create(plan, meetup(DEC_1, rrule="FREQ=WEEKLY"))
    assert changes.first_day is None and changes.last_day is None
    assert changes.touches(date(2040, 1, 1), date(2040, 1, 31))


def test_invalid_draft_is_refused_and_nothing_stored(services: Services, plan: Plan) -> None:
    with pytest.raises(InvalidInputError):
        services.activities.create(plan, meetup(DEC_1, title="  "))
    with pytest.raises(InvalidInputError):
        services.activities.create(plan, meetup(DEC_1, step=StepNumber(12)))
    assert services.calendar.occurrences(plan, date(2026, 11, 1), date(2026, 12, 31)) == []


def test_update_keeps_identity_and_bumps_revision(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    created, _ = services.activities.create(plan, meetup(DEC_1))
    later = NOW + timedelta(days=1)
    clock.set(later)
    moved = DEC_1 + timedelta(days=9)
    updated, changes = services.activities.update(
        plan, created.uid, meetup(moved, title="Coffee and a walk")
    )
    assert updated.uid == created.uid
    assert updated.created == created.created == NOW
    assert updated.modified == later
    assert updated.revision == 1
    assert updated.title == "Coffee and a walk"
    assert services.activities.get(created.uid) == updated
    assert changes.uids == {created.uid}
    # Both the day it left and the day it moved to must refresh.
    assert changes.touches(date(2026, 12, 1), date(2026, 12, 1))
    assert changes.touches(date(2026, 12, 10), date(2026, 12, 10))
    assert changes.first_day == date(2026, 12, 1)
    assert changes.last_day is not None and changes.last_day >= date(2026, 12, 10)

    again, _ = services.activities.update(plan, created.uid, meetup(moved))
    assert again.revision == 2


def test_invalid_update_leaves_the_activity_as_it_was(services: Services, plan: Plan) -> None:
    created, _ = services.activities.create(plan, meetup(DEC_1))
    with pytest.raises(InvalidInputError):
        services.activities.update(plan, created.uid, meetup(DEC_1, end=DEC_1))
    assert services.activities.get(created.uid) == created


def test_update_of_a_missing_activity_is_not_found(services: Services, plan: Plan) -> None:
    with pytest.raises(NotFoundError):
        services.activities.update(plan, ActivityUid("gone@rekindle"), meetup(DEC_1))


def test_delete_removes_and_returns_the_activity(services: Services, plan: Plan) -> None:
    created, _ = services.activities.create(plan, meetup(DEC_1, rrule="FREQ=DAILY;COUNT=3"))
    deleted, changes = services.activities.delete(plan, created.uid)
    assert deleted == created
    assert changes.uids == {created.uid}
    assert changes.touches(date(2026, 12, 3), date(2026, 12, 3))
    with pytest.raises(NotFoundError):
        services.activities.get(created.uid)
    assert services.calendar.occurrences(plan, date(2026, 11, 1), date(2026, 12, 31)) == []
    with pytest.raises(NotFoundError):
        services.activities.delete(plan, created.uid)


def test_created_activity_equals_what_is_stored(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    clock.set(NOW + timedelta(microseconds=123_456))  # the system clock has microseconds
    created, _ = services.activities.create(plan, meetup(DEC_1))
    assert services.activities.get(created.uid) == created


def test_a_database_locked_by_another_program_gives_a_plain_error_and_saves_nothing(
    services: Services, db_path: Path
) -> None:
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "UTC"))
    services._db.execute_sql("PRAGMA busy_timeout = 0")  # fail at once instead of waiting 5 s
    other = sqlite3.connect(db_path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        draft = ActivityDraft(
            title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=30), all_day=False, zone="UTC",
        )  # fmt: skip
        with pytest.raises(StorageError, match="busy"):
            services.activities.create(plan, draft)
    finally:
        other.rollback()
        other.close()
    assert services.calendar.occurrences(plan, date(2026, 12, 1), date(2026, 12, 1)) == []


# -- copy this week to next week -----------------------------------------------------------------

MONDAY = date(2026, 11, 30)


def test_copy_week_copies_the_weeks_one_off_activities_seven_days_on(
    services: Services, plan: Plan
) -> None:
    coffee, _ = services.activities.create(plan, meetup(DEC_1, notes="Ask about the trip."))
    space, _ = services.activities.create(
        plan,
        meetup(date(2026, 12, 5), end=date(2026, 12, 7), all_day=True, category=Category.SPACE),
    )
    services.activities.create(plan, meetup(DEC_1 - timedelta(days=2)))  # Sunday before
    services.activities.create(plan, meetup(DEC_1 + timedelta(days=6)))  # Monday after
    services.activities.create(plan, meetup(DEC_1, rrule="FREQ=DAILY;COUNT=3"))  # repeats already

    copied = services.activities.copy_week(plan, MONDAY)
    copies, changes = copied.copies, copied.changes

    assert [c.start for c in copies] == [DEC_1 + timedelta(days=7), date(2026, 12, 12)]
    assert copies[0].end == DEC_1 + timedelta(days=7, hours=1)
    assert copies[1].end == date(2026, 12, 14)
    assert (copies[0].title, copies[0].location, copies[0].notes) == (
        coffee.title, coffee.location, coffee.notes,
    )  # fmt: skip
    assert copies[1].category is space.category
    assert not {c.uid for c in copies} & {coffee.uid, space.uid}
    assert [services.activities.get(c.uid) for c in copies] == copies
    assert changes.uids == {c.uid for c in copies}
    assert changes.touches(date(2026, 12, 8), date(2026, 12, 8))
    assert not changes.touches(MONDAY, MONDAY + timedelta(days=6))


def test_copy_week_leaves_out_what_runs_on_past_where_its_copy_would_begin(
    services: Services, plan: Plan
) -> None:
    """A HiDPI trial's three-week space period was copied over itself; a late evening that
    ends after midnight on Monday is still copied."""
    services.activities.create(
        plan,
        meetup(date(2026, 12, 1), end=date(2026, 12, 22), all_day=True, category=Category.SPACE),
    )
    late = datetime(2026, 12, 6, 23, 0, tzinfo=BERLIN)  # Sunday 23:00 to Monday 01:00
    services.activities.create(plan, meetup(late, end=late + timedelta(hours=2)))
    copied = services.activities.copy_week(plan, MONDAY)
    assert [c.start for c in copied.copies] == [late + timedelta(days=7)]
    assert copied.already_there == 1


def test_copy_week_keeps_the_wall_clock_time_across_a_dst_change(
    services: Services, plan: Plan
) -> None:
    # Berlin leaves summer time on Sunday 25 October 2026: 9:00 stays 9:00 a week later.
    before = datetime(2026, 10, 22, 9, 0, tzinfo=BERLIN)
    services.activities.create(plan, meetup(before))
    (copy,) = services.activities.copy_week(plan, date(2026, 10, 19)).copies
    assert copy.start == datetime(2026, 10, 29, 9, 0, tzinfo=BERLIN)
    assert copy.end - copy.start == timedelta(hours=1)


def test_copying_a_week_again_leaves_out_what_next_week_already_has(
    services: Services, plan: Plan
) -> None:
    services.activities.create(plan, meetup(DEC_1))
    services.activities.create(plan, meetup(DEC_1 + timedelta(days=2), title="Pottery"))
    first = services.activities.copy_week(plan, MONDAY)
    assert (len(first.copies), first.already_there) == (2, 0)

    again = services.activities.copy_week(plan, MONDAY)
    assert (again.copies, again.already_there) == ([], 2)
    assert again.changes.kinds == ChangeKind.NONE
    services.activities.create(plan, meetup(DEC_1 + timedelta(days=3), title="Swim"))
    third = services.activities.copy_week(plan, MONDAY)
    assert ([c.title for c in third.copies], third.already_there) == (["Swim"], 2)


def test_copy_week_of_an_empty_week_changes_nothing(services: Services, plan: Plan) -> None:
    copied = services.activities.copy_week(plan, MONDAY)
    assert copied.copies == []
    assert copied.changes.kinds == ChangeKind.NONE
