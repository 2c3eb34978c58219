"""Import: files as Google, Apple, Outlook and Thunderbird write them, and files that are broken."""

from __future__ import annotations

import codecs
import re
import warnings
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events  # type: ignore[import-untyped]
import x_wr_timezone
from planner.domain import recurrence
from planner.domain.activities import create_activity
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, PlanId, StepNumber
from planner.errors import FileFormatError, PlannerError
from planner.ical import importer, tz
from planner.ical.importer import ImportDefaults, ImportedActivity, ParsedFile

from tests.zones import BERLIN, NEW_YORK, NOW

DATA = Path(__file__).resolve().parents[1] / "data" / "ics"
TOKYO = ZoneInfo("Asia/Tokyo")

GOOGLE = "google_weekly_with_exception_and_override.ics"
APPLE = "apple_all_day_and_vtimezone.ics"
OUTLOOK = "outlook_windows_zone_names.ics"
#: Outlook's other way: a VTIMEZONE under the zone's display name, which no list maps.
OUTLOOK_DISPLAY = "outlook_display_name_zone.ics"
THUNDERBIRD = "thunderbird_x_wr_timezone_floating.ics"
MIXED = "mixed_todo_journal_freebusy.ics"
REALISTIC = [GOOGLE, APPLE, OUTLOOK, OUTLOOK_DISPLAY, THUNDERBIRD, MIXED]

YOGA = "7kq3c0v2ad9mjnq8g1vb1ebm5s@google.com"
DENTIST = "3f9b1q6d8h2l0n4p6r8t0v2x4z@google.com"
BIRTHDAY = "0a1b2c3d4e5f6g7h8i9j0k1l2m@google.com"
RUN_CLUB = "5E0C8E4B-6A4E-4C4B-9C57-2F1B0D6E8A11"
THANKSGIVING = "8C2F4A6E-1B3D-4F5A-8C7E-9D0B1A2C3E4F"
MARKET = "2D4F6B8D-0A1C-4E3A-9B5D-7F9E1C3A5B7D"
TEAM_SYNC = (
    "040000008200E00074C5B7101A82E0080000000050B8A4E5F763DC01000000000000000"
    "0100000004B9E2F5D3A1C7E4F8B6D0A2C4E6F8A0B"
)
NY_OFFICE = (
    "040000008200E00074C5B7101A82E00800000000A0C1D2E3F4A5DC01000000000000000"
    "01000000011223344556677889900AABBCCDDEEFF"
)
CHRISTMAS = (
    "040000008200E00074C5B7101A82E00800000000B1D2E3F4A5B6DC01000000000000000"
    "0100000009988776655443322110000FFEEDDCCBBAA"
)
COFFEE_ALEX = "a3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
POTTERY = "b4e2d3c5-6f70-4b8c-9dae-1f2a3b4c5d6e"


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def defaults(zone: str = "Asia/Tokyo", **changes: object) -> ImportDefaults:
    """A plan in a zone none of the files use, so a time landing in it shows a lost zone."""
    return ImportDefaults(
        plan_zone=zone,
        current_step=StepNumber(2),
        step_count=11,
        **changes,  # type: ignore[arg-type]
    )


def parse(data: bytes, **changes: object) -> ParsedFile:
    return importer.parse(data, defaults(**changes))  # type: ignore[arg-type]


def by_uid(parsed: ParsedFile) -> dict[str, ImportedActivity]:
    found = {item.uid: item for item in parsed.activities}
    assert len(found) == len(parsed.activities), "a UID came back twice"
    return found


Key = tuple[str, datetime | date]


def expanded(item: ImportedActivity, first: date, last: date, zone: ZoneInfo) -> list[Key]:
    """(UID, start) of the imported activity's occurrences starting on first..last in `zone`."""
    activity = create_activity(item.draft, uid=ActivityUid(item.uid), plan_id=PlanId(1), at=NOW)
    found = []
    for occurrence in recurrence.expand(activity, first, last + timedelta(days=1), zone):
        if first <= occurrence.first_day(zone) <= last:
            found.append((item.uid, occurrence.start))
    return found


def local_starts(item: ImportedActivity, zone: ZoneInfo) -> list[datetime | date]:
    """Starts from October to December 2026 as wall-clock times in `zone` (or dates)."""
    return [
        start.astimezone(zone) if isinstance(start, datetime) else start
        for _, start in expanded(item, date(2026, 10, 1), date(2026, 12, 31), zone)
    ]


def local_times(item: ImportedActivity, zone: ZoneInfo) -> list[datetime]:
    """The starts of a timed activity, as wall-clock times in `zone`."""
    starts = local_starts(item, zone)
    timed = [start for start in starts if isinstance(start, datetime)]
    assert len(timed) == len(starts)
    return timed


def as_key(start: datetime | date) -> datetime | date:
    return start.astimezone(UTC) if isinstance(start, datetime) else start


def reader_starts(data: bytes, first: date, last: date) -> Counter[Key]:
    """What recurring-ical-events (after the usual X-WR-TIMEZONE step) expands from the file."""
    calendar = x_wr_timezone.to_standard(icalendar.Calendar.from_ical(data))
    low = datetime.combine(first, time(0), tzinfo=UTC)
    high = datetime.combine(last + timedelta(days=1), time(0), tzinfo=UTC)
    found: Counter[Key] = Counter()
    for event in recurring_ical_events.of(calendar).between(low, high):
        start = event.decoded("DTSTART")
        assert not isinstance(start, datetime) or start.tzinfo is not None
        found[(str(event["UID"]), as_key(start))] += 1
    return found


# --- the fixtures are written as the apps write them ---------------------------------------------


@pytest.mark.parametrize("name", [*REALISTIC, "malformed_bad_date.ics"])
def test_fixtures_have_crlf_lines_of_at_most_75_octets(name: str) -> None:
    data = read(name)
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


# --- Google -------------------------------------------------------------------------------------


