"""Reminders at their boundaries: when each falls due (DST days included), done occurrences left
out, what was missed while closed, and the daily summary."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from planner.clock import FixedClock
from planner.domain import recurrence, reminders
from planner.domain.activities import Activity, ActivityDraft, create_activity, validate_draft
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, PlanId, StepNumber
from planner.domain.occurrences import Occurrence, Status
from planner.domain.reminders import ReminderOptions, due, fire_at, missed, notices
from planner.errors import InvalidInputError

from tests.zones import BERLIN, NEW_YORK

_uids = itertools.count(1)


def _activity(
    start: datetime | date,
    *,
    minutes: tuple[int, ...] | None,
    category: Category = Category.MEETUP,
    rrule: str | None = None,
) -> Activity:
    if isinstance(start, datetime):
        end: datetime | date = start + timedelta(hours=1)
        zone = str(start.tzinfo)
    else:
        end, zone = start + timedelta(days=1), "Europe/Berlin"
    draft = ActivityDraft(
        title="Coffee with Sam",
        category=category,
        step=StepNumber(5),
        start=start,
        end=end,
        all_day=not isinstance(start, datetime),
        zone=zone,
        rrule=rrule,
        reminders=minutes,
    )
    return create_activity(
        validate_draft(draft, step_count=11),
        uid=ActivityUid(f"r{next(_uids)}@rekindle"),
        plan_id=PlanId(1),
        at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def _once(activity: Activity, status: Status = Status.PLANNED) -> Occurrence:
    return Occurrence(activity, activity.start, activity.end, activity.start, status)


def _utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- when a reminder falls due ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (reminders.AT_START, datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN)),
        (reminders.TEN_MINUTES, datetime(2026, 12, 1, 17, 50, tzinfo=BERLIN)),
        (reminders.ONE_HOUR, datetime(2026, 12, 1, 17, 0, tzinfo=BERLIN)),
        (reminders.ONE_DAY, datetime(2026, 11, 30, 18, 0, tzinfo=BERLIN)),
        (reminders.MAX_MINUTES, datetime(2026, 11, 3, 18, 0, tzinfo=BERLIN)),
    ],
)
def test_each_offset_falls_due_that_long_before_the_start(minutes: int, expected: datetime) -> None:
    meetup = _once(_activity(datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=(minutes,)))
    assert fire_at(meetup, minutes, BERLIN) == expected


def test_a_day_before_keeps_the_wall_clock_time_across_the_autumn_change() -> None:
    # Berlin leaves summer time in the night to Sunday 25 October 2026: that day has 25 hours.
    meetup = _once(_activity(datetime(2026, 10, 25, 18, 0, tzinfo=BERLIN), minutes=(1440,)))
    at = fire_at(meetup, reminders.ONE_DAY, BERLIN)
    assert at.astimezone(BERLIN) == datetime(2026, 10, 24, 18, 0, tzinfo=BERLIN)
    assert meetup.start_instant(BERLIN) - at == timedelta(hours=25)


def test_ten_minutes_before_just_after_the_spring_gap_are_ten_real_minutes() -> None:
    # 29 March 2026: Berlin's clocks jump from 02:00 to 03:00; 03:05 is five minutes after 01:59.
    early = _once(_activity(datetime(2026, 3, 29, 3, 5, tzinfo=BERLIN), minutes=(10,)))
    at = fire_at(early, reminders.TEN_MINUTES, BERLIN)
    assert at == _utc(2026, 3, 29, 0, 55)
    assert at.astimezone(BERLIN).strftime("%H:%M") == "01:55"


def test_a_day_before_landing_in_the_spring_gap_moves_past_it() -> None:
    late_night = _once(_activity(datetime(2026, 3, 30, 2, 30, tzinfo=BERLIN), minutes=(1440,)))
    at = fire_at(late_night, reminders.ONE_DAY, BERLIN)
    assert at.astimezone(BERLIN) == datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN)
    assert at < late_night.start_instant(BERLIN)


def test_a_timed_activity_counts_days_in_its_own_zone() -> None:
    # A New York call the day after New York's autumn change (1 November 2026), shown in Berlin.
    call = _once(_activity(datetime(2026, 11, 2, 12, 0, tzinfo=NEW_YORK), minutes=(1440,)))
    at = fire_at(call, reminders.ONE_DAY, BERLIN)
    assert at.astimezone(NEW_YORK) == datetime(2026, 11, 1, 12, 0, tzinfo=NEW_YORK)


def test_all_day_reminders_count_from_local_midnight_of_the_first_day() -> None:
    outing = _once(_activity(date(2026, 12, 5), minutes=(0, 360, 1440)))
    assert outing.activity.reminders == (0, 360, 1440)
    assert [fire_at(outing, m, BERLIN).astimezone(BERLIN) for m in (0, 360, 1440)] == [
        datetime(2026, 12, 5, 0, 0, tzinfo=BERLIN),
        datetime(2026, 12, 4, 18, 0, tzinfo=BERLIN),  # "the evening before"
        datetime(2026, 12, 4, 0, 0, tzinfo=BERLIN),
    ]


def test_the_evening_before_an_all_day_activity_on_the_autumn_change_day() -> None:
    outing = _once(_activity(date(2026, 10, 25), minutes=(360,)))
    at = fire_at(outing, reminders.EVENING_BEFORE, BERLIN)
    assert at.astimezone(BERLIN) == datetime(2026, 10, 24, 18, 0, tzinfo=BERLIN)


# --- due in a window -----------------------------------------------------------------------------


def test_the_window_excludes_its_start_and_includes_its_end() -> None:
    meetup = _once(_activity(datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=(10,)))
    at = _utc(2026, 12, 1, 16, 50)  # 17:50 in Berlin
    assert [r.at for r in due([meetup], at - timedelta(seconds=1), at, zone=BERLIN)] == [at]
    assert due([meetup], at, at + timedelta(hours=1), zone=BERLIN) == []
    assert due([meetup], at - timedelta(hours=1), at - timedelta(seconds=1), zone=BERLIN) == []


def test_back_to_back_windows_show_each_reminder_once() -> None:
    meetup = _once(_activity(datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=(0, 10, 60)))
    start = _utc(2026, 12, 1, 15, 0)
    edges = [start + timedelta(minutes=10 * step) for step in range(13)]
    shown = [r.minutes for since, until in itertools.pairwise(edges)
             for r in due([meetup], since, until, zone=BERLIN)]  # fmt: skip
    assert shown == [60, 10, 0]


def test_due_reminders_come_in_time_order_across_activities() -> None:
    late = _once(_activity(datetime(2026, 12, 1, 20, 0, tzinfo=BERLIN), minutes=(60,)))
    early = _once(_activity(datetime(2026, 12, 1, 19, 0, tzinfo=BERLIN), minutes=(10, 60)))
    found = due([late, early], _utc(2026, 12, 1, 0), _utc(2026, 12, 2, 0), zone=BERLIN)
    assert [(r.occurrence.activity.uid, r.minutes) for r in found] == [
        (early.activity.uid, 60),
        (early.activity.uid, 10),
        (late.activity.uid, 60),
    ]


@pytest.mark.parametrize("status", [Status.DONE, Status.SKIPPED])
def test_an_occurrence_already_done_or_skipped_is_not_reminded(status: Status) -> None:
    activity = _activity(datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=(60,))
    window = (_utc(2026, 12, 1, 0), _utc(2026, 12, 2, 0))
    assert due([_once(activity, status)], *window, zone=BERLIN) == []
    everything = ReminderOptions(only_if_open=False)
    assert len(due([_once(activity, status)], *window, zone=BERLIN, options=everything)) == 1
    assert len(due([_once(activity)], *window, zone=BERLIN)) == 1


def test_each_occurrence_of_a_series_gets_its_reminder() -> None:
    weekly = _activity(
        datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=(60,), rrule="FREQ=WEEKLY;COUNT=3"
    )
    occurrences = recurrence.expand(weekly, date(2026, 11, 30), date(2026, 12, 31), BERLIN)
    found = due(occurrences, _utc(2026, 11, 30, 0), _utc(2026, 12, 31, 0), zone=BERLIN)
    assert [r.at.astimezone(BERLIN).day for r in found] == [1, 8, 15]


def test_an_activity_without_reminders_is_never_due() -> None:
    quiet = _once(_activity(datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=()))
    assert due([quiet], _utc(2026, 1, 1, 0), _utc(2027, 1, 1, 0), zone=BERLIN) == []


# --- missed while closed -------------------------------------------------------------------------


def test_missed_lists_what_fell_due_between_the_last_run_and_now(clock: FixedClock) -> None:
    now = clock.now()  # Monday 23 November 2026, 10:00 in Berlin
    yesterday = _once(_activity(datetime(2026, 11, 22, 20, 0, tzinfo=BERLIN), minutes=(10, 60)))
    later = _once(_activity(datetime(2026, 11, 23, 18, 0, tzinfo=BERLIN), minutes=(60,)))
    found = missed([yesterday, later], now - timedelta(days=1), now, zone=BERLIN)
    assert [(r.occurrence, r.minutes) for r in found] == [(yesterday, 60), (yesterday, 10)]


def test_nothing_is_missed_on_the_first_run_or_when_the_clock_went_back(
    clock: FixedClock,
) -> None:
    now = clock.now()
    yesterday = _once(_activity(datetime(2026, 11, 22, 20, 0, tzinfo=BERLIN), minutes=(60,)))
    assert missed([yesterday], None, now, zone=BERLIN) == []
    assert missed([yesterday], now + timedelta(hours=1), now, zone=BERLIN) == []


def test_missed_lets_go_of_reminders_older_than_a_few_days(clock: FixedClock) -> None:
    now = clock.now()
    long_ago = _once(_activity(datetime(2026, 11, 10, 20, 0, tzinfo=BERLIN), minutes=(60,)))
    recent = _once(_activity(datetime(2026, 11, 21, 20, 0, tzinfo=BERLIN), minutes=(60,)))
    found = missed([long_ago, recent], now - timedelta(weeks=4), now, zone=BERLIN)
    assert [r.occurrence for r in found] == [recent]
    assert now - found[0].at < reminders.MISSED_LOOKBACK


def test_missed_skips_what_was_done_meanwhile(clock: FixedClock) -> None:
    now = clock.now()
    activity = _activity(datetime(2026, 11, 22, 20, 0, tzinfo=BERLIN), minutes=(60,))
    assert missed([_once(activity, Status.DONE)], now - timedelta(days=1), now, zone=BERLIN) == []


# --- one notice each, or a daily summary -----------------------------------------------------


def test_without_the_summary_every_reminder_is_its_own_notice() -> None:
    meetup = _once(_activity(datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=(10, 60)))
    found = due([meetup], _utc(2026, 12, 1, 0), _utc(2026, 12, 2, 0), zone=BERLIN)
    shown = notices(found, zone=BERLIN, options=ReminderOptions())
    assert [(n.at, n.day, len(n.reminders)) for n in shown] == [
        (found[0].at, None, 1),
        (found[1].at, None, 1),
    ]


def test_the_daily_summary_groups_a_day_at_eight_or_its_first_reminder() -> None:
    breakfast = _once(_activity(datetime(2026, 12, 1, 7, 30, tzinfo=BERLIN), minutes=(10,)))
    evening = _once(_activity(datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=(10, 60)))
    next_day = _once(_activity(datetime(2026, 12, 2, 18, 0, tzinfo=BERLIN), minutes=(60,)))
    found = due(
        [breakfast, evening, next_day], _utc(2026, 11, 30, 0), _utc(2026, 12, 3, 0), zone=BERLIN
    )
    summary = ReminderOptions(daily_summary=True)
    shown = notices(found, zone=BERLIN, options=summary)
    assert [
        (n.day, n.at.astimezone(BERLIN).strftime("%H:%M"), len(n.reminders)) for n in shown
    ] == [
        (date(2026, 12, 1), "07:20", 3),  # breakfast's reminder comes before eight
        (date(2026, 12, 2), "08:00", 1),
    ]


def test_an_activity_planned_after_its_days_summary_reminds_on_its_own() -> None:
    """Planned at noon for the evening, with the day's summary shown at eight: it would never
    be reminded. It comes on its own; the morning's summary is as it was."""
    evening = _once(_activity(datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=(60,)))
    walk = _activity(datetime(2026, 12, 1, 19, 0, tzinfo=BERLIN), minutes=(10,))
    walk = replace(walk, modified=_utc(2026, 12, 1, 11))  # noon in Berlin
    tomorrow = _activity(datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN), minutes=(60,))
    tomorrow = replace(tomorrow, modified=_utc(2026, 12, 1, 11))  # before tomorrow's summary
    found = due(
        [evening, _once(walk), _once(tomorrow)],
        _utc(2026, 11, 30, 0),
        _utc(2026, 12, 3, 0),
        zone=BERLIN,
    )
    shown = notices(found, zone=BERLIN, options=ReminderOptions(daily_summary=True))
    assert [
        (
            n.day,
            n.at.astimezone(BERLIN).strftime("%d %H:%M"),
            [r.occurrence.start.hour for r in n.reminders],
        )
        for n in shown
    ] == [
        (date(2026, 12, 1), "01 08:00", [18]),
        (None, "01 18:50", [19]),  # the walk, on its own
        (date(2026, 12, 2), "02 08:00", [9]),
    ]


