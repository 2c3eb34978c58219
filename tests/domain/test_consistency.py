"""The kind consistency measure: a smoothed score, active weeks, breaks that count for nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from planner.domain.activities import Activity, ActivityDraft, create_activity
from planner.domain.categories import Category
from planner.domain.consistency import (
    MULTIPLIER,
    ActiveWeeks,
    DayTally,
    Pause,
    active_weeks,
    is_paused,
    recent_week_starts,
    smoothed_score,
    tally,
    week_start,
)
from planner.domain.ids import ActivityUid, PlanId, StepNumber
from planner.domain.occurrences import Occurrence, Status

from tests.zones import BERLIN, NOW

START = date(2026, 9, 7)  # a Monday
TODAY = date(2026, 11, 23)  # the fixed clock's Monday


def _days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=offset) for offset in range(count)]


def _all_done(days: list[date]) -> dict[date, DayTally]:
    return {day: DayTally(due=1, done=1) for day in days}


def _walk() -> Activity:
    begin = datetime(2026, 11, 16, 7, 30, tzinfo=BERLIN)
    draft = ActivityDraft(
        title="Morning walk", category=Category.SELF_CARE, step=StepNumber(4), start=begin,
        end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
    )  # fmt: skip
    return create_activity(draft, uid=ActivityUid("walk@test"), plan_id=PlanId(1), at=NOW)


def _walk_on(day: date, status: Status = Status.PLANNED) -> Occurrence:
    begin = datetime.combine(day, datetime.min.time(), tzinfo=BERLIN).replace(hour=7, minute=30)
    return Occurrence(_walk(), begin, begin + timedelta(minutes=30), begin, status)


# -- the smoothed score ------------------------------------------------------------------------


def test_a_long_run_of_done_days_builds_a_strong_score() -> None:
    days = _days(START, 60)
    score = smoothed_score(_all_done(days), [], until=days[-1])
    assert 0.9 < score <= 1.0


def test_one_missed_day_after_a_good_run_moves_the_score_only_a_little() -> None:
    days = _days(START, 60)
    tallies = _all_done(days)
    before = smoothed_score(tallies, [], until=days[-1])
    tallies[days[-1] + timedelta(days=1)] = DayTally(due=1, done=0)
    after = smoothed_score(tallies, [], until=days[-1] + timedelta(days=1))
    assert after < before
    assert before - after < 0.06  # about 5% of the score, never a reset
    assert after == pytest.approx(before * MULTIPLIER)


def test_the_score_climbs_back_after_a_missed_day() -> None:
    days = _days(START, 30)
    tallies = _all_done(days)
    tallies[days[10]] = DayTally(due=1, done=0)
    with_miss = smoothed_score(tallies, [], until=days[-1])
    without = smoothed_score(_all_done(days), [], until=days[-1])
    assert without - with_miss < 0.03  # twenty good days later the miss has nearly faded


def test_a_day_with_nothing_due_changes_nothing() -> None:
    days = _days(START, 10)
    tallies = _all_done(days)
    score = smoothed_score(tallies, [], until=days[-1])
    tallies[days[-1] + timedelta(days=3)] = DayTally(due=0, done=0)
    assert smoothed_score(tallies, [], until=days[-1] + timedelta(days=5)) == score


def test_half_done_days_count_half() -> None:
    days = _days(START, 200)
    tallies = {day: DayTally(due=2, done=1) for day in days}
    assert smoothed_score(tallies, [], until=days[-1]) == pytest.approx(0.5, abs=0.01)


def test_days_after_until_are_not_counted() -> None:
    days = _days(START, 10)
    tallies = _all_done(days)
    assert smoothed_score(tallies, [], until=days[4]) == smoothed_score(
        _all_done(days[:5]), [], until=days[-1]
    )


def test_a_new_plan_with_nothing_done_scores_zero() -> None:
    assert smoothed_score({}, [], until=TODAY) == 0.0


# -- breaks ------------------------------------------------------------------------------------


def test_a_break_neither_raises_nor_lowers_the_score() -> None:
    before_break = _days(START, 20)
    tallies = _all_done(before_break)
    score = smoothed_score(tallies, [], until=before_break[-1])
    break_days = _days(before_break[-1] + timedelta(days=1), 14)
    pause = Pause(break_days[0], break_days[-1] + timedelta(days=1))
    missed = {day: DayTally(due=3, done=0) for day in break_days}
    assert smoothed_score(tallies | missed, [pause], until=break_days[-1]) == score
    done = {day: DayTally(due=1, done=1) for day in break_days}
    assert smoothed_score(tallies | done, [pause], until=break_days[-1]) == score


def test_an_ongoing_break_covers_every_day_from_its_start() -> None:
    pause = Pause(date(2026, 11, 10))
    assert pause.ongoing
    assert is_paused(date(2026, 11, 10), [pause])
    assert is_paused(date(2027, 1, 1), [pause])
    assert not is_paused(date(2026, 11, 9), [pause])


def test_a_break_ends_before_its_end_day() -> None:
    pause = Pause(date(2026, 11, 10), date(2026, 11, 12))
    assert [is_paused(day, [pause]) for day in _days(date(2026, 11, 9), 4)] == [
        False, True, True, False,
    ]  # fmt: skip


def test_days_after_a_break_count_again() -> None:
    days = _days(START, 10)
    pause = Pause(days[2], days[5])
    tallies = {day: DayTally(due=1, done=0) for day in days}
    counted = smoothed_score({day: tallies[day] for day in days[:2] + days[5:]}, [], until=TODAY)
    assert smoothed_score(tallies, [pause], until=TODAY) == counted


# -- tallies from occurrences ------------------------------------------------------------------


def test_done_planned_and_skipped_occurrences_tally_kindly() -> None:
    occurrences = [
        _walk_on(date(2026, 11, 20), Status.DONE),
        _walk_on(date(2026, 11, 21), Status.SKIPPED),  # a choice, not a miss
        _walk_on(date(2026, 11, 22)),  # missed
        _walk_on(TODAY),  # still ahead today: not missed yet
        _walk_on(TODAY + timedelta(days=1)),
    ]
    assert tally(occurrences, BERLIN, TODAY) == {
        date(2026, 11, 20): DayTally(due=1, done=1),
        date(2026, 11, 22): DayTally(due=1, done=0),
    }


def test_something_done_today_counts_today() -> None:
    assert tally([_walk_on(TODAY, Status.DONE)], BERLIN, TODAY) == {TODAY: DayTally(1, 1)}


def test_an_occurrence_done_then_undone_scores_as_if_never_done() -> None:
    days = _days(date(2026, 11, 1), 22)
    planned = [_walk_on(day) for day in days]
    untouched = smoothed_score(tally(planned, BERLIN, TODAY), [], until=TODAY)
    done = [*planned[:-1], replace(planned[-1], status=Status.DONE)]
    raised = smoothed_score(tally(done, BERLIN, TODAY), [], until=TODAY)
    undone = [*done[:-1], replace(done[-1], status=Status.PLANNED)]
    assert raised > untouched
    assert smoothed_score(tally(undone, BERLIN, TODAY), [], until=TODAY) == untouched


# -- active weeks ------------------------------------------------------------------------------


def test_active_in_three_of_the_last_four_weeks() -> None:
    done = [TODAY, TODAY - timedelta(days=8), TODAY - timedelta(days=15)]
    assert active_weeks(done, [], today=TODAY, first_day=START) == ActiveWeeks(3, 4)


def test_weeks_are_the_charts_calendar_weeks() -> None:
    """As the chart under the headline counts them (a trial read "3 of your first 3 weeks"
    over an empty "This week" that was the fourth)."""
    sunday = TODAY - timedelta(days=1)  # last week's last day
    assert active_weeks([sunday], [], today=TODAY, first_day=START) == ActiveWeeks(1, 4)
    eight_days = TODAY - timedelta(days=8)  # the week before that
    assert active_weeks([eight_days], [], today=TODAY, first_day=START) == ActiveWeeks(1, 4)
    # Weeks beginning on Sundays: that Sunday is this week's first day.
    assert active_weeks([sunday], [], today=TODAY, first_day=START, first_weekday=6) == ActiveWeeks(
        1, 4
    )


def test_weeks_begin_on_the_day_the_person_s_calendar_begins_them() -> None:
    """A weekend's Saturday and Sunday: one week when weeks begin on Monday, two (Sunday
    being this week's first day) when they begin on Sunday."""
    weekend = [TODAY - timedelta(days=2), TODAY - timedelta(days=1)]
    assert active_weeks(weekend, [], today=TODAY, first_day=START) == ActiveWeeks(1, 4)
    assert active_weeks(weekend, [], today=TODAY, first_day=START, first_weekday=6) == ActiveWeeks(
        2, 4
    )


