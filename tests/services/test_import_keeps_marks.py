"""An import that moves an event keeps its marks and reflections with it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import PlanDraft
from planner.services.context import Services

from tests.zones import BERLIN

MOVED = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Somewhere else//EN
BEGIN:VEVENT
UID:{uid}
SEQUENCE:9
DTSTAMP:20261123T090000Z
DTSTART;TZID=Europe/Berlin:20261120T110000
DTEND;TZID=Europe/Berlin:20261120T120000
SUMMARY:Walk
CATEGORIES:self-care
END:VEVENT
END:VCALENDAR
"""


def test_a_moved_event_keeps_its_done_mark_and_reflection(
    services: Services, tmp_path: Path
) -> None:
    plan, _ = services.plans.create(PlanDraft(ProgramId("five-steps"), date(2026, 11, 2),
                                              "Europe/Berlin"))  # fmt: skip
    start = datetime(2026, 11, 20, 10, 0, tzinfo=BERLIN)
    walk, _ = services.activities.create(plan, ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    (occurrence,) = services.calendar.occurrences(plan, date(2026, 11, 20), date(2026, 11, 20))
    written = Reflection("Rain, and still glad", 4, "Go anyway")
    services.progress.mark(plan, occurrence, Status.DONE, written)
    moved = tmp_path / "moved.ics"
    moved.write_text(MOVED.format(uid=walk.uid).replace("\n", "\r\n"), encoding="utf-8")

    report, _ = services.importer.import_file(moved)

    assert report.updated == 1
    (shown,) = services.calendar.occurrences(plan, date(2026, 11, 20), date(2026, 11, 20))
    assert shown.start == datetime(2026, 11, 20, 11, 0, tzinfo=BERLIN)
    assert (shown.status, shown.reflection) == (Status.DONE, written)
