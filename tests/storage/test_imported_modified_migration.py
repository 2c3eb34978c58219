"""Schema v9 adds the stamp of the file an activity was last imported from: older files gain
the column, keep their rows (no stamp known yet), and a later import records it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from planner.clock import FixedClock
from planner.domain.ids import ActivityUid
from planner.services import context
from planner.storage import migrations

from tests.schema_files import downgrade, v1_file

COFFEE = ActivityUid("one-off@rekindle")
LUNCH = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
BEGIN:VEVENT\r
DTSTAMP:20270101T000000Z\r
LAST-MODIFIED:20261101T120000Z\r
UID:t1@google.com\r
SEQUENCE:0\r
SUMMARY:Lunch\r
DTSTART;TZID=Europe/Berlin:20270310T120000\r
DTEND;TZID=Europe/Berlin:20270310T130000\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_version_8_file_gains_the_imported_stamp(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "old.sqlite3"
    context.open_services(v1_file(path), clock).close()
    downgrade(path, 8)

    services = context.open_services(path, clock)
    try:
        assert services.activities.get(COFFEE).imported_modified is None
        services.importer.import_bytes(LUNCH)
    finally:
        services.close()
    assert len(list(tmp_path.glob("old.sqlite3.v8-*.bak"))) == 1

    services = context.open_services(path, clock)
    try:
        lunch = services.activities.get(ActivityUid("t1@google.com"))
        assert lunch.imported_modified == datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
        assert migrations.SCHEMA_VERSION >= 9
    finally:
        services.close()
