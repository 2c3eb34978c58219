"""Start-up of `rekindle --db` on 10,000 activities, beside a bare PySide6 calendar window.

Run: `python bench/startup.py [--activities N] [--repeat K]`. Builds the big plan of
bench/views.py in a temporary folder, then starts, K times each and taking turns, a real
`python -m planner --db FILE` with REKINDLE_EXIT_AFTER_FIRST_PAINT=1 (the app prints
`first_paint` once its first view has painted, then quits) and a bare QMainWindow holding a
QCalendarWidget that does the same. Times run from just before the process is spawned to the
moment its `first_paint` line arrives, so both include starting Python and importing Qt.
A third program, the bare window after importing peewee and dateutil, shows what the fixed
stack alone adds. Rekindle is also started reopening on the week (the view it was left on),
the figure for someone who plans in the week. Prints `name: value` lines: medians in
milliseconds, their ratios to the bare window (the issue's target: 1.3x), peak RSS of each
child (ours at its first paint, printed by the hook), and how long the daily backup of that
file takes on its own. Rekindle's bytecode is compiled first, as an install has it.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import planner
from planner.storage import backups
from views import build_full  # bench/ is on sys.path when run as a script

#: Prints `first_paint` once any part of the window has painted, then quits (installed on
#: the application: the window's children cover it). Shared by every stand-in program.
WATCH = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False

def done():
    print("first_paint", flush=True)
    QApplication.quit()
"""

BARE = (
    WATCH
    + """
from PySide6.QtWidgets import QCalendarWidget, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
calendar = QCalendarWidget()
window.setCentralWidget(calendar)
watch = Watch()
app.installEventFilter(watch)
window.resize(1240, 800)
window.show()
app.exec()
"""
)

#: The bare window, importing first the libraries Rekindle's stack fixes (peewee for storage,
#: dateutil for recurrence): what any app on this stack pays before its own code runs.
STACK = "import peewee, dateutil.rrule\n" + BARE

#: Prints the child's peak RSS (KiB) on stderr when it ends, whichever program it ran.
PEAK = (
    "import atexit, resource, sys; atexit.register(lambda: print("
    "'peak_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))"
)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds from spawn to `first_paint`, and the child's peak RSS in MB."""
    began = time.perf_counter()
    child = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    watchdog = threading.Timer(120, child.kill)  # a child that never paints must not hang us
    watchdog.start()
    for line in child.stdout:
        if line.strip() == "first_paint":
            elapsed = (time.perf_counter() - began) * 1000
            break
    else:
        raise SystemExit(f"{argv} ended without painting: {child.stderr and child.stderr.read()}")
    _, errors = child.communicate(timeout=60)
    watchdog.cancel()
    peak = next(
        (int(line.split()[1]) for line in errors.splitlines() if line.startswith("peak_kb")), 0
    )
    return elapsed, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        database = home / "big.sqlite3"
        build_full(database, args.activities)
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.update(
            REKINDLE_EXIT_AFTER_FIRST_PAINT="1",
            XDG_DATA_HOME=str(home / "data"),  # backups and settings stay in the temp folder
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_RUNTIME_DIR=str(home / "runtime"),
        )
        (home / "runtime").mkdir(mode=0o700)
        # The same, with settings saying the window was last closed on the week.
        week_env = dict(env, XDG_CONFIG_HOME=str(home / "config-week"))
        (home / "config-week" / "Rekindle").mkdir(parents=True)
        (home / "config-week" / "Rekindle" / "Rekindle.conf").write_text("[window]\nview=week\n")
        # A person's install has its bytecode: pip writes it for the libraries, and Python
        # caches it for an editable install on the first start. A shell may forbid writing it
        # (PYTHONDONTWRITEBYTECODE, as on the development machine), so it is written here
        # once; otherwise every start would compile all of Rekindle's modules again.
        compileall.compile_dir(Path(planner.__file__).parent, quiet=1)
        ours = [sys.executable, "-c", f"{PEAK}; from planner.app import main; sys.exit(main())",
                "--db", str(database)]  # fmt: skip
        bare = [sys.executable, "-c", f"{PEAK}\n{BARE}"]
        stack = [sys.executable, "-c", f"{PEAK}\n{STACK}"]
        app_ms: list[float] = []
        week_ms: list[float] = []
        bare_ms: list[float] = []
        stack_ms: list[float] = []
        app_mb: list[float] = []
        bare_mb: list[float] = []
        unused_mb: list[float] = []
        runs = (
            (ours, env, app_ms, app_mb),
            (ours, week_env, week_ms, unused_mb),
            (bare, env, bare_ms, bare_mb),
            (stack, env, stack_ms, unused_mb),
        )
        for argv, argv_env, _times, _peaks in runs:
            timed(argv, argv_env)  # warm the file cache (and take the day's backup) first
        for _ in range(args.repeat):
            for argv, argv_env, times, peaks in runs:
                elapsed, peak = timed(argv, argv_env)
                times.append(elapsed)
                peaks.append(peak)
        backup_ms = []
        for n in range(3):
            began = time.perf_counter()
            backups.copy_database(database, home / f"copy-{n}.sqlite3")
            backup_ms.append((time.perf_counter() - began) * 1000)
        size_mb = database.stat().st_size / 1e6

    startup, baseline = statistics.median(app_ms), statistics.median(bare_ms)
    print(f"activities: {args.activities}")
    print(f"runs: {args.repeat}")
    print(f"file_mb: {size_mb:.1f}")
    print(f"startup_ms: {startup:.0f}")
    print(f"bare_startup_ms: {baseline:.0f}")
    print(f"startup_ratio: {startup / baseline:.2f}")
    print(f"stack_startup_ms: {statistics.median(stack_ms):.0f}")
    print(f"stack_ratio: {statistics.median(stack_ms) / baseline:.2f}")
    print(f"startup_week_ms: {statistics.median(week_ms):.0f}")
    print(f"startup_week_ratio: {statistics.median(week_ms) / baseline:.2f}")
    print(f"startup_rss_mb: {max(app_mb):.0f}")
    print(f"bare_rss_mb: {max(bare_mb):.0f}")
    print(f"rss_ratio: {max(app_mb) / max(bare_mb):.2f}")
    print(f"daily_backup_ms: {statistics.median(backup_ms):.0f}")


if __name__ == "__main__":
    main()
