"""Export: what Google Calendar, Apple Calendar and an independent reader see in our .ics files."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events  # type: ignore[import-untyped]
from dateutil.rrule import rrulestr
from dateutil.tz import tzical
from planner.clock import FixedClock
from planner.domain import recurrence
from planner.domain.activities import Activity, ActivityDraft, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.plans import Plan, PlanDraft
from planner.ical import export as ical_export
from planner.ical import tz
from planner.services.context import Services
from planner.services.interop import ExportRequest

from tests.zones import BERLIN, NEW_YORK, NOW

#: Six months holding Berlin's October and March changes and New York's November and March ones.
WINDOW_FIRST = date(2026, 10, 1)
WINDOW_LAST = date(2027, 3, 31)
DEMO_START = date(2026, 10, 5)
#: Berlin and New York leave summer time a week apart: 25 October and 1 November 2026.
BERLIN_AUTUMN = date(2026, 10, 25)

NY_SERIES = "Video call with my sister"
ALL_DAY_SERIES = "Sunday rest"
SPRING_SERIES = "Saturday swim"
ENDLESS_SERIES = "Weekly check-in with myself"
COFFEE = "Coffee with Sam"


# --- the plan every test here exports ------------------------------------------------------------


def _timed(
    title: str,
    start: datetime,
    minutes: int,
    *,
    category: Category = Category.SELF_CARE,
    rrule: str | None = None,
    **changes: Any,
) -> ActivityDraft:
    draft = ActivityDraft(
        title=title,
        category=category,
        step=StepNumber(4),
        start=start,
        end=(start.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(start.tzinfo),
        all_day=False,
        zone=str(start.tzinfo),
        rrule=rrule,
    )
    return replace(draft, **changes)


def _local(value: datetime) -> datetime:
    """An aware wall-clock time as the naive value exdates and recurrence ids are stored as."""
    return value.replace(tzinfo=None)


def _edit_demo_series(services: Services, plan: Plan) -> None:
    """Give the demo's daily and weekly series exception dates and moved instances."""
    activities = services.interop.select_for_export(plan, ExportRequest())
    daily = next(a for a in activities if a.rrule and "FREQ=DAILY" in a.rrule and not a.all_day)
    weekly = next(
        a
        for a in activities
        if a.rrule
        and a.rrule.startswith("FREQ=WEEKLY")
        and "BYDAY" not in a.rrule
        and not a.all_day
    )
    end = DEMO_START + timedelta(days=120)
    days = recurrence.expand(daily, DEMO_START, end, BERLIN)
    on_dst_day = next(o for o in days if o.first_day(BERLIN) == BERLIN_AUTUMN)
    after = next(o for o in days if o.first_day(BERLIN) == BERLIN_AUTUMN + timedelta(days=1))
    evening = datetime.combine(after.first_day(BERLIN), time(18, 0), tzinfo=BERLIN)
    assert isinstance(on_dst_day.recurrence_id, datetime)
    assert isinstance(after.recurrence_id, datetime)
    services.activities.update(
        plan,
        daily.uid,
        replace(
            daily.draft(),
            exdates=(_local(on_dst_day.recurrence_id),),
            overrides=(
                OccurrenceOverride(
                    recurrence_id=_local(after.recurrence_id),
                    start=evening,
                    end=evening + timedelta(minutes=40),
                    title="Evening walk instead",
                    location="Along the river",
                ),
            ),
        ),
    )
    weeks = [
        o
        for o in recurrence.expand(weekly, DEMO_START, end, BERLIN)
        if o.first_day(BERLIN) > BERLIN_AUTUMN
    ]
    moved, dropped = weeks[0], weeks[1]
    assert isinstance(moved.start, datetime) and isinstance(moved.recurrence_id, datetime)
    assert isinstance(dropped.recurrence_id, datetime)
    later = moved.start + timedelta(days=1, minutes=30)
    services.activities.update(
        plan,
        weekly.uid,
        replace(
            weekly.draft(),
            exdates=(_local(dropped.recurrence_id),),
            overrides=(
                OccurrenceOverride(
                    recurrence_id=_local(moved.recurrence_id),
                    start=later,
                    end=later + timedelta(minutes=90),
                    title=f"{weekly.title}, a day later",
                ),
            ),
        ),
    )


