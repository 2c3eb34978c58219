"""Opening the SQLite file: checks it is ours and whole before touching it, then sets pragmas."""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
import stat
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import peewee

from planner import paths
from planner.domain import text_match
from planner.errors import DamagedDatabaseError, NotADatabaseError, PlannerError, StorageError
from planner.storage import migrations

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from datetime import datetime

#: Models are bound to this proxy; `open_database` points it at a real file.
database = peewee.DatabaseProxy()

_SQLITE_HEADER = b"SQLite format 3\x00"
_PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    # FULL: a transaction the user saw confirmed survives a power cut, even in WAL mode.
    "synchronous": "full",
    "busy_timeout": 5000,
    # KiB. SQLite's own page cache sits on top of the system's file cache; 1 MB holds what a
    # month's read touches on a plan of 10,000 activities (bench/views.py shows no slower
    # reads than the 2 MB default), and start-up memory is one of the figures we watch.
    "cache_size": -1024,
}


class RekindleDatabase(peewee.SqliteDatabase):
    """An open Rekindle file that remembers which file it opened.

    SQLite keeps writing through its open handle after the file (or its folder) is moved or
    deleted, so every "saved" would go where no one can find it; `transaction` compares
    `identity` with what is at `path` before each commit.
    """

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        if read_only:
            # A file on a read-only disk: SQLite cannot make the -shm file WAL reading needs,
            # so it is read as it lies (see migrations.read_only_uri); writes are refused.
            super().__init__(migrations.read_only_uri(path), pragmas=_PRAGMAS, uri=True)
        else:
            super().__init__(str(path), pragmas=_PRAGMAS)
        # Search compares words as people read them (no case, no accents): see text_match.
        self.register_function(text_match.folded, "rekindle_fold", 1, deterministic=True)
        self.path = path
        self.read_only = read_only
        self.identity: tuple[int, int] | None = None
        self.failed = False
        self.handed_over = False  # see `handing_over`

    def close(self) -> bool:
        if self.failed:
            # A statement that failed halfway keeps its cursor in a reference cycle (peewee's
            # row wrapper refers to itself). SQLite closes a connection only once its cursors
            # are gone, and one left open leaves -wal and -shm files beside the database.
            gc.collect()
        return super().close()


def open_database(path: Path, *, now: datetime) -> peewee.SqliteDatabase:
    """Open (or create) the Rekindle database at `path` and bring its schema up to date
    (`now` names the copy taken before an upgrade).

    A file that is not a Rekindle database, is damaged, or comes from a newer version raises
    a StorageError subclass and is left exactly as it was. A file that cannot be written (a
    read-only disk or folder, or a file its owner made read-only) opens for reading only.
    """
    path = Path(path).expanduser()
    found = _stat(path)
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise StorageError(f"{path} is a folder, not a Rekindle database file.")
    if found is not None and not stat.S_ISREG(found.st_mode):
        # A device or a pipe: reading one could hang, and setting its mode would change it.
        raise StorageError(
            f"{path} is not a file (it is a device or a pipe), so it cannot hold a Rekindle "
            "plan. It was left untouched."
        )
    backup: Path | None = None
    read_only, version = False, 0
    if found is not None and found.st_size > 0:
        _read_header(path)
        version = migrations.check_file(path)
        read_only = not _writable(path)
    if found is not None and found.st_nlink > 1 and not read_only:
        # SQLite keeps its journal beside the name it was opened by: a save made through one
        # name was lost when the other's journal was written back (a data-safety trial lost
        # two activities to a hard link, with a window on each name). Read as it lies, a
        # snapshot's hard link (rsnapshot, a deduplicated folder) writes nothing: it opens.
        raise StorageError(
            f"{path} has a second name on this disk (a hard link), and changes saved through "
            "two names can be lost, so it was not opened. Please copy it to a file of its own "
            "and open the copy (rekindle --db COPY); the file was left untouched."
        )
    if found is not None and found.st_size > 0:
        if read_only and version < migrations.SCHEMA_VERSION:
            raise StorageError(
                f"{path} was saved by an older version of Rekindle and needs updating before it "
                "opens, but it is on a disk or in a folder that cannot be written. Please copy it "
                "to a folder you can save to and open the copy (rekindle --db COPY); the file "
                "was left untouched."
            )
        if 0 < version < migrations.SCHEMA_VERSION:
            # Before any connection with our pragmas (WAL) touches the file: an exact copy.
            backup = migrations.backup_before_migration(path, version, now)
    else:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                f"Cannot create the folder {path.parent}: {error.strerror or error}."
            ) from None
        try:
            # Readable by its owner alone before SQLite writes a byte: SQLite gives the -wal
            # and -shm files beside it the database file's own permissions.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        except OSError as error:
            raise StorageError(f"Cannot create {path}: {error.strerror or error}.") from None
    if found is None or found.st_nlink <= 1:  # a file shared with another name is left be
        with contextlib.suppress(OSError):  # only its owner may read it; read-only stays so
            path.chmod(stat.S_IMODE(path.stat().st_mode) & 0o700 or 0o600)
    db = RekindleDatabase(path, read_only=read_only)
    sides = _sides(path)
    try:
        db.connect()
        database.initialize(db)
        migrations.ensure_schema(db)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        failure = _failure(db, error)
        db.close()
        if backup is not None:
            # Why, in words: a full disk had been said as "disk I/O error", or as "cannot
            # rollback - no transaction is active" (a data-safety trial).
            why = _trouble(error) or str(error)
            raise StorageError(
                f"{path} could not be upgraded to this version of Rekindle: {why}. The "
                f"upgrade was undone, so the file is as it was; a copy taken before it is {backup}."
            ) from None
        raise failure from None
    db.identity = _identity(path)
    for side in sides:
        with contextlib.suppress(OSError):  # left by an earlier version, readable by others
            side.chmod(0o600)
    return db


