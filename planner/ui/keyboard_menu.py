"""A calendar's context menu opened from the keyboard, on what the keys chose.

Qt hands the Menu key to the focused widget as a context-menu event at its text cursor, which
for a widget without one is its middle: a calendar that looked there would open the menu of
whichever activity happens to sit mid-screen, or of none. Many laptops have no Menu key:
Shift+F10, as GTK and Windows have it, opens the same menu."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def asked_by_keys(event: QContextMenuEvent) -> bool:
    """Whether the menu was asked for from the keyboard rather than with the pointer."""
    return event.reason() == QContextMenuEvent.Reason.Keyboard


def is_menu_shortcut(event: QKeyEvent) -> bool:
    """Shift+F10. Windows turns it into a menu event of its own, so it is not doubled there."""
    return (
        sys.platform != "win32"
        and event.key() == Qt.Key.Key_F10
        and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
    )


def open_menu(widget: QWidget) -> None:
    """Ask `widget` for its context menu as the Menu key would."""
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), widget.mapToGlobal(QPoint(0, 0))
    )
    QCoreApplication.sendEvent(widget, event)
