"""The progress page's painted pieces: weekly bars, the mood line, the milestone timeline, the
consistency ring. Each `draw_*` function paints into any rect, so the PDF report reuses them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.domain.categories import Category
from planner.domain.completions import MOOD_MAX, MOOD_MIN
from planner.ui import labels, palette, progress_text
from planner.ui.chart_geometry import (
    Axis,
    Box,
    bar_slots,
    count_axis,
    day_x,
    label_indices,
    legend_rows,
    mood_y,
    ring_span,
    stack,
    value_y,
    weekly_means,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planner.domain.milestones import CriterionProgress
    from planner.domain.programs import Step
    from planner.services.progress import Milestone, MoodPoint, WeekCount

LABEL_BAND = 22.0  # under the plot: week labels
LEGEND_ROW = 20.0
LEGEND_SWATCH = 10.0
LEGEND_GAP = 16.0
TIMELINE_ROW = 50.0
#: The next step's row has room for its purpose on up to three lines (a narrow card).
NEXT_STEP_EXTRA = 32.0
#: A line under the next step for each of its milestones, with how far it has come.
CRITERION_ROW = 18.0
WIDEST_BAR = 36.0  # no bar is wider: a young plan's few weeks read as bars, not blocks


def _box(rect: QRectF) -> Box:
    return Box(rect.x(), rect.y(), rect.width(), rect.height())


def _rect(box: Box) -> QRectF:
    return QRectF(box.x, box.y, box.width, box.height)


def _small(font: QFont, delta: float = -1.0) -> QFont:
    smaller = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        smaller.setPointSizeF(max(6.0, size + delta))
    return smaller


def gutter(font: QFont) -> float:
    """The left margin both charts share (wide enough for mood words), so their weeks line up."""
    metrics = QFontMetricsF(_small(font))
    words = [labels.mood_label(m) for m in range(MOOD_MIN, MOOD_MAX + 1)]
    return max(metrics.horizontalAdvance(word) for word in [*words, "888"]) + 12


def week_categories(weeks: Sequence[WeekCount]) -> list[Category]:
    """The categories with something done in these weeks, in the usual category order."""
    return [c for c in Category if any(week.counts.get(c, 0) for week in weeks)]


# -- weekly bars -----------------------------------------------------------------------------


def draw_week_chart(
    painter: QPainter,
    rect: QRectF,
    weeks: Sequence[WeekCount],
    *,
    empty_text: str,
    this_week: bool = True,
) -> None:
    """Stacked bars of what was done each week, by category, with a count axis and a legend."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    base = painter.font()
    categories = week_categories(weeks)
    legend = _legend_layout(base, categories, rect.width() - gutter(base))
    plot = _box(rect).inset(gutter(base), 14, 4, LABEL_BAND + len(legend) * LEGEND_ROW + 4)
    axis = count_axis(max((week.total for week in weeks), default=0))
    _draw_count_grid(painter, plot, axis)
    _draw_week_bars(painter, plot, axis, weeks, categories)
    _draw_week_labels(painter, plot, [week.start for week in weeks], this_week)
    _draw_legend(painter, plot, categories, legend)
    if not categories:
        painter.setFont(base)
        _draw_empty_note(painter, plot, empty_text)
    painter.restore()


def _draw_count_grid(painter: QPainter, plot: Box, axis: Axis) -> None:
    painter.setFont(_small(painter.font()))
    metrics = painter.fontMetrics()
    for tick in axis.ticks:
        y = value_y(plot, tick, axis)
        painter.setPen(QPen(palette.CHART_AXIS if tick == 0 else palette.CHART_GRID, 1))
        painter.drawLine(QPointF(plot.x, y), QPointF(plot.right, y))
        painter.setPen(palette.TEXT_MUTED)
        label = QRectF(plot.x - 44, y - metrics.height() / 2, 36, metrics.height())
        painter.drawText(
            label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(tick)
        )


