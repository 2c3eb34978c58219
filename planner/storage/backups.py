"""Rolling copies of the database file, taken and restored with SQLite's online backup API."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import peewee

from planner.errors import NotADatabaseError, StorageError
from planner.storage import db as storage_db
from planner.storage import migrations

#: How many daily copies are kept; older ones are removed after a new one is taken.
KEEP_DAILY = 14
BACKUP_FOLDER = "backups"

_DAILY = re.compile(r"^(?P<stem>.+)-(?P<day>\d{4}-\d{2}-\d{2})\.sqlite3$")
_BEFORE_RESTORE = re.compile(
    r"^(?P<stem>.+)-(?P<day>\d{4}-\d{2}-\d{2})-before-restore-(?P<time>\d{6})\.sqlite3$"
)


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One copy on disk: when it was taken, and what it holds (for the restore list)."""

    path: Path
    day: date
    before_restore: bool
    activity_count: int
    plan_name: str | None


def backup_dir(database: Path) -> Path:
    """Backups live in a `backups` folder beside the database (the data directory by default)."""
    return Path(database).expanduser().resolve().parent / BACKUP_FOLDER


def copy_database(source: Path, target: Path, *, whole: bool = False) -> None:
    """An exact, consistent copy of `source` (its WAL included) written to a new `target` file.

    The copy is written to a temporary name and renamed, so a crash never leaves a half copy
    under a backup's name. The copy is readable by the user only. With `whole`, a copy that
    does not read back whole (`reads_whole`) is refused before it takes the name.
    """
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            target.parent.chmod(0o700)
        partial.unlink(missing_ok=True)
        # Writing nothing beside it, not even an empty -wal and -shm (a damaged plan whose
        # repair was refused had been left with both, "untouched").
        reader = sqlite3.connect(migrations.read_only_uri(Path(source)), uri=True)
        try:
            writer = sqlite3.connect(partial)
            try:
                reader.backup(writer)
                # The copy is a plain rollback-journal file: a single file, easy to move around.
                writer.execute("PRAGMA journal_mode = DELETE")
            finally:
                writer.close()
        finally:
            reader.close()
        partial.chmod(0o600)
        if whole and not reads_whole(partial):
            # A record gone bad (the file's pages whole, a title no longer text): fourteen
            # such days would have pushed every good copy out (a robustness audit).
            partial.unlink(missing_ok=True)
            raise StorageError(
                f"Today's backup was not taken: part of {Path(source).name} cannot be read "
                "(it may be damaged). Your earlier copies are kept; File › Restore from "
                "Backup… lists them."
            )
        _fsync(partial)
        partial.replace(target)
        _fsync(target.parent)
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        reason = getattr(error, "strerror", None) or error
        raise StorageError(f"Cannot back up {source} to {target.parent}: {reason}.") from None


def take_daily(database: Path, today: date, *, keep: int = KEEP_DAILY) -> Path | None:
    """Today's copy of `database`, unless one exists; then keep only the newest `keep` copies.

    Returns the new copy's path, or None when today's copy was already there.
    """
    database = Path(database).expanduser()
    target = backup_dir(database) / f"{_key(database)}-{today.isoformat()}.sqlite3"
    if target.exists():
        return None
    copy_database(database, target, whole=True)
    prune(database, keep=keep)
    return target


def reads_whole(path: Path) -> bool:
    """Whether every row of every table in `path` can be read, its text decoded (about
    30 ms for 10,000 activities): SQLite's own checks pass a text that is not UTF-8."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )]  # fmt: skip
        for table in tables:
            for _ in connection.execute(f"SELECT * FROM {storage_db.quoted_name(table)}"):
                pass
    except (sqlite3.Error, UnicodeDecodeError, ValueError):
        return False
    finally:
        connection.close()
    return True


def take_before_restore(database: Path, now: datetime) -> Path:
    """A copy of the current file taken just before a backup replaces its contents."""
    database = Path(database).expanduser()
    folder = backup_dir(database)
    moment = now
    # Two restores within one second must not overwrite the first copy (it may be the one
    # being restored next).
    while (folder / _before_restore_name(database, moment)).exists():
        moment += timedelta(seconds=1)
    target = folder / _before_restore_name(database, moment)
    copy_database(database, target)
    return target


def _before_restore_name(database: Path, moment: datetime) -> str:
    return f"{_key(database)}-{moment:%Y-%m-%d}-before-restore-{moment:%H%M%S}.sqlite3"


def prune(database: Path, *, keep: int = KEEP_DAILY) -> list[Path]:
    """Remove daily copies beyond the newest `keep`; copies taken before a restore stay."""
    daily = sorted(
        (found for found in _backup_paths(database) if _DAILY.match(found.name)),
        key=lambda found: found.name,
    )
    removed = daily[: max(len(daily) - keep, 0)]
    try:
        for old in removed:
            old.unlink(missing_ok=True)
    except OSError as error:
        raise StorageError(
            f"Cannot remove an old backup in {backup_dir(database)}: {error.strerror or error}."
        ) from None
    return removed


def list_backups(database: Path) -> list[BackupFile]:
    """The copies of `database` that can be restored, newest first.

    A copy that cannot be read as a Rekindle database is left out rather than offered.
    """
    found: list[BackupFile] = []
    for path in _backup_paths(database):
        daily = _DAILY.match(path.name)
        before = _BEFORE_RESTORE.match(path.name)
        match = before or daily
        if match is None:
            continue
        try:
            day = date.fromisoformat(match["day"])
            count, plan = _summary(path)
        except (ValueError, StorageError):
            continue
        found.append(
            BackupFile(
                path=path,
                day=day,
                before_restore=before is not None,
                activity_count=count,
                plan_name=plan,
            )
        )
    # Newest first; on one day, the copy made before a restore is newer than the daily one.
    found.sort(key=lambda backup: (backup.day, backup.before_restore, backup.path.name))
    found.reverse()
    return found


def up_to_date(backup: Path) -> Path:
    """`backup` itself when it holds this version's schema; else a copy of it brought up to
    date beside it (`backup` + ".upgrading"), which the caller removes after restoring it.

    Brought up to date before it replaces anything: a copy restored first and upgraded after
    left, when the upgrade failed, the plan replaced by a file at an old schema, while the
    person was told nothing had changed (an audit).
    """
    if migrations.check_file(backup) == migrations.SCHEMA_VERSION:
        return backup
    from planner.storage.models import ALL_TABLES

    staged = backup.with_name(backup.name + ".upgrading")
    remove_staged(staged)
    copy_database(backup, staged)
    upgrading = storage_db.RekindleDatabase(staged)
    try:
        upgrading.connect()
        with upgrading.bind_ctx(ALL_TABLES):  # the models write here while it is upgraded
            migrations.ensure_schema(upgrading)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        upgrading.close()
        remove_staged(staged)
        raise StorageError(
            f"The copy {backup.name} could not be brought up to this version of Rekindle "
            f"({error}). Nothing was restored, and your plan is as it was."
        ) from None
    upgrading.close()
    return staged


def remove_staged(staged: Path) -> None:
    """Remove a copy made by `up_to_date`, with any -wal and -shm beside it."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            staged.with_name(staged.name + suffix).unlink(missing_ok=True)


