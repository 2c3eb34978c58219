"""Files in older schemas, for the migration tests: the v1 script, and a current file taken
back to any later version by undoing the steps above it (one table, kept beside the ladder)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

V1_SCRIPT = Path(__file__).parent / "data" / "schema" / "v1.sql"

#: What each schema version added, undone (newest first when applied).
_UNDO: dict[int, tuple[str, ...]] = {
    13: ("ALTER TABLE plan DROP COLUMN steps_checked_on",),
    12: ("ALTER TABLE activity DROP COLUMN kept_note",),
    11: (  # the v10 shape: SEQUENCE required
        "DROP TABLE removed_by_file",
        'CREATE TABLE "removed_by_file" ("uid" TEXT NOT NULL PRIMARY KEY, "plan_id" INTEGER '
        'NOT NULL, "sequence" INTEGER NOT NULL, "modified" TEXT, FOREIGN KEY ("plan_id") '
        'REFERENCES "plan" ("id") ON DELETE CASCADE)',
    ),
    10: ("DROP TABLE removed_by_file",),
    9: ("ALTER TABLE activity DROP COLUMN imported_modified",),
    8: ("ALTER TABLE activity DROP COLUMN imported_revision",),
    7: ("DROP TABLE reminder", "DROP TABLE reminder_settings"),
    6: (
        "ALTER TABLE plan DROP COLUMN no_contact_since",
        "ALTER TABLE plan DROP COLUMN boundary_reason",
        "ALTER TABLE plan DROP COLUMN checkin_weeks",
        "ALTER TABLE plan DROP COLUMN last_checkin",
        "ALTER TABLE activity DROP COLUMN cancelled",
    ),
    5: (
        "ALTER TABLE plan DROP COLUMN contacts_per_week",
        "ALTER TABLE plan DROP COLUMN min_gap_hours",
    ),
    4: ("DROP TABLE pause",),
}


def v1_file(path: Path) -> Path:
    """A database as the first Rekindle wrote it (tests/data/schema/v1.sql)."""
    connection = sqlite3.connect(path)
    connection.executescript(V1_SCRIPT.read_text(encoding="utf-8"))
    connection.commit()
    connection.close()
    return path


def downgrade(path: Path, version: int) -> Path:
    """Take a current, closed file back to `version`, and forget the backups migrating made."""
    connection = sqlite3.connect(path)
    for step in sorted(_UNDO, reverse=True):
        if step > version:
            for statement in _UNDO[step]:
                connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {int(version)}")
    connection.commit()
    connection.close()
    for backup in path.parent.glob(f"{path.name}.v*.bak"):
        backup.unlink()
    return path


def schema_of(path: Path) -> tuple[int, set[str]]:
    """The file's schema version and the names of its tables and indexes."""
    connection = sqlite3.connect(path)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        return version, names
    finally:
        connection.close()
