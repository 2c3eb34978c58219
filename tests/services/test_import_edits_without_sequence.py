"""An event edited elsewhere without a higher SEQUENCE (a new title or place, as Google,
Apple and Outlook edit them) comes back newer; an edit made here since the import stays."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from planner.clock import FixedClock
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.services.context import Services

UID = "t1@google.com"
#: One lunch as Google writes it; every version keeps SEQUENCE:0.
LUNCH = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VEVENT
DTSTAMP:{stamp}
UID:t1@google.com
SEQUENCE:0
{modified}SUMMARY:{title}
DTSTART;TZID=Europe/Berlin:20270310T120000
DTEND;TZID=Europe/Berlin:20270310T130000
END:VEVENT
END:VCALENDAR
"""
#: The test clock's "now" is 23 November 2026: the first version is imported then.
FIRST_MADE = "20261101T000000Z"
EDITED = "20261210T000000Z"
EDITED_AGAIN = "20261215T000000Z"


def _lunch(title: str, modified: str | None, stamp: str = "20270101T000000Z") -> bytes:
    line = f"LAST-MODIFIED:{modified}\n" if modified else ""
    text = LUNCH.format(stamp=stamp, modified=line, title=title)
    return text.replace("\n", "\r\n").encode()


def _title(services: Services) -> str:
    return services.activities.get(UID).title  # type: ignore[arg-type]


def test_a_later_last_modified_with_the_same_sequence_updates_the_copy(
    services: Services,
) -> None:
    services.importer.import_bytes(_lunch("Lunch", FIRST_MADE))

    report, _ = services.importer.import_bytes(_lunch("Lunch at Joe's", EDITED))

    assert (report.updated, report.skipped) == (1, ())
    assert _title(services) == "Lunch at Joe's"
    # And the next such edit too: taking the file's version did not look like an edit here.
    report, _ = services.importer.import_bytes(_lunch("Lunch at Joe's, upstairs", EDITED_AGAIN))
    assert (report.updated, report.skipped) == (1, ())
    assert _title(services) == "Lunch at Joe's, upstairs"


def test_the_older_file_imported_again_leaves_the_newer_copy(services: Services) -> None:
    services.importer.import_bytes(_lunch("Lunch", FIRST_MADE))
    services.importer.import_bytes(_lunch("Lunch at Joe's", EDITED))

    report, _ = services.importer.import_bytes(_lunch("Lunch", FIRST_MADE))

    assert report.updated == 0
    (kept,) = report.skipped
    assert "not newer" in kept.reason
    assert _title(services) == "Lunch at Joe's"


def test_an_edit_made_here_after_the_import_is_kept(services: Services) -> None:
    services.importer.import_bytes(_lunch("Lunch", FIRST_MADE))
    plan = services.plans.require()
    lunch = services.activities.get(UID)  # type: ignore[arg-type]
    services.activities.update(plan, lunch.uid, replace(lunch.draft(), title="Lunch with Kim"))

    report, _ = services.importer.import_bytes(_lunch("Lunch at Joe's", EDITED))

    assert report.updated == 0
    (kept,) = report.skipped
    assert kept.reason == "your copy was changed here after it was imported, so it was kept"
    assert _title(services) == "Lunch with Kim"


@pytest.mark.parametrize("stamp", ["20261210T000000Z", "20261101T000000Z"])
def test_a_later_dtstamp_alone_does_not_say_the_copy_is_newer(
    services: Services, stamp: str
) -> None:
    """A DTSTAMP may be only when the file was made: an event site's "add to calendar" stamps
    each download, and a review saw an unchanged event "updated", its step and category
    chosen at import reset. With the same SEQUENCE, LAST-MODIFIED alone says a copy changed."""
    services.importer.import_bytes(_lunch("Lunch", None, stamp="20261101T000000Z"))

    report, _ = services.importer.import_bytes(_lunch("Lunch at Joe's", None, stamp=stamp))

    assert report.updated == 0
    assert _title(services) == "Lunch"


