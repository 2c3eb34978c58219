"""The Today panel: today's activities in order, what the last days left open, and what is next.

Marking from here works like marking a chip: done offers a moment to reflect. Things left open
from earlier days are offered kindly ("still open"), never counted as missed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTime,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QHelpEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from planner.domain.occurrences import Occurrence, Status
from planner.domain.plans import SetAside
from planner.ui import labels, mark_menu, painting, palette
from planner.ui.widgets import (
    keep_current_selected,
    keep_paging_keys,
    message_label,
    named,
    one_press_per_double_click,
    push_button,
)

if TYPE_CHECKING:
    from planner.domain.pacing import PacingFlag
    from planner.services.changes import Changes
    from planner.services.today import TodaySummary
    from planner.ui.hub import Hub

_Index = QModelIndex | QPersistentModelIndex

#: How many days ahead the panel mentions pacing hints.
PACING_DAYS = 7


class RowKind(enum.Enum):
    HEADING = enum.auto()
    OCCURRENCE = enum.auto()
    EMPTY = enum.auto()


@dataclass(frozen=True, slots=True)
class TodayRow:
    """One precomputed row: a section heading, an occurrence, or a gentle empty line."""

    kind: RowKind
    text: str
    occurrence: Occurrence | None = None
    when: str = ""


class TodayModel(QAbstractListModel):
    """Headings and occurrences in reading order; data() returns precomputed values."""

    RowRole = Qt.ItemDataRole.UserRole + 1
    OccurrenceRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TodayRow] = []

    def set_rows(self, rows: list[TodayRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[TodayRow]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].kind is RowKind.OCCURRENCE:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        # Headings and the empty line are no stops: Qt's list moves the keys past items that
        # are not enabled (the delegate paints them in its own colours, never greyed).
        return Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.when} {row.text}".strip()
        if role == Qt.ItemDataRole.AccessibleTextRole:  # what the row paints, in words
            said = [f"{row.when} {row.text}".strip()]
            if row.occurrence is not None:
                said.append(labels.category_label(row.occurrence.activity.category))
                if row.occurrence.status is Status.DONE:
                    said.append(self.tr("done"))
                elif row.occurrence.status is Status.SKIPPED:
                    said.append(self.tr("skipped"))
            return ", ".join(said)
        if role == Qt.ItemDataRole.ToolTipRole and row.occurrence is not None:
            return row.occurrence.location or None
        if role == self.RowRole:
            return row
        if role == self.OccurrenceRole:
            return row.occurrence
        return None


class TodayDelegate(QStyledItemDelegate):
    """Headings in small muted capitals; occurrences as a time, a colour bar and the title."""

    ROW_HEIGHT = 30
    HEADING_HEIGHT = 28

    #: As narrow as a row may be: the list gives each the room it has, and the title is
    #: shortened to it ("…"); a wider one ran on past a narrow list's edge.
    MIN_WIDTH = 40

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        row = index.data(TodayModel.RowRole)
        if isinstance(row, TodayRow) and row.kind is RowKind.EMPTY:
            # Room for two lines: in a narrow panel it wraps (it had been cut mid-letter,
            # "A quiet day is fi": a trial at 1.25x).
            return QSize(self.MIN_WIDTH, 2 * option.fontMetrics.lineSpacing() + 10)
        if isinstance(row, TodayRow) and row.kind is not RowKind.OCCURRENCE:
            return QSize(self.MIN_WIDTH, self.HEADING_HEIGHT)
        return QSize(self.MIN_WIDTH, self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        row = index.data(TodayModel.RowRole)
        if not isinstance(row, TodayRow):
            return
        rect = QRectF(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if row.kind is RowKind.HEADING:
            self._draw_heading(painter, option, rect, row.text)
        elif row.kind is RowKind.EMPTY:
            self._draw_empty(painter, option, rect, row.text)
        elif row.occurrence is not None:
            painting.draw_selected_row(painter, option, rect)
            self._draw_occurrence(painter, option, rect, row)
        painter.restore()

    @staticmethod
    def _draw_heading(
        painter: QPainter, option: QStyleOptionViewItem, rect: QRectF, text: str
    ) -> None:
        font = QFont(option.font)
        font.setBold(True)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setPointSizeF(font.pointSizeF() * 0.8)
        painter.setFont(font)
        painter.setPen(palette.TEXT_MUTED)
        room = rect.adjusted(8, 0, -8, -4)
        painter.drawText(
            room, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft,
            # Cut with "…" in a narrow panel, not mid-letter (a trial read "LAST FEV").
            painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(room.width())),
        )  # fmt: skip

    @staticmethod
    def _draw_empty(
        painter: QPainter, option: QStyleOptionViewItem, rect: QRectF, text: str
    ) -> None:
        font = QFont(option.font)
        font.setItalic(True)
        painter.setFont(font)
        painter.setPen(palette.TEXT_MUTED)
        painter.drawText(
            rect.adjusted(8, 2, -8, -2),
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            text,
        )

    @staticmethod
    def _draw_occurrence(
        painter: QPainter, option: QStyleOptionViewItem, rect: QRectF, row: TodayRow
    ) -> None:
        occurrence = row.occurrence
        assert occurrence is not None
        category = occurrence.activity.category
        painting.fade_for(painter, occurrence.status)
        painter.setPen(palette.TEXT_MUTED)
        painter.setFont(option.font)
        time_rect = QRectF(rect.left() + 8, rect.top(), _time_width(painter), rect.height())
        painter.drawText(time_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         row.when)  # fmt: skip
        bar = QRectF(time_rect.right() + 4, rect.top() + 7, 3, rect.height() - 14)
        text_left = painting.draw_category_mark(painter, bar, category, gap=6)
        title = labels.marked_title(row.text, occurrence.status)
        # Skipped said, as the day's list says it: faded alone, it had no mark beside a done
        # one's ✓ (a re-trial); the title is shortened first, so the word always shows.
        said = " · " + labels.status_word(Status.SKIPPED) if occurrence.status is (
            Status.SKIPPED
        ) else ""  # fmt: skip
        painter.setPen(palette.TEXT)
        text_rect = QRectF(text_left, rect.top(), rect.right() - text_left - 6, rect.height())
        metrics = painter.fontMetrics()
        room = int(text_rect.width()) - metrics.horizontalAdvance(said)
        elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, max(room, 0)) + said
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         elided)  # fmt: skip


def _time_width(painter: QPainter) -> float:
    """Room for the widest time this computer writes ("12:58 PM" in the US: "12:07 A" was
    cut by the colour bar), and no less than before."""
    metrics = painter.fontMetrics()
    times = [labels.clock(QTime(hour, 58)) for hour in (10, 12, 22)]
    # Also "to 12:58 PM", for something begun on an earlier day.
    times += [QCoreApplication.translate("TodayPanel", "to %1").replace("%1", t) for t in times]
    return max(46.0, max(metrics.horizontalAdvance(text) for text in times) + 2.0)


class TodayList(QListView):
    """The list of the Today panel, whose keys land on activities only.

    A QListView's arrows pass over rows that are not enabled (the headings), but its Home,
    End, PgUp and PgDn may land on one, and then do nothing: those step back towards the row
    the keyboard is on, to the nearest activity.
    """

    _BACK: ClassVar[dict[QAbstractItemView.CursorAction, int]] = {
        QAbstractItemView.CursorAction.MoveHome: 1,
        QAbstractItemView.CursorAction.MovePageUp: 1,
        QAbstractItemView.CursorAction.MoveEnd: -1,
        QAbstractItemView.CursorAction.MovePageDown: -1,
    }

    def moveCursor(
        self,
        cursorAction: QAbstractItemView.CursorAction,  # noqa: N803 - Qt's name
        modifiers: Qt.KeyboardModifier,
    ) -> QModelIndex:
        found = super().moveCursor(cursorAction, modifiers)
        back = self._BACK.get(cursorAction)
        if back is None or not found.isValid():
            return found
        model, row = self.model(), found.row()
        while 0 <= row < model.rowCount() and not model.index(row, 0).flags() & (
            Qt.ItemFlag.ItemIsEnabled
        ):
            row += back
        return model.index(row, 0) if 0 <= row < model.rowCount() else found

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """An activity comes into view with the heading just above it (Home, or Up to the
        top, left "Today" above the edge)."""
        above = self.model().index(index.row() - 1, 0) if index.isValid() else QModelIndex()
        if above.isValid() and not above.flags() & Qt.ItemFlag.ItemIsEnabled:
            super().scrollTo(above, hint)
        super().scrollTo(index, hint)


class TodayPanel(QWidget):
    """Today at a glance, and a place to mark what was done.

    Signals:
        mark_requested(Occurrence, Status): the person marked an occurrence from here.
        edit_requested(Occurrence): the person opened an occurrence (double-click or Enter).
        reach_out_requested(): "I want to reach out now" was pressed.
        checkin_answered(bool): the check-in was answered; True to focus on one's own growth.
    """

    mark_requested = Signal(object, object)
    edit_requested = Signal(object)
    reach_out_requested = Signal()
    checkin_answered = Signal(bool)

    def __init__(self, *, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.heading = named(QLabel(), "today_heading")
        self.heading.setProperty("role", "panel-heading")
        self.step_line = message_label("today_step", "hint")
        self.next_line = message_label("today_next", "hint")
        self.model = TodayModel(self)
        self.list = named(TodayList(), "today_list")
        self.list.setAccessibleName(self.tr("Today"))
        # Rows shorten their titles to the width ("…"): a sideways scroll bar had come in a
        # narrow window, to scroll three pixels.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setModel(self.model)
        self.list.setItemDelegate(TodayDelegate(self.list))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        keep_current_selected(self.list)
        keep_paging_keys(self.list)
        self.done_button = push_button(self.tr("Done…"), "today_done")
        self.skip_button = push_button(self.tr("Skip"), "today_skip")
        self.skip_button.setToolTip(self.tr("Mark as skipped: it happens, and it is fine"))
        for button in (self.done_button, self.skip_button):  # the next row is chosen after
            one_press_per_double_click(button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.done_button)
        self.checkin = self._build_checkin()
        self.reach_out_button = push_button(self.tr("I Want to Reach Out Now…"), "reach_out")
        self.reach_out_button.setToolTip(
            self.tr("For the moment the urge comes: what is planned, and a private place to write")
        )
        self.reach_out_button.clicked.connect(self.reach_out_requested)
        self.boundary_line = message_label("today_boundary", "hint")
        self.pacing_line = message_label("today_pacing", "hint")
        self.pacing_line.installEventFilter(self)  # its tooltip is worded when hovered
        self._pacing_flags: list[PacingFlag] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.step_line)
        layout.addWidget(self.boundary_line)
        layout.addWidget(self.checkin)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.next_line)
        layout.addWidget(self.pacing_line)
        layout.addWidget(self.reach_out_button)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        self.skip_button.clicked.connect(self._on_skip_button_clicked)
        # A double-click (or Enter) activates: listening for doubleClicked as well opened
        # two editors, and the one left underneath could save old words over new ones.
        self.list.activated.connect(self._on_list_activated)
        self.list.customContextMenuRequested.connect(self._on_list_context_menu_requested)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        hub.changed_beside.connect(self._on_hub_changed)
        # The day turns over while the app stays open: at midnight (plan zone) read it again.
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self.refresh)
        hub.when_settled(self.refresh)

    def _build_checkin(self) -> QFrame:
        """The gentle question every few weeks: is this plan still good for you?"""
        frame = named(QFrame(), "checkin")
        frame.setProperty("role", "message-bar")
        text = message_label("checkin_text", "")
        text.setText(
            self.tr(
                "A gentle check-in: does this plan still feel right for you? It is fine to "
                "change course, and it is fine to keep going."
            )
        )
        self.keep_going_button = push_button(self.tr("Keep Going"), "checkin_keep")
        self.focus_button = push_button(self.tr("Focus on Myself…"), "checkin_focus")
        self.focus_button.setToolTip(
            self.tr("Set contact aside and carry on with self-care and growth only")
        )
        self.keep_going_button.clicked.connect(lambda: self.checkin_answered.emit(False))
        self.focus_button.clicked.connect(lambda: self.checkin_answered.emit(True))
        # The two answers one above the other: side by side they kept the panel 293 px wide
        # at the least, and a narrow first window took all it lacked from the Steps panel
        # (a trial at 1280 x 800 and 1.25x).
        # As wide as each other, their right edges in line: of their own widths they looked
        # unfinished (a new user's trial).
        answers = (self.focus_button, self.keep_going_button)
        widest = max(button.sizeHint().width() for button in answers)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(text)
        for button in answers:
            button.setMinimumWidth(widest)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
        frame.hide()  # until a read of the plan says it is due
        return frame

    @property
    def selected_occurrence(self) -> Occurrence | None:
        value = self.list.currentIndex().data(TodayModel.OccurrenceRole)
        return value if isinstance(value, Occurrence) else None

    def occurrences(self) -> list[Occurrence]:
        """Every occurrence listed, in order (today first, then still open)."""
        return [row.occurrence for row in self.model.rows() if row.occurrence is not None]

    def row_of(self, occurrence: Occurrence) -> QModelIndex:
        for position, row in enumerate(self.model.rows()):
            if row.occurrence is not None and _same(row.occurrence, occurrence):
                return self.model.index(position)
        return QModelIndex()

    def _occurrence_row_near(self, position: int) -> QModelIndex:
        """The first activity's row from `position` on, else the last one before it."""
        rows = [i for i, row in enumerate(self.model.rows()) if row.occurrence is not None]
        if not rows:
            return QModelIndex()
        return self.model.index(next((i for i in rows if i >= position), rows[-1]))

    def refresh(self) -> None:
        """Reload the summary, keeping the selected occurrence selected when it is still listed."""
        selected = self.selected_occurrence
        position = self.list.currentIndex().row()
        summary = self._hub.today_summary()
        self.heading.setText(self._day_text(summary.day))
        self.step_line.setText(self._step_text(summary))
        self.step_line.setVisible(bool(self.step_line.text()))
        self.next_line.setText(self._next_text(summary))
        plan = self._hub.plan
        self.checkin.setVisible(plan.checkin_due(summary.day))
        # With contact set aside already, focusing on oneself is what the plan does: only
        # the question and Keep Going are left ("0 contact activities set aside", before).
        self.focus_button.setVisible(not plan.contact_set_aside)
        self.boundary_line.setText(self._boundary_text())
        self.boundary_line.setVisible(plan.contact_set_aside)
        self._show_pacing(summary.day)
        self.model.set_rows(self._rows(summary))
        if selected is not None:
            again = self.row_of(selected)
            if not again.isValid():  # marked, it left "still open": the one after it
                again = self._occurrence_row_near(position)
            if again.isValid():
                self.list.setCurrentIndex(again)
        self._update_buttons()
        self._midnight.start(self.until_midnight_ms())

    def until_midnight_ms(self) -> int:
        """How long until the next day begins in the plan's zone (at least a second)."""
        zone = self._hub.plan.tz
        now = self._hub.now()
        midnight = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=zone)
        return max(int((midnight - now).total_seconds() * 1000), 1000)

    # -- text --------------------------------------------------------------------------------

    def _rows(self, summary: TodaySummary) -> list[TodayRow]:
        zone = self._hub.plan.tz
        rows = [TodayRow(RowKind.HEADING, self.tr("Today"))]
        if summary.today:
            rows += [
                TodayRow(RowKind.OCCURRENCE, o.title, o, self._time_text(o, summary.day))
                for o in summary.today
            ]
        else:
            rows.append(TodayRow(RowKind.EMPTY, self.tr("Nothing planned. A quiet day is fine.")))
        if summary.earlier:
            rows.append(TodayRow(RowKind.HEADING, self.tr("Still open · recent days")))
            rows += [
                TodayRow(RowKind.OCCURRENCE, o.title, o, self._short_day_text(o.first_day(zone)))
                for o in summary.earlier
            ]
        return rows

    def _day_text(self, day: date) -> str:
        return labels.day_text(day, "dddd d MMMM")

    def _step_text(self, summary: TodaySummary) -> str:
        step = summary.step
        if step is None:
            return self.tr("Every step is behind you. Keep what helps.")
        text = self.tr("Step %1 · %2").replace("%1", str(step.number)).replace("%2", step.title)
        criterion = summary.next_criterion
        if criterion is None and step.criteria and step.all_met and not step.complete:
            # Reopened by hand with its milestones met: nothing marks it again but the person.
            text += "\n" + self.tr(
                "Its milestones are met; mark it complete in the Steps panel when it feels done."
            )
        if criterion is not None:
            shown = min(criterion.current, criterion.target)
            # The count wraps as one piece: never "(0" on one line and "of 1)" on the next.
            text += "\n" + self.tr("Next milestone: %1 (%2\u00a0of\u00a0%3)").replace(
                "%1", criterion.criterion.description
            ).replace("%2", str(shown)).replace("%3", str(criterion.target))
        return text

    def _show_pacing(self, today: date) -> None:
        """Pacing hints of the coming days, briefly (the Pacing panel has the full reasons)."""
        flags = list(self._hub.survey(today, today + timedelta(days=PACING_DAYS - 1)).flags)
        self._pacing_flags = flags
        if not flags:
            self.pacing_line.hide()
            return
        zone = self._hub.plan.tz
        # An activity with two hints (too soon, and too many this week) is named once.
        named = list(dict.fromkeys(
            f"{self._short_day_text(f.occurrence.first_day(zone))}, “{f.occurrence.title}”"
            for f in flags
        ))[:2]  # fmt: skip
        # Counted by occurrence, as the Pacing panel's cards are (a trial read "6 pacing
        # hints" beside three cards: two of them had two reasons each).
        hinted = len({(f.occurrence.activity.uid, f.occurrence.key) for f in flags})
        if hinted == 1:
            text = self.tr("Pacing advice for the coming days: %1.")  # one reason or more
        else:
            text = self.tr("Pacing hints on %2 activities in the coming days, e.g. %1.").replace(
                "%2", str(hinted)
            )
        self.pacing_line.setText("⚬ " + text.replace("%1", "; ".join(named)))
        # The reasons are worded on hover (pacing_tooltip); a screen reader gets the gist.
        self.pacing_line.setAccessibleDescription(
            self.tr("Pacing hints are advice, never rules. Hover for the reasons, or open the "
                    "Pacing panel.")
        )  # fmt: skip
        self.pacing_line.show()

    def pacing_tooltip(self) -> str:
        """The first hints' reasons, in words (put together when the line is hovered: a space
        hint may follow a long stretch of space to name its first free day)."""
        return "\n\n".join(self._hub.explain_shown(f) for f in self._pacing_flags[:3])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.pacing_line and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            QToolTip.showText(event.globalPos(), self.pacing_tooltip(), self.pacing_line)
            return True
        return super().eventFilter(watched, event)

    def _boundary_text(self) -> str:
        plan = self._hub.plan
        if plan.boundary_reason is SetAside.ASKED:
            return self.tr("Contact is set aside, as your partner asked. Your plan goes on with "
                           "self-care and growth.")  # fmt: skip
        if plan.boundary_reason is SetAside.GROWTH:
            return self.tr("You are focusing on yourself for now: contact is set aside.")
        return ""

    def _next_text(self, summary: TodaySummary) -> str:
        upcoming = summary.next_up
        if upcoming is None:
            return self.tr("Nothing else is planned yet.")
        day = upcoming.first_day(self._hub.plan.tz)
        when = self._weekday_text(day) if day != summary.day else self.tr("today")
        if not upcoming.all_day and isinstance(upcoming.start, datetime):  # "Tue 8 Dec at 19:00"
            when = (
                self.tr("%1 at %2")
                .replace("%1", when)
                .replace("%2", self._clock_text(upcoming.start))
            )
        return self.tr("Next: %1, %2").replace("%1", upcoming.title).replace("%2", when)

    def _time_text(self, occurrence: Occurrence, today: date) -> str:
        if occurrence.all_day or not isinstance(occurrence.start, datetime):
            return self.tr("all day")
        if occurrence.first_day(self._hub.plan.tz) < today and isinstance(occurrence.end, datetime):
            return self.tr("to %1").replace("%1", self._clock_text(occurrence.end))
        return self._clock_text(occurrence.start)

    def _clock_text(self, start: datetime) -> str:
        return labels.clock(start.astimezone(self._hub.plan.tz))

    def _short_day_text(self, day: date) -> str:
        return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d")

    def _weekday_text(self, day: date) -> str:
        return labels.day_text(day, "ddd d MMM")

    # -- reactions ---------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        selected = self.selected_occurrence
        ahead = selected is not None and self._hub.still_ahead(selected)
        self.done_button.setEnabled(
            selected is not None and selected.status is not Status.DONE and not ahead
        )
        # Greyed, each says why (a trial saw both go grey on a done one, not knowing why).
        marked = selected.status if selected is not None else Status.PLANNED
        done_already = self.tr("Done already. Its menu (right-click) can change that.")
        if selected is not None and ahead:
            done_tip = mark_menu.not_yet_text(self._hub, selected)
        elif marked is Status.DONE:
            done_tip = done_already
        else:
            done_tip = self.tr("Mark as done (Ctrl+D) and, if you like, reflect")
        self.done_button.setToolTip(done_tip)
        self.skip_button.setEnabled(selected is not None and marked is Status.PLANNED)
        self.skip_button.setToolTip(
            self.tr("Skipped already. Its menu (right-click) can plan it again.")
            if marked is Status.SKIPPED
            else done_already
            if marked is Status.DONE
            else self.tr("Mark as skipped: it happens, and it is fine")
        )  # fmt: skip

    @Slot(object)
    def _on_hub_changed(self, changes: Changes) -> None:
        if changes.concerns_data():  # not for a view choice such as filters
            self.refresh()

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    @Slot()
    def _on_done_button_clicked(self) -> None:
        self._mark_selected(Status.DONE)

    @Slot()
    def _on_skip_button_clicked(self) -> None:
        self._mark_selected(Status.SKIPPED)

    def _mark_selected(self, status: Status) -> None:
        """Mark the chosen row, the keyboard back in the list first (on the row chosen next).

        Left on the button, greyed as its row went, it moved on to the next one: after Done…
        to "I Want to Reach Out Now…", which a habitual Space then opened. A reflection dialog
        opened meanwhile gives the keyboard back to the list as it closes.
        """
        selected = self.selected_occurrence
        if selected is not None:
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
            self.mark_requested.emit(selected, status)

    @Slot(QModelIndex)
    def _on_list_activated(self, index: QModelIndex) -> None:
        occurrence = index.data(TodayModel.OccurrenceRole)
        if isinstance(occurrence, Occurrence):
            self.edit_requested.emit(occurrence)

    @Slot(QPoint)
    def _on_list_context_menu_requested(self, position: QPoint) -> None:
        index = self.list.indexAt(position)
        occurrence = index.data(TodayModel.OccurrenceRole)
        if not isinstance(occurrence, Occurrence):
            return
        self.list.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.tr("Op&en…"), lambda: self.edit_requested.emit(occurrence))
        menu.addSeparator()
        mark_menu.add_mark_actions(menu, occurrence, self.mark_requested, self._hub)
        menu.popup(self.list.viewport().mapToGlobal(position))


def _same(one: Occurrence, other: Occurrence) -> bool:
    return one.activity.uid == other.activity.uid and one.key == other.key
