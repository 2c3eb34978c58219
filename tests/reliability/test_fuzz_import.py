"""Hostile calendar files: an import refuses them in plain words or imports them whole.

Whatever the file holds (cut short, bytes flipped, rules that never end, nesting thousands
deep, lines megabytes long), importing it must end within a bounded time, either with a
PlannerError whose message is one plain line or with a report, and a refused import leaves
the database exactly as it was. This goes through the service that `rekindle import` and
File > Import both use. Hypothesis runs derandomized, so CI sees the same files every time.
"""

from __future__ import annotations

import contextlib
import signal
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planner.clock import FixedClock
from planner.domain.activities import MAX_EXCEPTIONS
from planner.domain.ids import ProgramId
from planner.domain.plans import PlanDraft
from planner.errors import PlannerError
from planner.services.context import Services
from planner.services.interop import ExportRequest

from tests.cli.runner import Runner as CliRunner

DATA = Path(__file__).resolve().parents[1] / "data" / "ics"
GOOD = [
    "apple_all_day_and_vtimezone.ics",
    "google_weekly_with_exception_and_override.ics",
    "mixed_todo_journal_freebusy.ics",
    "outlook_windows_zone_names.ics",
    "thunderbird_x_wr_timezone_floating.ics",
]
ALL_FIXTURES = sorted(path.name for path in DATA.glob("*.ics"))
#: Generous: only a hang fails. Nothing here says how fast an import should be.
HANG_LIMIT_SECONDS = 20
FUZZ = settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one plan file for all examples, on purpose
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "setitimer"), reason="the hang guard needs POSIX interval timers"
)


class Hung(BaseException):
    """Raised into a stuck import by the hang guard (a BaseException: nothing swallows it)."""


@contextlib.contextmanager
def hang_guard(what: str) -> Iterator[None]:
    """Fail, rather than wait forever, when `what` runs past HANG_LIMIT_SECONDS."""

    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise Hung(f"{what} was still running after {HANG_LIMIT_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, HANG_LIMIT_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def dump(db_path: Path) -> list[str]:
    """Every row of the plan file, read through a separate connection (committed data only)."""
    with contextlib.closing(sqlite3.connect(db_path)) as connection:
        return list(connection.iterdump())


@dataclass(frozen=True)
class Outcome:
    refused: str | None  # the message, when the import was refused
    added: int = 0
    skipped: tuple[str, ...] = ()  # why events were left out of an import that went ahead


def import_hostile(services: Services, db_path: Path, data: bytes) -> Outcome:
    """Import `data` and check the contract; say what happened."""
    before = dump(db_path)
    try:
        with hang_guard(f"importing {len(data):,} bytes"):
            report, _ = services.importer.import_bytes(data)
    except PlannerError as error:
        message = error.message
        assert message.strip(), "a refusal must say why"
        assert "\n" not in message and "Traceback" not in message
        assert len(message) <= 400, message[:400]
        assert dump(db_path) == before, f"a refused import changed the file: {message}"
        return Outcome(refused=message)
    check_plan_still_works(services)
    return Outcome(refused=None, added=report.added,
                   skipped=tuple(item.reason for item in report.skipped))  # fmt: skip


def check_plan_still_works(services: Services) -> None:
    """What was imported can be shown in any window and exported again."""
    plan = services.plans.require()
    with hang_guard("showing and exporting the imported plan"):
        for first in (date(1900, 1, 1), date(2026, 10, 1), date(2400, 2, 1), date(9998, 12, 1)):
            services.calendar.window(plan, first, first + timedelta(days=90))
        with contextlib.suppress(PlannerError):  # "nothing to export" is a fine answer
            services.interop.export_bytes(plan, ExportRequest(include_notes=True))


@pytest.fixture
def plan_file(services: Services, db_path: Path) -> Path:
    """A plan that already holds every good fixture, so that a hostile file can also try to
    half-update activities that exist."""
    services.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "UTC"))
    for name in GOOD:
        services.importer.import_bytes((DATA / name).read_bytes())
    return db_path