@contextlib.contextmanager
def transaction(db: peewee.SqliteDatabase) -> Iterator[None]:
    """One user action: all of it is saved, or none of it (nested calls become savepoints).

    Database failures (locked by another program, disk full, file gone) become StorageError
    with a plain message; the transaction is rolled back first. Refused while a long one has
    handed the window control (`handing_over`).
    """
    if isinstance(db, RekindleDatabase) and db.handed_over:
        raise StorageError(
            "Rekindle is still saving a long change (an import). Please try again once it "
            "has finished. Nothing was changed."
        )
    outermost = not db.in_transaction()
    # The outermost one takes the write lock at once (BEGIN IMMEDIATE): a transaction that
    # reads first and then writes gets "busy" at once from SQLite, in WAL mode, when another
    # connection wrote meanwhile; only a lock taken up front waits for busy_timeout.
    immediate = outermost and not is_read_only(db)
    try:
        with db.atomic("IMMEDIATE") if immediate else db.atomic():
            yield
            if outermost:
                _check_still_there(db)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        raise _failure(db, error) from None


@contextlib.contextmanager
def handing_over(db: peewee.SqliteDatabase) -> Iterator[None]:
    """Let the window answer in the middle of a long transaction (an import's progress),
    refusing the writes it would make meanwhile (see `transaction`).

    They would have joined the transaction as savepoints: an activity edited then was lost
    without a word when the import was cancelled (an audit).
    """
    if not isinstance(db, RekindleDatabase):
        yield
        return
    db.handed_over = True
    try:
        yield
    finally:
        db.handed_over = False


def discard_if(db: peewee.SqliteDatabase, unused: Callable[[], bool]) -> bool:
    """Close `db` and delete its file (with -wal and -shm) when `unused()` says so, judged
    and deleted with the write lock held. Another program saving into the file at that moment
    is waited for, and its work then seen, so it is kept; one that writes after finds the file
    gone and says so, never exiting as if it had saved. True when the file was deleted; in
    doubt (busy past the timeout, unreadable) it stays."""
    path = _path_of(db)
    try:
        with db.atomic("IMMEDIATE"):
            if not unused():
                return False
            paths.remove_database(path)
            return True
    except (peewee.DatabaseError, sqlite3.DatabaseError, PlannerError, OSError):
        return not path.exists()
    finally:
        db.close()


def is_read_only(db: peewee.SqliteDatabase) -> bool:
    """Whether `db` was opened for reading only (see open_database)."""
    return isinstance(db, RekindleDatabase) and db.read_only


def outside_version(db: peewee.SqliteDatabase) -> int:
    """SQLite's `PRAGMA data_version`: it moves when another connection (another process, such
    as `rekindle add`) committed to this file, and never for this connection's own commits."""
    if db.is_closed():  # asking must not open the file again (peewee would reconnect)
        raise StorageError(f"{_path_of(db)} is closed.")
    try:
        return migrations.pragma(db, "data_version")
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        raise _failure(db, error) from None


def explain(error: BaseException) -> StorageError:
    """A plain StorageError for a database failure on the open file (for reads outside a
    transaction, where a damaged file usually shows first)."""
    return _failure(database.obj, error)


def damaged() -> DamagedDatabaseError:
    """The error for a stored value no version of Rekindle could have written."""
    opened = database.obj
    if isinstance(opened, RekindleDatabase):
        opened.failed = True  # the read that met it may have stopped halfway
    path = _path_of(opened)
    return DamagedDatabaseError(
        f"{path} is damaged: some of what it holds cannot be read. Nothing was changed."
    )