def build_rich_plan(services: Services) -> Plan:
    """The demo plan, edited series, a New York series, an all-day series, an endless one."""
    plan, _ = services.plans.seed_demo(
        PlanDraft(ProgramId("eleven-steps"), DEMO_START, "Europe/Berlin", partner_name="Sam")
    )
    _edit_demo_series(services, plan)
    coffee = datetime(2026, 11, 18, 10, 0, tzinfo=BERLIN)
    ny = datetime(2026, 10, 7, 19, 0, tzinfo=NEW_YORK)
    swim = datetime(2027, 2, 6, 8, 0, tzinfo=BERLIN)
    drafts = [
        _timed(
            COFFEE,
            coffee,
            60,
            category=Category.MEETUP,
            step=StepNumber(5),
            location="Sam's favourite café",
            notes="Ask Sam about the trip.",
        ),
        _timed(
            NY_SERIES,
            ny,
            30,
            category=Category.MESSAGE,
            rrule="FREQ=WEEKLY;COUNT=26",
            exdates=(datetime(2026, 12, 23, 19, 0),),
            overrides=(
                OccurrenceOverride(
                    recurrence_id=datetime(2027, 2, 10, 19, 0),
                    start=datetime(2027, 2, 11, 20, 0, tzinfo=NEW_YORK),
                    end=datetime(2027, 2, 11, 20, 30, tzinfo=NEW_YORK),
                    title="Video call, a day late",
                ),
            ),
        ),
        ActivityDraft(
            title=ALL_DAY_SERIES,
            category=Category.SELF_CARE,
            step=StepNumber(3),
            start=date(2026, 10, 4),
            end=date(2026, 10, 5),
            all_day=True,
            zone="Europe/Berlin",
            rrule="FREQ=WEEKLY;COUNT=30",
            exdates=(date(2026, 10, 11),),
            overrides=(
                OccurrenceOverride(
                    recurrence_id=date(2026, 10, 18),
                    start=date(2026, 10, 17),
                    end=date(2026, 10, 19),
                    title="Long weekend rest",
                ),
            ),
        ),
        _timed(
            SPRING_SERIES,
            swim,
            60,
            rrule="FREQ=WEEKLY;COUNT=10",
            overrides=(
                OccurrenceOverride(
                    recurrence_id=datetime(2027, 3, 27, 8, 0),
                    start=datetime(2027, 3, 28, 8, 0, tzinfo=BERLIN),  # the day clocks go forward
                    end=datetime(2027, 3, 28, 9, 0, tzinfo=BERLIN),
                    title="Sunday swim",
                ),
            ),
        ),
        _timed(
            ENDLESS_SERIES,
            datetime(2026, 11, 1, 18, 0, tzinfo=BERLIN),
            20,
            category=Category.REFLECTION,
            rrule="FREQ=WEEKLY",
        ),
    ]
    for draft in drafts:
        services.activities.create(plan, draft)
    return plan


@pytest.fixture
def plan(services: Services) -> Plan:
    return build_rich_plan(services)


@pytest.fixture
def exported(services: Services, plan: Plan) -> bytes:
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    return data


def by_title(services: Services, plan: Plan, title: str) -> Activity:
    (found,) = [
        a for a in services.interop.select_for_export(plan, ExportRequest()) if a.title == title
    ]
    return found


