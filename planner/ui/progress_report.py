"""The progress page as a PDF report (Qt's own PDF writer), for someone who wants to keep it.

The report reuses the page's `draw_*` functions and sentences, then lists every lesson learned,
flowing onto as many A4 pages as it needs. It is rendered into memory; saving is the caller's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from planner.ui import palette, progress_charts, progress_text

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from planner.domain.milestones import CriterionProgress
    from planner.domain.programs import Step
    from planner.services.progress import Overview

#: Painting units: with 96 dots per inch, a pixel here is a pixel on the page.
_RESOLUTION = 96
_MARGIN_MM = 16.0
_FOOTER = 24.0
_GAP = 18.0


@dataclass(frozen=True, slots=True)
class ReportHeading:
    """Who and when the report is for."""

    plan_name: str
    program_name: str
    today: date


class _Flow:
    """A top-to-bottom cursor over pages: asks for room, starts a new page when there is none."""

    def __init__(self, writer: QPdfWriter, painter: QPainter) -> None:
        self.writer = writer
        self.painter = painter
        self.page = QRectF(writer.pageLayout().paintRectPixels(_RESOLUTION))
        self.page.moveTo(0, 0)
        self.y = self.page.top()
        self.number = 1

    @property
    def width(self) -> float:
        return self.page.width()

    def room(self, height: float) -> QRectF:
        """A full-width rect of `height` at the cursor (on a new page if it would not fit)."""
        if self.y + height > self.page.bottom() - _FOOTER and self.y > self.page.top():
            self.new_page()
        rect = QRectF(self.page.left(), self.y, self.page.width(), height)
        self.y += height
        return rect

    def new_page(self) -> None:
        self.finish_page()
        self.writer.newPage()
        self.number += 1
        self.y = self.page.top()

    def finish_page(self) -> None:
        painter = self.painter
        painter.save()
        painter.setFont(_font(8))
        painter.setPen(palette.TEXT_MUTED)
        footer = QRectF(self.page.left(), self.page.bottom() - 14, self.page.width(), 14)
        painter.drawText(
            footer,
            Qt.AlignmentFlag.AlignLeft,
            progress_text.tr("Rekindle · private, made on your own computer"),
        )
        painter.drawText(
            footer,
            Qt.AlignmentFlag.AlignRight,
            progress_text.tr("Page %1").replace("%1", str(self.number)),
        )
        painter.restore()


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def render_pdf(
    overview: Overview,
    heading: ReportHeading,
    next_step: Step | None,
    toward: Sequence[CriterionProgress] = (),
) -> bytes:
    """The whole report as PDF bytes (at least one page: Letter where the computer measures
    in US units, A4 elsewhere; a US trial had A4)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_RESOLUTION)
    us = QLocale().measurementSystem() is QLocale.MeasurementSystem.ImperialUSSystem
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter if us else QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(*[_MARGIN_MM] * 4), QPageLayout.Unit.Millimeter)
    writer.setTitle(progress_text.tr("Progress with Rekindle"))
    writer.setCreator("Rekindle")
    painter = QPainter(writer)
    flow = _Flow(writer, painter)
    _draw_title(flow, heading)
    _draw_consistency(flow, overview)
    _draw_section(flow, progress_text.tr("Done each week"))
    painter.setFont(_font(9))
    progress_charts.draw_week_chart(
        painter, flow.room(250), overview.weeks, empty_text=progress_text.tr("Nothing yet."),
        this_week=False,  # the report is read later: its weeks are named by their dates
    )  # fmt: skip
    _draw_section(flow, progress_text.tr("Mood over time"))
    painter.setFont(_font(9))
    progress_charts.draw_mood_chart(
        painter,
        flow.room(170),
        overview.moods,
        [week.start for week in overview.weeks],
        empty_text=progress_text.tr("No moods noted yet."),
        this_week=False,
    )
    painter.setFont(_font(10))
    height = progress_charts.timeline_height(
        len(overview.milestones), next_step is not None, len(toward)
    )
    # The heading goes with the whole timeline (drawn in one piece), not left alone above
    # a page break; a timeline taller than a page starts under its heading all the same.
    page = flow.page.height() - _FOOTER - 34
    _draw_section(flow, progress_text.tr("Milestones"), keep_with=min(height, page))
    painter.setFont(_font(10))
    progress_charts.draw_timeline(
        painter,
        flow.room(height),
        overview.milestones,
        next_step,
        empty_text=progress_text.tr("No step reached yet; every step counts when it comes."),
        toward=toward,
    )
    _draw_lessons(flow, overview)
    flow.finish_page()
    painter.end()
    buffer.close()
    data: QByteArray = buffer.data()
    return bytes(data.data())


