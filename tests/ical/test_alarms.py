"""Reminders in .ics files: VALARMs in our export as an independent reader sees them (neutral text
only), and alarms read back from our own files and from Google, Apple, Outlook and Thunderbird."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events  # type: ignore[import-untyped]
from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.plans import Plan, PlanDraft
from planner.ical import export as ical_export
from planner.services import context
from planner.services.context import Services
from planner.services.interop import ExportRequest

from tests.ical.test_importer import APPLE, GOOGLE, OUTLOOK, THUNDERBIRD, by_uid, parse, read
from tests.zones import BERLIN

COFFEE = "Coffee with Sam"
PICNIC = "Picnic by the lake"
CALLS = "Sunday call"
WALK = "Walk alone"


def _draft(title: str, start: datetime | date, **fields: object) -> ActivityDraft:
    if isinstance(start, datetime):
        end: datetime | date = start + timedelta(hours=1)
    else:
        end = start + timedelta(days=1)
    values: dict[str, object] = {
        "title": title,
        "category": Category.MEETUP,
        "step": StepNumber(5),
        "start": start,
        "end": end,
        "all_day": not isinstance(start, datetime),
        "zone": "Europe/Berlin",
        **fields,
    }
    return ActivityDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def plan(services: Services) -> Plan:
    """Sam's plan: a coffee with two reminders, an all-day picnic the evening before, a weekly
    call with one changed instance, and a walk without reminders."""
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "Europe/Berlin", "Sam")
    )
    sunday = datetime(2026, 11, 29, 17, 0, tzinfo=BERLIN)
    drafts = [
        _draft(COFFEE, datetime(2026, 12, 1, 18, 0, tzinfo=BERLIN), reminders=(10, 1440),
               notes="Ask Sam about the trip.", location="Sam's café"),
        _draft(PICNIC, date(2026, 12, 5), category=Category.OUTING, reminders=(360,)),
        _draft(CALLS, sunday, category=Category.MESSAGE, reminders=(60,),
               rrule="FREQ=WEEKLY;COUNT=4",
               overrides=(OccurrenceOverride(sunday.replace(tzinfo=None) + timedelta(days=7),
                                             sunday + timedelta(days=8),
                                             sunday + timedelta(days=8, hours=1),
                                             "Monday call"),)),
        _draft(WALK, datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN), category=Category.SELF_CARE,
               reminders=()),
    ]  # fmt: skip
    for draft in drafts:
        services.activities.create(plan, draft)
    return plan


def _export(services: Services, plan: Plan, **request: bool) -> bytes:
    return services.interop.export_bytes(plan, ExportRequest(**request))[0]


def _events(data: bytes) -> dict[str, list[icalendar.Event]]:
    """The VEVENTs by title (changed instances under their own title)."""
    found: dict[str, list[icalendar.Event]] = {}
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        found.setdefault(str(event["SUMMARY"]), []).append(event)
    return found


def _triggers(event: icalendar.Event) -> list[timedelta]:
    return sorted((alarm.decoded("TRIGGER") for alarm in event.walk("VALARM")), reverse=True)


def test_reminders_become_valarms_before_the_start(services: Services, plan: Plan) -> None:
    events = _events(_export(services, plan))
    (coffee,) = events["Coffee with my partner"]  # the name stays home, as ever
    assert _triggers(coffee) == [timedelta(minutes=-10), timedelta(days=-1)]
    for alarm in coffee.walk("VALARM"):
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(alarm["DESCRIPTION"]) == ical_export.ALARM_TEXT
        assert alarm["TRIGGER"].params.get("RELATED", "START") == "START"
    (picnic,) = events[PICNIC]
    assert isinstance(picnic.decoded("DTSTART"), date)
    assert _triggers(picnic) == [timedelta(hours=-6)]  # 18:00 the evening before
    (walk,) = events[WALK]
    assert list(walk.walk("VALARM")) == []


def test_every_occurrence_an_independent_reader_expands_carries_its_alarm(
    services: Services, plan: Plan
) -> None:
    calendar = icalendar.Calendar.from_ical(_export(services, plan))
    calls = [
        event
        for event in recurring_ical_events.of(calendar).between(date(2026, 11, 1), date(2027, 1, 1))
        if str(event["SUMMARY"]) in (CALLS, "Monday call")
    ]
    assert len(calls) == 4
    assert all(_triggers(event) == [timedelta(hours=-1)] for event in calls)


@pytest.mark.parametrize("request_kind", [{}, {"include_notes": True}, {"disguise": True}], ids=str)
def test_alarm_text_never_names_the_partner_the_activity_or_its_notes(
    services: Services, plan: Plan, request_kind: dict[str, bool]
) -> None:
    data = _export(services, plan, **request_kind)
    calendar = icalendar.Calendar.from_ical(data)
    alarms = list(calendar.walk("VALARM"))
    assert len(alarms) == 1 + 2 + 1 + 1  # the picnic, the coffee, the call and its changed one
    for alarm in alarms:
        text = alarm.to_ical().decode()
        for private in ("Sam", "Coffee", "Picnic", "call", "trip", "café"):
            assert private not in text


def test_a_plan_without_reminders_writes_no_alarm_at_all(services: Services) -> None:
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "Europe/Berlin")
    )
    services.activities.create(
        plan, _draft(WALK, datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN), category=Category.SPACE)
    )
    assert b"VALARM" not in _export(services, plan)


def test_our_own_export_brings_every_reminder_back(
    services: Services, plan: Plan, tmp_path: Path, clock: FixedClock
) -> None:
    data = _export(services, plan, include_notes=True)
    stored = {a.uid: a.reminders for a in services.interop.select_for_export(plan, ExportRequest())}
    fresh = context.open_services(tmp_path / "other.sqlite3", clock)
    try:
        report, _ = fresh.importer.import_bytes(data)
        assert report.added == len(stored)
        imported = fresh.interop.select_for_export(fresh.plans.require(), ExportRequest())
        assert {a.uid: a.reminders for a in imported} == stored
    finally:
        fresh.close()
    again, _ = services.importer.import_bytes(data)
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(stored))


@pytest.mark.parametrize(
    ("name", "uid", "minutes"),
    [
        (GOOGLE, "7kq3c0v2ad9mjnq8g1vb1ebm5s@google.com", (30,)),  # -P0DT0H30M0S
        (APPLE, "5E0C8E4B-6A4E-4C4B-9C57-2F1B0D6E8A11", (15,)),
        (APPLE, "8C2F4A6E-1B3D-4F5A-8C7E-9D0B1A2C3E4F", ()),  # ACTION:NONE at a fixed date
        (OUTLOOK, "040000008200E00074C5B7101A82E0080000000050B8A4E5F763DC01000000000000000"
                  "0100000004B9E2F5D3A1C7E4F8B6D0A2C4E6F8A0B", (15,)),
        (THUNDERBIRD, "a3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d", (30,)),  # VALUE=DURATION
    ],
)  # fmt: skip
def test_alarms_from_other_calendar_apps_become_reminders(
    name: str, uid: str, minutes: tuple[int, ...]
) -> None:
    assert by_uid(parse(read(name)))[uid].draft.reminders == minutes


def test_only_alarms_before_the_start_are_kept_the_nearest_five() -> None:
    triggers = [
        "TRIGGER:PT10M",  # after the start
        "TRIGGER;RELATED=END:-PT5M",  # relative to the end
        "TRIGGER;VALUE=DATE-TIME:20261201T080000Z",  # a fixed time
        "TRIGGER:-P29D",  # further ahead than four weeks
        "TRIGGER:PT0S",
        *(f"TRIGGER:-PT{minutes}M" for minutes in (5, 15, 45, 90, 120, 15)),
    ]
    alarms = "".join(
        f"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\n{trigger}\r\nEND:VALARM\r\n"
        for trigger in triggers
    )
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:many@test\r\nDTSTAMP:20261120T101500Z\r\nSUMMARY:Many alarms\r\n"
        "DTSTART:20261201T170000Z\r\nDTEND:20261201T180000Z\r\n"
        f"{alarms}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    (item,) = parse(data).activities
    assert item.draft.reminders == (0, 5, 15, 45, 90)
