"""Small painting helpers shared by the item delegates of the side panels and pages."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from planner.ui import palette


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
