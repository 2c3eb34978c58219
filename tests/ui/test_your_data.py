"""Restore from backup, one window per plan, and a plan file that cannot be opened."""

from __future__ import annotations

import contextlib
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.plans import PlanDraft
from planner.errors import DamagedDatabaseError, StorageError
from planner.services import context
from planner.storage import migrations
from planner.ui import application, confirm, file_dialogs
from planner.ui.dialogs.recovery import Recovery, RecoveryDialog
from planner.ui.dialogs.restore import RestoreDialog
from planner.ui.main_window import MainWindow
from planner.ui.single_instance import Claim, SingleInstance
from PySide6.QtCore import QLockFile, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import PLAN_START, status_message, wait_closed, wait_for_dialog
from tests.zones import BERLIN, NOW


def _add(services: context.Services, title: str) -> None:
    plan = services.plans.require()
    begin = datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN)
    draft = ActivityDraft(
        title=title, category=Category.SELF_CARE, step=StepNumber(1), start=begin,
        end=begin + timedelta(hours=1), all_day=False, zone="Europe/Berlin", rrule=None,
    )  # fmt: skip
    services.activities.create(plan, draft)


def _titles(window: MainWindow) -> list[str]:
    found = window.hub.occurrences(PLAN_START, PLAN_START + timedelta(days=60))
    return sorted(occurrence.activity.title for occurrence in found)


