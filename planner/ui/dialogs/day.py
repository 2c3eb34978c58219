"""Everything planned on one day, opened from a month cell's "+N more"."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.occurrences import Status
from planner.ui import icons, labels
from planner.ui.widgets import named

if TYPE_CHECKING:
    from planner.domain.occurrences import Occurrence
    from planner.ui.hub import Hub


class DayDialog(QDialog):
    """Lists one day's occurrences; double-click or Enter opens one, and the list stays
    open behind the editor (for the next one), whichever way it was opened.

    Signals:
        edit_requested(object): an Occurrence to open.
        create_requested(object): a date to create an activity on.
    """

    edit_requested = Signal(object)
    create_requested = Signal(object)

    def __init__(self, *, hub: Hub, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._day = day
        # Written as the agenda and the Today panel write a day ("Thursday 10 December
        # 2026"), not in the locale's long form, which added a comma of its own.
        written = labels.day_text(day, "dddd d MMMM yyyy")
        self.setWindowTitle(written)
        self.setMinimumSize(380, 320)
        title = QLabel(written)
        title.setProperty("role", "heading")
        self.list = named(QListWidget(), "day_list")
        self.list.setAccessibleName(written)
        self.list.itemActivated.connect(self._on_list_item_activated)
        # Enter in the list opens the activity, and goes no further: passed on to the
        # dialog, it also pressed Close (a double-click leaves the list open). On a button
        # the keys chose, Enter presses that button.
        self.list.installEventFilter(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        add = buttons.addButton(self.tr("New Activity…"), QDialogButtonBox.ButtonRole.ActionRole)
        add.setIcon(icons.icon("add"))
        add.clicked.connect(self._on_add_clicked)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        hub.changed.connect(self._reload)
        self._reload()

    @Slot()
    def _reload(self) -> None:
        """Read the day again, keeping the keys on the activity they were on (an edit may have
        moved it in the list), or on its row if it left the day."""
        current = self.list.currentItem()
        kept = current.data(Qt.ItemDataRole.UserRole).activity.uid if current is not None else None
        row = max(self.list.currentRow(), 0)
        self.list.clear()
        for occurrence in self._hub.occurrences(self._day, self._day):
            if occurrence.activity.uid == kept:
                row, kept = self.list.count(), None
            self.list.addItem(self._item(occurrence))
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))  # Enter opens it at once
            # Tall enough for the day's activities (up to a dozen) without scrolling.
            rows = min(self.list.count(), 12) * self.list.sizeHintForRow(0)
            self.list.setMinimumHeight(rows + 2 * self.list.frameWidth() + 4)

    def _item(self, occurrence: Occurrence) -> QListWidgetItem:
        activity = occurrence.activity
        if isinstance(occurrence.start, datetime) and isinstance(occurrence.end, datetime):
            zone = self._hub.plan.tz
            when = labels.clock_span(occurrence.start.astimezone(zone),
                                     occurrence.end.astimezone(zone))  # fmt: skip
        else:
            when = self.tr("All day")
        # A tick for done, as the chips and the agenda have; skipped said in words, as the
        # list has no fading to show it.
        title = labels.marked_title(occurrence.title, occurrence.status)
        if occurrence.status is Status.SKIPPED:
            title += " · " + labels.status_word(Status.SKIPPED)
        item = QListWidgetItem(icons.coloured_category_icon(activity.category), f"{when}   {title}")
        item.setData(Qt.ItemDataRole.UserRole, occurrence)
        return item

    def occurrences(self) -> list[Occurrence]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    @Slot(QListWidgetItem)
    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.edit_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.FocusIn:
            # Qt draws a button as the default (New Activity…, the first, on show; the last
            # one the keys left after) while Enter in the list opens the activity: a button
            # is drawn so, and pressed by Enter, only while the keys are on it.
            for button in self._buttons.buttons():
                if isinstance(button, QPushButton):
                    button.setDefault(False)
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            item = self.list.currentItem()
            if item is not None:
                self._on_list_item_activated(item)
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def _on_add_clicked(self) -> None:
        self.create_requested.emit(self._day)