def _failure(db: object, error: BaseException) -> StorageError:
    """The plain error for `error`, letting go of the statement that failed.

    The error's frames hold the failed statement's cursor; clearing them (and collecting at
    close, see RekindleDatabase) lets the connection close cleanly even while the plain error
    is still being shown.
    """
    for cause in _causes(error):
        traceback.clear_frames(cause.__traceback__)
    if isinstance(db, RekindleDatabase):
        db.failed = True
    return _explain(_path_of(db), error)


def _path_of(db: object) -> Path:
    """The file `db` reads, as the person named it (a read-only one is opened through a URI)."""
    if isinstance(db, RekindleDatabase):
        return db.path
    return Path(db.database) if isinstance(db, peewee.SqliteDatabase) else Path("?")


def _stat(path: Path) -> os.stat_result | None:
    """What is at `path` (following links), None if nothing; a path the system refuses to look
    at (a name too long, a folder that may not be searched) is a plain error."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StorageError(f"Cannot use {path}: {error.strerror or error}.") from None


def _sides(path: Path) -> tuple[Path, Path]:
    """The -wal and -shm files SQLite keeps beside a database in WAL mode."""
    return (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))


def _writable(path: Path) -> bool:
    """Whether SQLite could write `path` and the -wal and -shm files beside it (made in its
    folder, or there already and writable themselves)."""
    if not os.access(path, os.W_OK):
        return False
    return os.access(path.parent, os.W_OK) or all(os.access(side, os.W_OK) for side in _sides(path))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def _check_still_there(db: peewee.SqliteDatabase) -> None:
    """Refuse to commit into a file that was moved, replaced or deleted while open."""
    if not isinstance(db, RekindleDatabase) or db.identity is None:
        return
    if _identity(db.path) != db.identity:
        raise StorageError(
            f"{db.path} is no longer there: it (or its folder) was moved, replaced or deleted "
            "while Rekindle had it open. This change was not saved; please open the file from "
            "where it is now."
        )


def _read_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror or error}.") from None
    if header[: len(_SQLITE_HEADER)] != _SQLITE_HEADER:
        raise NotADatabaseError(
            f"{path} is not a Rekindle database (it is not an SQLite file). It was left untouched."
        )
    # SQLite files are whole pages. A partial last page passes SQLite's own checks (it reads
    # the missing bytes as zeros), so a file cut mid-page is caught here.
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if len(header) < 100 or page_size < 512 or size % page_size:
        raise DamagedDatabaseError(
            f"{path} is damaged (it was cut short) and cannot be read safely. "
            "It was left untouched."
        )


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error and what it interrupted.

    SQLite rolls a transaction back by itself after some failures (a full disk); peewee's own
    rollback then fails with "no transaction is active", and the real cause is its context.
    """
    seen: BaseException | None = error
    for _ in range(5):
        if seen is None:
            return
        yield seen
        seen = seen.__cause__ or seen.__context__


_READ_ONLY = "the file or its folder is read-only"
_FULL = "the disk is full"
_BUSY = "another program (or another Rekindle window) is using it"
_FAILING = "the disk could not be read or written (it may be full, disconnected or failing)"


def _trouble(error: BaseException) -> str | None:
    """What stopped a write, in words, when it was the disk or another program (one place
    for what SQLite's messages mean: `_explain` and an upgrade's failure both say it)."""
    text = " ".join(str(cause).lower() for cause in _causes(error))
    if "readonly" in text or "read-only" in text:
        return _READ_ONLY
    if "is full" in text:
        return _FULL
    if "locked" in text or "busy" in text:
        return _BUSY
    if "disk i/o error" in text:
        return _FAILING
    return None


def _explain(path: Path, error: BaseException) -> StorageError:
    text = " ".join(str(cause).lower() for cause in _causes(error))
    trouble = _trouble(error)
    if trouble == _READ_ONLY or "unable to open" in text:
        return StorageError(f"Cannot write to {path}: {_READ_ONLY}. Nothing was changed.")
    if trouble == _FULL:
        return StorageError(f"Cannot save to {path}: {_FULL}. Nothing was changed.")
    if trouble == _BUSY:
        return StorageError(
            f"{path} is busy: {_BUSY}. Please close it and try again; nothing was changed."
        )
    if trouble == _FAILING:
        return StorageError(f"Cannot use {path}: {_FAILING}. Nothing was changed.")
    if "malformed" in text or "not a database" in text or "could not decode" in text:
        return DamagedDatabaseError(f"{path} is damaged and cannot be read. It was left untouched.")
    if "no such table" in text or "no such column" in text:
        # Its version says this Rekindle's, but part of it is gone (changed by hand, or by a
        # tool that tidied it): as damaged as a torn page, and as recoverable from a copy.
        return DamagedDatabaseError(
            f"{path} is damaged: part of the plan is missing. It was left untouched."
        )
    return StorageError(f"Cannot use {path}: {error}.")


def quoted_name(name: str) -> str:
    """An SQL identifier (a table's, a column's), quoted as SQLite reads it."""
    return '"' + name.replace('"', '""') + '"'