def test_restore_from_backup_lists_copies_and_restores_the_chosen_one(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = main_window.hub.services
    _add(services, "Long walk")
    services.backups.take_daily()
    _add(services, "Write a letter I will not send")
    asked: list[str] = []
    monkeypatch.setattr(confirm, "ask", lambda _p, _t, text, **_b: asked.append(text) or True)

    main_window.restore_action.trigger()
    dialog = wait_for_dialog(qtbot, main_window, RestoreDialog)
    assert dialog.list.count() == 1
    assert "Monday 23 November 2026 · 1 activity" in dialog.list.item(0).text()
    with qtbot.waitSignal(main_window.hub.changed):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert "Monday 23 November 2026" in asked[0]
    assert _titles(main_window) == ["Long walk"]
    assert "Restored" in status_message(main_window)


def test_keeping_the_plan_at_the_question_restores_nothing(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = main_window.hub.services
    services.backups.take_daily()
    _add(services, "Yoga")
    monkeypatch.setattr(confirm, "ask", lambda *_a, **_k: False)

    main_window.restore_action.trigger()
    dialog = wait_for_dialog(qtbot, main_window, RestoreDialog)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)

    assert _titles(main_window) == ["Yoga"]
    assert len(services.backups.available()) == 1  # no copy-before-restore was needed


def test_no_copies_yet_says_so_and_offers_nothing_to_restore(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    main_window.restore_action.trigger()
    dialog = wait_for_dialog(qtbot, main_window, RestoreDialog)

    assert dialog.empty.isVisible()
    assert not dialog.restore_button.isEnabled()


def _second_start_wakes_the_first(qtbot: QtBot, database: Path) -> None:
    """Two starts on `database`: the first owns it, the second brings it forward."""
    first = SingleInstance(database=database)
    second = SingleInstance(database=database)
    try:
        assert first.claim() == Claim.OWNED
        with qtbot.waitSignal(first.activation_requested):
            assert second.claim() == Claim.FORWARDED
    finally:
        second.release()
        first.release()


def test_a_second_window_on_the_same_plan_brings_the_first_forward(
    qtbot: QtBot, qapp: QApplication, db_path: Path
) -> None:
    _second_start_wakes_the_first(qtbot, db_path)
    # Released: the next start owns the file again.
    third = SingleInstance(database=db_path)
    assert third.claim() == Claim.OWNED
    third.release()


def test_on_a_first_run_a_second_start_also_brings_the_first_window_forward(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    _second_start_wakes_the_first(qtbot, tmp_path / "not made yet" / "rekindle.sqlite3")


def test_a_plan_held_by_a_process_that_does_not_answer_is_in_use(
    qapp: QApplication, db_path: Path
) -> None:
    holder = QLockFile(str(db_path) + ".lock")
    assert holder.tryLock(0)
    try:
        instance = SingleInstance(database=db_path)
        assert instance.claim() == Claim.IN_USE
        message = application.in_use_message(db_path, instance.holder())
        assert "already open in another Rekindle window" in message
        assert "process" in message
    finally:
        holder.unlock()


def _answer_recovery(qtbot: QtBot, choice: Recovery) -> list[str]:
    """Click `choice` in the recovery dialog as soon as it shows; returns its text."""
    seen: list[str] = []
    tries = [3000]  # 30 s: it must not outlive its test, to click another test's dialog

    def click() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, RecoveryDialog) and widget.isVisible():
                seen.append(widget.text() + "\n" + widget.informativeText())
                button = widget.choice_button(choice)
                assert button is not None
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                return
        tries[0] -= 1
        if tries[0]:
            QTimer.singleShot(10, click)

    QTimer.singleShot(0, click)
    return seen


def _owner(path: Path) -> SingleInstance:
    instance = SingleInstance(database=path)
    assert instance.claim() == Claim.OWNED
    return instance


def _damaged_plan_with_backup(path: Path, clock: FixedClock) -> bytes:
    services = context.open_services(path, clock)
    services.plans.create(PlanDraft(ProgramId("five-steps"), PLAN_START, "Europe/Berlin"))
    _add(services, "Long walk")
    services.backups.take_daily()
    services.close()
    damaged = bytearray(path.read_bytes())
    damaged[100:4096] = b"\xff" * 3996  # garbage where the list of tables was
    path.write_bytes(bytes(damaged))
    return bytes(damaged)


def test_a_damaged_plan_offers_the_latest_backup_and_keeps_the_file(
    qtbot: QtBot, qapp: QApplication, db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    damaged = _damaged_plan_with_backup(db_path, clock)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    seen = _answer_recovery(qtbot, Recovery.OPEN_BACKUP)

    opened = application.open_plan_file(
        db_path, clock=clock, settings=settings, remember=True, instance=_owner(db_path)
    )

    assert opened is not None
    try:
        assert "damaged" in seen[0]
        assert "A backup from Monday 23 November 2026 at " in seen[0]
        assert ", holding 1 activity, is available" in seen[0]
        plan = opened.services.plans.require()
        found = opened.services.calendar.occurrences(plan, PLAN_START, PLAN_START + timedelta(40))
        assert [occurrence.activity.title for occurrence in found] == ["Long walk"]
        # Named by the computer's local time, which a person reads in a file manager.
        stamp = f"{NOW.astimezone():%Y%m%dT%H%M%S}"
        kept = [path for path in db_path.parent.iterdir() if "unreadable" in path.name]
        assert [path.name for path in kept] == [f"plan.sqlite3.unreadable-{stamp}"]
        assert kept[0].read_bytes() == damaged
        assert str(kept[0]) in opened.note
    finally:
        opened.services.close()


def test_a_file_from_a_newer_version_can_start_a_new_plan_elsewhere(
    qtbot: QtBot,
    qapp: QApplication,
    db_path: Path,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services = context.open_services(db_path, clock)
    services._db.execute_sql(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    services.close()
    before = db_path.read_bytes()
    elsewhere = tmp_path / "fresh.sqlite3"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_a, **_k: (str(elsewhere), ""))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    seen = _answer_recovery(qtbot, Recovery.NEW_ELSEWHERE)

    first = _owner(db_path)
    opened = application.open_plan_file(
        db_path, clock=clock, settings=settings, remember=True, instance=first
    )

    assert opened is not None
    opened.services.close()
    assert "newer version" in seen[0]
    assert "backup" not in seen[0]  # the file is fine: it needs a newer Rekindle, not a copy
    assert opened.path == elsewhere and opened.created
    assert db_path.read_bytes() == before
    assert application.remembered_database(settings) == elsewhere
    # The lock moved with the person: the new file is held, the old one is free again.
    assert SingleInstance(database=elsewhere).claim() == Claim.FORWARDED
    again = SingleInstance(database=db_path)
    assert again.claim() == Claim.OWNED
    again.release()
    opened.instance.release()


def test_a_plan_opened_after_try_again_holds_the_lock_a_full_disk_had_refused(
    qtbot: QtBot,
    qapp: QApplication,
    db_path: Path,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A data-safety trial: started on a full disk, no lock could be made; Try Again, the
    space freed, opened the plan without one, and a second start opened a second window."""
    context.open_services(db_path, clock).close()
    real_open = context.open_services
    tries: list[Path] = []

    def full_once(path: Path, *args: object, **kwargs: object) -> context.Services:
        tries.append(path)
        if len(tries) == 1:
            raise StorageError(f"Cannot use {path}: the disk could not be read or written.")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(context, "open_services", full_once)
    real_claim = SingleInstance.claim

    def unlockable_while_full(self: SingleInstance) -> Claim:
        # As on the full disk: no lock file can be made until the space is freed.
        return Claim.UNLOCKABLE if len(tries) < 1 else real_claim(self)

    monkeypatch.setattr(SingleInstance, "claim", unlockable_while_full)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    _answer_recovery(qtbot, Recovery.TRY_AGAIN)
    unlocked = SingleInstance(database=db_path)
    assert unlocked.claim() == Claim.UNLOCKABLE  # as application.run found it at the start

    opened = application.open_plan_file(
        db_path, clock=clock, settings=settings, remember=True, instance=unlocked
    )

    assert opened is not None and len(tries) == 2
    try:
        assert opened.instance.held
        assert SingleInstance(database=db_path).claim() == Claim.FORWARDED  # one window
    finally:
        opened.services.close()
        opened.instance.release()


def test_quitting_at_the_question_leaves_the_foreign_file_alone(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FixedClock
) -> None:
    foreign = tmp_path / "notes.sqlite3"
    foreign.write_text("my shopping list")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    seen = _answer_recovery(qtbot, Recovery.QUIT)

    opened = application.open_plan_file(
        foreign, clock=clock, settings=settings, remember=True, instance=_owner(foreign)
    )

    assert opened is None
    assert "not a Rekindle plan" in seen[0]
    assert foreign.read_text() == "my shopping list"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_the_lock_of_a_rekindle_that_was_killed_does_not_keep_the_plan_closed(
    qapp: QApplication, db_path: Path
) -> None:
    script = (
        "import os, sys\n"
        "from PySide6.QtCore import QLockFile\n"
        "lock = QLockFile(sys.argv[1])\n"
        "assert lock.tryLock(0)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db_path) + ".lock"], check=False)
    assert (db_path.parent / (db_path.name + ".lock")).exists()

    instance = SingleInstance(database=db_path)
    try:
        assert instance.claim() == Claim.OWNED
    finally:
        instance.release()


def test_a_full_disk_offers_to_try_again_not_to_replace_the_plan(
    qtbot: QtBot, services: context.Services
) -> None:
    services.plans.create(PlanDraft(ProgramId("five-steps"), PLAN_START, "Europe/Berlin"))
    copy = services.backups.take_daily()
    assert copy is not None
    latest = services.backups.available()[0]
    dialog = RecoveryDialog(error=StorageError("Cannot save to plan.sqlite3: the disk is full."),
                            latest=latest)  # fmt: skip
    qtbot.addWidget(dialog)

    assert dialog.choice_button(Recovery.OPEN_BACKUP) is None
    assert dialog.choice_button(Recovery.TRY_AGAIN) is dialog.defaultButton()


def test_a_backup_made_before_anything_was_planned_is_offered_as_such(
    qtbot: QtBot, services: context.Services
) -> None:
    """A trial opened the only backup of a damaged plan's first day and found it empty: the
    offer says when it was made and that it holds no activity yet."""
    services.plans.create(PlanDraft(ProgramId("five-steps"), PLAN_START, "Europe/Berlin"))
    assert services.backups.take_daily() is not None
    latest = services.backups.available()[0]
    assert latest.activity_count == 0
    dialog = RecoveryDialog(error=DamagedDatabaseError("plan.sqlite3 is damaged."),
                            latest=latest)  # fmt: skip
    qtbot.addWidget(dialog)

    text = dialog.informativeText()
    taken = datetime.fromtimestamp(latest.path.stat().st_mtime, UTC).astimezone()
    assert f"at {taken:%H:%M}" in text  # the time of day it was made
    assert "made before any activity was planned" in text
    assert "empty plan" in text
    assert dialog.choice_button(Recovery.OPEN_BACKUP) is not None


def test_the_lock_beside_the_plan_is_readable_by_its_owner_alone(
    qapp: QApplication, tmp_path: Path
) -> None:
    """It names the process and the computer holding the plan; beside a plan kept in a
    shared folder it was readable by everyone (0644)."""
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    instance = SingleInstance(database=shared / "plan.sqlite3")
    try:
        assert instance.claim() == Claim.OWNED
        assert stat.S_IMODE(instance.lock_path.stat().st_mode) == 0o600
    finally:
        instance.release()


def _click_in_not_found(
    qtbot: QtBot, word: str, before: Callable[[], object] | None = None
) -> list[str]:
    """Click the button `word` of the "not found" box once it shows (`before` first)."""
    seen: list[str] = []

    def click() -> None:
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.objectName() == "plan_not_found"
                 and w.isVisible()]  # fmt: skip
        if not boxes:
            QTimer.singleShot(10, click)
            return
        seen.append(boxes[0].text())
        if before is not None:
            before()
        (button,) = [b for b in boxes[0].buttons() if b.text() == word]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)
    return seen


def test_a_remembered_plan_not_there_is_asked_about_not_replaced(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A robustness audit: a plan on a USB stick not plugged in was replaced, without a
    word, by a new empty plan and the welcome."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    stick = tmp_path / "usbstick" / "Rekindle" / "plan.sqlite3"
    settings.setValue("database/path", str(stick))

    seen = _click_in_not_found(qtbot, "&Quit")
    assert application.remembered_or_usual(stick, settings) is None
    assert "is not there" in seen[0] and str(stick) in seen[0]
    assert not stick.parent.exists()  # nothing made in its place

    def plug_in() -> None:
        stick.parent.mkdir(parents=True)
        stick.touch()

    _click_in_not_found(qtbot, "&Try Again", before=plug_in)
    assert application.remembered_or_usual(stick, settings) == stick

    stick.unlink()
    _click_in_not_found(qtbot, "Open the &Usual Plan")
    usual = application.remembered_or_usual(stick, settings)
    assert usual is not None and usual.name == "rekindle.sqlite3"
    assert settings.value("database/path") is None  # forgotten


def _plan_with_a_damaged_title(path: Path, clock: FixedClock, day: date) -> None:
    """A plan holding "Walk" on `day`, its title's bytes no longer UTF-8 (a flipped bit)."""
    services = context.open_services(path, clock)
    services.plans.create(PlanDraft(ProgramId("five-steps"), PLAN_START, "Europe/Berlin"))
    begin = datetime.combine(day, time(18), tzinfo=BERLIN)
    plan = services.plans.require()
    services.activities.create(plan, ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=begin,
        end=begin + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    services.close()
    with sqlite3.connect(path) as other:
        other.execute("UPDATE activity SET title = CAST(x'57ff616c6b' AS TEXT)")
    other.close()


RunUntilPainted = Callable[[Callable[[MainWindow], None]], list[MainWindow]]


@pytest.fixture
def run_until_painted(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunUntilPainted]:
    """`run_until_painted(then)`: each window `application.run` shows then, once painted
    (after its own after-paint work), has `then(window)` called on it; what it finds is to
    be asserted once `run` returned (an assert failing inside Qt's loop leaves it running).
    Returns the windows, in order.

    A watchdog closes every dialog and window after a minute, and each second after: a test
    of code that shows a modal box it does not expect fails then, instead of waiting."""
    watchdog = QTimer()
    windows: list[MainWindow] = []

    def give_up() -> None:
        watchdog.setInterval(1000)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        for window in windows:
            with contextlib.suppress(RuntimeError):  # deleted already
                window.quit()

    def start(then: Callable[[MainWindow], None]) -> list[MainWindow]:
        shown_settled = application.after_first_paint

        def settled(window: MainWindow, services: context.Services, note: str) -> None:
            shown_settled(window, services, note)
            windows.append(window)
            QTimer.singleShot(0, lambda: then(window))

        monkeypatch.setattr(application, "after_first_paint", settled)
        # `run` sets the app's style sheet up: the tests after this size widgets without it.
        monkeypatch.setattr(application, "setup_application", lambda _app: None)
        watchdog.timeout.connect(give_up)
        watchdog.start(60_000)
        return windows

    yield start
    watchdog.stop()
    for window in windows:
        with contextlib.suppress(RuntimeError):
            window.deleteLater()


def test_a_plan_found_damaged_in_its_words_on_opening_is_repaired_with_all_of_it(
    qtbot: QtBot,
    db_path: Path,
    clock: FixedClock,
    tmp_path: Path,
    run_until_painted: RunUntilPainted,
) -> None:
    """One damaged title in the month shown: the first read failed, and the app ended on a
    bare "is damaged" box, no backup or other way offered (the file opened; only its read
    failed)."""
    _plan_with_a_damaged_title(db_path, clock, NOW.date())
    damaged = db_path.read_bytes()
    seen = _answer_recovery(qtbot, Recovery.REPAIR)
    shown: list[tuple[list[str], str]] = []

    def look_and_quit(window: MainWindow) -> None:
        shown.append((_titles(window), window.statusBar().currentMessage()))
        window.quit()

    windows = run_until_painted(look_and_quit)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    assert application.run(db_path=db_path, clock=clock, settings=settings) == 0

    assert "This plan file is damaged." in seen[0]
    assert "One piece of writing in it (a title, a place, a note" in seen[0]
    assert len(windows) == 1
    ((titles, note),) = shown
    assert titles == ["W\ufffdalk"]
    assert note.startswith("Repaired the plan: one piece of writing has a “�” where")
    kept = next(path for path in tmp_path.iterdir() if "unreadable" in path.name)
    assert str(kept) in note
    assert kept.read_bytes() == damaged


def _damage_box() -> QMessageBox | None:
    """The question FailuresSaid asks about a file found damaged, if showing."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == "damage_found":
            return widget if widget.isVisible() else None
    return None


def _page_into_the_damage(
    qtbot: QtBot, window: MainWindow, choice: Recovery, seen: list[list[str]]
) -> tuple[object, object, str]:
    """From November to January (its damaged title), then `choice` in the recovery dialog
    that Repair or Restore… opens. Returns the month and days shown then, and the box's
    words."""
    month = window.month_view
    window.next_action.trigger()  # December
    december = (month.month, month.visible_days)
    window.next_action.trigger()  # January holds the damaged title
    qtbot.waitUntil(lambda: _damage_box() is not None)
    box = _damage_box()
    assert box is not None
    seen.append(_answer_recovery(qtbot, choice))  # filled once it shows
    words = box.informativeText()
    qtbot.mouseClick(box.defaultButton(), Qt.MouseButton.LeftButton)
    return december, (month.month, month.visible_days), words


@pytest.mark.qt_no_exception_capture
def test_damage_met_in_a_later_month_offers_the_repair_and_the_window_comes_back(
    qtbot: QtBot,
    db_path: Path,
    clock: FixedClock,
    tmp_path: Path,
    run_until_painted: RunUntilPainted,
) -> None:
    """Damage met while paging was said with "Restore from Backup…" and no more, and the
    month had moved its days on with the last month's activities drawn in them."""
    _plan_with_a_damaged_title(db_path, clock, date(2027, 1, 20))
    seen: list[list[str]] = []
    january: list[str] = []
    paged: list[tuple[object, object, str]] = []

    def page_on_then_repair(window: MainWindow) -> None:
        if len(windows) > 1:  # the repaired plan's window
            found = window.hub.occurrences(date(2027, 1, 20), date(2027, 1, 20))
            january.extend(occurrence.title for occurrence in found)
            window.quit()
            return
        paged.append(_page_into_the_damage(qtbot, window, Recovery.REPAIR, seen))

    windows = run_until_painted(page_on_then_repair)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    assert application.run(db_path=db_path, clock=clock, settings=settings) == 0

    ((december, shown, words),) = paged
    assert shown == december  # not January's days, December's activities drawn in them
    assert "a repair keeps the rest of your plan" in words
    assert "One piece of writing in it" in seen[0][0]
    assert len(windows) == 2  # the damaged file's window closed, the repaired one's opened
    assert january == ["W\ufffdalk"]


@pytest.mark.qt_no_exception_capture
def test_going_back_to_the_plan_from_the_damage_reopens_it_as_it_was(
    qtbot: QtBot,
    db_path: Path,
    clock: FixedClock,
    tmp_path: Path,
    run_until_painted: RunUntilPainted,
) -> None:
    """A review: Escape in the dialog reached from a working window quit the app, and a
    page turned into the damage again said nothing at all."""
    _plan_with_a_damaged_title(db_path, clock, date(2027, 1, 20))
    seen: list[list[str]] = []
    again: list[str] = []

    def page_on_then_back(window: MainWindow) -> None:
        if len(windows) > 1:  # the same plan, reopened: the damage said again when met
            window.next_action.trigger()
            window.next_action.trigger()
            qtbot.waitUntil(lambda: _damage_box() is not None)
            box = _damage_box()
            assert box is not None
            box.reject()  # Not Now
            window.next_action.trigger()  # met again: the status bar says it this time
            bar = window.statusBar()
            qtbot.waitUntil(lambda: "cannot be read. It was" in bar.currentMessage())
            again.append(bar.currentMessage())
            window.quit()
            return
        _page_into_the_damage(qtbot, window, Recovery.TRY_AGAIN, seen)

    windows = run_until_painted(page_on_then_back)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    assert application.run(db_path=db_path, clock=clock, settings=settings) == 0

    assert len(windows) == 2
    assert again and "is damaged and cannot be read" in again[0]
    with sqlite3.connect(db_path) as reader:  # not repaired, nor replaced by a backup
        reader.text_factory = bytes
        assert reader.execute("SELECT title FROM activity").fetchall() == [(b"W\xffalk",)]
    reader.close()
    assert sorted(path.name for path in tmp_path.iterdir() if "unreadable" in path.name) == []


def test_from_a_working_window_the_way_back_is_the_default_escape(qapp: QApplication) -> None:
    dialog = RecoveryDialog(error=DamagedDatabaseError("plan.sqlite3 is damaged."), latest=None,
                            back_to_plan=True)  # fmt: skip
    back = dialog.choice_button(Recovery.TRY_AGAIN)
    assert back is not None and back.text() == "Back to My Plan"
    assert dialog.escapeButton() is back and dialog.defaultButton() is back
    assert dialog.windowTitle() == "Part of Your Plan Could Not Be Read"
