"""Words said to a screen reader where the focus is not: a confirmation in the status bar,
a note under a date field, how many matches Find has.

A screen reader speaks what has the focus, and changes to it; a label changing elsewhere
goes unheard (an accessibility audit: "Deleted “Walk”. Undo with Ctrl+Z." was silent, and
so was "February has no day 31"). Qt 6.8 and later can announce a text as such; older Qt
says nothing more than before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QTextBrowser

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def say(widget: QWidget, text: str, *, urgent: bool = False) -> None:
    """Have a screen reader, if one listens, say `text` on behalf of `widget`: politely
    (after what it is saying), or at once when `urgent` (something was refused)."""
    if not text or not QAccessible.isActive():
        return
    announcement = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
    if announcement is None:  # before Qt 6.8
        return
    event = announcement(widget, text)
    if urgent:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def caret_when_read(browser: QTextBrowser) -> None:
    """A caret the arrow keys move in `browser`, for a screen reader to read it line by
    line, while one listens (looked at as it takes the focus). Without one, the arrows,
    PgUp and PgDn scroll, as a reader of the page expects: a caret had taken them, PgDn
    moving the text a line and End going to the top (a review)."""
    browser.installEventFilter(_CaretWhenRead(browser))


class _CaretWhenRead(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QTextBrowser):
            flags = watched.textInteractionFlags()
            caret = Qt.TextInteractionFlag.TextSelectableByKeyboard
            wanted = flags | caret if QAccessible.isActive() else flags & ~caret
            if wanted != flags:
                watched.setTextInteractionFlags(wanted)
        return False
