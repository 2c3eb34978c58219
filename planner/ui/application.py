"""QApplication set-up and the start sequence: open the file, welcome, show the window."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from planner import __version__, paths
from planner.domain.timezones import system_zone_name, zone_info
from planner.errors import DamagedDatabaseError, PlannerError, StorageError
from planner.services import context
from planner.ui import file_dialogs, icons, palette
from planner.ui.failures_said import FailuresSaid
from planner.ui.single_instance import Claim, SingleInstance

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from planner.clock import Clock
    from planner.ui.main_window import MainWindow

_DATABASE_KEY = "database/path"

#: Set to exactly "1" (bench/startup.py does) to print `first_paint` once the window's first
#: view has painted, then quit: how start-up time is measured from outside the process.
EXIT_AFTER_FIRST_PAINT = "REKINDLE_EXIT_AFTER_FIRST_PAINT"


class _ExitAfterFirstPaint(QObject):
    """Prints `first_paint` once `watched` has painted, then quits (see EXIT_AFTER_FIRST_PAINT)."""

    def __init__(self, watched: QWidget) -> None:
        super().__init__(watched)
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._done)  # after this paint has finished
        return False

    def _done(self) -> None:
        sys.stdout.write("first_paint\n")
        sys.stdout.flush()
        # What is measured ends here: the work deferred until after the first paint (already
        # queued) must not run, nor count in the peak memory, printed as bench/startup.py reads it.
        if sys.platform != "win32":
            import resource

            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            sys.stderr.write(f"peak_kb {peak}\n")
            sys.stderr.flush()
        os._exit(0)


def setup_application(app: QApplication) -> None:
    """Names, icon search path, style and style sheet (idempotent, so tests can call it)."""
    QCoreApplication.setApplicationName("Rekindle")
    QCoreApplication.setOrganizationName("Rekindle")
    QCoreApplication.setApplicationVersion(__version__)
    icons.register_search_path()
    # Fusion everywhere; the style sheet takes the stock icons off dialog buttons (a red X on
    # Cancel...) that some desktops' themes would add.
    app.setStyle("Fusion")
    # Light whatever the desktop's scheme: the window frame asked to match (Qt 6.8 and
    # later), and a light palette for the widgets, which Rekindle's colours are drawn for.
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Light)
    app.setPalette(palette.application_palette())
    app.setWindowIcon(icons.icon("app"))
    sheet = paths.styles_dir() / "rekindle.qss"
    if sheet.is_file():
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))


def ensure_plan(services: context.Services, *, over_demo: bool = False) -> bool:
    """Welcome a new user with the first-run dialog; False if they closed it without a plan.
    `over_demo`: welcome someone leaving the demo, which their choice replaces (in one
    transaction); closed without one, the demo stays."""
    current = services.plans.current()
    if current is not None and not (over_demo and current.is_demo):
        return True
    from planner.services import demo, programs  # only a new user needs them
    from planner.ui.dialogs.first_run import FirstRunDialog

    zone = current.zone if current is not None else system_zone_name()  # the demo's, if left
    dialog = FirstRunDialog(
        programs=programs.builtin_programs(),
        today=services.clock.today(zone_info(zone)),
        zone=zone,
        leaving_demo=current is not None,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
        return current is not None  # the demo, kept as it was
    draft = dialog.choice.draft
    if dialog.choice.demo:
        # The demo begins two weeks back, so the month shows a past and a future.
        draft = replace(
            draft, start=demo.default_start(services.clock.today(zone_info(draft.zone)))
        )
    services.start_plan(draft, demo=dialog.choice.demo, over_demo=current is not None)
    return True


def run(*, db_path: Path | None, clock: Clock, settings: QSettings | None = None) -> int:
    """Start the desktop app on `db_path` (default: the file used last, or the data folder)."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    setup_application(app)
    settings = settings or QSettings()
    remembered = remembered_database(settings) if db_path is None else None
    if remembered is not None:
        found = remembered_or_usual(remembered, settings)
        if found is None:
            return 1
        remembered = found
    path = db_path or remembered or paths.default_database_path()
    instance = SingleInstance(database=path, parent=app)
    claim = instance.claim()
    if claim == Claim.FORWARDED:
        return 0  # the window that has this plan was asked to come forward
    if claim == Claim.IN_USE:
        QMessageBox.information(None, _tr("Rekindle"), in_use_message(path, instance.holder()))
        return 1
    unrepairable: set[Path] = set()
    opened = open_plan_file(path, clock=clock, settings=settings, remember=db_path is None,
                            instance=instance, unrepairable=unrepairable)  # fmt: skip
    if opened is None:
        instance.release()
        return 1
    failures = FailuresSaid()
    failures.install()
    try:
        while True:
            ran = _run_window(app, opened, failures)
            if not isinstance(ran, _DamageFound):
                return ran
            # Found damaged by its first read: the same ways forward as a file that will not
            # open (it had ended with a bare message, no backup offered).
            reopened = open_plan_file(opened.path, clock=clock, settings=settings,
                                      remember=db_path is None, instance=opened.instance,
                                      found=ran.error, back_to_plan=ran.shown,
                                      unrepairable=unrepairable)  # fmt: skip
            if reopened is None:
                return 1
            opened = reopened
    finally:
        failures.uninstall()
        opened.instance.release()


