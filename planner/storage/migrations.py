"""Schema versions: a numbered ladder of steps, with a copy of the file taken before any step."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING, cast

import peewee

from planner.errors import (
    DamagedDatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    StorageError,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

#: The schema this code writes. Bump it and append a step to `_STEPS` for every change.
SCHEMA_VERSION = 13
#: The title the app gives a note kept instead of sending (before v12, its only mark).
KEPT_NOTE_TITLE = "A note kept for myself"
#: Written to SQLite's application_id header field so a Rekindle file can be told apart.
APPLICATION_ID = 0x524B444C  # "RKDL"


def check_file(path: Path) -> int:
    """The schema version of an existing file; refuses, untouched, one not ours, too new or
    damaged (a truncated or overwritten file fails here, not halfway through a change)."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        raise StorageError(f"Cannot open {path}: {error}.") from None
    damaged = DamagedDatabaseError(
        f"{path} is damaged (cut short, or parts of it overwritten) and cannot be read safely. "
        "It was left untouched."
    )
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        # Page links and record layout, without integrity_check's index cross-check: 7 ms for
        # 10,000 activities (3.9 MB), under a third of integrity_check (measured, SQLite 3.40).
        ours = app_id == APPLICATION_ID and version <= SCHEMA_VERSION
        # The check reads every page once: a small cache is as fast, and spares the 2 MB a
        # default cache would fill at start-up (peak memory is one of bench/startup.py's).
        connection.execute("PRAGMA cache_size = -256")
        if ours and connection.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
            raise damaged
    except sqlite3.DatabaseError as error:
        if _is_damage(error):
            raise damaged from None
        if _is_busy(error):  # had been told as a failing disk (a robustness audit)
            raise StorageError(
                f"{path} is busy: another program (or another Rekindle window) is using it. "
                "Please close it and try again; it was left untouched."
            ) from None
        # The file may be whole: the disk failed to give it (full, gone, failing), which
        # must not send the person to replace it with a backup.
        raise StorageError(
            f"Cannot open {path}: {_disk_trouble(error)} It was left untouched."
        ) from None
    finally:
        connection.close()
    if app_id == 0 and version == 0 and tables == 0:
        return 0  # an empty SQLite file: safe to set up
    if app_id != APPLICATION_ID:
        raise NotADatabaseError(
            f"{path} is an SQLite file from another program, not a Rekindle database. "
            "It was left untouched."
        )
    if version > SCHEMA_VERSION:
        raise NewerDatabaseError(
            f"{path} was saved by a newer version of Rekindle. Please update Rekindle to open it; "
            "the file was left untouched."
        )
    return int(version)


#: SQLite's primary result codes that mean the file itself is damaged or not a database.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
#: And those that mean another connection holds it.
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def _is_damage(error: sqlite3.Error) -> bool:
    """Whether `error` says the file's content is damaged (not the disk or a lock failing)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:  # raised by Python's own module, not SQLite (a value it cannot decode)
        return "malformed" in str(error) or "not a database" in str(error)
    return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _is_busy(error: sqlite3.Error) -> bool:
    """Whether another connection holds the file (SQLITE_BUSY, SQLITE_LOCKED)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return "locked" in str(error) or "busy" in str(error)
    return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)


def _disk_trouble(error: sqlite3.Error) -> str:
    """A sentence on a failure that is the disk's, not the file's."""
    if "full" in str(error).lower():
        return "the disk is full."
    return "the disk could not be read or written (it may be full, disconnected or failing)."


def read_only_uri(path: Path) -> str:
    """A URI that reads `path` and writes nothing, not even SQLite's -wal and -shm companions.

    Without a -wal file beside it no Rekindle has the file open, and `immutable=1` keeps SQLite
    from creating them (a read-only connection otherwise leaves both behind). With one,
    committed changes may still be in it, so the file is read the usual way, with its locks.
    """
    # as_uri() percent-encodes '#', '?' and '%', which a hand-built file: URI would misread.
    real = path.resolve()  # SQLite keeps the -wal beside the file a link points to
    uri = f"{real.as_uri()}?mode=ro"
    if not real.with_name(real.name + "-wal").exists():
        uri += "&immutable=1"
    return uri


