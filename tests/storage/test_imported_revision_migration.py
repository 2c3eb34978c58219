"""Schema v8 adds the revision an import gave each activity: older files gain the column, keep
their rows (nothing counts as imported yet), and a later import records it."""

from __future__ import annotations

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
UID:t1@google.com\r
SEQUENCE:3\r
SUMMARY:Lunch\r
DTSTART;TZID=Europe/Berlin:20270310T120000\r
DTEND;TZID=Europe/Berlin:20270310T130000\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_version_7_file_gains_the_imported_revision(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "old.sqlite3"
    context.open_services(v1_file(path), clock).close()
    downgrade(path, 7)

    services = context.open_services(path, clock)
    try:
        assert services.activities.get(COFFEE).imported_revision is None
        services.importer.import_bytes(LUNCH)
    finally:
        services.close()
    assert len(list(tmp_path.glob("old.sqlite3.v7-*.bak"))) == 1

    services = context.open_services(path, clock)
    try:
        lunch = services.activities.get(ActivityUid("t1@google.com"))
        assert (lunch.revision, lunch.imported_revision) == (3, 3)
        assert migrations.SCHEMA_VERSION >= 8
    finally:
        services.close()