def test_google_series_keeps_its_zone_exception_and_moved_instance() -> None:
    found = by_uid(parse(read(GOOGLE)))
    assert set(found) == {YOGA, DENTIST, BIRTHDAY}
    yoga = found[YOGA]
    assert yoga.sequence == 2  # the moved instance's: Google raises only its SEQUENCE
    draft = yoga.draft
    assert (draft.title, draft.zone, draft.all_day) == ("Yoga", "Europe/Berlin", False)
    assert draft.start == datetime(2026, 10, 6, 18, 30, tzinfo=BERLIN)
    assert draft.end == datetime(2026, 10, 6, 20, 0, tzinfo=BERLIN)
    assert draft.location == "Studio Mitte, Torstraße 1, 10119 Berlin, Germany"
    assert draft.notes == "Bring the blue mat."
    assert draft.category is Category.OTHER
    assert draft.step == 2
    assert draft.exdates == (datetime(2026, 11, 3, 18, 30),)
    (moved,) = draft.overrides
    assert moved.recurrence_id == datetime(2026, 10, 27, 18, 30)
    assert moved.start == datetime(2026, 10, 28, 19, 0, tzinfo=BERLIN)
    assert moved.end == datetime(2026, 10, 28, 20, 30, tzinfo=BERLIN)
    assert moved.title == "Yoga (Wednesday this week)"
    assert moved.notes == "Studio closed on Tuesday this week."


def test_google_series_expands_at_the_same_local_time_across_the_dst_change() -> None:
    yoga = by_uid(parse(read(GOOGLE)))[YOGA]
    tuesday = [
        datetime(2026, month, day, 18, 30, tzinfo=BERLIN)
        for month, day in [(10, 6), (10, 13), (10, 20)]
    ]
    later = [
        datetime(2026, month, day, 18, 30, tzinfo=BERLIN)
        for month, day in [(11, 10), (11, 17), (11, 24), (12, 1), (12, 8), (12, 15)]
    ]
    moved = datetime(2026, 10, 28, 19, 0, tzinfo=BERLIN)
    starts = local_times(yoga, BERLIN)
    assert starts == [*tuesday, moved, *later]
    assert [s.utcoffset() for s in starts[:3]] == [timedelta(hours=2)] * 3
    assert {s.utcoffset() for s in starts[3:]} == {timedelta(hours=1)}


def test_google_one_off_in_utc_takes_the_calendar_zone_and_all_day_stays_a_date() -> None:
    found = by_uid(parse(read(GOOGLE)))
    dentist = found[DENTIST].draft
    assert dentist.zone == "Europe/Berlin"  # X-WR-TIMEZONE, not the plan's Tokyo
    assert dentist.start == datetime(2026, 11, 10, 9, 0, tzinfo=BERLIN)
    assert dentist.end == datetime(2026, 11, 10, 10, 0, tzinfo=BERLIN)
    assert dentist.rrule is None
    birthday = found[BIRTHDAY].draft
    assert birthday.all_day
    assert (birthday.start, birthday.end) == (date(2026, 12, 5), date(2026, 12, 6))
    assert birthday.title == "Lena's birthday"


def test_a_cancelled_instance_becomes_an_exception_date() -> None:
    cancelled = (
        read(GOOGLE)
        .replace(
            b"SUMMARY:Yoga (Wednesday this week)\r\n",
            b"SUMMARY:Yoga (Wednesday this week)\r\nSTATUS:CANCELLED\r\n",
        )
        .replace(b"SEQUENCE:2\r\nSTATUS:CONFIRMED\r\n", b"SEQUENCE:2\r\n")
    )
    yoga = by_uid(parse(cancelled))[YOGA].draft
    assert yoga.overrides == ()
    assert yoga.exdates == (datetime(2026, 10, 27, 18, 30), datetime(2026, 11, 3, 18, 30))


def test_a_cancelled_event_is_not_imported_but_named_for_the_service() -> None:
    """The service skips it, or removes a copy imported before (test_import_cancellations)."""
    data = read(GOOGLE).replace(
        b"STATUS:CONFIRMED\r\nSUMMARY:Dentist", b"STATUS:CANCELLED\r\nSUMMARY:Dentist"
    )
    parsed = parse(data)
    assert DENTIST not in by_uid(parsed)
    assert parsed.skipped == []
    (cancelled,) = parsed.cancelled
    assert (cancelled.uid, cancelled.line, cancelled.what) == (DENTIST, 62, "the event “Dentist”")


def test_a_moved_instance_without_its_series_is_reported() -> None:
    text = read(GOOGLE).decode()
    master_start = text.index("BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:20261006T183000")
    master_end = text.index("END:VEVENT\r\n", master_start) + len("END:VEVENT\r\n")
    parsed = parse((text[:master_start] + text[master_end:]).encode())
    assert YOGA not in by_uid(parsed)
    (skipped,) = parsed.skipped
    assert skipped.line == 26
    assert "Yoga (Wednesday this week)" in skipped.what
    assert "series is not in the file" in skipped.reason


# --- Apple --------------------------------------------------------------------------------------


def test_apple_timed_series_stays_at_seven_in_new_york_across_the_dst_change() -> None:
    run = by_uid(parse(read(APPLE)))[RUN_CLUB]
    assert run.draft.zone == "America/New_York"
    assert run.draft.location == "Prospect Park\nBrooklyn, NY 11225, United States"
    starts = local_times(run, NEW_YORK)
    assert [s.day for s in starts] == [29, 5, 12, 19]
    assert {s.time() for s in starts} == {time(7, 0)}
    assert [s.astimezone(UTC).hour for s in starts] == [11, 12, 12, 12]


def test_apple_all_day_events_are_dates_with_an_exclusive_end() -> None:
    found = by_uid(parse(read(APPLE)))
    thanksgiving = found[THANKSGIVING].draft
    assert thanksgiving.all_day
    assert (thanksgiving.start, thanksgiving.end) == (date(2026, 11, 26), date(2026, 11, 29))
    assert thanksgiving.title == "Thanksgiving at my parents'"


def test_apple_all_day_series_with_exception_and_moved_day() -> None:
    market = by_uid(parse(read(APPLE)))[MARKET]
    assert market.sequence == 1
    assert market.draft.all_day
    assert market.draft.exdates == (date(2026, 11, 21),)
    (moved,) = market.draft.overrides
    assert moved.recurrence_id == date(2026, 11, 28)
    assert (moved.start, moved.end) == (date(2026, 11, 29), date(2026, 11, 30))
    assert local_starts(market, NEW_YORK) == [
        date(2026, 11, 7),
        date(2026, 11, 14),
        date(2026, 11, 29),
        date(2026, 12, 5),
    ]


# --- Outlook ------------------------------------------------------------------------------------


