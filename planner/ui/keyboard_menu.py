"""A calendar's context menu opened from the keyboard, on what the keys chose.

Qt hands the Menu key to the focused widget as a context-menu event at its text cursor, which
for a widget without one is its middle: a calendar that looked there would open the menu of
whichever activity happens to sit mid-screen, or of none. Many laptops have no Menu key:
Shift+F10, as GTK and Windows have it, opens the same menu, in any widget that has one (the
Today list had none by it: a keyboard trial)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget


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


def open_focused_menu() -> None:
    """The menu of the widget with the keyboard focus, as the Menu key asks for it."""
    widget = QApplication.focusWidget()
    if widget is None:
        return
    where = _cursor_point(widget)
    asked = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, where, widget.mapToGlobal(where))
    QCoreApplication.sendEvent(widget, asked)


def _cursor_point(widget: QWidget) -> QPoint:
    """Where Qt puts a menu the Menu key asks for: at the text cursor, or the current row
    of a list (its cursor rectangle), else the middle."""
    rect = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    if isinstance(rect, QRect | QRectF) and rect.isValid():
        return QRectF(rect).center().toPoint()
    return widget.rect().center()


def add_shortcut(window: QWidget) -> None:
    """Shift+F10 for the menu of whatever has the focus in `window` (a shortcut: watching
    every event of the application for it had cost start-up 23 ms). Windows has it already."""
    if sys.platform == "win32":
        return
    shortcut = QShortcut(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F10), window)
    shortcut.setObjectName("menu_shortcut")
    shortcut.activated.connect(open_focused_menu)
