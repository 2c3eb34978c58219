"""A series whose start the rule leaves out (weekly on Mondays, begun on a Wednesday) goes out
with DTSTART at its first real instance, so every reader finds the occurrences Rekindle shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from planner.domain.activities import ActivityDraft, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import Plan, PlanDraft
from planner.services.context import Services
from planner.services.interop import ExportRequest

from tests.ical.test_export import listed_starts, reader_starts
from tests.zones import BERLIN

UTC_ZONE = ZoneInfo("UTC")
FIRST_DAY = date(2027, 3, 1)
LAST_DAY = date(2027, 12, 31)


@pytest.fixture
def plan(services: Services) -> Plan:
    created, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2027, 3, 1), "Europe/Berlin")
    )
    return created


def _series(
    services: Services,
    plan: Plan,
    start: datetime | date,
    rule: str,
    length: timedelta,
    **fields: object,
) -> None:
    draft = ActivityDraft(
        title="Series", category=Category.GROWTH, step=StepNumber(1), start=start,
        end=start + length, all_day=not isinstance(start, datetime),
        zone=str(start.tzinfo) if isinstance(start, datetime) else "Europe/Berlin", rrule=rule,
    )  # fmt: skip
    services.activities.create(plan, replace(draft, **fields))  # type: ignore[arg-type]


def _same_for_every_reader(services: Services, plan: Plan) -> tuple[bytes, Counter[object]]:
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    ours = listed_starts(services, plan, FIRST_DAY, LAST_DAY)
    theirs = reader_starts(data, FIRST_DAY, LAST_DAY, BERLIN)
    assert theirs == ours
    return data, ours  # type: ignore[return-value]


def _dtstart(data: bytes) -> datetime | date:
    (event,) = [e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
                if "RRULE" in e]  # fmt: skip
    return event.decoded("DTSTART")  # type: ignore[no-any-return]


def test_mondays_begun_on_a_wednesday_go_out_from_the_first_monday(
    services: Services, plan: Plan
) -> None:
    """The review's case: `add --start 2027-03-10T19:00 --rrule 'FREQ=WEEKLY;BYDAY=MO;COUNT=3'`."""
    wednesday = datetime(2027, 3, 10, 19, 0, tzinfo=UTC_ZONE)
    _series(services, plan, wednesday, "FREQ=WEEKLY;BYDAY=MO;COUNT=3", timedelta(hours=1))

    data, ours = _same_for_every_reader(services, plan)

    assert sum(ours.values()) == 3
    assert _dtstart(data) == datetime(2027, 3, 15, 19, 0, tzinfo=UTC_ZONE)
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert event.decoded("DTEND") == datetime(2027, 3, 15, 20, 0, tzinfo=UTC_ZONE)


def test_an_all_day_series_begun_off_its_rule(services: Services, plan: Plan) -> None:
    _series(services, plan, date(2027, 3, 10), "FREQ=MONTHLY;BYMONTHDAY=1;INTERVAL=2;COUNT=4",
            timedelta(days=2))  # fmt: skip

    data, ours = _same_for_every_reader(services, plan)

    assert sum(ours.values()) == 4
    assert _dtstart(data) == date(2027, 5, 1)


def test_a_demo_like_monday_and_thursday_series_begun_on_a_saturday_in_its_zone(
    services: Services, plan: Plan
) -> None:
    """Across the spring change, with a day left out and one moved (their names unchanged)."""
    saturday = datetime(2027, 3, 20, 7, 30, tzinfo=BERLIN)
    _series(
        services, plan, saturday, "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20270630T215959Z",
        timedelta(minutes=45),
        exdates=(datetime(2027, 3, 25, 7, 30),),
        overrides=(OccurrenceOverride(
            recurrence_id=datetime(2027, 4, 1, 7, 30),
            start=datetime(2027, 4, 2, 8, 0, tzinfo=BERLIN),
            end=datetime(2027, 4, 2, 8, 45, tzinfo=BERLIN), title="Series (Friday)",
        ),),
    )  # fmt: skip

    data, ours = _same_for_every_reader(services, plan)

    assert _dtstart(data) == datetime(2027, 3, 22, 7, 30, tzinfo=BERLIN)
    assert b"EXDATE;TZID=Europe/Berlin:20270325T073000" in data
    assert b"RECURRENCE-ID;TZID=Europe/Berlin:20270401T073000" in data
    assert sum(ours.values()) == 28  # 15 Mondays and 14 Thursdays, one left out


def test_a_series_begun_on_its_rule_keeps_its_start(services: Services, plan: Plan) -> None:
    monday = datetime(2027, 3, 15, 19, 0, tzinfo=BERLIN)
    _series(services, plan, monday, "FREQ=WEEKLY;BYDAY=MO;COUNT=3", timedelta(hours=1))

    data, _ = _same_for_every_reader(services, plan)

    assert _dtstart(data) == monday


def test_the_export_imported_again_changes_nothing(services: Services, plan: Plan) -> None:
    wednesday = datetime(2027, 3, 10, 19, 0, tzinfo=BERLIN)
    _series(services, plan, wednesday, "FREQ=WEEKLY;BYDAY=MO;COUNT=3", timedelta(hours=1))
    data, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))

    report, _ = services.importer.import_bytes(data)

    assert (report.updated, report.unchanged, report.skipped) == (0, 1, ())
    (series,) = services.interop.select_for_export(plan, ExportRequest())
    assert series.start == wednesday


def test_a_newer_copy_of_the_export_keeps_each_mark_on_its_own_monday(
    services: Services, plan: Plan
) -> None:
    wednesday = datetime(2027, 3, 10, 19, 0, tzinfo=BERLIN)
    _series(services, plan, wednesday, "FREQ=WEEKLY;BYDAY=MO;COUNT=3", timedelta(hours=1))
    (series,) = services.interop.select_for_export(plan, ExportRequest())
    second = datetime(2027, 3, 22, 19, 0, tzinfo=BERLIN)
    services.progress.mark(plan, services.progress.find(plan, series.uid, second), Status.DONE)
    data, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    renamed = data.replace(b"SEQUENCE:0", b"SEQUENCE:1").replace(b"Series", b"Talk")

    report, _ = services.importer.import_bytes(renamed)

    assert report.updated == 1
    shown = services.calendar.occurrences(plan, FIRST_DAY, date(2027, 4, 30))
    assert [(o.title, o.start, o.status) for o in shown] == [
        ("Talk", datetime(2027, 3, 15, 19, 0, tzinfo=BERLIN), Status.PLANNED),
        ("Talk", second, Status.DONE),
        ("Talk", datetime(2027, 3, 29, 19, 0, tzinfo=BERLIN), Status.PLANNED),
    ]