def events(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return [c for c in calendar.walk("VEVENT") if isinstance(c, icalendar.Event)]


def events_of(data: bytes, uid: str) -> list[icalendar.Event]:
    return [event for event in events(data) if str(event["UID"]) == uid]


def ical_text(prop: Any) -> str:
    """A property value as it is written in the file."""
    value = prop.to_ical()
    return value.decode() if isinstance(value, bytes) else str(value)


def unfolded_lines(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


# --- an independent reader sees what `rekindle list` shows --------------------------------------

Key = tuple[str, datetime | date]


def instant(value: datetime | date) -> datetime | date:
    """A start as the comparison key: a UTC instant, or a date for all-day events."""
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"floating time {value} in our own export"
        return value.astimezone(UTC)
    return value


def reader_starts(data: bytes, first: date, last: date, zone: ZoneInfo) -> Counter[Key]:
    """(UID, start) of each occurrence recurring-ical-events finds starting on first..last."""
    low = datetime.combine(first, time(0), tzinfo=zone)
    high = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    calendar = icalendar.Calendar.from_ical(data)
    found: Counter[Key] = Counter()
    for event in recurring_ical_events.of(calendar).between(low, high):
        start = event.decoded("DTSTART")
        starts_inside = (
            low <= start < high if isinstance(start, datetime) else first <= start <= last
        )
        if starts_inside:
            found[(str(event["UID"]), instant(start))] += 1
    return found


def listed_starts(services: Services, plan: Plan, first: date, last: date) -> Counter[Key]:
    return Counter(
        (o.activity.uid, instant(o.start)) for o in services.calendar.starting_in(plan, first, last)
    )


def test_an_independent_reader_expands_exactly_what_list_shows(
    services: Services, plan: Plan, exported: bytes
) -> None:
    ours = listed_starts(services, plan, WINDOW_FIRST, WINDOW_LAST)
    theirs = reader_starts(exported, WINDOW_FIRST, WINDOW_LAST, BERLIN)
    assert theirs - ours == Counter(), "the reader finds occurrences `list` does not show"
    assert ours - theirs == Counter(), "`list` shows occurrences the reader does not find"
    assert sum(ours.values()) > 150


def test_the_comparison_covers_overrides_exdates_all_day_and_dst_weeks(
    services: Services, plan: Plan, exported: bytes
) -> None:
    """Guards the test above: the window really holds the cases the issue names."""
    theirs = reader_starts(exported, WINDOW_FIRST, WINDOW_LAST, BERLIN)
    ny = by_title(services, plan, NY_SERIES).uid
    ny_starts = sorted(start for uid, start in theirs if uid == ny)
    assert isinstance(ny_starts[0], datetime)
    # 19:00 in New York is 23:00 UTC in summer, 00:00 UTC in winter, and again 23:00 from
    # 14 March: each DST change of New York is inside the window.
    assert datetime(2026, 10, 28, 23, 0, tzinfo=UTC) in ny_starts  # Berlin already in winter
    assert datetime(2026, 11, 5, 0, 0, tzinfo=UTC) in ny_starts
    assert datetime(2027, 3, 17, 23, 0, tzinfo=UTC) in ny_starts
    assert datetime(2026, 12, 24, 0, 0, tzinfo=UTC) not in ny_starts  # the exception date
    assert datetime(2027, 2, 11, 0, 0, tzinfo=UTC) not in ny_starts  # moved away...
    assert datetime(2027, 2, 12, 1, 0, tzinfo=UTC) in ny_starts  # ...to here
    rest = by_title(services, plan, ALL_DAY_SERIES).uid
    rest_days = sorted(start for uid, start in theirs if uid == rest)
    assert rest_days[:3] == [date(2026, 10, 4), date(2026, 10, 17), date(2026, 10, 25)]
    assert all(not isinstance(day, datetime) for day in rest_days)
    swim = by_title(services, plan, SPRING_SERIES).uid
    swims = sorted(start for uid, start in theirs if uid == swim)
    assert datetime(2027, 3, 20, 7, 0, tzinfo=UTC) in swims  # 08:00 CET
    assert datetime(2027, 3, 28, 6, 0, tzinfo=UTC) in swims  # 08:00 CEST, the moved one
    assert datetime(2027, 3, 27, 7, 0, tzinfo=UTC) not in swims


def test_each_vtimezone_alone_gives_the_same_instants(
    services: Services, plan: Plan, exported: bytes
) -> None:
    """Renamed TZIDs force a reader to use our VTIMEZONE, as Outlook does, not its tz database."""
    renamed = exported
    for number, zone in enumerate(sorted(_tzids_used(exported))):
        renamed = renamed.replace(zone.encode(), f"Rekindle-Test/Zone-{number}".encode())
    assert b"Europe/Berlin" not in renamed and b"America/New_York" not in renamed
    theirs = reader_starts(renamed, WINDOW_FIRST, WINDOW_LAST, BERLIN)
    assert theirs == listed_starts(services, plan, WINDOW_FIRST, WINDOW_LAST)


# --- the file's shape ---------------------------------------------------------------------------


def test_lines_end_in_crlf_and_are_folded_at_75_octets(exported: bytes) -> None:
    assert exported.endswith(b"\r\n")
    assert b"\n" not in exported.replace(b"\r\n", b"")
    assert b"\r" not in exported.replace(b"\r\n", b"")
    for line in exported.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character


def test_calendar_names_itself_and_says_how_it_is_meant(exported: bytes, plan: Plan) -> None:
    calendar = icalendar.Calendar.from_ical(exported)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//Rekindle//")
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == plan.name
    assert str(calendar["NAME"]) == plan.name
    lines = unfolded_lines(exported)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2:] == ["END:VCALENDAR", ""]


def _tzids_used(data: bytes) -> set[str]:
    used = set()
    for line in unfolded_lines(data):
        match = re.match(r"^[A-Z-]+;(?:[^:]*;)?TZID=\"?([^:;\"]+)\"?[;:]", line)
        if match:
            used.add(match.group(1))
    return used


def test_one_vtimezone_per_tzid_used_before_the_events(exported: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(exported)
    defined = [str(c["TZID"]) for c in calendar.subcomponents if c.name == "VTIMEZONE"]
    assert sorted(defined) == sorted(set(defined)), "a zone is defined twice"
    assert set(defined) == _tzids_used(exported) == {"Europe/Berlin", "America/New_York"}
    names = [c.name for c in calendar.subcomponents]
    assert names[: len(defined)] == ["VTIMEZONE"] * len(defined)
    assert set(names[len(defined) :]) == {"VEVENT"}


def test_each_rdate_line_in_a_vtimezone_holds_one_value(exported: bytes) -> None:
    """Thunderbird reads only the first value of a multi-valued RDATE in a VTIMEZONE."""
    inside = False
    rdates = []
    for line in unfolded_lines(exported):
        if line == "BEGIN:VTIMEZONE":
            inside = True
        elif line == "END:VTIMEZONE":
            inside = False
        elif inside and line.split(":", 1)[0].split(";", 1)[0] == "RDATE":
            rdates.append(line)
            assert "," not in line.split(":", 1)[1], line
    # The endless weekly series makes Berlin's VTIMEZONE reach years ahead: many onsets.
    assert len(rdates) >= 4


def _onsets(vtimezone: icalendar.Component) -> set[tuple[date, timedelta]]:
    """(local day, offset after) of every onset the observances of a VTIMEZONE describe."""
    found: set[tuple[date, timedelta]] = set()
    for observance in vtimezone.subcomponents:
        first = observance.decoded("DTSTART")
        starts = [first]
        rdates = observance.get("RDATE", [])
        for prop in rdates if isinstance(rdates, list) else [rdates]:
            starts.extend(item.dt for item in prop.dts)
        if "RRULE" in observance:
            rule = rrulestr(ical_text(observance["RRULE"]), dtstart=first)
            starts.extend(rule.between(first, datetime(2040, 1, 1), inc=True))
        offset = observance.decoded("TZOFFSETTO")
        found.update((start.date(), offset) for start in starts)
    return found


def _transitions(zone: ZoneInfo, low: datetime, high: datetime) -> set[tuple[date, timedelta]]:
    """(local day, offset after) of each change of UTC offset between two instants."""
    changes = set()
    moment = low.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    before = moment.astimezone(zone).utcoffset()
    while moment <= high:
        moment += timedelta(hours=1)
        local = moment.astimezone(zone)
        if local.utcoffset() != before:
            before = local.utcoffset()
            assert before is not None
            changes.add((local.date(), before))
    return changes


def test_vtimezones_cover_every_dst_change_of_the_exported_events(exported: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(exported)
    low = datetime.combine(WINDOW_FIRST, time(0), tzinfo=BERLIN)
    high = datetime.combine(WINDOW_LAST, time(0), tzinfo=BERLIN)
    instants: dict[str, list[datetime]] = {}
    for event in recurring_ical_events.of(calendar).between(low, high):
        for name in ("DTSTART", "DTEND"):
            value = event.decoded(name)
            if isinstance(value, datetime):
                instants.setdefault(str(event[name].params["TZID"]), []).append(value)
    assert set(instants) == {"Europe/Berlin", "America/New_York"}
    for vtimezone in calendar.walk("VTIMEZONE"):
        name = str(vtimezone["TZID"])
        used = instants[name]
        onsets = _onsets(vtimezone)
        earliest_onset = min(day for day, _ in onsets)
        assert earliest_onset <= min(used).date(), f"{name} begins after its first event"
        changes = _transitions(ZoneInfo(name), min(used), max(used))
        assert len(changes) == 2  # autumn 2026 and spring 2027
        assert changes <= onsets, f"{name} lacks onsets {changes - onsets}"


def test_the_zone_of_an_endless_series_is_described_for_decades(exported: bytes) -> None:
    """A trial: an endless weekly series read through the file's own VTIMEZONE (as Outlook
    reads it) was an hour off every summer from 2037, ten years after the export."""
    calendar = icalendar.Calendar.from_ical(exported)
    (berlin,) = [c for c in calendar.walk("VTIMEZONE") if str(c["TZID"]) == "Europe/Berlin"]
    later = _transitions(BERLIN, datetime(2070, 1, 1, tzinfo=UTC), datetime(2071, 1, 1, tzinfo=UTC))
    assert len(later) == 2 and later <= _onsets(berlin)


def test_vtimezone_builder_writes_one_rdate_per_onset_over_years() -> None:
    component = tz.vtimezone("Europe/Berlin", date(2026, 1, 1), date(2031, 12, 31))
    text = component.to_ical().decode()
    assert "COMMENT" not in text  # "This timezone only works from…" read as a fault (a trial)
    rdates = [line for line in text.split("\r\n") if line.startswith("RDATE")]
    assert len(rdates) >= 8
    assert all("," not in line for line in rdates)
    expected = _transitions(
        BERLIN, datetime(2026, 1, 1, tzinfo=UTC), datetime(2031, 12, 31, tzinfo=UTC)
    )
    assert expected <= _onsets(component)


def test_each_observance_lists_its_first_onset_among_its_rdates_too() -> None:
    """An interop trial: ical.js reads an observance's RDATEs alone once there are any, so
    the first summer of each export was an hour off there; libical writes the first onset
    in the list too (RFC 5545 counts an onset given twice once)."""
    component = tz.vtimezone("Europe/Berlin", date(2026, 1, 1), date(2031, 12, 31))
    with_rdates = [o for o in component.subcomponents if "RDATE" in o]
    assert with_rdates
    for observance in with_rdates:
        listed = [prop.dts[0].dt for prop in observance["RDATE"]]
        assert observance.decoded("DTSTART") in listed
        assert len(listed) == len(set(listed))


# --- identity and revisions ---------------------------------------------------------------------


def test_exporting_twice_gives_the_same_file(services: Services, plan: Plan) -> None:
    first, _, _ = services.interop.export_bytes(plan, ExportRequest())
    second, _, _ = services.interop.export_bytes(plan, ExportRequest())
    assert first == second
    uids = {str(e["UID"]) for e in events(first)}
    stored = {a.uid for a in services.interop.select_for_export(plan, ExportRequest())}
    assert uids == stored


def test_an_edit_raises_the_sequence_of_that_event_only(
    services: Services, plan: Plan, exported: bytes, clock: FixedClock
) -> None:
    coffee = by_title(services, plan, COFFEE)
    before = {str(e["UID"]): int(str(e["SEQUENCE"])) for e in events(exported) if "RRULE" in e}
    before[coffee.uid] = int(str(events_of(exported, coffee.uid)[0]["SEQUENCE"]))
    clock.set(NOW + timedelta(hours=2))
    services.activities.update(plan, coffee.uid, replace(coffee.draft(), title="Coffee, later"))
    after_data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    (edited,) = events_of(after_data, coffee.uid)
    assert int(str(edited["SEQUENCE"])) > before[coffee.uid]
    assert edited.decoded("LAST-MODIFIED") == NOW + timedelta(hours=2)
    assert edited.decoded("DTSTAMP") == NOW + timedelta(hours=2)
    for uid, sequence in before.items():
        if uid != coffee.uid:
            assert all(int(str(e["SEQUENCE"])) == sequence for e in events_of(after_data, uid))
    assert {str(e["UID"]) for e in events(after_data)} == {str(e["UID"]) for e in events(exported)}


# --- each event ---------------------------------------------------------------------------------


def test_every_event_has_the_properties_calendars_rely_on(exported: bytes) -> None:
    for event in events(exported):
        for name in ("UID", "DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "DTSTART", "DTEND"):
            assert name in event, f"{name} missing in {event.get('SUMMARY')}"
        assert str(event["STATUS"]) == "CONFIRMED"
        assert str(event["SUMMARY"]).strip()
        assert event.decoded("DTSTAMP").tzinfo is not None
        assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)


def test_timed_events_carry_their_own_tzid(services: Services, plan: Plan, exported: bytes) -> None:
    lines = unfolded_lines(exported)
    for activity in services.interop.select_for_export(plan, ExportRequest()):
        (master,) = [e for e in events_of(exported, activity.uid) if "RECURRENCE-ID" not in e]
        if activity.all_day:
            continue
        for name in ("DTSTART", "DTEND"):
            assert master[name].params["TZID"] == activity.zone
            assert master.decoded(name) == getattr(activity, name[2:].lower())
    ny = by_title(services, plan, NY_SERIES)
    assert "DTSTART;TZID=America/New_York:20261007T190000" in lines
    assert f"UID:{ny.uid}" in lines


def test_all_day_events_are_dates_with_an_exclusive_end(
    services: Services, plan: Plan, exported: bytes
) -> None:
    space = next(
        a
        for a in services.interop.select_for_export(plan, ExportRequest())
        if a.all_day and a.rrule is None and a.duration.days > 7
    )
    (event,) = events_of(exported, space.uid)
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.decoded("DTSTART") == space.start
    assert event.decoded("DTEND") == space.end  # exclusive: the day after the last one
    assert not isinstance(event.decoded("DTEND"), datetime)
    rest = by_title(services, plan, ALL_DAY_SERIES)
    master = next(e for e in events_of(exported, rest.uid) if "RECURRENCE-ID" not in e)
    assert "DTSTART;VALUE=DATE:20261004" in unfolded_lines(exported)
    assert master.decoded("DTEND") == date(2026, 10, 5)
    assert str(master["TRANSP"]) == "TRANSPARENT"


def test_series_carry_rrule_exdates_and_changed_instances(
    services: Services, plan: Plan, exported: bytes
) -> None:
    ny = by_title(services, plan, NY_SERIES)
    master, changed = sorted(events_of(exported, ny.uid), key=lambda e: "RECURRENCE-ID" in e)
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=26"
    assert master["EXDATE"].to_ical() == b"20261223T190000"
    assert master["EXDATE"].params["TZID"] == "America/New_York"
    assert changed.decoded("RECURRENCE-ID") == datetime(2027, 2, 10, 19, 0, tzinfo=NEW_YORK)
    assert changed["RECURRENCE-ID"].params["TZID"] == "America/New_York"
    assert changed.decoded("DTSTART") == datetime(2027, 2, 11, 20, 0, tzinfo=NEW_YORK)
    assert str(changed["SUMMARY"]) == "Video call, a day late"
    assert "RRULE" not in changed and "EXDATE" not in changed
    assert int(str(changed["SEQUENCE"])) == int(str(master["SEQUENCE"]))
    rest = by_title(services, plan, ALL_DAY_SERIES)
    lines = unfolded_lines(exported)
    assert "EXDATE;VALUE=DATE:20261011" in lines
    assert "RECURRENCE-ID;VALUE=DATE:20261018" in lines
    (rest_changed,) = [e for e in events_of(exported, rest.uid) if "RECURRENCE-ID" in e]
    assert rest_changed.decoded("DTSTART") == date(2026, 10, 17)
    assert rest_changed.decoded("DTEND") == date(2026, 10, 19)


def test_every_override_is_one_vevent_with_the_series_uid(
    services: Services, plan: Plan, exported: bytes
) -> None:
    chosen = services.interop.select_for_export(plan, ExportRequest())
    _, activities, vevents = services.interop.export_bytes(plan, ExportRequest())
    assert activities == len(chosen)
    assert vevents == len(events(exported)) == sum(1 + len(a.overrides) for a in chosen)
    for activity in chosen:
        changed = [e for e in events_of(exported, activity.uid) if "RECURRENCE-ID" in e]
        assert len(changed) == len(activity.overrides)
    assert sum(len(a.overrides) for a in chosen) == 5


def test_categories_and_step_travel_with_each_event(
    services: Services, plan: Plan, exported: bytes
) -> None:
    for activity in services.interop.select_for_export(plan, ExportRequest()):
        for event in events_of(exported, activity.uid):
            assert ical_text(event["CATEGORIES"]) == activity.category.id
            assert str(event[ical_export.STEP_PROPERTY]) == str(activity.step)


# --- privacy ------------------------------------------------------------------------------------

SAM = re.compile(rb"\bsam\b", re.IGNORECASE)


def test_by_default_no_notes_and_no_partner_name_leave(
    services: Services, plan: Plan, exported: bytes
) -> None:
    assert not SAM.search(exported)
    assert all("DESCRIPTION" not in event for event in events(exported))
    for activity in services.interop.select_for_export(plan, ExportRequest()):
        if activity.notes:
            assert activity.notes.split(".")[0].encode() not in exported
    (coffee,) = events_of(exported, by_title(services, plan, COFFEE).uid)
    assert str(coffee["SUMMARY"]) == "Coffee with my partner"
    assert str(coffee["LOCATION"]) == "my partner's favourite café"


def test_include_notes_lets_notes_and_the_name_leave(services: Services, plan: Plan) -> None:
    data, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    coffee = by_title(services, plan, COFFEE)
    (event,) = events_of(data, coffee.uid)
    assert str(event["SUMMARY"]) == COFFEE
    assert str(event["LOCATION"]) == "Sam's favourite café"
    assert str(event["DESCRIPTION"]) == "Ask Sam about the trip."
    for activity in services.interop.select_for_export(plan, ExportRequest()):
        master = next(e for e in events_of(data, activity.uid) if "RECURRENCE-ID" not in e)
        assert str(master.get("DESCRIPTION", "")) == activity.notes


def test_disguise_gives_neutral_titles_and_nothing_else(services: Services, plan: Plan) -> None:
    data, _, _ = services.interop.export_bytes(plan, ExportRequest(disguise=True))
    chosen = services.interop.select_for_export(plan, ExportRequest())
    neutral = set(ical_export.DISGUISED_TITLES.values())
    for activity in chosen:
        for event in events_of(data, activity.uid):
            assert str(event["SUMMARY"]) == ical_export.DISGUISED_TITLES[activity.category]
            for name in ("LOCATION", "CATEGORIES", "DESCRIPTION", ical_export.STEP_PROPERTY):
                assert name not in event, f"{name} in a disguised event"
        assert activity.title not in neutral
        assert activity.title.encode() not in data
    assert not SAM.search(data)
    assert b"Riverside park" not in data and b"Corner caf" not in data
    # Times are exactly as in the plain export, only the words change.
    plain, _, _ = services.interop.export_bytes(plan, ExportRequest())
    assert reader_starts(data, WINDOW_FIRST, WINDOW_LAST, BERLIN) == reader_starts(
        plain, WINDOW_FIRST, WINDOW_LAST, BERLIN
    )


def test_a_plan_named_after_the_partner_does_not_leak_it(services: Services) -> None:
    plan, _ = services.plans.create(
        PlanDraft(
            ProgramId("eleven-steps"), DEMO_START, "Europe/Berlin", partner_name="Sam",
            name="Back with Sam",
        )
    )  # fmt: skip
    services.activities.create(plan, _timed("Walk", datetime(2026, 11, 2, 9, tzinfo=BERLIN), 30))
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    assert not SAM.search(data)


# --- daylight-saving edges ----------------------------------------------------------------------


def test_the_repeated_hour_of_a_fall_back_night_keeps_its_instant(services: Services) -> None:
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), DEMO_START, "Europe/Berlin")
    )
    second = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=1)  # 01:30 UTC, in CET
    services.activities.create(plan, _timed("Night walk", second, 20))
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    (event,) = events(data)
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == datetime(2026, 10, 25, 1, 50, tzinfo=UTC)


