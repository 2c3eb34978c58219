"""The month grid: day cells with activity chips, "+N more", today and selection."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, QRectF, QSize, Qt, Signal, Slot
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
    QShowEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QSizePolicy, QToolTip, QWidget

from planner.domain import pacing
from planner.errors import PlannerError
from planner.ui import keyboard_menu, labels, palette, suggestion_drag
from planner.ui.calendar import chip_menu, chips, drawn_ahead, geometry, visible

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planner.domain.activities import Activity
    from planner.domain.occurrences import Occurrence
    from planner.services.changes import Changes
    from planner.ui.hub import Hub

HEADER_HEIGHT = 28.0
DAY_NUMBER_BAND = 24.0
CHIP_HEIGHT = 19.0
CHIP_GAP = 2.0
CHIP_MARGIN = 3.0
#: A chip narrower than this shows its title alone: in a narrow month (both side panels open)
#: "Morning wa…" says more than "07:30 Mor…", and the time is in the tooltip and the day.
CHIP_TIME_MIN_WIDTH = 130.0


@dataclass(frozen=True, slots=True)
class _ChipHit:
    rect: QRectF
    occurrence: Occurrence


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where a month's chips and "+N more" lines go, for one size of the grid."""

    placed: tuple[geometry.Placed, ...]
    chip_hits: list[_ChipHit]
    more_hits: list[tuple[QRectF, date]]
    more_counts: dict[date, int]


@dataclass(frozen=True, slots=True)
class _Layer:
    """A month drawn ahead of time (header, cells and chips; no day numbers, nothing
    selected), so switching to it is a copy of pixels. Kept with the data it shows, whose
    survey its key names (held here, so that identity stays unique while the layer lives)."""

    data: visible.VisibleRange
    layout: _Layout
    pixmap: QPixmap
    today: date