def test_outlook_series_with_windows_zone_lands_at_its_local_time() -> None:
    found = by_uid(parse(read(OUTLOOK), zone="Europe/Berlin"))
    assert set(found) == {TEAM_SYNC, NY_OFFICE, CHRISTMAS}  # long folded UIDs, unfolded
    sync = found[TEAM_SYNC]
    assert (sync.draft.title, sync.draft.location) == ("Team sync", "Room 4.12")
    assert sync.draft.notes == "Weekly check-in."
    mondays = [
        (10, 19),
        (10, 26),
        (11, 2),
        (11, 9),
        (11, 23),
        (11, 30),
        (12, 7),
        (12, 14),
        (12, 21),
    ]
    assert local_starts(sync, BERLIN) == [
        datetime(2026, month, day, 9, 30, tzinfo=BERLIN) for month, day in mondays
    ]
    office = found[NY_OFFICE].draft
    assert office.start == datetime(2026, 11, 10, 16, 30, tzinfo=UTC)
    christmas = found[CHRISTMAS].draft
    assert christmas.all_day
    assert (christmas.start, christmas.end) == (date(2026, 12, 24), date(2026, 12, 25))


def test_outlook_windows_zone_names_become_iana_zones() -> None:
    found = by_uid(parse(read(OUTLOOK), zone="Asia/Tokyo"))
    assert found[TEAM_SYNC].draft.zone == "Europe/Berlin"
    assert found[NY_OFFICE].draft.zone == "America/New_York"
    starts = local_times(found[TEAM_SYNC], BERLIN)
    assert {s.time() for s in starts} == {time(9, 30)}


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Amsterdam"),
        ("(UTC) Dublin, Edinburgh, Lisbon, London", "Europe/Dublin"),
        ("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "Asia/Kolkata"),
        ("(UTC-05:00) Eastern Time (US & Canada)", None),  # no city: left out, and said
        ("(UTC+03:00) Amsterdam", None),  # a city at another offset: not guessed
    ],
)
def test_an_outlook_display_name_is_read_by_its_first_city_at_its_offset(
    tzid: str, zone: str | None
) -> None:
    """An interop trial: one Outlook event naming its zone by display name, with no
    VTIMEZONE, refused the whole file (then was left out)."""
    quoted = b'"' + tzid.encode() + b'"'  # as Outlook writes it: it holds a colon
    data = read("malformed_unknown_tzid.ics").replace(b"Mars/Olympus_Mons", quoted)
    parsed = parse(data)
    titles = {item.draft.title: item.draft.zone for item in parsed.activities}
    assert titles.get("Choir rehearsal") == zone
    if zone is not None:
        (choir,) = [i for i in parsed.activities if i.draft.title == "Choir rehearsal"]
        assert choir.draft.start == datetime(2026, 12, 2, 17, 0, tzinfo=ZoneInfo(zone))


def test_a_byte_order_mark_is_accepted() -> None:
    found = by_uid(parse(b"\xef\xbb\xbf" + read(OUTLOOK), zone="Europe/Berlin"))
    assert TEAM_SYNC in found


# --- Thunderbird --------------------------------------------------------------------------------


def test_floating_times_take_the_calendar_zone_from_x_wr_timezone() -> None:
    found = by_uid(parse(read(THUNDERBIRD), zone="Europe/Berlin"))
    coffee = found[COFFEE_ALEX]
    assert coffee.sequence == 2
    assert coffee.draft.zone == "America/New_York"
    assert coffee.draft.start == datetime(2026, 11, 12, 10, 0, tzinfo=NEW_YORK)
    assert coffee.draft.end == datetime(2026, 11, 12, 11, 0, tzinfo=NEW_YORK)
    course = found[POTTERY]
    assert course.draft.zone == "America/New_York"
    starts = local_times(course, NEW_YORK)
    assert {s.time() for s in starts} == {time(18, 30)}
    assert [s.astimezone(UTC).hour for s in starts] == [22, 22, 23]


def test_floating_times_without_a_calendar_zone_take_the_plan_zone() -> None:
    data = read(THUNDERBIRD).replace(b"X-WR-TIMEZONE:America/New_York\r\n", b"")
    coffee = by_uid(parse(data, zone="Europe/Berlin"))[COFFEE_ALEX].draft
    assert coffee.zone == "Europe/Berlin"
    assert coffee.start == datetime(2026, 11, 12, 10, 0, tzinfo=BERLIN)


# --- every realistic file, checked against an independent reader ---------------------------------


@pytest.mark.parametrize(
    ("name", "zone"),
    [
        (GOOGLE, "Asia/Tokyo"),
        (APPLE, "Asia/Tokyo"),
        (THUNDERBIRD, "Asia/Tokyo"),
        (MIXED, "Asia/Tokyo"),
        (OUTLOOK, "Europe/Berlin"),
        (OUTLOOK_DISPLAY, "Asia/Tokyo"),
        (OUTLOOK_DISPLAY, "Europe/Berlin"),
        pytest.param(
            OUTLOOK,
            "Asia/Tokyo",
        ),
    ],
)
def test_imported_occurrences_match_an_independent_reader(name: str, zone: str) -> None:
    data = read(name)
    first, last = date(2026, 10, 1), date(2026, 12, 31)
    ours: Counter[Key] = Counter()
    for item in parse(data, zone=zone).activities:
        ours.update(
            (uid, as_key(start)) for uid, start in expanded(item, first, last, ZoneInfo("UTC"))
        )
    assert ours == reader_starts(data, first, last)
    assert sum(ours.values()) >= 1


def test_a_zone_under_a_display_name_is_the_iana_zone_that_reads_the_same() -> None:
    # "(UTC-05:00) Eastern Time (US & Canada)" names no zone on any list; converted to the
    # plan's zone, the series kept the plan's clock changes: an hour off for a week, and
    # the skipped day came back.
    (call,) = parse(read(OUTLOOK_DISPLAY), zone="Europe/Berlin").activities
    assert call.draft.zone == "America/New_York"
    assert call.draft.exdates == (datetime(2026, 10, 28, 9, 0),)
    starts = [start for _, start in expanded(call, date(2026, 10, 20), date(2026, 11, 10), UTC)]
    assert len(starts) == 21
    assert {start.astimezone(NEW_YORK).time() for start in starts} == {time(9, 0)}  # type: ignore[union-attr]


# --- what is not an event -----------------------------------------------------------------------


def test_todos_journals_and_free_busy_are_skipped_with_reasons() -> None:
    parsed = parse(read(MIXED))
    assert [item.draft.title for item in parsed.activities] == ["Walk by the river"]
    assert [(s.line, s.what) for s in parsed.skipped] == [
        (21, "a to-do “Buy a birthday card”"),
        (39, "a journal entry “Thoughts after the weekend”"),
        (46, "free/busy information"),
    ]
    assert all("events only" in s.reason for s in parsed.skipped)