def _draw_week_bars(
    painter: QPainter,
    plot: Box,
    axis: Axis,
    weeks: Sequence[WeekCount],
    categories: Sequence[Category],
) -> None:
    painter.setFont(_small(painter.font(), -1.5))
    slots = bar_slots(plot, len(weeks), widest=WIDEST_BAR)
    for week, (x, width) in zip(weeks, slots, strict=True):
        if week.total == 0:
            continue
        counts = [week.counts.get(category, 0) for category in categories]
        segments = stack(counts, plot, axis)
        top = segments[-1][0] if segments else plot.bottom
        outline = QPainterPath()
        radius = min(4.0, width / 3)
        outline.addRoundedRect(QRectF(x, top, width, plot.bottom - top + radius), radius, radius)
        painter.save()
        painter.setClipRect(QRectF(x - 1, plot.y - 1, width + 2, plot.height + 1))
        painter.setClipPath(outline, Qt.ClipOperation.IntersectClip)
        for category, (y, height) in zip(categories, segments, strict=True):
            if height <= 0:
                continue
            painter.fillRect(QRectF(x, y, width, height), palette.category_colour(category))
            painter.setPen(QPen(palette.BAR_SEPARATOR, 1))
            painter.drawLine(QPointF(x, y), QPointF(x + width, y))
        painter.restore()
        painter.setPen(palette.TEXT_MUTED)
        painter.drawText(
            QRectF(x - 10, top - 16, width + 20, 14),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
            str(week.total),
        )


def _draw_week_labels(
    painter: QPainter, plot: Box, starts: Sequence[date], this_week: bool
) -> None:
    """Week labels under the bars; the last week is "This week", in the accent colour (on
    screen: a printed report, read later, names it by its date like the others)."""
    font = _small(painter.font())
    painter.setFont(font)
    metrics = painter.fontMetrics()
    texts = [progress_text.short_date(day) for day in starts]
    if texts and this_week:
        texts[-1] = progress_text.tr("This week")
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0) + 10
    slots = bar_slots(plot, len(starts), gap_ratio=0.0)
    for index in label_indices(len(starts), plot.width, widest):
        x, width = slots[index]
        last = index == len(starts) - 1
        painter.setPen(palette.ACCENT_STRONG if last else palette.TEXT_MUTED)
        area = QRectF(x + width / 2 - widest / 2, plot.bottom + 4, widest, LABEL_BAND - 4)
        if last and area.right() > plot.right + 4:
            area.moveRight(plot.right + 4)
        painter.drawText(
            area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, texts[index]
        )


def _legend_layout(font: QFont, categories: Sequence[Category], room: float) -> list[list[int]]:
    metrics = QFontMetricsF(_small(font))
    widths = [
        LEGEND_SWATCH + 6 + metrics.horizontalAdvance(labels.category_label(c)) for c in categories
    ]
    return legend_rows(widths, room, LEGEND_GAP)


def _draw_legend(
    painter: QPainter, plot: Box, categories: Sequence[Category], rows: list[list[int]]
) -> None:
    painter.setFont(_small(painter.font()))
    metrics = painter.fontMetrics()
    y = plot.bottom + LABEL_BAND + 4
    for row in rows:
        x = plot.x
        for index in row:
            category = categories[index]
            text = labels.category_label(category)
            swatch = QRectF(x, y + (LEGEND_ROW - LEGEND_SWATCH) / 2, LEGEND_SWATCH, LEGEND_SWATCH)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.category_colour(category))
            painter.drawRoundedRect(swatch, 3, 3)
            painter.setPen(palette.TEXT)
            text_rect = QRectF(
                swatch.right() + 6, y, metrics.horizontalAdvance(text) + 2, LEGEND_ROW
            )
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
            )
            x = text_rect.right() + LEGEND_GAP
        y += LEGEND_ROW


def _draw_empty_note(painter: QPainter, plot: Box, text: str) -> None:
    """A gentle line in the middle of an empty chart."""
    painter.setFont(_small(painter.font(), 0))
    painter.setPen(palette.TEXT_MUTED)
    area = _rect(plot).adjusted(24, 0, -24, 0)
    painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)