def test_an_edit_made_here_is_kept_from_a_file_whose_sequence_rose_as_far(
    services: Services,
) -> None:
    """One edit here and one there: both copies at SEQUENCE 1; the later LAST-MODIFIED does
    not make the file's the one to keep over what was changed here."""
    services.importer.import_bytes(_lunch("Lunch", FIRST_MADE))
    plan = services.plans.require()
    lunch = services.activities.get(UID)  # type: ignore[arg-type]
    services.activities.update(plan, lunch.uid, replace(lunch.draft(), title="Lunch with Kim"))
    there = _lunch("Lunch at Joe's", EDITED).replace(b"SEQUENCE:0", b"SEQUENCE:1")

    report, _ = services.importer.import_bytes(there)

    assert report.updated == 0
    (kept,) = report.skipped
    assert kept.reason == "your copy was changed here after it was imported, so it was kept"
    assert _title(services) == "Lunch with Kim"


def test_a_rename_made_in_google_before_the_import_but_after_its_file_arrives(
    services: Services,
) -> None:
    """Exported from Google on the 1st, renamed there on the 10th, imported here on the 23rd
    (the tests' today): the next export, stamped the 10th, is newer than the file imported,
    though older than the import. It was skipped as "the same version"."""
    services.importer.import_bytes(_lunch("Lunch", FIRST_MADE))

    report, _ = services.importer.import_bytes(_lunch("Lunch at Joe's", "20261110T000000Z"))

    assert (report.updated, report.skipped) == (1, ())
    assert _title(services) == "Lunch at Joe's"
    # And the file imported last is what the next one is compared with.
    report, _ = services.importer.import_bytes(_lunch("Lunch", FIRST_MADE))
    assert report.updated == 0 and "not newer" in report.skipped[0].reason


def test_a_step_or_category_chosen_here_does_not_stop_a_newer_file(
    services: Services,
) -> None:
    """Choosing a step and a category for an imported lunch counted as an edit, so Google's
    next rename was refused as a conflict; neither is in Google's file, so both are kept."""
    services.importer.import_bytes(_lunch("Lunch", FIRST_MADE))
    plan = services.plans.require()
    lunch = services.activities.get(UID)  # type: ignore[arg-type]
    chosen = replace(lunch.draft(), step=StepNumber(5), category=Category.MEETUP)
    services.activities.update(plan, lunch.uid, chosen)

    report, _ = services.importer.import_bytes(_lunch("Lunch at Joe's", EDITED))

    assert (report.updated, report.skipped) == (1, ())
    lunch = services.activities.get(UID)  # type: ignore[arg-type]
    assert (lunch.title, lunch.step, lunch.category) == ("Lunch at Joe's", 5, Category.MEETUP)


def test_a_step_chosen_for_a_copy_imported_without_a_stamp_does_not_stop_a_newer_file(
    services: Services, clock: FixedClock
) -> None:
    """Imported from a file without LAST-MODIFIED (the import's time stands for its stamp),
    given a step a week later: Google's rename, made in between, was refused as 'the same
    version', the step's save taken for a newer copy."""
    services.importer.import_bytes(_lunch("Lunch", None))
    clock.set(clock.now() + timedelta(days=7))
    plan = services.plans.require()
    lunch = services.activities.get(UID)  # type: ignore[arg-type]
    services.activities.update(plan, lunch.uid, replace(lunch.draft(), step=StepNumber(3)))

    report, _ = services.importer.import_bytes(_lunch("Lunch at Joe's", "20261125T000000Z"))

    assert (report.updated, report.skipped) == (1, ())
    lunch = services.activities.get(UID)  # type: ignore[arg-type]
    assert (lunch.title, lunch.step) == ("Lunch at Joe's", 3)


def test_a_newer_export_from_another_computer_brings_its_step(services: Services) -> None:
    """Our export names the step: one changed on the other computer after the file imported
    here arrives with the next file (it was dropped, the import taken for a choice here)."""
    services.importer.import_bytes(
        _lunch("Lunch", FIRST_MADE).replace(b"SUMMARY:", b"X-REKINDLE-STEP:2\r\nSUMMARY:")
    )
    theirs = _lunch("Lunch at Joe's", "20261110T000000Z").replace(
        b"SUMMARY:", b"X-REKINDLE-STEP:3\r\nSUMMARY:"
    )

    services.importer.import_bytes(theirs)

    lunch = services.activities.get(UID)  # type: ignore[arg-type]
    assert (lunch.title, lunch.step) == ("Lunch at Joe's", 3)