def test_this_week_counts_once_something_is_done_in_it() -> None:
    """Until it is over, this week cannot count against anyone: on a Wednesday with nothing
    done yet, the four weeks before it are the ones counted."""
    wednesday = TODAY + timedelta(days=2)
    assert active_weeks([], [], today=wednesday, first_day=START) == ActiveWeeks(0, 4)
    assert active_weeks([TODAY], [], today=wednesday, first_day=START) == ActiveWeeks(1, 4)
    last_week = [TODAY - timedelta(days=3)]
    assert active_weeks(last_week, [], today=wednesday, first_day=START) == ActiveWeeks(1, 4)
    both = [*last_week, wednesday]
    assert active_weeks(both, [], today=wednesday, first_day=START) == ActiveWeeks(2, 4)


def test_a_new_plan_is_measured_against_the_weeks_it_has_had() -> None:
    first_day = TODAY - timedelta(days=9)  # the Saturday two weeks ago
    assert active_weeks([first_day], [], today=TODAY, first_day=first_day) == ActiveWeeks(1, 2)
    assert active_weeks([], [], today=TODAY, first_day=TODAY) == ActiveWeeks(0, 0)
    assert active_weeks([TODAY], [], today=TODAY, first_day=TODAY) == ActiveWeeks(1, 1)


