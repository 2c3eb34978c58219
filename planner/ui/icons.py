"""Icons from resources/icons through Qt's "icons:" search path, cached by name."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from planner import paths
from planner.ui import palette

if TYPE_CHECKING:
    from planner.domain.categories import Category


@functools.cache
def register_search_path() -> None:
    """Make `icons:NAME.svg` resolve to the bundled icon folder (once per process)."""
    QDir.setSearchPaths("icons", [str(paths.icons_dir())])


@functools.cache
def icon(name: str) -> QIcon:
    """The bundled icon called `name` (file stem), or an empty icon if it is missing."""
    register_search_path()
    return QIcon(f"icons:{name}.svg")


def category_icon(category: Category) -> QIcon:
    return icon(category.icon_name)


@functools.cache
def coloured_category_icon(category: Category) -> QIcon:
    """A category's symbol drawn in its own colour, so lists of categories (the filters, a
    day's activities, the editor's choices) also say which colour is which. Drawn for
    ordinary and high-density screens alike (device pixel ratios 1 and 2)."""
    glyph = category_icon(category)
    colour = palette.category_colour(category).darker(120)
    coloured = QIcon()
    for side in (16, 24, 32):
        for ratio in (1.0, 2.0):
            shape = glyph.pixmap(QSize(side, side), ratio)
            pixmap = QPixmap(shape.size())
            pixmap.setDevicePixelRatio(shape.devicePixelRatio())
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.drawPixmap(0, 0, shape)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(QRectF(0, 0, side, side), colour)
            painter.end()
            coloured.addPixmap(pixmap)
    return coloured
