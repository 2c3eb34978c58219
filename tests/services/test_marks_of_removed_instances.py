"""A done mark whose day a newer file took out of the series: kept, but neither exported
nor counted, as the calendar no longer shows that day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import recurring_ical_events  # type: ignore[import-untyped]
from planner.domain.occurrences import Status
from planner.domain.plans import Plan
from planner.services.context import Services
from planner.services.interop import ExportRequest

from tests.zones import BERLIN

UID = "w1@google.com"
#: A weekly walk on Mondays at 9:00 from 30 November 2026, as Google writes it; {rule} and
#: {extra} are filled in per version of the file.
WALK = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VEVENT
DTSTAMP:20270101T000000Z
UID:w1@google.com
SEQUENCE:{sequence}
SUMMARY:Weekly walk
DTSTART;TZID=Europe/Berlin:20261130T090000
DTEND;TZID=Europe/Berlin:20261130T100000
RRULE:{rule}
{extra}END:VEVENT
END:VCALENDAR
"""
FIRST = datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)
THIRD = datetime(2026, 12, 14, 9, 0, tzinfo=BERLIN)
FOURTH = datetime(2026, 12, 21, 9, 0, tzinfo=BERLIN)

#: Newer versions of the file that no longer have the fourth walk: the series shortened
#: (as in the review's repro), or that day left out with an EXDATE.
SHORTENED = WALK.format(sequence=2, rule="FREQ=WEEKLY;COUNT=2", extra="")
LEFT_OUT = WALK.format(
    sequence=1, rule="FREQ=WEEKLY;COUNT=4", extra="EXDATE;TZID=Europe/Berlin:20261221T090000\n"
)


def _walk_file(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode()


def _marked_then_updated(services: Services, newer: str, *marked: datetime) -> Plan:
    """The first version imported, `marked` walks marked done, then `newer` imported."""
    services.importer.import_bytes(_walk_file(WALK.format(sequence=0, rule="FREQ=WEEKLY;COUNT=4",
                                                          extra="")))  # fmt: skip
    plan = services.plans.require()
    for start in marked:
        services.progress.mark(plan, services.progress.find(plan, UID, start), Status.DONE)
    report, _ = services.importer.import_bytes(_walk_file(newer))
    assert report.updated == 1
    return plan


def _reader_starts(data: bytes) -> list[datetime]:
    """The walks an independent reader (recurring-ical-events) finds in an export."""
    calendar = icalendar.Calendar.from_ical(data)
    low = datetime.combine(date(2026, 11, 1), time(0), tzinfo=BERLIN)
    found = recurring_ical_events.of(calendar).between(low, low + timedelta(days=90))
    return sorted(event.decoded("DTSTART") for event in found)


@pytest.mark.parametrize("newer", [SHORTENED, LEFT_OUT], ids=["shortened", "day-left-out"])
def test_an_export_leaves_out_a_mark_whose_day_the_series_no_longer_has(
    services: Services, newer: str
) -> None:
    plan = _marked_then_updated(services, newer, FIRST, FOURTH)

    data, _, events = services.interop.export_bytes(plan, ExportRequest())

    listed = [o.start for o in services.calendar.occurrences(plan, date(2026, 11, 1),
                                                             date(2027, 1, 31))]  # fmt: skip
    assert FOURTH not in listed
    assert _reader_starts(data) == listed  # no ghost walk on 21 December
    assert events == 2  # the series, and the first walk with its check mark
    (done,) = [e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if "RECURRENCE-ID" in e]
    assert done.decoded("RECURRENCE-ID") == FIRST
    assert str(done["SUMMARY"]) == "✓ Weekly walk"


@pytest.mark.parametrize("newer", [SHORTENED, LEFT_OUT], ids=["shortened", "day-left-out"])
def test_progress_counts_only_marks_of_days_the_series_still_has(
    services: Services, newer: str
) -> None:
    plan = _marked_then_updated(services, newer, FIRST, FOURTH)

    assert services.progress.counts(plan)[Status.DONE] == 1
    assert services.progress.overview(plan).done == 1


def test_a_kept_mark_counts_again_when_its_day_comes_back(services: Services) -> None:
    plan = _marked_then_updated(services, SHORTENED, FOURTH)
    assert services.progress.counts(plan)[Status.DONE] == 0

    services.importer.import_bytes(
        _walk_file(WALK.format(sequence=3, rule="FREQ=WEEKLY;COUNT=4", extra=""))
    )

    assert services.progress.counts(plan)[Status.DONE] == 1
    (fourth,) = [o for o in services.calendar.occurrences(plan, FOURTH.date(), FOURTH.date())]
    assert fourth.status is Status.DONE


def test_a_mark_of_a_changed_instance_still_counts_and_goes_out(services: Services) -> None:
    """A moved walk is named by its rule day; the mark stays with it."""
    moved = (
        "END:VEVENT\nBEGIN:VEVENT\nDTSTAMP:20270101T000000Z\nUID:w1@google.com\nSEQUENCE:1\n"
        "SUMMARY:Weekly walk (Tuesday)\nRECURRENCE-ID;TZID=Europe/Berlin:20261214T090000\n"
        "DTSTART;TZID=Europe/Berlin:20261215T090000\nDTEND;TZID=Europe/Berlin:20261215T100000\n"
    )
    newer = WALK.format(sequence=1, rule="FREQ=WEEKLY;COUNT=4", extra=moved)
    services.importer.import_bytes(_walk_file(newer))
    plan = services.plans.require()
    tuesday = THIRD + timedelta(days=1)
    services.progress.mark(plan, services.progress.find(plan, UID, tuesday), Status.DONE)

    data, _, _ = services.interop.export_bytes(plan, ExportRequest())

    assert services.progress.counts(plan)[Status.DONE] == 1
    assert tuesday in _reader_starts(data)
    assert "✓ Weekly walk (Tuesday)" in data.decode()
