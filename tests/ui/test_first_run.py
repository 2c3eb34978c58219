"""The welcome dialog, and the start sequence that shows it when a file has no plan."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from planner.domain.ids import ProgramId
from planner.domain.plans import PlanDraft
from planner.errors import InvalidInputError
from planner.services import context, programs
from planner.services.context import Services
from planner.ui import application, confirm
from planner.ui.dialogs import first_run
from planner.ui.dialogs.first_run import FirstRunDialog
from planner.ui.failures_said import FailuresSaid
from planner.ui.main_window import MainWindow
from planner.ui.single_instance import Claim, SingleInstance
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QPushButton,
    QRadioButton,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY, access_keys


@pytest.fixture
def dialog(qtbot: QtBot) -> FirstRunDialog:
    shown = FirstRunDialog(programs=programs.builtin_programs(), today=TODAY, zone="Europe/Berlin")
    qtbot.addWidget(shown)
    shown.open()
    qtbot.waitExposed(shown)
    return shown


def _radio(dialog: FirstRunDialog, program_id: str) -> QRadioButton:
    button = dialog.findChild(QRadioButton, f"program_{program_id}")
    assert isinstance(button, QRadioButton)
    return button


def _click_radio(qtbot: QtBot, button: QRadioButton) -> None:
    """Click on the indicator, where a person clicks (the button is wider than its label)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def _button(dialog: FirstRunDialog, name: str) -> QPushButton:
    button = dialog.findChild(QPushButton, name)
    assert isinstance(button, QPushButton)
    return button


def _type_zone(qtbot: QtBot, dialog: FirstRunDialog, text: str) -> None:
    editor = dialog.zone.lineEdit()
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    popup = dialog.zone.completer().popup()
    if popup.isVisible():
        popup.hide()


# -- the dialog ------------------------------------------------------------------------------


def test_defaults(dialog: FirstRunDialog) -> None:
    assert dialog.windowTitle() == "Welcome to Rekindle"
    assert _radio(dialog, "eleven-steps").isChecked()
    assert not _radio(dialog, "five-steps").isChecked()
    assert _radio(dialog, "five-steps").text() == "&Five gentle steps (5 steps)"
    assert _radio(dialog, "eleven-steps").text() == "&Eleven steps to reconnect (11 steps)"
    assert dialog.selected_program() == "eleven-steps"
    assert dialog.start.date() == QDate(2026, 11, 23)
    assert dialog.zone.currentText() == "Europe/Berlin"
    assert dialog.partner.text() == ""
    assert not dialog.findChild(QLabel, "error").isVisible()
    assert dialog.choice is None


