"""File > Export… and File > Import… driven through the real window and dialogs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import SetAside
from planner.errors import StorageError
from planner.services.changes import Changes
from planner.services.context import Services
from planner.services.interop import ExportRequest, ImportReport
from planner.ui import file_dialogs
from planner.ui.dialogs.export import ExportDialog
from planner.ui.dialogs.import_options import ImportOptionsDialog
from planner.ui.hub import Hub
from planner.ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY, access_keys, status_message, wait_for_dialog
from tests.zones import BERLIN

DATA = Path(__file__).parents[1] / "data"


def _export_dialog(qtbot: QtBot, window: MainWindow) -> ExportDialog:
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is not None)
    dialog = window.findChild(ExportDialog)
    assert isinstance(dialog, ExportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_a, **_k: (str(path), ""))


def _import_into(hub: Hub, path: Path) -> ImportReport:
    """An import as the app makes it, without its question: read, then imported."""
    return hub.import_read(hub.read_import(path))


def _open_from(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_a, **_k: (str(path), ""))


@pytest.fixture
def demo_window(qtbot: QtBot, demo_services: Services) -> MainWindow:
    window = MainWindow(services=demo_services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_export_everything_keeps_notes_private_by_default(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan"
    _save_to(monkeypatch, target)
    dialog = _export_dialog(qtbot, demo_window)
    assert not dialog.include_notes.isChecked()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "plan.ics"  # the extension is added
    qtbot.waitUntil(written.exists)
    calendar = Calendar.from_ical(written.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 23
    assert all("DESCRIPTION" not in event for event in events)
    assert "Exported 23 activities" in status_message(demo_window)


def test_exporting_one_activity_says_one_activity(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN)
    main_window.hub.create_activity(ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    _save_to(monkeypatch, tmp_path / "one")
    dialog = _export_dialog(qtbot, main_window)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil((tmp_path / "one.ics").exists)
    assert status_message(main_window) == "Exported 1 activity to one.ics."

    # A trial: with contact set aside, the count said nothing of what it left out.
    main_window.hub.set_contact_aside(SetAside.ASKED)
    _save_to(monkeypatch, tmp_path / "two")
    dialog = _export_dialog(qtbot, main_window)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil((tmp_path / "two.ics").exists)
    assert status_message(main_window) == (
        "Exported 1 activity to two.ics. Contact set aside stays out of it, as asked."
    )
    main_window.hub.lift_contact_aside()  # and set aside by choice, to focus on growth
    main_window.hub.set_contact_aside(SetAside.GROWTH)
    _save_to(monkeypatch, tmp_path / "three")
    dialog = _export_dialog(qtbot, main_window)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil((tmp_path / "three.ics").exists)
    assert status_message(main_window).endswith("stays out of it, as you chose.")  # a review


def test_export_with_a_last_day_that_is_no_date_exports_nothing(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: asked.append(a) or ("", ""))
    dialog = _export_dialog(qtbot, main_window)
    dialog.between.setChecked(True)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.last_day.setFocus()
    qtbot.waitUntil(dialog.last_day.hasFocus)
    qtbot.keyClick(dialog.last_day, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for character in "31 Feb 2027":
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClicks(focused, character)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked == []  # it went on to save with the last good range
    assert dialog.isVisible() and dialog.error.text() == "February 2027 has no day 31."


def test_choosing_a_range_says_a_repeating_activity_goes_out_whole(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    dialog = _export_dialog(qtbot, main_window)
    size = dialog.size()
    assert dialog.whole_series.isVisible() and not dialog.whole_series.isEnabled()

    qtbot.mouseClick(dialog.between, Qt.MouseButton.LeftButton)

    assert dialog.whole_series.isEnabled()
    assert "goes out whole, with all its repeats" in dialog.whole_series.text()
    qtbot.mouseClick(dialog.everything, Qt.MouseButton.LeftButton)
    assert not dialog.whole_series.isEnabled()
    assert dialog.size() == size  # nothing jumps


def test_the_steps_and_categories_lists_line_up_row_by_row(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    dialog = _export_dialog(qtbot, demo_window)
    steps, categories = dialog.steps, dialog.categories
    for row in range(categories.count()):
        step = steps.visualItemRect(steps.item(row))
        category = categories.visualItemRect(categories.item(row))
        on_screen = steps.viewport().mapToGlobal(step.topLeft()).y()
        assert on_screen == categories.viewport().mapToGlobal(category.topLeft()).y()
        assert step.height() == category.height()
    longest = steps.item(steps.count() - 1)  # "11. Carry the lessons forward", whole
    width = steps.fontMetrics().horizontalAdvance(longest.text())
    assert steps.visualItemRect(longest).width() > width


def test_unticked_categories_stay_out_and_disguise_hides_titles(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "shared.ics"
    _save_to(monkeypatch, target)
    dialog = _export_dialog(qtbot, demo_window)
    for row in range(dialog.categories.count()):
        item = dialog.categories.item(row)
        if item.data(Qt.ItemDataRole.UserRole) is not Category.MEETUP:
            item.setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.disguise, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists)
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Coffee"
    assert "LOCATION" not in event and "CATEGORIES" not in event


def test_neutral_titles_keep_the_notes_out_whatever_was_ticked(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial ticked both "include my notes" and "neutral titles": the calendar meant for
    other eyes said "Coffee" and, in its description, "Ask Sam how the new job is going"."""
    target = tmp_path / "shared.ics"
    _save_to(monkeypatch, target)
    main_window.hub.create_activity(replace(_walk(), notes="Ask Sam how the new job is going"))
    dialog = _export_dialog(qtbot, main_window)
    qtbot.mouseClick(dialog.include_notes, Qt.MouseButton.LeftButton)
    assert dialog.include_notes.isChecked()
    qtbot.mouseClick(dialog.disguise, Qt.MouseButton.LeftButton)
    assert not dialog.include_notes.isChecked() and not dialog.include_notes.isEnabled()
    qtbot.mouseClick(dialog.disguise, Qt.MouseButton.LeftButton)  # untick: the notes come back
    assert dialog.include_notes.isChecked() and dialog.include_notes.isEnabled()
    qtbot.mouseClick(dialog.disguise, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists)
    assert b"Ask Sam" not in target.read_bytes()
    assert all(
        "DESCRIPTION" not in e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    )


