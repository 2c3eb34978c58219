"""Schema v10 adds the table of imported events a newer file cancelled: an older file gains
it, empty, and keeps everything else."""

from __future__ import annotations

from pathlib import Path

from planner.clock import FixedClock
from planner.services import context
from planner.storage import migrations

from tests.schema_files import downgrade, schema_of, v1_file


def test_a_version_9_file_gains_the_removed_by_file_table(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "old.sqlite3"
    context.open_services(v1_file(path), clock).close()
    downgrade(path, 9)
    assert "removed_by_file" not in schema_of(path)[1]

    context.open_services(path, clock).close()

    version, names = schema_of(path)
    assert version == migrations.SCHEMA_VERSION == 10
    assert "removed_by_file" in names
    assert len(list(tmp_path.glob("old.sqlite3.v9-*.bak"))) == 1
