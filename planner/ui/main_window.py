"""The main window: menus and toolbar actions, the day, week and month calendars, the agenda or
the progress page, and the side panels."""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain import milestones, pacing
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, StepNumber
from planner.domain.occurrences import Occurrence, Status
from planner.domain.pacing import GapDetail, PacingFlag, SpaceDetail
from planner.domain.plans import SetAside
from planner.domain.timezones import local_day, normalized
from planner.errors import (
    DamagedDatabaseError,
    NotFoundError,
    PlannerError,
    ReflectionWouldBeLostError,
)
from planner.services.changes import ChangeKind, Changes
from planner.services.context import PlanSettings
from planner.ui import (
    announce,
    calendar_room,
    confirm,
    icons,
    keyboard_menu,
    labels,
    mark_menu,
    progress_text,
    tray,
)
from planner.ui.calendar import visible
from planner.ui.calendar.month_view import MonthView
from planner.ui.find_bar import FindBar
from planner.ui.fitting_toolbar import FittingToolBar
from planner.ui.hub import Hub, SavedError
from planner.ui.message_bar import MessageBar
from planner.ui.panels.filters import FiltersPanel
from planner.ui.panels.pacing import PacingPanel
from planner.ui.panels.steps import StepsPanel
from planner.ui.panels.today import TodayPanel
from planner.ui.undo import ActivitiesCommand, ActivityCommand
from planner.ui.widgets import COMMAND_NAME, named, open_freed, roomy, waiting

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from PySide6.QtCore import SignalInstance

    from planner.domain.activities import Activity
    from planner.domain.completions import Reflection
    from planner.domain.milestones import StepProgress, StepRecord
    from planner.services.context import Services
    from planner.services.interop import ForUnnamed, ImportReport, ReadCalendar
    from planner.services.progress import Lesson, MarkUndo
    from planner.ui.calendar.agenda_view import AgendaView
    from planner.ui.calendar.time_grid import DrawnSpan, TimeGrid
    from planner.ui.dialogs.activity import ActivityDialog
    from planner.ui.dialogs.day import DayDialog
    from planner.ui.dialogs.export import ExportDialog
    from planner.ui.dialogs.go_to_date import GoToDateDialog
    from planner.ui.dialogs.pacing_note import PacingNote
    from planner.ui.dialogs.reach_out import ReachOutDialog
    from planner.ui.dialogs.reflection import ReflectionDialog
    from planner.ui.dialogs.restore import RestoreDialog
    from planner.ui.dialogs.series_scope import SeriesScopeDialog
    from planner.ui.dialogs.settings import SettingsDialog
    from planner.ui.file_commands import FileCommands
    from planner.ui.occurrence_commands import OccurrenceCommands
    from planner.ui.progress_page import ProgressPage


#: How far ahead the pacing of a newly saved activity is reviewed (a series' first weeks).
PACING_REVIEW_WEEKS = 8


def self_tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


#: A deferring window settles after its first paint, or this long after it was built.
SETTLE_AT_THE_LATEST_MS = 3000
#: How often an open window looks whether another program (`rekindle add`, say) saved into
#: the plan: one cheap PRAGMA, so what a script adds appears without clicking the window.
OUTSIDE_CHECK_MS = 2000


class _SettleAfterPaint(QObject):
    """Settles the hub once `watched` has painted: deferred reads and panels follow."""

    def __init__(self, watched: QWidget, hub: Hub) -> None:
        super().__init__(watched)
        self._hub = hub
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._hub, self._hub.settle)  # after this paint has finished
        return False


