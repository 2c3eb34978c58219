"""Instances of a series changed on their own (RECURRENCE-ID): where and how they show."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from planner.domain import recurrence
from planner.domain.activities import Activity, OccurrenceOverride, validate_draft
from planner.errors import InvalidInputError

from tests.domain.test_recurrence import all_day, timed
from tests.zones import BERLIN

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=BERLIN)


def _weekly_with(*overrides: OccurrenceOverride) -> Activity:
    series = timed(MONDAY, 60, rrule="FREQ=WEEKLY;COUNT=4")
    draft = replace(series.draft(), overrides=overrides)
    return replace(series, overrides=validate_draft(draft, step_count=11).overrides)


def test_a_moved_instance_shows_at_its_new_time_and_not_at_the_old_one() -> None:
    moved = OccurrenceOverride(
        recurrence_id=datetime(2026, 11, 9, 9, 0),
        start=datetime(2026, 11, 11, 18, 0, tzinfo=BERLIN),
        end=datetime(2026, 11, 11, 19, 30, tzinfo=BERLIN),
        title="Journaling, in the evening",
    )
    series = _weekly_with(moved)
    found = recurrence.expand(series, date(2026, 11, 9), date(2026, 11, 16), BERLIN)
    assert [(o.start, o.title) for o in found] == [
        (datetime(2026, 11, 11, 18, 0, tzinfo=BERLIN), "Journaling, in the evening")
    ]
    assert found[0].recurrence_id == datetime(2026, 11, 9, 9, 0, tzinfo=BERLIN)
    assert found[0].override == moved


def test_an_instance_moved_into_another_week_shows_there() -> None:
    moved = OccurrenceOverride(
        recurrence_id=datetime(2026, 11, 9, 9, 0),
        start=datetime(2026, 11, 4, 9, 0, tzinfo=BERLIN),
        end=datetime(2026, 11, 4, 10, 0, tzinfo=BERLIN),
        title="Journaling",
    )
    first_week = recurrence.expand(
        _weekly_with(moved), date(2026, 11, 2), date(2026, 11, 9), BERLIN
    )
    assert [o.start.day for o in first_week] == [2, 4]  # type: ignore[union-attr]
    second_week = recurrence.expand(
        _weekly_with(moved), date(2026, 11, 9), date(2026, 11, 16), BERLIN
    )
    assert second_week == []


def test_unchanged_instances_keep_the_series_title() -> None:
    moved = OccurrenceOverride(
        recurrence_id=datetime(2026, 11, 9, 9, 0),
        start=datetime(2026, 11, 9, 10, 0, tzinfo=BERLIN),
        end=datetime(2026, 11, 9, 11, 0, tzinfo=BERLIN),
        title="Later today",
    )
    found = recurrence.expand(_weekly_with(moved), date(2026, 11, 1), date(2026, 12, 1), BERLIN)
    assert [o.title for o in found] == ["Journaling", "Later today", "Journaling", "Journaling"]


def test_an_aware_recurrence_id_is_stored_as_wall_clock_time() -> None:
    moved = OccurrenceOverride(
        recurrence_id=datetime(2026, 11, 9, 8, 0, tzinfo=UTC),  # 09:00 in Berlin
        start=datetime(2026, 11, 9, 10, 0, tzinfo=BERLIN),
        end=datetime(2026, 11, 9, 11, 0, tzinfo=BERLIN),
        title="x",
    )
    (stored,) = _weekly_with(moved).overrides
    assert stored.recurrence_id == datetime(2026, 11, 9, 9, 0)


def test_an_override_ending_before_it_starts_is_refused() -> None:
    broken = OccurrenceOverride(
        recurrence_id=datetime(2026, 11, 9, 9, 0),
        start=datetime(2026, 11, 9, 10, 0, tzinfo=BERLIN),
        end=datetime(2026, 11, 9, 9, 0, tzinfo=BERLIN),
        title="x",
    )
    with pytest.raises(InvalidInputError, match="ends before it starts"):
        _weekly_with(broken)


def test_all_day_series_overrides_use_dates() -> None:
    series = all_day(date(2026, 11, 7), 1, rrule="FREQ=WEEKLY;COUNT=3")
    moved = OccurrenceOverride(
        recurrence_id=date(2026, 11, 14),
        start=date(2026, 11, 15),
        end=date(2026, 11, 16),
        title="Quiet Sunday instead",
    )
    draft = replace(series.draft(), overrides=(moved,))
    series = replace(series, overrides=validate_draft(draft, step_count=11).overrides)
    found = recurrence.expand(series, date(2026, 11, 1), date(2026, 12, 1), BERLIN)
    assert [(o.start, o.title) for o in found] == [
        (date(2026, 11, 7), "Space period"),
        (date(2026, 11, 15), "Quiet Sunday instead"),
        (date(2026, 11, 21), "Space period"),
    ]
    assert found[1].end - found[1].start == timedelta(days=1)  # type: ignore[operator]


def test_an_instance_moved_into_the_spring_forward_gap_is_kept_at_the_time_that_exists() -> None:
    # A series keeps a start in the gap for its later days; one changed instance is a one-off.
    in_gap = datetime(2026, 3, 29, 2, 30, tzinfo=BERLIN)  # no 02:30 that night in Berlin
    moved = OccurrenceOverride(
        recurrence_id=datetime(2026, 11, 9, 9, 0),
        start=in_gap,
        end=(in_gap.astimezone(UTC) + timedelta(minutes=30)).astimezone(BERLIN),
        title="Journaling",
    )
    (kept,) = _weekly_with(moved).overrides
    assert (kept.start.hour, kept.start.minute) == (3, 30)
    assert kept.end - kept.start == timedelta(minutes=30)
