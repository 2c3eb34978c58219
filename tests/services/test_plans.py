"""Plan use cases: starting a plan, the one-plan-per-file rule, and the demo plan."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from planner.clock import FixedClock
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, ProgramId, StepNumber
from planner.domain.occurrences import Occurrence
from planner.domain.plans import Plan, PlanDraft
from planner.errors import InvalidInputError, NotFoundError
from planner.services.changes import ChangeKind
from planner.services.context import Services

DEMO_START = date(2026, 11, 9)  # the Monday two weeks before NOW


def test_new_file_has_no_plan(services: Services) -> None:
    assert services.plans.current() is None
    with pytest.raises(NotFoundError, match="demo"):
        services.plans.require()


def test_create_starts_at_step_one(services: Services) -> None:
    plan, changes = services.plans.create(
        PlanDraft(ProgramId("five-steps"), date(2026, 12, 1), "America/New_York", "  Sam  ")
    )
    assert plan.current_step == 1
    assert plan.name == "Five gentle steps"
    assert plan.partner_name == "Sam"
    assert plan.zone == "America/New_York"
    assert plan.start == date(2026, 12, 1)
    assert changes.kinds & ChangeKind.PLAN
    assert services.plans.require() == plan
    assert services.plans.program_of(plan).id == "five-steps"


def test_a_file_holds_one_plan(services: Services) -> None:
    services.plans.create(PlanDraft(ProgramId("five-steps"), date(2026, 12, 1), "UTC"))
    with pytest.raises(InvalidInputError, match="already"):
        services.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 12, 1), "UTC"))
    current = services.plans.current()
    assert current is not None and current.program_id == "five-steps"


@pytest.mark.parametrize(
    ("draft", "error"),
    [
        (PlanDraft(ProgramId("nine-steps"), date(2026, 12, 1), "UTC"), NotFoundError),
        (PlanDraft(ProgramId("five-steps"), date(2026, 12, 1), "Mars/Base"), InvalidInputError),
        (PlanDraft(ProgramId("five-steps"), date(2026, 12, 1), "UTC", "x" * 81), InvalidInputError),
    ],
    ids=["unknown-program", "unknown-zone", "long-partner-name"],
)
def test_invalid_plan_is_refused_and_nothing_stored(
    services: Services, draft: PlanDraft, error: type[Exception]
) -> None:
    with pytest.raises(error):
        services.plans.create(draft)
    assert services.plans.current() is None


def test_ensure_returns_the_existing_plan(services: Services) -> None:
    plan, _ = services.plans.create(PlanDraft(ProgramId("five-steps"), date(2026, 12, 1), "UTC"))
    assert services.plans.ensure() == plan


def test_ensure_creates_the_default_program_today(services: Services, clock: FixedClock) -> None:
    plan = services.plans.ensure()
    assert plan.program_id == "eleven-steps"
    assert plan.current_step == 1
    assert plan.start == clock.today(plan.tz)
    assert services.plans.ensure() == plan


def test_set_current_step(services: Services) -> None:
    plan, _ = services.plans.create(PlanDraft(ProgramId("five-steps"), date(2026, 12, 1), "UTC"))
    services.plans.set_current_step(plan.id, StepNumber(3))
    assert services.plans.require().current_step == 3
    with pytest.raises(InvalidInputError):
        services.plans.set_current_step(plan.id, StepNumber(6))
    assert services.plans.require().current_step == 3


# --- the demo -----------------------------------------------------------------------------------


@pytest.fixture
def demo(services: Services) -> tuple[Plan, list[Occurrence]]:
    plan, changes = services.plans.seed_demo(
        PlanDraft(ProgramId("eleven-steps"), DEMO_START, "Europe/Berlin")
    )
    assert changes.kinds == ChangeKind.PLAN | ChangeKind.ACTIVITIES
    found = services.calendar.occurrences(plan, DEMO_START, DEMO_START + timedelta(weeks=8))
    return plan, found


def test_demo_plan_is_named_and_at_the_step_the_clock_reached(
    services: Services, demo: tuple[Plan, list[Occurrence]]
) -> None:
    plan, _ = demo
    assert plan.name == "Eleven steps to reconnect (demo)"
    services.progress.seed_demo_history(plan)
    # By 23 November the space period (step 3) has begun; the classes of step 4 are under
    # way as routines, and none of its one-off plans has come yet.
    assert services.progress.step_you_are_on(plan) == 3


def test_demo_fills_about_eight_weeks(
    services: Services, demo: tuple[Plan, list[Occurrence]]
) -> None:
    plan, found = demo
    days = {occurrence.first_day(plan.tz) for occurrence in found}
    assert min(days) == DEMO_START
    assert max(days) - min(days) >= timedelta(weeks=7)
    # Every week of the eight has something in it.
    weeks = {(day - DEMO_START).days // 7 for day in days}
    assert weeks == set(range(8))
    later = services.calendar.occurrences(
        plan, DEMO_START + timedelta(weeks=8), DEMO_START + timedelta(weeks=20)
    )
    assert later == []


def test_demo_covers_every_category(demo: tuple[Plan, list[Occurrence]]) -> None:
    _, found = demo
    used = {occurrence.activity.category for occurrence in found}
    assert used == set(Category)


def test_demo_mixes_recurring_all_day_space_and_notes(
    demo: tuple[Plan, list[Occurrence]],
) -> None:
    _, found = demo
    activities = {occurrence.activity.uid: occurrence.activity for occurrence in found}
    assert len(activities) == 23
    recurring = [a for a in activities.values() if a.recurring]
    assert len(recurring) >= 3
    per_uid = Counter(occurrence.activity.uid for occurrence in found)
    assert all(per_uid[a.uid] > 1 for a in recurring)
    all_day = [a for a in activities.values() if a.all_day]
    assert all_day
    space = [a for a in all_day if a.category is Category.SPACE]
    assert len(space) == 1 and space[0].duration == timedelta(days=21)
    assert sum(1 for a in activities.values() if a.notes) >= 5
    assert any(a.location for a in activities.values())
    timed = [a for a in activities.values() if not a.all_day]
    assert all(isinstance(a.start, datetime) and a.zone == "Europe/Berlin" for a in timed)


def test_demo_steps_stay_within_the_five_step_program(services: Services) -> None:
    plan, _ = services.plans.seed_demo(
        PlanDraft(ProgramId("five-steps"), DEMO_START, "America/New_York")
    )
    found = services.calendar.occurrences(plan, DEMO_START, DEMO_START + timedelta(weeks=8))
    assert found
    assert {occurrence.activity.step for occurrence in found} <= set(range(1, 6))
    assert 1 <= plan.current_step <= 5


def test_demo_refuses_a_file_that_already_has_a_plan(services: Services) -> None:
    services.plans.create(PlanDraft(ProgramId("five-steps"), date(2026, 12, 1), "UTC"))
    with pytest.raises(InvalidInputError):
        services.plans.seed_demo(PlanDraft(ProgramId("eleven-steps"), DEMO_START, "UTC"))
    plan = services.plans.require()
    assert services.calendar.occurrences(plan, DEMO_START, DEMO_START + timedelta(weeks=8)) == []


def test_a_plan_begun_in_the_wrong_zone_is_set_right_at_the_same_clock_times(
    services: Services,
) -> None:
    """A trial accepted the computer's zone (UTC) on the first run and had no way to set it
    right. The plan's activities move to the new zone at the clock times they had; one in a
    zone of its own stays; a day marked done stays marked; a series ends on the same day."""
    from dataclasses import replace as with_fields
    from zoneinfo import ZoneInfo

    from planner.domain.activities import ActivityDraft, OccurrenceOverride
    from planner.domain.occurrences import Status

    utc, chicago, new_york = (
        ZoneInfo("UTC"),
        ZoneInfo("America/Chicago"),
        ZoneInfo("America/New_York"),
    )
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "UTC"))

    def timed(title: str, start: datetime, **fields: object) -> ActivityDraft:
        draft = ActivityDraft(
            title=title, category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=30), all_day=False, zone=start.tzinfo.key,  # type: ignore[union-attr]
        )  # fmt: skip
        return with_fields(draft, **fields)  # type: ignore[arg-type]

    walk, _ = services.activities.create(plan, timed(
        "Walk", datetime(2026, 11, 2, 9, 0, tzinfo=utc),
        rrule="FREQ=DAILY;UNTIL=20261130T090000Z",
        overrides=(OccurrenceOverride(
            recurrence_id=datetime(2026, 11, 4, 9, 0),
            start=datetime(2026, 11, 4, 11, 0, tzinfo=utc),
            end=datetime(2026, 11, 4, 11, 30, tzinfo=utc), title="Walk, later",
        ),),
    ))  # fmt: skip
    call, _ = services.activities.create(
        plan, timed("NY call", datetime(2026, 11, 5, 18, 0, tzinfo=new_york))
    )
    week = services.calendar.occurrences(plan, date(2026, 11, 3), date(2026, 11, 3))
    services.progress.mark(plan, week[0], Status.DONE)

    changes = services.plans.set_zone(plan, "America/Chicago")

    plan = services.plans.require()
    assert plan.zone == "America/Chicago"
    assert ChangeKind.ACTIVITIES in changes.kinds and changes.uids == {walk.uid}
    moved = services.activities.get(walk.uid)
    assert moved.zone == "America/Chicago"
    assert moved.start == datetime(2026, 11, 2, 9, 0, tzinfo=chicago)
    (override,) = moved.overrides
    assert override.start == datetime(2026, 11, 4, 11, 0, tzinfo=chicago)
    shown = services.calendar.occurrences(plan, date(2026, 11, 1), date(2026, 12, 31))
    walks = [o for o in shown if o.activity.uid == walk.uid]
    assert walks[-1].start == datetime(2026, 11, 30, 9, 0, tzinfo=chicago)  # UNTIL followed too
    assert [o.status for o in walks if o.start.day == 3] == [Status.DONE]  # type: ignore[union-attr]
    assert services.activities.get(call.uid).start == datetime(2026, 11, 5, 18, 0, tzinfo=new_york)
    with pytest.raises(InvalidInputError):
        services.plans.set_zone(plan, "Mars/Olympus_Mons")
    assert services.plans.require().zone == "America/Chicago"


def test_a_zone_change_leaves_moments_alone_and_lets_a_skipped_time_move_on(
    services: Services,
) -> None:
    """A review: a 02:30 walk moved to a zone whose clocks skip 02:30 that night refused the
    whole change ("the end has to come after the start"); moved on to 03:30, its done mark
    stayed at 02:30 and was lost; a note kept in an urge moment went eight hours into the
    future; an event a file gave as an instant moved, and its next import was refused."""
    from dataclasses import replace as with_fields
    from zoneinfo import ZoneInfo

    from planner.domain.activities import ActivityDraft, OccurrenceOverride
    from planner.domain.occurrences import Status

    berlin, chicago = ZoneInfo("Europe/Berlin"), ZoneInfo("America/Chicago")
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2027, 3, 1), "Europe/Berlin")
    )
    gap = datetime(2027, 3, 14, 2, 30, tzinfo=berlin)  # Chicago springs forward that night
    walk = ActivityDraft(
        title="Night walk", category=Category.SELF_CARE, step=StepNumber(1), start=gap,
        end=gap + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
    )  # fmt: skip
    one_off, _ = services.activities.create(plan, walk)
    series, _ = services.activities.create(plan, with_fields(
        walk, title="Nightly", start=gap - timedelta(days=1),
        end=gap - timedelta(days=1, minutes=-30),
        rrule="FREQ=DAILY;COUNT=3",
        overrides=(OccurrenceOverride(
            recurrence_id=datetime(2027, 3, 15, 2, 30), start=gap + timedelta(days=1),
            end=gap + timedelta(days=1, minutes=30), title="Nightly, late",
        ),),
    ))  # fmt: skip
    (walked,) = [o for o in services.calendar.occurrences(plan, gap.date(), gap.date())
                 if o.activity.uid == one_off.uid]  # fmt: skip
    services.progress.mark(plan, walked, Status.DONE)
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:therapy@google.com\r\nDTSTAMP:20270101T000000Z\r\nSUMMARY:Therapy\r\n"
        b"DTSTART:20270310T150000Z\r\nDTEND:20270310T160000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    services.importer.import_bytes(data, step=1)
    therapy = services.activities.get(ActivityUid("therapy@google.com"))

    services.plans.set_zone(plan, "America/Chicago")

    plan = services.plans.require()
    moved = services.activities.get(one_off.uid)
    assert moved.start == datetime(2027, 3, 14, 3, 30, tzinfo=chicago)  # on, past the gap
    assert moved.end - moved.start == timedelta(minutes=30)
    day = services.calendar.occurrences(plan, gap.date(), gap.date())
    assert [o.status for o in day if o.activity.uid == one_off.uid] == [Status.DONE]
    nightly = services.activities.get(series.uid)
    assert nightly.start == datetime(2027, 3, 13, 2, 30, tzinfo=chicago)
    assert nightly.overrides[0].start.replace(tzinfo=None) == datetime(2027, 3, 15, 2, 30)  # type: ignore[union-attr]
    again = services.activities.get(therapy.uid)
    assert again.start == therapy.start and again.revision == therapy.revision
    services.importer.import_bytes(data, step=1)  # the same file again: still that moment
    assert services.activities.get(therapy.uid).start == therapy.start


def test_an_activity_across_a_clock_change_keeps_its_real_length(services: Services) -> None:
    """A review: a length measured on the wall clock lost or gained the hour of a clock
    change, and a one-hour walk at 02:00 on a fall-back night refused the move back."""
    from zoneinfo import ZoneInfo

    from planner.domain.activities import ActivityDraft

    utc = ZoneInfo("UTC")
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 10, 1), "UTC"))
    spans = {
        "Walk": (datetime(2026, 10, 25, 2, 0, tzinfo=utc), timedelta(hours=1)),
        "Night": (datetime(2026, 10, 24, 22, 0, tzinfo=utc), timedelta(hours=8)),
    }
    made = {}
    for title, (start, length) in spans.items():
        made[title], _ = services.activities.create(plan, ActivityDraft(
            title=title, category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + length, all_day=False, zone="UTC",
        ))  # fmt: skip
    services.plans.set_zone(plan, "Europe/Berlin")  # the clocks go back in Berlin that night
    services.plans.set_zone(services.plans.require(), "UTC")  # and back: no refusal
    for title, (start, length) in spans.items():
        again = services.activities.get(made[title].uid)
        assert (again.start, again.end - again.start) == (start, length)
