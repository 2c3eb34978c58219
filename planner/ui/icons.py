"""Icons from resources/icons through Qt's "icons:" search path, cached by name."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir
from PySide6.QtGui import QIcon

from planner import paths

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
