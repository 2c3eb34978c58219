"""REKINDLE_EXIT_AFTER_FIRST_PAINT: how bench/startup.py learns the window has painted."""

from __future__ import annotations

import sys

import pytest
from planner.ui import application
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_the_hook_says_first_paint_once_painted_then_ends_the_process(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    exits: list[int] = []
    monkeypatch.setattr(application.os, "_exit", exits.append)  # the real one ends pytest too
    view = QLabel("A week")
    qtbot.addWidget(view)
    application._ExitAfterFirstPaint(view)
    assert capsys.readouterr().out == ""  # nothing before the view paints

    view.show()
    qtbot.waitUntil(lambda: bool(exits))

    printed = capsys.readouterr()
    assert printed.out == "first_paint\n"
    if sys.platform != "win32":  # the peak memory at that moment, for the bench to compare
        assert printed.err.startswith("peak_kb ") and int(printed.err.split()[1]) > 0
    view.repaint()
    QCoreApplication.processEvents()
    assert exits == [0]  # once only, before any work deferred until after the paint
