"""The calendar read path: sorted occurrences overlapping a window, or starting in it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Occurrence
from planner.domain.plans import Plan, PlanDraft
from planner.services.context import Services

from tests.zones import BERLIN, NEW_YORK


def timed(
    title: str, start: datetime, minutes: int = 60, rrule: str | None = None
) -> ActivityDraft:
    return ActivityDraft(
        title=title,
        category=Category.GROWTH,
        step=StepNumber(1),
        start=start,
        end=start + timedelta(minutes=minutes),
        all_day=False,
        zone="Europe/Berlin",
        rrule=rrule,
    )


def all_day(title: str, first: date, days: int) -> ActivityDraft:
    return ActivityDraft(
        title=title,
        category=Category.SPACE,
        step=StepNumber(1),
        start=first,
        end=first + timedelta(days=days),
        all_day=True,
        zone="Europe/Berlin",
    )


@pytest.fixture
def plan(services: Services) -> Plan:
    created, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 9), "Europe/Berlin")
    )
    for draft in [
        timed("Pottery", datetime(2026, 12, 2, 18, 30, tzinfo=BERLIN), 90),
        timed("Walk", datetime(2026, 12, 1, 7, 30, tzinfo=BERLIN), 30, rrule="FREQ=DAILY"),
        timed("Late call", datetime(2026, 11, 30, 23, 30, tzinfo=BERLIN), 60),
        all_day("Space period", date(2026, 11, 20), 21),
        all_day("Screen-free day", date(2026, 12, 2), 1),
        timed("Too early", datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN)),
        timed("Too late", datetime(2026, 12, 4, 9, 0, tzinfo=BERLIN)),
    ]:
        services.activities.create(created, draft)
    return created


def describe(found: list[Occurrence], zone: ZoneInfo = BERLIN) -> list[tuple[str, str]]:
    rows = []
    for occurrence in found:
        start = occurrence.start
        text = start.astimezone(zone).isoformat() if isinstance(start, datetime) else str(start)
        rows.append((occurrence.activity.title, text))
    return rows


def test_occurrences_overlapping_the_window_sorted(services: Services, plan: Plan) -> None:
    found = services.calendar.occurrences(plan, date(2026, 12, 1), date(2026, 12, 3))
    assert describe(found) == [
        ("Space period", "2026-11-20"),
        ("Late call", "2026-11-30T23:30:00+01:00"),
        ("Walk", "2026-12-01T07:30:00+01:00"),
        ("Screen-free day", "2026-12-02"),
        ("Walk", "2026-12-02T07:30:00+01:00"),
        ("Pottery", "2026-12-02T18:30:00+01:00"),
        ("Walk", "2026-12-03T07:30:00+01:00"),
    ]


def test_starting_in_excludes_what_began_before_the_window(services: Services, plan: Plan) -> None:
    found = services.calendar.starting_in(plan, date(2026, 12, 1), date(2026, 12, 3))
    titles = [occurrence.activity.title for occurrence in found]
    assert "Space period" not in titles
    assert "Late call" not in titles
    assert titles == ["Walk", "Screen-free day", "Walk", "Pottery", "Walk"]


def test_single_day_window_is_inclusive(services: Services, plan: Plan) -> None:
    found = services.calendar.starting_in(plan, date(2026, 12, 4), date(2026, 12, 4))
    assert describe(found) == [
        ("Walk", "2026-12-04T07:30:00+01:00"),
        ("Too late", "2026-12-04T09:00:00+01:00"),
    ]


def test_window_far_in_the_future_shows_only_the_endless_series(
    services: Services, plan: Plan
) -> None:
    found = services.calendar.occurrences(plan, date(2030, 6, 3), date(2030, 6, 4))
    assert describe(found) == [
        ("Walk", "2030-06-03T07:30:00+02:00"),
        ("Walk", "2030-06-04T07:30:00+02:00"),
    ]


def test_days_follow_the_plan_zone(services: Services) -> None:
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 9), "America/New_York")
    )
    # 01:00 on 2 December in Berlin is still 1 December in New York.
    services.activities.create(plan, timed("Night owl", datetime(2026, 12, 2, 1, 0, tzinfo=BERLIN)))
    on_first = services.calendar.starting_in(plan, date(2026, 12, 1), date(2026, 12, 1))
    assert describe(on_first, NEW_YORK) == [("Night owl", "2026-12-01T19:00:00-05:00")]
    assert services.calendar.starting_in(plan, date(2026, 12, 2), date(2026, 12, 2)) == []


def test_a_window_beyond_the_bound_names_the_series_it_cut(services: Services, plan: Plan) -> None:
    start = datetime(2026, 12, 1, 0, 0, tzinfo=BERLIN)
    hourly, _ = services.activities.create(plan, timed("Hourly stretch", start, 10, "FREQ=HOURLY"))
    window = services.calendar.window(plan, date(2026, 12, 1), date(2027, 5, 31))
    assert not window.complete
    assert [activity.uid for activity in window.truncated] == [hourly.uid]
    shown = [o for o in window.occurrences if o.activity.uid == hourly.uid]
    assert len(shown) == window.limit
    assert shown[0].start == start  # the first ones, so nothing near the start is missing
    assert {"Walk", "Pottery"} <= {o.activity.title for o in window.occurrences}
    week = services.calendar.window(plan, date(2026, 12, 1), date(2026, 12, 7))
    assert week.complete
    assert week.truncated == ()


def test_the_window_lists_what_occurrences_and_starting_in_return(
    services: Services, plan: Plan
) -> None:
    first, last = date(2026, 12, 1), date(2026, 12, 3)
    window = services.calendar.window(plan, first, last)
    assert list(window.occurrences) == services.calendar.occurrences(plan, first, last)
    starting = services.calendar.window(plan, first, last, starting_only=True)
    assert list(starting.occurrences) == services.calendar.starting_in(plan, first, last)
    assert window.complete and starting.complete
