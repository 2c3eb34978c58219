"""Chart arithmetic with no Qt: axis steps, bar slots, stacked segments, dates and moods to pixels.

Kept pure so the progress charts' layout is testable without a screen, and shared by the page
and its PDF report.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

MOOD_LOW = 1
MOOD_HIGH = 5


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in pixels (top-left origin, y grows downwards)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def inset(self, left: float, top: float, right: float, bottom: float) -> Box:
        """The box shrunk by the given margins (never to a negative size)."""
        return Box(
            self.x + left,
            self.y + top,
            max(0.0, self.width - left - right),
            max(0.0, self.height - top - bottom),
        )


@dataclass(frozen=True, slots=True)
class Axis:
    """A count axis from 0 to `top` with a gridline every `step`."""

    top: int
    step: int

    @property
    def ticks(self) -> list[int]:
        return list(range(0, self.top + 1, self.step))


def count_axis(maximum: int, *, max_ticks: int = 5) -> Axis:
    """A round axis that holds `maximum` with at most `max_ticks` steps (1, 2, 5, 10, 20...).

    An empty chart still gets a small axis (0..4) so its grid does not look broken.
    """
    maximum = max(maximum, 4)
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if -(-maximum // step) <= max_ticks:
                return Axis(-(-maximum // step) * step, step)
        magnitude *= 10


def bar_slots(
    box: Box, count: int, *, gap_ratio: float = 0.4, widest: float | None = None
) -> list[tuple[float, float]]:
    """(x, width) of `count` evenly spaced bars; gaps are `gap_ratio` of each slot. With
    `widest`, no bar is wider (a few weeks' bars stay bars, centred in their slots)."""
    if count <= 0 or box.width <= 0:
        return []
    slot = box.width / count
    width = slot * (1 - gap_ratio)
    if widest is not None:
        width = min(width, widest)
    return [(box.x + index * slot + (slot - width) / 2, width) for index in range(count)]


def value_y(box: Box, value: float, axis: Axis) -> float:
    """The y of `value` on a count axis drawn in `box` (0 at the bottom)."""
    if axis.top <= 0:
        return box.bottom
    return box.bottom - box.height * min(max(value, 0.0), axis.top) / axis.top


def stack(counts: Sequence[int], box: Box, axis: Axis) -> list[tuple[float, float]]:
    """(top y, height) of each stacked segment, bottom segment first; empty ones have height 0."""
    segments = []
    total = 0
    for count in counts:
        bottom = value_y(box, total, axis)
        total += count
        top = value_y(box, total, axis)
        segments.append((top, bottom - top))
    return segments


def day_x(box: Box, day: date, first: date, days: int) -> float:
    """The x of the middle of `day` on a time axis of `days` days from `first`.

    The axis is cut into equal day slots, so the seven days of a week fall inside the slot of
    that week's bar in a bar chart of the same width.
    """
    if days <= 0:
        return box.x + box.width / 2
    return box.x + box.width * ((day - first).days + 0.5) / days


def mood_y(box: Box, mood: float) -> float:
    """The y of a mood: Heavy (1) at the bottom, Light (5) at the top."""
    clamped = min(max(mood, MOOD_LOW), MOOD_HIGH)
    return box.bottom - box.height * (clamped - MOOD_LOW) / (MOOD_HIGH - MOOD_LOW)


def label_indices(count: int, room: float, label_width: float) -> list[int]:
    """Which of `count` evenly spaced labels fit in `room` pixels without overlapping.

    Always the last one (this week), then every n-th going back.
    """
    if count <= 0:
        return []
    if label_width <= 0:
        return list(range(count))
    fit = max(1, int(room // label_width))
    every = max(1, -(-count // fit))
    return sorted(range(count - 1, -1, -every))


def legend_rows(widths: Sequence[float], room: float, gap: float) -> list[list[int]]:
    """Legend entries (by index) wrapped into rows no wider than `room`."""
    rows: list[list[int]] = []
    used = 0.0
    for index, width in enumerate(widths):
        if rows and used + gap + width <= room:
            rows[-1].append(index)
            used += gap + width
        else:
            rows.append([index])
            used = width
    return rows


def ring_span(score: float) -> int:
    """The arc of a 0..1 score in Qt's 1/16th degrees (a full ring is 5760)."""
    return round(5760 * min(max(score, 0.0), 1.0))


def weekly_means(
    points: Sequence[tuple[date, float]], starts: Sequence[date]
) -> list[float | None]:
    """The mean of the values falling in each week (a week runs 7 days from its start), or None
    for a week without any: the line a noisy day-by-day mood is read along."""
    sums = [0.0] * len(starts)
    counts = [0] * len(starts)
    for day, value in points:
        for index, start in enumerate(starts):
            if 0 <= (day - start).days < 7:
                sums[index] += value
                counts[index] += 1
                break
    return [total / count if count else None for total, count in zip(sums, counts, strict=True)]


def weekly_marks(points: Sequence[tuple[date, float]], starts: Sequence[date]) -> tuple[bool, bool]:
    """What the mood chart draws besides the day dots: (a line, as two weeks in a row have a
    mean; a mean's own mark, as a week holds more than one mood). Its key says only these
    (a trial read "Line: each week's average" over a chart with one week of moods)."""
    counts = [sum(0 <= (day - start).days < 7 for day, _ in points) for start in starts]
    line = any(a and b for a, b in itertools.pairwise(counts))
    return line, any(count > 1 for count in counts)