def test_a_series_with_extra_dates_is_skipped_not_half_imported() -> None:
    data = read(GOOGLE).replace(
        b"EXDATE;TZID=Europe/Berlin:20261103T183000\r\n",
        b"EXDATE;TZID=Europe/Berlin:20261103T183000\r\n"
        b"RDATE;TZID=Europe/Berlin:20261105T183000\r\n",
    )
    parsed = parse(data)
    assert YOGA not in by_uid(parsed)
    assert [s.line for s in parsed.skipped] == [41]
    assert "RDATE" in parsed.skipped[0].reason


# --- categories and steps -----------------------------------------------------------------------


def test_categories_naming_ours_set_the_category_else_the_default() -> None:
    found = by_uid(parse(read(THUNDERBIRD)))
    assert found[COFFEE_ALEX].draft.category is Category.MEETUP  # CATEGORIES:Meetup
    assert found[POTTERY].draft.category is Category.OTHER  # CATEGORIES:Education,Personal
    chosen = by_uid(parse(read(THUNDERBIRD), category=Category.GROWTH))
    assert chosen[COFFEE_ALEX].draft.category is Category.MEETUP
    assert chosen[POTTERY].draft.category is Category.GROWTH


def test_any_of_several_categories_may_name_ours() -> None:
    data = read(THUNDERBIRD).replace(b"CATEGORIES:Education,Personal", b"CATEGORIES:Course,Growth")
    assert by_uid(parse(data))[POTTERY].draft.category is Category.GROWTH


def test_step_is_the_current_one_unless_given_or_in_our_own_property() -> None:
    assert {item.draft.step for item in parse(read(GOOGLE)).activities} == {2}
    given = parse(read(GOOGLE), step=StepNumber(7))
    assert {item.draft.step for item in given.activities} == {7}
    ours = read(GOOGLE).replace(b"SUMMARY:Yoga\r\n", b"SUMMARY:Yoga\r\nX-REKINDLE-STEP:9\r\n")
    assert by_uid(parse(ours))[YOGA].draft.step == 9
    assert by_uid(parse(ours, step=StepNumber(3)))[YOGA].draft.step == 3
    too_far = ours.replace(b"X-REKINDLE-STEP:9", b"X-REKINDLE-STEP:12")
    assert by_uid(parse(too_far))[YOGA].draft.step == 2


# --- malformed files ----------------------------------------------------------------------------


def assert_plain(error: FileFormatError, line: int | None, *words: str) -> None:
    message = error.message
    assert isinstance(error, PlannerError)
    assert str(error) == message
    assert "\n" not in message and "Traceback" not in message
    assert message[:1].isupper()
    if line is not None:
        assert re.search(rf"\bline {line}\b", message, re.IGNORECASE), message
    for word in words:
        assert word.lower() in message.lower(), message


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("malformed_missing_end.ics", 32, ["END:VEVENT"]),
        (
            "malformed_bad_date.ics",
            18,  # the DTSTART's line, not the event's first
            ["Choir rehearsal", "DTSTART", "not a valid date", "20261131"],
        ),
        (
            "malformed_bad_rrule.ics",
            20,
            [
                "Choir rehearsal",
                "repeat rule (RRULE) that cannot be read (FREQ=FORTNIGHTLY;BYDAY=WE)",
            ],
        ),
        ("empty.ics", None, ["empty"]),
    ],
)
def test_malformed_files_give_a_plain_message_with_the_line(
    name: str, line: int | None, words: list[str]
) -> None:
    with pytest.raises(FileFormatError) as caught:
        parse(read(name))
    assert_plain(caught.value, line, *words)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06" + bytes(64)
DOCX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256))


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (PNG, None, ["not a calendar"]),
        (DOCX, None, ["not a calendar"]),
        (b"   \r\n\r\n\t", None, ["empty"]),
        ("BEGIN:VCALENDAR\r\nSUMMARY:Caf\xe9\r\n".encode("latin-1"), None, ["UTF-8"]),
        (b"<!DOCTYPE html>\n<html><body>Sign in</body></html>\n", None, ["BEGIN:VCALENDAR"]),
        (read(GOOGLE)[:1500], 41, ["END:VEVENT", "missing"]),
        (read(GOOGLE).replace(b"END:VCALENDAR\r\n", b""), 1, ["END:VCALENDAR"]),
        (b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 2, ["END:VEVENT"]),
    ],
    ids=[
        "png", "docx", "blank", "latin-1", "html-page", "truncated", "no-end-vcalendar",
        "stray-end",
    ],
)  # fmt: skip
def test_files_that_are_not_calendars_give_a_plain_message(
    data: bytes, line: int | None, words: list[str]
) -> None:
    with pytest.raises(FileFormatError) as caught:
        parse(data)
    assert_plain(caught.value, line, *words)


def test_an_event_ending_before_it_starts_names_its_line() -> None:
    data = read(GOOGLE).replace(b"DTEND;VALUE=DATE:20261206", b"DTEND;VALUE=DATE:20261201")
    with pytest.raises(FileFormatError) as caught:
        parse(data)
    assert_plain(caught.value, 79, "Lena's birthday")


def test_an_event_in_a_zone_nobody_describes_is_left_out_and_said() -> None:
    """An interop trial: one Outlook event naming its zone by a display name, with no
    VTIMEZONE for it, had the whole file refused. That event is left out, with its line."""
    parsed = parse(read("malformed_unknown_tzid.ics"))
    assert [item.draft.title for item in parsed.activities] == ["Breakfast with Mia"]
    (left,) = parsed.skipped
    assert left.line == 20  # the DTSTART naming it
    assert "Choir rehearsal" in left.what and "“Mars/Olympus_Mons”" in left.reason


def test_an_unknown_tzid_is_left_out_even_with_a_calendar_zone() -> None:
    data = read("malformed_unknown_tzid.ics").replace(
        b"VERSION:2.0\r\n", b"VERSION:2.0\r\nX-WR-TIMEZONE:Europe/Berlin\r\n"
    )
    parsed = parse(data)
    assert [item.draft.title for item in parsed.activities] == ["Breakfast with Mia"]
    assert [(s.line, "Mars/Olympus_Mons" in s.reason) for s in parsed.skipped] == [(21, True)]


BROKEN_EXDATE = b"RRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:20261331T183000\r\n"


def test_a_broken_exdate_in_a_file_with_a_calendar_zone_names_its_line() -> None:
    data = read(THUNDERBIRD).replace(b"RRULE:FREQ=DAILY;COUNT=3\r\n", BROKEN_EXDATE)
    with pytest.raises(FileFormatError) as caught:
        parse(data)
    assert_plain(caught.value, 33, "EXDATE")  # the EXDATE's own line