def in_use_message(path: Path, holder: str) -> str:
    """Why a second window does not open: the plan is open elsewhere and did not answer."""
    text = _tr(
        "This plan is already open in another Rekindle window, which did not respond. "
        "Please switch to that window, or close it and try again.\n\nFile: %1"
    ).replace("%1", str(path))
    if holder:
        text += "\n" + _tr("Held by %1.").replace("%1", holder)
    return text


def read_only_message() -> str:
    """Why nothing the person changes will be saved: the file opened for reading only."""
    return _tr(
        "This plan is on a disk or in a folder that cannot be written, so it opened for "
        "reading only: you can look through it, but changes cannot be saved. To change it, copy "
        "the file to a folder you can save to, and start Rekindle on the copy with "
        "“rekindle --db” followed by the copy's path."
    )


def remembered_database(settings: QSettings) -> Path | None:
    """The plan file chosen last time, if the person moved away from the default one."""
    value = settings.value(_DATABASE_KEY, None)
    return Path(str(value)) if value else None


def remembered_or_usual(path: Path, settings: QSettings) -> Path | None:
    """The plan file chosen last time, once it is there; the usual one if the person asks
    for it (forgetting the other); None to quit. A plan on a drive not connected had been
    replaced, without a word, by a new empty one and the welcome (a robustness audit)."""
    while not _there(path):
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _tr("Your Plan Cannot Be Found"),
            _tr(
                "The plan you used last, %1, is not there. If it is on a drive or a shared "
                "folder that is not connected, connect it and choose Try Again. If it was "
                "moved or deleted, choose Open the Usual Plan (a new one is started if there "
                "is none)."
            ).replace("%1", str(path)),
        )
        box.setObjectName("plan_not_found")
        again = box.addButton(_tr("&Try Again"), QMessageBox.ButtonRole.AcceptRole)
        usual = box.addButton(_tr("Open the &Usual Plan"), QMessageBox.ButtonRole.ActionRole)
        leave = box.addButton(_tr("&Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(again)
        box.setEscapeButton(leave)
        box.exec()
        if box.clickedButton() is usual:
            settings.remove(_DATABASE_KEY)
            return paths.default_database_path()
        if box.clickedButton() is not again:
            return None
    return path


def _there(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a folder that cannot be looked into: not there, as far as we can tell
        return False


@dataclass(frozen=True, slots=True)
class OpenedPlan:
    """The file the app ended up on, whether this run created it, and a note for the status bar."""

    services: context.Services
    path: Path
    created: bool
    note: str
    instance: SingleInstance


def open_plan_file(
    path: Path,
    *,
    clock: Clock,
    settings: QSettings,
    remember: bool,
    instance: SingleInstance,
    found: StorageError | None = None,
    back_to_plan: bool = False,
    unrepairable: set[Path] | None = None,
) -> OpenedPlan | None:
    """Open `path`, or, when it cannot be opened, offer a repair of its words, the latest
    backup or a new file; `found` is a failure already met (the file was found damaged after
    it opened), said before opening it again; `back_to_plan` when it was met with the window
    open, which the person can go back to as it was. `unrepairable`: the files a repair was
    refused for this run (not offered again), added to here.

    `instance` holds the lock on `path`; when the person moves to another file, the lock moves
    with them, so no file is ever open in two windows. None if the person chose to quit. The
    file that could not be opened is never changed: a repair or a backup takes its place, and
    it is kept under a new name.
    """
    note = ""
    refused = unrepairable if unrepairable is not None else set()  # refused once: again
    while True:
        if not instance.held:  # no lock could be made (a full disk): taken once it can be
            claim = instance.claim()  # (a trial's Try Again, space freed, left none at all)
            if claim == Claim.FORWARDED:
                return None  # meanwhile another window opened it, and came forward
            if claim == Claim.IN_USE:
                QMessageBox.information(
                    None, _tr("Rekindle"), in_use_message(path, instance.holder())
                )
                return None
        existed = path.exists()
        error, found = found, None
        if error is None:
            try:
                services = context.open_services(path, clock)
                return OpenedPlan(services=services, path=path, created=not existed, note=note,
                                  instance=instance)  # fmt: skip
            except StorageError as failure:
                error = failure.with_traceback(None)  # its frames would hold this one's lock
            except PlannerError as failure:
                QMessageBox.critical(None, _tr("Rekindle"), failure.message)
                return None
        from planner.services import backups  # rarely needed
        from planner.ui.dialogs.recovery import Recovery, RecoveryDialog

        latest = backups.latest(path) if path.exists() else None
        damaged = isinstance(error, DamagedDatabaseError) and path.exists()
        words = backups.damaged_words(path) if damaged and path not in refused else None
        dialog = RecoveryDialog(error=error, latest=latest, words=words,
                                back_to_plan=back_to_plan)  # fmt: skip
        dialog.exec()
        choice = dialog.choice
        if choice == Recovery.TRY_AGAIN:
            continue
        if choice == Recovery.REPAIR:
            try:
                kept, mended = backups.repair_words(path, clock)
            except PlannerError as failure:
                QMessageBox.critical(None, _tr("Rekindle"), failure.message)
                refused.add(path)
                found = error  # the other ways, asked again
                continue
            note = repaired_message(mended, kept)
        elif choice == Recovery.OPEN_BACKUP and latest is not None:
            try:
                kept = backups.recover(path, latest, clock)
                refused.discard(path)  # another file there now: its own words, if damaged
            except PlannerError as error:
                QMessageBox.critical(None, _tr("Rekindle"), error.message)
                continue
            note = _tr("Opened the backup. The file that could not be opened is kept as %1.")
            note = note.replace("%1", str(kept))
        elif choice == Recovery.NEW_ELSEWHERE:
            chosen, _filter = file_dialogs.save_file_name(
                None,
                _tr("Start a new plan in…"),
                str(path.with_name("rekindle-new.sqlite3")),
                _tr("Rekindle plans (*.sqlite3)"),
            )
            if not chosen:
                continue
            moved = SingleInstance(database=Path(chosen), parent=instance.parent())
            if moved.claim() != Claim.OWNED:
                QMessageBox.information(
                    None, _tr("Rekindle"), in_use_message(Path(chosen), moved.holder())
                )
                moved.release()
                continue
            instance.release()
            instance, path = moved, Path(chosen)
            if remember:
                settings.setValue(_DATABASE_KEY, str(path))
        else:
            return None


def repaired_message(mended: int, kept: Path) -> str:
    """What a repair of the plan's words did, for the status bar."""
    if mended == 1:
        text = _tr("Repaired the plan: one piece of writing has a “�” where a damaged letter was.")
    else:
        text = _tr("Repaired the plan: %1 pieces of writing have a “�” where a damaged letter "
                   "was.").replace("%1", str(mended))  # fmt: skip
    kept_text = _tr("The file as it was is kept as %1.").replace("%1", str(kept))
    return text + " " + kept_text


@dataclass(frozen=True, slots=True)
class _DamageFound:
    """The damage a window's reads met: at its first read, or later (`shown`), when the
    window can be gone back to."""

    error: DamagedDatabaseError
    shown: bool


def _run_window(
    app: QApplication, opened: OpenedPlan, failures: FailuresSaid
) -> int | _DamageFound:
    """Run the window on the plan opened. Returns the exit code, or the damage found in the
    file (by the first read, or later when the person chose to repair it), to be met with
    the ways forward a file that would not open has, the window closed."""
    from planner.ui.main_window import MainWindow

    services, note = opened.services, opened.note
    over_demo = False
    while True:
        try:
            if not ensure_plan(services, over_demo=over_demo):
                services.close()
                if opened.created:  # closed the welcome without a plan: no empty file behind
                    paths.remove_database(opened.path)
                return 0
            window = MainWindow(services=services, defer_until_painted=True)
        except DamagedDatabaseError as error:
            services.close()
            # Not the frames holding the half-built window.
            return _DamageFound(error.with_traceback(None), shown=False)
        except PlannerError as error:
            services.close()
            QMessageBox.critical(None, _tr("Rekindle"), error.message)
            return 1
        opened.instance.activation_requested.connect(window.bring_forward)
        failures.on_damage = window.close_for_repair
        failures.forget()  # a new window: said again when met there
        if os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1":
            _ExitAfterFirstPaint(window.views.currentWidget() or window)
        window.show()
        window.hub.when_settled(partial(after_first_paint, window, services, note))
        code = app.exec()
        services.close()
        opened.instance.activation_requested.disconnect(window.bring_forward)
        failures.on_damage = None
        damage = window.damage_found
        if damage is not None:
            # The window goes before the file is looked at (its timers would read it).
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            return _DamageFound(damage, shown=True)
        if not window.starting_over:
            return code
        # Leaving the demo: the welcome again, on the same file (closed with the window),
        # and the old window gone now, its timers with it (they would read the closed file).
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        over_demo = True
        try:
            services, note = context.open_services(opened.path, services.clock), ""
        except PlannerError as error:
            QMessageBox.critical(None, _tr("Rekindle"), error.message)
            return 1


def after_first_paint(window: MainWindow, services: context.Services, note: str) -> None:
    """What waits until the window has painted: the day's backup, reminders, notes to read."""
    message = note
    try:
        services.backups.take_daily()
    except PlannerError as error:  # a missing copy must not keep anyone from their plan
        message = message or error.message
    window.reminders.start()  # lists reminders missed while closed, then keeps time
    if services.read_only:  # said before any change is refused, and stays until closed
        window.message_bar.show_message(read_only_message(), [])
    else:
        window.offer_first_steps()
    if message:
        window.statusBar().showMessage(message, 15000)


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)
