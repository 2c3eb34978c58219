"""A change made on one day of a series, saved for all of it or from that day on: the series
it gives, and which of its days is the one edited (domain.day_edits)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from planner.domain import day_edits, recurrence
from planner.domain.activities import Activity, OccurrenceOverride
from planner.domain.occurrences import Occurrence

from tests.domain.test_recurrence import timed
from tests.zones import BERLIN

#: A weekly run on Wednesdays at 18:00, four times from 4 November 2026.
RUN_START = datetime(2026, 11, 4, 18, 0, tzinfo=BERLIN)


def _run() -> Activity:
    return timed(RUN_START, 30, rrule="FREQ=WEEKLY;COUNT=4")


def _on(activity: Activity, day: date) -> Occurrence:
    (found,) = recurrence.expand(activity, day, day + timedelta(days=1), BERLIN)
    return found


def _days(activity: Activity, draft: object) -> list[date]:
    saved = replace(activity, start=draft.start, end=draft.end, rrule=draft.rrule)  # type: ignore[attr-defined]
    return [o.first_day(BERLIN) for o in recurrence.expand(
        saved, date(2026, 9, 1), date(2027, 6, 1), BERLIN)]  # fmt: skip


def test_a_new_date_moves_every_day_as_that_one_moved_and_names_it() -> None:
    run = _run()
    third = _on(run, date(2026, 11, 18))
    thursday = datetime(2026, 11, 19, 18, 0, tzinfo=BERLIN)
    change = day_edits.DayChange(
        day=replace(run.draft(), start=thursday, end=thursday + timedelta(minutes=30)),
        date_moved=True,
    )
    series, name = day_edits.saved_for(run, third, change, following=False)
    assert _days(run, series) == [date(2026, 11, d) for d in (5, 12, 19, 26)]
    assert name == thursday
    # What the editor shows is what is saved (a review: they had differed).
    assert day_edits.moved_with(run, third, change, following=False).rrule == series.rrule


def test_a_repeat_changed_by_hand_keeps_the_series_first_day() -> None:
    """A review: Thursdays chosen on the third Wednesday, its date untouched, left that
    Wednesday behind as a day of its own; with the date moved too, the first week was lost
    and the day edited showed twice."""
    run = _run()
    third = _on(run, date(2026, 11, 18))
    change = day_edits.DayChange(
        day=replace(run.draft(), start=third.start, end=third.end,
                    rrule="FREQ=WEEKLY;COUNT=4;BYDAY=TH"),
        repeat_changed=True,
    )  # fmt: skip
    series, name = day_edits.saved_for(run, third, change, following=False)
    assert _days(run, series) == [date(2026, 11, d) for d in (5, 12, 19, 26)]
    assert name is None  # nothing of its own to keep: it is one of the Thursdays

    thursday = datetime(2026, 11, 19, 18, 0, tzinfo=BERLIN)
    change = day_edits.DayChange(
        day=replace(run.draft(), start=thursday, end=thursday + timedelta(minutes=30),
                    rrule="FREQ=WEEKLY;COUNT=5;BYDAY=WE"),
        repeat_changed=True, date_moved=True,
    )  # fmt: skip
    series, name = day_edits.saved_for(run, third, change, following=False)
    assert _days(run, series)[:2] == [date(2026, 11, 4), date(2026, 11, 11)]  # kept
    assert name == datetime(2026, 11, 18, 18, 0, tzinfo=BERLIN)  # then pinned to Thursday


def test_a_date_alone_moved_on_a_spring_forward_day_keeps_the_series_time() -> None:
    """A review: the day shows 03:30 on the night the clocks skip 02:30; its date alone
    moved, saved for all, had put every 02:30 at 03:30."""
    walk = timed(datetime(2027, 3, 14, 2, 30, tzinfo=BERLIN), 30, rrule="FREQ=WEEKLY;COUNT=4")
    skipped = _on(walk, date(2027, 3, 28))
    assert isinstance(skipped.start, datetime) and skipped.start.time() == time(3, 30)
    monday = skipped.start + timedelta(days=1)
    change = day_edits.DayChange(
        day=replace(walk.draft(), start=monday, end=monday + timedelta(minutes=30)),
        date_moved=True,
    )
    series, _ = day_edits.saved_for(walk, skipped, change, following=False)
    assert series.start == datetime(2027, 3, 15, 2, 30, tzinfo=BERLIN)


def test_a_last_weekday_moved_reads_the_same_in_the_editor_and_saved() -> None:
    """A review: the editor said "the last Thursday" and "the 1st Thursday" was saved."""
    last = timed(datetime(2026, 9, 30, 19, 0, tzinfo=BERLIN), 60, rrule="FREQ=MONTHLY;BYDAY=-1WE")
    november = _on(last, date(2026, 11, 25))
    thursday = datetime(2026, 11, 26, 19, 0, tzinfo=BERLIN)
    change = day_edits.DayChange(
        day=replace(last.draft(), start=thursday, end=thursday + timedelta(hours=1)),
        date_moved=True,
    )
    shown = day_edits.moved_with(last, november, change, following=False)
    saved, _ = day_edits.saved_for(last, november, change, following=False)
    assert shown.rrule == saved.rrule
    assert _days(last, saved)[:3] == [date(2026, 9, 24), date(2026, 10, 29), date(2026, 11, 26)]


def _last_wednesdays(rrule: str = "FREQ=MONTHLY;BYDAY=-1WE") -> Activity:
    return timed(datetime(2026, 9, 30, 19, 0, tzinfo=BERLIN), 60, rrule=rrule)


def _to(day: Activity, occurrence: Occurrence, start: datetime) -> day_edits.DayChange:
    return day_edits.DayChange(
        day=replace(day.draft(), start=start, end=start + timedelta(hours=1)),
        date_moved=start.date() != occurrence.first_day(BERLIN),
        time_moved=isinstance(occurrence.start, datetime)
        and start.time() != occurrence.start.astimezone(BERLIN).time(),
    )


def test_a_time_alone_changed_on_a_last_wednesday_moved_apart_keeps_wednesdays() -> None:
    """A review: that day had been moved on its own to the Thursday; its time alone changed,
    saved for all, had made every last Wednesday a last Thursday."""
    last = _last_wednesdays()
    moved = datetime(2026, 11, 26, 19, 0, tzinfo=BERLIN)
    last = replace(last, overrides=(OccurrenceOverride(
        recurrence_id=datetime(2026, 11, 25, 19, 0), start=moved, end=moved + timedelta(hours=1),
        title=last.title),))  # fmt: skip
    apart = _on(last, date(2026, 11, 26))
    series, _ = day_edits.saved_for(
        last, apart, _to(last, apart, moved + timedelta(minutes=30)), following=False
    )
    assert series.rrule == "FREQ=MONTHLY;BYDAY=-1WE"


def test_a_last_wednesday_made_thursday_keeps_its_end_and_every_day() -> None:
    """A review: the end moved as far as the series' first day (6 days back), not as each
    day (1 on): the last one was lost."""
    last = _last_wednesdays("FREQ=MONTHLY;UNTIL=20261230T225959Z;BYDAY=-1WE")
    november = _on(last, date(2026, 11, 25))
    thursday = datetime(2026, 11, 26, 19, 0, tzinfo=BERLIN)
    series, _ = day_edits.saved_for(last, november, _to(last, november, thursday), following=False)
    assert _days(last, series) == [
        date(2026, 9, 24), date(2026, 10, 29), date(2026, 11, 26), date(2026, 12, 31)
    ]  # fmt: skip


def test_a_repeat_changed_after_following_a_last_weekday_is_not_doubled() -> None:
    """A review: from that day on, the part began 19 November, and the day edited showed
    twice once pinned."""
    last = _last_wednesdays()
    november = _on(last, date(2026, 11, 25))
    thursday = datetime(2026, 11, 26, 19, 0, tzinfo=BERLIN)
    change = replace(
        _to(last, november, thursday), repeat_changed=True, repeat_followed=True,
        day=replace(_to(last, november, thursday).day, rrule="FREQ=WEEKLY;BYDAY=TH"),
    )  # fmt: skip
    tail, name = day_edits.saved_for(last, november, change, following=True)
    assert tail.start == thursday and name == thursday


def test_a_series_moved_onto_the_spring_forward_day_keeps_its_0230() -> None:
    """A review: its first day landing on the night the clocks skip 02:30 moved every day of
    the series to 03:30."""
    saturdays = timed(datetime(2026, 3, 28, 2, 30, tzinfo=BERLIN), 30, rrule="FREQ=WEEKLY")
    april = _on(saturdays, date(2026, 4, 4))
    change = day_edits.DayChange(
        day=replace(saturdays.draft(), start=april.start + timedelta(days=1),
                    end=april.end + timedelta(days=1)),
        date_moved=True,
    )  # fmt: skip
    series, _ = day_edits.saved_for(saturdays, april, change, following=False)
    later = [o.start.astimezone(BERLIN).time() for o in recurrence.expand(
        replace(saturdays, start=series.start, end=series.end, rrule=series.rrule),
        date(2026, 4, 5), date(2026, 4, 20), BERLIN)]  # fmt: skip
    assert later == [time(2, 30)] * 3