def test_a_broken_exdate_without_a_calendar_zone_names_its_line() -> None:
    data = read(THUNDERBIRD).replace(b"RRULE:FREQ=DAILY;COUNT=3\r\n", BROKEN_EXDATE)
    data = data.replace(b"X-WR-TIMEZONE:America/New_York\r\n", b"")
    with pytest.raises(FileFormatError) as caught:
        parse(data)
    assert_plain(caught.value, 32, "EXDATE", "Evening pottery course")


def test_a_broken_exdate_beside_a_tzid_start_names_its_line() -> None:
    data = read(GOOGLE).replace(
        b"EXDATE;TZID=Europe/Berlin:20261103T183000", b"EXDATE;TZID=Europe/Berlin:20261131T183000"
    )
    with pytest.raises(FileFormatError) as caught:
        parse(data)
    assert_plain(caught.value, 45, "EXDATE", "Yoga")


def test_a_rejected_rrule_is_quoted_as_written() -> None:
    with pytest.raises(FileFormatError) as caught:
        parse(read("malformed_bad_rrule.ics"))
    assert "\\" not in caught.value.message, caught.value.message


def test_a_bad_exdate_is_named_as_it_is_said() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
        b"DTSTAMP:20261101T000000Z\r\nSUMMARY:Walk\r\nDTSTART:20261102T090000Z\r\n"
        b"RRULE:FREQ=DAILY;COUNT=5\r\nEXDATE:20261131T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(FileFormatError) as caught:
        parse(data)
    assert_plain(caught.value, 10, "Walk", "has a day left out (EXDATE) that is not a valid date",
                 "20261131")  # fmt: skip


def test_two_events_without_a_uid_alike_in_title_and_start_keep_one_and_say_so() -> None:
    event = (
        "BEGIN:VEVENT\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Walk\r\n"
        "DTSTART:20261102T090000Z\r\nDTEND:20261102T100000Z\r\nEND:VEVENT\r\n"
    )
    data = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n" + event + event
            + "END:VCALENDAR\r\n").encode()  # fmt: skip
    parsed = parse(data)  # the whole file was refused, naming a UID it does not hold
    assert [item.draft.title for item in parsed.activities] == ["Walk"]
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (10, "it has no UID, and the same title and start as an event before it")
    ]


def test_an_event_titled_with_only_an_invisible_mark_comes_in_untitled() -> None:
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:z@x\r\n"
        "DTSTAMP:20261101T000000Z\r\nSUMMARY:\u200b\r\nDTSTART:20261102T090000Z\r\n"
        "DTEND:20261102T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    parsed = parse(data)
    assert [item.draft.title for item in parsed.activities] == ["Untitled event"]
    assert parsed.skipped == []