def test_an_activity_planned_after_an_early_summary_reminds_on_its_own() -> None:
    """The summary came at six, with the day's first reminder: a walk planned at seven was in
    no summary, and must remind on its own."""
    early = _once(_activity(datetime(2026, 12, 1, 6, 10, tzinfo=BERLIN), minutes=(10,)))
    walk = _activity(datetime(2026, 12, 1, 12, 0, tzinfo=BERLIN), minutes=(10,))
    walk = replace(walk, modified=_utc(2026, 12, 1, 6))  # seven in Berlin
    found = due([early, _once(walk)], _utc(2026, 11, 30, 0), _utc(2026, 12, 2, 0), zone=BERLIN)
    shown = notices(found, zone=BERLIN, options=ReminderOptions(daily_summary=True))
    assert [
        (n.day, n.at.astimezone(BERLIN).strftime("%H:%M"), len(n.reminders)) for n in shown
    ] == [(date(2026, 12, 1), "06:00", 1), (None, "11:50", 1)]


# --- the choices an activity carries -------------------------------------------------------------


def test_category_defaults_apply_only_when_nothing_was_chosen() -> None:
    start = datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN)
    assert _activity(start, minutes=None, category=Category.MEETUP).reminders == (1440,)
    assert _activity(start, minutes=None, category=Category.APOLOGY).reminders == (1440,)
    assert _activity(start, minutes=(), category=Category.MEETUP).reminders == ()
    assert _activity(start, minutes=(60,), category=Category.MEETUP).reminders == (60,)
    assert _activity(date(2026, 12, 1), minutes=None, category=Category.SPACE).reminders == ()
    outing = _activity(date(2026, 12, 5), minutes=None, category=Category.OUTING)
    assert outing.reminders == (reminders.EVENING_BEFORE,)


def test_the_choice_survives_an_edit_of_the_activity() -> None:
    activity = _activity(datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=(10,))
    edited = validate_draft(replace(activity.draft(), title="Tea"), step_count=11)
    assert edited.reminders == (10,)
    assert activity.revised(edited, datetime(2026, 1, 2, tzinfo=UTC)).reminders == (10,)


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ((-1,), "up to four weeks"),
        ((reminders.MAX_MINUTES + 1,), "up to four weeks"),
        ((0, 10, 60, 120, 1440, 2880), "at most 5"),
    ],
)
def test_reminders_out_of_bounds_are_refused_plainly(
    minutes: tuple[int, ...], message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        _activity(datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=minutes)


def test_four_weeks_and_five_reminders_are_just_allowed() -> None:
    most = (0, 10, 60, 1440, reminders.MAX_MINUTES)
    activity = _activity(datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), minutes=(*most, 10))
    assert activity.reminders == most