def calendar(*lines: str) -> bytes:
    return "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//EN", *lines, "END:VCALENDAR", ""]
    ).encode()


def event(
    *lines: str,
    uid: str = "fuzz-1@example.com",
    start: str = "20261201T090000Z",
    length: str = "PT1H",
) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTART:{start}",
        f"DURATION:{length}",
        "SUMMARY:Fuzzed",
        *lines,
        "END:VEVENT",
    ]


def changed_instances(count: int) -> list[str]:
    """`count` VEVENTs changing single hours of the series fuzz-1."""
    lines: list[str] = []
    first = datetime(2026, 12, 1, 9)
    for hour in range(count):
        moment = (first + timedelta(hours=hour)).strftime("%Y%m%dT%H%M%SZ")
        lines += [
            "BEGIN:VEVENT",
            "UID:fuzz-1@example.com",
            f"RECURRENCE-ID:{moment}",
            f"DTSTART:{moment}",
            "DURATION:PT30M",
            "SUMMARY:Moved",
            "END:VEVENT",
        ]
    return lines


# -- named hostile files ---------------------------------------------------------------------

REFUSED = "refused"
IMPORTED = "imported"
#: Well-formed, but more than Rekindle plans: that event is left out, saying why.
SKIPPED = "skipped"
CASES: dict[str, tuple[Callable[[], bytes], str | None]] = {
    # Rules without end, or that would make dateutil search to the year 9999.
    "secondly without end": (lambda: calendar(*event("RRULE:FREQ=SECONDLY")), SKIPPED),
    "minutely without end": (lambda: calendar(*event("RRULE:FREQ=MINUTELY;INTERVAL=1")), SKIPPED),
    "hourly without end": (lambda: calendar(*event("RRULE:FREQ=HOURLY")), IMPORTED),
    "hourly since 1900": (
        lambda: calendar(*event("RRULE:FREQ=HOURLY", start="19000101T000000Z")),
        IMPORTED,
    ),
    "hourly with BYSETPOS": (lambda: calendar(*event("RRULE:FREQ=HOURLY;BYSETPOS=2")), SKIPPED),
    "COUNT of a billion": (lambda: calendar(*event("RRULE:FREQ=DAILY;COUNT=1000000000")), SKIPPED),
    "COUNT beyond 32 bits": (
        lambda: calendar(*event("RRULE:FREQ=DAILY;COUNT=99999999999999999999")),
        REFUSED,
    ),
    "COUNT taking centuries": (
        lambda: calendar(*event("RRULE:FREQ=DAILY;BYMONTH=2;BYDAY=MO;COUNT=9000")),
        SKIPPED,
    ),
    "huge INTERVAL": (lambda: calendar(*event("RRULE:FREQ=DAILY;INTERVAL=2147483647")), SKIPPED),
    "BYSETPOS beyond the set": (
        lambda: calendar(*event("RRULE:FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=8")),
        REFUSED,
    ),
    "BYSETPOS out of range": (lambda: calendar(*event("RRULE:FREQ=MONTHLY;BYSETPOS=400")), REFUSED),
    "BYSETPOS -366": (
        lambda: calendar(*event("RRULE:FREQ=YEARLY;BYDAY=MO;BYSETPOS=-366")),
        REFUSED,
    ),
    "30 February": (lambda: calendar(*event("RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")), REFUSED),
    "month 13": (lambda: calendar(*event("RRULE:FREQ=DAILY;BYMONTH=13")), REFUSED),
    "BYEASTER": (lambda: calendar(*event("RRULE:FREQ=YEARLY;BYEASTER=0")), REFUSED),
    "UNTIL in 9999": (
        lambda: calendar(*event("RRULE:FREQ=DAILY;UNTIL=99991231T235959Z")),
        IMPORTED,
    ),
    "UNTIL in the year 1": (lambda: calendar(*event("RRULE:FREQ=DAILY;UNTIL=00010101")), REFUSED),
    "COUNT running into 9999": (
        lambda: calendar(*event("RRULE:FREQ=DAILY;COUNT=9000", start="99901201T090000Z")),
        SKIPPED,
    ),
    "a rule of 200 kB": (
        lambda: calendar(*event("RRULE:FREQ=YEARLY;BYMONTH=" + ",".join(["1"] * 100_000))),
        None,
    ),
    # Dates and lengths at the edges of the calendar.
    "start in 9999": (lambda: calendar(*event(start="99991231T230000Z")), SKIPPED),
    "start in the year 1": (lambda: calendar(*event(start="00010101T000000Z")), SKIPPED),
    "length of a million weeks": (lambda: calendar(*event(length="P999999W")), SKIPPED),
    "length of minus an hour": (lambda: calendar(*event(length="-PT1H")), REFUSED),
    "last day plus a long length": (
        lambda: calendar(
            "BEGIN:VEVENT",
            "UID:x",
            "DTSTART;VALUE=DATE:99981231",
            "DURATION:P10000D",
            "SUMMARY:Long",
            "END:VEVENT",
        ),
        SKIPPED,
    ),
    "changed instance in 9999": (
        lambda: calendar(
            *event("RRULE:FREQ=DAILY"),
            "BEGIN:VEVENT",
            "UID:fuzz-1@example.com",
            "RECURRENCE-ID:20261202T090000Z",
            "DTSTART:99991231T230000Z",
            "DURATION:P2D",
            "END:VEVENT",
        ),
        SKIPPED,
    ),
    "changed instance named in the year 1": (
        lambda: calendar(
            *event("RRULE:FREQ=DAILY"),
            "BEGIN:VEVENT",
            "UID:fuzz-1@example.com",
            "RECURRENCE-ID:00010101T000000Z",
            "DTSTART:20261202T090000Z",
            "END:VEVENT",
        ),
        SKIPPED,
    ),
    "exception date in the year 1": (
        lambda: calendar(*event("RRULE:FREQ=DAILY", "EXDATE:00010101T000000Z")),
        None,
    ),
    # Sheer numbers.
    "100,000 changed instances of one series": (
        lambda: calendar(*event("RRULE:FREQ=HOURLY"), *changed_instances(100_000)),
        REFUSED,
    ),
    "20,000 exception dates": (
        lambda: calendar(
            *event(
                "RRULE:FREQ=DAILY",
                *(
                    f"EXDATE:{(datetime(2027, 1, 1, 9) + timedelta(days=n)):%Y%m%dT%H%M%SZ}"
                    for n in range(MAX_EXCEPTIONS + 1)
                ),
            )
        ),
        SKIPPED,
    ),
    "20,000 properties": (lambda: calendar(*event(*(f"X-P{n}:v" for n in range(20_000)))), None),
    "5,000 categories": (
        lambda: calendar(*event(*(f"CATEGORIES:c{n}" for n in range(5_000)))),
        None,
    ),
    "a line of 4 MB": (lambda: calendar(*event("DESCRIPTION:" + "a" * 4_000_000)), IMPORTED),
    "a line folded 50,000 times": (
        lambda: calendar(*event("DESCRIPTION:" + "\r\n ".join(["b" * 74] * 50_000))),
        IMPORTED,
    ),
    "every property twice": (
        lambda: calendar(*[line for line in event() for _ in range(2)][1:-1]),
        REFUSED,
    ),
    # RFC 5545 3.4: a file holds one or more VCALENDARs; empty ones add nothing.
    "a thousand calendars": (lambda: calendar() * 1000, IMPORTED),
    # Nesting: icalendar walks components recursively.
    "5,000 nested events": (
        lambda: calendar(*["BEGIN:VEVENT"] * 5000, *["END:VEVENT"] * 5000),
        REFUSED,
    ),
    "5,000 nested alarms": (
        lambda: calendar(*event(*["BEGIN:VALARM"] * 5000, *["END:VALARM"] * 5000)),
        REFUSED,
    ),
    "nesting hidden by folding": (
        lambda: calendar(*["BEG", " IN:VEVENT"] * 3000, *["END:VEVENT"] * 3000),
        REFUSED,
    ),
    "nesting hidden by spaces and parameters": (
        lambda: calendar(*["BE GIN;X=1:VEVENT"] * 3000, *["END:VEVENT"] * 3000),
        REFUSED,
    ),
    "5,000 BEGIN lines never closed": (lambda: calendar(*["BEGIN:X-THING"] * 5000), REFUSED),
    "END without BEGIN": (lambda: calendar("END:VEVENT", "END:VEVENT"), REFUSED),
    # Bytes that are not calendar text.
    "invalid UTF-8": (lambda: calendar(*event()).replace(b"Fuzzed", b"Fu\xffzed"), REFUSED),
    "a NUL byte at the start": (lambda: b"\x00" + calendar(*event()), REFUSED),
    "a NUL byte deep inside": (
        lambda: calendar(*event("DESCRIPTION:" + "x" * 10_000 + "\x00")),
        REFUSED,
    ),
    "only a byte order mark": (lambda: b"\xef\xbb\xbf", REFUSED),
    "only whitespace": (lambda: b" \r\n\t\r\n", REFUSED),
    "classic Mac line ends": (lambda: calendar(*event()).replace(b"\r\n", b"\r"), IMPORTED),
    "bare LF line ends": (lambda: calendar(*event()).replace(b"\r\n", b"\n"), IMPORTED),
    "a time zone named like a path": (
        lambda: calendar(
            "BEGIN:VEVENT",
            "UID:x",
            "DTSTART;TZID=../../etc/passwd:20261201T090000",
            "SUMMARY:Odd zone",
            "END:VEVENT",
        ),
        SKIPPED,  # that event left out, and said: no file is read by that name
    ),
    "a UID of a megabyte twice": (  # two copies of one event: the later is kept, and said
        lambda: calendar(*event(uid="u" * 1_000_000), *event(uid="u" * 1_000_000)),
        IMPORTED,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_file_is_refused_plainly_or_imported_whole(
    name: str, services: Services, plan_file: Path
) -> None:
    build, expected = CASES[name]
    outcome = import_hostile(services, plan_file, build())
    if expected == REFUSED:
        assert outcome.refused is not None, f"{name} was imported"
    elif expected == SKIPPED:
        assert outcome.refused is None, f"{name} was refused: {outcome.refused}"
        assert (outcome.added, len(outcome.skipped)) == (0, 1), outcome
    elif expected == IMPORTED:
        assert outcome.refused is None, f"{name} was refused: {outcome.refused}"


def test_the_refusals_say_what_is_wrong(services: Services, plan_file: Path) -> None:
    def refusal(name: str) -> str:
        message = import_hostile(services, plan_file, CASES[name][0]()).refused
        assert message is not None
        return message

    def skipped(name: str) -> str:
        (reason,) = import_hostile(services, plan_file, CASES[name][0]()).skipped
        return reason

    assert "nested too deeply" in refusal("nesting hidden by folding")
    assert f"{MAX_EXCEPTIONS:,}" in refusal("100,000 changed instances of one series")
    assert "every minute or second" in skipped("secondly without end")
    assert "never produces a date" in refusal("30 February")
    assert "not UTF-8" in refusal("invalid UTF-8")
    assert "binary" in refusal("a NUL byte deep inside")
    assert "outside what Rekindle can plan" in skipped("length of a million weeks")
    assert "at most 10,000 of its days" in skipped("20,000 exception dates")


def test_an_until_in_9999_means_a_series_without_end(services: Services, plan_file: Path) -> None:
    import_hostile(services, plan_file, CASES["UNTIL in 9999"][0]())
    plan = services.plans.require()
    late = services.calendar.window(plan, date(9998, 12, 30), date(9998, 12, 31))
    assert [o.activity.title for o in late.occurrences].count("Fuzzed") == 2


# -- mutations of real files -----------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_a_file_cut_short_anywhere_is_refused_or_whole(
    name: str, services: Services, plan_file: Path
) -> None:
    data = (DATA / name).read_bytes()
    step = max(1, len(data) // 40)
    for cut in range(0, len(data), step):
        outcome = import_hostile(services, plan_file, data[:cut])
        if b"END:VCALENDAR" not in data[:cut]:
            assert outcome.refused is not None, f"{name} cut at byte {cut} was imported"


#: Lines worth splicing into a file: the start of each hostile family above.
HOSTILE_LINES = [
    b"BEGIN:VEVENT",
    b"END:VEVENT",
    b"BEGIN:VALARM",
    b"END:VCALENDAR",
    b"BEGIN:VCALENDAR",
    b"RRULE:FREQ=SECONDLY",
    b"RRULE:FREQ=HOURLY;BYSETPOS=3",
    b"RRULE:FREQ=DAILY;COUNT=2147483647",
    b"RRULE:FREQ=YEARLY;UNTIL=99991231T235959Z",
    b"RRULE:FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1;BYSETPOS=-1",
    b"RECURRENCE-ID:20261027T183000Z",
    b"RECURRENCE-ID;VALUE=DATE:20261205",
    b"DTSTART:99991231T235959Z",
    b"DTSTART;VALUE=DATE:00010101",
    b"DTEND:19000101T000000Z",
    b"DURATION:P99999999W",
    b"DURATION:-PT1H",
    b"EXDATE:00010101T000000Z,20261103T183000",
    b"STATUS:CANCELLED",
    b"UID:",
    b"SEQUENCE:-99999999999",
    b"X-WR-TIMEZONE:Not/A_Zone",
    b"DTSTART;TZID=Mars/Olympus:20261201T090000",
    b"CATEGORIES:" + b"," * 1000,
    b"SUMMARY:" + "\u2028\u0085\x1c".encode() * 10,
    b" folded continuation",
    b"\xff\xfe",
    b"\x00",
]

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 16), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 1 << 16), st.integers(1, 64)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 16), st.binary(min_size=1, max_size=12)),
    st.tuples(st.just("splice"), st.integers(0, 1 << 16), st.sampled_from(HOSTILE_LINES)),
    st.tuples(st.just("repeat"), st.integers(0, 1 << 16), st.integers(2, 400)),
    st.tuples(st.just("drop"), st.integers(0, 1 << 16), st.just(b"")),
)