def test_a_long_title_is_cut_between_characters_not_inside_one() -> None:
    """A title over 200 characters is shortened; the cut had fallen between a family
    emoji's people, or left an accent without its letter."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    summary = "a" * 199 + family + "e\u0301" * 3
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:z@x\r\n"
        f"DTSTAMP:20261101T000000Z\r\nSUMMARY:{summary}\r\nDTSTART:20261102T090000Z\r\n"
        "DTEND:20261102T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    (item,) = parse(data).activities
    assert item.draft.title == "a" * 199 + family  # the whole family, as one character


def test_a_file_in_another_encoding_is_named_by_its_line() -> None:
    data = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Caf\xe9\r\n".encode("latin-1")
    with pytest.raises(FileFormatError) as caught:
        parse(data)
    assert_plain(caught.value, 3, "not UTF-8 text", "another encoding")


def test_a_utf16_file_with_its_mark_is_read_as_text() -> None:
    """Some Windows tools save calendars as UTF-16: refused as "binary data" before (a
    robustness audit); its program line is read too, before the plan exists."""
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n"
        "X-REKINDLE-PROGRAM:five-steps\r\nBEGIN:VEVENT\r\nUID:c@x\r\n"
        "DTSTAMP:20261101T000000Z\r\nSUMMARY:Café\r\nDTSTART:20261102T090000Z\r\n"
        "DTEND:20261102T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    for encoding in ("utf-16", "utf-16-be"):
        data = text.encode(encoding)
        if encoding == "utf-16-be":
            data = codecs.BOM_UTF16_BE + data
        (item,) = parse(data).activities
        assert item.draft.title == "Café"
        assert importer.program_named(data) == "five-steps"
    with pytest.raises(FileFormatError, match="says it is UTF-16 text"):
        parse(codecs.BOM_UTF16_LE + b"B\x00\x00\xd8")  # half a character pair


def test_a_guessed_zone_is_used_without_a_warning_on_stderr() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org//Thunderbird//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:m@x\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Call\r\n"
        b"DTSTART;TZID=/mozilla.org/20070129_1/America/New_York:20261102T090000\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (call,) = parse(data).activities
    assert call.draft.zone == "America/New_York"
    assert [str(w.message) for w in caught] == []  # it printed a site-packages path


def test_an_exdate_given_as_a_date_skips_that_days_occurrence_of_a_timed_series() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:d@x\r\n"
        b"DTSTAMP:20261101T000000Z\r\nSUMMARY:Run\r\n"
        b"DTSTART;TZID=Europe/Berlin:20261102T070000\r\nRRULE:FREQ=DAILY;COUNT=4\r\n"
        b"EXDATE;VALUE=DATE:20261103\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )  # the whole file was refused: "an EXDATE of the event “Run” has no time"
    (run,) = parse(data).activities
    assert run.draft.exdates == (datetime(2026, 11, 3, 7, 0),)
    days = [
        start.date() for _, start in expanded(run, date(2026, 11, 1), date(2026, 11, 9), BERLIN)
    ]  # type: ignore[union-attr]
    assert days == [date(2026, 11, 2), date(2026, 11, 4), date(2026, 11, 5)]


def _us_eastern_rules(tzid: str, events: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0//EN\r\n"
        f"BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\nBEGIN:STANDARD\r\nDTSTART:16011104T020000\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"
        "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010311T020000\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n"
        "END:DAYLIGHT\r\nEND:VTIMEZONE\r\n" + events + "END:VCALENDAR\r\n"
    ).encode()


def test_a_zone_with_a_name_that_says_nothing_is_matched_to_the_hour_of_its_changes() -> None:
    # Havana reads as New York at noon every day, but changes its clocks at midnight: a
    # weekly 01:30 series matched to it ran an hour late after the change.
    event = (
        "BEGIN:VEVENT\r\nUID:c@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Call\r\n"
        'DTSTART;TZID="Customized Time Zone":20260308T013000\r\nDURATION:PT30M\r\n'
        "RRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n"
    )
    (call,) = parse(_us_eastern_rules("Customized Time Zone", event)).activities
    assert call.draft.zone == "America/New_York"


def test_a_zone_name_is_matched_once_however_many_years_its_events_span(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[int] = []
    matching = tz._matching

    def counted(zone: Any, year: int, label: str) -> str | None:
        asked.append(year)
        return matching(zone, year, label)

    monkeypatch.setattr(tz, "_matching", counted)
    monkeypatch.setattr(tz, "_MATCHED", {})
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:e{year}@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Yearly\r\n"
        f'DTSTART;TZID="(UTC-05:00) Eastern Time (US & Canada)":{year}0601T090000\r\n'
        "END:VEVENT\r\n"
        for year in range(2010, 2030)
    )
    parsed = parse(_us_eastern_rules("(UTC-05:00) Eastern Time (US & Canada)", events))
    assert {item.draft.zone for item in parsed.activities} == {"America/New_York"}
    assert len(asked) == 1  # was once per year: 0.4 s each


def test_one_made_up_zone_name_in_two_files_is_two_zones() -> None:
    event = (
        "BEGIN:VEVENT\r\nUID:c@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Call\r\n"
        'DTSTART;TZID="Customized Time Zone":20260601T090000\r\nEND:VEVENT\r\n'
    )
    us = _us_eastern_rules("Customized Time Zone", event)
    tokyo = us.replace(
        b"TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500", b"TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900"
    ).replace(b"TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400", b"TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900")
    assert parse(us).activities[0].draft.zone == "America/New_York"
    nine_hours_ahead = parse(tokyo).activities[0].draft.zone  # Tokyo or Seoul: they agree
    assert ZoneInfo(nine_hours_ahead).utcoffset(datetime(2026, 6, 1)) == timedelta(hours=9)


def _spring_forward_file(rule: str = "") -> bytes:
    """An event written 02:30 to 03:00 on the night Berlin's clocks skip 02:00 to 03:00, beside an
    ordinary one."""
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN",
        "BEGIN:VEVENT", "UID:gap@test", "DTSTAMP:20270101T000000Z", "SUMMARY:Night walk",
        "DTSTART;TZID=Europe/Berlin:20270328T023000", "DTEND;TZID=Europe/Berlin:20270328T030000",
        *([rule] if rule else []), "END:VEVENT",
        "BEGIN:VEVENT", "UID:fine@test", "DTSTAMP:20270101T000000Z", "SUMMARY:Breakfast",
        "DTSTART;TZID=Europe/Berlin:20270329T080000", "DTEND;TZID=Europe/Berlin:20270329T090000",
        "END:VEVENT", "END:VCALENDAR",
    ]  # fmt: skip
    return ("\r\n".join(lines) + "\r\n").encode()


def test_an_event_written_in_the_skipped_hour_keeps_its_length_from_the_time_that_exists() -> None:
    found = by_uid(parse(_spring_forward_file()))

    walk = found["gap@test"].draft
    assert isinstance(walk.start, datetime) and isinstance(walk.end, datetime)
    assert walk.start.astimezone(BERLIN).replace(tzinfo=None) == datetime(2027, 3, 28, 3, 30)
    assert walk.end.astimezone(BERLIN).replace(tzinfo=None) == datetime(2027, 3, 28, 4, 0)
    assert "fine@test" in found  # and the rest of the file came in with it


def test_a_series_begun_in_the_skipped_hour_keeps_its_length_every_week() -> None:
    (walk, _) = parse(_spring_forward_file("RRULE:FREQ=WEEKLY;COUNT=3")).activities
    activity = create_activity(walk.draft, uid=ActivityUid("gap@test"), plan_id=PlanId(1), at=NOW)

    found = recurrence.expand(activity, date(2027, 3, 27), date(2027, 4, 12), BERLIN)

    local = [(o.start.astimezone(BERLIN), o.end.astimezone(BERLIN)) for o in found]  # type: ignore[union-attr]
    assert [(start.strftime("%d %H:%M"), end.strftime("%H:%M")) for start, end in local] == [
        ("28 03:30", "04:00"), ("04 02:30", "03:00"), ("11 02:30", "03:00"),
    ]  # fmt: skip


def test_an_end_written_in_utc_before_a_start_in_the_skipped_hour_is_said() -> None:
    """02:30 (skipped) to 01:00Z (03:00 in Berlin) ends before it starts in real time, and
    the two are on different clocks: no written length to keep, so the file says so."""
    data = _spring_forward_file().replace(
        b"DTEND;TZID=Europe/Berlin:20270328T030000", b"DTEND:20270328T010000Z"
    )
    with pytest.raises(FileFormatError, match=r"does not exist that day .*after the end"):
        parse(data)


def _one_event(*lines: str) -> bytes:
    body = "".join(f"{line}\r\n" for line in lines)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
        f"DTSTAMP:20261101T000000Z\r\nSUMMARY:Walk\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_a_repeat_that_cannot_be_is_said_at_its_rules_line() -> None:
    """A data-safety trial: COUNT=0 on line 10 was said at line 4, the event's first."""
    data = _one_event(
        "DTSTART:20261201T100000Z", "DTEND:20261201T110000Z", "RRULE:FREQ=WEEKLY;COUNT=0"
    )
    with pytest.raises(FileFormatError) as caught:
        parse(data)
    assert str(caught.value.message).startswith("Line 10: the event “Walk”: COUNT")


def test_a_line_the_parser_cannot_split_is_named_and_quoted() -> None:
    """A review: a parameter's unclosed quote ended the import with an AttributeError."""
    data = _one_event("DTSTART:20261201T100000Z", 'LOCATION;X-A="b:Park')
    with pytest.raises(FileFormatError) as caught:
        parse(data)
    assert_plain(caught.value, 9, 'has a line that cannot be read (LOCATION;X-A="b:Park)')


def test_of_two_lines_giving_a_property_the_broken_one_is_named() -> None:
    """A review: the first EXDATE, a good one, was named and quoted for the second's fault;
    and a colon inside a quoted parameter cut the value quoted."""
    data = _one_event(
        "DTSTART:20261201T100000Z", "RRULE:FREQ=DAILY;COUNT=5",
        "EXDATE:20261202T100000Z", "EXDATE:20261231T100000Z,20261331T100000Z",
    )  # fmt: skip
    with pytest.raises(FileFormatError) as caught:
        parse(data)
    assert_plain(caught.value, 11, "EXDATE", "20261331T100000Z")
    alarm = _one_event(
        "DTSTART:20261201T100000Z", "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT10M",
        "DESCRIPTION:Soon", "END:VALARM", "RRULE:FREQ=SOMETIMES",
    )  # fmt: skip
    with pytest.raises(FileFormatError) as caught:
        parse(alarm)
    assert_plain(caught.value, 14, "repeat rule (RRULE) that cannot be read (FREQ=SOMETIMES)")
    quoted = _one_event('DTSTART;X-NOTE="a:b":20261131T100000Z')
    with pytest.raises(FileFormatError) as caught:
        parse(quoted)
    assert_plain(
        caught.value, 8, "a start (DTSTART) that is not a valid date or time (20261131T100000Z)"
    )


