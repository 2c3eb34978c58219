"""Schema versions: a numbered ladder of steps, with a copy of the file taken before any step."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import peewee

from planner.errors import NewerDatabaseError, NotADatabaseError, StorageError

#: The schema this code writes. Bump it and append a step to `_STEPS` for every change.
SCHEMA_VERSION = 1
#: Written to SQLite's application_id header field so a Rekindle file can be told apart.
APPLICATION_ID = 0x524B444C  # "RKDL"


def check_file(path: Path, _header: bytes) -> None:
    """Refuse, without modifying it, a SQLite file that is not ours or is too new."""
    try:
        # as_uri() percent-encodes '#', '?' and '%', which a hand-built file: URI would misread.
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise StorageError(f"Cannot open {path}: {error}.") from None
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError:
        raise NotADatabaseError(
            f"{path} is damaged and cannot be read. It was left untouched."
        ) from None
    finally:
        connection.close()
    if app_id == 0 and version == 0 and tables == 0:
        return  # an empty SQLite file: safe to set up
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


def ensure_schema(db: peewee.SqliteDatabase, path: Path) -> None:
    """Create the tables in a new file, or migrate an older one after backing it up."""
    from planner.storage.models import ALL_TABLES

    version = int(_pragma(db, "user_version"))
    if version == SCHEMA_VERSION:
        return
    if version == 0:
        with db.atomic():
            db.create_tables(ALL_TABLES)
            _pragma(db, "application_id", APPLICATION_ID)
            _pragma(db, "user_version", SCHEMA_VERSION)
        return
    backup_before_migration(path, version)
    for step_version, step in _STEPS:
        if version < step_version:
            with db.atomic():
                step(db)
                _pragma(db, "user_version", step_version)
            version = step_version


def _pragma(db: peewee.SqliteDatabase, name: str, value: int | None = None) -> int:
    """Read or set an integer pragma on the open connection."""
    # peewee's stubs leave connection() untyped; it is the plain sqlite3 connection.
    connection = cast("Callable[[], sqlite3.Connection]", db.connection)()
    if value is not None:
        connection.execute(f"PRAGMA {name} = {int(value)}")
    return int(connection.execute(f"PRAGMA {name}").fetchone()[0])


def backup_before_migration(path: Path, version: int) -> Path:
    """Copy the file aside (with its WAL) before changing its schema; returns the copy's path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    shutil.copy2(path, target)
    return target


#: (version reached, step) in order; step 1 is the initial schema created above.
_STEPS: list[tuple[int, Callable[[peewee.SqliteDatabase], None]]] = []
