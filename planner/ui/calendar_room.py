"""Room for the calendar: the side panels give way to it as the window narrows, and get
their width back as it widens.

Qt's main window takes all of a narrowing from the calendar, down to its minimum size:
panels widened at 1400 px left the week 340 px wide at 1024, its times broken over two
lines (a trial). Setting the calendar's own minimum instead would keep the whole window from
narrowing (half a small screen), so the panels are resized here, each side in proportion to
what it can spare, and what each gave is remembered to be given back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QDockWidget, QMainWindow

if TYPE_CHECKING:
    from collections.abc import Iterable

#: How wide the calendar is kept while the side panels can give way: a week of 72 px
#: columns beside its hours.
ROOM = 560
_SIDES = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
#: What makes the calendar look again: the window's size, or a panel shown, hidden, moved.
_LOOK_AGAIN = (QEvent.Type.Resize, QEvent.Type.Show)


class CalendarRoom(QObject):
    """Keeps the calendar of `window` at least `room` px wide while its side panels can give
    way, down to what their contents need; widened again, each side has back what it gave.
    Panels added later are followed through `follow`."""

    def __init__(self, window: QMainWindow, room: int) -> None:
        super().__init__(window)
        self._window = window
        self.room = room
        self._lent: dict[Qt.DockWidgetArea, int] = {}  # what each side gave, to have back
        self._due = False
        window.installEventFilter(self)
        self.follow(window.findChildren(QDockWidget))

    def follow(self, docks: Iterable[QDockWidget]) -> None:
        for dock in docks:
            dock.visibilityChanged.connect(self._look_again)
            dock.topLevelChanged.connect(self._look_again)
            dock.dockLocationChanged.connect(self._look_again)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in _LOOK_AGAIN:
            self._look_again()
        return False

    @Slot()
    def _look_again(self) -> None:
        """Once Qt has laid the window out (a window restored from a larger screen, or a
        panel shown again, is measured after that, not before)."""
        if not self._due:
            self._due = True
            QTimer.singleShot(0, self, self.settle)  # dropped with the window

    @Slot()
    def settle(self) -> None:
        self._due = False
        central = self._window.centralWidget()
        fronts = self._fronts()
        if central is None or not fronts or not self._window.isVisible():
            return
        surplus = central.width() - self.room
        if surplus < 0:
            self._give(-surplus, fronts)
        elif surplus > 0 and self._lent:
            self._take_back(surplus, fronts)

    def _give(self, short: int, fronts: dict[Qt.DockWidgetArea, QDockWidget]) -> None:
        spare = {area: max(0, dock.width() - self._least(dock)) for area, dock in fronts.items()}
        total = sum(spare.values())
        if total <= 0:
            return
        given = {area: round(min(short, total) * room / total) for area, room in spare.items()}
        for area, width in given.items():
            self._lent[area] = self._lent.get(area, 0) + width
        self._resize({fronts[area]: fronts[area].width() - width for area in given})

    def _take_back(self, surplus: int, fronts: dict[Qt.DockWidgetArea, QDockWidget]) -> None:
        owed = {area: width for area, width in self._lent.items() if area in fronts and width > 0}
        total = sum(owed.values())
        if total <= 0:
            return
        back = {area: round(min(surplus, total) * width / total) for area, width in owed.items()}
        for area, width in back.items():
            self._lent[area] -= width
            if self._lent[area] <= 0:
                del self._lent[area]
        self._resize({fronts[area]: fronts[area].width() + width for area in back})

    def _resize(self, widths: dict[QDockWidget, int]) -> None:
        if widths:
            self._window.resizeDocks(list(widths), list(widths.values()), Qt.Orientation.Horizontal)

    def _least(self, dock: QDockWidget) -> int:
        """How narrow a side can be: the widest need of the panels tabbed together there."""
        tabbed = [dock, *self._window.tabifiedDockWidgets(dock)]
        return max(panel.minimumSizeHint().width() for panel in tabbed)

    def _fronts(self) -> dict[Qt.DockWidgetArea, QDockWidget]:
        """Each side's panel in front (docked, shown, not tabbed behind another): the one
        whose width is the side's. Those behind keep the width they had when last in front."""
        fronts: dict[Qt.DockWidgetArea, QDockWidget] = {}
        for dock in self._window.findChildren(QDockWidget):
            area = self._window.dockWidgetArea(dock)
            seen = dock.isVisible() and not dock.isFloating() and not dock.visibleRegion().isEmpty()
            if area in _SIDES and seen:
                fronts[area] = dock
        return fronts
