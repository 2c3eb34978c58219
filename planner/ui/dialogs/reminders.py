"""The reminders that came and went while Rekindle was closed: one calm list, shown once."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.ui import icons, labels
from planner.ui.widgets import message_label, named

if TYPE_CHECKING:
    from collections.abc import Callable
    from zoneinfo import ZoneInfo

    from planner.domain.occurrences import Occurrence
    from planner.domain.reminders import Reminder

#: Where each row keeps its occurrence.
OccurrenceRole = Qt.ItemDataRole.UserRole + 1


class MissedRemindersDialog(QDialog):
    """Lists missed reminders by when their activities start (each row says that time); Open
    (or a double-click) opens one, the list staying for the others, as the day's list does.
    Ordered by when the reminders came, a 06:57 tea reminded ten minutes before came above a
    06:48 walk, and the list closed on the first one opened, the rest out of reach.

    Signals:
        open_requested(object): open this Occurrence in the editor.
    """

    open_requested = Signal(object)

    def __init__(
        self, *, reminders: list[Reminder], zone: ZoneInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("missed_reminders")
        self.setWindowTitle(self.tr("While Rekindle Was Closed"))
        self.setMinimumWidth(420)
        intro = message_label("intro", "hint")
        intro.setText(
            self.tr(
                "These reminders came while Rekindle was closed. Nothing needs catching up; "
                "open one if you would like to look at it again."
            )
        )
        self.list = named(QListWidget(), "missed_list")
        self.list.setAccessibleName(self.tr("Reminders missed"))
        self._zone = zone
        self._fill([reminder.occurrence for reminder in reminders])
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(
            self.tr("Open"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setObjectName("open")
        self.open_button.clicked.connect(self._on_open_clicked)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(self._on_list_item_activated)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def _fill(self, occurrences: list[Occurrence]) -> None:
        """One row per occurrence, by when it starts."""
        zone = self._zone

        def starts(occurrence: Occurrence) -> datetime:
            start = occurrence.start
            return start if isinstance(start, datetime) else datetime.combine(start, time(0), zone)

        self.list.clear()
        for occurrence in sorted(occurrences, key=starts):
            item = QListWidgetItem(
                icons.coloured_category_icon(occurrence.activity.category),
                f"{_when(occurrence.start, zone)} · {occurrence.title}",
            )
            item.setData(OccurrenceRole, occurrence)
            self.list.addItem(item)

    def occurrences(self) -> list[Occurrence]:
        return [self.list.item(row).data(OccurrenceRole) for row in range(self.list.count())]

    def refresh(self, now: Callable[[Occurrence], Occurrence | None]) -> None:
        """Name each row's activity as it is `now` (an edit made from the list may have
        moved or renamed it), and let one that is gone go: opened again, a row kept as it
        was showed the old time in the editor, which saved it back."""
        chosen = self.list.currentItem()
        kept = chosen.data(OccurrenceRole) if chosen is not None else None
        row = max(self.list.currentRow(), 0)
        fresh = {id(old): new for old in self.occurrences() if (new := now(old)) is not None}
        self._fill(list(fresh.values()))
        if kept is not None and id(kept) in fresh:
            row = self.occurrences().index(fresh[id(kept)])
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.open_button.setEnabled(self.list.count() > 0)

    @Slot()
    def _on_open_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._on_list_item_activated(item)

    @Slot(QListWidgetItem)
    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(item.data(OccurrenceRole))


def _when(start: datetime | date, zone: ZoneInfo) -> str:
    """When the occurrence starts, as a row names it ("Sun 22 Nov 19:00", or a day)."""
    if isinstance(start, datetime):
        local = start.astimezone(zone)
        day = labels.day_text(local, "ddd d MMM")
        return f"{day} {labels.clock(local)}"
    return labels.day_text(start, "ddd d MMM")