def _draw_title(flow: _Flow, heading: ReportHeading) -> None:
    painter = flow.painter
    painter.setFont(_font(20, bold=True))
    painter.setPen(palette.TEXT)
    painter.drawText(
        flow.room(34), Qt.AlignmentFlag.AlignVCenter, progress_text.tr("Your progress")
    )
    painter.setFont(_font(10))
    painter.setPen(palette.TEXT_MUTED)
    # A plan is usually named after its program; say the name once then.
    names = heading.plan_name
    if heading.program_name.casefold() not in heading.plan_name.casefold():
        names = f"{heading.plan_name} · {heading.program_name}"
    line = (
        progress_text.tr("%1 · as of %2")
        .replace("%1", names)
        .replace("%2", progress_text.long_date(heading.today))
    )
    painter.drawText(flow.room(20), Qt.AlignmentFlag.AlignVCenter, line)
    flow.room(_GAP)


def _draw_consistency(flow: _Flow, overview: Overview) -> None:
    painter = flow.painter
    consistency = overview.consistency
    rect = flow.room(96)
    painter.setFont(_font(9))
    ring = QRectF(rect.left(), rect.top(), 92, 92)
    progress_charts.draw_ring(
        painter,
        ring,
        consistency.score,
        progress_text.ring_word(consistency.score, paused=consistency.paused),
        paused=consistency.paused,
    )
    text = rect.adjusted(112, 4, 0, 0)
    painter.setFont(_font(15, bold=True))
    painter.setPen(palette.TEXT)
    painter.drawText(
        QRectF(text.left(), text.top(), text.width(), 26),
        Qt.AlignmentFlag.AlignVCenter,
        progress_text.headline(consistency),
    )
    painter.setFont(_font(10))
    painter.setPen(palette.TEXT_MUTED)
    painter.drawText(
        QRectF(text.left(), text.top() + 30, text.width(), 40),
        Qt.TextFlag.TextWordWrap,
        progress_text.detail(consistency),
    )
    reached = len(overview.milestones)
    summary = progress_text.summary(
        overview.done, overview.reflections, reached, overview.steps_total
    )
    painter.drawText(
        QRectF(text.left(), text.top() + 70, text.width(), 18),
        Qt.AlignmentFlag.AlignVCenter,
        summary,
    )
    flow.room(_GAP)


def _draw_section(flow: _Flow, title: str, *, keep_with: float = 120) -> None:
    """A section heading, moved to the next page with what follows if it would sit alone."""
    if flow.y + 30 + keep_with > flow.page.bottom() - _FOOTER:
        flow.new_page()
    painter = flow.painter
    painter.setFont(_font(12, bold=True))
    painter.setPen(palette.TEXT)
    rect = flow.room(26)
    painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, title)
    painter.setPen(palette.GRID_LINE)
    painter.drawLine(rect.bottomLeft(), rect.bottomRight())
    flow.room(8)


def _draw_lessons(flow: _Flow, overview: Overview) -> None:
    flow.room(_GAP)
    _draw_section(flow, progress_text.tr("Lessons learned"), keep_with=60)
    painter = flow.painter
    if not overview.lessons:
        painter.setFont(_font(10))
        painter.setPen(palette.TEXT_MUTED)
        painter.drawText(
            flow.room(20),
            Qt.AlignmentFlag.AlignVCenter,
            progress_text.tr("No lessons written yet."),
        )
        return
    for lesson in overview.lessons:
        painter.setFont(_font(10.5))
        quote = f"“{lesson.text}”"
        bounds = painter.boundingRect(
            QRectF(0, 0, flow.width - 16, 10_000), Qt.TextFlag.TextWordWrap, quote
        )
        rect = flow.room(bounds.height() + 22)
        painter.setPen(palette.TEXT)
        painter.drawText(rect.adjusted(16, 0, 0, 0), Qt.TextFlag.TextWordWrap, quote)
        painter.setPen(palette.MOOD_LINE)
        painter.drawLine(rect.topLeft() + _dx(4, 2), rect.bottomLeft() + _dx(4, -8))
        painter.setFont(_font(8.5))
        painter.setPen(palette.TEXT_MUTED)
        meta = progress_text.long_date(lesson.day)
        if lesson.title:
            meta += f" · {lesson.title}"
        painter.drawText(
            QRectF(rect.left() + 16, rect.bottom() - 20, rect.width() - 16, 14),
            Qt.AlignmentFlag.AlignVCenter,
            meta,
        )


def _dx(x: float, y: float) -> QPointF:
    return QPointF(x, y)
