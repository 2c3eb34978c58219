"""Small painting helpers shared by the item delegates of the side panels and pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from planner.domain.occurrences import Status
from planner.ui import icons, palette
from planner.ui.calendar import chips

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

    from planner.domain.categories import Category


def draw_selected_row(
    painter: QPainter, option: QStyleOptionViewItem, rect: QRectF, inset: float = 1
) -> bool:
    """A soft rounded highlight behind a selected row; True if the row is selected."""
    if not option.state & QStyle.StateFlag.State_Selected:
        return False
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.SELECTED_ROW)
    painter.drawRoundedRect(rect.adjusted(2, inset, -2, -inset), 6, 6)
    return True


def fade_for(painter: QPainter, status: Status) -> None:
    """Done rows fade a little and skipped ones a little more, as chips do (never struck)."""
    if status is Status.DONE:
        painter.setOpacity(chips.DONE_OPACITY)
    elif status is Status.SKIPPED:
        painter.setOpacity(chips.SKIPPED_OPACITY)


MARK_ICON = 14.0  # the category icon beside a colour bar


def category_mark_width(bar_width: float, gap: float) -> float:
    """How much room `draw_category_mark` takes from its bar's left edge to where text starts."""
    return bar_width + gap + MARK_ICON + gap


def draw_category_mark(painter: QPainter, bar: QRectF, category: Category, gap: float) -> float:
    """A category's colour bar and, `gap` to its right, its icon; returns where text can start."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.category_colour(category))
    painter.drawRoundedRect(bar, 1.5, 1.5)
    icon = QRectF(bar.right() + gap, bar.center().y() - MARK_ICON / 2, MARK_ICON, MARK_ICON)
    icons.category_icon(category).paint(painter, icon.toRect())
    return bar.left() + category_mark_width(bar.width(), gap)
