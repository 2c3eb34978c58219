"""Interop use cases: export filters, atomic files, imports that update and never double."""

from __future__ import annotations

import errno
import os
import re
import tempfile
import tracemalloc
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import tzlocal
from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, ProgramId, StepNumber
from planner.domain.occurrences import Occurrence
from planner.domain.plans import Plan, PlanDraft
from planner.domain.timezones import same_zone, system_zone_name
from planner.errors import (
    CancelledError,
    FileFormatError,
    InvalidInputError,
    PlannerError,
    StorageError,
)
from planner.services import context
from planner.services.changes import ChangeKind
from planner.services.context import Services
from planner.services.interop import ExportRequest

from tests.zones import BERLIN, NEW_YORK, NOW

DATA = Path(__file__).resolve().parents[1] / "data" / "ics"
GOOGLE = "google_weekly_with_exception_and_override.ics"
APPLE = "apple_all_day_and_vtimezone.ics"
OUTLOOK = "outlook_windows_zone_names.ics"
THUNDERBIRD = "thunderbird_x_wr_timezone_floating.ics"
MIXED = "mixed_todo_journal_freebusy.ics"
YOGA = "7kq3c0v2ad9mjnq8g1vb1ebm5s@google.com"
COFFEE_ALEX = "a3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
POTTERY_COURSE = "b4e2d3c5-6f70-4b8c-9dae-1f2a3b4c5d6e"
MALFORMED = [
    "malformed_missing_end.ics",
    "malformed_bad_date.ics",
    "malformed_bad_rrule.ics",
    "empty.ics",
    "binary.ics",
]
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def fixture_path(name: str, folder: Path) -> Path:
    """A fixture file; the binary one is written here rather than kept in the repository."""
    if name == "binary.ics":
        path = folder / name
        path.write_bytes(BINARY)
        return path
    return DATA / name


def _timed(title: str, start: datetime, minutes: int, **changes: object) -> ActivityDraft:
    draft = ActivityDraft(
        title=title,
        category=Category.GROWTH,
        step=StepNumber(4),
        start=start,
        end=start + timedelta(minutes=minutes),
        all_day=False,
        zone=str(start.tzinfo),
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _zone_of_this_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan started by an import is in the computer's zone: make it the same everywhere."""
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: "Europe/Berlin")


@pytest.fixture
def plan(services: Services) -> Plan:
    created, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "Europe/Berlin", "Sam")
    )
    drafts = [
        _timed(
            "Coffee with Sam",
            datetime(2026, 11, 18, 10, 0, tzinfo=BERLIN),
            60,
            category=Category.MEETUP,
            step=StepNumber(5),
            location="Corner café",
            notes="Listen more than you talk.",
        ),
        _timed(
            "Pottery class",
            datetime(2026, 11, 5, 18, 30, tzinfo=BERLIN),
            90,
            rrule="FREQ=WEEKLY;COUNT=6",
            exdates=(datetime(2026, 11, 19, 18, 30),),
            overrides=(
                OccurrenceOverride(
                    recurrence_id=datetime(2026, 11, 26, 18, 30),
                    start=datetime(2026, 11, 27, 17, 0, tzinfo=BERLIN),
                    end=datetime(2026, 11, 27, 18, 30, tzinfo=BERLIN),
                    title="Pottery class (Friday)",
                    notes="Glazing day.",
                ),
            ),
        ),
        ActivityDraft(
            title="Space period",
            category=Category.SPACE,
            step=StepNumber(3),
            start=date(2026, 11, 10),
            end=date(2026, 11, 24),
            all_day=True,
            zone="Europe/Berlin",
            notes="Two weeks for both of us.",
        ),
        _timed(
            "Journal",
            datetime(2026, 12, 20, 20, 0, tzinfo=BERLIN),
            30,
            category=Category.REFLECTION,
            step=StepNumber(1),
        ),
        _timed(
            "Call my brother",
            datetime(2027, 1, 10, 12, 0, tzinfo=NEW_YORK),
            30,
            category=Category.MESSAGE,
            step=StepNumber(5),
        ),
    ]
    for draft in drafts:
        services.activities.create(created, draft)
    return created


def stored(services: Services, plan: Plan) -> list[Activity]:
    return services.interop.select_for_export(plan, ExportRequest())


def by_title(services: Services, plan: Plan, title: str) -> Activity:
    (found,) = [a for a in stored(services, plan) if a.title == title]
    return found


Snapshot = tuple[Plan | None, list[Activity], list[Occurrence]]


def snapshot(services: Services) -> Snapshot:
    """Everything a user could see of the plan file: the plan, activities, occurrences."""
    plan = services.plans.current()
    if plan is None:
        return None, [], []
    occurrences = services.calendar.occurrences(plan, date(2026, 1, 1), date(2028, 12, 31))
    return plan, stored(services, plan), occurrences


