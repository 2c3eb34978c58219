"""A newer file that cancels an event imported before removes it (undoably), unless it was
changed here since; a cancelled occurrence of a series becomes a day left out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.domain.completions import Reflection
from planner.domain.ids import ActivityUid
from planner.domain.occurrences import Status
from planner.errors import NotFoundError
from planner.services.context import Services

from tests.cli.runner import Runner
from tests.zones import BERLIN

UID = ActivityUid("c1@google.com")
CONCERT = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VEVENT
DTSTAMP:20270101T000000Z
UID:c1@google.com
SEQUENCE:{sequence}
{status}SUMMARY:Concert
DTSTART;TZID=Europe/Berlin:20270410T200000
DTEND;TZID=Europe/Berlin:20270410T220000
END:VEVENT
END:VCALENDAR
"""
FIRST = CONCERT.format(sequence=0, status="")
CANCELLED = CONCERT.format(sequence=1, status="STATUS:CANCELLED\n")


def _bytes(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode()


def _concerts(services: Services) -> list[str]:
    plan = services.plans.require()
    shown = services.calendar.occurrences(plan, date(2027, 4, 10), date(2027, 4, 10))
    return [o.title for o in shown]


def test_a_newer_cancellation_removes_the_event_imported_before(services: Services) -> None:
    services.importer.import_bytes(_bytes(FIRST))
    plan = services.plans.require()
    assert plan is not None

    report, changes = services.importer.import_bytes(_bytes(CANCELLED))

    assert (report.added, report.updated, report.skipped) == (0, 1, ())
    assert [(r.line, r.what, r.reason) for r in report.removed] == [
        (4, "the event “Concert”", "it was cancelled in the file")
    ]
    assert _concerts(services) == []
    with pytest.raises(NotFoundError):
        services.activities.get(UID)
    assert UID in changes.uids
    (snapshot,) = report.replaced  # what undo puts back
    assert snapshot.activity.title == "Concert"


def test_a_cancellation_keeps_what_the_person_marked_and_wrote(services: Services) -> None:
    """A review: a newer cancellation removed a weekly series with its done marks and
    reflections, without a word, and the command line has no undo."""
    services.importer.import_bytes(_bytes(FIRST))
    plan = services.plans.require()
    (concert,) = services.calendar.occurrences(plan, date(2027, 4, 10), date(2027, 4, 10))
    services.progress.mark(plan, concert, Status.DONE, Reflection(learned="Music helps"))

    report, _ = services.importer.import_bytes(_bytes(CANCELLED))

    assert (report.updated, report.removed) == (0, ())
    (kept,) = report.skipped
    assert kept.reason == (
        "it was cancelled in the file, but you have marked it here, so it was kept"
    )
    assert _concerts(services) == ["Concert"]


def test_a_cancellation_keeps_a_copy_changed_here_since_and_says_so(services: Services) -> None:
    services.importer.import_bytes(_bytes(FIRST))
    plan = services.plans.require()
    concert = services.activities.get(UID)
    services.activities.update(plan, UID, replace(concert.draft(), title="Concert with Ana!"))

    report, _ = services.importer.import_bytes(_bytes(CANCELLED))

    assert (report.updated, report.removed) == (0, ())
    (kept,) = report.skipped
    assert kept.reason == (
        "it was cancelled in the file, but your copy was changed here after it was imported, "
        "so it was kept"
    )
    assert _concerts(services) == ["Concert with Ana!"]


def test_an_older_or_same_version_cancellation_leaves_the_copy(services: Services) -> None:
    services.importer.import_bytes(_bytes(CONCERT.format(sequence=1, status="")))

    # The same SEQUENCE, in a file made before the copy here was imported (23 November).
    older = CANCELLED.replace("DTSTAMP:20270101T000000Z", "DTSTAMP:20261101T000000Z")
    report, _ = services.importer.import_bytes(_bytes(older))

    assert (report.updated, report.removed) == (0, ())
    assert "it was cancelled in the file, but" in report.skipped[0].reason
    assert _concerts(services) == ["Concert"]


def test_a_cancelled_event_never_imported_is_skipped_as_before(services: Services) -> None:
    report, _ = services.importer.import_bytes(_bytes(CANCELLED))

    assert (report.added, report.updated, report.removed) == (0, 0, ())
    assert [(s.line, s.reason) for s in report.skipped] == [(4, "it was cancelled")]


def test_a_cancelled_occurrence_of_a_series_becomes_a_day_left_out(services: Services) -> None:
    series = FIRST.replace("END:VEVENT", "RRULE:FREQ=WEEKLY;COUNT=3\nEND:VEVENT")
    services.importer.import_bytes(_bytes(series))
    one_cancelled = series.replace("SEQUENCE:0", "SEQUENCE:1").replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\nDTSTAMP:20270101T000000Z\nUID:c1@google.com\nSEQUENCE:1\n"
        "STATUS:CANCELLED\nRECURRENCE-ID;TZID=Europe/Berlin:20270417T200000\n"
        "DTSTART;TZID=Europe/Berlin:20270417T200000\nSUMMARY:Concert\nEND:VEVENT\nEND:VCALENDAR",
    )

    report, _ = services.importer.import_bytes(_bytes(one_cancelled))

    assert (report.updated, report.removed) == (1, ())
    assert services.activities.get(UID).exdates == (datetime(2027, 4, 17, 20, 0),)
    plan = services.plans.require()
    shown = services.calendar.occurrences(plan, date(2027, 4, 1), date(2027, 4, 30))
    assert [o.start for o in shown] == [
        datetime(2027, 4, 10, 20, 0, tzinfo=BERLIN),
        datetime(2027, 4, 24, 20, 0, tzinfo=BERLIN),
    ]