def ensure_schema(db: peewee.SqliteDatabase) -> None:
    """Create the tables in a new file, or migrate an older one (backed up by the caller)."""
    from planner.storage.models import ALL_TABLES

    version = int(pragma(db, "user_version"))
    if version == SCHEMA_VERSION:
        return
    if version == 0:
        with db.atomic():
            db.create_tables(ALL_TABLES)
            pragma(db, "application_id", APPLICATION_ID)
            pragma(db, "user_version", SCHEMA_VERSION)
        return
    with db.atomic():  # the whole ladder: a step failing leaves the file at its old version
        for step_version, step in _STEPS:
            if version < step_version:
                step(db)
                pragma(db, "user_version", step_version)
                version = step_version


def pragma(db: peewee.SqliteDatabase, name: str, value: int | None = None) -> int:
    """Read or set an integer pragma on the open connection."""
    # peewee's stubs leave connection() untyped; it is the plain sqlite3 connection.
    connection = cast("Callable[[], sqlite3.Connection]", db.connection)()
    if value is not None:
        connection.execute(f"PRAGMA {name} = {int(value)}")
    return int(connection.execute(f"PRAGMA {name}").fetchone()[0])


def backup_before_migration(path: Path, version: int, now: datetime) -> Path:
    """Copy the file aside before changing its schema; returns the copy's path.

    SQLite's online backup API reads through the file's WAL too, so a copy taken after an
    unclean exit still holds every committed change.
    """
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    source = sqlite3.connect(read_only_uri(path), uri=True)  # leaves nothing beside it
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        # In words, and that the file is untouched ("database or disk is full" had been all
        # it said: a data-safety trial).
        reason = _disk_trouble(error) if "disk" in str(error).lower() else f"{error}."
        raise StorageError(
            f"Cannot back up {path} before upgrading it: {reason} It was not upgraded, and "
            "is as it was."
        ) from None
    finally:
        source.close()
    target.chmod(0o600)
    return target


def _add_overrides(db: peewee.SqliteDatabase) -> None:
    """v2: occurrences of a series changed on their own (iCalendar RECURRENCE-ID)."""
    from planner.storage.models import OverrideRow

    db.create_tables([OverrideRow])


def _add_progress(db: peewee.SqliteDatabase) -> None:
    """v3: occurrences marked done or skipped (with reflections), and reached steps."""
    from planner.storage.models import CompletionRow, StepRecordRow

    db.create_tables([CompletionRow, StepRecordRow])


def _add_pauses(db: peewee.SqliteDatabase) -> None:
    """v4: breaks the person chose ("taking a break"), which no consistency measure counts."""
    from planner.storage.models import PauseRow

    db.create_tables([PauseRow])


def _add_pacing_settings(db: peewee.SqliteDatabase) -> None:
    """v5: a plan's own pacing choices (contacts per week, hours between two contacts).

    Nullable columns (None: the program's default), so SQLite adds them in place; a NOT NULL
    column would make peewee rebuild the plan table, which the activities point at.
    """
    from playhouse.migrate import SqliteMigrator, migrate

    migrator = SqliteMigrator(db)
    migrate(
        migrator.add_column("plan", "contacts_per_week", peewee.IntegerField(null=True)),
        migrator.add_column("plan", "min_gap_hours", peewee.IntegerField(null=True)),
    )


def _add_boundaries(db: peewee.SqliteDatabase) -> None:
    """v6: respecting "no contact" (since when, and why: asked, or a focus on one's own growth),
    which contact activities it cancelled (kept, hidden, restorable), and the gentle check-ins.
    Nullable, so added in place."""
    from playhouse.migrate import SqliteMigrator, migrate

    migrator = SqliteMigrator(db)
    migrate(
        migrator.add_column("plan", "no_contact_since", peewee.TextField(null=True)),
        migrator.add_column("plan", "boundary_reason", peewee.TextField(null=True)),
        migrator.add_column("plan", "checkin_weeks", peewee.IntegerField(null=True)),
        migrator.add_column("plan", "last_checkin", peewee.TextField(null=True)),
        migrator.add_column("activity", "cancelled", peewee.BooleanField(null=True)),
    )


def _add_reminders(db: peewee.SqliteDatabase) -> None:
    """v7: an activity's reminders, and a plan's reminder options with the last time the app
    ran on it (new tables only: nothing existing is rebuilt)."""
    from planner.storage.models import ReminderRow, ReminderSettingsRow

    db.create_tables([ReminderRow, ReminderSettingsRow])


