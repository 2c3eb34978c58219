"""The agenda's model: days that hold something, each with its occurrences, loaded as you scroll.

Two levels, as in qutebrowser's CompletionModel: a top-level row per day, a child row per
occurrence. Empty days are skipped. The model starts with a few weeks from a day and fetches
further weeks when the view reaches the end (Qt's canFetchMore/fetchMore), so it never loads
more than what has been scrolled to.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner.domain.occurrences import Occurrence
from planner.ui import labels

_Index = QModelIndex | QPersistentModelIndex

#: How many days one load (initial or fetchMore) reads.
CHUNK_DAYS = 56
#: The agenda does not scroll past this many days from its first day.
HORIZON_DAYS = 3 * 365

Loader = Callable[[date, date], list[Occurrence]]


class AgendaModel(QAbstractItemModel):
    """Days with occurrences from `first_day` on; `loader(first, last)` reads a range,
    `zone_days` tells the first and last day an occurrence covers (it is listed on each), and
    `hints` an occurrence's pacing hints in words (its tooltip, with its place)."""

    DayRole = Qt.ItemDataRole.UserRole + 1
    OccurrenceRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, *, loader: Loader, zone_days: Callable[[Occurrence], tuple[date, date]],
                 first_day: date, hints: Callable[[Occurrence], list[str]] = lambda _o: [],
                 spoken: Callable[[Occurrence], str] = lambda o: o.title,
                 parent: QObject | None = None) -> None:  # fmt: skip
        """`spoken`: an occurrence in words for a screen reader (the rows are painted)."""
        super().__init__(parent)
        self._loader = loader
        self._hints = hints
        self._spoken = spoken
        self._zone_days = zone_days
        self._first = first_day
        self._loaded_until = self._first - timedelta(days=1)
        self._days: list[date] = []
        self._items: dict[date, list[Occurrence]] = {}
        self._stopped = False  # a read failed: no more fetching until the next reset
        # Reading again (a reset): Qt's tree view asks for more at every layout of a reset,
        # which had read two more chunks after each change (an agenda grown to years, each
        # change slower than the last). The view fills what it shows itself (`fill`).
        self._resetting = False

    # -- loading ---------------------------------------------------------------------------

    @property
    def first_day(self) -> date:
        return self._first

    @property
    def loaded_until(self) -> date:
        """The last day read so far (inclusive)."""
        return self._loaded_until

    def reset_to(self, first_day: date, until: date | None = None) -> None:
        """Start again from `first_day`, reading through `until` (default: one chunk)."""
        self._resetting = True
        self.beginResetModel()
        try:  # a read that fails (a damaged file) must not leave Qt's reset open
            self._first = first_day
            self._days, self._items = [], {}
            self._stopped = False
            self._loaded_until = first_day - timedelta(days=1)
            last = until or first_day + timedelta(days=CHUNK_DAYS - 1)
            self._append(*self._read(first_day, last))
            self._loaded_until = last
            # Nothing yet: read on, to the horizon at most, so that something months away
            # shows (it could not be scrolled to), and an agenda that says it has nothing is
            # right.
            while not self._days and self._more_to_read():
                first, last = last + timedelta(days=1), last + timedelta(days=CHUNK_DAYS)
                self._append(*self._read(first, last))
                self._loaded_until = last
        except BaseException:
            self._stopped = True  # reading on would meet the same failure: it was said once
            raise
        finally:
            self.endResetModel()
            self._resetting = False

    def reload(self) -> None:
        """Read the same range again (after a change)."""
        self.reset_to(self._first, max(self._loaded_until, self._first))

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._resetting and self._more_to_read()

    def _more_to_read(self) -> bool:
        return not self._stopped and self._loaded_until < self._first + timedelta(days=HORIZON_DAYS)

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        first = self._loaded_until + timedelta(days=1)
        last = first + timedelta(days=CHUNK_DAYS - 1)
        try:
            days, items = self._read(first, last)
        except BaseException:
            self._stopped = True  # Qt would ask again at every scroll: said once is enough
            raise
        self._loaded_until = last
        if days:
            self.beginInsertRows(QModelIndex(), len(self._days), len(self._days) + len(days) - 1)
            self._append(days, items)
            self.endInsertRows()

    def _read(self, first: date, last: date) -> tuple[list[date], dict[date, list[Occurrence]]]:
        items: dict[date, list[Occurrence]] = {}
        for occurrence in self._loader(first, last):
            # Under each day it covers (a week away, say), within what this read is for.
            starts, ends = self._zone_days(occurrence)
            day, until = max(starts, first), min(ends, last)
            while day <= until:
                items.setdefault(day, []).append(occurrence)
                day += timedelta(days=1)
        return sorted(items), items

    def _append(self, days: list[date], items: dict[date, list[Occurrence]]) -> None:
        self._days.extend(days)
        self._items.update(items)

    # -- lookup ----------------------------------------------------------------------------

    def days(self) -> list[date]:
        return list(self._days)

    def occurrences_on(self, day: date) -> list[Occurrence]:
        return list(self._items.get(day, []))

    def index_of(self, occurrence: Occurrence, on: date | None = None) -> QModelIndex:
        """The child index showing `occurrence` (same activity and instance), if loaded: under
        the day `on` when it is listed there (it may be on several days), else the first."""
        found = QModelIndex()
        for row, day in enumerate(self._days):
            for child, shown in enumerate(self._items[day]):
                if (
                    shown.activity.uid == occurrence.activity.uid
                    and shown.recurrence_id == occurrence.recurrence_id
                ):
                    if day == on or on is None:
                        return self.index(child, 0, self.index(row, 0))
                    if not found.isValid():
                        found = self.index(child, 0, self.index(row, 0))
        return found

    def index_near(self, day: date, row: int = 0) -> QModelIndex:
        """The occurrence `row` of `day`, else the first one listed after it, else the last one
        listed: where the keyboard goes on when what it was on has gone, or nothing was chosen."""
        if not self._days:
            return QModelIndex()
        position = bisect_left(self._days, day)
        if position < len(self._days) and self._days[position] == day:
            if row < len(self._items[day]):
                return self.index(row, 0, self.index(position, 0))
            position += 1
        if position < len(self._days):
            return self.index(0, 0, self.index(position, 0))
        last = len(self._days) - 1
        return self.index(len(self._items[self._days[last]]) - 1, 0, self.index(last, 0))

    # -- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._days) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self._days):
            return QModelIndex()
        if row >= len(self._items[self._days[parent.row()]]):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)  # children remember their day row

    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(child.internalId()) - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if not parent.isValid():
            return len(self._days)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._items[self._days[parent.row()]])

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            # A day heading is no stop: Qt's views move the keys (arrows, Home, End, PgUp,
            # PgDn) past items that are not enabled, from activity to activity.
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            day = self._days[index.row()]
            if role == self.DayRole:
                return day
            if role == Qt.ItemDataRole.DisplayRole:
                return day.isoformat()
            if role == Qt.ItemDataRole.AccessibleTextRole:  # as the heading is painted
                return labels.day_text(day, "dddd d MMMM yyyy")
            return None
        day = self._days[int(index.internalId()) - 1]
        occurrence = self._items[day][index.row()]
        if role == self.OccurrenceRole:
            return occurrence
        if role == self.DayRole:
            return day
        if role == Qt.ItemDataRole.DisplayRole:
            return occurrence.title
        if role == Qt.ItemDataRole.AccessibleTextRole:  # with its hints, as the dot shows
            return ". ".join([self._spoken(occurrence), *self._hints(occurrence)])
        if role == Qt.ItemDataRole.ToolTipRole:  # its pacing hints, then its place
            return "\n\n".join([*self._hints(occurrence), occurrence.location]).strip() or None
        return None