def test_the_broken_one_of_two_like_lines_and_a_broken_line_after_a_reminder_are_named() -> None:
    """A review: an EXDATE whose bad value the good one's began with named the good line;
    a line that cannot be split, after the event's reminder, was said at the event's start."""
    both = _one_event("DTSTART:20261201T100000Z", "RRULE:FREQ=DAILY;COUNT=5",
                      "EXDATE:20261203T100000Z", "EXDATE:20261203T10")  # fmt: skip
    with pytest.raises(FileFormatError) as caught:
        parse(both)
    assert_plain(caught.value, 11, "(20261203T10)")
    after = _one_event("DTSTART:20261201T100000Z", "BEGIN:VALARM", "ACTION:DISPLAY",
                       "TRIGGER:-PT10M", "DESCRIPTION:Soon", "END:VALARM",
                       'X-FOO;X-A="Unit:geo:1')  # fmt: skip
    (left_out,) = parse(after).skipped  # nothing Rekindle needs: left out at its line
    assert (left_out.line, left_out.what) == (14, 'X-FOO;X-A="Unit:geo:1')


def _left_out(data: bytes) -> list[tuple[int, str, str]]:
    return [(s.line, s.what, s.reason) for s in parse(data).skipped]


def test_a_broken_line_inside_a_reminder_is_left_out_at_its_line() -> None:
    """The parser refused the whole file in its own words ("Invalid iCalendar duration");
    then the whole file, over one reminder (a train operator's tickets, a trial)."""
    data = _one_event("DTSTART:20261201T100000Z", "BEGIN:VALARM", "ACTION:DISPLAY",
                      "TRIGGER:-PT10X", "END:VALARM")  # fmt: skip
    assert _left_out(data) == [
        (11, "TRIGGER:-PT10X", "it cannot be read, and Rekindle does without it")
    ]
    assert by_uid(parse(data))  # the event itself is read, without that reminder


def test_a_line_only_mentioning_the_bad_value_is_not_blamed_for_it() -> None:
    """A review: a description written earlier with the same words was named instead of
    the reminder's broken line."""
    data = _one_event("DESCRIPTION:Use -PT10X as a reminder", "DTSTART:20261201T100000Z",
                      "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT10X", "END:VALARM")  # fmt: skip
    assert [line for line, _what, _why in _left_out(data)] == [12]


def test_what_rekindle_does_not_plan_with_is_left_out_when_unreadable() -> None:
    """Real files (an import trial of 333): a Google export refused over a CREATED in the
    year 0, a Thunderbird reminder at a time of day crashed the import, a Fastmail event
    giving its repeat twice was skipped."""
    created = _one_event("DTSTART:20261201T100000Z", "CREATED:00001231T000000Z")
    ((_line, _what, why),) = _left_out(created)
    assert "CREATED" in why and by_uid(parse(created))
    at_time = _one_event("DTSTART:20261201T100000Z", "BEGIN:VALARM", "ACTION:DISPLAY",
                         "TRIGGER;VALUE=TIME:230000", "END:VALARM")  # fmt: skip
    ((imported,),) = [list(by_uid(parse(at_time)).values())]
    assert imported.draft.reminders == ()
    twice = _one_event("DTSTART:20261201T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4",
                       "RRULE:FREQ=WEEKLY;COUNT=4")  # fmt: skip
    ((series,),) = [list(by_uid(parse(twice)).values())]
    assert series.draft.rrule == "FREQ=WEEKLY;COUNT=4"


@pytest.mark.parametrize(
    ("written", "zone"),
    [
        ("Eastern Standard Time", "America/New_York"),  # as Outlook names it
        ("America/New_York ", "America/New_York"),  # a stray space
        ("Nowhere/Special", "Asia/Tokyo"),  # unknown: the plan's, as without it
    ],
)
def test_the_calendars_zone_is_read_as_a_tzid_is(written: str, zone: str) -> None:
    """A trial: X-WR-TIMEZONE with a Windows name refused the whole file with the library's
    words ("No time zone found with key …"), though the same name as a TZID was read."""
    data = read(THUNDERBIRD).replace(
        b"X-WR-TIMEZONE:America/New_York", f"X-WR-TIMEZONE:{written}".encode()
    )
    coffee = by_uid(parse(data))[COFFEE_ALEX].draft
    assert coffee.start == datetime(2026, 11, 12, 10, 0, tzinfo=ZoneInfo(zone))
    assert importer.zone_named(data) == (zone if zone != "Asia/Tokyo" else None)


_SERIES = (
    "UID:s@x\r\nSUMMARY:S\r\n{kind}DTSTART;TZID=Europe/Berlin:20261202T100000\r\n"
    "DTEND;TZID=Europe/Berlin:20261202T101500\r\nRRULE:FREQ=DAILY;COUNT=3\r\n"
)
_MOVED = (  # a changed instance without an end of its own
    "UID:s@x\r\nSUMMARY:S moved\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261203T100000\r\n"
    "DTSTART;TZID=Europe/Berlin:20261203T120000\r\n"
)


@pytest.mark.parametrize(
    "events",
    [
        [_SERIES.format(kind="CATEGORIES:message\r\n"), _MOVED],
        [_SERIES.format(kind=""), _MOVED],
        [_SERIES.format(kind=""), _MOVED.replace("SUMMARY", "CATEGORIES:growth\r\nSUMMARY")],
        ["UID:p@x\r\nSUMMARY:Point\r\nDTSTART:20261202T100000Z\r\n"],
        ["UID:d@x\r\nSUMMARY:Day\r\nX-REKINDLE-STEP:4\r\nDTSTART;VALUE=DATE:20261202\r\n"],
    ],
    ids=["series-named", "series-unnamed", "instance-named", "no-end", "all-day-with-step"],
)
def test_the_answer_applied_after_a_read_is_what_a_read_with_it_gives(events: list[str]) -> None:
    """The app reads a file, then asks where its unplaced events go: `placed` must give what
    a parse told the answer at once gives (a review: a changed instance without an end took
    its length from the kind chosen, not its series' own)."""
    body = "".join(
        f"BEGIN:VEVENT\r\nDTSTAMP:20261101T000000Z\r\n{event}END:VEVENT\r\n" for event in events
    )
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n{body}END:VCALENDAR\r\n"
    base = defaults()
    first = importer.parse(data.encode(), base)
    answer = replace(base, current_step=StepNumber(6), fallback_category=Category.OUTING)
    answered = importer.parse(data.encode(), answer)
    later = importer.placed(first, StepNumber(6), Category.OUTING)
    if later is None:  # read again with the answer, as the import does
        later = answered
    assert [item.draft for item in later.activities] == [item.draft for item in answered.activities]