def mutate(data: bytes, changes: list[tuple[str, int, object]]) -> bytes:
    """Apply byte-level and line-level changes; positions wrap around the current length."""
    for kind, where, what in changes:
        if kind in ("flip", "cut", "insert"):
            at = where % (len(data) + 1)
            if kind == "flip" and data:
                at %= len(data)
                assert isinstance(what, int)
                data = data[:at] + bytes([data[at] ^ what]) + data[at + 1 :]
            elif kind == "cut":
                assert isinstance(what, int)
                data = data[:at] + data[at + what :]
            elif kind == "insert":
                assert isinstance(what, bytes)
                data = data[:at] + what + data[at:]
            continue
        lines = data.split(b"\r\n")
        at = where % len(lines)
        if kind == "splice":
            assert isinstance(what, bytes)
            lines.insert(at, what)
        elif kind == "repeat":
            assert isinstance(what, int)
            lines[at:at] = [lines[at]] * what
        else:
            del lines[at]
        data = b"\r\n".join(lines)
    return data


@FUZZ
@given(name=st.sampled_from(GOOD), changes=st.lists(mutation, min_size=1, max_size=4))
def test_a_mutated_real_file_is_refused_plainly_or_imported_whole(
    services: Services, plan_file: Path, name: str, changes: list[tuple[str, int, object]]
) -> None:
    # One plan file for every example: each compares the file with itself just before.
    import_hostile(services, plan_file, mutate((DATA / name).read_bytes(), changes))


