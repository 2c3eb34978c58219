"""Pacing rules at their boundaries: space periods, a week's contact, the gap, the step order."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from planner.domain.activities import ActivityDraft, create_activity
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, PlanId, StepNumber
from planner.domain.occurrences import Occurrence, Status
from planner.domain.pacing import (
    FrequencyDetail,
    GapDetail,
    OrderDetail,
    PacingFlag,
    PacingSettings,
    Rule,
    SpaceDetail,
    check,
    first_free_day,
    frequency_flags,
    gap_flags,
    moved_span,
    moved_start,
    order_flags,
    space_flags,
    step_limits,
)
from planner.domain.programs import Program, parse_program
from planner.services import programs

from tests.zones import BERLIN, NEW_YORK

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
_uids = itertools.count(1)


def _program() -> Program:
    """Three steps whose pace grows: 1, then 2, then 3 contacts a week."""

    def step(number: int, per_week: int) -> dict[str, Any]:
        return {"number": number, "title": f"Step {number}", "purpose": "p", "guidance": "g",
                "suggested_activities": [], "criteria": [],
                "contacts_per_week": per_week}  # fmt: skip

    return parse_program({
        "id": "test", "name": "Test", "source": "s", "description": "d",
        "order_hints": [{"category": "apology", "after_steps": [1, 2]},
                        {"category": "outing", "after_steps": [3]}],
        "steps": [step(1, 1), step(2, 2), step(3, 3)],
    })  # fmt: skip


PROGRAM = _program()


def occ(
    category: Category,
    start: datetime | date,
    end: datetime | date | None = None,
    *,
    step: int = 1,
    status: Status = Status.PLANNED,
    zone: ZoneInfo = BERLIN,
    title: str | None = None,
) -> Occurrence:
    """One occurrence of its own single activity; timed ones last 15 minutes by default."""
    all_day = not isinstance(start, datetime)
    if end is None:
        end = start + (timedelta(days=1) if all_day else timedelta(minutes=15))
    uid = ActivityUid(f"{next(_uids):04d}@test")
    draft = ActivityDraft(
        title=title or f"{category.id} {uid}", category=category, step=StepNumber(step),
        start=start, end=end, all_day=all_day, zone=zone.key,
    )  # fmt: skip
    activity = create_activity(draft, uid=uid, plan_id=PlanId(1), at=AT)
    return Occurrence(activity, start, end, start, status)


def message(
    start: datetime, *, step: int = 1, status: Status = Status.PLANNED, zone: ZoneInfo = BERLIN
) -> Occurrence:
    return occ(Category.MESSAGE, start, step=step, status=status, zone=zone)


def space(first: date, last: date, *, status: Status = Status.PLANNED) -> Occurrence:
    """An all-day space period from `first` to `last`, both days included."""
    return occ(Category.SPACE, first, last + timedelta(days=1), status=status)


def at(year: int, month: int, day: int, hour: int = 19, minute: int = 0, *,
       zone: ZoneInfo = BERLIN, fold: int = 0) -> datetime:  # fmt: skip
    return datetime(year, month, day, hour, minute, tzinfo=zone, fold=fold)


def flagged(flags: list[PacingFlag]) -> list[ActivityUid]:
    return [flag.uid for flag in flags]


# --- space --------------------------------------------------------------------------------------

# A week of space: Tuesday 1 to Monday 7 December 2026 (stored end: 8 December, exclusive).
WEEK_OF_SPACE = (date(2026, 12, 1), date(2026, 12, 7))


def test_a_message_at_the_last_minute_of_a_space_period_is_flagged() -> None:
    quiet = space(*WEEK_OF_SPACE)
    late = message(at(2026, 12, 7, 23, 59))

    (flag,) = space_flags([quiet, late], BERLIN)

    assert flag.rule is Rule.SPACE and flag.uid == late.activity.uid
    assert flag.start == at(2026, 12, 7, 23, 59)
    assert flag.detail == SpaceDetail(
        quiet, date(2026, 12, 1), date(2026, 12, 7), date(2026, 12, 8)
    )


def test_a_message_at_the_first_minute_after_a_space_period_is_not_flagged() -> None:
    quiet = space(*WEEK_OF_SPACE)
    assert space_flags([quiet, message(at(2026, 12, 8, 0, 0))], BERLIN) == []
    assert space_flags([quiet, message(at(2026, 12, 8, 0, 1))], BERLIN) == []


def test_a_message_at_the_first_minute_of_a_space_period_is_flagged() -> None:
    quiet = space(*WEEK_OF_SPACE)
    first = message(at(2026, 12, 1, 0, 0))
    assert flagged(space_flags([quiet, first], BERLIN)) == [first.activity.uid]
    # Ending as the period begins is not inside it; running into it is.
    before = occ(Category.MESSAGE, at(2026, 11, 30, 23, 45), at(2026, 12, 1, 0, 0))
    into = occ(Category.MESSAGE, at(2026, 11, 30, 23, 50), at(2026, 12, 1, 0, 5))
    assert flagged(space_flags([quiet, before, into], BERLIN)) == [into.activity.uid]


def test_an_all_day_space_period_ends_before_its_exclusive_end_day() -> None:
    quiet = space(*WEEK_OF_SPACE)
    on_last_day = occ(Category.GESTURE, date(2026, 12, 7))
    on_end_day = occ(Category.GESTURE, date(2026, 12, 8))
    day_before = occ(Category.GESTURE, date(2026, 11, 30))

    flags = space_flags([quiet, on_last_day, on_end_day, day_before], BERLIN)

    assert flagged(flags) == [on_last_day.activity.uid]


def test_every_contact_category_is_flagged_and_nothing_else() -> None:
    quiet = space(*WEEK_OF_SPACE)
    inside = {category: occ(category, at(2026, 12, 3)) for category in Category}

    flags = space_flags([quiet, *inside.values()], BERLIN)

    assert {flag.occurrence.activity.category for flag in flags} == {
        Category.MESSAGE, Category.MEETUP, Category.APOLOGY, Category.OUTING, Category.GESTURE,
    }  # fmt: skip


def test_skipped_space_or_skipped_contact_never_counts() -> None:
    skipped_space = space(*WEEK_OF_SPACE, status=Status.SKIPPED)
    assert space_flags([skipped_space, message(at(2026, 12, 3))], BERLIN) == []
    quiet = space(*WEEK_OF_SPACE)
    assert space_flags([quiet, message(at(2026, 12, 3), status=Status.SKIPPED)], BERLIN) == []
    done = message(at(2026, 12, 3), status=Status.DONE)
    assert flagged(space_flags([quiet, done], BERLIN)) == [done.activity.uid]


def test_chained_and_overlapping_space_periods_move_past_all_of_them() -> None:
    first = space(date(2026, 12, 1), date(2026, 12, 7))
    chained = space(date(2026, 12, 8), date(2026, 12, 14))  # starts as the first ends
    overlapping = space(date(2026, 12, 12), date(2026, 12, 20))
    later = space(date(2026, 12, 22), date(2026, 12, 24))  # one free day before it
    early = message(at(2026, 12, 3))
    middle = message(at(2026, 12, 13))

    flags = space_flags([first, chained, overlapping, later, early, middle], BERLIN)

    assert [flag.detail for flag in flags] == [
        SpaceDetail(first, date(2026, 12, 1), date(2026, 12, 20), date(2026, 12, 21)),
        SpaceDetail(chained, date(2026, 12, 1), date(2026, 12, 20), date(2026, 12, 21)),
    ]


def test_a_timed_space_period_frees_the_day_after_it_and_skips_one_starting_that_day() -> None:
    evening = occ(Category.SPACE, at(2026, 12, 1, 18), at(2026, 12, 3, 18))
    next_morning = occ(Category.SPACE, at(2026, 12, 4, 10), at(2026, 12, 4, 20))
    inside = message(at(2026, 12, 2, 12))

    (flag,) = space_flags([evening, next_morning, inside], BERLIN)

    assert isinstance(flag.detail, SpaceDetail)
    # 4 December still holds space (from 10:00), so the first day free of all of it is the 5th.
    assert (flag.detail.first_day, flag.detail.last_day) == (date(2026, 12, 1), date(2026, 12, 4))
    assert flag.detail.resume_on == date(2026, 12, 5)


def test_first_free_day_of_a_day_already_free_is_that_day() -> None:
    periods = [(at(2026, 12, 1, 0, 0), at(2026, 12, 8, 0, 0))]
    assert first_free_day(date(2026, 12, 8), periods, BERLIN) == date(2026, 12, 8)
    assert first_free_day(date(2026, 11, 30), periods, BERLIN) == date(2026, 11, 30)
    assert first_free_day(date(2026, 12, 1), periods, BERLIN) == date(2026, 12, 8)


@pytest.mark.parametrize(
    ("zone", "start", "day", "expected"),
    [
        # Summer time to winter time: the same 19:30 on the wall, an hour later in UTC.
        (BERLIN, at(2026, 10, 20, 19, 30), date(2026, 10, 26), "2026-10-26T19:30:00+01:00"),
        (NEW_YORK, at(2026, 10, 28, 9, zone=NEW_YORK), date(2026, 11, 2),
         "2026-11-02T09:00:00-05:00"),
        # Onto the very day the clocks change.
        (BERLIN, at(2026, 3, 20, 19), date(2027, 3, 28), "2027-03-28T19:00:00+02:00"),
        (NEW_YORK, at(2027, 3, 1, 8, zone=NEW_YORK), date(2027, 3, 14),
         "2027-03-14T08:00:00-04:00"),
        # A time the spring night skips moves past the gap; a repeated one takes its first reading.
        (BERLIN, at(2026, 3, 20, 2, 30), date(2027, 3, 28), "2027-03-28T03:30:00+02:00"),
        (NEW_YORK, at(2027, 3, 1, 2, 30, zone=NEW_YORK), date(2027, 3, 14),
         "2027-03-14T03:30:00-04:00"),
        (BERLIN, at(2026, 10, 20, 2, 30), date(2026, 10, 25), "2026-10-25T02:30:00+02:00"),
        (NEW_YORK, at(2026, 10, 28, 1, 30, zone=NEW_YORK), date(2026, 11, 1),
         "2026-11-01T01:30:00-04:00"),
    ],
    ids=["berlin-autumn", "new-york-autumn", "berlin-spring-day", "new-york-spring-day",
         "berlin-skipped-hour", "new-york-skipped-hour", "berlin-repeated-hour",
         "new-york-repeated-hour"],
)  # fmt: skip
def test_the_moved_start_keeps_the_wall_clock_time_across_dst(
    zone: ZoneInfo, start: datetime, day: date, expected: str
) -> None:
    moved = moved_start(start, day, zone)
    assert isinstance(moved, datetime)
    assert moved.isoformat() == expected


def test_the_moved_start_reads_the_time_in_the_plan_zone() -> None:
    in_utc = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)  # 19:00 in Berlin
    moved = moved_start(in_utc, date(2026, 12, 8), BERLIN)
    assert moved == at(2026, 12, 8, 19) and moved.isoformat() == "2026-12-08T19:00:00+01:00"
    assert moved_start(date(2026, 12, 3), date(2026, 12, 8), BERLIN) == date(2026, 12, 8)


def test_moving_keeps_the_length() -> None:
    call = occ(Category.MESSAGE, at(2026, 10, 17, 23, 30), at(2026, 10, 18, 3, 0))
    # Moved onto the night the clocks go back: still three and a half hours of real time.
    start, end = moved_span(call, date(2026, 10, 24), BERLIN)
    assert isinstance(start, datetime) and isinstance(end, datetime)
    assert (start.isoformat(), end.isoformat()) == (
        "2026-10-24T23:30:00+02:00",
        "2026-10-25T02:00:00+01:00",
    )
    gesture = occ(Category.GESTURE, date(2026, 12, 3), date(2026, 12, 5))
    assert moved_span(gesture, date(2026, 12, 8), BERLIN) == (date(2026, 12, 8), date(2026, 12, 10))


def test_a_space_period_ending_on_a_dst_day_suggests_the_same_evening_time() -> None:
    quiet = space(date(2026, 10, 18), date(2026, 10, 24))  # ends as the clocks go back
    inside = message(at(2026, 10, 20, 19))

    (flag,) = space_flags([quiet, inside], BERLIN)

    assert isinstance(flag.detail, SpaceDetail)
    assert flag.detail.resume_on == date(2026, 10, 25)
    moved = moved_start(flag.start, flag.detail.resume_on, BERLIN)
    assert isinstance(moved, datetime)
    assert moved.isoformat() == "2026-10-25T19:00:00+01:00"


def test_space_in_new_york_counts_new_york_days() -> None:
    quiet = occ(Category.SPACE, date(2027, 3, 8), date(2027, 3, 14), zone=NEW_YORK)
    last_minute = message(at(2027, 3, 13, 23, 59, zone=NEW_YORK), zone=NEW_YORK)
    after = message(at(2027, 3, 14, 0, 0, zone=NEW_YORK), zone=NEW_YORK)

    flags = space_flags([quiet, last_minute, after], NEW_YORK)

    assert flagged(flags) == [last_minute.activity.uid]
    assert isinstance(flags[0].detail, SpaceDetail)
    assert flags[0].detail.resume_on == date(2027, 3, 14)


# --- frequency ----------------------------------------------------------------------------------


def test_exactly_the_limit_in_seven_days_is_not_flagged_one_more_is() -> None:
    limits = {StepNumber(2): 2}
    monday = message(at(2026, 11, 30, 9), step=2)
    thursday = message(at(2026, 12, 3, 9), step=2)
    week_later = message(at(2026, 12, 7, 9), step=2)  # the first one is exactly a week back
    assert frequency_flags([monday, thursday, week_later], BERLIN, limits=limits) == []

    sunday = message(at(2026, 12, 6, 23, 59), step=2)  # still inside Monday's week
    (flag,) = frequency_flags([monday, thursday, sunday], BERLIN, limits=limits)

    assert flag.rule is Rule.FREQUENCY and flag.uid == sunday.activity.uid
    assert flag.detail == FrequencyDetail(
        count=3, limit=2, since=at(2026, 11, 29, 23, 59), step=StepNumber(2), overridden=False
    )


def test_every_contact_over_the_limit_is_flagged() -> None:
    burst = [message(at(2026, 12, 3, hour), step=2) for hour in (9, 12, 15, 18)]
    flags = frequency_flags(burst, BERLIN, limits={StepNumber(2): 2})
    assert flagged(flags) == [o.activity.uid for o in burst[2:]]
    assert [f.detail.count for f in flags if isinstance(f.detail, FrequencyDetail)] == [3, 4]


def test_skipped_contacts_do_not_count_done_ones_do() -> None:
    limits = {StepNumber(1): 1}
    skipped = message(at(2026, 12, 1), status=Status.SKIPPED)
    later = message(at(2026, 12, 3))
    assert frequency_flags([skipped, later], BERLIN, limits=limits) == []
    done = message(at(2026, 12, 1), status=Status.DONE)
    assert flagged(frequency_flags([done, later], BERLIN, limits=limits)) == [later.activity.uid]


def test_each_step_has_its_own_default_and_a_plan_may_override_it() -> None:
    limits = step_limits(PROGRAM)
    assert limits == {1: 1, 2: 2, 3: 3}
    early = [message(at(2026, 12, day), step=1) for day in (1, 3)]
    later = [message(at(2027, 2, day), step=3) for day in (1, 2, 3)]

    flags = frequency_flags([*early, *later], BERLIN, limits=limits)

    assert flagged(flags) == [early[1].activity.uid]
    assert isinstance(flags[0].detail, FrequencyDetail) and flags[0].detail.limit == 1
    generous = frequency_flags([*early, *later], BERLIN, limits=limits, override=3)
    assert generous == []
    strict = frequency_flags([*early, *later], BERLIN, limits=limits, override=2)
    assert flagged(strict) == [later[2].activity.uid]
    assert isinstance(strict[0].detail, FrequencyDetail) and strict[0].detail.overridden


def test_the_shipped_programs_pace_early_steps_slower() -> None:
    eleven = programs.get_program("eleven-steps")
    for step, flags_expected in [(1, 1), (3, 1), (5, 0), (7, 0)]:
        twice = [message(at(2026, 12, 1), step=step), message(at(2026, 12, 4), step=step)]
        flags = check(twice, program=eleven, zone=BERLIN)
        assert [f.rule for f in flags] == [Rule.FREQUENCY] * flags_expected, step


@pytest.mark.parametrize(
    ("zone", "first"),
    [
        (BERLIN, at(2027, 3, 22)),  # the clocks go forward on Sunday 28 March
        (NEW_YORK, at(2027, 3, 8, zone=NEW_YORK)),  # on Sunday 14 March
        (BERLIN, at(2026, 10, 19)),  # and back on Sunday 25 October
        (NEW_YORK, at(2026, 10, 26, zone=NEW_YORK)),  # on Sunday 1 November
    ],
    ids=["berlin-spring", "new-york-spring", "berlin-autumn", "new-york-autumn"],
)
def test_a_weekly_call_across_a_clock_change_is_once_a_week(
    zone: ZoneInfo, first: datetime
) -> None:
    weekly = [message(first + timedelta(days=7 * week), zone=zone) for week in range(3)]
    assert frequency_flags(weekly, zone, limits={StepNumber(1): 1}) == []
    # An hour earlier is less than a week on the calendar, whatever the real hours say.
    early = message(first + timedelta(days=7, hours=-1), zone=zone)
    assert flagged(frequency_flags([weekly[0], early], zone, limits={StepNumber(1): 1})) == [
        early.activity.uid
    ]


# --- gap ----------------------------------------------------------------------------------------


def test_a_contact_less_than_a_day_after_another_is_flagged() -> None:
    evening = message(at(2026, 12, 1, 19))
    next_evening = message(at(2026, 12, 2, 19))
    a_minute_early = message(at(2026, 12, 2, 18, 59))

    assert gap_flags([evening, next_evening], BERLIN) == []
    (flag,) = gap_flags([evening, a_minute_early], BERLIN)

    assert flag.rule is Rule.GAP and flag.uid == a_minute_early.activity.uid
    assert flag.detail == GapDetail(evening, timedelta(hours=23, minutes=59), timedelta(days=1))


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        (BERLIN, date(2027, 3, 27)),  # a 23-hour night follows
        (NEW_YORK, date(2027, 3, 13)),
        (BERLIN, date(2026, 10, 24)),  # a 25-hour night follows
        (NEW_YORK, date(2026, 10, 31)),
    ],
    ids=["berlin-spring", "new-york-spring", "berlin-autumn", "new-york-autumn"],
)
def test_a_day_is_a_calendar_day_on_the_night_the_clocks_change(zone: ZoneInfo, day: date) -> None:
    following = day + timedelta(days=1)
    evening = message(datetime.combine(day, time(19), tzinfo=zone), zone=zone)
    same_time = message(datetime.combine(following, time(19), tzinfo=zone), zone=zone)
    earlier = message(datetime.combine(following, time(18, 30), tzinfo=zone), zone=zone)

    assert gap_flags([evening, same_time], zone) == []
    (flag,) = gap_flags([evening, earlier], zone)
    assert isinstance(flag.detail, GapDetail)
    assert flag.detail.gap == timedelta(hours=23, minutes=30)  # as the calendar shows it


def test_the_gap_is_measured_from_the_previous_contact_only() -> None:
    contacts = [message(at(2026, 12, 1, 9)), message(at(2026, 12, 1, 12)),
                message(at(2026, 12, 3, 9)), message(at(2026, 12, 3, 9))]  # fmt: skip
    flags = gap_flags(contacts, BERLIN)
    assert flagged(flags) == [contacts[1].activity.uid, contacts[3].activity.uid]
    assert [f.detail.gap for f in flags if isinstance(f.detail, GapDetail)] == [
        timedelta(hours=3), timedelta(0)
    ]  # fmt: skip


def test_a_longer_minimum_gap_and_non_contact_activities() -> None:
    monday = message(at(2026, 11, 30))
    walk = occ(Category.SELF_CARE, at(2026, 12, 1))
    wednesday = message(at(2026, 12, 2))
    assert gap_flags([monday, walk, wednesday], BERLIN) == []
    two_days = gap_flags([monday, walk, wednesday], BERLIN, minimum=timedelta(days=3))
    assert flagged(two_days) == [wednesday.activity.uid]


# --- order --------------------------------------------------------------------------------------


def _complete(*complete: int) -> frozenset[StepNumber]:
    return frozenset(StepNumber(n) for n in complete)


def test_an_apology_before_the_reflection_steps_are_complete_is_a_hint() -> None:
    sorry = occ(Category.APOLOGY, at(2026, 12, 5, 15), step=3)

    (flag,) = order_flags([sorry], PROGRAM, _complete())
    assert flag.rule is Rule.ORDER
    assert flag.detail == OrderDetail(Category.APOLOGY, (StepNumber(1), StepNumber(2)),
                                      (StepNumber(1), StepNumber(2)))  # fmt: skip
    (flag,) = order_flags([sorry], PROGRAM, _complete(1))
    assert isinstance(flag.detail, OrderDetail) and flag.detail.waiting_on == (2,)
    assert order_flags([sorry], PROGRAM, _complete(1, 2)) == []


def test_an_outing_waits_for_communication_and_skipped_ones_never_count() -> None:
    outing = occ(Category.OUTING, at(2026, 12, 5, 15), step=3)
    skipped = occ(Category.OUTING, at(2026, 12, 6, 15), step=3, status=Status.SKIPPED)
    done = occ(Category.OUTING, at(2026, 12, 7, 15), step=3, status=Status.DONE)
    messages = message(at(2026, 12, 8))

    flags = order_flags([outing, skipped, done, messages], PROGRAM, _complete(1, 2))

    assert flagged(flags) == [outing.activity.uid, done.activity.uid]
    assert order_flags([outing, done], PROGRAM, _complete(3)) == []


# --- all rules together -------------------------------------------------------------------------


def test_check_combines_the_rules_in_start_then_rule_order() -> None:
    quiet = space(*WEEK_OF_SPACE)
    before = message(at(2026, 12, 1, 9), step=2)
    sorry = occ(Category.APOLOGY, at(2026, 12, 1, 20), step=2)  # in space, soon, too early
    skipped = message(at(2026, 12, 1, 21), step=2, status=Status.SKIPPED)

    flags = check(
        [sorry, skipped, quiet, before], program=PROGRAM, zone=BERLIN, complete=_complete()
    )

    assert [(f.uid, f.rule) for f in flags] == [
        (before.activity.uid, Rule.SPACE),
        (sorry.activity.uid, Rule.SPACE),
        (sorry.activity.uid, Rule.GAP),
        (sorry.activity.uid, Rule.ORDER),
    ]
    relaxed = PacingSettings(contacts_per_week=1, min_gap=timedelta(hours=6))
    flags = check([sorry, quiet, before], program=PROGRAM, zone=BERLIN, complete=_complete(1, 2),
                  settings=relaxed)  # fmt: skip
    assert [(f.uid, f.rule) for f in flags] == [
        (before.activity.uid, Rule.SPACE),
        (sorry.activity.uid, Rule.SPACE),
        (sorry.activity.uid, Rule.FREQUENCY),
    ]


def test_all_is_well_gives_no_flags() -> None:
    weekly = [message(at(2027, 2, 1) + timedelta(days=7 * n), step=3) for n in range(4)]
    walks = [occ(Category.SELF_CARE, at(2027, 2, d, 8)) for d in range(1, 20)]
    assert check([*weekly, *walks], program=PROGRAM, zone=BERLIN, complete=_complete(1, 2, 3)) == []
