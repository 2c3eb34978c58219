"""Month-grid arithmetic without Qt: visible days, cells and hit tests, lanes and "+N more"."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from planner.ui.calendar import geometry
from planner.ui.calendar.geometry import GridMetrics, Placed, Rect, Span

MONDAY = 0
SUNDAY = 6
NOVEMBER_2026 = geometry.month_days(2026, 11, MONDAY)  # Mon 26 Oct .. Sun 6 Dec


def _week_of(day: date) -> int:
    return (day - NOVEMBER_2026[0]).days // geometry.DAYS_PER_WEEK


# -- month_days ------------------------------------------------------------------------------


def test_monday_first_grid_starts_on_the_monday_before_the_first() -> None:
    days = geometry.month_days(2026, 11, MONDAY)
    assert len(days) == 42
    assert days[0] == date(2026, 10, 26)
    assert days[-1] == date(2026, 12, 6)
    assert all(b - a == timedelta(days=1) for a, b in itertools.pairwise(days))
    assert {d.weekday() for d in days[:: geometry.DAYS_PER_WEEK]} == {MONDAY}


def test_sunday_first_grid_starts_on_a_sunday() -> None:
    days = geometry.month_days(2026, 11, SUNDAY)
    # 1 November 2026 is a Sunday: no leading days from October.
    assert days[0] == date(2026, 11, 1)
    assert days[-1] == date(2026, 12, 12)
    assert {d.weekday() for d in days[:: geometry.DAYS_PER_WEEK]} == {SUNDAY}


@pytest.mark.parametrize(
    ("year", "month", "first_weekday", "first_shown"),
    [
        (2027, 2, MONDAY, date(2027, 2, 1)),  # starts on a Monday: no leading days
        (2027, 2, SUNDAY, date(2027, 1, 31)),
        (2026, 12, MONDAY, date(2026, 11, 30)),
        (2027, 1, MONDAY, date(2026, 12, 28)),  # crosses the year
        (2024, 3, SUNDAY, date(2024, 2, 25)),  # leap February trails into March's grid
    ],
)
def test_month_days_first_shown_day(
    year: int, month: int, first_weekday: int, first_shown: date
) -> None:
    days = geometry.month_days(year, month, first_weekday)
    assert days[0] == first_shown
    assert days[0].weekday() == first_weekday
    assert date(year, month, 1) in days[:7]
    assert len(days) == geometry.WEEKS_SHOWN * geometry.DAYS_PER_WEEK


def test_every_day_of_every_month_is_shown() -> None:
    for first_weekday in range(7):
        for month in range(1, 13):
            days = set(geometry.month_days(2026, month, first_weekday))
            day = date(2026, month, 1)
            while day.month == month:
                assert day in days
                day += timedelta(days=1)


# -- GridMetrics ----------------------------------------------------------------------------


def test_cells_divide_the_area_below_the_header() -> None:
    metrics = GridMetrics(700.0, 448.0, 28.0)
    assert metrics.cell_width == 100.0
    assert metrics.cell_height == 70.0
    assert metrics.cell(0, 0) == Rect(0.0, 28.0, 100.0, 70.0)
    assert metrics.cell(5, 6) == Rect(600.0, 378.0, 100.0, 70.0)
    bottom_right = metrics.cell(5, 6)
    assert bottom_right.x + bottom_right.width == 700.0
    assert bottom_right.y + bottom_right.height == 448.0


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (0.0, 28.0, (0, 0)),
        (99.9, 97.9, (0, 0)),
        (100.0, 98.0, (1, 1)),
        (650.0, 440.0, (5, 6)),
        (350.0, 200.0, (2, 3)),
        (10.0, 27.9, None),  # header band
        (-1.0, 100.0, None),
        (700.0, 100.0, None),  # right edge is outside
        (10.0, 448.0, None),  # below the last row
    ],
)
def test_cell_at(x: float, y: float, expected: tuple[int, int] | None) -> None:
    assert GridMetrics(700.0, 448.0, 28.0).cell_at(x, y) == expected


def test_cell_at_round_trips_every_cell_centre() -> None:
    metrics = GridMetrics(913.0, 611.0, 28.0)
    for row in range(geometry.WEEKS_SHOWN):
        for col in range(geometry.DAYS_PER_WEEK):
            cell = metrics.cell(row, col)
            assert metrics.cell_at(cell.x + cell.width / 2, cell.y + cell.height / 2) == (row, col)
            assert cell.contains(cell.x, cell.y)
            assert not cell.contains(cell.x + cell.width, cell.y)


def test_a_grid_too_short_for_cells_has_none() -> None:
    metrics = GridMetrics(700.0, 20.0, 28.0)
    assert metrics.cell_height == 0.0
    assert metrics.cell_at(10.0, 30.0) is None


# -- layout_month ---------------------------------------------------------------------------


def test_items_on_one_day_take_lanes_in_the_callers_order() -> None:
    day = date(2026, 11, 25)
    spans = [Span(key, day, day) for key in range(3)]
    layout = geometry.layout_month(NOVEMBER_2026, spans, lanes=4)
    assert layout.more == {}
    assert [(p.key, p.lane) for p in layout.placed] == [(0, 0), (1, 1), (2, 2)]
    row, col = divmod((day - NOVEMBER_2026[0]).days, 7)
    assert all((p.row, p.first_col, p.last_col) == (row, col, col) for p in layout.placed)
    assert not any(p.continues_before or p.continues_after for p in layout.placed)


def test_longer_items_claim_the_top_lanes() -> None:
    day = date(2026, 11, 25)
    spans = [
        Span(0, day, day),
        Span(1, date(2026, 11, 24), date(2026, 11, 26)),
    ]
    layout = geometry.layout_month(NOVEMBER_2026, spans, lanes=3)
    lanes = {p.key: p.lane for p in layout.placed}
    assert lanes == {1: 0, 0: 1}


def test_items_that_do_not_overlap_share_a_lane() -> None:
    spans = [
        Span(0, date(2026, 11, 23), date(2026, 11, 24)),
        Span(1, date(2026, 11, 25), date(2026, 11, 26)),
    ]
    layout = geometry.layout_month(NOVEMBER_2026, spans, lanes=2)
    assert [p.lane for p in layout.placed] == [0, 0]


def test_a_span_across_week_rows_is_cut_into_open_ended_bars() -> None:
    # Fri 20 Nov .. Tue 8 Dec: the end lies outside the visible grid (last day 6 Dec).
    span = Span(7, date(2026, 11, 20), date(2026, 12, 8))
    layout = geometry.layout_month(NOVEMBER_2026, [span], lanes=3)
    assert layout.placed == (
        Placed(7, 3, 4, 6, 0, continues_before=False, continues_after=True),
        Placed(7, 4, 0, 6, 0, continues_before=True, continues_after=True),
        Placed(7, 5, 0, 6, 0, continues_before=True, continues_after=True),
    )
    assert layout.more == {}


def test_a_span_starting_before_the_grid_continues_before() -> None:
    span = Span(1, date(2026, 10, 20), date(2026, 10, 27))
    layout = geometry.layout_month(NOVEMBER_2026, [span], lanes=3)
    assert layout.placed == (Placed(1, 0, 0, 1, 0, continues_before=True, continues_after=False),)


def test_a_span_ending_on_a_sunday_does_not_continue() -> None:
    span = Span(1, date(2026, 11, 16), date(2026, 11, 22))
    layout = geometry.layout_month(NOVEMBER_2026, [span], lanes=3)
    assert layout.placed == (Placed(1, 3, 0, 6, 0, continues_before=False, continues_after=False),)


def test_spans_outside_the_grid_are_not_placed() -> None:
    spans = [
        Span(0, date(2026, 10, 1), date(2026, 10, 25)),
        Span(1, date(2026, 12, 7), date(2026, 12, 7)),
    ]
    layout = geometry.layout_month(NOVEMBER_2026, spans, lanes=3)
    assert layout.placed == ()
    assert layout.more == {}


def test_a_crowded_day_shows_lanes_minus_one_and_counts_the_rest() -> None:
    day = date(2026, 11, 25)
    spans = [Span(key, day, day) for key in range(8)]
    layout = geometry.layout_month(NOVEMBER_2026, spans, lanes=3)
    assert [p.key for p in layout.placed] == [0, 1]
    assert [p.lane for p in layout.placed] == [0, 1]
    assert layout.more == {day: 6}


def test_exactly_as_many_items_as_lanes_fit_without_more() -> None:
    day = date(2026, 11, 25)
    spans = [Span(key, day, day) for key in range(3)]
    layout = geometry.layout_month(NOVEMBER_2026, spans, lanes=3)
    assert len(layout.placed) == 3
    assert layout.more == {}


def test_with_one_lane_a_crowded_day_shows_only_more() -> None:
    day = date(2026, 11, 25)
    spans = [Span(0, day, day), Span(1, day, day)]
    layout = geometry.layout_month(NOVEMBER_2026, spans, lanes=1)
    assert layout.placed == ()
    assert layout.more == {day: 2}


def test_a_bar_through_a_crowded_day_is_hidden_only_there() -> None:
    # Two Mon..Thu bars take lanes 0 and 1, a Mon..Wed bar lane 2. Tuesday also holds two
    # single-day items, so with 3 lanes Tuesday shows two bars and "+3 more", and the
    # Mon..Wed bar shows on Monday and Wednesday only.
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    wednesday, thursday = date(2026, 11, 25), date(2026, 11, 26)
    spans = [
        Span(2, tuesday, tuesday),
        Span(3, tuesday, tuesday),
        Span(5, monday, thursday),
        Span(6, monday, thursday),
        Span(9, monday, wednesday),
    ]
    layout = geometry.layout_month(NOVEMBER_2026, spans, lanes=3)
    bar = [p for p in layout.placed if p.key == 9]
    assert [(p.first_col, p.last_col, p.lane) for p in bar] == [(0, 0, 2), (2, 2, 2)]
    assert layout.more == {tuesday: 3}
    shown_tuesday = sorted(p.key for p in layout.placed if p.first_col <= 1 <= p.last_col)
    assert shown_tuesday == [5, 6]
    assert {p.key for p in layout.placed} == {5, 6, 9}
    # The pieces stay open towards the hidden day, so they read as one bar.
    assert [(p.continues_before, p.continues_after) for p in bar] == [(False, True), (True, False)]


def test_more_counts_are_per_day() -> None:
    busy = [date(2026, 11, 24), date(2026, 12, 2)]
    spans = [Span(n * 10 + k, day, day) for n, day in enumerate(busy) for k in range(4 + n)]
    layout = geometry.layout_month(NOVEMBER_2026, spans, lanes=2)
    assert layout.more == {busy[0]: 3, busy[1]: 4}
    rows = {p.row for p in layout.placed}
    assert rows == {_week_of(busy[0]), _week_of(busy[1])}


# -- the time grid ----------------------------------------------------------------------------

GRID = geometry.TimeGridMetrics(
    width=760.0, height=600.0, gutter=60.0, top=80.0, hour_height=48.0, columns=7
)


def test_week_start_follows_the_first_weekday() -> None:
    sunday = date(2026, 11, 29)
    assert geometry.week_start(sunday, MONDAY) == date(2026, 11, 23)
    assert geometry.week_start(sunday, SUNDAY) == sunday
    assert geometry.week_start(date(2027, 1, 1), MONDAY) == date(2026, 12, 28)


def test_columns_share_the_width_right_of_the_gutter() -> None:
    assert GRID.column_width == 100.0
    assert GRID.column_left(0) == 60.0
    assert GRID.column_left(7) == 760.0
    assert GRID.column_at(59.9) is None
    assert GRID.column_at(60.0) == 0
    assert GRID.column_at(759.9) == 6
    assert GRID.column_at(760.0) is None
    # While dragging, a pointer past either edge means the nearest day.
    assert GRID.nearest_column(10.0) == 0
    assert GRID.nearest_column(900.0) == 6
    assert GRID.nearest_column(365.0) == 3


def test_time_and_y_convert_both_ways_with_scrolling() -> None:
    assert GRID.y_of(0) == 80.0
    assert GRID.y_of(90) == 152.0  # 1.5 hours of 48 px
    scrolled = replace(GRID, scroll=7.5 * 48)
    assert scrolled.y_of(7.5 * 60) == 80.0
    for minutes in (0.0, 450.0, 615.0, 1439.0):
        assert scrolled.minutes_at(scrolled.y_of(minutes)) == pytest.approx(minutes)
    # Above the hours or below the day, the pointer means the day's edges.
    assert scrolled.minutes_at(0.0) == 450.0 - 80 * 60 / 48
    assert GRID.minutes_at(10.0) == 0.0
    assert replace(GRID, height=5000.0).minutes_at(4999.0) == 1440.0


def test_scrolling_is_limited_to_the_day() -> None:
    assert GRID.content_height == 24 * 48
    assert GRID.viewport_height == 520.0
    assert GRID.max_scroll == 24 * 48 - 520.0
    assert GRID.scroll_for(7.5 * 60) == 360.0
    assert GRID.scroll_for(23 * 60) == GRID.max_scroll
    assert GRID.scroll_for(-30) == 0.0
    assert replace(GRID, height=2000.0).max_scroll == 0.0


@pytest.mark.parametrize(
    ("minutes", "step", "expected"),
    [(0, 15, 0), (7, 15, 0), (7.5, 15, 15), (8, 15, 15), (22.4, 15, 15), (22.5, 15, 30),
     (6.25, 5, 5), (2.4, 5, 0), (1439, 15, 1440)],
)  # fmt: skip
def test_snap_rounds_to_the_nearest_step(minutes: float, step: int, expected: int) -> None:
    assert geometry.snap(minutes, step) == expected


def test_a_moved_start_lands_on_the_grid_and_may_change_day() -> None:
    start = datetime(2026, 11, 25, 10, 0)
    assert geometry.moved_start(start, 1, 126.25, 15) == datetime(2026, 11, 26, 12, 0)
    assert geometry.moved_start(start, 1, 126.25, 5) == datetime(2026, 11, 26, 12, 5)
    # An odd start snaps onto the grid wherever it goes.
    odd = datetime(2026, 11, 25, 10, 7)
    assert geometry.moved_start(odd, 0, 0.0, 15) == datetime(2026, 11, 25, 10, 0)
    assert geometry.moved_start(start, -2, -60.0, 15) == datetime(2026, 11, 23, 9, 0)
    late = datetime(2026, 11, 25, 23, 30)
    assert geometry.moved_start(late, 0, 40.0, 15) == datetime(2026, 11, 26, 0, 15)


def test_a_resized_end_snaps_and_keeps_one_step() -> None:
    start = datetime(2026, 11, 25, 10, 0)
    day = start.date()
    assert geometry.resized_end(start, day, 11.75 * 60 + 3, 15) == datetime(2026, 11, 25, 11, 45)
    assert geometry.resized_end(start, day, 9 * 60, 15) == datetime(2026, 11, 25, 10, 15)
    assert geometry.resized_end(start, day, 9 * 60, 5) == datetime(2026, 11, 25, 10, 5)
    next_day = date(2026, 11, 26)
    assert geometry.resized_end(start, next_day, 60, 15) == datetime(2026, 11, 26, 1, 0)
    assert geometry.resized_end(start, day, 1440, 15) == datetime(2026, 11, 26, 0, 0)


@pytest.mark.parametrize(
    ("pressed", "current", "expected"),
    [
        (842.5, 931.0, (840, 930)),  # 14:02 down to 15:31: 14:00-15:30
        (931.0, 842.5, (840, 930)),  # drawn upwards: the same span
        (842.5, 845.0, (840, 855)),  # barely moved: one step
        (1435.0, 1440.0, (1425, 1440)),  # at the end of the day
    ],
)
def test_a_drawn_span_widens_to_the_grid(
    pressed: float, current: float, expected: tuple[int, int]
) -> None:
    assert geometry.drawn_span(pressed, current, 15) == expected


WEEK = [date(2026, 11, 23) + timedelta(days=n) for n in range(7)]


def test_a_timed_item_inside_one_day_is_one_segment() -> None:
    start, end = datetime(2026, 11, 25, 10, 0), datetime(2026, 11, 25, 10, 45)
    assert geometry.day_segments(start, end, WEEK) == [
        geometry.Segment(2, 600, 645, starts_here=True, ends_here=True)
    ]


def test_an_overnight_item_is_cut_at_midnight() -> None:
    start, end = datetime(2026, 11, 25, 22, 0), datetime(2026, 11, 26, 1, 30)
    assert geometry.day_segments(start, end, WEEK) == [
        geometry.Segment(2, 1320, 1440, starts_here=True, ends_here=False),
        geometry.Segment(3, 0, 90, starts_here=False, ends_here=True),
    ]


def test_an_item_ending_at_midnight_does_not_touch_the_next_day() -> None:
    start, end = datetime(2026, 11, 25, 23, 0), datetime(2026, 11, 26, 0, 0)
    assert [s.col for s in geometry.day_segments(start, end, WEEK)] == [2]
    moment = datetime(2026, 11, 26, 0, 0)
    assert [s.col for s in geometry.day_segments(moment, moment, WEEK)] == [3]


def test_items_outside_the_days_have_no_segments() -> None:
    start, end = datetime(2026, 11, 30, 10, 0), datetime(2026, 11, 30, 11, 0)
    assert geometry.day_segments(start, end, WEEK) == []


def _lanes(*spans: tuple[float, float], min_length: float = 0.0) -> dict[int, tuple[int, int]]:
    intervals = [geometry.Interval(key, start, end) for key, (start, end) in enumerate(spans)]
    return {
        laned.key: (laned.lane, laned.lanes)
        for laned in geometry.lay_out_lanes(intervals, min_length)
    }


def test_items_that_do_not_overlap_are_full_width() -> None:
    assert _lanes((600, 660), (660, 720), (800, 830)) == {0: (0, 1), 1: (0, 1), 2: (0, 1)}


def test_overlapping_items_sit_side_by_side_in_equal_lanes() -> None:
    # 10:00-11:00 and 10:30-11:30 share, 12:00 stands alone.
    assert _lanes((600, 660), (630, 690), (720, 780)) == {0: (0, 2), 1: (1, 2), 2: (0, 1)}


def test_a_group_takes_as_many_lanes_as_it_needs_at_once() -> None:
    # A long item overlaps two that follow each other: they reuse the second lane.
    lanes = _lanes((600, 780), (600, 660), (660, 720), (700, 760))
    assert lanes == {0: (0, 3), 1: (1, 3), 2: (1, 3), 3: (2, 3)}


def test_short_items_count_as_tall_as_they_are_drawn() -> None:
    # A 5-minute item drawn 20 minutes tall pushes the next one aside.
    assert _lanes((600, 605), (610, 640)) == {0: (0, 1), 1: (0, 1)}
    assert _lanes((600, 605), (610, 640), min_length=20) == {0: (0, 2), 1: (1, 2)}


def test_at_equal_starts_the_longer_item_takes_the_left_lane() -> None:
    assert _lanes((600, 630), (600, 720)) == {1: (0, 2), 0: (1, 2)}


def test_bars_in_a_single_day_row() -> None:
    day = date(2026, 11, 25)
    spans = [Span(0, date(2026, 11, 20), date(2026, 12, 2)), Span(1, day, day)]
    layout = geometry.layout_bars([day], spans, lanes=4)
    assert layout.placed == (
        Placed(0, 0, 0, 0, 0, continues_before=True, continues_after=True),
        Placed(1, 0, 0, 0, 1, continues_before=False, continues_after=False),
    )
    assert layout.more == {}


def _spans(width: float, lanes: int) -> list[tuple[float, float]]:
    return [geometry.lane_span(width, geometry.Laned(n, n, lanes)) for n in range(lanes)]


def test_lanes_wide_enough_to_read_sit_side_by_side() -> None:
    assert _spans(120, 3) == [(0, 40), (40, 40), (80, 40)]


def test_lanes_too_narrow_to_read_fan_out_each_readable_with_its_edge_showing() -> None:
    spans = _spans(110, 6)  # six lanes of 18 px would hold no word
    lefts = [left for left, _ in spans]
    assert all(width >= geometry.MIN_LANE_WIDTH for _, width in spans)
    assert all(b - a >= geometry.MIN_FAN_STEP for a, b in itertools.pairwise(lefts))
    assert spans[-1][0] + spans[-1][1] == pytest.approx(110)  # the last ends at the edge


def test_a_narrow_column_still_shows_every_edge() -> None:
    for width in (40.0, 45.0, 60.0):
        lefts = [left for left, _ in _spans(width, 5)]
        assert all(b > a for a, b in itertools.pairwise(lefts)), width