def test_a_done_title_is_counted_without_its_mark() -> None:
    """A review: a done one-off of 199 characters, exported with its "✓ ", was said cut."""
    title = "x" * 199
    data = _one_event("DTSTART:20261201T100000Z", "X-REKINDLE-DONE:TRUE").replace(
        b"SUMMARY:Walk", f"SUMMARY:✓ {title}".encode()
    )
    (item,) = parse(data).activities
    assert item.draft.title == title and not item.title_cut


def test_a_series_starting_off_its_repeat_says_its_first_date_is_left_out() -> None:
    """iCalendar counts the start as a day of its own; Rekindle plans the repeat's days, and
    the first date went without a word (an import trial)."""
    data = _one_event("DTSTART:20261210T180000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3")
    assert [why for _line, _what, why in _left_out(data)] == [
        "its first date (Thursday 10 December 2026) is not one of the days it repeats on, so "
        "that one date is left out; the others are imported"
    ]


def test_left_out_lines_are_listed_when_the_calendar_names_its_zone() -> None:
    """A review: with X-WR-TIMEZONE (every Google export) they went without a word."""
    data = _one_event("DTSTART:20261201T100000", "CREATED:00001231T000000Z").replace(
        b"PRODID:-//x//y//EN\r\n", b"PRODID:-//x//y//EN\r\nX-WR-TIMEZONE:Europe/Berlin\r\n"
    )
    assert [why for _line, _what, why in _left_out(data)] == [
        "its CREATED (00001231T000000Z) cannot be read, and Rekindle does without it"
    ]


def test_a_broken_reminder_written_many_times_is_left_out_in_one_reading() -> None:
    """A review: each copy made the file be read again; past the limit, the refusal says so."""
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:e{n}@x\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Walk\r\n"
        "DTSTART:20261201T100000Z\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT10X\r\n"
        "END:VALARM\r\nEND:VEVENT\r\n"
        for n in range(3)
    )
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n{events}END:VCALENDAR\r\n"
    parsed = parse(data.encode())
    assert len(parsed.activities) == 3 and len(parsed.skipped) == 3
    body = events * 20  # 60 broken reminders
    many = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n{body}END:VCALENDAR\r\n"
    with pytest.raises(FileFormatError) as caught:
        parse(many.encode())
    assert "nor can more than 50 other lines" in caught.value.message


def test_anything_in_a_reminder_that_cannot_be_read_is_left_out() -> None:
    """A review: a broken DURATION inside an alarm refused the file, a broken TRIGGER did
    not."""
    data = _one_event("DTSTART:20261201T100000Z", "BEGIN:VALARM", "ACTION:DISPLAY",
                      "TRIGGER:-PT10M", "DURATION:PT5X", "REPEAT:1", "END:VALARM")  # fmt: skip
    assert [line for line, _what, _why in _left_out(data)] == [12]


def test_the_older_copy_of_an_event_brings_none_of_its_changed_days() -> None:
    """A review: the older copy's change of one day replaced the newer copy's."""

    def copy(sequence: int, hour: int) -> str:
        return (
            f"BEGIN:VEVENT\r\nUID:s@x\r\nSEQUENCE:{sequence}\r\nDTSTAMP:20261101T000000Z\r\n"
            "SUMMARY:Run\r\nDTSTART:20261201T100000Z\r\nRRULE:FREQ=DAILY;COUNT=5\r\n"
            "END:VEVENT\r\n"
            f"BEGIN:VEVENT\r\nUID:s@x\r\nSEQUENCE:{sequence}\r\nDTSTAMP:20261101T000000Z\r\n"
            "SUMMARY:Run\r\nRECURRENCE-ID:20261203T100000Z\r\n"
            f"DTSTART:20261203T{hour}0000Z\r\nDTEND:20261203T{hour}3000Z\r\nEND:VEVENT\r\n"
        )

    data = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n"
            f"{copy(2, 13)}{copy(1, 12)}END:VCALENDAR\r\n").encode()  # fmt: skip
    (series,) = parse(data).activities
    (changed,) = series.draft.overrides
    assert changed.start == datetime(2026, 12, 3, 13, 0, tzinfo=UTC)


def _series_with_a_day_in(zone: str, *, cancelled: bool = False) -> bytes:
    status = "STATUS:CANCELLED\r\n" if cancelled else ""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:choir@test\r\nSUMMARY:Choir\r\n"
        + status
        + "DTSTART;TZID=Europe/Berlin:20261202T170000\r\n"
        "DTEND;TZID=Europe/Berlin:20261202T180000\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:choir@test\r\nSUMMARY:Choir\r\n"
        "RECURRENCE-ID;TZID=Europe/Berlin:20261209T170000\r\n"
        f"DTSTART;TZID={zone}:20261209T180000\r\nDTEND;TZID={zone}:20261209T190000\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_a_changed_day_in_a_zone_nobody_describes_leaves_out_that_day_alone() -> None:
    """A review: one moved day naming an unknown zone had the whole ten-week series left
    out, and said as the series' own fault."""
    parsed = parse(_series_with_a_day_in("W. Europe Custom Time"))
    (choir,) = parsed.activities
    assert choir.draft.rrule == "FREQ=WEEKLY;COUNT=10" and choir.draft.overrides == ()
    (left,) = parsed.skipped
    assert left.line == 15 and "“W. Europe Custom Time”" in left.reason  # its DTSTART


def test_a_cancellation_needs_no_zone_to_be_read() -> None:
    """A review: a cancelled event naming an unknown zone was said to be left out, and so
    stayed here."""
    parsed = parse(_series_with_a_day_in("Mars/Olympus_Mons", cancelled=True).replace(
        b"DTSTART;TZID=Europe/Berlin:20261202", b"DTSTART;TZID=Mars/Olympus_Mons:20261202"
    ))  # fmt: skip
    assert [c.uid for c in parsed.cancelled] == ["choir@test"]
