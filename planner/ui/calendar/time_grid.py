"""The week and day views: day columns on an hourly grid, with drag to move, resize and create.

One widget serves both (7 columns or 1). It paints by hand and keeps its layout arithmetic in
`geometry`; the hours scroll under a fixed header and all-day row. Times are shown as wall-clock
time in the plan's zone, so a weekly 9:00 activity sits at 9:00 whatever the clocks did.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QScrollBar, QSizePolicy, QToolTip, QWidget

from planner.domain.activities import Activity, ActivityDraft, span
from planner.domain.timezones import normalized, plus_elapsed, skipped_by_clocks
from planner.errors import PlannerError
from planner.ui import keyboard_menu, labels, palette, suggestion_drag
from planner.ui.calendar import chip_menu, chips, drawn_ahead, geometry, visible

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from planner.domain.occurrences import Occurrence
    from planner.services.changes import Changes
    from planner.ui.hub import Hub

HOUR_HEIGHT = 48.0
#: The narrowest hour column; a clock with words ("10:58 p.m.") widens it (see _gutter).
GUTTER = 60.0
HEADER_HEIGHT = 48.0
#: Between a day's name and its number when they sit side by side in the header.
_HEADING_GAP = 8.0
BAR_HEIGHT = 20.0  # an all-day bar
BAR_GAP = 2.0
ALL_DAY_PADDING = 4.0
ALL_DAY_LANES = 4  # more than this on a day shows "+N more"
BLOCK_MARGIN = 2.0  # between a block and its column's edges, and between lanes
MIN_BLOCK_MINUTES = 20  # a 5-minute activity is still drawn tall enough to read and to grab
RESIZE_HANDLE = 6.0  # pixels at a block's bottom edge that resize instead of move
SNAP_MINUTES = 15
#: The cell a click, double-click or right-click on empty hours starts a new activity in.
SLOT_MINUTES = 30
FINE_SNAP_MINUTES = 5  # with Shift held
WORKING_MORNING = time(7, 0)  # where the hours open (an hour before a 7:30 walk shows its top)
DETAILS_MIN_WIDTH = 260.0  # a day column this wide shows a block's place and notes too
HEADROOM = 10.0  # pixels left above the hour scrolled to, so a block starting there is not cut
WORKING_HOURS = (8, 20)  # hours outside are painted a touch quieter
AUTOSCROLL_MARGIN = 24.0
AUTOSCROLL_STEP = 16
DEFAULT_LENGTH = timedelta(hours=1)  # an all-day activity dragged onto the hours


@dataclass(frozen=True, slots=True)
class DrawnSpan:
    """Where the person asked for a new activity: a day, and the start and length they drew on
    the hours (None: the editor's defaults). All-day spans count their length in days."""

    day: date
    at: time | None = None
    length: timedelta | None = None
    all_day: bool = False


class _Kind(enum.Enum):
    MOVE = enum.auto()
    RESIZE = enum.auto()
    CREATE = enum.auto()
    CREATE_ALL_DAY = enum.auto()


@dataclass(frozen=True, slots=True)
class _Block:
    """A painted activity. Timed blocks are in content coordinates (y 0 = midnight, unscrolled);
    all-day bars in widget coordinates."""

    rect: QRectF
    occurrence: Occurrence
    all_day: bool
    resizable: bool = False  # the bottom edge is the activity's end
    open_left: bool = False
    open_right: bool = False
    text: chips.BlockText | None = None  # what a timed block says (worked out with the layout)


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where a range's activities go: all-day bars, timed blocks, "+N more" and the all-day
    row's height (bars in widget coordinates, blocks in content coordinates)."""

    bars: list[_Block]
    blocks: list[_Block]
    more: dict[date, int]
    all_day_height: float


@dataclass(frozen=True, slots=True)
class _Layer:
    """A range's hours drawn ahead of time (columns, lines and blocks, nothing selected), so
    switching to it is a copy of pixels. Kept with the data it shows, whose survey its key
    names (held here, so that identity stays unique while the layer lives)."""

    data: visible.VisibleRange
    layout: _Layout
    pixmap: QPixmap  # the hours
    all_day: QPixmap  # the all-day row
    today: date


@dataclass(slots=True)
class _Gesture:
    """A left-button press and what it turns into once the pointer travels."""

    kind: _Kind
    press: QPointF
    col: int
    minutes: float
    occurrence: Occurrence | None = None
    started: bool = False
    # Whether nearing the top of the hours scrolls them up. Not for a bar on its way down
    # from the all-day row (the hours would slide under the drop point) until the pointer
    # has been well inside the hours.
    scrolls_up: bool = True
    # Where it would land now: naive wall-clock datetimes, or dates (end exclusive) for all-day.
    start: datetime | date | None = None
    end: datetime | date | None = None


class TimeGrid(QWidget):
    """`days` day columns (7: the week view, 1: the day view) on a scrolling hourly grid.

    Loads only its visible days through the hub. Dragging a block moves it (15-minute steps,
    Shift for 5), its bottom edge resizes it, dragging on empty hours draws a new one, and
    dragging between the all-day row and the hours switches all-day.

    Signals:
        range_changed(date, date): the first and last visible day after navigation.
        create_requested(DrawnSpan): a new activity was drawn or asked for.
        edit_requested(object): an Occurrence should be opened for editing.
        delete_requested(object): an Occurrence's activity should be deleted (undoably).
        day_requested(date): a day's heading was clicked (show that day).
        more_requested(date): "+N more" was clicked in the all-day row.
        selection_changed(object): the selected Occurrence (or None).
        mark_requested(object, object): an Occurrence and the Status it should have.
        suggestion_dropped(int, int, DrawnSpan): a step's idea (step, index) was dropped.
        series_move_requested(Occurrence, start, end): one occurrence of a repeating activity
            was dragged or resized; the window asks which occurrences move, then moves them.
        rescheduled(Occurrence, start, end): a one-off was moved or resized (and saved).
        duplicated(Activity): the copy Duplicate made (and chose).
        copy_week_requested(date): Copy This Week to Next Week, from the week's first day.
        problem(str): a move or resize could not be saved (the message says why).
    """

    range_changed = Signal(object, object)
    create_requested = Signal(object)
    edit_requested = Signal(object)
    delete_requested = Signal(object)
    day_requested = Signal(object)
    more_requested = Signal(object)
    selection_changed = Signal(object)
    mark_requested = Signal(object, object)
    suggestion_dropped = Signal(int, int, object)
    series_move_requested = Signal(object, object, object)
    rescheduled = Signal(object, object, object)
    duplicated = Signal(object)
    copy_week_requested = Signal(object)  # the shown week's first day
    problem = Signal(str)

    def __init__(self, *, hub: Hub, days: int = 7, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._columns = days
        self._gutter_for: tuple[tuple[str, str], float] = (("", ""), GUTTER)
        self._first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: Monday = 1
        self._selected_day = hub.today()
        self._days = self._days_around(self._selected_day)
        self._selected: Occurrence | None = None
        # The selected day's "+N more" is what the keys chose (Enter opens the day's list).
        self._more_chosen = False
        self._data = visible.VisibleRange(self._days[0], self._days[-1])
        self._read_ahead_due = False
        self._blocks: list[_Block] = []
        self._bars: list[_Block] = []
        self._more: dict[date, int] = {}
        self._all_day_height = 0.0
        self._layout_dirty = True
        self._layout_size = QSize()
        self._layers: drawn_ahead.DrawnAhead[_Layer] = drawn_ahead.DrawnAhead()
        self._layer: _Layer | None = None  # the range shown, when it was drawn ahead
        self._stale = True
        self._gesture: _Gesture | None = None
        #: A finished drag of one of a series, still drawn where it goes while the window asks
        #: which occurrences move (see hold_until_answered).
        self._held: _Gesture | None = None
        self._drop: DrawnSpan | None = None
        self._ghost_lines: list[str] = []
        opening = self._morning()
        self._scroll_target: float | None = opening.hour * 60 + opening.minute
        self._scrollbar = QScrollBar(Qt.Orientation.Vertical, self)
        self._scrollbar.valueChanged.connect(self._on_scrollbar_value_changed)
        self._now_timer = QTimer(self)
        self._now_timer.setSingleShot(True)
        self._now_timer.timeout.connect(self._on_now_timer_timeout)
        self._arm_now_timer()
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._base_name = self.tr("Week calendar") if days > 1 else self.tr("Day calendar")
        self.setAccessibleName(self._base_name)
        #: What the accessible name was last made of (see paintEvent).
        self._named: tuple[object, ...] | None = None
        hub.changed.connect(self._on_hub_changed)
        hub.settled.connect(self._on_hub_settled)
        self._reload()

    # -- navigation ------------------------------------------------------------------------

    @property
    def visible_days(self) -> tuple[date, date]:
        return self._days[0], self._days[-1]

    @property
    def days(self) -> list[date]:
        return list(self._days)

    @property
    def selected_day(self) -> date:
        return self._selected_day

    @property
    def selected_occurrence(self) -> Occurrence | None:
        return self._selected

    def _days_around(self, day: date) -> list[date]:
        first = geometry.week_start(day, self._first_weekday) if self._columns == 7 else day
        return [first + timedelta(days=n) for n in range(self._columns)]

    def go_to(self, day: date) -> None:
        """Show the week (or day) holding `day`, and make it the selected day (the activity
        chosen on another day is let go: Enter, the menus and Delete act on what is shown
        chosen). A week that cannot be read (a damaged file) leaves the one shown as it was."""
        shown = (self._days, self._selected_day)
        if day != self._selected_day:
            self._more_chosen = False
        self._selected_day = day
        chosen = self._selected
        if chosen is not None:
            zone = self._hub.plan.tz
            if not chosen.touches(day, zone):
                self._select(None, day)
        if day in self._days:
            self.update()
            return
        if self._gesture is not None:  # a drag or a stretch does not follow into another week
            self._call_off_gesture()
        self._days = self._days_around(day)
        try:
            self._reload()
        except PlannerError:
            self._days, self._selected_day = shown
            raise
        self.range_changed.emit(self._days[0], self._days[-1])

    def choose(self, occurrence: Occurrence, day: date) -> None:
        """Select `occurrence` as shown on `day`, one of the days in view, without moving
        the view (undo brought it back where it is)."""
        self._select(self._data.find(occurrence), day, reveal=True)
        if self.hasFocus():
            self._name_choice()  # said now, as the focus it has (a view just brought forward)

    def select(self, occurrence: Occurrence, *, roomy: bool = True) -> None:
        """Show the week (or day) of `occurrence` and select it, scrolled into view (a search
        jumped to it), with room around it unless not `roomy` (where a drop left it, under
        the pointer). Hidden, the grid only remembers it: it is found when next shown."""
        day = occurrence.first_day(self._hub.plan.tz)
        self.go_to(day)
        if self._stale:
            self._selected = occurrence
            return
        self._select(self._data.find(occurrence), day, reveal=True, roomy=roomy)

    @Slot()
    def go_previous(self) -> None:
        self.go_to(self._selected_day - timedelta(days=self._columns))

    @Slot()
    def go_next(self) -> None:
        self.go_to(self._selected_day + timedelta(days=self._columns))

    @Slot()
    def go_today(self) -> None:
        self.go_to(self._hub.today())
        self.scroll_to_now()

    def range_text(self, *, short: bool = False) -> str:
        """The visible range in words: "Monday 23 November 2026", or a week's first and last
        day; `short`, with names cut and, within this year, without it ("Mon 23 Nov"), for
        a toolbar with little room (the window's title keeps it whole). A German week at
        1280 x 800 and 1.25x had taken the toolbar buttons' words (a re-trial)."""
        first, last = self.visible_days
        month = "MMM" if short else "MMMM"
        this_year = self._hub.today().year
        yearless = short and first.year == last.year == this_year
        year = "" if yearless else " yyyy"
        text = labels.day_text
        if first == last:
            return text(first, f"{'ddd' if short else 'dddd'} d {month}{year}")
        if first.year != last.year:
            return f"{text(first, f'd {month}{year}')} – {text(last, f'd {month}{year}')}"
        if labels.month_first():  # "December 6 to 12, 2026" (with a dash), as the US writes it
            after = "" if yearless else f", {last.year}"
            if first.month != last.month:
                return f"{text(first, f'd {month}')} – {text(last, f'd {month}')}{after}"
            return f"{text(first, f'd {month}')} – {last.day}{after}"
        if first.month != last.month:
            return f"{text(first, f'd {month}')} – {text(last, f'd {month}{year}')}"
        number = labels.day_number(first)
        if number is None:  # the day does not come first: both days whole
            return f"{text(first, f'd {month}')} – {text(last, f'd {month}{year}')}"
        return f"{number} – {text(last, f'd {month}{year}')}"

    def scroll_to(self, moment: time) -> None:
        """Scroll the hours so `moment` is at the top (as far as the day allows)."""
        self._scroll_target = moment.hour * 60 + moment.minute
        self._apply_scroll_target()

    def scroll_to_now(self) -> None:
        """Bring the current time into view (an hour above it), or the working morning."""
        now = self._hub.now()
        if now.date() in self._days and now.hour >= WORKING_MORNING.hour + 3:
            self.scroll_to(time(max(now.hour - 1, 0), 0))
        else:
            self.scroll_to(self._morning())

    def _morning(self) -> time:
        """Where the hours open: the working morning, or an hour before now when today is
        shown and its morning has barely begun (at 06:52 the hours had opened at 07:00, the
        red line on their top edge and what began at 06:48 cut off above)."""
        now = self._hub.now()
        if now.date() in self._days and now.hour <= WORKING_MORNING.hour:
            return time(max(now.hour - 1, 0), 0)
        return WORKING_MORNING

    # -- what is shown (tests and accessibility) -------------------------------------------

    def occurrences_on(self, day: date) -> list[Occurrence]:
        """The loaded occurrences touching `day`, in display order."""
        zone = self._hub.plan.tz
        return [o for o in self._data.occurrences if o.touches(day, zone)]

    def hints_for(self, occurrence: Occurrence) -> list[str]:
        """The pacing hints on an occurrence, in words (empty when all is well)."""
        return self._data.hints(self._hub, occurrence)

    @property
    def space_days(self) -> set[date]:
        """Visible days inside a space period (shaded)."""
        return set(self._data.space_days)

    def chip_rect(self, uid: str, day: date) -> QRectF | None:
        """Where that activity is painted on `day` (widget coordinates, maybe scrolled away)."""
        self._ensure_layout()
        col = self._col_of(day)
        if col is None:
            return None
        metrics = self._metrics()
        left, right = metrics.column_left(col), metrics.column_left(col + 1)
        for block in self._blocks:
            rect = self._to_widget(block.rect)
            if block.occurrence.activity.uid == uid and left <= rect.center().x() < right:
                return rect
        for bar in self._bars:
            rect = bar.rect
            if bar.occurrence.activity.uid == uid and rect.left() < right and rect.right() > left:
                low, high = max(left, rect.left()), min(right, rect.right())
                return QRectF(low, rect.top(), high - low, rect.height())
        return None

    def slot_point(self, day: date, moment: time) -> QPoint:
        """The widget point of `moment` on `day`, in the middle of the column."""
        metrics = self._metrics()
        col = self._col_of(day)
        assert col is not None, f"{day} is not visible"
        x = metrics.column_left(col) + metrics.column_width / 2
        y = metrics.y_of(moment.hour * 60 + moment.minute)
        return QPointF(x, y).toPoint()

    def all_day_point(self, day: date) -> QPoint:
        """A point in the all-day row on `day`, below any bars."""
        metrics = self._metrics()
        col = self._col_of(day)
        assert col is not None, f"{day} is not visible"
        x = metrics.column_left(col) + metrics.column_width / 2
        return QPointF(x, metrics.top - ALL_DAY_PADDING - 1).toPoint()

    @property
    def shows_details(self) -> bool:
        """Whether days are wide enough (the day view) for the place and the notes' start."""
        return self._metrics().column_width >= DETAILS_MIN_WIDTH

    def minute_height(self) -> float:
        """Pixels per minute on the hours."""
        return HOUR_HEIGHT / 60

    # -- data ------------------------------------------------------------------------------

    def _reload(self) -> None:
        if not self.isVisible():
            self._stale = True  # read when shown: a view in the background costs nothing
            return
        self._stale = False
        first, last = self.visible_days
        self._data = visible.load(self._hub, first, last)
        if self._selected is not None:
            self._selected = self._data.find(self._selected)
            if self._selected is None:
                self.selection_changed.emit(None)  # it was deleted or moved out of view
        self._layout_dirty = True
        self._read_ahead_due = True  # once this range has painted
        self.update()

    def _neighbours(self) -> list[visible.DayRange]:
        """The ranges Next and Previous would show."""
        first, last = self.visible_days
        shift = timedelta(days=self._columns)
        return [(first + shift, last + shift), (first - shift, last - shift)]

    @Slot()
    def _on_hub_settled(self) -> None:
        if not self._data.complete:
            self._reload()  # now with pacing hints

    @Slot(object)
    def _on_hub_changed(self, changes: Changes) -> None:
        first, last = self.visible_days
        if changes.touches(first, last):
            self._reload()

    # -- layout ----------------------------------------------------------------------------

    def _metrics(self) -> geometry.TimeGridMetrics:
        self._ensure_layout()
        return self._metrics_now()

    def _metrics_now(self) -> geometry.TimeGridMetrics:
        return geometry.TimeGridMetrics(
            width=float(self.width() - self._scrollbar.sizeHint().width()),
            height=float(self.height()),
            gutter=self._gutter(),
            top=HEADER_HEIGHT + self._all_day_height,
            hour_height=HOUR_HEIGHT,
            columns=self._columns,
            scroll=float(self._scrollbar.value()),
        )

    def _ensure_layout(self) -> None:
        if self._layout_dirty or self._layout_size != self.size():
            self._layout_dirty = False
            self._layout_size = self.size()
            self._layer = self._layers.get(self._layer_key(self._days, self._data))
            if self._layer is not None:
                self._apply(self._layer.layout)
            else:
                self._apply(self._lay_out(self._days, self._data))

    def _apply(self, layout: _Layout) -> None:
        self._bars, self._blocks = layout.bars, layout.blocks
        self._more, self._all_day_height = layout.more, layout.all_day_height
        if self._selected_day not in self._more:
            self._more_chosen = False  # all of the day fits now
        self._update_scrollbar(self._metrics_now())

    def _lay_out(self, days: list[date], data: visible.VisibleRange) -> _Layout:
        zone = self._hub.plan.tz
        occurrences = data.occurrences
        spans = [
            geometry.Span(index, o.first_day(zone), o.last_day(zone))
            for index, o in enumerate(occurrences)
            if o.all_day
        ]
        bars = geometry.layout_bars(days, spans, ALL_DAY_LANES)
        lanes = max([p.lane + 1 for p in bars.placed] + [ALL_DAY_LANES if bars.more else 1])
        all_day_height = 2 * ALL_DAY_PADDING + lanes * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        metrics = self._metrics_now()  # only its columns are read: they depend on the width
        placed_bars = []
        for placed in bars.placed:
            left = metrics.column_left(placed.first_col) + (0 if placed.continues_before else 2)
            right = metrics.column_left(placed.last_col + 1) - (0 if placed.continues_after else 3)
            top = HEADER_HEIGHT + ALL_DAY_PADDING + placed.lane * (BAR_HEIGHT + BAR_GAP)
            placed_bars.append(
                _Block(
                    QRectF(left, top, right - left, BAR_HEIGHT),
                    occurrences[placed.key],
                    all_day=True,
                    open_left=placed.continues_before,
                    open_right=placed.continues_after,
                )
            )
        blocks = self._timed_blocks(metrics, days, data)
        return _Layout(placed_bars, blocks, bars.more, all_day_height)

    def _timed_blocks(
        self, metrics: geometry.TimeGridMetrics, days: list[date], data: visible.VisibleRange
    ) -> list[_Block]:
        """Timed occurrences cut per day, side by side where they overlap."""
        per_col: dict[int, list[tuple[Occurrence, geometry.Segment]]] = {}
        for occurrence in data.occurrences:
            if occurrence.all_day:
                continue
            start, end = self._wall(occurrence)
            for segment in geometry.day_segments(start, end, days):
                per_col.setdefault(segment.col, []).append((occurrence, segment))
        scale = HOUR_HEIGHT / 60
        blocks: list[_Block] = []
        zone, wide = self._hub.plan.tz, self.shows_details
        texts: dict[int, chips.BlockText] = {}  # an activity over midnight: one text, two blocks
        for col, items in sorted(per_col.items()):
            intervals = [
                geometry.Interval(index, segment.start, segment.end)
                for index, (_o, segment) in enumerate(items)
            ]
            usable = metrics.column_width - BLOCK_MARGIN * 4
            laid = geometry.lay_out_lanes(intervals, MIN_BLOCK_MINUTES)
            for laned in sorted(laid, key=lambda laned: laned.lane):  # the right ones on top
                occurrence, segment = items[laned.key]
                left, width = geometry.lane_span(usable, laned)
                left += metrics.column_left(col) + BLOCK_MARGIN
                length = max(segment.end - segment.start, MIN_BLOCK_MINUTES)
                rect = QRectF(left, segment.start * scale, width - BLOCK_MARGIN, length * scale - 1)
                text = texts.get(id(occurrence))
                if text is None:
                    text = texts[id(occurrence)] = chips.block_text(occurrence, zone, details=wide)
                blocks.append(
                    _Block(rect, occurrence, all_day=False, resizable=segment.ends_here, text=text)
                )
        return blocks

    # -- drawing ahead ---------------------------------------------------------------------

    @property
    def shows_drawn_ahead(self) -> bool:
        """Whether the hours on screen were drawn ahead (while an earlier range was shown)."""
        self._ensure_layout()
        return self._layer is not None

    def _layer_key(self, days: list[date], data: visible.VisibleRange) -> drawn_ahead.Key | None:
        """What a range's drawn hours depend on (see drawn_ahead.key): the width, not the
        height (all 24 hours are drawn), and whether blocks show their details."""
        return drawn_ahead.key(self, self._hub, days, data, self.width(), self.shows_details)

    def _prepare_ahead(self) -> bool:
        """Draw the hours of one neighbouring range not drawn yet; whether one was drawn."""
        if not self.isVisible():
            return False
        for first, last in self._neighbours():
            days = [first + timedelta(days=n) for n in range(self._columns)]
            data = visible.load(self._hub, first, last)
            key = self._layer_key(days, data)
            if key is None or key in self._layers:
                continue
            layout = self._lay_out(days, data)
            hours, all_day = self._draw_layer(days, data, layout)
            self._layers.put(key, _Layer(data, layout, hours, all_day, self._hub.today()))
            return True
        return False

    def _draw_layer(
        self, days: list[date], data: visible.VisibleRange, layout: _Layout
    ) -> tuple[QPixmap, QPixmap]:
        """A range's 24 hours (in content coordinates: y 0 is midnight) and its all-day row, as
        they paint with nothing selected or moving."""
        shown = self._metrics_now()
        metrics = geometry.TimeGridMetrics(
            width=shown.width, height=shown.content_height, gutter=self._gutter(), top=0.0,
            hour_height=HOUR_HEIGHT, columns=self._columns,
        )  # fmt: skip
        hours = self._pixmap(metrics.width, metrics.height)
        painter = self._layer_painter(hours)
        self._draw_columns(painter, metrics, days, data.space_days)
        self._draw_hour_lines(painter, metrics)
        self._draw_blocks(painter, metrics, layout.blocks, data, selected=None, moving=None)
        painter.end()
        # The row, and the pixel line above it where its top border is drawn.
        all_day = self._pixmap(float(self.width()), layout.all_day_height + 1)
        painter = self._layer_painter(all_day)
        painter.translate(0, 1 - HEADER_HEIGHT)  # the row's own coordinates are the widget's
        self._draw_all_day_row(painter, shown, days, data, layout, selected=None, moving=None)
        painter.end()
        return hours, all_day

    def _pixmap(self, width: float, height: float) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(palette.CELL)
        return pixmap

    def _layer_painter(self, pixmap: QPixmap) -> QPainter:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self.font())
        return painter

    def _wall(self, occurrence: Occurrence) -> tuple[datetime, datetime]:
        """An occurrence's start and end as naive wall-clock times in the plan's zone; one
        that ends in the hour the clocks repeat ends as long after its start as it lasts
        (1:30 to 1:15 after the change was drawn as a sliver, and 1:00 for 90 minutes as 30:
        a trial); one ending after that hour ends where its clock says."""
        zone = self._hub.plan.tz
        start, end = occurrence.start_instant(zone), occurrence.end_instant(zone)
        wall_start = start.astimezone(zone).replace(tzinfo=None)
        local_end = end.astimezone(zone)
        wall_end = local_end.replace(tzinfo=None)
        if local_end.fold or wall_end <= wall_start:  # it ends in the hour the clocks repeat
            wall_end = max(wall_end, wall_start + span(start, end))
        return wall_start, wall_end

    def _update_scrollbar(self, metrics: geometry.TimeGridMetrics) -> None:
        bar = self._scrollbar
        bar.setGeometry(
            int(metrics.width),
            int(metrics.top),
            bar.sizeHint().width(),
            int(metrics.viewport_height),
        )
        bar.setRange(0, int(metrics.max_scroll))
        bar.setPageStep(int(metrics.viewport_height))
        bar.setSingleStep(int(HOUR_HEIGHT / 2))
        self._apply_scroll_target()

    def _apply_scroll_target(self) -> None:
        if self._scroll_target is None or not self.isVisible():
            return
        metrics = self._metrics_now()
        if metrics.viewport_height <= 0:
            return
        offset = HEADROOM * 60 / HOUR_HEIGHT
        self._scrollbar.setValue(round(metrics.scroll_for(self._scroll_target - offset)))
        self._scroll_target = None

    def _to_widget(self, rect: QRectF) -> QRectF:
        """A timed block's content rect where it is painted now (scrolled under the top)."""
        metrics = self._metrics_now()
        return rect.translated(0, metrics.top - metrics.scroll)

    def _col_of(self, day: date) -> int | None:
        return (day - self._days[0]).days if self._days[0] <= day <= self._days[-1] else None

    # -- painting --------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(900, 640)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 320)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._ensure_layout()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._forget_drawn()  # a few MB a range: not kept for a grid nobody sees

    def _forget_drawn(self) -> None:
        self._layers.clear()
        self._layer = None
        self._layout_dirty = True
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._reload()
        self._ensure_layout()
        self._apply_scroll_target()

    def _name_choice(self) -> None:
        """The day and activity chosen, as a screen reader says the view (when it changed)."""
        selected = self._selected
        hints = self.hints_for(selected) if selected is not None else []
        more = self._more_chosen
        chosen = (self._selected_day, selected, id(self._data.occurrences), more, *hints)
        if chosen != self._named:  # not at every paint of a drag
            self._named = chosen
            day = self._selected_day
            visible.name_choice(self, self._base_name, self._hub, day, selected,
                                len(self.occurrences_on(day)), hints, more=more)  # fmt: skip

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Named before the focus is said: a view brought forward had been said with the
        choice it had before, named only when it painted (an accessibility audit)."""
        self._name_choice()
        super().focusInEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._name_choice()
        metrics = self._metrics()
        self._ghost_lines = []  # what a drawing shows, if one is drawn below
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), palette.CELL)
        painter.save()
        painter.setClipRect(QRectF(0, metrics.top, metrics.width, metrics.viewport_height))
        shown = self._shown_gesture()
        moving = shown.occurrence if shown is not None else None
        layer = self._layer
        if layer is not None and layer.today != self._hub.today():
            layer = self._layer = None  # drawn before midnight: today's tint has moved
        if layer is not None and moving is None and self._drop is None:
            painter.drawPixmap(QPointF(0, metrics.top - metrics.scroll), layer.pixmap)
            self._draw_selection(painter, metrics)
        else:
            self._draw_columns(painter, metrics, self._days, self._data.space_days)
            self._draw_drop(painter, metrics)
            self._draw_hour_lines(painter, metrics)
            self._draw_blocks(painter, metrics, self._blocks, self._data,
                              selected=self._selected, moving=moving)  # fmt: skip
        self._draw_now_line(painter, metrics)
        self._draw_timed_ghost(painter, metrics)
        painter.restore()
        self._draw_hour_labels(painter, metrics)
        self._draw_header(painter, metrics)
        if layer is not None and moving is None and self._drop is None:
            painter.drawPixmap(QPointF(0, HEADER_HEIGHT - 1), layer.all_day)
            self._draw_bar_selection(painter)
        else:
            layout = _Layout(self._bars, self._blocks, self._more, self._all_day_height)
            self._draw_all_day_row(painter, metrics, self._days, self._data, layout,
                                   selected=self._selected, moving=moving)  # fmt: skip
        self._draw_more_choice(painter, metrics)
        self._draw_all_day_ghost(painter, metrics)
        painter.end()
        if self._read_ahead_due:
            self._read_ahead_due = False
            visible.read_ahead(self, self._hub, self._neighbours, self._prepare_ahead)

    def _column_rect(self, metrics: geometry.TimeGridMetrics, col: int, top: float) -> QRectF:
        left = metrics.column_left(col)
        return QRectF(left, top, metrics.column_left(col + 1) - left, metrics.height - top)

    def _draw_columns(
        self,
        painter: QPainter,
        metrics: geometry.TimeGridMetrics,
        days: list[date],
        space_days: frozenset[date],
    ) -> None:
        today = self._hub.today()
        quiet_top = metrics.y_of(WORKING_HOURS[0] * 60)
        quiet_bottom = metrics.y_of(WORKING_HOURS[1] * 60)
        for col, day in enumerate(days):
            rect = self._column_rect(metrics, col, metrics.top)
            painter.fillRect(rect, palette.CELL_WEEKEND if day.isoweekday() >= 6 else palette.CELL)
            for band in (
                QRectF(rect.left(), rect.top(), rect.width(), quiet_top - rect.top()),
                QRectF(rect.left(), quiet_bottom, rect.width(), rect.bottom() - quiet_bottom),
            ):
                if band.height() > 0:
                    painter.fillRect(band, palette.OFF_HOURS)
            if day in space_days:
                painter.fillRect(rect, palette.SPACE_TINT)
            if day == today:
                painter.fillRect(rect, palette.TODAY_TINT)

    def _draw_drop(self, painter: QPainter, metrics: geometry.TimeGridMetrics) -> None:
        """The column a dragged idea would land in."""
        col = self._col_of(self._drop.day) if self._drop is not None else None
        if col is not None:
            painter.fillRect(self._column_rect(metrics, col, metrics.top), palette.SELECTED_ROW)

    def _draw_hour_lines(self, painter: QPainter, metrics: geometry.TimeGridMetrics) -> None:
        right = metrics.column_left(self._columns)
        for hour in range(24):
            y = round(metrics.y_of(hour * 60)) + 0.5
            half = round(metrics.y_of(hour * 60 + 30)) + 0.5
            painter.setPen(QPen(palette.HALF_HOUR_LINE, 1))
            painter.drawLine(QPointF(metrics.gutter, half), QPointF(right, half))
            if hour:
                painter.setPen(QPen(palette.HOUR_LINE, 1))
                painter.drawLine(QPointF(metrics.gutter - 6, y), QPointF(right, y))
        painter.setPen(QPen(palette.GRID_LINE, 1))
        for col in range(self._columns + 1):
            x = round(metrics.column_left(col)) + 0.5
            painter.drawLine(QPointF(x, metrics.top), QPointF(x, metrics.height))

    def _draw_hour_labels(self, painter: QPainter, metrics: geometry.TimeGridMetrics) -> None:
        painter.save()
        painter.setClipRect(QRectF(0, metrics.top, metrics.gutter, metrics.viewport_height))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() - 1)
        painter.setFont(font)
        painter.setPen(palette.TEXT_MUTED)
        half = QFontMetricsF(font).height() / 2
        now = self._hub.now()
        # The now pill, drawn before, is not written over: the mark it covers is left out.
        pill = (
            metrics.y_of(now.hour * 60 + now.minute)
            if self._col_of(now.date()) is not None
            else None
        )
        covered = QFontMetricsF(self._now_font()).height() / 2 + 1 + half
        for hour in range(1, 24):
            y = metrics.y_of(hour * 60)
            if pill is not None and abs(y - pill) < covered:
                continue
            painter.drawText(
                QRectF(0, y - half, metrics.gutter - 10, 2 * half),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                labels.hour_mark(hour),
            )
        painter.restore()

    def _draw_blocks(
        self,
        painter: QPainter,
        metrics: geometry.TimeGridMetrics,
        blocks: list[_Block],
        data: visible.VisibleRange,
        *,
        selected: Occurrence | None,
        moving: Occurrence | None,
    ) -> None:
        shift = metrics.top - metrics.scroll  # content to widget (as _to_widget, once)
        for block in blocks:
            occurrence = block.occurrence
            rect = block.rect.translated(0, shift)
            if rect.bottom() < metrics.top or rect.top() > metrics.height:
                continue
            assert block.text is not None  # timed blocks get theirs with the layout
            if visible.same(occurrence, moving):
                style = chips.ChipStyle(
                    selected=visible.same(occurrence, selected), flagged=data.flagged(occurrence)
                )
                painter.save()
                painter.setOpacity(0.35)  # where it was, while the ghost shows where it goes
                chips.paint_block(painter, rect, occurrence, block.text, style)
                painter.restore()
            else:
                style = chips.ChipStyle(flagged=data.flagged(occurrence))
                chips.paint_block(painter, rect, occurrence, block.text, style)
        if moving is None:
            # The selected block's outline on top of all (a block after it may overlap it in a
            # narrow column): the same as over a layer drawn ahead, see _draw_selection.
            self._draw_outline(painter, metrics, blocks, selected)

    def _draw_selection(self, painter: QPainter, metrics: geometry.TimeGridMetrics) -> None:
        """The selected block's outline, over a layer drawn with nothing selected."""
        self._draw_outline(painter, metrics, self._blocks, self._selected)

    def _draw_outline(
        self,
        painter: QPainter,
        metrics: geometry.TimeGridMetrics,
        blocks: list[_Block],
        selected: Occurrence | None,
    ) -> None:
        if selected is None:
            return
        for block in blocks:
            if visible.same(block.occurrence, selected):
                rect = block.rect.translated(0, metrics.top - metrics.scroll)
                chips.paint_block_selection(painter, rect)

    def _draw_now_line(self, painter: QPainter, metrics: geometry.TimeGridMetrics) -> None:
        now = self._hub.now()
        col = self._col_of(now.date())
        if col is None:
            return
        y = metrics.y_of(now.hour * 60 + now.minute)
        left, right = metrics.column_left(col), metrics.column_left(col + 1)
        painter.save()
        # Under the activities it meets, not through their words: across a title it read as
        # struck through, "cancelled" (a new user's trial). The dot and the pill still say it.
        band = QRegion(QRect(0, math.floor(y) - 3, math.ceil(metrics.width), 7))
        for block in self._blocks:
            rect = block.rect.translated(0, metrics.top - metrics.scroll)
            if rect.top() - 2 <= y <= rect.bottom() + 2:
                band -= QRegion(rect.toAlignedRect())
        painter.save()
        painter.setClipRegion(band, Qt.ClipOperation.IntersectClip)
        faint = QPen(palette.NOW_LINE, 1)
        painter.setOpacity(0.35)
        painter.setPen(faint)
        painter.drawLine(QPointF(metrics.gutter, y), QPointF(metrics.column_left(self._columns), y))
        painter.setOpacity(1.0)
        painter.setPen(QPen(palette.NOW_LINE, 2))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.restore()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.NOW_LINE)
        painter.drawEllipse(QPointF(left, y), 4.5, 4.5)
        painter.restore()
        self._draw_now_label(painter, metrics, now, y)

    def _now_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() - 1)
        font.setBold(True)
        return font

    def _gutter(self) -> float:
        """The hour column: wide enough for the now pill's widest time in this computer's
        clock ("10:58 PM", "10:58 p.m."), and so for every hour mark."""
        key = (QLocale().name(), self.font().key())
        if self._gutter_for[0] != key:
            metrics = QFontMetricsF(self._now_font())
            widest = max(metrics.horizontalAdvance(labels.clock(time(hour, 58)))
                         for hour in (10, 22))  # fmt: skip
            self._gutter_for = (key, max(GUTTER, math.ceil(widest) + 22))
        return self._gutter_for[1]

    def _draw_now_label(
        self, painter: QPainter, metrics: geometry.TimeGridMetrics, now: datetime, y: float
    ) -> None:
        """The current time in the gutter, on a pill, hiding the hour label it covers."""
        if y < metrics.top or y > metrics.height:
            return
        font = self._now_font()
        height = QFontMetricsF(font).height() + 2
        pill = QRectF(4, y - height / 2, metrics.gutter - 10, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.NOW_PILL)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setFont(font)
        painter.setPen(palette.TEXT_ON_ACCENT)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, labels.clock(now))
        painter.restore()

    def _draw_header(self, painter: QPainter, metrics: geometry.TimeGridMetrics) -> None:
        painter.fillRect(QRectF(0, 0, self.width(), HEADER_HEIGHT), palette.WINDOW)
        name_font = QFont(self.font())
        name_font.setPointSizeF(name_font.pointSizeF() - 0.5)
        name_font.setCapitalization(QFont.Capitalization.AllUppercase)
        name_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        number_font = QFont(self.font())
        number_font.setPointSizeF(number_font.pointSizeF() + 4)
        # One shape for the whole header: "MON 28" stacked beside "SUN 27" on one line (a
        # wider name or number just missing room) looked like a mistake.
        shapes = [self._heading_shape(day, metrics.column_width, name_font, number_font)
                  for day in self._days]  # fmt: skip
        side_by_side = all(fits for fits, _short_fits in shapes)
        narrow_names = not side_by_side and not all(short for _fits, short in shapes)
        for col, day in enumerate(self._days):
            cell = QRectF(metrics.column_left(col), 0, metrics.column_width, HEADER_HEIGHT)
            fonts = (name_font, number_font)
            self._draw_day_heading(
                painter, cell, day, fonts, side_by_side=side_by_side, narrow_names=narrow_names
            )

    def _day_name(self, day: date, *, narrow: bool = False) -> str:
        locale = QLocale()
        if narrow:
            return locale.dayName(day.isoweekday(), QLocale.FormatType.NarrowFormat)
        long_form = QLocale.FormatType.LongFormat if self._columns == 1 else None
        return locale.dayName(day.isoweekday(), long_form or QLocale.FormatType.ShortFormat)

    def _heading_shape(
        self, day: date, width: float, name_font: QFont, number_font: QFont
    ) -> tuple[bool, bool]:
        """Whether the day's name and number fit side by side, and its name alone, in `width`."""
        name = QFontMetricsF(name_font).horizontalAdvance(self._day_name(day))
        return name + _HEADING_GAP + _pill_width(day, number_font) <= width - 8, name <= width - 4

    def _draw_day_heading(
        self,
        painter: QPainter,
        cell: QRectF,
        day: date,
        fonts: tuple[QFont, QFont],
        *,
        side_by_side: bool,
        narrow_names: bool,
    ) -> None:
        """ "MON 23" side by side, or stacked (with one-letter names if need be) when narrow;
        today's number on the accent pill."""
        name_font, number_font = fonts
        today = day == self._hub.today()
        name = self._day_name(day, narrow=narrow_names)
        name_metrics, number_metrics = QFontMetricsF(name_font), QFontMetricsF(number_font)
        number = str(day.day)
        pill_height = number_metrics.height() + 4
        pill_width = _pill_width(day, number_font)
        gap = _HEADING_GAP
        name_width = name_metrics.horizontalAdvance(name)
        if side_by_side:
            x = cell.center().x() - (name_width + gap + pill_width) / 2
            name_rect = QRectF(x, 0, name_width + 1, HEADER_HEIGHT)
            pill = QRectF(x + name_width + gap, (HEADER_HEIGHT - pill_height) / 2, pill_width,
                          pill_height)  # fmt: skip
        else:
            name_rect = QRectF(cell.left(), 2, cell.width(), name_metrics.height())
            pill = QRectF(cell.center().x() - pill_width / 2, name_rect.bottom(), pill_width,
                          min(pill_height, HEADER_HEIGHT - name_rect.bottom() - 2))  # fmt: skip
        painter.setFont(name_font)
        painter.setPen(palette.ACCENT_STRONG if today else palette.TEXT_MUTED)
        align = Qt.AlignmentFlag.AlignCenter if not side_by_side else Qt.AlignmentFlag.AlignVCenter
        painter.drawText(name_rect, align, name)
        number_font = QFont(number_font)
        number_font.setBold(today)
        painter.setFont(number_font)
        if today:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.ACCENT_STRONG)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(palette.TEXT_ON_ACCENT)
        else:
            painter.setPen(palette.TEXT)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, number)
        if day == self._selected_day and self.hasFocus() and self._columns > 1:
            if self._selected is None and not self._more_chosen:
                # The day itself is what the keys chose (Enter plans on it): framed as the
                # month frames its chosen day, not a thin line one could miss.
                painter.setPen(QPen(palette.ACCENT, 1.6))
                painter.setBrush(palette.SELECTED_ROW)
                frame = QRectF(cell.left() + 2, 2, cell.width() - 4, HEADER_HEIGHT - 4)
                painter.drawRoundedRect(frame, chips.RADIUS, chips.RADIUS)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setPen(QPen(palette.SELECTED_DAY, 2))
                bottom = HEADER_HEIGHT - 2
                painter.drawLine(QPointF(pill.left(), bottom), QPointF(pill.right(), bottom))

    def _draw_all_day_row(
        self,
        painter: QPainter,
        metrics: geometry.TimeGridMetrics,
        days: list[date],
        data: visible.VisibleRange,
        layout: _Layout,
        *,
        selected: Occurrence | None,
        moving: Occurrence | None,
    ) -> None:
        row = QRectF(0, HEADER_HEIGHT, self.width(), layout.all_day_height)
        painter.fillRect(row, palette.WINDOW)
        today = self._hub.today()
        for col, day in enumerate(days):
            cell = QRectF(metrics.column_left(col), row.top(), metrics.column_width, row.height())
            painter.fillRect(cell, palette.CELL)
            if day in data.space_days:
                painter.fillRect(cell, palette.SPACE_TINT)
            if day == today:
                painter.fillRect(cell, palette.TODAY_TINT)
        painter.setPen(QPen(palette.GRID_LINE, 1))
        for col in range(self._columns + 1):
            x = round(metrics.column_left(col)) + 0.5
            painter.drawLine(QPointF(x, row.top()), QPointF(x, row.bottom()))
        for y in (row.top(), row.bottom()):
            painter.drawLine(QPointF(0, round(y) - 0.5), QPointF(self.width(), round(y) - 0.5))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() - 1.5)
        painter.setFont(font)
        painter.setPen(palette.TEXT_MUTED)
        painter.drawText(
            QRectF(0, row.top(), metrics.gutter - 10, BAR_HEIGHT + 2 * ALL_DAY_PADDING),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            self.tr("all-day"),
        )
        for bar in layout.bars:
            painter.save()
            if visible.same(bar.occurrence, moving):
                painter.setOpacity(0.35)
            style = replace(
                self._bar_style(bar, data), selected=visible.same(bar.occurrence, selected)
            )
            label = chips.chip_label(bar.occurrence, self._hub.plan.tz, show_time=False)
            chips.paint_chip(painter, bar.rect, bar.occurrence, label, style)
            painter.restore()
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.MORE_TEXT)
        for day, rect in self._more_rects(metrics, days, layout.more).items():
            text = self.tr("+%1 more").replace("%1", str(layout.more[day]))
            painter.drawText(rect.adjusted(6, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, text)

    @staticmethod
    def _bar_style(bar: _Block, data: visible.VisibleRange) -> chips.ChipStyle:
        return chips.ChipStyle(
            flagged=data.flagged(bar.occurrence),
            open_left=bar.open_left,
            open_right=bar.open_right,
            show_time=False,
        )

    def _draw_bar_selection(self, painter: QPainter) -> None:
        """The selected bar's outline, over an all-day row drawn with nothing selected."""
        for bar in self._bars:
            if visible.same(bar.occurrence, self._selected):
                style = replace(self._bar_style(bar, self._data), selected=True)
                chips.paint_chip_selection(painter, bar.rect, style)

    def _draw_more_choice(self, painter: QPainter, metrics: geometry.TimeGridMetrics) -> None:
        """The "+N more" the keys are on, framed as the month frames its own."""
        rect = self._more_rects(metrics, self._days, self._more).get(self._selected_day)
        if not self._more_chosen or rect is None:
            return
        painter.save()
        painter.setPen(QPen(palette.ACCENT, 1.6))
        painter.setBrush(palette.SELECTED_ROW)
        painter.drawRoundedRect(rect.adjusted(2.8, 0.8, -3.8, -0.8), chips.RADIUS, chips.RADIUS)
        painter.restore()

    @property
    def chosen_more(self) -> date | None:
        """The day whose "+N more" the keys (or a click) chose, if any."""
        self._ensure_layout()
        return self._selected_day if self._more_chosen else None

    def _more_rects(
        self, metrics: geometry.TimeGridMetrics, days: list[date], more: dict[date, int]
    ) -> dict[date, QRectF]:
        rects = {}
        top = HEADER_HEIGHT + ALL_DAY_PADDING + (ALL_DAY_LANES - 1) * (BAR_HEIGHT + BAR_GAP)
        for day in more:
            col = (day - days[0]).days if days[0] <= day <= days[-1] else None
            if col is not None:
                rects[day] = QRectF(metrics.column_left(col), top, metrics.column_width, BAR_HEIGHT)
        return rects

    def _shown_gesture(self) -> _Gesture | None:
        """The drag being made, or the one held while its question is open."""
        if self._gesture is not None and self._gesture.started:
            return self._gesture
        return self._held

    def hold_until_answered(self, question: QDialog) -> None:
        """Keep drawing the series' dragged occurrence where it was dropped until `question`
        (only this one, the following, or all) closes: it had jumped back under the question,
        hiding where it was going. So too what was drawn for a new activity, while its editor
        is open (a trial saw the grid empty behind it, as Apple's keeps "New Event")."""
        if self._held is None:
            return
        question.finished.connect(self._release_held)

    @Slot()
    def _release_held(self) -> None:
        if self._held is not None:
            self._held = None
            self.update()

    def _draw_timed_ghost(self, painter: QPainter, metrics: geometry.TimeGridMetrics) -> None:
        gesture = self._shown_gesture()
        if gesture is None or not gesture.started or not isinstance(gesture.start, datetime):
            return
        assert isinstance(gesture.end, datetime)
        scale = HOUR_HEIGHT / 60
        for segment in geometry.day_segments(gesture.start, gesture.end, self._days):
            left = metrics.column_left(segment.col) + BLOCK_MARGIN
            length = max(segment.end - segment.start, MIN_BLOCK_MINUTES)
            rect = QRectF(
                left,
                metrics.y_of(segment.start),
                metrics.column_width - 3 * BLOCK_MARGIN,
                length * scale - 1,
            )
            self._draw_ghost(painter, rect, gesture, self._landing(gesture))

    def _landing(self, gesture: _Gesture) -> str:
        """The times a drop will keep, as `_finish` saves them: on the night the clocks go
        forward, an hour the clock skips is said as the time it becomes, and why (a trial saw
        02:15 drawn and 03:15 saved, without a word); a length is kept, a stretch's end is
        where it was drawn to."""
        assert isinstance(gesture.start, datetime) and isinstance(gesture.end, datetime)
        zone = self._hub.plan.tz  # a gesture's times are the wall clock's, as drawn
        start = gesture.start.replace(tzinfo=zone)
        end = gesture.end.replace(tzinfo=zone)
        if gesture.kind is _Kind.RESIZE:
            landed_end = normalized(end)
        else:
            landed_end = plus_elapsed(normalized(start), gesture.end - gesture.start)
        when = labels.clock_span(normalized(start), landed_end, " – ")
        if skipped_by_clocks(start):
            when += " · " + self.tr("the clocks go forward")
        return when

    def _draw_all_day_ghost(self, painter: QPainter, metrics: geometry.TimeGridMetrics) -> None:
        gesture = self._shown_gesture()
        if gesture is None or not gesture.started or gesture.start is None:
            return
        if isinstance(gesture.start, datetime) or isinstance(gesture.end, datetime):
            return
        assert isinstance(gesture.end, date)
        first = max(gesture.start, self._days[0])
        last = min(gesture.end - timedelta(days=1), self._days[-1])
        first_col, last_col = self._col_of(first), self._col_of(last)
        if first_col is None or last_col is None:
            return
        left = metrics.column_left(first_col) + 2
        right = metrics.column_left(last_col + 1) - 3
        rect = QRectF(left, HEADER_HEIGHT + ALL_DAY_PADDING, right - left, BAR_HEIGHT)
        self._draw_ghost(painter, rect, gesture, self.tr("All day"))

    def _draw_ghost(self, painter: QPainter, rect: QRectF, gesture: _Gesture, when: str) -> None:
        """Where the dragged activity lands (its own colours) or the new one drawn (outlined)."""
        occurrence = gesture.occurrence
        if occurrence is not None and gesture.kind in (_Kind.MOVE, _Kind.RESIZE):
            title = occurrence.title
            self._ghost_lines = [title, when]
            if rect.height() > BAR_HEIGHT + 1:
                text = chips.BlockText(title, when, times_first=True)
                chips.paint_block(painter, rect, occurrence, text, chips.ChipStyle())
            else:
                chips.paint_chip(painter, rect, occurrence, title, chips.ChipStyle(show_time=False))
            painter.save()
            painter.setPen(QPen(palette.GHOST_OUTLINE, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, chips.RADIUS, chips.RADIUS)
            painter.restore()
            return
        painter.save()
        painter.setPen(QPen(palette.GHOST_OUTLINE, 1.5))
        painter.setBrush(palette.GHOST_FILL)
        painter.drawRoundedRect(rect, chips.RADIUS, chips.RADIUS)
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(palette.TEXT)
        room = rect.adjusted(6, 2, -4, 0)
        when_shown = when if gesture.kind is _Kind.CREATE else ""
        self._ghost_lines = _ghost_lines(QFontMetricsF(font), room, self.tr("New activity"),
                                         when_shown)  # fmt: skip
        painter.drawText(
            room,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            "\n".join(self._ghost_lines),
        )
        painter.restore()

    @property
    def ghost_lines(self) -> list[str]:
        """The words last written where a drag lands: a new activity's, or the title and
        times of one moved or stretched (tests)."""
        return list(self._ghost_lines)

    # -- hit testing -----------------------------------------------------------------------

    def _in_all_day(self, pos: QPointF) -> bool:
        return HEADER_HEIGHT <= pos.y() < HEADER_HEIGHT + self._all_day_height

    def _block_at(self, pos: QPointF) -> _Block | None:
        self._ensure_layout()
        if self._in_all_day(pos):
            return next((b for b in reversed(self._bars) if b.rect.contains(pos)), None)
        metrics = self._metrics_now()
        if pos.y() < metrics.top or pos.x() >= metrics.width:
            return None
        return next(
            (b for b in reversed(self._blocks) if self._to_widget(b.rect).contains(pos)), None
        )

    def _on_resize_handle(self, block: _Block, pos: QPointF) -> bool:
        if block.all_day or not block.resizable:
            return False
        rect = self._to_widget(block.rect)
        return pos.y() >= rect.bottom() - RESIZE_HANDLE

    def _more_at(self, pos: QPointF) -> date | None:
        rects = self._more_rects(self._metrics(), self._days, self._more)
        return next((day for day, rect in rects.items() if rect.contains(pos)), None)

    def _day_at(self, pos: QPointF) -> date | None:
        col = self._metrics().column_at(pos.x())
        return None if col is None else self._days[col]

    # -- selection and keys ----------------------------------------------------------------

    def _select(
        self,
        occurrence: Occurrence | None,
        day: date | None = None,
        *,
        reveal: bool = False,
        roomy: bool = True,
        more: bool = False,
    ) -> None:
        """Select an occurrence (or none) and its day, or with `more` the day's "+N more";
        `reveal` scrolls it into view (keys do, clicks do not: the block must stay under the
        pointer that may drag it), with room around it when `roomy`."""
        if day is not None:
            self._selected_day = day
        if self._more_chosen != (more and occurrence is None):
            self._more_chosen = not self._more_chosen
            self.update()
        changed = not visible.same(occurrence, self._selected)
        self._selected = occurrence
        if occurrence is not None and reveal:
            self._reveal(occurrence, roomy=roomy)
        if changed or occurrence is None:
            self.selection_changed.emit(occurrence)
        self.update()

    def _reveal(self, occurrence: Occurrence, *, roomy: bool = True) -> None:
        """Scroll the hours so the selected block can be seen with room around it: an hour
        where the view has it (a trial's evening block, chosen in the month, opened the
        week as a sliver on the bottom edge, counted as seen)."""
        if occurrence.all_day:
            return
        metrics = self._metrics()
        block = next((b for b in self._blocks if visible.same(b.occurrence, occurrence)), None)
        if block is None:
            return
        room = int(min(HOUR_HEIGHT, metrics.viewport_height / 4)) if roomy else 8
        rect = self._to_widget(block.rect)
        if rect.top() < metrics.top + room:
            self._scrollbar.setValue(int(block.rect.top()) - room)
        elif rect.bottom() > metrics.height - room:
            target = int(block.rect.bottom() - metrics.viewport_height) + room
            self._scrollbar.setValue(min(target, int(block.rect.top()) - room))

    def _visible_col(self, occurrence: Occurrence) -> int:
        zone = self._hub.plan.tz
        return max(0, (occurrence.first_day(zone) - self._days[0]).days)

    def _step_selection(self, key: int) -> None:
        """Arrows: up/down walk activities in time order; left/right go to the neighbouring
        day, onto its activity nearest in time, or onto the day itself when it has none, so
        the keys reach every day (Enter then plans on it); past the edge, into the next week
        (or day)."""
        current = self._selected
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            # From the day chosen (an activity of several days may be chosen on a later one).
            minutes = self._minutes_of_day(current) if current is not None else None
            self._step_to_day(
                self._selected_day + timedelta(days=-1 if key == Qt.Key.Key_Left else 1),
                -1 if self._more_chosen else minutes,
            )
            return
        stops = self._key_stops()
        if not stops:
            return
        here = next((i for i, (o, day) in enumerate(stops)
                     if (o is None and self._more_chosen and day == self._selected_day)
                     or (o is not None and visible.same(o, current))), None)  # fmt: skip
        if here is None:
            col = self._col_of(self._selected_day) or 0
            after = [stop for stop in stops if (stop[1] - self._days[0]).days >= col]
            self._choose_stop((after or stops)[0])
            return
        index = here + (-1 if key == Qt.Key.Key_Up else 1)
        if 0 <= index < len(stops):
            self._choose_stop(stops[index])

    def _key_stops(self) -> list[tuple[Occurrence | None, date]]:
        """Where Up and Down go, in time order: what is drawn, and each day's "+N more" (as
        None) after that day's all-day bars, in place of the ones it stands for. The keys
        had gone on to those, chosen out of sight."""
        self._ensure_layout()
        zone = self._hub.plan.tz
        shown = [bar.occurrence for bar in self._bars]
        found: list[tuple[date, int, int, Occurrence | None]] = []
        for index, occurrence in enumerate(self._data.occurrences):
            day = max(occurrence.first_day(zone), self._days[0])
            if not occurrence.all_day:
                found.append((day, 2, index, occurrence))
            elif any(visible.same(occurrence, bar) for bar in shown):
                found.append((day, 0, index, occurrence))
        found.extend((day, 1, 0, None) for day in self._more if self._col_of(day) is not None)
        return [(occurrence, day) for day, _group, _index, occurrence in sorted(found)]

    def _choose_stop(self, stop: tuple[Occurrence | None, date]) -> None:
        occurrence, day = stop
        if occurrence is None:
            self._select(None, day, more=True)
        else:
            self._select_occurrence(occurrence)

    def _step_to_day(self, day: date, minutes: int | None) -> None:
        """Choose `day` (showing its week if need be): the activity starting on it nearest
        `minutes` into the day (its first, without), or the day alone when none starts there.
        One that only goes on over it (a month's space period) is not chosen again day after
        day: the keys would never reach the day itself, to plan on it."""
        self.go_to(day)
        zone = self._hub.plan.tz
        there = [o for o in self._key_stops_on(day) if o.first_day(zone) == day]
        if not there:
            # Its "+N more" when the all-day row was where the keys were, else the day itself.
            self._select(None, day, more=minutes == -1 and day in self._more)
            return
        chosen = (
            there[0]
            if minutes is None
            else min(there, key=lambda o: abs(self._minutes_of_day(o) - minutes))
        )
        self._select(chosen, day, reveal=True)

    def _key_stops_on(self, day: date) -> list[Occurrence]:
        """The activities drawn on `day` that the keys can choose (none hidden in "+N more")."""
        return [o for o, stop_day in self._key_stops() if o is not None and stop_day == day]

    def _minutes_of_day(self, occurrence: Occurrence) -> int:
        return -1 if occurrence.all_day else geometry.minutes_of(self._wall(occurrence)[0])

    def _select_occurrence(self, occurrence: Occurrence) -> None:
        day = self._days[self._visible_col(occurrence)]
        self._select(occurrence, day, reveal=True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._gesture is not None and event.reason() != Qt.FocusReason.PopupFocusReason:
            # A window that took the keys mid-drag (a reminder, a question) may also take the
            # button's release: the drag must not stay half done, nor the arrows dead.
            self._call_off_gesture()

    def _call_off_gesture(self) -> None:
        """A drag, stretch or drawing under way ends without changing anything."""
        self._gesture = None
        self.unsetCursor()
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        arrows = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)
        if key in arrows and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            if self._gesture is None:  # the mouse's gesture first: the keys wait for it
                self._step_selection(key)
            return
        more_day = self.chosen_more if self._selected is None else None
        if more_day is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.more_requested.emit(more_day)  # what clicking "+N more" does
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._selected is not None:
                self.edit_requested.emit(self._selected)
            else:
                self.create_requested.emit(DrawnSpan(self._selected_day))
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._selected is not None:
            self.delete_requested.emit(self._selected)
            return
        if key == Qt.Key.Key_Escape and self._gesture is not None:
            self._call_off_gesture()
            return
        if keyboard_menu.is_menu_shortcut(event):
            keyboard_menu.open_menu(self)
            return
        super().keyPressEvent(event)

    # -- mouse -----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() in drawn_ahead.LOOK_CHANGES:
            self._forget_drawn()  # drawn ahead for another screen, font or palette
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self._block_at(QPointF(event.pos()))
            if block is None:
                QToolTip.hideText()
                event.ignore()
            else:
                occurrence = block.occurrence
                text = visible.tooltip(self._hub, occurrence, self.hints_for(occurrence))
                QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._scrollbar.setValue(self._scrollbar.value() - event.angleDelta().y() // 3)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._release_held()  # a question never shown (a test's bare grid) holds nothing
        pos = event.position()
        metrics = self._metrics()
        col = metrics.column_at(pos.x())
        if col is None:
            return
        day = self._days[col]
        if pos.y() < HEADER_HEIGHT:
            if event.button() == Qt.MouseButton.LeftButton:
                self._select(None, day)
                self.day_requested.emit(day)
            return
        block = self._block_at(pos)
        if event.button() != Qt.MouseButton.LeftButton:
            self._select(block.occurrence if block else None, day)
            return
        more = self._more_at(pos) if block is None else None
        if more is not None:
            self._select(None, more, more=True)  # where the keys go on from
            self.more_requested.emit(more)
            return
        self._select(block.occurrence if block else None, day)
        if block is not None:
            kind = _Kind.RESIZE if self._on_resize_handle(block, pos) else _Kind.MOVE
        else:
            kind = _Kind.CREATE_ALL_DAY if self._in_all_day(pos) else _Kind.CREATE
        self._gesture = _Gesture(
            kind=kind,
            press=pos,
            col=col,
            minutes=metrics.minutes_at(pos.y()),
            occurrence=block.occurrence if block else None,
            scrolls_up=not self._in_all_day(pos),
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        gesture = self._gesture
        if gesture is None or not event.buttons() & Qt.MouseButton.LeftButton:
            self._update_cursor(pos)
            return
        if not gesture.started:
            travelled = (pos - gesture.press).manhattanLength()
            if travelled < QApplication.startDragDistance():
                return
            gesture.started = True
        self._autoscroll(pos, gesture)
        fine = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        gesture.start, gesture.end = self._proposal(gesture, pos, fine)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        gesture, self._gesture = self._gesture, None
        if gesture is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self.update()
        if not gesture.started:
            return
        fine = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        start, end = self._proposal(gesture, event.position(), fine)
        self._finish(gesture, start, end)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._gesture = None
        pos = event.position()
        block = self._block_at(pos)
        if block is not None:
            self.edit_requested.emit(block.occurrence)
            return
        span = self._span_at(pos)
        if span is not None:
            self.create_requested.emit(span)

    def _span_at(self, pos: QPointF, step: int = SLOT_MINUTES) -> DrawnSpan | None:
        """A new activity where the pointer is: that day and the half-hour (or `step`
        minutes) the pointer is in, or all day."""
        day = self._day_at(pos)
        if day is None or pos.y() < HEADER_HEIGHT:
            return None
        if self._in_all_day(pos):
            return DrawnSpan(day, length=timedelta(days=1), all_day=True)
        minutes = int(self._metrics().minutes_at(pos.y()) // step * step)
        moment = geometry.at_minutes(day, min(minutes, geometry.MINUTES_PER_DAY - step))
        return DrawnSpan(day, at=moment.time())

    def _drop_at(self, event: QDragMoveEvent | QDropEvent) -> DrawnSpan | None:
        """Where a dragged idea lands: the quarter hour under the pointer (5 minutes with
        Shift), the steps blocks move by."""
        fine = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        return self._span_at(QPointF(event.position()), FINE_SNAP_MINUTES if fine else SNAP_MINUTES)

    def _update_cursor(self, pos: QPointF) -> None:
        block = self._block_at(pos)
        if block is not None and self._on_resize_handle(block, pos):
            self.setCursor(Qt.CursorShape.SizeVerCursor)
        else:
            self.unsetCursor()

    def _autoscroll(self, pos: QPointF, gesture: _Gesture) -> None:
        """Dragging near the top or bottom edge of the hours scrolls them (one step a move)."""
        if gesture.kind is _Kind.CREATE_ALL_DAY:
            return
        metrics = self._metrics_now()
        if pos.y() >= metrics.top + AUTOSCROLL_MARGIN:
            gesture.scrolls_up = True
        if metrics.top <= pos.y() < metrics.top + AUTOSCROLL_MARGIN:
            if gesture.scrolls_up:
                self._scrollbar.setValue(self._scrollbar.value() - AUTOSCROLL_STEP)
        elif pos.y() > metrics.height - AUTOSCROLL_MARGIN:
            self._scrollbar.setValue(self._scrollbar.value() + AUTOSCROLL_STEP)

    def _proposal(
        self, gesture: _Gesture, pos: QPointF, fine: bool
    ) -> tuple[datetime | date, datetime | date]:
        """Where the gesture would land with the pointer at `pos`: naive wall-clock datetimes,
        or dates (end exclusive) when it is, or becomes, all-day."""
        step = FINE_SNAP_MINUTES if fine else SNAP_MINUTES
        metrics = self._metrics_now()
        col = metrics.nearest_column(pos.x())
        day = self._days[col]
        minutes = metrics.minutes_at(pos.y())
        to_all_day = pos.y() < metrics.top
        if gesture.kind is _Kind.CREATE:
            first = self._days[gesture.col]
            low, high = geometry.drawn_span(gesture.minutes, minutes, step)
            return geometry.at_minutes(first, low), geometry.at_minutes(first, high)
        if gesture.kind is _Kind.CREATE_ALL_DAY:
            low_col, high_col = sorted((gesture.col, col))
            return self._days[low_col], self._days[high_col] + timedelta(days=1)
        occurrence = gesture.occurrence
        assert occurrence is not None
        if occurrence.all_day:
            assert not isinstance(occurrence.start, datetime)
            assert not isinstance(occurrence.end, datetime)
            if to_all_day:
                shift = timedelta(days=col - gesture.col)
                return occurrence.start + shift, occurrence.end + shift
            at = min(geometry.snap(minutes, step), geometry.MINUTES_PER_DAY - step)
            start = geometry.at_minutes(day, at)
            return start, start + self._timed_length(occurrence)
        start = self._wall(occurrence)[0]
        if gesture.kind is _Kind.RESIZE:
            end_day = max(day, start.date())
            return start, geometry.resized_end(start, end_day, minutes, step)
        if to_all_day:
            zone = self._hub.plan.tz
            days = (occurrence.last_day(zone) - occurrence.first_day(zone)).days + 1
            return day, day + timedelta(days=days)
        moved = geometry.moved_start(start, col - gesture.col, minutes - gesture.minutes, step)
        # As long as it lasts, as the drop keeps it (1:30 to 3:00 on the spring-forward night
        # is half an hour: it had been drawn and said as an hour and a half, a trial).
        return moved, moved + span(occurrence.start, occurrence.end)

    @staticmethod
    def _timed_length(occurrence: Occurrence) -> timedelta:
        """How long an all-day activity becomes on the hours: its category's usual length."""
        typical = occurrence.activity.category.typical_duration
        return typical if typical < timedelta(days=1) else DEFAULT_LENGTH

    def _finish(self, gesture: _Gesture, start: datetime | date, end: datetime | date) -> None:
        """Act on a finished drag: save the move or resize, or ask for the new activity."""
        if gesture.kind is _Kind.CREATE:
            assert isinstance(start, datetime) and isinstance(end, datetime)
            # Drawn while its editor is open (hold_until_answered), where it was let go.
            gesture.start, gesture.end = start, end
            self._held = gesture
            self.create_requested.emit(DrawnSpan(start.date(), start.time(), end - start))
            return
        if gesture.kind is _Kind.CREATE_ALL_DAY:
            assert not isinstance(start, datetime) and not isinstance(end, datetime)
            gesture.start, gesture.end = start, end
            self._held = gesture
            self.create_requested.emit(DrawnSpan(start, length=end - start, all_day=True))
            return
        occurrence = gesture.occurrence
        assert occurrence is not None
        zone = self._hub.plan.tz
        if isinstance(start, datetime) and isinstance(end, datetime):
            aware_start = normalized(start.replace(tzinfo=zone))
            if gesture.kind is _Kind.RESIZE:
                aware_end = normalized(end.replace(tzinfo=zone))
            elif occurrence.all_day:
                aware_end = plus_elapsed(aware_start, end - start)
            else:  # a move keeps the real length, even across a change of the clocks
                length = span(occurrence.start, occurrence.end)
                aware_end = plus_elapsed(aware_start, length)
            new: tuple[datetime | date, datetime | date] = (aware_start, aware_end)
        else:
            new = (start, end)
        if new == (occurrence.start, occurrence.end) and occurrence.all_day == (
            not isinstance(start, datetime)
        ):
            return  # dropped where it was: nothing to save, nothing to undo
        text = self.tr("Resize “%1”") if gesture.kind is _Kind.RESIZE else self.tr("Move “%1”")
        if occurrence.activity.recurring:
            gesture.start, gesture.end = start, end
            self._held = gesture  # drawn there while the window asks (hold_until_answered)
        moved = self.reschedule(occurrence, new[0], new[1], undo_text=text)
        shown = self._hub.first_occurrence(moved) if moved is not None else None
        if shown is not None:
            # Stays chosen where it went, its day with it, as in KOrganizer; the hours do not
            # slide from under the pointer.
            self.select(shown, roomy=False)

    # -- changes -----------------------------------------------------------------------------

    def reschedule(
        self,
        occurrence: Occurrence,
        start: datetime | date,
        end: datetime | date,
        *,
        undo_text: str | None = None,
    ) -> Activity | None:
        """Give an occurrence a new start and end (aware datetimes, or dates for all-day): every
        drag, resize and "Move to Next Week" lands here, as one undo step."""
        if occurrence.activity.recurring:
            return self.reschedule_series(occurrence, start, end, undo_text=undo_text)
        draft = replace(
            occurrence.activity.draft(),
            start=start,
            end=end,
            all_day=not isinstance(start, datetime),
        )
        saved = self._save(occurrence, draft, undo_text)
        if saved is not None:
            self.rescheduled.emit(occurrence, start, end)
        return saved

    def reschedule_series(
        self,
        occurrence: Occurrence,
        start: datetime | date,
        end: datetime | date,
        *,
        undo_text: str | None = None,
    ) -> Activity | None:
        """Moving or resizing one occurrence of a repeating activity: the window asks "only
        this one / this and following / all" first (see MainWindow.move_occurrence)."""
        del undo_text  # the window names the step after the choice
        self.series_move_requested.emit(occurrence, start, end)
        return None

    def _save(
        self, occurrence: Occurrence, draft: ActivityDraft, undo_text: str | None
    ) -> Activity | None:
        try:
            return self._hub.update_activity(occurrence.activity.uid, draft, undo_text=undo_text)
        except PlannerError as error:
            self.problem.emit(error.message)
            return None

    def duplicate(self, occurrence: Occurrence) -> Activity | None:
        """A copy of this occurrence at the same time, on its own (one undo step)."""
        try:
            copy = self._hub.duplicate_occurrence(occurrence)
        except PlannerError as error:
            self._hub.report(error.message)  # as the month says it: not "Could Not Move"
            return None
        shown = self._hub.first_occurrence(copy)
        if shown is not None:
            self.select(shown)  # what Edit and Delete now act on, as in any calendar
        self.duplicated.emit(copy)
        return copy

    def move_to_next_week(self, occurrence: Occurrence) -> Activity | None:
        """Seven days later, same wall-clock time and length."""
        start, end = visible.next_week(self._hub, occurrence)
        return self.reschedule(occurrence, start, end, undo_text=self.tr("Move “%1” to Next Week"))

    # -- menus and drops ---------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        more = False
        if keyboard_menu.asked_by_keys(event):  # on the block the keys chose
            chosen, day, more = self._selected, self._selected_day, self._more_chosen
            span: DrawnSpan | None = DrawnSpan(day)  # as Enter makes one
            place = self._keyboard_menu_place(chosen, day)
            if place is None:
                return
        else:
            pos = QPointF(event.pos())
            block = self._block_at(pos)
            found = self._day_at(pos)
            if found is None or pos.y() < HEADER_HEIGHT:
                return
            chosen = block.occurrence if block is not None else None
            day, place = found, event.globalPos()
            span = self._span_at(pos)
        menu = QMenu(self)
        if chosen is not None:
            occurrence = chosen
            self._select(occurrence, day)
            chip_menu.add_activity_actions(menu, self, occurrence, self._hub)
            menu.addSeparator()
            menu.addAction(  # as the month's menu has it
                self.tr("&New Activity on This Day…"),
                lambda: self.create_requested.emit(DrawnSpan(day)),
            )
        else:
            self._select(None, day, more=more)  # the "+N more" the keys chose stays chosen
            menu.addAction(self.tr("&New Activity Here…"), lambda: self.create_requested.emit(span))
            if self._columns == 7:
                first = self._days[0]
                menu.addAction(
                    self.tr("&Copy This Week to Next Week"),
                    lambda: self.copy_week_requested.emit(first),
                )
        menu.exec(place)

    def _keyboard_menu_place(self, occurrence: Occurrence | None, day: date) -> QPoint | None:
        """Below the chosen block (the part in view), or atop the chosen day's column; None
        if that day is not shown."""
        col = self._col_of(day)
        if col is None:
            return None
        view = QRectF(self.rect())
        block = self.chip_rect(occurrence.activity.uid, day) if occurrence is not None else None
        if occurrence is None and self._more_chosen:
            block = self._more_rects(self._metrics(), self._days, self._more).get(day)
        if block is not None and block.intersects(view):
            shown = block.intersected(view)
            return self.mapToGlobal(QPointF(shown.left(), shown.bottom()).toPoint())
        left = self._metrics().column_left(col)
        return self.mapToGlobal(QPointF(left, HEADER_HEIGHT).toPoint())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        suggestion_drag.accept_enter(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._set_drop(suggestion_drag.follow(event, self._drop_at(event)))

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop(None)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop(None)
        found = suggestion_drag.dropped(event, self._drop_at(event))
        if found is not None:
            self.suggestion_dropped.emit(*found)

    def _set_drop(self, span: DrawnSpan | None) -> None:
        if span != self._drop:
            self._drop = span
            self.update()

    # -- timers ------------------------------------------------------------------------------

    def _arm_now_timer(self) -> None:
        """Repaint on the next whole minute, so the red line follows the clock."""
        now = self._hub.now()
        ms = (60 - now.second) * 1000 - now.microsecond // 1000
        self._now_timer.start(max(ms, 1000))

    @Slot()
    def _on_now_timer_timeout(self) -> None:
        self.update()
        self._arm_now_timer()

    @Slot(int)
    def _on_scrollbar_value_changed(self, _value: int) -> None:
        self.update()


def _pill_width(day: date, number_font: QFont) -> float:
    """The width of the rounded mark behind a day's number in the header (today's shows)."""
    metrics = QFontMetricsF(number_font)
    return max(metrics.horizontalAdvance(str(day.day)) + 12, metrics.height() + 4)


def _ghost_lines(metrics: QFontMetricsF, room: QRectF, title: str, when: str) -> list[str]:
    """What a new activity being drawn says in `room`: its times above all (where it will
    be is what the drawing is for), on two lines when one is too narrow for them, and its
    name above them when it fits whole ("New …" said nothing). A narrow week had shown
    "New activity" alone, the times cut off after it."""
    lines = int(room.height() // metrics.lineSpacing()) or 1
    width = room.width()
    start, _dash, end = when.partition(" – ")
    if not when:
        timed = []
    elif metrics.horizontalAdvance(when) <= width or not end:
        timed = [when]
    else:
        timed = [f"{start} –", end]
    if len(timed) > lines:
        timed = [when]  # one line, cut short: the start still shows
    fits = metrics.horizontalAdvance(title) <= width
    chosen = ([title] if not timed or (len(timed) < lines and fits) else []) + timed
    elide = Qt.TextElideMode.ElideRight
    return [metrics.elidedText(line, elide, width) for line in chosen[: max(lines, 1)]]