def test_a_series_begun_in_the_repeated_hour_is_written_in_its_zone_not_in_utc(
    services: Services,
) -> None:
    # Written in UTC, every summer occurrence came an hour late in any other calendar.
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), DEMO_START, "Europe/Berlin")
    )
    second = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=1)
    series, _ = services.activities.create(
        plan, _timed("Night walk", second, 20, rrule="FREQ=WEEKLY;COUNT=40")
    )
    # A series names the first 02:30 (RFC 5545 3.3.5), and keeps its twenty minutes.
    assert series.start.utcoffset() == timedelta(hours=2)
    assert series.duration == timedelta(minutes=20)
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    assert len(events(data)) == 1
    assert b"DTSTART;TZID=Europe/Berlin:20261025T023000" in data
    first, last = date(2026, 10, 1), date(2027, 8, 1)
    ours = listed_starts(services, plan, first, last)
    assert reader_starts(data, first, last, BERLIN) == ours
    summer = datetime(2027, 6, 6, 2, 30, tzinfo=BERLIN)
    assert (series.uid, summer.astimezone(UTC)) in ours  # 02:30 local all year


def test_deleting_the_instance_on_the_spring_forward_day_removes_it(
    services: Services,
) -> None:
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), DEMO_START, "Europe/Berlin")
    )
    night = datetime(2027, 3, 26, 2, 30, tzinfo=BERLIN)
    series, _ = services.activities.create(
        plan, _timed("Night feed", night, 30, rrule="FREQ=DAILY;COUNT=4")
    )
    first, last = date(2027, 3, 26), date(2027, 3, 29)
    (gap_day,) = [
        o for o in services.calendar.starting_in(plan, first, last)
        if o.first_day(BERLIN) == date(2027, 3, 28)
    ]  # fmt: skip
    assert isinstance(gap_day.recurrence_id, datetime)
    services.activities.update(
        plan, series.uid, replace(series.draft(), exdates=(_local(gap_day.recurrence_id),))
    )
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    ours = listed_starts(services, plan, first, last)
    assert reader_starts(data, first, last, BERLIN) == ours
    assert [start.day for _, start in ours] == [26, 27, 29]


