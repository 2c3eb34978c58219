"""A question in a message box is read whole, on a large screen as on a small one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Shows a long question through `widgets.roomy`, with and without a second paragraph, and
#: prints, for each paragraph, whether all of its words have room.
_PROBE = """
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from planner.ui.widgets import roomy

app = QApplication([])
question = ("“Space period: no contact” began on Monday 14 December. Skipping it means none "
            "of its days count, the 15 days you have already kept included.")
for info in ("If the space is ending for you now, End It Today keeps those days.", ""):
    box = QMessageBox(QMessageBox.Icon.Question, "Skip the Whole Space Period?", question)
    roomy(box)
    box.setInformativeText(info)
    box.show()
    app.processEvents()
    for name in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
        label = box.findChild(QLabel, name)
        if label is None or not label.isVisible():
            continue
        if label.wordWrap():
            whole = label.height() >= label.heightForWidth(label.width())
        else:
            whole = label.width() >= label.sizeHint().width()
        print(name, "whole" if whole else "cut")
    box.close()
"""


@pytest.mark.parametrize("width", [800, 1366, 1920])
def test_a_long_question_is_shown_whole_on_any_screen(tmp_path: Path, width: int) -> None:
    """A new user's trial at 1920 x 1080: skipping a space period under way asked "…began
    on Monday 14 December." and no more; the sentence saying the kept days would no longer
    count was cut off, unwrapped (Qt wraps only past half the screen's width)."""
    screen = {"name": "screen", "x": 0, "y": 0, "width": width, "height": width * 9 // 16,
              "logicalDpiX": 96, "logicalDpiY": 96}  # fmt: skip
    screens = {"screens": [screen]}
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    shown = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True,
        timeout=60,
    ).stdout.split("\n")  # fmt: skip
    assert [line for line in shown if line] == [
        "qt_msgbox_label whole",
        "qt_msgbox_informativelabel whole",
        "qt_msgbox_label whole",
    ]