FREQS = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "FORTNIGHTLY"]
WEEKDAY = st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU", "XX"])
signed = st.one_of(st.integers(-400, 400), st.sampled_from([0, 2**31 - 1, -(2**31)]))
rule_part = st.one_of(
    st.builds("INTERVAL={}".format, st.one_of(st.integers(-1, 30), st.just(2**31 - 1))),
    st.builds("COUNT={}".format, st.one_of(st.integers(0, 20_000), st.just(10**9))),
    st.builds(
        "UNTIL={}".format,
        st.sampled_from(
            ["99991231", "99991231T235959Z", "00010101", "20270101T000000Z", "20261130", "2027"]
        ),
    ),
    st.builds(
        "BYMONTH={}".format,
        st.lists(st.integers(-1, 14), min_size=1, max_size=3).map(
            lambda xs: ",".join(map(str, xs))
        ),
    ),
    st.builds("BYMONTHDAY={}".format, signed),
    st.builds("BYYEARDAY={}".format, signed),
    st.builds("BYWEEKNO={}".format, signed),
    st.builds("BYSETPOS={}".format, signed),
    st.builds(
        "BYDAY={}{}".format, st.sampled_from(["", "1", "-1", "5", "+2", "-5", "53", "0"]), WEEKDAY
    ),
    st.builds("WKST={}".format, WEEKDAY),
    st.sampled_from(["BYHOUR=9", "BYEASTER=0", "X-NAME=1", "BYDAY=", "=", ""]),
)
rules = st.builds(
    lambda freq, parts: ";".join([f"FREQ={freq}", *parts]),
    st.sampled_from(FREQS),
    st.lists(rule_part, max_size=5),
)
starts = st.sampled_from(
    [
        "19000101T000000Z",
        "20261201T090000Z",
        "20260131T233000Z",
        "20280229T120000Z",
        "99981231T230000Z",
    ]
)


