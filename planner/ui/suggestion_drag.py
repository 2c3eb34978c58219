"""Dragging a step's suggested activity onto the calendar: the data a drag carries.

The drag names the idea (step number and its index in the program), never a copy of it, so a
drop opens the activity dialog prefilled from the program itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QByteArray, QMimeData

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

MIME_TYPE = "application/x-rekindle-suggestion"

#: Where a calendar would put a dropped idea: a day (month view) or a drawn span (hour grids).
T = TypeVar("T")


def encode(step: int, index: int, title: str) -> QMimeData:
    """Mime data for idea `index` of `step`; plain text too, for drops outside Rekindle."""
    data = QMimeData()
    data.setData(MIME_TYPE, QByteArray(f"{step}/{index}".encode("ascii")))
    data.setText(title)
    return data


def decode(data: QMimeData | None) -> tuple[int, int] | None:
    """(step, index) from a drag, or None when it carries no suggestion of ours."""
    if data is None or not data.hasFormat(MIME_TYPE):
        return None
    text = bytes(data.data(MIME_TYPE).data()).decode("ascii", errors="replace")
    step, _, index = text.partition("/")
    if not (step.isdigit() and index.isdigit()):
        return None
    return int(step), int(index)


def accept_enter(event: QDragEnterEvent) -> None:
    """Let a drag in when it carries a suggestion of ours (the calendars' dragEnterEvent)."""
    if decode(event.mimeData()) is not None:
        event.acceptProposedAction()
    else:
        event.ignore()


def follow(event: QDragMoveEvent, target: T | None) -> T | None:
    """Accept a drag moving over `target` (None: over nothing that takes an idea); returns the
    target to highlight, or None."""
    if target is None or decode(event.mimeData()) is None:
        event.ignore()
        return None
    event.acceptProposedAction()
    return target


def dropped(event: QDropEvent, target: T | None) -> tuple[int, int, T] | None:
    """(step, index, target) of an idea dropped on `target`, the drop accepted; else None."""
    idea = decode(event.mimeData())
    if idea is None or target is None:
        event.ignore()
        return None
    event.acceptProposedAction()
    return idea[0], idea[1], target
