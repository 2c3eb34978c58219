"""Room for what appears in a window after it opened: a note, a longer message, wrapped text."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def make_room(window: QWidget) -> None:
    """Grow `window` to the height its layout needs at its width, after a note showed (or
    got longer). Qt keeps a window only as tall as its layout's minimum, which counts a
    wrapping label as a single line: a note of two lines, or one that took height from
    wrapped text, was squeezed in over its neighbours and cut wrapped text mid-line."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    if not layout.hasHeightForWidth():
        return
    needed = layout.totalHeightForWidth(window.width())
    screen = window.screen()
    room = screen.availableGeometry() if screen is not None else None
    frame = window.frameGeometry().height() - window.height()
    if room is not None:  # never past the screen: its buttons would be out of reach
        needed = min(needed, room.height() - frame)
    if window.height() < needed:
        window.resize(window.width(), needed)
    keep_on_screen(window)


def keep_on_screen(window: QWidget) -> None:
    """Move a window grown past the screen's bottom edge back up, its buttons in reach."""
    screen = window.screen()
    room = screen.availableGeometry() if screen is not None else None
    if room is not None and window.isWindow() and window.frameGeometry().bottom() > room.bottom():
        window.move(window.x(), max(room.top(), room.bottom() - window.frameGeometry().height()))
