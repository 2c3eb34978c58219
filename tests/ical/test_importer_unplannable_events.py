"""One well-formed event Rekindle cannot plan is skipped with its reason, and the rest of the
file comes in; a file that is not iCalendar is still refused whole, naming the line."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events  # type: ignore[import-untyped]
from planner.domain.ids import ActivityUid
from planner.errors import FileFormatError
from planner.services.context import Services

from tests.ical.test_importer import assert_plain, by_uid, expanded, parse
from tests.zones import BERLIN

DATA = Path(__file__).resolve().parents[1] / "data" / "ics"
TWO_CALENDARS = "google_and_thunderbird_two_calendars_in_one_file.ics"
FINE = (
    "BEGIN:VEVENT\nDTSTAMP:20270101T000000Z\nUID:ok@x\nSUMMARY:Fine event\n"
    "DTSTART;TZID=Europe/Berlin:20270401T100000\nDTEND;TZID=Europe/Berlin:20270401T110000\n"
    "END:VEVENT\n"
)


def _file(*events: str) -> bytes:
    """A calendar with the fine event first (lines 4-10), then `events`."""
    text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\n"
    text += FINE + "".join(events) + "END:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode()


def _event(uid: str, title: str, *lines: str) -> str:
    return (
        f"BEGIN:VEVENT\nDTSTAMP:20270101T000000Z\nUID:{uid}\nSUMMARY:{title}\n"
        + "".join(f"{line}\n" for line in lines)
        + "END:VEVENT\n"
    )


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (
            ["DTSTART;TZID=Europe/Berlin:20270402T080000", "RRULE:FREQ=DAILY;BYHOUR=8,20"],
            "repeats at set hours, minutes or seconds are not supported",
        ),
        (
            ["DTSTART;TZID=Europe/Berlin:20270402T080000", "RRULE:FREQ=DAILY;COUNT=100000"],
            "a repeat rule can end after at most 10,000 times",
        ),
        (
            ["DTSTART;TZID=Europe/Berlin:20270402T080000", "RRULE:FREQ=MINUTELY"],
            "repeats every minute or second are not supported",
        ),
        (
            ["DTSTART:20270402T080000Z", "DTEND:20270502T080000Z"],
            "a timed activity can last at most two weeks",
        ),
        (["DTSTART;VALUE=DATE:18950615"], "the year 1895 is outside what Rekindle can plan"),
        (
            ["DTSTART;VALUE=DATE:18950615", "RRULE:FREQ=YEARLY;COUNT=5"],
            "the year 1895 is outside what Rekindle can plan",
        ),
        (  # RFC 7529, as Apple writes a birthday kept by the Chinese calendar
            ["DTSTART;VALUE=DATE:20270206", "RRULE:RSCALE=CHINESE;FREQ=YEARLY"],
            "repeats by the chinese calendar are not supported",
        ),
    ],
    ids=[
        "byhour",
        "count-100000",
        "minutely",
        "four-weeks-long",
        "one-off-1895",
        "count-1895",
        "rscale",
    ],
)
def test_an_event_rekindle_cannot_plan_is_skipped_and_the_rest_comes_in(
    lines: list[str], reason: str
) -> None:
    parsed = parse(_file(_event("h@x", "Meds", *lines)))

    assert [item.uid for item in parsed.activities] == ["ok@x"]
    (skipped,) = parsed.skipped
    assert (skipped.line, skipped.what) == (11, "the event “Meds”")
    assert skipped.reason.startswith(reason), skipped.reason
    assert not skipped.reason.endswith(".")


def test_a_file_that_is_not_icalendar_is_still_refused_whole() -> None:
    bad = _event("r@x", "Choir", "DTSTART:20270402T170000Z", "RRULE:FREQ=FORTNIGHTLY")
    with pytest.raises(FileFormatError) as caught:
        parse(_file(bad))
    assert_plain(caught.value, 16, "Choir", "FORTNIGHTLY")  # the RRULE's line


@pytest.mark.parametrize(
    ("start", "first"),
    [
        ("DTSTART;VALUE=DATE:18950615", date(1900, 6, 15)),  # a birthday from 1895
        ("DTSTART;VALUE=DATE:16040615", date(1900, 6, 15)),  # Apple's birthday without a year
        ("DTSTART;VALUE=DATE:16040229", date(1904, 2, 29)),  # 1900 was no leap year
        ("DTSTART;TZID=Europe/Berlin:18991231T200000", datetime(1900, 12, 31, 20, tzinfo=BERLIN)),
    ],
)
def test_a_yearly_event_begun_before_1900_starts_at_its_first_birthday_since(
    start: str, first: date | datetime
) -> None:
    """Its earlier instances could never show; the later ones are as the file has them."""
    birthday = _event("b@x", "Birthday", start, "RRULE:FREQ=YEARLY", "EXDATE;VALUE=DATE:18960615")
    data = _file(birthday)

    parsed = parse(data)

    item = by_uid(parsed)["b@x"]
    assert (parsed.skipped, item.draft.start, item.draft.exdates) == ([], first, ())
    # What Rekindle shows from 1900 on is what an independent reader finds in the file.
    ours = [start for _, start in expanded(item, date(1900, 1, 1), date(1910, 12, 31), BERLIN)]
    low = datetime.combine(date(1900, 1, 1), time(0), tzinfo=BERLIN)
    calendar = icalendar.Calendar.from_ical(data)
    theirs = [
        e.decoded("DTSTART")
        for e in recurring_ical_events.of(calendar).between(low, low + timedelta(days=4017))
        if str(e["SUMMARY"]) == "Birthday"
    ]
    assert ours == theirs and len(ours) >= 2


def test_an_all_day_event_ending_on_its_first_day_is_that_one_day() -> None:
    holiday = _event("z@x", "Holiday", "DTSTART;VALUE=DATE:20270402", "DTEND;VALUE=DATE:20270402")

    parsed = parse(_file(holiday))

    item = by_uid(parsed)["z@x"]
    assert parsed.skipped == []
    assert (item.draft.start, item.draft.end) == (date(2027, 4, 2), date(2027, 4, 3))


def test_an_all_day_event_ending_before_it_starts_is_still_refused() -> None:
    wrong = _event("z@x", "Holiday", "DTSTART;VALUE=DATE:20270402", "DTEND;VALUE=DATE:20270401")
    with pytest.raises(FileFormatError) as caught:
        parse(_file(wrong))
    assert_plain(caught.value, 11, "Holiday")


def test_both_calendars_of_a_file_holding_two_are_read() -> None:
    """RFC 5545 3.4: an iCalendar object is one or more VCALENDARs (here Google's, then
    Thunderbird's, each with its own zones and X-WR-TIMEZONE)."""
    parsed = parse((DATA / TWO_CALENDARS).read_bytes())

    found = by_uid(parsed)
    assert set(found) == {
        "7kukuqrfedlm2f9t0vr8k9ghd4@google.com", "1abc2def3ghi@google.com",
        "allday1@google.com", "bday@google.com", "a1b2c3d4-tb-0001",
    }  # fmt: skip
    assert [(s.line, s.what) for s in parsed.skipped] == [(156, "a to-do “Buy milk”")]
    thunderbird = found["a1b2c3d4-tb-0001"].draft
    assert (thunderbird.zone, thunderbird.start) == (
        "Europe/Berlin",
        datetime(2027, 3, 21, 10, 0, tzinfo=BERLIN),
    )
    yoga = found["7kukuqrfedlm2f9t0vr8k9ghd4@google.com"].draft
    assert yoga.zone == "America/New_York"
    assert len(yoga.overrides) == 1 and len(yoga.exdates) == 3  # one cancelled instance


def test_a_uid_in_both_calendars_of_a_file_keeps_the_later_copy_and_says_so() -> None:
    """Two copies of one event (a feed, or a newer version sent after the first) refused the
    whole file; the newer is kept (by SEQUENCE, then when it changed, else the later)."""
    data = (
        (DATA / TWO_CALENDARS).read_bytes().replace(b"UID:a1b2c3d4-tb-0001", b"UID:bday@google.com")
    )
    parsed = parse(data)
    assert [s.reason for s in parsed.skipped if "same UID" in s.reason] == [
        "the event at line 138 has the same UID and is the newer copy"
    ]
    assert sum(1 for a in parsed.activities if a.draft.title and a.uid == "bday@google.com") == 1


def test_an_import_with_an_unplannable_event_adds_the_rest(services: Services) -> None:
    meds = _event("h@x", "Meds", "DTSTART;TZID=Europe/Berlin:20270402T080000",
                  "RRULE:FREQ=DAILY;BYHOUR=8,20")  # fmt: skip

    report, _ = services.importer.import_bytes(_file(meds))

    assert (report.added, len(report.skipped)) == (1, 1)
    assert services.activities.get(ActivityUid("ok@x")).title == "Fine event"


def test_an_old_birthday_imported_shows_every_year(services: Services) -> None:
    birthday = _event("b@x", "Grandpa's birthday", "DTSTART;VALUE=DATE:16040615",
                      "DTEND;VALUE=DATE:16040616", "RRULE:FREQ=YEARLY")  # fmt: skip
    services.importer.import_bytes(_file(birthday))
    plan = services.plans.require()

    shown = services.calendar.occurrences(plan, date(2027, 1, 1), date(2028, 12, 31))

    assert [o.start for o in shown if o.title == "Grandpa's birthday"] == [
        date(2027, 6, 15),
        date(2028, 6, 15),
    ]
    assert services.activities.get(ActivityUid("b@x")).start == date(1900, 6, 15)
