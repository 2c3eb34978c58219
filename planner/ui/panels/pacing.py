"""The Pacing panel: every pacing hint for the coming weeks, each with its reason in words."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication, QPainter
from PySide6.QtWidgets import (
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.occurrences import Occurrence
from planner.ui import labels, painting, palette
from planner.ui.widgets import keep_paging_keys, message_label, named

if TYPE_CHECKING:
    from planner.services.changes import Changes
    from planner.ui.hub import Hub

_Index = QModelIndex | QPersistentModelIndex

#: How far ahead the panel looks for hints.
WEEKS_AHEAD = 8


@dataclass(frozen=True, slots=True)
class HintRow:
    """One hint, precomputed: when, what, and why."""

    when: str
    title: str
    reason: str
    occurrence: Occurrence


class PacingModel(QAbstractListModel):
    """Hints in date order; data() returns precomputed text."""

    OccurrenceRole = Qt.ItemDataRole.UserRole + 1
    RowRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HintRow] = []

    def set_rows(self, rows: list[HintRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[HintRow]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.when} · {row.title}\n{row.reason}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.reason
        if role == self.OccurrenceRole:
            return row.occurrence
        if role == self.RowRole:
            return row
        return None


class PacingDelegate(QStyledItemDelegate):
    """A hint as the other side lists draw their rows: the day and the activity in bold
    beside its category's colour, the reason below in quieter words, a line between hints.
    Drawn as plain list text in alternating stripes, the panel had looked unfinished."""

    PADDING = 8.0
    TEXT_LEFT = 19.0  # after the colour bar

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _width(self) -> float:
        return max(80.0, self._view.viewport().width() - self.TEXT_LEFT - self.PADDING)

    def _lines(self, option: QStyleOptionViewItem, row: HintRow) -> tuple[QFont, float, float]:
        bold = QFont(option.font)
        bold.setBold(True)
        flags = int(Qt.TextFlag.TextWordWrap)
        heading = QFontMetricsF(bold).boundingRect(
            QRectF(0, 0, self._width(), 10_000), flags, f"{row.when} · {row.title}"
        )
        reason = QFontMetricsF(option.font).boundingRect(
            QRectF(0, 0, self._width(), 10_000), flags, row.reason
        )
        return bold, heading.height(), reason.height()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        row = index.data(PacingModel.RowRole)
        if not isinstance(row, HintRow):
            return super().sizeHint(option, index)
        _bold, heading, reason = self._lines(option, row)
        height = self.PADDING + heading + 2 + reason + self.PADDING
        return QSize(int(self._view.viewport().width()), int(height) + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        row = index.data(PacingModel.RowRole)
        if not isinstance(row, HintRow):
            return
        rect = QRectF(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painting.draw_selected_row(painter, option, rect, inset=2)
        bold, heading, reason = self._lines(option, row)
        top = rect.top() + self.PADDING
        bar = QRectF(rect.left() + 8, top + 1, 3, heading + reason)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.category_colour(row.occurrence.activity.category))
        painter.drawRoundedRect(bar, 1.5, 1.5)
        left, width = rect.left() + self.TEXT_LEFT, self._width()
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        painter.setFont(bold)
        painter.setPen(palette.TEXT)
        painter.drawText(QRectF(left, top, width, heading), flags, f"{row.when} · {row.title}")
        painter.setFont(option.font)
        painter.setPen(palette.TEXT_MUTED)
        painter.drawText(QRectF(left, top + heading + 2, width, reason), flags, row.reason)
        if index.row() < index.model().rowCount() - 1:
            painter.setPen(palette.GRID_LINE)
            painter.drawLine(rect.bottomLeft() + QPointF(8, 0), rect.bottomRight() - QPointF(8, 0))
        painter.restore()


class PacingPanel(QWidget):
    """Lists the pacing hints of the next weeks; opening one edits its activity.

    Signals:
        edit_requested(Occurrence): the person opened a hinted occurrence.
        show_requested(Occurrence): a hint was chosen (a click, the arrow keys): its day is
            shown in the calendar, the activity chosen there, as a search's match is.
    """

    edit_requested = Signal(object)
    show_requested = Signal(object)

    def __init__(self, *, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.intro = message_label("pacing_intro", "hint")
        self.model = PacingModel(self)
        self.list = named(QListView(), "pacing_list")
        self.list.setAccessibleName(self.tr("Pacing hints"))
        keep_paging_keys(self.list)
        self.list.setModel(self.model)
        self.list.setItemDelegate(PacingDelegate(self.list))
        # Rows wrap anew whenever the list's width changes, a scroll bar coming or going
        # included (Qt lays a word-wrapping list out again on any resize): laid out for the
        # width before, the hints had run into one another under a sideways scroll bar.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        # With nothing to list, the words stay at the top (alone, they had floated in the
        # middle of a tall panel: a new user's trial).
        layout.addStretch(0)
        # A double-click (or Enter) activates: listening for doubleClicked as well opened
        # two editors, and the one left underneath could save old words over new ones.
        self.list.activated.connect(self._on_list_activated)
        self.list.clicked.connect(self._on_list_clicked)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        hub.changed_beside.connect(self._on_hub_changed)
        self._stale = True
        self._seen = True  # until its dock says otherwise
        hub.when_settled(self._refresh_if_seen)

    @Slot(bool)
    def set_seen(self, seen: bool) -> None:
        """Whether the panel can be seen (its dock's tab is in front); read when it can.

        Its dock's `visibilityChanged` drives this: a dock behind another tab stays "visible"
        to Qt, only moved out of sight.
        """
        self._seen = seen
        if seen and self._stale and self._hub.is_settled:
            self.refresh()

    def _refresh_if_seen(self) -> None:
        """Read now if the panel can be seen; behind another tab, once it is brought forward
        (following a long stretch of space for every hint costs a moment on a large plan)."""
        if self._seen:
            self.refresh()
        else:
            self._stale = True

    def refresh(self) -> None:
        self._stale = False
        today = self._hub.today()
        flags = self._hub.pacing_flags(today, today + timedelta(weeks=WEEKS_AHEAD))
        zone = self._hub.plan.tz
        rows: list[HintRow] = []
        at: dict[tuple[str, object], int] = {}  # where each occurrence's hint is
        said: dict[str, str] = {}  # each reason in words, and the card it was first said on
        for flag in flags:
            occurrence = flag.occurrence
            reason = self._hub.explain(flag)
            when = labels.day_text(occurrence.first_day(zone), "ddd d MMM")
            card = self.tr("“%1”, %2").replace("%1", occurrence.title).replace("%2", when)
            if said.get(reason, card) != card:
                # A trial read the same five lines on every card in one space period.
                reason = self.tr("The same as for %1, above.").replace("%1", said[reason])
            said.setdefault(reason, card)
            key = (occurrence.activity.uid, occurrence.key)
            if key in at:
                # One activity, one hint: its reasons one after another (three cards under
                # the same heading had read as three activities).
                row = rows[at[key]]
                rows[at[key]] = replace(row, reason=f"{row.reason}\n\n{reason}")
                continue
            at[key] = len(rows)
            rows.append(HintRow(when, occurrence.title, reason, occurrence))
        self.model.set_rows(rows)
        if rows:
            self.intro.setText(
                self.tr("Hints for the next %1 weeks. They are advice, never rules.").replace(
                    "%1", str(WEEKS_AHEAD)
                )
            )
        else:
            # What would show here, too: the empty panel had not said what it was for.
            self.intro.setText(
                self.tr(
                    "Nothing to note for the next %1 weeks: the pace looks gentle.\n\n"
                    "When contact you plan comes during a space period, soon after one, or "
                    "more often than your pace suggests, a gentle hint shows here."
                ).replace("%1", str(WEEKS_AHEAD))
            )
        self.list.setVisible(bool(rows))

    @Slot(object)
    def _on_hub_changed(self, changes: Changes) -> None:
        if changes.concerns_data():  # not for a view choice such as filters
            self._refresh_if_seen()

    @Slot(QModelIndex)
    def _on_list_clicked(self, index: QModelIndex) -> None:
        self._show(index)

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        # Only the arrow keys going from hint to hint: the first row Qt makes current as the
        # list gets the focus (F6 passing through, the window coming back) had moved the
        # calendar away from where the person left it; a click is `clicked`'s.
        if previous.isValid() and QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton:
            self._show(current)

    def _show(self, index: QModelIndex) -> None:
        occurrence = index.data(PacingModel.OccurrenceRole)
        if isinstance(occurrence, Occurrence):
            self.show_requested.emit(occurrence)

    @Slot(QModelIndex)
    def _on_list_activated(self, index: QModelIndex) -> None:
        occurrence = index.data(PacingModel.OccurrenceRole)
        if isinstance(occurrence, Occurrence):
            self.edit_requested.emit(occurrence)
