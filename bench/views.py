"""Week and month switches on 10,000 activities, beside the same switches on an empty plan.

Run: `python bench/views.py [--activities N] [--switches K]` (QT_QPA_PLATFORM=offscreen is
set unless you chose a platform). Builds, in a temporary folder, a plan with N activities over
three years (a tenth weekly series with exceptions and changed instances, all-day space
periods, every category, some marked done or skipped) and a plan with no activities; opens the
real window on each and times K presses of "Next" in the week view and in the month view,
each including a synchronous repaint of the view. The two windows take turns switch by switch,
so both share the machine's load. Between two presses the event loop runs, as it does while a
person looks at a week: that is when a view reads the ranges either side of it, so a switch
finds the next range ready. The `*_jump_*` figures go instead to a range three weeks (or two
months) on, one nobody read ahead: what paging faster than that reading, or jumping to a search
result, costs. `agenda_reload_*` times the agenda reading its first eight weeks again after a
change, with its pacing hints, beside the same read of the occurrences alone. Prints
`name: value` lines: medians in milliseconds, the ratios to the empty plan the issue sets a
target for (1.5x), and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from interop import NOW, START, seeded  # bench/ is on sys.path when run as a script
from planner.clock import FixedClock
from planner.domain.completions import Completion
from planner.domain.ids import ProgramId
from planner.domain.occurrences import Status
from planner.domain.plans import PlanDraft
from planner.services import context
from planner.storage import db as storage_db
from planner.storage.repositories import CompletionRepository

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow

#: Where the switches begin: inside the three years of activities, so every week is full.
WEEKS_FROM = date(2027, 1, 4)
MONTHS_FROM = date(2026, 2, 1)


def build_full(path: Path, count: int) -> None:
    """The big plan, with every fifth occurrence of its first year marked (done or skipped)."""
    services = seeded(path, count)
    plan = services.plans.require()
    year = services.calendar.occurrences(plan, START, START + timedelta(days=365))
    marks = [
        Completion(
            uid=o.activity.uid,
            recurrence_id=o.key,
            status=Status.DONE if n % 2 else Status.SKIPPED,
            marked_at=NOW,
        )
        for n, o in enumerate(year[::5])
    ]
    with storage_db.transaction(services._db):
        repository = CompletionRepository()
        for mark in marks:
            repository.set(mark)
    services.close()


def build_empty(path: Path) -> None:
    services = context.open_services(path, FixedClock(NOW))
    services.plans.create(PlanDraft(ProgramId("eleven-steps"), START, "Europe/Berlin"))
    services.close()


def _bind(window: MainWindow) -> None:
    """Point the storage layer's one database proxy at this window's file (untimed).

    The app opens one file per process; the bench keeps two open so they can take turns.
    """
    storage_db.database.initialize(window.hub.services._db)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--switches", type=int, default=30)
    args = parser.parse_args()

    from planner.ui.application import setup_application
    from planner.ui.main_window import MainWindow
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv)
    setup_application(app)
    with tempfile.TemporaryDirectory() as folder:
        full_path, empty_path = Path(folder) / "full.sqlite3", Path(folder) / "empty.sqlite3"
        build_full(full_path, args.activities)
        build_empty(empty_path)
        windows = []
        for path in (full_path, empty_path):
            window = MainWindow(services=context.open_services(path, FixedClock(NOW)))
            window.show()
            windows.append(window)
        app.processEvents()

        def switches(
            view_of: Callable[[MainWindow], QWidget], start: date, show: str
        ) -> list[list[float]]:
            """Milliseconds of each Next (with repaint) per window, taking turns."""
            for window in windows:
                _bind(window)
                getattr(window, show)()
                view_of(window).go_to(start)  # type: ignore[attr-defined]
                app.processEvents()
            times: list[list[float]] = [[] for _ in windows]
            for _ in range(args.switches):
                for window, found in zip(windows, times, strict=True):
                    view = view_of(window)
                    _bind(window)
                    began = time.perf_counter()
                    window.next_action.trigger()
                    view.repaint()
                    found.append((time.perf_counter() - began) * 1000)
                    app.processEvents()
            return times

        def jumps(
            view_of: Callable[[MainWindow], QWidget], start: date, stride: relativedelta
        ) -> list[list[float]]:
            """Milliseconds of each jump (with repaint) to a range not read ahead, per window;
            the jumps stay inside the three years of activities."""
            times: list[list[float]] = [[] for _ in windows]
            for n in range(1, args.switches + 1):
                for window, found in zip(windows, times, strict=True):
                    view = view_of(window)
                    _bind(window)
                    day = start + stride * n
                    while day > START + timedelta(days=3 * 365 - 60):
                        day -= timedelta(days=2 * 365)
                    began = time.perf_counter()
                    view.go_to(day)  # type: ignore[attr-defined]
                    view.repaint()
                    found.append((time.perf_counter() - began) * 1000)
                    app.processEvents()
            return times

        week_full, week_empty = switches(lambda w: w.week_view, WEEKS_FROM, "show_week")
        week_jump, week_jump_empty = jumps(
            lambda w: w.week_view, WEEKS_FROM, relativedelta(weeks=3)
        )
        month_full, month_empty = switches(lambda w: w.month_view, MONTHS_FROM, "show_calendar")
        month_jump, month_jump_empty = jumps(
            lambda w: w.month_view, MONTHS_FROM, relativedelta(months=2)
        )

        def agenda_reloads(flagged: bool) -> list[list[float]]:
            """Milliseconds of the agenda reading its first weeks again after a change (with
            repaint), per window; not `flagged`: read without the pacing hints (the
            occurrences alone), the baseline for what the hints cost."""
            times: list[list[float]] = [[] for _ in windows]
            for window in windows:
                _bind(window)
                window.show_agenda()
                app.processEvents()
            for _ in range(args.switches // 3):
                for window, found in zip(windows, times, strict=True):
                    model = window.agenda_view.agenda
                    loader = model._loader
                    if not flagged:
                        model._loader = window.hub.occurrences
                    _bind(window)
                    began = time.perf_counter()
                    model.reload()
                    window.agenda_view.repaint()
                    found.append((time.perf_counter() - began) * 1000)
                    model._loader = loader
                    app.processEvents()
            return times

        agenda_full, agenda_empty = agenda_reloads(flagged=True)
        agenda_plain, _ = agenda_reloads(flagged=False)
        for window in windows:
            _bind(window)
            window.hub.services.close()
            window.deleteLater()
        app.processEvents()

    week, week_base = statistics.median(week_full), statistics.median(week_empty)
    month, month_base = statistics.median(month_full), statistics.median(month_empty)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"activities: {args.activities}")
    print(f"switches: {args.switches}")
    print(f"week_switch_ms: {week:.1f}")
    print(f"week_switch_empty_ms: {week_base:.1f}")
    print(f"week_switch_ratio: {week / week_base:.2f}")
    print(f"week_switch_max_ms: {max(week_full):.1f}")
    print(f"month_switch_ms: {month:.1f}")
    print(f"month_switch_empty_ms: {month_base:.1f}")
    print(f"month_switch_ratio: {month / month_base:.2f}")
    print(f"month_switch_max_ms: {max(month_full):.1f}")
    print(f"week_jump_ms: {statistics.median(week_jump):.1f}")
    print(f"week_jump_empty_ms: {statistics.median(week_jump_empty):.1f}")
    print(f"month_jump_ms: {statistics.median(month_jump):.1f}")
    print(f"month_jump_empty_ms: {statistics.median(month_jump_empty):.1f}")
    agenda = statistics.median(agenda_full)
    print(f"agenda_reload_ms: {agenda:.1f}")
    print(f"agenda_reload_empty_ms: {statistics.median(agenda_empty):.1f}")
    print(f"agenda_reload_without_hints_ms: {statistics.median(agenda_plain):.1f}")
    print(f"agenda_hints_ratio: {agenda / statistics.median(agenda_plain):.2f}")
    print(f"rss_mb: {peak:.0f}")


if __name__ == "__main__":
    main()