class MonthView(QWidget):
    """A month of days in a 6x7 grid, painted by hand; loads only its visible days.

    Signals:
        range_changed(date, date): the first and last visible day after navigation.
        create_requested(date): the user asked for a new activity on that day.
        edit_requested(object): an Occurrence should be opened for editing.
        delete_requested(object): an Occurrence's activity should be deleted.
        day_requested(date): "+N more" was clicked, or chosen with Tab and opened with Enter or
            Space; show everything on that day.
        selection_changed(object): the selected Occurrence (or None: a day, or its "+N more").
        mark_requested(object, object): an Occurrence and the Status it should have.
        suggestion_dropped(int, int, date): a step's idea (step, index) was dropped on a day.
        move_requested(Occurrence, start, end): "Move to Next Week"; the window moves it, and
            for a repeating activity asks first which occurrences move.
        move_dropped(Occurrence, start, end): a chip was dragged to another day (same time
            of day); the window moves it, asking first for a repeating activity.
        duplicated(Activity): the copy Duplicate made (and chose).
    """

    range_changed = Signal(object, object)
    create_requested = Signal(object)
    edit_requested = Signal(object)
    delete_requested = Signal(object)
    day_requested = Signal(object)
    selection_changed = Signal(object)
    mark_requested = Signal(object, object)
    suggestion_dropped = Signal(int, int, object)
    move_requested = Signal(object, object, object)
    move_dropped = Signal(object, object, object)
    duplicated = Signal(object)

    def __init__(self, *, hub: Hub, read_now: bool = True, parent: QWidget | None = None) -> None:
        """`read_now` False: read the month only when first shown (a window reopening on the
        week need not wait for a month it does not show)."""
        super().__init__(parent)
        self._hub = hub
        self._first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: Monday = 1
        today = hub.today()
        self._year, self._month = today.year, today.month
        self._selected_day = today
        self._selected: Occurrence | None = None
        # The selected day's "+N more" is chosen (by Tab or a click), so Enter opens the day;
        # never together with a selected occurrence.
        self._more_chosen = False
        self._days = geometry.month_days(self._year, self._month, self._first_weekday)
        self._occurrences: list[Occurrence] = []
        self._chip_hits: list[_ChipHit] = []
        self._more_hits: list[tuple[QRectF, date]] = []
        self._placed: tuple[geometry.Placed, ...] = ()
        self._more_counts: dict[date, int] = {}
        self._layout_dirty = True
        self._layout_size = QSize()
        self._layers: drawn_ahead.DrawnAhead[_Layer] = drawn_ahead.DrawnAhead()
        self._layer: _Layer | None = None  # the month shown, when it was drawn ahead
        # A search's match, laid out first so it shows though its day is full (a trial saw
        # "1 of 1" and only a "+2 more" outlined); the month is then drawn on the spot.
        self._pinned: Occurrence | None = None
        self._drop_day: date | None = None
        # A chip pressed (where, and on which of its days), and whether it is being dragged.
        self._pressed: tuple[Occurrence, QPointF, date] | None = None
        self._dragging = False
        self._data = visible.VisibleRange(self._days[0], self._days[-1])
        self._read_ahead_due = False
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._base_name = self.tr("Month calendar")
        self.setAccessibleName(self._base_name)
        #: What the accessible name was last made of (see paintEvent).
        self._named: tuple[object, ...] | None = None
        hub.changed.connect(self._on_hub_changed)
        hub.settled.connect(self._on_hub_settled)
        self._unread = True  # until the first read: nothing to refresh while it is not shown
        if read_now:
            self._reload()

    # -- navigation ------------------------------------------------------------------------

    @property
    def visible_days(self) -> tuple[date, date]:
        return self._days[0], self._days[-1]

    @property
    def month(self) -> tuple[int, int]:
        return self._year, self._month

    @property
    def selected_day(self) -> date:
        return self._selected_day

    @property
    def selected_occurrence(self) -> Occurrence | None:
        return self._selected

    @property
    def chosen_more(self) -> date | None:
        """The day whose "+N more" the keys are on: chosen itself (Enter opens the day), or
        holding the selected activity out of sight (one edited from the day's list)."""
        self._ensure_layout()
        day = self._selected_day
        if day not in self._more_counts:
            return None
        if self._more_chosen:
            return day
        selected = self._selected
        if selected is None or any(self._is_selected(hit.occurrence) for hit in self._chip_hits):
            return None
        zone = self._hub.plan.tz
        return day if selected.touches(day, zone) else None

    def show_month(self, year: int, month: int) -> None:
        """Show the month containing the first of `month`/`year`; one that cannot be read
        (a damaged file) leaves the month shown as it was (its days had been drawn with the
        last month's activities in them, under the last month's name)."""
        self._pinned = None
        before = (self._year, self._month, self._days, self._selected_day)
        self._year, self._month = year, month
        self._more_chosen = False
        self._days = geometry.month_days(year, month, self._first_weekday)
        if not self._days[0] <= self._selected_day <= self._days[-1]:
            self._selected_day = date(year, month, 1)
        try:
            self._reload()
        except PlannerError:
            self._year, self._month, self._days, self._selected_day = before
            raise
        self.range_changed.emit(self._days[0], self._days[-1])

    def go_to(self, day: date) -> None:
        """Show the month of `day` and select it (a month that cannot be read leaves the
        day chosen in the month shown)."""
        chosen = self._selected_day
        self._selected_day = day
        self._more_chosen = False
        if (day.year, day.month) != (self._year, self._month):
            try:
                self.show_month(day.year, day.month)
            except PlannerError:
                self._selected_day = chosen  # not a day of a month not shown (a review)
                raise
        else:
            self.update()

    def choose(self, occurrence: Occurrence, day: date) -> None:
        """Select `occurrence` as shown on `day`, one of the days in view, without moving
        the view (undo brought it back where it is)."""
        self._select(self._data.find(occurrence), day)
        if self.hasFocus():
            self._name_choice()  # said now, as the focus it has (a view just brought forward)

    def select(self, occurrence: Occurrence, *, bring_out: bool = False) -> None:
        """Show the month of `occurrence`, and select it; with `bring_out` (a search jumped
        to it), laid out where it shows should its day's "+N more" hide it. Otherwise the
        keys go to that "+N more" (an edit from the day's list, open over it)."""
        day = occurrence.first_day(self._hub.plan.tz)
        self.go_to(day)
        found = self._data.find(occurrence)
        self._pin(None)
        if bring_out and found is not None and self._chip_on(found, day) is None:
            self._pin(found)
        self._select(found, day)

    def unpin(self) -> None:
        """Lay out as usual a day a search's match was brought out on."""
        self._pin(None)

    def _pin(self, occurrence: Occurrence | None) -> None:
        if self._pinned is None and occurrence is None:
            return
        self._pinned = occurrence
        self._layout_dirty = True
        self.update()

    def _chip_on(self, occurrence: Occurrence, day: date) -> QRectF | None:
        """Where that occurrence's chip is painted on `day`, if it is."""
        self._ensure_layout()
        cell = self.day_rect(day)
        if cell is None:
            return None
        for hit in self._chip_hits:
            if visible.same(hit.occurrence, occurrence) and hit.rect.intersects(cell):
                return hit.rect
        return None

    @Slot()
    def go_previous(self) -> None:
        self.show_month(*_add_month(self._year, self._month, -1))

    @Slot()
    def go_next(self) -> None:
        self.show_month(*_add_month(self._year, self._month, 1))

    @Slot()
    def go_today(self) -> None:
        self.go_to(self._hub.today())

    def occurrences_on(self, day: date) -> list[Occurrence]:
        """The loaded occurrences touching `day` (in display order)."""
        zone = self._hub.plan.tz
        return [o for o in self._occurrences if o.touches(day, zone)]

    def chip_rect(self, occurrence_uid: str, day: date) -> QRectF | None:
        """Where the chip of that activity is painted on `day` (tests and accessibility)."""
        self._ensure_layout()
        col_row = self._cell_of(day)
        if col_row is None:
            return None
        cell = self._metrics().cell(*col_row)
        for hit in self._chip_hits:
            if hit.occurrence.activity.uid == occurrence_uid and hit.rect.intersects(
                QRectF(cell.x, cell.y, cell.width, cell.height)
            ):
                return hit.rect
        return None

    def day_rect(self, day: date) -> QRectF | None:
        """The cell of `day`, if visible."""
        col_row = self._cell_of(day)
        if col_row is None:
            return None
        cell = self._metrics().cell(*col_row)
        return QRectF(cell.x, cell.y, cell.width, cell.height)

    def more_rect(self, day: date) -> QRectF | None:
        """Where "+N more" is painted on `day`, if it is."""
        self._ensure_layout()
        for rect, more_day in self._more_hits:
            if more_day == day:
                return rect
        return None

    # -- data ------------------------------------------------------------------------------

    def _reload(self) -> None:
        self._unread = False
        first, last = self.visible_days
        self._data = visible.load(self._hub, first, last)
        self._occurrences = list(self._data.occurrences)
        if self._selected is not None:
            self._selected = self._data.find(self._selected)
            if self._selected is None:
                self.selection_changed.emit(None)  # it was deleted or moved out of view
        self._layout_dirty = True
        self._read_ahead_due = True  # once this range has painted
        self.update()

    def _neighbours(self) -> list[visible.DayRange]:
        """The days Next and Previous would show (the grids of the months either side)."""
        ranges = []
        for year, month in (_add_month(self._year, self._month, 1),
                            _add_month(self._year, self._month, -1)):  # fmt: skip
            days = geometry.month_days(year, month, self._first_weekday)
            ranges.append((days[0], days[-1]))
        return ranges

    @Slot()
    def _on_hub_settled(self) -> None:
        if not self._unread and not self._data.complete:
            self._reload()  # now with pacing hints

    @Slot(object)
    def _on_hub_changed(self, changes: Changes) -> None:
        first, last = self.visible_days
        if not self._unread and changes.touches(first, last):
            self._reload()

    # -- painting --------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(900, 640)

    def minimumSizeHint(self) -> QSize:
        return QSize(420, 320)

    def _name_choice(self) -> None:
        """The day and activity chosen, as a screen reader says the view (when it changed)."""
        selected = self._selected
        hints = self.hints_for(selected) if selected is not None else []
        more = self._more_chosen
        chosen = (self._selected_day, selected, id(self._occurrences), more, *hints)
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
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        metrics = self._metrics()
        self._ensure_layout()
        layer = self._layer
        if layer is not None and layer.today != self._hub.today():
            layer = self._layer = None  # drawn before midnight: today's tint has moved
        if layer is not None and self._drop_day is None:
            painter.drawPixmap(QPointF(0, 0), layer.pixmap)
            self._draw_chip_selection(painter)
        else:
            self._draw_header(painter, metrics, self._days)
            self._draw_cells(painter, metrics, self._days, self._month, self._data.space_days)
            self._draw_drop(painter, metrics)
            layout = _Layout(self._placed, self._chip_hits, self._more_hits, self._more_counts)
            self._draw_chips(painter, layout, self._data, self._selected)
        self._draw_more_choice(painter)
        self._draw_day_marks(painter, metrics)
        painter.end()
        if self._read_ahead_due:
            self._read_ahead_due = False
            visible.read_ahead(self, self._hub, self._neighbours, self._prepare_ahead)

    def _metrics(self) -> geometry.GridMetrics:
        return geometry.GridMetrics(float(self.width()), float(self.height()), HEADER_HEIGHT)

    def _lanes(self, metrics: geometry.GridMetrics) -> int:
        usable = metrics.cell_height - DAY_NUMBER_BAND - CHIP_MARGIN
        return max(1, int((usable + CHIP_GAP) // (CHIP_HEIGHT + CHIP_GAP)))

    def _draw_header(
        self, painter: QPainter, metrics: geometry.GridMetrics, days: list[date]
    ) -> None:
        painter.fillRect(QRectF(0, 0, metrics.width, HEADER_HEIGHT), palette.WINDOW)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() - 0.5)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        painter.setFont(font)
        painter.setPen(palette.TEXT_MUTED)
        locale = QLocale()
        for col in range(geometry.DAYS_PER_WEEK):
            weekday = days[col].isoweekday()
            name = locale.dayName(weekday, QLocale.FormatType.ShortFormat)
            cell = metrics.cell(0, col)
            painter.drawText(
                QRectF(cell.x, 0, cell.width, HEADER_HEIGHT),
                Qt.AlignmentFlag.AlignCenter,
                name,
            )

    def _draw_cells(
        self,
        painter: QPainter,
        metrics: geometry.GridMetrics,
        days: list[date],
        month: int,
        space_days: frozenset[date],
    ) -> None:
        """The days' backgrounds and grid lines (the numbers come last, see _draw_day_marks)."""
        today = self._hub.today()
        for index, day in enumerate(days):
            row, col = divmod(index, geometry.DAYS_PER_WEEK)
            cell = metrics.cell(row, col)
            # Whole pixels: crisp edges, painted alike on screen and when drawn ahead.
            left, top = round(cell.x), round(cell.y)
            rect = QRectF(left, top, round(cell.x + cell.width) - left,
                          round(cell.y + cell.height) - top)  # fmt: skip
            if day.month != month:
                fill = palette.CELL_OUTSIDE_MONTH
            elif day.isoweekday() >= 6:
                fill = palette.CELL_WEEKEND
            else:
                fill = palette.CELL
            painter.fillRect(rect, fill)
            if day in space_days:
                painter.fillRect(rect, palette.SPACE_TINT)
            if day == today:
                painter.fillRect(rect, palette.TODAY_TINT)
            painter.setPen(QPen(palette.GRID_LINE, 1))
            line_left, line_top = rect.left() + 0.5, rect.top() + 0.5  # the cell's first pixels
            painter.drawLine(QPointF(rect.left(), line_top), QPointF(rect.right(), line_top))
            painter.drawLine(QPointF(line_left, rect.top()), QPointF(line_left, rect.bottom()))

    def _draw_drop(self, painter: QPainter, metrics: geometry.GridMetrics) -> None:
        """The day a dragged idea would land on."""
        col_row = self._cell_of(self._drop_day) if self._drop_day is not None else None
        if col_row is not None:
            cell = metrics.cell(*col_row)
            painter.fillRect(QRectF(cell.x, cell.y, cell.width, cell.height), palette.SELECTED_ROW)

    def _draw_day_marks(self, painter: QPainter, metrics: geometry.GridMetrics) -> None:
        """Day numbers (today's in its pill, the selected day's in bold) and the selected
        day's frame while the view has focus: always painted live, over cells and chips."""
        today = self._hub.today()
        base_font = QFont(self.font())
        for index, day in enumerate(self._days):
            cell = metrics.cell(*divmod(index, geometry.DAYS_PER_WEEK))
            rect = QRectF(cell.x, cell.y, cell.width, cell.height)
            if day == self._selected_day and self.hasFocus():
                painter.setPen(QPen(palette.SELECTED_DAY, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
            in_month = day.month == self._month
            self._draw_day_number(painter, rect, day, in_month, day == today, base_font)

    def _draw_day_number(
        self,
        painter: QPainter,
        rect: QRectF,
        day: date,
        in_month: bool,
        is_today: bool,
        base_font: QFont,
    ) -> None:
        font = QFont(base_font)
        font.setBold(is_today or day == self._selected_day)
        painter.setFont(font)
        crowded = day in self._more_counts and self._lanes(self._metrics()) == 1
        label = self._number_label(day, rect.width(), crowded=crowded)
        metrics = QFontMetricsF(font)
        text_width = metrics.horizontalAdvance(label)
        band = QRectF(rect.left() + 6, rect.top() + 3, text_width + 10, DAY_NUMBER_BAND - 6)
        if is_today:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.ACCENT_STRONG)
            painter.drawRoundedRect(band, band.height() / 2, band.height() / 2)
            painter.setPen(palette.TEXT_ON_ACCENT)
        else:
            painter.setPen(palette.TEXT if in_month else palette.TEXT_DIMMED)
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, label)

    def _number_label(self, day: date, cell_width: float, *, crowded: bool) -> str:
        """A day's number: "1 Dec" on the first of a month, but "1" where "+N" is written
        beside it and both would not fit (a trial saw "1 Dec +" cut at the cell's edge)."""
        if day.day != 1:
            return str(day.day)
        long = labels.day_text(day, "d MMM")
        if not crowded:
            return long
        bold = QFont(self.font())
        bold.setBold(True)
        needed = 6 + QFontMetricsF(bold).horizontalAdvance(long + "+99") + 10 + 4 + 8
        return long if needed <= cell_width - CHIP_MARGIN else str(day.day)

    def _ensure_layout(self) -> None:
        if self._layout_dirty or self._layout_size != self.size():
            self._layout_dirty = False
            self._layout_size = self.size()
            pinned = self._data.find(self._pinned) if self._pinned is not None else None
            key = self._layer_key(self._days, self._data) if pinned is None else None
            self._layer = self._layers.get(key) if key is not None else None
            if self._layer is not None:
                layout = self._layer.layout
            else:
                layout = self._lay_out(self._days, self._occurrences, self._metrics(), pinned)
            self._placed, self._chip_hits = layout.placed, layout.chip_hits
            self._more_hits, self._more_counts = layout.more_hits, layout.more_counts
            if self._selected_day not in self._more_counts:
                self._more_chosen = False  # all of the day fits now (bigger, or fewer on it)

    def _lay_out(
        self,
        days: list[date],
        occurrences: Sequence[Occurrence],
        metrics: geometry.GridMetrics,
        pinned: Occurrence | None = None,
    ) -> _Layout:
        zone = self._hub.plan.tz
        spans = [
            geometry.Span(index, occurrence.first_day(zone), occurrence.last_day(zone))
            for index, occurrence in enumerate(occurrences)
        ]
        lanes = self._lanes(metrics)
        at = next((i for i, o in enumerate(occurrences) if visible.same(o, pinned)), None)
        # Room for one chip only (short cells: a small window, a large scale): "+N more" goes
        # beside the day's number, so a full day still shows one of its activities (a trial
        # at 1.5x saw whole weeks of "+2 more" and nothing else).
        in_band = lanes == 1
        layout = geometry.layout_month(days, spans, lanes, pinned=at, more_in_lane=not in_band)
        chip_hits = []
        for placed in layout.placed:
            first = metrics.cell(placed.row, placed.first_col)
            last = metrics.cell(placed.row, placed.last_col)
            top = first.y + DAY_NUMBER_BAND + placed.lane * (CHIP_HEIGHT + CHIP_GAP)
            left = first.x + (0 if placed.continues_before else CHIP_MARGIN)
            right = last.x + last.width - (0 if placed.continues_after else CHIP_MARGIN)
            rect = QRectF(left, top, right - left, CHIP_HEIGHT)
            chip_hits.append(_ChipHit(rect, occurrences[placed.key]))
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetricsF(bold)

        def number_width(day: date) -> float:
            width = metrics.cell_width
            return bold_metrics.horizontalAdvance(self._number_label(day, width, crowded=True))

        more_hits = []
        for day in layout.more:
            cell = metrics.cell(*divmod((day - days[0]).days, geometry.DAYS_PER_WEEK))
            if in_band:  # right of the day's number, as wide as it is drawn (bold, in its pill)
                left = cell.x + 6 + number_width(day) + 10 + 4
                rect = QRectF(left, cell.y + 3, cell.x + cell.width - CHIP_MARGIN - left,
                              DAY_NUMBER_BAND - 6)  # fmt: skip
            else:
                top = cell.y + DAY_NUMBER_BAND + (lanes - 1) * (CHIP_HEIGHT + CHIP_GAP)
                rect = QRectF(cell.x + CHIP_MARGIN, top, cell.width - 2 * CHIP_MARGIN, CHIP_HEIGHT)
            more_hits.append((rect, day))
        return _Layout(layout.placed, chip_hits, more_hits, layout.more)

    def _draw_chips(
        self,
        painter: QPainter,
        layout: _Layout,
        data: visible.VisibleRange,
        selected: Occurrence | None,
    ) -> None:
        zone = self._hub.plan.tz
        painter.setFont(self.font())  # the chips' own, not the weekday header's capitals
        for placed, hit in zip(layout.placed, layout.chip_hits, strict=True):
            occurrence = hit.occurrence
            style = replace(self._chip_style(placed, occurrence, data),
                            selected=visible.same(selected, occurrence))  # fmt: skip
            show_time = style.show_time and hit.rect.width() >= CHIP_TIME_MIN_WIDTH
            label = chips.chip_label(occurrence, zone, show_time)
            chips.paint_chip(painter, hit.rect, occurrence, label, style)
        painter.setPen(palette.MORE_TEXT)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        hidden_flags = self._flagged_out_of_sight(layout, data)
        for rect, day in layout.more_hits:
            text = self.tr("+%1 more").replace("%1", str(layout.more_counts[day]))
            if painter.fontMetrics().horizontalAdvance(text) > rect.width() - 4:
                text = self.tr("+%1").replace("%1", str(layout.more_counts[day]))
            painter.drawText(
                rect.adjusted(4, 0, 0, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )
            if day in hidden_flags:  # a hint on a chip out of sight: its dot, on the way in
                after = rect.left() + 12 + painter.fontMetrics().horizontalAdvance(text)
                chips.draw_flag(painter, QRectF(after - 1, rect.center().y() - 2, 1, 0))

    def _flagged_out_of_sight(self, layout: _Layout, data: visible.VisibleRange) -> set[date]:
        """The days whose "+N more" hides a chip with a pacing hint (a trial saw the amber
        dots of the contacts flagged go under "+2 more")."""
        flagged = [o for o in data.occurrences if data.flagged(o)] if data.flags else []
        if not flagged or not layout.more_hits:
            return set()
        zone = self._hub.plan.tz
        shown = {
            (hit.occurrence.activity.uid, hit.occurrence.recurrence_id, placed.row)
            for placed, hit in zip(layout.placed, layout.chip_hits, strict=True)
        }
        days = set()
        for _rect, day in layout.more_hits:
            row = (day - data.first).days // geometry.DAYS_PER_WEEK
            if any(
                o.touches(day, zone) and (o.activity.uid, o.recurrence_id, row) not in shown
                for o in flagged
            ):
                days.add(day)
        return days

    def _chip_style(
        self, placed: geometry.Placed, occurrence: Occurrence, data: visible.VisibleRange
    ) -> chips.ChipStyle:
        zone = self._hub.plan.tz
        return chips.ChipStyle(
            open_left=placed.continues_before,
            open_right=placed.continues_after,
            show_time=occurrence.first_day(zone) == occurrence.last_day(zone),
            flagged=data.flagged(occurrence),
        )

    def _draw_chip_selection(self, painter: QPainter) -> None:
        """The selected chip's outline, over a month drawn with nothing selected."""
        for placed, hit in zip(self._placed, self._chip_hits, strict=True):
            if self._is_selected(hit.occurrence):
                style = replace(self._chip_style(placed, hit.occurrence, self._data), selected=True)
                chips.paint_chip_selection(painter, hit.rect, style)

    def _draw_more_choice(self, painter: QPainter) -> None:
        """The "+N more" the keys are on, framed as a chosen chip is, so their place shows
        (painted live, over a month drawn ahead or on the spot alike)."""
        day = self.chosen_more
        rect = self.more_rect(day) if day is not None else None
        if rect is None:
            return
        painter.save()
        painter.setOpacity(1.0)
        painter.setPen(QPen(palette.ACCENT, 1.6))
        painter.setBrush(palette.SELECTED_ROW)
        painter.drawRoundedRect(rect.adjusted(0.8, 0.8, -0.8, -0.8), chips.RADIUS, chips.RADIUS)
        painter.restore()

    # -- drawing ahead ---------------------------------------------------------------------

    @property
    def shows_drawn_ahead(self) -> bool:
        """Whether the month on screen was drawn ahead (while another month was shown)."""
        self._ensure_layout()
        return self._layer is not None

    def _layer_key(self, days: list[date], data: visible.VisibleRange) -> drawn_ahead.Key | None:
        """What a drawn month depends on (see drawn_ahead.key): its cells follow the size."""
        return drawn_ahead.key(self, self._hub, days, data, self.size())

    def _prepare_ahead(self) -> bool:
        """Draw one neighbouring month not drawn yet; whether one was drawn."""
        if not self.isVisible():
            return False
        for first, last in self._neighbours():
            days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
            data = visible.load(self._hub, first, last)
            key = self._layer_key(days, data)
            if key is None or key in self._layers:
                continue
            month = days[len(days) // 2].month  # the middle of the grid is in its month
            layout = self._lay_out(days, data.occurrences, self._metrics())
            pixels = self._draw_layer(days, month, data, layout)
            self._layers.put(key, _Layer(data, layout, pixels, self._hub.today()))
            return True
        return False

    def _draw_layer(
        self, days: list[date], month: int, data: visible.VisibleRange, layout: _Layout
    ) -> QPixmap:
        metrics = self._metrics()
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(math.ceil(metrics.width * ratio), math.ceil(metrics.height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(palette.WINDOW)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self.font())
        self._draw_header(painter, metrics, days)
        self._draw_cells(painter, metrics, days, month, data.space_days)
        self._draw_chips(painter, layout, data, None)
        painter.end()
        return pixmap

    def _forget_drawn(self) -> None:
        self._layers.clear()
        self._layer = None
        self._layout_dirty = True
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        if self._unread:
            self._reload()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._forget_drawn()  # a few MB a month: not kept for a view nobody sees

    def hints_for(self, occurrence: Occurrence) -> list[str]:
        """The pacing hints on an occurrence, in words (empty when all is well)."""
        return self._data.hints(self._hub, occurrence)

    @property
    def space_days(self) -> set[date]:
        """Visible days inside a space period (shaded)."""
        return set(self._data.space_days)

    def _is_selected(self, occurrence: Occurrence) -> bool:
        return visible.same(self._selected, occurrence)

    def _cell_of(self, day: date) -> tuple[int, int] | None:
        if not self._days[0] <= day <= self._days[-1]:
            return None
        return divmod((day - self._days[0]).days, geometry.DAYS_PER_WEEK)

    # -- interaction -----------------------------------------------------------------------

    def _more_at(self, pos: QPointF) -> date | None:
        self._ensure_layout()
        for rect, day in self._more_hits:
            if rect.contains(pos):
                return day
        return None

    def _chip_at(self, pos: QPointF) -> Occurrence | None:
        self._ensure_layout()
        for hit in reversed(self._chip_hits):
            if hit.rect.contains(pos):
                return hit.occurrence
        return None

    def _day_at(self, pos: QPointF) -> date | None:
        found = self._metrics().cell_at(pos.x(), pos.y())
        if found is None:
            return None
        row, col = found
        return self._days[row * geometry.DAYS_PER_WEEK + col]

    def _select(
        self, occurrence: Occurrence | None, day: date | None = None, *, more: bool = False
    ) -> None:
        """Select an occurrence, or a day, or with `more` the day's "+N more"."""
        if day is not None:
            self._selected_day = day
        self._selected = occurrence
        self._more_chosen = more and occurrence is None
        self.selection_changed.emit(occurrence)
        self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() in drawn_ahead.LOOK_CHANGES:
            self._forget_drawn()  # drawn ahead for another screen, font or palette
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            occurrence = self._chip_at(QPointF(event.pos()))
            if occurrence is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self._tooltip(occurrence), self)
            return True
        return super().event(event)

    def _tooltip(self, occurrence: Occurrence) -> str:
        return visible.tooltip(self._hub, occurrence, self.hints_for(occurrence))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        day = self._day_at(pos)
        more_day = self._more_at(pos)
        if event.button() != Qt.MouseButton.LeftButton:
            if day is not None:
                self._select(self._chip_at(pos), day, more=more_day is not None)
            return
        if more_day is not None:
            self._select(None, more_day, more=True)  # where Tab goes on from, as for a chip
            self.day_requested.emit(more_day)
            return
        chip = self._chip_at(pos)
        self._select(chip, day)
        self._pressed = (chip, pos, day) if chip is not None and day is not None else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Dragging a chip: the day under the pointer is where it would go."""
        if self._pressed is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        if not self._dragging:
            moved = (pos - self._pressed[1]).manhattanLength()
            if moved < QApplication.startDragDistance():
                return
            self._dragging = True
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self._set_drop_day(self._day_at(pos))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, dragging, target = self._pressed, self._dragging, self._drop_day
        self._end_drag()
        if pressed is None or not dragging or target is None:
            return
        # A bar over several days moves by as many days as the day it was held by did.
        occurrence, _, held = pressed
        if target != held:
            zone = self._hub.plan.tz
            first = occurrence.first_day(zone) + (target - held)
            self.move_dropped.emit(occurrence, *pacing.moved_span(occurrence, first, zone))
            # A one-off moves at once: still chosen, on its new day, which the day's outline
            # follows (a series is asked first, and may not move at all).
            uid = occurrence.activity.uid
            there = [o for o in self.occurrences_on(target) if o.activity.uid == uid]
            if there and not occurrence.activity.recurring:
                self._select(there[0], target)

    def _end_drag(self) -> None:
        if self._dragging:
            self.unsetCursor()
            self._set_drop_day(None)
        self._pressed, self._dragging = None, False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        if self._more_at(pos) is not None:
            return
        occurrence = self._chip_at(pos)
        if occurrence is not None:
            self.edit_requested.emit(occurrence)
            return
        day = self._day_at(pos)
        if day is not None:
            self.create_requested.emit(day)

    def duplicate(self, occurrence: Occurrence) -> Activity | None:
        """A copy of this occurrence at the same time, on its own (one undo step)."""
        try:
            copy = self._hub.duplicate_occurrence(occurrence)
        except PlannerError as error:
            self._hub.report(error.message)
            return None
        shown = self._hub.first_occurrence(copy)
        if shown is not None:
            self.select(shown)  # what Edit and Delete now act on, as in any calendar
        self.duplicated.emit(copy)
        return copy

    def move_to_next_week(self, occurrence: Occurrence) -> None:
        """Seven days later, same time; the window moves it (asking first for a series)."""
        self.move_requested.emit(occurrence, *visible.next_week(self._hub, occurrence))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if keyboard_menu.asked_by_keys(event):  # on the chip (or "+N more") the keys chose
            occurrence, day, more = self._selected, self._selected_day, self._more_chosen
            place = self._keyboard_menu_place(occurrence, day)
            if place is None:
                return
        else:
            pos = QPointF(event.pos())
            occurrence = self._chip_at(pos)
            found = self._day_at(pos)
            if found is None:
                return
            day, place, more = found, event.globalPos(), self._more_at(pos) is not None
        self._select(occurrence, day, more=more)
        menu = QMenu(self)
        if occurrence is not None:
            chip_menu.add_activity_actions(menu, self, occurrence, self._hub)
            menu.addSeparator()
        menu.addAction(
            self.tr("&New Activity on This Day…"), lambda: self.create_requested.emit(day)
        )
        menu.exec(place)

    def _keyboard_menu_place(self, occurrence: Occurrence | None, day: date) -> QPoint | None:
        """Below the chosen chip (or "+N more"), or inside the chosen day; None if that day is
        not shown."""
        chosen = self.chip_rect(occurrence.activity.uid, day) if occurrence is not None else None
        if chosen is None and self.chosen_more == day:
            chosen = self.more_rect(day)
        if chosen is not None:
            return self.mapToGlobal(chosen.bottomLeft().toPoint())
        cell = self.day_rect(day)
        if cell is None:
            return None
        return self.mapToGlobal(
            cell.topLeft().toPoint() + QPoint(int(CHIP_MARGIN), int(DAY_NUMBER_BAND))
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        suggestion_drag.accept_enter(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._set_drop_day(suggestion_drag.follow(event, self._day_at(QPointF(event.position()))))

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_day(None)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_day(None)
        found = suggestion_drag.dropped(event, self._day_at(QPointF(event.position())))
        if found is not None:
            self.suggestion_dropped.emit(*found)

    def _set_drop_day(self, day: date | None) -> None:
        if day != self._drop_day:
            self._drop_day = day
            self.update()

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab and Shift+Tab go from one activity shown to the next (in the order of the days,
        then down each day), so the keyboard alone can choose one to open, mark or delete; a
        day's "+N more" is a stop too, after its chips, as the way to the ones hidden. Past the
        last (or before the first), the focus moves on out of the calendar as usual."""
        if not self.isVisible():  # hidden while focused: Qt asks it to pass the focus on
            return super().focusNextPrevChild(forward)
        stops = self._tab_stops()
        more = self.chosen_more  # also where an activity chosen out of sight is
        here = next((i for i, (o, day) in enumerate(stops)
                     if (day == more if o is None else visible.same(o, self._selected))),
                    None)  # fmt: skip
        if here is None:  # from the selected day: its first activity, or the nearest one
            after = [i for i, (_o, day) in enumerate(stops) if day >= self._selected_day]
            before = [i for i, (_o, day) in enumerate(stops) if day <= self._selected_day]
            target = (after[0] if after else None) if forward else (before[-1] if before else None)
        else:
            target = here + 1 if forward else here - 1
        if target is not None and 0 <= target < len(stops):
            occurrence, day = stops[target]
            self._select(occurrence, day, more=occurrence is None)
            return True
        return super().focusNextPrevChild(forward)

    def _tab_stops(self) -> list[tuple[Occurrence | None, date]]:
        """The chips shown, each once (where it first shows), and each "+N more" (as None),
        by day and then top to bottom: a day's "+N more" comes after its chips."""
        self._ensure_layout()
        found: list[tuple[date, float, float, Occurrence | None]] = []
        for hit in self._chip_hits:
            day = self._day_at(QPointF(hit.rect.left() + 1, hit.rect.center().y()))
            if day is not None:
                found.append((day, hit.rect.top(), hit.rect.left(), hit.occurrence))
        found.extend((day, rect.top(), rect.left(), None) for rect, day in self._more_hits)
        stops: list[tuple[Occurrence | None, date]] = []
        # "+N more" after its day's chips, also where it is written beside the day's number.
        ordered = sorted(found, key=lambda f: (f[0], f[3] is None, f[1], f[2]))
        for day, _top, _left, occurrence in ordered:
            if occurrence is None or not any(visible.same(occurrence, seen) for seen, _ in stops):
                stops.append((occurrence, day))
        return stops

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self._dragging:
            self._end_drag()  # the drag is called off; nothing moves
            return
        steps: dict[Qt.Key | int, int] = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        if key in steps and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self._selected = None
            self.go_to(self._selected_day + timedelta(days=steps[key]))
            self.selection_changed.emit(None)
            return
        more_day = self.chosen_more if self._selected is None else None
        if more_day is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.day_requested.emit(more_day)  # what clicking "+N more" does
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._selected is not None:
                self.edit_requested.emit(self._selected)
            else:
                self.create_requested.emit(self._selected_day)
            return
        if keyboard_menu.is_menu_shortcut(event):
            keyboard_menu.open_menu(self)
            return
        super().keyPressEvent(event)


def _add_month(year: int, month: int, step: int) -> tuple[int, int]:
    """The (year, month) `step` months from `month` of `year`."""
    moved = date(year, month, 1) + relativedelta(months=step)
    return moved.year, moved.month