def test_a_series_begun_in_the_spring_forward_gap_keeps_its_time_after_that_morning(
    services: Services,
) -> None:
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), DEMO_START, "Europe/Berlin")
    )
    in_gap = datetime(2027, 3, 28, 2, 30, tzinfo=BERLIN)  # no 02:30 that night in Berlin
    services.activities.create(plan, _timed("Early walk", in_gap, 30, rrule="FREQ=DAILY;COUNT=3"))
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    first, last = date(2027, 3, 28), date(2027, 3, 30)
    ours = listed_starts(services, plan, first, last)
    assert reader_starts(data, first, last, BERLIN) == ours
    assert sorted(start.astimezone(BERLIN).strftime("%d %H:%M") for _, start in ours) == [
        "28 03:30", "29 02:30", "30 02:30",
    ]  # fmt: skip


def test_a_series_the_clocks_change_in_has_its_length_for_every_reader(
    services: Services, plan: Plan
) -> None:
    # Five hours from Saturday 23:00 on the night Berlin skips 02:00-03:00: the wall clock
    # says 23:00-05:00, six hours, which readers would give every later week too.
    night = datetime(2027, 3, 27, 23, 0, tzinfo=BERLIN)
    services.activities.create(plan, _timed("Night train", night, 300, rrule="FREQ=WEEKLY"))
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())

    (train,) = [event for event in events(data) if str(event["SUMMARY"]) == "Night train"]
    assert "DTEND" not in train
    assert ical_text(train["DURATION"]) == "PT5H"
    calendar = icalendar.Calendar.from_ical(data)
    low = datetime(2027, 4, 1, tzinfo=BERLIN)
    found = [
        event.decoded("DTEND") - event.decoded("DTSTART")
        for event in recurring_ical_events.of(calendar).between(low, low + timedelta(days=21))
        if str(event["SUMMARY"]) == "Night train"
    ]
    assert found == [timedelta(hours=5)] * 3

    services.activities.delete(plan, by_title(services, plan, "Night train").uid)
    services.importer.import_bytes(data)  # and Rekindle reads back the same five hours
    assert by_title(services, plan, "Night train").duration == timedelta(hours=5)


