"""Month-grid arithmetic with no Qt: which days show, where cells are, which chips fit.

Kept pure so the layout rules (lanes, "+N more", hit testing) are testable without a screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WEEKS_SHOWN = 6
DAYS_PER_WEEK = 7


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


def layout_month(days: Sequence[date], spans: Sequence[Span], lanes: int) -> MonthLayout:
    """Place items in lanes per week row; days with too many items get "+N more".

    Longer items claim lanes first (so multi-day bars stay straight), then by start, then in
    the caller's order. A day whose items need more than `lanes` shows `lanes - 1` of them
    and a "+N more" line in the last lane.
    """
    placed: list[Placed] = []
    more: dict[date, int] = {}
    for row in range(len(days) // DAYS_PER_WEEK):
        week = days[row * DAYS_PER_WEEK : (row + 1) * DAYS_PER_WEEK]
        placed.extend(_layout_week(row, week, spans, lanes, more))
    return MonthLayout(tuple(placed), more)


def _layout_week(
    row: int, week: Sequence[date], spans: Sequence[Span], lanes: int, more: dict[date, int]
) -> list[Placed]:
    week_first, week_last = week[0], week[-1]
    order = {span.key: index for index, span in enumerate(spans)}
    inside = [s for s in spans if s.first <= week_last and s.last >= week_first]
    inside.sort(key=lambda s: (-(s.last - s.first).days, s.first, order[s.key]))
    occupied: list[set[int]] = [set() for _ in range(DAYS_PER_WEEK)]  # lanes used per column
    lane_of: dict[int, tuple[int, int, int]] = {}
    for span in inside:
        first_col = max(0, (span.first - week_first).days)
        last_col = min(DAYS_PER_WEEK - 1, (span.last - week_first).days)
        lane = 0
        while any(lane in occupied[c] for c in range(first_col, last_col + 1)):
            lane += 1
        for c in range(first_col, last_col + 1):
            occupied[c].add(lane)
        lane_of[span.key] = (lane, first_col, last_col)

    # Per column, how many lanes may show items: all of them, or one fewer for "+N more".
    visible = []
    for col in range(DAYS_PER_WEEK):
        needed = max(occupied[col], default=-1) + 1
        visible.append(lanes if needed <= lanes else max(lanes - 1, 0))
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
