"""What a review of the import and export changes found: marks of a series whose start is
off its rule, a series made here and renamed in Google, a first instance the clocks skip."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import recurring_ical_events
from icalendar import Calendar
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, StepNumber
from planner.domain.occurrences import Status
from planner.services.context import Services
from planner.services.interop import ExportRequest

from tests.zones import BERLIN

#: A gym series as Outlook writes it: starting on a Wednesday, repeating Mondays and Fridays.
GYM = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
BEGIN:VEVENT
UID:gym@outlook
DTSTAMP:20261101T000000Z
SEQUENCE:{sequence}
SUMMARY:{title}
DTSTART;TZID=Europe/Berlin:20261118T180000
DTEND;TZID=Europe/Berlin:20261118T190000
RRULE:FREQ=WEEKLY;BYDAY=MO,FR
END:VEVENT
END:VCALENDAR
"""


def _gym(title: str, sequence: int) -> bytes:
    return GYM.format(title=title, sequence=sequence).replace("\n", "\r\n").encode()


def _done_days(services: Services) -> list[date]:
    plan = services.plans.require()
    found = services.calendar.occurrences(plan, date(2026, 11, 16), date(2026, 11, 30))
    return [o.first_day(BERLIN) for o in found if o.status is Status.DONE]


def test_marks_stay_on_their_days_when_a_series_off_its_rule_comes_again(
    services: Services,
) -> None:
    """Each re-import shifted the marks by the gap between the file's start (Wednesday) and
    the first instance (Friday): they landed on no occurrence and were gone."""
    services.importer.import_bytes(_gym("Gym", 0))
    plan = services.plans.require()
    for day in (date(2026, 11, 20), date(2026, 11, 23)):
        (gym,) = services.calendar.occurrences(plan, day, day)
        services.progress.mark(plan, gym, Status.DONE)

    report, _ = services.importer.import_bytes(_gym("Gym with Sam", 1))

    assert report.updated == 1
    assert _done_days(services) == [date(2026, 11, 20), date(2026, 11, 23)]


def test_a_series_made_here_and_renamed_elsewhere_comes_back_renamed(
    services: Services,
) -> None:
    """Made here, exported, renamed in Google (its SEQUENCE kept, a later LAST-MODIFIED):
    it was kept as it was, "the file is not newer than your copy"."""
    start = datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN)
    draft = ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
    )  # fmt: skip
    activity, _ = services.activities.create_ensuring_plan(services.plans, lambda _plan: draft)
    plan = services.plans.require()
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    text = data.decode()
    renamed = re.sub(r"LAST-MODIFIED:\d{8}T\d{6}Z", "LAST-MODIFIED:20261201T000000Z", text)
    renamed = renamed.replace("SUMMARY:Walk", "SUMMARY:Walk by the river")
    assert "LAST-MODIFIED:20261201T000000Z" in renamed  # later than when it was made

    report, _ = services.importer.import_bytes(renamed.encode())

    assert report.updated == 1
    assert services.activities.get(ActivityUid(activity.uid)).title == "Walk by the river"


def test_a_first_instance_the_clocks_skip_keeps_the_start_as_it_is(services: Services) -> None:
    """Moved to its first instance, 02:30 on the day the clocks go forward, DTSTART named a
    time that does not exist, and readers each ended it differently."""
    start = datetime(2027, 3, 27, 2, 30, tzinfo=BERLIN)  # a Saturday; Sundays repeat
    draft = ActivityDraft(
        title="Early swim", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(minutes=90), all_day=False, zone="Europe/Berlin",
        rrule="FREQ=WEEKLY;BYDAY=SU;COUNT=4",
    )  # fmt: skip
    services.activities.create_ensuring_plan(services.plans, lambda _plan: draft)
    plan = services.plans.require()
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    assert b"DTSTART;TZID=Europe/Berlin:20270327T023000" in data
    calendar = Calendar.from_ical(data)
    found = recurring_ical_events.of(calendar).between(date(2027, 4, 1), date(2027, 5, 1))
    assert {event["DTEND"].dt - event["DTSTART"].dt for event in found} == {timedelta(minutes=90)}