def uids_in(data: bytes) -> set[str]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def many_events(count: int) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//Many days//EN"]
    for number in range(count):
        day = date(2027, 1, 1) + timedelta(days=number)
        lines += [
            "BEGIN:VEVENT",
            f"UID:day-{number}@example.com",
            "DTSTAMP:20261120T101500Z",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"SUMMARY:Day {number}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


# --- importing the same file again --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "events", "skipped"),
    [(GOOGLE, 3, 0), (APPLE, 3, 0), (OUTLOOK, 3, 0), (THUNDERBIRD, 2, 0), (MIXED, 1, 3)],
)
def test_importing_a_file_twice_adds_once_then_changes_nothing(
    services: Services, plan: Plan, name: str, events: int, skipped: int
) -> None:
    before = len(stored(services, plan))
    first, changes = services.importer.import_file(DATA / name)
    assert (first.added, first.updated, first.unchanged) == (events, 0, 0)
    assert len(first.skipped) == skipped
    assert len(changes.uids) == events
    assert changes.kinds & ChangeKind.ACTIVITIES
    middle = snapshot(services)
    second, _ = services.importer.import_file(DATA / name)
    assert (second.added, second.updated, second.unchanged) == (0, 0, events)
    assert second.skipped == first.skipped
    assert snapshot(services) == middle
    assert len(stored(services, plan)) == before + events


def test_a_higher_sequence_updates_the_stored_copy(services: Services, plan: Plan) -> None:
    services.importer.import_file(DATA / GOOGLE)
    edited = (
        (DATA / GOOGLE)
        .read_bytes()
        .replace(
            b"SEQUENCE:1\r\nSTATUS:CONFIRMED\r\nSUMMARY:Yoga\r\n",
            b"SEQUENCE:3\r\nSTATUS:CONFIRMED\r\nSUMMARY:Yoga flow\r\n",
        )
    )
    report, changes = services.importer.import_bytes(edited)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    assert changes.uids == {YOGA}
    yoga = services.activities.get(YOGA)  # type: ignore[arg-type]
    assert yoga.title == "Yoga flow"
    assert yoga.revision >= 3
    assert len(yoga.overrides) == 1 and yoga.exdates == (datetime(2026, 11, 3, 18, 30),)
    assert [str(a.uid) for a in stored(services, plan)].count(YOGA) == 1


def test_an_occurrence_edited_in_google_comes_back_though_only_its_sequence_rose(
    services: Services, plan: Plan
) -> None:
    services.importer.import_file(DATA / GOOGLE)
    edited = (
        (DATA / GOOGLE)
        .read_bytes()
        .replace(
            b"SEQUENCE:2\r\nSTATUS:CONFIRMED\r\nSUMMARY:Yoga (Wednesday this week)\r\n",
            b"SEQUENCE:3\r\nSTATUS:CONFIRMED\r\nSUMMARY:Yoga (Thursday this week)\r\n",
        )
    )  # the series itself still says SEQUENCE:1
    report, _ = services.importer.import_bytes(edited)
    assert (report.updated, report.skipped) == (1, ())
    (changed,) = services.activities.get(YOGA).overrides  # type: ignore[arg-type]
    assert changed.title == "Yoga (Thursday this week)"


def test_an_event_modified_later_comes_back_from_a_calendar_that_keeps_no_sequence(
    services: Services, plan: Plan
) -> None:
    data = (DATA / GOOGLE).read_bytes().replace(b"SEQUENCE:0\r\n", b"")  # the Dentist's
    services.importer.import_bytes(data)
    renamed = data.replace(b"SUMMARY:Dentist\r\n", b"SUMMARY:Dentist check-up\r\n")
    report, _ = services.importer.import_bytes(renamed)  # same LAST-MODIFIED: not newer
    assert report.updated == 0 and len(report.skipped) == 1
    later = renamed.replace(
        b"LAST-MODIFIED:20261101T120000Z\r\nLOCATION:Zahnarztpraxis",
        b"LAST-MODIFIED:20261124T090000Z\r\nLOCATION:Zahnarztpraxis",  # after our copy's
    )
    report, _ = services.importer.import_bytes(later)
    assert (report.updated, report.skipped) == (1, ())
    assert "Dentist check-up" in {a.title for a in stored(services, plan)}


def test_a_later_last_modified_does_not_outweigh_a_lower_sequence(
    services: Services, plan: Plan
) -> None:
    # Another copy imported an older file later and sent it back: its LAST-MODIFIED is that
    # import's time, but its SEQUENCE says it is older than the edit made here since.
    walk, _ = services.activities.create(
        plan, _timed("Walk", datetime(2026, 11, 20, 9, 0, tzinfo=BERLIN), 30)
    )
    old, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    services.activities.update(plan, walk.uid, replace(walk.draft(), title="Walk by the lake"))
    stamped = re.sub(rb"LAST-MODIFIED:\d{8}T\d{6}Z", b"LAST-MODIFIED:20261130T120000Z", old)
    report, _ = services.importer.import_bytes(stamped)
    assert report.updated == 0 and len(report.skipped) == 1
    assert services.activities.get(walk.uid).title == "Walk by the lake"


def test_a_file_older_than_a_local_edit_leaves_the_edit_alone(
    services: Services, plan: Plan
) -> None:
    services.importer.import_file(DATA / GOOGLE)
    yoga = services.activities.get(YOGA)  # type: ignore[arg-type]
    services.activities.update(plan, yoga.uid, replace(yoga.draft(), title="My yoga"))
    report, _ = services.importer.import_file(DATA / GOOGLE)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 2)
    (kept,) = report.skipped
    assert "My yoga" in kept.what and "kept" in kept.reason
    assert services.activities.get(yoga.uid).title == "My yoga"


