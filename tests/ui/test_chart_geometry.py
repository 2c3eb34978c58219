"""Progress chart arithmetic without Qt: axes, bar slots, stacks, days, moods, labels, legend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from planner.ui import chart_geometry
from planner.ui.chart_geometry import Axis, Box

PLOT = Box(40, 10, 600, 200)


@pytest.mark.parametrize(
    ("maximum", "axis"),
    [
        (0, Axis(4, 1)),
        (3, Axis(4, 1)),
        (5, Axis(5, 1)),
        (7, Axis(8, 2)),
        (11, Axis(15, 5)),
        (23, Axis(25, 5)),
        (48, Axis(50, 10)),
        (130, Axis(150, 50)),
    ],
)
def test_the_count_axis_is_round_and_holds_the_tallest_bar(maximum: int, axis: Axis) -> None:
    found = chart_geometry.count_axis(maximum)
    assert found == axis
    assert found.top >= maximum
    assert len(found.ticks) <= 6


def test_bars_share_the_width_evenly_with_gaps() -> None:
    slots = chart_geometry.bar_slots(PLOT, 12, gap_ratio=0.4)
    assert len(slots) == 12
    assert slots[0][0] == pytest.approx(40 + 50 * 0.2)
    assert all(width == pytest.approx(30) for _, width in slots)
    assert slots[-1][0] + slots[-1][1] == pytest.approx(PLOT.right - 10)
    assert chart_geometry.bar_slots(PLOT, 0) == []


def test_stacked_segments_sit_on_each_other_from_the_bottom() -> None:
    axis = Axis(10, 2)
    segments = chart_geometry.stack([2, 0, 3], PLOT, axis)
    assert segments[0] == (pytest.approx(PLOT.bottom - 40), pytest.approx(40))
    assert segments[1][1] == 0
    assert segments[2] == (pytest.approx(PLOT.bottom - 100), pytest.approx(60))


def test_values_beyond_the_axis_are_held_inside_the_plot() -> None:
    axis = Axis(4, 1)
    assert chart_geometry.value_y(PLOT, 9, axis) == PLOT.y
    assert chart_geometry.value_y(PLOT, -1, axis) == PLOT.bottom


def test_a_day_falls_inside_its_weeks_bar_slot() -> None:
    first = date(2026, 9, 7)
    slots = chart_geometry.bar_slots(PLOT, 12, gap_ratio=0.0)
    for week in range(12):
        for offset in range(7):
            day = first + timedelta(days=7 * week + offset)
            x = chart_geometry.day_x(PLOT, day, first, 84)
            assert slots[week][0] < x < slots[week][0] + slots[week][1]


def test_moods_run_from_heavy_at_the_bottom_to_light_at_the_top() -> None:
    assert chart_geometry.mood_y(PLOT, 1) == PLOT.bottom
    assert chart_geometry.mood_y(PLOT, 5) == PLOT.y
    assert chart_geometry.mood_y(PLOT, 3) == pytest.approx(PLOT.y + 100)
    assert chart_geometry.mood_y(PLOT, 9) == PLOT.y


def test_weekly_means_skip_weeks_without_a_mood() -> None:
    starts = [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    points = [(date(2026, 11, 3), 2.0), (date(2026, 11, 8), 4.0), (date(2026, 11, 17), 5.0)]
    assert chart_geometry.weekly_means(points, starts) == [3.0, None, 5.0]


def test_week_labels_thin_out_but_always_keep_this_week() -> None:
    assert chart_geometry.label_indices(12, 600, 40) == list(range(12))
    assert chart_geometry.label_indices(12, 300, 45) == [1, 3, 5, 7, 9, 11]
    assert chart_geometry.label_indices(12, 100, 45)[-1] == 11
    assert chart_geometry.label_indices(0, 100, 45) == []


def test_the_legend_wraps_into_rows() -> None:
    assert chart_geometry.legend_rows([50, 50, 50], 200, 10) == [[0, 1, 2]]
    assert chart_geometry.legend_rows([80, 80, 80], 200, 10) == [[0, 1], [2]]
    assert chart_geometry.legend_rows([300], 200, 10) == [[0]]


def test_the_ring_follows_the_score() -> None:
    assert chart_geometry.ring_span(0) == 0
    assert chart_geometry.ring_span(0.5) == 2880
    assert chart_geometry.ring_span(2) == 5760


def test_a_box_shrinks_but_never_below_nothing() -> None:
    assert Box(0, 0, 100, 50).inset(10, 5, 10, 5) == Box(10, 5, 80, 40)
    assert Box(0, 0, 10, 10).inset(20, 20, 20, 20).width == 0


def test_a_few_bars_keep_a_bars_width_centred_in_their_slots() -> None:
    slots = chart_geometry.bar_slots(PLOT, 3, gap_ratio=0.4, widest=36)
    assert all(width == 36 for _, width in slots)
    slot = PLOT.width / 3
    for index, (x, width) in enumerate(slots):
        assert x + width / 2 == pytest.approx(PLOT.x + slot * (index + 0.5))
    wide = chart_geometry.bar_slots(PLOT, 12, gap_ratio=0.4, widest=36)
    assert all(width == pytest.approx(30) for _, width in wide)  # narrower slots: unchanged
