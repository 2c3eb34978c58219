"""How soon an edit shows: moving one activity (one near today, one
planned days ahead) and marking one occurrence done, in the big plan of bench/views.py beside
the demo plan, in one run.

Run: `python bench/edits.py [--activities N] [--repeat K]`. Opens a real window on each plan
(offscreen unless QT_QPA_PLATFORM says otherwise), on the month, and takes turns: moves a
one-off activity a day on and back (as a drag or Move to Next Week does, through
MainWindow.move_occurrence; `move_later_*`: one 2 to 8 days ahead, whose move leaves the days
lived alone), and marks an occurrence done and planned again (Hub.mark). `series_asked_ms`:
a day of a series moved until the question of which days go is open (each answer is tried
first, so that one that would be refused is offered greyed); the question is then cancelled.
Prints `name: value` lines, medians in milliseconds: `*_drawn_ms` until the calendar in front
has painted the change, `*_done_ms` until every part of the window has taken it in (the side
panels, the status bar; the ranges read ahead afterwards are not counted), and the big plan's
ratio to the demo plan's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from interop import NOW  # bench/ is on sys.path when run as a script
from planner.clock import FixedClock
from planner.domain.categories import Category
from planner.domain.ids import ProgramId
from planner.domain.occurrences import Occurrence, Status
from planner.domain.plans import PlanDraft
from planner.services import context, demo
from views import _bind, build_full

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow
    from PySide6.QtWidgets import QDialog


def build_demo(path: Path) -> None:
    """The demo plan (`rekindle demo`), with its lived past, on the bench's day."""
    services = context.open_services(path, FixedClock(NOW))
    start = demo.default_start(NOW.date())
    services.seed_demo(PlanDraft(ProgramId("eleven-steps"), start, "Europe/Berlin"))
    services.close()


def _quiet(occurrence: Occurrence) -> bool:
    """Neither contact nor space: what most edits are (no pacing note opens)."""
    category = occurrence.activity.category
    return not category.involves_contact and category is not Category.SPACE


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    from planner.ui.application import setup_application
    from planner.ui.calendar.month_view import MonthView
    from planner.ui.main_window import MainWindow
    from PySide6.QtWidgets import QApplication

    painted: list[float] = []
    paint = MonthView.paintEvent

    def timed_paint(self: MonthView, event: object) -> None:
        paint(self, event)  # type: ignore[arg-type]
        painted.append(time.perf_counter())

    MonthView.paintEvent = timed_paint  # type: ignore[method-assign,assignment]

    app = QApplication(sys.argv)
    setup_application(app)
    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder) / "big.sqlite3", Path(folder) / "demo.sqlite3"
        build_full(big, args.activities)
        build_demo(small)
        windows: list[MainWindow] = []
        for path in (big, small):
            window = MainWindow(services=context.open_services(path, FixedClock(NOW)))
            window.resize(1400, 900)
            window.show()
            windows.append(window)
        app.processEvents()

        def shown(window: MainWindow) -> list[Occurrence]:
            first, last = window.month_view.visible_days
            return window.hub.occurrences(first, last)

        def timed_one(window: MainWindow, *, recurring: bool, days: range) -> Occurrence:
            """A quiet timed occurrence (of a series or not) `days` from today."""
            today = window.hub.today()
            return next(
                o for o in shown(window)
                if o.activity.recurring is recurring and isinstance(o.start, datetime)
                and _quiet(o) and (o.first_day(window.hub.plan.tz) - today).days in days
            )  # fmt: skip

        def moved_one(window: MainWindow) -> Occurrence:
            return timed_one(window, recurring=False, days=range(-6, 7))

        def later_one(window: MainWindow) -> Occurrence:
            """One planned days ahead: what planning the coming week moves."""
            return timed_one(window, recurring=False, days=range(2, 9))

        def series_one(window: MainWindow) -> Occurrence:
            return timed_one(window, recurring=True, days=range(9))

        def marked_one(window: MainWindow) -> Occurrence:
            today = window.hub.today()
            return next(
                o for o in shown(window)
                if o.status is Status.PLANNED and _quiet(o)
                and o.first_day(window.hub.plan.tz) <= today
            )  # fmt: skip

        def measure(window: MainWindow, act: object) -> tuple[float, float]:
            """(drawn, done) in ms for one call of `act`."""
            app.processEvents()
            painted.clear()
            began = time.perf_counter()
            act()  # type: ignore[operator]
            done = time.perf_counter()
            drawn = painted[0] if painted else done
            app.processEvents()
            return (drawn - began) * 1000, (done - began) * 1000

        figures: dict[str, list[list[float]]] = {
            name: [[] for _ in windows]
            for name in (
                "move_drawn",
                "move_done",
                "move_later_drawn",
                "move_later_done",
                "mark_drawn",
                "mark_done",
                "series_asked",
            )
        }
        targets = []
        for window in windows:
            _bind(window)
            targets.append(
                (moved_one(window).activity.uid, later_one(window).activity.uid, marked_one(window))
            )
        for n in range(args.repeat):
            for index, window in enumerate(windows):
                _bind(window)
                uid, later, mark = targets[index]
                days = timedelta(days=1 if n % 2 == 0 else -1)  # on and back again
                for name, moved in (("move", uid), ("move_later", later)):
                    occurrence = next(o for o in shown(window) if o.activity.uid == moved)
                    drawn, done = measure(
                        window,
                        lambda w=window, o=occurrence, d=days: w.move_occurrence(
                            o, o.start + d, o.end + d
                        ),
                    )
                    figures[f"{name}_drawn"][index].append(drawn)
                    figures[f"{name}_done"][index].append(done)
                status = Status.DONE if n % 2 == 0 else Status.PLANNED
                current = next(o for o in shown(window) if o.key == mark.key
                               and o.activity.uid == mark.activity.uid)  # fmt: skip
                drawn, done = measure(
                    window, lambda w=window, o=current, s=status: w.hub.mark(o, s)
                )
                figures["mark_drawn"][index].append(drawn)
                figures["mark_done"][index].append(done)
                series = series_one(window)
                asked: list[QDialog | None] = []
                _, done = measure(
                    window,
                    lambda w=window, o=series, a=asked: a.append(
                        w.move_occurrence(o, o.start + timedelta(days=1), o.end + timedelta(days=1))
                    ),
                )
                assert asked[0] is not None and asked[0].isVisible()
                asked[0].reject()
                figures["series_asked"][index].append(done)
        print(f"activities: {args.activities}")
        print(f"runs: {args.repeat}")
        for name, (big_times, small_times) in figures.items():
            big_ms, small_ms = statistics.median(big_times), statistics.median(small_times)
            print(f"{name}_ms: {big_ms:.0f}")
            print(f"{name}_demo_ms: {small_ms:.0f}")
            print(f"{name}_ratio: {big_ms / small_ms:.1f}")
        for window in windows:
            window.hub.services.close()


if __name__ == "__main__":
    main()
