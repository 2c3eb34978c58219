"""Start-up: the first-paint hook bench/startup.py relies on, and the application's set-up."""

from __future__ import annotations

import sys

import pytest
from planner.ui import application
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QProxyStyle, QStyle
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


def test_dialog_buttons_carry_no_stock_icons_even_where_the_desktop_theme_adds_them(
    qtbot: QtBot,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet = app.styleSheet()

    class IconsOnButtons(QProxyStyle):  # as on desktops whose theme puts icons on buttons
        def styleHint(self, hint, option=None, widget=None, returnData=None):  # type: ignore[no-untyped-def]  # noqa: N803
            if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
                return 1
            return super().styleHint(hint, option, widget, returnData)

    try:
        application.setup_application(app)  # Rekindle's style and style sheet
        app.setStyle(IconsOnButtons("Fusion"))  # the sheet stays over whichever style is below
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        qtbot.addWidget(box)
        box.show()
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None and cancel.icon().isNull()
        assert box.button(QDialogButtonBox.StandardButton.Ok).icon().isNull()  # type: ignore[union-attr]
    finally:
        app.setStyleSheet(sheet)
        app.setStyle("Fusion")
