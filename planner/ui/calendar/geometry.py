"""Calendar layout arithmetic with no Qt: month cells, all-day bars, time-grid lanes, snapping.

Kept pure so the layout rules (lanes, "+N more", hit testing, time <-> y) are testable without
a screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

WEEKS_SHOWN = 6
DAYS_PER_WEEK = 7
MINUTES_PER_DAY = 24 * 60


def month_days(year: int, month: int, first_weekday: int = 0) -> list[date]:
    """The 42 days a month grid shows, starting on `first_weekday` (0 = Monday)."""
    first = date(year, month, 1)
    lead = (first.weekday() - first_weekday) % DAYS_PER_WEEK
    start = first - timedelta(days=lead)
    return [start + timedelta(days=i) for i in range(WEEKS_SHOWN * DAYS_PER_WEEK)]


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px < self.x + self.width and self.y <= py < self.y + self.height


@dataclass(frozen=True, slots=True)
class GridMetrics:
    """Sizes of the month grid in pixels: the widget size and its header band."""

    width: float
    height: float
    header: float

    @property
    def cell_width(self) -> float:
        return self.width / DAYS_PER_WEEK

    @property
    def cell_height(self) -> float:
        return max(0.0, self.height - self.header) / WEEKS_SHOWN

    def cell(self, row: int, col: int) -> Rect:
        return Rect(
            col * self.cell_width,
            self.header + row * self.cell_height,
            self.cell_width,
            self.cell_height,
        )

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, col) under a point, or None outside the day cells."""
        if y < self.header or x < 0 or x >= self.width or self.cell_height <= 0:
            return None
        row = int((y - self.header) // self.cell_height)
        col = int(x // self.cell_width)
        if 0 <= row < WEEKS_SHOWN and 0 <= col < DAYS_PER_WEEK:
            return row, col
        return None


@dataclass(frozen=True, slots=True)
class Span:
    """An item to place: `key` identifies it to the caller; days are inclusive."""

    key: int
    first: date
    last: date


@dataclass(frozen=True, slots=True)
class Placed:
    """A visible bar: one item's run of consecutive visible days within one week row."""

    key: int
    row: int
    first_col: int
    last_col: int
    lane: int
    continues_before: bool
    continues_after: bool


@dataclass(frozen=True, slots=True)
class MonthLayout:
    placed: tuple[Placed, ...]
    more: dict[date, int]  # day -> number of items not shown ("+N more")


def layout_month(
    days: Sequence[date],
    spans: Sequence[Span],
    lanes: int,
    *,
    pinned: int | None = None,
    more_in_lane: bool = True,
) -> MonthLayout:
    """Place items in lanes per week row; days with too many items get "+N more".

    Longer items claim lanes first (so multi-day bars stay straight), then by start, then in
    the caller's order; the `pinned` key (a search's match) before the others as long as it,
    so it shows. A day
    whose items need more than `lanes` shows `lanes - 1` of them and a "+N more" line in the
    last lane; without `more_in_lane` (the caller writes "+N more" elsewhere), `lanes` of them.
    """
    placed: list[Placed] = []
    more: dict[date, int] = {}
    for row in range(len(days) // DAYS_PER_WEEK):
        week = days[row * DAYS_PER_WEEK : (row + 1) * DAYS_PER_WEEK]
        placed.extend(_layout_row(row, week, spans, lanes, more, pinned, more_in_lane))
    return MonthLayout(tuple(placed), more)


def layout_bars(days: Sequence[date], spans: Sequence[Span], lanes: int) -> MonthLayout:
    """Place items as bars over one row of consecutive `days` (the time grid's all-day row).

    The same rules as a month row, for any number of columns (7 in a week, 1 in a day).
    """
    more: dict[date, int] = {}
    placed = _layout_row(0, days, spans, lanes, more)
    return MonthLayout(tuple(placed), more)


def _layout_row(
    row: int,
    week: Sequence[date],
    spans: Sequence[Span],
    lanes: int,
    more: dict[date, int],
    pinned: int | None = None,
    more_in_lane: bool = True,
) -> list[Placed]:
    columns = len(week)
    week_first, week_last = week[0], week[-1]
    order = {span.key: index for index, span in enumerate(spans)}
    inside = [s for s in spans if s.first <= week_last and s.last >= week_first]
    # The pinned one first among those as long as it: longer bars keep their lanes, and only
    # its own day changes (first before all, it had moved the whole week's chips).
    inside.sort(key=lambda s: (-(s.last - s.first).days, s.key != pinned, s.first, order[s.key]))
    occupied: list[set[int]] = [set() for _ in range(columns)]  # lanes used per column
    # Per column, a lane below which every lane is taken: the search starts there, so a day
    # with dozens of items places each in one step rather than one step per lane below.
    lowest_free = [0] * columns
    lane_of: dict[int, tuple[int, int, int]] = {}
    for span in inside:
        first_col = max(0, (span.first - week_first).days)
        last_col = min(columns - 1, (span.last - week_first).days)
        cols = range(first_col, last_col + 1)
        lane = max(lowest_free[c] for c in cols)
        while any(lane in occupied[c] for c in cols):
            lane += 1
        for c in cols:
            occupied[c].add(lane)
            while lowest_free[c] in occupied[c]:
                lowest_free[c] += 1
        lane_of[span.key] = (lane, first_col, last_col)

    # Per column, how many lanes may show items: all of them, or one fewer for "+N more".
    visible = []
    for col in range(columns):
        needed = max(occupied[col], default=-1) + 1
        visible.append(lanes if needed <= lanes or not more_in_lane else max(lanes - 1, 0))
        hidden = sum(1 for lane in occupied[col] if lane >= visible[col])
        if hidden:
            more[week[col]] = hidden

    result: list[Placed] = []
    for span in inside:
        lane, first_col, last_col = lane_of[span.key]
        run_start: int | None = None
        for col in range(first_col, last_col + 2):
            shown = col <= last_col and lane < visible[col]
            if shown and run_start is None:
                run_start = col
            elif not shown and run_start is not None:
                result.append(
                    Placed(
                        key=span.key,
                        row=row,
                        first_col=run_start,
                        last_col=col - 1,
                        lane=lane,
                        # Open ends where the bar goes on: into another week, or past a day
                        # too crowded to show it, so the pieces read as one bar.
                        continues_before=run_start > first_col or span.first < week[first_col],
                        continues_after=col - 1 < last_col or span.last > week[last_col],
                    )
                )
                run_start = None
    return result


# -- the time grid (week and day views) --------------------------------------------------------


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week holding `day`, weeks starting on `first_weekday` (0 = Monday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % DAYS_PER_WEEK)


@dataclass(frozen=True, slots=True)
class TimeGridMetrics:
    """Where things are on a time grid: day columns right of a gutter, hours below `top`.

    `y` coordinates are the widget's; the hours scroll by `scroll` pixels under `top`.
    """

    width: float
    height: float
    gutter: float  # the hour labels on the left
    top: float  # header and all-day row above the hours
    hour_height: float
    columns: int
    scroll: float = 0.0

    @property
    def column_width(self) -> float:
        return max(0.0, self.width - self.gutter) / self.columns

    @property
    def content_height(self) -> float:
        """The full day's height: 24 hours, whatever the clocks do that day."""
        return 24 * self.hour_height

    @property
    def viewport_height(self) -> float:
        return max(0.0, self.height - self.top)

    @property
    def max_scroll(self) -> float:
        return max(0.0, self.content_height - self.viewport_height)

    def column_left(self, col: int) -> float:
        return self.gutter + col * self.column_width

    def column_at(self, x: float) -> int | None:
        """The column under `x`, or None in the gutter or past the right edge."""
        if x < self.gutter or self.column_width <= 0:
            return None
        col = int((x - self.gutter) // self.column_width)
        return col if col < self.columns else None

    def nearest_column(self, x: float) -> int:
        """The column under `x`, or the closest one when `x` is outside (dragging past an edge)."""
        if self.column_width <= 0:
            return 0
        col = math.floor((x - self.gutter) / self.column_width)
        return min(max(col, 0), self.columns - 1)

    def y_of(self, minutes: float) -> float:
        """The widget y of `minutes` after midnight (wall-clock)."""
        return self.top + minutes * self.hour_height / 60 - self.scroll

    def minutes_at(self, y: float) -> float:
        """Minutes after midnight under widget `y`, clamped to the day."""
        minutes = (y - self.top + self.scroll) * 60 / self.hour_height
        return min(max(minutes, 0.0), float(MINUTES_PER_DAY))

    def scroll_for(self, minutes: float) -> float:
        """The scroll offset that puts `minutes` at the top of the hours (within range)."""
        return min(max(minutes * self.hour_height / 60, 0.0), self.max_scroll)


def snap(minutes: float, step: int) -> int:
    """`minutes` rounded to the nearest multiple of `step` (halves round up, not to even)."""
    return math.floor(minutes / step + 0.5) * step


def minutes_of(moment: datetime) -> int:
    """Wall-clock minutes after midnight of a (naive, local) datetime."""
    return moment.hour * 60 + moment.minute


def at_minutes(day: date, minutes: int) -> datetime:
    """Naive local wall-clock time `minutes` after the midnight starting `day` (1440: next day)."""
    return datetime.combine(day, time(0)) + timedelta(minutes=minutes)


def moved_start(start: datetime, days: int, minutes: float, step: int) -> datetime:
    """A (naive, wall-clock) start dragged by `days` columns and `minutes`, on the `step` grid.

    The result's time of day is snapped, so a chip lands on the grid lines whatever its start.
    """
    moved = start + timedelta(days=days, minutes=minutes)
    return at_minutes(moved.date(), snap(minutes_of(moved), step))


def resized_end(start: datetime, day: date, minutes: float, step: int) -> datetime:
    """The end set by dragging the bottom edge to `minutes` on `day`: snapped, and at least
    one `step` after `start`."""
    end = at_minutes(day, min(snap(minutes, step), MINUTES_PER_DAY))
    return max(end, start + timedelta(minutes=step))


def drawn_span(pressed: float, current: float, step: int) -> tuple[int, int]:
    """(start, end) minutes of a span drawn on empty grid from `pressed` to `current`.

    It starts on the grid line above the higher point (the slot that was pressed when drawing
    downwards) and ends on the grid line nearest the lower one; at least one step, in the day.
    """
    low, high = sorted((pressed, current))
    start = math.floor(low / step) * step
    end = max(snap(high, step), start + step)
    if end > MINUTES_PER_DAY:
        start, end = MINUTES_PER_DAY - step, MINUTES_PER_DAY
    return start, end


@dataclass(frozen=True, slots=True)
class Segment:
    """The part of a timed item inside one day column, in minutes after that day's midnight."""

    col: int
    start: int
    end: int
    starts_here: bool  # the item's real start is in this column
    ends_here: bool


def day_segments(start: datetime, end: datetime, days: Sequence[date]) -> list[Segment]:
    """Cut a timed item (naive wall-clock start and end) into one segment per visible day."""
    segments = []
    for col, day in enumerate(days):
        day_start = datetime.combine(day, time(0))
        day_end = day_start + timedelta(days=1)
        # An item ending at midnight does not touch the next day; one of no length still shows.
        if start >= day_end or (end <= day_start and start < day_start):
            continue
        low, high = max(start, day_start), min(end, day_end)
        segments.append(
            Segment(
                col,
                int((low - day_start).total_seconds() // 60),
                int((high - day_start).total_seconds() // 60),
                starts_here=start >= day_start,
                ends_here=end <= day_end,
            )
        )
    return segments


@dataclass(frozen=True, slots=True)
class Interval:
    """An item in one day column to give a lane: minutes after midnight, `key` for the caller."""

    key: int
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Laned:
    """An item's lane within its group of overlapping items, and how many lanes that group has
    (where that puts it across the column: `lane_span`)."""

    key: int
    lane: int
    lanes: int


#: Lanes narrower than this hold no readable word: the group is fanned out instead.
MIN_LANE_WIDTH = 30.0
#: In a fanned-out group, how far at least each block sits right of the one under it.
MIN_FAN_STEP = 4.0


def lane_span(width: float, laned: Laned) -> tuple[float, float]:
    """Where an item sits across a column `width` wide: (left offset, width).

    Equal lanes side by side; or, when those would be narrower than MIN_LANE_WIDTH, fanned
    out (as Google Calendar does): each block readably wide, set a step right of the lane
    before it, so every one shows its edge and the last one, drawn on top, shows whole.
    """
    lane_width = width / laned.lanes
    if lane_width >= MIN_LANE_WIDTH or laned.lanes < 2:
        return laned.lane * lane_width, lane_width
    steps = laned.lanes - 1
    wide = min(max(width * 0.7, MIN_LANE_WIDTH * 1.5), width - steps * MIN_FAN_STEP)
    wide = max(wide, lane_width)  # a column too narrow even for that: equal slivers after all
    step = (width - wide) / steps
    return laned.lane * step, wide


def lay_out_lanes(intervals: Sequence[Interval], min_length: float = 0.0) -> list[Laned]:
    """Side-by-side lanes for overlapping items, in equal widths per group.

    Items overlap when their drawn extents do (at least `min_length`, so a 5-minute item that
    is drawn 20 minutes tall pushes its neighbour aside). A group is a run of items that
    overlap one another transitively; every item of a group gets the group's lane count.
    Earlier items take the left lanes; at equal starts, longer ones do.
    """
    order = sorted(intervals, key=lambda i: (i.start, -(i.end - i.start), i.key))
    result: list[Laned] = []
    group: list[tuple[Interval, int]] = []
    lane_ends: list[float] = []
    group_end = -math.inf

    def close_group() -> None:
        result.extend(Laned(item.key, lane, len(lane_ends)) for item, lane in group)

    for item in order:
        end = max(item.end, item.start + min_length)
        if item.start >= group_end and group:
            close_group()
            group, lane_ends = [], []
        lane = next((n for n, lane_end in enumerate(lane_ends) if lane_end <= item.start), None)
        if lane is None:
            lane = len(lane_ends)
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        group.append((item, lane))
        group_end = end if len(group) == 1 else max(group_end, end)
    if group:
        close_group()
    return result
