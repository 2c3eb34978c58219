"""Reminders while the app runs: a system-tray icon with desktop notifications (or a note in the
window where there is no tray), the list of reminders missed while closed, and staying in the
tray when the window is closed."""

from __future__ import annotations

import contextlib
import math
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QMenu, QSystemTrayIcon

from planner.errors import PlannerError
from planner.ui import icons, labels

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from planner.domain.occurrences import Occurrence
    from planner.domain.reminders import Notice, Reminder
    from planner.services.changes import Changes
    from planner.ui.dialogs.reminders import MissedRemindersDialog
    from planner.ui.hub import Hub
    from planner.ui.message_bar import MessageBar

#: The longest the timer sleeps before looking again (the clock may have jumped, the computer
#: may have slept, or the next reminder is more than a day away).
MAX_WAIT = timedelta(hours=1)
#: How long a desktop notification stays up.
MESSAGE_MS = 15_000


def tray_available() -> bool:
    """Whether the desktop has a system tray (a module function, so tests can stand in)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrayNotifier", text)


class TrayNotifier(QObject):
    """Shows each reminder when it falls due, with a timer armed for the next one.

    Nothing runs until `start()`, which lists what was missed while the app was closed (once),
    shows the tray icon and arms the timer; `stop()` remembers how far reminders were shown.

    Signals:
        notified(str, str): a notification was shown (title, text), in the tray or the window.
        open_requested(object): the person clicked a notification: open this Occurrence.
        show_requested(): the tray icon (or its "Open Rekindle") was clicked.
        quit_requested(): "Quit Rekindle" was chosen from the tray icon's menu.
    """

    notified = Signal(str, str)
    open_requested = Signal(object)
    show_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        *,
        hub: Hub,
        window: QMainWindow,
        message_bar: MessageBar | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self._window = window
        self._message_bar = message_bar
        self._started = False
        self._checked_until: datetime | None = None
        self._next_at: datetime | None = None
        self._target: Occurrence | None = None
        self._told_still_running = False
        self.icon: QSystemTrayIcon | None = None
        self._menu: QMenu | None = None
        self.missed_dialog: MissedRemindersDialog | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("reminder_timer")
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.check)
        hub.changed_beside.connect(self._on_hub_changed)

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> MissedRemindersDialog | None:
        """Begin: list the reminders missed while closed, show the icon, arm the timer.

        Returns the list of missed reminders when there were any (shown once: from now on
        they count as seen).
        """
        if self._started:
            return None
        now = self._hub.now()
        try:
            missed = self._hub.missed_reminders()
        except PlannerError as error:  # reminders must never keep anyone from their plan
            missed = []
            self._window.statusBar().showMessage(error.message, 8000)
        # Bookkeeping: a full disk or a busy file refusing it is said by the first save the
        # person makes, not as "Cannot save" before they changed anything (a data-safety
        # trial); those reminders are listed again next time.
        with contextlib.suppress(PlannerError):
            self._hub.mark_reminders_seen(now)
        self._checked_until = now
        self._started = True
        if tray_available():
            self._show_icon()
        self._arm()
        if missed:
            self.missed_dialog = self._list_missed(missed)
        return self.missed_dialog

    def stop(self) -> None:
        """Stop the timer and remember that everything due until now was shown."""
        if not self._started:
            return
        self._started = False
        self.timer.stop()
        if self.icon is not None:
            self.icon.hide()
        # If the file is gone already, the next start merely lists a little more: no harm.
        with contextlib.suppress(PlannerError):
            self._hub.mark_reminders_seen(self._checked_until or self._hub.now())

    def keeps_running(self) -> bool:
        """Whether closing the window should leave Rekindle running in the tray."""
        if not self._started or self.icon is None:
            return False
        try:
            return self._hub.reminder_options().keep_in_tray
        except PlannerError:
            return False

    def say_still_running(self) -> None:
        """The first time the window closes into the tray, say where Rekindle went."""
        if self.icon is None or self._told_still_running:
            return
        self._told_still_running = True
        self.icon.showMessage(
            _tr("Rekindle"),
            _tr("Rekindle keeps running here, so your reminders still come. Quit from this icon."),
            QSystemTrayIcon.MessageIcon.Information,
            MESSAGE_MS,
        )

    # -- showing reminders -----------------------------------------------------------------

    @Slot()
    def check(self) -> list[Notice]:
        """Show what fell due since the last look, then arm the timer for the next one."""
        if not self._started or self._checked_until is None:
            return []
        now = self._hub.now()
        try:
            found = self._hub.reminder_notices(self._checked_until, now)
            neutral = self._hub.reminder_options().neutral_text
        except PlannerError:
            found = []  # e.g. the file is busy: look again at the next tick
        else:
            self._checked_until = max(self._checked_until, now)
        if found:
            self._notify(found, neutral=neutral)
            with contextlib.suppress(PlannerError):  # only bookkeeping; the reminder was shown
                self._hub.mark_reminders_seen(now)
        self._arm()
        return found

    def _arm(self) -> None:
        """Sleep until the next reminder (at most MAX_WAIT), by the injected clock."""
        if not self._started or self._checked_until is None:
            return
        now = self._hub.now()
        try:
            following = self._hub.next_reminder_at(max(now, self._checked_until))
        except PlannerError:
            following = None
        self._next_at = following
        wait = MAX_WAIT if following is None else min(MAX_WAIT, max(following - now, timedelta(0)))
        self.timer.start(math.ceil(wait.total_seconds() * 1000))

    def _notify(self, found: list[Notice], *, neutral: bool) -> None:
        zone, today = self._hub.plan.tz, self._hub.today()
        texts = [notice_text(n, neutral=neutral, zone=zone, today=today) for n in found]
        title = _tr("Rekindle")
        text = "\n".join(texts)
        self._target = found[0].first.occurrence
        if self.icon is not None:
            self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        elif self._message_bar is not None:
            self._message_bar.show_message(
                f"{title}: {text}", [(_tr("Open"), self._on_message_clicked)]
            )
        else:
            self._window.statusBar().showMessage(f"{title}: {text}", MESSAGE_MS)
        self.notified.emit(title, text)

    def _list_missed(self, missed: list[Reminder]) -> MissedRemindersDialog:
        from planner.ui.dialogs.reminders import MissedRemindersDialog

        dialog = MissedRemindersDialog(
            reminders=missed, zone=self._hub.plan.tz, parent=self._window
        )
        dialog.open_requested.connect(self.open_requested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.destroyed.connect(self._on_missed_dialog_destroyed)
        dialog.open()
        return dialog

    def _show_icon(self) -> None:
        self.icon = QSystemTrayIcon(icons.icon("app"), self)
        self.icon.setObjectName("tray_icon")
        self.icon.setToolTip(_tr("Rekindle"))
        self._menu = QMenu(self._window)  # owned by the window: it goes with it (start over)
        self._menu.addAction(_tr("&Open Rekindle"), self.show_requested.emit)
        self._menu.addSeparator()
        self._menu.addAction(_tr("&Quit Rekindle"), self.quit_requested.emit)
        self.icon.setContextMenu(self._menu)
        self.icon.messageClicked.connect(self._on_message_clicked)
        self.icon.activated.connect(self._on_icon_activated)
        self.icon.show()

    # -- reactions -------------------------------------------------------------------------

    @Slot()
    def _on_message_clicked(self) -> None:
        if self._target is not None:
            self.open_requested.emit(self._target)

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_requested.emit()

    @Slot(object)
    def _on_hub_changed(self, _changes: Changes) -> None:
        """Re-arm for what the change planned. A reminder whose time had passed when it was
        planned does not fire (the person knows); if the timer is late (the computer slept),
        what was due shows first."""
        if self.missed_dialog is not None and self.missed_dialog.isVisible():
            with contextlib.suppress(PlannerError):  # a busy file: the rows stay as they were
                self.missed_dialog.refresh(self._hub.occurrence_now)
        if not self._started or self._checked_until is None:
            return
        now = self._hub.now()
        if self._next_at is not None and self._next_at <= now:
            self.check()
        self._checked_until = max(self._checked_until, now)
        self._arm()

    @Slot()
    def _on_missed_dialog_destroyed(self) -> None:
        self.missed_dialog = None


def notice_text(notice: Notice, *, neutral: bool, zone: ZoneInfo, today: date) -> str:
    """A notification's words. Neutral: neither the activity, the step nor the partner."""
    if notice.day is None:
        return reminder_text(notice.first, neutral=neutral, zone=zone, today=today)
    if neutral:
        first = labels.clock(notice.first.at.astimezone(zone))
        if len(notice.reminders) == 1:
            return _tr("One reminder today, at %1.").replace("%1", first)
        return (
            _tr("%1 reminders today, the first at %2.")
            .replace("%1", str(len(notice.reminders)))
            .replace("%2", first)
        )
    return "\n".join(
        reminder_text(reminder, neutral=False, zone=zone, today=today)
        for reminder in notice.reminders
    )


def reminder_text(reminder: Reminder, *, neutral: bool, zone: ZoneInfo, today: date) -> str:
    """ "Something you planned starts at 18:00." (neutral) or with the activity's own title."""
    occurrence = reminder.occurrence
    subject = _tr("Something you planned") if neutral else f"“{occurrence.title}”"
    start = occurrence.start
    if isinstance(start, datetime):
        local = start.astimezone(zone)
        clock = labels.clock(local)
        if local.date() == today:
            text = _tr("%1 starts at %2.")
        elif local.date() == today + timedelta(days=1):
            text = _tr("%1 starts tomorrow at %2.")
        else:
            text = _tr("%1 starts on %3 at %2.")
        return (
            text.replace("%1", subject).replace("%2", clock).replace("%3", _day_name(local.date()))
        )
    if start == today:
        text = _tr("%1 is today.")
    elif start == today + timedelta(days=1):
        text = _tr("%1 is tomorrow.")
    else:
        text = _tr("%1 is on %3.")
    return text.replace("%1", subject).replace("%3", _day_name(start))


def _day_name(day: date) -> str:
    return labels.day_text(day, "ddd d MMM")