class MainWindow(QMainWindow):
    """Rekindle's window. Every command is a QAction with its shortcut, in a menu."""

    def __init__(
        self,
        *,
        services: Services,
        defer_until_painted: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`defer_until_painted`: read only what the first view shows until it has painted
        (pacing hints, the panels and the step progress follow a moment later): how the app
        starts, so a large plan opens as fast as a small one. Tests build everything at once."""
        super().__init__(parent)
        self.hub = Hub(services=services, settled=not defer_until_painted, parent=self)
        # First of all that is beside the calendars (connected before the panels are made).
        self.hub.changed_beside.connect(self._draw_front_now)
        # A window reopening on another view reads the month only when it is first shown.
        self.month_view = MonthView(hub=self.hub, read_now=self._remembered_view() == "month")
        # The week and day grids, the agenda and the progress page are built when first shown.
        self._week_view: TimeGrid | None = None
        self._day_view: TimeGrid | None = None
        self._last_calendar: MonthView | TimeGrid = self.month_view
        self.steps_panel = StepsPanel(hub=self.hub)
        self.today_panel = TodayPanel(hub=self.hub)
        self.pacing_panel = PacingPanel(hub=self.hub)
        self._progress_page: ProgressPage | None = None  # built when first shown
        self._agenda_view: AgendaView | None = None  # built when first shown
        self.views = named(QStackedWidget(), "views")
        self.views.addWidget(self.month_view)
        self.message_bar = MessageBar()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.message_bar)
        central_layout.addWidget(self.views, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_docks()
        self._first_steps = ""  # the empty plan's note, while it may show (offer_first_steps)
        self._break_since: date | None = None  # read after the first paint (progress is lazy)
        self._step_here: StepNumber | None = None  # likewise: until then, the plan's chosen step
        self._every_step_behind = False
        # The steps the milestone note in the message bar celebrates, and its words.
        self._celebrated: tuple[tuple[StepNumber, ...], str] | None = None
        self._files: FileCommands | None = None
        self._occurrence_commands: OccurrenceCommands | None = None
        self.summary = named(QLabel(self._plan_summary()), "plan_summary")
        # A normal widget, not a permanent one: a message ("Copied 3 activities…") takes its
        # place for a while. Beside a permanent widget that stretches, it would have no room.
        self.statusBar().addWidget(self.summary, 1)
        # What a change did ("Deleted “Walk”. Undo with Ctrl+Z."), heard where it is shown.
        self.statusBar().messageChanged.connect(lambda text: announce.say(self.statusBar(), text))
        self._build_filters()
        self._build_find(central_layout)
        # Built once every side panel is: it follows each one shown, hidden or moved.
        self.calendar_room = calendar_room.CalendarRoom(self, calendar_room.ROOM)  # panels yield
        keyboard_menu.add_shortcut(self)  # Shift+F10 opens any widget's menu, as Menu does
        self._quitting = False
        #: Set when the demo gave way to the person's own plan: the app then welcomes them
        #: again on the same file, with a new window (see application._run_window).
        self.starting_over = False
        #: Set when the file was found damaged and the person chose to repair or restore it:
        #: the app then offers the ways back with this window closed (application.run).
        self.damage_found: DamagedDatabaseError | None = None
        self._outside_check = QTimer(self)
        self._outside_check.setInterval(OUTSIDE_CHECK_MS)
        self._outside_check.timeout.connect(self._notice_outside_changes)
        self.hub.when_settled(self._outside_check.start)
        self.hub.when_settled(self._read_progress_summary)
        self.hub.when_settled(lambda: self._say_days_lived(self.hub.take_days_lived()))
        self.reminders = tray.TrayNotifier(hub=self.hub, window=self,
                                           message_bar=self.message_bar, parent=self)  # fmt: skip
        self.reminders.open_requested.connect(self._on_reminders_open_requested)
        self.reminders.show_requested.connect(self.bring_forward)
        self.reminders.quit_requested.connect(self.quit)
        self.hub.changed_beside.connect(self._on_hub_changed)
        self.hub.problem.connect(self._on_hub_problem)
        self._connect_calendar(self.month_view)
        self.month_view.create_requested.connect(self.create_activity)
        self.month_view.day_requested.connect(self.open_day)
        self.month_view.suggestion_dropped.connect(self._on_month_view_suggestion_dropped)
        self.month_view.move_requested.connect(self._on_month_view_move_requested)
        self.month_view.move_dropped.connect(self.move_occurrence)
        self.today_panel.mark_requested.connect(self._on_today_panel_mark_requested)
        self.today_panel.edit_requested.connect(self.edit_occurrence)
        self.pacing_panel.edit_requested.connect(self.edit_occurrence)
        self.pacing_panel.show_requested.connect(self.show_match)
        self.today_panel.reach_out_requested.connect(self._on_reach_out_triggered)
        self.today_panel.checkin_answered.connect(self._on_today_panel_checkin_answered)
        self.today_panel.list.selectionModel().currentChanged.connect(
            self._on_today_panel_current_changed
        )
        # What the Edit menu acts on follows the focus (the Today list's row or the calendar's
        # chip), so clicking into the list must update the actions even when its row stays.
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)
        self.steps_panel.suggestion_chosen.connect(self._on_steps_panel_suggestion_chosen)
        self.setWindowIcon(icons.icon("app"))
        self._restore_layout()
        for bar in self.findChildren(QTabBar):  # the side panels' tabs: a keyboard trial
            for arrow in bar.findChildren(QToolButton):  # tabbed to their arrows, unseen
                arrow.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._update_range_label()
        self._update_boundary_action()
        shown = self.views.currentWidget() or self.month_view
        shown.setFocus()
        if not self.hub.is_settled:
            _SettleAfterPaint(shown, self.hub)
            # A window started minimized may not paint for a long while; reminders must not wait.
            QTimer.singleShot(SETTLE_AT_THE_LATEST_MS, self.hub, self.hub.settle)

    # -- construction ----------------------------------------------------------------------

    def _history_action(
        self, prefix: str, can: SignalInstance, text: SignalInstance, slot: object
    ) -> QAction:
        """Undo or Redo, named after what it will do ("Undo Delete “Walk”"), as the stack's own
        actions are; its own slot, so that it can say afterwards what it did."""
        action = self._action(prefix, None, slot)
        action.setEnabled(False)
        # Its name in lists of commands (Help > Keyboard Shortcuts), whatever it will undo.
        action.setProperty(COMMAND_NAME, prefix)
        can.connect(action.setEnabled)
        # A title's "&" ("Q&A night") shown as itself, not taken for an access key.
        text.connect(
            lambda what: action.setText(f"{prefix} {what.replace('&', '&&')}" if what else prefix)
        )
        return action

    @Slot()
    def _on_undo_triggered(self) -> None:
        self._step_history(self.hub.undo_stack.undoText(), self.hub.undo_stack.undo,
                           self.tr("Undone: %1"))  # fmt: skip

    @Slot()
    def _on_redo_triggered(self) -> None:
        self._step_history(self.hub.undo_stack.redoText(), self.hub.undo_stack.redo,
                           self.tr("Redone: %1"))  # fmt: skip

    def _step_history(self, what: str, step: Callable[[], None], message: str) -> None:
        """Undo or redo, and say so in the status bar: the change may be out of sight. A
        step that could not be taken drops out of the history and says why instead."""
        stack = self.hub.undo_stack
        count, index = stack.count(), stack.index()
        step()
        if stack.count() == count and stack.index() != index:
            self.statusBar().showMessage(message.replace("%1", what), 4000)
            undone = stack.index() < index
            taken = stack.command(stack.index() if undone else index)
            if isinstance(taken, ActivityCommand | ActivitiesCommand):
                self._choose_again(taken.brought_back(undone=undone))

    def _choose_again(self, uid: ActivityUid | None) -> None:
        """After an undo or redo, the activity it brought back is chosen in the calendar in
        front, without moving it: on the chosen day, or (a one-off) where it first shows;
        a series elsewhere is left unchosen, its first day not being the one undone. Deleted
        by mistake and brought back, Enter had opened a new activity instead of it."""
        calendar = self.current_calendar()
        if uid is None or calendar is None:
            return
        first, last = calendar.visible_days
        shown = [o for o in self.hub.occurrences(first, last) if o.activity.uid == uid]
        if not shown:
            return  # brought back out of sight: the view stays where it is
        zone = self.hub.plan.tz
        day = calendar.selected_day
        on_day = [o for o in shown if o.touches(day, zone)]
        if on_day:
            calendar.choose(on_day[0], day)
        elif not shown[0].activity.recurring:  # a series' first day may not be the one undone
            calendar.choose(shown[0], max(shown[0].first_day(zone), first))

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: object,
        icon: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(icons.icon(icon))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            self.tr("&New Activity…"), QKeySequence.StandardKey.New, self._on_new_triggered, "add"
        )
        self.edit_action = self._action(
            self.tr("&Edit Activity…"), "Ctrl+Return", self._on_edit_triggered, "edit"
        )
        self.delete_action = self._action(
            self.tr("&Delete Activity"),
            QKeySequence.StandardKey.Delete,
            self._on_delete_triggered,
            "delete",
        )
        self.export_action = self._action(self.tr("&Export…"), "Ctrl+E", self._on_export_triggered)
        self.import_action = self._action(self.tr("&Import…"), "Ctrl+I", self._on_import_triggered)
        self.settings_action = self._action(
            self.tr("Plan &Settings…"), "Ctrl+,", self._on_settings_triggered
        )  # the platforms' own Preferences key is none at all on Linux
        self.reach_out_action = self._action(
            self.tr("I Want to &Reach Out Now…"), None, self._on_reach_out_triggered
        )
        self.boundary_action = self._action(
            self.tr("They Asked for &No Contact…"), None, self._on_boundary_triggered
        )
        # Also on the Progress page; here too, so a break can end from wherever one is (a
        # trial found only the status bar saying it).
        self.break_action = self._action(self.tr("Take a &Break"), None, self._on_break_triggered)
        self.restore_action = self._action(
            self.tr("&Restore from Backup…"), None, self._on_restore_triggered
        )
        self.own_plan_action = self._action(
            self.tr("Start &My Own Plan…"), None, self._on_own_plan_triggered
        )
        self.own_plan_action.setVisible(self.hub.plan.is_demo)  # only the demo gives way
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.quit)
        self.previous_action = self._action(
            self.tr("Pre&vious Month"), "PgUp", self._on_previous_triggered, "prev"
        )
        self.previous_action.setShortcuts([QKeySequence("PgUp"), QKeySequence("Alt+Left")])
        self.next_action = self._action(
            self.tr("&Next Month"), "PgDown", self._on_next_triggered, "next"
        )
        self.next_action.setShortcuts([QKeySequence("PgDown"), QKeySequence("Alt+Right")])
        self.today_action = self._action(self.tr("&Today"), "T", self._on_today_triggered, "today")
        self.go_to_date_action = self._action(
            self.tr("&Go to Date…"), "Ctrl+G", self._on_go_to_date_triggered
        )
        # F6, as in other desktop programs: from the calendar to the side panels and back,
        # without Tab stopping at every activity of the month on the way.
        self.next_panel_action = self._action(
            self.tr("Ne&xt Panel"), "F6", lambda: self.focus_next_panel(forward=True)
        )
        self.previous_panel_action = self._action(
            self.tr("Prev&ious Panel"), "Shift+F6", lambda: self.focus_next_panel(forward=False)
        )
        self.about_action = self._action(self.tr("&About Rekindle"), None, self._on_about_triggered)
        self.getting_started_action = self._action(
            self.tr("&Getting Started"), None, self._on_getting_started_triggered
        )
        self.shortcuts_action = self._action(
            self.tr("&Keyboard Shortcuts"), "F1", self._on_shortcuts_triggered
        )
        self.mark_done_action = self._action(
            self.tr("Mark as D&one"), "Ctrl+D", self._on_mark_done_triggered
        )
        # In the Edit menu too, not only an activity's own menu (a keyboard-only trial).
        self.duplicate_action = self._action(
            self.tr("Dupl&icate Activity"), None, self._on_duplicate_triggered
        )
        self.next_week_action = self._action(
            self.tr("Move to Next &Week"), None, self._on_next_week_triggered
        )
        self.copy_week_action = self._action(
            self.tr("&Copy This Week to Next Week"), None, self._on_copy_week_triggered
        )
        self.copy_week_action.setEnabled(False)  # acts on the week view only
        self.mark_skipped_action = self._action(
            self.tr("Mark as S&kipped"), "Ctrl+Shift+D", self._on_mark_skipped_triggered
        )
        stack = self.hub.undo_stack
        self.undo_action = self._history_action(
            self.tr("&Undo"), stack.canUndoChanged, stack.undoTextChanged, self._on_undo_triggered
        )
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(icons.icon("undo"))
        self.redo_action = self._history_action(
            self.tr("&Redo"), stack.canRedoChanged, stack.redoTextChanged, self._on_redo_triggered
        )
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(icons.icon("redo"))
        self.day_action = self._action(self.tr("&Day"), "Ctrl+1", self.show_day, "day")
        self.week_action = self._action(self.tr("&Week"), "Ctrl+2", self.show_week, "week")
        self.calendar_action = self._action(
            self.tr("&Month"), "Ctrl+3", self.show_calendar, "calendar"
        )
        self.agenda_action = self._action(self.tr("&Agenda"), "Ctrl+4", self.show_agenda, "agenda")
        self.progress_action = self._action(
            self.tr("&Progress"), "Ctrl+5", self.show_progress, "progress"
        )
        views = QActionGroup(self)
        for action in self._view_actions():
            action.setCheckable(True)
            views.addAction(action)
        self.calendar_action.setChecked(True)
        for action in self._selection_actions():
            action.setEnabled(False)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.edit_action)
        edit_menu.addAction(self.duplicate_action)
        edit_menu.addAction(self.next_week_action)
        edit_menu.addAction(self.delete_action)
        edit_menu.addAction(self.copy_week_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.mark_done_action)
        edit_menu.addAction(self.mark_skipped_action)
        plan_menu = self.menuBar().addMenu(self.tr("&Plan"))
        plan_menu.addAction(self.reach_out_action)
        plan_menu.addAction(self.boundary_action)
        plan_menu.addAction(self.break_action)
        plan_menu.addSeparator()
        plan_menu.addAction(self.settings_action)
        plan_menu.addSeparator()
        plan_menu.addAction(self.own_plan_action)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self._panels_behind: set[QDockWidget] = set()
        self.view_menu.aboutToShow.connect(self._on_view_menu_about_to_show)
        # Forgotten once the menu is gone (after its choice, which Qt sends after the hide):
        # the same toggles are in the toolbar's and the panels' own menus.
        self.view_menu.aboutToHide.connect(lambda: QTimer.singleShot(0, self._forget_behind))
        for action in self._view_actions():
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.previous_action)
        self.view_menu.addAction(self.today_action)
        self.view_menu.addAction(self.next_action)
        self.view_menu.addAction(self.go_to_date_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.next_panel_action)
        self.view_menu.addAction(self.previous_panel_action)
        self.view_menu.addSeparator()
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.getting_started_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = named(FittingToolBar(self.tr("Navigation")), "navigation")
        self.toolbar = toolbar
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.new_action)
        toolbar.addSeparator()
        for action in (self.previous_action, self.today_action, self.next_action):
            toolbar.addAction(action)
        for action in (self.previous_action, self.next_action):
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.range_label = named(QLabel(), "range_label")
        self.range_label.setProperty("role", "range")
        self.range_label.setContentsMargins(12, 0, 0, 0)
        toolbar.addWidget(self.range_label)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        for action in self._view_actions():
            toolbar.addAction(action)
        toolbar.compact_when_narrow((self.new_action, self.today_action, *self._view_actions()))
        self.addToolBar(toolbar)
        # Hidden from its right-click menu, it stays hidden after a restart (the window keeps
        # its layout): the View menu always offers it back.
        shown = toolbar.toggleViewAction()
        shown.setText(self.tr("Tool&bar"))  # T is Today's
        self.view_menu.addAction(shown)

    def _build_docks(self) -> None:
        right = Qt.DockWidgetArea.RightDockWidgetArea
        steps = self._add_dock(self.steps_panel, "steps_dock", self.tr("Steps"),
                               self.tr("&Steps Panel"), right, 340)  # fmt: skip
        pacing_dock = self._add_dock(self.pacing_panel, "pacing_dock", self.tr("Pacing"),
                                     self.tr("Pa&cing Panel"), right, 340)  # fmt: skip
        self.tabifyDockWidget(steps, pacing_dock)
        pacing_dock.visibilityChanged.connect(self.pacing_panel.set_seen)
        # Floated out from behind its tab, Qt may not report it shown: floating, it is seen.
        pacing_dock.topLevelChanged.connect(
            lambda floating: self.pacing_panel.set_seen(True) if floating else None
        )
        steps.raise_()
        self._add_dock(self.today_panel, "today_dock", self.tr("Today"), self.tr("T&oday Panel"),
                       Qt.DockWidgetArea.LeftDockWidgetArea, 280)  # fmt: skip

    def _build_filters(self) -> None:
        """The Filters panel (tabbed with Steps and Pacing) and a status note while it hides
        something: the calendars then show less than the plan holds."""
        self.filters_panel = FiltersPanel(hub=self.hub)
        filters = self._add_dock(self.filters_panel, "filters_dock", self.tr("Filters"),
                                 self.tr("&Filters Panel"),
                                 Qt.DockWidgetArea.RightDockWidgetArea, 340)  # fmt: skip
        steps = self.findChild(QDockWidget, "steps_dock")
        if steps is not None:
            self.tabifyDockWidget(steps, filters)
            steps.raise_()
        self.filter_note = named(QLabel(self.tr("Some activities are hidden by filters")),
                                 "filter_note")  # fmt: skip
        self.filter_note.setProperty("role", "hint")
        self.filter_note.hide()
        self.statusBar().addPermanentWidget(self.filter_note)
        self.hub.changed.connect(self._on_hub_filters_changed)

    @Slot(object)
    def _on_hub_filters_changed(self, changes: Changes) -> None:
        if changes.kinds & ChangeKind.FILTERS:
            self.filter_note.setVisible(self.hub.filtering)

    def _build_find(self, layout: QVBoxLayout) -> None:
        """Edit > Find (Ctrl+F) opens the find bar above the calendars; F3 and Shift+F3 step."""
        self.find_bar = named(FindBar(hub=self.hub), "find_bar")
        self.find_bar.hide()
        layout.insertWidget(layout.indexOf(self.views), self.find_bar)
        self.find_action = self._action(
            self.tr("&Find…"), QKeySequence.StandardKey.Find, self.find_bar.open_bar, "search"
        )
        self.find_next_action = self._action(
            self.tr("Find &Next"), QKeySequence.StandardKey.FindNext, self._on_find_next_triggered
        )
        self.find_previous_action = self._action(
            self.tr("Find Pre&vious"), QKeySequence.StandardKey.FindPrevious,
            self._on_find_previous_triggered,
        )  # fmt: skip
        self.edit_menu.addSeparator()
        for action in (self.find_action, self.find_next_action, self.find_previous_action):
            self.edit_menu.addAction(action)
        self.find_bar.match_chosen.connect(self.show_match)
        self.find_bar.closed.connect(self._on_find_bar_closed)

    @Slot()
    def _on_find_next_triggered(self) -> None:
        if self.find_bar.isHidden():
            self.find_bar.open_bar()
        self.find_bar.find_next()

    @Slot()
    def _on_find_previous_triggered(self) -> None:
        if self.find_bar.isHidden():
            self.find_bar.open_bar()
        self.find_bar.find_previous()

    @Slot(object)
    def show_match(self, occurrence: Occurrence) -> None:
        """Go to a found occurrence's day in the view in front (a calendar if the progress page
        is), and select it."""
        if self._agenda_in_front():
            self.agenda_view.select(occurrence)
            return
        if self.current_calendar() is None:
            self._show_view(self._last_calendar)
        calendar = self._shown_calendar()
        if calendar is self.month_view:
            self.month_view.select(occurrence, bring_out=True)
        else:
            calendar.select(occurrence)

    @Slot()
    def _on_find_bar_closed(self) -> None:
        self.month_view.unpin()  # the search is over: the day is laid out as usual again
        current = self.views.currentWidget()
        if current is not None:
            current.setFocus()

    def focus_next_panel(self, *, forward: bool) -> None:
        """The keys on to the next (or previous) part of the window: the calendar in front,
        the Today list, the side panel in front on the right (and the find bar when open)."""
        panes = [pane for pane in self._panes() if pane.isVisible() and not _covered(pane)]
        if not panes:
            return
        focused = QApplication.focusWidget()
        # Where the keys are, by the part of the window holding them (a panel's button or
        # text, not only its list).
        here = next((i for i, pane in enumerate(panes)
                     if focused is not None and _holds(self._pane_area(pane), focused)),
                    None)  # fmt: skip
        if here is None:
            target = panes[0] if forward else panes[-1]
        else:
            target = panes[(here + (1 if forward else -1)) % len(panes)]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _pane_area(self, pane: QWidget) -> QWidget:
        """The part of the window `pane` leads into: its side panel, the find bar, or the
        views."""
        area: QWidget | None = pane
        while area is not None and not isinstance(area, QDockWidget):
            if area is self.find_bar or area is self.views:
                return area
            area = area.parentWidget()
        return area if area is not None else pane

    def _panes(self) -> list[QWidget]:
        """What F6 goes round, in the window's order."""
        current = self.views.currentWidget()
        panes: list[QWidget] = [current] if current is not None else []
        if self.find_bar.isVisible():
            panes.insert(0, self.find_bar.edit)
        panes.append(self.today_panel.list)
        panes += [self.steps_panel.list, self.pacing_panel.list]
        panes += list(self.filters_panel.categories.values())[:1]
        return panes

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab passes over the panels tabbed behind another: Qt keeps them shown, only
        covered, and walked through their fields unseen (Space then unticked a filter nobody
        could see). Hiding their contents instead upset the panels' layout as it was made."""
        moved = super().focusNextPrevChild(next)
        for _ in range(200):  # every stop in the window, at most, and never for ever
            if not moved or not _covered(QApplication.focusWidget()):
                break
            moved = super().focusNextPrevChild(next)
        return moved

    def _add_dock(
        self,
        panel: QWidget,
        name: str,
        title: str,
        toggle_text: str,
        area: Qt.DockWidgetArea,
        width: int,
    ) -> QDockWidget:
        """A closable, movable side panel, with its show/hide toggle in the View menu (a
        check mark, as the Toolbar's: with an icon, Fusion showed the state as a sunken icon)."""
        dock = named(QDockWidget(title, self), name)
        dock.setWidget(panel)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(area, dock)
        self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
        toggle = dock.toggleViewAction()
        toggle.setText(toggle_text)
        self.view_menu.addAction(toggle)
        toggle.triggered.connect(lambda checked: self._bring_panel_forward(dock, checked))
        return dock

    @Slot()
    def _on_view_menu_about_to_show(self) -> None:
        # The panels open but tabbed behind another, as the menu opens: choosing one brings
        # it forward rather than closing it (a trial could not reach Pacing from the keys).
        self._panels_behind = {
            dock
            for dock in self.findChildren(QDockWidget)
            if dock.isVisible() and dock.visibleRegion().isEmpty()  # Qt's "behind a tab"
        }

    def _forget_behind(self) -> None:
        self._panels_behind = set()

    def _bring_panel_forward(self, dock: QDockWidget, checked: bool) -> None:
        if not checked and dock in self._panels_behind:
            dock.show()  # shown again at once: it was never meant to close
        if not dock.isHidden():
            dock.raise_()
            # Once the menu has gone: closing, it gives the keys back to where they were.
            panel = dock.widget()
            QTimer.singleShot(0, lambda: _focus_first_inside(panel))
        self._panels_behind = set()

    def _restore_layout(self) -> None:
        """The size, panels and view the window had when it was last closed (the first time:
        a roomy size, the month, the panels as built)."""
        settings = QSettings()
        geometry = settings.value(_GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(self._first_size())
        state = settings.value(_STATE_KEY)
        if isinstance(state, QByteArray):
            self.restoreState(state)
            self.calendar_room.owe(_owed_from(settings.value(_OWED_KEY)))
        else:
            self._fit_panels_to_first_size()
        split = settings.value(_STEPS_SPLIT_KEY)
        if isinstance(split, QByteArray):  # the steps above the guidance, as last left
            self.steps_panel.splitter.restoreState(split)
        view = self._remembered_view()
        actions = dict(zip(_VIEW_NAMES, self._view_actions(), strict=True))
        if view != "month":  # the month is where a window starts anyway
            actions[view].trigger()

    def _fit_panels_to_first_size(self) -> None:
        """Side panels in proportion to a first window narrower than 1500 px: built 280 and
        340 px wide, on a 1366 x 768 laptop they took half the window, and the month's
        titles read "Morning…" (a trial). A wider window has them as built."""
        width = self.width()
        today = self.findChild(QDockWidget, "today_dock")
        steps = self.findChild(QDockWidget, "steps_dock")
        if width >= 1500 or today is None or steps is None:
            return
        widths = [max(230, min(280, int(width * 0.19))), max(280, min(340, int(width * 0.23)))]
        self.resizeDocks([today, steps], widths, Qt.Orientation.Horizontal)

    @staticmethod
    def _remembered_view() -> str:
        """The view in front when the window was last closed: day, week, month or agenda."""
        view = QSettings().value(_VIEW_KEY)
        return str(view) if view in ("day", "week", "agenda") else "month"

    def _remember_layout(self) -> None:
        settings = QSettings()
        settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(_STATE_KEY, self.saveState())
        settings.setValue(_OWED_KEY, json.dumps(self.calendar_room.owed))
        settings.setValue(_STEPS_SPLIT_KEY, self.steps_panel.splitter.saveState())
        # The calendar (or agenda) in front, or the one last in front behind the progress page:
        # a window reopens on a plan to live by, not on its charts.
        current = self.views.currentWidget()
        if current is self._progress_page:
            current = self._last_calendar
        shown = [name for name, view in zip(_VIEW_NAMES, self._views_in_order(), strict=True)
                 if view is not None and view is current]  # fmt: skip
        settings.setValue(_VIEW_KEY, shown[0] if shown else "month")

    def _first_size(self) -> QSize:
        """Roomy on a big screen (side panels and a readable month both fit), 1240 x 800 where
        there is room for it, and never larger than the screen (a 1366 x 768 laptop lost the
        status bar and the month's last week below its edge)."""
        room = QGuiApplication.primaryScreen().availableGeometry()
        # Up to 1800 x 1100: at most 1480 wide, a full-HD screen's month cut "21:00 Evening
        # jou…" in every cell beside both panels, in a window a third of the screen narrower
        # than the screen (a new user's trial).
        width = max(1240, min(1800, int(room.width() * 0.92)))
        height = max(800, min(1100, int(room.height() * 0.92)))
        # The room for a title bar and frame, not known before the window shows.
        return QSize(min(width, room.width()), min(height, room.height() - 40))

    # -- commands --------------------------------------------------------------------------

    @Slot()
    def bring_forward(self) -> None:
        """Another Rekindle was started on this plan: show this window instead."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _view_actions(self) -> tuple[QAction, ...]:
        """The view switcher, in its menu and toolbar order."""
        return (
            self.day_action,
            self.week_action,
            self.calendar_action,
            self.agenda_action,
            self.progress_action,
        )

    def _agenda_in_front(self) -> bool:
        return self._agenda_view is not None and self.views.currentWidget() is self._agenda_view

    def _calendars(self) -> tuple[MonthView | TimeGrid, ...]:
        """The calendars built so far (the grids wait until first shown)."""
        grids = (self._week_view, self._day_view)
        return (self.month_view, *(grid for grid in grids if grid is not None))

    @property
    def week_view(self) -> TimeGrid:
        if self._week_view is None:
            self._week_view = self._build_grid(7, "week_view")
            self._week_view.copy_week_requested.connect(self.copy_week)
        return self._week_view

    @property
    def day_view(self) -> TimeGrid:
        if self._day_view is None:
            self._day_view = self._build_grid(1, "day_view")
        return self._day_view

    @property
    def agenda_view(self) -> AgendaView:
        if self._agenda_view is None:
            from planner.ui.calendar.agenda_view import AgendaView

            agenda = named(AgendaView(hub=self.hub), "agenda_view")
            agenda.edit_requested.connect(self.edit_occurrence)
            agenda.mark_requested.connect(self._on_calendar_mark_requested)
            agenda.delete_requested.connect(self.delete_occurrence)
            agenda.selection_changed.connect(self._on_calendar_selection_changed)
            agenda.range_changed.connect(self._update_range_label)
            self.views.addWidget(agenda)
            self._agenda_view = agenda
        return self._agenda_view

    def _build_grid(self, days: int, name: str) -> TimeGrid:
        """A week or day grid, wired and in the stack of views (hidden until shown)."""
        from planner.ui.calendar.time_grid import TimeGrid

        grid = named(TimeGrid(hub=self.hub, days=days), name)
        self._connect_calendar(grid)
        grid.create_requested.connect(lambda span: self._create_drawn(grid, span))
        grid.day_requested.connect(self.show_day_of)
        grid.more_requested.connect(self.open_day)
        grid.suggestion_dropped.connect(self._on_time_grid_suggestion_dropped)
        grid.problem.connect(self._on_time_grid_problem)
        grid.series_move_requested.connect(
            lambda occurrence, start, end: self._move_from_grid(grid, occurrence, start, end)
        )
        grid.rescheduled.connect(self._after_move)
        self.views.addWidget(grid)
        return grid

    def _connect_calendar(self, view: MonthView | TimeGrid) -> None:
        view.range_changed.connect(self._on_calendar_range_changed)
        view.edit_requested.connect(self.edit_occurrence)
        view.delete_requested.connect(self.delete_occurrence)
        view.mark_requested.connect(self._on_calendar_mark_requested)
        view.selection_changed.connect(self._on_calendar_selection_changed)
        view.duplicated.connect(self._say_duplicated)

    def current_calendar(self) -> MonthView | TimeGrid | None:
        """The day, week or month view in front, or None when another page is."""
        current = self.views.currentWidget()
        return next((view for view in self._calendars() if view is current), None)

    def _shown_calendar(self) -> MonthView | TimeGrid:
        """The calendar in front, or the one last in front (its day is "the selected day")."""
        return self.current_calendar() or self._last_calendar

    @Slot()
    def show_day(self) -> None:
        self._show_view(self.day_view)

    @Slot(object)
    def show_day_of(self, day: date) -> None:
        """The day view on `day` (a day's heading in the week view was clicked)."""
        self._show_view(self.day_view)
        self.day_view.go_to(day)

    @Slot()
    def show_week(self) -> None:
        self._show_view(self.week_view)

    @Slot()
    def start_own_plan(self) -> None:
        """Leave the demo for a plan of one's own (it gave no way out): the window closes and
        the welcome opens to choose a program, a first day and a time zone; the demo's
        examples go only once a choice is made there (see application.ensure_plan)."""
        if not confirm.ask(
            self,
            self.tr("Start Your Own Plan"),
            self.tr(
                "Start a plan of your own? The welcome opens so you can choose a program, a "
                "first day and your time zone. The plan you choose replaces the demo and "
                "everything in it, including anything you added or wrote there."
            ),
            accept=self.tr("Start My Own Plan"),
            reject=self.tr("Keep Exploring"),
        ):
            return
        self.starting_over = True
        self._quitting = True
        if self.close():
            QCoreApplication.exit(0)  # also when reminders keep an icon in the tray
        else:
            self.starting_over = False  # words still being written kept the window open

    def close_for_repair(self, damage: DamagedDatabaseError) -> None:
        """Close, so that the damaged file can be repaired or a backup put in its place (it
        is open here); words still being written keep the window open, as for Quit."""
        self.damage_found = damage
        self._quitting = True
        if self.close():
            QCoreApplication.exit(0)  # also when reminders keep an icon in the tray
        else:
            self.damage_found = None
            self._quitting = False

    @Slot()
    def quit(self) -> None:
        """Close for good, even when reminders keep Rekindle in the tray."""
        self._quitting = True
        hidden = not self.isVisible()
        if self.close() and hidden:
            # Closing a window already hidden in the tray does not end the app by itself.
            QCoreApplication.exit(0)

    @Slot(object)
    def _on_reminders_open_requested(self, occurrence: Occurrence) -> None:
        self.bring_forward()
        try:
            self.edit_occurrence(occurrence)
        except PlannerError as error:  # deleted since the reminder was shown
            self.statusBar().showMessage(error.message, 8000)

    @Slot()
    def show_calendar(self) -> None:
        """The month view (kept under its first name: it was the only calendar once)."""
        self._show_view(self.month_view)

    @Slot()
    def show_agenda(self) -> None:
        """What is coming, day by day, from today."""
        self._show_view(self.agenda_view)

    @Slot()
    def show_progress(self) -> None:
        self._show_view(self.progress_page)

    def _show_view(self, view: QWidget) -> None:
        """Bring a view forward on the day the previous calendar (or the agenda) was on;
        navigation applies to the calendars and the agenda, chip commands to the calendars."""
        agenda_before = self._agenda_in_front()
        before = self._shown_calendar()
        # The agenda's chosen row's day (a space period chosen on its tenth day opened the
        # month it began in, a trial), else its first day.
        day = self.agenda_view.selected_day if agenda_before else before.selected_day
        # The activity chosen goes along, as the day does (a trial's went at Ctrl+2).
        chosen = (
            self.agenda_view.selected_occurrence if agenda_before else before.selected_occurrence
        )
        self.views.setCurrentWidget(view)
        calendar = self.current_calendar()
        if calendar is not None:
            if calendar is not before or agenda_before:
                calendar.go_to(day)
                if chosen is not None and chosen.touches(day, self.hub.plan.tz):
                    calendar.choose(chosen, day)
            self._last_calendar = calendar
        agenda = self._agenda_in_front()
        if agenda and not agenda_before:
            self.agenda_view.open_on(day)
            if chosen is not None:  # on the day chosen, for one lasting several
                listed_on = day if chosen.touches(day, self.hub.plan.tz) else None
                self.agenda_view.select(chosen, listed_on)
        actions = dict(zip(self._views_in_order(), self._view_actions(), strict=True))
        actions[view].setChecked(True)
        unit = (
            self.tr("Day") if view is self._day_view
            else self.tr("Month") if view is self.month_view
            else self.tr("Week")
        )  # fmt: skip
        self.previous_action.setText(self.tr("Pre&vious %1").replace("%1", unit))
        self.next_action.setText(self.tr("&Next %1").replace("%1", unit))
        # In the agenda, a list, PgUp and PgDn scroll a page as they do in any list.
        back, on = ["Alt+Left"], ["Alt+Right"]
        if not agenda:
            back, on = ["PgUp", *back], ["PgDown", *on]
        self.previous_action.setShortcuts([QKeySequence(key) for key in back])
        self.next_action.setShortcuts([QKeySequence(key) for key in on])
        navigable = calendar is not None or agenda
        for action in (self.previous_action, self.today_action, self.next_action):
            action.setEnabled(navigable)
            action.setVisible(navigable)
        self.go_to_date_action.setEnabled(navigable)
        self._update_selection_actions()
        self.copy_week_action.setEnabled(view is self._week_view)
        self._update_range_label()
        view.setFocus()

    def _views_in_order(self) -> tuple[QWidget | None, ...]:
        return (
            self._day_view,
            self._week_view,
            self.month_view,
            self._agenda_view,
            self._progress_page,
        )

    @property
    def progress_page(self) -> ProgressPage:
        """The progress page, built the first time it is asked for: opening the window does
        not need it, nor its charts and report writer."""
        if self._progress_page is None:
            from planner.ui.progress_page import ProgressPage

            page = ProgressPage(hub=self.hub)
            page.report_exported.connect(self._on_progress_page_report_exported)
            page.lesson_opened.connect(self._on_lesson_opened)
            self.views.addWidget(page)
            self._progress_page = page
        return self._progress_page

    @Slot()
    def _on_copy_week_triggered(self) -> None:
        self.copy_week(self.week_view.visible_days[0])

    @Slot(object)
    def copy_week(self, first_day: date) -> None:
        """Copy the week's one-off activities to the next week (one undo step) and say so."""
        try:
            copied = self.hub.copy_week(first_day)
        except PlannerError as error:
            QMessageBox.warning(self, self.tr("Could Not Copy the Week"), error.message)
            return
        copies = copied.copies
        if len(copies) == 1:
            text = self.tr("Copied 1 activity to next week.")
        elif copies:
            text = self.tr("Copied %1 activities to next week.").replace("%1", str(len(copies)))
        elif copied.already_there:
            text = self.tr("Nothing new to copy: next week already has this week's activities.")
        elif copied.hidden:
            text = self.tr("Nothing to copy: this week's one-off activities are hidden by the "
                           "filters.")  # fmt: skip
        else:
            text = self.tr("Nothing to copy: this week has no one-off activities.")
        if copies and copied.already_there == 1:
            text += " " + self.tr("One was already there.")
        elif copies and copied.already_there:
            text += " " + self.tr("%1 were already there.").replace("%1", str(copied.already_there))
        if copied.hidden and (copies or copied.already_there):
            text += " " + self.tr("%1 hidden by the filters stayed behind.").replace(
                "%1", str(copied.hidden)
            )
        copied_uids = {copy.uid for copy in copies}
        next_week = first_day + timedelta(days=7)
        try:
            flags = (
                self.hub.pacing_flags(next_week, next_week + timedelta(days=6)) if copies else []
            )
        except PlannerError:
            flags = []  # the copy is saved; a note that cannot be read now is left out
        flagged = list(dict.fromkeys(
            flag.occurrence.title for flag in flags if flag.occurrence.activity.uid in copied_uids
        ))  # fmt: skip
        if flagged:
            titles = ", ".join(f"“{title}”" for title in flagged)
            text += " " + self.tr("The Pacing panel has a note on %1.").replace("%1", titles)
        self.statusBar().showMessage(text, 8000)

    def _navigated(self) -> MonthView | TimeGrid | AgendaView:
        """What Previous, Today and Next move: the agenda when in front, else a calendar."""
        return self.agenda_view if self._agenda_in_front() else self._shown_calendar()

    @Slot()
    def _on_previous_triggered(self) -> None:
        self._navigated().go_previous()

    @Slot()
    def _on_next_triggered(self) -> None:
        self._navigated().go_next()

    @Slot()
    def _on_today_triggered(self) -> None:
        self._navigated().go_today()

    @Slot()
    def _on_go_to_date_triggered(self) -> GoToDateDialog:
        """Ask for a day and show it in the view in front (the agenda starts there)."""
        from planner.ui.dialogs.go_to_date import GoToDateDialog

        shown = (
            self.agenda_view.first_day
            if self._agenda_in_front()
            else self._shown_calendar().selected_day
        )
        dialog = GoToDateDialog(day=shown, parent=self)
        dialog.chosen.connect(lambda day: self._navigated().go_to(day))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    @Slot(object)
    def create_activity(self, day: date | None = None) -> ActivityDialog:
        from planner.ui.dialogs.activity import ActivityDialog

        if day is None and self.views.currentWidget() is self._progress_page:
            day = self.hub.today()  # no day is chosen there (a re-trial's was weeks past)
        elif day is None:  # the day chosen in what is in front (the agenda had offered the
            # day last chosen in a calendar behind it, weeks away)
            in_front = self.agenda_view if self._agenda_in_front() else self._shown_calendar()
            day = in_front.selected_day
        dialog = ActivityDialog(hub=self.hub, day=day, parent=self)
        dialog.accepted.connect(lambda: self.select_made(dialog.saved))
        self.open_activity_dialog(dialog)
        return dialog

    @Slot(object)
    def create_activity_in(self, span: DrawnSpan) -> ActivityDialog:
        """The editor for a new activity where it was drawn: day, time and length filled in."""
        from planner.ui.dialogs.activity import ActivityDialog

        dialog = ActivityDialog(
            hub=self.hub, day=span.day, at=span.at, length=span.length, all_day=span.all_day,
            parent=self,
        )  # fmt: skip
        dialog.accepted.connect(lambda: self.select_made(dialog.saved))
        self.open_activity_dialog(dialog)
        return dialog

    def _create_drawn(self, grid: TimeGrid, span: DrawnSpan) -> None:
        """The editor for what was drawn on `grid`, the drawing kept there while it is open."""
        grid.hold_until_answered(self.create_activity_in(span))

    def select_made(self, activity: Activity | None) -> None:
        """Select a new activity in the view in front, so Edit and Delete act on it."""
        self.select_shown(self.hub.first_occurrence(activity) if activity is not None else None)

    def select_shown(self, shown: Occurrence | None) -> None:
        """Select `shown` in the calendar or agenda in front (which goes to its day)."""
        view = self.current_calendar() or (self.agenda_view if self._agenda_in_front() else None)
        if shown is not None and view is not None:
            view.select(shown)

    def open_activity_dialog(self, dialog: ActivityDialog) -> None:
        """Open the editor; once it saved contact that goes against the pacing, say so kindly
        (not again after an edit that left when and what it is as they were: the person
        already chose to keep it)."""
        before = self.hub.activity(dialog.editing) if dialog.editing is not None else None

        def review() -> None:
            saved = dialog.saved
            if dialog.saved_unread:  # saved, not read back: said, so it is not made again
                self.statusBar().showMessage(dialog.saved_unread, 10000)
                return
            if saved is not None:  # said, as a drag is (a trial saw nothing after a save)
                said = (
                    self.tr("Added “%1”. Undo with %2.")
                    if before is None
                    else self.tr("Saved “%1”. Undo with %2.")
                )
                said = said.replace("%2", self.undo_key()).replace("%1", dialog.saved_title())
                self.statusBar().showMessage(said, 6000)
            if saved is not None and before is not None and _same_plan(before, saved):
                return
            note = self.review_pacing(saved)
            if note is not None and saved is not None:  # kept as it is: said again after
                note.finished.connect(lambda _result: self.say_again(note, said))

        dialog.accepted.connect(review)
        self._open_dialog(dialog)

    def say_again(self, note: PacingNote, text: str) -> None:
        """Say `text` again in the status bar once `note` was answered Keep It (the note
        had covered the line that said what was done)."""
        from planner.ui.dialogs.pacing_note import PacingChoice

        if note.choice is PacingChoice.KEEP:
            self.statusBar().showMessage(text, 6000)

    def review_pacing(
        self, activity: Activity | None, *, moved: Occurrence | None = None
    ) -> PacingNote | None:
        """After saving a contact activity: its pacing hints, and the one-click move after a
        space period when it falls inside one. Nothing is shown when all is well.

        `moved`: the occurrence (as shown now) a drag put where it is; its own hints are
        reviewed, as a series' first weeks would miss it, and the note on their request
        for no contact, given when it was saved, is not given again for a small move.
        """
        from planner.ui.dialogs.pacing_note import PacingNote

        if activity is None or not activity.category.involves_contact:
            return None
        if self.hub.plan.boundary_reason is SetAside.ASKED:
            if moved is not None:
                return None

            note = PacingNote(title=activity.title, hints=[self.tr(
                "Your partner asked for no contact. This stays on your calendar as you planned "
                "it; Rekindle only suggests waiting until they say contact is welcome again."
            )], move_to=None, parent=self)  # fmt: skip
            shown = self.hub.first_occurrence(activity)
            note.finished.connect(lambda _result: self._after_pacing_note(note, None, shown))
            self._open_dialog(note)
            return note
        zone = self.hub.plan.tz
        # Also the hint it brings on the contact after it, too soon after it (a trial's
        # message moved two days before a coffee: the coffee was flagged without a word).
        if moved is None:
            first = local_day(activity.start, zone)
            read = self.hub.pacing_flags(first, first + timedelta(weeks=PACING_REVIEW_WEEKS))
            own = [f for f in read if f.occurrence.activity.uid == activity.uid]
            brought = [
                f for f in read
                if isinstance(f.detail, GapDetail)
                and f.detail.previous.activity.uid == activity.uid
            ]  # fmt: skip
        else:
            day = moved.first_day(zone)
            read = self.hub.pacing_flags(day, day + timedelta(days=7))
            own = [f for f in read if visible.same(f.occurrence, moved)]
            brought = [
                f for f in read
                if isinstance(f.detail, GapDetail) and visible.same(f.detail.previous, moved)
            ]  # fmt: skip
        flags = own + brought  # its own first
        if not flags:
            return None
        hints = list(dict.fromkeys(self.hub.explain(flag) for flag in flags))
        space = next((flag for flag in flags if isinstance(flag.detail, SpaceDetail)), None)
        move_to = None
        if (
            space is not None
            and isinstance(space.detail, SpaceDetail)
            and not space.occurrence.activity.recurring  # the move below moves a whole one
        ):
            move_to = space.detail.resume_on
        note = PacingNote(title=activity.title, hints=hints[:3], move_to=move_to, parent=self)
        # "Change It…" opens this activity, also when only the one after it was flagged.
        flagged = own[0].occurrence if own else moved or self.hub.first_occurrence(activity)
        note.finished.connect(lambda _result: self._after_pacing_note(note, space, flagged))
        self._open_dialog(note)
        return note

    def _after_pacing_note(
        self, note: PacingNote, space: PacingFlag | None, flagged: Occurrence | None
    ) -> None:
        from planner.ui.dialogs.pacing_note import PacingChoice

        if note.choice is PacingChoice.EDIT and flagged is not None:
            self.edit_occurrence(flagged)
            return
        if note.choice is not PacingChoice.MOVE or space is None:
            return
        assert isinstance(space.detail, SpaceDetail)
        occurrence, day = space.occurrence, space.detail.resume_on
        start, end = pacing.moved_span(occurrence, day, self.hub.plan.tz)
        try:
            moved = self.hub.update_activity(
                occurrence.activity.uid,
                replace(occurrence.activity.draft(), start=start, end=end),
                undo_text=self.tr("Move “%1”"),  # a move, as the status bar says (a trial)
            )
        except PlannerError as error:
            QMessageBox.warning(self, self.tr("Could Not Move"), error.message)
            return
        self.select_made(moved)  # chosen where it went (the outline stayed on the old day)
        when = labels.day_text(day, "dddd d MMMM")
        text = (
            self.tr("Moved “%1” to %2, after the space period. Undo with %3.")
            .replace("%3", self.undo_key()).replace("%2", when).replace("%1", moved.title)
        )  # fmt: skip
        self.statusBar().showMessage(text, 6000)
        # Its new day is reviewed as a drag's is: the first day after the space may be close
        # to another contact planned then (a trial's message moved two days before a coffee,
        # flagged in the Pacing panel without a word).
        shown = self.hub.first_occurrence(moved)
        again = self.review_pacing(moved, moved=shown) if shown is not None else None
        if again is not None:
            again.finished.connect(lambda _result: self.say_again(again, text))

    @property
    def occurrence_commands(self) -> OccurrenceCommands:
        """Edit, move and delete occurrences (made when first used: none is needed to start)."""
        if self._occurrence_commands is None:
            from planner.ui.occurrence_commands import OccurrenceCommands

            self._occurrence_commands = OccurrenceCommands(window=self)
        return self._occurrence_commands

    @Slot(object)
    def edit_occurrence(self, occurrence: Occurrence) -> ActivityDialog:
        """Open the editor on `occurrence` (see OccurrenceCommands.edit_occurrence)."""
        return self.occurrence_commands.edit_occurrence(occurrence)

    def move_occurrence(
        self, occurrence: Occurrence, start: datetime | date, end: datetime | date
    ) -> SeriesScopeDialog | None:
        """Move an occurrence (see OccurrenceCommands.move_occurrence)."""
        return self.occurrence_commands.move_occurrence(occurrence, start, end)

    @Slot(object)
    def delete_occurrence(self, occurrence: Occurrence) -> bool:
        """Delete an occurrence (see OccurrenceCommands.delete_occurrence)."""
        return self.occurrence_commands.delete_occurrence(occurrence)

    def _move_from_grid(
        self, grid: TimeGrid, occurrence: Occurrence, start: datetime | date, end: datetime | date
    ) -> None:
        self.occurrence_commands.move_from_grid(grid, occurrence, start, end)

    @Slot(object, object, object)
    def _on_month_view_move_requested(
        self, occurrence: Occurrence, start: datetime | date, end: datetime | date
    ) -> None:
        self.occurrence_commands.move_from_month(occurrence, start, end)

    @Slot(object, object, object)
    def _after_move(
        self, occurrence: Occurrence, start: datetime | date, end: datetime | date
    ) -> None:
        self.occurrence_commands.after_move(occurrence, start, end)

    @property
    def files(self) -> FileCommands:
        """Export, import and restore (made when first used: none is needed to start)."""
        if self._files is None:
            from planner.ui.file_commands import FileCommands

            self._files = FileCommands(hub=self.hub, window=self)
            self._files.said.connect(self.statusBar().showMessage)
            self._files.day_requested.connect(self._go_to_day)
            self._files.steps_reached.connect(self._celebrate)
        return self._files

    def restore_from_backup(self) -> RestoreDialog:
        """List the daily copies; restore the chosen one after a question that names it."""
        return self.files.restore_from_backup()

    def export_plan(self) -> ExportDialog:
        """Ask what to export, then where to, then write the file (with progress if large)."""
        return self.files.export_plan()

    def import_file(self) -> None:
        """Choose an .ics file and import it, then say what happened."""
        self.files.import_file()

    def import_read(
        self, read: ReadCalendar, unnamed: ForUnnamed | None = None
    ) -> ImportReport | None:
        """Import a file already read; say what it changed (None if it did not)."""
        return self.files.import_read(read, unnamed)

    def _go_to_day(self, day: date) -> None:
        """Show `day` in the calendar (or the agenda) last in front."""
        if self._agenda_in_front():
            self.agenda_view.go_to(day)
            return
        calendar = self._shown_calendar()  # the one last in front, when the progress page is
        self._show_view(calendar)
        calendar.go_to(day)

    @Slot(object)
    def open_day(self, day: date) -> DayDialog:
        from planner.ui.dialogs.day import DayDialog

        dialog = DayDialog(hub=self.hub, day=day, parent=self)
        dialog.edit_requested.connect(self.edit_occurrence)
        dialog.create_requested.connect(self.create_activity)
        self._open_dialog(dialog)
        return dialog

    @staticmethod
    def _open_dialog(dialog: QDialog) -> None:
        """Show a window-modal dialog that frees itself (and its signal connections) when closed."""
        open_freed(dialog)

    # -- reactions -------------------------------------------------------------------------

    def offer_first_steps(self) -> bool:
        """On a plan with nothing in it yet, say where planning begins (a trial found the
        empty calendar said nothing, the ideas out of sight under the step's text). It goes
        with the first activity planned. False if there is something already."""
        if self.hub.activity_count():
            return False
        self._first_steps = self.tr(
            "Your plan is empty for now, and that is a fine place to begin. Pick one of the "
            "ideas under the step on the right (click it or press Enter on it, or drag it "
            "onto a day), or double-click a day (or press %1) to plan something of your own."
        ).replace("%1", labels.keys_text(self.new_action.shortcut()))
        self.message_bar.show_message(self._first_steps, [])
        return True

    @Slot()
    def _draw_front_now(self) -> None:
        """Draw the calendar in front, which has read the change, before the side panels
        read it too: an edit shows at once, not after them (see Hub.changed_beside)."""
        front = self.current_calendar()
        if front is not None and front.isVisible():
            front.repaint()
        elif self._agenda_in_front() and self.agenda_view.isVisible():
            self.agenda_view.viewport().repaint()

    @Slot(object)
    def _on_hub_changed(self, changes: Changes) -> None:
        planned = changes.kinds & ChangeKind.ACTIVITIES
        if self._first_steps and planned and self.hub.activity_count():
            # The first planned: the note has done its work (unless another took its place).
            if self.message_bar.text.text() == self._first_steps:
                self.message_bar.dismiss()
            self._first_steps = ""
        if changes.kinds & ChangeKind.PLAN:
            self.summary.setText(self._plan_summary())
            self._update_boundary_action()
            # A break may have begun or ended, a step been reached or reopened.
            self.hub.when_settled(self._read_progress_summary)

    @Slot()
    def _read_progress_summary(self) -> None:
        """Keep the step you are on and "on a break since …" in the status bar true."""
        if self.hub.services.closed:
            return
        try:
            since = self.hub.break_since()
            steps = self.hub.steps_progress()
            here = milestones.step_you_are_on(steps, self.hub.plan.current_step)
        except PlannerError:
            return  # the file went away: the next change that needs it will say so
        self._withdraw_celebration(steps)
        # None: every step is behind you (the summary says so instead of naming one).
        read = (since, here.number if here is not None else None, here is None)
        if read != (self._break_since, self._step_here, self._every_step_behind):
            self._break_since, self._step_here, self._every_step_behind = read
            self.summary.setText(self._plan_summary())
        self.break_action.setText(
            self.tr("End the &Break") if since is not None else self.tr("Take a &Break")
        )

    @Slot()
    def _on_break_triggered(self) -> None:
        try:
            if self._break_since is not None:
                self.hub.end_pause()
                said = self.tr("Welcome back. Your plan goes on from today.")
            else:
                self.hub.start_pause()
                said = self.tr(
                    "Your break has begun. Nothing counts for or against you until you end it "
                    "(Plan › End the Break)."
                )
        except PlannerError as error:
            said = error.message
        self.statusBar().showMessage(said, 8000)  # a trial saw only the status line change
        self._read_progress_summary()  # at once: the menu says what a second choice does

    def _withdraw_celebration(self, steps: list[StepProgress]) -> None:
        """Take the milestone note down once a step it celebrates is open again (the mark
        that reached it was undone, say): it would congratulate on what no longer holds."""
        if self._celebrated is None:
            return
        reached, text = self._celebrated
        showing = not self.message_bar.isHidden() and self.message_bar.text.text() == text
        if not showing:
            self._celebrated = None
        elif any(not steps[number - 1].complete for number in reached):
            self._celebrated = None
            self.message_bar.dismiss()

    def _update_boundary_action(self) -> None:
        if self.hub.plan.contact_set_aside:
            self.boundary_action.setText(self.tr("Bring &Contact Plans Back…"))
        else:
            self.boundary_action.setText(self.tr("They Asked for &No Contact…"))

    @Slot(str)
    def _on_hub_problem(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Rekindle"), message)

    def mark(self, occurrence: Occurrence, status: Status, *, asked: bool = False) -> None:
        """Mark an occurrence; done first saves, then offers a moment to reflect. Marking over
        a reflection the person wrote asks first (undo brings it back either way), as does
        skipping a space period under way, unless `asked` already."""
        if status is Status.DONE and self.hub.still_ahead(occurrence):
            self.statusBar().showMessage(mark_menu.not_yet_text(self.hub, occurrence), 8000)
            return
        if status is Status.SKIPPED and not asked and self._space_under_way(occurrence):
            self._ask_before_skipping_space(occurrence)
            return
        if status is Status.DONE and occurrence.status is Status.DONE:
            # Already done: its reflection, to read again, change, or write at last.
            self._open_dialog(self._reflection_dialog(occurrence, occurrence.reflection))
            return
        try:
            try:
                snapshot = self.hub.mark(occurrence, status)
            except ReflectionWouldBeLostError:
                if not confirm.ask(
                    self,
                    self.tr("Your Reflection"),
                    self.tr(
                        "You wrote a reflection for “%1”. Marking it %2 removes it. "
                        "Edit › Undo brings it back."
                    )
                    .replace("%1", occurrence.title)
                    .replace("%2", labels.status_word(status)),
                    accept=self.tr("Remove It"),
                    reject=self.tr("Keep It"),
                ):
                    return
                snapshot = self.hub.mark(occurrence, status, discard_reflection=True)
        except PlannerError as error:
            QMessageBox.warning(self, self.tr("Could Not Mark"), error.message)
            return
        if snapshot.reached:
            self._celebrate(sorted(snapshot.reached))
        if snapshot.withdrawn:
            self.statusBar().showMessage(self._reopened_text(snapshot.withdrawn), 10000)
        elif status in (Status.SKIPPED, Status.DONE):  # it leaves the Today list: say so
            shortcut = self.undo_key()
            said = (
                self.tr("Skipped “%1”. Undo with %2.")
                if status is Status.SKIPPED
                else self.tr("Marked “%1” as done. Undo with %2.")
            )
            self.statusBar().showMessage(
                said.replace("%2", shortcut).replace("%1", occurrence.title), 6000
            )
        if status is Status.DONE:
            self._open_dialog(self._reflection_dialog(occurrence))

    def undo_key(self) -> str:
        """Undo's key as this computer writes it, for "Undo with Ctrl+Z." after a change."""
        return labels.keys_text(self.undo_action.shortcut())

    def _space_under_way(self, occurrence: Occurrence) -> bool:
        """A space period begun before today, under way or over: skipping all of it takes
        back days already kept (a re-trial skipped a finished three weeks with one click, and
        the step they had reached showed "0 of 21")."""
        if occurrence.activity.category is not Category.SPACE:
            return False
        if occurrence.status is not Status.PLANNED:
            return False
        return occurrence.first_day(self.hub.plan.tz) < self.hub.today()

    def _ask_before_skipping_space(self, occurrence: Occurrence) -> QMessageBox:
        """Skip a space period under way only when asked twice; offer to end it today
        instead, which keeps the days lived (a trial lost three kept days of a 21-day
        milestone to one click on Skip)."""
        zone = self.hub.plan.tz
        first, last = occurrence.first_day(zone), occurrence.last_day(zone)
        # Today included, as its milestone counts them (a trial read 13 here beside "14 of 30").
        kept = (min(self.hub.today(), last) - first).days + 1
        if self.hub.today() > last and kept == 1:
            text = self.tr("You kept “%1”, on %2. Skipping it now means that day does not "
                           "count.")  # fmt: skip
        elif self.hub.today() > last:  # kept whole
            text = self.tr("You kept all %3 days of “%1”, from %2. Skipping it now means "
                           "none of them count.")  # fmt: skip
        else:
            text = self.tr("“%1” began on %2. Skipping it means none of its days count, the "
                           "%3 days you have already kept included.")  # fmt: skip
        text = text.replace("%3", str(kept)).replace("%2", labels.day_text(first, "dddd d MMMM"))
        text = text.replace("%1", occurrence.title)  # last: a title may hold "%2"
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Skip the Whole Space Period?"),
                          text, parent=self)  # fmt: skip
        box.setObjectName("skip_space")
        roomy(box)
        end_today = None
        if self.hub.today() < occurrence.last_day(zone):  # days left to give back
            box.setInformativeText(
                self.tr("If the space is ending for you now, End It Today keeps those days.")
            )
            end_today = box.addButton(self.tr("End It &Today"), QMessageBox.ButtonRole.AcceptRole)
        skip_all = box.addButton(self.tr("&Skip All of It"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(end_today or cancel)

        def answered() -> None:
            clicked = box.clickedButton()
            if end_today is not None and clicked is end_today:
                self._end_space_today(occurrence)
            elif clicked is skip_all:
                self.mark(occurrence, Status.SKIPPED, asked=True)

        box.finished.connect(answered)
        open_freed(box)
        return box

    def _end_space_today(self, occurrence: Occurrence) -> None:
        """Its last day today (one undo step, named so: not a "Resize" no one made)."""
        tomorrow = self.hub.today() + timedelta(days=1)
        end: datetime | date = tomorrow  # all-day: the first day after it
        if isinstance(occurrence.start, datetime):  # midnight, where the clocks have one
            end = normalized(datetime.combine(tomorrow, time(), tzinfo=self.hub.plan.tz))
        uid = occurrence.activity.uid
        try:
            if occurrence.activity.recurring:  # this one alone
                draft = replace(self.hub.activity(uid).draft(), start=occurrence.start, end=end,
                                title=occurrence.title, location=occurrence.location,
                                notes=occurrence.notes)  # fmt: skip
                self.hub.update_occurrence(uid, occurrence.recurrence_id, draft,
                                           undo_text=self.tr("End “%1” Today"))  # fmt: skip
            else:
                draft = replace(self.hub.activity(uid).draft(), end=end)
                self.hub.update_activity(uid, draft, undo_text=self.tr("End “%1” Today"))
        except PlannerError as error:
            QMessageBox.warning(self, self.tr("Could Not Change It"), error.message)
            return
        shortcut = self.undo_key()
        self.statusBar().showMessage(
            self.tr("“%1” now ends today; the days you kept still count. Undo with %2.")
            .replace("%2", shortcut).replace("%1", occurrence.title),
            8000,
        )  # fmt: skip

    def _reopened_text(self, withdrawn: Sequence[StepRecord]) -> str:
        """Why a step reached today is open again: the mark its milestone counted was taken
        back (said plainly, so the Steps panel changing is no surprise; undo restores it)."""
        shortcut = self.undo_key()
        numbers = sorted(record.number for record in withdrawn)
        if len(numbers) == 1:
            text = self.tr(
                "Step %1, “%2”, is open again for now: its milestone is no longer met. "
                "Undo with %3 to put it back."
            ).replace("%2", self.hub.program.step(numbers[0]).title)
        else:
            text = self.tr(
                "Steps %1 are open again for now: their milestones are no longer met. "
                "Undo with %3 to put them back."
            )
        listed = self.tr(" and ").join(str(number) for number in numbers)
        return text.replace("%1", listed).replace("%3", shortcut)

    def _say_days_lived(self, reached: dict[StepNumber, date]) -> None:
        """Steps the days lived completed (a space period's quiet days): said as a mark's
        milestone is, with the day they were reached."""
        if reached:
            self._celebrate(sorted(reached), on=max(reached.values()))

    def _celebrate(
        self, reached: list[StepNumber], *, because: str = "", on: date | None = None
    ) -> None:
        """The milestone moment: say it warmly (after `because`, what brought it about, when
        that needs saying), and point at the next step's ideas. `on`: the day it was
        reached, when that was not today (days lived while the window was closed)."""
        program = self.hub.program
        titles = self.tr(" and ").join(
            self.tr("step %1, “%2”").replace("%1", str(n)).replace("%2", program.step(n).title)
            for n in reached
        )
        if on is not None and on != self.hub.today():
            text = (
                self.tr("The quiet days you kept met the milestones of %1, on %3.")
                .replace("%3", labels.day_text(on, "dddd d MMMM"))
                .replace("%1", titles)
            )
        else:
            text = (
                self.tr("You met the milestones of %1. Your progress shows it reached today.")
                if len(reached) == 1
                else self.tr(
                    "You met the milestones of %1. Your progress shows them reached today."
                )
            ).replace("%1", titles)
        if because:
            text = because + " " + text
        actions: list[tuple[str, Callable[[], None]]] = []
        # Where "you are here" now points, as the Steps panel and the status bar say.
        here = milestones.step_you_are_on(self.hub.steps_progress(), self.hub.plan.current_step)
        if here is None:
            text += " " + self.tr("Every step is behind you now. Keep whatever keeps helping you.")
        else:
            if here.number > reached[-1]:
                # Said as it is: "you are here" has moved on (a new user read "when you feel
                # ready" beside the step already moved, and felt hurried without being asked).
                words = self.tr(
                    "Step %1, “%2”, is where you are now, to take at your own pace; its ideas "
                    "are in the Steps panel, ready to drag onto a day."
                )
            else:  # a later step reached while an earlier one is still open
                words = self.tr(
                    "You are still on step %1, “%2”; there is no rush, and its ideas are in the "
                    "Steps panel."
                )
            text += " " + words.replace("%1", str(here.number)).replace("%2", here.title)
            number = here.number
            actions.append(
                (self.tr("Show Step %1").replace("%1", str(number)),
                 lambda: self.show_step(number))
            )  # fmt: skip
        self.message_bar.show_message(text, actions)
        self._celebrated = (tuple(reached), text)

    def show_step(self, number: int) -> None:
        """Open the Steps panel on step `number`."""
        dock = self.findChild(QDockWidget, "steps_dock")
        if isinstance(dock, QDockWidget):
            dock.show()
            dock.raise_()
        self.steps_panel.show_step(number)

    def _reflection_dialog(
        self, occurrence: Occurrence, existing: Reflection | None = None
    ) -> ReflectionDialog:
        """The moment to note how `occurrence` went (or read and change what was noted). It
        saves at Save, and stays open with the words if they cannot be kept."""
        from planner.ui.dialogs.reflection import ReflectionDialog

        saved: list[MarkUndo] = []

        def save(reflection: Reflection | None) -> str | None:
            if reflection is None:
                return None
            try:  # a read failing after the save is not a failed save (Hub._announce)
                saved.append(self.hub.mark(occurrence, Status.DONE, reflection))
            except PlannerError as error:
                return error.message
            return None

        day = occurrence.first_day(self.hub.plan.tz)
        dialog = ReflectionDialog(title=occurrence.title, existing=existing, save=save,
                                  day=None if day == self.hub.today() else day,
                                  parent=self)  # fmt: skip
        dialog.accepted.connect(lambda: self._reflected(occurrence, saved))
        return dialog

    def _reflected(self, occurrence: Occurrence, saved: list[MarkUndo]) -> None:
        """Say a reflection kept, or the step its milestone reached."""
        if not saved:
            return
        if saved[-1].reached:  # a reflection can be what a step's milestone waited for
            self._celebrate(sorted(saved[-1].reached))
            return
        # Said, as the mark was (a trial saw nothing follow Save), and where it is kept.
        self.statusBar().showMessage(
            self.tr("Saved your reflection on “%1”. It stays on this computer.").replace(
                "%1", occurrence.title
            ),
            6000,
        )

    @Slot(object, object)
    def _on_calendar_mark_requested(self, occurrence: Occurrence, status: Status) -> None:
        self.mark(occurrence, status)

    @Slot(object, object)
    def _on_today_panel_mark_requested(self, occurrence: Occurrence, status: Status) -> None:
        self.mark(occurrence, status)

    @Slot(QModelIndex, QModelIndex)
    def _on_today_panel_current_changed(self, _current: QModelIndex, _prev: QModelIndex) -> None:
        self._update_selection_actions()

    @Slot(object, object)
    def _on_focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._update_selection_actions()

    def _selected(self) -> Occurrence | None:
        """The occurrence the Edit menu acts on: the Today list's when it has focus, else the
        one selected in the calendar in front."""
        if self.today_panel.list.hasFocus() and self.today_panel.selected_occurrence is not None:
            return self.today_panel.selected_occurrence
        if self._agenda_in_front():
            return self.agenda_view.selected_occurrence
        calendar = self.current_calendar()
        return calendar.selected_occurrence if calendar is not None else None

    @Slot()
    def _on_mark_done_triggered(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.mark(selected, Status.DONE)

    @Slot()
    def _on_mark_skipped_triggered(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.mark(selected, Status.SKIPPED)

    @Slot()
    def _on_export_triggered(self) -> None:
        self.export_plan()

    @Slot()
    def _on_import_triggered(self) -> None:
        self.import_file()

    @Slot()
    def _on_reach_out_triggered(self) -> None:
        self.reach_out()

    def reach_out(self) -> ReachOutDialog:
        """The urge moment: what is planned, why waiting helps, and a private place to write."""
        from planner.ui.dialogs.reach_out import ReachOutDialog

        next_contact = None if self.hub.plan.contact_set_aside else self.hub.next_contact()
        reached: list[frozenset[StepNumber]] = []

        def keep(text: str) -> str | None:
            if text:
                try:
                    reached.append(self.hub.keep_unsent(text))
                except SavedError:  # kept; only the read after it failed: not kept twice
                    reached.append(frozenset())
                except PlannerError as error:
                    return error.message  # said there, the words kept in it
            return None

        dialog = ReachOutDialog(
            plan=self.hub.plan, next_contact=next_contact, space_until=self.hub.space_until(),
            hints=self.hub.pacing_words(next_contact) if next_contact is not None else [],
            keep=keep, parent=self,
        )  # fmt: skip
        dialog.accepted.connect(lambda: self._kept_unsent(reached))
        self._open_dialog(dialog)
        return dialog

    def _kept_unsent(self, kept: list[frozenset[StepNumber]]) -> None:
        if not kept:
            return
        reached = kept[-1]
        self.statusBar().showMessage(
            self.tr(
                "Kept as a private note in today's journal, where it counts as journaling. "
                "Nothing was sent."
            ),
            8000,
        )
        if reached:  # that journaling met a milestone: said as any mark's is, never silently
            # Why, first: a trial found the milestone, straight after words meant for their
            # partner, hollow without it.
            because = self.tr("Writing it down instead of sending it is journaling too.")
            self._celebrate(sorted(reached), because=because)

    @Slot()
    def _on_boundary_triggered(self) -> None:
        if self.hub.plan.contact_set_aside:
            self.lift_contact_aside()
        else:
            self.set_contact_aside(SetAside.ASKED)

    def set_contact_aside(self, reason: SetAside) -> bool:
        """Set every contact activity still to come aside at once, after saying what happens."""
        upcoming = self.hub.upcoming_contact()
        if reason is SetAside.ASKED:
            title = self.tr("Respect Their Request for No Contact")
            text = self.tr(
                "Rekindle will set aside every contact activity still to come, and stop "
                "suggesting contact. Nothing is deleted: it is kept, hidden from your calendar, "
                "exports and reminders. Your plan goes on with self-care and growth."
            )
            accept = self.tr("Respect It")
        else:
            title = self.tr("Focus on Yourself for Now")
            text = self.tr(
                "Rekindle will set aside every contact activity still to come and carry on with "
                "self-care and growth only. Nothing is deleted, and you can bring it back later."
            )
            accept = self.tr("Focus on Myself")
        # Respecting a request is the answer the question leads to (and can be undone):
        # it is the default, not Go Back.
        listed = self._named(upcoming, self.hub.now())
        if not confirm.ask(self, title, text + listed, accept=accept,
                           reject=self.tr("Go Back"),
                           accept_is_default=reason is SetAside.ASKED):  # fmt: skip
            return False
        try:
            if reason is SetAside.GROWTH:
                change = self.hub.answer_checkin(focus_on_growth=True)
            else:
                change = self.hub.set_contact_aside(reason)
        except PlannerError as error:
            QMessageBox.warning(self, title, error.message)
            return False
        count = len(change.activities)
        if reason is SetAside.ASKED:
            text = self.tr("Their wish comes first. Your plan goes on with self-care and growth.")
        else:
            text = self.tr("Your plan is about you for now: self-care and growth.")
        if count:
            kept = self.tr("%1 kept out of sight, ready if things change.")
            text += " " + kept.replace("%1", self._count(count))
        self.message_bar.show_message(text, [])
        return True

    def lift_contact_aside(self) -> bool:
        """Bring the set-aside contact back, only after a question naming exactly what returns."""
        cancelled = self.hub.cancelled_contact()
        since = self.hub.plan.no_contact_since or self.hub.now()
        if self.hub.plan.boundary_reason is SetAside.ASKED:
            text = self.tr(
                "Only do this if your partner has said that contact is welcome again. "
                "These come back to your calendar:"
            )
        else:
            text = self.tr("These come back to your calendar:")
        if not cancelled:
            text = self.tr("Contact will be part of your plan again; nothing was set aside.")
        if not confirm.ask(self, self.tr("Bring Contact Plans Back"),
                           text + self._named(cancelled, since), accept=self.tr("Bring Them Back"),
                           reject=self.tr("Keep Them Aside")):  # fmt: skip
            return False
        try:
            change = self.hub.lift_contact_aside()
        except PlannerError as error:
            QMessageBox.warning(self, self.tr("Bring Contact Plans Back"), error.message)
            return False
        self.message_bar.dismiss()  # it may still say they were set aside
        self.statusBar().showMessage(
            self.tr("%1 back on your calendar.").replace("%1", self._count(len(change.activities))),
            8000,
        )
        return True

    def _named(self, activities: list[Activity], since: datetime) -> str:
        """Up to six titles with their day (two coffees are told apart), one per line, and
        how many more. A repeating one is named from its first day set aside (`since`):
        "repeating from" its first day ever read as if the calls already made went too."""
        if not activities:
            return ""
        shown = []
        zone = self.hub.plan.tz
        listed = activities[:6]
        hidden = self.hub.services.boundaries.hidden_from(self.hub.plan, listed, since)
        for activity in listed:
            day = activity.start
            if isinstance(day, datetime):
                day = day.astimezone(zone).date()
            if activity.recurring:
                day = hidden.get(activity.uid) or day
            when = labels.day_text(day, "ddd d MMM yyyy")
            if activity.recurring:
                when = self.tr("repeating from %1").replace("%1", when)
            shown.append(f"• {activity.title} · {when}")
        if len(activities) > 6:
            shown.append(self.tr("…and %1 more").replace("%1", str(len(activities) - 6)))
        return "\n\n" + "\n".join(shown)

    def _count(self, count: int) -> str:
        if count == 1:
            return self.tr("1 contact activity")
        return self.tr("%1 contact activities").replace("%1", str(count))

    @Slot(bool)
    def _on_today_panel_checkin_answered(self, focus_on_growth: bool) -> None:
        if focus_on_growth:
            self.set_contact_aside(SetAside.GROWTH)
            return
        try:
            self.hub.answer_checkin(focus_on_growth=False)
        except PlannerError as error:
            QMessageBox.warning(self, self.tr("Check-In"), error.message)
            return
        self.statusBar().showMessage(
            self.tr("Thank you. Rekindle will ask again in a while."), 6000
        )

    @Slot()
    def _on_settings_triggered(self) -> None:
        self.edit_settings()

    def edit_settings(self) -> SettingsDialog:
        """The plan's pacing and reminder options; saving re-reads every hint."""
        from planner.ui.dialogs.settings import SettingsDialog

        # The step "you are here" marks (the last one, once every step is complete).
        here = self.hub.step_you_are_on()
        pace = self.hub.program.step(here).contacts_per_week
        dialog = SettingsDialog(plan=self.hub.plan, reminders=self.hub.reminder_options(),
                                tray_available=tray.tray_available(), program_pace=pace,
                                parent=self)  # fmt: skip
        dialog.accepted.connect(lambda: self._save_settings(dialog))
        self._open_dialog(dialog)
        return dialog

    def _save_settings(self, dialog: SettingsDialog) -> None:
        try:
            self.hub.save_settings(
                PlanSettings(
                    partner_name=dialog.partner.text().strip() or None,
                    contacts_per_week=dialog.contacts_per_week,
                    min_gap_hours=dialog.min_gap_hours,
                    checkin_weeks=dialog.checkin_weeks,
                    reminders=dialog.reminder_options,
                )
            )
        except PlannerError as error:
            QMessageBox.warning(self, self.tr("Could Not Save the Settings"), error.message)
            return
        said = self.tr("Saved the plan's settings.")  # as other changes are said (a trial)
        if dialog.zone_name != self.hub.plan.zone:
            try:  # last, so that a refusal keeps the rest
                with waiting():  # every activity of a big plan is read and written
                    self.hub.set_zone(dialog.zone_name)
            except PlannerError as error:
                QMessageBox.warning(
                    self, self.tr("Could Not Change the Time Zone"),
                    error.message + "\n\n" + self.tr("Your other settings were saved."),
                )  # fmt: skip
                return
            said = self.tr("Saved the plan's settings. Times now show in %1.").replace(
                "%1", dialog.zone_name
            )
        self.statusBar().showMessage(said, 6000)

    @Slot()
    def _on_restore_triggered(self) -> None:
        self.restore_from_backup()

    @Slot()
    def _on_own_plan_triggered(self) -> None:
        self.start_own_plan()

    @Slot()
    def _on_new_triggered(self) -> None:
        self.create_activity(None)

    @Slot()
    def _on_edit_triggered(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.edit_occurrence(selected)

    @Slot()
    def _on_duplicate_triggered(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        calendar = self.current_calendar()
        if calendar is not None and not self.today_panel.list.hasFocus():
            calendar.duplicate(selected)  # chosen there, and said, as from its own menu
            return
        try:  # the agenda or the Today list: the copy is chosen in the view in front
            copy = self.hub.duplicate_occurrence(selected)
        except PlannerError as error:
            self.hub.report(error.message)
            return
        self.select_made(copy)
        self._say_duplicated(copy)

    @Slot(object)
    def _say_duplicated(self, copy: Activity) -> None:
        """Said wherever Duplicate was chosen (a chip's own menu had said nothing, a trial)."""
        said = self.tr("Duplicated “%1”. Undo with %2.").replace("%2", self.undo_key())
        self.statusBar().showMessage(said.replace("%1", copy.title), 6000)

    @Slot()
    def _on_next_week_triggered(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        if selected.activity.recurring:  # asked which, then said where (a trial)
            self.move_occurrence(selected, *visible.next_week(self.hub, selected))
        else:
            self._shown_calendar().move_to_next_week(selected)

    @Slot()
    def _on_delete_triggered(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.delete_occurrence(selected)

    @Slot(object)
    def _on_calendar_selection_changed(self, _occurrence: Occurrence | None) -> None:
        self._update_selection_actions()

    def _update_selection_actions(self) -> None:
        selected = self._selected() is not None
        for action in self._selection_actions():
            action.setEnabled(selected)

    def _selection_actions(self) -> tuple[QAction, ...]:
        """Actions that need a selected activity."""
        return (
            self.edit_action,
            self.duplicate_action,
            self.next_week_action,
            self.delete_action,
            self.mark_done_action,
            self.mark_skipped_action,
        )

    @Slot(object, object)
    def _on_calendar_range_changed(self, _first: date, _last: date) -> None:
        self._update_range_label()

    @Slot(str)
    def _on_time_grid_problem(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Could Not Move"), message)

    @Slot(int, int)
    def _on_steps_panel_suggestion_chosen(self, step: int, index: int) -> None:
        self.plan_suggestion(step, index, self._shown_calendar().selected_day)

    @Slot(int, int, object)
    def _on_month_view_suggestion_dropped(self, step: int, index: int, day: date) -> None:
        self.plan_suggestion(step, index, day)

    @Slot(int, int, object)
    def _on_time_grid_suggestion_dropped(self, step: int, index: int, span: DrawnSpan) -> None:
        self.plan_suggestion(step, index, span.day, span.at)

    def plan_suggestion(
        self, step: int, index: int, day: date, at: time | None = None
    ) -> ActivityDialog | None:
        """Open the activity dialog prefilled with a step's idea, on `day` (at `at`, if given)."""
        from planner.ui.dialogs.activity import ActivityDialog

        try:
            idea = self.hub.program.step(StepNumber(step)).suggestions[index]
        except (PlannerError, IndexError):
            return None  # a stale drag from another plan: nothing to plan
        dialog = ActivityDialog(
            hub=self.hub, day=day, at=None if idea.all_day else at,
            suggestion=(StepNumber(step), idea), parent=self,
        )  # fmt: skip
        self.open_activity_dialog(dialog)
        return dialog

    @Slot()
    def _on_shortcuts_triggered(self) -> None:
        from planner.ui.dialogs.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self.menuBar(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_getting_started_triggered(self) -> None:
        from planner.ui.dialogs.getting_started import GettingStartedDialog

        keys = {
            name: labels.keys_text(action.shortcut())
            for name, action in (("new", self.new_action), ("undo", self.undo_action),
                                 ("progress", self.progress_action),
                                 ("export", self.export_action),
                                 ("shortcuts", self.shortcuts_action))
        }  # fmt: skip
        dialog = GettingStartedDialog(keys, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Rekindle"),
            self.tr(
                "<h3>Rekindle</h3><p>A gentle planner for reconnecting after a breakup, "
                "one step at a time.</p><p>Your plan and notes are stored only on this "
                "computer.</p>"
            ),
        )

    @Slot(object)
    def _on_lesson_opened(self, lesson: Lesson) -> None:
        """The reflection a lesson came from, whole, to read again or change."""
        assert lesson.uid is not None and lesson.key is not None
        try:
            activity = self.hub.activity(lesson.uid)
            # Whatever the calendars' filters: the progress page counts everything.
            shown = self.hub.changed_occurrence(activity, lesson.key, filtered=False)
        except NotFoundError:
            shown = None
        except PlannerError as error:  # the file failing
            self.statusBar().showMessage(error.message, 8000)
            return
        if shown is None:  # the activity deleted since: its lesson stays
            self.statusBar().showMessage(
                self.tr("What this lesson came from has been deleted since."), 8000
            )
            return
        self._open_dialog(self._reflection_dialog(shown, shown.reflection))

    @Slot(object)
    def _on_progress_page_report_exported(self, path: Path) -> None:
        self.statusBar().showMessage(
            self.tr("Saved the report as %1.").replace("%1", path.name), 6000
        )

    def _update_range_label(self) -> None:
        # A longer range (a week across the new year) takes room: its short form first, so
        # the buttons keep their words (they came and went as one paged through weeks).
        full, short = self._show_range()
        self.toolbar.fit_label(self.range_label, full, short)

    def _show_range(self) -> tuple[str, str]:
        """Name the range in the window title; returns its words in full and short."""
        calendar = self.current_calendar()
        if self._agenda_in_front():
            text = self.agenda_view.range_text()
            self.setWindowTitle(self.tr("Agenda · %1 — Rekindle").replace("%1", text))
            return text, self.agenda_view.range_text(short=True)
        if calendar is None:
            self.setWindowTitle(self.tr("Progress — Rekindle"))
            return "", ""
        if isinstance(calendar, MonthView):
            year, month = calendar.month
            text = QLocale().toString(QDate(year, month, 1), "MMMM yyyy")
            # Cut before the buttons lose their words: with them, they kept their places from
            # month to month ("Dezember 2026" had taken them, "März 2027" not: a trial).
            short = QLocale().toString(QDate(year, month, 1), "MMM yyyy")
        else:
            text, short = calendar.range_text(), calendar.range_text(short=True)
        self.setWindowTitle(f"{text} — Rekindle")
        return text, short

    def _plan_summary(self) -> str:
        plan = self.hub.plan
        if self._every_step_behind:  # as the Today panel says it
            where = self.tr("every step behind you")
        else:
            step = self.hub.program.step(self._step_here or plan.current_step)
            where = (
                self.tr("step %1 of %2: %3")
                .replace("%1", str(step.number))
                .replace("%2", str(len(self.hub.program.steps)))
                .replace("%3", step.title)
            )
        text = self.tr("%1 · %2 · times in %3").replace("%3", plan.zone).replace("%2", where)
        text = text.replace("%1", plan.name)
        if plan.contact_set_aside:
            text += self.tr(" · contact set aside")
        if self._break_since is not None:
            since = progress_text.day_month(self._break_since)
            text += self.tr(" · on a break since %1").replace("%1", since)
        return text

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._notice_outside_changes()  # coming back from a terminal, say

    @Slot()
    def _notice_outside_changes(self) -> None:
        """Show what another program saved into the plan meanwhile (while the window shows)."""
        if self.hub.services.closed or not self.isVisible():
            return
        had_history = self.hub.undo_stack.count() > 0
        try:
            if self.hub.notice_outside_changes() and had_history:
                self.statusBar().showMessage(
                    self.tr(
                        "Another program saved changes to this plan, so earlier changes here can "
                        "no longer be undone."
                    ),
                    10000,
                )
        except PlannerError as error:  # the file went away or broke meanwhile
            self._outside_check.stop()  # say it once
            self.statusBar().showMessage(error.message, 15000)
            return
        # After another program's save is taken in (a step reached first had hidden it), and
        # on its own: a busy file here is said by the next save, the checks go on (a review).
        with contextlib.suppress(PlannerError):
            self._say_days_lived(self.hub.record_days_lived())  # the day may have turned

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._quitting and self.reminders.keeps_running():
            event.ignore()  # the setting "keep running in the tray": reminders still come
            self.hide()
            self.reminders.say_still_running()
            return
        unsaved = [
            dialog for dialog in self.findChildren(QDialog)
            if isinstance(dialog, confirm.AsksBeforeLeaving) and dialog.isVisible()
            and dialog.has_unsaved_changes()
        ]  # fmt: skip
        if unsaved:
            # Words being written are not closed away with the window: their own question
            # comes first ("Leave without saving?"), and quitting can be asked again after.
            event.ignore()
            self._quitting = False
            self.bring_forward()
            unsaved[0].raise_()
            unsaved[0].activateWindow()
            unsaved[0].reject()
            return
        self.reminders.stop()
        self._remember_layout()
        self.hub.services.close()
        super().closeEvent(event)


def _focus_first_inside(panel: QWidget) -> None:
    """Put the keys on the first thing in `panel` that Tab reaches (the panel itself takes
    none: a review saw focus nowhere after View > Pacing Panel)."""
    candidate = panel.nextInFocusChain()
    while candidate is not None and candidate is not panel:
        if (
            panel.isAncestorOf(candidate)
            and not isinstance(candidate, QScrollArea)  # a frame around what Tab reaches
            and candidate.isVisible()
            and candidate.isEnabled()
            and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            candidate.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        candidate = candidate.nextInFocusChain()


def _holds(area: QWidget, widget: QWidget) -> bool:
    return area is widget or area.isAncestorOf(widget)


def _covered(widget: QWidget | None) -> bool:
    """Whether `widget` is in a side panel tabbed behind another (shown, but not seen)."""
    while widget is not None and not isinstance(widget, QDockWidget):
        widget = widget.parentWidget()
    return widget is not None and not widget.isFloating() and widget.visibleRegion().isEmpty()


#: What the window remembers of itself between runs (QSettings keys).
_GEOMETRY_KEY, _STATE_KEY, _VIEW_KEY = "window/geometry", "window/state", "window/view"
#: What the side panels gave up for the calendar, to have back when there is room again.
_OWED_KEY = "window/panels_owed"
_STEPS_SPLIT_KEY = "window/steps_split"


def _owed_from(value: object) -> dict[int, int]:
    """The panels' widths owed, as `_remember_layout` kept them (anything else: nothing)."""
    try:
        owed = json.loads(value) if isinstance(value, str) else {}
        return {int(area): int(width) for area, width in owed.items()}
    except (ValueError, TypeError, AttributeError):
        return {}


#: The views by the names remembered, in `_view_actions` order.
_VIEW_NAMES = ("day", "week", "month", "agenda", "progress")


def _same_plan(before: Activity, after: Activity) -> bool:
    """Whether an edit left what pacing looks at as it was: when, how often, what kind."""

    def timing(activity: Activity) -> tuple[object, ...]:
        moved = tuple((o.recurrence_id, o.start, o.end) for o in activity.overrides)
        return (activity.start, activity.end, activity.rrule, activity.exdates, moved,
                activity.category)  # fmt: skip

    return timing(before) == timing(after)
