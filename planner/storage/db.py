"""Opening the SQLite file: checks that it is ours before touching it, then sets the pragmas."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import peewee

from planner.errors import NotADatabaseError, StorageError
from planner.storage import migrations

#: Models are bound to this proxy; `open_database` points it at a real file.
database = peewee.DatabaseProxy()

_SQLITE_HEADER = b"SQLite format 3\x00"
_PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    # FULL: a transaction the user saw confirmed survives a power cut, even in WAL mode.
    "synchronous": "full",
    "busy_timeout": 5000,
}


def open_database(path: Path) -> peewee.SqliteDatabase:
    """Open (or create) the Rekindle database at `path` and bring its schema up to date.

    A file that is not a Rekindle database, is damaged, or comes from a newer version raises
    a StorageError subclass and is left exactly as it was.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a Rekindle database file.")
    if path.exists() and path.stat().st_size > 0:
        _read_header(path)
        version = migrations.check_file(path)
        if 0 < version < migrations.SCHEMA_VERSION:
            # Before any connection with our pragmas (WAL) touches the file: an exact copy.
            migrations.backup_before_migration(path, version)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                f"Cannot create the folder {path.parent}: {error.strerror or error}."
            ) from None
    db = peewee.SqliteDatabase(str(path), pragmas=_PRAGMAS)
    try:
        db.connect()
        database.initialize(db)
        migrations.ensure_schema(db)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        db.close()
        raise _explain(path, error) from None
    with contextlib.suppress(OSError):  # a read-only location still opens for reading
        path.chmod(0o600)
    return db


@contextlib.contextmanager
def transaction(db: peewee.SqliteDatabase) -> Iterator[None]:
    """One user action: all of it is saved, or none of it (nested calls become savepoints).

    Database failures (locked by another program, disk full, file gone) become StorageError
    with a plain message; the transaction is rolled back first.
    """
    try:
        with db.atomic():
            yield
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        raise _explain(Path(db.database), error) from None


def _read_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror or error}.") from None
    if header != _SQLITE_HEADER:
        raise NotADatabaseError(
            f"{path} is not a Rekindle database (it is not an SQLite file). It was left untouched."
        )


def _explain(path: Path, error: Exception) -> StorageError:
    text = str(error).lower()
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageError(f"Cannot write to {path}: the file or its folder is read-only.")
    if "disk is full" in text or "full" in text:
        return StorageError(f"Cannot save to {path}: the disk is full.")
    if "locked" in text or "busy" in text:
        return StorageError(
            f"{path} is busy: another program (or another Rekindle window) is using it. "
            "Please close it and try again; nothing was changed."
        )
    if "malformed" in text or "not a database" in text:
        return NotADatabaseError(f"{path} is damaged and cannot be read. It was left untouched.")
    return StorageError(f"Cannot use {path}: {error}.")
