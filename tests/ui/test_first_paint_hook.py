"""REKINDLE_EXIT_AFTER_FIRST_PAINT: how bench/startup.py learns the window has painted."""

from __future__ import annotations

import pytest
from planner.ui import application
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_the_hook_says_first_paint_once_painted_then_quits(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    quits: list[bool] = []
    monkeypatch.setattr(QCoreApplication, "quit", lambda: quits.append(True))
    view = QLabel("A week")
    qtbot.addWidget(view)
    application._ExitAfterFirstPaint(view)
    assert capsys.readouterr().out == ""  # nothing before the view paints

    view.show()
    qtbot.waitUntil(lambda: bool(quits))

    assert capsys.readouterr().out == "first_paint\n"
    view.repaint()
    QCoreApplication.processEvents()
    assert quits == [True]  # once only
