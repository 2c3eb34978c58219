"""A dark desktop: Windows or KDE in dark mode hands Qt a palette with light text, while
Rekindle draws light surfaces. Text must stay dark on them (it had gone white on white)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from planner.ui import application
from planner.ui.main_window import MainWindow
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

#: What a dark desktop's theme gives every Qt app before it sets anything itself.
_DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#eeeeee",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.Text: "#eeeeee",
    QPalette.ColorRole.Button: "#3a3a3a",
    QPalette.ColorRole.ButtonText: "#eeeeee",
    QPalette.ColorRole.ToolTipBase: "#333333",
    QPalette.ColorRole.ToolTipText: "#eeeeee",
}


@pytest.fixture
def dark_desktop(qapp: QApplication) -> Iterator[None]:
    """The desktop's dark palette, then Rekindle's set-up, as `rekindle` starts on it."""
    sheet, before, icon = qapp.styleSheet(), qapp.palette(), qapp.windowIcon()
    dark = QPalette(before)
    for role, colour in _DARK.items():
        dark.setColor(role, QColor(colour))
    qapp.setPalette(dark)
    application.setup_application(qapp)
    yield
    qapp.setStyleSheet(sheet)  # as the other tests run: what set-up set, put back
    qapp.setPalette(before)
    qapp.setWindowIcon(icon)
    hints = qapp.styleHints()
    if hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()


def _darkest(widget: QWidget) -> int:
    """The lowest lightness (0-255) of any pixel the widget paints: its text, when it has any."""
    image = widget.grab().toImage()
    return min(
        image.pixelColor(x, y).lightness()
        for x in range(image.width())
        for y in range(image.height())
    )


@pytest.mark.usefixtures("dark_desktop")
def test_text_stays_dark_on_rekindles_light_surfaces(main_window: MainWindow) -> None:
    reach_out = main_window.today_panel.reach_out_button  # white button, text from the palette
    guidance = main_window.steps_panel.details.viewport()  # white page, text from the palette
    assert reach_out.isVisible() and guidance.isVisible()
    assert _darkest(reach_out) < 90, "the button's words vanished on its white face"
    assert _darkest(guidance) < 90, "the step's guidance vanished on its white page"