def test_the_command_line_counts_it_updated_and_says_it_was_cancelled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path
) -> None:
    run = Runner(capsys, clock)
    db = str(tmp_path / "plan.sqlite3")
    first, cancelled = tmp_path / "v1.ics", tmp_path / "v2.ics"
    first.write_bytes(_bytes(FIRST))
    cancelled.write_bytes(_bytes(CANCELLED))
    assert run("import", "--db", db, str(first)).code == 0

    result = run("import", "--db", db, str(cancelled))

    assert result.code == 0, result.err
    assert result.out == (
        f"Imported {cancelled}: 0 added, 1 updated, 0 unchanged, 0 skipped.\n"
        "  removed line 4: the event “Concert”: it was cancelled in the file\n"
    )


def test_an_older_file_does_not_bring_back_what_a_newer_one_cancelled(
    services: Services,
) -> None:
    """Imported, cancelled by a newer file, then the older file imported again: the concert
    came back as new, though Google had cancelled it."""
    services.importer.import_bytes(_bytes(FIRST))
    services.importer.import_bytes(_bytes(CANCELLED))

    report, _ = services.importer.import_bytes(_bytes(FIRST))

    assert (report.added, report.updated) == (0, 0)
    (kept,) = report.skipped
    assert kept.reason == "a newer file you imported cancelled it, so it stays removed"
    assert _concerts(services) == []
    # Put back in Google (a higher SEQUENCE), it comes back; and then it is an ordinary copy.
    report, _ = services.importer.import_bytes(_bytes(CONCERT.format(sequence=2, status="")))
    assert report.added == 1 and _concerts(services) == ["Concert"]
    report, _ = services.importer.import_bytes(_bytes(FIRST))
    assert (report.added, report.updated, report.skipped) == (0, 0, ())
    assert _concerts(services) == ["Concert"]


def test_a_cancellation_from_a_calendar_without_sequence_is_judged_by_its_stamp(
    services: Services,
) -> None:
    """Cancelled by a file that keeps no SEQUENCE, at a later LAST-MODIFIED; the older copy at
    SEQUENCE 3 came back, its 3 taken as newer than a removal at "0"."""
    older = CONCERT.format(sequence=3, status="LAST-MODIFIED:20261101T000000Z\n")
    services.importer.import_bytes(_bytes(older))
    cancelling = CONCERT.replace("SEQUENCE:{sequence}\n", "").format(
        status="LAST-MODIFIED:20261201T000000Z\nSTATUS:CANCELLED\n"
    )
    report, _ = services.importer.import_bytes(_bytes(cancelling))
    assert len(report.removed) == 1

    report, _ = services.importer.import_bytes(_bytes(older))

    assert report.added == 0 and _concerts(services) == []