# -- mood line -------------------------------------------------------------------------------


def draw_mood_chart(
    painter: QPainter,
    rect: QRectF,
    moods: Sequence[MoodPoint],
    starts: Sequence[date],
    *,
    empty_text: str,
    this_week: bool = True,
) -> None:
    """Moods over the same weeks as the bar chart: each day a faint dot, each week's mean a soft
    line, mood words on the axis."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    base = painter.font()
    margin = gutter(base)
    plot = _box(rect).inset(margin, 10, 4, LABEL_BAND)
    days = 7 * len(starts)
    shown = [p for p in moods if starts and starts[0] <= p.day < starts[0] + timedelta(days=days)]
    _draw_mood_grid(painter, plot, margin)
    _draw_week_bounds(painter, plot, len(starts))
    if len(starts) <= DAY_LABEL_WEEKS:
        # A first week or two: each day named under its dots (a re-trial's first week read
        # "This week" alone, and its dots could not be matched to days).
        _draw_day_labels(painter, plot, starts[0], days)
    else:
        _draw_week_labels(painter, plot, starts, this_week)
    painter.setFont(base)
    if shown:
        _draw_mood_days(painter, plot, shown, starts[0], days)
        _draw_mood_weeks(painter, plot, shown, starts)
    else:
        _draw_empty_note(painter, plot, empty_text)
    painter.restore()


def _draw_mood_grid(painter: QPainter, plot: Box, margin: float) -> None:
    painter.setFont(_small(painter.font()))
    metrics = painter.fontMetrics()
    for mood in range(MOOD_MIN, MOOD_MAX + 1):
        y = mood_y(plot, mood)
        painter.setPen(QPen(palette.CHART_AXIS if mood == MOOD_MIN else palette.CHART_GRID, 1))
        painter.drawLine(QPointF(plot.x, y), QPointF(plot.right, y))
        painter.setPen(palette.TEXT_MUTED)
        label = QRectF(plot.x - margin, y - metrics.height() / 2, margin - 8, metrics.height())
        painter.drawText(
            label,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            labels.mood_label(mood),
        )


#: Up to this many weeks, the mood chart names each day rather than each week.
DAY_LABEL_WEEKS = 2


def _draw_day_labels(painter: QPainter, plot: Box, first: date, days: int) -> None:
    """Each day's short name under its place on the axis ("Mon"), as many as fit."""
    painter.setFont(_small(painter.font()))
    metrics = painter.fontMetrics()
    names = [labels.weekday_short(first + timedelta(days=n)) for n in range(days)]
    widest = max((metrics.horizontalAdvance(name) for name in names), default=0) + 6
    painter.setPen(palette.TEXT_MUTED)
    for index in label_indices(days, plot.width, widest):
        x = day_x(plot, first + timedelta(days=index), first, days)
        area = QRectF(x - widest / 2, plot.bottom + 4, widest, LABEL_BAND - 4)
        painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         names[index])  # fmt: skip


def _draw_week_bounds(painter: QPainter, plot: Box, weeks: int) -> None:
    """Faint lines where weeks meet: a day's dot sits in its week, under that week's label
    (a Monday's dot is left of its label's middle, and reads as the week before without)."""
    painter.setPen(QPen(palette.CHART_GRID, 1, Qt.PenStyle.DotLine))
    for x, _width in bar_slots(plot, weeks, gap_ratio=0.0)[1:]:
        painter.drawLine(QPointF(x, plot.y), QPointF(x, plot.bottom))


def _draw_mood_days(
    painter: QPainter, plot: Box, points: Sequence[MoodPoint], first: date, days: int
) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.MOOD_DOT)
    for point in points:
        centre = QPointF(day_x(plot, point.day, first, days), mood_y(plot, point.mood))
        painter.drawEllipse(centre, 3.0, 3.0)


