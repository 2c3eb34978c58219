"""Regressions from review: marks and exceptions follow edits, repeated-hour keys, re-imports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import icalendar
import pytest
import recurring_ical_events
from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import Plan, PlanDraft
from planner.services import context
from planner.services.context import Services
from planner.services.interop import ExportRequest

from tests.zones import BERLIN, NOW

START = date(2026, 11, 2)


@pytest.fixture
def plan(services: Services) -> Plan:
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), START, "Europe/Berlin", partner_name="Sam Taylor")
    )
    return plan


def _series(services: Services, plan: Plan, **changes: object):  # type: ignore[no-untyped-def]
    begin = datetime(2026, 11, 2, 20, 0, tzinfo=BERLIN)
    draft = ActivityDraft(
        title="Journaling", category=Category.REFLECTION, step=StepNumber(1), start=begin,
        end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        rrule="FREQ=DAILY;COUNT=5", notes="private",
    )  # fmt: skip
    activity, _ = services.activities.create(plan, replace(draft, **changes))  # type: ignore[arg-type]
    return activity


def _week(services: Services, plan: Plan):  # type: ignore[no-untyped-def]
    return services.calendar.occurrences(plan, START, START + timedelta(days=6))


def test_marks_and_exception_dates_follow_a_series_moved_to_a_later_time(
    services: Services, plan: Plan
) -> None:
    activity = _series(services, plan, exdates=(datetime(2026, 11, 4, 20, 0),))
    services.progress.mark(plan, _week(services, plan)[1], Status.DONE)
    later = activity.start + timedelta(minutes=90)  # type: ignore[operator]
    moved = replace(activity.draft(), start=later, end=later + timedelta(minutes=30))
    services.activities.update(plan, activity.uid, moved)
    week = _week(services, plan)
    assert [o.start.day for o in week] == [2, 3, 5, 6]  # type: ignore[union-attr]
    assert [o.start.hour for o in week] == [21] * 4  # type: ignore[union-attr]
    assert [o.status for o in week] == [Status.PLANNED, Status.DONE, Status.PLANNED, Status.PLANNED]
    assert services.progress.counts(plan)[Status.DONE] == 1


def test_an_exception_in_the_repeated_hour_does_not_break_reading(
    services: Services, plan: Plan
) -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\nUID:night@t\r\n"
        b"DTSTART;TZID=Europe/Berlin:20261023T023000\r\nDTEND;TZID=Europe/Berlin:20261023T030000\r\n"
        b"RRULE:FREQ=DAILY;COUNT=5\r\nEXDATE:20261025T013000Z\r\nSUMMARY:Night\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    services.importer.import_bytes(data)
    days = [
        o.start.day
        for o in services.calendar.occurrences(plan, date(2026, 10, 20), date(2026, 10, 31))
    ]  # type: ignore[union-attr]
    assert days == [23, 24, 26, 27]  # the 25th, named by its second 02:30, is excluded
    services.interop.export_bytes(plan, ExportRequest())  # must not raise


def test_reimporting_our_own_private_export_keeps_the_notes(services: Services, plan: Plan) -> None:
    activity = _series(services, plan)
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    report, _ = services.importer.import_bytes(data)
    assert report.updated == 0
    assert services.activities.get(activity.uid).notes == "private"


def test_every_part_of_the_partners_name_stays_home(services: Services, plan: Plan) -> None:
    _series(services, plan, title="Coffee with Sam", location="Sam's flat")
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    assert b"Sam" not in data and b"Taylor" not in data
    assert b"Coffee with my partner" in data


def test_a_step_reopened_by_hand_stays_open_when_something_else_is_marked(
    services: Services, plan: Plan
) -> None:
    _series(services, plan)
    week = _week(services, plan)
    target = services.progress.steps(plan)[0].criteria[0].target
    for occurrence in week[:target]:
        services.progress.mark(plan, occurrence, Status.DONE)
    assert services.progress.steps(plan)[0].complete
    services.progress.reopen_step(plan, StepNumber(1))
    services.progress.mark(plan, _week(services, plan)[target], Status.DONE)
    assert not services.progress.steps(plan)[0].complete


def test_done_occurrences_are_exported_with_a_check_mark_and_come_back_clean(
    services: Services, plan: Plan, tmp_path: object
) -> None:

    series = _series(services, plan, title="Journaling")
    week = _week(services, plan)
    services.progress.mark(plan, week[1], Status.DONE)
    data, _, events = services.interop.export_bytes(plan, ExportRequest())
    assert events == 2  # the series, and its done instance as a changed instance
    calendar = icalendar.Calendar.from_ical(data)
    shown = recurring_ical_events.of(calendar).between(
        datetime(2026, 11, 2, tzinfo=BERLIN), datetime(2026, 11, 9, tzinfo=BERLIN)
    )
    titles = [str(e["SUMMARY"]) for e in sorted(shown, key=lambda e: e.decoded("DTSTART"))]
    assert titles == ["Journaling", "✓ Journaling", "Journaling", "Journaling", "Journaling"]

    fresh = context.open_services(tmp_path / "fresh.sqlite3", FixedClock(NOW))
    try:
        fresh.importer.import_bytes(data)
        back = fresh.activities.get(series.uid)
        assert back.title == "Journaling" and back.overrides == ()
    finally:
        fresh.close()
