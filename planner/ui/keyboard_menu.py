"""A calendar's context menu opened from the keyboard, on what the keys chose.

Qt hands the Menu key to the focused widget as a context-menu event at its text cursor, which
for a widget without one is its middle: a calendar that looked there would open the menu of
whichever activity happens to sit mid-screen, or of none. Many laptops have no Menu key:
Shift+F10, as GTK and Windows have it, opens the same menu, in any widget that has one (the
Today list had none by it: a keyboard trial)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
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


class _ShiftF10(QObject):
    """Shift+F10 anywhere: the focused widget's menu, as the Menu key asks for it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and is_menu_shortcut(event)
            and isinstance(watched, QWidget)
            and watched is QApplication.focusWidget()
        ):
            where = _cursor_point(watched)
            asked = QContextMenuEvent(
                QContextMenuEvent.Reason.Keyboard, where, watched.mapToGlobal(where)
            )
            QCoreApplication.sendEvent(watched, asked)
            return True
        return False


def _cursor_point(widget: QWidget) -> QPoint:
    """Where Qt puts a menu the Menu key asks for: at the text cursor, or the current row
    of a list (its cursor rectangle), else the middle."""
    rect = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    if isinstance(rect, QRect | QRectF) and rect.isValid():
        return QRectF(rect).center().toPoint()
    return widget.rect().center()


def install(app: QApplication) -> None:
    """Shift+F10 for every widget's menu (once per application)."""
    if app.findChild(_ShiftF10, "shift_f10") is None:
        watcher = _ShiftF10(app)
        watcher.setObjectName("shift_f10")
        app.installEventFilter(watcher)