def _draw_mood_weeks(
    painter: QPainter, plot: Box, points: Sequence[MoodPoint], starts: Sequence[date]
) -> None:
    """Each week's mean mood, joined where weeks follow each other, filled softly beneath.
    A week of one mood gets no mean's mark of its own: its day's dot is that mood, and a
    second dot beside it read as a second mood."""
    means = weekly_means([(p.day, p.mood) for p in points], starts)
    counts = [sum(start <= p.day < start + timedelta(days=7) for p in points) for start in starts]
    slots = bar_slots(plot, len(starts), gap_ratio=0.0)
    runs: list[list[QPointF]] = [[]]
    marked: list[QPointF] = []
    for (x, width), mean, count in zip(slots, means, counts, strict=True):
        if mean is None:
            runs.append([])
            continue
        runs[-1].append(QPointF(x + width / 2, mood_y(plot, mean)))
        if count > 1:
            marked.append(runs[-1][-1])
    pen = QPen(palette.MOOD_LINE, 2.5)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    for run in (r for r in runs if r):
        if len(run) > 1:
            area = QPainterPath(QPointF(run[0].x(), plot.bottom))
            line = QPainterPath(run[0])
            for point in run:
                area.lineTo(point)
            for point in run[1:]:
                line.lineTo(point)
            area.lineTo(QPointF(run[-1].x(), plot.bottom))
            area.closeSubpath()
            painter.fillPath(area, palette.MOOD_FILL)
            painter.strokePath(line, pen)
        painter.setPen(QPen(palette.CARD, 2))
        painter.setBrush(palette.MOOD_LINE)
        for point in run:
            if point in marked:
                painter.drawEllipse(point, 4.5, 4.5)


# -- milestone timeline ----------------------------------------------------------------------


