"""A plan file as a person would have it after some weeks: shared by the reliability tests."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from planner.clock import FixedClock
from planner.domain.completions import Reflection
from planner.domain.ids import ProgramId
from planner.domain.occurrences import Status
from planner.domain.plans import PlanDraft
from planner.services import context
from planner.services.interop import ExportRequest

START = date(2026, 11, 2)
#: Wide enough to hold every occurrence of the demo plan.
FIRST_DAY, LAST_DAY = START - timedelta(days=7), START + timedelta(days=120)


def fill(path: Path, clock: FixedClock) -> None:
    """The demo plan, the first two weeks marked (with reflections), then closed cleanly."""
    services = context.open_services(path, clock)
    try:
        plan, _ = services.plans.seed_demo(
            PlanDraft(ProgramId("eleven-steps"), START, "Europe/Berlin", partner_name="Sam")
        )
        shown = services.calendar.occurrences(plan, START, START + timedelta(days=13))
        for index, occurrence in enumerate(shown):
            if index % 3 == 2:
                services.progress.mark(plan, occurrence, Status.SKIPPED)
            else:
                reflection = Reflection(f"Went fine ({index}).", 1 + index % 5, f"Lesson {index}")
                services.progress.mark(plan, occurrence, Status.DONE, reflection)
    finally:
        services.close()


def seen(services: context.Services) -> tuple[object, ...]:
    """What a person sees of the plan: every activity, occurrence, mark, step and lesson."""
    plan = services.plans.require()
    return (
        plan,
        services.interop.select_for_export(plan, ExportRequest()),
        services.calendar.occurrences(plan, FIRST_DAY, LAST_DAY),
        services.progress.steps(plan),
        services.progress.lessons(plan),
    )


def everything(path: Path, clock: FixedClock) -> tuple[object, ...]:
    """`seen` for the plan at `path`, opened (never created) and closed again."""
    services = context.open_services(path, clock, create=False)
    try:
        return seen(services)
    finally:
        services.close()


def bulk_calendar(count: int) -> bytes:
    """An .ics file with `count` one-off events, big enough to need new database pages."""
    events = "".join(
        "BEGIN:VEVENT\r\n"
        f"UID:bulk-{index}@example.org\r\n"
        "DTSTAMP:20261120T101500Z\r\n"
        f"DTSTART:202612{1 + index % 28:02d}T{8 + index % 10:02d}0000Z\r\n"
        f"DTEND:202612{1 + index % 28:02d}T{9 + index % 10:02d}0000Z\r\n"
        f"SUMMARY:Imported event {index}\r\n"
        f"DESCRIPTION:{'Some words to make the row longer. ' * 2}\r\n"
        "END:VEVENT\r\n"
        for index in range(count)
    )
    calendar = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//EN\r\n{events}END:VCALENDAR\r\n"
    return calendar.encode()


def integrity(path: Path) -> list[str]:
    """`PRAGMA integrity_check` and `foreign_key_check` (["ok"] when the file is sound)."""
    connection = sqlite3.connect(path)
    try:
        found = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    return found + [f"orphan row {row}" for row in orphans]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` with its bytes, to prove nothing was written or added."""
    return {item.name: item.read_bytes() for item in sorted(folder.iterdir()) if item.is_file()}
