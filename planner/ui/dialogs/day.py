"""Everything planned on one day, opened from a month cell's "+N more"."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFontMetricsF, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.occurrences import Occurrence, Status
from planner.ui import icons, labels, painting, palette
from planner.ui.widgets import named

if TYPE_CHECKING:
    from planner.ui.hub import Hub

_Index = QModelIndex | QPersistentModelIndex
#: A row's time ("09:00 to 09:45", "All day") and title as drawn, in columns of their own.
_WHEN = Qt.ItemDataRole.UserRole + 1
_TITLE = Qt.ItemDataRole.UserRole + 2
_SAID = Qt.ItemDataRole.UserRole + 3  # " · skipped", kept whole after a shortened title


class DayRowDelegate(QStyledItemDelegate):
    """A row as the agenda draws one: the time in a column as wide as the day's widest, the
    category's colour and icon, then the title, so the titles line up (written after their
    times, they had started wherever each time ended: a trial at 2x)."""

    ROW_HEIGHT = 30
    _MARGIN = 8.0
    _BAR = 3.0
    _GAP = 8.0

    def __init__(self, parent: QListWidget) -> None:
        super().__init__(parent)
        self._list = parent
        self._time_width = 0.0

    def set_times(self, times: list[str]) -> None:
        """The day's times: its widest sets the time column (read once per reload, not at
        every row's paint)."""
        metrics = QFontMetricsF(self._list.font())
        self._time_width = math.ceil(max(map(metrics.horizontalAdvance, times), default=0.0))

    def _title_left(self, left: float) -> float:
        """Where a row's title starts: past the time column, the colour bar and the icon."""
        bar_left = left + self._MARGIN + self._time_width + self._MARGIN
        return bar_left + painting.category_mark_width(self._BAR, self._GAP)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        title = str(index.data(_TITLE)) + str(index.data(_SAID) or "")
        metrics = QFontMetricsF(option.font)
        width = self._title_left(0.0) + metrics.horizontalAdvance(title) + self._MARGIN
        return QSize(math.ceil(width), self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        occurrence = index.data(Qt.ItemDataRole.UserRole)
        if not isinstance(occurrence, Occurrence):
            super().paint(painter, option, index)
            return
        rect = QRectF(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painting.draw_selected_row(painter, option, rect)
        painting.fade_for(painter, occurrence.status)
        painter.setFont(option.font)
        middle_left = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.setPen(palette.TEXT_MUTED)
        time_rect = QRectF(rect.left() + self._MARGIN, rect.top(), self._time_width, rect.height())
        painter.drawText(time_rect, middle_left, str(index.data(_WHEN)))
        bar = QRectF(
            time_rect.right() + self._MARGIN, rect.top() + 6, self._BAR, rect.height() - 12
        )
        left = painting.draw_category_mark(painter, bar, occurrence.activity.category, self._GAP)
        painter.setPen(palette.TEXT)
        room = rect.right() - self._MARGIN - left
        # The title shortened first, so "· skipped" after it always shows (a review).
        metrics = QFontMetricsF(option.font)
        said = str(index.data(_SAID) or "")
        title = metrics.elidedText(
            str(index.data(_TITLE)), Qt.TextElideMode.ElideRight,
            max(room - metrics.horizontalAdvance(said), 0.0),
        ) + said  # fmt: skip
        painter.drawText(QRectF(left, rect.top(), room, rect.height()), middle_left, title)
        painter.restore()


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
        self._rows = DayRowDelegate(self.list)
        self.list.setItemDelegate(self._rows)
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
        items = [
            self._item(occurrence) for occurrence in self._hub.occurrences(self._day, self._day)
        ]
        self._rows.set_times([str(item.data(_WHEN)) for item in items])
        for item in items:
            if item.data(Qt.ItemDataRole.UserRole).activity.uid == kept:
                row, kept = self.list.count(), None
            self.list.addItem(item)
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
        said = ""
        if occurrence.status is Status.SKIPPED:
            said = " · " + labels.status_word(Status.SKIPPED)
        # The whole row in words as its text, for a screen reader and a search by typing.
        item = QListWidgetItem(f"{when}   {title}{said}")
        item.setData(Qt.ItemDataRole.UserRole, occurrence)
        item.setData(_WHEN, when)
        item.setData(_TITLE, title)
        item.setData(_SAID, said)
        kind = labels.category_label(activity.category)
        item.setToolTip(f"{title}{said} · {kind}")
        # Said in words where the row shows a tick (a screen reader read "✓ Walk").
        heard = occurrence.title
        if occurrence.status is not Status.PLANNED:
            heard += ", " + labels.status_word(occurrence.status)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{when}, {heard}, {kind}")
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