def draw_timeline(
    painter: QPainter,
    rect: QRectF,
    milestones: Sequence[Milestone],
    next_step: Step | None,
    *,
    empty_text: str,
    toward: Sequence[CriterionProgress] = (),
) -> None:
    """Reached steps as filled dots on a line, oldest first, then the next step as an open dot
    with `toward` below it: how far each of its milestones has come (a trial found the page
    said nothing of that, where the Steps panel and `rekindle progress` did)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    rows = len(milestones) + (1 if next_step is not None else 0)
    x = rect.x() + 12
    if rows > 1:
        _draw_timeline_rail(
            painter,
            x,
            rect.y() + 14,
            rect.y() + 14 + (rows - 1) * TIMELINE_ROW,
            dashed_from=len(milestones) - 1 if next_step is not None else None,
        )
    y = rect.y()
    for milestone in milestones:
        _draw_timeline_row(
            painter,
            rect,
            y,
            progress_text.milestone_title(milestone),
            progress_text.milestone_when(milestone),
            reached=True,
        )
        y += TIMELINE_ROW
    if next_step is not None:
        # Not "Next": a trial read "Next: step 1" while on step 1 as a step still to come.
        title = progress_text.tr("Now: step %1 · %2").replace("%1", str(next_step.number))
        below = _draw_timeline_row(
            painter, rect, y, title.replace("%2", next_step.title), next_step.purpose,
            reached=False, extra=NEXT_STEP_EXTRA,
        )  # fmt: skip
        for line in criterion_lines(toward):  # right under the purpose, however many lines
            _draw_criterion(painter, rect, below, line)
            below += CRITERION_ROW
        y += TIMELINE_ROW + NEXT_STEP_EXTRA + len(toward) * CRITERION_ROW
    if not milestones:
        painter.setFont(_small(painter.font(), 0))
        painter.setPen(palette.TEXT_MUTED)
        note = QRectF(rect.x(), y + 2, rect.width(), rect.bottom() - y - 2)
        painter.drawText(note, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, empty_text)
    painter.restore()


def timeline_height(milestones: int, has_next: bool, criteria: int = 0) -> float:
    """How tall the timeline is (plus room for the empty note when nothing is reached yet)."""
    rows = milestones + (1 if has_next else 0)
    extra = NEXT_STEP_EXTRA + criteria * CRITERION_ROW if has_next else 0.0
    return rows * TIMELINE_ROW + extra + (44 if milestones == 0 else 0)


def criterion_lines(toward: Sequence[CriterionProgress]) -> list[str]:
    """ "Two journaling sessions completed · 1 of 2", a ✓ once met."""
    lines = []
    for found in toward:
        count = (
            progress_text.tr("%1 of %2")
            .replace("%1", str(min(found.current, found.target)))
            .replace("%2", str(found.target))
        )
        lines.append(f"{found.criterion.description} · {count}" + (" ✓" if found.met else ""))
    return lines


def _draw_criterion(painter: QPainter, rect: QRectF, y: float, line: str) -> None:
    painter.save()
    painter.setFont(_small(painter.font()))  # as the purpose above it
    painter.setPen(palette.TEXT_MUTED)
    left = rect.x() + 32
    metrics = painter.fontMetrics()
    text = metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(rect.right() - left))
    painter.drawText(QRectF(left, y, rect.right() - left, CRITERION_ROW),
                     Qt.AlignmentFlag.AlignVCenter, text)  # fmt: skip
    painter.restore()


def _draw_timeline_rail(
    painter: QPainter, x: float, top: float, bottom: float, dashed_from: int | None
) -> None:
    solid_end = bottom if dashed_from is None else top + dashed_from * TIMELINE_ROW
    painter.setPen(QPen(palette.PROGRESS, 2))
    if solid_end > top:
        painter.drawLine(QPointF(x, top), QPointF(x, solid_end))
    if dashed_from is not None:
        pen = QPen(palette.CHART_AXIS, 2, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, max(top, solid_end)), QPointF(x, bottom))


def _draw_timeline_row(
    painter: QPainter,
    rect: QRectF,
    y: float,
    title: str,
    subtitle: str,
    *,
    reached: bool,
    extra: float = 0.0,
) -> float:
    """One milestone: its dot, its title, and a subtitle wrapped into its line and `extra`
    height below it (cut to one line if it needs more). Returns where the subtitle ends."""
    painter.save()
    centre = QPointF(rect.x() + 12, y + 14)
    if reached:
        painter.setPen(QPen(palette.CARD, 2))
        painter.setBrush(palette.PROGRESS)
        painter.drawEllipse(centre, 8, 8)
        painter.setPen(QPen(palette.TEXT_ON_ACCENT, 1.8))
        tick = QPainterPath(QPointF(centre.x() - 3.5, centre.y()))
        tick.lineTo(QPointF(centre.x() - 1, centre.y() + 2.5))
        tick.lineTo(QPointF(centre.x() + 3.5, centre.y() - 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)
    else:
        painter.setPen(QPen(palette.ACCENT, 2))
        painter.setBrush(palette.CARD)
        painter.drawEllipse(centre, 7, 7)
    text_left = rect.x() + 32
    width = rect.right() - text_left
    font = QFont(painter.font())
    font.setBold(reached)
    painter.setFont(font)
    painter.setPen(palette.TEXT if reached else palette.ACCENT_STRONG)
    metrics = painter.fontMetrics()
    painter.drawText(
        QRectF(text_left, y + 4, width, 20),
        Qt.AlignmentFlag.AlignVCenter,
        metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(width)),
    )
    small = _small(font)
    small.setBold(False)
    painter.setFont(small)
    painter.setPen(palette.TEXT_MUTED)
    metrics = painter.fontMetrics()
    box = QRectF(text_left, y + 23, width, 18 + extra)
    wrap = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    needed = metrics.boundingRect(box.toRect(), wrap, subtitle).height()
    if extra and needed <= box.height():
        painter.drawText(box, wrap, subtitle)
        end = y + 23 + max(needed, 18) + 2
    else:
        painter.drawText(
            QRectF(text_left, y + 23, width, 18),
            Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, int(width)),
        )
        end = y + 23 + 18 + 2
    painter.restore()
    return end


# -- consistency ring ------------------------------------------------------------------------


def draw_ring(painter: QPainter, rect: QRectF, score: float, word: str, *, paused: bool) -> None:
    """The smoothed score as a ring, with its gentle word inside."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    side = min(rect.width(), rect.height()) - 10
    ring = QRectF(0, 0, side, side)
    ring.moveCenter(rect.center())
    thickness = max(6.0, side / 11)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(
        QPen(palette.RING_TRACK, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
    )
    painter.drawEllipse(ring)
    span = ring_span(score)
    if span > 0:
        colour = palette.PAUSED if paused else palette.PROGRESS
        painter.setPen(QPen(colour, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawArc(ring, 90 * 16, -span)
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(palette.PAUSED.darker(130) if paused else palette.TEXT)
    inner = ring.adjusted(thickness + 2, thickness + 2, -thickness - 2, -thickness - 2)
    painter.drawText(inner, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, word)
    painter.restore()


# -- widgets ---------------------------------------------------------------------------------


class WeekChart(QWidget):
    """Activities done per week, stacked by category (see `draw_week_chart`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks: list[WeekCount] = []
        self.setMinimumHeight(230)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Activities done each week"))

    def set_weeks(self, weeks: list[WeekCount]) -> None:
        self.weeks = weeks
        total = sum(week.total for week in weeks)
        text = (
            self.tr("%1 activities done this week")
            if len(weeks) == 1
            else self.tr("%1 activities done in the last %2 weeks")
        )  # a new plan's chart has this week only
        self.setAccessibleDescription(text.replace("%1", str(total)).replace("%2", str(len(weeks))))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 230)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        draw_week_chart(painter, QRectF(self.rect()), self.weeks, empty_text=self.empty_text())
        painter.end()

    def empty_text(self) -> str:
        return self.tr("Nothing marked as done yet. What you do will gather here, week by week.")


class MoodChart(QWidget):
    """The mood noted with reflections over the chart's weeks (see `draw_mood_chart`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.moods: list[MoodPoint] = []
        self.starts: list[date] = []
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Mood over time"))

    def set_moods(self, moods: list[MoodPoint], starts: list[date]) -> None:
        self.moods, self.starts = moods, starts
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 160)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        draw_mood_chart(
            painter, QRectF(self.rect()), self.moods, self.starts, empty_text=self.empty_text()
        )
        painter.end()

    def empty_text(self) -> str:
        return self.tr("When you note a mood with a reflection, it will show here.")


class MilestoneTimeline(QWidget):
    """Reached steps with their days, then the step ahead (see `draw_timeline`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.milestones: list[Milestone] = []
        self.next_step: Step | None = None
        self.toward: tuple[CriterionProgress, ...] = ()  # the next step's milestones
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Milestones reached"))

    def set_milestones(
        self,
        milestones: list[Milestone],
        next_step: Step | None,
        toward: tuple[CriterionProgress, ...] = (),
    ) -> None:
        self.milestones, self.next_step, self.toward = milestones, next_step, toward
        self.setFixedHeight(self._height())
        self.update()

    def _height(self) -> int:
        has_next = self.next_step is not None
        return int(timeline_height(len(self.milestones), has_next, len(self.toward)))

    def sizeHint(self) -> QSize:
        return QSize(300, self._height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        draw_timeline(
            painter,
            QRectF(self.rect()),
            self.milestones,
            self.next_step,
            empty_text=self.empty_text(),
            toward=self.toward,
        )
        painter.end()

    def empty_text(self) -> str:
        return self.tr("Each step you reach will appear here, with the day you reached it.")


class ScoreRing(QWidget):
    """The smoothed consistency score as a ring with a word (see `draw_ring`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = 0.0
        self.paused = False
        self.setFixedSize(104, 104)

    def set_score(self, score: float, *, paused: bool) -> None:
        self.score, self.paused = score, paused
        self.setToolTip(self.word())
        self.update()

    def word(self) -> str:
        return progress_text.ring_word(self.score, paused=self.paused)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(_small(self.font(), -0.5))
        draw_ring(painter, QRectF(self.rect()), self.score, self.word(), paused=self.paused)
        painter.end()