# --- our own files come back whole --------------------------------------------------------------


def _into_new_file(path: Path, data: bytes, zone: str = "Europe/Berlin") -> list[Activity]:
    """Import `data` into a new plan file (a plan in `zone`), and return what it then holds."""
    other = context.open_services(path, FixedClock(NOW))
    try:
        other.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 1, 5), zone))
        report, _ = other.importer.import_bytes(data)
        assert report.updated == report.unchanged == 0 and report.skipped == ()
        result = stored(other, other.plans.require())
        assert report.added == len(result)
        return result
    finally:
        other.close()


def test_our_export_with_notes_comes_back_whole_into_an_empty_plan(
    services: Services, plan: Plan, tmp_path: Path
) -> None:
    mine = stored(services, plan)
    data, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    services.close()  # storage binds to one plan file at a time
    theirs = _into_new_file(tmp_path / "other.sqlite3", data)
    assert {a.uid: a.draft() for a in theirs} == {a.uid: a.draft() for a in mine}
    assert {a.uid: a.revision for a in theirs} == {a.uid: a.revision for a in mine}


def test_our_private_export_keeps_everything_but_the_private_words(
    services: Services, plan: Plan, tmp_path: Path
) -> None:
    mine = {a.uid: a for a in stored(services, plan)}
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    services.close()
    theirs = {a.uid: a for a in _into_new_file(tmp_path / "other.sqlite3", data)}
    assert set(theirs) == set(mine)
    for uid, original in mine.items():
        back = theirs[uid]
        assert (back.category, back.step, back.zone) == (
            original.category,
            original.step,
            original.zone,
        )
        assert (back.start, back.end, back.all_day) == (
            original.start,
            original.end,
            original.all_day,
        )
        assert (back.rrule, back.exdates) == (original.rrule, original.exdates)
        assert [(o.recurrence_id, o.start, o.end, o.title) for o in back.overrides] == [
            (o.recurrence_id, o.start, o.end, o.title) for o in original.overrides
        ]
        assert back.notes == "" and all(o.notes == "" for o in back.overrides)
    assert theirs[next(u for u, a in mine.items() if a.title == "Coffee with Sam")].title == (
        "Coffee with my partner"
    )


def test_our_export_reimported_into_the_same_plan_changes_nothing(
    services: Services, plan: Plan
) -> None:
    before = snapshot(services)
    data, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    report, _ = services.importer.import_bytes(data)
    assert (report.added, report.updated, report.unchanged) == (0, 0, len(before[1]))
    assert snapshot(services) == before


def test_a_one_off_kept_in_utc_comes_back_unchanged_not_skipped(
    services: Services, plan: Plan
) -> None:
    # Import shows a file's UTC one-off in the plan's zone; this copy keeps it in UTC.
    services.activities.create(
        plan, _timed("Call", datetime(2026, 11, 20, 18, 0, tzinfo=ZoneInfo("UTC")), 30)
    )
    before = snapshot(services)
    data, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    report, _ = services.importer.import_bytes(data)
    assert (report.updated, report.unchanged, report.skipped) == (0, len(before[1]), ())
    assert snapshot(services) == before


def test_our_export_without_notes_or_titles_reimported_keeps_them(
    services: Services, plan: Plan
) -> None:
    noted = services.activities.create(
        plan, _timed("Journaling", datetime(2026, 11, 20, 20, 0, tzinfo=BERLIN), 20,
                     notes="Only for me")
    )[0]  # fmt: skip
    before = snapshot(services)
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())  # notes left out
    report, _ = services.importer.import_bytes(data)
    # Only the notes it leaves out differ: nothing new, so nothing to skip or explain.
    assert (report.added, report.updated, report.skipped) == (0, 0, ())
    assert report.unchanged == len(before[1])
    disguised, _, _ = services.interop.export_bytes(plan, ExportRequest(disguise=True))
    report, _ = services.importer.import_bytes(disguised)
    # Its neutral titles say nothing: the words here stand, and nothing is new.
    assert (report.added, report.updated, report.skipped) == (0, 0, ())
    assert snapshot(services) == before
    assert services.activities.get(noted.uid).notes == "Only for me"


def test_a_neutral_export_brought_back_leaves_events_from_another_calendar_as_they_are(
    services: Services, plan: Plan
) -> None:
    """A trial: Google's events, exported with neutral titles and imported again, were
    renamed "Busy" and lost their place, the file's stamp being newer than Google's."""
    services.importer.import_bytes((DATA / GOOGLE).read_bytes())
    before = snapshot(services)
    titles = {a.title for a in before[1]}
    assert "Busy" not in titles and any(a.location for a in before[1])
    disguised, _, _ = services.interop.export_bytes(plan, ExportRequest(disguise=True))
    assert b"SUMMARY:Busy" in disguised

    report, _ = services.importer.import_bytes(disguised)

    assert (report.added, report.updated, report.skipped) == (0, 0, ())
    assert snapshot(services) == before


