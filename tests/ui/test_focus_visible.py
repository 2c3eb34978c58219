"""The keyboard alone: where it is shows (Rekindle's style sheet took Fusion's focus frame from
its buttons, the weekday toggles and side lists showed none), arrows choose a mood, and Enter
presses the window's buttons as a dialog's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from planner.ui import application
from planner.ui.dialogs.activity import ActivityDialog
from planner.ui.dialogs.reflection import ReflectionDialog
from planner.ui.hub import Hub
from planner.ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QMenu,
    QPushButton,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY
from tests.ui.test_pacing_ui import _message, _space


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    """Rekindle's own style sheet, as the app runs with it (then the tests' plain one again)."""
    sheet = qapp.styleSheet()
    application.setup_application(qapp)
    yield
    qapp.setStyleSheet(sheet)


def _looks(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def _focused_and_not(qtbot: QtBot, widget: QWidget, elsewhere: QWidget) -> tuple[QImage, QImage]:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    focused = _looks(widget)
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    return focused, _looks(widget)


@pytest.mark.usefixtures("styled")
def test_a_focused_button_and_weekday_toggle_look_focused(qtbot: QtBot, hub: Hub) -> None:
    dialog = ActivityDialog(hub=hub, day=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    frequency = dialog.repeat.frequency
    assert isinstance(frequency, QComboBox)
    frequency.setCurrentIndex(frequency.findText("Weekly"))
    toggle = dialog.repeat.day_buttons[4]
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")

    for widget in (toggle, cancel):
        qtbot.waitUntil(widget.isVisible)
        focused, unfocused = _focused_and_not(qtbot, widget, dialog.title)
        assert focused != unfocused, f"{widget.objectName() or widget.text()} shows no focus"
    # A chosen day with the keys on it: not only its 1 px edge (a keyboard-only trial saw
    # no difference), its whole face.
    monday = dialog.repeat.day_buttons[0]
    assert monday.isChecked()
    focused, unfocused = _focused_and_not(qtbot, monday, dialog.title)
    middle = (4, focused.height() // 2)
    assert focused.pixelColor(*middle) != unfocused.pixelColor(*middle)


def _first_mood_focused(qtbot: QtBot) -> tuple[ReflectionDialog, QAbstractButton]:
    dialog = ReflectionDialog(title="Evening journaling")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    first = dialog.moods.button(1)
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    return dialog, first


def test_the_arrow_keys_choose_a_mood_even_when_none_is_chosen_yet(qtbot: QtBot) -> None:
    dialog, first = _first_mood_focused(qtbot)
    assert dialog.moods.checkedId() == -1  # Tabbing in chooses nothing

    qtbot.keyClick(first, Qt.Key.Key_Right)
    qtbot.keyClick(dialog.moods.button(2), Qt.Key.Key_Right)

    assert dialog.moods.checkedId() == 3 and dialog.moods.button(3).hasFocus()
    qtbot.keyClick(dialog.moods.button(3), Qt.Key.Key_Left)
    assert dialog.moods.checkedId() == 2


def test_the_keypads_arrows_choose_a_mood_too(qtbot: QtBot) -> None:
    """macOS marks every arrow key as a keypad key (so do a keypad's own arrows)."""
    dialog, first = _first_mood_focused(qtbot)
    qtbot.keyClick(first, Qt.Key.Key_Right, Qt.KeyboardModifier.KeypadModifier)
    assert dialog.moods.checkedId() == 2


@pytest.mark.usefixtures("styled")
def test_a_menu_closed_with_escape_leaves_its_title_visibly_chosen(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """Alt+V, then Escape: the menu bar keeps the keys (Down opens View again) and shows it,
    with View marked; nothing looked focused at all."""
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    bar = main_window.menuBar()
    view = next(a for a in bar.actions() if a.text() == "&View")
    untouched = bar.grab(bar.actionGeometry(view)).toImage()
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)

    assert bar.activeAction() is view
    marked = bar.grab(bar.actionGeometry(view)).toImage()
    corner = (2, 2)  # the title's background, beside its letters
    assert marked.pixelColor(*corner) != untouched.pixelColor(*corner)


def test_the_reflections_fields_have_their_letters(qtbot: QtBot) -> None:
    """Alt+H and Alt+L reach what to write; choosing a mood stays a choice of its own."""
    dialog, _first = _first_mood_focused(qtbot)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert dialog.learned.hasFocus()
    qtbot.keyClick(dialog.learned, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert dialog.text.hasFocus()
    assert dialog.moods.checkedId() == -1


def test_enter_presses_a_focused_button_of_the_message_bar(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    pressed: list[str] = []
    main_window.message_bar.show_message(
        "A step reached", [("See It", lambda: pressed.append("see"))]
    )
    (button,) = main_window.message_bar.buttons
    qtbot.waitUntil(main_window.isActiveWindow)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)

    qtbot.keyClick(button, Qt.Key.Key_Return)

    assert pressed == ["see"]
    assert not main_window.message_bar.isVisible()


def test_every_push_button_outside_a_dialog_is_one_enter_presses(main_window: MainWindow) -> None:
    """Qt presses a focused QPushButton on Enter only when it is auto-default, which only a
    dialog's are unless asked: each of the window's is made by `widgets.push_button` (the
    keys themselves are tried in each panel's tests)."""
    main_window.show_progress()  # built when first shown
    main_window.message_bar.show_message("A step reached", [("See It", lambda: None)])
    buttons = [b for b in main_window.findChildren(QPushButton) if b.window() is main_window]

    assert len(buttons) >= 9  # Today's five, the page's two, Show All, the message bar's
    assert [b.objectName() for b in buttons if not b.autoDefault()] == []


def test_tooltips_wear_the_apps_colours_not_the_systems_yellow(qtbot: QtBot, styled: None) -> None:
    """A trial: the chips' tooltips came in the plain yellow box, against a warm white app."""
    anchor = QLabel("Walk")
    qtbot.addWidget(anchor)
    anchor.show()
    qtbot.waitExposed(anchor)
    QToolTip.showText(anchor.mapToGlobal(anchor.rect().center()), "Walk in the woods", anchor)
    qtbot.waitUntil(QToolTip.isVisible)
    tip = next(w for w in QApplication.topLevelWidgets()
               if w.objectName() == "qtooltip_label" and w.isVisible())  # fmt: skip
    colour = tip.grab().toImage().pixelColor(tip.width() // 2, 2)
    QToolTip.hideText()
    assert colour.name() == "#ffffff", colour.name()


@pytest.mark.usefixtures("styled")
def test_the_pacing_list_looks_focused_with_the_keys_on_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A regression trial brought Pacing forward from the View menu: the keys were in its
    list, and nothing showed it."""
    _space(main_window)
    _message(main_window, date(2026, 11, 26))
    dock = main_window.findChild(QDockWidget, "pacing_dock")
    assert isinstance(dock, QDockWidget)
    dock.raise_()
    panel = main_window.pacing_panel
    qtbot.waitUntil(lambda: bool(panel.model.rows()) and panel.list.isVisible())
    focused, unfocused = _focused_and_not(qtbot, panel.list, main_window.month_view)
    assert focused != unfocused