@pytest.mark.parametrize("name", ["Europe/Berlin", "America/New_York"])
def test_an_rfc_reader_of_the_vtimezone_changes_the_clocks_when_they_change(name: str) -> None:
    # dateutil's tzical reads each onset in the offset before it (RFC 5545 3.6.5), as
    # Outlook does: a spring onset written an hour late put an hour of times off by one.
    text = tz.vtimezone(name, date(2026, 1, 1), date(2028, 12, 31)).to_ical().decode()
    reader = tzical(io.StringIO(text)).get()
    zone = ZoneInfo(name)

    def offset(moment: datetime, where: tzinfo) -> timedelta | None:
        return moment.astimezone(where).utcoffset()

    days = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=n) for n in range(3 * 365)]
    changing = [d for d in days if offset(d, zone) != offset(d + timedelta(days=1), zone)]
    assert len(changing) == 6
    moments = [day + timedelta(minutes=15 * n) for day in changing for n in range(4 * 24)]
    assert [m for m in moments if offset(m, reader) != offset(m, zone)] == []


@pytest.mark.parametrize(
    ("title", "start", "minutes"),
    [
        ("Night train", datetime(2027, 3, 27, 23, 0, tzinfo=BERLIN), 300),
        ("Long weekend walk", datetime(2027, 10, 30, 12, 0, tzinfo=BERLIN), 25 * 60),
        ("Long spring walk", datetime(2027, 3, 27, 12, 0, tzinfo=BERLIN), 25 * 60),
        ("Early call", datetime(2027, 3, 14, 1, 0, tzinfo=NEW_YORK), 120),
    ],
)
def test_a_series_the_clocks_change_in_comes_back_as_long_as_it_went(
    services: Services, plan: Plan, title: str, start: datetime, minutes: int
) -> None:
    # A day or more is written with DTEND: icalendar writes 25 hours as P1DT1H, whose day
    # readers take on the calendar, an hour off across the change.
    assert isinstance(start.tzinfo, ZoneInfo)
    draft = _timed(title, start, minutes, rrule="FREQ=WEEKLY;COUNT=3", zone=start.tzinfo.key)
    services.activities.create(plan, draft)
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    before = by_title(services, plan, title)

    services.activities.delete(plan, before.uid)
    services.importer.import_bytes(data)

    assert by_title(services, plan, title).duration == timedelta(minutes=minutes)


def test_a_stored_rule_a_file_cannot_hold_is_named_not_a_traceback() -> None:
    """A rule saved by another program (FREQ=NONSENSE) ended the export with icalendar's
    ValueError; in the app, the export closed without a word (a robustness audit)."""
    from planner.domain.activities import create_activity
    from planner.domain.ids import ActivityUid, PlanId
    from planner.errors import StorageError

    start = datetime(2026, 12, 10, 9, 0, tzinfo=BERLIN)
    walk = create_activity(
        _timed("Walk", start, 30), uid=ActivityUid("walk@x"), plan_id=PlanId(1), at=NOW
    )
    odd = replace(walk, rrule="FREQ=NONSENSE")
    with pytest.raises(StorageError, match="“Walk” has a repeat rule a calendar file cannot"):
        ical_export.build_calendar([odd], options=ical_export.ExportOptions(), now=NOW)
