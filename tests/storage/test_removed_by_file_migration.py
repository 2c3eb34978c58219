"""Schema v10 adds the table of imported events a newer file cancelled: an older file gains
it, empty, and keeps everything else."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from planner.clock import FixedClock
from planner.domain.removals import RemovedByFile
from planner.services import context
from planner.storage import migrations
from planner.storage.repositories import RemovedByFileRepository

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
    assert version == migrations.SCHEMA_VERSION >= 10
    assert "removed_by_file" in names
    assert len(list(tmp_path.glob("old.sqlite3.v9-*.bak"))) == 1


def test_a_version_10_file_keeps_its_removals_and_takes_one_without_sequence(
    tmp_path: Path, clock: FixedClock
) -> None:
    """v10 made a removal's SEQUENCE required: a cancellation from a calendar keeping none
    then failed with "NOT NULL constraint failed"."""
    path = tmp_path / "old.sqlite3"
    context.open_services(v1_file(path), clock).close()
    downgrade(path, 10)
    connection = sqlite3.connect(path)
    plan_id = connection.execute("SELECT id FROM plan").fetchone()[0]
    connection.execute(
        "INSERT INTO removed_by_file (uid, plan_id, sequence, modified) VALUES (?, ?, 1, NULL)",
        ("gone@google.com", plan_id),
    )
    connection.commit()
    connection.close()

    services = context.open_services(path, clock)
    try:
        plan = services.plans.require()
        removed = RemovedByFileRepository()
        assert removed.get_many(["gone@google.com"]) == {
            "gone@google.com": RemovedByFile("gone@google.com", 1)
        }
        removed.set(plan.id, RemovedByFile("other@calendar", None))  # no SEQUENCE kept there
        assert removed.get_many(["other@calendar"])["other@calendar"].sequence is None
    finally:
        services.close()
