"""An update from a calendar that names no step or category (Google, Apple) keeps the ones
the copy has here, chosen at the first import or since; one that names them brings them."""

from __future__ import annotations

from dataclasses import replace

from planner.domain.categories import Category
from planner.services.context import Services

UID = "walk@google.com"
#: A walk as Google writes it: no X-REKINDLE-STEP, and CATEGORIES only if asked.
WALK = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VEVENT
DTSTAMP:20270101T000000Z
UID:walk@google.com
SEQUENCE:{sequence}
{extra}SUMMARY:{title}
DTSTART;TZID=Europe/Berlin:20270310T120000
DTEND;TZID=Europe/Berlin:20270310T130000
END:VEVENT
END:VCALENDAR
"""


def _walk(title: str, sequence: int, extra: str = "") -> bytes:
    text = WALK.format(sequence=sequence, extra=extra, title=title)
    return text.replace("\n", "\r\n").encode()


def test_an_update_naming_no_step_or_category_keeps_those_given_at_import(
    services: Services,
) -> None:
    services.importer.import_bytes(_walk("Walk", 0), step=3, category=Category.OUTING)

    report, _ = services.importer.import_bytes(_walk("Walk by the river", 1))

    assert report.updated == 1
    walk = services.activities.get(UID)  # type: ignore[arg-type]
    assert walk is not None
    assert (walk.title, walk.step, walk.category) == ("Walk by the river", 3, Category.OUTING)


def test_the_same_file_again_is_unchanged_rather_than_a_reset(services: Services) -> None:
    services.importer.import_bytes(_walk("Walk", 0), step=3, category=Category.OUTING)

    report, _ = services.importer.import_bytes(_walk("Walk", 0))

    assert (report.updated, report.unchanged, report.skipped) == (0, 1, ())


def test_an_update_that_names_them_brings_them(services: Services) -> None:
    services.importer.import_bytes(_walk("Walk", 0), step=3, category=Category.OUTING)

    named = "X-REKINDLE-STEP:2\r\nCATEGORIES:self-care\r\n"
    services.importer.import_bytes(_walk("Walk", 1, named.replace("\r\n", "\n")))

    walk = services.activities.get(UID)  # type: ignore[arg-type]
    assert walk is not None
    assert (walk.step, walk.category) == (2, Category.SELF_CARE)


def test_step_and_category_given_with_the_update_win(services: Services) -> None:
    services.importer.import_bytes(_walk("Walk", 0), step=3, category=Category.OUTING)

    services.importer.import_bytes(_walk("Walk", 1), step=4, category=Category.MEETUP)

    walk = services.activities.get(UID)  # type: ignore[arg-type]
    assert walk is not None
    assert (walk.step, walk.category) == (4, Category.MEETUP)


def test_a_step_and_category_given_for_a_file_imported_already_are_applied(
    services: Services,
) -> None:
    """The same file again with --step 4: nothing changed, said as "not newer than your
    copy", though putting these events in step 4 was all that was asked."""
    services.importer.import_bytes(_walk("Walk", 0))

    report, _ = services.importer.import_bytes(_walk("Walk", 0), step=4, category=Category.OUTING)

    assert (report.updated, report.skipped) == (1, ())
    walk = services.activities.get(UID)  # type: ignore[arg-type]
    assert walk is not None
    assert (walk.title, walk.step, walk.category, walk.revision) == (
        "Walk", 4, Category.OUTING, 0,
    )  # fmt: skip
    # And asked again, it is the same: nothing to do.
    report, _ = services.importer.import_bytes(_walk("Walk", 0), step=4, category=Category.OUTING)
    assert (report.updated, report.unchanged) == (0, 1)


def test_a_category_given_again_leaves_an_event_that_names_its_own(services: Services) -> None:
    """--category is the kind of events that name none of ours, those imported before too:
    asked with --step, it had turned a file's self-care walk into an outing all the same."""
    named = "CATEGORIES:self-care\n"
    services.importer.import_bytes(_walk("Walk", 0, named))

    report, _ = services.importer.import_bytes(
        _walk("Walk", 0, named), step=4, category=Category.OUTING
    )

    assert report.updated == 1
    walk = services.activities.get(UID)  # type: ignore[arg-type]
    assert walk is not None
    assert (walk.step, walk.category) == (4, Category.SELF_CARE)
    # Alone, --category asks nothing of it either.
    report, _ = services.importer.import_bytes(_walk("Walk", 0, named), category=Category.OUTING)
    assert (report.updated, report.unchanged) == (0, 1)


def test_a_category_given_that_the_file_also_names_changes_nothing_chosen_here(
    services: Services,
) -> None:
    """A review: `--category self-care` on a file naming self-care itself reset a walk the
    person had made an outing here, as if --category were meant for it."""
    named = "CATEGORIES:self-care\n"
    services.importer.import_bytes(_walk("Walk", 0, named))
    plan = services.plans.require()
    walk = services.activities.get(UID)  # type: ignore[arg-type]
    assert walk is not None
    services.activities.update(plan, walk.uid, replace(walk.draft(), category=Category.OUTING))

    services.importer.import_bytes(_walk("Walk", 0, named), step=4, category=Category.SELF_CARE)

    walk = services.activities.get(UID)  # type: ignore[arg-type]
    assert walk is not None
    assert (walk.step, walk.category) == (4, Category.OUTING)