def test_import_into_a_file_without_a_plan_starts_the_eleven_step_program(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: "America/New_York")
    assert services.plans.current() is None
    data = (DATA / GOOGLE).read_bytes()
    assert b"X-WR-TIMEZONE:Europe/Berlin\r\n" in data
    # With no zone of its own, the file's plan is in this computer's zone.
    report, _ = services.importer.import_bytes(
        data.replace(b"X-WR-TIMEZONE:Europe/Berlin\r\n", b""), step=3
    )
    assert report.added == 3
    plan = services.plans.require()
    assert plan.program_id == "eleven-steps"
    assert plan.zone == "America/New_York"
    assert plan.start == NOW.astimezone(NEW_YORK).date()
    assert {a.step for a in stored(services, plan)} == {3}


def test_import_into_a_file_without_a_plan_starts_it_in_the_calendars_zone(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: "America/New_York")
    services.importer.import_file(DATA / GOOGLE)  # X-WR-TIMEZONE:Europe/Berlin, as Google writes
    plan = services.plans.require()
    assert plan.zone == "Europe/Berlin"
    assert plan.start == NOW.astimezone(BERLIN).date()


# --- options ------------------------------------------------------------------------------------


def test_step_and_category_options_apply_where_the_file_says_nothing(
    services: Services, plan: Plan
) -> None:
    services.importer.import_file(DATA / THUNDERBIRD, step=7, category=Category.GROWTH)
    coffee = services.activities.get(COFFEE_ALEX)  # type: ignore[arg-type]
    course = services.activities.get(POTTERY_COURSE)  # type: ignore[arg-type]
    assert (coffee.category, coffee.step) == (Category.MEETUP, 7)  # CATEGORIES:Meetup wins
    assert (course.category, course.step) == (Category.GROWTH, 7)


def test_without_options_the_step_you_are_on_and_other_apply(
    services: Services, plan: Plan
) -> None:
    services.progress.complete_step(plan, plan.current_step)  # on to the next step
    services.importer.import_file(DATA / THUNDERBIRD)
    course = services.activities.get(POTTERY_COURSE)  # type: ignore[arg-type]
    assert (course.category, course.step) == (Category.OTHER, plan.current_step + 1)


@pytest.mark.parametrize("step", [0, 12])
def test_a_step_outside_the_program_is_refused_and_nothing_changes(
    services: Services, plan: Plan, step: int
) -> None:
    before = snapshot(services)
    with pytest.raises(InvalidInputError, match=f"Step {step}"):
        services.importer.import_file(DATA / GOOGLE, step=step)
    assert snapshot(services) == before


# --- a file that cannot be read changes nothing -------------------------------------------------


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_file_changes_nothing(
    services: Services, plan: Plan, name: str, tmp_path: Path
) -> None:
    services.importer.import_file(DATA / GOOGLE)
    before = snapshot(services)
    with pytest.raises(FileFormatError) as caught:
        services.importer.import_file(fixture_path(name, tmp_path))
    assert isinstance(caught.value, PlannerError)
    assert "\n" not in caught.value.message
    assert snapshot(services) == before


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_file_into_a_new_plan_file_leaves_no_plan(
    services: Services, name: str, tmp_path: Path
) -> None:
    with pytest.raises(FileFormatError):
        services.importer.import_file(fixture_path(name, tmp_path))
    assert services.plans.current() is None
    assert snapshot(services) == (None, [], [])


def test_a_huge_file_is_refused_without_being_read_into_memory(
    services: Services, plan: Plan, tmp_path: Path
) -> None:
    services.importer.import_file(DATA / GOOGLE)
    before = snapshot(services)
    huge = tmp_path / "huge.ics"
    with huge.open("wb") as file:
        file.truncate(256 * 1024 * 1024)  # sparse: costs no disk
    tracemalloc.start()
    try:
        with pytest.raises(FileFormatError, match="larger than 64 MB"):
            services.importer.import_file(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024  # a little more than the limit, not the whole file
    assert snapshot(services) == before


def test_the_good_events_before_a_broken_one_are_not_kept(services: Services, plan: Plan) -> None:
    with pytest.raises(FileFormatError, match="Line 18"):
        services.importer.import_file(DATA / "malformed_bad_date.ics")
    assert "Breakfast with Mia" not in {a.title for a in stored(services, plan)}


def test_a_missing_file_is_a_plain_error(services: Services, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="Cannot read"):
        services.importer.import_file(tmp_path / "nowhere.ics")
    assert services.plans.current() is None


def test_a_cancelled_import_changes_nothing(services: Services, plan: Plan) -> None:
    before = snapshot(services)
    seen: list[tuple[int, int]] = []

    def cancel(done: int, total: int) -> bool:
        seen.append((done, total))
        return False

    with pytest.raises(CancelledError):
        services.importer.import_bytes(many_events(250), progress=cancel)
    assert seen == [(200, 250)]
    assert snapshot(services) == before
    report, _ = services.importer.import_bytes(many_events(250), progress=lambda d, t: True)
    assert report.added == 250


def test_a_change_made_while_an_import_shows_its_progress_is_refused_not_lost(
    services: Services, plan: Plan
) -> None:
    """The progress lets the window answer; an edit saved then had joined the import's
    transaction, and was lost without a word when the import was cancelled (an audit)."""
    refused: list[str] = []
    before = services.activities.count(plan)

    def edit_then_cancel(_done: int, _total: int) -> bool:
        try:
            services.activities.create(
                plan, _timed("Evening walk", datetime(2026, 12, 1, 19, tzinfo=BERLIN), 30)
            )
        except StorageError as error:
            refused.append(error.message)
        return False

    with pytest.raises(CancelledError):
        services.importer.import_bytes(many_events(250), progress=edit_then_cancel)
    assert refused == [
        "Rekindle is still saving a long change (an import). Please try again once it has "
        "finished. Nothing was changed."
    ]
    assert services.activities.count(plan) == before
    services.activities.create(  # once the import is over, the same change is saved
        plan, _timed("Evening walk", datetime(2026, 12, 1, 19, tzinfo=BERLIN), 30)
    )
    assert services.activities.count(plan) == before + 1


# --- export: what is chosen ---------------------------------------------------------------------


JAN_10 = date(2027, 1, 10)


def titles_in(data: bytes) -> set[str]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["SUMMARY"]) for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e}


