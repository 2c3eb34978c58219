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
from PySide6.QtGui import QAccessible

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