def test_export_with_nothing_chosen_explains_instead_of_writing(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _save_to(monkeypatch, tmp_path / "never.ics")
    dialog = _export_dialog(qtbot, demo_window)
    for row in range(dialog.steps.count()):
        dialog.steps.item(row).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "step" in dialog.error.text()
    assert not (tmp_path / "never.ics").exists()


def _import_with_keys(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+I, and Enter on the question of where new events from another calendar go
    (asked when the file has some that name no step or kind), as a person would."""
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    asked = window.findChildren(ImportOptionsDialog)
    if asked and asked[-1].isVisible():
        qtbot.keyClick(asked[-1], Qt.Key.Key_Return)


def _modal_box(qtbot: QtBot) -> QMessageBox:
    def found() -> bool:
        return any(
            isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
        )

    qtbot.waitUntil(found)
    (box,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    return box


def _walk() -> ActivityDraft:
    start = datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN)
    return ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
    )  # fmt: skip


def test_import_adds_events_and_says_what_happened(
    qtbot: QtBot,
    main_window: MainWindow,
    plan_services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "coffee.ics"
    source.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:coffee-1@test\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART;TZID=Europe/Berlin:20261125T103000\r\n"
        b"DTEND;TZID=Europe/Berlin:20261125T113000\r\n"
        b"SUMMARY:Coffee with a friend\r\nCATEGORIES:meetup\r\nEND:VEVENT\r\n"
        b"BEGIN:VTODO\r\nUID:todo-1@test\r\nSUMMARY:Buy flowers\r\nEND:VTODO\r\n"
        b"END:VCALENDAR\r\n"
    )
    _open_from(monkeypatch, source)
    main_window.hub.delete_activity(main_window.hub.create_activity(_walk()).uid)
    assert main_window.undo_action.isEnabled()
    _import_with_keys(qtbot, main_window)
    box = _modal_box(qtbot)
    assert box.text() == "Imported “coffee.ics”"
    assert box.informativeText() == (
        "1 activity added, 1 left out. Edit › Undo takes the import back."
    )
    assert "to-do" in box.detailedText()
    box.close()
    day = date(2026, 11, 25)
    view = main_window.month_view
    qtbot.waitUntil(lambda: view.chip_rect("coffee-1@test", day) is not None)
    plan = plan_services.plans.require()
    (stored,) = plan_services.calendar.occurrences(plan, day, day)
    assert stored.activity.category is Category.MEETUP

    # One undo step takes the import back; the steps before it are still there.
    assert main_window.undo_action.text() == "&Undo Import “coffee.ics”"
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.chip_rect("coffee-1@test", day) is None)
    assert plan_services.calendar.occurrences(plan, day, day) == []
    assert main_window.undo_action.text() == "&Undo Delete “Walk”"
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(main_window, Qt.Key.Key_Z, redo)
    qtbot.waitUntil(lambda: view.chip_rect("coffee-1@test", day) is not None)

    source.write_bytes(source.read_bytes().split(b"BEGIN:VTODO")[0] + b"END:VCALENDAR\r\n")
    _import_with_keys(qtbot, main_window)
    again = _modal_box(qtbot)
    assert (
        again.informativeText()
        == "Nothing new: your plan already has the one activity in this file."
    )
    again.close()


def test_undoing_an_import_puts_back_what_it_updated_marks_included(
    qtbot: QtBot,
    main_window: MainWindow,
    plan_services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hub = main_window.hub
    start = datetime(2026, 11, 18, 8, 0, tzinfo=BERLIN)  # last week: it can be marked done
    walk = hub.create_activity(replace(_walk(), start=start, end=start + timedelta(minutes=30)))
    (occurrence,) = plan_services.calendar.occurrences(hub.plan, start.date(), start.date())
    hub.mark(occurrence, Status.DONE)
    source = tmp_path / "newer.ics"
    source.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:" + walk.uid.encode() + b"\r\nDTSTAMP:20261101T000000Z\r\n"
        b"SEQUENCE:5\r\nDTSTART;TZID=Europe/Berlin:20261118T090000\r\n"
        b"DTEND;TZID=Europe/Berlin:20261118T093000\r\n"
        b"SUMMARY:Long walk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    _open_from(monkeypatch, source)
    _import_with_keys(qtbot, main_window)
    box = _modal_box(qtbot)
    assert box.informativeText().startswith("1 activity updated.")
    box.close()
    moved = plan_services.activities.snapshot(walk.uid)
    assert moved.activity.title == "Long walk"
    assert [mark.recurrence_id.hour for mark in moved.completions] == [9]  # the mark followed

    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    back = plan_services.activities.snapshot(walk.uid)
    assert back.activity == walk
    assert [(m.recurrence_id.hour, m.status) for m in back.completions] == [(8, Status.DONE)]


def test_the_import_summary_goes_to_where_the_new_activities_begin(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "spring.ics"
    source.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:walk-1@test\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART;VALUE=DATE:20270314\r\nSUMMARY:Long walk\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:walk-2@test\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART;VALUE=DATE:20270402\r\nSUMMARY:Longer walk\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    _open_from(monkeypatch, source)
    _import_with_keys(qtbot, main_window)
    box = _modal_box(qtbot)
    go = box.findChild(QPushButton, "go_to_imported")
    assert go is not None and go.text() == "Go to 14 March 2027"
    qtbot.mouseClick(go, Qt.MouseButton.LeftButton)

    view = main_window.month_view
    assert main_window.views.currentWidget() is view
    qtbot.waitUntil(lambda: view.chip_rect("walk-1@test", date(2027, 3, 14)) is not None)
    assert not box.isVisible()


def test_a_malformed_file_changes_nothing_and_says_why(
    qtbot: QtBot,
    main_window: MainWindow,
    plan_services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        b"DTSTART:20261125T103000Z\r\nSUMMARY:Half\r\nEND:VCALENDAR\r\n"
    )
    _open_from(monkeypatch, broken)
    _import_with_keys(qtbot, main_window)
    box = _modal_box(qtbot)
    assert box.text() == "Could not import “broken.ics”"
    assert "END:VEVENT" in box.informativeText()
    assert box.informativeText().endswith("Nothing in your plan was changed.")
    assert box.width() > 400  # the reason reads in lines, not in a narrow column of words
    box.close()
    plan = plan_services.plans.require()
    assert plan_services.calendar.occurrences(plan, TODAY, date(2026, 12, 31)) == []


def test_a_file_refused_by_a_full_disk_says_nothing_changed_once(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data-safety trial read "Nothing was changed." and then "Nothing in your plan was
    changed." in one box."""
    good = tmp_path / "good.ics"
    good.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        b"DTSTAMP:20261101T000000Z\r\nDTSTART:20261125T103000Z\r\n"
        b"DTEND:20261125T110000Z\r\nSUMMARY:Walk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )

    def full(*_args: object, **_kwargs: object) -> object:
        raise StorageError("Cannot save to plan.sqlite3: the disk is full. Nothing was changed.")

    monkeypatch.setattr(main_window.hub, "import_read", full)
    _open_from(monkeypatch, good)
    _import_with_keys(qtbot, main_window)
    box = _modal_box(qtbot)
    assert box.informativeText() == (
        "Cannot save to plan.sqlite3: the disk is full. Nothing was changed."
    )
    box.close()


def test_a_file_that_cannot_be_read_is_refused_before_any_question(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: a file from another calendar with a day that does not exist (31 November)
    asked where its events should go, and only then said it could not be read."""
    broken = tmp_path / "november.ics"
    broken.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:fine@x\r\nSUMMARY:Fine\r\nDTSTART:20261125T103000Z\r\n"
        b"END:VEVENT\r\nBEGIN:VEVENT\r\nUID:odd@x\r\nSUMMARY:Odd\r\n"
        b"DTSTART:20261131T103000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    _open_from(monkeypatch, broken)
    qtbot.keyClick(main_window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    box = _modal_box(qtbot)
    assert not main_window.findChildren(ImportOptionsDialog)
    assert box.text() == "Could not import “november.ics”"
    assert "20261131T103000Z" in box.informativeText()
    box.close()


def test_the_file_dialogs_open_in_the_folder_used_last(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "calendars"
    folder.mkdir()
    offered: list[str] = []

    def choose(_parent: object, _caption: str, where: str, _filter: str) -> tuple[str, str]:
        offered.append(where)
        return str(folder / "my plan.ics"), ""

    monkeypatch.setattr(file_dialogs, "save_file_name", choose)
    monkeypatch.setattr(file_dialogs, "open_file_name", choose)
    main_window.hub.create_activity(_walk())
    main_window.files.export(ExportDialog(program=main_window.hub.program, today=TODAY).request())
    imported: list[Path] = []
    monkeypatch.setattr(  # its summary is modal
        main_window.files, "import_read", lambda read, *_: imported.append(read.path)
    )
    main_window.import_file()

    assert Path(offered[0]).parent == Path.home()  # nothing remembered yet
    assert offered[1] == str(folder)  # where the export went
    assert imported == [folder / "my plan.ics"]


def test_a_file_without_events_says_so_and_one_seen_before_says_nothing_is_new(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty.ics"
    empty.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nEND:VCALENDAR\r\n")
    _open_from(monkeypatch, empty)
    _import_with_keys(qtbot, main_window)
    box = _modal_box(qtbot)
    assert box.informativeText() == "The file holds no events."
    box.close()

    two = tmp_path / "two.ics"
    events = b"".join(
        b"BEGIN:VEVENT\r\nUID:walk-" + n + b"@test\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART;TZID=Europe/Berlin:2026112" + n + b"T083000\r\n"
        b"DTEND;TZID=Europe/Berlin:2026112" + n + b"T090000\r\nSUMMARY:Walk\r\nEND:VEVENT\r\n"
        for n in (b"5", b"6")
    )
    two.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" + events
                    + b"END:VCALENDAR\r\n")  # fmt: skip
    _open_from(monkeypatch, two)
    for expected in (
        "2 activities added. Edit › Undo takes the import back.",
        "Nothing new: your plan already has all 2 activities in this file.",
    ):
        _import_with_keys(qtbot, main_window)
        box = _modal_box(qtbot)
        assert box.informativeText() == expected
        box.close()
        qtbot.waitUntil(lambda shown=box: not shown.isVisible())


def _two_done_journaling_sessions(tmp_path: Path) -> Path:
    """Our export of two journaling sessions marked done, 16 and 17 November: step 1's
    milestone, brought to this plan from another computer."""
    events = b"".join(
        b"BEGIN:VEVENT\r\nUID:journal-" + n + b"@rekindle\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART;TZID=Europe/Berlin:2026111" + n + b"T200000\r\n"
        b"DTEND;TZID=Europe/Berlin:2026111" + n + b"T203000\r\n"
        b"SUMMARY:\xe2\x9c\x93 Journaling\r\nCATEGORIES:reflection\r\nX-REKINDLE-STEP:1\r\n"
        b"X-REKINDLE-DONE:TRUE\r\nEND:VEVENT\r\n"
        for n in (b"6", b"7")
    )
    source = tmp_path / "moved.ics"
    source.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rekindle//EN\r\n" + events
                       + b"END:VCALENDAR\r\n")  # fmt: skip
    return source


def test_an_import_whose_done_marks_complete_a_step_says_so_and_undo_takes_it_back(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _two_done_journaling_sessions(tmp_path)
    _open_from(monkeypatch, source)
    _import_with_keys(qtbot, main_window)
    _modal_box(qtbot).close()
    hub = main_window.hub
    assert hub.steps_progress()[0].complete
    assert main_window.message_bar.text.text().startswith(
        "You met the milestones of step 1, “Understand what went wrong”."
    )
    qtbot.waitUntil(lambda: "step 2 of 11" in main_window.summary.text())

    hub.undo_stack.undo()
    assert not hub.steps_progress()[0].complete
    assert hub.occurrences(date(2026, 11, 16), date(2026, 11, 17)) == []
    qtbot.waitUntil(lambda: "step 1 of 11" in main_window.summary.text())
    hub.undo_stack.redo()
    assert hub.steps_progress()[0].complete


def test_the_suggested_file_name_says_no_more_than_the_file(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []

    def choose(_parent: object, _caption: str, where: str, _filter: str) -> tuple[str, str]:
        offered.append(Path(where).name)
        return "", ""  # cancelled: nothing is written

    monkeypatch.setattr(file_dialogs, "save_file_name", choose)
    main_window.hub.create_activity(_walk())
    dialog = ExportDialog(program=main_window.hub.program, today=TODAY)
    main_window.files.export(dialog.request())
    dialog.disguise.setChecked(True)  # for a calendar others can see
    main_window.files.export(dialog.request())
    assert offered == [f"{main_window.hub.plan.name}.ics", "Personal.ics"]
    # A week's file says it is a week's (a trial's came out named as the whole plan).
    dialog.between.setChecked(True)
    main_window.files.export(dialog.request())
    assert offered[-1] == "Personal 2026-11-23 to 2027-01-17.ics"  # eight weeks
    dialog.everything.setChecked(True)
    # A name no file system would take as it is: its awkward characters become dashes.
    for name, expected in (('Us: "then" / now?', "Us- -then- - now-.ics"), ("...", "Calendar.ics")):
        monkeypatch.setattr(main_window.hub, "export_name", lambda _request, n=name: n)
        main_window.files.export(dialog.request())
        assert offered[-1] == expected


def test_an_import_undo_that_fails_halfway_leaves_the_import_whole(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _two_done_journaling_sessions(tmp_path)
    hub = main_window.hub
    _import_into(hub, source)
    assert hub.steps_progress()[0].complete

    def full_disk(*_args: object) -> Changes:
        raise StorageError("The disk is full. Nothing was changed.")

    monkeypatch.setattr(hub.services.activities, "restore", full_disk)
    problems: list[str] = []
    hub.problem.disconnect(main_window._on_hub_problem)
    hub.problem.connect(problems.append)
    hub.undo_stack.undo()

    assert problems == ["The disk is full. Nothing was changed."]
    assert len(hub.occurrences(date(2026, 11, 16), date(2026, 11, 17))) == 2  # all kept
    assert hub.steps_progress()[0].complete  # the step and its marks, together


def test_an_event_the_file_cancels_is_said_removed_not_skipped(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counted as "1 updated" and listed among the skipped, a cancelled event left it unclear
    whether it was gone."""
    event = (
        b"BEGIN:VEVENT\r\nUID:run-1@test\r\nDTSTAMP:20261101T000000Z\r\nSEQUENCE:%d\r\n"
        b"DTSTART;TZID=Europe/Berlin:20261128T100000\r\n"
        b"DTEND;TZID=Europe/Berlin:20261128T113000\r\nSUMMARY:Long run\r\n%sEND:VEVENT\r\n"
    )
    head = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
    todo = b"BEGIN:VTODO\r\nUID:todo-1@test\r\nSUMMARY:Buy flowers\r\nEND:VTODO\r\n"
    source = tmp_path / "runs.ics"
    source.write_bytes(head + event % (0, b"") + b"END:VCALENDAR\r\n")
    _open_from(monkeypatch, source)
    _import_with_keys(qtbot, main_window)
    _modal_box(qtbot).close()
    source.write_bytes(head + event % (1, b"STATUS:CANCELLED\r\n") + todo + b"END:VCALENDAR\r\n")

    _import_with_keys(qtbot, main_window)

    box = _modal_box(qtbot)
    assert box.informativeText() == (
        "1 activity removed, 1 left out. Edit › Undo takes the import back."
    )
    removed, left = box.detailedText().split("\n\n")
    assert removed == "Removed, as the file cancels them:\n  the event “Long run”"
    assert left.startswith("Left as they were, or not imported:\n  ")
    assert left.endswith("a to-do “Buy flowers”: Rekindle imports events only (line 13)")
    box.close()


def _concert(tmp_path: Path, sequence: int, cancelled: bool = False) -> Path:
    path = tmp_path / f"concert-{sequence}{'-cancelled' if cancelled else ''}.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN"
        b"\r\nBEGIN:VEVENT\r\nDTSTAMP:20270101T000000Z\r\nUID:c1@google.com\r\n"
        + f"SEQUENCE:{sequence}\r\n".encode()
        + (b"STATUS:CANCELLED\r\n" if cancelled else b"")
        + b"SUMMARY:Concert\r\nDTSTART;TZID=Europe/Berlin:20270410T200000\r\n"
        b"DTEND;TZID=Europe/Berlin:20270410T220000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return path


def _concerts(hub: Hub) -> list[str]:
    return [o.title for o in hub.occurrences(date(2027, 4, 10), date(2027, 4, 10))]


def test_undoing_a_cancellation_lets_the_older_file_in_again(hub: Hub, tmp_path: Path) -> None:
    """Undone, a cancellation still kept the event out once it was deleted by hand: the
    record of the removal goes with the undo, and comes back with the redo."""
    _import_into(hub, _concert(tmp_path, 0))
    _import_into(hub, _concert(tmp_path, 1, cancelled=True))
    assert _concerts(hub) == []

    hub.undo_stack.undo()
    assert _concerts(hub) == ["Concert"]
    hub.delete_activity(ActivityUid("c1@google.com"))
    report = _import_into(hub, _concert(tmp_path, 0))

    assert report.added == 1 and _concerts(hub) == ["Concert"]


def test_undoing_a_file_that_brought_an_event_back_keeps_it_out_again(
    hub: Hub, tmp_path: Path
) -> None:
    _import_into(hub, _concert(tmp_path, 0))
    _import_into(hub, _concert(tmp_path, 1, cancelled=True))
    assert _import_into(hub, _concert(tmp_path, 2)).added == 1  # put back in Google

    hub.undo_stack.undo()
    report = _import_into(hub, _concert(tmp_path, 0))

    assert report.added == 0 and _concerts(hub) == []
    assert report.skipped[0].reason.endswith("so it stays removed")


def test_the_details_name_what_an_import_updated(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial saw "2 updated" and could not find which: the details name them, as they
    were and as they are now."""
    event = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:run-1@test\r\nDTSTAMP:20261101T000000Z\r\nSEQUENCE:%d\r\n"
        b"DTSTART;TZID=Europe/Berlin:20261128T100000\r\n"
        b"DTEND;TZID=Europe/Berlin:20261128T113000\r\nSUMMARY:%s\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    source = tmp_path / "runs.ics"
    source.write_bytes(event % (0, b"Long run"))
    _open_from(monkeypatch, source)
    _import_with_keys(qtbot, main_window)
    _modal_box(qtbot).close()
    source.write_bytes(event % (1, b"Long run by the river"))

    _import_with_keys(qtbot, main_window)

    box = _modal_box(qtbot)
    assert box.informativeText().startswith("1 activity updated.")
    assert box.detailedText() == (
        "Updated from the file:\n  “Long run”, now “Long run by the river”"
    )
    box.close()


def test_an_import_that_leaves_out_a_marked_day_says_so_in_its_summary(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial: a series shortened in another calendar took a day marked done out of the
    calendar, and the import said only "1 updated"."""
    from tests.services.test_import_done_marks import _google_series

    source = tmp_path / "walks.ics"
    source.write_bytes(_google_series("20261108T060000Z", 0))
    _open_from(monkeypatch, source)
    _import_with_keys(qtbot, main_window)
    _modal_box(qtbot).close()
    hub = main_window.hub
    (thursday,) = [o for o in hub.occurrences(date(2026, 11, 5), date(2026, 11, 5))
                   if o.title == "Morning walk"]  # fmt: skip
    hub.mark(thursday, Status.DONE)
    source.write_bytes(_google_series("20261104T060000Z", 1))

    _import_with_keys(qtbot, main_window)

    box = _modal_box(qtbot)
    assert "Some days you marked are no longer in the file" in box.informativeText()
    assert box.detailedText().startswith(
        "Updated from the file:\n  “Morning walk”\n\n"
        "Days you marked that the file no longer has:\n  “Morning walk”: the file no longer"
    )
    box.close()


def test_new_events_from_another_calendar_go_where_the_person_says(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial: everything from Google came in as "Other" on the current step, to be changed
    one by one. Import asks once where new events that name no step or kind go; a second
    import of the same file, with nothing new, asks nothing."""
    _open_from(monkeypatch, DATA / "ics" / "google_weekly_with_exception_and_override.ics")
    hub = main_window.hub

    def everything() -> list[Activity]:
        return hub.services.interop.select_for_export(hub.plan, ExportRequest())

    before = {a.uid for a in everything()}

    qtbot.keyClick(main_window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    asked = wait_for_dialog(qtbot, main_window, ImportOptionsDialog)
    assert asked.windowTitle() == "Import"
    intro = asked.findChild(QLabel, "import_intro")
    assert intro is not None and intro.text().startswith("3 new events in “google_weekly")
    # Named, not only counted (a trial could not tell which events it was asked about).
    question, named = intro.text().split("\n\n")
    assert question.endswith("Where should they go?")  # a trial: it read heavily before
    assert named.startswith("The events: “") and named.count("“") == 3 and " and “" in named
    assert asked.step.currentData() == 1  # the step the plan is on
    assert asked.category.currentData() is Category.OTHER
    asked.step.setCurrentIndex(asked.step.findData(4))
    asked.category.setCurrentIndex(asked.category.findData(Category.GROWTH))
    qtbot.mouseClick(asked.import_button, Qt.MouseButton.LeftButton)
    _modal_box(qtbot).close()

    added = [a for a in everything() if a.uid not in before]
    assert len(added) == 3 and {(a.step, a.category) for a in added} == {(4, Category.GROWTH)}
    qtbot.keyClick(main_window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    box = _modal_box(qtbot)  # straight to what happened: nothing new to place
    assert not [d for d in main_window.findChildren(ImportOptionsDialog) if d.isVisible()]
    box.close()


def test_the_export_dialogs_choices_each_have_their_own_letter(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A keyboard-only trial found no underlined letters here, as every other dialog has."""
    dialog = _export_dialog(qtbot, main_window)
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)]
    keys = access_keys(texts)
    assert len(keys) == len(set(keys)) >= 7, sorted(keys)
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert dialog.categories.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.between.isChecked)  # Qt presses it as a click, after a moment
    dialog.reject()


def test_the_import_question_names_a_few_events_and_counts_the_rest(qtbot: QtBot, hub: Hub) -> None:
    titles = ["Stand-up", "Lunch", "Review", "Retro", "Drinks"]
    many = ImportOptionsDialog(hub=hub, file_name="work.ics", count=5, titles=titles)
    one = ImportOptionsDialog(hub=hub, file_name="walk.ics", count=1, titles=["Walk"])
    for dialog in (many, one):
        qtbot.addWidget(dialog)
    said = [d.findChild(QLabel, "import_intro").text().split("\n\n")[1] for d in (many, one)]
    assert said == ["The events: “Stand-up”, “Lunch”, “Review” and 2 more.", "The event: “Walk”."]