def test_export_of_everything(services: Services, plan: Plan) -> None:
    data, activities, events = services.interop.export_bytes(plan, ExportRequest())
    assert activities == 5 and events == 6
    assert titles_in(data) == {
        "Coffee with my partner", "Pottery class", "Space period", "Journal", "Call my brother",
    }  # fmt: skip


def test_a_range_takes_whole_series_that_touch_it(services: Services, plan: Plan) -> None:
    request = ExportRequest(first_day=date(2026, 11, 20), last_day=date(2026, 11, 30))
    data, activities, _ = services.interop.export_bytes(plan, request)
    assert titles_in(data) == {"Pottery class", "Space period"}
    assert activities == 2
    calendar = icalendar.Calendar.from_ical(data)
    (master,) = [e for e in calendar.walk("VEVENT") if "RRULE" in e]
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=6"  # the whole series, not a part
    assert master.decoded("DTSTART") == datetime(2026, 11, 5, 18, 30, tzinfo=BERLIN)


def test_a_choice_with_nothing_in_it_is_refused_not_written_empty(
    services: Services, plan: Plan, tmp_path: Path
) -> None:
    # RFC 5545 wants at least one component; an empty file would only confuse.
    target = tmp_path / "empty.ics"
    with pytest.raises(InvalidInputError, match="nothing to export"):
        services.interop.export_file(plan, ExportRequest(first_day=date(2028, 1, 1)), target)
    assert not target.exists()


@pytest.mark.parametrize(
    ("request_", "titles"),
    [
        (ExportRequest(first_day=date(2026, 12, 11)), {"Journal", "Call my brother"}),
        (ExportRequest(last_day=date(2026, 11, 8)), {"Pottery class"}),
        (ExportRequest(first_day=JAN_10, last_day=JAN_10), {"Call my brother"}),
        (ExportRequest(steps=frozenset({5})), {"Coffee with my partner", "Call my brother"}),
        (ExportRequest(steps=frozenset({1, 3})), {"Journal", "Space period"}),
        (
            ExportRequest(categories=frozenset({Category.MEETUP, Category.SPACE})),
            {"Coffee with my partner", "Space period"},
        ),
        (
            ExportRequest(
                first_day=date(2026, 11, 1),
                last_day=date(2026, 11, 30),
                steps=frozenset({4, 5}),
                categories=frozenset({Category.GROWTH, Category.MESSAGE}),
            ),
            {"Pottery class"},
        ),
    ],
    ids=["from", "to", "one-day-in-new-york", "step", "steps", "categories", "all-filters"],
)  # fmt: skip
def test_filters_choose_activities(
    services: Services, plan: Plan, request_: ExportRequest, titles: set[str]
) -> None:
    data, activities, _ = services.interop.export_bytes(plan, request_)
    assert titles_in(data) == titles
    assert activities == len(titles)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    zones = {str(c["TZID"]) for c in calendar.walk("VTIMEZONE")}
    chosen = services.interop.select_for_export(plan, request_)
    assert zones == {a.zone for a in chosen if not a.all_day}


@pytest.mark.parametrize(
    "request_",
    [
        ExportRequest(first_day=date(2026, 11, 1), last_day=date(2026, 11, 9)),
        ExportRequest(first_day=date(2026, 11, 24), last_day=date(2026, 11, 30)),
    ],
    ids=["starts-the-day-after", "ended-the-day-before"],
)
def test_an_all_day_activity_outside_the_range_stays_out(
    services: Services, plan: Plan, request_: ExportRequest
) -> None:
    """The space period covers 10 to 23 November (its end, the 24th, is exclusive)."""
    data, _, _ = services.interop.export_bytes(plan, request_)
    assert "Space period" not in titles_in(data)


def test_a_range_ending_before_it_starts_is_refused(services: Services, plan: Plan) -> None:
    request = ExportRequest(first_day=date(2026, 12, 1), last_day=date(2026, 11, 1))
    with pytest.raises(InvalidInputError, match="before its start"):
        services.interop.export_bytes(plan, request)