@FUZZ
@given(rule=rules, start=starts, all_day=st.booleans())
def test_an_absurd_repeat_rule_is_refused_plainly_or_bounded(
    services: Services, plan_file: Path, rule: str, start: str, all_day: bool
) -> None:
    lines = event(f"RRULE:{rule}", start=start)
    if all_day:
        lines = [
            f"DTSTART;VALUE=DATE:{start[:8]}" if line.startswith("DTSTART") else line
            for line in lines
            if not line.startswith("DURATION")
        ]
    import_hostile(services, plan_file, calendar(*lines))


# -- the command line, as a script would see it ----------------------------------------------


def test_a_refused_import_on_the_command_line_leaves_list_unchanged(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    command_line = CliRunner(capsys, clock)  # at the tests' fixed time, like the app's clock

    def run(*argv: str) -> tuple[int, str, str]:
        result = command_line(*argv)
        return result.code, result.out, result.err

    db = str(tmp_path / "plan.sqlite3")
    assert run("demo", "--db", db, "--start", "2026-11-02", "--tz", "Europe/Berlin")[0] == 0
    good = DATA / "google_weekly_with_exception_and_override.ics"
    assert run("import", "--db", db, str(good))[0] == 0
    window = ["list", "--db", db, "--from", "2026-10-01", "--to", "2027-01-31"]
    before = run(*window)
    hostile = tmp_path / "hostile.ics"
    text = good.read_bytes()
    never = "\r\n".join(event("RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", uid="never"))
    changed = text.replace(b"SUMMARY:Dentist", b"SUMMARY:Dentist again")
    hostile.write_bytes(changed.replace(b"END:VCALENDAR", never.encode() + b"\r\nEND:VCALENDAR"))
    code, out, err = run("import", "--db", db, str(hostile))
    assert (code, out) == (1, "")
    assert err.startswith("rekindle: Line ") and err.count("\n") == 1
    assert "never produces a date" in err
    assert "Traceback" not in err
    assert run(*window) == before
