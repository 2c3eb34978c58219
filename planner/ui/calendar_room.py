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

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
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
    Panels added later are followed through `follow`.

    Signals:
        settled(): a look at the room is over (the panels resized, if they were, laid out).
    """

    settled = Signal()

    def __init__(self, window: QMainWindow, room: int) -> None:
        super().__init__(window)
        self._window = window
        self.room = room
        self._lent: dict[Qt.DockWidgetArea, int] = {}  # what each side gave, to have back
        self._left: dict[Qt.DockWidgetArea, int] = {}  # each side's width as last left here
        self._due = False
        self._resized = False  # since the last settle (else only panels were shown, moved)
        self._observing = False  # panels resized, their widths not yet read back
        self._before: dict[Qt.DockWidgetArea, int] = {}  # their widths before that
        self._seen_width = -1  # the window's width at the last look
        self._by_hand = False  # a panel's width set by hand since the last look
        window.installEventFilter(self)
        self.follow(window.findChildren(QDockWidget))

    def follow(self, docks: Iterable[QDockWidget]) -> None:
        for dock in docks:
            dock.installEventFilter(self)  # a width set by hand (_set_by_hand)
            dock.visibilityChanged.connect(self._look_again)
            dock.topLevelChanged.connect(self._look_again)
            dock.dockLocationChanged.connect(self._look_again)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in _LOOK_AGAIN:
            self._resized = True  # the window's own size: room is asked again, drags or not
            self._look_again()
        elif (
            isinstance(watched, QDockWidget)
            and isinstance(event, QResizeEvent)
            and event.size().width() != event.oldSize().width()
        ):  # a height alone (the window's, the toolbar hidden) is nobody's drag (a review)
            self._set_by_hand(watched)
        return False

    def _set_by_hand(self, dock: QDockWidget) -> None:
        """A panel resized while the window kept its width, and not from here: the person's
        drag (or the layout as restored), theirs to keep, nothing owed to its side. Known at
        once, so that the window narrowed later is not taken for it."""
        if self._observing or self._due or self._window.width() != self._seen_width:
            return
        area = self._window.dockWidgetArea(dock)
        if area in _SIDES and self._fronts().get(area) is dock:
            self._lent.pop(area, None)
            self._left[area] = dock.width()
            self._by_hand = True

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
        resized, self._resized = self._resized, False
        by_hand, self._by_hand = self._by_hand, False
        central = self._window.centralWidget()
        fronts = self._fronts()
        if central is None or not fronts or not self._window.isVisible():
            self.settled.emit()
            return
        moved = {
            area: dock.width() - self._left[area] for area, dock in fronts.items()
            if area in self._left and abs(dock.width() - self._left[area]) > 2
        }  # fmt: skip
        self._left = {area: dock.width() for area, dock in fronts.items()}
        self._seen_width = self._window.width()
        if resized:
            # Qt's own doing as the window narrowed past what the calendar can give (a
            # trial went to 800 px at once): owed back like what was given here.
            for area, change in moved.items():
                self._owe(area, self._lent.get(area, 0) - change)
        elif moved or by_hand:
            for area in moved:  # the person set that side's width: theirs, nothing owed to it
                self._lent.pop(area, None)
            self.settled.emit()
            return  # a tab chosen or a panel shown after a drag does not undo the drag
        surplus = central.width() - self.room
        resizing = (surplus < 0 and self._give(-surplus, fronts)) or (
            surplus > 0 and bool(self._lent) and self._take_back(surplus, fronts)
        )
        if not resizing:
            self.settled.emit()  # else once the panels are laid out (_observe)

    def _give(self, short: int, fronts: dict[Qt.DockWidgetArea, QDockWidget]) -> bool:
        """Narrow the panels by `short` in all, the wider side first, down to what each
        needs: given in proportion to what each could spare, the Steps panel had been cut
        to a strip of "Understa…" beside a wide Today, whose lines need more (a trial at
        1280 x 800 and 1.25x)."""
        widths = {area: dock.width() for area, dock in fronts.items()}
        least = {area: min(widths[area], self._least(dock)) for area, dock in fronts.items()}
        spare = sum(widths[area] - least[area] for area in widths)
        if spare <= 0:
            return False
        goal = min(short, spare)

        def given(ceiling: int) -> int:  # narrowing every side to at most `ceiling`
            return sum(widths[area] - max(least[area], min(widths[area], ceiling))
                       for area in widths)  # fmt: skip

        low, high = 0, max(widths.values())  # the highest ceiling that gives enough
        while low < high:
            middle = (low + high + 1) // 2
            if given(middle) >= goal:
                low = middle
            else:
                high = middle - 1
        narrowed = {area: max(least[area], min(widths[area], low)) for area in widths}
        # What the ceiling gave past the goal (whole pixels) goes back to the first side.
        extra = given(low) - goal
        for area in narrowed:
            if extra <= 0:
                break
            back = min(extra, widths[area] - narrowed[area])
            narrowed[area] += back
            extra -= back
        return self._resize(
            {fronts[area]: narrowed[area] for area in widths if narrowed[area] != widths[area]}
        )

    def _take_back(self, surplus: int, fronts: dict[Qt.DockWidgetArea, QDockWidget]) -> bool:
        owed = {area: width for area, width in self._lent.items() if area in fronts and width > 0}
        total = sum(owed.values())
        if total <= 0:
            return False
        back = {area: round(min(surplus, total) * width / total) for area, width in owed.items()}
        return self._resize({fronts[area]: fronts[area].width() + back[area] for area in back})

    def _resize(self, widths: dict[QDockWidget, int]) -> bool:
        if not widths:
            return False
        for dock in widths:  # the first width, if a second look comes before Qt lays out
            self._before.setdefault(self._window.dockWidgetArea(dock), dock.width())
        self._window.resizeDocks(list(widths), list(widths.values()), Qt.Orientation.Horizontal)
        self._observing = True
        QTimer.singleShot(0, self, self._observe)  # as Qt laid them out, a moment later
        return True

    @property
    def busy(self) -> bool:
        """A look at the room is due or under way (tests wait for it to end)."""
        return self._due or self._observing

    @Slot()
    def _observe(self) -> None:
        self._observing = False
        self._left = {area: dock.width() for area, dock in self._fronts().items()}
        # What each side gave or had back, as Qt laid it out (it may keep a panel wider
        # than asked): owed is what was given, not what was asked.
        for area, before in self._before.items():
            self._owe(area, self._lent.get(area, 0) + before - self._left.get(area, before))
        self._before = {}
        self.settled.emit()

    @property
    def owed(self) -> dict[int, int]:
        """What each side (by `Qt.DockWidgetArea` value) is to have back, kept with the
        window's layout: closed while squeezed, it reopened squeezed and stayed so (a
        review)."""
        return {area.value: width for area, width in self._lent.items()}

    def owe(self, owed: dict[int, int]) -> None:
        """Take back what `owed` names (as `owed` gave it), as the window's layout comes back."""
        for value, width in owed.items():
            area = Qt.DockWidgetArea(value)
            if area in _SIDES:
                self._owe(area, width)

    def _owe(self, area: Qt.DockWidgetArea, width: int) -> None:
        """What `area` is to have back when there is room (nothing, at 0 or less)."""
        if width > 0:
            self._lent[area] = width
        else:
            self._lent.pop(area, None)

    def _least(self, dock: QDockWidget) -> int:
        """How narrow a side can be: the widest need of the panels tabbed together there."""
        tabbed = [dock, *self._window.tabifiedDockWidgets(dock)]
        return max(panel.minimumSizeHint().width() for panel in tabbed)

    def _fronts(self) -> dict[Qt.DockWidgetArea, QDockWidget]:
        """Each side's panel in front (docked, shown, not tabbed behind another): the one
        whose width is the side's. Those behind keep the width they had when last in front.
        One just shown may not be drawn yet: then any shown there stands for its side."""
        fronts: dict[Qt.DockWidgetArea, QDockWidget] = {}
        shown: dict[Qt.DockWidgetArea, QDockWidget] = {}
        for dock in self._window.findChildren(QDockWidget):
            area = self._window.dockWidgetArea(dock)
            if area not in _SIDES or not dock.isVisible() or dock.isFloating():
                continue
            shown.setdefault(area, dock)
            if not dock.visibleRegion().isEmpty():
                fronts[area] = dock
        return {**shown, **fronts}
