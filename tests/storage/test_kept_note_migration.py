"""Schema v12 marks the notes kept in an urge moment: an older file gains the mark, its
activities none of them (they were all plans, as far as anyone can tell)."""

from __future__ import annotations

from pathlib import Path

from planner.clock import FixedClock
from planner.domain.ids import ActivityUid
from planner.services import context
from planner.storage import migrations

from tests.schema_files import downgrade, v1_file

COFFEE = ActivityUid("one-off@rekindle")


def test_a_version_11_file_gains_the_kept_note_mark(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "old.sqlite3"
    context.open_services(v1_file(path), clock).close()
    downgrade(path, 11)

    services = context.open_services(path, clock)
    try:
        assert services.activities.get(COFFEE).kept_note is False
    finally:
        services.close()
    assert len(list(tmp_path.glob("old.sqlite3.v11-*.bak"))) == 1
    assert migrations.SCHEMA_VERSION >= 12