def test_a_week_spent_on_a_break_is_passed_over() -> None:
    pause = Pause(TODAY - timedelta(days=14), TODAY - timedelta(days=7))  # the week of 9 Nov
    done = [TODAY, TODAY - timedelta(days=15), TODAY - timedelta(days=22)]
    assert active_weeks(done, [pause], today=TODAY, first_day=START) == ActiveWeeks(3, 4)
    assert active_weeks(done, [], today=TODAY, first_day=START) == ActiveWeeks(2, 4)
    assert active_weeks(done[:1], [pause], today=TODAY, first_day=START) == ActiveWeeks(1, 4)


def test_during_a_long_break_the_weeks_before_it_are_shown() -> None:
    pause = Pause(TODAY - timedelta(days=40))
    done = [TODAY - timedelta(days=45)]
    assert active_weeks(done, [pause], today=TODAY, first_day=START) == ActiveWeeks(1, 4)


# -- weeks for the chart -----------------------------------------------------------------------


def test_recent_weeks_start_on_mondays_and_end_with_this_week() -> None:
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)
    starts = recent_week_starts(date(2026, 11, 26), 12)
    assert len(starts) == 12
    assert starts[-1] == date(2026, 11, 23)
    assert starts[0] == date(2026, 9, 7)
    assert all(day.weekday() == 0 for day in starts)


def test_a_young_plan_charts_only_the_weeks_since_it_began() -> None:
    assert recent_week_starts(date(2026, 11, 26), 12, since=date(2026, 11, 11)) == [
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
    ]
    assert len(recent_week_starts(date(2026, 11, 26), 12, since=date(2025, 1, 1))) == 12
    # A plan that begins next week still has this week to show.
    assert recent_week_starts(date(2026, 11, 26), 12, since=date(2026, 12, 7)) == [
        date(2026, 11, 23)
    ]