def test_every_choice_of_the_welcome_has_a_letter_of_its_own(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    """A trial: the welcome had no underlined letters at all."""
    texts = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    keys = access_keys(texts)
    assert len(keys) >= 7 and len(keys) == len(set(keys)), texts
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(_radio(dialog, "five-steps").isChecked)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.partner


def test_start_my_plan_with_the_five_step_program(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    _click_radio(qtbot, _radio(dialog, "five-steps"))
    assert dialog.selected_program() == "five-steps"
    qtbot.keyClicks(dialog.partner, " Sam ")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(_button(dialog, "start_plan"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice is not None
    assert not dialog.choice.demo
    assert dialog.choice.draft == PlanDraft(
        ProgramId("five-steps"), date(2026, 11, 23), "Europe/Berlin", "Sam"
    )


def test_demo_button_asks_for_a_demo_plan(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(_button(dialog, "demo"), Qt.MouseButton.LeftButton)
    assert dialog.choice is not None
    assert dialog.choice.demo
    assert dialog.choice.draft == PlanDraft(
        ProgramId("eleven-steps"), date(2026, 11, 23), "Europe/Berlin", None
    )


def test_a_later_start_and_another_zone(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    dialog.start.setDate(QDate(2026, 12, 1))
    _type_zone(qtbot, dialog, "America/New_York")
    qtbot.mouseClick(_button(dialog, "start_plan"), Qt.MouseButton.LeftButton)
    assert dialog.choice is not None
    assert dialog.choice.draft.start == date(2026, 12, 1)
    assert dialog.choice.draft.zone == "America/New_York"


def test_the_zone_list_offers_cities_not_old_aliases_which_still_work_typed(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    offered = [dialog.zone.itemText(row) for row in range(dialog.zone.count())]
    assert "America/New_York" in offered and "UTC" in offered
    assert "US/Eastern" not in offered and "EST5EDT" not in offered
    _type_zone(qtbot, dialog, "US/Eastern")  # typed by someone who knows it
    qtbot.mouseClick(_button(dialog, "start_plan"), Qt.MouseButton.LeftButton)
    assert dialog.choice is not None and dialog.choice.draft.zone == "US/Eastern"


def test_an_unknown_zone_shows_an_error_and_keeps_the_dialog_open(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    _type_zone(qtbot, dialog, "Mars/Olympus_Mons")
    with qtbot.assertNotEmitted(dialog.accepted):
        qtbot.mouseClick(_button(dialog, "start_plan"), Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "error")
    assert error.isVisible()
    assert "Mars/Olympus_Mons" in error.text()
    assert "not a time zone" in error.text()
    assert dialog.isVisible()
    assert dialog.choice is None

    # The demo button checks the zone too.
    qtbot.mouseClick(_button(dialog, "demo"), Qt.MouseButton.LeftButton)
    assert dialog.choice is None

    _type_zone(qtbot, dialog, "Europe/Paris")
    qtbot.mouseClick(_button(dialog, "start_plan"), Qt.MouseButton.LeftButton)
    assert dialog.choice is not None
    assert dialog.choice.draft.zone == "Europe/Paris"


def test_an_empty_zone_is_refused(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    dialog.zone.lineEdit().clear()
    qtbot.mouseClick(_button(dialog, "start_plan"), Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert dialog.choice is None


def test_cancel_leaves_no_choice(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.choice is None


def test_enter_starts_the_plan(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    qtbot.keyClicks(dialog.partner, "Alex")
    qtbot.keyClick(dialog.partner, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice is not None
    assert not dialog.choice.demo
    assert dialog.choice.draft.partner_name == "Alex"


def test_enter_starts_the_plan_after_tabbing_through_every_button(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    """Someone reading everything with Tab before pressing Enter: the demo button, passed on
    the way, must not stay the one Enter presses."""
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.partner.setFocus()
    for _ in range(12):  # the buttons, round to the fields again
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is dialog.partner:
            break
    assert QApplication.focusWidget() is dialog.partner
    assert not dialog.demo_button.isDefault() and dialog.start_button.isDefault()
    qtbot.keyClick(dialog.partner, Qt.Key.Key_Return)
    assert dialog.choice is not None and not dialog.choice.demo


def test_the_welcome_opens_on_the_program_already_chosen(dialog: FirstRunDialog) -> None:
    """Focus on the chosen program, not on the other one, where Space would change it."""
    checked = dialog.program_group.checkedButton()
    assert checked is not None and checked.hasFocus()


# -- ensure_plan -----------------------------------------------------------------------------


def _scripted_dialog(button: str | None) -> type[FirstRunDialog]:
    """A FirstRunDialog whose real exec() loop sees `button` clicked (or Escape pressed)."""

    class Scripted(FirstRunDialog):
        shown: list[Scripted] = []  # noqa: RUF012 - a record for the test, not shared state

        def exec(self) -> int:
            Scripted.shown.append(self)
            if button is None:
                QTimer.singleShot(0, self.reject)
            else:
                QTimer.singleShot(0, self.findChild(QPushButton, button).click)
            return super().exec()

    return Scripted


@pytest.fixture
def berlin_system_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(application, "system_zone_name", lambda: "Europe/Berlin")


@pytest.mark.usefixtures("qapp", "berlin_system_zone")
def test_ensure_plan_seeds_the_demo_when_asked(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripted = _scripted_dialog("demo")
    monkeypatch.setattr(first_run, "FirstRunDialog", scripted)
    assert application.ensure_plan(services)
    assert len(scripted.shown) == 1
    assert scripted.shown[0].start.date() == QDate(2026, 11, 23)
    plan = services.plans.current()
    assert plan is not None
    assert plan.program_id == "eleven-steps"
    assert plan.zone == "Europe/Berlin"
    shown = services.calendar.occurrences(plan, TODAY - timedelta(days=30), TODAY + timedelta(30))
    assert shown


@pytest.mark.usefixtures("qapp", "berlin_system_zone")
def test_ensure_plan_starts_an_empty_plan(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_run, "FirstRunDialog", _scripted_dialog("start_plan"))
    assert application.ensure_plan(services)
    plan = services.plans.current()
    assert plan is not None
    assert plan.current_step == 1
    assert plan.start == TODAY
    assert services.calendar.occurrences(plan, date(2026, 1, 1), date(2027, 12, 31)) == []


@pytest.mark.usefixtures("qapp", "berlin_system_zone")
def test_ensure_plan_is_false_when_the_welcome_is_closed(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_run, "FirstRunDialog", _scripted_dialog(None))
    assert not application.ensure_plan(services)
    assert services.plans.current() is None


@pytest.mark.usefixtures("qapp", "berlin_system_zone")
def test_a_first_welcome_says_its_way_out_quits(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial pressed Cancel on the first welcome and took the app gone for a crash: with
    no plan yet, the button says Quit."""
    scripted = _scripted_dialog("leave")
    monkeypatch.setattr(first_run, "FirstRunDialog", scripted)
    assert not application.ensure_plan(services)
    assert scripted.shown[-1].leave_button.text() == "&Quit"
    assert services.plans.current() is None


@pytest.mark.usefixtures("qapp", "berlin_system_zone")
def test_leaving_the_demo_the_welcome_can_be_cancelled(
    demo_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Leaving the demo, the way out stays Cancel: the demo stays; and the demo is not
    offered again (a re-trial)."""
    scripted = _scripted_dialog("leave")
    monkeypatch.setattr(first_run, "FirstRunDialog", scripted)
    assert application.ensure_plan(demo_services, over_demo=True)
    assert scripted.shown[-1].leave_button.text() == "Cancel"
    assert scripted.shown[-1].demo_button.isHidden()  # not offered from inside it
    current = demo_services.plans.current()
    assert current is not None and current.is_demo


@pytest.mark.usefixtures("qapp")
def test_ensure_plan_does_not_ask_when_a_plan_exists(
    plan_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripted = _scripted_dialog("demo")
    monkeypatch.setattr(first_run, "FirstRunDialog", scripted)
    assert application.ensure_plan(plan_services)
    assert scripted.shown == []


# -- leaving the demo for one's own plan -------------------------------------------------------


@pytest.mark.usefixtures("berlin_system_zone")
@pytest.mark.parametrize("chosen", ["start_plan", None])
def test_the_demo_gives_way_to_a_plan_of_ones_own_in_the_same_file(
    qtbot: QtBot,
    qapp: QApplication,
    demo_services: Services,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chosen: str | None,
) -> None:
    """After "Explore a Demo Plan" nothing in the app started one's own plan: Plan > Start My
    Own Plan opens the welcome again on the same file, and the plan chosen there replaces
    the demo; closed without a choice, the demo stays."""
    monkeypatch.setattr(confirm, "ask", lambda *_args, **_kwargs: True)
    monkeypatch.setattr(application, "system_zone_name", lambda: "Asia/Tokyo")
    scripted = _scripted_dialog(chosen)
    monkeypatch.setattr(first_run, "FirstRunDialog", scripted)
    instance = SingleInstance(database=db_path)
    assert instance.claim() == Claim.OWNED
    opened = application.OpenedPlan(
        services=demo_services, path=db_path, created=False, note="", instance=instance
    )
    windows: list[MainWindow] = []
    own: list[bool] = []  # whether the second window offered to leave a demo

    def leave_the_demo(window: MainWindow) -> None:
        assert window.own_plan_action.isVisible()
        assert window.own_plan_action in window.menuBar().actions()[2].menu().actions()
        window.own_plan_action.trigger()

    def then_close(window: MainWindow) -> None:
        own.append(window.own_plan_action.isVisible())
        window.quit()

    shown_settled = application.after_first_paint

    def settled(window: MainWindow, services: Services, note: str) -> None:
        """Each window, once painted: the first leaves the demo, the second closes."""
        shown_settled(window, services, note)
        windows.append(window)
        act = leave_the_demo if len(windows) == 1 else then_close
        QTimer.singleShot(0, lambda: act(window))

    monkeypatch.setattr(application, "after_first_paint", settled)
    try:
        assert application._run_window(qapp, opened, FailuresSaid()) == 0
    finally:
        instance.release()

    assert len(scripted.shown) == 1  # the welcome, in the demo's zone (not the computer's)
    assert scripted.shown[0].zone.currentText() == "Europe/Berlin"
    assert len(windows) == 2 and windows[0] is not windows[1]  # the first one deleted
    assert own == [chosen is None]  # one's own plan stays; the demo still offers the way out
    windows[1].deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    reopened = context.open_services(db_path, demo_services.clock)
    try:
        plan = reopened.plans.require()
        shown = reopened.calendar.occurrences(plan, date(2026, 10, 1), date(2027, 2, 1))
        if chosen is None:
            assert plan.is_demo and shown
        else:
            assert not plan.is_demo and plan.name == "Eleven steps to reconnect"
            assert shown == []
    finally:
        reopened.close()


def test_only_the_demo_is_set_aside(plan_services: Services) -> None:
    with pytest.raises(InvalidInputError, match="Only the demo plan"):
        plan_services.plans.discard_demo()
    assert plan_services.plans.current() is not None


def test_alt_s_reads_a_start_day_typed_part_by_part_as_a_click_does(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    """A review: Alt+S began the plan on 3 March for "30 Mar" typed over 10 February."""
    from PySide6.QtWidgets import QDateTimeEdit

    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.start.setDate(QDate(2027, 2, 10))
    dialog.start.setFocus()
    qtbot.waitUntil(dialog.start.hasFocus)
    sections = range(dialog.start.sectionCount())
    day = next(i for i in sections
               if dialog.start.sectionAt(i) == QDateTimeEdit.Section.DaySection)  # fmt: skip
    dialog.start.setCurrentSectionIndex(day)
    qtbot.keyClicks(dialog.start, "30 Mar")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.choice is not None)
    assert dialog.choice is not None and dialog.choice.draft.start == date(2027, 3, 30)
