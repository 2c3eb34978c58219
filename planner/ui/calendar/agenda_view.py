"""The agenda: what is coming, day by day, to read a plan from (QTreeView + delegate)."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTime,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from planner.domain import pacing
from planner.domain.occurrences import Occurrence, Status
from planner.ui import keyboard_menu, labels, mark_menu, painting, palette, widgets
from planner.ui.calendar import chips, visible
from planner.ui.calendar.agenda_model import CHUNK_DAYS, AgendaModel

if TYPE_CHECKING:
    from planner.domain.pacing import PacingFlag
    from planner.services.changes import Changes
    from planner.ui.hub import Hub

_Index = QModelIndex | QPersistentModelIndex


class AgendaDelegate(QStyledItemDelegate):
    """Day headings with a rule under them; occurrences as time, colour bar, title and place."""

    DAY_HEIGHT = 40
    ROW_HEIGHT = 30

    def __init__(self, *, hub: Hub, parent: AgendaView) -> None:
        super().__init__(parent)
        self._hub = hub
        self._view = parent

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        is_day = index.data(AgendaModel.OccurrenceRole) is None
        return QSize(300, self.DAY_HEIGHT if is_day else self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        rect = QRectF(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        occurrence = index.data(AgendaModel.OccurrenceRole)
        if isinstance(occurrence, Occurrence):
            painting.draw_selected_row(painter, option, rect)
            self._draw_occurrence(painter, option, rect, occurrence, index)
        else:
            day = index.data(AgendaModel.DayRole)
            if isinstance(day, date):
                self._draw_day(painter, option, rect, day)
        painter.restore()

    def _draw_day(
        self, painter: QPainter, option: QStyleOptionViewItem, rect: QRectF, day: date
    ) -> None:
        today = self._hub.today()
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        painter.setFont(font)
        painter.setPen(palette.ACCENT_STRONG if day == today else palette.TEXT)
        text = labels.day_text(day, "dddd d MMMM yyyy")
        if day == today:
            text = self.tr("Today · %1").replace("%1", text)
        bottom_left = Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft
        painter.drawText(rect.adjusted(12, 0, -12, -6), bottom_left, text)
        painter.setPen(QPen(palette.GRID_LINE, 1))
        painter.drawLine(QPointF(rect.left() + 12, rect.bottom()), rect.bottomRight())

    def _draw_occurrence(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        rect: QRectF,
        occurrence: Occurrence,
        index: _Index,
    ) -> None:
        category = occurrence.activity.category
        painting.fade_for(painter, occurrence.status)
        painter.setFont(option.font)
        painter.setPen(palette.TEXT_MUTED)
        width = self._time_width(QFontMetricsF(option.font))
        time_rect = QRectF(rect.left() + 24, rect.top(), width, rect.height())
        painter.drawText(time_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         self._when(occurrence))  # fmt: skip
        bar = QRectF(time_rect.right() + 4, rect.top() + 6, 3, rect.height() - 12)
        left = painting.draw_category_mark(painter, bar, category, gap=8)
        title = labels.marked_title(occurrence.title, occurrence.status)
        painter.setPen(palette.TEXT)
        metrics = QFontMetricsF(painter.font())  # whole pixels would cut a title that fits
        # The pacing dot the other views show (a trial), at the row's end: nothing under it.
        room = chips.FLAG_ROOM if self._view.flagged(occurrence) else 0.0
        if room:
            chips.draw_flag_at(painter, QPointF(rect.right() - 12 - room / 2, rect.center().y()))
        title_width = min(
            math.ceil(metrics.horizontalAdvance(title)), rect.right() - left - 12 - room
        )
        middle_left = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_width)
        painter.drawText(QRectF(left, rect.top(), title_width, rect.height()), middle_left, elided)
        step = self._hub.program.step(occurrence.activity.step)
        # Skipped said in words first, as the day's list says it: the fading alone read as
        # merely past.
        skipped = labels.status_word(Status.SKIPPED) if occurrence.status is Status.SKIPPED else ""
        detail = " · ".join(
            part for part in (skipped, self._which_day(occurrence, index.data(AgendaModel.DayRole)),
                              occurrence.location, labels.category_label(category),
                              self.tr("step %1").replace("%1", str(step.number))) if part
        )  # fmt: skip
        painter.setPen(palette.TEXT_MUTED)
        detail_left = left + title_width + 10
        detail_rect = QRectF(
            detail_left, rect.top(), rect.right() - detail_left - 12 - room, rect.height()
        )
        elided_detail = metrics.elidedText(detail, Qt.TextElideMode.ElideRight, detail_rect.width())
        painter.drawText(detail_rect, middle_left, elided_detail)

    def _which_day(self, occurrence: Occurrence, day: object) -> str:
        """ "day 3 of 21" for something listed on each of several days; else nothing."""
        zone = self._hub.plan.tz
        first, last = occurrence.first_day(zone), occurrence.last_day(zone)
        if first == last or not isinstance(day, date):
            return ""
        return (
            self.tr("day %1 of %2")
            .replace("%1", str((day - first).days + 1))
            .replace("%2", str((last - first).days + 1))
        )

    def _time_width(self, metrics: QFontMetricsF) -> float:
        """Room for the widest time this locale writes ("10:00 PM to 11:00 PM" in the US, where
        a width measured for "22:00 to 23:00" cut it), the same on every row so titles line up."""
        spans = (
            f"{labels.clock(QTime(hour, 58))}–{labels.clock(QTime(hour + 1, 58))}"
            for hour in (10, 22)  # the morning's word may be the longer one
        )
        widest = max(*(metrics.horizontalAdvance(span) for span in spans),
                     metrics.horizontalAdvance(self.tr("All day")))  # fmt: skip
        return max(92.0, math.ceil(widest) + 4)

    def _when(self, occurrence: Occurrence) -> str:
        zone = self._hub.plan.tz
        if occurrence.all_day or not isinstance(occurrence.start, datetime):
            return self.tr("All day")
        assert isinstance(occurrence.end, datetime)
        return labels.clock_span(occurrence.start.astimezone(zone), occurrence.end.astimezone(zone))


#: How far Previous and Next move the agenda's first day: it has no range of its own.
STEP_DAYS = 7


class AgendaView(QTreeView):
    """Days with something planned from a first day on (today, at first), loading more as you
    scroll; Previous and Next move the first day by a week.

    Signals:
        edit_requested(Occurrence): Enter or a double-click on an occurrence.
        mark_requested(Occurrence, Status): marked from its menu.
        delete_requested(Occurrence): Delete from its menu.
        selection_changed(object): the selected Occurrence (or None).
        range_changed(): the agenda starts on another day.
    """

    edit_requested = Signal(object)
    mark_requested = Signal(object, object)
    delete_requested = Signal(object)
    selection_changed = Signal(object)
    range_changed = Signal()

    def __init__(self, *, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        # The pacing hints on what is read, by occurrence, for the dot and the tooltip.
        self._flags: dict[pacing.FlagKey, list[PacingFlag]] = {}
        self.agenda = AgendaModel(
            loader=self._read,
            hints=self.hints,
            spoken=lambda o: visible.spoken_activity(hub, o),
            zone_days=lambda o: (o.first_day(hub.plan.tz), o.last_day(hub.plan.tz)),
            first_day=hub.today(),
            parent=self,
        )
        self.setModel(self.agenda)
        self.setItemDelegate(AgendaDelegate(hub=hub, parent=self))
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(0)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName(self.tr("Agenda"))
        self.agenda.modelAboutToBeReset.connect(self._flags.clear)  # read again with it
        self.agenda.modelReset.connect(self.expandAll)
        self.doubleClicked.connect(self._on_double_clicked)
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        widgets.keep_current_selected(self)
        hub.changed.connect(self._on_hub_changed)
        self._loaded = False  # read on first show: a hidden agenda costs nothing at start

    def _read(self, first: date, last: date) -> list[Occurrence]:
        """What the agenda lists of these days (through the filters), their hints kept."""
        survey = self._hub.survey_apart(first, last)
        for key, flags in pacing.by_occurrence(survey.flags).items():
            self._flags.setdefault(key, []).extend(flags)
        return [o for o in survey.occurrences if self._hub.shows(o)]

    def flagged(self, occurrence: Occurrence) -> bool:
        """Whether the pacing rules have a hint on this occurrence (its row shows a dot)."""
        return pacing.flag_key(occurrence) in self._flags

    def hints(self, occurrence: Occurrence) -> list[str]:
        """The pacing hints on an occurrence, in words (empty when all is well)."""
        return [
            self._hub.explain_shown(f) for f in self._flags.get(pacing.flag_key(occurrence), [])
        ]

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self._start_on(self._hub.today())
        super().showEvent(event)

    def empty_text(self) -> str:
        """What an agenda with nothing in it says (a trial saw only a white page)."""
        first = labels.day_text(self.agenda.first_day, "dddd d MMMM yyyy")
        if self._hub.filtering:  # as far as the agenda reads (HORIZON_DAYS)
            said = self.tr("Nothing the filters let through in the three years from %1.")
        else:
            said = self.tr("Nothing planned in the three years from %1.")
        hint = self.tr("Ctrl+N plans something; Today goes back to what is coming up.")
        return said.replace("%1", first) + "\n\n" + hint

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.agenda.rowCount() or not self._loaded:
            return
        painter = QPainter(self.viewport())
        painter.setPen(palette.TEXT_MUTED)
        area = self.viewport().rect().adjusted(24, 32, -24, -24)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), self.empty_text())
        painter.end()

    @property
    def selected_occurrence(self) -> Occurrence | None:
        value = self.currentIndex().data(AgendaModel.OccurrenceRole)
        return value if isinstance(value, Occurrence) else None

    @property
    def selected_day(self) -> date:
        """The day of the chosen row (a new activity goes there), else the first day shown."""
        day = self.currentIndex().data(AgendaModel.DayRole)
        return day if isinstance(day, date) else self.agenda.first_day

    @property
    def range(self) -> tuple[date, date]:
        """The days loaded so far (the agenda grows as it is scrolled)."""
        return self.agenda.first_day, self.agenda.loaded_until

    @property
    def first_day(self) -> date:
        return self.agenda.first_day

    def range_text(self, *, short: bool = False) -> str:
        """What the toolbar says: "Coming up" from today, else the day the agenda starts on
        (`short`, with names cut and, within this year, without it, for a toolbar with
        little room)."""
        first = self.agenda.first_day
        if first == self._hub.today():
            return self.tr("Coming up")
        cut = "ddd d MMM" if first.year == self._hub.today().year else "ddd d MMM yyyy"
        text = labels.day_text(first, cut if short else "dddd d MMMM yyyy")
        return self.tr("From %1").replace("%1", text)

    def go_to(self, day: date) -> None:
        """Start the agenda on `day`, scrolled to the top."""
        self._start_on(day)
        self.scrollToTop()

    def open_on(self, day: date) -> None:
        """Open on `day` as a calendar hands it over: from today when `day` is in the weeks
        ahead, scrolled to it and it chosen, so the days between are above it and can be
        read (opened "From Friday 1 January" on 20 December, a re-trial could not scroll
        back to today); from `day` itself when it is past or far ahead."""
        today = self._hub.today()
        if not today < day < today + timedelta(days=CHUNK_DAYS):
            self.go_to(day)
            return
        self._start_on(today)
        index = self.agenda.index_near(day)
        self._choose(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def go_today(self) -> None:
        self.go_to(self._hub.today())

    def go_previous(self) -> None:
        self.go_to(self.agenda.first_day - timedelta(days=STEP_DAYS))

    def go_next(self) -> None:
        self.go_to(self.agenda.first_day + timedelta(days=STEP_DAYS))

    def _start_on(self, day: date) -> None:
        moved = not self._loaded or day != self.agenda.first_day
        self._loaded = True
        self.agenda.reset_to(day)
        self._fill()
        self._choose(self.agenda.index_near(day))
        if moved:
            self.range_changed.emit()

    def select(self, occurrence: Occurrence, on: date | None = None) -> None:
        """Select `occurrence` (a search jumped to it) as listed on `on`, one of its days, or
        its first, the agenda starting there unless that day is loaded (a space period chosen
        in the month on its twentieth day had opened the agenda on its first, a review)."""
        day = on or occurrence.first_day(self._hub.plan.tz)
        if not self._loaded or not self.agenda.first_day <= day <= self.agenda.loaded_until:
            self._start_on(day)
        index = self.agenda.index_of(occurrence, on=day)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def rowsInserted(
        self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int
    ) -> None:
        """Open new days at once: a collapsed day looks short, and the view would fetch on."""
        super().rowsInserted(parent, start, end)
        if not parent.isValid():
            for row in range(start, end + 1):
                self.setExpanded(self.agenda.index(row, 0), True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.selected_occurrence is not None:
            self.edit_requested.emit(self.selected_occurrence)
            return
        if keyboard_menu.is_menu_shortcut(event):
            keyboard_menu.open_menu(self)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Open, the marks and Delete, as a chip's menu has them (a trial could not mark a
        space period from the agenda); from the keys, on the chosen row."""
        if keyboard_menu.asked_by_keys(event):
            index = self.currentIndex()
            self.scrollTo(index)  # the menu opens by the row, in sight
            where = self.visualRect(index).center()
        else:
            where = event.pos()
            index = self.indexAt(where)
        occurrence = index.data(AgendaModel.OccurrenceRole)
        if not isinstance(occurrence, Occurrence):
            return
        self.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.tr("&Edit…"), lambda: self.edit_requested.emit(occurrence))
        menu.addSeparator()
        mark_menu.add_mark_actions(menu, occurrence, self.mark_requested, self._hub)
        menu.addSeparator()
        # "…" for a series, as a chip's menu writes it: a question follows.
        delete = self.tr("&Delete…") if occurrence.activity.recurring else self.tr("&Delete")
        menu.addAction(delete, lambda: self.delete_requested.emit(occurrence))
        menu.popup(self.viewport().mapToGlobal(where))

    @Slot(object)
    def _on_hub_changed(self, changes: Changes) -> None:
        first, last = self.range
        if not self._loaded or not changes.touches(first, last):
            return
        selected = self.selected_occurrence
        row = self.currentIndex().row()
        day = self.currentIndex().data(AgendaModel.DayRole)  # the row's day, for one on several
        if not isinstance(day, date):
            day, row = self.agenda.first_day, 0
        scrolled = self.verticalScrollBar().value()
        self.agenda.reload()
        self._fill()
        again = QModelIndex()
        if selected is not None:
            again = self.agenda.index_of(selected, on=day)
        # Gone (deleted, or moved away): the one that took its place. Where the list was
        # scrolled to stays: a change made elsewhere (Today's Done, an undo) must not pull
        # it back to the chosen row.
        self._choose(again if again.isValid() else self.agenda.index_near(day, row))
        self.verticalScrollBar().setValue(scrolled)

    def _fill(self) -> None:
        """Read on while what is read does not fill the view (scrolling reads the rest, as
        Qt asks then): the model reads nothing more itself while it resets."""
        root = QModelIndex()
        while self.agenda.canFetchMore(root) and self._listed_height() < self.viewport().height():
            self.agenda.fetchMore(root)

    def _listed_height(self) -> int:
        """How tall the days read so far are, as the delegate lays them out."""
        days = self.agenda.days()
        rows = sum(len(self.agenda.occurrences_on(day)) for day in days)
        return len(days) * AgendaDelegate.DAY_HEIGHT + rows * AgendaDelegate.ROW_HEIGHT

    def _choose(self, index: QModelIndex) -> None:
        """Make `index` the current activity, highlighted: the keys start from it, and a list
        with nothing chosen showed the keyboard nowhere."""
        if index.isValid():
            self.setCurrentIndex(index)

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """A day's first activity comes into view with its day's heading (Home, or Up to
        the top, left the heading just above the edge: which day was it?)."""
        if index.isValid() and index.parent().isValid() and index.row() == 0:
            super().scrollTo(index.parent(), hint)
        super().scrollTo(index, hint)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        occurrence = index.data(AgendaModel.OccurrenceRole)
        if isinstance(occurrence, Occurrence):
            self.edit_requested.emit(occurrence)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        occurrence = current.data(AgendaModel.OccurrenceRole)
        self.selection_changed.emit(occurrence if isinstance(occurrence, Occurrence) else None)
