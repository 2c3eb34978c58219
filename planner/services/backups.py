"""Backups as a use case: a copy for every day of use, and restoring one after confirmation."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from planner.domain.timezones import system_zone_name, zone_info
from planner.services.changes import ChangeKind, Changes
from planner.storage import backups, text_repair
from planner.storage import db as storage_db
from planner.storage.backups import BackupFile
from planner.storage.text_repair import TextDamage

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

    import peewee

    from planner.clock import Clock

__all__ = ["BackupFile", "BackupService", "TextDamage"]


def latest(database: Path) -> BackupFile | None:
    """The newest usable copy of a file, for when the file itself cannot be opened."""
    found = backups.list_backups(database)
    return found[0] if found else None


def recover(database: Path, backup: BackupFile, clock: Clock) -> Path:
    """Put `backup` in place of a file that cannot be opened; that file is kept, renamed.

    Returns the unreadable file's new path, so the person can be told where it is.
    """
    return backups.set_aside_and_restore(database, backup.path, clock.now().astimezone())


def damaged_words(database: Path) -> TextDamage | None:
    """For a file found damaged: how many stored texts cannot be read, and whether they are
    all words people wrote (which `repair_words` mends); None when more is damaged."""
    return text_repair.damage(database)


def repair_words(database: Path, clock: Clock) -> tuple[Path, int]:
    """Put a copy of a file whose words alone are damaged, mended, in its place; the file is
    kept, renamed. Returns its new path and how many texts were mended. Refused when the
    mended plan still cannot be read whole (more than its words was damaged)."""
    return text_repair.repair(
        database, clock.now().astimezone(), check=lambda copy: _read_whole_plan(copy, clock)
    )


def _read_whole_plan(path: Path, clock: Clock) -> None:
    """Read every activity, change, mark, step and setting of the plan at `path` into the
    domain (StorageError if any cannot be): text that decodes may still be no date, and a
    repair had been said done on a plan that then failed its first read again (a review)."""
    from planner.services import context  # it holds this module's service
    from planner.services.interop import ExportRequest

    services = context.open_services(path, clock, create=False)
    try:
        plan = services.plans.require()
        services.interop.select_for_export(plan, ExportRequest())
        services.progress.steps(plan)
        services.progress.lessons(plan)
        services.progress.pauses(plan)  # breaks: a review's garbage date was there
        services.reminders.options(plan)
        services.reminders.last_seen(plan)
    finally:
        services.close()


class BackupService:
    """Rolling daily copies of the open database, listed and restored by the user."""

    def __init__(self, *, db: peewee.SqliteDatabase, clock: Clock, path: Path) -> None:
        self._db = db
        self._clock = clock
        self._path = Path(path).expanduser()

    @property
    def folder(self) -> Path:
        """Where the copies are kept (shown to the user, so they can find them)."""
        return backups.backup_dir(self._path)

    def take_daily(self) -> Path | None:
        """Copy the file once per day of use (keeping the last 14); None if today's exists.

        Called when the app opens a plan, so a copy holds the file as the day began. A file
        opened for reading only is not copied: it cannot change, and its folder (where the
        copies go) cannot be written.
        """
        if storage_db.is_read_only(self._db):
            return None
        today = self._clock.today(zone_info(system_zone_name()))
        return backups.take_daily(self._path, today)

    def available(self) -> list[BackupFile]:
        """The copies that can be restored, newest first."""
        return backups.list_backups(self._path)

    def restore(self, backup: BackupFile) -> Changes:
        """Replace the plan with `backup`, after copying the current file aside first.

        The copy taken first is itself listed, so a restore can be undone by restoring it.
        """
        # An older copy is brought up to date first, so the plan is replaced in one step (and
        # one that cannot be leaves no "before restore" copy behind either).
        source = backups.up_to_date(backup.path)
        try:
            backups.take_before_restore(self._path, self._clock.now().astimezone())
            connection = cast("Callable[[], sqlite3.Connection]", self._db.connection)()
            backups.restore_into(source, connection)
        finally:
            if source != backup.path:
                backups.remove_staged(source)
        return Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES)