def restore_into(backup: Path, connection: sqlite3.Connection) -> None:
    """Replace the open database's contents with `backup`, in one step.

    SQLite's backup API writes the destination under its own write lock and journal, so an
    interrupted restore leaves the previous contents, never a mix.
    """
    migrations.check_file(backup)
    reader = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if reader.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise NotADatabaseError(f"The backup {backup.name} is damaged; nothing was restored.")
        reader.backup(connection)
    except sqlite3.Error as error:
        raise StorageError(f"Cannot restore {backup.name}: {error}. Nothing was changed.") from None
    finally:
        reader.close()


def set_aside_and_restore(database: Path, backup: Path, now: datetime) -> Path:
    """Move a file that cannot be opened out of the way (whole, with its -wal and -shm), then
    put a copy of `backup` in its place. Returns where the unreadable file now is.

    The unreadable file is renamed, never changed: whoever wants to rescue it still can.
    """
    # The file a link names: the link stays, pointing at the plan put in its place (the
    # link itself had been moved, and the plan written beside it, out of its folder).
    database = Path(database).expanduser().resolve()
    migrations.check_file(backup)
    kept = _unused_name(database, now)
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("", "-wal", "-shm"):
            source = database.with_name(database.name + suffix)
            if source.exists():
                target = kept.with_name(kept.name + suffix)
                source.rename(target)
                moved.append((target, source))
        copy_database(backup, database)
    except (OSError, StorageError) as error:
        for target, source in reversed(moved):  # put everything back as it was
            with contextlib.suppress(OSError):
                target.rename(source)
        reason = getattr(error, "strerror", None) or error
        raise StorageError(f"Cannot open the backup in place of {database}: {reason}.") from None
    return kept


def _unused_name(database: Path, now: datetime) -> Path:
    """A name beside `database` for setting it aside that nothing has, its -wal and -shm
    included: two set aside within one second (a repair, then a backup opened) had the
    second take the first's name, and rename put it over the file it kept."""
    moment = now
    while True:
        kept = database.with_name(f"{database.name}.unreadable-{moment:%Y%m%dT%H%M%S}")
        if not any(kept.with_name(kept.name + suffix).exists() for suffix in ("", "-wal", "-shm")):
            return kept
        moment += timedelta(seconds=1)


def _key(database: Path) -> str:
    """What a database's copies are named after: `rekindle` for `rekindle.sqlite3`, the whole
    name for any other file, so `plan.db` and `plan.sqlite3` never share copies."""
    database = Path(database)
    return database.stem if database.suffix == ".sqlite3" else database.name


def _backup_paths(database: Path) -> list[Path]:
    """The copies of exactly this database (not of `rekindle-new` for `rekindle`)."""
    folder = backup_dir(database)
    key = _key(database)
    try:
        if not folder.is_dir():
            return []
        found = [path for path in folder.iterdir() if path.is_file()]
    except OSError as error:
        raise StorageError(
            f"Cannot read the backups in {folder}: {error.strerror or error}."
        ) from None
    mine = []
    for path in found:
        match = _BEFORE_RESTORE.match(path.name) or _DAILY.match(path.name)
        if match is not None and match["stem"] == key:
            mine.append(path)
    return mine


def _summary(path: Path) -> tuple[int, str | None]:
    """Activity count and plan name of a copy, read without changing it."""
    migrations.check_file(path)
    try:
        reader = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise StorageError(f"Cannot read {path}: {error}.") from None
    try:
        count = int(reader.execute("SELECT count(*) FROM activity").fetchone()[0])
        row = reader.execute("SELECT name FROM plan ORDER BY id LIMIT 1").fetchone()
    except sqlite3.Error as error:
        raise StorageError(f"Cannot read {path}: {error}.") from None
    finally:
        reader.close()
    return count, (str(row[0]) if row and row[0] else None)


def _fsync(path: Path) -> None:
    """Flush a file or folder to disk so a power cut after the rename keeps the copy."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
