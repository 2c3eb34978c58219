"""A private export brought to a computer that has the notes must not erase them there."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.plans import Plan, PlanDraft
from planner.services import context
from planner.services.context import Services
from planner.services.interop import ExportRequest

from tests.zones import BERLIN, NOW


def _on_laptop(tmp_path: Path, *files: bytes) -> tuple[tuple[int, int, int], Activity]:
    """The files imported in turn on another computer: the last import's counts, and the
    activity as it stands there. (Opened once the first file is done with: the storage
    layer works on one open file at a time.)"""
    laptop = context.open_services(tmp_path / "laptop.sqlite3", FixedClock(NOW))
    try:
        for data in files:
            report, _ = laptop.importer.import_bytes(data)
        (uid,) = {o.activity.uid for o in laptop.calendar.occurrences(
            laptop.plans.require(), date(2026, 11, 1), date(2026, 11, 30))}  # fmt: skip
        activity = laptop.activities.get(uid)
    finally:
        laptop.close()
    return (report.added, report.updated, report.unchanged), activity


def _plan(services: Services, *, partner: str | None = None) -> Plan:
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "Europe/Berlin")
    )
    if partner is not None:
        services.plans.set_partner_name(plan, partner)
    return services.plans.require()


def test_a_newer_private_export_keeps_the_notes_and_name_already_here(
    services: Services, tmp_path: Path
) -> None:
    plan = _plan(services, partner="Alex")
    begin = datetime(2026, 11, 20, 10, 0, tzinfo=BERLIN)
    coffee, _ = services.activities.create(plan, ActivityDraft(
        title="Coffee with Alex", category=Category.MEETUP, step=StepNumber(5), start=begin,
        end=begin + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
        notes="What I want to say, and what I will not.",
    ))  # fmt: skip
    whole, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))

    # Changed here, then sent over the default way: no notes, the name replaced.
    later = begin + timedelta(hours=2)
    services.activities.update(plan, coffee.uid, replace(
        coffee.draft(), start=later, end=later + timedelta(hours=1)))  # fmt: skip
    private, _, _ = services.interop.export_bytes(plan, ExportRequest())
    assert b"Alex" not in private and b"What I want" not in private

    services.close()
    counts, there = _on_laptop(tmp_path, whole, private)
    assert counts == (0, 1, 0)
    assert there.start == later  # what changed came over
    assert there.title == "Coffee with Alex"
    assert there.notes == "What I want to say, and what I will not."


def test_a_file_without_notes_never_erases_the_notes_here(
    services: Services, tmp_path: Path
) -> None:
    """A trial brought a private export back through Google, which keeps no X-REKINDLE-NOTES
    line: the event moved there came back without a DESCRIPTION, and its notes here were
    erased without a word. Notes are cleared in Rekindle, by hand; a file brings new ones."""
    plan = _plan(services)
    begin = datetime(2026, 11, 20, 10, 0, tzinfo=BERLIN)
    services.activities.create(plan, ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(3), start=begin,
        end=begin + timedelta(hours=1), all_day=False, zone="Europe/Berlin", notes="Old words",
    ))  # fmt: skip
    whole, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    private, _, _ = services.interop.export_bytes(plan, ExportRequest())
    # As Google writes it back: its own PRODID, no marker, the walk moved an hour there.
    google = (
        private.replace(b"X-REKINDLE-NOTES:LEFT-OUT\r\n", b"")
        .replace(b"SEQUENCE:0", b"SEQUENCE:1")
        .replace(b":20261120T110000", b":20261120T120000")  # its end, then its start
        .replace(b":20261120T100000", b":20261120T110000")
    )
    assert b"X-REKINDLE-NOTES" not in google and b"DESCRIPTION" not in google
    renotes = whole.replace(b"Old words", b"New words").replace(b"SEQUENCE:0", b"SEQUENCE:2")

    services.close()
    counts, there = _on_laptop(tmp_path, whole, google)
    assert counts == (0, 1, 0)
    assert there.start == begin + timedelta(hours=1)  # what changed came over
    assert there.notes == "Old words"
    counts, there = _on_laptop(tmp_path, renotes)  # new words from a file are taken
    assert there.notes == "New words"


def test_our_export_with_its_notes_can_clear_them(services: Services, tmp_path: Path) -> None:
    """Notes deleted on one computer, the export with notes brought to another: it says its
    notes went along (X-REKINDLE-NOTES:INCLUDED), so an event without them has none."""
    plan = _plan(services)
    begin = datetime(2026, 11, 20, 10, 0, tzinfo=BERLIN)
    walk, _ = services.activities.create(plan, ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(3), start=begin,
        end=begin + timedelta(hours=1), all_day=False, zone="Europe/Berlin", notes="Old words",
    ))  # fmt: skip
    whole, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    services.activities.update(plan, walk.uid, replace(walk.draft(), notes=""))
    cleared, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    assert b"X-REKINDLE-NOTES:INCLUDED\r\n" in cleared

    services.close()
    counts, there = _on_laptop(tmp_path, whole, cleared)
    assert counts == (0, 1, 0)
    assert there.notes == ""


def test_a_day_moved_only_in_another_calendar_keeps_the_notes_here(
    services: Services, tmp_path: Path
) -> None:
    """A review: a day of a series dragged in Google came back as its own event without a
    DESCRIPTION, and that day showed no notes here."""
    plan = _plan(services)
    begin = datetime(2026, 11, 20, 10, 0, tzinfo=BERLIN)
    services.activities.create(plan, ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(3), start=begin,
        end=begin + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
        notes="Old words", rrule="FREQ=DAILY;COUNT=3",
    ))  # fmt: skip
    whole, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    private, _, _ = services.interop.export_bytes(plan, ExportRequest())
    event = private[private.index(b"BEGIN:VEVENT") : private.index(b"END:VEVENT") + 12]
    moved = (  # the second day an hour later, as Google writes a day dragged there
        event.replace(b"RRULE:FREQ=DAILY;COUNT=3\r\n", b"")
        .replace(b"DTSTART;TZID=Europe/Berlin:20261120T100000",
                 b"RECURRENCE-ID;TZID=Europe/Berlin:20261121T100000\r\n"
                 b"DTSTART;TZID=Europe/Berlin:20261121T110000")
        .replace(b"DTEND;TZID=Europe/Berlin:20261120T110000",
                 b"DTEND;TZID=Europe/Berlin:20261121T120000")
        .replace(b"SEQUENCE:0", b"SEQUENCE:1")
    )  # fmt: skip
    google = private.replace(b"X-REKINDLE-NOTES:LEFT-OUT\r\n", b"").replace(
        b"END:VEVENT\r\n", b"END:VEVENT\r\n" + moved, 1
    )
    services.close()
    laptop = context.open_services(tmp_path / "laptop.sqlite3", FixedClock(NOW))
    try:
        laptop.importer.import_bytes(whole)
        laptop.importer.import_bytes(google)
        shown = laptop.calendar.occurrences(
            laptop.plans.require(), date(2026, 11, 20), date(2026, 11, 22)
        )
    finally:
        laptop.close()
    assert [(o.start.hour, o.notes) for o in shown] == [
        (10, "Old words"), (11, "Old words"), (10, "Old words"),
    ]  # fmt: skip


def test_words_the_file_changed_itself_are_taken_even_if_they_say_my_partner(
    services: Services, tmp_path: Path
) -> None:
    plan = _plan(services, partner="Sam")
    begin = datetime(2026, 11, 20, 10, 0, tzinfo=BERLIN)
    services.activities.create(plan, ActivityDraft(
        title="Message Sam about the dog", category=Category.MESSAGE, step=StepNumber(5),
        start=begin, end=begin + timedelta(minutes=15), all_day=False, zone="Europe/Berlin",
        location="Luca's place",
    ))  # fmt: skip
    whole, _, _ = services.interop.export_bytes(plan, ExportRequest(include_notes=True))
    private, _, _ = services.interop.export_bytes(plan, ExportRequest())
    assert b"X-REKINDLE-NAME-LEFT-OUT:SUMMARY\r\n" in private  # the place said no name
    # Changed by hand elsewhere: a newer version whose place now says "my partner's".
    edited = private.replace(b"LOCATION:Luca's place", b"LOCATION:my partner's place").replace(
        b"SEQUENCE:0", b"SEQUENCE:1"
    )
    services.close()
    counts, there = _on_laptop(tmp_path, whole, edited)
    assert counts == (0, 1, 0)
    assert there.title == "Message Sam about the dog"  # the name the export left out
    assert there.location == "my partner's place"  # an edit, taken as written