# --- export: the file is written whole or not at all --------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_export_file_writes_exactly_the_export(
    services: Services, plan: Plan, tmp_path: Path
) -> None:
    out = tmp_path / "rekindle.ics"
    result = services.interop.export_file(plan, ExportRequest(), out)
    assert (result.path, result.activities, result.events) == (out, 5, 6)
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    assert out.read_bytes() == data
    assert leftovers(tmp_path) == []


def test_an_existing_file_is_replaced_whole(services: Services, plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "rekindle.ics"
    out.write_bytes(b"OLD CONTENT " * 100_000)
    services.interop.export_file(plan, ExportRequest(steps=frozenset({1})), out)
    data, _, _ = services.interop.export_bytes(plan, ExportRequest(steps=frozenset({1})))
    assert out.read_bytes() == data
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_export_into_a_read_only_folder_is_a_plain_error(
    services: Services, plan: Plan, tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StorageError, match="permission"):
            services.interop.export_file(plan, ExportRequest(), folder / "rekindle.ics")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_folder_that_refuses_writes_is_a_plain_error(
    services: Services, plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a read-only folder does, also where the tests run as root (who may write anyway)."""

    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(StorageError, match="permission") as caught:
        services.interop.export_file(plan, ExportRequest(), tmp_path / "rekindle.ics")
    assert str(tmp_path) in caught.value.message
    assert not (tmp_path / "rekindle.ics").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "words"), [(errno.ENOSPC, "disk is full"), (errno.EROFS, "permission")]
)
def test_a_write_failing_halfway_keeps_the_old_file_and_leaves_no_temp_file(
    services: Services,
    plan: Plan,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    words: str,
) -> None:
    out = tmp_path / "rekindle.ics"
    out.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")

    def fail(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(StorageError, match=words):
        services.interop.export_file(plan, ExportRequest(), out)
    assert out.read_bytes() == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("target", "words"),
    [(".", "is a folder"), ("missing/rekindle.ics", "does not exist")],
    ids=["a-folder", "missing-folder"],
)
def test_export_to_a_place_that_cannot_hold_the_file(
    services: Services, plan: Plan, tmp_path: Path, target: str, words: str
) -> None:
    with pytest.raises(StorageError, match=words):
        services.interop.export_file(plan, ExportRequest(), tmp_path / target)
    assert leftovers(tmp_path) == []


def test_a_cancelled_export_writes_nothing(services: Services, tmp_path: Path) -> None:
    services.importer.import_bytes(many_events(210))
    plan = services.plans.require()
    out = tmp_path / "rekindle.ics"
    with pytest.raises(CancelledError):
        services.interop.export_file(plan, ExportRequest(), out, progress=lambda d, t: False)
    assert not out.exists()
    assert leftovers(tmp_path) == []
    result = services.interop.export_file(plan, ExportRequest(), out, progress=lambda d, t: True)
    assert result.activities == 210
    assert len(uids_in(out.read_bytes())) == 210


def test_activities_in_etc_utc_come_back_unchanged_though_the_file_calls_it_utc(
    services: Services,
) -> None:
    # A plan started on a computer whose zone is named "Etc/UTC" (Debian's name for UTC).
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2),
                                              "Etc/UTC"))  # fmt: skip
    start = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Etc/UTC"))  # as Debian names UTC
    for title, rrule in (("Walk", "FREQ=WEEKLY;COUNT=4"), ("Call a friend", None)):
        services.activities.create(plan, _timed(title, start, 30, rrule=rrule, notes="Mine"))
    before = snapshot(services)
    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    report, _ = services.importer.import_bytes(data)
    assert (report.updated, report.skipped) == (0, ())  # nothing said, nothing to say
    assert snapshot(services) == before


def test_utc_by_any_of_its_names_is_one_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    assert same_zone("Etc/UTC", "UTC") and same_zone("Zulu", "Etc/Universal")
    assert not same_zone("UTC", "Europe/London") and not same_zone("GMT", "Europe/Dublin")
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: "Etc/UTC")
    assert system_zone_name() == "UTC"  # new plans name it as files do


def test_the_export_is_named_without_private_words_unless_they_go_too(
    services: Services,
) -> None:
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "Europe/Berlin", "Sam",
                  name="Finding our way back, Sam and me")
    )  # fmt: skip
    name = services.interop.export_name
    assert name(plan, ExportRequest()) == "Finding our way back, my partner and me"
    assert name(plan, ExportRequest(include_notes=True)) == "Finding our way back, Sam and me"
    assert name(plan, ExportRequest(disguise=True)) == "Personal"


def test_an_import_says_the_first_day_something_shows_not_where_a_series_began(
    services: Services, plan: Plan
) -> None:
    # The series' first day was moved a week on, and its second skipped: "Go to" the start
    # showed an empty day.
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:s@test\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Swim\r\n"
        b"DTSTART;TZID=Europe/Berlin:20270301T070000\r\nDURATION:PT1H\r\n"
        b"RRULE:FREQ=DAILY;COUNT=5\r\nEXDATE;TZID=Europe/Berlin:20270302T070000\r\n"
        b"END:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:s@test\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Swim\r\n"
        b"RECURRENCE-ID;TZID=Europe/Berlin:20270301T070000\r\n"
        b"DTSTART;TZID=Europe/Berlin:20270308T070000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:later@test\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Walk\r\n"
        b"DTSTART;VALUE=DATE:20270304\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    report, _ = services.importer.import_bytes(data)
    assert report.added == 2
    assert report.first_day == date(2027, 3, 3)  # not the 1st (moved) nor the 2nd (skipped)


def test_a_note_kept_instead_of_sending_is_never_exported(services: Services, plan: Plan) -> None:
    """Words kept instead of sending stay on this computer, even with notes included: an
    export may end up on a calendar others see, or in another file where nothing marks them."""
    start = datetime(2026, 11, 25, 23, 10, tzinfo=BERLIN)
    kept, _ = services.activities.create(plan, ActivityDraft(
        title="A note kept for myself", category=Category.REFLECTION, step=StepNumber(1),
        start=start, end=start + timedelta(minutes=15), all_day=False, zone="Europe/Berlin",
        notes="I miss you",
    ), kept_note=True)  # fmt: skip
    data, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    calendar = icalendar.Calendar.from_ical(data)  # an independent reader
    assert kept.uid not in {str(event["UID"]) for event in calendar.walk("VEVENT")}
    assert b"I miss you" not in data
    assert uids_in(data)  # the plan's other activities are there


def test_the_apps_choice_for_unnamed_events_leaves_what_the_plan_has(
    services: Services, plan: Plan
) -> None:
    """Events from another calendar name no step or kind: the app asks where they go, and
    that choice is for them alone; an event already here keeps the step and kind it has."""
    from planner.services.interop import ForUnnamed

    data = (DATA / GOOGLE).read_bytes()
    report, _ = services.importer.import_bytes(
        data, unnamed=ForUnnamed(StepNumber(4), Category.GROWTH)
    )
    assert report.added >= 2
    added = [a for a in stored(services, plan) if a.uid in uids_in(data)]
    assert len(added) == report.added
    assert {(a.step, a.category) for a in added} == {(4, Category.GROWTH)}
    kept = added[0]
    services.activities.update(plan, kept.uid, replace(kept.draft(), step=StepNumber(2),
                                                       category=Category.OUTING))  # fmt: skip

    report, _ = services.importer.import_bytes(
        data, unnamed=ForUnnamed(StepNumber(6), Category.SELF_CARE)
    )

    again = services.activities.get(kept.uid)
    assert (again.step, again.category) == (2, Category.OUTING)


def _from_elsewhere(*events: str) -> bytes:
    body = "".join(
        f"BEGIN:VEVENT\r\nDTSTAMP:20261101T000000Z\r\n{event}END:VEVENT\r\n" for event in events
    )
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n{body}END:VCALENDAR\r\n".encode()
    )


def test_a_file_read_first_counts_the_new_events_without_a_place_and_imports_as_answered(
    services: Services, plan: Plan, tmp_path: Path
) -> None:
    """The app reads a file before asking where its events go (so a file that cannot be read
    is refused before the question): the count leaves out events naming both a step and a
    kind of ours, and those already here; the answer places only the others."""
    from planner.services.interop import ForUnnamed

    nine = datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN)
    here, _ = services.activities.create(plan, _timed("Here", nine, 30))
    path = tmp_path / "other.ics"
    path.write_bytes(_from_elsewhere(
        "UID:placed@x\r\nSUMMARY:Placed\r\nX-REKINDLE-STEP:3\r\nCATEGORIES:growth\r\n"
        "DTSTART:20261202T100000Z\r\nDTEND:20261202T110000Z\r\n",
        "UID:kind@x\r\nSUMMARY:Kind only\r\nCATEGORIES:Work,Growth\r\n"
        "DTSTART:20261203T100000Z\r\nDTEND:20261203T110000Z\r\n",
        "UID:nothing@x\r\nSUMMARY:Nothing\r\n"
        "DTSTART:20261204T100000Z\r\nDTEND:20261204T110000Z\r\n",
        f"UID:{here.uid}\r\nSUMMARY:Here\r\n"
        "DTSTART:20261201T080000Z\r\nDTEND:20261201T083000Z\r\n",
    ))  # fmt: skip
    read = services.importer.read_file(path)
    assert read.without_a_place == 2
    assert not [a for a in stored(services, plan) if "@x" in a.uid]  # nothing imported yet

    report, _ = services.importer.import_read(
        read, unnamed=ForUnnamed(StepNumber(5), Category.SELF_CARE)
    )
    assert report.added == 3
    placed = {a.uid: (a.step, a.category) for a in stored(services, plan) if "@x" in a.uid}
    assert placed == {
        "placed@x": (3, Category.GROWTH),
        "kind@x": (5, Category.GROWTH),  # its kind is its own, its step the one chosen
        "nothing@x": (5, Category.SELF_CARE),
    }
    again = services.activities.get(here.uid)
    assert (again.step, again.category) == (here.step, here.category)


def test_an_event_without_an_end_takes_the_length_of_the_kind_chosen_after_the_read(
    services: Services, plan: Plan, tmp_path: Path
) -> None:
    """A timed event with no end lasts as long as its kind usually does: the kind chosen in
    the question, although the file was read before it was asked."""
    from planner.services.interop import ForUnnamed

    path = tmp_path / "point.ics"
    path.write_bytes(_from_elsewhere(
        "UID:point@x\r\nSUMMARY:Point\r\nDTSTART:20261202T100000Z\r\n",
        "UID:ends@x\r\nSUMMARY:Ends\r\nDTSTART:20261203T100000Z\r\nDTEND:20261203T101000Z\r\n",
    ))  # fmt: skip
    read = services.importer.read_file(path)
    assert Category.OTHER.typical_duration != Category.OUTING.typical_duration
    services.importer.import_read(read, unnamed=ForUnnamed(StepNumber(2), Category.OUTING))
    point = services.activities.get(ActivityUid("point@x"))
    assert (point.category, point.step) == (Category.OUTING, 2)
    assert point.end - point.start == Category.OUTING.typical_duration
    ends = services.activities.get(ActivityUid("ends@x"))
    assert ends.end - ends.start == timedelta(minutes=10)


def test_a_file_read_before_the_plan_changed_is_read_again_for_the_plan_as_it_is(
    services: Services, plan: Plan, tmp_path: Path
) -> None:
    """Between the read and the import the plan may change (another step chosen while the
    question was open): an event that names no step goes to the step the plan is on then."""
    path = tmp_path / "growth.ics"
    path.write_bytes(_from_elsewhere(
        "UID:growth@x\r\nSUMMARY:Course\r\nCATEGORIES:growth\r\n"
        "DTSTART:20261202T100000Z\r\nDTEND:20261202T110000Z\r\n",
    ))  # fmt: skip
    read = services.importer.read_file(path)
    assert read.parsed.activities[0].draft.step == 1
    services.plans.set_current_step(plan.id, StepNumber(4))
    services.importer.import_read(read)
    assert services.activities.get(ActivityUid("growth@x")).step == 4


def test_an_older_file_imported_after_a_newer_one_says_why_in_true_words(
    services: Services, plan: Plan
) -> None:
    """A trial: an older file imported after a newer one was kept out "because your copy was
    changed after this file was made", though nothing had been changed here."""

    def version(sequence: int) -> bytes:
        return _from_elsewhere(
            f"UID:v@x\r\nSEQUENCE:{sequence}\r\nSUMMARY:Talk {sequence}\r\n"
            "DTSTART:20261202T100000Z\r\nDTEND:20261202T110000Z\r\n"
        )

    services.importer.import_bytes(version(2))
    report, _ = services.importer.import_bytes(version(1))
    (kept,) = report.skipped
    assert kept.reason == "your copy is from a newer version of this event, so it was kept"
    (talk,) = [a for a in stored(services, plan) if a.uid == "v@x"]
    services.activities.update(plan, talk.uid, replace(talk.draft(), title="Talk, moved"))
    report, _ = services.importer.import_bytes(version(1))
    assert (
        report.skipped[0].reason
        == "your copy was changed here after it was imported, so it was kept"
    )


def test_a_neutral_export_never_carries_the_notes(services: Services, plan: Plan) -> None:
    """Neutral titles are for a calendar others can see: the notes stay out of it even when
    they were asked for too (a trial ticked both in the export dialog)."""
    start = datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN)
    services.activities.create(plan, replace(_timed("Coffee with Sam", start, 30),
                                             notes="Ask Sam how the new job is going"))  # fmt: skip
    data, _, _ = services.interop.export_bytes(
        plan, ExportRequest(include_notes=True, disguise=True)
    )
    assert b"Ask Sam" not in data and b"Sam" not in data
    calendar = icalendar.Calendar.from_ical(data)  # an independent reader
    assert all("DESCRIPTION" not in event for event in calendar.walk("VEVENT"))


def test_a_day_moved_in_a_neutral_file_keeps_the_words_here(services: Services, plan: Plan) -> None:
    """A review: a disguised export brought back with one day moved (as Google writes a drag)
    renamed that day "Personal time" and erased its place."""
    start = datetime(2026, 11, 30, 18, 0, tzinfo=BERLIN)
    walk, _ = services.activities.create(plan, replace(
        _timed("Evening walk by the river", start, 60), rrule="FREQ=WEEKLY;COUNT=5",
        location="Riverside",
    ))  # fmt: skip
    data, _, _ = services.interop.export_bytes(plan, ExportRequest(disguise=True))
    calendar = icalendar.Calendar.from_ical(data)
    (series,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == walk.uid]
    moved = icalendar.Event()
    for key in ("UID", "DTSTAMP", "SUMMARY"):
        moved[key] = series[key]
    moved.add("RECURRENCE-ID", datetime(2026, 12, 7, 18, 0, tzinfo=BERLIN))
    moved.add("DTSTART", datetime(2026, 12, 7, 19, 0, tzinfo=BERLIN))
    moved.add("DTEND", datetime(2026, 12, 7, 20, 0, tzinfo=BERLIN))
    moved.add("SEQUENCE", 5)
    calendar.add_component(moved)

    services.importer.import_bytes(calendar.to_ical())

    shown = [o for o in services.calendar.occurrences(plan, date(2026, 12, 7), date(2026, 12, 7))
             if o.activity.uid == walk.uid]  # fmt: skip
    assert [(o.start.hour, o.title, o.location) for o in shown] == [
        (19, "Evening walk by the river", "Riverside")
    ]
