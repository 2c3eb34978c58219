"""Moving a whole series: weekdays, month days and UNTIL follow the move; pinned days refuse."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from planner.domain import recurrence
from planner.domain.activities import Activity, ActivityDraft, create_activity, validate_draft
from planner.domain.ids import PlanId
from planner.domain.occurrences import Occurrence
from planner.domain.series_shift import series_moved, shifted_rule
from planner.errors import RecurrenceError

from tests.domain.test_recurrence import all_day, timed
from tests.zones import BERLIN, NOW


@pytest.mark.parametrize(
    ("rule", "days", "expected"),
    [
        ("FREQ=WEEKLY;BYDAY=MO,TH", 1, "FREQ=WEEKLY;BYDAY=TU,FR"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", -1, "FREQ=WEEKLY;BYDAY=SU,WE"),
        ("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8", 7, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", 3, "FREQ=MONTHLY;BYMONTHDAY=18"),
        ("FREQ=DAILY;UNTIL=20261220", 2, "FREQ=DAILY;UNTIL=20261222"),
        ("FREQ=WEEKLY;BYDAY=2TU", 0, "FREQ=WEEKLY;BYDAY=2TU"),  # a change of time only
        ("FREQ=YEARLY;BYMONTH=3", 0, "FREQ=YEARLY;BYMONTH=3"),
    ],
)
def test_a_rules_days_follow_the_move(rule: str, days: int, expected: str) -> None:
    assert shifted_rule(rule, days) == expected


def test_a_timed_until_moves_by_the_whole_shift() -> None:
    rule = "FREQ=DAILY;UNTIL=20261220T190000Z"
    shifted = shifted_rule(rule, 0, timedelta(hours=2))
    assert shifted == "FREQ=DAILY;UNTIL=20261220T210000Z"


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;BYDAY=2TU",  # the 2nd Tuesday: which week would change too
        "FREQ=MONTHLY;BYMONTHDAY=27",  # the 30th does not come every month
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=YEARLY;BYMONTH=3",
        "FREQ=YEARLY;BYYEARDAY=100",
    ],
)
def test_rules_pinning_days_refuse_to_move_by_days(rule: str) -> None:
    with pytest.raises(RecurrenceError, match="open it and change when it repeats"):
        shifted_rule(rule, 3)


def _occurrence_on(activity: Activity, day: date) -> Occurrence:
    (found,) = recurrence.expand(activity, day, day + timedelta(days=1), BERLIN)
    return found


def _stored(before: Activity, moved: ActivityDraft) -> Activity:
    """The moved draft as the services would store it (validated, same UID)."""
    clean = validate_draft(moved, step_count=11)
    return create_activity(clean, uid=before.uid, plan_id=PlanId(1), at=NOW)


def test_moving_one_of_a_weekly_series_to_another_day_moves_its_weekday() -> None:
    journal = timed(datetime(2026, 11, 4, 20, tzinfo=BERLIN), 30, rrule="FREQ=WEEKLY;BYDAY=WE")
    occurrence = _occurrence_on(journal, date(2026, 11, 25))
    thursday = datetime(2026, 11, 26, 19, tzinfo=BERLIN)
    moved = _stored(journal, series_moved(occurrence, thursday, thursday + timedelta(minutes=45)))
    assert moved.start == datetime(2026, 11, 5, 19, tzinfo=BERLIN)
    assert moved.rrule == "FREQ=WEEKLY;BYDAY=TH"
    later = recurrence.expand(moved, date(2026, 12, 1), date(2026, 12, 8), BERLIN)
    assert [(o.start, o.end - o.start) for o in later] == [
        (datetime(2026, 12, 3, 19, tzinfo=BERLIN), timedelta(minutes=45))
    ]


def test_a_series_moved_in_summer_keeps_its_wall_clock_time_in_winter() -> None:
    weekly = timed(datetime(2026, 3, 16, 9, tzinfo=BERLIN), 45, rrule="FREQ=WEEKLY;COUNT=4")
    after_change = _occurrence_on(weekly, date(2026, 3, 30))
    ten = datetime(2026, 3, 30, 10, tzinfo=BERLIN)
    moved = _stored(weekly, series_moved(after_change, ten, ten + timedelta(minutes=45)))
    starts = recurrence.expand(moved, date(2026, 3, 16), date(2026, 4, 7), BERLIN)
    assert [o.start.time() for o in starts] == [time(10)] * 4
    assert moved.rrule == "FREQ=WEEKLY;COUNT=4"


def test_a_timed_series_can_become_all_day_and_back() -> None:
    walk = timed(datetime(2026, 11, 4, 7, 30, tzinfo=BERLIN), 30, rrule="FREQ=WEEKLY;COUNT=5")
    occurrence = _occurrence_on(walk, date(2026, 11, 25))
    whole = _stored(walk, series_moved(occurrence, date(2026, 11, 26), date(2026, 11, 27)))
    assert (whole.all_day, whole.start, whole.end) == (True, date(2026, 11, 5), date(2026, 11, 6))
    back_on = _occurrence_on(whole, date(2026, 11, 26))
    nine = datetime(2026, 11, 26, 9, tzinfo=BERLIN)
    timed_again = _stored(whole, series_moved(back_on, nine, nine + timedelta(hours=1)))
    assert timed_again.start == datetime(2026, 11, 5, 9, tzinfo=BERLIN)
    assert not timed_again.all_day


def test_an_all_day_series_moves_by_days() -> None:
    space = all_day(date(2026, 11, 2), 2, rrule="FREQ=WEEKLY;BYDAY=MO;UNTIL=20261130")
    occurrence = _occurrence_on(space, date(2026, 11, 23))
    moved = _stored(space, series_moved(occurrence, date(2026, 11, 25), date(2026, 11, 28)))
    assert (moved.start, moved.end) == (date(2026, 11, 4), date(2026, 11, 7))
    assert moved.rrule == "FREQ=WEEKLY;UNTIL=20261202;BYDAY=WE"
