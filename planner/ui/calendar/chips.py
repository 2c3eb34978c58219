"""The chip painter shared by the calendar views: a coloured, labelled activity block."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from planner.domain.occurrences import Occurrence, Status
from planner.ui import icons, labels, palette

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from planner.domain.categories import Category

RADIUS = 4.0
BAR_WIDTH = 3.0
ICON_SIZE = 12.0
DONE_OPACITY = 0.6  # done: a check mark and a quieter chip
SKIPPED_OPACITY = 0.55  # skipped: open and dashed (see _draw_let_go), never struck through
#: Narrower, a chip (a month's, or a bar in the week's all-day row) gives its title the step
#: badge's room (the step is in its tooltip): a trial's month beside both side panels read
#: "Evening… ①" on every day.
CHIP_BADGE_MIN_WIDTH = 120.0
FLAG_RADIUS = 4.0  # the pacing dot: clear of the step badge, big enough to see
FLAG_ROOM = 2 * FLAG_RADIUS + 4.0  # what the dot takes at a chip's right end


@dataclass(frozen=True, slots=True)
class _Fonts:
    """The fonts a chip writes with, derived from the painter's font (once per font: a grid
    paints a hundred or more chips, and building a QFont and its metrics each time showed)."""

    badge: QFont
    badge_metrics: QFontMetricsF
    label: QFont
    label_metrics: QFontMetricsF
    small: QFont
    block_title: QFont
    block_title_metrics: QFontMetricsF
    block_detail: QFont
    block_detail_metrics: QFontMetricsF


_FONTS: dict[str, _Fonts] = {}


def _fonts(base: QFont) -> _Fonts:
    key = base.key()
    found = _FONTS.get(key)
    if found is None:
        badge = QFont(base)
        badge.setPointSizeF(max(6.0, badge.pointSizeF() - 2.5))
        badge.setBold(True)
        label = QFont(base)
        label.setWeight(QFont.Weight.DemiBold)  # explicit: the caller's font may be anything
        small = QFont(base)
        small.setPointSizeF(max(6.5, small.pointSizeF() - BLOCK_FONT_SMALLER))
        title = QFont(small)
        title.setWeight(QFont.Weight.DemiBold)
        detail = QFont(small)
        detail.setPointSizeF(max(6.5, detail.pointSizeF() - 1))
        found = _FONTS[key] = _Fonts(
            badge, QFontMetricsF(badge), label, QFontMetricsF(label), small,
            title, QFontMetricsF(title), detail, QFontMetricsF(detail),
        )  # fmt: skip
    return found


@dataclass(frozen=True, slots=True)
class ChipStyle:
    """How a chip is cut: open sides continue into the previous/next week row."""

    open_left: bool = False
    open_right: bool = False
    selected: bool = False
    show_time: bool = True
    flagged: bool = False  # a pacing hint is attached


def chip_label(occurrence: Occurrence, zone: ZoneInfo, show_time: bool) -> str:
    """ "09:30 Title" for a timed occurrence, the bare title otherwise."""
    title = labels.marked_title(occurrence.title, occurrence.status)
    if show_time and isinstance(occurrence.start, datetime):
        local = occurrence.start.astimezone(zone)
        return f"{labels.clock(local)} {title}"
    return title


def paint_chip(
    painter: QPainter, rect: QRectF, occurrence: Occurrence, label: str, style: ChipStyle
) -> None:
    """Paint one chip into `rect`."""
    painter.save()
    full = painter.opacity()
    _fade_by_status(painter, occurrence)
    category = occurrence.activity.category
    if occurrence.status is Status.SKIPPED:
        _draw_let_go_chip(painter, rect, style, category)
    else:
        painter.fillPath(_outline(rect, style), palette.chip_fill(category))
    _draw_bar(painter, rect, style, category)
    text_left = _draw_icon(painter, rect, style, category)
    fonts = _fonts(painter.font())
    room = FLAG_ROOM if style.flagged else 0.0  # the pacing dot, inside at the right end
    badge_left = _draw_step_badge(  # the same chips keep it, with a dot or without
        painter, rect.adjusted(0, 0, -room, 0), occurrence, fonts, CHIP_BADGE_MIN_WIDTH - room
    )
    _draw_label(
        painter,
        QRectF(text_left, rect.top(), badge_left - text_left - 3, rect.height()),
        label,
        category,
        fonts,
    )
    if style.flagged:
        _draw_flag_inside(painter, QRectF(rect.right() - room, rect.top(), room, rect.height()))
    if style.selected:
        painter.setOpacity(full)  # chosen is chosen, done or skipped: never a faded outline
        _draw_chip_outline(painter, rect, style)
    painter.restore()


def paint_chip_selection(painter: QPainter, rect: QRectF, style: ChipStyle) -> None:
    """Only what selecting adds to a chip painted already (drawn over a view's cached layer),
    at full strength whatever the chip's status."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    _draw_chip_outline(painter, rect, style)
    painter.restore()


def _draw_chip_outline(painter: QPainter, rect: QRectF, style: ChipStyle) -> None:
    painter.setPen(QPen(palette.ACCENT, 1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(_outline(rect.adjusted(0.8, 0.8, -0.8, -0.8), style))


def _fade_by_status(painter: QPainter, occurrence: Occurrence) -> None:
    """Antialiased, and quieter when done (quieter still when skipped), on a saved painter."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if occurrence.status is not Status.PLANNED:
        painter.setOpacity(
            painter.opacity()
            * (DONE_OPACITY if occurrence.status is Status.DONE else SKIPPED_OPACITY)
        )


def _draw_let_go(painter: QPainter, path: QPainterPath, category: Category) -> None:
    """A skipped one: open, its outline dashed, the day showing through. Faded and filled as
    a done one is, the two had looked alike but for a small ✓ (a new user's trial); let go
    is not done, and not a failing either: it keeps its colour bar and its words."""
    painter.setPen(QPen(palette.chip_detail_text(category), 1, Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def _draw_let_go_chip(
    painter: QPainter, rect: QRectF, style: ChipStyle, category: Category
) -> None:
    """`_draw_let_go` for a month chip: a closed one as a plain rounded rectangle, its dashes
    on whole pixels (a path stroked with smoothed dashes cost the month ~0.8 ms a switch in
    bench/views.py's plan, a tenth of its chips skipped); one going on into
    the next week's row without an edge where it goes on (a dashed one there had cut one
    let-go week in two boxes: a review)."""
    if not (style.open_left or style.open_right):
        painter.setPen(QPen(palette.chip_detail_text(category), 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        return
    # Past the pen on every closed side, so those edges keep their whole line.
    edges = rect.adjusted(1.5 if style.open_left else -1, -1, -1.5 if style.open_right else 1, 1)
    painter.save()
    painter.setClipRect(edges, Qt.ClipOperation.IntersectClip)
    _draw_let_go(painter, _outline(rect, style), category)
    painter.restore()


def _draw_flag_inside(painter: QPainter, room: QRectF) -> None:
    """The pacing dot in the middle of `room`, kept at a chip's right end: on its corner, as
    before, a neighbour or the edge of the row cut it to a quarter (a trial)."""
    draw_flag_at(painter, room.center())


def draw_flag(painter: QPainter, rect: QRectF) -> None:
    """The pacing dot on the top-right corner of `rect` (beside a "+N more")."""
    draw_flag_at(painter, QPointF(rect.right() - 2.0, rect.top() + 2.0))


def draw_flag_at(painter: QPainter, centre: QPointF) -> None:
    """A small amber dot: a pacing hint is attached (see the tooltip)."""
    painter.save()
    painter.setOpacity(1.0)
    painter.setPen(QPen(palette.CELL, 1.2))
    painter.setBrush(palette.PACING_FLAG)
    painter.drawEllipse(centre, FLAG_RADIUS, FLAG_RADIUS)
    painter.restore()


def _outline(rect: QRectF, style: ChipStyle) -> QPainterPath:
    path = QPainterPath()
    left_radius = 0.0 if style.open_left else RADIUS
    right_radius = 0.0 if style.open_right else RADIUS
    path.addRoundedRect(rect, max(left_radius, right_radius), max(left_radius, right_radius))
    if style.open_left or style.open_right:
        square = QPainterPath()
        if style.open_left:
            square.addRect(QRectF(rect.left(), rect.top(), RADIUS * 2, rect.height()))
        if style.open_right:
            square.addRect(QRectF(rect.right() - RADIUS * 2, rect.top(), RADIUS * 2, rect.height()))
        path = path.united(square)
    return path


def _draw_bar(painter: QPainter, rect: QRectF, style: ChipStyle, category: Category) -> None:
    if style.open_left:
        return
    bar = _bar_path(rect.height()).translated(rect.topLeft())
    painter.fillPath(bar, palette.category_colour(category))


@functools.lru_cache(maxsize=256)
def _bar_path(height: float) -> QPainterPath:
    """The category bar on a chip's left edge, rounded with the chip (at the origin; cut once
    per height, as intersecting paths for every chip showed in the profile)."""
    bar = QPainterPath()
    bar.addRoundedRect(QRectF(0, 0, BAR_WIDTH + RADIUS, height), RADIUS, RADIUS)
    clip = QPainterPath()
    clip.addRect(QRectF(0, 0, BAR_WIDTH, height))
    return bar.intersected(clip)


def _draw_icon(painter: QPainter, rect: QRectF, style: ChipStyle, category: Category) -> float:
    left = rect.left() + (6.0 if style.open_left else BAR_WIDTH + 4.0)
    if rect.width() < 150 or rect.height() < ICON_SIZE + 2:
        return left
    top = rect.top() + (rect.height() - ICON_SIZE) / 2
    icons.category_icon(category).paint(painter, QRectF(left, top, ICON_SIZE, ICON_SIZE).toRect())
    return left + ICON_SIZE + 4.0


def _draw_step_badge(
    painter: QPainter, rect: QRectF, occurrence: Occurrence, fonts: _Fonts, min_width: float = 90
) -> float:
    """A small step number at the right edge; returns where the label must stop. Leaves the
    painter's font set to the badge's (callers set their own before writing)."""
    if rect.width() < min_width:
        return rect.right() - 2
    text = str(occurrence.activity.step)
    font, metrics = fonts.badge, fonts.badge_metrics
    height = rect.height() - 8
    if height < metrics.capHeight() + 2:
        # Too low for its number (a 20-minute block): a clipped blob, not a badge (a new
        # user's trial). The step is in the tooltip.
        return rect.right() - 2
    width = max(metrics.horizontalAdvance(text) + 5, height)
    badge = QRectF(rect.right() - width - 3, rect.top() + 4, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.chip_detail_text(occurrence.activity.category))
    painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
    painter.setFont(font)
    painter.setPen(palette.TEXT_ON_ACCENT)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
    return badge.left()


def _draw_label(
    painter: QPainter, rect: QRectF, label: str, category: Category, fonts: _Fonts
) -> None:
    if rect.width() <= 4:
        return
    painter.setFont(fonts.label)
    metrics = fonts.label_metrics
    painter.setPen(palette.chip_text(category))
    text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, rect.width())
    baseline = rect.top() + (rect.height() + metrics.ascent() - metrics.descent()) / 2
    painter.drawText(QPointF(rect.left(), baseline), text)


# -- blocks on the time grid ------------------------------------------------------------------

BLOCK_PADDING = 4.0
BAND_HEIGHT = 19.0  # the first line of a block: as tall as a month chip, so badges match
#: Narrower, a block gives its title the room (as a month chip does): the step is in its
#: tooltip. At 64, a week beside both side panels showed "✓ M…" beside a step badge.
BLOCK_BADGE_MIN_WIDTH = 90.0
BLOCK_FONT_SMALLER = 0.5  # points: the grid packs more lines than a month chip
SINGLE_LINE_TIME_MIN_WIDTH = 140.0  # a short block narrower than this shows its title alone
MIN_TEXT_WIDTH = 12.0  # a block narrower than this cannot show a letter: it shows its colour


@dataclass(frozen=True, slots=True)
class BlockText:
    """What a block on the time grid says: its title, its times, and (in the day view) more."""

    title: str
    when: str
    details: tuple[str, ...] = ()
    #: The times first, where the title goes, and whole (over two lines if need be): a
    #: block being moved or stretched is about where it lands (it had shown its title and
    #: the start alone, or the title alone).
    times_first: bool = False


def block_text(
    occurrence: Occurrence, zone: ZoneInfo, *, details: bool, notes_chars: int = 120
) -> BlockText:
    """The title (✓ when done), start and end times, and maybe the place and the notes' start."""
    title = labels.marked_title(occurrence.title, occurrence.status)
    when = ""
    if isinstance(occurrence.start, datetime) and isinstance(occurrence.end, datetime):
        start, end = occurrence.start.astimezone(zone), occurrence.end.astimezone(zone)
        when = labels.clock_span(start, end, " – ")
    extra: list[str] = []
    if details:
        if occurrence.location:
            extra.append(occurrence.location)
        notes = " ".join(occurrence.notes.split())
        if notes:
            extra.append(notes if len(notes) <= notes_chars else notes[:notes_chars] + "…")
    return BlockText(title, when, tuple(extra))


def paint_block(
    painter: QPainter, rect: QRectF, occurrence: Occurrence, text: BlockText, style: ChipStyle
) -> None:
    """Paint one activity on the time grid: a tall chip whose lines fit its height."""
    painter.save()
    full = painter.opacity()
    category = occurrence.activity.category
    path = QPainterPath()
    path.addRoundedRect(rect, RADIUS, RADIUS)
    if occurrence.status is not Status.PLANNED:
        # Faded, yet covering what is under it: a done block beside another in its hour let
        # the other's words show through its own (a re-trial).
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillPath(path, palette.CELL)
    _fade_by_status(painter, occurrence)
    if occurrence.status is Status.SKIPPED:
        _draw_let_go(painter, path, category)
    else:
        painter.fillPath(path, palette.chip_fill(category))
        painter.setPen(QPen(palette.chip_border(category), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    _draw_bar(painter, rect, ChipStyle(), category)
    if rect.width() >= MIN_TEXT_WIDTH:  # a sliver among many lanes: colour only, no words
        fonts = _fonts(painter.font())
        # A block's badge and one-line label are cut from its smaller font, as its lines are.
        small = _fonts(fonts.small)
        band = QRectF(rect.left(), rect.top(), rect.width(), min(rect.height(), BAND_HEIGHT))
        text_left = _draw_icon(painter, band, ChipStyle(), category)
        room = FLAG_ROOM if style.flagged else 0.0  # the pacing dot, inside its first line
        band = band.adjusted(0, 0, -room, 0)
        badge_left = band.right()
        if rect.height() >= 15:
            badge_left = _draw_step_badge(painter, band, occurrence, small, BLOCK_BADGE_MIN_WIDTH)
        painter.setFont(fonts.small)
        line = fonts.block_title_metrics.height()
        if rect.height() < BLOCK_PADDING + 2 * line:
            # Narrow, the title matters most: the block's place on the grid tells the time.
            first = (
                text.title
                if rect.width() < SINGLE_LINE_TIME_MIN_WIDTH or not text.when
                else (f"{text.when.split(' – ')[0]} {text.title}")
            )
            if text.times_first and text.when:  # whole, or the start, where it lands
                room = badge_left - text_left - 3
                start = text.when.split(" – ")[0]
                advance = small.label_metrics.horizontalAdvance
                for times in (text.when, start):  # never "10:0…": else the title alone
                    if advance(f"{times} …") <= room:
                        first = f"{times} {text.title}"  # the title cut after the times
                        break
                    if advance(times) <= room:
                        first = times  # no room for any of the title
                        break
            single = " · ".join((first, *text.details))
            _draw_label(
                painter, QRectF(text_left, band.top(), badge_left - text_left - 3, band.height()),
                single, category, small,
            )  # fmt: skip
        else:
            if text.times_first and text.when:
                text = _times_first(text, fonts.block_title_metrics, badge_left - text_left - 3)
            _draw_block_lines(painter, rect, text_left, badge_left, text, category, fonts)
    if style.flagged:
        first_line = QRectF(rect.left(), rect.top(), rect.width(), min(rect.height(), BAND_HEIGHT))
        _draw_flag_inside(painter, first_line.adjusted(first_line.width() - FLAG_ROOM, 0, 0, 0))
    if style.selected:
        painter.setOpacity(full)
        _draw_block_outline(painter, rect)
    painter.restore()


def paint_block_selection(painter: QPainter, rect: QRectF) -> None:
    """Only what selecting adds to a block painted already: its outline, drawn on top at full
    strength whatever the block's status."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    _draw_block_outline(painter, rect)
    painter.restore()


def _times_first(text: BlockText, metrics: QFontMetricsF, width: float) -> BlockText:
    """`text` with its times in the title's place, whole, and its title after them: the
    span on one line if it fits, else its start on the first and its end on the next."""
    start, _dash, end = text.when.partition(" – ")

    def fits(words: str) -> bool:
        return metrics.horizontalAdvance(words) <= width

    if fits(text.when):
        return BlockText(text.when, "", (text.title,))
    if end and fits(f"{start} –"):
        return BlockText(f"{start} –", "", (end, text.title))
    if fits(start):  # too narrow for the dash: the start, the end below it
        return BlockText(start, "", (end, text.title) if end else (text.title,))
    return replace(text, times_first=False)  # not even the start: as a block at rest


def _draw_block_outline(painter: QPainter, rect: QRectF) -> None:
    painter.setPen(QPen(palette.ACCENT, 2.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), RADIUS, RADIUS)


def _draw_block_lines(
    painter: QPainter,
    rect: QRectF,
    text_left: float,
    badge_left: float,
    text: BlockText,
    category: Category,
    fonts: _Fonts,
) -> None:
    """Title (wrapped while there is room), then the times, then the details, top down.

    With details (the day view's wide blocks) the times follow the title on its line, when they
    fit, so the place and the notes get the lines below.
    """
    title_font, detail_font = fonts.block_title, fonts.block_detail
    title_metrics, detail_metrics = fonts.block_title_metrics, fonts.block_detail_metrics
    bottom = rect.bottom() - BLOCK_PADDING / 2
    top = rect.top() + 2.0
    title_width = badge_left - text_left - 3
    when = text.when
    inline = bool(text.details and when) and (
        title_metrics.horizontalAdvance(text.title)
        + detail_metrics.horizontalAdvance(when) + 2 * BLOCK_PADDING <= title_width
    )  # fmt: skip
    room = int((bottom - top - detail_metrics.height()) // title_metrics.height())
    painter.save()  # the clip keeps the lines inside; the selection outline comes after it
    painter.setClipRect(rect.adjusted(1, 1, -1, -1), Qt.ClipOperation.IntersectClip)
    painter.setFont(title_font)
    painter.setPen(palette.chip_text(category))
    below = rect.right() - (rect.left() + BAR_WIDTH + 4.0) - BLOCK_PADDING  # lines after the first
    lines = _wrapped(text.title, title_metrics, title_width, max(1, min(room, 3)), below)
    for index, line in enumerate(lines):
        # Only the first line shares its row with the icon and the step badge.
        left = text_left if index == 0 else rect.left() + BAR_WIDTH + 4.0
        if line:  # the first may be left to the icon, the badge and the dot
            painter.drawText(QPointF(left, top + title_metrics.ascent()), line)
        top += title_metrics.height()
    painter.setFont(detail_font)
    painter.setPen(palette.chip_detail_text(category))
    if inline:
        after = text_left + title_metrics.horizontalAdvance(text.title) + 2 * BLOCK_PADDING
        painter.drawText(QPointF(after, rect.top() + 2.0 + title_metrics.ascent()), when)
        when = ""
    left = rect.left() + BAR_WIDTH + 4.0
    width = rect.right() - left - BLOCK_PADDING
    if detail_metrics.horizontalAdvance(when) > width:
        when = when.split(" – ")[0]  # the start alone: never cut mid-number, nor on two lines
        free = int((bottom - top) // detail_metrics.height())
        if " ".join(_wrapped(when, detail_metrics, width, free)) != " ".join(when.split()):
            # Whole or not at all: "1…" or "10:0…" would say nothing, and the block's place
            # on the grid tells the time. "10:00 AM" goes over two lines where both fit.
            when = ""

    def lines_left() -> int:
        return int((bottom - top + 1) // detail_metrics.height())

    for line in _wrapped(when, detail_metrics, width, lines_left()) if when else []:
        painter.drawText(QPointF(left, top + detail_metrics.ascent()), line)
        top += detail_metrics.height()
    details = [detail for detail in text.details if detail]
    if len(details) > lines_left() >= 1:
        # Fewer lines than details: the last ones share a line ("City gym · Bring…"), where
        # the place had taken the line and the notes had been left out (a trial).
        details[lines_left() - 1 :] = [" · ".join(details[lines_left() - 1 :])]
    for index, detail in enumerate(details):
        free = lines_left()
        if free < 1:
            break
        after = min(len(details) - index - 1, free - 1)  # a line kept for each after it
        for line in _wrapped(detail, detail_metrics, width, free - after):
            painter.drawText(QPointF(left, top + detail_metrics.ascent()), line)
            top += detail_metrics.height()
    painter.restore()


def _wrapped(
    text: str,
    metrics: QFontMetricsF,
    width: float,
    max_lines: int,
    rest_width: float | None = None,
) -> list[str]:
    """`text` broken at spaces into at most `max_lines` lines of `width` (those after the
    first of `rest_width`, when given), the last elided. A word wider than a line ends the
    text there, cut with "…" ("Re…"): a word broken between its letters ("Rea|d a…", "15:0|0",
    two trials) read as two words, and each word cut on its own ("R… a…", an earlier one) as
    none; the whole title is in the tooltip. A first word too wide for the first line alone
    (which it shares with the icon, the step badge and a pacing dot) begins on the second,
    the first left empty: "Coff…" had stood above empty room (a trial)."""
    later = width if rest_width is None else rest_width
    if max(width, later) <= 4 or max_lines <= 0:
        return []
    lines: list[str] = []
    words = text.split()
    if len(words) > 1 and words[0] == labels.DONE_MARK:  # the mark goes with the title's first word
        words[:2] = [f"{words[0]} {words[1]}"]  # (a trial saw "✓" on a line of its own)
    if (
        words and max_lines > 1 and later > width
        and metrics.horizontalAdvance(words[0]) > width
        and metrics.horizontalAdvance(words[0]) <= later
    ):  # fmt: skip
        lines.append("")
    current = ""
    while words and len(lines) < max_lines - 1:
        room = width if not lines else later
        candidate = f"{current} {words[0]}".strip()
        if metrics.horizontalAdvance(candidate) <= room:
            current = candidate
            words.pop(0)
        elif current:
            lines.append(current)
            current = ""
        else:
            break  # a word wider than the line: cut below, with the rest
    rest = " ".join([current, *words]).strip()
    if rest:
        room = width if not lines else later
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, room))
    return lines
