"""How close to a bare window any app on Rekindle's stack can start: the floor under 1.3x.

Run: `python bench/startup_floor.py [--activities N] [--repeat K]`. Builds the big plan of
bench/views.py, then starts, taking turns, the bare window of bench/startup.py and three
stand-ins for Rekindle's first paint, each adding one thing to the one before:

- `window`: a main window with a menu bar (six menus of eight shortcuts), a toolbar, three
  docks with lists and a status bar, around a hand-painted month of 84 chips whose titles
  are read with plain `sqlite3`;
- `stack`: the same after importing peewee and dateutil, which the stack fixes;
- `services`: the same, reading the month's occurrences through Rekindle's services.

Prints `name: value` lines: the median milliseconds to the first paint and the ratio to the
bare window, for each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from startup import BARE, WATCH, timed  # bench/ is on sys.path when run as a script
from views import build_full

STAND_IN = (
    WATCH
    + """
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QDockWidget, QListWidget, QMainWindow, QToolBar, QWidget
import sqlite3

LEVEL = sys.argv[2]


class Month(QWidget):
    def __init__(self, titles):
        super().__init__()
        self.titles = titles

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = self.width() / 7, self.height() / 6
        font = QFont(self.font())
        font.setPointSizeF(8.5)
        painter.setFont(font)
        for cell in range(42):
            rect = QRectF((cell % 7) * width, (cell // 7) * height, width, height)
            painter.setPen(QPen(QColor("#e6e1dc")))
            painter.drawRect(rect)
            for lane, title in enumerate(self.titles[cell * 2 : cell * 2 + 2]):
                chip = QRectF(rect.x() + 2, rect.y() + 18 + lane * 16, width - 4, 14)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor("#cfe5d8"))
                painter.drawRoundedRect(chip, 3, 3)
                painter.setPen(QColor("#2f2d2b"))
                painter.drawText(chip, Qt.AlignmentFlag.AlignVCenter, title)


app = QApplication(sys.argv[:1])
if LEVEL in ("stack", "services"):
    import dateutil.rrule
    import peewee
if LEVEL == "services":
    from datetime import date, timedelta

    from planner.clock import SystemClock
    from planner.services import context

    services = context.open_services(sys.argv[1], SystemClock())
    plan = services.plans.require()
    first = date.today().replace(day=1) - timedelta(days=6)
    shown = services.calendar.occurrences(plan, first, first + timedelta(days=41))
    titles = [occurrence.title for occurrence in shown]
else:
    connection = sqlite3.connect(sys.argv[1])
    titles = [row[0] for row in connection.execute("SELECT title FROM activity LIMIT 84")]
window = QMainWindow()
window.setCentralWidget(Month(titles))
for name in ("&File", "&Edit", "&View", "&Go", "&Plan", "&Help"):
    menu = window.menuBar().addMenu(name)
    for number in range(8):
        action = QAction(f"Action {number}", window)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        menu.addAction(action)
toolbar = QToolBar()
window.addToolBar(toolbar)
for number in range(8):
    toolbar.addAction(f"Tool {number}")
for name in ("Steps", "Today", "Filters"):
    dock = QDockWidget(name)
    items = QListWidget()
    items.addItems([f"Item {number}" for number in range(11)])
    dock.setWidget(items)
    left = name == "Today"
    area = Qt.DockWidgetArea.LeftDockWidgetArea if left else Qt.DockWidgetArea.RightDockWidgetArea
    window.addDockWidget(area, dock)
window.statusBar().showMessage("Ready")
watch = Watch()
app.installEventFilter(watch)
window.resize(1240, 800)
window.show()
app.exec()
"""
)

LEVELS = ("window", "stack", "services")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "big.sqlite3"
        build_full(database, args.activities)
        programs = {"bare": [sys.executable, "-c", BARE]}
        for level in LEVELS:
            programs[level] = [sys.executable, "-c", STAND_IN, str(database), level]
        times: dict[str, list[float]] = {name: [] for name in programs}
        for argv in programs.values():  # warm the file cache first
            timed(argv, env)
        for _ in range(args.repeat):
            for name, argv in programs.items():
                times[name].append(timed(argv, env)[0])
    bare = statistics.median(times["bare"])
    print(f"bare_startup_ms: {bare:.0f}")
    for level in LEVELS:
        median = statistics.median(times[level])
        print(f"{level}_startup_ms: {median:.0f}")
        print(f"{level}_ratio: {median / bare:.2f}")


if __name__ == "__main__":
    main()
