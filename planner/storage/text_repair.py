"""Words damaged on the disk: a stored text that is no longer UTF-8 (a flipped bit, a value
written by another tool) stops every read of the plan, though the file is otherwise whole.

Where the damage is only in words people wrote (titles, places, notes, reflections, names),
a repaired copy can take the file's place: each damaged value keeps its readable letters, and
the bytes that are not text become U+FFFD ("�"), which marks the spot. Damage elsewhere (a
date, an identifier, a repeat rule) cannot be guessed back, and only a backup helps there.
The damaged file itself is never changed: it is set aside under a new name, as a backup
opened in its place leaves it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import PlannerError, StorageError
from planner.storage import backups, migrations
from planner.storage import db as storage_db

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

#: The columns holding words people wrote, by table: what a repair may change. Every other
#: column holds a code, a date or an identifier, read back exactly or not at all.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "plan": ("name", "partner_name"),
    "activity": ("title", "location", "notes"),
    "occurrence_override": ("title", "location", "notes"),
    "completion": ("reflection", "learned"),
}


@dataclass(frozen=True, slots=True)
class TextDamage:
    """How many stored texts cannot be read: in words people wrote (`words`, which a repair
    mends) and elsewhere (`other`, which it cannot)."""

    words: int
    other: int

    @property
    def repairable(self) -> bool:
        return self.words > 0 and self.other == 0


def damage(path: Path) -> TextDamage | None:
    """The texts of `path` that are not UTF-8, or None when the file is damaged in another
    way too (SQLite's own check fails, or it cannot be read at all): a repair of its words
    would not be enough. Reads only (about 40 ms for 10,000 activities)."""
    try:
        connection = sqlite3.connect(migrations.read_only_uri(Path(path)), uri=True)
    except sqlite3.Error:
        return None
    try:
        if connection.execute("PRAGMA quick_check").fetchone() != ("ok",):
            return None
        words = other = 0
        for table, column, _rowid, _value in _undecodable(connection):
            if column in FREE_TEXT.get(table, ()):
                words += 1
            else:
                other += 1
        return TextDamage(words, other)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def repair(
    database: Path, now: datetime, *, check: Callable[[Path], None] | None = None
) -> tuple[Path, int]:
    """Put a copy of `database` whose damaged words are mended in its place, and set the
    damaged file aside (renamed, whole). Returns where the damaged file now is, and how many
    texts were mended.

    Refused (StorageError, the file untouched) unless the words alone are damaged and the
    mended copy then reads back whole, and passes `check` (which raises StorageError when
    the plan in the copy cannot be read: a date that is text but no date).
    """
    database = Path(database).expanduser().resolve()  # a link's file, the link kept
    mended = database.with_name(database.name + ".mending")
    try:
        try:
            backups.copy_database(database, mended)
            count = _mend(mended, database)
            if not backups.reads_whole(mended):
                raise _RefusedError(_beyond_words(database))
            if check is not None:
                try:
                    check(mended)
                except PlannerError:
                    raise _RefusedError(_beyond_words(database)) from None
            kept = backups.set_aside_and_restore(database, mended, now)
        except _RefusedError:
            raise
        except StorageError as error:
            raise StorageError(
                f"{database} could not be repaired: {_reason(error)}. It was left as it was."
            ) from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                mended.with_name(mended.name + suffix).unlink(missing_ok=True)
    return kept, count


class _RefusedError(StorageError):
    """A repair refused for what the file holds (said as it is, not as a failure to write)."""


def _beyond_words(database: Path) -> str:
    return (
        f"{database} cannot be repaired: more of it than its words is damaged. "
        "It was left untouched."
    )


def _reason(error: StorageError) -> str:
    """Why a copy or a rename failed, without the names of the files made on the way
    ("Cannot back up …/plan.sqlite3.mending to …: No space left on device." says the
    last part)."""
    reason = error.message.rstrip(".").rpartition(": ")[2]
    return reason[:1].lower() + reason[1:] if reason else "the file could not be written"


def _mend(path: Path, database: Path) -> int:
    """Mend the damaged words of `path` (a copy of `database`) in one transaction; refused if
    anything else is damaged."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        found = list(_undecodable(connection))
        if not found or any(column not in FREE_TEXT.get(table, ()) for table, column, *_ in found):
            raise _RefusedError(
                f"{database} cannot be repaired: what is damaged is not only words. "
                "It was left untouched."
            )
        connection.execute("BEGIN IMMEDIATE")
        try:
            for table, column, rowid, value in found:
                connection.execute(
                    f"UPDATE {storage_db.quoted_name(table)} SET "
                    f"{storage_db.quoted_name(column)} = ? WHERE rowid = ?",
                    (value.decode("utf-8", "replace"), rowid),
                )
            connection.execute("COMMIT")
        except sqlite3.Error:
            connection.execute("ROLLBACK")
            raise
        return len(found)
    except sqlite3.Error as error:
        raise StorageError(f"{error}.") from None  # its reason alone: see `repair`
    finally:
        connection.close()


def _undecodable(connection: sqlite3.Connection) -> list[tuple[str, str, int, bytes]]:
    """(table, column, rowid, bytes) of every stored text that is not UTF-8."""
    connection.text_factory = bytes
    tables = [bytes(row[0]).decode() for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )]  # fmt: skip
    found = []
    for table in tables:
        quoted = storage_db.quoted_name(table)
        columns = [bytes(row[1]).decode() for row in connection.execute(
            f"PRAGMA table_info({quoted})"
        )]  # fmt: skip
        for column in columns:
            name = storage_db.quoted_name(column)
            rows = connection.execute(
                f"SELECT rowid, {name} FROM {quoted} WHERE typeof({name}) = 'text'"
            )
            for rowid, value in rows:
                try:
                    value.decode("utf-8")
                except UnicodeDecodeError:
                    found.append((table, column, rowid, value))
    return found