def _add_imported_revision(db: peewee.SqliteDatabase) -> None:
    """v8: the revision an activity's last import gave it, so that a later import can tell a
    copy edited here since from one only imported (nullable: added in place; None for what
    was never imported, or imported before this version)."""
    from playhouse.migrate import SqliteMigrator, migrate

    migrator = SqliteMigrator(db)
    migrate(migrator.add_column("activity", "imported_revision", peewee.IntegerField(null=True)))


def _add_imported_modified(db: peewee.SqliteDatabase) -> None:
    """v9: when the file an activity was last imported from says it was changed, so that a
    later file is compared with that file, not with the moment of the import (nullable:
    added in place; None for what was imported before this version)."""
    from playhouse.migrate import SqliteMigrator, migrate

    migrator = SqliteMigrator(db)
    migrate(migrator.add_column("activity", "imported_modified", peewee.TextField(null=True)))


def _add_removed_by_file(db: peewee.SqliteDatabase) -> None:
    """v10: imported events a newer file cancelled, so that an older file does not bring
    them back (a new table only)."""
    from planner.storage.models import RemovedByFileRow

    db.create_tables([RemovedByFileRow])


def _removal_sequence_optional(db: peewee.SqliteDatabase) -> None:
    """v11: a removal's SEQUENCE may be unknown (a calendar that keeps none); v10 made the
    column NOT NULL, which SQLite cannot drop in place, so the table is made again with
    its rows (a few: one per event a file cancelled)."""
    from planner.storage.models import RemovedByFileRow

    connection = cast("Callable[[], sqlite3.Connection]", db.connection)()  # as in pragma
    rows = connection.execute(
        'SELECT "uid", "plan_id", "sequence", "modified" FROM "removed_by_file"'
    ).fetchall()
    connection.execute('DROP TABLE "removed_by_file"')
    db.create_tables([RemovedByFileRow])
    for uid, plan_id, sequence, modified in rows:
        RemovedByFileRow.insert(
            uid=uid, plan=plan_id, sequence=sequence, modified=modified
        ).execute()


def _add_kept_note(db: peewee.SqliteDatabase) -> None:
    """v12: words kept in an urge moment (I Want to Reach Out Now, Keep as a Private Note)
    marked as such: a record, never a plan to copy into next week (nullable: added in
    place). The notes kept before are found as they were written: a reflection named as
    the app names them."""
    from playhouse.migrate import SqliteMigrator, migrate

    migrator = SqliteMigrator(db)
    migrate(migrator.add_column("activity", "kept_note", peewee.BooleanField(null=True)))
    connection = cast("Callable[[], sqlite3.Connection]", db.connection)()  # as in pragma
    connection.execute(
        "UPDATE activity SET kept_note = 1 WHERE category = 'reflection' AND title = ?",
        (KEPT_NOTE_TITLE,),
    )


def _add_steps_checked_on(db: peewee.SqliteDatabase) -> None:
    """v13: the day up to which the days lived were looked at for the steps they complete
    (a space period's quiet days run on with nothing marked; null: never looked, so a new
    plan's first look reads from its start). A plan from before is taken as looked at up to
    the day of the upgrade: a step met then but not recorded may have been reopened by
    hand, which nothing stored tells apart, and reopened it stays (a review)."""
    from playhouse.migrate import SqliteMigrator, migrate

    migrator = SqliteMigrator(db)
    migrate(migrator.add_column("plan", "steps_checked_on", peewee.TextField(null=True)))
    connection = cast("Callable[[], sqlite3.Connection]", db.connection)()  # as in pragma
    connection.execute("UPDATE plan SET steps_checked_on = date('now')")


#: (version reached, step) in order; version 1 is the initial schema (plans, activities).
_STEPS: list[tuple[int, Callable[[peewee.SqliteDatabase], None]]] = [
    (2, _add_overrides),
    (3, _add_progress),
    (4, _add_pauses),
    (5, _add_pacing_settings),
    (6, _add_boundaries),
    (7, _add_reminders),
    (8, _add_imported_revision),
    (9, _add_imported_modified),
    (10, _add_removed_by_file),
    (11, _removal_sequence_optional),
    (12, _add_kept_note),
    (13, _add_steps_checked_on),
]
